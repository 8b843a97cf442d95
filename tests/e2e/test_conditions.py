"""The five conditions in a real browser: backbone staff set up a working group with a
community co-chair and an activity aimed at an indicator, and the coverage view shows the
indicator covered; then the demo's assessment and collaborative-health pages draw their
charts. The screenshots illustrate docs/conditions.md."""

import pytest
from django.conf import settings

from tests.e2e.conftest import account

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_backbone_adds_working_group_and_activity_and_coverage_shows_it(
    visitor, world, backbone_staff, community_member
):
    slug = world.initiative.slug
    tab = visitor(signed_in=backbone_staff)

    tab.goto(f"/i/{slug}/coverage/")
    row = tab.page.locator("tr", has_text=world.indicator.name)
    assert "nobody works on it" in row.inner_text()

    tab.goto(f"/i/{slug}/working-groups/")
    tab.page.get_by_role("link", name="New working group").click()
    tab.page.fill("#id_name", "Early learning action team")
    tab.page.fill("#id_purpose", "Every child ready for school.")
    tab.page.select_option("#id_members-0-user", label=str(community_member))
    tab.page.select_option("#id_members-0-role", value="co_chair")
    tab.page.fill("#id_members-1-name", "Noa Friedman")
    tab.page.select_option("#id_members-1-organization", label=world.org_a.name)
    tab.page.get_by_role("button", name="Save").click()
    tab.page.wait_for_load_state()
    assert "Early learning action team" in tab.page.locator("h1").inner_text()
    assert "Community co-chair" in tab.page.locator("main").inner_text()
    tab.screenshot("conditions-working-group")

    tab.goto(f"/i/{slug}/activities/")
    tab.page.get_by_role("link", name="Add an activity").click()
    tab.page.select_option("#id_organization", label=world.org_a.name)
    tab.page.fill("#id_title", "Reading mentors in grades 1–3")
    tab.page.get_by_label("Systems change").check()
    tab.page.select_option("#id_working_group", label="Early learning action team")
    tab.page.get_by_label(world.indicator.name).check()
    tab.page.get_by_role("button", name="Save").click()
    tab.page.wait_for_load_state()
    assert "Reading mentors in grades 1–3" in tab.page.locator("main").inner_text()

    tab.page.get_by_role("link", name="Coverage").click()
    tab.page.wait_for_load_state()
    row = tab.page.locator("tr", has_text=world.indicator.name)
    assert "covered" in row.inner_text()
    assert "nobody works on it" not in row.inner_text()
    assert "Reading mentors in grades 1–3" in row.inner_text()
    tab.assert_clean()


def test_demo_conditions_pages_for_the_backbone(visitor, demo):
    tab = visitor(signed_in=account("backbone@example.org"), password=settings.DEMO_PASSWORD)
    tab.goto("/i/river-city/")
    assert "Needs attention" in tab.page.locator("main").inner_text()
    tab.charts_drawn()
    tab.page.locator("#attention-heading").locator("..").screenshot(
        path=tab.output / "conditions-needs-attention.png"
    )
    pages = [
        ("/i/river-city/coverage/", "conditions-coverage", 0),
        ("/i/river-city/meetings/", "conditions-meetings", 0),
        ("/i/river-city/backbone/", "conditions-backbone", 0),
        ("/i/river-city/assessments/", "conditions-assessments", 0),
        ("/i/river-city/collaborative-health/", "conditions-health-over-time", 1),
        ("/i/river-city/turn-the-curve/read3/", "turn-the-curve-record", 0),
    ]
    for path, name, charts in pages:
        tab.goto(path)
        assert tab.charts_drawn() >= charts
        tab.screenshot(name)
    for assessment, name in (
        ("Five conditions", "conditions-five-conditions-results"),
        ("Collaborative health", "conditions-health-network"),
    ):
        tab.goto("/i/river-city/assessments/")
        row = tab.page.locator("tr", has_text=assessment).first
        row.get_by_role("link", name="Results").click()
        assert tab.charts_drawn() == 1
        tab.screenshot(name)
    tab.assert_clean()


def test_community_member_answers_the_assessment_in_arabic(visitor, demo):
    tab = visitor("ar", signed_in=account("community@example.org"), password=settings.DEMO_PASSWORD)
    tab.goto("/i/river-city/assessments/")
    assert tab.page.locator("html").get_attribute("dir") == "rtl"
    tab.page.locator("a.button[href$='/answer/']").first.click()
    tab.page.wait_for_load_state()
    for radio in tab.page.locator("input[type=radio][value='3']").all():
        radio.check()
    tab.page.locator("button[type=submit]").last.click()
    tab.page.wait_for_load_state()
    assert "/answer/" not in tab.page.url
    tab.screenshot("conditions-community-answered-ar")
    tab.assert_clean()
