"""Configuration from the environment: the embedded default, and a production mode that
refuses unsafe settings and passes Django's deployment checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[1]
PRODUCTION = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "yachad.example.org",
    "DATABASE_URL": "postgres://yachad@db.example.org/yachad",
    "CELERY_BROKER_URL": "redis://redis.example.org:6379/0",
}


def manage(*args, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DJANGO_SETTINGS_MODULE",
            "DATABASE_URL",
            "CELERY_BROKER_URL",
            "DJANGO_ENV",
            "SECRET_KEY",
            "DEBUG",
            "ALLOWED_HOSTS",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_check_refuses(message: str, **env) -> None:
    """``manage.py check`` fails under ``env``, and says ``message`` to whoever runs it."""
    result = manage("check", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_passes_the_deployment_checks():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_the_development_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    assert_check_refuses("SECRET_KEY", **env)


def test_production_refuses_debug():
    assert_check_refuses("DEBUG", **PRODUCTION, DEBUG="True")


def test_production_needs_a_database_url():
    env = {k: v for k, v in PRODUCTION.items() if k != "DATABASE_URL"}
    assert_check_refuses("DATABASE_URL", **env)


@pytest.mark.parametrize("value", ["yes", "1", "true"])
def test_a_boolean_must_be_spelled_true_or_false(value):
    assert_check_refuses("must be True or False", DEBUG=value)


def printed_settings(names: str, **env) -> list[str]:
    """The settings ``names`` (an expression over the settings module ``s``, such as
    ``"s.DEBUG, s.SECRET_KEY"``) as Django configures them under ``env``, printed one by one."""
    result = manage(
        "shell",
        "--verbosity",
        "0",
        "-c",
        f"from django.conf import settings as s; print({names})",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_no_environment_means_sqlite_and_eager_celery():
    printed = printed_settings(
        "s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.DEBUG"
    )
    assert printed == ["django.db.backends.sqlite3", "True", "True"]


def test_database_and_broker_urls_switch_to_postgresql_and_redis():
    printed = printed_settings(
        "s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER",
        DATABASE_URL="postgres://u@localhost/x",
        CELERY_BROKER_URL="redis://localhost:6379/0",
    )
    assert printed == ["django.db.backends.postgresql", "False"]


@pytest.mark.parametrize("value", ["Production", "prod", "production "])
def test_an_unknown_environment_refuses_to_start(value):
    message = "DJANGO_ENV must be one of development, production"
    assert_check_refuses(message, **(PRODUCTION | {"DJANGO_ENV": value}))


def test_production_cannot_run_under_another_settings_module():
    message = "DJANGO_SETTINGS_MODULE=config.settings.production"
    assert_check_refuses(message, **PRODUCTION, DJANGO_SETTINGS_MODULE="config.settings.base")


def test_the_development_environment_may_be_named():
    result = manage("check", DJANGO_ENV="development")
    assert result.returncode == 0, result.stderr


def test_production_keeps_the_broker_off_the_evicting_cache_server():
    message = "CACHE_URL and CELERY_BROKER_URL must name different Redis servers"
    assert_check_refuses(message, **PRODUCTION, CACHE_URL="redis://redis.example.org:6379/1")


def test_production_runs_with_a_cache_server_of_its_own():
    result = manage("check", **PRODUCTION, CACHE_URL="redis://cache.example.org:6379/0")
    assert result.returncode == 0, result.stderr
