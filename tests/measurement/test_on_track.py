"""The scorecard's on-track rule (measurement.on_track) on hand-made series.

The figures are dated in days after 1 January 2024 (``day(100)``), so that each line is worked
by hand: a trend through (0, 40) and (100, 45) rises 0.05 a day."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from measurement import engine
from measurement.on_track import (
    AHEAD,
    BEHIND,
    NO_BASELINE,
    NO_TARGET,
    ON_TRACK,
    TOO_EARLY,
    Point,
    applicable_target,
    on_track,
)

RATE = engine.IndicatorSpec(id=1, kind=engine.RATE, scale=100)
COUNT = engine.IndicatorSpec(id=2, kind=engine.COUNT)
FALLING_RATE = engine.IndicatorSpec(id=3, kind=engine.RATE, scale=100, higher_is_better=False)


def day(n: int) -> date:
    return date(2024, 1, 1) + timedelta(days=n)


def series(*pairs) -> list[Point]:
    return [Point(day(d), value) for d, value in pairs]


BASELINE = Point(day(0), 40.0)
TARGET = Point(day(500), 60.0)


def test_a_trend_that_overshoots_the_target_is_ahead():
    # Trend through (0, 40), (100, 45), (200, 50): 0.05 a day, at day 500: 40 + 25 = 65,
    # 5 points better than 60. The trajectory 40 → 60 over 500 days is at 48 on day 200.
    verdict = on_track(
        series((0, 40.0), (100, 45.0), (200, 50.0)), baseline=BASELINE, target=TARGET, spec=RATE
    )
    assert verdict.status == AHEAD
    assert verdict.projected == pytest.approx(65.0)
    assert verdict.expected_now == pytest.approx(48.0)
    assert verdict.figures == 3
    assert not verdict.target_passed


def test_a_trend_along_the_trajectory_is_on_track():
    # 0.04 a day, as the trajectory: 40 + 0.04 × 500 = 60, the target.
    verdict = on_track(
        series((0, 40.0), (100, 44.0), (200, 48.0)), baseline=BASELINE, target=TARGET, spec=RATE
    )
    assert verdict.status == ON_TRACK
    assert verdict.projected == pytest.approx(60.0)


def test_a_trend_too_slow_for_the_target_is_behind():
    # 0.02 a day: 40 + 0.02 × 500 = 50, 10 points short of 60.
    verdict = on_track(
        series((0, 40.0), (100, 42.0), (200, 44.0)), baseline=BASELINE, target=TARGET, spec=RATE
    )
    assert verdict.status == BEHIND
    assert verdict.projected == pytest.approx(50.0)


def test_without_a_target_there_is_no_target():
    verdict = on_track(series((0, 40.0), (100, 45.0)), baseline=BASELINE, target=None, spec=RATE)
    assert verdict.status == NO_TARGET
    assert verdict.projected is None


def test_without_a_baseline_there_is_no_baseline():
    verdict = on_track(series((0, 40.0), (100, 45.0)), baseline=None, target=TARGET, spec=RATE)
    assert verdict.status == NO_BASELINE


def test_one_figure_since_the_baseline_is_too_early_to_tell():
    # The figure of day -100 came before the baseline: only (0, 40) counts, and one point
    # makes no line.
    verdict = on_track(series((-100, 30.0), (0, 40.0)), baseline=BASELINE, target=TARGET, spec=RATE)
    assert verdict.status == TOO_EARLY
    assert verdict.projected is None
    assert verdict.expected_now == pytest.approx(40.0)


def test_falling_is_better_reads_the_trend_the_other_way():
    # Baseline 30, target 20 at day 500. Falling 0.03 a day from 30: 30 − 15 = 15 at day 500,
    # 5 points lower (better) than 20: ahead. Falling 0.005 a day: 30 − 2.5 = 27.5, 7.5
    # points higher (worse): behind.
    baseline, target = Point(day(0), 30.0), Point(day(500), 20.0)
    fast = on_track(
        series((0, 30.0), (100, 27.0), (200, 24.0)),
        baseline=baseline,
        target=target,
        spec=FALLING_RATE,
    )
    slow = on_track(
        series((0, 30.0), (100, 29.5), (200, 29.0)),
        baseline=baseline,
        target=target,
        spec=FALLING_RATE,
    )
    assert (fast.status, slow.status) == (AHEAD, BEHIND)
    assert fast.projected == pytest.approx(15.0)
    assert slow.projected == pytest.approx(27.5)


@pytest.mark.parametrize(
    ("latest", "status"),
    [
        (59.5, ON_TRACK),  # met: 0.5 short is within a point
        (58.0, BEHIND),  # missed by 2 points
        (62.0, AHEAD),  # beaten by 2 points
    ],
)
def test_once_the_target_date_has_passed_the_latest_figure_decides(latest, status):
    # Target 60 by day 300; the latest figure, day 400, stands for the projection whatever
    # the line through (0, 40), (100, 50), (400, latest) says.
    verdict = on_track(
        series((0, 40.0), (100, 50.0), (400, latest)),
        baseline=BASELINE,
        target=Point(day(300), 60.0),
        spec=RATE,
    )
    assert verdict.status == status
    assert verdict.target_passed
    assert verdict.projected == latest
    assert verdict.expected_now == 60.0  # past the target date, the trajectory is the target


def test_a_target_date_that_passed_with_one_figure_is_still_judged():
    # Met or missed needs no trend: target 60 by day 0, latest figure (day 100) 70.
    verdict = on_track(
        series((100, 70.0)), baseline=BASELINE, target=Point(day(0), 60.0), spec=RATE
    )
    assert verdict.status == AHEAD


def test_a_gap_in_the_series_is_a_gap_in_time_not_a_point():
    # Day 100 is hidden from this audience and day 200 was never reported: the line goes
    # through (0, 40) and (300, 52), 0.04 a day, to 40 + 0.04 × 500 = 60 — on track.
    verdict = on_track(
        series((0, 40.0), (100, None), (300, 52.0)), baseline=BASELINE, target=TARGET, spec=RATE
    )
    assert verdict.status == ON_TRACK
    assert verdict.figures == 2
    assert verdict.projected == pytest.approx(60.0)


def test_only_the_latest_four_figures_make_the_trend():
    # Of (0, 40), (100, 20), (200, 44), (300, 46), (400, 48), (500, 50) the last four rise
    # 0.02 a day: 50 + 0.02 × 500 = 60 by day 1000, 10 short of 70. The fall to 20 is older.
    verdict = on_track(
        series((0, 40.0), (100, 20.0), (200, 44.0), (300, 46.0), (400, 48.0), (500, 50.0)),
        baseline=BASELINE,
        target=Point(day(1000), 70.0),
        spec=RATE,
    )
    assert verdict.figures == 4
    assert verdict.projected == pytest.approx(60.0)
    assert verdict.status == BEHIND


@pytest.mark.parametrize(
    ("spec", "target", "latest", "status"),
    [
        # A rate's tolerance is a point of its scale: 50.9 is within 1 of 50, 51.1 is not.
        (RATE, 50.0, 50.9, ON_TRACK),
        (RATE, 50.0, 51.1, AHEAD),
        # A count's is 1% of the target: 10 of 1,000 — but only 0.5 of 50.
        (COUNT, 1000.0, 1009.0, ON_TRACK),
        (COUNT, 1000.0, 989.0, BEHIND),
        (COUNT, 50.0, 50.9, AHEAD),
    ],
)
def test_a_rate_is_within_a_point_a_count_within_one_percent(spec, target, latest, status):
    verdict = on_track(
        series((0, 40.0), (100, latest)),
        baseline=BASELINE,
        target=Point(day(100), target),
        spec=spec,
    )
    assert verdict.status == status


@pytest.mark.parametrize(
    ("latest", "status"),
    [
        (59.01, ON_TRACK),  # 0.99 short: just inside
        (59.0, BEHIND),  # exactly a point short: no longer within
        (58.99, BEHIND),  # just outside
        (60.99, ON_TRACK),
        (61.0, AHEAD),
    ],
)
def test_the_tolerance_boundary(latest, status):
    verdict = on_track(
        series((0, 40.0), (100, latest)),
        baseline=BASELINE,
        target=Point(day(100), 60.0),
        spec=RATE,
    )
    assert verdict.status == status


def test_no_status_when_the_latest_figure_is_hidden():
    assert (
        on_track(series((0, 40.0), (100, None)), baseline=BASELINE, target=TARGET, spec=RATE)
        is None
    )


def test_no_status_when_the_baseline_is_hidden():
    verdict = on_track(
        series((0, None), (100, 45.0), (200, 50.0)),
        baseline=Point(day(0), None),
        target=TARGET,
        spec=RATE,
    )
    assert verdict is None


def test_no_status_without_figures():
    assert on_track([], baseline=BASELINE, target=TARGET, spec=RATE) is None


def test_the_applicable_target_is_the_next_one_or_the_last():
    targets = series((300, 55.0), (600, 65.0))
    assert applicable_target(targets, day(200)).value == 55.0
    assert applicable_target(targets, day(300)).value == 55.0  # at its date it still applies
    assert applicable_target(targets, day(400)).value == 65.0
    assert applicable_target(targets, day(700)).value == 65.0  # all passed: the last
    assert applicable_target([], day(700)) is None


figure = st.floats(min_value=-1000, max_value=1000, allow_nan=False)


@given(
    values=st.lists(figure, min_size=1, max_size=6),
    baseline=figure,
    target=figure,
    target_day=st.integers(min_value=-200, max_value=1200),
    kind=st.sampled_from([engine.RATE, engine.COUNT, engine.AVERAGE]),
)
def test_mirror_image_a_falling_indicator_read_upside_down_has_the_same_status(
    values, baseline, target, target_day, kind
):
    """Negating every figure and the direction changes nothing: the rule has no favourite
    direction."""
    up = engine.IndicatorSpec(id=1, kind=kind, scale=100, higher_is_better=True)
    down = engine.IndicatorSpec(id=1, kind=kind, scale=100, higher_is_better=False)
    figures = [Point(day(100 * i), v) for i, v in enumerate(values)]
    mirrored = [Point(p.when, -p.value) for p in figures]
    as_is = on_track(
        figures, baseline=Point(day(0), baseline), target=Point(day(target_day), target), spec=up
    )
    upside_down = on_track(
        mirrored,
        baseline=Point(day(0), -baseline),
        target=Point(day(target_day), -target),
        spec=down,
    )
    assert as_is.status == upside_down.status
