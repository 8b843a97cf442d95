"""Benchmark: the full computation against the bare aggregate PostgreSQL can do on the same rows.

For each size it builds a synthetic initiative in the database of DATABASE_URL — 20 rate
indicators × 12 quarters × N organizations × three dimensions of 7, 3 and 5 categories (105
cells) — loads the data values with COPY, and times in one run:

(a) the full compute, database to database: a ComputationRun executed by the service, reading
    approved values, computing every rollup with intervals, gaps, suppression and time
    statistics, and writing the results back — in a child process, whose peak memory is
    measured;
(b) the bare CUBE: one ``GROUP BY indicator, period, CUBE(d1, d2, d3)`` summing numerators and
    denominators, written into a table (database to database as well).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yachad python bench/compute.py
    DATABASE_URL=... python bench/compute.py --values 1000000

Without --values it runs 100k and 1M values, and 10M when the machine has the memory. The
last line reads ``compute/cube ratio: X.XX`` (of the largest size). Figures go to
docs/benchmarks.md.
"""

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

INDICATORS, PERIODS = 20, 12
DIMENSIONS = {"d1": 7, "d2": 3, "d3": 5}
CELLS = 7 * 3 * 5
VALUES_PER_ORGANIZATION = INDICATORS * PERIODS * CELLS


def setup_django():
    import django

    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database: the benchmark compares with it.")
    django.setup()


def build(organizations: int, *, denominators: int = 60, periods: int = PERIODS) -> int:
    """Create the synthetic initiative and COPY its values in; return its id. Each value's
    denominator is drawn from 0 to ``denominators`` - 1 (bench/suppression.py uses smaller
    ones so that disclosure control has work)."""
    from django.core.management import call_command
    from django.db import connection

    from initiatives.models import Initiative, Organization, Partnership
    from measurement import services
    from measurement.cells import dimension_set
    from measurement.choices import SubmissionStatus
    from measurement.models import Category, Dimension, Indicator, ReportingPeriod, Submission

    call_command("migrate", verbosity=0)
    slug = f"bench-{organizations}"
    drop(slug)
    initiative = Initiative.objects.create(slug=slug, name=f"Benchmark ({organizations} orgs)")
    dimensions = []
    for code, size in DIMENSIONS.items():
        dimension = Dimension.objects.create(initiative=initiative, code=code, name=code)
        Category.objects.bulk_create(
            Category(
                dimension=dimension, code=f"c{i}", name=f"{code} {i}", order=i, is_reference=i == 0
            )
            for i in range(size)
        )
        dimensions.append(dimension)
    indicators = []
    for i in range(INDICATORS):
        indicator = Indicator.objects.create(
            initiative=initiative, code=f"i{i}", name=f"Indicator {i}", kind="rate", scale=100
        )
        indicator.dimensions.set(dimensions)
        services.indicator_cells_create(indicator=indicator)
        indicators.append(indicator.pk)
    quarters = [
        ReportingPeriod.objects.create(initiative=initiative, code=f"{2020 + q // 4}-Q{q % 4 + 1}")
        for q in range(periods)
    ]
    orgs = Organization.objects.bulk_create(
        Organization(code=f"{slug}-o{i}", name=f"Organization {i}") for i in range(organizations)
    )
    orgs = list(Organization.objects.filter(code__startswith=f"{slug}-o"))
    Partnership.objects.bulk_create(
        Partnership(initiative=initiative, organization=o) for o in orgs
    )
    submissions = Submission.objects.bulk_create(
        Submission(
            initiative=initiative, organization=o, period=p, status=SubmissionStatus.APPROVED
        )
        for o in orgs
        for p in quarters
    )
    submission_ids = list(
        Submission.objects.filter(initiative=initiative)
        .order_by("organization_id", "period_id")
        .values_list("id", flat=True)
    )
    del submissions
    leaf = dimension_set(DIMENSIONS)
    cell_ids = list(initiative.cells.filter(dimension_set=leaf).values_list("id", flat=True))
    assert len(cell_ids) == CELLS

    rng = np.random.default_rng(2024)
    started = time.perf_counter()
    per_submission = INDICATORS * CELLS
    with (
        connection.cursor() as cursor,
        cursor.copy(
            "COPY measurement_datavalue (submission_id, indicator_id, cell_id, numerator, "
            "denominator) FROM STDIN WITH (FORMAT csv)"
        ) as copy,
    ):
        for start in range(0, len(submission_ids), 100):  # 210,000 rows at a time
            batch = submission_ids[start : start + 100]
            drawn = rng.integers(0, denominators, per_submission * len(batch))
            frame = pd.DataFrame(
                {
                    "submission_id": np.repeat(batch, per_submission),
                    "indicator_id": np.tile(np.repeat(indicators, CELLS), len(batch)),
                    "cell_id": np.tile(cell_ids, INDICATORS * len(batch)),
                    "numerator": rng.binomial(drawn, rng.uniform(0.2, 0.9, len(drawn))),
                    "denominator": drawn,
                }
            )
            copy.write(frame.to_csv(header=False, index=False))
    print(
        f"  loaded {len(submission_ids) * per_submission:,} values with COPY in "
        f"{time.perf_counter() - started:.1f} s",
        flush=True,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE measurement_datavalue; ANALYZE measurement_submission")
    return initiative.pk


def drop(slug: str) -> None:
    """Remove an earlier benchmark initiative with plain SQL (the ORM would load every row)."""
    from django.db import connection

    from initiatives.models import Initiative, Organization

    initiative = Initiative.objects.filter(slug=slug).first()
    if initiative is None:
        return
    with connection.cursor() as cursor:
        for table in ("measurement_computedresult", "measurement_dimensiondisparity"):
            cursor.execute(f"DELETE FROM {table} WHERE initiative_id = %s", [initiative.pk])
        cursor.execute(
            "DELETE FROM measurement_datavalue WHERE submission_id IN "
            "(SELECT id FROM measurement_submission WHERE initiative_id = %s)",
            [initiative.pk],
        )
    initiative.delete()
    Organization.objects.filter(code__startswith=f"{slug}-o").delete()


def bare_cube(initiative_id: int) -> tuple[float, int]:
    """The database's own aggregate over the same rows, into a table."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_cell_dims, bench_cube")
        cursor.execute(
            "CREATE TEMP TABLE bench_cell_dims AS SELECT id AS cell_id, "
            + ", ".join(f"substring(key from '{d}=([^;]+)') AS {d}" for d in DIMENSIONS)
            + " FROM measurement_cell WHERE initiative_id = %s",
            [initiative_id],
        )
        started = time.perf_counter()
        cursor.execute(
            f"""
            CREATE TEMP TABLE bench_cube AS
            SELECT dv.indicator_id, s.period_id, {", ".join(f"c.{d}" for d in DIMENSIONS)},
                   SUM(dv.numerator) AS numerator, SUM(dv.denominator) AS denominator
            FROM measurement_datavalue dv
            JOIN measurement_submission s ON s.id = dv.submission_id
            JOIN bench_cell_dims c ON c.cell_id = dv.cell_id
            WHERE s.initiative_id = %s AND s.status = 'approved'
            GROUP BY dv.indicator_id, s.period_id,
                     CUBE({", ".join(f"c.{d}" for d in DIMENSIONS)})
        """,
            [initiative_id],
        )
        seconds = time.perf_counter() - started
        cursor.execute("SELECT count(*) FROM bench_cube")
        return seconds, cursor.fetchone()[0]


def full_compute(initiative_id: int) -> dict:
    """Run the computation in a child process and measure its time and peak memory."""
    child = subprocess.run(
        [sys.executable, __file__, "--compute-only", str(initiative_id)],
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(child.stdout.strip().splitlines()[-1])
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return figures


def compute_only(initiative_id: int) -> None:
    from initiatives.models import Initiative
    from measurement import services

    initiative = Initiative.objects.get(pk=initiative_id)
    run = services.computation_request(initiative=initiative, reason="benchmark", enqueue=False)
    started = time.perf_counter()
    run = services.computation_run_execute(run_id=run.pk)
    seconds = time.perf_counter() - started
    if run.error:
        sys.exit(run.error)
    print(json.dumps({"seconds": seconds, "rows_in": run.rows_in, "rows_out": run.rows_out}))


def machine() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    import pandas

    return (
        f"{platform.machine()}, {os.cpu_count()} cores, {memory:.0f} GiB, "
        f"Python {platform.python_version()}, pandas {pandas.__version__}, "
        f"PostgreSQL {postgres}"
    )


def available_gib() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 2**20
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--values", type=int, help="run one size, about this many values")
    parser.add_argument("--compute-only", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--keep", action="store_true", help="keep the synthetic initiatives")
    args = parser.parse_args()
    setup_django()
    if args.compute_only:
        compute_only(args.compute_only)
        return

    if args.values:
        sizes = [args.values]
    else:
        sizes = [100_000, 1_000_000]
        if available_gib() > 12:
            sizes.append(10_000_000)
    print(f"Machine: {machine()}")
    ratio = None
    for size in sizes:
        organizations = max(1, round(size / VALUES_PER_ORGANIZATION))
        print(
            f"\n{organizations * VALUES_PER_ORGANIZATION:,} values "
            f"({organizations} organizations):",
            flush=True,
        )
        initiative_id = build(organizations)
        cube_seconds, cube_rows = bare_cube(initiative_id)
        figures = full_compute(initiative_id)
        ratio = figures["seconds"] / cube_seconds
        print(f"  bare CUBE query:  {cube_seconds:7.2f} s  {cube_rows:,} rows out")
        print(
            f"  full compute:     {figures['seconds']:7.2f} s  {figures['rows_out']:,} rows out,"
            f" {figures['rows_in'] / figures['seconds']:,.0f} values/s,"
            f" peak memory {figures['peak_mb']:,.0f} MB"
        )
        print(f"  ratio {ratio:.2f}", flush=True)
        if not args.keep:
            from initiatives.models import Initiative

            drop(Initiative.objects.get(pk=initiative_id).slug)
    print(f"compute/cube ratio: {ratio:.2f}")


if __name__ == "__main__":
    main()
