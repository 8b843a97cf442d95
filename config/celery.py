"""The Celery application.

Without ``CELERY_BROKER_URL`` the settings turn on eager mode, so tasks run in-process and the
embedded default needs no Redis. Periodic schedules are declared here and nowhere else.
"""

import os

from celery import Celery
from celery.schedules import crontab

from config.env import settings_module

os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module())

app = Celery("yachad")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
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
    "prune-sign-in-records": {
        "task": "accounts.tasks.sign_in_records_prune_task",
        "schedule": crontab(hour=3, minute=15),
    },
}
