"""Writes of the briefs app: the backbone's choice to e-mail briefs, and the sending itself."""

import logging

from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.selectors import language_of
from briefs import documents, selectors
from briefs.models import BriefDelivery, BriefSchedule
from briefs.pdf import BriefRenderingError
from core import formats
from initiatives import roles
from initiatives.models import Initiative
from initiatives.roles import Perm
from measurement.models import ReportingPeriod

logger = logging.getLogger(__name__)


def brief_schedule_set(*, actor, initiative: Initiative, send_by_email: bool) -> BriefSchedule:
    """Turn the e-mailing of briefs to the initiative's funders on or off."""
    roles.require(actor, initiative, Perm.MANAGE_MEMBERS)
    schedule, _created = BriefSchedule.objects.update_or_create(
        initiative=initiative, defaults={"send_by_email": send_by_email}
    )
    return schedule


# ---- Sending ----


def funder_briefs_send() -> int:
    """For every initiative that e-mails its briefs: the brief of its latest final period to
    each funder member who has not received it. Returns how many e-mails went out."""
    schedules = BriefSchedule.objects.filter(send_by_email=True).select_related("initiative")
    sent = 0
    for schedule in schedules:
        try:
            sent += funder_brief_send(initiative=schedule.initiative)
        except Exception:
            # Whatever stopped one initiative's briefs (its data, a fault) must not keep the
            # funders of the others waiting; its copies stay unsent for the next run.
            logger.exception(
                "The funder briefs of %s could not be sent; the next run tries again.",
                schedule.initiative.slug,
            )
    return sent


def funder_brief_send(*, initiative: Initiative) -> int:
    """The brief of the initiative's latest final period, to each active funder member, in
    their own language, with the PDF attached — once per person and period. A copy that
    fails (its PDF, or its e-mail) is logged, recorded with the error, and tried again by the
    next run; it does not hold up the others."""
    period = selectors.latest_final_period(initiative=initiative)
    if period is None:
        return 0
    pdfs: dict[str, bytes] = {}
    sent = 0
    for recipient in selectors.funder_recipients(initiative=initiative):
        language = language_of(recipient)
        delivery, _created = BriefDelivery.objects.get_or_create(
            period=period,
            recipient=recipient,
            defaults={"initiative": initiative, "language": language},
        )
        if delivery.sent_at is not None:
            continue
        try:
            if language not in pdfs:
                pdfs[language] = documents.brief_pdf(
                    initiative=initiative, period=period, language=language
                )
            sent += _deliver(delivery.pk, initiative, period, recipient, language, pdfs[language])
        except (BriefRenderingError, OSError) as error:
            logger.exception(
                "The %s brief of %s could not go to member %s; the next run tries again.",
                period.code,
                initiative.slug,
                recipient.pk,
            )
            BriefDelivery.objects.filter(pk=delivery.pk).update(
                attempts=delivery.attempts + 1, error=str(error)[:2000]
            )
    return sent


@transaction.atomic
def _deliver(delivery_id, initiative, period: ReportingPeriod, recipient, language, pdf) -> int:
    """Send one copy unless another run sent it meanwhile (the row is locked while sending)."""
    delivery = (
        BriefDelivery.objects.select_for_update(skip_locked=True).filter(pk=delivery_id).first()
    )
    if delivery is None or delivery.sent_at is not None:
        return 0
    with formats.conventions_of(initiative), translation.override(language):
        subject = _("%(initiative)s: funder brief for %(period)s") % {
            "initiative": initiative.name,
            "period": period.code,
        }
        body = render_to_string(
            "briefs/email/brief.txt",
            {"initiative": initiative, "period": period, "recipient": recipient},
        )
    message = EmailMessage(" ".join(subject.split())[:300], body, None, [recipient.email])
    message.attach(
        documents.brief_filename(initiative=initiative, period=period, language=language),
        pdf,
        "application/pdf",
    )
    message.send()
    delivery.language = language
    delivery.sent_at = timezone.now()
    delivery.attempts += 1
    delivery.error = ""
    delivery.save(update_fields=["language", "sent_at", "attempts", "error"])
    return 1
