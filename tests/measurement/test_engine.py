"""The engine on hand-computed examples. Pure pandas: no database."""

import math

import pandas as pd
import pytest

from measurement import engine


def frame(rows):
    return pd.DataFrame(rows, columns=engine.VALUE_COLUMNS).astype(
        {"numerator": "float64", "denominator": "float64", "value": "float64"}
    )


def result(results, cell_key, indicator=1, period=1):
    match = results[
        (results.cell_key == cell_key)
        & (results.indicator_id == indicator)
        & (results.period_id == period)
    ]
    assert len(match) == 1, match
    return match.iloc[0]


def test_rate_comes_from_summed_parts_not_averaged_rates():
    values = frame(
        [
            (1, 1, 10, "g=f", 9, 10, None),  # 90%
            (1, 1, 20, "g=f", 10, 100, None),  # 10%
        ]
    )
    results = engine.compute_results(values, kinds={1: "rate"}, threshold=5)
    row = result(results, "g=f")
    assert (row.numerator, row.denominator) == (19, 110)
    assert row.value == pytest.approx(19 / 110)  # not (0.9 + 0.1) / 2


def test_total_adds_every_reported_cell_across_organizations():
    values = frame(
        [
            (1, 1, 10, "g=f", 30, 50, None),
            (1, 1, 10, "g=m", 20, 40, None),
            (1, 1, 20, "g=f", 5, 25, None),
        ]
    )
    results = engine.compute_results(values, kinds={1: "rate"}, threshold=5)
    total = result(results, "")
    assert (total.numerator, total.denominator) == (55, 115)


def test_average_is_weighted_by_n():
    values = frame(
        [
            (1, 1, 10, "", None, 10, 80.0),
            (1, 1, 20, "", None, 30, 60.0),
        ]
    )
    results = engine.compute_results(values, kinds={1: "average"}, threshold=5)
    total = result(results, "")
    assert total.value == pytest.approx((80 * 10 + 60 * 30) / 40)
    assert total.denominator == 40
    assert math.isnan(total.numerator)


def test_counts_add_up():
    values = frame([(1, 1, 10, "n=a", None, None, 12), (1, 1, 20, "n=a", None, None, 30)])
    results = engine.compute_results(values, kinds={1: "count"}, threshold=5)
    assert result(results, "n=a").value == 42
    assert result(results, "").value == 42


def test_a_reported_total_is_not_overwritten_by_the_sum_of_cells():
    values = frame([(1, 1, 10, "", 40, 100, None), (1, 1, 10, "g=f", 10, 30, None)])
    results = engine.compute_results(values, kinds={1: "rate"}, threshold=5)
    assert result(results, "").denominator == 100


def test_small_cells_are_marked_for_suppression_but_zero_is_not():
    values = frame(
        [
            (1, 1, 10, "g=f", 3, 7, None),
            (1, 1, 10, "g=m", 0, 0, None),
            (1, 1, 10, "g=x", 5, 40, None),
        ]
    )
    results = engine.compute_results(values, kinds={1: "rate"}, threshold=10)
    assert result(results, "g=f").suppression == engine.PRIMARY
    assert result(results, "g=m").suppression == ""
    assert result(results, "g=x").suppression == ""


def test_a_zero_denominator_gives_no_rate_rather_than_an_error():
    values = frame([(1, 1, 10, "g=m", 0, 0, None)])
    results = engine.compute_results(values, kinds={1: "rate"}, threshold=10)
    assert math.isnan(result(results, "g=m").value)


def test_no_values_give_no_results():
    results = engine.compute_results(frame([]), kinds={}, threshold=10)
    assert list(results.columns) == engine.RESULT_COLUMNS
    assert results.empty
