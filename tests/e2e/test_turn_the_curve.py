"""Turn the Curve in a meeting, in a real browser: backbone staff open the indicator's record
from its page, write the story behind the curve and an action, save it as a version worked on
at the meeting, and find it in the history and on the meeting's page."""

import pytest

from tests.factories.conditions import ActivityFactory, MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_work_on_the_record_in_a_meeting_and_the_meeting_links_to_it(
    visitor, world, backbone_staff
):
    slug = world.initiative.slug
    meeting = MeetingFactory(initiative=world.initiative, title="Reading action team, May")
    ActivityFactory(initiative=world.initiative, organization=world.org_a, title="Reading mentors")
    tab = visitor(signed_in=backbone_staff)

    tab.goto(f"/i/{slug}/indicators/{world.indicator.code}/")
    tab.page.get_by_role("link", name="Turn the Curve", exact=True).click()
    tab.page.wait_for_load_state()
    assert "No one has started this record yet." in tab.page.locator("main").inner_text()
    tab.page.get_by_role("link", name="Start the record").click()
    tab.page.wait_for_load_state()

    tab.page.select_option("#id_meeting", label=str(meeting))
    tab.page.fill("#id_note", "First draft at the action team")
    tab.page.fill("#id_causes-0-cause", "No library opens after school in the Wadi.")
    tab.page.fill("#id_causes-0-data", "Parents said so at the data walk.")
    tab.page.select_option("#id_partners-0-partnership", label=world.org_a.name)
    tab.page.fill("#id_partners-0-role", "Mentors in grades 1–3")
    tab.page.select_option("#id_actions-0-activity", label=f"Reading mentors ({world.org_a})")
    tab.page.fill("#id_actions-0-due_on", "2027-03-01")
    tab.page.get_by_role("button", name="Save").click()
    tab.page.wait_for_load_state()

    main = tab.page.locator("main").inner_text()
    assert "Saved version 1." in tab.page.content()
    assert "No library opens after school in the Wadi." in main
    assert "Reading action team, May" in main

    tab.page.get_by_role("link", name="History").click()
    tab.page.wait_for_load_state()
    row = tab.page.locator("tr", has_text="Version 1")
    assert "Reading action team, May" in row.inner_text()
    assert "First draft at the action team" in row.inner_text()

    row.get_by_role("link", name="Reading action team, May").click()
    tab.page.wait_for_load_state()
    assert "Reading action team, May" in tab.page.locator("h1").inner_text()
    tab.page.get_by_role("link", name="Reading, version 1").click()
    tab.page.wait_for_load_state()
    assert "No library opens after school in the Wadi." in tab.page.locator("main").inner_text()
    tab.assert_clean()
