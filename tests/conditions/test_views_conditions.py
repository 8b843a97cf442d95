"""The pages of the five conditions: who may do what, and that a broken form loses nothing."""

import pytest
from django.urls import reverse

from conditions.choices import Interaction
from conditions.models import Activity, AssessmentResponse, PartnerRating, WorkingGroup
from initiatives.choices import AssessmentKind, RespondentGroup
from tests.factories.conditions import (
    ActivityFactory,
    AssessmentFactory,
    MeetingFactory,
    PartnerRatingFactory,
)
from tests.forms import assert_refused_keeping, formset

pytestmark = pytest.mark.django_db


def test_backbone_adds_a_working_group_with_a_community_co_chair(
    client, world, backbone_staff, community_member
):
    client.force_login(backbone_staff)
    response = client.post(
        world.url("conditions:working-group-create"),
        {
            "name": "Early learning",
            "purpose": "Ready for school",
            **formset(
                "members",
                [
                    {"user": community_member.pk, "role": "co_chair"},
                    {"name": "Noa Friedman", "organization": world.org_a.pk, "role": "member"},
                ],
            ),
        },
    )
    group = WorkingGroup.objects.get()
    assert response.status_code == 302
    page = client.get(world.url("conditions:working-group-detail", pk=group.pk))
    assert "Community co-chair" in page.content.decode()


def test_a_member_row_without_a_person_keeps_what_was_typed(client, world, backbone_staff):
    client.force_login(backbone_staff)
    response = client.post(
        world.url("conditions:working-group-create"),
        {
            "name": "Early learning",
            "purpose": "Ready for school",
            **formset("members", [{"organization": world.org_a.pk, "role": "co_chair"}]),
        },
    )
    assert_refused_keeping(
        response, "Choose a member of the initiative or type a name.", "Ready for school"
    )
    assert not WorkingGroup.objects.exists()


def _post_activity(client, world, organization, **fields):
    return client.post(
        world.url("conditions:activity-create"), {"organization": organization.pk, **fields}
    )


def test_partner_cannot_post_an_activity_for_another_organization(client, world, partner_a):
    client.force_login(partner_a)
    response = _post_activity(
        client, world, world.org_b, title="Mentors for South", kind="program", status="active"
    )
    assert_refused_keeping(response, "Mentors for South")
    assert not Activity.objects.exists()


def test_partner_adds_an_activity_linked_to_an_indicator(client, world, partner_a):
    client.force_login(partner_a)
    response = _post_activity(
        client,
        world,
        world.org_a,
        title="Reading mentors",
        kind="systems",
        status="planned",
        indicators=[world.indicator.pk],
    )
    assert response.status_code == 302
    assert list(Activity.objects.get().indicators.all()) == [world.indicator]
    coverage = client.get(world.url("conditions:coverage")).content.decode()
    assert "nobody works on it" not in coverage


def test_activity_list_offers_editing_only_where_the_viewer_may_edit(client, world, partner_a):
    own = ActivityFactory(initiative=world.initiative, organization=world.org_a)
    theirs = ActivityFactory(initiative=world.initiative, organization=world.org_b)
    client.force_login(partner_a)
    content = client.get(world.url("conditions:activity-list")).content.decode()
    assert world.url("conditions:activity-edit", pk=own.pk) in content
    assert world.url("conditions:activity-edit", pk=theirs.pk) not in content
    assert theirs.title in content


def test_activity_list_filters_by_kind(client, world, funder):
    ActivityFactory(initiative=world.initiative, organization=world.org_a, title="Mentors")
    ActivityFactory(
        initiative=world.initiative, organization=world.org_b, title="Policy change", kind="systems"
    )
    client.force_login(funder)
    content = client.get(
        world.url("conditions:activity-list"), {"kind": "systems"}
    ).content.decode()
    assert "Policy change" in content
    assert "Mentors" not in content


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("feed", {"title": "News", "body": "x"}),
        ("backbone", {"function": "policy", "done_on": "2026-01-01", "description": "x"}),
        (
            "assessment-list",
            {
                "kind": "five_conditions",
                "title": "x",
                "opens_on": "2026-01-01",
                "closes_on": "2026-02-01",
            },
        ),
    ],
)
def test_funders_read_but_cannot_post(client, world, funder, name, data):
    client.force_login(funder)
    assert client.get(world.url(f"conditions:{name}")).status_code == 200
    assert client.post(world.url(f"conditions:{name}"), data).status_code == 403


def test_community_member_answers_the_five_conditions(client, world, community_member):
    assessment = AssessmentFactory(initiative=world.initiative)
    client.force_login(community_member)
    home = client.get(
        reverse("initiatives:initiative-home", args=[world.initiative.slug])
    ).content.decode()
    assert world.url("conditions:assessment-answer", pk=assessment.pk) in home
    response = client.post(
        world.url("conditions:assessment-answer", pk=assessment.pk),
        {
            "score_agenda_vision": "2",
            "comment_agenda_vision": "Not for our neighbourhood",
            "score_communication_regular": "1",
        },
    )
    assert response.status_code == 302
    response = AssessmentResponse.objects.get()
    assert response.group == RespondentGroup.COMMUNITY
    assert response.answers.count() == 2
    form = client.get(world.url("conditions:assessment-answer", pk=assessment.pk)).content.decode()
    assert "Not for our neighbourhood" in form


def test_an_empty_answer_sheet_is_refused_with_a_message(client, world, community_member):
    assessment = AssessmentFactory(initiative=world.initiative)
    client.force_login(community_member)
    response = client.post(
        world.url("conditions:assessment-answer", pk=assessment.pk),
        {"comment_agenda_vision": "Only a comment"},
    )
    assert_refused_keeping(response, "Answer at least one question.", "Only a comment")


def test_partner_rating_form_asks_trust_of_partners_they_work_with(client, world, partner_a):
    assessment = AssessmentFactory(
        initiative=world.initiative, kind=AssessmentKind.COLLABORATIVE_HEALTH
    )
    client.force_login(partner_a)
    field = f"_{world.org_b.pk}"
    response = client.post(
        world.url("conditions:assessment-answer", pk=assessment.pk),
        {"interaction" + field: Interaction.CLOSE},
    )
    assert_refused_keeping(response, "Rate this for a partner you work with.")
    response = client.post(
        world.url("conditions:assessment-answer", pk=assessment.pk),
        {"interaction" + field: Interaction.CLOSE, "trust" + field: "4", "value" + field: "3"},
    )
    assert response.status_code == 302
    assert PartnerRating.objects.get().trust == 4


def test_what_partners_said_of_each_other_is_for_the_backbone_only(
    client, world, backbone_staff, partner_b
):
    assessment = AssessmentFactory(
        initiative=world.initiative, kind=AssessmentKind.COLLABORATIVE_HEALTH
    )
    PartnerRatingFactory(
        assessment=assessment, rater=world.org_a, rated=world.org_b, trust=1, value=2
    )
    url = world.url("conditions:assessment-results", pk=assessment.pk)
    client.force_login(backbone_staff)
    assert "Trust received" in client.get(url).content.decode()
    client.force_login(partner_b)
    content = client.get(url).content.decode()
    assert "Trust received" not in content
    assert "Low trust" not in content
    assert "Mean trust" in content  # the network's overall score is for everyone


def test_assessment_comments_are_for_the_backbone_only(
    client, world, community_member, backbone_staff, funder
):
    assessment = AssessmentFactory(initiative=world.initiative)
    client.force_login(community_member)
    client.post(
        world.url("conditions:assessment-answer", pk=assessment.pk),
        {"score_agenda_vision": "2", "comment_agenda_vision": "Say it in Arabic too"},
    )
    url = world.url("conditions:assessment-results", pk=assessment.pk)
    client.force_login(funder)
    assert "Say it in Arabic too" not in client.get(url).content.decode()
    client.force_login(backbone_staff)
    assert "Say it in Arabic too" in client.get(url).content.decode()


def test_backbone_home_shows_what_needs_attention(client, world, backbone_staff, partner_a):
    meeting = MeetingFactory(initiative=world.initiative, title="Board, March")
    client.force_login(backbone_staff)
    content = client.get(
        reverse("initiatives:initiative-home", args=[world.initiative.slug])
    ).content.decode()
    assert "Needs attention" in content
    assert "Board, March" in content
    assert world.indicator.name in content
    client.force_login(partner_a)
    assert (
        "Needs attention"
        not in client.get(
            reverse("initiatives:initiative-home", args=[world.initiative.slug])
        ).content.decode()
    )
    assert meeting.needs_minutes


def test_health_page_reads_the_outcome_indicator_the_viewer_chose(client, world, funder):
    AssessmentFactory(
        initiative=world.initiative,
        kind=AssessmentKind.COLLABORATIVE_HEALTH,
        open_days=(-40, -10),
    )
    client.force_login(funder)
    response = client.get(world.url("conditions:health"), {"indicator": world.indicator.code})
    assert response.status_code == 200
    assert response.context["indicator"] == world.indicator
    assert len(response.context["trend"]) == 1


def test_health_page_shows_a_funder_the_outcomes_coded_range(client, world, funder):
    from tests.factories.measurement import ComputedResultFactory

    ComputedResultFactory(
        indicator=world.indicator,
        period=world.period,
        numerator=37,
        denominator=40,
        ranged=True,
        range_low=90,
        range_high=100,
    )
    client.force_login(funder)
    response = client.get(world.url("conditions:health"), {"indicator": world.indicator.code})
    page = response.content.decode()
    assert "≥ 90%" in page
    assert "92.5" not in page


@pytest.mark.parametrize(
    "name",
    [
        "coverage",
        "activity-list",
        "assessment-list",
        "meeting-list",
        "working-group-list",
        "backbone",
    ],
)
def test_pages_read_in_a_bounded_number_of_queries(
    client, world, backbone_staff, name, django_assert_max_num_queries
):
    for index in range(15):
        ActivityFactory(
            initiative=world.initiative, organization=world.org_a, indicators=[world.indicator]
        )
        MeetingFactory(initiative=world.initiative)
        opens = -400 * (index + 1)
        AssessmentFactory(initiative=world.initiative, open_days=(opens, opens + 10))
    client.force_login(backbone_staff)
    with django_assert_max_num_queries(20):
        assert client.get(world.url(f"conditions:{name}")).status_code == 200


def test_a_closed_assessment_sends_the_visitor_to_its_results(client, world, community_member):
    assessment = AssessmentFactory(initiative=world.initiative, open_days=(-30, -1))
    client.force_login(community_member)
    response = client.post(
        world.url("conditions:assessment-answer", pk=assessment.pk), {"score_agenda_vision": 4}
    )
    assert response["Location"] == world.url("conditions:assessment-results", pk=assessment.pk)
    assert not AssessmentResponse.objects.exists()
