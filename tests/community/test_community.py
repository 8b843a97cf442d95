"""Feedback and its answers, consent and its withdrawal, engagement events and data walks."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from community import selectors, services
from community.choices import ConsentPurpose, EventKind, FeedbackStatus
from community.models import CommunityMember, EngagementEvent, FeedbackItem, Interpretation
from tests.factories.community import (
    CommunityMemberFactory,
    EngagementEventFactory,
    FeedbackItemFactory,
    published_answer,
)
from tests.factories.conditions import ActivityFactory
from tests.factories.equity import DecisionFactory
from tests.factories.initiatives import InitiativeFactory
from tests.factories.measurement import IndicatorFactory

pytestmark = pytest.mark.django_db


# ---- Feedback loop ----


def test_answering_feedback_closes_the_loop_and_links_the_decision(world, backbone_staff):
    item = FeedbackItemFactory(initiative=world.initiative)
    decision = DecisionFactory(initiative=world.initiative)
    services.feedback_answer(
        actor=backbone_staff,
        item=item,
        fields={
            "public_response": "You said: too far. We did: two new classes.",
            "decision": decision,
            "status": FeedbackStatus.RECEIVED,
        },
    )
    item.refresh_from_db()
    assert item.status == FeedbackStatus.ANSWERED
    assert item.decision == decision
    assert item.responded_by == backbone_staff
    assert item.responded_at is not None


def test_correcting_an_answer_keeps_when_the_loop_closed(world, backbone_staff):
    item = FeedbackItemFactory(initiative=world.initiative)
    services.feedback_answer(
        actor=backbone_staff, item=item, fields={"public_response": "First", "status": "answered"}
    )
    first = item.responded_at
    services.feedback_answer(
        actor=backbone_staff,
        item=item,
        fields={"public_response": "Corrected", "status": "answered"},
    )
    assert item.responded_at == first


def test_feedback_cannot_be_marked_answered_without_an_answer(world, backbone_staff):
    item = FeedbackItemFactory(initiative=world.initiative)
    with pytest.raises(ValidationError):
        services.feedback_answer(
            actor=backbone_staff, item=item, fields={"public_response": "  ", "status": "answered"}
        )


def test_feedback_cannot_be_linked_to_another_initiatives_activity(world, backbone_staff):
    item = FeedbackItemFactory(initiative=world.initiative)
    foreign = ActivityFactory(initiative=InitiativeFactory())
    with pytest.raises(ValidationError):
        services.feedback_answer(
            actor=backbone_staff, item=item, fields={"public_response": "x", "activity": foreign}
        )


@pytest.mark.parametrize("persona", ["partner_a", "funder", "community_member"], indirect=True)
def test_only_the_backbone_answers_feedback(world, persona):
    item = FeedbackItemFactory(initiative=world.initiative)
    with pytest.raises(PermissionDenied):
        services.feedback_answer(actor=persona, item=item, fields={"public_response": "x"})


def test_feedback_loop_figures(world):
    now = timezone.now()
    for received, answered in ((20, 10), (12, 10), (5, None)):
        item = FeedbackItemFactory(
            initiative=world.initiative,
            responded_at=now - timedelta(days=answered) if answered else None,
        )
        FeedbackItem.objects.filter(pk=item.pk).update(created_at=now - timedelta(days=received))
    loop = selectors.feedback_loop(initiative=world.initiative, now=now)
    assert loop.answered_share == pytest.approx(2 / 3)
    assert loop.median_days == pytest.approx(6)
    assert loop.waiting_longest_days == 5


def test_public_answers_never_carry_the_words_or_the_writer(world, community_member):
    published_answer(
        world.initiative,
        community_member,
        body="My neighbour's son was excluded",
        public_summary="Exclusions from school.",
    )
    FeedbackItemFactory(initiative=world.initiative, body="Not answered yet")
    [item] = selectors.published_feedback(initiative=world.initiative)
    assert item.public_response == "We changed the rule."
    assert "body" in item.get_deferred_fields()
    assert "submitted_by_id" in item.get_deferred_fields()


# ---- Consent ----


def test_registering_a_member_keeps_the_consent_wording_in_their_language(world, backbone_staff):
    member = services.community_member_create(
        actor=backbone_staff,
        initiative=world.initiative,
        fields={"name": "Huda Mansour", "neighbourhood": "Wadi", "has_lived_experience": True},
        purposes=[ConsentPurpose.CONTACT, ConsentPurpose.STORIES],
        language="ar",
    )
    consents = {c.purpose: c for c in member.consents.all()}
    assert set(consents) == {ConsentPurpose.CONTACT, ConsentPurpose.STORIES}
    assert consents[ConsentPurpose.CONTACT].language == "ar"
    assert consents[ConsentPurpose.CONTACT].wording != ConsentPurpose.CONTACT.label  # Arabic


def test_a_member_is_recorded_only_with_consent(world, backbone_staff):
    with pytest.raises(ValidationError):
        services.community_member_create(
            actor=backbone_staff,
            initiative=world.initiative,
            fields={"name": "X"},
            purposes=[],
            language="en",
        )
    assert not CommunityMember.objects.exists()


def test_withdrawing_consent_anonymizes_but_keeps_the_counts(
    world, backbone_staff, community_member
):
    member = CommunityMemberFactory(initiative=world.initiative, user=community_member)
    member.consents.create(
        purpose=ConsentPurpose.CONTACT, wording="x", language="en", given_at=timezone.now()
    )
    feedback = FeedbackItemFactory(
        initiative=world.initiative, submitted_by=community_member, member=member
    )
    services.consent_withdraw(actor=backbone_staff, member=member)
    member.refresh_from_db()
    assert (member.name, member.email, member.phone, member.user) == ("", "", "", None)
    assert member.anonymized_at is not None
    assert member.neighbourhood == "Wadi"
    assert member.has_lived_experience
    assert all(c.withdrawn_at for c in member.consents.all())
    feedback.refresh_from_db()
    assert feedback.submitted_by is None
    assert CommunityMember.objects.filter(initiative=world.initiative).count() == 1


def test_a_member_withdraws_their_own_consent_but_not_someone_elses(world, community_member):
    own = CommunityMemberFactory(initiative=world.initiative, user=community_member)
    other = CommunityMemberFactory(initiative=world.initiative)
    with pytest.raises(PermissionDenied):
        services.consent_withdraw(actor=community_member, member=other)
    services.consent_withdraw(actor=community_member, member=own)
    own.refresh_from_db()
    assert own.anonymized_at is not None


# ---- Engagement events ----


def _record_event(world, actor, counts, compensations=(), **fields):
    """A new engagement event held today, with participants ``counts`` by group and the
    ``compensations`` paid."""
    return services.event_save(
        actor=actor,
        initiative=world.initiative,
        event=None,
        fields={"held_on": timezone.localdate(), **fields},
        counts=counts,
        compensations=list(compensations),
    )


def test_event_records_participants_by_group_and_compensation(world, backbone_staff):
    arab = world.sector.categories.get(code="arab")
    female = world.gender.categories.get(code="f")
    event = _record_event(
        world,
        backbone_staff,
        counts=[{"category": arab, "count": 30}, {"category": female, "count": 18}],
        compensations=[{"people": 30, "amount": Decimal("3000"), "paid_on": timezone.localdate()}],
        kind=EventKind.LISTENING,
        title="Listening in the Wadi",
        languages=["ar"],
        participants=30,
    )
    assert event.participant_counts.count() == 2
    summary = selectors.engagement_summary(initiative=world.initiative)
    assert (summary.events, summary.participants, summary.paid, summary.people_paid) == (
        1,
        30,
        Decimal("3000"),
        30,
    )
    assert summary.languages == ["ar"]


def test_groups_cannot_count_more_people_than_took_part(world, backbone_staff):
    arab = world.sector.categories.get(code="arab")
    jewish = world.sector.categories.get(code="jewish")
    counts = [{"category": arab, "count": 8}, {"category": jewish, "count": 5}]
    with pytest.raises(ValidationError):
        _record_event(
            world,
            backbone_staff,
            counts,
            kind=EventKind.FORUM,
            title="Forum",
            languages=["he"],
            participants=10,
        )
    assert not EngagementEvent.objects.exists()


def _interpret(actor, event, indicator, period, text="x", language="en"):
    services.interpretation_create(
        actor=actor, event=event, indicator=indicator, period=period, text=text, language=language
    )


def test_interpretations_attach_to_the_indicator_and_period(world, backbone_staff):
    walk = EngagementEventFactory(initiative=world.initiative)
    _interpret(
        backbone_staff, walk, world.indicator, world.period, "No library after school.", "he"
    )
    [interpretation] = selectors.interpretations_for(indicator=world.indicator)
    assert (interpretation.period, interpretation.text) == (
        world.period,
        "No library after school.",
    )


def test_interpretations_come_from_data_walks_of_this_initiative(world, backbone_staff):
    forum = EngagementEventFactory(initiative=world.initiative, kind=EventKind.FORUM)
    with pytest.raises(ValidationError):
        _interpret(backbone_staff, forum, world.indicator, world.period)
    walk = EngagementEventFactory(initiative=world.initiative)
    foreign = IndicatorFactory(initiative=InitiativeFactory())
    with pytest.raises(ValidationError):
        _interpret(backbone_staff, walk, foreign, world.period)
    assert not Interpretation.objects.exists()
