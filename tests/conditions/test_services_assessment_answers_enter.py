"""Answers collected on paper, entered by the backbone: kept by respondent group without a
respondent, checked like answers given online, entered after a round closes too."""

import pytest
from django.core.exceptions import ValidationError

from conditions import services
from conditions.models import AssessmentAnswer, AssessmentResponse
from conditions.questions import questions_for
from initiatives.choices import AssessmentKind, RespondentGroup
from tests.conftest import refused
from tests.factories.conditions import AssessmentFactory

pytestmark = pytest.mark.django_db


def _form(assessment, group, score=3):
    return {
        "group": group,
        "answers": {q.code: {"score": score} for q in questions_for(assessment.kind)},
    }


def test_it_keeps_each_paper_form_as_a_response_of_its_group_without_a_name(world, backbone_staff):
    assessment = AssessmentFactory(initiative=world.initiative)
    services.assessment_answers_enter(
        actor=backbone_staff,
        assessment=assessment,
        responses=[
            _form(assessment, RespondentGroup.COMMUNITY, 2),
            _form(assessment, RespondentGroup.COMMUNITY, 4),
            _form(assessment, RespondentGroup.PARTNER, 5),
        ],
    )
    assert sorted(AssessmentResponse.objects.values_list("group", "respondent")) == [
        (RespondentGroup.COMMUNITY, None),
        (RespondentGroup.COMMUNITY, None),
        (RespondentGroup.PARTNER, None),
    ]
    questions = len(questions_for(assessment.kind))
    assert AssessmentAnswer.objects.count() == 3 * questions
    assert AssessmentAnswer.objects.filter(score=5).count() == questions


def test_it_enters_forms_that_come_back_after_the_round_closed(world, backbone_staff):
    closed = AssessmentFactory(initiative=world.initiative, open_days=(-60, -30))
    services.assessment_answers_enter(
        actor=backbone_staff,
        assessment=closed,
        responses=[_form(closed, RespondentGroup.BACKBONE)],
    )
    assert AssessmentResponse.objects.filter(assessment=closed).count() == 1


def test_it_refuses_a_group_that_does_not_answer_the_assessment(world, backbone_staff):
    self_assessment = AssessmentFactory(initiative=world.initiative, kind=AssessmentKind.BACKBONE)
    with pytest.raises(ValidationError):
        services.assessment_answers_enter(
            actor=backbone_staff,
            assessment=self_assessment,
            responses=[
                _form(self_assessment, RespondentGroup.BACKBONE),
                _form(self_assessment, RespondentGroup.PARTNER),
            ],
        )
    assert not AssessmentResponse.objects.exists()


def test_it_refuses_unknown_questions_and_scores_off_the_scale(world, backbone_staff):
    assessment = AssessmentFactory(initiative=world.initiative)
    for answers in ({"favourite_colour": {"score": 3}}, {"agenda_vision": {"score": 6}}, {}):
        with pytest.raises(ValidationError):
            services.assessment_answers_enter(
                actor=backbone_staff,
                assessment=assessment,
                responses=[{"group": RespondentGroup.COMMUNITY, "answers": answers}],
            )
    assert not AssessmentResponse.objects.exists()
    assert not AssessmentAnswer.objects.exists()


@refused("partner_a", "community_member", "outsider")
def test_it_refuses_everyone_but_the_backbone(world, persona, refusal):
    assessment = AssessmentFactory(initiative=world.initiative)
    with pytest.raises(refusal):
        services.assessment_answers_enter(
            actor=persona,
            assessment=assessment,
            responses=[_form(assessment, RespondentGroup.COMMUNITY)],
        )
    assert not AssessmentResponse.objects.exists()
