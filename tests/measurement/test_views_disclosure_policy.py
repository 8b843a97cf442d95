"""The disclosure policy page: backbone staff read the rules and their history, a backbone admin
changes them, everyone else is refused as on every backbone page."""

import pytest

from initiatives.models import DisclosurePolicyChange
from measurement import selectors, services
from measurement.disclosure import Policy, SmallCount
from tests.forms import assert_refused_keeping

URL = "measurement:disclosure-policy"


def _posted(**changes) -> dict:
    return {
        "suppression_threshold": "10",
        "disclosure_min_count": "",
        "disclosure_small_count": "range",
        "disclosure_min_contributors": "1",
        "disclosure_protection_level": "0",
        **changes,
    }


def test_a_backbone_admin_changes_the_policy(client, world, backbone_admin):
    client.force_login(backbone_admin)
    response = client.post(
        world.url(URL),
        _posted(
            suppression_threshold="15",
            disclosure_min_count="5",
            disclosure_small_count="suppress",
            disclosure_min_contributors="2",
            disclosure_protection_level="20",
        ),
        follow=True,
    )
    assert response.redirect_chain[-1][0] == world.url(URL)
    assert "It applies from the next computation." in response.content.decode()
    world.initiative.refresh_from_db()
    assert selectors.disclosure_policy(initiative=world.initiative) == Policy(
        min_group_size=15,
        min_count=5,
        small_count=SmallCount.SUPPRESS,
        min_contributors=2,
        protection_level=20,
    )
    change = DisclosurePolicyChange.objects.get()
    assert (change.changed_by, change.source) == (backbone_admin, "page")


def test_saving_the_policy_unchanged_records_nothing(client, world, backbone_admin):
    client.force_login(backbone_admin)
    response = client.post(world.url(URL), _posted(), follow=True)
    assert "The disclosure policy is unchanged." in response.content.decode()
    assert not DisclosurePolicyChange.objects.exists()


def test_a_broken_form_keeps_what_was_typed(client, world, backbone_admin):
    client.force_login(backbone_admin)
    response = client.post(
        world.url(URL), _posted(suppression_threshold="12", disclosure_protection_level="80")
    )
    assert_refused_keeping(response, 'value="12"', 'value="80"')
    world.initiative.refresh_from_db()
    assert world.initiative.suppression_threshold == 10
    assert not DisclosurePolicyChange.objects.exists()


def test_the_page_explains_each_rule_with_an_example(client, world, backbone_staff):
    client.force_login(backbone_staff)
    content = client.get(world.url(URL)).content.decode()
    for example in ("7 of 8 Arab girls", "27 of 28 passed", "“all partners”", "at 20%"):
        assert example in content
    assert "applies from the next computation" in content


def test_backbone_staff_read_the_policy_without_a_form(client, world, backbone_staff):
    client.force_login(backbone_staff)
    content = client.get(world.url(URL)).content.decode()
    assert "same as the minimum group size" in content
    assert 'name="suppression_threshold"' not in content


def test_backbone_staff_cannot_change_disclosure_policy(client, world, backbone_staff):
    client.force_login(backbone_staff)
    response = client.post(world.url(URL), _posted(suppression_threshold="3"))
    assert response.status_code == 403
    world.initiative.refresh_from_db()
    assert world.initiative.suppression_threshold == 10


@pytest.mark.parametrize(
    "persona", ["partner_a", "partner_viewer", "funder", "community_member"], indirect=True
)
def test_partner_cannot_change_disclosure_policy(client, world, persona):
    client.force_login(persona)
    assert client.get(world.url(URL)).status_code == 403
    assert client.post(world.url(URL), _posted(suppression_threshold="3")).status_code == 403
    world.initiative.refresh_from_db()
    assert world.initiative.suppression_threshold == 10


def test_it_hides_from_outsiders(client, world, outsider):
    client.force_login(outsider)
    assert client.get(world.url(URL)).status_code == 404


def test_it_requires_login(client, world):
    assert client.get(world.url(URL))["Location"].startswith("/accounts/login/")


def test_the_page_lists_who_changed_what_and_when(client, world, backbone_admin, backbone_staff):
    backbone_admin.full_name = "Dana Levi"
    backbone_admin.save()
    services.disclosure_policy_set(
        initiative=world.initiative,
        by=backbone_admin,
        policy=Policy(min_group_size=20),
        source="page",
    )
    client.force_login(backbone_staff)
    content = client.get(world.url(URL)).content.decode()
    assert "Dana Levi" in content
    assert "Minimum group size: 20" in content
    assert "on the disclosure policy page" in content


def test_the_definitions_page_links_to_the_policy(client, world, backbone_staff):
    client.force_login(backbone_staff)
    assert world.url(URL) in client.get(world.url("measurement:definitions")).content.decode()
