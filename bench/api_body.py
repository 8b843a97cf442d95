"""Benchmark: do 200,000 rows of values fit one API request, and what does sending them cost?

Builds realistic bodies of API_MAX_ROWS rows in the values interchange format — long codes
(an indicator such as ``third-grade-reading-proficiency-07``, organizations such as
``north-river-elementary-school-12``) and four dimensions of three categories — as JSON
(compact, as ``json.dumps`` writes it by default, and indented by 2) and as CSV, and compares
their sizes with the API's limits. Then, against PostgreSQL, it sends to
``POST /api/v1/initiatives/<slug>/values/`` with a backbone token the CSV body (whole, and cut
to the rows that fit its limit) and the JSON bodies (compact, then default), each in a process
of its own through Django's test client (the whole middleware and view stack, no HTTP server),
and prints the time and the peak memory the request added. The JSON bodies carry the same
rows, so the last one writes only what changed.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yachad python bench/api_body.py
    python bench/api_body.py --sizes-only          # no database needed

Figures go to docs/benchmarks.md.
"""

import argparse
import csv
import io
import itertools
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

SLUG = "bench-api-body"
DIMENSIONS = {
    "gender": ["female", "male", "unknown"],
    "sector": ["arab", "jewish", "other"],
    "grade": ["grade-1", "grade-2", "grade-3"],
    "neighbourhood": ["north-east", "south-west", "city-centre"],
}
INDICATORS = [f"third-grade-reading-proficiency-{i:02}" for i in range(20)]
PERIODS = ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]
ORGANIZATIONS = [f"north-river-elementary-school-{i:02}" for i in range(31)]


def rows(count: int) -> list[dict]:
    """``count`` distinct rows: every indicator × period × organization × full breakdown."""
    cells = list(itertools.product(*DIMENSIONS.values()))
    combinations = itertools.product(INDICATORS, PERIODS, ORGANIZATIONS, cells)
    out = []
    for number, (indicator, period, organization, cell) in enumerate(
        itertools.islice(combinations, count)
    ):
        denominator = 40 + number % 3000
        out.append(
            {
                "indicator": indicator,
                "period": period,
                "organization": organization,
                **dict(zip(DIMENSIONS, cell, strict=True)),
                "numerator": str(denominator * 3 // 5),
                "denominator": str(denominator),
                "value": "",
            }
        )
    return out


def csv_body(values: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(values[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(values)
    return buffer.getvalue().encode()


def sizes(values: list[dict]) -> dict[str, bytes]:
    from django.conf import settings

    from api.parsers import csv_body_limit

    bodies = {
        "JSON, compact": json.dumps({"rows": values}, separators=(",", ":")).encode(),
        "JSON, json.dumps default": json.dumps({"rows": values}).encode(),
        "JSON, indented by 2": json.dumps({"rows": values}, indent=2).encode(),
        "CSV": csv_body(values),
    }
    print(f"{len(values):,} rows")
    for name, body in bodies.items():
        limit = csv_body_limit() if name == "CSV" else settings.API_MAX_BODY_BYTES
        print(
            f"  {name:<26} {len(body) / 2**20:6.1f} MiB of {limit / 2**20:.0f} MiB "
            f"({len(body) / limit:.0%} of the limit)"
        )
    return bodies


def build():
    """An initiative with the definitions the rows name, a backbone member and a token."""
    from django.core.management import call_command
    from fresh import fresh_initiative

    from accounts.choices import Role
    from accounts.models import User
    from initiatives import services as initiative_services
    from initiatives.models import Membership, Organization, Partnership
    from measurement import services
    from measurement.models import Category, Dimension, Indicator

    call_command("migrate", verbosity=0)
    initiative = fresh_initiative(SLUG, "API body benchmark")
    dimensions = []
    for code, categories in DIMENSIONS.items():
        dimension = Dimension.objects.create(initiative=initiative, code=code, name=code)
        Category.objects.bulk_create(
            Category(dimension=dimension, code=c, name=c, order=i) for i, c in enumerate(categories)
        )
        dimensions.append(dimension)
    for code in INDICATORS:
        indicator = Indicator.objects.create(initiative=initiative, code=code, name=code)
        indicator.dimensions.set(dimensions)
        services.indicator_cells_create(indicator=indicator)
    for code in PERIODS:
        services.period_for_code(actor=None, initiative=initiative, code=code)
    for code in ORGANIZATIONS:
        organization, _ = Organization.objects.get_or_create(code=code, defaults={"name": code})
        Partnership.objects.create(initiative=initiative, organization=organization)
    user, _ = User.objects.get_or_create(email="bench-api-body@example.org")
    Membership.objects.create(user=user, initiative=initiative, role=Role.BACKBONE_STAFF)
    _token, key = initiative_services.api_token_create(
        actor=user, initiative=initiative, name="bench"
    )
    return key


def peak_mib() -> float:
    """The process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited from the
    parent that started it)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status (Linux only)")


def send(path: Path, content_type: str) -> None:
    """In a process of its own, so that its peak memory is the request's: POST the body in
    ``path`` and print the answer, the time and the peak memory over what the process held
    with the body read."""
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    key = os.environ["BENCH_TOKEN"]
    body = path.read_bytes()
    before = peak_mib()
    started = time.perf_counter()
    response = Client(raise_request_exception=False).post(
        f"/api/v1/initiatives/{SLUG}/values/",
        data=body,
        content_type=content_type,
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    seconds = time.perf_counter() - started
    answer = response.json()
    outcome = (
        f"{answer['rows']:,} rows, {answer['changed']:,} written"
        if response.status_code == 200
        else f"{answer['error']['code']}: {answer['error']['message']}"
    )
    print(
        f"  {content_type:<17} {len(body) / 2**20:5.1f} MiB: {response.status_code} in "
        f"{seconds:6.2f} s, +{peak_mib() - before:,.0f} MiB peak memory; {outcome}",
        flush=True,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=None, help="default: API_MAX_ROWS")
    parser.add_argument("--sizes-only", action="store_true")
    parser.add_argument("--send", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--content-type", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.send:
        return send(args.send, args.content_type)
    import django

    django.setup()
    from django.conf import settings

    print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    bodies = sizes(rows(args.rows or settings.API_MAX_ROWS))
    if args.sizes_only:
        return
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database, or pass --sizes-only.")
    key = build()
    from api.parsers import csv_body_limit

    fitting = bodies["CSV"][: csv_body_limit()]
    bodies["CSV that fits"] = fitting[: fitting.rindex(b"\n") + 1]
    with tempfile.TemporaryDirectory() as folder:
        for name, content_type in (
            ("CSV", "text/csv"),
            ("CSV that fits", "text/csv"),
            ("JSON, compact", "application/json"),
            ("JSON, json.dumps default", "application/json"),
        ):
            path = Path(folder) / "body"
            path.write_bytes(bodies[name])
            subprocess.run(
                [sys.executable, __file__, "--send", str(path), "--content-type", content_type],
                env={**os.environ, "BENCH_TOKEN": key},
                check=True,
            )


if __name__ == "__main__":
    main()
