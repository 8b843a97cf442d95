"""How failed sign-ins are counted: django-axes with two limits.

Axes compares one number with ``AXES_FAILURE_LIMIT``. We count per account and per client
address (``AXES_LOCKOUT_PARAMETERS``) but give the address its own, higher limit, because a
school or a clinic signs in from behind one address and five typos there must not lock out
everyone in it. ``LockoutHandler.get_failures`` therefore reports the address's failures
scaled to the account limit: the address reaches ``AXES_FAILURE_LIMIT`` exactly when it has
``LOGIN_FAILURE_LIMIT_PER_IP`` failures.

A successful sign-in forgets that account's failures (``AXES_RESET_ON_SUCCESS``) but not the
address's failures on other accounts: otherwise someone guessing other people's passwords
could clear their count by signing in to an account of their own now and then.
"""

from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone


def username_of(request: HttpRequest, credentials: dict | None) -> str:
    """The account an attempt is for: the address as typed, in lower case, because one
    e-mail address is one account in any case (``UserManager.get_by_natural_key``)."""
    source = credentials if credentials is not None else request.POST
    return (source.get("username") or "").strip().lower()


def _limit_of(parameter: str) -> int:
    return {
        "username": settings.LOGIN_FAILURE_LIMIT,
        "ip_address": settings.LOGIN_FAILURE_LIMIT_PER_IP,
    }[parameter]


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with a limit per account and a limit per address."""

    def get_failures(self, request, credentials=None) -> int:
        failures = 0
        for parameter, attempts in zip(
            settings.AXES_LOCKOUT_PARAMETERS,
            self.get_user_attempts(request, credentials),
            strict=True,
        ):
            count = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            failures = max(failures, count * settings.AXES_FAILURE_LIMIT // _limit_of(parameter))
        return failures

    def reset_user_attempts(self, request, credentials=None) -> int:
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count


def account_failures_forget(*, user) -> None:
    """Lift the lockout of one account (not of the addresses that tried it): used when its
    owner proves who they are another way, by choosing a new password through the e-mailed
    link. Operators do the same with ``manage.py axes_reset_username <address>``."""
    AccessAttempt.objects.filter(username=user.get_username().lower()).delete()


def sign_in_records_prune() -> int:
    """Forget successful sign-ins older than ``SIGN_IN_LOG_DAYS`` (axes' ``AccessLog``: who,
    when, from which address and browser) and failed attempts whose lockout has ended. Axes
    keeps both forever otherwise; they are personal data kept for security only."""
    now = timezone.now()
    logs, _ = AccessLog.objects.filter(
        attempt_time__lt=now - timedelta(days=settings.SIGN_IN_LOG_DAYS)
    ).delete()
    attempts, _ = AccessAttempt.objects.filter(
        attempt_time__lt=now - settings.AXES_COOLOFF_TIME
    ).delete()
    return logs + attempts
