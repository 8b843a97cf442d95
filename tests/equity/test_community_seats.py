"""A community seat is held by someone from the community members' register, where their name
is kept with their consent: typed names are refused, existing ones are linked to the register,
and the seat keeps counting when its holder withdraws."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from community import services as community_services
from equity import selectors
from equity.choices import SeatType
from equity.models import Seat
from tests.factories.community import CommunityMemberFactory
from tests.factories.initiatives import InitiativeFactory
from tests.migrations import migrated_back_to

pytestmark = pytest.mark.django_db

START = timezone.localdate() - timedelta(days=30)


def _seat(**fields):
    return {"seat_type": SeatType.COMMUNITY, "starts_on": START, **fields}


def test_a_typed_name_on_a_community_seat_is_refused(world, new_body, backbone_staff):
    with pytest.raises(ValidationError) as error:
        new_body(backbone_staff, [_seat(holder="Huda Mansour")])
    assert "holder" in error.value.message_dict
    assert not Seat.objects.exists()


def test_a_community_seat_is_held_by_someone_from_this_initiatives_register(
    world, new_body, backbone_staff
):
    stranger = CommunityMemberFactory(initiative=InitiativeFactory())
    with pytest.raises(ValidationError):
        new_body(backbone_staff, [_seat(member=stranger)])
    assert not Seat.objects.exists()


def test_only_a_community_seat_is_held_by_a_community_member(world, new_body, backbone_staff):
    huda = CommunityMemberFactory(initiative=world.initiative)
    with pytest.raises(ValidationError):
        new_body(backbone_staff, [_seat(seat_type=SeatType.FUNDER, member=huda)])


def test_the_seat_form_offers_the_people_who_consent(client, world, backbone_staff):
    CommunityMemberFactory(initiative=world.initiative, name="Huda Mansour")
    withdrawn = CommunityMemberFactory(initiative=world.initiative, name="Rami Haddad")
    community_services.consent_withdraw(actor=backbone_staff, member=withdrawn)
    client.force_login(backbone_staff)
    page = client.get(reverse("equity:body-create", args=[world.initiative.slug])).content.decode()
    [first_row_people] = re.findall(r'<select name="seats-0-member".*?</select>', page, re.S)
    assert "Huda Mansour" in first_row_people
    assert f'value="{withdrawn.pk}"' not in first_row_people


def test_a_withdrawn_holder_keeps_the_seat_without_the_name(
    world, new_body, backbone_staff, funder
):
    huda = CommunityMemberFactory(initiative=world.initiative, name="Huda Mansour")
    body = new_body(backbone_staff, [_seat(member=huda)])
    [shown] = selectors.body_list(user=backbone_staff, initiative=world.initiative)
    assert shown.seats.all()[0].shown_holder == "Huda Mansour"
    [shown] = selectors.body_list(user=funder, initiative=world.initiative)
    assert shown.seats.all()[0].shown_holder == "Community member"
    community_services.consent_withdraw(actor=backbone_staff, member=huda)
    [shown] = selectors.body_list(user=backbone_staff, initiative=world.initiative)
    assert shown.seats.all()[0].shown_holder == "Community member"
    assert body.seats.get().member == huda
    assert selectors.seats_over_time(initiative=world.initiative)[-1].by_type == {
        SeatType.COMMUNITY: 1
    }


@pytest.mark.django_db(transaction=True)
def test_typed_community_seat_holders_are_linked_to_the_register(world):
    """The data migration: a typed name that is one register member's becomes a link; any
    other name stays as typed, for staff to settle."""
    with migrated_back_to([("equity", "0003_seat_member")]) as old:
        OldSeat = old.get_model("equity", "Seat")
        Body = old.get_model("equity", "DecisionBody")
        Member = old.get_model("community", "CommunityMember")
        body = Body.objects.create(
            initiative_id=world.initiative.pk, name="Council", kind="advisory"
        )
        huda = Member.objects.create(initiative_id=world.initiative.pk, name="Huda Mansour")
        Member.objects.create(
            initiative_id=world.initiative.pk, name="Rami Haddad", anonymized_at=timezone.now()
        )
        linked = OldSeat.objects.create(
            body=body, seat_type="community", holder="huda  mansour", starts_on=START
        )
        unknown = OldSeat.objects.create(
            body=body, seat_type="community", holder="Resident 1", starts_on=START
        )
        partner = OldSeat.objects.create(
            body=body, seat_type="partner", holder="Huda Mansour", starts_on=START
        )
    assert (Seat.objects.get(pk=linked.pk).member_id, Seat.objects.get(pk=linked.pk).holder) == (
        huda.pk,
        "",
    )
    assert Seat.objects.get(pk=unknown.pk).holder == "Resident 1"
    assert Seat.objects.get(pk=partner.pk).member_id is None
