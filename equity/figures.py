"""The figures of the equity strategies, as pure functions of plain records: how much power
the community had in decisions and over money, who sits at the tables over time, whether the
feedback loop closes and how fast, whether commitments are kept. Selectors fetch the records;
these functions do the arithmetic, so it is tested without a database."""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from core.figures import share

# ---- Shifting power ----


@dataclass(frozen=True)
class DecisionRecord:
    level: int
    resources: Decimal | None


@dataclass(frozen=True)
class PowerFigures:
    decisions: int
    shared: int  # at "collaborate" or above
    money: Decimal
    money_shared: Decimal
    by_level: dict[int, int]

    @property
    def shared_share(self) -> float | None:
        return share(self.shared, self.decisions)

    @property
    def money_shared_share(self) -> float | None:
        return float(self.money_shared / self.money) if self.money else None


def power_figures(decisions, threshold: int) -> PowerFigures:
    """Share of decisions, and of the money they moved, made with the community at
    ``threshold`` (collaborate) or above."""
    decisions = list(decisions)
    shared = [d for d in decisions if d.level >= threshold]
    return PowerFigures(
        decisions=len(decisions),
        shared=len(shared),
        money=sum((d.resources or Decimal(0) for d in decisions), Decimal(0)),
        money_shared=sum((d.resources or Decimal(0) for d in shared), Decimal(0)),
        by_level=dict(sorted(Counter(d.level for d in decisions).items())),
    )


@dataclass(frozen=True)
class SeatRecord:
    seat_type: str
    starts_on: date
    ends_on: date | None


@dataclass(frozen=True)
class Composition:
    on: date
    by_type: dict[str, int]

    @property
    def seats(self) -> int:
        return sum(self.by_type.values())

    def share_of(self, seat_type: str) -> float | None:
        return share(self.by_type.get(seat_type, 0), self.seats)


def composition(seats, on: date) -> Composition:
    """Who held the seats on one day: a seat counts from its first day to its last."""
    held = [s for s in seats if s.starts_on <= on and (s.ends_on is None or s.ends_on >= on)]
    return Composition(on=on, by_type=dict(Counter(s.seat_type for s in held)))


def composition_over_time(seats, dates) -> list[Composition]:
    return [composition(seats, on) for on in dates]


def quarter_ends(first: date, last: date) -> list[date]:
    """The last day of every quarter from the one holding ``first`` to the one holding
    ``last``, the points at which composition is read over time."""
    ends = []
    year, quarter = first.year, (first.month - 1) // 3 + 1
    while True:
        end_month = quarter * 3
        end = date(year, end_month, 31 if end_month in (3, 12) else 30)
        ends.append(end)
        if end >= last:
            return ends
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)


# ---- Accountability ----


@dataclass(frozen=True)
class CommitmentRecord:
    status: str
    due_on: date | None
    is_open: bool


@dataclass(frozen=True)
class Accountability:
    total: int
    done: int
    open: int
    overdue: int
    due_by_now: int  # commitments whose date has passed

    @property
    def kept_share(self) -> float | None:
        """Of the commitments whose date has passed, the share that were done."""
        return share(self.due_by_now - self.overdue, self.due_by_now)


def accountability(commitments, today: date, done_status: str) -> Accountability:
    commitments = list(commitments)
    overdue = [c for c in commitments if c.is_open and c.due_on is not None and c.due_on < today]
    past_due = [
        c
        for c in commitments
        if c.due_on is not None and c.due_on < today and (c.is_open or c.status == done_status)
    ]
    return Accountability(
        total=len(commitments),
        done=sum(c.status == done_status for c in commitments),
        open=sum(c.is_open for c in commitments),
        overdue=len(overdue),
        due_by_now=len(past_due),
    )


# ---- Systems change ----


def condition_stage_matrix(efforts, conditions, stages) -> dict[str, dict[str, int]]:
    """How many efforts work on each condition at each stage; an effort on several
    conditions counts under each."""
    matrix = {condition: dict.fromkeys(stages, 0) for condition in conditions}
    for effort_conditions, stage in efforts:
        for condition in effort_conditions:
            if condition in matrix and stage in matrix[condition]:
                matrix[condition][stage] += 1
    return matrix
