"""Funder briefs in the browser: the briefs page and the print page pass axe in English,
Hebrew and Arabic at a desktop's and a phone's width, and the print page asks nothing of
other hosts and offers its Print button once its script runs."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests.e2e.test_every_page_accessible import report, scan_in_every_language
from tests.measurement.conftest import figures  # noqa: F401  (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.usefixtures("figures")
def test_the_brief_pages_pass_axe(browser, live_server, world, backbone_admin):
    client = Client()
    get_user_model().objects.filter(pk=backbone_admin.pk).update(language="")
    client.force_login(backbone_admin)
    slug = world.initiative.slug
    pages = [
        reverse("briefs:brief-list", args=[slug]),
        *(
            reverse("briefs:brief-page", args=[slug, "2024-Q2"]) + f"?language={language}"
            for language in ("en", "he", "ar")
        ),
    ]
    cookies = [
        {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}
    ]
    findings = scan_in_every_language(live_server.url, pages, cookies)
    assert not findings, report(findings)


@pytest.mark.usefixtures("figures")
def test_the_print_page_prints_and_asks_nothing_of_other_hosts(visitor, world, funder):
    tab = visitor(signed_in=funder)
    tab.goto(reverse("briefs:brief-list", args=[world.initiative.slug]))
    tab.page.select_option("#id_period", "2024-Q1")
    tab.page.select_option("#id_language", "he")
    with tab.page.expect_navigation():
        tab.page.click("button[value=page]")
    assert tab.page.url.endswith("/briefs/2024-Q1/?language=he")
    assert tab.page.locator("html").get_attribute("dir") == "rtl"
    assert tab.page.locator("button[data-print]").is_visible()
    assert tab.page.locator("a[download]").get_attribute("href").endswith(".pdf?language=he")
    tab.screenshot("brief-print-page-he")
    tab.assert_clean()
