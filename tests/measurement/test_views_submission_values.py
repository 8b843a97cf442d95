"""A submission's numbers, read-only, beside the organization's previous approved period: what
reviewers review, partners sent and partner viewers read (the reviewers' finding: once
submitted, the values were only in the history log)."""

from django.urls import reverse

from measurement.choices import SubmissionStatus
from tests.factories.measurement import IndicatorFactory, ReportingPeriodFactory
from tests.measurement.conftest import plan_quarterly, report


def _url(world, submission):
    return reverse(
        "measurement:submission-values",
        args=[world.initiative.slug, submission.pk, world.indicator.code],
    )


def _row(page, label):
    return next(row for row in page.split("<tr")[1:] if label in row).split("</tr>")[0]


def _reviewed_after(client, world, reviewer, earlier_status) -> str:
    """The values page of a submitted 12 of 20 girls, as ``reviewer`` reads it, after
    a 2023-Q4 submission of 9 of 18 left in ``earlier_status``."""
    earlier = ReportingPeriodFactory(initiative=world.initiative, code="2023-Q4")
    report(world, world.org_a, earlier, {"gender=f": (9, 18)}, earlier_status)
    submission = report(
        world, world.org_a, world.period, {"gender=f": (12, 20)}, SubmissionStatus.SUBMITTED
    )
    client.force_login(reviewer)
    return client.get(_url(world, submission)).content.decode()


def test_the_reviewer_sees_each_value_beside_the_last_approved_period(
    client, world, backbone_staff
):
    page = _reviewed_after(client, world, backbone_staff, SubmissionStatus.APPROVED)
    assert "compared with 2023-Q4, the last approved period" in page
    female = _row(page, "Female")
    for shown in (">12<", ">20<", "60.0%", "50.0%", "+10.0"):
        assert shown in female, shown


def test_a_returned_or_draft_earlier_period_is_not_what_it_is_compared_with(
    client, world, backbone_staff
):
    page = _reviewed_after(client, world, backbone_staff, SubmissionStatus.RETURNED)
    assert "no earlier approved period to compare with" in page
    assert "50.0%" not in page


def test_partner_viewers_read_what_their_organization_sent(client, world, partner_viewer):
    submission = report(
        world, world.org_a, world.period, {"gender=f": (12, 20)}, SubmissionStatus.SUBMITTED
    )
    client.force_login(partner_viewer)
    response = client.get(_url(world, submission))
    assert response.status_code == 200
    assert "60.0%" in _row(response.content.decode(), "Female")
    assert "Enter values" not in response.content.decode()


def test_the_submission_page_links_each_reported_indicator_to_its_values(client, world, partner_a):
    submission = report(
        world, world.org_a, world.period, {"gender=f": (12, 20)}, SubmissionStatus.SUBMITTED
    )
    client.force_login(partner_a)
    page = client.get(
        reverse("measurement:submission-detail", args=[world.initiative.slug, submission.pk])
    ).content.decode()
    assert _url(world, submission) in page
    # Once submitted, the entry page sends the partner to the values, not away from them.
    edit = reverse(
        "measurement:submission-values-edit",
        args=[world.initiative.slug, submission.pk, world.indicator.code],
    )
    assert client.get(edit)["Location"] == _url(world, submission)


def test_the_submission_lists_the_reporting_plan_first_and_the_rest_on_request(
    client, world, partner_a
):
    """The reviewers' finding: a school whose plan names 2 indicators was shown all 7."""
    unplanned = IndicatorFactory(initiative=world.initiative, name="Chronic absence")
    plan_quarterly(world, [world.org_a], [world.indicator])
    submission = report(world, world.org_a, world.period, {}, SubmissionStatus.DRAFT)
    client.force_login(partner_a)
    page = client.get(
        reverse("measurement:submission-detail", args=[world.initiative.slug, submission.pk])
    ).content.decode()
    shown, on_request = page.split("<details>", 1)
    assert world.indicator.name in shown
    assert unplanned.name not in shown
    assert unplanned.name in on_request.split("</details>", 1)[0]
    assert "One more indicator, not in your reporting plan" in page
