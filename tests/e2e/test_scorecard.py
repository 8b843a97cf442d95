"""The demo's scorecard in a real browser: RBA's sections, an on-track status on the demo's
indicators, the period selector, the rule in plain words — and axe-core finds nothing in
English, Hebrew or Arabic, at a desktop's and a phone's width, with no sideways scrolling,
signed in and through a share link."""

import pytest
from django.conf import settings

from measurement import services
from tests.e2e.conftest import account
from tests.e2e.test_every_page_accessible import AXE_SOURCE, LANGUAGES, scan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCORECARD = "/i/river-city/indicators/"


def test_backbone_reads_the_scorecard_and_looks_back(visitor, demo):
    tab = visitor(signed_in=account("backbone@example.org"), password=settings.DEMO_PASSWORD)
    tab.goto(SCORECARD)
    page = tab.page
    assert page.locator("h2", has_text="Population indicators").count() == 1
    assert page.locator("h2", has_text="Performance measures").count() == 1
    statuses = page.locator("[data-on-track] .status").all_inner_texts()
    assert {"Ahead", "On track", "Behind"} & set(statuses)
    page.locator("summary", has_text="How the status is decided").click()
    assert page.locator("details[open]").count() == 1
    tab.screenshot("dashboard-scorecard-on-track")

    options = page.locator("#scorecard-period option").all_inner_texts()
    earlier = options[2]
    page.select_option("#scorecard-period", earlier)
    with page.expect_navigation():
        page.click("form.inline-form button[type=submit]")
    assert f"period={earlier}" in page.url
    latest = page.locator("[data-latest] bdi.muted").all_inner_texts()
    assert latest
    assert all(code <= earlier for code in latest)
    with page.expect_download() as download:
        page.click("text=CSV (scorecard)")
    assert download.value.suggested_filename == f"river-city-scorecard-{earlier}.csv"
    tab.assert_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_scorecard_passes_axe_signed_in_and_by_share_link(visitor, demo, language):
    link = services.share_link_create(
        actor=account("backbone@example.org"), initiative=demo, label="Board", days=30
    )
    person = account("funder@example.org")
    person.language = language
    person.save(update_fields=["language"])
    signed_in = visitor(signed_in=person, password=settings.DEMO_PASSWORD)
    anonymous = visitor()
    anonymous.context.add_cookies(
        [{"name": "django_language", "value": language, "url": anonymous.base_url}]
    )
    findings = []
    for tab, path in ((signed_in, SCORECARD), (anonymous, f"/s/{link.token}/")):
        tab.goto(path)
        tab.page.evaluate(AXE_SOURCE)
        findings += scan(tab, path, language)
        tab.goto(path + "?period=2025-Q1")
        tab.page.evaluate(AXE_SOURCE)
        findings += scan(tab, path, language)
    assert [str(f) for f in findings] == []
