"""The pages of the equity strategies and the community's voice: who may do what, what each
role sees, and that a broken form loses nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from community.choices import FeedbackStatus
from community.models import EngagementEvent, FeedbackItem
from equity.choices import EngagementLevel
from equity.models import Decision
from tests.factories.community import (
    CommunityMemberFactory,
    EngagementEventFactory,
    FeedbackItemFactory,
    published_answer,
)
from tests.factories.equity import CommitmentFactory, DecisionBodyFactory, DecisionFactory
from tests.forms import assert_refused_keeping, formset

pytestmark = pytest.mark.django_db


def test_backbone_answers_feedback_and_the_member_reads_the_answer(
    client, world, backbone_staff, community_member
):
    item = FeedbackItemFactory(
        initiative=world.initiative,
        submitted_by=community_member,
        body="הגנים רחוקים מדי",
        language="he",
    )
    decision = DecisionFactory(initiative=world.initiative, title="Fund two classes")
    client.force_login(backbone_staff)
    response = client.post(
        world.url("community:feedback-answer", pk=item.pk),
        {
            "theme": "Early childhood",
            "status": "in_review",
            "public_response": "You said the kindergartens are too far. We opened two classes.",
            "decision": decision.pk,
        },
    )
    assert response.status_code == 302
    client.force_login(community_member)
    page = client.get(world.url("community:feedback-list")).content.decode()
    assert "We opened two classes." in page
    assert "Fund two classes" in page


def test_a_broken_answer_keeps_what_was_typed(client, world, backbone_staff):
    item = FeedbackItemFactory(initiative=world.initiative)
    client.force_login(backbone_staff)
    response = client.post(
        world.url("community:feedback-answer", pk=item.pk),
        {"public_summary": "Parks and play", "status": "answered", "public_response": ""},
    )
    assert_refused_keeping(response, "Parks and play")
    item.refresh_from_db()
    assert item.status == FeedbackStatus.RECEIVED


def test_funders_read_you_said_we_did_without_the_words_or_the_writer(
    client, world, funder, community_member
):
    published_answer(
        world.initiative,
        community_member,
        body="Private words about my son",
        public_summary="Some children were kept out of school.",
    )
    client.force_login(funder)
    for name in ("community:answers", "equity:dashboard"):
        page = client.get(world.url(name)).content.decode()
        assert "We changed the rule." in page
        assert "Some children were kept out of school." in page
        assert "Private words" not in page
        assert "Schools" not in page
        assert str(community_member) not in page


def test_funders_never_see_community_members_personal_data(client, world, funder):
    CommunityMemberFactory(initiative=world.initiative, email="huda@example.org")
    client.force_login(funder)
    assert client.get(world.url("community:community-member-list")).status_code == 403
    for name in ("equity:dashboard", "community:event-list", "equity:power"):
        assert "huda@example.org" not in client.get(world.url(name)).content.decode()


def test_an_event_with_more_people_in_groups_than_came_is_refused_and_kept(
    client, world, backbone_staff
):
    arab = world.sector.categories.get(code="arab")
    client.force_login(backbone_staff)
    response = client.post(
        world.url("community:event-create"),
        {
            "kind": "listening",
            "title": "Listening in the Wadi",
            "held_on": "2026-11-01",
            "languages": ["ar"],
            "participants": "10",
            **formset("counts", [{"category": arab.pk, "count": "25"}]),
            **formset("paid", []),
        },
    )
    assert_refused_keeping(
        response, "25 people counted by Sector, but 10 took part.", "Listening in the Wadi"
    )
    assert not EngagementEvent.objects.exists()


def test_interpretations_appear_beside_the_indicator_for_every_viewer(
    client, world, backbone_staff, funder
):
    walk = EngagementEventFactory(initiative=world.initiative, title="Data walk in Hadar")
    walk.indicators.set([world.indicator])
    client.force_login(backbone_staff)
    response = client.post(
        world.url("community:event-detail", pk=walk.pk),
        {
            "indicator": world.indicator.pk,
            "period": world.period.pk,
            "text": "The library closes at four.",
            "language": "en",
        },
    )
    assert response.status_code == 302
    client.force_login(funder)
    page = client.get(world.url("measurement:indicator-detail", code=world.indicator.code))
    content = page.content.decode()
    assert "The story behind the curve" in content
    assert "The library closes at four." in content


def test_decision_form_asks_for_the_communitys_power(client, world, backbone_staff):
    body = DecisionBodyFactory(initiative=world.initiative)
    client.force_login(backbone_staff)
    response = client.post(
        world.url("equity:decision-create"),
        {"body": body.pk, "decided_on": "2026-11-01", "title": "Pool funds for summer"},
    )
    assert_refused_keeping(response, "Pool funds for summer")
    response = client.post(
        world.url("equity:decision-create"),
        {
            "body": body.pk,
            "decided_on": "2026-11-01",
            "title": "Pool funds for summer",
            "engagement_level": EngagementLevel.CONSULT,
            "resources": "300000",
        },
    )
    assert response.status_code == 302
    assert Decision.objects.get().engagement_level == EngagementLevel.CONSULT


def test_backbone_home_shows_overdue_commitments(client, world, backbone_staff, partner_a):
    CommitmentFactory(
        initiative=world.initiative,
        title="Train the backbone staff",
        due_date=timezone.localdate() - timedelta(days=3),
    )
    client.force_login(backbone_staff)
    assert (
        "Train the backbone staff"
        in client.get(world.url("initiatives:initiative-home")).content.decode()
    )
    client.force_login(partner_a)
    assert (
        "Train the backbone staff"
        not in client.get(world.url("initiatives:initiative-home")).content.decode()
    )


def test_community_member_withdraws_their_own_consent(client, world, community_member):
    record = CommunityMemberFactory(initiative=world.initiative, user=community_member)
    record.consents.create(purpose="contact", wording="x", language="en", given_at=timezone.now())
    client.force_login(community_member)
    page = client.get(world.url("community:feedback-list")).content.decode()
    assert "Withdraw my consent" in page
    client.post(world.url("community:consent-withdraw-own"))
    record.refresh_from_db()
    assert record.anonymized_at is not None
    assert record.name == ""


def test_community_member_gives_feedback_linked_to_their_record(client, world, community_member):
    record = CommunityMemberFactory(initiative=world.initiative, user=community_member)
    client.force_login(community_member)
    client.post(world.url("community:feedback-list"), {"body": "More benches", "theme": ""})
    assert FeedbackItem.objects.get().member == record


@pytest.mark.parametrize(
    "name",
    [
        "equity:dashboard",
        "equity:power",
        "equity:systems-change",
        "equity:commitment-list",
        "community:event-list",
        "community:answers",
    ],
)
def test_equity_pages_read_in_a_bounded_number_of_queries(
    client, world, backbone_staff, name, django_assert_max_num_queries
):
    body = DecisionBodyFactory(initiative=world.initiative)
    for _index in range(12):
        DecisionFactory(initiative=world.initiative, body=body)
        CommitmentFactory(initiative=world.initiative)
        EngagementEventFactory(initiative=world.initiative)
    client.force_login(backbone_staff)
    with django_assert_max_num_queries(30):
        assert client.get(world.url(name)).status_code == 200
