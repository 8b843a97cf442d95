"""The feedback loop as a pure function of plain records: how much of what the community said
has a public answer, and how fast. The selector fetches the records."""

from dataclasses import dataclass
from datetime import datetime
from statistics import median

from core.figures import share


@dataclass(frozen=True)
class FeedbackRecord:
    received: datetime
    answered: datetime | None  # when the public answer was given


@dataclass(frozen=True)
class FeedbackLoop:
    items: int
    answered: int
    median_days: float | None
    waiting_longest_days: int | None

    @property
    def answered_share(self) -> float | None:
        return share(self.answered, self.items)


def feedback_loop(items, now: datetime) -> FeedbackLoop:
    """Share of feedback with a public answer, median days from receiving it to answering,
    and how long the oldest unanswered item has waited."""
    items = list(items)
    answered = [i for i in items if i.answered is not None]
    waiting = [(now - i.received).days for i in items if i.answered is None]
    return FeedbackLoop(
        items=len(items),
        answered=len(answered),
        median_days=median((i.answered - i.received).total_seconds() / 86400 for i in answered)
        if answered
        else None,
        waiting_longest_days=max(waiting) if waiting else None,
    )
