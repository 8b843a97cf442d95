"""The demo's dates, counted from the day it is loaded: the reported quarters end with the last
complete one before that day, the quarter under way follows them, targets lie two years on,
and every other date in the tables is a number of days from that day."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from demo.data.measurement import DAYS_TO_REPORT, QUARTERS_OF_HISTORY, TARGET_QUARTERS_AHEAD
from measurement.periods import parse_period


def _quarter_index(day: date) -> int:
    """Quarters counted from year 0, so that the next quarter is one more."""
    return day.year * 4 + (day.month - 1) // 3


def _quarter_code(index: int) -> str:
    return f"{index // 4}-Q{index % 4 + 1}"


@dataclass(frozen=True)
class DemoCalendar:
    """The quarters and dates of a demo loaded on ``today``."""

    today: date

    @property
    def _latest(self) -> int:
        return _quarter_index(self.today) - 1

    @property
    def quarters(self) -> list[str]:
        """The reported quarters, oldest first; the last is the latest complete quarter."""
        return [_quarter_code(self._latest - back) for back in reversed(range(QUARTERS_OF_HISTORY))]

    @property
    def latest_quarter(self) -> str:
        return _quarter_code(self._latest)

    @property
    def current_quarter(self) -> str:
        """The quarter under way: set up for reporting, nothing reported yet."""
        return _quarter_code(self._latest + 1)

    @property
    def target_quarter(self) -> str:
        return _quarter_code(self._latest + TARGET_QUARTERS_AHEAD)

    def due_date(self, quarter: str) -> date:
        return parse_period(quarter).end + timedelta(days=DAYS_TO_REPORT)

    def quarter_due_by(self, day: date) -> str:
        """The latest quarter whose data was due by ``day``: what the dashboards showed then."""
        index = _quarter_index(day) - 1
        while self.due_date(_quarter_code(index)) > day:
            index -= 1
        return _quarter_code(index)

    def day(self, days: int) -> date:
        """The date ``days`` days from the day the demo is loaded (negative: before it)."""
        return self.today + timedelta(days=days)

    def moment(self, days: int) -> datetime:
        """That date at the time of day the demo is loaded: for records stamped with a time."""
        now = timezone.localtime()
        return timezone.make_aware(datetime.combine(self.day(days), now.time()))


def backdate(records: QuerySet, **stamps: datetime) -> None:
    """Give records the time the story says they happened. Services stamp a record with the
    moment they run (an update's ``created_at``, a consent's ``given_at``); the demo's records
    happened over the past months. A write outside the services that changes nothing but
    those stamps."""
    records.update(**stamps)
