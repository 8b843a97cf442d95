"""Dimensions and their categories, indicators, reporting periods, submissions and values."""

import factory

from measurement.choices import Direction, IndicatorKind
from measurement.models import (
    Category,
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
