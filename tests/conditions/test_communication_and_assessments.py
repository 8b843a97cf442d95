"""Meetings, updates and the weekly digest; backbone work; assessments and collaborative
health: services, selectors and their rules."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from conditions import selectors, services
from conditions.choices import BackboneFunction, Interaction
from conditions.models import AssessmentResponse, DigestLog, FeedPost, PartnerRating
from conditions.questions import questions_for
from initiatives import roles
from initiatives.choices import AssessmentKind, PartnershipRole, RespondentGroup
from tests.factories.conditions import (
    ActivityFactory,
    AssessmentFactory,
    MeetingFactory,
    PartnerRatingFactory,
)
from tests.factories.initiatives import OrganizationFactory, PartnershipFactory
from tests.services import saved

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


# ---- Meetings and updates ----


def _record_meeting(world, actor, **fields):
    """A new meeting of the world's initiative: the steering group's, today, unless ``fields``
    say otherwise."""
    meeting_fields = {"kind": "steering", "title": "Board", "held_on": TODAY(), **fields}
    return saved(services.meeting_save, world, actor, meeting=None, fields=meeting_fields)


def test_meetings_without_minutes_are_the_past_ones_only(world):
    missing = MeetingFactory(initiative=world.initiative, held_on=TODAY() - timedelta(days=2))
    MeetingFactory(initiative=world.initiative, minutes="We agreed.")
    MeetingFactory(initiative=world.initiative, held_on=TODAY() + timedelta(days=5))
    assert list(selectors.meetings_without_minutes(initiative=world.initiative)) == [missing]


def test_meeting_attendees_must_be_members(world, backbone_staff, outsider):
    with pytest.raises(ValidationError):
        _record_meeting(world, backbone_staff, attendees=[outsider])


def test_recording_minutes_keeps_attendees(world, backbone_staff, partner_a):
    meeting = _record_meeting(
        world, backbone_staff, attendees=[partner_a, backbone_staff], minutes="Budget agreed."
    )
    assert set(meeting.attendees.all()) == {partner_a, backbone_staff}
    assert not meeting.needs_minutes


@pytest.mark.parametrize("persona", ["partner_a", "funder"], indirect=True)
def test_only_backbone_staff_record_meetings(world, persona):
    with pytest.raises(PermissionDenied):
        _record_meeting(world, persona, title="x")


def test_partner_editors_post_updates_and_funders_do_not(world, partner_a, funder):
    services.feed_post_create(actor=partner_a, initiative=world.initiative, title="News", body="Hi")
    with pytest.raises(PermissionDenied):
        services.feed_post_create(actor=funder, initiative=world.initiative, title="x", body="x")
    assert FeedPost.objects.count() == 1


# ---- Weekly digest ----


def test_weekly_digest_tells_members_what_happened_last_week(
    world, backbone_staff, partner_a, funder
):
    monday = date(2026, 11, 23)
    update = FeedPost.objects.create(
        initiative=world.initiative,
        author=backbone_staff,
        title="Classes open",
        body="Two new classes.",
    )
    FeedPost.objects.filter(pk=update.pk).update(
        created_at=timezone.make_aware(timezone.datetime(2026, 11, 18, 10))
    )
    MeetingFactory(
        initiative=world.initiative,
        title="Steering",
        held_on=date(2026, 11, 17),
        decisions="Fund two classes.",
    )
    MeetingFactory(
        initiative=world.initiative, title="Too early", held_on=date(2026, 11, 10), minutes="x"
    )
    sent = services.digest_send(initiative=world.initiative, today=monday)
    assert sent == 3
    assert len(mail.outbox) == 3
    assert all(len(message.to) == 1 for message in mail.outbox)
    body = mail.outbox[0].body
    assert "Classes open" in body
    assert "Steering" in body
    assert "Fund two classes." in body
    assert "Too early" not in body
    assert DigestLog.objects.get(initiative=world.initiative).week_of == date(2026, 11, 16)


def test_weekly_digest_goes_once_a_week(world, backbone_staff):
    FeedPost.objects.create(initiative=world.initiative, title="News", body="x")
    FeedPost.objects.update(created_at=timezone.make_aware(timezone.datetime(2026, 11, 18, 10)))
    assert services.digest_send(initiative=world.initiative, today=date(2026, 11, 23)) == 1
    assert services.digest_send(initiative=world.initiative, today=date(2026, 11, 24)) == 0
    assert len(mail.outbox) == 1


def test_a_quiet_week_sends_no_digest(world, backbone_staff):
    assert services.digests_send(today=date(2026, 11, 23)) == 0
    assert mail.outbox == []
    assert DigestLog.objects.filter(initiative=world.initiative).exists()


def test_weekly_digest_is_on_the_beat_schedule():
    from config.celery import app

    [entry] = [
        e
        for e in app.conf.beat_schedule.values()
        if e["task"] == "conditions.tasks.digests_send_task"
    ]
    assert entry["schedule"].day_of_week == {1}


# ---- Backbone work ----


def test_backbone_overview_counts_work_of_the_past_year(world, backbone_staff):
    for days_ago in (10, 200, 400):
        services.backbone_work_create(
            actor=backbone_staff,
            initiative=world.initiative,
            fields={
                "function": BackboneFunction.POLICY,
                "done_on": TODAY() - timedelta(days=days_ago),
                "description": "Briefing",
            },
        )
    overview = selectors.backbone_overview(initiative=world.initiative)
    by_function = {item.function: item for item in overview["functions"]}
    assert len(by_function) == 6
    assert by_function[BackboneFunction.POLICY].work_last_year == 2
    assert by_function[BackboneFunction.FUNDING].work_last_year == 0


def test_backbone_overview_shows_the_self_assessment_by_function(world):
    assessment = AssessmentFactory(initiative=world.initiative, kind=AssessmentKind.BACKBONE)
    for score in (3, 4, 5):
        response = AssessmentResponse.objects.create(
            assessment=assessment, group=RespondentGroup.BACKBONE
        )
        response.answers.create(question=BackboneFunction.POLICY, score=score)
    by_function = {
        item.function: item
        for item in selectors.backbone_overview(initiative=world.initiative)["functions"]
    }
    assert by_function[BackboneFunction.POLICY].self_assessment.mean == 4
    assert by_function[BackboneFunction.VISION].self_assessment.respondents == 0


# ---- Five-conditions assessment ----


def _all_agree(assessment, score=4):
    return {q.code: {"score": score} for q in questions_for(assessment.kind)}


def test_each_group_answers_the_five_conditions(
    world, backbone_staff, partner_viewer, community_member
):
    assessment = AssessmentFactory(initiative=world.initiative)
    for person in (backbone_staff, partner_viewer, community_member):
        services.assessment_answer(
            actor=person, assessment=assessment, answers=_all_agree(assessment)
        )
    groups = dict(AssessmentResponse.objects.values_list("respondent", "group"))
    assert groups == {
        backbone_staff.pk: RespondentGroup.BACKBONE,
        partner_viewer.pk: RespondentGroup.PARTNER,
        community_member.pk: RespondentGroup.COMMUNITY,
    }
    assert AssessmentResponse.objects.get(respondent=partner_viewer).organization == world.org_a


def test_funders_do_not_answer_assessments(world, funder):
    assessment = AssessmentFactory(initiative=world.initiative)
    with pytest.raises(PermissionDenied):
        services.assessment_answer(
            actor=funder, assessment=assessment, answers=_all_agree(assessment)
        )


def test_outsiders_cannot_learn_an_assessment_exists(world, outsider):
    assessment = AssessmentFactory(initiative=world.initiative)
    with pytest.raises(Http404):
        services.assessment_answer(
            actor=outsider, assessment=assessment, answers=_all_agree(assessment)
        )


def test_only_the_backbone_answers_its_self_assessment(world, backbone_staff, partner_a):
    assessment = AssessmentFactory(initiative=world.initiative, kind=AssessmentKind.BACKBONE)
    services.assessment_answer(
        actor=backbone_staff, assessment=assessment, answers=_all_agree(assessment)
    )
    with pytest.raises(PermissionDenied):
        services.assessment_answer(
            actor=partner_a, assessment=assessment, answers=_all_agree(assessment)
        )


def test_answering_again_replaces_the_earlier_answers(world, community_member):
    assessment = AssessmentFactory(initiative=world.initiative)
    services.assessment_answer(
        actor=community_member, assessment=assessment, answers=_all_agree(assessment, 2)
    )
    services.assessment_answer(
        actor=community_member,
        assessment=assessment,
        answers={"agenda_vision": {"score": 5, "comment": "Clearer now"}},
    )
    response = AssessmentResponse.objects.get()
    assert list(response.answers.values_list("question", "score", "comment")) == [
        ("agenda_vision", 5, "Clearer now")
    ]


def test_a_closed_assessment_keeps_its_answers(world, community_member):
    assessment = AssessmentFactory(initiative=world.initiative, open_days=(-30, -1))
    with pytest.raises(ValidationError):
        services.assessment_answer(
            actor=community_member, assessment=assessment, answers=_all_agree(assessment)
        )
    assert not AssessmentResponse.objects.exists()


def test_scores_outside_the_scale_and_unknown_questions_are_refused(world, community_member):
    assessment = AssessmentFactory(initiative=world.initiative)
    with pytest.raises(ValidationError):
        services.assessment_answer(
            actor=community_member, assessment=assessment, answers={"agenda_vision": {"score": 6}}
        )
    with pytest.raises(ValidationError):
        services.assessment_answer(
            actor=community_member,
            assessment=assessment,
            answers={"favourite_colour": {"score": 3}},
        )
    assert not AssessmentResponse.objects.exists()


def _open_round(world, actor, kind, title):
    """A new round of the ``kind`` assessment, open from today for ten days."""
    return services.assessment_create(
        actor=actor,
        initiative=world.initiative,
        fields={
            "kind": kind,
            "title": title,
            "opens_on": TODAY(),
            "closes_on": TODAY() + timedelta(days=10),
        },
    )


def test_rounds_of_one_assessment_do_not_overlap(world, backbone_staff):
    AssessmentFactory(initiative=world.initiative)
    with pytest.raises(ValidationError):
        _open_round(world, backbone_staff, AssessmentKind.FIVE_CONDITIONS, "Again")
    _open_round(world, backbone_staff, AssessmentKind.COLLABORATIVE_HEALTH, "Health")


def _responses(assessment, group, scores):
    for score in scores:
        response = AssessmentResponse.objects.create(assessment=assessment, group=group)
        for question in questions_for(assessment.kind):
            response.answers.create(question=question.code, score=score)


def test_results_are_shown_by_respondent_group(world):
    assessment = AssessmentFactory(initiative=world.initiative)
    _responses(assessment, RespondentGroup.BACKBONE, [5, 5, 4])
    _responses(assessment, RespondentGroup.COMMUNITY, [2, 3, 2, 1])
    _responses(assessment, RespondentGroup.PARTNER, [4, 4])
    report = selectors.assessment_report(assessment=assessment)
    assert report["groups"] == [
        (RespondentGroup.BACKBONE, 3),
        (RespondentGroup.PARTNER, 2),
        (RespondentGroup.COMMUNITY, 4),
    ]
    agenda = report["topic_rows"][0]
    backbone, partner, community = agenda.cells
    assert backbone.score.mean == pytest.approx(14 / 3)
    assert not partner.score.shown  # two partners: too few to show without identifying them
    assert community.score.mean == 2
    assert agenda.gap == pytest.approx(14 / 3 - 2)


def test_results_compare_with_the_previous_round(world):
    earlier = AssessmentFactory(initiative=world.initiative, open_days=(-400, -370))
    now = AssessmentFactory(initiative=world.initiative)
    _responses(earlier, RespondentGroup.COMMUNITY, [2, 2, 2])
    _responses(now, RespondentGroup.COMMUNITY, [3, 3, 3])
    report = selectors.assessment_report(assessment=now)
    assert report["previous"] == earlier
    community = report["topic_rows"][0].cells[2]
    assert (community.score.mean, community.earlier.mean) == (3, 2)


def test_comments_never_carry_the_respondents_name(world, community_member):
    assessment = AssessmentFactory(initiative=world.initiative)
    services.assessment_answer(
        actor=community_member,
        assessment=assessment,
        answers={"agenda_vision": {"score": 2, "comment": "Too vague"}},
    )
    [comment] = selectors.assessment_comments(assessment=assessment)
    assert comment["comment"] == "Too vague"
    assert comment["group"] == RespondentGroup.COMMUNITY.label
    assert str(community_member) not in str(comment)


# ---- Collaborative health ----


@pytest.fixture
def health_round(world):
    return AssessmentFactory(initiative=world.initiative, kind=AssessmentKind.COLLABORATIVE_HEALTH)


def _rate(actor, health_round, rated, interaction=Interaction.REGULAR, trust=3, value=4):
    """``actor`` speaks for their organization: this is how it works with ``rated``."""
    services.partner_ratings_save(
        actor=actor,
        assessment=health_round,
        ratings=[{"rated": rated, "interaction": interaction, "trust": trust, "value": value}],
    )


def test_partner_rates_the_other_partners_for_their_organization(world, partner_a, health_round):
    _rate(partner_a, health_round, world.org_b)
    rating = PartnerRating.objects.get()
    assert (rating.rater, rating.rated, rating.trust, rating.value) == (
        world.org_a,
        world.org_b,
        3,
        4,
    )


def test_trust_and_value_are_asked_only_of_partners_who_work_together(
    world, partner_a, health_round
):
    with pytest.raises(ValidationError):
        _rate(partner_a, health_round, world.org_b, Interaction.CLOSE, trust=None, value=None)
    _rate(partner_a, health_round, world.org_b, Interaction.NONE, trust=4, value=4)
    rating = PartnerRating.objects.get()
    assert (rating.trust, rating.value) == (None, None)


def test_a_partner_cannot_rate_itself_or_an_outsider(world, partner_a, health_round):
    for rated in (world.org_a, OrganizationFactory()):
        with pytest.raises(ValidationError):
            _rate(partner_a, health_round, rated, trust=3, value=3)
    assert not PartnerRating.objects.exists()


@pytest.mark.parametrize(
    "persona", ["partner_viewer", "backbone_staff", "funder", "community_member"], indirect=True
)
def test_only_partner_editors_speak_for_their_organization_in_the_health_assessment(
    world, persona, health_round
):
    assert not roles.may_answer_assessment(
        persona, world.initiative, AssessmentKind.COLLABORATIVE_HEALTH
    )
    with pytest.raises(PermissionDenied):
        services.partner_ratings_save(actor=persona, assessment=health_round, ratings=[])


def test_rating_again_replaces_the_organizations_earlier_ratings(world, partner_a, health_round):
    for trust in (1, 4):
        _rate(partner_a, health_round, world.org_b, trust=trust, value=2)
    assert list(PartnerRating.objects.values_list("trust", flat=True)) == [4]


def test_the_network_leaves_out_funders_and_the_backbone(world, health_round):
    PartnershipFactory(initiative=world.initiative, role=PartnershipRole.FUNDER)
    PartnershipFactory(initiative=world.initiative, role=PartnershipRole.BACKBONE)
    PartnerRatingFactory(
        assessment=health_round, rater=world.org_a, rated=world.org_b, trust=4, value=3
    )
    health = selectors.network_health(assessment=health_round)
    assert health.organizations == 2
    assert health.density == 1
    assert health.respondents == 1


def test_health_trend_lists_rounds_oldest_first(world):
    health = {"initiative": world.initiative, "kind": AssessmentKind.COLLABORATIVE_HEALTH}
    late = AssessmentFactory(**health)
    early = AssessmentFactory(**health, open_days=(-400, -380))
    AssessmentFactory(**health, open_days=(30, 60))
    assert [
        assessment for assessment, _health in selectors.health_trend(initiative=world.initiative)
    ] == [
        early,
        late,
    ]


# ---- What needs attention ----


def test_assessment_is_due_a_year_after_the_last_round_opened(world):
    AssessmentFactory(
        initiative=world.initiative, kind=AssessmentKind.BACKBONE, open_days=(-370, -340)
    )
    AssessmentFactory(
        initiative=world.initiative,
        kind=AssessmentKind.COLLABORATIVE_HEALTH,
        open_days=(-100, -70),
    )
    statuses = {s.kind: s for s in selectors.assessment_status(initiative=world.initiative)}
    assert statuses[AssessmentKind.FIVE_CONDITIONS].state == "due"  # never run
    assert statuses[AssessmentKind.BACKBONE].state == "due"
    assert statuses[AssessmentKind.COLLABORATIVE_HEALTH].state == "done"


def test_backbone_home_lists_what_needs_attention(world):
    AssessmentFactory(initiative=world.initiative)
    missing = MeetingFactory(initiative=world.initiative)
    attention = selectors.needs_attention(initiative=world.initiative)
    assert attention["uncovered_indicators"] == [world.indicator]
    assert attention["meetings_without_minutes"] == [missing]
    assert {(s.kind, s.state) for s in attention["assessments"]} == {
        (AssessmentKind.FIVE_CONDITIONS, "open"),
        (AssessmentKind.BACKBONE, "due"),
        (AssessmentKind.COLLABORATIVE_HEALTH, "due"),
        (AssessmentKind.EQUITY, "due"),
    }
    ActivityFactory(
        initiative=world.initiative, organization=world.org_a, indicators=[world.indicator]
    )
    assert selectors.needs_attention(initiative=world.initiative)["uncovered_indicators"] == []


def test_open_assessment_waits_for_each_member_until_they_answer(world, community_member):
    assessment = AssessmentFactory(initiative=world.initiative)
    assert selectors.open_assessments_to_answer(
        user=community_member, initiative=world.initiative
    ) == [assessment]
    services.assessment_answer(
        actor=community_member, assessment=assessment, answers=_all_agree(assessment)
    )
    assert (
        selectors.open_assessments_to_answer(user=community_member, initiative=world.initiative)
        == []
    )
