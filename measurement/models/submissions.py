"""What partners report: one submission per organization and period, its data values
(with their history) and the comments on it.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import belongs_to, optional_link, person_on_record
from core.models import Created, Excerpted, Stamped, one_per
from initiatives.models import Initiative, Organization
from measurement.choices import (
    CommentKind,
    SubmissionStatus,
)
from measurement.models.definitions import Cell, Indicator, ReportingPeriod

# ---- Submissions and data values ----


class SubmissionQuerySet(models.QuerySet):
    def for_initiative(self, initiative):
        return self.filter(initiative=initiative)

    def for_organization(self, organization):
        return self.filter(organization=organization)

    def approved(self):
        return self.filter(status=SubmissionStatus.APPROVED)

    def awaiting_review(self):
        return self.filter(status=SubmissionStatus.SUBMITTED)


class Submission(Stamped):
    """One organization's data for one reporting period, moving draft → submitted →
    returned (with comments) or approved. Only approved data feeds the computed results;
    approval locks the values."""

    initiative = belongs_to(Initiative, "submissions")
    organization = models.ForeignKey(
        Organization,
        on_delete=models.RESTRICT,
        related_name="submissions",
        verbose_name=_("organization"),
    )
    period = models.ForeignKey(
        ReportingPeriod,
        on_delete=models.RESTRICT,
        related_name="submissions",
        verbose_name=_("period"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT
    )
    review_comment = models.TextField(_("review comment"), blank=True)
    created_by = person_on_record()
    submitted_by = optional_link(settings.AUTH_USER_MODEL)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = optional_link(settings.AUTH_USER_MODEL)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    objects = SubmissionQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"], user_db_constraint=False)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-period__start", "organization__name"]
        constraints = [one_per("initiative", "organization", "period", name="submission_unique")]

    # Read by django-simple-history when the version is saved: who made the change, and why.
    _history_user: object
    _change_reason: str

    def __str__(self) -> str:
        return f"{self.organization} · {self.period}"

    @property
    def is_editable(self) -> bool:
        return self.status in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)

    @property
    def can_be_submitted(self) -> bool:
        return self.is_editable

    @property
    def is_overdue(self) -> bool:
        """Still to be sent after its period's deadline (the reporting matrix's Overdue)."""
        return self.is_editable and self.period.is_past_due(timezone.localdate())

    @property
    def can_be_reviewed(self) -> bool:
        return self.status == SubmissionStatus.SUBMITTED


class DataValue(models.Model):
    """One reported number for one indicator and one disaggregation cell in a submission.

    Rates fill numerator and denominator; counts fill value; averages fill value and put n
    in the denominator. A missing row means "not reported", which is never the same as 0."""

    # The unique (submission, indicator, cell) index serves every lookup; single-column indexes
    # would only slow down the imports of a hundred thousand values.
    submission = belongs_to(Submission, "values", db_index=False)
    indicator = belongs_to(Indicator, "values", db_index=False)
    cell = belongs_to(Cell, "values", db_index=False)
    numerator = models.FloatField(
        _("numerator"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    denominator = models.FloatField(
        _("denominator"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    value = models.FloatField(_("value"), null=True, blank=True)

    # History is read by submission; it outlives the people who made it.
    history = HistoricalRecords(no_db_index=["id", "indicator", "cell"], user_db_constraint=False)

    class Meta:
        verbose_name = _("data value")
        verbose_name_plural = _("data values")
        constraints = [one_per("submission", "indicator", "cell", name="datavalue_unique")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.cell} = {self.value or self.numerator}"


class SubmissionComment(Excerpted, Created):
    """A message on a submission between the partner and the backbone team — about the
    whole submission, or about one indicator or one cell ("the boys' numbers look high")."""

    submission = belongs_to(Submission, "comments")
    author = person_on_record()
    kind = models.CharField(max_length=16, choices=CommentKind.choices, default=CommentKind.COMMENT)
    body = models.TextField(_("comment"))
    indicator = optional_link(Indicator, verbose_name=_("about indicator"))
    cell = optional_link(Cell, verbose_name=_("about group"))

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["submission", "created_at"]
