"""A partner's whole reporting round in a real browser: an upload with errors, the fix,
a return with a comment, a correction in the form, the approval, and the new number on the
dashboard. Screenshots feed docs/partners.md."""

import pytest
from openpyxl import Workbook

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = [
    "indicator",
    "period",
    "organization",
    "gender",
    "sector",
    "numerator",
    "denominator",
    "value",
]


def check_upload(tab, path, rows):
    """Upload a workbook of ``rows`` (under HEADER) saved at ``path``, and have it checked."""
    book = Workbook()
    book.active.append(HEADER)
    for row in rows:
        book.active.append(row)
    book.save(path)
    tab.page.set_input_files("#id_file", str(path))
    tab.page.click("button:has-text('Check the file')")


def test_partner_uploads_fixes_is_returned_corrects_and_sees_the_number(
    partner, visitor, world, backbone_staff, tmp_path
):
    slug = world.initiative.slug
    partner.page.click("text=Or upload a file")

    check_upload(
        partner,
        tmp_path / "errors.xlsx",
        [
            ["read3", "2024-Q1", "org-a", "Female", "arab", 45, 40, None],
            ["read3", "2024-Q1", "org-a", "girls", "jewish", 20, 30, None],
        ],
    )
    problems = partner.page.locator(".problems li")
    assert problems.count() == 2
    assert "Row 2, column numerator: cannot be larger than the denominator." in (
        problems.nth(0).inner_text()
    )
    assert "Row 3, column gender: 'girls' is not a category of gender" in (
        problems.nth(1).inner_text()
    )
    partner.screenshot("partner-upload-errors")

    check_upload(
        partner,
        tmp_path / "fixed.xlsx",
        [
            ["read3", "2024-Q1", "org-a", "Female", "arab", 35, 40, None],
            ["read3", "2024-Q1", "org-a", "f", "jewish", 20, 30, None],
        ],
    )
    assert "The file is fine: 2 rows" in partner.page.locator("h2").first.inner_text()
    partner.screenshot("partner-upload-checked")
    partner.page.click("button:has-text('Save into my drafts')")
    # Back on the submission the file went into, ready to submit.
    assert "2024-Q1" in partner.page.locator("h1").inner_text()
    partner.page.click("button:has-text('Submit for review')")
    assert partner.status == "Submitted"
    partner.assert_clean()

    staff = visitor(signed_in=backbone_staff)
    staff.page.click("text=North School")
    staff.page.fill("#id_body >> nth=-1", "Arab girls: 35 of 40 looks high — please check.")
    staff.page.click("button:has-text('Return with this comment')")
    assert staff.status == "Returned"
    staff.assert_clean()

    partner.goto(f"/i/{slug}/submissions/")
    partner.page.click("table >> text=2024-Q1")
    assert "35 of 40 looks high" in partner.page.locator("[role=note]").inner_text()
    partner.screenshot("partner-returned")
    partner.page.click("text=Enter values")
    row = partner.page.locator("tr", has_text="Female · Arab")
    row.locator("input").nth(0).fill("25")
    partner.page.wait_for_timeout(600)  # the running totals refresh as you type
    assert "2 / 4" in partner.page.locator("#entry-totals").inner_text()
    partner.screenshot("partner-entry-form")
    partner.save_and_submit()
    partner.assert_clean()

    staff.goto(f"/i/{slug}/")
    staff.page.click("text=North School")
    assert "25 / 40" in staff.page.locator("section", has_text="History").inner_text()
    staff.page.click("button:has-text('Approve')")
    assert "What will be recomputed" in staff.page.content()  # approval asks first
    staff.page.click("button:has-text('Approve')")
    staff.goto(f"/i/{slug}/reporting/matrix/")
    staff.screenshot("backbone-reporting-matrix")
    staff.goto(f"/i/{slug}/indicators/read3/")
    staff.page.wait_for_selector("[data-figure][data-rendered=true]")
    # (25 + 20) / (40 + 30)
    assert "64.3%" in staff.page.locator("table").first.inner_text()
    staff.assert_clean()


def test_partner_enters_two_indicators_on_one_page(partner, world):
    """Save and next: the grid is saved and the next indicator's grid takes the typing."""
    from measurement.models import DataValue
    from tests.measurement.conftest import absence_indicator

    absence_indicator(world)
    partner.page.reload()
    partner.page.click("text=Enter this period's values")

    reading = partner.page.locator("#indicator-read3")
    row = reading.locator("tr", has_text="Female · Arab")
    row.locator("input").nth(0).fill("12")
    row.locator("input").nth(1).fill("20")
    partner.page.wait_for_timeout(600)  # each grid's running totals refresh as you type
    assert "1 / 4" in partner.page.locator("#entry-totals-read3").inner_text()
    partner.screenshot("partner-entry-page")
    with partner.page.expect_navigation():
        reading.locator("button:has-text('Save and next')").click()

    assert partner.page.url.endswith("#indicator-absent")
    assert "Saved Reading." in partner.page.locator("body").inner_text()
    # The next grid has the focus: the partner types on.
    assert partner.page.evaluate("document.activeElement.closest('[data-entry-grid]').id") == (
        "indicator-absent"
    )
    partner.page.keyboard.type("7")
    with partner.page.expect_navigation():
        partner.page.locator("#indicator-absent button:has-text('Save')").click()
    assert "Saved Chronic absence." in partner.page.locator("body").inner_text()
    saved = {
        (value.indicator.code, value.cell.key): (value.numerator, value.denominator, value.value)
        for value in DataValue.objects.select_related("indicator", "cell")
    }
    assert saved == {
        ("read3", "gender=f;sector=arab"): (12, 20, None),
        ("absent", ""): (None, None, 7),
    }
    partner.assert_clean()
