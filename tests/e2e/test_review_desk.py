"""The reporting loop with honest numbers, in a real browser: a partner enters two indicators
on one page and meets the initiative's rule, explains it, the reviewer reads the values beside
the last period with the warning, returns them, the partner fixes them, and the approval leaves
the period provisional until the last planned partner is approved — the funder's scorecard
showing the previous final period all along. Screenshots feed docs/review.md."""

from datetime import date

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARAB_GIRLS = "gender=f;sector=arab"


@pytest.fixture
def round_in_review(world):
    """Both schools report reading and chronic absence quarterly. 2023-Q4 is approved for
    both: 20 and 22 of 40 read (52.5%). Reading above 80% needs an explanation."""
    from measurement.choices import RuleKind
    from measurement.models import DataValue, ValueRule
    from tests.factories.measurement import ReportingPeriodFactory
    from tests.measurement.conftest import absence_indicator, compute, plan_quarterly, report

    absence = absence_indicator(world)
    world.period.due_date = date(2024, 4, 30)
    world.period.save()
    before = ReportingPeriodFactory(
        initiative=world.initiative, code="2023-Q4", due_date=date(2024, 1, 31)
    )
    for organization, reading in ((world.org_a, 20), (world.org_b, 22)):
        plan_quarterly(world, [organization], [world.indicator, absence])
        submission = report(world, organization, before, {ARAB_GIRLS: (reading, 40)})
        DataValue.objects.create(
            submission=submission,
            indicator=absence,
            cell=world.initiative.cells.get(key=""),
            value=5,
        )
    ValueRule.objects.create(indicator=world.indicator, kind=RuleKind.RANGE, high=80)
    compute(world)
    return absence


def _latest_reading(tab, slug) -> str:
    tab.goto(f"/i/{slug}/indicators/")
    return tab.page.locator('[data-latest="read3"]').inner_text()


def test_a_round_from_entry_to_a_final_period(
    visitor, world, round_in_review, partner_a, backbone_staff, funder
):
    from measurement.choices import SubmissionStatus
    from measurement.models import DataValue, Submission
    from tests.measurement.conftest import compute, report

    slug = world.initiative.slug
    funder_tab = visitor(signed_in=funder)
    assert "52.5%" in _latest_reading(funder_tab, slug)

    # The partner enters both indicators on one page; the rule speaks as they type.
    partner = visitor(signed_in=partner_a)
    partner.open_draft(slug, "2024-Q1")
    submission_url = partner.page.url
    partner.page.click("text=Enter this period's values")
    reading = partner.page.locator("#indicator-read3")
    row = reading.locator("tr", has_text="Female · Arab")
    row.locator("input").nth(0).fill("36")
    row.locator("input").nth(1).fill("40")
    partner.page.wait_for_timeout(600)
    assert "90.0% is above the highest expected, 80.0%." in (
        partner.page.locator("#entry-totals-read3").inner_text()
    )
    partner.screenshot("partner-rule-as-you-type")
    with partner.page.expect_navigation():
        reading.locator("button:has-text('Save and next')").click()
    partner.page.keyboard.type("6")
    with partner.page.expect_navigation():
        partner.page.locator("#indicator-absent button:has-text('Save')").click()

    # Submitting waits for the warning to be explained, on the value itself.
    partner.page.goto(submission_url)
    partner.page.click("button:has-text('Submit for review')")
    assert "Explain in a comment" in partner.page.locator("body").inner_text()
    assert partner.status == "Draft"
    partner.screenshot("partner-rule-warning")
    partner.page.goto(submission_url)
    partner.page.click("a[href$='/indicators/read3/']")
    partner.page.select_option("#id_cell", label="Female · Arab")
    partner.page.fill("#id_body", "A new reading programme started in January.")
    partner.page.click("button:has-text('Add comment')")
    assert "A new reading programme started in January." in partner.page.content()
    partner.page.goto(submission_url)
    partner.page.click("button:has-text('Submit for review')")
    assert partner.status == "Submitted"
    partner.assert_clean()

    # The reviewer's queue, and the values beside the last period with the warning.
    staff = visitor(signed_in=backbone_staff)
    staff.goto(f"/i/{slug}/review/")
    queue = staff.page.locator("table").first.inner_text()
    assert "North School" in queue
    staff.screenshot("review-queue")
    staff.page.click("a:has-text('North School')")
    staff.page.click("a[href$='/indicators/read3/']")
    values = staff.page.locator("body").inner_text()
    assert "2023-Q4" in values
    assert "50.0%" in values  # North's last approved figure, beside this one
    assert "90.0%" in values
    assert "explained in a comment" in values
    staff.screenshot("review-values")
    staff.page.go_back()
    staff.page.fill("#id_body >> nth=-1", "90% is far above your 50% last quarter: please check.")
    staff.page.click("button:has-text('Return with this comment')")
    assert staff.status == "Returned"
    assert "52.5%" in _latest_reading(funder_tab, slug)

    # The partner fixes the number and submits again: no warning this time.
    partner.page.goto(submission_url)
    partner.page.click("text=Enter this period's values")
    reading = partner.page.locator("#indicator-read3")
    row = reading.locator("tr", has_text="Female · Arab")
    row.locator("input").nth(0).fill("30")
    with partner.page.expect_navigation():
        reading.locator("button:has-text('Save')").first.click()
    partner.page.goto(submission_url)
    partner.page.click("button:has-text('Submit for review')")
    assert partner.status == "Submitted"

    # Approval asks first and says what it recomputes.
    staff.page.goto(submission_url)
    staff.page.click("button:has-text('Approve')")
    confirm = staff.page.locator("body").inner_text()
    assert "What will be recomputed" in confirm
    assert "2024-Q1" in confirm
    staff.screenshot("review-confirm")
    staff.page.click("button:has-text('Approve')")
    assert staff.status == "Approved"
    staff.assert_clean()

    # One of two planned schools approved: the period is provisional, the funder still reads
    # the last final period, and is told why.
    latest = _latest_reading(funder_tab, slug)
    assert "52.5%" in latest
    assert "2023-Q4" in latest
    assert "is provisional: 1 of 2 organizations approved" in funder_tab.page.content()
    funder_tab.screenshot("funder-scorecard-provisional")
    staff.goto(f"/i/{slug}/reporting/periods/")
    assert "South Clinic" in staff.page.locator("#period-2024-Q1").inner_text()
    staff.screenshot("periods-completeness")

    # The last planned school approved: the period is final and becomes the latest.
    south = report(world, world.org_b, world.period, {ARAB_GIRLS: (26, 40)})
    DataValue.objects.create(
        submission=south,
        indicator=round_in_review,
        cell=world.initiative.cells.get(key=""),
        value=4,
    )
    compute(world)
    assert Submission.objects.filter(status=SubmissionStatus.APPROVED).count() == 4
    latest = _latest_reading(funder_tab, slug)
    assert "70.0%" in latest  # (30 + 26) of 80
    assert "2024-Q1" in latest
    funder_tab.assert_clean()
