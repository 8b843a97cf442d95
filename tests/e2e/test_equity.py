"""The community's voice in a real browser: a community member gives feedback in Hebrew,
backbone staff answer it and link it to a decision, and the member reads the answer. Then
the demo's equity pages draw their charts. The screenshots illustrate docs/equity.md."""

import pytest
from django.conf import settings

from tests.e2e.conftest import account
from tests.factories.equity import DecisionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FEEDBACK = "הגנים בוואדי רחוקים מדי, ואמהות הולכות ברגל חצי שעה."


def test_feedback_in_hebrew_answered_and_linked_to_a_decision(
    visitor, world, community_member, backbone_staff
):
    slug = world.initiative.slug
    DecisionFactory(initiative=world.initiative, title="Fund two kindergarten classes in the Wadi")

    member = visitor("he", signed_in=community_member)
    member.goto(f"/i/{slug}/feedback/")
    assert member.page.locator("html").get_attribute("dir") == "rtl"
    member.page.fill("#id_body", FEEDBACK)
    member.page.locator("main form button[type=submit]").first.click()
    member.page.wait_for_load_state()
    assert FEEDBACK in member.page.locator("main").inner_text()

    staff = visitor(signed_in=backbone_staff)
    staff.goto(f"/i/{slug}/feedback/")
    staff.page.locator("article", has_text=FEEDBACK).get_by_role("link", name="Answer").click()
    assert staff.page.input_value("#id_public_summary") == ""
    staff.page.fill("#id_public_summary", "Kindergartens in the Wadi are too far to walk to.")
    staff.page.fill(
        "#id_public_response",
        "אמרתם: הגנים רחוקים מדי. עשינו: שתי כיתות גן חדשות נפתחות במרכז הקהילתי בוואדי.",
    )
    staff.page.select_option("#id_decision", label="Fund two kindergarten classes in the Wadi")
    staff.page.check("#id_publish")
    staff.page.get_by_role("button", name="Save the answer").click()
    staff.page.wait_for_load_state()
    assert "published on “You said, we did”" in staff.page.locator("main").inner_text()
    staff.assert_clean()

    member.goto(f"/i/{slug}/feedback/")
    answer = member.page.locator("article", has_text=FEEDBACK).inner_text()
    assert "שתי כיתות גן חדשות" in answer
    assert "Fund two kindergarten classes in the Wadi" in answer
    member.screenshot("equity-feedback-answered-he")
    member.assert_clean()


def test_demo_equity_pages(visitor, demo):
    tab = visitor(signed_in=account("backbone@example.org"), password=settings.DEMO_PASSWORD)
    for path, name, charts in [
        ("/i/river-city/equity/", "equity-dashboard", 1),
        ("/i/river-city/equity/power/", "equity-power", 2),
        ("/i/river-city/equity/systems-change/", "equity-systems-change", 0),
        ("/i/river-city/community/events/", "equity-engagement", 0),
        ("/i/river-city/indicators/read3/", "equity-story-behind-the-curve", 3),
    ]:
        tab.goto(path)
        assert tab.charts_drawn() >= charts
        tab.screenshot(name)
    assert "The story behind the curve" in tab.page.locator("main").inner_text()
    tab.assert_clean()

    funder = visitor(signed_in=account("funder@example.org"), password=settings.DEMO_PASSWORD)
    funder.goto("/i/river-city/equity/")
    assert funder.charts_drawn() >= 1
    assert "Community members" not in funder.page.locator(".tabs").inner_text()
    funder.assert_clean()
