"""Disclosure control's promises over random tables (hypothesis): for every reader — the
public, and each partner subtracting its own part — no hidden number can be narrowed to less
than one person either way by linear programming over everything published, no line's hidden
parts add up to a small group, and nothing small is published."""

from dataclasses import replace
from itertools import product

import pandas as pd
from hypothesis import given, note
from hypothesis import strategies as st

from measurement import disclosure, engine
from measurement.engine import Definitions, DimensionSpec, IndicatorSpec
from tests.measurement.disclosure_checks import Cell, every_reader

KINDS = {1: "rate", 2: "count"}


@st.composite
def initiatives(draw):
    """2 to 4 dimensions of 2 or 3 categories, the last one overlapping half the time;
    1 to 3 organizations reporting leaf cells (and, along an overlapping dimension, their
    totals too), with plenty of small numbers; the optimiser given all the time it needs, or
    almost none."""
    n_dims = draw(st.integers(2, 4))
    sizes = [draw(st.integers(2, 3)) for _ in range(n_dims)]
    overlapping = draw(st.booleans())
    dimensions = {
        f"d{i}": DimensionSpec(
            f"d{i}",
            tuple(f"c{j}" for j in range(size)),
            overlapping=overlapping and i == n_dims - 1,
        )
        for i, size in enumerate(sizes)
    }
    dims = tuple(dimensions)
    leaves = list(product(*(dimensions[d].categories for d in dims)))
    if overlapping:
        leaves += [(*leaf, "") for leaf in product(*(dimensions[d].categories for d in dims[:-1]))]
    big = draw(st.sampled_from([12, 40, 120]))
    records = []
    for organization in range(1, draw(st.integers(1, 3)) + 1):
        for leaf in draw(
            st.lists(st.sampled_from(leaves), min_size=1, max_size=len(leaves), unique=True)
        ):
            size = draw(st.integers(0, big))
            counted = draw(st.integers(0, size))
            records.append((1, 1, organization, counted, size, None, *leaf))
            records.append((2, 1, organization, None, None, size, *leaf))
    values = pd.DataFrame(records, columns=[*engine.VALUE_COLUMNS, *dims])
    policy = disclosure.Policy(
        min_group_size=draw(st.integers(3, 10)),
        min_count=draw(st.integers(3, 10)),
        small_count=draw(st.sampled_from(list(disclosure.SmallCount))),
        min_contributors=draw(st.integers(1, 2)),
        # Time enough to prove the optimum, or so little that the repair (and pruning, and
        # the integer program's unproven patterns) must make the pattern safe.
        time_budget=draw(st.sampled_from([5, 0.05, 0])),
    )
    definitions = Definitions(
        indicators={
            i: IndicatorSpec(i, kind, dims, scale=100 if kind == "rate" else 1)
            for i, kind in KINDS.items()
        },
        dimensions=dimensions,
        policy=policy,
        periods={1: ("quarter", 1)},
    )
    return values, definitions


def _cells(results, indicator_id, dims, scale):
    cells = {}
    for row in results[results["indicator_id"] == indicator_id].itertuples():
        rate = KINDS[indicator_id] == "rate"
        cells[row.cell_key] = Cell(
            categories=tuple(getattr(row, d) for d in dims),
            size=float(row.n),
            counted=float(row.numerator) if rate else None,
            hidden=row.suppression != "",
            range=(row.range_low / scale, row.range_high / scale) if row.ranged else None,
        )
    return cells


@given(initiative=initiatives())
def test_no_reader_can_narrow_down_a_hidden_number_or_find_a_small_group(initiative):
    values, definitions = initiative
    note(values.to_string())
    note(repr(definitions.policy))
    note(repr(definitions.dimensions))
    results, _ = engine.aggregate(values, definitions)
    results = results.assign(
        **{
            d: results["cell_key"].map(
                lambda k, d=d: dict(p.split("=") for p in k.split(";") if p).get(d, "")
            )
            for d in definitions.dimensions
        }
    )
    dims = tuple(definitions.dimensions)
    exclusive = tuple(not definitions.dimensions[d].overlapping for d in dims)
    unprotected = replace(definitions, protect=False)
    for indicator_id, kind in KINDS.items():
        scale = definitions.indicators[indicator_id].scale
        cells = _cells(results, indicator_id, dims, scale)
        if not cells:
            continue
        parts = []
        for organization, own_values in values.groupby("organization_id"):
            own, _ = engine.aggregate(own_values, unprotected)
            own = own[own["indicator_id"] == indicator_id].set_index("cell_key")
            parts.append(
                (
                    organization,
                    [
                        (
                            float(own.at[key, "n"]) if key in own.index else 0.0,
                            float(own.at[key, "numerator"])
                            if key in own.index and kind == "rate"
                            else 0.0,
                        )
                        for key in cells
                    ],
                )
            )
        policy = definitions.policy
        problems = every_reader(
            list(cells.values()),
            exclusive,
            min_group_size=policy.min_group_size,
            min_count=policy.count_threshold,
            parts=parts,
        )
        assert not problems, (kind, problems)
