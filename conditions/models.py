"""The tools of the five conditions of collective impact beyond the common agenda and
shared measurement: working groups and the plan of action (mutually reinforcing activities),
meetings and updates (continuous communication), the backbone's work, the periodic
assessments with the partners' ratings of each other (collaborative health), and the Turn the
Curve record of each indicator that ties them together."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.models import FeedbackItem, Interpretation
from conditions.choices import (
    ActivityKind,
    ActivityStatus,
    BackboneFunction,
    EvidenceKind,
    GroupRole,
    Interaction,
    MeetingKind,
)
from core.fields import belongs_to, optional_link, person_on_record
from core.models import Created, Named, Stamped, Titled, one_per
from initiatives.choices import AssessmentKind, RespondentGroup
from initiatives.models import Initiative, Organization, Partnership, Result
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


# ---- Turn the Curve ----


class TurnTheCurve(Created):
    """An indicator's Turn the Curve record (Results-Based Accountability): the story behind
    the curve, the partners with a role to play, what works, and the action plan — worked on
    together in meetings. What it says is in its versions, each kept as it was saved."""

    initiative = belongs_to(Initiative, "turn_the_curve_records")
    indicator = belongs_to(Indicator, "+", verbose_name=_("indicator"))

    class Meta:
        verbose_name = _("Turn the Curve record")
        verbose_name_plural = _("Turn the Curve records")
        constraints = [one_per("indicator", name="one_turn_the_curve_per_indicator")]

    def __str__(self) -> str:
        return str(self.indicator)


class TurnTheCurveVersion(models.Model):
    """One saved state of a Turn the Curve record, never changed afterwards: who saved it,
    when, at which meeting it was worked on, and what changed. Its rows are its own copies,
    so a later version never alters what an earlier one said."""

    record = belongs_to(TurnTheCurve, "versions")
    number = models.PositiveIntegerField(_("version"))
    saved_by = person_on_record(verbose_name=_("saved by"))
    saved_at = models.DateTimeField(_("saved"), auto_now_add=True)
    meeting = optional_link(
        Meeting, related_name="turn_the_curve_versions", verbose_name=_("worked on at meeting")
    )
    note = models.CharField(_("what changed"), max_length=300, blank=True)

    # Set by conditions.selectors: who saved it, as the viewer may read them.
    saved_by_name: str

    class Meta:
        verbose_name = _("Turn the Curve version")
        verbose_name_plural = _("Turn the Curve versions")
        ordering = ["record", "-number"]
        constraints = [one_per("record", "number", name="turn_the_curve_version_once")]

    def __str__(self) -> str:
        return f"{self.record} v{self.number}"


class CurveRow(models.Model):
    """A row of one section of a version, in the order it was written."""

    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["order"]


class CurveCause(CurveRow):
    """The story behind the curve: a cause of the indicator's figures, with the data that
    supports it — in words, and perhaps another of the initiative's indicators."""

    version = belongs_to(TurnTheCurveVersion, "causes")
    cause = models.TextField(_("cause"))
    data = models.TextField(_("the data that supports it"), blank=True)
    data_indicator = optional_link(Indicator, verbose_name=_("indicator that shows it"))

    class Meta(CurveRow.Meta):
        verbose_name = _("cause")

    def __str__(self) -> str:
        return self.cause[:60]


class CurvePartner(CurveRow):
    """A partner with a role to play in turning the curve, and what it can do."""

    version = belongs_to(TurnTheCurveVersion, "partners")
    partnership = optional_link(Partnership, verbose_name=_("partner"))
    role = models.TextField(_("what they can do"))

    class Meta(CurveRow.Meta):
        verbose_name = _("partner with a role to play")

    def __str__(self) -> str:
        return self.role[:60]


class CurveIdea(CurveRow):
    """What works: an idea and its evidence — research, practice elsewhere, partners'
    experience, or what the community said (then perhaps a published "you said" or a data
    walk's reading of this indicator)."""

    version = belongs_to(TurnTheCurveVersion, "ideas")
    idea = models.TextField(_("what works"))
    kind = models.CharField(_("evidence"), max_length=16, choices=EvidenceKind.choices)
    feedback = optional_link(FeedbackItem, verbose_name=_("published feedback"))
    interpretation = optional_link(Interpretation, verbose_name=_("data walk reading"))

    class Meta(CurveRow.Meta):
        verbose_name = _("what works")

    def __str__(self) -> str:
        return self.idea[:60]

    def clean(self):
        super().clean()
        if (self.feedback_id or self.interpretation_id) and self.kind != EvidenceKind.COMMUNITY:
            raise ValidationError(
                {"kind": _("Only what the community said links to feedback or a data walk.")}
            )


class CurveAction(CurveRow):
    """A step of the action plan: an activity of the plan of action, who owns it (a member of
    the initiative, else the activity's organization) and by when."""

    version = belongs_to(TurnTheCurveVersion, "actions")
    activity = optional_link(Activity, verbose_name=_("activity"))
    owner = optional_link(settings.AUTH_USER_MODEL, verbose_name=_("owner"))
    due_on = models.DateField(_("due"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    # Set by conditions.selectors: the owner as the viewer may read them.
    owner_name: str

    class Meta(CurveRow.Meta):
        verbose_name = _("action")

    def __str__(self) -> str:
        return f"{self.activity} ({self.due_on})"
