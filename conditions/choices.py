from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityKind(models.TextChoices):
    """Programs and services help people now; systems change alters the conditions that hold
    the problem in place. The 2021 redefinition asks for both."""

    PROGRAM = "program", _("Program or service")
    SYSTEMS = "systems", _("Systems change")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Under way")
    DONE = "done", _("Done")
    STOPPED = "stopped", _("Stopped")


class GroupRole(models.TextChoices):
    MEMBER = "member", _("Member")
    CO_CHAIR = "co_chair", _("Co-chair")


class MeetingKind(models.TextChoices):
    STEERING = "steering", _("Steering committee")
    WORKING_GROUP = "working_group", _("Working group")
    PARTNERS = "partners", _("All partners")
    COMMUNITY = "community", _("Community meeting")
    OTHER = "other", _("Other")


class BackboneFunction(models.TextChoices):
    """The six common activities of backbone organizations (Turner, Merchant, Kania & Martin,
    FSG, 2012)."""

    VISION = "vision", _("Guide vision and strategy")
    ALIGNED_ACTIVITIES = "activities", _("Support aligned activities")
    MEASUREMENT = "measurement", _("Establish shared measurement practices")
    PUBLIC_WILL = "public_will", _("Build public will")
    POLICY = "policy", _("Advance policy")
    FUNDING = "funding", _("Mobilize funding")


BACKBONE_FUNCTION_DESCRIPTIONS = {
    BackboneFunction.VISION: _(
        "Keep the common agenda alive: convene partners to agree the problem, the results and "
        "the approach, and help them see where the work is going."
    ),
    BackboneFunction.ALIGNED_ACTIVITIES: _(
        "Coordinate the partners' different but mutually reinforcing activities: working "
        "groups, plans of action, introductions, the logistics of collaboration."
    ),
    BackboneFunction.MEASUREMENT: _(
        "Keep the shared indicators defined, collected, computed and used — and disaggregated."
    ),
    BackboneFunction.PUBLIC_WILL: _(
        "Engage the community and the public so that they understand and support the work."
    ),
    BackboneFunction.POLICY: _(
        "Move policies — public and organizational — that stand in the way of the results."
    ),
    BackboneFunction.FUNDING: _(
        "Bring money and other resources to the common agenda and align funders behind it."
    ),
}


class Interaction(models.TextChoices):
    """How often two partners work together, as network-health assessments ask it."""

    NONE = "none", _("We do not work together")
    OCCASIONAL = "occasional", _("Occasionally")
    REGULAR = "regular", _("Regularly")
    CLOSE = "close", _("Closely, on shared work")


class EvidenceKind(models.TextChoices):
    """Where an idea of what works comes from, in a Turn the Curve record: Results-Based
    Accountability asks for research and practice elsewhere, and — with equity at the centre —
    what the community itself said and what partners have seen work."""

    RESEARCH = "research", _("Research")
    ELSEWHERE = "elsewhere", _("Practice elsewhere")
    COMMUNITY = "community", _("What the community said")
    PARTNER = "partner", _("Partner experience")
