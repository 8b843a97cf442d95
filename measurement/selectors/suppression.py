"""What disclosure control costs, in words people read: what a computation hid and why, how
much of each indicator restricted audiences cannot see, and whether a page an audience reads
has hidden or ranged figures to explain. The pattern itself is chosen by the computation
(measurement/disclosure.py); these read what it stored.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from initiatives.models import Initiative
from measurement.choices import RunStatus, Suppression
from measurement.models import ComputationRun, ComputedResult
from measurement.selectors.results import PublishedResult

# ---- What a page shows ----


@dataclass(frozen=True)
class DisclosureNote:
    """Whether the figures a page shows its audience include hidden cells or coded ranges:
    the page then says, in a sentence or two, why."""

    hidden: bool = False
    ranged: bool = False

    def __bool__(self) -> bool:
        return self.hidden or self.ranged


def disclosure_note(results: Iterable[PublishedResult | None]) -> DisclosureNote:
    """What of these published results the audience cannot read exactly. Decided by what
    the audience was given, not by who it is: a figure it sees is not hidden from it."""
    hidden = ranged = False
    for result in results:
        if result is None or result.value is not None:
            continue
        if result.coded_range:
            ranged = True
        elif result.suppressed:
            hidden = True
    return DisclosureNote(hidden=hidden, ranged=ranged)


# ---- Per indicator ----


def _reason_phrase(reason: str, count: int) -> str:
    """Why ``count`` cells are hidden, as the line beside an indicator says it."""
    if reason == Suppression.GROUP_SIZE:
        text = ngettext("%(count)s because it is small", "%(count)s because they are small", count)
    elif reason == Suppression.SMALL_COUNT:
        text = ngettext(
            "%(count)s because too few people were counted or not counted in it",
            "%(count)s because too few people were counted or not counted in them",
            count,
        )
    elif reason == Suppression.CONTRIBUTORS:
        text = ngettext(
            "%(count)s because too few organizations report it",
            "%(count)s because too few organizations report them",
            count,
        )
    else:
        text = ngettext("%(count)s to protect another", "%(count)s to protect others", count)
    return text % {"count": count}


@dataclass(frozen=True)
class IndicatorDisclosure:
    """How many of an indicator's initiative-wide cells, in its latest computed period,
    restricted audiences cannot see, by reason, and how many they see as a range."""

    period_id: int
    cells: int
    hidden: dict[str, int]
    ranged: int

    @property
    def hidden_cells(self) -> int:
        return sum(self.hidden.values())

    @property
    def line(self) -> str:
        """ "12 of 42 cells hidden for the public, 3 because they are small"."""
        parts = [
            ngettext(
                "%(hidden)s of %(total)s cell hidden for the public",
                "%(hidden)s of %(total)s cells hidden for the public",
                self.cells,
            )
            % {"hidden": self.hidden_cells, "total": self.cells}
        ]
        parts += [
            _reason_phrase(reason, self.hidden[reason])
            for reason in Suppression.values
            if reason and self.hidden.get(reason)
        ]
        if self.ranged:
            parts.append(
                ngettext("%(count)s shown as a range", "%(count)s shown as ranges", self.ranged)
                % {"count": self.ranged}
            )
        return _(", ").join(parts)


def indicator_disclosures(
    *, initiative: Initiative, indicators: Iterable | None = None, period=None
) -> dict[int, IndicatorDisclosure]:
    """Per indicator id, what restricted audiences cannot see of its latest computed period,
    or of ``period`` (initiative-wide results; a partner's part is shown to those who may see
    it whole). One query, grouped by period and reason. It names how much is hidden, never
    what."""
    results = ComputedResult.objects.initiative_wide().filter(initiative=initiative)
    if period is not None:
        results = results.filter(period=period)
    if indicators is not None:
        results = results.filter(indicator__in=list(indicators))
    counts = results.values(
        "indicator_id", "period_id", "period__start", "suppression", "ranged"
    ).annotate(cells=Count("id"))
    by_period: dict[tuple, list] = defaultdict(list)
    latest: dict[int, tuple] = {}
    for row in counts:
        key = (row["period__start"], row["period_id"])
        by_period[(row["indicator_id"], key)].append(row)
        if row["indicator_id"] not in latest or key > latest[row["indicator_id"]]:
            latest[row["indicator_id"]] = key
    disclosures = {}
    for indicator_id, key in latest.items():
        rows = by_period[(indicator_id, key)]
        hidden: dict[str, int] = defaultdict(int)
        for row in rows:
            if row["suppression"]:
                hidden[row["suppression"]] += row["cells"]
        disclosures[indicator_id] = IndicatorDisclosure(
            period_id=key[1],
            cells=sum(row["cells"] for row in rows),
            hidden=dict(hidden),
            ranged=sum(row["cells"] for row in rows if row["ranged"] and not row["suppression"]),
        )
    return disclosures


# ---- Per computation ----


@dataclass(frozen=True)
class DisclosureRow:
    label: str
    cells: int
    people: float


@dataclass(frozen=True)
class RunDisclosure:
    """What a computation's disclosure control hid from restricted audiences, by rule, and
    how its patterns were found: ``ComputationRun.disclosure`` as the computation page shows
    it."""

    run: ComputationRun
    cells: int
    people: float
    rows: list[DisclosureRow]
    ranged: DisclosureRow
    tables: int
    optimal: int
    time_limited: int
    fallback: int
    seconds: float | None

    @property
    def hidden_cells(self) -> int:
        return sum(row.cells for row in self.rows)

    @property
    def hidden_people(self) -> float:
        return sum(row.people for row in self.rows)


def run_disclosure(*, run: ComputationRun | None) -> RunDisclosure | None:
    """The run's disclosure summary, or None for a run that recorded none (before it was
    recorded, or a run that failed)."""
    if run is None or not run.disclosure.get("restricted"):
        return None
    summary = run.disclosure
    restricted = summary["restricted"]
    hidden = restricted.get("hidden", {})
    tables = summary.get("tables", {})
    ranged = restricted.get("ranged", {})
    return RunDisclosure(
        run=run,
        cells=restricted.get("cells", 0),
        people=restricted.get("people", 0),
        rows=[
            DisclosureRow(
                label=str(Suppression(reason).label),
                cells=hidden.get(reason, {}).get("cells", 0),
                people=hidden.get(reason, {}).get("people", 0),
            )
            for reason in Suppression.values
            if reason
        ],
        ranged=DisclosureRow(
            label=_("Shown as a range"),
            cells=ranged.get("cells", 0),
            people=ranged.get("people", 0),
        ),
        tables=tables.get("total", 0),
        optimal=tables.get("optimal", 0),
        time_limited=tables.get("time_limited", 0),
        fallback=tables.get("fallback", 0),
        seconds=summary.get("seconds"),
    )


def latest_run_disclosure(*, initiative: Initiative) -> RunDisclosure | None:
    """What the latest successful run that recorded its disclosure control hid."""
    run = (
        ComputationRun.objects.filter(initiative=initiative, status=RunStatus.SUCCEEDED)
        .exclude(disclosure={})
        .select_related("period")
        .order_by("-finished_at", "-id")
        .first()
    )
    return run_disclosure(run=run)
