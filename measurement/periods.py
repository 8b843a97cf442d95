"""Reporting period codes of the interchange format: ``2024`` (year), ``2024-Q3`` (quarter),
``2024-09`` (month) and ``2024-25`` (school year, September to August)."""

import calendar
import re
from dataclasses import dataclass
from datetime import date

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
