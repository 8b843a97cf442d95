"""The Organizations page of an initiative and its actions: backbone admins only."""

import pytest
from django.urls import reverse

from initiatives.choices import PartnershipRole
from initiatives.models import Organization, Partnership
from tests.factories.initiatives import OrganizationFactory, PartnershipFactory


def _url(world, name, *args):
    return reverse(f"initiatives:{name}", args=[world.initiative.slug, *args])


def test_it_lists_the_organizations_taking_part(client, world, backbone_admin, partner_a):
    Partnership.objects.filter(organization=world.org_b).update(is_active=False)
    client.force_login(backbone_admin)
    response = client.get(_url(world, "organization-list"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "North School" in page
    assert "South Clinic" in page
    assert "Inactive" in page


def test_it_pins_its_query_count(client, world, backbone_admin, django_assert_max_num_queries):
    for _n in range(5):
        PartnershipFactory(initiative=world.initiative)
    client.force_login(backbone_admin)
    with django_assert_max_num_queries(12):
        assert client.get(_url(world, "organization-list")).status_code == 200


def test_admin_creates_an_organization_from_the_page(client, world, backbone_admin):
    client.force_login(backbone_admin)
    response = client.post(
        _url(world, "organization-create"),
        {"name_en": "East Library", "code": "", "sector": "public", "role": "funder"},
    )
    assert response.status_code == 302
    organization = Organization.objects.get(name="East Library")
    assert world.initiative.partnerships.get(organization=organization).role == "funder"


def test_the_create_form_asks_did_you_mean(client, world, backbone_admin):
    OrganizationFactory(code="lib-east", name="East Library")
    client.force_login(backbone_admin)
    response = client.get(_url(world, "organization-create"), {"name": "library"})
    page = response.content.decode()
    assert "Did you mean" in page
    assert "East Library" in page


def test_search_finds_a_known_organization_and_adds_it(client, world, backbone_admin):
    known = OrganizationFactory(code="lib-east", name="East Library")
    client.force_login(backbone_admin)
    page = client.get(_url(world, "organization-list"), {"q": "east"}).content.decode()
    assert "East Library" in page
    response = client.post(
        _url(world, "organization-add"), {"organization": known.pk, "role": "partner"}
    )
    assert response.status_code == 302
    assert world.initiative.partnerships.filter(organization=known).exists()
    assert Organization.objects.filter(name="East Library").count() == 1


def test_admin_edits_an_organization(client, world, backbone_admin):
    client.force_login(backbone_admin)
    response = client.post(
        _url(world, "organization-edit", world.org_b.pk),
        {"name_en": "South Health Clinic", "sector": "health", "role": "partner"},
    )
    assert response.status_code == 302
    world.org_b.refresh_from_db()
    assert world.org_b.name == "South Health Clinic"


def test_a_refused_rename_says_why_on_the_form(client, world, neighbour, backbone_admin):
    client.force_login(backbone_admin)
    response = client.post(
        _url(world, "organization-edit", world.org_a.pk),
        {"name_en": "Renamed", "sector": "nonprofit", "role": "partner"},
    )
    assert response.status_code == 400
    assert "other initiatives" in response.content.decode()


def test_merge_asks_for_confirmation_first(client, world, backbone_admin):
    client.force_login(backbone_admin)
    page = client.get(
        _url(world, "organization-merge", world.org_b.pk), {"into": world.org_a.pk}
    ).content.decode()
    assert "North School" in page
    assert "Partnerships" in page
    assert Organization.objects.filter(pk=world.org_b.pk).exists()
    response = client.post(
        _url(world, "organization-merge", world.org_b.pk), {"into": world.org_a.pk}
    )
    assert response.status_code == 302
    assert not Organization.objects.filter(pk=world.org_b.pk).exists()


def test_deactivate_then_reactivate(client, world, backbone_admin):
    client.force_login(backbone_admin)
    partnership = world.initiative.partnerships.get(organization=world.org_b)
    client.post(_url(world, "organization-deactivate", world.org_b.pk))
    partnership.refresh_from_db()
    assert not partnership.is_active
    client.post(_url(world, "organization-reactivate", world.org_b.pk))
    partnership.refresh_from_db()
    assert partnership.is_active


def test_a_deactivated_organization_is_not_offered_on_the_invite_form(
    client, world, backbone_admin
):
    client.force_login(backbone_admin)
    client.post(_url(world, "organization-deactivate", world.org_b.pk))
    page = client.get(_url(world, "member-list")).content.decode()
    assert f'<option value="{world.org_b.pk}"' not in page
    assert f'<option value="{world.org_a.pk}"' in page


def test_an_organization_of_another_initiative_is_not_reached(client, world, backbone_admin):
    stranger = OrganizationFactory()
    PartnershipFactory(organization=stranger, role=PartnershipRole.PARTNER)
    client.force_login(backbone_admin)
    assert client.get(_url(world, "organization-edit", stranger.pk)).status_code == 404


ACTIONS = [
    ("get", "organization-list", False),
    ("get", "organization-create", False),
    ("post", "organization-add", False),
    ("get", "organization-edit", True),
    ("get", "organization-merge", True),
    ("post", "organization-deactivate", True),
    ("post", "organization-reactivate", True),
]


@pytest.mark.parametrize(("method", "name", "with_pk"), ACTIONS)
def test_it_hides_from_outsiders(client, world, outsider, method, name, with_pk):
    client.force_login(outsider)
    url = _url(world, name, *([world.org_a.pk] if with_pk else []))
    assert getattr(client, method)(url).status_code == 404


@pytest.mark.parametrize(("method", "name", "with_pk"), ACTIONS)
def test_it_rejects_partners_and_staff(
    client, world, partner_a, backbone_staff, method, name, with_pk
):
    url = _url(world, name, *([world.org_a.pk] if with_pk else []))
    for user in (partner_a, backbone_staff):
        client.force_login(user)
        assert getattr(client, method)(url).status_code == 403


def test_it_requires_login(client, world):
    response = client.get(_url(world, "organization-list"))
    assert response["Location"].startswith(reverse("accounts:login"))
