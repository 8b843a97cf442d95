"""What the submission workflow tells people (docs/notices.md): partner editors hear when
their organization's data is returned or approved; the backbone's reviewers get a weekly
digest of what waits for them. Reminders before and after a due date are the reporting plan's
(``reporting.reminders_send``)."""

from datetime import date, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import NoticeKind
from accounts.services import notice_log_claim, notify
from core import formats
from initiatives.models import Initiative
from measurement import selectors
from measurement.choices import CommentKind
from measurement.models import Submission

# The decisions partners hear about, and the template that tells each.
DECISION_TEMPLATES = {
    NoticeKind.RETURNED: "measurement/email/returned.txt",
    NoticeKind.APPROVED: "measurement/email/approved.txt",
}


def submission_notify_later(*, submission: Submission, kind: str) -> None:
    """Tell the partner editors of ``kind`` (returned, approved) once the caller's transaction
    commits: a decision rolled back tells nobody, and a failed e-mail never undoes it."""
    from measurement.tasks import submission_notify_task

    transaction.on_commit(lambda: submission_notify_task.delay(submission.pk, kind), robust=True)


def submission_notify(*, submission: Submission, kind: str) -> int:
    """Tell the organization's partner editors that the backbone returned its submission (with
    the reviewer's comment) or approved it. Returns how many e-mails went out."""
    comment = (
        submission.comments.filter(kind=CommentKind.RETURNED)
        .select_related("indicator")
        .order_by("-created_at", "-pk")
        .first()
        if kind == NoticeKind.RETURNED
        else None
    )
    facts = {"initiative": submission.initiative.name, "period": submission.period.code}
    return notify(
        users=selectors.partner_editors(
            initiative=submission.initiative, organization=submission.organization
        ),
        kind=kind,
        subject=lambda: (
            (
                _("Returned: %(initiative)s data for %(period)s")
                if kind == NoticeKind.RETURNED
                else _("Approved: %(initiative)s data for %(period)s")
            )
            % facts
        ),
        template=DECISION_TEMPLATES[NoticeKind(kind)],
        context={
            "submission": submission,
            "reviewer": submission.reviewed_by,
            "comment": comment.body if comment else submission.review_comment,
            "indicator": comment.indicator if comment else None,
        },
        url=reverse(
            "measurement:submission-detail", args=[submission.initiative.slug, submission.pk]
        ),
        initiative=submission.initiative,
    )


# ---- The backbone's weekly digest ----


def backbone_digests_send(*, today: date | None = None) -> int:
    """Send every initiative's review digest for the week of ``today``. Returns how many
    e-mails went out; a week's digest goes once however often this runs."""
    today = today or timezone.localdate()
    return sum(
        backbone_digest_send(initiative=initiative, today=today)
        for initiative in Initiative.objects.all()
    )


@transaction.atomic
def backbone_digest_send(*, initiative: Initiative, today: date) -> int:
    """To the backbone members who review submissions: what waits for them
    (``selectors.backbone_digest``). Nothing waits, nothing sent. Claimed and sent in one
    transaction, so a failed sending is tried again by the next run."""
    digest = selectors.backbone_digest(initiative=initiative, today=today)
    reviewers = list(selectors.reviewers(initiative=initiative))
    if digest["is_empty"] or not reviewers:
        return 0
    week_of = today - timedelta(days=today.weekday())
    log = notice_log_claim(
        initiative=initiative, kind=NoticeKind.BACKBONE_DIGEST, occasion=week_of.isoformat()
    )
    if log is None:
        return 0
    sent = notify(
        users=reviewers,
        kind=NoticeKind.BACKBONE_DIGEST,
        subject=lambda: (
            _("%(initiative)s: waiting for review in the week of %(date)s")
            % {"initiative": initiative.name, "date": formats.local_date(week_of)}
        ),
        template="measurement/email/backbone_digest.txt",
        context={**digest, "initiative": initiative, "today": today},
        url=reverse("measurement:reporting-matrix", args=[initiative.slug]),
        initiative=initiative,
    )
    log.recipients = len(reviewers)
    log.save(update_fields=["recipients"])
    return sent
