"""Reads of shared measurement that feed pages, exports and the API.

Every read of submissions or results goes through here, and here alone is decided what a role
may see: partner roles see their own organization's submissions; restricted roles see
suppressed cells as suppressed, with no numbers.
"""

from dataclasses import dataclass

import pandas as pd
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts import roles
from initiatives.models import Initiative
from measurement.choices import SubmissionStatus
from measurement.engine import VALUE_COLUMNS
from measurement.models import (
    Category,
    Cell,
    ComputationRun,
    DataValue,
    Indicator,
    IndicatorResult,
    ReportingPeriod,
    Submission,
)

# ---- Indicators and cells ----


def indicator_list(*, initiative: Initiative) -> QuerySet[Indicator]:
    return initiative.indicators.active().select_related("result")


def indicator_get(*, initiative: Initiative, code: str) -> Indicator:
    return get_object_or_404(
        Indicator.objects.select_related("result").prefetch_related(
            Prefetch("dimensions__categories", queryset=Category.objects.order_by("order"))
        ),
        initiative=initiative,
        code=code,
        is_active=True,
    )


def indicator_leaf_cells(*, indicator: Indicator) -> list[Cell]:
    """The cells a partner reports for the indicator: one category of every one of its
    dimensions (or the total alone when it has none), in the dimensions' display order."""
    dimension_codes = sorted(indicator.dimensions.values_list("code", flat=True))
    cells = Cell.objects.filter(
        initiative_id=indicator.initiative_id, dimension_set=";".join(dimension_codes)
    ).prefetch_related(
        Prefetch("categories", queryset=Category.objects.select_related("dimension"))
    )

    def display_order(cell: Cell):
        by_dimension = {c.dimension.code: c for c in cell.categories.all()}
        return [
            (by_dimension[code].dimension.order, by_dimension[code].order)
            for code in dimension_codes
        ]

    return sorted(cells, key=display_order)


def indicator_leaf_cell_ids(*, indicator: Indicator) -> set[int]:
    dimension_codes = sorted(indicator.dimensions.values_list("code", flat=True))
    return set(
        Cell.objects.filter(
            initiative_id=indicator.initiative_id, dimension_set=";".join(dimension_codes)
        ).values_list("id", flat=True)
    )


def period_list(*, initiative: Initiative, newest_first: bool = False):
    periods = ReportingPeriod.objects.filter(initiative=initiative)
    return periods.order_by("-start") if newest_first else periods.order_by("start")


# ---- Submissions ----


def submission_list(*, user, initiative: Initiative, status: str | None = None):
    """Submissions the user may see: all of them for backbone roles, their own
    organization's for partner roles."""
    organization = roles.submission_organization_scope(user, initiative)
    submissions = Submission.objects.for_initiative(initiative).select_related(
        "organization", "period"
    )
    if organization is not None:
        submissions = submissions.for_organization(organization)
    if status:
        submissions = submissions.filter(status=status)
    return submissions


def submission_get(*, user, initiative: Initiative, pk: int) -> Submission:
    """404 for a submission the user may not see, whether or not it exists."""
    try:
        return submission_list(user=user, initiative=initiative).get(pk=pk)
    except Submission.DoesNotExist:
        raise Http404 from None


@dataclass(frozen=True)
class EntryRow:
    """One line of the entry grid: a cell, its label, and the numbers entered so far."""

    cell: Cell
    label: str
    numerator: float | None
    denominator: float | None
    value: float | None


def submission_entry_rows(*, submission: Submission, indicator: Indicator) -> list[EntryRow]:
    entered = {
        v.cell_id: v for v in DataValue.objects.filter(submission=submission, indicator=indicator)
    }
    rows = []
    for cell in indicator_leaf_cells(indicator=indicator):
        value = entered.get(cell.pk)
        rows.append(
            EntryRow(
                cell=cell,
                label=cell_label(cell),
                numerator=value.numerator if value else None,
                denominator=value.denominator if value else None,
                value=value.value if value else None,
            )
        )
    return rows


def cell_label(cell: Cell) -> str:
    """ "Female · Arab", in the dimensions' order; uses prefetched categories."""
    categories = sorted(cell.categories.all(), key=lambda c: (c.dimension.order, c.dimension.code))
    return " · ".join(c.name for c in categories) or _("Total")


def submission_indicator_summary(*, submission: Submission) -> list[dict]:
    """For each active indicator: how many cells the submission reports."""
    counts: dict[int, int] = {}
    for indicator_id in submission.values.values_list("indicator_id", flat=True):
        counts[indicator_id] = counts.get(indicator_id, 0) + 1
    return [
        {"indicator": indicator, "cells_reported": counts.get(indicator.pk, 0)}
        for indicator in indicator_list(initiative=submission.initiative)
    ]


def approved_values_frame(
    *, initiative: Initiative, period: ReportingPeriod | None = None
) -> pd.DataFrame:
    """Approved data values as the engine's input frame (engine.VALUE_COLUMNS)."""
    values = DataValue.objects.filter(
        submission__initiative=initiative, submission__status=SubmissionStatus.APPROVED
    )
    if period is not None:
        values = values.filter(submission__period=period)
    rows = values.values_list(
        "indicator_id",
        "submission__period_id",
        "submission__organization_id",
        "cell__key",
        "numerator",
        "denominator",
        "value",
    )
    frame = pd.DataFrame.from_records(list(rows), columns=VALUE_COLUMNS)
    for column in ("numerator", "denominator", "value"):
        frame[column] = frame[column].astype("float64")
    return frame


# ---- Results, masked per role ----


@dataclass(frozen=True)
class PublishedResult:
    """A computed figure as this viewer may see it. For a suppressed cell the numbers are
    None and ``suppressed`` is True; a cell nobody reported has no PublishedResult at all;
    a true zero is 0."""

    period: ReportingPeriod
    numerator: float | None
    denominator: float | None
    value: float | None
    display_value: float | None
    suppressed: bool


def _publish(result: IndicatorResult, indicator: Indicator, *, unsuppressed: bool):
    if result.is_suppressed and not unsuppressed:
        return PublishedResult(result.period, None, None, None, None, suppressed=True)
    return PublishedResult(
        result.period,
        result.numerator,
        result.denominator,
        result.value,
        indicator.display_value(result.value),
        suppressed=result.is_suppressed,
    )


def indicator_total_series(*, user, indicator: Indicator) -> list[PublishedResult]:
    """The initiative-wide total of the indicator for every computed period, oldest first."""
    unsuppressed = roles.sees_unsuppressed(user, indicator.initiative)
    results = (
        IndicatorResult.objects.initiative_wide()
        .totals()
        .filter(indicator=indicator)
        .select_related("period")
        .order_by("period__start")
    )
    return [_publish(r, indicator, unsuppressed=unsuppressed) for r in results]


def indicator_overview(*, user, initiative: Initiative) -> list[dict]:
    """Each active indicator with its latest published total, in two queries."""
    unsuppressed = roles.sees_unsuppressed(user, initiative)
    indicators = list(indicator_list(initiative=initiative))
    latest: dict[int, IndicatorResult] = {}
    totals = (
        IndicatorResult.objects.initiative_wide()
        .totals()
        .filter(initiative=initiative)
        .select_related("period")
        .order_by("period__start")
    )
    for result in totals:
        latest[result.indicator_id] = result
    return [
        {
            "indicator": indicator,
            "latest": _publish(latest[indicator.pk], indicator, unsuppressed=unsuppressed)
            if indicator.pk in latest
            else None,
        }
        for indicator in indicators
    ]


def computation_run_list(*, initiative: Initiative, limit: int = 20):
    return ComputationRun.objects.filter(initiative=initiative).select_related(
        "period", "requested_by"
    )[:limit]
