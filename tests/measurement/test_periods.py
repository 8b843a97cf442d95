from datetime import date

import pytest

from measurement.choices import PeriodKind
from measurement.periods import parse_period


@pytest.mark.parametrize(
    ("code", "kind", "start", "end"),
    [
        ("2024", PeriodKind.YEAR, date(2024, 1, 1), date(2024, 12, 31)),
        ("2024-Q3", PeriodKind.QUARTER, date(2024, 7, 1), date(2024, 9, 30)),
        ("2024-02", PeriodKind.MONTH, date(2024, 2, 1), date(2024, 2, 29)),
        ("2024-25", PeriodKind.SCHOOL_YEAR, date(2024, 9, 1), date(2025, 8, 31)),
        ("1999-00", PeriodKind.SCHOOL_YEAR, date(1999, 9, 1), date(2000, 8, 31)),
    ],
)
def test_it_parses_each_kind_of_period(code, kind, start, end):
    parsed = parse_period(code)
    assert (parsed.kind, parsed.start, parsed.end) == (kind, start, end)


@pytest.mark.parametrize("code", ["24", "2024-Q5", "2024-13", "2024-27", "Q3 2024", ""])
def test_it_rejects_malformed_codes_with_an_example(code):
    with pytest.raises(ValueError, match="2024"):
        parse_period(code)
