"""Benchmark: what disclosure control costs in time, and how much it hides against the greedy
pass and against the exact optimum.

Two parts, in one run:

1. **The computation benchmark** (bench/compute.py's synthetic initiative, in the database of
   DATABASE_URL): the full compute against the bare CUBE query, and — from a second,
   instrumented run of the same compute — how many tables needed protection, the time spent in
   ``engine._protect`` (each partner's own parts, and the tables) and in
   ``disclosure.protect``, and the cells and people hidden by the optimiser against the greedy
   pass (``protect(..., greedy=True)``) on the same tables. Two initiatives: the 1M-value one
   of bench/compute.py (40 organizations, denominators 0–59: big cells), and a small-cell
   variant (4 organizations, denominators 0–8, 2 quarters) in which most tables need
   protection.
2. **Random tables** of growing size (no database): per size, the median and largest time of
   ``protect`` (the default 2 s budget) and of the greedy pass, the people each hides, and
   the loss of each against the optimum — where ``protect`` with a long budget proves it, and
   on the smallest tables also by brute force: every pattern, cheapest first, checked by the
   outside reader of tests/measurement/disclosure_checks.py until one is safe.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yachad .venv/bin/python bench/suppression.py
    .venv/bin/python bench/suppression.py --tables-only        # part 2 only, no database
    DATABASE_URL=... .venv/bin/python bench/suppression.py --engine-only

Figures go to docs/benchmarks.md ("Disclosure control").
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from functools import partial
from itertools import combinations, product
from pathlib import Path

import numpy as np

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))
sys.path.insert(0, str(BASE_DIR / "bench"))

import compute  # noqa: E402  (bench/compute.py: build, bare_cube, the child's compute)

from measurement import disclosure  # noqa: E402

POLICY = disclosure.Policy()  # minimum group size 10, minimum count 10, coded ranges

# ---- Part 1: the computation benchmark ----


def instrumented_child(initiative_id: int) -> None:
    """The full compute as bench/compute.py's child runs it, with ``engine._protect``,
    ``engine._organization_parts`` and ``disclosure.protect`` timed; then the greedy pass on
    every table the optimiser protected. Prints two JSON lines: the compute, the figures."""
    from measurement import engine

    spent = {"_protect": 0.0, "_organization_parts": 0.0, "protect": 0.0}
    tables: list[tuple[disclosure.Table, disclosure.Pattern, float]] = []

    def timed(name, function):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            result = function(*args, **kwargs)
            seconds = time.perf_counter() - started
            spent[name] += seconds
            if name == "protect":
                tables.append((args[0], result, seconds))
            return result

        return wrapper

    engine._protect = timed("_protect", engine._protect)
    engine._organization_parts = timed("_organization_parts", engine._organization_parts)
    disclosure.protect = timed("protect", disclosure.protect)
    compute.compute_only(initiative_id)

    optimiser = _hidden_totals([(t, p) for t, p, _s in tables])
    greedy_patterns, greedy_seconds = [], []
    for table, _pattern, _seconds in tables:
        started = time.perf_counter()
        greedy_patterns.append((table, _original_protect(table, POLICY, greedy=True)))
        greedy_seconds.append(time.perf_counter() - started)
    methods: dict[str, int] = {}
    for _t, pattern, _s in tables:
        methods[pattern.method] = methods.get(pattern.method, 0) + 1
    seconds = [s for _t, _p, s in tables]
    print(
        json.dumps(
            {
                **{f"{name}_seconds": value for name, value in spent.items()},
                "tables_protected": len(tables),
                "methods": methods,
                "protect_median": statistics.median(seconds) if seconds else 0.0,
                "protect_max": max(seconds, default=0.0),
                "greedy_seconds": sum(greedy_seconds),
                "greedy_median": statistics.median(greedy_seconds) if greedy_seconds else 0.0,
                "optimiser": optimiser,
                "greedy": _hidden_totals(greedy_patterns),
                "readers_max": max((_readers(t) for t, _p, _s in tables), default=1),
            }
        ),
        flush=True,
    )


_original_protect = disclosure.protect


def _readers(table: disclosure.Table) -> int:
    assert table.parts_size is not None
    return 1 + int((table.parts_size.sum(axis=1) > 0).sum())


def _hidden_totals(patterns) -> dict:
    """Cells and people hidden, in all and as complementary (secondary) cells."""
    totals = {"cells": 0, "people": 0.0, "secondary_cells": 0, "secondary_people": 0.0}
    for table, pattern in patterns:
        secondary = pattern.reason == disclosure.Reason.SECONDARY
        totals["cells"] += int(pattern.hidden.sum())
        totals["people"] += float(table.size[pattern.hidden].sum())
        totals["secondary_cells"] += int(secondary.sum())
        totals["secondary_people"] += float(table.size[secondary].sum())
    return totals


def run_instrumented(initiative_id: int) -> tuple[dict, dict]:
    child = subprocess.run(
        [sys.executable, __file__, "--instrumented", str(initiative_id)],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = child.stdout.strip().splitlines()
    return json.loads(lines[-2]), json.loads(lines[-1])


@dataclass
class Initiative:
    label: str
    organizations: int
    denominators: int
    periods: int


INITIATIVES = [
    Initiative("1M values, big cells", 40, 60, compute.PERIODS),
    Initiative("small cells", 4, 9, 2),
]


def engine_part() -> list[dict]:
    from initiatives.models import Initiative as InitiativeModel

    rows = []
    for initiative in INITIATIVES:
        values = initiative.organizations * compute.CELLS * compute.INDICATORS * initiative.periods
        print(
            f"\n{initiative.label}: {values:,} values ({initiative.organizations} organizations,"
            f" denominators 0–{initiative.denominators - 1}, {initiative.periods} quarters,"
            f" {compute.INDICATORS * initiative.periods} tables)",
            flush=True,
        )
        initiative_id = compute.build(
            initiative.organizations,
            denominators=initiative.denominators,
            periods=initiative.periods,
        )
        cube_seconds, _rows = compute.bare_cube(initiative_id)
        plain = compute.full_compute(initiative_id)
        run, figures = run_instrumented(initiative_id)
        row = {
            "label": initiative.label,
            "values": values,
            "tables": compute.INDICATORS * initiative.periods,
            "cube": cube_seconds,
            "compute": plain["seconds"],
            "ratio": plain["seconds"] / cube_seconds,
            "instrumented_compute": run["seconds"],
            **figures,
        }
        rows.append(row)
        _print_engine_row(row)
        compute.drop(InitiativeModel.objects.get(pk=initiative_id).slug)
    return rows


def _print_engine_row(row: dict) -> None:
    optimiser, greedy = row["optimiser"], row["greedy"]
    print(f"  bare CUBE {row['cube']:.2f} s, full compute {row['compute']:.2f} s: ", end="")
    print(f"ratio {row['ratio']:.2f}")
    print(
        f"  instrumented compute {row['instrumented_compute']:.2f} s, of which engine._protect "
        f"{row['_protect_seconds']:.2f} s (own parts {row['_organization_parts_seconds']:.2f} s, "
        f"disclosure.protect {row['protect_seconds']:.2f} s)"
    )
    print(
        f"  tables protected {row['tables_protected']} of {row['tables']} {row['methods']}, "
        f"up to {row['readers_max']} readers; protect median {row['protect_median']:.2f} s, "
        f"max {row['protect_max']:.2f} s; greedy {row['greedy_seconds']:.2f} s in all"
    )
    for name, hidden in (("optimiser", optimiser), ("greedy", greedy)):
        print(
            f"  {name:9}: {hidden['cells']:,} cells / {hidden['people']:,.0f} people hidden, "
            f"of which secondary {hidden['secondary_cells']:,} / "
            f"{hidden['secondary_people']:,.0f}",
            flush=True,
        )


# ---- Part 2: random tables ----

# (categories per dimension, tables of each kind, organizations, share of leaf cells each
# reports): fewer of the large ones, to bound the run. The last: the shape of
# bench/compute.py's tables with 40 partners, each reporting few cells.
SIZES = [
    ((3, 3), 10, 5, 0.8),
    ((3, 4), 10, 5, 0.8),
    ((3, 3, 3), 8, 5, 0.8),
    ((4, 4, 4), 5, 5, 0.8),
    ((5, 4, 3), 5, 5, 0.8),
    ((3, 3, 3, 3), 4, 5, 0.8),
    ((3, 3, 3, 3, 3), 2, 5, 0.8),
    ((7, 3, 5), 1, 40, 0.05),
]
BRUTE_FORCE_CELLS = 20  # tables with at most this many cells (3 × 4 with its totals)


def random_table(
    shape: tuple[int, ...],
    rate: bool,
    rng: np.random.Generator,
    most: int = 5,
    reporting: float = 0.8,
):
    """A full table with every total: 1 to ``most`` organizations (exactly ``most`` when
    more than 5) each report a ``reporting`` share of the leaf cells, 4% of their reports
    small (1–9 people), the rest 15–120; a rate counts 30–70%. No cell is spared, so the
    optimiser's loss is the people it hides."""
    organizations = most if most > 5 else int(rng.integers(1, most + 1))
    leaf_shape = (organizations, *shape)
    size = rng.integers(15, 121, leaf_shape)
    size = np.where(rng.random(leaf_shape) < 0.04, rng.integers(1, 10, leaf_shape), size)
    size = np.where(rng.random(leaf_shape) < reporting, size, 0)
    counted = rng.binomial(size, rng.uniform(0.3, 0.7, leaf_shape)) if rate else None

    def with_totals(leaves):
        for axis in range(1, leaves.ndim):
            leaves = np.concatenate([leaves.sum(axis=axis, keepdims=True), leaves], axis=axis)
        return leaves.reshape(organizations, -1)

    coordinates = list(product(*[["", *(f"c{i}" for i in range(n))] for n in shape]))
    parts_size = with_totals(size)
    parts_counted = with_totals(counted) if rate else None
    return disclosure.Table(
        coordinates=coordinates,
        exclusive=(True,) * len(shape),
        size=parts_size.sum(axis=0),
        counted=None if parts_counted is None else parts_counted.sum(axis=0),
        parts_size=parts_size if organizations > 1 else None,
        parts_counted=parts_counted if organizations > 1 else None,
    )


def timed_protect(table, policy, **kwargs):
    started = time.perf_counter()
    pattern = disclosure.protect(table, policy, **kwargs)
    return pattern, time.perf_counter() - started


def people(table, pattern) -> float:
    return float(table.size[pattern.hidden].sum())


def brute_force(table: disclosure.Table, policy: disclosure.Policy, limit: float):
    """The fewest people any safe pattern hides, by the outside reader's check, or None when
    ``limit`` seconds were not enough. Which cells are primary and which may show a coded
    range is disclosure's classification (the reader checks every published cell anyway)."""
    from tests.measurement.disclosure_checks import Cell, every_reader

    problem = disclosure._Protector(table, policy)
    cells = len(table.size)
    free = [k for k in range(cells) if not problem.primary[k]]
    base = [k for k in range(cells) if problem.primary[k]]
    candidates = sorted(
        (
            (float(table.size[base].sum() + table.size[list(extra)].sum()), extra)
            for n in range(len(free) + 1)
            for extra in combinations(free, n)
        ),
        key=lambda c: c[0],
    )
    values = problem.values  # (readers, quantities, cells): the public, then each rest
    lines = problem.lines
    assert table.parts_size is not None
    contributing = np.flatnonzero(table.parts_size.sum(axis=1) > 0)
    parts = [
        (
            o,
            [
                (
                    float(table.parts_size[o, k]),
                    float(table.parts_counted[o, k]) if table.parts_counted is not None else 0.0,
                )
                for k in range(cells)
            ],
        )
        for o in contributing
    ]
    started = time.perf_counter()
    checked = 0
    for cost, extra in candidates:
        if time.perf_counter() - started > limit:
            return None, checked
        hidden = np.zeros(cells, dtype=bool)
        hidden[base] = True
        hidden[list(extra)] = True
        shown_range = problem.ranged & ~hidden
        if not _may_be_safe(hidden, shown_range, values, lines, policy):
            continue
        checked += 1
        seen = [
            Cell(
                categories=tuple(table.coordinates[k]),
                size=float(table.size[k]),
                counted=None if table.counted is None else float(table.counted[k]),
                hidden=bool(hidden[k]),
                range=(float(problem.range_low[k]), float(problem.range_high[k]))
                if shown_range[k]
                else None,
            )
            for k in range(cells)
        ]
        found = every_reader(
            seen,
            table.exclusive,
            min_group_size=policy.min_group_size,
            min_count=policy.count_threshold,
            parts=parts,
        )
        if not found:
            return cost, checked
    return None, checked


def _may_be_safe(hidden, shown_range, values, lines, policy) -> bool:
    """Quick necessary conditions, no looser than the outside reader's: no line with one
    hidden member and no coded range, and no line whose hidden parts add up to a small group,
    for any reader."""
    nq = values.shape[1]
    for parent, children in lines:
        members = [parent, *children]
        if hidden[members].sum() == 1 and not shown_range[members].any():
            k = members[int(np.flatnonzero(hidden[members])[0])]
            if values[0, :, k].sum() > 0:
                return False
        if hidden[parent]:
            continue
        combos = [(np.ones(nq), policy.min_group_size, True)]
        if nq == 2:
            combos += [(np.array([1.0, 0.0]), policy.count_threshold, False)]
            combos += [(np.array([0.0, 1.0]), policy.count_threshold, False)]
        for weights, threshold, whole in combos:
            if not whole and shown_range[parent]:
                continue
            unseen = [k for k in children if hidden[k] or (not whole and shown_range[k])]
            sums = np.tensordot(weights, values[:, :, unseen], axes=([0], [1])).sum(axis=1)
            if ((sums > 0) & (sums < threshold)).any():
                return False
    return True


def tables_part(per_size, seed: int, optimum_budget: float, brute_limit: float) -> list:
    rng = np.random.default_rng(seed)
    rows = []
    for shape, count, most, reporting in SIZES:
        for rate in (False, True):
            make = partial(random_table, shape, rate, rng, most, reporting)
            rows.append(
                _measure_size(
                    shape, rate, per_size or count, make, optimum_budget, brute_limit, most
                )
            )
    return rows


def _measure_size(shape, rate, count, make, optimum_budget, brute_limit, most) -> dict:
    cells = int(np.prod([n + 1 for n in shape]))
    label = f"{'×'.join(map(str, shape))} {'rates' if rate else 'counts'}"
    if most > 5:
        label += f", {most} orgs"
    optimiser_seconds, greedy_seconds, primary = [], [], []
    hidden_optimiser, hidden_greedy, losses_optimiser, losses_greedy = [], [], [], []
    methods = {disclosure.OPTIMAL: 0, disclosure.TIME_LIMITED: 0, disclosure.FALLBACK: 0}
    known = brute_checked = brute_agree = brute_missed = 0
    started = time.perf_counter()
    measured = 0
    while measured < count:
        table = make()
        problem = disclosure._Protector(table, POLICY)
        if not problem.needs_protection:
            continue
        measured += 1
        primary.append(int(problem.primary.sum() + problem.ranged.sum()))
        pattern, seconds = timed_protect(table, POLICY)
        greedy, greedy_time = timed_protect(table, POLICY, greedy=True)
        optimiser_seconds.append(seconds)
        greedy_seconds.append(greedy_time)
        methods[pattern.method] += 1
        hidden_optimiser.append(people(table, pattern))
        hidden_greedy.append(people(table, greedy))

        optimum = None
        if pattern.method == disclosure.OPTIMAL:
            optimum = people(table, pattern)
        elif optimum_budget > 0:
            slow = disclosure.Policy(time_budget=optimum_budget)
            proven, _s = timed_protect(table, slow)
            if proven.method == disclosure.OPTIMAL:
                optimum = people(table, proven)
        if cells <= BRUTE_FORCE_CELLS and brute_limit > 0:
            exact, _checked = brute_force(table, POLICY, brute_limit)
            if exact is None:
                brute_missed += 1
            else:
                brute_checked += 1
                brute_agree += abs(people(table, pattern) - exact) < 0.5
                optimum = exact if optimum is None else min(optimum, exact)
        if optimum is not None:
            known += 1
            losses_optimiser.append(_loss(people(table, pattern), optimum))
            losses_greedy.append(_loss(people(table, greedy), optimum))
    row = {
        "size": label,
        "cells": cells,
        "tables": count,
        "primary_median": statistics.median(primary),
        "optimiser_median": statistics.median(optimiser_seconds),
        "optimiser_max": max(optimiser_seconds),
        "greedy_median": statistics.median(greedy_seconds),
        "greedy_max": max(greedy_seconds),
        "people_optimiser": sum(hidden_optimiser),
        "people_greedy": sum(hidden_greedy),
        "methods": methods,
        "optimum_known": known,
        "loss_optimiser_mean": _mean(losses_optimiser),
        "loss_optimiser_max": max(losses_optimiser, default=None),
        "loss_greedy_mean": _mean(losses_greedy),
        "loss_greedy_max": max(losses_greedy, default=None),
        "brute_force": (brute_checked, brute_agree, brute_missed),
        "wall": time.perf_counter() - started,
    }
    _print_table_row(row)
    return row


def _loss(hidden: float, optimum: float) -> float:
    return (hidden - optimum) / optimum if optimum else 0.0


def _mean(values):
    return sum(values) / len(values) if values else None


def _percent(value) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


TABLE_HEADER = (
    f"{'size':<18}{'cells':>6}{'prim':>5}{'opt med/max s':>15}{'greedy med/max s':>18}"
    f"{'people opt/greedy':>20}{'opt/tl/fb':>10}{'known':>6}{'loss opt mean/max':>19}"
    f"{'loss greedy mean/max':>22}{'brute ok/of/miss':>17}"
)


def _print_table_row(row: dict) -> None:
    m = row["methods"]
    brute = row["brute_force"]
    print(
        f"{row['size']:<18}{row['cells']:>6}{row['primary_median']:>5.0f}"
        f"{row['optimiser_median']:>7.2f}/{row['optimiser_max']:<7.2f}"
        f"{row['greedy_median']:>9.2f}/{row['greedy_max']:<8.2f}"
        f"{row['people_optimiser']:>10,.0f}/{row['people_greedy']:<9,.0f}"
        f"{m['optimal']:>4}/{m['time_limited']}/{m['fallback']:<2}"
        f"{row['optimum_known']:>5}/{row['tables']:<2}"
        f"{_percent(row['loss_optimiser_mean']):>8}/{_percent(row['loss_optimiser_max']):<8}"
        f"{_percent(row['loss_greedy_mean']):>10}/{_percent(row['loss_greedy_max']):<9}"
        f"{brute[1]:>5}/{brute[0]}/{brute[2]}",
        flush=True,
    )


# ---- The machine ----


def machine() -> str:
    import scipy

    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, {memory:.0f} GiB, "
        f"Python {platform.python_version()}, scipy {scipy.__version__} (HiGHS), "
        f"numpy {np.__version__}, {date.today().isoformat()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tables-only", action="store_true", help="random tables only")
    parser.add_argument("--engine-only", action="store_true", help="the computation only")
    parser.add_argument("--per-size", type=int, help="random tables per size (default: SIZES)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--optimum-budget", type=float, default=20, help="seconds to prove an optimum"
    )
    parser.add_argument("--brute-force-limit", type=float, default=60, help="seconds per table")
    parser.add_argument("--instrumented", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.instrumented:
        compute.setup_django()
        instrumented_child(args.instrumented)
        return
    print(f"Machine: {machine()}", flush=True)
    if not args.tables_only:
        compute.setup_django()
        print(f"Database: {compute.machine().rsplit(', ', 1)[-1]}")
        engine_part()
    if not args.engine_only:
        print(
            f"\nRandom tables ({args.per_size or 'SIZES'} per size and kind needing protection, "
            f"policy {POLICY.as_dict()}, budget {POLICY.time_budget:g} s; optimum: protect "
            f"with {args.optimum_budget:g} s where proven, and brute force up to "
            f"{BRUTE_FORCE_CELLS} cells)"
        )
        print(TABLE_HEADER)
        tables_part(args.per_size, args.seed, args.optimum_budget, args.brute_force_limit)


if __name__ == "__main__":
    main()
