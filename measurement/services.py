"""Writes and workflows of shared measurement: defining cells, entering and reviewing data,
and running computations. Views, commands and the API all call these."""

import logging
import traceback
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from accounts.roles import Perm
from initiatives.models import Initiative, Organization
from measurement import engine, selectors
from measurement.cells import cell_key, cube_cells, dimension_set
from measurement.choices import RunStatus, SubmissionStatus
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
from measurement.validation import reported_fields, value_errors

logger = logging.getLogger(__name__)

# ---- Definitions ----


def indicator_cells_ensure(*, indicator: Indicator) -> None:
    """Create every cell the indicator can report or be computed for: each combination of
    its dimensions' categories, for every subset of its dimensions (the empty one is the
    total). Cells are shared between indicators, so existing ones are reused."""
    categories = (
        Category.objects.filter(dimension__in=indicator.dimensions.all())
        .select_related("dimension")
        .order_by("dimension__code", "order", "code")
    )
    by_dimension: dict[str, list[str]] = {}
    category_ids: dict[tuple[str, str], int] = {}
    for category in categories:
        by_dimension.setdefault(category.dimension.code, []).append(category.code)
        category_ids[(category.dimension.code, category.code)] = category.pk

    wanted = {cell_key(parts): parts for parts in cube_cells(by_dimension)}
    existing = set(
        Cell.objects.filter(initiative=indicator.initiative, key__in=wanted).values_list(
            "key", flat=True
        )
    )
    new_cells = Cell.objects.bulk_create(
        [
            Cell(initiative=indicator.initiative, key=key, dimension_set=dimension_set(parts))
            for key, parts in wanted.items()
            if key not in existing
        ]
    )
    if not new_cells:
        return
    # bulk_create does not return primary keys on every database; read them back.
    created = Cell.objects.filter(
        initiative=indicator.initiative, key__in=[c.key for c in new_cells]
    )
    Cell.categories.through.objects.bulk_create(
        [
            Cell.categories.through(cell_id=cell.pk, category_id=category_ids[(dim, cat)])
            for cell in created
            for dim, cat in wanted[cell.key].items()
        ]
    )


def period_get_or_create(*, initiative: Initiative, code: str) -> ReportingPeriod:
    period = ReportingPeriod.objects.filter(initiative=initiative, code=code).first()
    if period is None:
        period = ReportingPeriod(initiative=initiative, code=code)
        period.full_clean()
        period.save()
    return period


# ---- Submissions ----


def submission_start(
    *, actor, initiative: Initiative, organization: Organization, period: ReportingPeriod
) -> Submission:
    """The organization's submission for the period, created as a draft if it has none."""
    roles.require(actor, initiative, Perm.ENTER_DATA, organization=organization)
    if period.initiative_id != initiative.pk:
        raise ValidationError({"period": _("This period belongs to another initiative.")})
    if not initiative.partnerships.filter(organization=organization).exists():
        raise ValidationError(
            {"organization": _("This organization is not a partner of the initiative.")}
        )
    submission, _created = Submission.objects.get_or_create(
        initiative=initiative,
        organization=organization,
        period=period,
        defaults={"created_by": actor},
    )
    return submission


def _require_editable(actor, submission: Submission) -> None:
    roles.require(
        actor, submission.initiative, Perm.ENTER_DATA, organization=submission.organization
    )
    if not submission.is_editable:
        raise ValidationError(
            _("This submission is %(status)s and can no longer be changed.")
            % {"status": submission.get_status_display().lower()}
        )


@transaction.atomic
def submission_values_save(
    *,
    actor,
    submission: Submission,
    indicator: Indicator,
    values: Mapping[int, Mapping[str, float | None]],
) -> int:
    """Replace the submission's numbers for one indicator, cell by cell.

    ``values`` maps a cell id to its numbers; a cell whose numbers are all empty is removed
    (not reported). Returns how many cells now hold numbers."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    _require_editable(actor, submission)
    if indicator.initiative_id != submission.initiative_id:
        raise ValidationError(_("This indicator belongs to another initiative."))
    allowed_cells = selectors.indicator_leaf_cell_ids(indicator=indicator)
    fields = reported_fields(indicator.kind)

    errors = {}
    for cell_id, numbers in values.items():
        if cell_id not in allowed_cells:
            raise ValidationError(_("A cell does not belong to this indicator."))
        if cell_errors := value_errors(indicator.kind, **{f: numbers.get(f) for f in fields}):
            errors[cell_id] = cell_errors
    if errors:
        raise ValidationError(
            _("Some numbers need correcting."), params={"cells": errors}, code="cells"
        )

    DataValue.objects.filter(submission=submission, indicator=indicator).delete()
    rows = [
        DataValue(
            submission=submission,
            indicator=indicator,
            cell_id=cell_id,
            **{field: numbers.get(field) for field in fields},
        )
        for cell_id, numbers in values.items()
        if any(numbers.get(field) is not None for field in fields)
    ]
    DataValue.objects.bulk_create(rows)
    submission.save(update_fields=["updated_at"])
    return len(rows)


@transaction.atomic
def submission_submit(*, actor, submission: Submission) -> Submission:
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    _require_editable(actor, submission)
    if not submission.values.exists():
        raise ValidationError(_("Enter at least one number before submitting."))
    submission.status = SubmissionStatus.SUBMITTED
    submission.submitted_by = actor
    submission.submitted_at = timezone.now()
    submission.save(update_fields=["status", "submitted_by", "submitted_at", "updated_at"])
    return submission


def _require_reviewable(actor, submission: Submission) -> Submission:
    roles.require(actor, submission.initiative, Perm.REVIEW_SUBMISSIONS)
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if not submission.can_be_reviewed:
        raise ValidationError(_("Only a submitted submission can be reviewed."))
    return submission


@transaction.atomic
def submission_approve(*, actor, submission: Submission) -> Submission:
    """Approve and lock the submission, then recompute its period's results."""
    submission = _require_reviewable(actor, submission)
    submission.status = SubmissionStatus.APPROVED
    submission.reviewed_by = actor
    submission.reviewed_at = timezone.now()
    submission.save(update_fields=["status", "reviewed_by", "reviewed_at", "updated_at"])
    computation_request(
        initiative=submission.initiative,
        period=submission.period,
        requested_by=actor,
        reason=_("Approved: %(submission)s") % {"submission": submission},
    )
    return submission


@transaction.atomic
def submission_return(*, actor, submission: Submission, comment: str) -> Submission:
    """Send the submission back to the partner with a comment that says what to fix."""
    submission = _require_reviewable(actor, submission)
    if not comment.strip():
        raise ValidationError({"comment": _("Say what needs to change.")})
    submission.status = SubmissionStatus.RETURNED
    submission.review_comment = comment.strip()
    submission.reviewed_by = actor
    submission.reviewed_at = timezone.now()
    submission.save(
        update_fields=["status", "review_comment", "reviewed_by", "reviewed_at", "updated_at"]
    )
    return submission


# ---- Computations ----


def computation_request(
    *,
    initiative: Initiative,
    period: ReportingPeriod | None = None,
    requested_by=None,
    reason: str = "",
) -> ComputationRun:
    """Record a queued run and hand it to a Celery worker once the caller's transaction has
    committed (so the worker sees the approved data)."""
    from measurement.tasks import computation_run_task

    run = ComputationRun.objects.create(
        initiative=initiative, period=period, requested_by=requested_by, reason=reason[:200]
    )
    transaction.on_commit(lambda: computation_run_task.delay(run.pk), robust=True)
    return run


def computation_run_execute(*, run_id: int) -> ComputationRun:
    """Compute the run's results and replace the previous ones in one transaction.

    A failure leaves the previous results in place and records the error on the run.
    Running the same run twice gives the same results (tasks may be delivered twice)."""
    run = ComputationRun.objects.select_related("initiative", "period").get(pk=run_id)
    run.status = RunStatus.RUNNING
    run.started_at = timezone.now()
    run.error = ""
    run.save(update_fields=["status", "started_at", "error"])
    try:
        with transaction.atomic():
            # Serialize runs per initiative: a second run waits here for the first to commit.
            Initiative.objects.select_for_update().get(pk=run.initiative_id)
            run.rows_in, run.rows_out = _compute_and_replace(run)
    except Exception:
        logger.exception("Computation run %s failed", run.pk)
        run.status = RunStatus.FAILED
        run.error = traceback.format_exc(limit=5)
    else:
        run.status = RunStatus.SUCCEEDED
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "error", "rows_in", "rows_out", "finished_at"])
    return run


def _compute_and_replace(run: ComputationRun) -> tuple[int, int]:
    initiative = run.initiative
    values = selectors.approved_values_frame(initiative=initiative, period=run.period)
    kinds = dict(Indicator.objects.filter(initiative=initiative).values_list("id", "kind"))
    results = engine.compute_results(
        values, kinds=kinds, threshold=initiative.suppression_threshold
    )
    cell_ids = dict(Cell.objects.filter(initiative=initiative).values_list("key", "id"))

    stale = IndicatorResult.objects.filter(initiative=initiative, organization__isnull=True)
    if run.period is not None:
        stale = stale.filter(period=run.period)
    stale.delete()
    IndicatorResult.objects.bulk_create(
        [
            IndicatorResult(
                initiative=initiative,
                indicator_id=row.indicator_id,
                period_id=row.period_id,
                cell_id=cell_ids[row.cell_key],
                numerator=_none_if_nan(row.numerator),
                denominator=_none_if_nan(row.denominator),
                value=_none_if_nan(row.value),
                suppression=row.suppression,
                run=run,
            )
            for row in results.itertuples(index=False)
        ],
        batch_size=2000,
    )
    return len(values), len(results)


def _none_if_nan(number: float) -> float | None:
    return None if number != number else float(number)
