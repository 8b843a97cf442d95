from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    """The three phases of a collective impact effort (Hanleybrown, Kania & Kramer, 2012)."""

    INITIATE = "initiate", _("Initiate action")
    ORGANIZE = "organize", _("Organize for impact")
    SUSTAIN = "sustain", _("Sustain action and impact")


class Sector(models.TextChoices):
    PUBLIC = "public", _("Public sector")
    NONPROFIT = "nonprofit", _("Nonprofit")
    EDUCATION = "education", _("School or college")
    HEALTH = "health", _("Health")
    BUSINESS = "business", _("Business")
    PHILANTHROPY = "philanthropy", _("Philanthropy")
    ACADEMIA = "academia", _("Academia")
    COMMUNITY = "community", _("Community or resident group")


class PartnershipRole(models.TextChoices):
    BACKBONE = "backbone", _("Backbone organization")
    PARTNER = "partner", _("Partner")
    FUNDER = "funder", _("Funder")


class AssessmentKind(models.TextChoices):
    FIVE_CONDITIONS = "five_conditions", _("Five conditions of collective impact")
    BACKBONE = "backbone", _("Backbone self-assessment")
    COLLABORATIVE_HEALTH = "health", _("Collaborative health (trust and value between partners)")
    EQUITY = "equity", _("Equity assessment (the five equity strategies)")


class RespondentGroup(models.TextChoices):
    BACKBONE = "backbone", _("Backbone staff")
    PARTNER = "partner", _("Partners")
    COMMUNITY = "community", _("Community members")


class DisclosureSmallCount(models.TextChoices):
    """What a rate with too few people counted (or not counted) shows restricted audiences.
    The values are ``measurement.disclosure.SmallCount``'s: initiatives may not import
    measurement, and a test keeps the two the same."""

    RANGE = "range", _("Publish a coded range, such as “≥ 90%”")
    SUPPRESS = "suppress", _("Hide the figure")


class DisclosurePolicySource(models.TextChoices):
    """Through what a disclosure policy was changed."""

    PAGE = "page", _("on the disclosure policy page")
    IMPORT = "import", _("by importing definitions")
