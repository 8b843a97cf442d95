"""The brief pages: choosing a brief, its print page, its PDF and the e-mail setting — who may
use them, what language they speak, and that whoever asks reads the funders' figures."""

import pytest
from django.urls import reverse

from briefs.models import BriefSchedule
from tests.briefs.conftest import pdf_text


def _url(world, name, code=None, **query):
    args = [world.initiative.slug] + ([code] if code else [])
    url = reverse(f"briefs:{name}", args=args)
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


# ---- Choosing ----


def test_it_offers_the_periods_with_results_final_first(client, world, figures, funder):
    client.force_login(funder)
    page = client.get(_url(world, "brief-list")).content.decode()
    assert page.index('value="2024-Q2"') < page.index('value="2024-Q1"')
    assert 'value="he"' in page
    assert 'value="ar"' in page


def test_it_opens_the_brief_chosen(client, world, figures, funder):
    client.force_login(funder)
    response = client.get(_url(world, "brief-list", period="2024-Q1", language="he", output="page"))
    assert response.status_code == 302
    assert response["Location"] == _url(world, "brief-page", "2024-Q1", language="he")
    response = client.get(_url(world, "brief-list", period="2024-Q1", language="ar", output="pdf"))
    assert response["Location"] == _url(world, "brief-pdf", "2024-Q1", language="ar")


def test_it_requires_login(client, world, figures):
    for name, period in (("brief-list", None), ("brief-page", "2024-Q2")):
        response = client.get(_url(world, name, period))
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_it_hides_from_outsiders(client, world, figures, outsider):
    client.force_login(outsider)
    assert client.get(_url(world, "brief-page", "2024-Q2")).status_code == 404


def test_a_period_without_results_has_no_brief(client, world, figures, funder):
    from tests.factories.measurement import ReportingPeriodFactory

    ReportingPeriodFactory(initiative=world.initiative, code="2024-Q3")
    client.force_login(funder)
    assert client.get(_url(world, "brief-page", "2024-Q3")).status_code == 404


def test_the_scorecard_links_to_the_briefs(client, world, figures, funder):
    client.force_login(funder)
    page = client.get(reverse("measurement:indicator-list", args=[world.initiative.slug]))
    assert _url(world, "brief-list") in page.content.decode()


# ---- The print page ----


def test_the_print_page_is_in_the_language_asked_for(client, world, figures, funder):
    client.force_login(funder)
    page = client.get(_url(world, "brief-page", "2024-Q2", language="he")).content.decode()
    assert '<html lang="he" dir="rtl">' in page
    assert "data-print" in page
    assert "<script>" not in page  # behaviour comes from static/js/yachad.js
    page = client.get(_url(world, "brief-page", "2024-Q2", language="en")).content.decode()
    assert '<html lang="en" dir="ltr">' in page


def test_backbone_staff_read_the_funders_brief(client, world, figures, backbone_staff, funder):
    """Staff see small cells on their pages; a brief shows them what a funder reads."""
    briefs = []
    for person in (backbone_staff, funder):
        client.force_login(person)
        page = client.get(_url(world, "brief-page", "2024-Q2", language="en")).content.decode()
        briefs.append(page[page.index("<main") : page.index("</main>")])
    assert briefs[0] == briefs[1]
    assert "Reading" in briefs[0]
    assert "hidden" in briefs[0]


# ---- The PDF ----


@pytest.mark.browser
def test_it_downloads_the_pdf(client, world, figures, funder, chromium):
    client.force_login(funder)
    response = client.get(_url(world, "brief-pdf", "2024-Q2", language="ar"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="river-2024-Q2-ar.pdf"'
    assert response.content.startswith(b"%PDF")
    assert "2024-Q2" in pdf_text(response.content)


def test_it_says_so_when_the_pdf_cannot_be_made(client, world, figures, funder, settings):
    settings.PDF_CHROMIUM_PATH = "/nowhere/chromium"
    client.force_login(funder)
    response = client.get(_url(world, "brief-pdf", "2024-Q2"))
    assert response.status_code == 503
    assert "print page" in response.content.decode()


def test_the_same_brief_is_printed_once(client, world, figures, funder, monkeypatch):
    """Chromium is costly: a second download of an unchanged brief is the first one's PDF, and
    a brief whose figures changed is printed anew."""
    printed: list[str] = []

    def print_html(html: str) -> bytes:
        printed.append(html)
        return b"%PDF-" + str(len(printed)).encode()

    monkeypatch.setattr("briefs.documents.html_to_pdf", print_html)
    client.force_login(funder)
    url = _url(world, "brief-pdf", "2024-Q2", language="he")
    first, again = client.get(url).content, client.get(url).content
    assert first == again == b"%PDF-1"
    assert len(printed) == 1
    client.get(_url(world, "brief-pdf", "2024-Q2", language="ar"))
    assert len(printed) == 2
    world.initiative.vision = "Every child in River City reads by the third grade."
    world.initiative.save()
    assert client.get(url).content == b"%PDF-3"


# ---- Sending by e-mail ----


def test_a_backbone_admin_turns_sending_on(client, world, backbone_admin):
    client.force_login(backbone_admin)
    response = client.post(_url(world, "brief-schedule"), {"send_by_email": "on"})
    assert response.status_code == 302
    assert BriefSchedule.objects.get(initiative=world.initiative).send_by_email
    client.post(_url(world, "brief-schedule"), {})
    assert not BriefSchedule.objects.get(initiative=world.initiative).send_by_email


def test_it_rejects_read_only_member(client, world, backbone_staff, funder):
    for person in (backbone_staff, funder):
        client.force_login(person)
        response = client.post(_url(world, "brief-schedule"), {"send_by_email": "on"})
        assert response.status_code == 403
    assert not BriefSchedule.objects.exists()


def test_only_admins_see_the_sending_setting(client, world, figures, backbone_admin, funder):
    client.force_login(funder)
    assert "send_by_email" not in client.get(_url(world, "brief-list")).content.decode()
    client.force_login(backbone_admin)
    assert "send_by_email" in client.get(_url(world, "brief-list")).content.decode()
