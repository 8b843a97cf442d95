"""Runs of the measurement engine."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.fields import belongs_to, optional_link
from core.models import Created
from initiatives.models import Initiative
from measurement.choices import (
    RunStatus,
)
from measurement.models.definitions import ReportingPeriod

# ---- Computed results ----


class ComputationRun(Created):
    """One run of the measurement engine for an initiative — all of it, or only the
    indicators and period of an approved submission. Staff read these to know how fresh the
    numbers on the dashboards are."""

    initiative = belongs_to(Initiative, "computation_runs")
    period = belongs_to(
        ReportingPeriod, "+", null=True, blank=True, help_text=_("Empty for a full recompute.")
    )
    status = models.CharField(max_length=16, choices=RunStatus.choices, default=RunStatus.QUEUED)
    requested_by = optional_link(settings.AUTH_USER_MODEL)
    reason = models.CharField(max_length=200, blank=True)
    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=60, blank=True)
    rows_in = models.PositiveIntegerField(default=0)
    rows_out = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    failure_reason = models.CharField(
        max_length=300, blank=True, help_text=_("Why the run failed, in words for the staff.")
    )
    attempt = models.PositiveSmallIntegerField(
        default=1, help_text=_("2 and more: an automatic retry after a worker stopped.")
    )
    enqueued_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the run was last handed to the task queue.")
    )
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text=_("The last sign of life of the worker running it.")
    )
    disclosure = models.JSONField(
        default=dict,
        blank=True,
        help_text=_("What disclosure control hid, by rule, and how its patterns were found."),
    )
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("computation run")
        verbose_name_plural = _("computation runs")
        ordering = ["-created_at"]
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return f"{self.initiative} run {self.pk} ({self.status})"

    @property
    def duration_seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None

    @property
    def is_finished(self) -> bool:
        return self.status in (RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.SUPERSEDED)

    @property
    def can_be_retried(self) -> bool:
        return self.status == RunStatus.FAILED

    def requested_message(self) -> str:
        """What to tell whoever asked for this run, once it was handed over (or not)."""
        if self.status == RunStatus.WAITING:
            return gettext(
                "The computation is recorded, but the task queue cannot be reached just now. "
                "It will run as soon as the queue is back; nothing needs to be done."
            )
        return gettext("The computation has been queued.")
