"""Commitments, decision-making bodies and their decisions, systems change efforts."""

from datetime import timedelta

import factory
from django.utils import timezone

from equity.choices import BodyKind, EngagementLevel, EquityStrategy, SystemsCondition
from equity.models import Commitment, Decision, DecisionBody, SystemsChangeEffort
from tests.factories import numbered
from tests.factories.initiatives import InitiativeRecordFactory


class CommitmentFactory(InitiativeRecordFactory):
    class Meta:
        model = Commitment

    strategy = EquityStrategy.SHIFT_POWER
    title = numbered("Commitment {n}")
    due_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=90))


class DecisionBodyFactory(InitiativeRecordFactory):
    class Meta:
        model = DecisionBody

    name = numbered("Body {n}")
    kind = BodyKind.STEERING


class DecisionFactory(InitiativeRecordFactory):
    class Meta:
        model = Decision

    body = factory.SubFactory(DecisionBodyFactory, initiative=factory.SelfAttribute("..initiative"))
    decided_on = factory.LazyFunction(timezone.localdate)
    title = numbered("Decision {n}")
    engagement_level = EngagementLevel.CONSULT


class SystemsChangeEffortFactory(InitiativeRecordFactory):
    class Meta:
        model = SystemsChangeEffort

    title = numbered("Effort {n}")
    conditions = factory.LazyFunction(lambda: [SystemsCondition.POLICIES.value])
