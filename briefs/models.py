"""Funder briefs: the initiative's figures for one period, written for its funders, as a
printable page and a PDF. What is stored here is only when briefs go out by e-mail and to
whom they went; the brief itself is built from the results whenever it is asked for."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import belongs_to
from core.models import Created, Updated
from initiatives.models import Initiative


class BriefSchedule(Updated):
    """Whether the backbone sends each newly final period's brief to the initiative's funders
    by e-mail. One per initiative; without one, nothing is sent."""

    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, related_name="brief_schedule"
    )
    send_by_email = models.BooleanField(
        _("e-mail each final period's brief to our funders"),
        default=False,
        help_text=_(
            "Once a period's figures are final, every funder member receives its brief as a PDF, "
            "once, in their own language."
        ),
    )

    class Meta:
        verbose_name = _("brief schedule")
        verbose_name_plural = _("brief schedules")

    def __str__(self) -> str:
        return str(self.initiative)


class BriefDelivery(Created):
    """One funder's copy of one period's brief, sent by e-mail — or, while ``sent_at`` is
    empty, tried and failed (``error``): the next run tries again. A copy sent is never sent
    again."""

    initiative = belongs_to(Initiative, "brief_deliveries")
    period = belongs_to("measurement.ReportingPeriod", "brief_deliveries")
    recipient = belongs_to(settings.AUTH_USER_MODEL, "brief_deliveries")
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("brief delivery")
        verbose_name_plural = _("brief deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "recipient"], name="brief_delivery_once_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.period} → {self.recipient}"
