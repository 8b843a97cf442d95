"""Starting from the browser: the first run of an empty installation, starting an initiative
(empty, from a template, a copy or a file), loading definitions later, and the installation's
setting that lets anyone signed in start one."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.choices import Role
from initiatives import roles
from initiatives.choices import PartnershipRole
from initiatives.models import Initiative, InstallationSettings, Organization
from measurement.models import Dimension, Indicator
from tests.factories.accounts import UserFactory
from tests.factories.initiatives import (
    InitiativeFactory,
    MembershipFactory,
    OrganizationFactory,
    PartnershipFactory,
)

User = get_user_model()
PASSWORD = "a long enough passphrase 7"

FIRST_RUN = {
    "full_name": "Dana Levi",
    "email": "Dana@Example.org",
    "password": PASSWORD,
    "password_confirm": PASSWORD,
    "name": "River City Reads",
    "slug": "",
    "backbone": "River City Foundation",
    "start_from": "",
}


def _file(data: object) -> SimpleUploadedFile:
    content = data if isinstance(data, bytes) else json.dumps(data).encode()
    return SimpleUploadedFile("definitions.json", content, content_type="application/json")


# ---- First run ----


@pytest.mark.django_db
def test_an_empty_installation_opens_its_first_run(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == reverse("initiatives:first-run")
    assert client.get(response.url).status_code == 200


@pytest.mark.django_db
def test_first_run_makes_the_administrator_and_their_initiative(client):
    response = client.post(reverse("initiatives:first-run"), FIRST_RUN)

    initiative = Initiative.objects.get()
    assert initiative.slug == "river-city-reads"
    assert response.status_code == 302
    assert response.url == reverse("initiatives:initiative-home", args=[initiative.slug])
    admin = User.objects.get()
    assert admin.email == "dana@example.org"
    assert admin.is_superuser
    assert admin.is_staff
    assert roles.role_of(admin, initiative) == Role.BACKBONE_ADMIN
    backbone = initiative.partnerships.get()
    assert backbone.role == PartnershipRole.BACKBONE
    assert backbone.organization.name == "River City Foundation"
    # Signed in, on a home page that walks them on.
    home = client.get(response.url)
    assert home.status_code == 200
    assert "Set up your initiative" in home.content.decode()


@pytest.mark.django_db
def test_first_run_is_gone_once_anyone_has_an_account(client):
    UserFactory()
    assert client.get(reverse("initiatives:first-run")).status_code == 302
    client.post(reverse("initiatives:first-run"), FIRST_RUN)
    assert not Initiative.objects.exists()
    assert User.objects.count() == 1
    # The home page asks to sign in instead.
    assert reverse("accounts:login") in client.get("/").url


@pytest.mark.django_db
def test_first_run_from_a_template_loads_its_indicators(client):
    client.post(
        reverse("initiatives:first-run"), {**FIRST_RUN, "start_from": "template:cradle_to_career"}
    )
    initiative = Initiative.objects.get()
    assert initiative.indicators.filter(code="early-grade-reading").exists()
    reading = initiative.indicators.get(code="early-grade-reading")
    assert reading.name_he
    assert reading.name_ar
    assert set(initiative.dimensions.values_list("code", flat=True)) == {"gender", "income"}
    # The template's own name is not the initiative's.
    assert initiative.name == "River City Reads"


@pytest.mark.django_db
def test_a_first_run_with_a_broken_file_writes_nothing_and_lists_each_problem(client):
    broken = {
        "initiative": {"slug": "x", "name": "X"},
        "dimensions": [{"code": "gender", "name": "Gender", "categories": []}],
        "indicators": [{"code": "reading", "name": "Reading", "kind": "ratio"}],
    }
    response = client.post(
        reverse("initiatives:first-run"), {**FIRST_RUN, "definitions_file": _file(broken)}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "dimensions[0].categories" in page
    assert "indicators[0].kind" in page
    # Nothing was written — not even the account — and what was typed is still there.
    assert not User.objects.exists()
    assert not Initiative.objects.exists()
    assert 'value="River City Reads"' in page


@pytest.mark.django_db
def test_a_first_run_file_that_is_no_json_is_refused_plainly(client):
    response = client.post(
        reverse("initiatives:first-run"), {**FIRST_RUN, "definitions_file": _file(b"{not json")}
    )
    assert response.status_code == 400
    assert "not valid JSON" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_first_run_checks_the_password_rules(client):
    response = client.post(
        reverse("initiatives:first-run"),
        {**FIRST_RUN, "password": "short", "password_confirm": "short"},
    )
    assert response.status_code == 400
    assert not User.objects.exists()


# ---- Starting an initiative ----


@pytest.mark.django_db
def test_only_superusers_start_initiatives_unless_the_installation_allows_everyone(client):
    person = UserFactory()
    client.force_login(person)
    start = reverse("initiatives:initiative-start")
    assert client.get(start).status_code == 403
    assert "Start an initiative" not in client.get("/").content.decode()

    InstallationSettings.objects.update_or_create(
        pk=1, defaults={"anyone_may_start_initiatives": True}
    )
    assert client.get(start).status_code == 200
    response = client.post(start, {"name": "Harbour Health", "backbone": "Harbour Trust"})
    initiative = Initiative.objects.get(slug="harbour-health")
    assert response.url == reverse("initiatives:initiative-home", args=[initiative.slug])
    assert roles.role_of(person, initiative) == Role.BACKBONE_ADMIN


@pytest.mark.django_db
def test_a_taken_short_name_is_refused_beside_it_keeping_what_was_typed(client):
    InitiativeFactory(slug="harbour")
    client.force_login(UserFactory(is_superuser=True))
    response = client.post(
        reverse("initiatives:initiative-start"),
        {"name": "Harbour Health", "slug": "harbour", "backbone": "Harbour Trust"},
    )
    assert response.status_code == 400
    assert "Another initiative has this short name" in response.content.decode()
    assert 'value="Harbour Trust"' in response.content.decode()
    assert Initiative.objects.count() == 1


@pytest.mark.django_db
def test_a_name_in_hebrew_only_makes_a_short_name_and_a_backbone_code(client):
    client.force_login(UserFactory(is_superuser=True))
    client.post(
        reverse("initiatives:initiative-start"),
        {"name": "יחד בעיר", "backbone": "קרן העיר"},
    )
    initiative = Initiative.objects.get()
    assert initiative.slug == "initiative"
    assert initiative.name == "יחד בעיר"
    assert initiative.partnerships.get().organization.code == "organization"


@pytest.mark.django_db
def test_a_copy_takes_the_definitions_of_an_initiative_one_manages_but_not_its_partners(
    client, world, backbone_admin
):
    InstallationSettings.objects.update_or_create(
        pk=1, defaults={"anyone_may_start_initiatives": True}
    )
    client.force_login(backbone_admin)
    client.post(
        reverse("initiatives:initiative-start"),
        {
            "name": "River Two",
            "backbone": "River Trust",
            "start_from": f"copy:{world.initiative.slug}",
        },
    )
    copy = Initiative.objects.get(slug="river-two")
    assert copy.indicators.get(code="read3").dimensions.count() == 2
    assert copy.periods.filter(code="2024-Q1").exists()
    # Only the new backbone takes part: the original's partners are not copied.
    assert list(copy.partnerships.values_list("role", flat=True)) == [PartnershipRole.BACKBONE]
    # The original is untouched.
    assert world.initiative.indicators.count() == 1


@pytest.mark.django_db
def test_nobody_copies_an_initiative_whose_content_they_do_not_manage(client, world, funder):
    InstallationSettings.objects.update_or_create(
        pk=1, defaults={"anyone_may_start_initiatives": True}
    )
    client.force_login(funder)
    start = reverse("initiatives:initiative-start")
    # Not offered…
    assert f"copy:{world.initiative.slug}" not in client.get(start).content.decode()
    # …and refused when asked for anyway.
    response = client.post(
        start, {"name": "Spy", "backbone": "Spy Org", "start_from": f"copy:{world.initiative.slug}"}
    )
    assert response.status_code == 400
    assert not Initiative.objects.filter(slug="spy").exists()


# ---- Loading definitions into an initiative ----


@pytest.mark.django_db
def test_staff_load_a_template_into_their_initiative(client, world, backbone_staff):
    client.force_login(backbone_staff)
    response = client.post(
        world.url("measurement:definitions-load"), {"start_from": "template:cradle_to_career"}
    )
    assert response.status_code == 302
    assert world.initiative.indicators.filter(code="high-school-graduation").exists()
    # What it had is kept.
    assert world.initiative.indicators.filter(code="read3").exists()
    assert world.initiative.dimensions.filter(code="sector").exists()


@pytest.mark.django_db
def test_loading_asks_for_something_to_load(client, world, backbone_staff):
    client.force_login(backbone_staff)
    response = client.post(world.url("measurement:definitions-load"), {"start_from": ""})
    assert response.status_code == 400
    assert "Choose a template or a copy, or upload a file" in response.content.decode()


@pytest.mark.django_db
def test_a_file_loads_into_this_initiative_whatever_slug_it_names(client, world, backbone_staff):
    other = InitiativeFactory(slug="other")
    client.force_login(backbone_staff)
    data = {
        "initiative": {"slug": "other", "name": "Taken over"},
        "results": [{"code": "ready", "title": "Ready"}],
    }
    client.post(world.url("measurement:definitions-load"), {"definitions_file": _file(data)})
    assert world.initiative.results.filter(code="ready").exists()
    other.refresh_from_db()
    assert other.name != "Taken over"
    assert not other.results.exists()
    world.initiative.refresh_from_db()
    assert world.initiative.name == "River City"


@pytest.mark.django_db
def test_a_file_makes_a_known_organization_take_part_without_renaming_it(
    client, world, backbone_staff
):
    elsewhere = OrganizationFactory(code="city-library", name="City Library")
    PartnershipFactory(organization=elsewhere)
    client.force_login(backbone_staff)
    data = {
        "initiative": {"slug": "river", "name": "River City"},
        "organizations": [
            {"code": "city-library", "name": "Renamed by someone else"},
            {"code": "new-clinic", "name": "New Clinic"},
        ],
    }
    response = client.post(
        world.url("measurement:definitions-load"), {"definitions_file": _file(data)}
    )
    assert response.status_code == 302
    elsewhere.refresh_from_db()
    assert elsewhere.name == "City Library"
    assert world.initiative.partnerships.filter(organization=elsewhere).exists()
    assert Organization.objects.get(code="new-clinic").name == "New Clinic"


@pytest.mark.django_db
def test_loading_keeps_the_disclosure_policy(client, world, backbone_staff):
    Initiative.objects.filter(pk=world.initiative.pk).update(suppression_threshold=20)
    client.force_login(backbone_staff)
    client.post(
        world.url("measurement:definitions-load"), {"start_from": "template:cradle_to_career"}
    )
    world.initiative.refresh_from_db()
    assert world.initiative.suppression_threshold == 20


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["partner_a", "funder"])
def test_only_content_managers_load_definitions(client, world, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(world.url("measurement:definitions-load")).status_code == 403


# ---- The installation's settings ----


@pytest.mark.django_db
def test_installation_settings_are_the_superusers(client, world, backbone_admin):
    page = reverse("initiatives:installation-settings")
    client.force_login(backbone_admin)
    assert client.get(page).status_code == 403
    assert client.post(page, {"anyone_may_start_initiatives": "on"}).status_code == 403
    assert not InstallationSettings.current().anyone_may_start_initiatives

    client.force_login(UserFactory(is_superuser=True))
    assert client.post(page, {"anyone_may_start_initiatives": "on"}).status_code == 302
    assert InstallationSettings.current().anyone_may_start_initiatives


@pytest.mark.django_db
def test_a_member_of_one_initiative_still_lands_in_it(client, world, partner_a):
    client.force_login(partner_a)
    response = client.get("/")
    assert response.url == world.url("initiatives:initiative-home")


@pytest.mark.django_db
def test_the_backbone_admin_is_the_only_member_of_a_new_initiative(client):
    MembershipFactory()  # someone elsewhere
    client.force_login(UserFactory(is_superuser=True))
    client.post(reverse("initiatives:initiative-start"), {"name": "Solo", "backbone": "Solo Org"})
    assert Initiative.objects.get(slug="solo").memberships.count() == 1
    assert Dimension.objects.filter(initiative__slug="solo").count() == 0
    assert Indicator.objects.filter(initiative__slug="solo").count() == 0
