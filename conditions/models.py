"""The tools of the five conditions of collective impact beyond the common agenda and
shared measurement: working groups and the plan of action (mutually reinforcing activities),
meetings and updates (continuous communication), the backbone's work, and the periodic
assessments with the partners' ratings of each other (collaborative health)."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conditions.choices import (
    ActivityKind,
    ActivityStatus,
    BackboneFunction,
    GroupRole,
    Interaction,
    MeetingKind,
)
from core.fields import belongs_to, optional_link, person_on_record
from core.models import Created, Named, Stamped, Titled, one_per
from initiatives.choices import AssessmentKind, RespondentGroup
from initiatives.models import Initiative, Organization, Result
from measurement.models import Indicator
from measurement.models.definitions import indicators_to_move

# ---- Mutually reinforcing activities ----


class WorkingGroup(Named, Created):
    """An action team of partners (and residents) working on one result or strategy — often
    called a collaborative action network. Led by co-chairs; a community co-chair brings
    lived experience to the table."""

    initiative = belongs_to(Initiative, "working_groups")
    name = models.CharField(_("name"), max_length=200)
    purpose = models.TextField(_("purpose"), blank=True)
    result = optional_link(Result, related_name="working_groups", verbose_name=_("result"))

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["initiative", "name"]


class WorkingGroupMember(models.Model):
    """Someone on a working group: a member of the initiative, or a resident named here."""

    group = belongs_to(WorkingGroup, "members")
    user = belongs_to(
        settings.AUTH_USER_MODEL, "+", null=True, blank=True, verbose_name=_("person")
    )
    name = models.CharField(
        _("name"), max_length=200, blank=True, help_text=_("For someone without an account.")
    )
    organization = optional_link(Organization, verbose_name=_("organization"))
    role = models.CharField(
        _("role"), max_length=16, choices=GroupRole.choices, default=GroupRole.MEMBER
    )
    is_community = models.BooleanField(
        _("community member"),
        default=False,
        help_text=_("A resident with lived experience rather than an institution's staff."),
    )

    class Meta:
        verbose_name = _("working group member")
        verbose_name_plural = _("working group members")
        ordering = ["group", "-role", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(name=""), name="member_has_a_name"
            ),
        ]

    def __str__(self) -> str:
        # Pages name members through community.selectors.people_shown_to, never this.
        return str(self.user) if self.user_id else self.name

    @property
    def is_community_co_chair(self) -> bool:
        return self.role == GroupRole.CO_CHAIR and self.is_community


class Activity(Titled, Stamped):
    """One line of the plan of action: which organization does what, toward which results and
    indicators — a program or service, or a change to the system itself."""

    initiative = belongs_to(Initiative, "activities")
    organization = belongs_to(Organization, "activities", verbose_name=_("organization"))
    working_group = optional_link(
        WorkingGroup, related_name="activities", verbose_name=_("working group")
    )
    title = models.CharField(_("what"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(
        _("kind"), max_length=16, choices=ActivityKind.choices, default=ActivityKind.PROGRAM
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ActivityStatus.choices, default=ActivityStatus.ACTIVE
    )
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    results = models.ManyToManyField(
        Result, blank=True, related_name="activities", verbose_name=_("results it should move")
    )
    indicators: "models.ManyToManyField[Indicator, Any]" = indicators_to_move("activities")

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["initiative", "organization__name", "title"]

    @property
    def is_live(self) -> bool:
        return self.status in (ActivityStatus.PLANNED, ActivityStatus.ACTIVE)

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("An activity cannot end before it starts.")})


# ---- Continuous communication ----


class Meeting(Created):
    """A meeting of any body of the initiative, with its agenda, who came, the minutes and the
    decisions taken — the record that keeps everyone informed."""

    initiative = belongs_to(Initiative, "meetings")
    kind = models.CharField(_("body"), max_length=16, choices=MeetingKind.choices)
    working_group = optional_link(
        WorkingGroup, related_name="meetings", verbose_name=_("working group")
    )
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    agenda = models.TextField(_("agenda"), blank=True)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("attendees")
    )
    guests = models.TextField(
        _("other attendees"), blank=True, help_text=_("People without an account, one per line.")
    )
    minutes = models.TextField(_("minutes"), blank=True)
    decisions = models.TextField(_("decisions taken"), blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on", "title"]

    # Set by conditions.selectors.meeting_get: the attendees as the viewer may read them.
    attendee_names: list[str]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on})"

    @property
    def needs_minutes(self) -> bool:
        return not self.minutes.strip() and self.held_on <= timezone.localdate()


class FeedPost(Titled, Created):
    """A post in the initiative's updates feed: news partners should know about."""

    initiative = belongs_to(Initiative, "feed_posts")
    author = person_on_record()
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))

    # Set by conditions.selectors: the author as the viewer may read them.
    author_name: str

    class Meta:
        verbose_name = _("update")
        verbose_name_plural = _("updates")
        ordering = ["-created_at"]


class DigestLog(models.Model):
    """That the weekly digest of one week went out, so it goes once."""

    initiative = belongs_to(Initiative, "+")
    week_of = models.DateField()
    recipients = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [one_per("initiative", "week_of", name="digest_once")]

    def __str__(self) -> str:
        return f"{self.initiative} {self.week_of}"


# ---- Backbone support ----


class BackboneWork(models.Model):
    """What the backbone did for one of its six functions: the log that shows, over time,
    where its effort goes."""

    initiative = belongs_to(Initiative, "backbone_work")
    function = models.CharField(_("function"), max_length=16, choices=BackboneFunction.choices)
    done_on = models.DateField(_("date"))
    description = models.TextField(_("what was done"))
    evidence = models.URLField(_("evidence (link)"), blank=True)
    recorded_by = person_on_record()

    class Meta:
        verbose_name = _("backbone work")
        verbose_name_plural = _("backbone work")
        ordering = ["-done_on"]

    def __str__(self) -> str:
        return f"{self.get_function_display()}: {self.description[:40]}"


# ---- Assessments ----


class AssessmentQuerySet(models.QuerySet):
    def open(self, today=None):
        today = today or timezone.localdate()
        return self.filter(opens_on__lte=today, closes_on__gte=today)


class Assessment(Titled, Created):
    """One round of a periodic assessment: the five conditions (answered by backbone staff,
    partners and community members), the backbone's self-assessment, or collaborative health
    (partners rating their trust in and the value of each other)."""

    initiative = belongs_to(Initiative, "assessments")
    kind = models.CharField(_("kind"), max_length=20, choices=AssessmentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"))

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-opens_on"]

    @property
    def is_open(self) -> bool:
        return self.opens_on <= timezone.localdate() <= self.closes_on

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("It cannot close before it opens.")})


class AssessmentResponse(models.Model):
    """One person's answers to one round. Their group (backbone, partner, community) is kept
    as it was when they answered, so results by group stay true when roles change. The
    respondent is empty for answers collected on paper or whose account was deleted."""

    assessment = belongs_to(Assessment, "responses")
    respondent = person_on_record()
    group = models.CharField(max_length=16, choices=RespondentGroup.choices)
    organization = optional_link(Organization)
    submitted_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [one_per("assessment", "respondent", name="one_response_each")]

    def __str__(self) -> str:
        return f"{self.assessment} — {self.get_group_display()}"


class AssessmentAnswer(models.Model):
    response = belongs_to(AssessmentResponse, "answers")
    question = models.CharField(max_length=40)
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(blank=True)

    class Meta:
        constraints = [one_per("response", "question", name="one_answer_each")]

    def __str__(self) -> str:
        return f"{self.question}: {self.score}"


class PartnerRating(models.Model):
    """In a collaborative-health round, how one partner sees another: how closely they work
    together, how much it trusts the other, and how much value the other brings (1–4, in the
    manner of network-health assessments)."""

    assessment = belongs_to(Assessment, "ratings")
    respondent = person_on_record()
    rater = belongs_to(Organization, "+")
    rated = belongs_to(Organization, "+")
    interaction = models.CharField(
        _("working together"), max_length=16, choices=Interaction.choices
    )
    trust = models.PositiveSmallIntegerField(
        _("trust"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    value = models.PositiveSmallIntegerField(
        _("value"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )

    class Meta:
        constraints = [
            one_per("assessment", "rater", "rated", name="one_rating_each"),
            models.CheckConstraint(condition=~Q(rater=models.F("rated")), name="no_self_rating"),
        ]

    def __str__(self) -> str:
        return f"{self.rater} → {self.rated}"
