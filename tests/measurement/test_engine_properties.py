"""Properties of the engine that must hold for any data (hypothesis)."""

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from measurement import engine
from measurement.cells import cell_key, parse_cell_key
from measurement.disclosure import Policy
from measurement.engine import Definitions, DimensionSpec, IndicatorSpec

DIMENSIONS = {
    "gender": DimensionSpec("gender", ("f", "m", "u"), reference="f", unknown="u"),
    "sector": DimensionSpec("sector", ("a", "b", "c"), reference="a"),
    "region": DimensionSpec("region", ("n", "s"), reference="n"),
}
DIMS = tuple(sorted(DIMENSIONS))
KINDS = {1: "rate", 2: "count", 3: "average"}


def definitions(threshold):
    return Definitions(
        indicators={
            i: IndicatorSpec(i, kind, DIMS, scale=100 if kind == "rate" else 1)
            for i, kind in KINDS.items()
        },
        dimensions=DIMENSIONS,
        # A budget no table here nears, so that the pattern never depends on timing.
        policy=Policy(min_group_size=threshold, time_budget=60),
        periods={1: ("quarter", 1), 2: ("quarter", 2)},
    )


leaf = st.tuples(*(st.sampled_from(DIMENSIONS[d].categories) for d in DIMS))


@st.composite
def datasets(draw):
    """Leaf-level values for up to 4 organizations, 2 periods and 3 indicators (one of each
    kind), with plenty of small cells."""
    rows = {}
    for _ in range(draw(st.integers(1, 40))):
        key = (
            draw(st.sampled_from(list(KINDS))),
            draw(st.integers(1, 2)),
            draw(st.integers(1, 4)),
            draw(leaf),
        )
        denominator = draw(st.integers(0, 40))
        numerator = draw(st.integers(0, denominator))
        rows[key] = (numerator, denominator, draw(st.integers(0, 100)))
    records = []
    for (indicator, period, organization, cats), (num, den, val) in rows.items():
        kind = KINDS[indicator]
        numbers = {
            "rate": (num, den, None),
            "count": (None, None, val),
            "average": (None, max(den, 1), float(val)),
        }[kind]
        records.append((indicator, period, organization, *numbers, *cats))
    return pd.DataFrame(records, columns=[*engine.VALUE_COLUMNS, *DIMS])


ADDITIVE = {"rate": ("numerator", "denominator"), "count": ("value",), "average": ("n",)}


def _parents(results):
    """(row, parent key, dimension) for every cell along every dimension it fixes."""
    for row in results.itertuples():
        parts = parse_cell_key(row.cell_key)
        for dim in parts:
            parent = {d: c for d, c in parts.items() if d != dim}
            yield row, cell_key(parent), dim


@given(data=datasets(), threshold=st.integers(2, 15))
def test_every_rollup_over_exclusive_dimensions_equals_the_sum_of_its_parts(data, threshold):
    results, _ = engine.aggregate(data, definitions(threshold))
    by_key = {(r.indicator_id, r.period_id, r.cell_key): r for r in results.itertuples()}
    sums: dict = {}
    for row, parent_key, dim in _parents(results):
        kind = KINDS[row.indicator_id]
        key = (row.indicator_id, row.period_id, parent_key, dim)
        total = sums.setdefault(key, dict.fromkeys(ADDITIVE[kind], 0.0))
        for column in ADDITIVE[kind]:
            total[column] += getattr(row, column)
    for (indicator, period, parent_key, _dim), total in sums.items():
        parent = by_key[(indicator, period, parent_key)]
        for column, summed in total.items():
            assert getattr(parent, column) == summed, (parent_key, column)


def _canonical(results):
    return results.sort_values(["indicator_id", "period_id", "cell_key"]).reset_index(drop=True)


@given(data=datasets(), threshold=st.integers(2, 15), seed=st.integers(0, 2**16))
def test_results_do_not_depend_on_row_order(data, threshold, seed):
    expected, _ = engine.compute(data, definitions(threshold))
    shuffled = data.sample(frac=1, random_state=seed).reset_index(drop=True)
    actual, _ = engine.compute(shuffled, definitions(threshold))
    pd.testing.assert_frame_equal(_canonical(actual), _canonical(expected))


@given(data=datasets(), threshold=st.integers(2, 15), split=st.data())
def test_results_do_not_depend_on_how_values_are_split_across_submissions(data, threshold, split):
    """An organization's count can arrive as several rows (several submissions, several
    files) that add up to the same numbers."""
    expected, _ = engine.compute(data, definitions(threshold))
    rates = data[data["indicator_id"] == 1]
    if rates.empty:
        return
    index = split.draw(st.sampled_from(list(rates.index)))
    row = data.loc[index]
    part = split.draw(st.integers(0, int(row["denominator"])))
    part_numerator = min(part, int(row["numerator"]))
    first = row.copy()
    first["numerator"], first["denominator"] = part_numerator, part
    second = row.copy()
    second["numerator"] = row["numerator"] - part_numerator
    second["denominator"] = row["denominator"] - part
    pieces = pd.concat(
        [data.drop(index), first.to_frame().T, second.to_frame().T], ignore_index=True
    ).astype(data.dtypes.to_dict())
    actual, _ = engine.compute(pieces, definitions(threshold))
    pd.testing.assert_frame_equal(_canonical(actual), _canonical(expected))


# What restricted readers can work out of suppressed tables: test_disclosure_properties.py.
