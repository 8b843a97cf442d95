"""The header's initiative switcher: someone in several initiatives goes from one to another;
it lists only their own, and does not appear for someone in one."""

from django.urls import reverse

from accounts.choices import Role
from tests.factories.initiatives import InitiativeFactory, MembershipFactory


def _switcher(page: str) -> str:
    start = page.find('class="initiative-switcher"')
    return page[start : page.find("</details>", start)] if start >= 0 else ""


def test_it_shows_both_initiatives_and_only_the_users_own(client, world, neighbour, partner_a):
    MembershipFactory(user=partner_a, initiative=neighbour.initiative, role=Role.FUNDER)
    InitiativeFactory(slug="elsewhere", name="Elsewhere Coalition")
    client.force_login(partner_a)
    page = client.get(reverse("initiatives:initiative-home", args=["river"])).content.decode()
    switcher = _switcher(page)
    assert reverse("initiatives:initiative-home", args=["lake"]) in switcher
    assert reverse("initiatives:initiative-home", args=["river"]) in switcher
    assert "Lake District" in switcher
    assert "River City" in switcher
    assert "Elsewhere" not in switcher
    assert 'aria-current="page"' in switcher


def test_it_is_not_shown_to_someone_in_one_initiative(client, world, partner_a):
    client.force_login(partner_a)
    page = client.get(reverse("initiatives:initiative-home", args=["river"])).content.decode()
    assert _switcher(page) == ""


def test_it_reads_the_initiatives_once(
    client, world, neighbour, partner_a, django_assert_num_queries
):
    from initiatives.templatetags.switcher import user_initiatives

    MembershipFactory(user=partner_a, initiative=neighbour.initiative, role=Role.FUNDER)

    class Request:
        user = partner_a

    context = {"request": Request()}
    with django_assert_num_queries(1):
        first = user_initiatives(context)
        second = user_initiatives(context)
    assert [i.slug for i in first] == ["lake", "river"]
    assert first is second
