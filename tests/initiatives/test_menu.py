"""The initiative's menu (initiatives.menu): every item and tab opens a real page, the current
one is found from the page's URL name, and nobody is shown one their role may not use — the
same answer as the authorization matrix."""

import re

import pytest
from django.urls import reverse

from initiatives.menu import MENU, menu_for, tabs_for
from tests.conftest import PERSONAS
from tests.test_authorization_matrix import IN_AN_INITIATIVE, OK, ROUTES

TOP_ITEMS = [item for section in MENU for item in section.items]
ITEMS = TOP_ITEMS + [tab for item in TOP_ITEMS for tab in item.tabs]
# Pages of an initiative that download a file: they have no menu around them.
DOWNLOADS = {
    "measurement:indicator-results",
    "measurement:scorecard-download",
    "measurement:submission-template",
    "measurement:upload-file",
    "briefs:brief-pdf",
}


def _current(user, world, view_name) -> list[str]:
    return [
        item.label
        for section in menu_for(user, world.initiative, view_name)
        for item in section.items
        if item.current
    ]


def test_every_item_opens_a_page_of_the_initiative(world):
    for item in ITEMS:
        assert reverse(item.url_name, args=[world.initiative.slug])


def test_every_page_that_makes_an_item_current_exists():
    for item in ITEMS:
        for name in item.current_on:
            assert name in ROUTES, name


def test_every_page_of_an_initiative_has_its_item():
    """A new page is placed in the menu by adding its URL name to initiatives.menu."""
    pages = {
        name for name in IN_AN_INITIATIVE if ROUTES[name].method == "get" and name not in DOWNLOADS
    }
    placed = {name for item in ITEMS for name in (item.url_name, *item.current_on)}
    assert pages - placed == set()


@pytest.mark.parametrize(
    ("view_name", "current"),
    [
        ("initiatives:initiative-home", "Overview"),
        ("initiatives:result-edit", "Common agenda"),
        ("measurement:indicator-detail", "Indicators"),
        ("briefs:brief-list", "Indicators"),
        ("measurement:equity-gaps", "Gaps"),
        ("measurement:submission-values", "Submissions"),
        ("measurement:submission-values-edit", "Submissions"),
        ("measurement:submission-entry", "Submissions"),
        ("measurement:reporting-plan-edit", "Reporting"),
        ("measurement:period-create", "Definitions"),
        ("measurement:disclosure-policy", "Definitions"),
        ("conditions:working-group-detail", "Activities"),
        ("conditions:feed", "Communication"),
        ("conditions:health", "Assessments"),
        ("equity:decision-edit", "Equity"),
        ("community:event-detail", "Equity"),
        ("community:feedback-answer", "Feedback"),
        ("measurement:share-link-list", "Share"),
        ("initiatives:member-list", "Members"),
    ],
)
def test_the_current_item_is_found_from_the_url_name(world, backbone_admin, view_name, current):
    assert _current(backbone_admin, world, view_name) == [current]


def test_a_page_outside_the_menu_marks_no_item(world, backbone_admin):
    assert _current(backbone_admin, world, "initiatives:api-token-list") == []


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_the_menu_shows_exactly_the_pages_the_role_may_use(world, persona, request):
    persona_name = request.node.callspec.params["persona"]
    shown = {
        item.url for section in menu_for(persona, world.initiative, "") for item in section.items
    }
    allowed = {
        reverse(item.url_name, args=[world.initiative.slug])
        for item in TOP_ITEMS
        if ROUTES[item.url_name].expected[persona_name] == OK
    }
    assert shown == allowed


def test_partners_see_their_data_where_reviewers_see_submissions(world, partner_a, backbone_staff):
    def label(user):
        return next(
            item.label
            for section in menu_for(user, world.initiative, "")
            for item in section.items
            if item.url.endswith("/submissions/")
        )

    assert label(partner_a) == "Our data"
    assert label(backbone_staff) == "Submissions"


@pytest.mark.parametrize(
    ("view_name", "tabs", "current"),
    [
        ("conditions:working-group-edit", "Mutually reinforcing activities", "Working groups"),
        ("conditions:feed", "Continuous communication", "Updates"),
        ("conditions:assessment-results", "Assessments and backbone support", "Assessments"),
        ("equity:body-edit", "Equity strategies", "Shifting power"),
        ("community:community-member-create", "Equity strategies", "Community members"),
    ],
)
def test_the_current_tab_is_found_from_the_url_name(
    world, backbone_admin, view_name, tabs, current
):
    shown = tabs_for(backbone_admin, world.initiative, view_name)
    assert shown.label == tabs
    assert [tab.label for tab in shown.items if tab.current] == [current]


def test_a_part_without_tabs_shows_none(world, backbone_admin):
    assert tabs_for(backbone_admin, world.initiative, "measurement:indicator-list") is None


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_the_tabs_show_exactly_the_pages_the_role_may_use(world, persona, request):
    persona_name = request.node.callspec.params["persona"]
    for item in TOP_ITEMS:
        if not item.tabs:
            continue
        shown = tabs_for(persona, world.initiative, item.url_name)
        allowed = [
            reverse(tab.url_name, args=[world.initiative.slug])
            for tab in item.tabs
            if ROUTES[tab.url_name].expected[persona_name] == OK
        ]
        assert [tab.url for tab in shown.items] == allowed


def test_the_page_marks_its_item_and_its_tab_current(client, world, partner_a):
    client.force_login(partner_a)
    meetings = reverse("conditions:meeting-list", args=[world.initiative.slug])
    page = client.get(meetings).content.decode()
    # One in the header's menu (Communication), one among the tabs (Meetings).
    assert page.count(f'<a href="{meetings}" aria-current="page">') == 2
    assert page.count('aria-current="page"') == 2


# ---- Sections by what people do ----


def _sections(user, world) -> dict[str, list[str]]:
    return {
        section.label: [item.label for item in section.items]
        for section in menu_for(user, world.initiative, "")
    }


def test_the_menu_is_grouped_by_what_people_do(world, backbone_admin):
    assert _sections(backbone_admin, world) == {
        "Agenda": ["Overview", "Common agenda"],
        "Measure": ["Indicators", "Gaps", "Submissions", "Reporting", "Definitions"],
        "Act": ["Activities", "Communication", "Assessments"],
        "Equity & community": ["Equity", "Feedback"],
        "Settings": ["Members", "Organizations", "Share"],
    }


def test_a_funder_sees_no_definitions_members_or_reporting(world, funder):
    shown = [label for labels in _sections(funder, world).values() for label in labels]
    assert not {"Definitions", "Members", "Reporting", "Share"} & set(shown)
    assert "Settings" not in _sections(funder, world)
    assert "Indicators" in shown


def test_a_partner_editor_sees_their_data_but_not_the_settings(world, partner_a):
    sections = _sections(partner_a, world)
    assert "Our data" in sections["Measure"]
    assert "Definitions" not in sections["Measure"]
    assert "Settings" not in sections


def test_a_backbone_admin_sees_the_settings(world, backbone_admin):
    assert _sections(backbone_admin, world)["Settings"] == ["Members", "Organizations", "Share"]


def test_the_page_marks_its_item_current_from_its_url_name(client, world, backbone_admin):
    """A form of a definition belongs to Definitions: found from the URL name it resolved to."""
    client.force_login(backbone_admin)
    page = client.get(world.url("measurement:indicator-create")).content.decode()
    definitions = world.url("measurement:definitions")
    assert f'<a href="{definitions}" aria-current="page">Definitions</a>' in page
    assert page.count('aria-current="page"') == 1


def test_the_menu_button_controls_the_labelled_menu(client, world, partner_a):
    client.force_login(partner_a)
    page = client.get(world.url("initiatives:initiative-home")).content.decode()
    button = re.search(r"<button[^>]*data-menu-toggle[^>]*>", page)
    assert button is not None
    assert 'aria-controls="main-nav"' in button.group()
    assert 'aria-expanded="true"' in button.group()  # open until the script collapses it
    assert '<nav id="main-nav" aria-label="Main">' in page


def test_a_page_outside_any_initiative_has_no_menu_button(client, partner_a):
    client.force_login(partner_a)
    page = client.get(reverse("initiatives:api-token-list")).content.decode()
    assert "data-menu-toggle" not in page
    assert 'id="main-nav"' not in page


def test_computations_are_the_last_tab_of_reporting(world, backbone_staff):
    tabs = tabs_for(backbone_staff, world.initiative, "measurement:computation-list")
    assert [item.label for item in tabs.items][-1] == "Computations"
    assert next(item for item in tabs.items if item.label == "Computations").current
