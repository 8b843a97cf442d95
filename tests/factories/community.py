"""Community members, feedback and engagement events."""

import factory
from django.utils import timezone

from community.choices import EventKind, FeedbackStatus
from community.models import CommunityMember, EngagementEvent, FeedbackItem
from tests.factories import numbered
from tests.factories.initiatives import InitiativeRecordFactory


class FeedbackItemFactory(InitiativeRecordFactory):
    class Meta:
        model = FeedbackItem

    class Params:
        # Answered, and confirmed fit to publish in "You said, we did".
        published = factory.Trait(
            status=FeedbackStatus.ANSWERED,
            responded_at=factory.LazyFunction(timezone.now),
            published_at=factory.LazyFunction(timezone.now),
        )

    body = numbered("Feedback {n}")
    language = "en"


def published_answer(initiative, writer, *, body: str, public_summary: str):
    """Feedback ``writer`` gave on schools, answered "We changed the rule." and published in
    "You said, we did" with ``public_summary``: for the tests of what publishing hides."""
    return FeedbackItemFactory(
        initiative=initiative,
        submitted_by=writer,
        body=body,
        theme="Schools",
        public_summary=public_summary,
        public_response="We changed the rule.",
        published=True,
    )


class CommunityMemberFactory(InitiativeRecordFactory):
    class Meta:
        model = CommunityMember

    name = numbered("Resident {n}")
    email = numbered("resident{n}@example.org")
    phone = "050-0000000"
    neighbourhood = "Wadi"
    has_lived_experience = True


class EngagementEventFactory(InitiativeRecordFactory):
    class Meta:
        model = EngagementEvent

    kind = EventKind.DATA_WALK
    title = numbered("Event {n}")
    held_on = factory.LazyFunction(timezone.localdate)
    languages = factory.LazyFunction(lambda: ["he", "ar"])
    participants = 20
