"""The questions of the periodic assessments: fixed, so that rounds compare over time."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from equity.choices import EquityStrategy
from initiatives.choices import BackboneFunction, SurveyKind

SCALE = range(1, 6)  # 1 = strongly disagree … 5 = strongly agree


@dataclass(frozen=True)
class Question:
    code: str
    topic: str  # the condition or function the question belongs to
    text: object


CONDITION_NAMES = {
    "agenda": _("Common agenda"),
    "measurement": _("Shared measurement"),
    "activities": _("Mutually reinforcing activities"),
    "communication": _("Continuous communication"),
    "backbone": _("Backbone support"),
}

QUESTIONS = {
    SurveyKind.FIVE_CONDITIONS: [
        Question(
            "agenda_vision",
            "agenda",
            _("Partners share a clear vision and understanding of the problem."),
        ),
        Question(
            "agenda_approach",
            "agenda",
            _("We agree on the approach and on what is in and out of scope."),
        ),
        Question(
            "measurement_same",
            "measurement",
            _("Partners collect and report the shared indicators the same way."),
        ),
        Question(
            "measurement_use",
            "measurement",
            _("We use the shared data, broken down by group, to decide what to do."),
        ),
        Question(
            "activities_plan",
            "activities",
            _("Our activities fit one plan: partners do different but coordinated things."),
        ),
        Question(
            "activities_gaps",
            "activities",
            _("Every result has someone working on it, and we avoid duplicating work."),
        ),
        Question(
            "communication_regular",
            "communication",
            _("Meetings are regular and information flows openly between partners."),
        ),
        Question(
            "communication_trust",
            "communication",
            _("Partners trust each other enough to raise hard questions."),
        ),
        Question(
            "backbone_capacity",
            "backbone",
            _("The backbone has the people and skills to coordinate the initiative."),
        ),
        Question(
            "backbone_focus",
            "backbone",
            _("The backbone keeps partners focused on the results and accountable."),
        ),
    ],
    # The backbone rates how well it does each of its six functions.
    SurveyKind.BACKBONE: [
        Question(function.value, function.value, function.label) for function in BackboneFunction
    ],
    SurveyKind.COLLABORATIVE_HEALTH: [],  # partners rate each other instead (PartnerRating)
    # A rubric per equity strategy, answered by every group so that the gap between how
    # institutions and community members see the initiative shows.
    SurveyKind.EQUITY: [
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
            _(
                "We work to change policies, practices and resource flows, not only to run "
                "programs."
            ),
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
            _(
                "The initiative listens to residents in their own language and acts on "
                "what it hears."
            ),
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
    ],
}


def questions_for(kind: str) -> list[Question]:
    return QUESTIONS[SurveyKind(kind)]


def topic_name(kind: str, topic: str) -> str:
    if SurveyKind(kind) == SurveyKind.BACKBONE:
        return str(BackboneFunction(topic).label)
    if SurveyKind(kind) == SurveyKind.EQUITY:
        return str(EquityStrategy(topic).label)
    return str(CONDITION_NAMES[topic])
