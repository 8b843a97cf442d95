"""Computed results as each audience may see them: ``publish`` is the one place suppression
is applied; the series, lists and export rows built on it.
"""

from dataclasses import dataclass

from initiatives import roles
from initiatives.models import Initiative
from measurement.cells import parse_cell_key
from measurement.models import (
    Indicator,
    IndicatorResult,
    ReportingPeriod,
)
from measurement.selectors.definitions import dimension_codes

# ---- Results, masked per audience ----

# Fields that a restricted audience loses when the cell, its reference group, its baseline
# or a point of its trend is suppressed — each would give a hidden number away.
_CELL_FIELDS = (
    "numerator",
    "denominator",
    "value",
    "n",
    "ci_low",
    "ci_high",
    "ratio_to_reference",
    "difference_from_reference",
    "gap_significant",
    "ratio_to_best",
    "difference_from_best",
    "baseline",
    "change_since_baseline",
    "progress_to_target",
    "progress_to_group_target",
    "trend_slope",
    "trend",
)
_REFERENCE_FIELDS = ("ratio_to_reference", "difference_from_reference", "gap_significant")
_BASELINE_FIELDS = (
    "baseline",
    "change_since_baseline",
    "progress_to_target",
    "progress_to_group_target",
)
_TREND_FIELDS = ("trend_slope", "trend")
RESULT_FIELDS = (*_CELL_FIELDS, "target", "group_target", "reference_key", "best_key")


@dataclass(frozen=True)
class PublishedResult:
    """A computed figure as this audience may see it.

    For a suppressed cell every number is None and ``suppressed`` is True; a cell nobody
    reported has no PublishedResult at all; a true zero is 0. ``figures`` holds the
    statistics (see RESULT_FIELDS), masked the same way."""

    period: ReportingPeriod
    cell_key: str
    suppressed: bool
    figures: dict

    def __getattr__(self, name):
        try:
            return self.__dict__["figures"][name]
        except KeyError:
            raise AttributeError(name) from None


def publish(result: IndicatorResult, audience: roles.Audience) -> PublishedResult:
    """The one place where suppression is applied to a result."""
    figures = {name: getattr(result, name) for name in RESULT_FIELDS}
    if not audience.unsuppressed:
        hidden: tuple[str, ...] = ()
        if result.is_suppressed:
            hidden = _CELL_FIELDS
        else:
            if result.reference_suppressed:
                hidden += _REFERENCE_FIELDS
            if result.baseline_suppressed:
                hidden += _BASELINE_FIELDS
            if result.trend_suppressed:
                hidden += _TREND_FIELDS
        for name in hidden:
            figures[name] = None
    if figures["trend"] == "":
        figures["trend"] = None
    return PublishedResult(
        period=result.period,
        cell_key=result.cell.key,
        suppressed=result.is_suppressed,
        figures=figures,
    )


def indicator_total_series(*, audience, indicator: Indicator) -> list[PublishedResult]:
    """The initiative-wide total of the indicator for every computed period, oldest first."""
    results = (
        IndicatorResult.objects.initiative_wide()
        .totals()
        .filter(indicator=indicator)
        .select_related("period", "cell")
        .order_by("period__start")
    )
    return [publish(r, audience) for r in results]


EXPORT_NUMBERS = (
    "numerator",
    "denominator",
    "value",
    "ci_low",
    "ci_high",
    "ratio_to_reference",
    "difference_from_reference",
)


def initiative_results(*, initiative: Initiative):
    """Every stored initiative-wide result of the active indicators, in the order exports and
    the API list them: indicator, period, breakdown. Unmasked: pass them through
    ``publish``."""
    return (
        IndicatorResult.objects.initiative_wide()
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
    indicator, period, one column per dimension ("" = all), numbers, suppressed, the
    reference category and the gap to it, and the confidence interval. Every stored
    initiative-wide result, one indicator's, or the given (computed) ``results``."""
    codes = dimension_codes(initiative=initiative)
    if results is None:
        results = initiative_results(initiative=initiative)
        if indicator is not None:
            results = results.filter(indicator=indicator)
        results = results.iterator(chunk_size=5000)
    for result in results:
        published = publish(result, audience)
        parts = parse_cell_key(result.cell.key)
        reference = parse_cell_key(published.reference_key or "")
        yield {
            "indicator": result.indicator.code,
            "period": result.period.code,
            **{code: parts.get(code, "") for code in codes},
            **{name: getattr(published, name) for name in EXPORT_NUMBERS},
            "suppressed": published.suppressed,
            "reference_category": ";".join(reference.values()),
        }
