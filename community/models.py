from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from community.choices import ConsentPurpose, EventKind, FeedbackStatus
from core.fields import belongs_to, optional_link, person_on_record
from core.models import Created, Excerpted, Titled, one_per
from initiatives.models import Initiative

# What a withdrawn person's name becomes wherever it had been copied (a seat, a working group, a
# list of attendees, minutes): ``community.selectors.PeopleShown`` shows it as a community member.
WITHDRAWN_NAME = "—"


class CommunityMember(Created):
    """A resident taking part in the initiative — often with lived experience of the problem.

    Personal data is held only with consent; withdrawing consent anonymizes the record while
    keeping it in aggregate counts."""

    initiative = belongs_to(Initiative, "community_members")
    user = optional_link(settings.AUTH_USER_MODEL, related_name="community_profiles")
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    neighbourhood = models.CharField(_("neighbourhood"), max_length=120, blank=True)
    has_lived_experience = models.BooleanField(_("lived experience"), default=False)
    anonymized_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("community member")
        verbose_name_plural = _("community members")
        ordering = ["initiative", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "user"],
                condition=models.Q(user__isnull=False),
                name="community_member_user_unique",
            )
        ]

    # Set by community.selectors.community_member_list: what the viewer may read of this person.
    shown_name: str
    shown_email: str

    def __str__(self) -> str:
        return self.name or str(_("Anonymous community member"))


class ConsentRecord(models.Model):
    """What a community member agreed to, when, and in which words. A withdrawal is recorded,
    never deleted, so the initiative can show what it was allowed to do at any date."""

    member = belongs_to(CommunityMember, "consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    wording = models.TextField(_("wording agreed to"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    given_at = models.DateTimeField(_("given at"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    recorded_by = optional_link(settings.AUTH_USER_MODEL)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["member", "-given_at"]

    def __str__(self) -> str:
        return f"{self.member} — {self.get_purpose_display()}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class WithdrawnAccount(models.Model):
    """That the holder of an account withdrew their consent in an initiative. Their community
    record is anonymized and no longer tied to the account, so this row alone remembers that
    the account's name is not to be shown in the initiative any more — to anyone — until they
    consent again. It holds nothing else about them."""

    initiative = belongs_to(Initiative, "+")
    user = belongs_to(settings.AUTH_USER_MODEL, "+")
    withdrawn_at = models.DateTimeField()

    class Meta:
        verbose_name = _("withdrawn account")
        verbose_name_plural = _("withdrawn accounts")
        constraints = [one_per("initiative", "user", name="withdrawn_account_unique")]

    def __str__(self) -> str:
        return f"{self.user_id} — {self.initiative}"


class FeedbackItem(Excerpted, Created):
    """Something a community member told the initiative, and — closing the loop — the answer
    of what was done with it. The writer reads the answer beside their own words; "you said,
    we did" publishes to every member only what staff wrote for it (``public_summary`` and the
    answer) once someone confirmed it fit to publish — never the writer's words or theme."""

    initiative = belongs_to(Initiative, "feedback_items")
    member = optional_link(CommunityMember, related_name="feedback_items")
    submitted_by = optional_link(settings.AUTH_USER_MODEL)
    body = models.TextField(_("what you want to tell us"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    theme = models.CharField(_("theme"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=FeedbackStatus.choices, default=FeedbackStatus.RECEIVED
    )
    public_summary = models.TextField(
        _("you said (for publication)"),
        blank=True,
        help_text=_(
            "What the community told us, in your words, for every member to read: no names, no "
            "details that point to one person, and not the writer's own words."
        ),
    )
    public_response = models.TextField(_("our answer"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    published_by = optional_link(settings.AUTH_USER_MODEL, editable=False)
    responded_by = optional_link(settings.AUTH_USER_MODEL)
    responded_at = models.DateTimeField(null=True, blank=True)
    decision = optional_link(
        "equity.Decision", related_name="feedback_items", verbose_name=_("answered by the decision")
    )
    activity = optional_link(
        "conditions.Activity",
        related_name="feedback_items",
        verbose_name=_("answered by the activity"),
    )

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at"]

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


# ---- Engagement ----


class EngagementEvent(Titled, Created):
    """A listening session, survey, forum or data walk: when, in which languages, how many
    people came and from which groups, and what they were paid for their time."""

    initiative = belongs_to(Initiative, "engagement_events")
    kind = models.CharField(_("kind"), max_length=12, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    languages = models.JSONField(_("languages"), default=list)
    participants = models.PositiveIntegerField(_("people who took part"), default=0)
    summary = models.TextField(_("what we heard"), blank=True)
    indicators = models.ManyToManyField(
        "measurement.Indicator",
        blank=True,
        related_name="+",
        verbose_name=_("indicators looked at"),
        help_text=_("For a data walk: the indicators residents and partners read together."),
    )

    class Meta:
        verbose_name = _("engagement event")
        verbose_name_plural = _("engagement events")
        ordering = ["-held_on", "title"]


class ParticipantCount(models.Model):
    """How many of an event's participants belonged to one group (a category of one of the
    initiative's dimensions, such as a neighbourhood or population group)."""

    event = belongs_to(EngagementEvent, "participant_counts")
    category = models.ForeignKey(
        "measurement.Category", on_delete=models.PROTECT, related_name="+", verbose_name=_("group")
    )
    count = models.PositiveIntegerField(_("people"))

    class Meta:
        constraints = [one_per("event", "category", name="one_count_per_group")]

    def __str__(self) -> str:
        return f"{self.category}: {self.count}"


class Compensation(models.Model):
    """Money paid to people for their time and expertise at an event (stipends, vouchers)."""

    event = belongs_to(EngagementEvent, "compensations")
    people = models.PositiveIntegerField(_("people paid"))
    amount = models.DecimalField(_("total paid"), max_digits=12, decimal_places=2)
    paid_on = models.DateField(_("paid on"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["event", "paid_on"]

    def __str__(self) -> str:
        return f"{self.event}: {self.amount}"


class Interpretation(Excerpted, Created):
    """What residents and partners concluded when they read an indicator's data together — the
    story behind the curve — attached to the indicator and period it explains."""

    label_field = "text"

    event = belongs_to(EngagementEvent, "interpretations", verbose_name=_("data walk"))
    indicator = belongs_to("measurement.Indicator", "interpretations", verbose_name=_("indicator"))
    period = belongs_to("measurement.ReportingPeriod", "+", verbose_name=_("period"))
    text = models.TextField(_("what we see in the data"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    recorded_by = person_on_record()

    class Meta:
        verbose_name = _("interpretation")
        verbose_name_plural = _("interpretations")
        ordering = ["-period__start", "-created_at"]
