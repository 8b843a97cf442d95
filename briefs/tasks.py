"""Thin Celery tasks: load by id, call a service."""

from celery import shared_task


@shared_task
def funder_briefs_send_task() -> int:
    """Daily: each newly final period's brief, by e-mail, to the funders of every initiative
    that sends them."""
    from briefs.services import funder_briefs_send

    return funder_briefs_send()
