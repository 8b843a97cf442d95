import factory
from django.utils import timezone

from community.choices import EventKind
from community.models import CommunityMember, EngagementEvent, FeedbackItem
from tests.factories.initiatives import InitiativeFactory


class FeedbackItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedbackItem

    initiative = factory.SubFactory(InitiativeFactory)
    body = factory.Sequence(lambda n: f"Feedback {n}")
    language = "en"


class CommunityMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunityMember

    initiative = factory.SubFactory(InitiativeFactory)
    name = factory.Sequence(lambda n: f"Resident {n}")
    email = factory.Sequence(lambda n: f"resident{n}@example.org")
    phone = "050-0000000"
    neighbourhood = "Wadi"
    has_lived_experience = True


class EngagementEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EngagementEvent

    initiative = factory.SubFactory(InitiativeFactory)
    kind = EventKind.DATA_WALK
    title = factory.Sequence(lambda n: f"Event {n}")
    held_on = factory.LazyFunction(timezone.localdate)
    languages = factory.LazyFunction(lambda: ["he", "ar"])
    participants = 20
