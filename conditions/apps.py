from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConditionsConfig(AppConfig):
    """The tools of the five conditions beyond the agenda and the measurement: working groups
    and the plan of action, meetings and updates, the backbone's work, assessments."""

    name = "conditions"
    verbose_name = _("Five conditions")
