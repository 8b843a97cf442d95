from datetime import timedelta

import factory
from django.utils import timezone

from equity.choices import BodyKind, EngagementLevel, EquityStrategy, SystemsCondition
from equity.models import Commitment, Decision, DecisionBody, SystemsChangeEffort
from tests.factories.initiatives import InitiativeFactory


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    initiative = factory.SubFactory(InitiativeFactory)
    strategy = EquityStrategy.SHIFT_POWER
    title = factory.Sequence(lambda n: f"Commitment {n}")
    due_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=90))


class DecisionBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DecisionBody

    initiative = factory.SubFactory(InitiativeFactory)
    name = factory.Sequence(lambda n: f"Body {n}")
    kind = BodyKind.STEERING


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    initiative = factory.SubFactory(InitiativeFactory)
    body = factory.SubFactory(DecisionBodyFactory, initiative=factory.SelfAttribute("..initiative"))
    decided_on = factory.LazyFunction(timezone.localdate)
    title = factory.Sequence(lambda n: f"Decision {n}")
    engagement_level = EngagementLevel.CONSULT


class SystemsChangeEffortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SystemsChangeEffort

    initiative = factory.SubFactory(InitiativeFactory)
    title = factory.Sequence(lambda n: f"Effort {n}")
    conditions = factory.LazyFunction(lambda: [SystemsCondition.POLICIES.value])
