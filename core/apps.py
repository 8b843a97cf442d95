from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The small shared toolkit every app may use and that uses no app: no models, no
    knowledge of initiatives, roles or measurement."""

    name = "core"
    verbose_name = "Core"
