import factory

from community.models import FeedbackItem
from tests.factories.initiatives import InitiativeFactory


class FeedbackItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedbackItem

    initiative = factory.SubFactory(InitiativeFactory)
    body = factory.Sequence(lambda n: f"Feedback {n}")
    language = "en"
