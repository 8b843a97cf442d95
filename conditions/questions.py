"""The questions of the periodic assessments: fixed, so that rounds compare over time."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from conditions.choices import BackboneFunction
from initiatives.choices import AssessmentKind

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
    AssessmentKind.FIVE_CONDITIONS: [
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
    AssessmentKind.BACKBONE: [
        Question(function.value, function.value, function.label) for function in BackboneFunction
    ],
    AssessmentKind.COLLABORATIVE_HEALTH: [],  # partners rate each other instead (PartnerRating)
}


TOPIC_NAMES: dict[AssessmentKind, Callable[[str], str]] = {
    AssessmentKind.FIVE_CONDITIONS: lambda topic: str(CONDITION_NAMES[topic]),
    AssessmentKind.BACKBONE: lambda topic: str(BackboneFunction(topic).label),
    AssessmentKind.COLLABORATIVE_HEALTH: str,
}


def register_questions(kind: str, questions: list[Question], topic_name: Callable[[str], str]):
    """Another app's assessment answered the same way: the equity app registers the equity
    assessment's rubric (equity/apps.py), whose topics are the five equity strategies."""
    QUESTIONS[AssessmentKind(kind)] = questions
    TOPIC_NAMES[AssessmentKind(kind)] = topic_name


def questions_for(kind: str) -> list[Question]:
    return QUESTIONS[AssessmentKind(kind)]


def topic_name(kind: str, topic: str) -> str:
    return TOPIC_NAMES[AssessmentKind(kind)](topic)
