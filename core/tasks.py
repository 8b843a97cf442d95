"""Thin Celery tasks: call a service."""

from celery import shared_task


@shared_task(ignore_result=True)
def heartbeat_record_task() -> None:
    """Every minute, from beat: a worker took a task from the broker and ran it lately
    (core.health, read by /readyz)."""
    from core.health import heartbeat_record

    heartbeat_record(who="worker")
