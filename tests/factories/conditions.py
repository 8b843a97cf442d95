"""Working groups, activities, meetings and assessment rounds."""

from datetime import timedelta

import factory
from django.utils import timezone

from conditions.choices import ActivityKind, ActivityStatus, MeetingKind
from conditions.models import Activity, Assessment, Meeting, WorkingGroup
from initiatives.choices import AssessmentKind
from tests.factories import numbered
from tests.factories.initiatives import InitiativeRecordFactory, OrganizationFactory


def days_from_today(days: int):
    return timezone.localdate() + timedelta(days=days)


class WorkingGroupFactory(InitiativeRecordFactory):
    class Meta:
        model = WorkingGroup

    name = numbered("Action team {n}")


class ActivityFactory(InitiativeRecordFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    title = numbered("Activity {n}")
    kind = ActivityKind.PROGRAM
    status = ActivityStatus.ACTIVE

    @factory.post_generation
    def indicators(self, create, extracted, **kwargs):
        if create and extracted:
            self.indicators.set(extracted)


class MeetingFactory(InitiativeRecordFactory):
    class Meta:
        model = Meeting

    kind = MeetingKind.STEERING
    title = numbered("Meeting {n}")
    held_on = factory.LazyFunction(lambda: days_from_today(-3))


class AssessmentFactory(InitiativeRecordFactory):
    """An open round of the five-conditions assessment."""

    class Meta:
        model = Assessment

    kind = AssessmentKind.FIVE_CONDITIONS
    title = numbered("Round {n}")
    opens_on = factory.LazyFunction(lambda: days_from_today(-5))
    closes_on = factory.LazyFunction(lambda: days_from_today(20))
