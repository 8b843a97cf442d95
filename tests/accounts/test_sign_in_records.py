"""What the lockout remembers about people signing in (when, from which address, with which
browser) is kept for SIGN_IN_LOG_DAYS, then forgotten by a daily task."""

from datetime import timedelta

from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.utils import timezone

from accounts.lockout import sign_in_records_prune


def _log(days_ago):
    log = AccessLog.objects.create(
        username="dana@example.org", ip_address="192.0.2.10", user_agent="Firefox"
    )
    # attempt_time is set on creation: move it back afterwards.
    AccessLog.objects.filter(pk=log.pk).update(
        attempt_time=timezone.now() - timedelta(days=days_ago)
    )
    return log


def _attempt(minutes_ago):
    attempt = AccessAttempt.objects.create(
        username="dana@example.org",
        ip_address="192.0.2.10",
        user_agent=f"Firefox, {minutes_ago} minutes ago",
        failures_since_start=2,
    )
    AccessAttempt.objects.filter(pk=attempt.pk).update(
        attempt_time=timezone.now() - timedelta(minutes=minutes_ago)
    )
    return attempt


def test_it_forgets_sign_ins_older_than_the_retention(db):
    old, recent = _log(settings.SIGN_IN_LOG_DAYS + 1), _log(settings.SIGN_IN_LOG_DAYS - 1)
    sign_in_records_prune()
    assert list(AccessLog.objects.all()) == [recent]
    assert not AccessLog.objects.filter(pk=old.pk).exists()


def test_it_forgets_failures_whose_lockout_has_ended(db):
    _attempt(settings.LOGIN_LOCKOUT_MINUTES + 1)
    current = _attempt(1)
    sign_in_records_prune()
    assert list(AccessAttempt.objects.all()) == [current]


def test_pruning_is_on_the_beat_schedule():
    from config.celery import app

    tasks = [entry["task"] for entry in app.conf.beat_schedule.values()]
    assert "accounts.tasks.sign_in_records_prune_task" in tasks
