"""The submission workflow: start, enter values, submit, approve, return, unlock, comment."""

import logging
from collections.abc import Mapping

import pandas as pd
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import NoticeKind
from initiatives import roles
from initiatives.models import Initiative, Organization
from initiatives.roles import Perm
from measurement import selectors
from measurement.choices import (
    CommentKind,
    SubmissionStatus,
)
from measurement.models import (
    Cell,
    DataValue,
    Indicator,
    ReportingPeriod,
    Submission,
    SubmissionComment,
)
from measurement.selectors.review import submission_checks
from measurement.services import valuestore
from measurement.services.computations import computation_request
from measurement.services.definitions import period_for_code
from measurement.services.notices import submission_notify_later
from measurement.validation import consistency_errors, reported_fields, value_errors

logger = logging.getLogger(__name__)


# ---- Submissions ----


@transaction.atomic
def submission_start(
    *,
    actor,
    initiative: Initiative,
    organization: Organization,
    period: ReportingPeriod | None = None,
    period_code: str = "",
) -> tuple[Submission, bool]:
    """The organization's submission for the period, created as a draft if it has none, and
    whether it was created now. The period is given, or named by its code (the API): only the
    backbone names a new one. Permission is checked first, so a refused request creates
    nothing."""
    roles.require(actor, initiative, Perm.ENTER_DATA, organization=organization)
    if period is None:
        period = period_for_code(actor=actor, initiative=initiative, code=period_code)
    if period.initiative_id != initiative.pk:
        raise ValidationError({"period": _("This period belongs to another initiative.")})
    if not initiative.partnerships.filter(organization=organization).exists():
        raise ValidationError(
            {"organization": _("This organization is not a partner of the initiative.")}
        )
    return Submission.objects.get_or_create(
        initiative=initiative,
        organization=organization,
        period=period,
        defaults={"created_by": actor},
    )


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
    """Save the submission's numbers for one indicator, cell by cell, with their history.

    ``values`` maps a cell id to its numbers; a cell whose numbers are all empty is removed
    (not reported). Every number must obey the rules of measurement.validation, and totals
    reported at two levels must agree. Returns how many values were added, changed or
    removed."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    _require_editable(actor, submission)
    if indicator.initiative_id != submission.initiative_id:
        raise ValidationError(_("This indicator belongs to another initiative."))
    if not set(values) <= selectors.indicator_entry_cell_ids(indicator=indicator):
        raise ValidationError(_("A cell does not belong to this indicator."))
    fields = reported_fields(indicator.kind)
    keys = dict(Cell.objects.filter(pk__in=list(values)).values_list("pk", "key"))
    numbers = {keys[cell_id]: {f: n.get(f) for f in fields} for cell_id, n in values.items()}

    # By cell key: a cell's errors by field, or one message where the cell disagrees with
    # another level of the breakdown.
    errors: dict[str, dict[str, str] | str] = {}
    for key, cell_numbers in numbers.items():
        if cell_errors := value_errors(indicator.kind, **cell_numbers):
            errors[key] = cell_errors
    if not errors:
        dimensions, labels = selectors.indicator_breakdown(indicator=indicator)
        reported = {k: n for k, n in numbers.items() if any(v is not None for v in n.values())}
        errors.update(consistency_errors(indicator.kind, reported, dimensions, labels))
    if errors:
        raise ValidationError(
            _("Some numbers need correcting."), params={"cells": errors}, code="cells"
        )

    existing = {
        v.cell_id: v
        for v in DataValue.objects.filter(
            submission=submission, indicator=indicator, cell_id__in=list(values)
        )
    }
    emptied = [
        existing[cell_id]
        for cell_id, n in values.items()
        if cell_id in existing and all(n.get(f) is None for f in fields)
    ]
    rows = pd.DataFrame(
        [
            {
                "submission_id": submission.pk,
                "indicator_id": indicator.pk,
                "cell_id": cell_id,
                **{f: n.get(f) for f in ("numerator", "denominator", "value")},
            }
            for cell_id, n in values.items()
            if any(n.get(f) is not None for f in fields)
        ],
        columns=valuestore.VALUE_FIELDS,
    ).astype(dict.fromkeys(valuestore.NUMBERS, "float64"))
    reason = _("Entered in the form")
    changed = valuestore.values_upsert(rows, actor=actor, reason=reason)
    changed += valuestore.values_delete(emptied, actor=actor, reason=reason)
    # Touch the submission without a history record: the values carry their own.
    Submission.objects.filter(pk=submission.pk).update(updated_at=timezone.now())
    return changed


@transaction.atomic
def submission_submit(*, actor, submission: Submission) -> Submission:
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    _require_editable(actor, submission)
    if not submission.values.exists():
        raise ValidationError(_("Enter at least one number before submitting."))
    blocking = submission_checks(submission=submission).blocking
    if blocking:
        raise ValidationError([_rule_problem(checked) for checked in blocking])
    submission.status = SubmissionStatus.SUBMITTED
    submission.submitted_by = actor
    submission.submitted_at = timezone.now()
    submission.save(update_fields=["status", "submitted_by", "submitted_at", "updated_at"])
    return submission


def _rule_problem(checked) -> str:
    """Why a broken rule keeps a submission back, in the partner's words."""
    if checked.issue.is_error:
        return _("Fix before submitting: %(problem)s") % {"problem": checked.text}
    return _("Explain in a comment on the indicator before submitting: %(problem)s") % {
        "problem": checked.text
    }


def _require_reviewable(actor, submission: Submission) -> Submission:
    roles.require(actor, submission.initiative, Perm.REVIEW_SUBMISSIONS)
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if not submission.can_be_reviewed:
        raise ValidationError(_("Only a submitted submission can be reviewed."))
    return submission


@transaction.atomic
def submission_approve(*, actor, submission: Submission, recompute: bool = True) -> Submission:
    """Approve and lock the submission, then recompute its period's results (unless the
    caller recomputes once for several); its partner editors hear of it once this commits."""
    submission = _require_reviewable(actor, submission)
    submission.status = SubmissionStatus.APPROVED
    submission.reviewed_by = actor
    submission.reviewed_at = timezone.now()
    submission.save(update_fields=["status", "reviewed_by", "reviewed_at", "updated_at"])
    if recompute:
        computation_request(
            initiative=submission.initiative,
            period=submission.period,
            requested_by=actor,
            reason=_("Approved: %(submission)s") % {"submission": submission},
        )
    submission_notify_later(submission=submission, kind=NoticeKind.APPROVED)
    return submission


@transaction.atomic
def submissions_approve(*, actor, submissions: list[Submission]) -> list[Submission]:
    """Approve several submissions together — all or none — and recompute each of their
    periods once."""
    if not submissions:
        raise ValidationError(_("Choose at least one submission to approve."))
    approved = [submission_approve(actor=actor, submission=s, recompute=False) for s in submissions]
    periods = {s.period_id: s.period for s in approved}
    for period in periods.values():
        computation_request(
            initiative=period.initiative,
            period=period,
            requested_by=actor,
            reason=_("Approved %(count)s submissions for %(period)s")
            % {"count": sum(s.period_id == period.pk for s in approved), "period": period.code},
        )
    return approved


@transaction.atomic
def submission_return(
    *,
    actor,
    submission: Submission,
    comment: str,
    indicator: Indicator | None = None,
    cell: Cell | None = None,
) -> Submission:
    """Send the submission back to the partner with a comment that says what to fix —
    about the whole submission, or about one indicator or one group's numbers. Its partner
    editors hear of it, with the comment, once this commits."""
    submission = _require_reviewable(actor, submission)
    if not comment.strip():
        raise ValidationError({"comment": _("Say what needs to change.")})
    submission.status = SubmissionStatus.RETURNED
    submission.review_comment = comment.strip()
    submission.reviewed_by = actor
    submission.reviewed_at = timezone.now()
    submission._history_user = actor
    submission.save(
        update_fields=["status", "review_comment", "reviewed_by", "reviewed_at", "updated_at"]
    )
    SubmissionComment.objects.create(
        submission=submission,
        author=actor,
        kind=CommentKind.RETURNED,
        body=comment.strip(),
        indicator=indicator,
        cell=cell,
    )
    submission_notify_later(submission=submission, kind=NoticeKind.RETURNED)
    return submission


@transaction.atomic
def submission_unlock(*, actor, submission: Submission, reason: str) -> Submission:
    """Reopen approved data for correction. Only a backbone admin may, and must say why; the
    period is recomputed at once, since the data no longer counts until approved again."""
    roles.require(actor, submission.initiative, Perm.UNLOCK_SUBMISSIONS)
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.status != SubmissionStatus.APPROVED:
        raise ValidationError(_("Only approved data is locked."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the approved data must change.")})
    submission.status = SubmissionStatus.RETURNED
    submission.review_comment = reason.strip()
    submission._history_user = actor
    submission._change_reason = reason.strip()[:100]
    submission.save(update_fields=["status", "review_comment", "updated_at"])
    SubmissionComment.objects.create(
        submission=submission, author=actor, kind=CommentKind.UNLOCKED, body=reason.strip()
    )
    computation_request(
        initiative=submission.initiative,
        period=submission.period,
        requested_by=actor,
        reason=_("Unlocked: %(submission)s") % {"submission": submission},
    )
    return submission


def submission_comment_create(
    *,
    actor,
    submission: Submission,
    body: str,
    indicator: Indicator | None = None,
    cell: Cell | None = None,
) -> SubmissionComment:
    """A message in the submission's thread, from the partner or the backbone team."""
    initiative = submission.initiative
    if not (
        roles.can(actor, initiative, Perm.REVIEW_SUBMISSIONS)
        or roles.can(actor, initiative, Perm.ENTER_DATA, organization=submission.organization)
    ):
        roles.require(actor, initiative, Perm.ENTER_DATA, organization=submission.organization)
    if not body.strip():
        raise ValidationError({"body": _("Write something first.")})
    comment = SubmissionComment(
        submission=submission, author=actor, body=body.strip(), indicator=indicator, cell=cell
    )
    comment.full_clean()
    comment.save()
    return comment
