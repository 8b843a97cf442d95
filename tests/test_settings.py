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
    "CACHE_URL": "redis://cache.example.org:6379/0",
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
            "CACHE_URL",
            "POSTGRES_HOST",
            "POSTGRES_PORT",
            "POSTGRES_DB",
            "POSTGRES_USER",
            "POSTGRES_PASSWORD",
            "POSTGRES_PASSWORD_FILE",
            "SECRET_KEY_FALLBACKS",
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


def test_production_needs_a_cache_url():
    # Without a shared cache each web process keeps its own, and a dashboard recomputed in one
    # stays stale in the others until they restart.
    env = {k: v for k, v in PRODUCTION.items() if k != "CACHE_URL"}
    assert_check_refuses("CACHE_URL", **env)


def test_production_may_name_the_database_in_separate_variables(tmp_path):
    env = {k: v for k, v in PRODUCTION.items() if k != "DATABASE_URL"}
    result = manage("check", **env, POSTGRES_HOST="db.example.org", POSTGRES_PASSWORD="x")
    assert result.returncode == 0, result.stderr


def test_separate_database_variables_keep_the_password_out_of_any_url(tmp_path):
    secret = tmp_path / "password"
    secret.write_text("p@ss/word:with#signs\n")
    printed = printed_settings(
        "s.DATABASES['default']['ENGINE'], s.DATABASES['default']['HOST'], "
        "s.DATABASES['default']['PORT'], s.DATABASES['default']['NAME'], "
        "s.DATABASES['default']['USER'], s.DATABASES['default']['PASSWORD']",
        POSTGRES_HOST="db",
        POSTGRES_PORT="5433",
        POSTGRES_DB="yachad",
        POSTGRES_USER="yachad",
        POSTGRES_PASSWORD_FILE=str(secret),
    )
    assert printed == [
        "django.db.backends.postgresql",
        "db",
        "5433",
        "yachad",
        "yachad",
        "p@ss/word:with#signs",
    ]


def test_a_database_url_wins_over_separate_variables():
    printed = printed_settings(
        "s.DATABASES['default']['HOST']",
        DATABASE_URL="postgres://u@urlhost/x",
        POSTGRES_HOST="db",
    )
    assert printed == ["urlhost"]


def test_old_secret_keys_may_be_kept_while_rotating():
    printed = printed_settings(
        "len(s.SECRET_KEY_FALLBACKS)", SECRET_KEY_FALLBACKS="old-key-one,old-key-two"
    )
    assert printed == ["2"]


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
    assert_check_refuses(message, **PRODUCTION | {"CACHE_URL": "redis://redis.example.org:6379/1"})


def test_production_runs_with_a_cache_server_of_its_own():
    result = manage("check", **PRODUCTION | {"CACHE_URL": "redis://cache.example.org:6379/0"})
    assert result.returncode == 0, result.stderr
