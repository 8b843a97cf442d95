"""The scorecard's rows (``selectors.overview``): baseline and target with their periods,
progress, the on-track status and its explanation, the largest gap, RBA's sections, the
scorecard as it stood at an earlier period — and nothing a restricted audience may not see."""

import pytest

from initiatives import roles
from measurement import selectors
from measurement.choices import IndicatorKind, OnTrack, RbaType, Suppression
from measurement.models import ComputedResult, Target
from tests.factories.measurement import (
    ComputedResultFactory,
    IndicatorFactory,
    ReportingPeriodFactory,
)

BACKBONE = roles.Audience(unsuppressed=True)
FUNDER = roles.SHARE_LINK_AUDIENCE


def _figure(indicator, period, value, *, key="", baseline=None, target=None, **fields):
    progress = None
    if baseline is not None and target is not None and target != baseline:
        progress = (value - baseline) / (target - baseline)
    return ComputedResultFactory(
        indicator=indicator,
        period=period,
        key=key,
        numerator=None,
        denominator=None,
        value=value,
        n=100,
        baseline=baseline,
        change_since_baseline=None if baseline is None else value - baseline,
        target=target,
        progress_to_target=progress,
        **fields,
    )


def _target(indicator, period, value):
    cell = indicator.initiative.cells.get_or_create(key="")[0]
    return Target.objects.create(indicator=indicator, period=period, cell=cell, value=value)


@pytest.fixture
def card(world):
    """A year of quarters and four indicators, one for each status the data allows:

    - reading (population, a rate): baseline 40 in 2024-Q1, then 50, 60, 70; target 80 by
      2025-Q4. Rising ~0.11 a day, it would be near 110 by October 2025: ahead. The straight
      line from 40 (1 January 2024) to 80 (1 October 2025, 639 days later) is at
      40 + 40 × 274/639 = 57.15 on 1 October 2024. Girls 80, boys 60 in 2024-Q4: boys 20
      points behind.
    - served (how much, a count): no target.
    - late (how well, a rate, lower is better): no baseline period.
    - employed (better off, a rate): baseline 2024-Q4, one figure since: too early.
    """
    quarters = [world.period] + [
        ReportingPeriodFactory(initiative=world.initiative, code=f"2024-Q{n}") for n in (2, 3, 4)
    ]
    by = ReportingPeriodFactory(initiative=world.initiative, code="2025-Q4")
    reading = world.indicator
    reading.baseline_period = quarters[0]
    reading.save()
    _target(reading, by, 80)
    for period, value in zip(quarters, (40, 50, 60, 70), strict=True):
        _figure(reading, period, value, baseline=40, target=80)
    _figure(reading, quarters[3], 80, key="gender=f", baseline=40, target=80)
    _figure(
        reading,
        quarters[3],
        60,
        key="gender=m",
        baseline=40,
        target=80,
        reference_key="gender=f",
        difference_from_reference=-20,
    )

    served = IndicatorFactory(
        initiative=world.initiative,
        code="served",
        kind=IndicatorKind.COUNT,
        rba_type=RbaType.HOW_MUCH,
        baseline_period=quarters[0],
    )
    late = IndicatorFactory(
        initiative=world.initiative, code="late", rba_type=RbaType.HOW_WELL, direction="lower"
    )
    _target(late, by, 5)
    employed = IndicatorFactory(
        initiative=world.initiative,
        code="employed",
        rba_type=RbaType.BETTER_OFF,
        baseline_period=quarters[3],
    )
    _target(employed, by, 50)
    for period, value in zip(quarters, (100, 120, 130, 150), strict=True):
        _figure(served, period, value, baseline=100)
        _figure(late, period, 10 - value / 100, target=5)
    _figure(employed, quarters[3], 30, baseline=30, target=50)
    world.quarters, world.by = quarters, by
    return world


def _total(world, period):
    return ComputedResult.objects.get(indicator=world.indicator, period=period, cell__key="")


def _rows(data) -> dict:
    return {row.indicator.code: row for group in data["results"] for row in group["rows"]}


def test_each_row_has_its_baseline_target_progress_and_status(card):
    rows = _rows(selectors.overview(audience=BACKBONE, initiative=card.initiative))
    reading = rows["read3"]
    assert (reading.baseline, reading.baseline_period.code) == (40, "2024-Q1")
    assert (reading.target, reading.target_period.code) == (80, "2025-Q4")
    assert reading.latest.value == 70
    assert reading.progress == pytest.approx(0.75)  # 30 of the 40 points
    assert reading.on_track == OnTrack.AHEAD
    assert reading.on_track_label == "Ahead"
    assert reading.projected > 100
    assert reading.expected_now == pytest.approx(40 + 40 * 274 / 639)
    assert reading.status_period.code == "2024-Q4"

    assert rows["served"].on_track == OnTrack.NO_TARGET
    assert rows["served"].target_period is None
    assert rows["late"].on_track == OnTrack.NO_BASELINE
    assert rows["employed"].on_track == OnTrack.TOO_EARLY
    assert rows["employed"].on_track_label == "Too early to tell"


def test_the_largest_gap_is_the_group_furthest_behind(card):
    rows = _rows(selectors.overview(audience=BACKBONE, initiative=card.initiative))
    gap = rows["read3"].largest_gap
    assert (gap.group, gap.reference, gap.difference) == ("Male", "Female", -20)
    assert rows["served"].largest_gap is None


def test_population_indicators_and_performance_measures_have_their_own_sections(card):
    data = selectors.overview(audience=BACKBONE, initiative=card.initiative)
    assert [row.indicator.code for g in data["population"] for row in g["rows"]] == ["read3"]
    sections = [(s["rba_type"], [r.indicator.code for r in s["rows"]]) for s in data["performance"]]
    assert sections == [
        (RbaType.HOW_MUCH, ["served"]),
        (RbaType.HOW_WELL, ["late"]),
        (RbaType.BETTER_OFF, ["employed"]),
    ]
    assert [p.code for p in data["periods"]] == ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]


def test_as_of_shows_the_scorecard_as_it_stood_then(card):
    data = selectors.overview(audience=BACKBONE, initiative=card.initiative, as_of=card.quarters[1])
    reading = _rows(data)["read3"]
    assert reading.latest.period.code == "2024-Q2"
    assert [p.value for p in reading.series] == [40, 50]
    # Through (1 January, 40) and (1 April, 50): 10 points in 91 days, 40 + 10 × 639/91 by
    # 1 October 2025.
    assert reading.projected == pytest.approx(40 + 10 * 639 / 91)
    assert reading.largest_gap is None  # the groups were counted in 2024-Q4
    assert data["latest_period"].code == "2024-Q2"
    # Every period stays on offer.
    assert len(data["periods"]) == 4


def test_a_funder_gets_no_status_built_on_a_hidden_latest_figure(card):
    latest = _total(card, card.quarters[3])
    latest.suppression = Suppression.SMALL_COUNT
    latest.save()
    backbone = _rows(selectors.overview(audience=BACKBONE, initiative=card.initiative))
    funder = _rows(selectors.overview(audience=FUNDER, initiative=card.initiative))
    assert backbone["read3"].on_track == OnTrack.AHEAD
    row = funder["read3"]
    assert row.latest.value is None
    assert (row.on_track, row.on_track_label, row.projected, row.expected_now) == (
        None,
        "",
        None,
        None,
    )
    assert row.progress is None


def test_a_funder_gets_no_status_built_on_a_hidden_baseline(card):
    ComputedResult.objects.filter(indicator=card.indicator).filter(cell__key="").update(
        baseline_suppressed=True
    )
    funder = _rows(selectors.overview(audience=FUNDER, initiative=card.initiative))
    row = funder["read3"]
    assert row.latest.value == 70
    assert row.baseline is None
    assert row.on_track is None
    assert row.progress is None


def test_a_funders_trend_leaves_out_the_figures_it_may_not_see(card):
    # 2024-Q3 (60) hidden: the funder's line goes through 40, 50 and 70, the backbone's
    # through all four; both are ahead, by different projections.
    hidden = _total(card, card.quarters[2])
    hidden.suppression = Suppression.SMALL_COUNT
    hidden.save()
    backbone = _rows(selectors.overview(audience=BACKBONE, initiative=card.initiative))["read3"]
    funder = _rows(selectors.overview(audience=FUNDER, initiative=card.initiative))["read3"]
    assert funder.on_track == backbone.on_track == OnTrack.AHEAD
    assert funder.projected != pytest.approx(backbone.projected)
