"""The arithmetic of the equity strategies, without a database."""

from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from equity import figures
from equity.figures import CommitmentRecord, DecisionRecord, SeatRecord

COLLABORATE = 4


# ---- Power ----


def test_share_of_decisions_made_with_the_community_counts_collaborate_and_above():
    power = figures.power_figures(
        [DecisionRecord(level, None) for level in (0, 2, 3, 4, 5)], COLLABORATE
    )
    assert (power.shared, power.decisions) == (2, 5)
    assert power.shared_share == pytest.approx(0.4)
    assert power.by_level == {0: 1, 2: 1, 3: 1, 4: 1, 5: 1}


def test_share_of_money_decided_with_the_community_weighs_by_amount():
    power = figures.power_figures(
        [
            DecisionRecord(1, Decimal("1500000")),
            DecisionRecord(4, Decimal("480000")),
            DecisionRecord(5, Decimal("20000")),
            DecisionRecord(5, None),  # no money involved
        ],
        COLLABORATE,
    )
    assert power.money == Decimal("2000000")
    assert power.money_shared == Decimal("500000")
    assert power.money_shared_share == pytest.approx(0.25)


def test_no_decisions_and_no_money_are_unknown_not_zero():
    power = figures.power_figures([DecisionRecord(5, None)], COLLABORATE)
    assert power.money_shared_share is None
    assert figures.power_figures([], COLLABORATE).shared_share is None


# ---- Seats over time ----


SEATS = [
    SeatRecord("community", date(2023, 1, 1), None),
    SeatRecord("community", date(2024, 6, 1), date(2024, 12, 31)),
    SeatRecord("partner", date(2023, 1, 1), None),
    SeatRecord("funder", date(2023, 1, 1), date(2023, 12, 31)),
]


def test_composition_counts_seats_held_that_day_including_first_and_last():
    on_first_day = figures.composition(SEATS, date(2023, 1, 1))
    assert on_first_day.by_type == {"community": 1, "partner": 1, "funder": 1}
    assert figures.composition(SEATS, date(2023, 12, 31)).seats == 3
    assert figures.composition(SEATS, date(2024, 1, 1)).by_type == {"community": 1, "partner": 1}
    later = figures.composition(SEATS, date(2024, 12, 31))
    assert later.share_of("community") == pytest.approx(2 / 3)
    assert figures.composition(SEATS, date(2022, 6, 1)).share_of("community") is None


def test_quarter_ends_run_from_the_first_quarter_to_the_one_holding_the_last_day():
    assert figures.quarter_ends(date(2023, 2, 10), date(2023, 10, 1)) == [
        date(2023, 3, 31),
        date(2023, 6, 30),
        date(2023, 9, 30),
        date(2023, 12, 31),
    ]
    assert figures.quarter_ends(date(2024, 12, 1), date(2025, 1, 5)) == [
        date(2024, 12, 31),
        date(2025, 3, 31),
    ]


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 1, 1)),
    st.integers(min_value=0, max_value=2000),
)
def test_quarter_ends_cover_the_span(first, days):
    last = first + timedelta(days=days)
    ends = figures.quarter_ends(first, last)
    assert ends[0] >= first
    assert ends[-1] >= last
    assert all(b > a for a, b in pairwise(ends))
    assert all((end + timedelta(days=1)).day == 1 and end.month % 3 == 0 for end in ends)


# ---- Accountability ----


TODAY = date(2026, 11, 27)


def test_accountability_counts_overdue_and_kept_commitments():
    commitments = [
        CommitmentRecord("done", date(2026, 1, 1), False),  # kept
        CommitmentRecord("in_progress", date(2026, 6, 1), True),  # overdue
        CommitmentRecord("planned", date(2027, 6, 1), True),  # not yet due
        CommitmentRecord("dropped", date(2025, 6, 1), False),  # dropped: neither
        CommitmentRecord("in_progress", None, True),  # a practice
    ]
    result = figures.accountability(commitments, TODAY, "done")
    assert (result.total, result.done, result.open, result.overdue) == (5, 1, 3, 1)
    assert result.due_by_now == 2
    assert result.kept_share == 0.5


def test_nothing_due_yet_means_no_kept_share():
    result = figures.accountability(
        [CommitmentRecord("planned", date(2027, 1, 1), True)], TODAY, "done"
    )
    assert result.kept_share is None


# ---- Systems change ----


def test_an_effort_on_several_conditions_counts_under_each():
    matrix = figures.condition_stage_matrix(
        [
            (["policies", "resource_flows"], "acting"),
            (["policies"], "exploring"),
            (["unknown"], "acting"),
        ],
        ["policies", "resource_flows", "mental_models"],
        ["exploring", "acting"],
    )
    assert matrix["policies"] == {"exploring": 1, "acting": 1}
    assert matrix["resource_flows"] == {"exploring": 0, "acting": 1}
    assert matrix["mental_models"] == {"exploring": 0, "acting": 0}
