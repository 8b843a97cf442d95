from datetime import timedelta

import factory
from django.utils import timezone

from conditions.choices import ActivityKind, ActivityStatus, MeetingKind
from conditions.models import Activity, Assessment, Meeting, WorkingGroup
from initiatives.choices import AssessmentKind
from tests.factories.initiatives import InitiativeFactory, OrganizationFactory


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    initiative = factory.SubFactory(InitiativeFactory)
    name = factory.Sequence(lambda n: f"Action team {n}")


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    initiative = factory.SubFactory(InitiativeFactory)
    organization = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"Activity {n}")
    kind = ActivityKind.PROGRAM
    status = ActivityStatus.ACTIVE

    @factory.post_generation
    def indicators(self, create, extracted, **kwargs):
        if create and extracted:
            self.indicators.set(extracted)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    initiative = factory.SubFactory(InitiativeFactory)
    kind = MeetingKind.STEERING
    title = factory.Sequence(lambda n: f"Meeting {n}")
    held_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=3))


class AssessmentFactory(factory.django.DjangoModelFactory):
    """An open round of the five-conditions assessment."""

    class Meta:
        model = Assessment

    initiative = factory.SubFactory(InitiativeFactory)
    kind = AssessmentKind.FIVE_CONDITIONS
    title = factory.Sequence(lambda n: f"Round {n}")
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=5))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=20))
