"""What the submission workflow tells people: the partner editors of an organization hear
when its data is returned (with the reviewer's comment) or approved, once the action has
committed; the backbone's reviewers get a weekly digest of what waits for them."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail
from django.db import transaction

from accounts import services as account_services
from accounts.choices import NoticeKind
from accounts.models import Notice
from measurement import services
from measurement.choices import SubmissionStatus
from tests.factories.measurement import ReportingPeriodFactory, SubmissionFactory
from tests.measurement.conftest import plan_quarterly, report

MONDAY = date(2024, 5, 13)


def _submitted(world, organization=None, **fields):
    return report(
        world,
        organization or world.org_a,
        fields.pop("period", world.period),
        {"gender=f;sector=arab": (5, 10)},
        SubmissionStatus.SUBMITTED,
    )


def _return(staff, submission, capture, comment="Check the boys' numbers."):
    with capture(execute=True):
        services.submission_return(actor=staff, submission=submission, comment=comment)


# ---- Returned and approved ----


def test_partner_editor_gets_a_notice_when_a_submission_is_returned(
    world, partner_a, partner_b, partner_viewer, backbone_staff, django_capture_on_commit_callbacks
):
    submission = _submitted(world)
    _return(backbone_staff, submission, django_capture_on_commit_callbacks)

    assert [m.to for m in mail.outbox] == [[partner_a.email]]
    assert "Check the boys' numbers." in mail.outbox[0].body
    notice = Notice.objects.get()
    assert (notice.recipient, notice.kind) == (partner_a, NoticeKind.RETURNED)
    assert "Check the boys' numbers." in notice.body
    assert notice.url == world.url("measurement:submission-detail", pk=submission.pk)
    assert notice.initiative == world.initiative


def test_partner_editor_gets_a_notice_when_a_submission_is_approved(
    world, partner_a, backbone_staff, django_capture_on_commit_callbacks
):
    submission = _submitted(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_approve(actor=backbone_staff, submission=submission)

    assert [m.to for m in mail.outbox] == [[partner_a.email]]
    notice = Notice.objects.get(recipient=partner_a)
    assert notice.kind == NoticeKind.APPROVED
    assert "2024-Q1" in notice.subject


def test_nothing_is_sent_when_the_action_is_rolled_back(
    world, partner_a, backbone_staff, django_capture_on_commit_callbacks
):
    submission = _submitted(world)

    @transaction.atomic
    def return_then_fail():
        services.submission_return(actor=backbone_staff, submission=submission, comment="No")
        raise RuntimeError("the page failed after the service")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        return_then_fail()
    assert mail.outbox == []
    assert not Notice.objects.exists()


def test_a_partner_who_turned_off_approvals_by_email_sees_them_in_the_list_only(
    world, partner_a, backbone_staff, django_capture_on_commit_callbacks
):
    account_services.notice_preferences_set(
        user=partner_a, language="", choices={NoticeKind.APPROVED: (False, True)}
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_approve(actor=backbone_staff, submission=_submitted(world))
    assert mail.outbox == []
    assert Notice.objects.filter(recipient=partner_a, kind=NoticeKind.APPROVED).exists()


# ---- The backbone's weekly digest ----


@pytest.fixture
def waiting(world, partner_a):
    """Organization A's Q1 submitted (waiting for review) and its Q2 returned; organization B
    owes Q1, due 30 April."""
    world.period.due_date = date(2024, 4, 30)
    world.period.save()
    plan_quarterly(world, [world.org_a, world.org_b], [world.indicator])
    q2 = ReportingPeriodFactory(initiative=world.initiative, code="2023-Q4")
    submitted = _submitted(world)
    returned = SubmissionFactory(
        initiative=world.initiative,
        organization=world.org_a,
        period=q2,
        status=SubmissionStatus.RETURNED,
    )
    return submitted, returned


def test_backbone_reviewers_get_a_weekly_digest_of_what_waits_for_them(
    world, waiting, backbone_admin, backbone_staff, partner_a, funder
):
    assert services.backbone_digests_send(today=MONDAY) == 2

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [backbone_admin.email, backbone_staff.email]
    )
    body = mail.outbox[0].body
    assert "North School" in body  # waits for review, and was returned
    assert "2023-Q4" in body  # the returned one
    assert "South Clinic" in body  # overdue for 2024-Q1
    assert Notice.objects.filter(kind=NoticeKind.BACKBONE_DIGEST).count() == 2
    assert not Notice.objects.filter(recipient__in=[partner_a, funder]).exists()


def test_the_digest_lists_submissions_waiting_oldest_first(world, backbone_staff):
    from measurement import selectors

    newer = _submitted(world)
    older = _submitted(world, period=ReportingPeriodFactory(initiative=world.initiative))
    for submission, day in ((newer, 10), (older, 3)):
        submission.submitted_at = datetime(2024, 5, day, tzinfo=UTC)
        submission.save()
    digest = selectors.backbone_digest(initiative=world.initiative, today=MONDAY)
    assert [s.pk for s in digest["waiting"]] == [older.pk, newer.pk]


def test_the_digest_goes_once_a_week(world, waiting, backbone_staff):
    services.backbone_digests_send(today=MONDAY)
    assert services.backbone_digests_send(today=MONDAY + timedelta(days=2)) == 0
    assert len(mail.outbox) == 1
    assert services.backbone_digests_send(today=MONDAY + timedelta(days=7)) == 1


def test_no_digest_when_nothing_waits(world, backbone_staff):
    assert services.backbone_digests_send(today=MONDAY) == 0
    assert mail.outbox == []
    assert not Notice.objects.exists()


def test_the_digest_is_scheduled_on_mondays_by_celery_beat():
    from config.celery import app

    schedule = app.conf.beat_schedule["send-backbone-digests"]
    assert schedule["task"] == "measurement.tasks.backbone_digests_send_task"
    assert schedule["schedule"].day_of_week == {1}


def test_the_digest_task_calls_the_service(world, waiting, backbone_staff):
    from measurement.tasks import backbone_digests_send_task

    assert backbone_digests_send_task.delay().get() == 1
