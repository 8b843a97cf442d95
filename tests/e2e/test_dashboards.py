"""The demo's dashboards in a real browser, for the backbone, a partner, a funder and a share
link: every chart is drawn, the console stays clean, nothing is fetched from another host.
The screenshots illustrate docs/dashboards.md."""

import pytest
from django.conf import settings

from measurement import services
from tests.e2e.conftest import account

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def visit(tab, path, screenshot, minimum_charts):
    tab.goto(path)
    assert tab.charts_drawn() >= minimum_charts
    tab.screenshot(screenshot)


def visit_scorecard(tab, path, screenshot):
    """The scorecard's sparklines are drawn on the server: no chart library is fetched."""
    tab.goto(path)
    assert tab.page.locator("svg.sparkline[role=img][aria-label]").count() >= 7
    assert not [url for url in tab.requests if "plotly" in url]
    tab.screenshot(screenshot)


def test_backbone_dashboards(visitor, demo):
    tab = visitor(signed_in=account("backbone@example.org"), password=settings.DEMO_PASSWORD)
    visit_scorecard(tab, "/i/river-city/indicators/", "dashboard-backbone-scorecard")
    visit(
        tab, "/i/river-city/indicators/read3/?dimension=sector", "dashboard-backbone-indicator", 3
    )
    visit(tab, "/i/river-city/gaps/", "dashboard-backbone-gaps", 0)
    tab.assert_clean()


def test_partner_sees_its_own_part(visitor, demo):
    tab = visitor(signed_in=account("partner@example.org"), password=settings.DEMO_PASSWORD)
    visit(
        tab,
        "/i/river-city/indicators/read3/?organization=al-nahda&dimension=gender",
        "dashboard-partner-own-part",
        3,
    )
    assert "Al-Nahda Elementary School" in tab.page.locator("h1").inner_text()
    tab.assert_clean()


def test_funder_dashboards_in_hebrew(visitor, demo):
    tab = visitor(
        locale="he-IL", signed_in=account("funder@example.org"), password=settings.DEMO_PASSWORD
    )
    visit(tab, "/i/river-city/indicators/read3/?dimension=gender", "dashboard-funder-indicator", 3)
    assert tab.page.locator(".suppressed").count() > 0  # small cells say so
    tab.choose_language("he")
    assert tab.page.locator("html").get_attribute("dir") == "rtl"
    assert tab.charts_drawn() >= 3
    tab.screenshot("dashboard-funder-indicator-hebrew")
    tab.assert_clean()


def test_share_link_view(visitor, demo):
    link = services.share_link_create(
        actor=account("backbone@example.org"),
        initiative=demo,
        label="Galilee Children's Fund board",
        days=30,
    )
    tab = visitor()
    visit_scorecard(tab, f"/s/{link.token}/", "dashboard-share-link")
    assert tab.page.locator("meta[name=robots]").get_attribute("content") == "noindex, nofollow"
    visit(tab, f"/s/{link.token}/indicators/bagrut/", "dashboard-share-link-indicator", 3)
    tab.assert_clean()


FOCUSABLE_INSIDE_IMAGES = """
[...document.querySelectorAll('[role=img] *')].filter(element =>
  element.matches('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])')
  || element.tabIndex >= 0
).length
"""

OUTSIDE_THE_SCREEN = """
[...document.querySelectorAll('.chart__plot, .chart__plot .main-svg')].filter(element => {
  const box = element.getBoundingClientRect();
  return box.left < -1 || box.right > window.innerWidth + 1;
}).length
"""

LEGEND_OVER_TITLE = """
[...document.querySelectorAll('.chart__plot')].filter(plot => {
  const title = plot.querySelector('.gtitle'), legend = plot.querySelector('.legend');
  if (!title || !legend) return false;
  const a = title.getBoundingClientRect(), b = legend.getBoundingClientRect();
  return a.bottom > b.top && b.bottom > a.top && a.right > b.left && b.right > a.left;
}).length
"""


@pytest.mark.parametrize("language", ["en", "he", "ar"])
def test_charts_on_a_phone_hold_nothing_focusable_and_fit_the_screen(visitor, demo, language):
    tab = visitor(signed_in=account("funder@example.org"), password=settings.DEMO_PASSWORD)
    tab.goto("/i/river-city/indicators/read3/?dimension=gender")
    if language != "en":
        tab.choose_language(language)
    tab.page.set_viewport_size({"width": 390, "height": 844})
    tab.page.reload()
    assert tab.charts_drawn() >= 3
    assert tab.page.evaluate(FOCUSABLE_INSIDE_IMAGES) == 0
    assert tab.page.locator(".modebar").count() == 0
    assert tab.page.evaluate(OUTSIDE_THE_SCREEN) == 0
    assert tab.page.evaluate(LEGEND_OVER_TITLE) == 0
    tab.screenshot(f"dashboard-indicator-phone-{language}")
    tab.assert_clean()
