"""The reporting plan (who reports which indicator, how often) and the log of reminders
sent about it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

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

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="reporting_assignments"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="reporting_assignments"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="assignments")
    frequency = models.CharField(_("frequency"), max_length=16, choices=Frequency.choices)

    class Meta:
        verbose_name = _("reporting assignment")
        verbose_name_plural = _("reporting assignments")
        ordering = ["organization__name", "indicator__order"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "indicator"], name="assignment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organization} reports {self.indicator.code} ({self.frequency})"


class ReminderLog(models.Model):
    """That a reminder about one period went to one organization, so it goes only once."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=ReminderKind.choices)
    recipients = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "period", "kind"], name="reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.period} {self.kind}"
