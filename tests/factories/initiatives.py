from datetime import timedelta

import factory
from django.utils import timezone

from accounts.choices import Role
from initiatives.choices import (
    ActivityKind,
    ActivityStatus,
    MeetingKind,
    PartnershipRole,
    SurveyKind,
)
from initiatives.models import (
    Activity,
    Initiative,
    Meeting,
    Membership,
    Organization,
    Partnership,
    Result,
    Survey,
    WorkingGroup,
)
from tests.factories.accounts import UserFactory


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    slug = factory.Sequence(lambda n: f"initiative-{n}")
    name = factory.Sequence(lambda n: f"Initiative {n}")
    vision = "Every child thrives."
    suppression_threshold = 10


class ResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Result

    initiative = factory.SubFactory(InitiativeFactory)
    code = factory.Sequence(lambda n: f"result-{n}")
    title = factory.Sequence(lambda n: f"Result {n}")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    code = factory.Sequence(lambda n: f"org-{n}")
    name = factory.Sequence(lambda n: f"Organization {n}")


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    initiative = factory.SubFactory(InitiativeFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = PartnershipRole.PARTNER


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    initiative = factory.SubFactory(InitiativeFactory)
    role = Role.BACKBONE_STAFF
    organization = None


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


class SurveyFactory(factory.django.DjangoModelFactory):
    """An open round of the five-conditions assessment."""

    class Meta:
        model = Survey

    initiative = factory.SubFactory(InitiativeFactory)
    kind = SurveyKind.FIVE_CONDITIONS
    title = factory.Sequence(lambda n: f"Round {n}")
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=5))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=20))
