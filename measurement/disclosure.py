"""Disclosure control: which computed cells each restricted audience may not see, chosen so
that people are protected and as little as possible is hidden. Pure: no Django.

The policy (``Policy``) says what is too small to publish. ``protect`` takes one table — the
cells of one indicator and period, with each contributing organization's part — and returns
its protected pattern: the primary cells the rules name, and the complementary (secondary)
cells chosen by a mixed-integer program (HiGHS, through ``scipy.optimize.milp``) so that no
reader can work a protected number out, at the least loss of people hidden. docs/measurement.md
explains the rules to backbone staff; docs/disclosure.md explains the method.
"""

from dataclasses import dataclass, field
from enum import StrEnum


class SmallCount(StrEnum):
    """What a rate with few people counted (or not counted) shows restricted audiences."""

    RANGE = "range"  # a coded range such as "≤ 10%", with the group size published
    SUPPRESS = "suppress"  # nothing: the cell is hidden


class Reason(StrEnum):
    """Why a cell is hidden from restricted audiences ("" when it is published)."""

    NONE = ""
    GROUP_SIZE = "group_size"  # fewer people than the minimum group size
    SMALL_COUNT = "small_count"  # too few people counted, or not counted, in a rate
    CONTRIBUTORS = "contributors"  # too few organizations behind the figure
    SECONDARY = "secondary"  # hidden so that a primary cell cannot be worked out


PRIMARY_REASONS = (Reason.GROUP_SIZE, Reason.SMALL_COUNT, Reason.CONTRIBUTORS)


@dataclass(frozen=True)
class Policy:
    """An initiative's disclosure policy. ``min_count`` None means the minimum group size."""

    min_group_size: int = 10
    min_count: int | None = None
    small_count: SmallCount = SmallCount.RANGE
    min_contributors: int = 1
    protection_level: int = 0
    """How far (percent of the protected number) a reader's best bounds must stay from it on
    either side; 0: at least one person either side."""
    time_budget: float = field(default=2.0, compare=False)
    """Seconds the optimiser may spend on one table before it keeps its best safe pattern."""

    @property
    def count_threshold(self) -> int:
        return self.min_group_size if self.min_count is None else self.min_count

    def as_dict(self) -> dict:
        """The policy as the definitions file writes it."""
        return {
            "min_group_size": self.min_group_size,
            "min_count": self.count_threshold,
            "small_count": str(self.small_count),
            "min_contributors": self.min_contributors,
            "protection_level": self.protection_level,
        }
