import factory

from equity.choices import EquityStrategy
from equity.models import Commitment
from tests.factories.initiatives import InitiativeFactory


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    initiative = factory.SubFactory(InitiativeFactory)
    strategy = EquityStrategy.SHIFT_POWER
    title = factory.Sequence(lambda n: f"Commitment {n}")
