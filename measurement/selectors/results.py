"""Computed results as each audience may see them: ``publish`` is the one place suppression
is applied; the series, lists and export rows built on it.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from initiatives import roles
from initiatives.models import Initiative
from measurement import statistics
from measurement.cells import parse_cell_key
from measurement.display import indicator_unit
from measurement.models import (
    ComputedResult,
    Indicator,
    ReportingPeriod,
)
from measurement.selectors.completeness import completeness_columns, indicator_completeness
from measurement.selectors.definitions import dimension_codes

# ---- Results, masked per audience ----


@dataclass(frozen=True)
class PublishedResult:
    """A computed figure as this audience may see it.

    For a suppressed cell every number is None and ``suppressed`` is True; a cell nobody
    reported has no PublishedResult at all; a true zero is 0. ``figures`` holds the
    statistics (``statistics.PUBLISHED``), masked the same way. A ``ranged`` cell is
    published to restricted audiences as its coded range (``range_low`` to ``range_high``)
    without its value. ``reason`` says why the cell is hidden from restricted audiences
    (``Suppression``), for an audience that may know it; "" otherwise."""

    period: ReportingPeriod
    cell_key: str
    suppressed: bool
    figures: dict
    ranged: bool = False
    reason: str = ""
    completeness: Any = None
    """How complete and settled the figure's period is (``completeness.Completeness``), where
    the caller looked it up."""

    @property
    def coded_range(self) -> bool:
        """Whether this audience reads the cell as its coded range instead of its value."""
        return self.value is None and self.range_low is not None and self.range_high is not None

    def __getattr__(self, name):
        try:
            return self.__dict__["figures"][name]
        except KeyError:
            raise AttributeError(name) from None


def publish(result: ComputedResult, audience: roles.Audience, completeness=None) -> PublishedResult:
    """The one place where suppression is applied to a result: an audience without
    unsuppressed access sees only what the declaration of each statistic allows it
    (``statistics.hidden_from_restricted``)."""
    figures = {column.name: getattr(result, column.name) for column in statistics.PUBLISHED}
    if not audience.unsuppressed:
        raised = statistics.protections_raised(
            {column.name: getattr(result, column.name) for column in statistics.FLAGS}
        )
        for column in statistics.PUBLISHED:
            if statistics.hidden_from_restricted(column, raised):
                figures[column.name] = None
    if figures["trend"] == "":
        figures["trend"] = None
    return PublishedResult(
        period=result.period,
        cell_key=result.cell.key,
        suppressed=result.is_suppressed,
        figures=figures,
        ranged=result.ranged,
        reason=result.suppression if audience.unsuppressed else "",
        completeness=completeness,
    )


def indicator_total_series(*, audience, indicator: Indicator) -> list[PublishedResult]:
    """The initiative-wide total of the indicator for every computed period, oldest first."""
    results = (
        ComputedResult.objects.initiative_wide()
        .totals()
        .filter(indicator=indicator)
        .select_related("period", "cell")
        .order_by("period__start")
    )
    return [publish(r, audience) for r in results]


def initiative_results(*, initiative: Initiative):
    """Every stored initiative-wide result of the active indicators, in the order exports and
    the API list them: indicator, period, breakdown. Unmasked: pass them through
    ``publish``."""
    return (
        ComputedResult.objects.initiative_wide()
        .of_active_indicators()
        .filter(initiative=initiative)
        .select_related("indicator", "period", "cell")
        .order_by(
            "indicator__order",
            "indicator__code",
            "period__start",
            "cell__dimension_set",
            "cell__key",
        )
    )


def result_export_rows(*, audience, initiative: Initiative, indicator=None, results=None):
    """Rows of the results interchange format (design.md), masked for the audience:
    indicator, period, one column per dimension ("" = all), then the audience's exported
    columns (``statistics.exports``) — the groups compared with named by their categories,
    and for an audience with unsuppressed access why each cell is hidden from the others —
    the period's completeness (``statistics.COMPLETENESS_EXPORTS``) and what a person needs
    to read the row (``statistics.READER_EXPORTS``): rounded from the masked value, so a
    suppressed cell has neither.
    Every stored initiative-wide result, one indicator's, or the given (computed)
    ``results``."""
    codes = dimension_codes(initiative=initiative)
    exports = statistics.exports(unsuppressed=audience.unsuppressed)
    completeness = indicator_completeness(initiative=initiative)
    if results is None:
        results = initiative_results(initiative=initiative)
        if indicator is not None:
            results = results.filter(indicator=indicator)
        results = results.iterator(chunk_size=5000)
    for result in results:
        published = publish(result, audience)
        parts = parse_cell_key(result.cell.key)
        yield {
            "indicator": result.indicator.code,
            "period": result.period.code,
            **{code: parts.get(code, "") for code in codes},
            **{export.name: _exported(published, export) for export in exports},
            # One partner's own part is complete when approved, whoever else is in.
            **completeness_columns(
                completeness.get((result.indicator_id, result.period_id))
                if result.organization_id is None
                else None
            ),
            "indicator_name": result.indicator.name,
            "unit": indicator_unit(result.indicator),
            "value_rounded": rounded(published.value, result.indicator.decimals),
        }


def rounded(number: float | None, decimals: int) -> Decimal | None:
    """A figure to the indicator's decimal places, halves away from zero as people round —
    a Decimal, so that a file writes 40.0 as 40.0 and not as 40 or 39.99999."""
    if number is None or number != number:  # NaN: a figure with nothing to compute it from
        return None
    return Decimal(repr(number)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _exported(published: PublishedResult, export: statistics.Export):
    """A statistic as the results file writes it: a group compared with by its categories
    ("f;arab"), the cell's suppression as true or false (and, as its reason, why: "" or a
    ``Suppression`` value), a figure as it is."""
    column = export.column
    if export.reason:
        return published.reason
    if column.kind == statistics.ColumnKind.KEY:
        return ";".join(parse_cell_key(getattr(published, column.name) or "").values())
    if column.kind == statistics.ColumnKind.FLAG:
        return published.suppressed
    return getattr(published, column.name)
