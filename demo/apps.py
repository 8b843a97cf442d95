from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo initiative and ``manage.py load_demo``: no models of its own."""

    name = "demo"
