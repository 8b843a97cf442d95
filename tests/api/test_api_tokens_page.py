"""The page where people make and revoke their API tokens."""

import pytest
from django.urls import reverse

from accounts.models import ApiToken
from tests.factories.initiatives import InitiativeFactory

pytestmark = pytest.mark.django_db

PAGE = "initiatives:api-token-list"


def test_a_new_token_is_shown_once_and_stored_hashed(client, world, partner_a):
    client.force_login(partner_a)
    response = client.post(
        reverse(PAGE), {"initiative": world.initiative.pk, "name": "Nightly export"}
    )
    key = response.context["new_key"]
    assert key.startswith("yachad_")
    assert key in response.content.decode()
    token = ApiToken.objects.get()
    assert (token.user, token.initiative, token.name) == (
        partner_a,
        world.initiative,
        "Nightly export",
    )
    assert key not in client.get(reverse(PAGE)).content.decode()


def test_a_token_is_only_for_an_initiative_one_belongs_to(client, world, partner_a):
    elsewhere = InitiativeFactory()
    client.force_login(partner_a)
    response = client.post(reverse(PAGE), {"initiative": elsewhere.pk, "name": "x"})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_a_token_without_a_name_keeps_the_choice(client, world, partner_a):
    client.force_login(partner_a)
    response = client.post(reverse(PAGE), {"initiative": world.initiative.pk, "name": ""})
    assert response.status_code == 400
    assert response.context["form"]["initiative"].value() == str(world.initiative.pk)


def test_people_revoke_their_own_tokens(client, world, partner_a):
    client.force_login(partner_a)
    client.post(reverse(PAGE), {"initiative": world.initiative.pk, "name": "x"})
    token = ApiToken.objects.get()
    client.post(reverse("initiatives:api-token-revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "revoked" in client.get(reverse(PAGE)).content.decode()
