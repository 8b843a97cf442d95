"""Thin Celery tasks: call a service."""

from celery import shared_task


@shared_task
def digests_send_task() -> int:
    """Mondays: e-mail every initiative's members what happened in the past week."""
    from conditions.services import digests_send

    return digests_send()
