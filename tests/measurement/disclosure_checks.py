"""An outside reader's attack on a published table, written apart from measurement.disclosure
so that the tests check its promises with other code than the code that keeps them.

A reader knows every published cell (and for a coded range: the group size and the range),
that every number is at least zero, that the parts of a line add up to its total along
exclusive dimensions — and, for a partner, its own part of every cell. From that it bounds
each hidden number by linear programming.
"""

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog


@dataclass
class Cell:
    """One cell of a table as the backbone knows it, and what restricted readers see of it.
    ``counted`` is None for counts and averages; ``size`` is the number of people."""

    categories: tuple[str, ...]
    size: float
    counted: float | None = None
    hidden: bool = False
    range: tuple[float, float] | None = None  # a coded range, as shares (0.9, 1.0)
    own_size: float = 0.0
    own_counted: float = 0.0


def _quantities(cell: Cell, rest: bool) -> list[float]:
    size = cell.size - (cell.own_size if rest else 0)
    if cell.counted is None:
        return [size]
    counted = cell.counted - (cell.own_counted if rest else 0)
    return [counted, size - counted]


def _lines(cells: list[Cell], exclusive: tuple[bool, ...]):
    position = {c.categories: i for i, c in enumerate(cells)}
    lines: dict = {}
    for i, cell in enumerate(cells):
        for d, category in enumerate(cell.categories):
            if category and exclusive[d]:
                parent = (*cell.categories[:d], "", *cell.categories[d + 1 :])
                if parent in position:
                    lines.setdefault((d, parent), (position[parent], []))[1].append(i)
    return list(lines.values())


def problems(
    cells: list[Cell],
    exclusive: tuple[bool, ...],
    *,
    min_group_size: int,
    min_count: int,
    partner: bool = False,
) -> list[str]:
    """Everything this reader (the public, or with ``partner`` the organization whose parts
    are ``own_size``/``own_counted``) can learn that the policy forbids: small published
    cells, small hidden sums along a line, and any number of a hidden or ranged cell above
    zero — a hidden rate's size included — narrowed to less than one person either way."""
    found = []
    nq = 1 if cells[0].counted is None else 2
    values = np.array([_quantities(c, partner) for c in cells])  # (cells, nq)
    sizes = values.sum(axis=1)
    lines = _lines(cells, exclusive)

    # Published cells must not be small for this reader.
    for i, cell in enumerate(cells):
        if cell.hidden:
            continue
        if 0 < sizes[i] < min_group_size:
            found.append(f"{cell.categories}: a group of {sizes[i]:g} is published")
        if nq == 2 and cell.range is None:
            for q, what in enumerate(("counted", "not counted")):
                if 0 < values[i, q] < min_count:
                    found.append(f"{cell.categories}: {values[i, q]:g} {what} is published")

    # No line's hidden parts may add up to a small group.
    for parent, children in lines:
        combos = [(np.ones(nq), min_group_size, "people")]
        if nq == 2:
            combos += [(np.array([1.0, 0.0]), min_count, "counted")]
            combos += [(np.array([0.0, 1.0]), min_count, "not counted")]
        for weights, threshold, what in combos:
            whole = what == "people"
            unseen = [
                k for k in children if cells[k].hidden or (not whole and cells[k].range is not None)
            ]
            if cells[parent].hidden or (not whole and cells[parent].range is not None):
                continue
            total = sum(float(values[k] @ weights) for k in unseen)
            if 0 < total < threshold:
                found.append(
                    f"line of {cells[parent].categories}: hidden {what} add up to {total:g}"
                )

    # No hidden number may be narrowed to less than one person either way.
    unknown = [i for i, c in enumerate(cells) if c.hidden or c.range is not None]
    if not unknown:
        return found
    column = {(i, q): j for j, (i, q) in enumerate((i, q) for i in unknown for q in range(nq))}
    n = len(column)
    rows, rhs = [], []
    for parent, children in lines:
        for q in range(nq):
            row, known = np.zeros(n), 0.0
            for k, sign in [(k, 1.0) for k in children] + [(parent, -1.0)]:
                if (k, q) in column:
                    row[column[(k, q)]] += sign
                else:
                    known += sign * values[k, q]
            if row.any():
                rows.append(row)
                rhs.append(-known)
    bounds = [(0.0, None)] * n
    for i in unknown:
        cell = cells[i]
        if cell.hidden or cell.range is None:
            continue
        row = np.zeros(n)
        row[column[(i, 0)]] = row[column[(i, 1)]] = 1.0
        rows.append(row)
        rhs.append(sizes[i])
        own = cell.own_counted if partner else 0.0
        low, high = cell.range
        bounds[column[(i, 0)]] = (max(0.0, low * cell.size - own), high * cell.size - own)
    matrix = np.array(rows) if rows else None
    # Each count of a hidden or ranged cell, and a hidden rate's size (both its counts).
    targets = [((i, q), [j], values[i, q]) for (i, q), j in column.items()]
    if nq == 2:
        targets += [
            ((i, "size"), [column[(i, 0)], column[(i, 1)]], sizes[i])
            for i in unknown
            if cells[i].hidden
        ]
    for (i, q), js, true_value in targets:
        if true_value <= 0:
            continue
        reach = []
        for sign in (1.0, -1.0):
            objective = np.zeros(n)
            objective[js] = -sign
            solved = linprog(
                objective,
                A_eq=matrix,
                b_eq=np.array(rhs) if rows else None,
                bounds=bounds,
                method="highs",
            )
            if solved.status == 3:  # unbounded above: nothing pins it
                reach.append(np.inf)
                continue
            assert solved.status == 0, solved.message
            reach.append(sign * -solved.fun)
        high, low = reach[0], reach[1]
        if high - low < 1 - 1e-6:
            found.append(
                f"{cells[i].categories}: quantity {q} narrowed to [{low:g}, {high:g}] "
                f"(true {true_value:g})"
            )
    return found


def every_reader(cells, exclusive, *, min_group_size, min_count, parts=()):
    """``problems`` for the public and for each organization whose parts (per cell:
    (own size, own counted)) are given."""
    found = problems(cells, exclusive, min_group_size=min_group_size, min_count=min_count)
    for organization, own in parts:
        for cell, (own_size, own_counted) in zip(cells, own, strict=True):
            cell.own_size, cell.own_counted = own_size, own_counted
        found += [
            f"{organization}: {problem}"
            for problem in problems(
                cells,
                exclusive,
                min_group_size=min_group_size,
                min_count=min_count,
                partner=True,
            )
        ]
    return found
