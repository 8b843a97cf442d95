"""Working groups, activities, meetings, assessment rounds and partner ratings."""

from datetime import timedelta

import factory
from django.utils import timezone

from conditions.choices import ActivityKind, ActivityStatus, Interaction, MeetingKind
from conditions.models import Activity, Assessment, Meeting, PartnerRating, WorkingGroup
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
    """A round of the five-conditions assessment, open since five days ago for twenty more."""

    class Meta:
        model = Assessment

    class Params:
        # The days from today on which the round opens and closes: (-30, -1) closed yesterday.
        open_days = (-5, 20)

    kind = AssessmentKind.FIVE_CONDITIONS
    title = numbered("Round {n}")
    opens_on = factory.LazyAttribute(lambda assessment: days_from_today(assessment.open_days[0]))
    closes_on = factory.LazyAttribute(lambda assessment: days_from_today(assessment.open_days[1]))


class PartnerRatingFactory(factory.django.DjangoModelFactory):
    """One partner's view of another in a collaborative-health round: they work closely."""

    class Meta:
        model = PartnerRating

    assessment = factory.SubFactory(AssessmentFactory, kind=AssessmentKind.COLLABORATIVE_HEALTH)
    rater = factory.SubFactory(OrganizationFactory)
    rated = factory.SubFactory(OrganizationFactory)
    interaction = Interaction.CLOSE
    trust = 3
    value = 3
