from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.choices import PARTNER_ROLES, Role
from core.fields import belongs_to, person_on_record
from core.formats import country_code_validator, currency_code_validator
from core.models import Named, Stamped, Titled, one_per
from initiatives.choices import (
    DisclosurePolicySource,
    DisclosureSmallCount,
    PartnershipRole,
    Phase,
    Sector,
)

# ---- Initiatives and the common agenda ----


class InitiativeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Initiatives in which the user holds a role. Installation superusers see all."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(memberships__user=user).distinct()


class Initiative(Named, Stamped):
    """A collective impact initiative: a long-lived, cross-sector coalition working toward
    population-level results on one problem, with a backbone organization that coordinates it.

    The fields vision, problem statement, population focus and geography are its common agenda:
    what the partners agreed the problem is, for whom and where, and what they want instead.
    """

    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    vision = models.TextField(_("vision"), blank=True)
    problem_statement = models.TextField(_("problem statement"), blank=True)
    population_focus = models.TextField(
        _("population focus"), blank=True, help_text=_("Whom the initiative is for.")
    )
    geography = models.CharField(_("geography"), max_length=200, blank=True)
    phase = models.CharField(
        _("phase"), max_length=16, choices=Phase.choices, default=Phase.INITIATE
    )
    # The disclosure policy (measurement.disclosure.Policy): what is too small to publish to
    # funders, partners, share links and every other restricted audience. The minimum group
    # size keeps its first name, in the database and in the API.
    suppression_threshold = models.PositiveSmallIntegerField(
        _("minimum group size"),
        default=10,
        validators=[MinValueValidator(1)],
        help_text=_(
            "A group of more than none and fewer people than this is hidden from funders, "
            "partners, share links and every other restricted audience."
        ),
    )
    disclosure_min_count = models.PositiveSmallIntegerField(
        _("minimum count"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "In a rate, the fewest people counted, and the fewest not counted, that may be "
            "published. Empty: the same as the minimum group size."
        ),
    )
    disclosure_small_count = models.CharField(
        _("when a count is too small"),
        max_length=8,
        choices=DisclosureSmallCount.choices,
        default=DisclosureSmallCount.RANGE,
    )
    disclosure_min_contributors = models.PositiveSmallIntegerField(
        _("minimum contributing organizations"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_(
            "A figure for all partners is hidden when fewer organizations than this reported it."
        ),
    )
    disclosure_protection_level = models.PositiveSmallIntegerField(
        _("protection level (%)"),
        default=0,
        validators=[MaxValueValidator(50)],
        help_text=_(
            "How far, in percent of a hidden number, a reader's best guess of it must stay "
            "from it on either side. 0: at least one person either side."
        ),
    )
    # When a reporting period's figures stop being provisional (measurement.selectors
    # .completeness): every planned organization approved, or this many days after the due
    # date with at least this share of them approved; or when backbone staff close it.
    final_grace_days = models.PositiveSmallIntegerField(
        _("grace period (days)"),
        default=30,
        help_text=_(
            "Days after a period's due date after which its figures are final if enough "
            "organizations are approved."
        ),
    )
    final_min_share = models.PositiveSmallIntegerField(
        _("share approved after the grace period (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "After the grace period, a period's figures are final once at least this share of "
            "the organizations expected to report them are approved."
        ),
    )
    require_two_factor = models.BooleanField(
        _("require two-factor authentication for backbone roles"),
        default=False,
        help_text=_(
            "Backbone admins and staff, and installation superusers, confirm each session with a "
            "code from an authenticator app before they open any page of this initiative. API "
            "tokens are not affected."
        ),
    )

    staff_may_share = models.BooleanField(
        _("backbone staff may create share links"),
        default=False,
        help_text=_(
            "Share links show the funder's view to anyone who has the link. Backbone admins "
            "always create and revoke them; with this on, backbone staff may too."
        ),
    )

    # Dates, numbers and money follow the viewer's language and this country's conventions
    # (core.formats): an English reader of an Israeli initiative sees 30 Nov 2026 and ₪.
    country = models.CharField(
        _("country"),
        max_length=2,
        default="US",
        validators=[country_code_validator],
        help_text=_(
            "Dates, numbers and money are written as in this country, in each reader's language."
        ),
    )
    currency = models.CharField(
        _("currency"),
        max_length=3,
        blank=True,
        validators=[currency_code_validator],
        help_text=_(
            "The three-letter code of the currency amounts are in. Empty: the country's currency."
        ),
    )

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["name"]

    def check_owns(self, *records) -> None:
        """Refuse records of another initiative. Forms offer only the initiative's own records;
        this guards services for callers that are not forms (the API, commands). ``None``
        stands for an optional record left empty."""
        for record in records:
            if record is not None and record.initiative_id != self.pk:
                raise ValidationError(
                    _("%(item)s belongs to another initiative.") % {"item": record}
                )


class InstallationSettings(models.Model):
    """What the installation's administrator decides for every initiative on it: one row,
    read through ``InstallationSettings.current()``."""

    anyone_may_start_initiatives = models.BooleanField(
        _("any signed-in person may start an initiative"),
        default=False,
        help_text=_(
            "Off: only installation administrators start initiatives. On: anyone with an "
            "account may start one, and becomes its backbone admin."
        ),
    )

    class Meta:
        verbose_name = _("installation settings")
        verbose_name_plural = _("installation settings")

    def __str__(self) -> str:
        return str(_("Installation settings"))

    @classmethod
    def current(cls) -> "InstallationSettings":
        settings_row, _created = cls.objects.get_or_create(pk=1)
        return settings_row


class CodedDefinition(models.Model):
    """A definition of an initiative (a result, a dimension, an indicator) that pages, files
    and the API name by its code, unique in the initiative, and that lists in the order the
    backbone gives it. The concrete model has the ``initiative``."""

    code = models.SlugField(_("code"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    # A record's page is <kind>/<code>/, beside pages such as <kind>/new/ that a code must not
    # take (core.urls.record_form_paths).
    reserved_codes: ClassVar[frozenset[str]] = frozenset({"new"})

    class Meta:
        abstract = True
        ordering = ["initiative", "order", "code"]
        constraints = [one_per("initiative", "code", name="%(class)s_code_unique")]

    def clean(self):
        super().clean()
        if self.code in self.reserved_codes:
            raise ValidationError(
                {
                    "code": _("“%(code)s” is the address of another page; choose another code.")
                    % {"code": self.code}
                }
            )


class Result(Titled, CodedDefinition):  # noqa: DJ008 (str() is Titled's)
    """A population-level result: a condition of well-being stated in plain words, such as
    "every child in River City reads at grade level by age 9" (Results-Based Accountability).
    Indicators quantify it."""

    initiative = belongs_to(Initiative, "results")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta(CodedDefinition.Meta):
        verbose_name = _("result")
        verbose_name_plural = _("results")


class AgendaRevision(models.Model):
    """A revision of the common agenda: the vision, problem statement, population focus,
    geography and results as they stood after the change — in every language — with who
    changed them, when, and why. Partners revisit the agenda as they learn; this is its
    memory."""

    initiative = belongs_to(Initiative, "agenda_revisions")
    revised_by = person_on_record()
    revised_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(_("what changed and why"), max_length=300)
    snapshot = models.JSONField()

    class Meta:
        verbose_name = _("agenda revision")
        verbose_name_plural = _("agenda revisions")
        ordering = ["-revised_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.initiative} {self.revised_at:%Y-%m-%d}: {self.note}"


class DisclosurePolicyChange(models.Model):
    """A change of the initiative's disclosure policy: the policy as it was set (in the shape
    of the definitions file), who set it, when, and through what (the page, an import). The
    rules decide what funders, partners and the public may read about small groups, so the
    backbone can always say who changed them and when."""

    initiative = belongs_to(Initiative, "disclosure_policy_changes")
    changed_by = person_on_record(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    policy = models.JSONField()
    source = models.CharField(
        _("changed through"), max_length=16, choices=DisclosurePolicySource.choices
    )

    class Meta:
        verbose_name = _("disclosure policy change")
        verbose_name_plural = _("disclosure policy changes")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.initiative} {self.created_at:%Y-%m-%d %H:%M} ({self.source})"


# ---- Organizations and partnerships ----


class Organization(Named):
    """An organization — school, clinic, nonprofit, agency, business, funder, resident group.

    Organizations exist once per installation and take part in initiatives through a
    Partnership, because one school district may sit in several initiatives.
    """

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(
        _("sector"), max_length=16, choices=Sector.choices, default=Sector.NONPROFIT
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]


class Partnership(models.Model):
    """An organization's participation in an initiative: as partner, funder or backbone."""

    initiative = belongs_to(Initiative, "partnerships")
    organization = belongs_to(Organization, "partnerships")
    role = models.CharField(
        _("role"), max_length=16, choices=PartnershipRole.choices, default=PartnershipRole.PARTNER
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["initiative", "organization__name"]
        constraints = [one_per("initiative", "organization", name="partnership_unique")]

    def __str__(self) -> str:
        return f"{self.organization} in {self.initiative}"


# ---- Memberships: who holds which role ----


class MembershipQuerySet(models.QuerySet):
    def for_initiative(self, initiative):
        return self.filter(initiative=initiative)


class Membership(Stamped):
    """A person's role in one initiative. Partner roles speak for exactly one organization,
    which must be a partner of the initiative. Every permission check starts here
    (initiatives/roles.py)."""

    user = belongs_to(settings.AUTH_USER_MODEL, "memberships")
    initiative = belongs_to(Initiative, "memberships")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organization"),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["initiative", "user__email"]
        constraints = [
            one_per("user", "initiative", name="membership_unique"),
            models.CheckConstraint(
                condition=~Q(role__in=sorted(role.value for role in PARTNER_ROLES))
                | Q(organization__isnull=False),
                name="membership_partner_has_organization",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.initiative}"

    def clean(self):
        super().clean()
        clean_role_organization(
            initiative=self.initiative, role=self.role, organization=self.organization
        )


def clean_role_organization(*, initiative, role, organization) -> None:
    """A partner role needs an organization that is a partner of the initiative.

    Shared by memberships and invitations, which carry the same pair."""
    if role in PARTNER_ROLES and organization is None:
        raise ValidationError(
            {"organization": _("Partner roles speak for one organization: choose it.")}
        )
    if (
        organization is not None
        and not initiative.partnerships.filter(organization=organization).exists()
    ):
        raise ValidationError(
            {"organization": _("This organization is not a partner of the initiative.")}
        )
