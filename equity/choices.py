from django.db import models
from django.utils.translation import gettext_lazy as _


class EquityStrategy(models.TextChoices):
    """The five strategies of "Centering Equity in Collective Impact" (SSIR, Winter 2022).

    A fixed list: initiatives do not add strategies, they make commitments under them."""

    DATA_AND_CONTEXT = (
        "data_context",
        _("Ground the work in data and context, and target solutions"),
    )
    SYSTEMS_CHANGE = (
        "systems_change",
        _("Focus on systems change, in addition to programs and services"),
    )
    SHIFT_POWER = "shift_power", _("Shift power within the collaborative")
    LISTEN_AND_ACT = "listen_act", _("Listen to and act with community")
    LEADERSHIP = "leadership", _("Build equity leadership and accountability")


STRATEGY_DESCRIPTIONS = {
    EquityStrategy.DATA_AND_CONTEXT: _(
        "Disaggregate every headline number by race, ethnicity, gender, income and place; add "
        "the stories and context behind the numbers; let people with lived experience "
        "interpret the data; and target solutions at the groups and places with the worst "
        "outcomes."
    ),
    EquityStrategy.SYSTEMS_CHANGE: _(
        "Change the conditions that hold a problem in place — policies, practices, resource "
        "flows, relationships, power dynamics and mental models — rather than only adding "
        "programs and services."
    ),
    EquityStrategy.SHIFT_POWER: _(
        "Share decision-making between institutional and community leaders, change how "
        "decisions are made, and watch for the people with money or position who dominate "
        "or withdraw."
    ),
    EquityStrategy.LISTEN_AND_ACT: _(
        "Treat residents as co-designers and co-owners rather than an audience, be honest "
        "about how much say they really have, and tell them what was done with what they "
        "said."
    ),
    EquityStrategy.LEADERSHIP: _(
        "Build a backbone and leadership that reflect the people served, and design "
        "accountability for personal and organizational equity work into a collaborative "
        "that has no formal hierarchy."
    ),
}


class CommitmentStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class CommitmentKind(models.TextChoices):
    COMMITMENT = "commitment", _("Commitment (done by a date)")
    PRACTICE = "practice", _("Practice (kept up over time)")


class BodyKind(models.TextChoices):
    STEERING = "steering", _("Steering committee")
    WORKING_GROUP = "working_group", _("Working group")
    ADVISORY = "advisory", _("Community advisory council")
    FUNDERS = "funders", _("Funders' table")
    OTHER = "other", _("Other")


class SeatType(models.TextChoices):
    """Whom a seat at a decision-making table is for."""

    COMMUNITY = "community", _("Community member with lived experience")
    PARTNER = "partner", _("Partner organization")
    FUNDER = "funder", _("Funder")
    PUBLIC = "public", _("Public sector")
    BACKBONE = "backbone", _("Backbone")


class EngagementLevel(models.IntegerChoices):
    """How much power the community had in a decision: Rosa González's Spectrum of Community
    Engagement to Ownership (Facilitating Power, 2019), 0–5; IAP2's spectrum has the same
    steps from 1 (see IAP2_LABELS)."""

    IGNORE = 0, _("0 · Ignore — marginalization")
    INFORM = 1, _("1 · Inform — placation")
    CONSULT = 2, _("2 · Consult — tokenization")
    INVOLVE = 3, _("3 · Involve — voice")
    COLLABORATE = 4, _("4 · Collaborate — delegated power")
    DEFER = 5, _("5 · Defer to — community ownership")


IAP2_LABELS = {
    EngagementLevel.IGNORE: _("none"),
    EngagementLevel.INFORM: _("Inform"),
    EngagementLevel.CONSULT: _("Consult"),
    EngagementLevel.INVOLVE: _("Involve"),
    EngagementLevel.COLLABORATE: _("Collaborate"),
    EngagementLevel.DEFER: _("Empower"),
}

# Decisions at this level or above were made with the community, not only heard by it.
SHARED_POWER = EngagementLevel.COLLABORATE


class SystemsCondition(models.TextChoices):
    """The six conditions of systems change (Kania, Kramer & Senge, "The Water of Systems
    Change", FSG, 2018)."""

    POLICIES = "policies", _("Policies")
    PRACTICES = "practices", _("Practices")
    RESOURCE_FLOWS = "resource_flows", _("Resource flows")
    RELATIONSHIPS = "relationships", _("Relationships and connections")
    POWER = "power", _("Power dynamics")
    MENTAL_MODELS = "mental_models", _("Mental models")


class SystemsLevel(models.TextChoices):
    STRUCTURAL = "structural", _("Structural (explicit)")
    RELATIONAL = "relational", _("Relational (semi-explicit)")
    TRANSFORMATIVE = "transformative", _("Transformative (implicit)")


LEVEL_OF_CONDITION = {
    SystemsCondition.POLICIES: SystemsLevel.STRUCTURAL,
    SystemsCondition.PRACTICES: SystemsLevel.STRUCTURAL,
    SystemsCondition.RESOURCE_FLOWS: SystemsLevel.STRUCTURAL,
    SystemsCondition.RELATIONSHIPS: SystemsLevel.RELATIONAL,
    SystemsCondition.POWER: SystemsLevel.RELATIONAL,
    SystemsCondition.MENTAL_MODELS: SystemsLevel.TRANSFORMATIVE,
}


class SystemsStage(models.TextChoices):
    EXPLORING = "exploring", _("Exploring")
    PLANNING = "planning", _("Planning")
    ACTING = "acting", _("Acting")
    SHIFTING = "shifting", _("Early signs of change")
    SUSTAINED = "sustained", _("Change sustained")
