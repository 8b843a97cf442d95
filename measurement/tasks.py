"""Thin Celery tasks: load by id, call a service."""

from celery import shared_task
from django.db import OperationalError


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def computation_run_task(run_id: int) -> None:
    from measurement.services import computation_run_execute

    computation_run_execute(run_id=run_id)


@shared_task
def reminders_send_task() -> int:
    """Daily: remind partners whose data is due in a week or tomorrow, or overdue."""
    from measurement.services import reminders_send

    return reminders_send()


@shared_task
def submission_notify_task(submission_id: int, kind: str) -> int:
    """After a submission is returned or approved: tell its partner editors."""
    from measurement.models import Submission
    from measurement.services import submission_notify

    submission = (
        Submission.objects.select_related("initiative", "organization", "period", "reviewed_by")
        .filter(pk=submission_id)
        .first()
    )
    return submission_notify(submission=submission, kind=kind) if submission else 0


@shared_task
def backbone_digests_send_task() -> int:
    """Mondays: tell the backbone's reviewers what waits for them."""
    from measurement.services import backbone_digests_send

    return backbone_digests_send()


@shared_task
def uploads_expire_task() -> int:
    """Daily: remove uploaded files past their retention period."""
    from measurement.services import uploads_expire

    return uploads_expire()


@shared_task
def computation_runs_sweep_task() -> dict[str, int]:
    """Every minute: runs whose worker died, and requests the task queue never received."""
    from measurement.services import computation_runs_sweep

    return computation_runs_sweep()
