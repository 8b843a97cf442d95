from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conditions.models import Meeting, WorkingGroup
from core.fields import belongs_to, optional_link, person_on_record
from core.models import Named, Stamped, Titled, Updated
from equity.choices import (
    IAP2_LABELS,
    LEVEL_OF_CONDITION,
    SHARED_POWER,
    STRATEGY_DESCRIPTIONS,
    BodyKind,
    CommitmentKind,
    CommitmentStatus,
    EngagementLevel,
    EquityStrategy,
    SeatType,
    SystemsCondition,
    SystemsStage,
)
from initiatives.models import Initiative, Organization
from measurement.models.definitions import indicators_to_move


class CommitmentQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=[CommitmentStatus.DONE, CommitmentStatus.DROPPED])

    def overdue(self, today=None):
        return self.open().filter(due_date__lt=today or timezone.localdate())


class Commitment(Titled, Stamped):
    """A concrete, dated promise made under one of the five equity strategies, with an owner
    who is accountable for it and the evidence that it was kept — for example "publish every
    indicator disaggregated by sector by March" or "community members hold half of the
    steering committee seats"."""

    initiative = belongs_to(Initiative, "equity_commitments")
    strategy = models.CharField(_("strategy"), max_length=20, choices=EquityStrategy.choices)
    kind = models.CharField(
        _("kind"), max_length=12, choices=CommitmentKind.choices, default=CommitmentKind.COMMITMENT
    )
    title = models.CharField(_("commitment"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    owner = optional_link(
        settings.AUTH_USER_MODEL, related_name="equity_commitments", verbose_name=_("owner")
    )
    organization = optional_link(Organization, verbose_name=_("organization"))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.PLANNED,
    )
    evidence = models.TextField(_("evidence"), blank=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("equity commitment")
        verbose_name_plural = _("equity commitments")
        ordering = ["initiative", "due_date", "title"]

    @property
    def strategy_description(self) -> str:
        return str(STRATEGY_DESCRIPTIONS[EquityStrategy(self.strategy)])

    @property
    def is_open(self) -> bool:
        return self.status not in (CommitmentStatus.DONE, CommitmentStatus.DROPPED)

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_date is not None and self.due_date < timezone.localdate()

    def clean(self):
        super().clean()
        if self.kind == CommitmentKind.COMMITMENT and self.due_date is None:
            raise ValidationError({"due_date": _("A commitment needs a date to be kept by.")})


# ---- Shifting power ----


class DecisionBody(Named):
    """A table where decisions are made — steering committee, working group, community
    advisory council, funders' table — whose seats show who holds power there."""

    initiative = belongs_to(Initiative, "decision_bodies")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=BodyKind.choices)
    working_group = optional_link(WorkingGroup, verbose_name=_("working group"))
    description = models.TextField(_("how it decides"), blank=True)

    class Meta:
        verbose_name = _("decision-making body")
        verbose_name_plural = _("decision-making bodies")
        ordering = ["initiative", "name"]


class Seat(models.Model):
    """One seat at a decision-making body over a span of time, and whom it is for. The body's
    composition on any date is the seats held that day.

    A community seat's holder is a person of the community members' register, where their
    name is kept with their consent, shown to the backbone only and removed if they withdraw;
    other seats name their holder, or an organization, as typed."""

    body = belongs_to(DecisionBody, "seats")
    seat_type = models.CharField(_("seat for"), max_length=12, choices=SeatType.choices)
    member = optional_link(
        "community.CommunityMember",
        related_name="seats",
        verbose_name=_("community member"),
        help_text=_("For a community seat: the person, from the community members."),
    )
    holder = models.CharField(
        _("held by"),
        max_length=200,
        blank=True,
        help_text=_("A name, or leave empty for a vacant seat."),
    )
    organization = optional_link(Organization, verbose_name=_("organization"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["body", "seat_type", "starts_on"]

    # Set by equity.selectors.body_list: the holder as the viewer may read them.
    shown_holder: str

    def __str__(self) -> str:
        return f"{self.body}: {self.get_seat_type_display()}"

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A seat cannot end before it starts.")})
        community = self.seat_type == SeatType.COMMUNITY
        if community and self.holder.strip():
            raise ValidationError(
                {
                    "holder": _(
                        "Choose who holds a community seat from the community members, where "
                        "their name is kept with their consent, rather than typing it."
                    )
                }
            )
        if self.member_id is not None and not community:
            raise ValidationError(
                {"member": _("Only a community seat is held by a community member.")}
            )


class Decision(Titled):
    """What a body decided, the money it moved, and how much power the community had in it."""

    initiative = belongs_to(Initiative, "decisions")
    body = models.ForeignKey(
        DecisionBody,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("decided by"),
    )
    decided_on = models.DateField(_("date"))
    title = models.CharField(_("what was decided"), max_length=300)
    description = models.TextField(_("details"), blank=True)
    resources = models.DecimalField(
        _("money involved"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("In the initiative's currency; empty when no money was involved."),
    )
    engagement_level = models.PositiveSmallIntegerField(
        _("community's power in this decision"),
        choices=EngagementLevel.choices,
        help_text=_(
            "0 ignore · 1 inform · 2 consult · 3 involve · 4 collaborate · 5 defer to "
            "the community."
        ),
    )
    meeting = optional_link(Meeting, verbose_name=_("meeting"))
    recorded_by = person_on_record()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_on", "title"]

    @property
    def shares_power(self) -> bool:
        return self.engagement_level >= SHARED_POWER

    @property
    def iap2_label(self) -> str:
        return str(IAP2_LABELS[EngagementLevel(self.engagement_level)])


# ---- Systems change ----


class SystemsChangeEffort(Titled, Updated):
    """An effort to change one or more of the six conditions that hold the problem in place,
    how far it has come, the evidence, and the indicators it should move."""

    initiative = belongs_to(Initiative, "systems_change_efforts")
    organization = optional_link(Organization, verbose_name=_("led by"))
    title = models.CharField(_("effort"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    conditions = models.JSONField(_("conditions it changes"), default=list)
    stage = models.CharField(
        _("stage"), max_length=12, choices=SystemsStage.choices, default=SystemsStage.EXPLORING
    )
    evidence = models.TextField(
        _("evidence"),
        blank=True,
        help_text=_(
            "What shows the change: a policy adopted, a budget "
            "moved, a practice changed — with a link."
        ),
    )
    indicators = indicators_to_move()

    class Meta:
        verbose_name = _("systems change effort")
        verbose_name_plural = _("systems change efforts")
        ordering = ["initiative", "title"]

    # Set by equity.selectors.effort_list: whether the viewer may change this effort.
    editable: bool

    def clean(self):
        super().clean()
        unknown = set(self.conditions) - set(SystemsCondition.values)
        if not self.conditions or unknown:
            raise ValidationError({"conditions": _("Choose one or more of the six conditions.")})

    @property
    def condition_labels(self) -> list[str]:
        return [str(SystemsCondition(c).label) for c in self.conditions]

    @property
    def levels(self) -> list:
        return sorted({LEVEL_OF_CONDITION[SystemsCondition(c)] for c in self.conditions})
