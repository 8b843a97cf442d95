"""A backbone's first day, in a real browser, from an empty installation: the first-run page
makes the administrator and the initiative; the setup checklist walks through the agenda, a
partner organization created and invited, a dimension from the library, reporting periods
generated, an indicator with a baseline and targets for everyone and for one group, and the
reporting plan — each step ticking itself. The invited partner signs in from the invitation
link and submits; the admin approves; the invited funder sees the result. Screenshots feed
docs/setup.md."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "first day passphrase 42"


def _invitation_link(mailbox, email: str) -> str:
    message = next(m for m in reversed(mailbox) if email in m.to)
    return re.search(r"https?://\S+/invitation/\S+/", message.body).group(0)


def _invited(tab, mailbox, email: str, name: str):
    """``tab`` of the person invited at ``email``, who opened the link in their e-mail and
    chose their name and password."""
    tab.page.goto(_invitation_link(mailbox, email))
    tab.page.fill("#id_full_name", name)
    tab.page.fill("#id_password", PASSWORD)
    tab.page.fill("#id_password_confirm", PASSWORD)
    with tab.page.expect_navigation():
        tab.page.click("button:has-text('Accept the invitation')")
    return tab


def _save(tab, label: str = "Save"):
    """Submit the page's form with its button (a full-page screenshot just before a click
    can swallow it: take screenshots before the last field is filled)."""
    with tab.page.expect_navigation():
        tab.page.click(f"main button[type=submit]:has-text('{label}')")


def _steps_done(tab) -> int:
    return tab.page.locator(".setup-checklist__step--done").count()


def _invite(admin, slug: str, email: str, role: str, organization: str | None = None):
    admin.goto(f"/i/{slug}/members/")
    admin.page.fill("#id_email", email)
    admin.page.select_option("#id_role", role)
    if organization:
        admin.page.select_option("#id_organization", label=organization)
    _save(admin, "Send the invitation")
    assert f"Invitation sent to {email}" in admin.page.content()


def test_from_an_empty_installation_to_a_funder_reading_the_first_result(visitor, mailoutbox):
    from initiatives.models import Initiative

    # First run: the administrator and the initiative, with no terminal.
    admin = visitor()
    admin.goto("/")
    assert admin.page.url.endswith("/setup/")
    admin.page.fill("#id_full_name", "Dana Levi")
    admin.page.fill("#id_email", "dana@example.org")
    admin.page.fill("#id_password", PASSWORD)
    admin.page.fill("#id_password_confirm", PASSWORD)
    admin.page.fill("#id_name", "River City Reads")
    admin.page.fill("#id_backbone", "River City Foundation")
    admin.screenshot("setup-first-run")
    _save(admin, "Start")
    slug = Initiative.objects.get().slug
    assert admin.page.url.endswith(f"/i/{slug}/")
    assert _steps_done(admin) == 0
    admin.screenshot("setup-checklist-new")

    # The common agenda and a result, from the checklist's first step.
    admin.page.click("text=State the common agenda and its results")
    admin.goto(f"/i/{slug}/agenda/edit/")
    admin.page.fill("#id_vision_en", "Every child in River City reads by the age of nine.")
    admin.page.fill("#id_note", "First version")
    _save(admin)
    admin.goto(f"/i/{slug}/agenda/results/new/")
    admin.page.fill("#id_code", "readers")
    admin.page.fill("#id_title_en", "Every child reads at grade level by grade 3")
    _save(admin)

    # A partner organization created in the app, and one of its people invited; a funder too.
    admin.goto(f"/i/{slug}/")
    admin.page.click("text=Add partner organizations and invite them")
    admin.page.click("main >> text=New organization")
    admin.page.fill("#id_name_en", "North School")
    admin.page.select_option("#id_role", "partner")
    admin.screenshot("setup-organization")
    _save(admin)
    _invite(admin, slug, "editor@north.example.org", "partner_editor", "North School")
    _invite(admin, slug, "funder@example.org", "funder")
    admin.screenshot("setup-members")

    # A dimension from the library, adapted before saving.
    admin.goto(f"/i/{slug}/")
    admin.page.click("text=Choose the groups numbers are broken down by")
    admin.screenshot("setup-dimension-library")
    gender = admin.page.locator("section.card", has_text="Gender")
    with admin.page.expect_navigation():
        gender.locator("text=Use this dimension").click()
    assert admin.page.input_value("#id_code") == "gender"
    _save(admin)

    # Reporting periods generated from a frequency and a first period.
    admin.goto(f"/i/{slug}/definitions/periods/generate/")
    admin.page.select_option("#id_frequency", "quarter")
    admin.page.fill("#id_first", "2025-Q1")
    admin.page.fill("#id_count", "4")
    _save(admin)
    assert "Created 4 reporting periods" in admin.page.content()

    # An indicator with its baseline and targets — for everyone and for girls — on one form.
    admin.goto(f"/i/{slug}/definitions/indicators/new/")
    admin.page.fill("#id_code", "read3")
    admin.page.fill("#id_name_en", "Third-grade reading")
    admin.page.select_option("#id_kind", "rate")
    admin.page.select_option("#id_result", label="Every child reads at grade level by grade 3")
    admin.page.check("input[name=dimensions] >> nth=0")
    admin.page.select_option("#id_baseline_period", label="2025-Q1")
    admin.page.fill("#id_baseline_value", "50")
    admin.page.select_option("#id_targets-0-period", label="2025-Q4")
    admin.page.fill("#id_targets-0-value", "60")
    admin.page.select_option("#id_targets-1-period", label="2025-Q4")
    admin.page.select_option("#id_targets-1-group", "gender=f")
    admin.screenshot("setup-indicator")
    admin.page.fill("#id_targets-1-value", "65")
    _save(admin)
    assert "Saved Third-grade reading" in admin.page.content()

    # The reporting plan: North School reports reading every quarter.
    admin.goto(f"/i/{slug}/reporting/plan/north-school/")
    admin.page.check("main input[type=checkbox] >> nth=0")
    _save(admin)

    admin.goto(f"/i/{slug}/")
    assert _steps_done(admin) == 6
    admin.screenshot("setup-checklist-almost")
    admin.assert_clean()

    # The invited partner opens the link, chooses a password and reports.
    partner = _invited(visitor(), mailoutbox, "editor@north.example.org", "Yossi Cohen")
    assert partner.page.url.endswith(f"/i/{slug}/")
    partner.open_draft(slug, "2025-Q1")
    submission_url = partner.page.url
    partner.page.click("text=Enter this period's values")
    reading = partner.page.locator("#indicator-read3")
    for group, (numerator, denominator) in {"Female": (30, 40), "Male": (24, 40)}.items():
        row = reading.locator("tr", has=partner.page.get_by_text(group, exact=True))
        row.locator("input").nth(0).fill(str(numerator))
        row.locator("input").nth(1).fill(str(denominator))
    partner.screenshot("setup-partner-entry")
    with partner.page.expect_navigation():
        reading.locator("button:has-text('Save')").first.click()
    partner.page.goto(submission_url)
    partner.page.click("button:has-text('Submit for review')")
    assert partner.status == "Submitted"
    partner.assert_clean()

    # The admin approves; the checklist is done and gone.
    admin.page.goto(submission_url)
    admin.page.click("button:has-text('Approve')")
    admin.page.click("button:has-text('Approve')")
    assert admin.status == "Approved"
    admin.goto(f"/i/{slug}/")
    assert admin.page.locator(".setup-checklist").count() == 0

    # The invited funder signs up and reads the first result.
    funder = _invited(visitor(), mailoutbox, "funder@example.org", "Rivka Funder")
    funder.goto(f"/i/{slug}/indicators/")
    assert "67.5%" in funder.page.locator('[data-latest="read3"]').inner_text()
    funder.screenshot("setup-funder-sees-result")
    funder.assert_clean()
