"""The reporting plan and the reminders that follow it."""

import logging
from collections.abc import Mapping
from datetime import date, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import NoticeKind
from accounts.services import notify
from core import formats
from initiatives import roles
from initiatives.models import Initiative, Organization
from initiatives.roles import Perm
from measurement import selectors
from measurement.choices import (
    ReminderKind,
)
from measurement.models import (
    Indicator,
    ReminderLog,
    ReportingAssignment,
    ReportingPeriod,
)

logger = logging.getLogger(__name__)


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


# ---- Settling periods ----


def period_close(*, actor, period: ReportingPeriod, note: str) -> ReportingPeriod:
    """Declare a period's figures final before the completeness rule would, saying why."""
    roles.require(actor, period.initiative, Perm.REVIEW_SUBMISSIONS)
    period.closed_at = timezone.now()
    period.closed_by = actor
    period.closing_note = note.strip()
    period.save(update_fields=["closed_at", "closed_by", "closing_note"])
    return period


def period_reopen(*, actor, period: ReportingPeriod) -> ReportingPeriod:
    """Let the completeness rule decide again whether the period is final."""
    roles.require(actor, period.initiative, Perm.REVIEW_SUBMISSIONS)
    period.closed_at = None
    period.closed_by = None
    period.closing_note = ""
    period.save(update_fields=["closed_at", "closed_by", "closing_note"])
    return period


def completeness_rule_set(
    *, actor, initiative: Initiative, grace_days: int, min_share: int
) -> Initiative:
    """When periods become final without being closed: the grace period after the due date
    and the share of expected organizations approved by then."""
    roles.require(actor, initiative, Perm.MANAGE_MEMBERS)
    initiative.final_grace_days = grace_days
    initiative.final_min_share = min_share
    initiative.full_clean()
    initiative.save(update_fields=["final_grace_days", "final_min_share"])
    return initiative


REMINDER_DAYS = {
    7: ReminderKind.WEEK_BEFORE,
    1: ReminderKind.DAY_BEFORE,
    -1: ReminderKind.DAY_AFTER,
    -7: ReminderKind.WEEK_AFTER,
}
# Before the due date a reminder is "due soon", after it "overdue" (accounts.choices.NoticeKind).
REMINDER_NOTICE = {
    ReminderKind.WEEK_BEFORE: NoticeKind.DUE_SOON,
    ReminderKind.DAY_BEFORE: NoticeKind.DUE_SOON,
    ReminderKind.DAY_AFTER: NoticeKind.OVERDUE,
    ReminderKind.WEEK_AFTER: NoticeKind.OVERDUE,
}


def reminders_send(*, today: date | None = None) -> int:
    """Remind the partner editors of every organization that still owes data for a period
    due in a week or tomorrow, or overdue by a day or a week: a notice in their list and an
    e-mail, as each chose (``accounts.services.notify``). Each reminder goes once. Returns how
    many e-mails went out."""
    today = today or timezone.localdate()
    due_dates = [today + timedelta(days=days) for days in REMINDER_DAYS]
    sent = 0
    for period in ReportingPeriod.objects.filter(due_date__in=due_dates).select_related(
        "initiative"
    ):
        if period.due_date is None:  # never: filtered on it; tells the type checker so
            continue
        kind = REMINDER_DAYS[(period.due_date - today).days]
        for organization in selectors.organizations_owing(period=period):
            sent += _reminder_send(period, organization, kind)
    return sent


@transaction.atomic
def _reminder_send(period: ReportingPeriod, organization: Organization, kind: str) -> int:
    """One organization's reminder, unless it went already. It is logged in the transaction
    that sends it, so a failed sending leaves it to the next run."""
    if ReminderLog.objects.filter(organization=organization, period=period, kind=kind).exists():
        return 0
    recipients = list(
        selectors.partner_editors(initiative=period.initiative, organization=organization)
    )
    ReminderLog.objects.create(
        initiative=period.initiative,
        organization=organization,
        period=period,
        kind=kind,
        recipients=len(recipients),
    )
    notice = REMINDER_NOTICE[ReminderKind(kind)]
    overdue = notice == NoticeKind.OVERDUE
    facts = {
        "initiative": period.initiative.name,
        "period": period.code,
    }
    return notify(
        users=recipients,
        kind=notice,
        subject=lambda: (
            (
                _("Overdue: %(initiative)s data for %(period)s")
                if overdue
                else _("Reminder: %(initiative)s data for %(period)s is due %(date)s")
            )
            % {**facts, "date": formats.local_date(period.due_date) if period.due_date else ""}
        ),
        template="measurement/email/reminder.txt",
        context={"period": period, "organization": organization, "overdue": overdue},
        url=reverse("measurement:submission-list", args=[period.initiative.slug]),
        initiative=period.initiative,
    )
