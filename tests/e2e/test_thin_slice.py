"""The walking skeleton end to end in a real browser: a partner enters and submits a number,
backbone staff approve it, and a funder sees it on the indicator's chart — with no request
to any host but the local server."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_partner_submits_backbone_approves_funder_sees_the_chart(
    partner, visitor, world, backbone_staff, funder
):
    slug = world.initiative.slug

    partner.page.click("text=Enter values")
    row = partner.page.locator("tr", has_text="Female · Arab")
    row.locator("input").nth(0).fill("37")
    row.locator("input").nth(1).fill("50")
    partner.screenshot("partner-enters-values")
    partner.save_and_submit()
    assert partner.status == "Submitted"
    partner.assert_clean()

    staff = visitor(signed_in=backbone_staff)
    staff.page.click("text=North School")
    staff.page.click("button:has-text('Approve')")
    assert "What will be recomputed" in staff.page.content()  # approval asks first
    staff.page.click("button:has-text('Approve')")
    assert staff.status == "Approved"
    staff.assert_clean()

    funder_tab = visitor(signed_in=funder)
    funder_tab.goto(f"/i/{slug}/indicators/read3/")
    funder_tab.page.wait_for_selector("[data-figure][data-rendered=true]")
    plotted = funder_tab.page.evaluate("document.querySelector('[data-figure]').data[0].y")
    assert plotted == [74.0]
    assert "74.0%" in funder_tab.page.locator("table").first.inner_text()
    funder_tab.screenshot("funder-sees-the-chart")
    assert funder_tab.page.locator("nav").get_by_text("Submissions").count() == 0
    funder_tab.assert_clean()
    # The browser logs the refusal itself as a console error, so this comes last.
    response = funder_tab.goto(f"/i/{slug}/submissions/")
    assert response.status == 403


def test_language_switcher_turns_the_page_right_to_left(visitor, world, funder):
    tab = visitor(signed_in=funder)
    tab.choose_language("he")
    assert tab.page.locator("html").get_attribute("dir") == "rtl"
    assert tab.page.locator("html").get_attribute("lang") == "he"
    assert tab.page.locator("nav").get_by_text("מדדים").count() == 1
    tab.choose_language("ar")
    assert tab.page.locator("html").get_attribute("dir") == "rtl"
    tab.screenshot("funder-home-arabic")
    tab.assert_clean()
