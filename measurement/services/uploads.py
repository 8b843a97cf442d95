"""Values arriving in bulk — files partners upload, the API's batches, the backbone's
imports — checked in full, then written into submissions; how long files are kept; and the
category crosswalks that teach Yachad how an organization writes its categories.
"""

import logging
import operator
from dataclasses import dataclass
from datetime import timedelta
from functools import reduce

import pandas as pd
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives import roles
from initiatives.models import Initiative, Organization
from initiatives.roles import Perm
from measurement import selectors
from measurement.choices import (
    SubmissionStatus,
    UploadStatus,
)
from measurement.datafiles import FILE_FIRST_ROW, CheckedValues, FileProblems
from measurement.models import (
    Category,
    CategoryCrosswalk,
    Submission,
    Upload,
)
from measurement.services import valuestore
from measurement.services.definitions import (
    cells_for_keys,
    may_create_periods,
    period_for_code,
    row_create_once,
)

logger = logging.getLogger(__name__)


# ---- Uploads ----


@transaction.atomic
def values_save(
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
    existing = {
        (submission.organization_id, submission.period_id): submission
        for submission in Submission.objects.filter(
            initiative=initiative, period_id__in=list(periods.values())
        )
    }
    submissions = {
        key: _submission_for(existing.get(key), initiative, *key, actor=actor, approve=approve).pk
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
    changes: "selectors.UploadChanges | None" = None
    """For a dry run, what writing would change (``selectors.values_changes``)."""

    @property
    def dry_run(self) -> bool:
        return self.changes is not None


@transaction.atomic
def values_import(
    *,
    actor,
    initiative: Initiative,
    frame: pd.DataFrame,
    reason: str,
    first_row: int = FILE_FIRST_ROW,
    dry_run: bool = False,
):
    """Check rows of the values interchange format and write them into draft submissions,
    all or nothing — the API's bulk write. Partner editors send their own organization's
    rows (read through its category crosswalk); backbone staff any partner's. Rows for a
    submitted or approved submission are refused. Raises FileProblems listing every problem
    by row, numbered from ``first_row``; nothing is written then. A ``dry_run`` checks the
    same way and writes nothing: its outcome says what writing would change, and lists the
    submissions that exist already."""
    roles.require(actor, initiative, Perm.ENTER_DATA)
    own = roles.organization_of(actor, initiative)
    checked = selectors.values_check(
        frame,
        initiative=initiative,
        organization=own,
        crosswalks=selectors.crosswalk_map(initiative=initiative, organization=own)
        if own
        else None,
        require_open=True,
        first_row=first_row,
        new_periods_allowed=may_create_periods(actor, initiative),
    )
    changes = selectors.values_changes(initiative=initiative, checked=checked) if dry_run else None
    if changes is None:
        changed = values_save(
            initiative=initiative, checked=checked, actor=actor, approve=False, reason=reason
        )
    else:
        changed = changes.new + changes.changed
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
        changes=changes,
    )


def _submission_for(submission, initiative, organization_id, period_id, *, actor, approve: bool):
    """The organization's submission for the period, ``submission`` if it has one, else
    created — or the one another import created meanwhile — approved with ``approve``."""
    if submission is None:
        built = Submission(
            initiative=initiative,
            organization_id=organization_id,
            period_id=period_id,
            created_by=actor,
        )
        _approved(built, actor=actor, approve=approve)
        submission = row_create_once(
            built, initiative=initiative, organization_id=organization_id, period_id=period_id
        )
        if submission is built:
            return submission
    if _approved(submission, actor=actor, approve=approve):
        submission.save()
    return submission


def _approved(submission: Submission, *, actor, approve: bool) -> bool:
    """Mark ``submission`` approved by ``actor`` (not saved) when ``approve`` and it is not
    yet; whether it changed. Its history names ``actor`` when it is saved."""
    submission._history_user = actor
    if not approve or submission.status == SubmissionStatus.APPROVED:
        return False
    now = timezone.now()
    submission.status = SubmissionStatus.APPROVED
    submission.submitted_at = submission.submitted_at or now
    submission.submitted_by = submission.submitted_by or actor
    submission.reviewed_at, submission.reviewed_by = now, actor
    return True


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


def _check_upload(actor, initiative, organization, filename, content):
    return selectors.upload_values(
        initiative=initiative,
        organization=organization,
        filename=filename,
        content=content,
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
    changed = values_save(
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


def crosswalk_save(
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
