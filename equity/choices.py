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
