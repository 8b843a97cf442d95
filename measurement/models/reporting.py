"""The reporting plan (who reports which indicator, how often) and the log of reminders
sent about it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import belongs_to
from core.models import one_per
from initiatives.models import Initiative, Organization
from measurement.choices import (
    Frequency,
    ReminderKind,
)
from measurement.models.definitions import Indicator, ReportingPeriod

# ---- Reporting plan ----


class ReportingAssignment(models.Model):
    """Which organization reports which indicator, and how often. Together with the periods'
    due dates this is the reporting plan the matrix and the reminders follow."""

    initiative = belongs_to(Initiative, "reporting_assignments")
    organization = belongs_to(Organization, "reporting_assignments")
    indicator = belongs_to(Indicator, "assignments")
    frequency = models.CharField(_("frequency"), max_length=16, choices=Frequency.choices)

    class Meta:
        verbose_name = _("reporting assignment")
        verbose_name_plural = _("reporting assignments")
        ordering = ["organization__name", "indicator__order"]
        constraints = [one_per("organization", "indicator", name="assignment_unique")]

    def __str__(self) -> str:
        return f"{self.organization} reports {self.indicator.code} ({self.frequency})"


class ReminderLog(models.Model):
    """That a reminder about one period went to one organization, so it goes only once."""

    initiative = belongs_to(Initiative, "+")
    organization = belongs_to(Organization, "+")
    period = belongs_to(ReportingPeriod, "+")
    kind = models.CharField(max_length=16, choices=ReminderKind.choices)
    recipients = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [one_per("organization", "period", "kind", name="reminder_once")]

    def __str__(self) -> str:
        return f"{self.organization} {self.period} {self.kind}"
