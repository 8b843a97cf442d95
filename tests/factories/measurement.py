"""Dimensions and their categories, indicators, reporting periods, submissions and values."""

import factory
from django.utils import timezone

from measurement.choices import Direction, IndicatorKind, RunStatus
from measurement.models import (
    Category,
    Cell,
    ComputationRun,
    ComputedResult,
    DataValue,
    Dimension,
    Indicator,
    ReportingPeriod,
    Submission,
)
from tests.factories import numbered
from tests.factories.initiatives import InitiativeRecordFactory, OrganizationFactory


class DimensionFactory(InitiativeRecordFactory):
    class Meta:
        model = Dimension

    code = numbered("dim{n}")
    name = numbered("Dimension {n}")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    dimension = factory.SubFactory(DimensionFactory)
    code = numbered("cat{n}")
    name = numbered("Category {n}")


class IndicatorFactory(InitiativeRecordFactory):
    class Meta:
        model = Indicator

    code = numbered("ind{n}")
    name = numbered("Indicator {n}")
    kind = IndicatorKind.RATE
    scale = 100
    direction = Direction.HIGHER


class ReportingPeriodFactory(InitiativeRecordFactory):
    class Meta:
        model = ReportingPeriod

    code = factory.Sequence(lambda n: str(2000 + n))  # a year: a valid period code


class SubmissionFactory(InitiativeRecordFactory):
    class Meta:
        model = Submission

    organization = factory.SubFactory(OrganizationFactory)
    period = factory.SubFactory(
        ReportingPeriodFactory, initiative=factory.SelfAttribute("..initiative")
    )


class DataValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DataValue

    submission = factory.SubFactory(SubmissionFactory)
    indicator = factory.SubFactory(
        IndicatorFactory, initiative=factory.SelfAttribute("..submission.initiative")
    )


class ComputedResultFactory(factory.django.DjangoModelFactory):
    """A stored initiative-wide result, written directly rather than computed: for what pages,
    exports and the API show of given figures — a suppression reason, a coded range. The
    initiative's total cell unless ``cell`` (or ``key``, of an existing cell) says otherwise."""

    class Meta:
        model = ComputedResult
        exclude = ["key"]

    indicator = factory.SubFactory(IndicatorFactory)
    initiative = factory.SelfAttribute("indicator.initiative")
    period = factory.SubFactory(
        ReportingPeriodFactory, initiative=factory.SelfAttribute("..initiative")
    )
    key = ""
    cell = factory.LazyAttribute(
        lambda o: Cell.objects.get_or_create(initiative=o.initiative, key=o.key)[0]
    )
    numerator = 30.0
    denominator = 60.0
    value = factory.LazyAttribute(
        lambda o: (
            None if o.numerator is None or not o.denominator else 100 * o.numerator / o.denominator
        )
    )
    n = factory.SelfAttribute("denominator")


class ComputationRunFactory(factory.django.DjangoModelFactory):
    """A finished computation run, with whatever disclosure summary the test gives it."""

    class Meta:
        model = ComputationRun

    status = RunStatus.SUCCEEDED
    started_at = factory.LazyFunction(timezone.now)
    finished_at = factory.LazyFunction(timezone.now)
