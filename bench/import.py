"""Benchmark: importing a 100,000-row CSV of data values against the bare baseline of reading it
with pandas and COPYing the same rows into PostgreSQL.

The import is what an upload or ``import_data`` does: decode and read the file, check every row
(codes, categories, numbers, duplicates) and write the values into their submissions with their
audit history, in one transaction. The baseline is ``pandas.read_csv`` plus a ``COPY`` of the
same rows into a table of the same columns.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yachad python bench/import.py
    DATABASE_URL=... python bench/import.py --rows 250000

The last line reads ``import/baseline ratio: X.XX``. Figures go to docs/benchmarks.md.
"""

import argparse
import io
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

DIMENSIONS = {"d1": 7, "d2": 3, "d3": 5}
INDICATORS, PERIODS = 20, 4
CELLS = 7 * 3 * 5


def setup_django():
    import django

    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database: the baseline is a COPY into it.")
    django.setup()


def build(organizations: int):
    """An initiative with the definitions the file refers to (no data yet)."""
    from django.core.management import call_command
    from fresh import fresh_initiative

    from initiatives.models import Organization, Partnership
    from measurement import services
    from measurement.models import Category, Dimension, Indicator

    call_command("migrate", verbosity=0)
    initiative = fresh_initiative("bench-import", "Import benchmark")
    dimensions = []
    for code, size in DIMENSIONS.items():
        dimension = Dimension.objects.create(initiative=initiative, code=code, name=code)
        Category.objects.bulk_create(
            Category(dimension=dimension, code=f"c{i}", name=f"{code} {i}", order=i)
            for i in range(size)
        )
        dimensions.append(dimension)
    for i in range(INDICATORS):
        indicator = Indicator.objects.create(
            initiative=initiative, code=f"i{i}", name=f"Indicator {i}", kind="rate", scale=100
        )
        indicator.dimensions.set(dimensions)
        services.indicator_cells_create(indicator=indicator)
    for i in range(organizations):
        organization, _ = Organization.objects.get_or_create(
            code=f"import-o{i}", defaults={"name": f"Org {i}"}
        )
        Partnership.objects.create(initiative=initiative, organization=organization)
    return initiative


def csv_bytes(organizations: int) -> bytes:
    rng = np.random.default_rng(7)
    grid = pd.MultiIndex.from_product(
        [
            [f"i{i}" for i in range(INDICATORS)],
            [f"2024-Q{q + 1}" for q in range(PERIODS)],
            [f"import-o{o}" for o in range(organizations)],
            [f"c{i}" for i in range(7)],
            [f"c{i}" for i in range(3)],
            [f"c{i}" for i in range(5)],
        ],
        names=["indicator", "period", "organization", "d1", "d2", "d3"],
    ).to_frame(index=False)
    denominators = rng.integers(0, 60, len(grid))
    grid["numerator"] = rng.binomial(denominators, 0.6)
    grid["denominator"] = denominators
    grid["value"] = ""
    return grid.to_csv(index=False).encode("utf-8")


def baseline(content: bytes) -> float:
    from django.db import connection, transaction

    started = time.perf_counter()
    frame = pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False)
    buffer = io.StringIO()
    frame.to_csv(buffer, header=False, index=False)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_rows (indicator text, period text, organization text, "
            "d1 text, d2 text, d3 text, numerator double precision, "
            "denominator double precision, value double precision) ON COMMIT DROP"
        )
        with cursor.copy("COPY bench_rows FROM STDIN WITH (FORMAT csv)") as copy:
            copy.write(buffer.getvalue())
    return time.perf_counter() - started


def full_import(initiative, content: bytes) -> tuple[float, dict]:
    from django.db import transaction

    from measurement.datafiles import check_values, read_table
    from measurement.services import values_save

    stages = {}
    started = time.perf_counter()
    frame = read_table(content, "values.csv")
    stages["read"] = time.perf_counter() - started
    checked = check_values(frame, initiative=initiative)
    stages["check"] = time.perf_counter() - started - stages["read"]
    with transaction.atomic():
        written = values_save(
            initiative=initiative, checked=checked, approve=True, reason="benchmark"
        )
        stages["write"] = time.perf_counter() - started - stages["read"] - stages["check"]
    seconds = time.perf_counter() - started
    # Deferred foreign-key checks of the data values run at commit.
    stages["commit"] = seconds - stages["read"] - stages["check"] - stages["write"]
    stages["written"] = written
    return seconds, stages


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    setup_django()
    organizations = max(1, round(args.rows / (INDICATORS * PERIODS * CELLS)))
    rows = organizations * INDICATORS * PERIODS * CELLS
    initiative = build(organizations)
    content = csv_bytes(organizations)
    print(f"{rows:,} rows, {len(content) / 2**20:.1f} MB of CSV")
    base = baseline(content)
    seconds, stages = full_import(initiative, content)
    print(f"  baseline (read_csv + COPY): {base:6.2f} s")
    print(
        f"  import (read, check, write with history): {seconds:6.2f} s = read "
        f"{stages['read']:.2f} + check {stages['check']:.2f} + write {stages['write']:.2f} + "
        f"commit {stages['commit']:.2f}; {stages['written']:,} values written, "
        f"{rows / seconds:,.0f} rows/s"
    )
    print(f"import/baseline ratio: {seconds / base:.2f}")


if __name__ == "__main__":
    main()
