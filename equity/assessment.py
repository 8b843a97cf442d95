"""The equity assessment's rubric: a question per equity strategy, answered by every group so
that the gap between how institutions and community members see the initiative shows. It is
answered like the other periodic assessments (conditions.questions, which this registers with)."""

from django.utils.translation import gettext_lazy as _

from conditions.questions import Question
from equity.choices import EquityStrategy

QUESTIONS = [
    Question(
        "data_disaggregated",
        EquityStrategy.DATA_AND_CONTEXT,
        _("We see every headline number broken down by group and by place."),
    ),
    Question(
        "data_interpreted",
        EquityStrategy.DATA_AND_CONTEXT,
        _("People with lived experience help interpret our data and choose where to act."),
    ),
    Question(
        "systems_beyond_programs",
        EquityStrategy.SYSTEMS_CHANGE,
        _("We work to change policies, practices and resource flows, not only to run programs."),
    ),
    Question(
        "systems_own_house",
        EquityStrategy.SYSTEMS_CHANGE,
        _(
            "Partners change their own organizations when their ways of working hold "
            "the problem in place."
        ),
    ),
    Question(
        "power_shared",
        EquityStrategy.SHIFT_POWER,
        _("Community members share real decision-making power in this initiative."),
    ),
    Question(
        "power_not_dominated",
        EquityStrategy.SHIFT_POWER,
        _("People with money or position do not dominate our decisions."),
    ),
    Question(
        "listen_language",
        EquityStrategy.LISTEN_AND_ACT,
        _("The initiative listens to residents in their own language and acts on what it hears."),
    ),
    Question(
        "listen_loop",
        EquityStrategy.LISTEN_AND_ACT,
        _("People are told what was done with what they said."),
    ),
    Question(
        "leadership_reflects",
        EquityStrategy.LEADERSHIP,
        _("Our leadership reflects the people the initiative serves."),
    ),
    Question(
        "leadership_accountable",
        EquityStrategy.LEADERSHIP,
        _("Leaders are held to account for the equity commitments they make."),
    ),
]


def topic_name(topic: str) -> str:
    return str(EquityStrategy(topic).label)
