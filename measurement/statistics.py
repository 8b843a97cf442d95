"""The statistics of a computed result, declared once: name, type, the engine stage that
computes it, who may see it, and its column in the results file and the API answer.

Every list of statistics is derived from ``RESULT_COLUMNS`` and ``DISPARITY_COLUMNS``: the
engine's output columns, the COPY that stores them, the stored frame an incremental run
reads back, what ``selectors.publish`` masks, the results file's header and the API's
serializer. ``ComputedResult`` and ``DimensionDisparity`` hold one field per column (a test
checks that they agree).

Masking is an allow-list. An audience that sees small cells suppressed (``roles.Audience``
without ``unsuppressed``) sees a figure only when its declaration says so: ``restricted`` is
the set of protections that hide it — the cell itself suppressed, its reference group, its
baseline or a point of its trend — and ``None`` (the default) hides it always. A new
statistic is therefore hidden from restricted audiences until someone decides otherwise.

Pure: no Django, so the engine reads it too.
"""

from dataclasses import dataclass
from enum import StrEnum


class Stage(StrEnum):
    AGGREGATE = "aggregate"  # stage A, per period (engine.aggregate)
    TIME = "time"  # stage B, across periods (engine.add_time_statistics)


class Protection(StrEnum):
    """Why a figure of this result could give a suppressed number away."""

    CELL = "cell"  # the cell itself is suppressed
    REFERENCE = "reference"  # its reference group is suppressed
    BASELINE = "baseline"  # its baseline (the cell in the baseline period) is suppressed
    TREND = "trend"  # a point of its recent trend is suppressed
    RANGE = "range"  # the cell is published as a coded range, without its exact value


class ColumnKind(StrEnum):
    FIGURE = "figure"  # a number or verdict people read
    KEY = "key"  # the key of another cell the figures compare with
    FLAG = "flag"  # records that a protection applies (see ``protects``)


@dataclass(frozen=True)
class Column:
    name: str
    type: type
    stage: Stage
    kind: ColumnKind = ColumnKind.FIGURE
    restricted: frozenset[Protection] | None = None
    """For an audience without unsuppressed access: shown unless one of these protections
    applies; None: never shown."""
    exported: str = ""
    """Its column in the results file and the API answer; "" when it is not exported."""
    protects: Protection | None = None
    """For a FLAG: the protection it raises when set (``suppression`` is a string, "" when
    the cell is published; the other flags are booleans)."""
    reason_exported: str = ""
    """For a FLAG whose stored value says why it is raised (``suppression``): the column of
    the results file and the API answer with that value. Only audiences with unsuppressed
    access get it: a restricted audience's file has no such column at all."""


def unless(*protections: Protection) -> frozenset[Protection]:
    return frozenset(protections)


ALWAYS = frozenset[Protection]()
CELL, REFERENCE = Protection.CELL, Protection.REFERENCE
BASELINE, TREND, RANGE = Protection.BASELINE, Protection.TREND, Protection.RANGE
A, B = Stage.AGGREGATE, Stage.TIME

# In the order of the results file (design.md's interchange format, then what was added
# since at the end), then the columns that are not exported.
RESULT_COLUMNS: tuple[Column, ...] = (
    Column("numerator", float, A, restricted=unless(CELL, RANGE), exported="numerator"),
    Column("denominator", float, A, restricted=unless(CELL), exported="denominator"),
    Column("value", float, A, restricted=unless(CELL, RANGE), exported="value"),
    Column(
        "suppression",
        str,
        A,
        ColumnKind.FLAG,
        restricted=ALWAYS,
        exported="suppressed",
        protects=CELL,
        reason_exported="suppression_reason",
    ),
    Column(
        "reference_key", str, A, ColumnKind.KEY, restricted=ALWAYS, exported="reference_category"
    ),
    Column(
        "ratio_to_reference",
        float,
        A,
        restricted=unless(CELL, RANGE, REFERENCE),
        exported="ratio_to_reference",
    ),
    Column(
        "difference_from_reference",
        float,
        A,
        restricted=unless(CELL, RANGE, REFERENCE),
        exported="difference_from_reference",
    ),
    Column("ci_low", float, A, restricted=unless(CELL, RANGE), exported="ci_low"),
    Column("ci_high", float, A, restricted=unless(CELL, RANGE), exported="ci_high"),
    # The best group is a published one, so comparing a published cell with it reveals nothing.
    Column("best_key", str, A, ColumnKind.KEY, restricted=ALWAYS, exported="best_category"),
    Column("ratio_to_best", float, A, restricted=unless(CELL, RANGE), exported="ratio_to_best"),
    Column(
        "difference_from_best",
        float,
        A,
        restricted=unless(CELL, RANGE),
        exported="difference_from_best",
    ),
    # A coded range is what a restricted audience sees of a ranged cell instead of its value.
    Column("range_low", float, A, restricted=unless(CELL), exported="range_low"),
    Column("range_high", float, A, restricted=unless(CELL), exported="range_high"),
    Column("ranged", bool, A, ColumnKind.FLAG, protects=RANGE),
    Column("n", float, A, restricted=unless(CELL)),
    Column("gap_significant", bool, A, restricted=unless(CELL, RANGE, REFERENCE)),
    Column("reference_suppressed", bool, A, ColumnKind.FLAG, protects=REFERENCE),
    Column("baseline", float, B, restricted=unless(CELL, BASELINE)),
    Column("change_since_baseline", float, B, restricted=unless(CELL, RANGE, BASELINE)),
    Column("baseline_suppressed", bool, B, ColumnKind.FLAG, protects=BASELINE),
    # Targets are what the initiative set out to reach, not data: everyone sees them.
    Column("target", float, B, restricted=ALWAYS),
    Column("progress_to_target", float, B, restricted=unless(CELL, RANGE, BASELINE)),
    Column("group_target", float, B, restricted=ALWAYS),
    Column("progress_to_group_target", float, B, restricted=unless(CELL, RANGE, BASELINE)),
    Column("trend_slope", float, B, restricted=unless(CELL, RANGE, TREND)),
    Column("trend", str, B, restricted=unless(CELL, RANGE, TREND)),
    Column("trend_suppressed", bool, B, ColumnKind.FLAG, protects=TREND),
)

# The index of disparity, per indicator, period and dimension. Computed over published,
# known groups only, so every audience may see it.
DISPARITY_COLUMNS: tuple[Column, ...] = (
    Column("index_vs_reference", float, A, restricted=ALWAYS),
    Column("index_vs_best", float, A, restricted=ALWAYS),
    Column("groups_compared", int, A, restricted=ALWAYS),
)


def names(columns: tuple[Column, ...] = RESULT_COLUMNS, *, stage: Stage | None = None) -> list[str]:
    """The names of the columns (of one stage), in declaration order."""
    return [c.name for c in columns if stage is None or c.stage == stage]


PUBLISHED = [c for c in RESULT_COLUMNS if c.kind != ColumnKind.FLAG]
"""What a published result carries (``selectors.publish``): every figure and key."""
FLAGS = [c for c in RESULT_COLUMNS if c.kind == ColumnKind.FLAG]
EXPORTED = [c for c in RESULT_COLUMNS if c.exported]
"""The statistics of the results file and the API answer, in order (see ``exports``)."""


@dataclass(frozen=True)
class Export:
    """One column of the results file and the API answer: a statistic (``column.exported``)
    or, with ``reason``, why a flag was raised (``column.reason_exported``)."""

    name: str
    column: Column
    reason: bool = False

    @property
    def restricted(self) -> bool:
        """Whether an audience without unsuppressed access gets this column at all. Not the
        reasons — why a cell is hidden is for those who may see it — and not a statistic
        whose declaration hides it always: so an exported statistic added later is absent
        from a restricted audience's header until someone decides otherwise."""
        return not self.reason and self.column.restricted is not None


ALL_EXPORTS: tuple[Export, ...] = (
    *(Export(c.exported, c) for c in EXPORTED),
    # After every statistic, so that the restricted audience's columns keep their positions.
    *(Export(c.reason_exported, c, reason=True) for c in RESULT_COLUMNS if c.reason_exported),
)


# After the statistics, before the reasons: how complete and settled the figure's period is
# (``selectors.completeness``), the same for every cell of an indicator and period.
COMPLETENESS_EXPORTS = (
    "organizations_expected",
    "organizations_reported",
    "organizations_approved",
    "provisional",
)


# After the completeness, before the reasons: what a person reading the file needs beside the
# codes and exact figures — the indicator's name (in the reader's language) and unit, and the
# value rounded to the indicator's decimal places as the pages show it. ``value`` stays exact
# for the programs that read it.
READER_EXPORTS = ("indicator_name", "unit", "value_rounded")


def exports(*, unsuppressed: bool) -> list[Export]:
    """The columns of the results file and the API answer for an audience, in order."""
    return [e for e in ALL_EXPORTS if unsuppressed or e.restricted]


def protections_raised(flags: dict) -> set[Protection]:
    """The protections a result's flag values ({flag name: value}) raise."""
    return {c.protects for c in FLAGS if c.protects is not None and flags[c.name]}


def hidden_from_restricted(column: Column, raised: set[Protection]) -> bool:
    """Whether an audience without unsuppressed access must not see ``column`` of a result
    with these protections raised."""
    return column.restricted is None or bool(column.restricted & raised)
