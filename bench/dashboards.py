"""Benchmark: a funder's dashboards and the backbone staff's reporting pages of a
1,000,000-value initiative, served by gunicorn on 127.0.0.1 to 10 and to 50 concurrent clients
(wrk, its own process).

It migrates the database of DATABASE_URL (a fresh one is fine), builds the synthetic
initiative of bench/compute.py there and computes it, signs a funder and a staff member in,
starts gunicorn in production mode (DEBUG off, compressed static files, cache in Redis), warms
each page once, then lets wrk hammer each page at each number of clients. It prints requests
per second, p50 and p95 latency, errors, and the queries each page runs (first view and
cached); the last line reads ``p95 ms: X``, the worst page at 10 clients.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yachad_bench python bench/dashboards.py

Needs wrk: Debian's package (``apt-get install wrk``), installed by this script when it runs
as root and apt-get is there; otherwise it says so and stops. Needs Redis on 127.0.0.1:6379
(or CACHE_URL). Figures go to docs/benchmarks.md.
"""

import argparse
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))
sys.path.insert(0, str(BASE_DIR / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
CACHE_URL = os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/5")
os.environ["CACHE_URL"] = CACHE_URL

PORT = 8765
WRK_REPORT = """
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %d %.3f %.2f %.2f %d\\n", summary.requests,
    summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    errors))
end
"""


def prepare(values: int) -> tuple[dict[str, str], list[tuple[str, str]], dict]:
    """The initiative; a signed-in funder's and staff member's sessions; the pages, each with
    who opens it; their query counts."""
    import compute as compute_bench
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.choices import Role
    from initiatives.models import Initiative, Membership
    from measurement import services

    organizations = max(1, round(values / compute_bench.VALUES_PER_ORGANIZATION))
    slug = f"bench-{organizations}"
    initiative = Initiative.objects.filter(slug=slug).first()
    if initiative is None or not initiative.computed_results.exists():
        initiative = Initiative.objects.get(pk=compute_bench.build(organizations))
        run = services.computation_request(initiative=initiative, enqueue=False)
        services.computation_run_execute(run_id=run.pk)
    clients = {}
    for who, role in (("funder", Role.FUNDER), ("staff", Role.BACKBONE_STAFF)):
        person, _ = get_user_model().objects.get_or_create(email=f"bench-{who}@example.org")
        Membership.objects.update_or_create(
            user=person, initiative=initiative, defaults={"role": role}
        )
        clients[who] = Client()
        clients[who].force_login(person)
    pages = [
        ("funder", f"/i/{slug}/indicators/"),
        ("funder", f"/i/{slug}/indicators/i0/"),
        # The staff pages that read values: who has reported, what waits for review,
        # periods and their completeness.
        ("staff", f"/i/{slug}/reporting/matrix/"),
        ("staff", f"/i/{slug}/review/"),
        ("staff", f"/i/{slug}/reporting/periods/"),
    ]
    queries = {}
    for who, page in pages:
        cache.clear()
        counts = []
        for _attempt in ("first view", "cached"):
            with CaptureQueriesContext(connection) as context:
                response = clients[who].get(page, HTTP_HOST="127.0.0.1")
            assert response.status_code == 200, (page, response.status_code)
            counts.append(len(context.captured_queries))
        queries[page] = counts
    values_in = initiative.computation_runs.order_by("-pk").values_list("rows_in", flat=True)
    print(f"{values_in.first():,} values, {organizations} organizations")
    sessions = {who: client.cookies["sessionid"].value for who, client in clients.items()}
    return sessions, pages, queries


def ensure_wrk() -> None:
    """wrk, the load generator (its own process, never inside the server or pytest): Debian's
    package, installed here when this runs as root with apt-get, else how to get it."""
    if shutil.which("wrk"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing wrk from Debian's packages…")
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False)
    if not shutil.which("wrk"):
        sys.exit(
            "wrk is missing: install Debian's package (sudo apt-get install wrk), or build it "
            "from https://github.com/wg/wrk, then run this again."
        )


def serve(environment: dict) -> subprocess.Popen:
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env=environment,
        check=True,
    )
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "3",
            "--log-level",
            "warning",
        ],
        cwd=BASE_DIR,
        env=environment,
    )
    for _attempt in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/accounts/login/", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("gunicorn did not start")


def hammer(url: str, session: str, seconds: int, script: Path, connections: int) -> dict:
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            "--timeout",
            "10s",
            f"-d{seconds}s",
            "--latency",
            "-s",
            str(script),
            "-H",
            f"Cookie: sessionid={session}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT"))
    requests, duration, p50, p95, errors = line.split()[1:]
    return {
        "rps": int(requests) / float(duration),
        "p50": float(p50),
        "p95": float(p95),
        "errors": int(errors),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--values", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--clients", type=int, nargs="+", default=[10, 50])
    args = parser.parse_args()
    ensure_wrk()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (a fresh one is migrated).")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    sessions, pages, queries = prepare(args.values)
    environment = {
        **os.environ,
        "DEBUG": "False",
        "ALLOWED_HOSTS": "127.0.0.1",
        "CACHE_URL": CACHE_URL,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
    }
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    script = BASE_DIR / "var" / "wrk-report.lua"
    script.parent.mkdir(exist_ok=True)
    script.write_text(WRK_REPORT)
    server = serve(environment)
    worst = 0.0
    try:
        for who, page in pages:
            url = f"http://127.0.0.1:{PORT}{page}"
            session = sessions[who]
            first = time.perf_counter()
            request = urllib.request.Request(url, headers={"Cookie": f"sessionid={session}"})
            urllib.request.urlopen(request).read()  # warm: compute and cache the page once
            warm = (time.perf_counter() - first) * 1000
            print(
                f"  {who} {page}: first view {warm:.0f} ms; queries {queries[page][0]} first "
                f"view, {queries[page][1]} cached"
            )
            for connections in args.clients:
                figures = hammer(url, session, args.seconds, script, connections)
                if connections == min(args.clients):
                    worst = max(worst, figures["p95"])
                print(
                    f"    {connections} clients: {figures['rps']:.0f} requests/s, "
                    f"p50 {figures['p50']:.1f} ms, p95 {figures['p95']:.1f} ms, "
                    f"{figures['errors']} errors"
                )
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"p95 ms: {worst:.1f}")


if __name__ == "__main__":
    main()
