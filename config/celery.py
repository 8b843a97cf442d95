"""The Celery application.

Without ``CELERY_BROKER_URL`` the settings turn on eager mode, so tasks run in-process and the
embedded default needs no Redis. Periodic schedules are declared here and nowhere else.
"""

import os

from celery import Celery
from celery.schedules import crontab
from celery.signals import before_task_publish, task_postrun, task_prerun

from config.env import settings_module
from core import request_id

os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module())

app = Celery("yachad")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # The heartbeat that /readyz and beat's healthcheck read (below).
    "record-heartbeat": {
        "task": "core.tasks.heartbeat_record_task",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    # Runs whose worker died, and requests the broker never received (docs/architecture.md).
    "sweep-computation-runs": {
        "task": "measurement.tasks.computation_runs_sweep_task",
        "schedule": 60.0,
    },
    "send-reporting-reminders": {
        "task": "measurement.tasks.reminders_send_task",
        "schedule": crontab(hour=7, minute=0),
    },
    "remove-expired-uploads": {
        "task": "measurement.tasks.uploads_expire_task",
        "schedule": crontab(hour=3, minute=0),
    },
    "send-weekly-digests": {
        "task": "conditions.tasks.digests_send_task",
        "schedule": crontab(day_of_week="mon", hour=7, minute=30),
    },
    "send-backbone-digests": {
        "task": "measurement.tasks.backbone_digests_send_task",
        "schedule": crontab(day_of_week="mon", hour=7, minute=15),
    },
    # Funder briefs of newly final periods, by e-mail (docs/briefs.md).
    "send-funder-briefs": {
        "task": "briefs.tasks.funder_briefs_send_task",
        "schedule": crontab(hour=6, minute=30),
    },
    "prune-sign-in-records": {
        "task": "accounts.tasks.sign_in_records_prune_task",
        "schedule": crontab(hour=3, minute=15),
    },
}


# ---- Request ids: a task started by a request logs under that request's id ----
# (docs/operations.md, "Logs"). The id travels in the task message's headers; eager mode runs
# the task inside the request, where the id is already set.


@before_task_publish.connect
def request_id_to_task(headers=None, **kwargs):
    current = request_id.get()
    if current and headers is not None:
        headers.setdefault("request_id", current)


@task_prerun.connect
def request_id_from_task(task=None, **kwargs):
    carried = task.request.get("request_id") if task is not None else None
    if carried:
        request_id.set(carried)


@task_postrun.connect
def request_id_forget(task=None, **kwargs):
    if task is not None and task.request.get("request_id"):
        request_id.set("")


# ---- The heartbeat (docs/operations.md, core/health.py) ----
# Beat sends a trivial task every minute; the worker that runs it records the time, which
# /readyz reads; beat records that it sent one, which beat's own healthcheck reads. A
# heartbeat a busy queue held back past a minute is dropped, not piled up.
HEARTBEAT_TASK = "core.tasks.heartbeat_record_task"


@before_task_publish.connect
def heartbeat_of_beat(sender=None, **kwargs):
    if sender == HEARTBEAT_TASK:
        from core.health import heartbeat_record

        heartbeat_record(who="beat")
