"""Figures for dashboard and share-link tests."""

import pytest

from measurement import services
from measurement.choices import Frequency, IndicatorKind, SubmissionStatus
from measurement.models import DataValue, ReportingAssignment, Target
from tests.factories.measurement import (
    IndicatorFactory,
    ReportingPeriodFactory,
    SubmissionFactory,
)


def report(world, organization, period, numbers, status=SubmissionStatus.APPROVED):
    submission = SubmissionFactory(
        initiative=world.initiative, organization=organization, period=period, status=status
    )
    for key, (numerator, denominator) in numbers.items():
        DataValue.objects.create(
            submission=submission,
            indicator=world.indicator,
            cell=world.initiative.cells.get(key=key),
            numerator=numerator,
            denominator=denominator,
        )
    return submission


def absence_indicator(world):
    """A second indicator after reading: children chronically absent, a count without
    breakdown, with its one cell (the total) ready for data."""
    indicator = IndicatorFactory(
        initiative=world.initiative,
        code="absent",
        name="Chronic absence",
        kind=IndicatorKind.COUNT,
        order=1,
    )
    services.indicator_cells_create(indicator=indicator)
    return indicator


def plan_quarterly(world, organizations, indicators) -> None:
    """The reporting plan: each of ``organizations`` reports each of ``indicators``
    quarterly."""
    for organization in organizations:
        for indicator in indicators:
            ReportingAssignment.objects.create(
                initiative=world.initiative,
                organization=organization,
                indicator=indicator,
                frequency=Frequency.QUARTERLY,
            )


def compute(world):
    run = services.computation_request(initiative=world.initiative, enqueue=False)
    return services.computation_run_execute(run_id=run.pk)


@pytest.fixture
def figures(world):
    """Two quarters of approved data with one small cell (4 Jewish boys), a baseline, a
    universal target, and a draft with numbers nobody may see."""
    later = ReportingPeriodFactory(initiative=world.initiative, code="2024-Q2")
    world.indicator.baseline_period = world.period
    world.indicator.save()
    Target.objects.create(
        indicator=world.indicator, period=later, cell=world.initiative.cells.get(key=""), value=80
    )
    for period, girls in ((world.period, 20), (later, 30)):
        report(
            world,
            world.org_a,
            period,
            {
                "gender=f;sector=arab": (girls, 40),
                "gender=m;sector=arab": (18, 40),
                "gender=f;sector=jewish": (35, 40),
                "gender=m;sector=jewish": (3, 4),
            },
        )
    report(
        world,
        world.org_b,
        later,
        {"gender=f;sector=arab": (777, 999)},
        status=SubmissionStatus.DRAFT,
    )
    compute(world)
    return later
