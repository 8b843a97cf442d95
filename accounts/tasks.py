"""Thin Celery tasks: call a service."""

from celery import shared_task


@shared_task
def sign_in_records_prune_task() -> int:
    """Daily: forget old records of signing in (docs/configuration.md, SIGN_IN_LOG_DAYS)."""
    from accounts.lockout import sign_in_records_prune

    return sign_in_records_prune()
