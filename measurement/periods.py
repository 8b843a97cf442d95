"""Reporting period codes of the interchange format: ``2024`` (year), ``2024-Q3`` (quarter),
``2024-09`` (month) and ``2024-25`` (school year, September to August)."""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from measurement.choices import PeriodKind

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_SCHOOL_YEAR = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class ParsedPeriod:
    code: str
    kind: PeriodKind
    start: date
    end: date


def _months(code: str, kind: PeriodKind, year: int, first: int, last: int) -> ParsedPeriod:
    """The period from the first day of month ``first`` to the last day of month ``last``."""
    last_day = calendar.monthrange(year, last)[1]
    return ParsedPeriod(code, kind, date(year, first, 1), date(year, last, last_day))


def parse_period(code: str) -> ParsedPeriod:
    """Parse a period code; raise ValueError with a message a partner can act on."""
    code = code.strip()
    if match := _YEAR.match(code):
        year = int(match[1])
        return ParsedPeriod(code, PeriodKind.YEAR, date(year, 1, 1), date(year, 12, 31))
    if match := _QUARTER.match(code):
        year, quarter = int(match[1]), int(match[2])
        first_month = 3 * (quarter - 1) + 1
        return _months(code, PeriodKind.QUARTER, year, first_month, first_month + 2)
    if match := _MONTH.match(code):
        year, month = int(match[1]), int(match[2])
        return _months(code, PeriodKind.MONTH, year, month, month)
    if match := _SCHOOL_YEAR.match(code):
        year = int(match[1])
        if int(match[2]) != (year + 1) % 100:
            raise ValueError(
                f"{code!r} is not a school year: the second part must be the year after "
                f"the first, as in {year}-{(year + 1) % 100:02d}."
            )
        return ParsedPeriod(code, PeriodKind.SCHOOL_YEAR, date(year, 9, 1), date(year + 1, 8, 31))
    raise ValueError(
        f"{code!r} is not a period code: use 2024, 2024-Q3, 2024-09 or 2024-25 (school year)."
    )


# ---- Runs of periods ----


@dataclass(frozen=True)
class PlannedPeriod:
    """A period of a generated run, with the day its data is due (None: when it ends)."""

    code: str
    kind: PeriodKind
    start: date
    end: date
    due_date: date | None


def period_code_containing(kind: PeriodKind, day: date) -> str:
    """The code of the period of ``kind`` that ``day`` falls in."""
    if kind == PeriodKind.YEAR:
        return f"{day.year}"
    if kind == PeriodKind.QUARTER:
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if kind == PeriodKind.MONTH:
        return f"{day.year}-{day.month:02d}"
    first = day.year if day.month >= 9 else day.year - 1
    return f"{first}-{(first + 1) % 100:02d}"


def period_series(first: str, *, count: int, due_days: int | None) -> list[PlannedPeriod]:
    """``count`` periods of the kind of ``first``, one after the other from it, each due
    ``due_days`` after it ends. Raise ValueError when ``first`` is not a period code, when a
    period's code would read as another kind (the school years 2000-01 to 2011-12 read as
    months) or when the run leaves the calendar (past the year 9999)."""
    periods: list[PlannedPeriod] = []
    parsed = parse_period(first)
    try:
        for number in range(count):
            if number:
                following = parsed.end + timedelta(days=1)
                kind = parsed.kind
                parsed = parse_period(period_code_containing(kind, following))
                if parsed.kind != kind:
                    # School years 2000-01 to 2011-12 read as months (architecture.md).
                    raise ValueError(
                        f"{parsed.code!r} would read as a {parsed.kind.label.lower()}, not a "
                        f"{kind.label.lower()}: these periods cannot be generated."
                    )
            due = parsed.end + timedelta(days=due_days) if due_days is not None else None
            periods.append(PlannedPeriod(parsed.code, parsed.kind, parsed.start, parsed.end, due))
    except OverflowError:
        raise ValueError("The periods run past the year 9999.") from None
    return periods
