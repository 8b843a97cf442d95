"""The backbone's rules on an indicator's numbers (a range, a ratio to another indicator, a
largest change from the last period) and outliers against an organization's own history: run
on submission and on review, errors blocking, warnings needing the partner's comment, and data
already stored that breaks a rule listed for the backbone."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from measurement import selectors, services
from measurement.choices import CommentKind, RuleKind, RuleSeverity, SubmissionStatus
from measurement.models import SubmissionComment, ValueRule
from measurement.validation import Rule, outlier, rule_issues
from tests.factories.measurement import ReportingPeriodFactory
from tests.measurement.conftest import report

ARAB_GIRLS = "gender=f;sector=arab"


def _rule(kind, severity=RuleSeverity.WARNING, low=None, high=None, other=""):
    return Rule(id=1, kind=kind, severity=severity, low=low, high=high, other=other, other_id=2)


# ---- The pure rules ----


def test_a_figure_outside_the_range_breaks_the_rule():
    issues = rule_issues([_rule(RuleKind.RANGE, low=10, high=90)], {"": 95.0, "a": 50.0}, {})
    assert [i.cell_key for i in issues] == [""]
    assert "above the highest expected" in issues[0].message


def test_a_change_larger_than_allowed_from_the_last_period_breaks_the_rule():
    rule = _rule(RuleKind.MAX_CHANGE, high=50)
    assert rule_issues([rule], {"": 100.0}, {"": 60.0})  # +67%
    assert not rule_issues([rule], {"": 80.0}, {"": 60.0})  # +33%
    assert not rule_issues([rule], {"": 80.0}, {})  # nothing to compare with


def test_a_total_out_of_ratio_to_another_indicator_breaks_the_rule():
    rule = _rule(RuleKind.RATIO, low=0.5, high=1.0, other="Enrolment")
    issues = rule_issues([rule], {}, {}, total=150, other_totals={1: 100})
    assert issues
    assert "Enrolment" in issues[0].message
    assert not rule_issues([rule], {}, {}, total=80, other_totals={1: 100})


def test_an_outlier_stands_out_from_the_history_by_robust_z_score():
    history = [50.0, 52.0, 49.0, 51.0, 50.0]
    assert outlier(90.0, history)
    assert not outlier(53.0, history)
    assert not outlier(90.0, history[:3])  # too little history to judge


def test_a_flat_history_flags_what_leaves_its_range():
    assert outlier(12.0, [10.0] * 5)
    assert not outlier(10.0, [10.0] * 5)


# ---- On submission and on review ----


@pytest.fixture
def ruled(world):
    """A warning when reading is above 80%, an error when below 5%; North's draft reads 90%."""
    ValueRule.objects.create(indicator=world.indicator, kind=RuleKind.RANGE, high=80)
    ValueRule.objects.create(
        indicator=world.indicator, kind=RuleKind.RANGE, low=5, severity=RuleSeverity.ERROR
    )
    return report(
        world, world.org_a, world.period, {ARAB_GIRLS: (36, 40)}, status=SubmissionStatus.DRAFT
    )


def test_a_warning_needs_the_partners_comment_before_submitting(world, ruled, partner_a):
    with pytest.raises(ValidationError) as refused:
        services.submission_submit(actor=partner_a, submission=ruled)
    assert "Explain in a comment" in str(refused.value)
    assert "90.0" in str(refused.value)
    services.submission_comment_create(
        actor=partner_a,
        submission=ruled,
        body="A new reading programme started this term.",
        indicator=world.indicator,
        cell=world.initiative.cells.get(key=ARAB_GIRLS),
    )
    services.submission_submit(actor=partner_a, submission=ruled)
    ruled.refresh_from_db()
    assert ruled.status == SubmissionStatus.SUBMITTED


def test_an_error_blocks_submission_even_with_a_comment(world, ruled, partner_a):
    ruled.values.update(numerator=1)  # 2.5%: below the 5% floor
    SubmissionComment.objects.create(
        submission=ruled,
        author=partner_a,
        kind=CommentKind.COMMENT,
        body="Really.",
        indicator=world.indicator,
    )
    with pytest.raises(ValidationError) as refused:
        services.submission_submit(actor=partner_a, submission=ruled)
    assert "Fix before submitting" in str(refused.value)


def test_reviewer_sees_the_warning_the_outlier_and_the_comment_beside_the_value(
    client, world, ruled, partner_a, backbone_staff
):
    for quarter, numerator in (("2023-Q1", 20), ("2023-Q2", 21), ("2023-Q3", 20), ("2023-Q4", 19)):
        period = ReportingPeriodFactory(initiative=world.initiative, code=quarter)
        report(world, world.org_a, period, {ARAB_GIRLS: (numerator, 40)})
    services.submission_comment_create(
        actor=partner_a,
        submission=ruled,
        body="A new reading programme started this term.",
        indicator=world.indicator,
        cell=world.initiative.cells.get(key=ARAB_GIRLS),
    )
    services.submission_submit(actor=partner_a, submission=ruled)
    client.force_login(backbone_staff)
    page = client.get(
        reverse("measurement:submission-values", args=[world.initiative.slug, ruled.pk, "read3"])
    ).content.decode()
    assert "above the highest expected" in page
    assert "explained in a comment" in page
    assert "Unusual" in page  # 90% against 47.5–52.5% before
    assert "A new reading programme started this term." in page
    assert "47.5%" in page  # the previous period beside it


def test_a_partner_comments_on_one_value_and_returns_to_its_page(client, world, ruled, partner_a):
    client.force_login(partner_a)
    values_url = reverse(
        "measurement:submission-values", args=[world.initiative.slug, ruled.pk, "read3"]
    )
    cell = world.initiative.cells.get(key=ARAB_GIRLS)
    response = client.post(
        reverse("measurement:submission-comment", args=[world.initiative.slug, ruled.pk]),
        {
            "body": "Counted twice.",
            "indicator": world.indicator.pk,
            "cell": cell.pk,
            "next": values_url,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == values_url
    assert SubmissionComment.objects.get(body="Counted twice.").cell == cell


def test_data_already_stored_that_breaks_a_rule_is_listed(client, world, backbone_staff):
    report(world, world.org_b, world.period, {ARAB_GIRLS: (39, 40)})  # approved: 97.5%
    ValueRule.objects.create(indicator=world.indicator, kind=RuleKind.RANGE, high=80)
    breaches = selectors.rule_breaches(indicator=world.indicator)
    assert [b["submission"].organization for b in breaches] == [world.org_b]
    client.force_login(backbone_staff)
    page = client.get(
        reverse("measurement:indicator-rules", args=[world.initiative.slug, "read3"])
    ).content.decode()
    assert "South Clinic" in page
    assert "97.5" in page


def test_backbone_staff_add_a_rule_and_a_partner_cannot(client, world, backbone_staff, partner_a):
    url = reverse("measurement:indicator-rules", args=[world.initiative.slug, "read3"])
    data = {
        "rules-TOTAL_FORMS": "1",
        "rules-INITIAL_FORMS": "0",
        "rules-0-kind": RuleKind.RANGE,
        "rules-0-severity": RuleSeverity.WARNING,
        "rules-0-low": "",
        "rules-0-high": "80",
        "rules-0-other": "",
    }
    client.force_login(partner_a)
    assert client.post(url, data).status_code == 403
    client.force_login(backbone_staff)
    assert client.post(url, data).status_code == 302
    assert ValueRule.objects.get(indicator=world.indicator).high == 80


def test_a_rule_with_no_bounds_is_refused_and_keeps_what_was_typed(client, world, backbone_staff):
    url = reverse("measurement:indicator-rules", args=[world.initiative.slug, "read3"])
    client.force_login(backbone_staff)
    response = client.post(
        url,
        {
            "rules-TOTAL_FORMS": "1",
            "rules-INITIAL_FORMS": "0",
            "rules-0-kind": RuleKind.RANGE,
            "rules-0-severity": RuleSeverity.ERROR,
            "rules-0-low": "",
            "rules-0-high": "",
            "rules-0-other": "",
        },
    )
    assert response.status_code == 400
    assert "Give a lowest value, a highest value or both." in response.content.decode()
    assert not ValueRule.objects.exists()


# ---- The review queue ----


def test_review_queue_sorts_by_due_date_and_by_warnings(client, world, backbone_staff):
    world.period.due_date = date(2024, 4, 30)
    world.period.save()
    later = ReportingPeriodFactory(
        initiative=world.initiative, code="2024-Q2", due_date=date(2024, 7, 31)
    )
    ValueRule.objects.create(indicator=world.indicator, kind=RuleKind.RANGE, high=80)
    calm = report(
        world, world.org_a, world.period, {ARAB_GIRLS: (20, 40)}, SubmissionStatus.SUBMITTED
    )
    loud = report(world, world.org_b, later, {ARAB_GIRLS: (39, 40)}, SubmissionStatus.SUBMITTED)
    by_due = selectors.review_queue(initiative=world.initiative)
    assert [r["submission"] for r in by_due] == [calm, loud]
    by_warnings = selectors.review_queue(initiative=world.initiative, sort="warnings")
    assert [r["submission"] for r in by_warnings] == [loud, calm]
    client.force_login(backbone_staff)
    page = client.get(
        reverse("measurement:review-queue", args=[world.initiative.slug]), {"sort": "warnings"}
    ).content.decode()
    assert page.index("South Clinic") < page.index("North School")


def test_bulk_approval_asks_first_and_says_what_is_recomputed(client, world, backbone_staff):
    first = report(
        world, world.org_a, world.period, {ARAB_GIRLS: (20, 40)}, SubmissionStatus.SUBMITTED
    )
    second = report(
        world, world.org_b, world.period, {ARAB_GIRLS: (22, 40)}, SubmissionStatus.SUBMITTED
    )
    client.force_login(backbone_staff)
    url = reverse("measurement:review-approve", args=[world.initiative.slug])
    confirm = client.post(url, {"submissions": [first.pk, second.pk]})
    assert confirm.status_code == 200
    text = confirm.content.decode()
    assert "Approve 2 submissions?" in text
    assert "2024-Q1" in text  # what will be recomputed
    assert "Reading" in text
    first.refresh_from_db()
    assert first.status == SubmissionStatus.SUBMITTED  # nothing done yet
    done = client.post(url, {"submissions": [first.pk, second.pk], "confirmed": "1"})
    assert done.status_code == 302
    for submission in (first, second):
        submission.refresh_from_db()
        assert submission.status == SubmissionStatus.APPROVED


def test_the_rules_speak_as_the_partner_types(client, world, ruled, partner_a):
    cell = world.initiative.cells.get(key=ARAB_GIRLS)
    client.force_login(partner_a)
    response = client.post(
        reverse(
            "measurement:submission-values-totals",
            args=[world.initiative.slug, ruled.pk, "read3"],
        ),
        {f"cell_{cell.pk}_numerator": "38", f"cell_{cell.pk}_denominator": "40"},
    )
    text = response.content.decode()
    assert "95.0% is above the highest expected, 80.0%." in text
