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
from tests.factories.initiatives import InitiativeFactory, OrganizationFactory


class DimensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dimension

    initiative = factory.SubFactory(InitiativeFactory)
    code = factory.Sequence(lambda n: f"dim{n}")
    name = factory.Sequence(lambda n: f"Dimension {n}")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    dimension = factory.SubFactory(DimensionFactory)
    code = factory.Sequence(lambda n: f"cat{n}")
    name = factory.Sequence(lambda n: f"Category {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    initiative = factory.SubFactory(InitiativeFactory)
    code = factory.Sequence(lambda n: f"ind{n}")
    name = factory.Sequence(lambda n: f"Indicator {n}")
    kind = IndicatorKind.RATE
    scale = 100
    direction = Direction.HIGHER


class ReportingPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingPeriod

    initiative = factory.SubFactory(InitiativeFactory)
    code = factory.Sequence(lambda n: f"{2000 + n}")


class SubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Submission

    initiative = factory.SubFactory(InitiativeFactory)
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
