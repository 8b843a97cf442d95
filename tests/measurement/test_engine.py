"""The engine on hand-computed examples. Pure pandas: no database."""

import math

import numpy as np
import pandas as pd
import pytest

from measurement import engine
from measurement.disclosure import Policy, Reason
from measurement.engine import Definitions, DimensionSpec, IndicatorSpec

GENDER = DimensionSpec("gender", ("f", "m", "u"), reference="f", unknown="u")
SECTOR = DimensionSpec("sector", ("jewish", "arab", "haredi"), reference="jewish")
RACE = DimensionSpec("race", ("asian", "black", "white"), reference="white", overlapping=True)
QUARTERS = {p: ("quarter", p) for p in range(1, 13)}


def definitions(*indicators, dimensions=(GENDER, SECTOR), threshold=10, targets=None):
    return Definitions(
        indicators={spec.id: spec for spec in indicators},
        dimensions={d.code: d for d in dimensions},
        policy=Policy(min_group_size=threshold),
        periods=QUARTERS,
        targets=targets,
    )


def values(rows, dimensions=("gender", "sector")):
    """rows: (indicator, period, organization, {dimension: category}, numerator,
    denominator, value)."""
    records = [
        (ind, per, org, num, den, val, *(cells.get(d, "") for d in dimensions))
        for ind, per, org, cells, num, den, val in rows
    ]
    return pd.DataFrame(records, columns=[*engine.VALUE_COLUMNS, *dimensions])


def cell(results, key, period=1, indicator=1):
    match = results[
        (results.cell_key == key)
        & (results.period_id == period)
        & (results.indicator_id == indicator)
    ]
    assert len(match) == 1, f"{key!r}: {len(match)} rows"
    return match.iloc[0]


RATE = IndicatorSpec(1, "rate", ("gender", "sector"), scale=100)


# ---- Values ----


def test_rate_across_three_organizations_and_two_dimensions():
    rows = [
        # organization 1
        (1, 1, 1, {"gender": "f", "sector": "jewish"}, 30, 40, None),
        (1, 1, 1, {"gender": "m", "sector": "jewish"}, 20, 40, None),
        # organization 2
        (1, 1, 2, {"gender": "f", "sector": "arab"}, 18, 30, None),
        (1, 1, 2, {"gender": "m", "sector": "arab"}, 12, 30, None),
        # organization 3
        (1, 1, 3, {"gender": "f", "sector": "jewish"}, 10, 20, None),
        (1, 1, 3, {"gender": "f", "sector": "arab"}, 6, 20, None),
    ]
    results, _ = engine.aggregate(values(rows), definitions(RATE))

    total = cell(results, "")
    assert (total.numerator, total.denominator) == (96, 180)
    assert total.value == pytest.approx(96 / 180 * 100)
    women = cell(results, "gender=f")
    assert (women.numerator, women.denominator) == (30 + 18 + 10 + 6, 40 + 30 + 20 + 20)
    arab = cell(results, "sector=arab")
    assert (arab.numerator, arab.denominator) == (36, 80)
    jewish_women = cell(results, "gender=f;sector=jewish")
    assert (jewish_women.numerator, jewish_women.denominator) == (40, 60)
    assert jewish_women.value == pytest.approx(40 / 60 * 100)  # not mean(75%, 50%)
    assert jewish_women.n == 60
    # Every cell of every rollup, and nothing nobody reported.
    assert set(results.cell_key) == {
        "",
        "gender=f",
        "gender=m",
        "sector=arab",
        "sector=jewish",
        "gender=f;sector=arab",
        "gender=f;sector=jewish",
        "gender=m;sector=arab",
        "gender=m;sector=jewish",
    }


def test_average_is_weighted_by_n():
    spec = IndicatorSpec(1, "average", ("gender",))
    rows = [
        (1, 1, 1, {"gender": "f"}, None, 10, 80.0),
        (1, 1, 2, {"gender": "f"}, None, 30, 60.0),
        (1, 1, 2, {"gender": "m"}, None, 20, 70.0),
    ]
    results, _ = engine.aggregate(
        values(rows, ("gender",)), definitions(spec, dimensions=(GENDER,))
    )
    women = cell(results, "gender=f")
    assert women.value == pytest.approx((80 * 10 + 60 * 30) / 40)
    assert women.n == 40
    assert math.isnan(women.numerator)
    assert cell(results, "").value == pytest.approx((800 + 1800 + 1400) / 60)


def test_counts_add_up_and_zero_stays_zero():
    spec = IndicatorSpec(1, "count", ("gender",))
    rows = [
        (1, 1, 1, {"gender": "f"}, None, None, 12),
        (1, 1, 2, {"gender": "f"}, None, None, 30),
        (1, 1, 2, {"gender": "m"}, None, None, 0),
    ]
    results, _ = engine.aggregate(
        values(rows, ("gender",)), definitions(spec, dimensions=(GENDER,))
    )
    assert cell(results, "gender=f").value == 42
    assert cell(results, "gender=m").value == 0
    assert cell(results, "gender=m").suppression == ""
    assert cell(results, "").value == 42


def test_a_partner_that_reports_only_totals_is_counted_in_the_total_only():
    rows = [
        (1, 1, 1, {"gender": "f", "sector": "jewish"}, 30, 40, None),
        (1, 1, 1, {"gender": "m", "sector": "jewish"}, 20, 40, None),
        (1, 1, 2, {}, 50, 100, None),  # organization 2 gave only its total
    ]
    results, _ = engine.aggregate(values(rows), definitions(RATE))
    assert cell(results, "").denominator == 180
    assert cell(results, "gender=f").denominator == 40


def test_a_reported_total_wins_over_the_sum_of_its_parts():
    rows = [
        (1, 1, 1, {}, 40, 100, None),
        (1, 1, 1, {"gender": "f", "sector": "jewish"}, 30, 40, None),
    ]
    results, _ = engine.aggregate(values(rows), definitions(RATE))
    assert cell(results, "").denominator == 100


def test_overlapping_dimension_takes_its_total_from_the_reported_total():
    spec = IndicatorSpec(1, "rate", ("race",), scale=100)
    rows = [
        # A multiracial person counts in two categories: categories sum to 130, not 100.
        (1, 1, 1, {"race": "asian"}, 20, 40, None),
        (1, 1, 1, {"race": "black"}, 15, 30, None),
        (1, 1, 1, {"race": "white"}, 30, 60, None),
        (1, 1, 1, {}, 50, 100, None),
    ]
    results, _ = engine.aggregate(values(rows, ("race",)), definitions(spec, dimensions=(RACE,)))
    total = cell(results, "")
    assert (total.numerator, total.denominator) == (50, 100)


def test_overlapping_dimension_gives_no_total_when_none_was_reported():
    spec = IndicatorSpec(1, "rate", ("race",), scale=100)
    rows = [(1, 1, 1, {"race": "asian"}, 20, 40, None), (1, 1, 1, {"race": "white"}, 30, 60, None)]
    results, _ = engine.aggregate(values(rows, ("race",)), definitions(spec, dimensions=(RACE,)))
    assert "" not in set(results.cell_key)


def test_overlapping_dimension_crossed_with_an_exclusive_one():
    spec = IndicatorSpec(1, "rate", ("gender", "race"), scale=100)
    rows = [
        (1, 1, 1, {"gender": "f", "race": "asian"}, 5, 20, None),
        (1, 1, 1, {"gender": "m", "race": "asian"}, 5, 20, None),
        (1, 1, 1, {"gender": "f", "race": "white"}, 10, 30, None),
        (1, 1, 1, {"gender": "f"}, 14, 45, None),  # reported per gender, race blank
        (1, 1, 1, {"gender": "m"}, 9, 35, None),
    ]
    results, _ = engine.aggregate(
        values(rows, ("gender", "race")), definitions(spec, dimensions=(GENDER, RACE))
    )
    # race=asian sums over the exclusive gender dimension...
    assert cell(results, "race=asian").denominator == 40
    # ...but the totals never sum over race: they come from the per-gender rows.
    assert cell(results, "gender=f").denominator == 45
    assert cell(results, "").denominator == 80


def test_results_do_not_mix_periods_or_indicators():
    rows = [
        (1, 1, 1, {"gender": "f", "sector": "jewish"}, 30, 40, None),
        (1, 2, 1, {"gender": "f", "sector": "jewish"}, 10, 40, None),
        (2, 1, 1, {"gender": "f", "sector": "jewish"}, 5, 40, None),
    ]
    spec2 = IndicatorSpec(2, "rate", ("gender", "sector"), scale=100)
    results, _ = engine.aggregate(values(rows), definitions(RATE, spec2))
    assert cell(results, "", period=1).numerator == 30
    assert cell(results, "", period=2).numerator == 10
    assert cell(results, "", indicator=2).numerator == 5


def test_a_zero_denominator_gives_no_rate_rather_than_an_error():
    rows = [(1, 1, 1, {"gender": "m", "sector": "arab"}, 0, 0, None)]
    results, _ = engine.aggregate(values(rows), definitions(RATE))
    assert math.isnan(cell(results, "gender=m;sector=arab").value)
    assert cell(results, "").denominator == 0


def test_no_values_give_no_results():
    results, disparities = engine.compute(values([]), definitions(RATE))
    assert results.empty
    assert disparities.empty


# ---- Confidence intervals ----


def test_wilson_interval_matches_the_textbook_example():
    low, high = engine.wilson_interval(np.array([8.0]), np.array([10.0]))
    assert low[0] == pytest.approx(0.4902, abs=1e-4)
    assert high[0] == pytest.approx(0.9433, abs=1e-4)


def test_rates_carry_their_interval_per_scale():
    rows = [(1, 1, 1, {"gender": "f", "sector": "jewish"}, 8, 10, None)]
    results, _ = engine.aggregate(values(rows), definitions(RATE))
    total = cell(results, "")
    assert (total.ci_low, total.ci_high) == (
        pytest.approx(49.02, abs=0.01),
        pytest.approx(94.33, abs=0.01),
    )


# ---- Gaps between groups ----


def gap_rows():
    return [
        (1, 1, 1, {"gender": "f", "sector": "jewish"}, 80, 100, None),  # 80% reference
        (1, 1, 1, {"gender": "f", "sector": "arab"}, 50, 100, None),  # 50%
        (1, 1, 1, {"gender": "f", "sector": "haredi"}, 60, 100, None),  # 60%
    ]


def test_gaps_to_the_reference_group():
    results, _ = engine.aggregate(values(gap_rows()), definitions(RATE))
    arab = cell(results, "sector=arab")
    assert arab.reference_key == "sector=jewish"
    assert arab.ratio_to_reference == pytest.approx(50 / 80)
    assert arab.difference_from_reference == pytest.approx(-30)
    assert arab.gap_significant is True  # 50/100 vs 80/100: z ≈ 4.5
    reference = cell(results, "sector=jewish")
    assert reference.ratio_to_reference == 1
    assert reference.gap_significant is None


def test_a_small_gap_is_not_statistically_distinguishable():
    rows = [
        (1, 1, 1, {"gender": "f", "sector": "jewish"}, 40, 50, None),
        (1, 1, 1, {"gender": "f", "sector": "arab"}, 38, 50, None),
    ]
    results, _ = engine.aggregate(values(rows), definitions(RATE))
    assert cell(results, "sector=arab").gap_significant is False


def test_gaps_to_the_best_group_follow_the_direction():
    results, _ = engine.aggregate(values(gap_rows()), definitions(RATE))
    assert cell(results, "sector=arab").best_key == "sector=jewish"
    assert cell(results, "sector=arab").difference_from_best == pytest.approx(-30)

    lower_is_better = IndicatorSpec(
        1, "rate", ("gender", "sector"), scale=100, higher_is_better=False
    )
    results, _ = engine.aggregate(values(gap_rows()), definitions(lower_is_better))
    assert cell(results, "sector=haredi").best_key == "sector=arab"
    assert cell(results, "sector=haredi").ratio_to_best == pytest.approx(60 / 50)


def test_the_unknown_category_is_never_the_best_group():
    rows = [*gap_rows(), (1, 1, 1, {"gender": "u", "sector": "jewish"}, 980, 1000, None)]
    results, _ = engine.aggregate(values(rows), definitions(RATE))
    assert cell(results, "gender=f").best_key == "gender=f"


def test_index_of_disparity_is_the_mean_absolute_gap_as_a_share_of_the_reference():
    _, disparities = engine.aggregate(values(gap_rows()), definitions(RATE))
    sector = disparities[disparities.dimension == "sector"].iloc[0]
    # (|50 − 80| + |60 − 80|) / 2 / 80 × 100
    assert sector.index_vs_reference == pytest.approx(31.25)
    assert sector.index_vs_best == pytest.approx(31.25)  # the reference is also the best
    assert sector.groups_compared == 3


# ---- Suppression ----


def test_small_cells_are_suppressed_but_a_true_zero_is_not():
    rows = [
        (1, 1, 1, {"gender": "f", "sector": "jewish"}, 3, 7, None),
        (1, 1, 1, {"gender": "m", "sector": "jewish"}, 0, 0, None),
        (1, 1, 1, {"gender": "f", "sector": "arab"}, 25, 40, None),
    ]
    results, _ = engine.aggregate(values(rows), definitions(RATE, threshold=10))
    assert cell(results, "gender=f;sector=jewish").suppression == Reason.GROUP_SIZE
    assert cell(results, "gender=m;sector=jewish").suppression == ""


def test_a_lone_small_cell_in_a_line_is_protected_by_a_second_one():
    # Sector totals: jewish 100, arab 6 (small), haredi 40; total 146. Without a second
    # suppression, arab = 146 − 100 − 40.
    rows = [
        (1, 1, 1, {"gender": "f", "sector": "jewish"}, 40, 100, None),
        (1, 1, 1, {"gender": "f", "sector": "arab"}, 3, 6, None),
        (1, 1, 1, {"gender": "f", "sector": "haredi"}, 20, 40, None),
    ]
    results, _ = engine.aggregate(values(rows), definitions(RATE, threshold=10))
    assert cell(results, "sector=arab").suppression == Reason.GROUP_SIZE
    # The smallest other child goes, never the reference group.
    assert cell(results, "sector=haredi").suppression == Reason.SECONDARY
    assert cell(results, "sector=jewish").suppression == ""
    assert cell(results, "").suppression == ""


def test_a_line_with_one_child_hides_its_parent_too():
    rows = [
        (1, 1, 1, {"gender": "f", "sector": "arab"}, 3, 6, None),
        (1, 1, 1, {"gender": "m", "sector": "jewish"}, 30, 60, None),
    ]
    results, _ = engine.aggregate(values(rows), definitions(RATE, threshold=10))
    # gender=f has a single child along sector (arab), so the two are equal.
    assert cell(results, "gender=f;sector=arab").suppression == Reason.GROUP_SIZE
    assert cell(results, "gender=f").suppression != ""


# ---- Over time ----


def series_rows(rates, organization=1):
    return [
        (1, period, organization, {"gender": "f", "sector": "jewish"}, rate, 100, None)
        for period, rate in enumerate(rates, start=1)
    ]


def test_change_since_baseline_and_progress_to_the_universal_and_group_targets():
    spec = IndicatorSpec(1, "rate", ("gender", "sector"), scale=100, baseline_period_id=1)
    targets = pd.DataFrame(
        [(1, 8, "", 80.0), (1, 8, "sector=jewish", 70.0)],
        columns=["indicator_id", "period_id", "cell_key", "value"],
    )
    results, _ = engine.compute(
        values(series_rows([40, 45, 50, 60])), definitions(spec, targets=targets)
    )
    latest = cell(results, "", period=4)
    assert latest.baseline == 40
    assert latest.change_since_baseline == pytest.approx(20)
    assert latest.target == 80
    assert latest.progress_to_target == pytest.approx(20 / 40)
    group = cell(results, "sector=jewish", period=4)
    assert group.group_target == 70
    assert group.progress_to_group_target == pytest.approx(20 / 30)
    assert group.target == 80  # the universal goal applies to every group


def test_an_external_baseline_value_is_used_for_the_total():
    spec = IndicatorSpec(
        1, "rate", ("gender", "sector"), scale=100, baseline_period_id=1, baseline_value=35.0
    )
    results, _ = engine.compute(values(series_rows([40, 50])), definitions(spec))
    assert cell(results, "", period=2).change_since_baseline == pytest.approx(15)
    assert cell(results, "gender=f", period=2).baseline == 40


def test_trend_over_the_last_periods_is_direction_aware():
    results, _ = engine.compute(values(series_rows([40, 42, 44, 46, 48])), definitions(RATE))
    latest = cell(results, "", period=5)
    assert latest.trend_slope == pytest.approx(2.0)
    assert latest.trend == engine.IMPROVING
    assert cell(results, "", period=2).trend == ""  # too few points yet

    lower = IndicatorSpec(1, "rate", ("gender", "sector"), scale=100, higher_is_better=False)
    results, _ = engine.compute(values(series_rows([40, 42, 44, 46])), definitions(lower))
    assert cell(results, "", period=4).trend == engine.WORSENING


def test_a_change_of_less_than_a_point_over_the_window_is_flat():
    rows = [
        (1, period, 1, {"gender": "f", "sector": "jewish"}, numerator, 1000, None)
        for period, numerator in enumerate([500, 502, 501, 503], start=1)
    ]
    results, _ = engine.compute(values(rows), definitions(RATE))
    assert cell(results, "", period=4).trend == engine.FLAT
