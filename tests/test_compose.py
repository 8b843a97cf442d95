"""docker-compose.yml, read as Docker would (docs/operations.md): every long-running service
says how to tell it is healthy, migrations run once before the app starts, the two Redis
servers keep their opposite policies, and no password sits in a URL. The shutdown grace
periods agree with gunicorn's timeouts in the Dockerfile."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import services_required

BASE_DIR = Path(__file__).resolve().parents[1]
COMPOSE = yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text(encoding="utf-8"))
SERVICES = COMPOSE["services"]
LONG_RUNNING = ["web", "worker", "beat", "db", "broker", "cache"]


def seconds(duration: str) -> int:
    number, unit = re.fullmatch(r"(\d+)(s|m)", duration).groups()
    return int(number) * (60 if unit == "m" else 1)


def command_of(service: str) -> str:
    command = SERVICES[service].get("command", [])
    return " ".join(command) if isinstance(command, list) else command


def _compose_command() -> list[str] | None:
    """Docker's compose plugin, or Debian's docker-compose (which .ci/run installs)."""
    docker = shutil.which("docker")
    if (
        docker
        and not subprocess.run([docker, "compose", "version"], capture_output=True).returncode
    ):
        return [docker, "compose"]
    legacy = shutil.which("docker-compose")
    return [legacy] if legacy else None


def test_it_is_valid_for_docker_compose(tmp_path):
    command = _compose_command()
    if command is None:
        message = (
            "Neither docker compose nor docker-compose is here: apt-get install docker-compose"
        )
        if services_required():
            pytest.fail(message)
        pytest.skip(message)
    # As an operator would run it: beside a .env made from the example.
    shutil.copy(BASE_DIR / "docker-compose.yml", tmp_path / "docker-compose.yml")
    shutil.copy(BASE_DIR / ".env.example", tmp_path / ".env")
    result = subprocess.run(
        [*command, "config", "-q"],
        cwd=tmp_path,
        env={"POSTGRES_PASSWORD": "x", "PATH": "/usr/local/bin:/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("service", LONG_RUNNING)
def test_every_long_running_service_has_a_healthcheck(service):
    assert SERVICES[service]["healthcheck"]["test"]


def test_web_and_worker_wait_for_the_migrations():
    migrate = SERVICES["migrate"]
    assert "migrate_locked" in command_of("migrate")
    assert migrate["restart"] == "no"
    for service in ("web", "worker", "beat"):
        waits = SERVICES[service]["depends_on"]
        assert waits["migrate"] == {"condition": "service_completed_successfully"}, service
        assert waits["db"] == {"condition": "service_healthy"}, service


def test_the_probes_are_the_ones_the_app_answers():
    assert "/healthz" in " ".join(SERVICES["web"]["healthcheck"]["test"])
    assert "inspect ping" in " ".join(SERVICES["worker"]["healthcheck"]["test"])
    assert "heartbeat_check beat" in " ".join(SERVICES["beat"]["healthcheck"]["test"])


def test_the_cache_is_bounded_and_forgets_and_the_broker_keeps_everything():
    cache, broker = command_of("cache"), command_of("broker")
    assert "--maxmemory " in cache
    assert "--maxmemory-policy allkeys-lru" in cache
    assert "--appendonly no" in cache
    assert "--save " in cache
    assert "--appendonly yes" in broker
    assert "--maxmemory-policy noeviction" in broker
    assert any("/data" in volume for volume in SERVICES["broker"]["volumes"])
    app = SERVICES["web"]["environment"]
    assert app["CACHE_URL"].split("/")[2] != app["CELERY_BROKER_URL"].split("/")[2]


def test_no_password_is_inside_a_url():
    text = (BASE_DIR / "docker-compose.yml").read_text(encoding="utf-8")
    assert not re.search(r"://[^/\s:@]+:[^/\s@]+@", text)
    assert "DATABASE_URL" not in SERVICES["web"]["environment"]
    assert SERVICES["web"]["environment"]["POSTGRES_HOST"] == "db"


def test_shutdown_grace_outlasts_the_work_in_flight():
    dockerfile = (BASE_DIR / "Dockerfile").read_text(encoding="utf-8")
    graceful = int(re.search(r'"--graceful-timeout", "(\d+)"', dockerfile).group(1))
    timeout = int(re.search(r'"--timeout", "(\d+)"', dockerfile).group(1))
    assert graceful < seconds(SERVICES["web"]["stop_grace_period"])
    # Measured: a warm shutdown of two 1M-value computations took 9.2 s (docs/operations.md).
    assert seconds(SERVICES["worker"]["stop_grace_period"]) >= 3 * 9.2
    # The longest request, an API batch of 200,000 rows, takes about 15 s on a loaded machine.
    assert timeout >= 3 * 15
