"""Controls in a real browser: a form that did not save hands the focus to its list of problems;
a filter's choices can be walked with the arrow keys without leaving the page; on a 390-px
phone, a wide table scrolls in its own region and the page never sideways."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUSED_SUMMARY = "document.activeElement.hasAttribute('data-error-summary')"


def test_a_form_that_did_not_save_hands_the_focus_to_its_problems(visitor, world, backbone_admin):
    tab = visitor(signed_in=backbone_admin)
    tab.goto(f"/i/{world.initiative.slug}/meetings/new/")
    with tab.page.expect_navigation():
        tab.page.click("main button[type=submit]")
    tab.page.wait_for_function(FOCUSED_SUMMARY)
    summary = tab.page.locator("[data-error-summary]")
    first_link = summary.locator("a").first
    target = first_link.get_attribute("href")
    first_link.click()
    assert tab.page.evaluate("'#' + document.activeElement.id") == target
    # The refused form answers 400, which the console reports; nothing else may have failed.
    assert tab.console_errors == [
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ]


def test_arrow_keys_walk_a_filter_without_leaving_the_page(visitor, world, backbone_staff):
    tab = visitor(signed_in=backbone_staff)
    tab.goto(f"/i/{world.initiative.slug}/submissions/")
    address = tab.page.url
    tab.page.focus("#status-filter")
    tab.page.keyboard.press("ArrowDown")
    tab.page.keyboard.press("ArrowDown")
    tab.page.wait_for_timeout(300)  # long enough for a submit on change to have left
    assert tab.page.url == address
    assert tab.page.evaluate("document.activeElement.id") == "status-filter"
    with tab.page.expect_navigation():
        tab.page.click("#status-filter ~ button[type=submit]")
    assert "status=" in tab.page.url
    tab.assert_clean()


@pytest.mark.parametrize("language", ["en", "he"])
def test_on_a_phone_wide_tables_scroll_in_their_region_not_the_page(visitor, demo, language):
    from django.conf import settings

    from tests.e2e.conftest import account

    tab = visitor(signed_in=account("backbone@example.org"), password=settings.DEMO_PASSWORD)
    tab.page.set_viewport_size({"width": 390, "height": 800})
    for path in ("/i/river-city/", "/i/river-city/indicators/", "/i/river-city/definitions/"):
        tab.goto(path)
        if language != "en" and path == "/i/river-city/":
            tab.choose_language(language)
        assert tab.page.evaluate("document.documentElement.scrollWidth") <= 390, path
        regions = tab.page.locator(".table-scroll")
        assert regions.count() > 0
        for at in range(regions.count()):
            region = regions.nth(at)
            assert region.get_attribute("tabindex") == "0"
            assert region.get_attribute("aria-labelledby") or region.get_attribute("aria-label")
    tab.assert_clean()
