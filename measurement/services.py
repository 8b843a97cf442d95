"""Writes and workflows of shared measurement: defining cells, entering and reviewing data,
and running computations. Views, commands and the API all call these."""

import io
import logging
import operator
import traceback
from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from functools import reduce

import pandas as pd
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import Q, Sum
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives import roles
from initiatives.models import Initiative, Organization
from initiatives.roles import Perm
from measurement import dashboards, engine, selectors, valuestore
from measurement.cells import cell_key, cube_cells, dimension_set, parse_cell_key
from measurement.choices import (
    CommentKind,
    ReminderKind,
    RunStatus,
    SubmissionStatus,
    UploadStatus,
)
from measurement.datafiles import CheckedValues, FileProblems, check_values, read_table
from measurement.models import (
    Category,
    CategoryCrosswalk,
    Cell,
    ComputationRun,
    DataValue,
    Dimension,
    DimensionDisparity,
    Indicator,
    IndicatorResult,
    ReminderLog,
    ReportingAssignment,
    ReportingPeriod,
    ShareLink,
    ShareLinkUse,
    Submission,
    SubmissionComment,
    Target,
    Upload,
)
from measurement.validation import consistency_errors, reported_fields, value_errors

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
    _create_cells(
        indicator.initiative,
        {key: parts for key, parts in wanted.items() if key not in existing},
        category_ids,
    )


def _create_cells(initiative, cells: Mapping[str, Mapping[str, str]], category_ids) -> None:
    if not cells:
        return
    Cell.objects.bulk_create(
        [
            Cell(initiative=initiative, key=key, dimension_set=dimension_set(parts))
            for key, parts in cells.items()
        ]
    )
    # bulk_create does not return primary keys on every database; read them back.
    created = Cell.objects.filter(initiative=initiative, key__in=list(cells))
    Cell.categories.through.objects.bulk_create(
        [
            Cell.categories.through(cell_id=cell.pk, category_id=category_ids[(dim, cat)])
            for cell in created
            for dim, cat in cells[cell.key].items()
        ]
    )


@transaction.atomic
def dimension_save(
    *,
    actor,
    initiative: Initiative,
    dimension: Dimension | None,
    fields: dict,
    categories: list[dict],
) -> Dimension:
    """Create or change a dimension and its categories.

    ``categories`` are the category rows as cleaned form data (``id`` for an existing one,
    ``DELETE`` to remove one). A category that data, results or targets use cannot be
    removed: its numbers would silently vanish from every total."""
    roles.require(actor, initiative, Perm.MANAGE_CONTENT)
    dimension = dimension or Dimension(initiative=initiative)
    for name, value in fields.items():
        setattr(dimension, name, value)
    dimension.full_clean()
    dimension.save()
    # Clear the flags first, so that moving the reference to another category never trips
    # the one-reference-per-dimension constraint half-way through.
    dimension.categories.update(is_reference=False, is_unknown=False)
    for item in categories:
        category = item.get("id") or Category(dimension=dimension)
        if item.get("DELETE"):
            if category.pk:
                _category_delete(category)
            continue
        for name, value in item.items():
            if name not in ("id", "DELETE", "dimension"):
                setattr(category, name, value)
        category.dimension = dimension
        category.full_clean()
        category.save()
    for indicator in dimension.indicators.all():
        indicator_cells_ensure(indicator=indicator)
    return dimension


def _category_delete(category: Category) -> None:
    in_use = (
        Cell.objects.filter(categories=category)
        .filter(Q(values__isnull=False) | Q(results__isnull=False) | Q(targets__isnull=False))
        .exists()
    )
    if in_use:
        raise ValidationError(
            _("%(category)s cannot be removed: data, results or targets use it.")
            % {"category": category.name}
        )
    Cell.objects.filter(categories=category).delete()
    category.delete()


@transaction.atomic
def indicator_save(
    *,
    actor,
    initiative: Initiative,
    indicator: Indicator | None,
    fields: dict,
    targets: list[dict],
) -> Indicator:
    """Create or change an indicator with its dimensions, baseline and targets.

    Dimensions can be added at any time; one that reported data is broken down by cannot be
    taken away, since those numbers would then be counted twice."""
    roles.require(actor, initiative, Perm.MANAGE_CONTENT)
    dimensions = list(fields.pop("dimensions", []))
    indicator = indicator or Indicator(initiative=initiative)
    if indicator.pk:
        removed = set(indicator.dimensions.all()) - set(dimensions)
        used = [
            d.name
            for d in removed
            if DataValue.objects.filter(indicator=indicator, cell__categories__dimension=d).exists()
        ]
        if used:
            raise ValidationError(
                {
                    "dimensions": _(
                        "Data is already broken down by %(names)s; keep it, or "
                        "define a new indicator."
                    )
                    % {"names": ", ".join(used)}
                }
            )
    for name, value in fields.items():
        setattr(indicator, name, value)
    indicator.full_clean()
    indicator.save()
    indicator.dimensions.set(dimensions)
    indicator_cells_ensure(indicator=indicator)
    for item in targets:
        target = item.get("id") or Target(indicator=indicator)
        if item.get("DELETE"):
            if target.pk:
                target.delete()
            continue
        target.period, target.cell, target.value = item["period"], item["cell"], item["value"]
        target.indicator = indicator
        target.full_clean()
        target.save()
    return indicator


@transaction.atomic
def period_save(
    *, actor, initiative: Initiative, period: ReportingPeriod | None, fields: dict
) -> ReportingPeriod:
    roles.require(actor, initiative, Perm.MANAGE_CONTENT)
    period = period or ReportingPeriod(initiative=initiative)
    for name, value in fields.items():
        setattr(period, name, value)
    period.full_clean()
    period.save()
    return period


def may_create_periods(actor, initiative: Initiative) -> bool:
    """Periods are definitions: the backbone creates them (pages, API, file), and so do the
    operator's commands, which act without a user."""
    return actor is None or roles.can(actor, initiative, Perm.MANAGE_CONTENT)


def period_for_code(*, actor, initiative: Initiative, code: str) -> ReportingPeriod:
    """The initiative's period with this code, created when ``actor`` may create periods;
    for anyone else an unknown code is a ValidationError on ``period``."""
    period = ReportingPeriod.objects.filter(initiative=initiative, code=code).first()
    if period is not None:
        return period
    if not may_create_periods(actor, initiative):
        raise ValidationError(
            {
                "period": _(
                    "There is no reporting period %(code)s in this initiative. Reporting "
                    "periods are set up by the backbone; ask them to add it."
                )
                % {"code": code}
            }
        )
    period = ReportingPeriod(initiative=initiative, code=code)
    period.full_clean()
    period.save()
    return period


# ---- Submissions ----


@transaction.atomic
def submission_start(
    *,
    actor,
    initiative: Initiative,
    organization: Organization,
    period: ReportingPeriod | None = None,
    period_code: str = "",
) -> Submission:
    """The organization's submission for the period, created as a draft if it has none. The
    period is given, or named by its code (the API): only the backbone names a new one.
    Permission is checked first, so a refused request creates nothing."""
    roles.require(actor, initiative, Perm.ENTER_DATA, organization=organization)
    if period is None:
        period = period_for_code(actor=actor, initiative=initiative, code=period_code)
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

    errors = {}
    for key, cell_numbers in numbers.items():
        if cell_errors := value_errors(indicator.kind, **cell_numbers):
            errors[key] = cell_errors
    if not errors:
        dimensions, labels = selectors.indicator_breakdown(indicator=indicator)
        reported = {k: n for k, n in numbers.items() if any(v is not None for v in n.values())}
        errors = consistency_errors(indicator.kind, reported, dimensions, labels)
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
def submission_return(
    *,
    actor,
    submission: Submission,
    comment: str,
    indicator: Indicator | None = None,
    cell: Cell | None = None,
) -> Submission:
    """Send the submission back to the partner with a comment that says what to fix —
    about the whole submission, or about one indicator or one group's numbers."""
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


def submission_comment_add(
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


# ---- Reporting plan and reminders ----


@transaction.atomic
def assignment_set(
    *,
    actor,
    initiative: Initiative,
    organization: Organization,
    frequencies: Mapping[Indicator, str],
) -> None:
    """The indicators the organization reports, and how often: exactly ``frequencies``."""
    roles.require(actor, initiative, Perm.REVIEW_SUBMISSIONS)
    ReportingAssignment.objects.filter(initiative=initiative, organization=organization).exclude(
        indicator__in=list(frequencies)
    ).delete()
    for indicator, frequency in frequencies.items():
        ReportingAssignment.objects.update_or_create(
            initiative=initiative,
            organization=organization,
            indicator=indicator,
            defaults={"frequency": frequency},
        )


REMINDER_DAYS = {
    7: ReminderKind.WEEK_BEFORE,
    1: ReminderKind.DAY_BEFORE,
    -1: ReminderKind.DAY_AFTER,
    -7: ReminderKind.WEEK_AFTER,
}


def reminders_send(*, today: date | None = None) -> int:
    """E-mail the partner editors of every organization that still owes data for a period
    due in a week or tomorrow, or overdue by a day or a week. Each reminder goes once.
    Returns how many e-mails went out."""
    today = today or timezone.localdate()
    due_dates = [today + timedelta(days=days) for days in REMINDER_DAYS]
    sent = 0
    for period in ReportingPeriod.objects.filter(due_date__in=due_dates).select_related(
        "initiative"
    ):
        kind = REMINDER_DAYS[(period.due_date - today).days]
        for organization in selectors.organizations_owing(period=period):
            if ReminderLog.objects.filter(
                organization=organization, period=period, kind=kind
            ).exists():
                continue
            recipients = selectors.partner_editor_emails(
                initiative=period.initiative, organization=organization
            )
            if recipients:
                _send_reminder(period, organization, kind, recipients)
                sent += len(recipients)
            ReminderLog.objects.create(
                initiative=period.initiative,
                organization=organization,
                period=period,
                kind=kind,
                recipients=len(recipients),
            )
    return sent


def _send_reminder(period, organization, kind, recipients) -> None:
    context = {
        "period": period,
        "organization": organization,
        "overdue": period.due_date < timezone.localdate(),
        "url": settings.SITE_URL.rstrip("/")
        + reverse("measurement:submission-list", args=[period.initiative.slug]),
    }
    subject = (
        _("Overdue: %(initiative)s data for %(period)s")
        if context["overdue"]
        else _("Reminder: %(initiative)s data for %(period)s is due %(date)s")
    )
    send_mail(
        subject=subject
        % {
            "initiative": period.initiative.name,
            "period": period.code,
            "date": period.due_date.isoformat(),
        },
        message=render_to_string("measurement/email/reminder.txt", context),
        from_email=None,
        recipient_list=recipients,
    )


# ---- Uploads ----


@transaction.atomic
def values_write(
    *, initiative: Initiative, checked: CheckedValues, actor=None, approve: bool, reason: str
) -> int:
    """Write checked values into one submission per organization and period (created if
    needed), replacing them cell by cell with their history. ``approve`` marks the
    submissions approved (an import by the backbone); otherwise they stay drafts for the
    partner to check and submit. Returns how many values were added or changed."""
    frame = checked.frame
    periods = {
        code: period_for_code(actor=actor, initiative=initiative, code=code).pk
        for code in frame["period_code"].unique()
    }
    frame = frame.assign(period_id=frame["period_code"].map(periods))
    submissions = {
        key: _submission_for(initiative, *key, actor=actor, approve=approve).pk
        for key in frame[["organization_id", "period_id"]]
        .drop_duplicates()
        .itertuples(index=False, name=None)
    }
    cells = cells_for_keys(initiative=initiative, keys=set(frame["cell_key"]))
    rows = pd.DataFrame(
        {
            "submission_id": [
                submissions[k]
                for k in zip(frame["organization_id"], frame["period_id"], strict=True)
            ],
            "indicator_id": frame["indicator_id"].to_numpy(),
            "cell_id": frame["cell_key"].map(cells).to_numpy(),
            "numerator": frame["numerator"].to_numpy(),
            "denominator": frame["denominator"].to_numpy(),
            "value": frame["value"].to_numpy(),
        }
    )
    return valuestore.values_upsert(rows, actor=actor, reason=reason)


@dataclass(frozen=True)
class ImportOutcome:
    rows: int
    changed: int
    submission_ids: list[int]


@transaction.atomic
def values_import(*, actor, initiative: Initiative, frame: pd.DataFrame, reason: str):
    """Check rows of the values interchange format and write them into draft submissions,
    all or nothing — the API's bulk write. Partner editors send their own organization's
    rows (read through its category crosswalk); backbone staff any partner's. Rows for a
    submitted or approved submission are refused. Raises FileProblems listing every problem
    by row; nothing is written then."""
    roles.require(actor, initiative, Perm.ENTER_DATA)
    own = roles.organization_of(actor, initiative)
    checked = _check_entry(
        frame,
        initiative=initiative,
        organization=own,
        crosswalks=selectors.crosswalk_map(initiative=initiative, organization=own)
        if own
        else None,
        require_open=True,
        new_periods_allowed=may_create_periods(actor, initiative),
    )
    changed = values_write(
        initiative=initiative, checked=checked, actor=actor, approve=False, reason=reason
    )
    pairs = checked.frame[["organization_id", "period_code"]].drop_duplicates()
    submissions = Submission.objects.filter(initiative=initiative).filter(
        reduce(
            operator.or_,
            (
                Q(organization_id=organization_id, period__code=period_code)
                for organization_id, period_code in pairs.itertuples(index=False, name=None)
            ),
            Q(pk__in=[]),
        )
    )
    return ImportOutcome(
        rows=len(checked.frame),
        changed=changed,
        submission_ids=sorted(submissions.values_list("pk", flat=True)),
    )


def _submission_for(initiative, organization_id, period_id, *, actor, approve: bool):
    submission = Submission.objects.filter(
        initiative=initiative, organization_id=organization_id, period_id=period_id
    ).first() or Submission(
        initiative=initiative,
        organization_id=organization_id,
        period_id=period_id,
        created_by=actor,
    )
    if approve and submission.status != SubmissionStatus.APPROVED:
        now = timezone.now()
        submission.status = SubmissionStatus.APPROVED
        submission.submitted_at = submission.submitted_at or now
        submission.submitted_by = submission.submitted_by or actor
        submission.reviewed_at, submission.reviewed_by = now, actor
    if submission.pk is None or approve:
        submission._history_user = actor
        submission.save()
    return submission


@transaction.atomic
def upload_check(
    *, actor, initiative: Initiative, organization: Organization, filename: str, content: bytes
) -> Upload:
    """Read and check a partner's file completely, without writing any data. The Upload
    keeps the file with every problem found, or a summary of what saving it would do.
    Raises ValidationError when the organization's files waiting to be saved leave no room
    for it under the quota."""
    roles.require(actor, initiative, Perm.ENTER_DATA, organization=organization)
    _upload_make_room(initiative=initiative, organization=organization, needed=len(content))
    upload = Upload(
        initiative=initiative,
        organization=organization,
        uploaded_by=actor,
        filename=filename[:255],
        content=content,
        size=len(content),
    )
    try:
        checked = _check_upload(actor, initiative, organization, filename, content)
    except FileProblems as problems:
        upload.status = UploadStatus.REJECTED
        upload.errors = problems.errors
    else:
        upload.status = UploadStatus.CHECKED
        upload.row_count = len(checked.frame)
        upload.summary = selectors.upload_summary(initiative=initiative, checked=checked)
    upload.save()
    return upload


def _check_entry(frame: pd.DataFrame, *, initiative: Initiative, **rules) -> CheckedValues:
    """``check_values`` for what partners and the backbone enter (the API, uploads), with the
    rule of the entry grid: values go to active indicators only. Every problem is listed,
    rows naming an inactive indicator first."""
    inactive = set(initiative.indicators.inactive().values_list("code", flat=True))
    retired = []
    if inactive and "indicator" in frame.columns:
        named = frame["indicator"].isin(inactive).to_numpy()
        for position in named.nonzero()[0]:
            retired.append(
                _("Row %(row)s, column %(column)s: %(message)s")
                % {
                    "row": position + 2,
                    "column": "indicator",
                    "message": _("%(code)r is not collected any more (the indicator is inactive).")
                    % {"code": frame["indicator"].iat[position]},
                }
            )
    try:
        checked = check_values(frame, initiative=initiative, **rules)
    except FileProblems as problems:
        raise FileProblems(retired + problems.errors) from None
    if retired:
        raise FileProblems(retired)
    return checked


def _check_upload(actor, initiative, organization, filename, content):
    frame = read_table(content, filename)
    return _check_entry(
        frame,
        initiative=initiative,
        organization=organization,
        crosswalks=selectors.crosswalk_map(initiative=initiative, organization=organization),
        new_periods_allowed=may_create_periods(actor, initiative),
    )


@transaction.atomic
def upload_save(*, actor, upload: Upload) -> int:
    """Write a checked upload into the organization's draft submissions, all or nothing.
    The file is checked again: the definitions or the submissions may have changed."""
    upload = Upload.objects.select_for_update().get(pk=upload.pk)
    roles.require(actor, upload.initiative, Perm.ENTER_DATA, organization=upload.organization)
    if upload.status != UploadStatus.CHECKED:
        raise ValidationError(_("This file was already saved or discarded."))
    try:
        checked = _check_upload(
            actor, upload.initiative, upload.organization, upload.filename, bytes(upload.content)
        )
    except FileProblems as problems:
        upload.status = UploadStatus.REJECTED
        upload.errors = problems.errors
        upload.save(update_fields=["status", "errors"])
        return 0
    changed = values_write(
        initiative=upload.initiative,
        checked=checked,
        actor=actor,
        approve=False,
        reason=_("Uploaded: %(file)s") % {"file": upload.filename},
    )
    upload.status = UploadStatus.SAVED
    upload.saved_at = timezone.now()
    upload.save(update_fields=["status", "saved_at"])
    return changed


def upload_discard(*, actor, upload: Upload) -> None:
    roles.require(actor, upload.initiative, Perm.ENTER_DATA, organization=upload.organization)
    if upload.status in (UploadStatus.CHECKED, UploadStatus.REJECTED):
        upload.status = UploadStatus.DISCARDED
        upload.content, upload.size = b"", 0
        upload.save(update_fields=["status", "content", "size"])


# ---- Uploads: how long files are kept, and how many ----

# Files nobody needs to act on any more: the first to go when room is needed.
FINISHED_UPLOADS = (UploadStatus.REJECTED, UploadStatus.SAVED)


def _upload_make_room(*, initiative: Initiative, organization: Organization, needed: int):
    """Keep the organization's stored files within the quota: remove the oldest finished
    ones first; refuse when what is left is files still waiting to be saved."""
    kept = Upload.objects.select_for_update().filter(
        initiative=initiative, organization=organization, size__gt=0
    )
    excess = (kept.aggregate(total=Sum("size"))["total"] or 0) + needed
    excess -= settings.UPLOAD_QUOTA_BYTES
    for finished in kept.filter(status__in=FINISHED_UPLOADS).order_by("created_at"):
        if excess <= 0:
            return
        excess -= finished.size
        finished.content, finished.size = b"", 0
        finished.save(update_fields=["content", "size"])
    if excess > 0:
        raise ValidationError(
            _(
                "Your organization's files waiting to be saved or discarded fill the %(mb)s MB "
                "kept for it. Save or discard them, then upload this file again."
            )
            % {"mb": settings.UPLOAD_QUOTA_BYTES // (1024 * 1024)}
        )


def uploads_expire(*, now=None) -> int:
    """Remove the files uploaded more than UPLOAD_RETENTION_DAYS ago; a file checked but
    never saved expires unsaved. Their name, status, problems and summary stay. Returns how
    many files were removed."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.UPLOAD_RETENTION_DAYS)
    expired = Upload.objects.filter(size__gt=0, created_at__lt=cutoff)
    unsaved = expired.filter(status=UploadStatus.CHECKED).update(
        status=UploadStatus.DISCARDED, content=b"", size=0
    )
    return unsaved + expired.update(content=b"", size=0)


# ---- Category crosswalks ----


def crosswalk_add(
    *,
    actor,
    initiative: Initiative,
    organization: Organization,
    category: Category,
    source_code: str,
) -> CategoryCrosswalk:
    """Teach Yachad how this organization writes a category in its files."""
    roles.require(actor, initiative, Perm.ENTER_DATA, organization=organization)
    if category.dimension.initiative_id != initiative.pk:
        raise ValidationError(_("This category belongs to another initiative."))
    crosswalk, _created = CategoryCrosswalk.objects.update_or_create(
        organization=organization,
        dimension=category.dimension,
        source_code=source_code.strip(),
        defaults={"category": category},
    )
    return crosswalk


def crosswalk_delete(*, actor, initiative: Initiative, crosswalk: CategoryCrosswalk) -> None:
    if crosswalk.dimension.initiative_id != initiative.pk:
        raise Http404
    roles.require(actor, initiative, Perm.ENTER_DATA, organization=crosswalk.organization)
    crosswalk.delete()


# ---- Computations ----


def computation_request(
    *,
    initiative: Initiative,
    period: ReportingPeriod | None = None,
    requested_by=None,
    reason: str = "",
    enqueue: bool = True,
) -> ComputationRun:
    """Record a queued run and hand it to a Celery worker once the caller's transaction has
    committed (so the worker sees the approved data). ``enqueue=False`` leaves running it to
    the caller (the ``compute`` command runs it in-process)."""
    from measurement.tasks import computation_run_task

    run = ComputationRun.objects.create(
        initiative=initiative, period=period, requested_by=requested_by, reason=reason[:200]
    )
    if enqueue:
        transaction.on_commit(lambda: computation_run_task.delay(run.pk), robust=True)
    return run


def computation_run_execute(*, run_id: int) -> ComputationRun:
    """Compute the run's results and replace the previous ones in one transaction.

    Runs of one initiative are serialized (a PostgreSQL advisory lock held from reading the
    data to committing the results), so an older run can never overwrite a newer one. A
    failure leaves the previous results in place and records the error on the run. Running
    the same run twice gives the same results: tasks may be delivered twice."""
    run = ComputationRun.objects.select_related("initiative", "period").get(pk=run_id)
    _run_progress(
        run,
        status=RunStatus.RUNNING,
        progress=0,
        stage=_("Waiting for earlier runs"),
        started_at=timezone.now(),
        error="",
    )
    try:
        with _initiative_lock(run.initiative_id):
            rows_in, rows_out = _compute_and_replace(run)
    except Exception:
        logger.exception("Computation run %s failed", run.pk)
        _run_progress(
            run,
            status=RunStatus.FAILED,
            error=traceback.format_exc(limit=5),
            finished_at=timezone.now(),
            stage="",
        )
    else:
        dashboards.results_changed(initiative_id=run.initiative_id, run_id=run.pk)
        _run_progress(
            run,
            status=RunStatus.SUCCEEDED,
            progress=100,
            stage="",
            rows_in=rows_in,
            rows_out=rows_out,
            finished_at=timezone.now(),
        )
    return run


def _run_progress(run: ComputationRun, **fields) -> None:
    """Saved at once, outside the results transaction, so the runs page shows it live."""
    for name, value in fields.items():
        setattr(run, name, value)
    ComputationRun.objects.filter(pk=run.pk).update(**fields)


_LOCK_NAMESPACE = 7_130_842  # "yachad compute"; keeps our advisory locks apart from others


@contextmanager
def _initiative_lock(initiative_id: int):
    if connection.vendor != "postgresql":
        # SQLite serializes writers itself, and eager mode runs one computation at a time.
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s, %s)", [_LOCK_NAMESPACE, initiative_id])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [_LOCK_NAMESPACE, initiative_id])


def _compute_and_replace(run: ComputationRun) -> tuple[int, int]:
    """A full run computes every period from the data; an incremental run recomputes its
    period from the data and the time statistics of every period from stored results."""
    initiative = run.initiative
    _run_progress(run, progress=10, stage=_("Reading approved data"))
    definitions = selectors.engine_definitions(initiative=initiative)
    values = selectors.approved_values_frame(initiative=initiative, period=run.period)

    _run_progress(run, progress=40, stage=_("Computing"))
    results, disparities = engine.aggregate(values, definitions)
    if run.period is not None:
        stored = selectors.stored_results_frame(initiative=initiative, exclude_period=run.period)
        results = pd.concat([stored, results], ignore_index=True) if len(stored) else results
    results = engine.add_time_statistics(results, definitions)

    _run_progress(run, progress=70, stage=_("Saving results"))
    with transaction.atomic():
        stale_disparities = DimensionDisparity.objects.filter(initiative=initiative)
        if run.period is not None:
            stale_disparities = stale_disparities.filter(period=run.period)
        stale_disparities.delete()
        # Time statistics change for every period, so every initiative-wide row is replaced.
        IndicatorResult.objects.filter(initiative=initiative, organization__isnull=True).delete()
        _write_results(run, results)
        _write_disparities(run, disparities)
    return len(values), len(results)


RESULT_COLUMNS = [
    "initiative_id",
    "indicator_id",
    "period_id",
    "cell_id",
    "organization_id",
    "run_id",
    "numerator",
    "denominator",
    "value",
    "n",
    "suppression",
    "ci_low",
    "ci_high",
    "reference_key",
    "ratio_to_reference",
    "difference_from_reference",
    "gap_significant",
    "reference_suppressed",
    "best_key",
    "ratio_to_best",
    "difference_from_best",
    "baseline",
    "change_since_baseline",
    "baseline_suppressed",
    "target",
    "progress_to_target",
    "group_target",
    "progress_to_group_target",
    "trend_slope",
    "trend",
    "trend_suppressed",
]


def _write_results(run: ComputationRun, results: pd.DataFrame) -> None:
    cell_ids = cells_for_keys(initiative=run.initiative, keys=set(results["cell_key"]))
    frame = results.assign(
        initiative_id=run.initiative_id,
        cell_id=results["cell_key"].map(cell_ids),
        organization_id=None,
        run_id=run.pk,
    )
    _insert(IndicatorResult, frame[RESULT_COLUMNS])


def _write_disparities(run: ComputationRun, disparities: pd.DataFrame) -> None:
    dimension_ids = dict(run.initiative.dimensions.values_list("code", "id"))
    frame = disparities.assign(
        initiative_id=run.initiative_id,
        dimension_id=disparities["dimension"].map(dimension_ids),
        run_id=run.pk,
    )
    _insert(
        DimensionDisparity,
        frame[
            [
                "initiative_id",
                "indicator_id",
                "period_id",
                "dimension_id",
                "index_vs_reference",
                "index_vs_best",
                "groups_compared",
                "run_id",
            ]
        ],
    )


def _insert(model, frame: pd.DataFrame) -> None:
    """Insert a frame whose columns are the model's column names: with COPY on
    PostgreSQL (pandas writes the CSV in C: tens of thousands of rows in a fraction of a
    second), with bulk_create elsewhere."""
    columns = list(frame.columns)
    if connection.vendor == "postgresql":
        from psycopg import sql

        buffer = io.StringIO()
        # \N marks NULL, so an empty string stays an empty string.
        frame.to_csv(buffer, header=False, index=False, na_rep="\\N")
        statement = sql.SQL("COPY {} ({}) FROM STDIN WITH (FORMAT csv, NULL '\\N')").format(
            sql.Identifier(model._meta.db_table),
            sql.SQL(", ").join(map(sql.Identifier, columns)),
        )
        with connection.cursor() as cursor, cursor.copy(statement) as copy:
            copy.write(buffer.getvalue())
        return
    model.objects.bulk_create(
        (
            model(
                **{
                    name: None if _missing(value) else value
                    for name, value in zip(columns, row, strict=True)
                }
            )
            for row in frame.itertuples(index=False, name=None)
        ),
        batch_size=2000,
    )


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def cells_for_keys(*, initiative: Initiative, keys) -> dict[str, int]:
    """Cell ids by key, creating cells that do not exist yet (with their categories)."""
    existing = dict(
        Cell.objects.filter(initiative=initiative, key__in=list(keys)).values_list("key", "id")
    )
    missing = [key for key in keys if key not in existing]
    if missing:
        categories = {
            (dimension, code): pk
            for pk, dimension, code in Category.objects.filter(
                dimension__initiative=initiative
            ).values_list("pk", "dimension__code", "code")
        }
        _create_cells(initiative, {key: parse_cell_key(key) for key in missing}, categories)
        existing.update(
            Cell.objects.filter(initiative=initiative, key__in=missing).values_list("key", "id")
        )
    return existing


# ---- Share links ----


@transaction.atomic
def share_link_create(
    *, actor, initiative: Initiative, label: str, days: int, indicators=()
) -> ShareLink:
    roles.require(actor, initiative, Perm.SHARE_DASHBOARDS)
    if not 1 <= days <= 365:
        raise ValidationError({"days": _("A link can live between 1 and 365 days.")})
    link = ShareLink(
        initiative=initiative,
        label=label.strip(),
        created_by=actor,
        expires_at=timezone.now() + timedelta(days=days),
    )
    link.full_clean()
    link.save()
    link.indicators.set(indicators)
    return link


def share_link_revoke(*, actor, link: ShareLink) -> None:
    roles.require(actor, link.initiative, Perm.SHARE_DASHBOARDS)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])


def share_link_record_use(*, link: ShareLink, path: str, user_agent: str) -> None:
    """Who looked is unknown by design; what was looked at, and when, is kept."""
    ShareLinkUse.objects.create(link=link, path=path[:500], user_agent=user_agent[:300])
