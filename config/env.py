"""Strict readers for settings that come from the environment.

A typo in an environment variable must fail at start-up, not silently fall back: a boolean is
``True`` or ``False``, an integer parses, and a required value is present.
"""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

_MISSING = object()


def env_str(name: str, default: object = _MISSING) -> str:
    value = os.environ.get(name)
    if value is None or value == "":
        if default is _MISSING:
            raise ImproperlyConfigured(f"The environment variable {name} must be set.")
        return default  # type: ignore[return-value]
    return value


def env_secret(name: str, default: object = _MISSING) -> str:
    """A secret given in ``name``, or in the file ``name_FILE`` names (a Docker or Kubernetes
    secret), without its trailing newline. Both at once is a mistake, not a choice."""
    path = os.environ.get(f"{name}_FILE", "")
    if path and os.environ.get(name):
        raise ImproperlyConfigured(f"Set {name} or {name}_FILE, not both.")
    if path:
        try:
            with open(path, encoding="utf-8") as file:
                return file.read().rstrip("\r\n")
        except OSError as error:
            raise ImproperlyConfigured(f"{name}_FILE: cannot read {path}: {error}") from None
    return env_str(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value not in ("True", "False"):
        raise ImproperlyConfigured(f"{name} must be True or False, not {value!r}.")
    return value == "True"


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}.") from None


def env_list(name: str, default: object = _MISSING) -> list[str]:
    """A comma-separated list; blanks around the commas are ignored."""
    value = os.environ.get(name)
    if value is None or value == "":
        if default is _MISSING:
            raise ImproperlyConfigured(f"The environment variable {name} must be set.")
        return list(default)  # type: ignore[call-overload]
    return [item.strip() for item in value.split(",") if item.strip()]


def env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    """One of a fixed set of values, spelled exactly: ``Production`` is not ``production``."""
    value = env_str(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {value!r}.")
    return value


def same_redis_server(first: str, second: str) -> bool:
    """Whether two redis:// URLs name one server (whatever their database numbers)."""
    a, b = urlsplit(first), urlsplit(second)
    return (a.hostname, a.port or 6379) == (b.hostname, b.port or 6379)


ENVIRONMENTS = ("development", "production")
SETTINGS_MODULES = {
    "development": "config.settings.base",
    "production": "config.settings.production",
}


def django_env() -> str:
    """Which environment this is. An unknown value stops the start: a typo must not run
    production with DEBUG on and the public development key."""
    return env_choice("DJANGO_ENV", ENVIRONMENTS, "development")


def settings_module() -> str:
    """The settings module for manage.py, WSGI, ASGI and Celery, chosen by ``DJANGO_ENV``."""
    return SETTINGS_MODULES[django_env()]
