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


def test_backbone_dashboards(visitor, demo):
    tab = visitor(signed_in=account("backbone@example.org"), password=settings.DEMO_PASSWORD)
    visit(tab, "/i/river-city/indicators/", "dashboard-backbone-scorecard", 7)
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
    visit(tab, f"/s/{link.token}/", "dashboard-share-link", 7)
    assert tab.page.locator("meta[name=robots]").get_attribute("content") == "noindex, nofollow"
    visit(tab, f"/s/{link.token}/indicators/bagrut/", "dashboard-share-link-indicator", 3)
    tab.assert_clean()
