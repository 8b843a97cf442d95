"""The optimiser of measurement.disclosure on tables small enough to check by brute force,
its fallback, and coded ranges — each pattern checked by the outside reader of
disclosure_checks, not by the code that chose it."""

from itertools import combinations

import numpy as np

from measurement import disclosure
from measurement.disclosure import Policy, Reason, SmallCount, Table
from tests.measurement.disclosure_checks import Cell, problems

# A 2 × 3 table of counts with its totals: rows r1, r2; columns c1, c2, c3.
INNER = {
    ("r1", "c1"): 4,
    ("r1", "c2"): 30,
    ("r1", "c3"): 50,
    ("r2", "c1"): 40,
    ("r2", "c2"): 20,
    ("r2", "c3"): 60,
}


def count_table():
    cells = dict(INNER)
    for row in ("r1", "r2"):
        cells[(row, "")] = sum(v for (r, _c), v in INNER.items() if r == row)
    for column in ("c1", "c2", "c3"):
        cells[("", column)] = sum(v for (_r, c), v in INNER.items() if c == column)
    cells[("", "")] = sum(INNER.values())
    return cells


def seen(cells, hidden, ranges=None):
    ranges = ranges or {}
    return [
        Cell(categories=key, size=float(size), hidden=key in hidden, range=ranges.get(key))
        for key, size in cells.items()
    ]


def test_the_optimiser_hides_exactly_the_optimal_number_of_people():
    cells = count_table()
    keys = list(cells)
    protected = disclosure.protect(Table(keys, (True, True), size=list(cells.values())), Policy())
    chosen = {k for k, hidden in zip(keys, protected.hidden, strict=True) if hidden}
    assert protected.method == disclosure.OPTIMAL
    assert not problems(seen(cells, chosen), (True, True), min_group_size=10, min_count=10)

    # Every pattern that hides the small cell, cheapest first: the first safe one is optimal.
    others = [k for k in keys if k != ("r1", "c1")]
    patterns = sorted(
        (
            {("r1", "c1"), *extra}
            for n in range(len(others) + 1)
            for extra in combinations(others, n)
        ),
        key=lambda pattern: sum(cells[k] for k in pattern),
    )
    optimum = next(
        pattern
        for pattern in patterns
        if not problems(seen(cells, pattern), (True, True), min_group_size=10, min_count=10)
    )
    assert sum(cells[k] for k in chosen) == sum(cells[k] for k in optimum) == 4 + 30 + 40 + 20


def test_the_greedy_fallback_is_safe_too_and_says_so():
    cells = count_table()
    keys = list(cells)
    table = Table(keys, (True, True), size=list(cells.values()))
    for protected in (
        disclosure.protect(table, Policy(), greedy=True),
        disclosure.protect(table, Policy(time_budget=0)),
    ):
        assert protected.method == disclosure.FALLBACK
        chosen = {k for k, hidden in zip(keys, protected.hidden, strict=True) if hidden}
        assert not problems(seen(cells, chosen), (True, True), min_group_size=10, min_count=10)


def test_pruning_publishes_again_the_complementary_cells_a_safe_pattern_does_without():
    """What the fallback and an unproven pattern go through before they are kept: here
    every inner cell of a 3 × 3 table is hidden, which is safe but needless."""
    inner = {(f"r{r}", f"c{c}"): 15 + 7 * r + 3 * c for r in range(1, 4) for c in range(1, 4)}
    inner[("r1", "c1")] = 4
    cells = dict(inner)
    for r in ("r1", "r2", "r3"):
        cells[(r, "")] = sum(v for (row, _c), v in inner.items() if row == r)
    for c in ("c1", "c2", "c3"):
        cells[("", c)] = sum(v for (_r, column), v in inner.items() if column == c)
    cells[("", "")] = sum(inner.values())
    keys = list(cells)
    problem = disclosure._Protector(Table(keys, (True, True), size=list(cells.values())), Policy())
    assert not problems(seen(cells, set(inner)), (True, True), min_group_size=10, min_count=10)

    pruned = problem.prune(np.array([k in inner for k in keys]), until=float("inf"))

    kept = {k for k, hidden in zip(keys, pruned, strict=True) if hidden}
    assert ("r1", "c1") in kept
    assert not problems(seen(cells, kept), (True, True), min_group_size=10, min_count=10)
    assert len(kept) < len(inner)
    assert sum(cells[k] for k in kept) < sum(inner.values())


def test_a_coded_range_cannot_be_undone_by_subtraction():
    """Berkeley, 1973, department B: 17 of 25 women admitted shows as "≥ 60%", but with the
    department's 370 of 585 and the men's 353 of 560 published, the women are 17 of 25."""
    keys = [("",), ("women",), ("men",)]
    table = Table(keys, (True,), size=[585, 25, 560], counted=[370, 17, 353])
    protected = disclosure.protect(table, Policy(small_count=SmallCount.RANGE))
    assert protected.ranged[1] or protected.reason[1] == Reason.SMALL_COUNT
    cells = [
        Cell(
            categories=key,
            size=float(size),
            counted=float(counted),
            hidden=bool(hidden),
            range=(low, high) if ranged else None,
        )
        for key, size, counted, hidden, ranged, low, high in zip(
            keys,
            table.size,
            table.counted,
            protected.hidden,
            protected.ranged,
            protected.range_low,
            protected.range_high,
            strict=True,
        )
    ]
    assert not problems(cells, (True,), min_group_size=10, min_count=10)
    assert protected.hidden.any()  # the men or the department hidden, or the range undone


def test_a_coded_range_rounds_outward_to_a_readable_bound():
    keys = [("",), ("a",), ("b",), ("c",)]
    table = Table(keys, (True,), size=[300, 100, 100, 100], counted=[150, 3, 70, 77])
    protected = disclosure.protect(table, Policy())
    assert protected.ranged[1]
    assert (protected.range_low[1], protected.range_high[1]) == (0.0, 0.1)  # "≤ 10%"
    assert np.isnan(protected.range_low[0])


def test_suppress_instead_of_range_when_the_initiative_chooses_it():
    keys = [("",), ("a",), ("b",), ("c",)]
    table = Table(keys, (True,), size=[300, 100, 100, 100], counted=[150, 3, 70, 77])
    protected = disclosure.protect(table, Policy(small_count=SmallCount.SUPPRESS))
    assert not protected.ranged.any()
    assert protected.reason[1] == Reason.SMALL_COUNT


def test_a_figure_with_too_few_organizations_behind_it_is_hidden():
    keys = [("",), ("a",), ("b",)]
    table = Table(
        keys,
        (True,),
        size=[300, 100, 200],
        parts_size=[[150, 100, 50], [150, 0, 150]],
    )
    protected = disclosure.protect(table, Policy(min_contributors=2))
    assert protected.reason[1] == Reason.CONTRIBUTORS
    assert protected.hidden[2]  # its complement along the line
