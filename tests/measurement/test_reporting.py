"""The reporting plan, the matrix of who has reported, completeness and reminders."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from accounts import services as account_services
from accounts.choices import NoticeKind
from accounts.models import Notice
from measurement import selectors, services
from measurement.choices import Frequency, MatrixStatus, SubmissionStatus
from measurement.models import ReminderLog, ReportingAssignment
from tests.factories.measurement import ReportingPeriodFactory, SubmissionFactory
from tests.measurement.conftest import plan_quarterly, report

TODAY = date(2024, 5, 15)


@pytest.fixture
def plan(world):
    """Both organizations report the rate indicator quarterly; Q1 was due 30 April."""
    world.period.due_date = date(2024, 4, 30)
    world.period.save()
    plan_quarterly(world, [world.org_a, world.org_b], [world.indicator])
    return ReportingPeriodFactory(
        initiative=world.initiative, code="2024-Q2", due_date=date(2024, 7, 31)
    )


def _submission(world, organization, period, status):
    return SubmissionFactory(
        initiative=world.initiative, organization=organization, period=period, status=status
    )


def _status(matrix, organization, period):
    row = next(r for r in matrix["rows"] if r["organization"] == organization)
    return next(c["status"] for c in row["cells"] if c["period"] == period)


def test_matrix_shows_each_organizations_status_and_what_is_overdue(world, plan):
    _submission(world, world.org_a, world.period, SubmissionStatus.APPROVED)
    _submission(world, world.org_b, plan, SubmissionStatus.DRAFT)
    matrix = selectors.reporting_matrix(initiative=world.initiative, today=TODAY)
    assert _status(matrix, world.org_a, world.period) == MatrixStatus.APPROVED
    assert _status(matrix, world.org_b, world.period) == MatrixStatus.OVERDUE
    assert _status(matrix, world.org_a, plan) == MatrixStatus.NOT_STARTED
    assert _status(matrix, world.org_b, plan) == MatrixStatus.DRAFT


def test_matrix_filters_by_status(world, plan):
    _submission(world, world.org_a, world.period, SubmissionStatus.APPROVED)
    matrix = selectors.reporting_matrix(
        initiative=world.initiative, today=TODAY, status=MatrixStatus.OVERDUE
    )
    assert [r["organization"] for r in matrix["rows"]] == [world.org_b]


def test_completeness_counts_what_was_delivered_and_the_unknown_group(world, plan):
    world.gender.categories.create(code="u", name="Not reported", is_unknown=True, order=9)
    from measurement.services import indicator_cells_create

    indicator_cells_create(indicator=world.indicator)
    numbers = {"gender=f;sector=arab": (5, 30), "gender=u;sector=arab": (5, 10)}
    report(world, world.org_a, world.period, numbers, SubmissionStatus.SUBMITTED)
    figures = selectors.organization_completeness(initiative=world.initiative, today=TODAY)
    assert figures[world.org_a.pk]["reported_share"] == 1.0  # Q1 is the only period due
    assert figures[world.org_a.pk]["unknown_share"] == pytest.approx(10 / 40)
    assert figures[world.org_b.pk]["reported_share"] == 0.0


def test_completeness_is_counted_once_until_a_submission_changes(
    world, plan, django_assert_num_queries
):
    submission = report(
        world, world.org_a, world.period, {"gender=f;sector=arab": (5, 30)}, SubmissionStatus.DRAFT
    )
    first = selectors.organization_completeness(initiative=world.initiative, today=TODAY)
    assert first[world.org_a.pk]["reported_share"] == 0.0
    # Read again: from the cache, without scanning the values.
    with django_assert_num_queries(0):
        assert (
            selectors.organization_completeness(initiative=world.initiative, today=TODAY) == first
        )
    # Submitting changes the completeness version: the matrix counts afresh.
    submission.status = SubmissionStatus.SUBMITTED
    submission.save()
    again = selectors.organization_completeness(initiative=world.initiative, today=TODAY)
    assert again[world.org_a.pk]["reported_share"] == 1.0


def test_matrix_page_runs_a_fixed_number_of_queries(
    client, world, plan, backbone_staff, django_assert_max_num_queries
):
    for code in ("2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"):
        period = ReportingPeriodFactory(initiative=world.initiative, code=code)
        for organization in (world.org_a, world.org_b):
            _submission(world, organization, period, SubmissionStatus.APPROVED)
    client.force_login(backbone_staff)
    matrix = reverse("measurement:reporting-matrix", args=[world.initiative.slug])
    # The first view reads the completeness version (five small queries) and counts
    # completeness; later views take both from the cache.
    with django_assert_max_num_queries(20):
        assert client.get(matrix).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(matrix).status_code == 200


def test_staff_set_an_organizations_plan(client, world, backbone_staff):
    client.force_login(backbone_staff)
    client.post(
        reverse("measurement:reporting-plan-edit", args=[world.initiative.slug, "org-a"]),
        {f"reports_{world.indicator.pk}": "on", f"frequency_{world.indicator.pk}": "year"},
    )
    assignment = ReportingAssignment.objects.get()
    assert (assignment.organization, assignment.frequency) == (world.org_a, Frequency.YEARLY)
    client.post(
        reverse("measurement:reporting-plan-edit", args=[world.initiative.slug, "org-a"]),
        {f"frequency_{world.indicator.pk}": "year"},
    )
    assert not ReportingAssignment.objects.exists()


# ---- Reminders ----


def test_reminders_go_to_partner_editors_who_still_owe_data_once(
    world, plan, partner_a, partner_b, partner_viewer
):
    _submission(world, world.org_b, world.period, SubmissionStatus.SUBMITTED)
    week_before = world.period.due_date - timedelta(days=7)

    assert services.reminders_send(today=week_before) == 1
    assert services.reminders_send(today=week_before) == 0

    assert [m.to for m in mail.outbox] == [[partner_a.email]]
    assert "due on" in mail.outbox[0].body
    assert ReminderLog.objects.count() == 1


def test_an_overdue_reminder_says_so(world, plan, partner_a):
    services.reminders_send(today=world.period.due_date + timedelta(days=1))
    assert mail.outbox[0].subject.startswith("Overdue:")
    assert "has not been submitted yet" in mail.outbox[0].body


def test_a_reminder_before_the_due_date_is_a_due_soon_notice_in_the_list(world, plan, partner_a):
    services.reminders_send(today=world.period.due_date - timedelta(days=1))
    notice = Notice.objects.get(recipient=partner_a)
    assert notice.kind == NoticeKind.DUE_SOON
    assert notice.url == world.url("measurement:submission-list")
    assert notice.initiative == world.initiative


def test_a_reminder_after_the_due_date_is_an_overdue_notice_in_the_list(world, plan, partner_a):
    services.reminders_send(today=world.period.due_date + timedelta(days=7))
    assert Notice.objects.get(recipient=partner_a).kind == NoticeKind.OVERDUE


def test_a_reminder_is_written_in_the_partners_language(world, plan, partner_a):
    partner_a.language = "he"
    partner_a.save()
    services.reminders_send(today=world.period.due_date + timedelta(days=1))
    assert mail.outbox[0].subject.startswith("באיחור")
    assert Notice.objects.get(recipient=partner_a).subject == mail.outbox[0].subject


def test_a_partner_who_wants_no_reminders_by_email_gets_none_but_it_still_goes_once(
    world, plan, partner_a
):
    account_services.notice_preferences_set(
        user=partner_a, language="", choices={NoticeKind.DUE_SOON: (False, True)}
    )
    week_before = world.period.due_date - timedelta(days=7)
    services.reminders_send(today=week_before)
    services.reminders_send(today=week_before)
    assert mail.outbox == []
    assert Notice.objects.filter(recipient=partner_a).count() == 1
    assert ReminderLog.objects.filter(organization=world.org_a).count() == 1


def test_no_reminder_on_other_days(world, plan, partner_a):
    assert services.reminders_send(today=world.period.due_date - timedelta(days=3)) == 0


def test_reminders_are_scheduled_daily_by_celery_beat():
    from config.celery import app

    schedule = app.conf.beat_schedule["send-reporting-reminders"]
    assert schedule["task"] == "measurement.tasks.reminders_send_task"


def test_the_cached_matrix_shows_a_new_status_and_a_new_name_at_once(
    client, world, plan, backbone_staff
):
    submission = _submission(world, world.org_a, world.period, SubmissionStatus.DRAFT)
    client.force_login(backbone_staff)
    matrix = reverse("measurement:reporting-matrix", args=[world.initiative.slug])
    assert "status--submitted" not in client.get(matrix).content.decode()
    submission.status = SubmissionStatus.SUBMITTED
    submission.save()
    assert "status--submitted" in client.get(matrix).content.decode()
    world.org_a.name = "North School District"
    world.org_a.save()
    row = '<th scope="row">North School District</th>'
    assert row in client.get(matrix).content.decode()
    # Filters are part of what is cached: each shows its own rows.
    assert row not in client.get(matrix, {"organization": world.org_b.pk}).content.decode()
