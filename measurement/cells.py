"""Naming disaggregation cells. Pure functions: no Django, so the engine uses them too.

A cell fixes one category in each of some dimensions. Its key lists ``dimension=category``
pairs sorted by dimension code and joined by ``;`` — ``gender=f;sector=arab`` — and the total
(no dimension fixed) has the empty key. Sorting makes the key canonical, so the same cell
reported through a form, a file, the API or computed by the engine always lands on the same
row. This module is the only place that writes a key: ``cell_key`` for one cell,
``cell_keys`` for every row of a table.
"""

from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations, product

import numpy as np
import pandas as pd

TOTAL_KEY = ""


def cell_key(parts: Mapping[str, str]) -> str:
    """The key of the cell that fixes ``parts`` ({dimension code: category code}); a
    dimension whose category is "" is not fixed (the row is not broken down by it)."""
    return ";".join(f"{dim}={cat}" for dim, cat in sorted(parts.items()) if cat)


def cell_keys(frame: pd.DataFrame, dimension_codes: Iterable[str]) -> pd.Series:
    """``cell_key`` of every row of a table with one column per dimension code holding the
    category code ("" where the row is not broken down by it), built column by column."""
    key = pd.Series(TOTAL_KEY, index=frame.index)
    for code in sorted(dimension_codes):
        category = frame[code].astype(str)
        part = (code + "=" + category).where(category != "", "")
        separator = pd.Series(np.where((key != "") & (part != ""), ";", ""), index=frame.index)
        key = key + separator + part
    return key


def dimension_set(parts: Mapping[str, str] | Iterable[str]) -> str:
    return ";".join(sorted(parts))


def parse_cell_key(key: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in key.split(";")) if key else {}


def leaf_cells(dimensions: Mapping[str, Sequence[str]]) -> list[dict[str, str]]:
    """Every combination of one category per dimension: the cells partners report.

    ``dimensions`` maps dimension code to its category codes in display order; the result
    follows the order of ``dimensions``."""
    codes = list(dimensions)
    return [dict(zip(codes, combo, strict=True)) for combo in product(*dimensions.values())]


def cube_cells(dimensions: Mapping[str, Sequence[str]]) -> list[dict[str, str]]:
    """Every cell of every rollup: each subset of the dimensions (the empty subset is the
    total), crossed with their categories."""
    codes = list(dimensions)
    cells: list[dict[str, str]] = []
    for size in range(len(codes) + 1):
        for subset in combinations(codes, size):
            cells.extend(leaf_cells({code: dimensions[code] for code in subset}))
    return cells
