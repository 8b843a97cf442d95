from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from equity.choices import STRATEGY_DESCRIPTIONS, CommitmentStatus, EquityStrategy
from initiatives.models import Initiative, Organization


class CommitmentQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=[CommitmentStatus.DONE, CommitmentStatus.DROPPED])

    def overdue(self, today=None):
        return self.open().filter(due_date__lt=today or timezone.localdate())


class Commitment(models.Model):
    """A concrete, dated promise made under one of the five equity strategies, with an owner
    who is accountable for it and the evidence that it was kept — for example "publish every
    indicator disaggregated by sector by March" or "community members hold half of the
    steering committee seats"."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="equity_commitments"
    )
    strategy = models.CharField(_("strategy"), max_length=20, choices=EquityStrategy.choices)
    title = models.CharField(_("commitment"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="equity_commitments",
        verbose_name=_("owner"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organization"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.PLANNED,
    )
    evidence = models.TextField(_("evidence"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("equity commitment")
        verbose_name_plural = _("equity commitments")
        ordering = ["initiative", "due_date", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def strategy_description(self) -> str:
        return STRATEGY_DESCRIPTIONS[EquityStrategy(self.strategy)]
