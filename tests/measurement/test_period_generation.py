"""Reporting periods generated from a frequency and a first period: the codes and due dates
(a pure function), the service that creates those that do not exist yet, and its page."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from measurement import services
from measurement.choices import PeriodKind
from measurement.models import ReportingPeriod
from measurement.periods import period_code_containing, period_series
from tests.forms import assert_refused_keeping


def _series(first, count, due_days):
    return [(p.code, p.due_date) for p in period_series(first, count=count, due_days=due_days)]


def test_quarters_wrap_into_the_next_year():
    assert _series("2024-Q3", 4, 30) == [
        ("2024-Q3", date(2024, 10, 30)),
        ("2024-Q4", date(2025, 1, 30)),
        ("2025-Q1", date(2025, 4, 30)),
        ("2025-Q2", date(2025, 7, 30)),
    ]


def test_school_years_run_september_to_august():
    assert _series("2024-25", 3, 60) == [
        ("2024-25", date(2025, 10, 30)),
        ("2025-26", date(2026, 10, 30)),
        ("2026-27", date(2027, 10, 30)),
    ]
    assert {p.kind for p in period_series("2012-13", count=3, due_days=0)} == {
        PeriodKind.SCHOOL_YEAR
    }


def test_school_years_whose_codes_read_as_months_are_refused():
    with pytest.raises(ValueError, match="'2000-01' would read as a month"):
        period_series("1999-00", count=2, due_days=0)


def test_months_wrap_and_fall_due_on_their_last_day_with_no_days_after():
    assert _series("2024-11", 4, 0) == [
        ("2024-11", date(2024, 11, 30)),
        ("2024-12", date(2024, 12, 31)),
        ("2025-01", date(2025, 1, 31)),
        ("2025-02", date(2025, 2, 28)),
    ]


def test_years_follow_each_other_and_may_have_no_due_date():
    assert _series("2024", 3, None) == [("2024", None), ("2025", None), ("2026", None)]


@pytest.mark.parametrize(
    ("kind", "day", "code"),
    [
        (PeriodKind.YEAR, date(2024, 8, 15), "2024"),
        (PeriodKind.QUARTER, date(2024, 8, 15), "2024-Q3"),
        (PeriodKind.MONTH, date(2024, 8, 15), "2024-08"),
        (PeriodKind.SCHOOL_YEAR, date(2025, 3, 1), "2024-25"),
        (PeriodKind.SCHOOL_YEAR, date(2025, 9, 1), "2025-26"),
    ],
)
def test_a_date_names_the_period_of_each_kind_that_contains_it(kind, day, code):
    assert period_code_containing(kind, day) == code


def _generate(actor, world, **options):
    return services.periods_generate(
        actor=actor,
        initiative=world.initiative,
        **{"frequency": "quarter", "first": "2023-Q4", "count": 3, "due_days": 30, **options},
    )


def _codes(world):
    return list(world.initiative.periods.order_by("start").values_list("code", flat=True))


def test_it_creates_the_periods_and_skips_those_that_exist(world, backbone_staff):
    generated = _generate(backbone_staff, world)
    assert generated.created == ["2023-Q4", "2024-Q2"]
    assert generated.existing == ["2024-Q1"]
    assert _codes(world) == ["2023-Q4", "2024-Q1", "2024-Q2"]
    assert ReportingPeriod.objects.get(code="2024-Q2").due_date == date(2024, 7, 30)
    world.period.refresh_from_db()
    assert world.period.due_date is None  # an existing period is left as it was


def test_a_date_starts_the_series_at_the_period_containing_it(world, backbone_staff):
    generated = _generate(backbone_staff, world, frequency="school_year", first="2025-03-01")
    assert generated.created == ["2024-25", "2025-26", "2026-27"]


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"first": "2024-09", "frequency": "school_year"}, "first"),
        ({"first": "spring"}, "first"),
        ({"count": 0}, "count"),
        ({"count": 1000}, "count"),
        ({"due_days": -1}, "due_days"),
        ({"frequency": "fortnight"}, "frequency"),
    ],
)
def test_invalid_input_creates_nothing(world, backbone_staff, options, field):
    with pytest.raises(ValidationError) as refusal:
        _generate(backbone_staff, world, **options)
    assert field in refusal.value.error_dict
    assert _codes(world) == ["2024-Q1"]


def test_partners_cannot_generate_periods(world, partner_a):
    with pytest.raises(PermissionDenied):
        _generate(partner_a, world)
    assert _codes(world) == ["2024-Q1"]


def _form(**changes):
    return {"frequency": "quarter", "first": "2024-Q1", "count": "4", "due_days": "30", **changes}


def test_staff_generate_periods_from_the_page(client, world, backbone_staff):
    client.force_login(backbone_staff)
    page = client.get(world.url("measurement:definitions")).content.decode()
    assert world.url("measurement:period-generate") in page
    response = client.post(world.url("measurement:period-generate"), _form(), follow=True)
    assert response.redirect_chain[-1][0] == world.url("measurement:definitions")
    content = response.content.decode()
    assert "Created 3 reporting periods" in content
    assert "Already there: 2024-Q1" in content
    assert _codes(world) == ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]


def test_a_refused_generation_keeps_what_was_typed(client, world, backbone_staff):
    client.force_login(backbone_staff)
    response = client.post(
        world.url("measurement:period-generate"), _form(frequency="school_year", first="2024-Q3")
    )
    assert_refused_keeping(response, "2024-Q3 is a quarter, not a school year", 'value="2024-Q3"')
    assert _codes(world) == ["2024-Q1"]


def test_a_malformed_number_is_refused_on_the_form(client, world, backbone_staff):
    client.force_login(backbone_staff)
    response = client.post(world.url("measurement:period-generate"), _form(count="many"))
    assert_refused_keeping(response, 'value="many"')
    assert _codes(world) == ["2024-Q1"]
