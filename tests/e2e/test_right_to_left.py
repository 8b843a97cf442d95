"""The three pages people spend their time on — the scorecard, an indicator's page and the
partner's entry form — in Hebrew and Arabic, at a desktop's and a phone's width: right to left,
nothing wider than the screen, and every field of the entry form within it. The screenshots
are the ones in docs/accessibility.md."""

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.choices import Role
from initiatives.models import Membership
from measurement.choices import SubmissionStatus
from measurement.models import Submission
from tests.e2e.conftest import account

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": 1366, "phone": 390}


def _entry_form(demo) -> str:
    partner = account("partner@example.org")
    organization = Membership.objects.get(
        user=partner, initiative=demo, role=Role.PARTNER_EDITOR
    ).organization
    draft = (
        Submission.objects.filter(organization=organization, status=SubmissionStatus.DRAFT)
        .order_by("-period__start")
        .first()
    )
    if draft is None:
        draft = Submission.objects.filter(organization=organization).order_by("-period__start")[0]
        draft.status = SubmissionStatus.DRAFT
        draft.save(update_fields=["status"])
    return reverse("measurement:submission-entry", args=[demo.slug, draft.pk])


@pytest.mark.parametrize("language", ["he", "ar"])
def test_main_pages_read_right_to_left_and_fit_desktop_and_phone(visitor, demo, language):
    pages = {
        "scorecard": (
            "funder@example.org",
            reverse("measurement:indicator-list", args=[demo.slug]),
        ),
        "indicator": (
            "funder@example.org",
            reverse("measurement:indicator-detail", args=[demo.slug, "kready"]),
        ),
        "entry-form": ("partner@example.org", _entry_form(demo)),
    }
    for email in {email for email, _path in pages.values()}:
        person = account(email)
        person.language = language
        person.save(update_fields=["language"])
    tabs = {
        email: visitor(signed_in=account(email), password=settings.DEMO_PASSWORD)
        for email in {e for e, _ in pages.values()}
    }
    for name, (email, path) in pages.items():
        tab = tabs[email]
        for width_name, width in WIDTHS.items():
            tab.page.set_viewport_size({"width": width, "height": 900})
            tab.goto(path)
            if tab.page.locator("[data-figure]").count():
                tab.charts_drawn()
            assert tab.page.locator("html").get_attribute("dir") == "rtl"
            assert tab.page.locator("html").get_attribute("lang") == language
            scroll = tab.page.evaluate("() => document.documentElement.scrollWidth")
            assert scroll <= width, f"{name} is {scroll}px wide at {width}px"
            if name == "entry-form":
                outside = tab.page.evaluate(
                    """width => [...document.querySelectorAll('input, select, textarea, label')]
                    .filter(e => { const r = e.getBoundingClientRect();
                                   return r.width > 1 && (r.left < -1 || r.right > width + 1); })
                    .map(e => e.outerHTML.slice(0, 80))""",
                    width,
                )
                assert outside == [], f"entry form fields outside the screen at {width}px"
            tab.page.screenshot(path=tab.output / f"rtl-{name}-{language}-{width_name}.png")
    for tab in tabs.values():
        tab.assert_clean()
