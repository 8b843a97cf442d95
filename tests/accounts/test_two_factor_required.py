"""An initiative may ask its backbone team for two-factor authentication: then a backbone admin
or staff member (or an installation superuser, who acts as a backbone admin) whose session is
not confirmed with a second factor reaches none of its pages and none of its API through that
session, and is sent to set it up or to enter a code. Other roles are not asked; API tokens
are credentials of their own and are not asked either."""

import pytest
from django.urls import reverse

from accounts.choices import Role
from initiatives import services as initiative_services
from tests.factories.accounts import PASSWORD, TOTPDeviceFactory, UserFactory, code_for
from tests.factories.initiatives import InitiativeFactory, MembershipFactory
from tests.test_authorization_matrix import IN_AN_INITIATIVE, OK, ROUTES, _request

SETUP = reverse("accounts:two-factor-setup")
LOGIN_CODE = reverse("accounts:login-code")


@pytest.fixture
def strict(world):
    world.initiative.require_two_factor = True
    world.initiative.save()
    return world


def _home(world):
    return reverse("initiatives:initiative-home", args=[world.initiative.slug])


def _confirm_session(client, user):
    device = TOTPDeviceFactory(user=user)
    client.force_login(user)
    assert client.post(LOGIN_CODE, {"code": code_for(device)}).status_code == 302


@pytest.mark.parametrize("persona", ["backbone_admin", "backbone_staff"], indirect=True)
def test_a_backbone_member_without_two_factor_is_sent_to_set_it_up(client, strict, persona):
    client.force_login(persona)
    response = client.get(_home(strict))
    assert response.status_code == 302
    assert response["Location"] == SETUP + "?next=%2Fi%2Friver%2F"


def test_a_backbone_member_with_an_app_is_asked_for_a_code(client, strict, backbone_admin):
    TOTPDeviceFactory(user=backbone_admin)
    client.force_login(backbone_admin)
    assert client.get(_home(strict))["Location"] == LOGIN_CODE + "?next=%2Fi%2Friver%2F"


def test_a_confirmed_session_opens_the_initiative(client, strict, backbone_admin):
    _confirm_session(client, backbone_admin)
    assert client.get(_home(strict)).status_code == 200


def test_setting_it_up_leads_back_to_the_page(client, strict, backbone_admin):
    client.force_login(backbone_admin)
    setup = client.get(_home(strict))["Location"]
    client.get(setup)
    device = backbone_admin.totpdevice_set.get()
    response = client.post(setup, {"code": code_for(device)}, follow=True)
    assert b'href="/i/river/"' in response.content
    assert client.get(_home(strict)).status_code == 200


@pytest.mark.parametrize(
    "persona", ["partner_a", "partner_viewer", "funder", "community_member"], indirect=True
)
def test_other_roles_are_not_asked(client, strict, persona):
    client.force_login(persona)
    assert client.get(_home(strict)).status_code == 200


def test_an_installation_superuser_is_asked_like_a_backbone_admin(client, strict):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(_home(strict))["Location"].startswith(SETUP)


def test_a_confirmed_superuser_opens_the_initiative(client, strict):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    _confirm_session(client, superuser)
    assert client.get(_home(strict)).status_code == 200


def test_initiatives_that_do_not_ask_are_not_affected(client, strict, backbone_admin):
    other = InitiativeFactory(slug="lake")
    MembershipFactory(user=backbone_admin, initiative=other, role=Role.BACKBONE_ADMIN)
    client.force_login(backbone_admin)
    assert client.get(reverse("initiatives:initiative-home", args=["lake"])).status_code == 200


def test_outsiders_still_learn_nothing(client, strict, outsider):
    client.force_login(outsider)
    assert client.get(_home(strict)).status_code == 404


_BACKBONE_PAGES = sorted(
    name for name in IN_AN_INITIATIVE if ROUTES[name].expected["backbone_admin"] == OK
)


@pytest.mark.parametrize("name", _BACKBONE_PAGES)
def test_every_page_of_the_initiative_asks(client, strict, backbone_admin, name):
    client.force_login(backbone_admin)
    response = _request(client, strict, name)
    assert response.status_code == 302, name
    assert response["Location"].startswith(SETUP), name


def test_a_write_that_was_asked_for_a_second_factor_returns_to_the_initiative(
    client, strict, backbone_admin
):
    client.force_login(backbone_admin)
    url = reverse("measurement:computation-start", args=[strict.initiative.slug])
    assert client.post(url)["Location"] == SETUP + "?next=%2Fi%2Friver%2F"


def test_htmx_requests_are_sent_with_a_full_page_redirect(client, strict, backbone_admin):
    client.force_login(backbone_admin)
    response = client.get(_home(strict), HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == SETUP + "?next=%2Fi%2Friver%2F"


def test_the_api_through_a_session_answers_403(client, strict, backbone_admin):
    client.force_login(backbone_admin)
    response = client.get(reverse("api:initiative-detail", args=[strict.initiative.slug]))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "second_factor_required"


def test_api_tokens_are_not_asked(client, strict, backbone_admin):
    _token, key = initiative_services.api_token_create(
        actor=backbone_admin, initiative=strict.initiative, name="nightly export"
    )
    response = client.get(
        reverse("api:initiative-detail", args=[strict.initiative.slug]),
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 200


def test_making_an_api_token_for_the_initiative_needs_a_confirmed_session(
    client, strict, backbone_admin
):
    client.force_login(backbone_admin)
    response = client.post(
        reverse("initiatives:api-token-list"),
        {"initiative": strict.initiative.pk, "name": "nightly export"},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)
    assert not backbone_admin.api_tokens.exists()


# ---- Turning the requirement on ----


def test_a_backbone_admin_turns_the_requirement_on(client, world, backbone_admin):
    client.force_login(backbone_admin)
    url = reverse("initiatives:initiative-two-factor", args=[world.initiative.slug])
    response = client.post(url, {"require_two_factor": "on"})
    assert response["Location"] == reverse("initiatives:member-list", args=["river"])
    world.initiative.refresh_from_db()
    assert world.initiative.require_two_factor


def test_a_backbone_admin_turns_the_requirement_off(client, strict, backbone_admin):
    _confirm_session(client, backbone_admin)
    url = reverse("initiatives:initiative-two-factor", args=[strict.initiative.slug])
    client.post(url, {})
    strict.initiative.refresh_from_db()
    assert not strict.initiative.require_two_factor


def test_backbone_staff_may_not_change_the_requirement(client, world, backbone_staff):
    client.force_login(backbone_staff)
    url = reverse("initiatives:initiative-two-factor", args=[world.initiative.slug])
    assert client.post(url, {"require_two_factor": "on"}).status_code == 403
    world.initiative.refresh_from_db()
    assert not world.initiative.require_two_factor


def test_the_members_page_offers_the_setting(client, world, backbone_admin):
    client.force_login(backbone_admin)
    response = client.get(reverse("initiatives:member-list", args=[world.initiative.slug]))
    assert b'name="require_two_factor"' in response.content


def test_the_admin_edits_the_requirement(client, world):
    client.force_login(UserFactory(is_staff=True, is_superuser=True, password=PASSWORD))
    url = reverse("admin:initiatives_initiative_change", args=[world.initiative.pk])
    assert b'name="require_two_factor"' in client.get(url).content
