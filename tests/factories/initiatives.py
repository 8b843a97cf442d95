import factory

from accounts.choices import Role
from initiatives.choices import PartnershipRole
from initiatives.models import Initiative, Membership, Organization, Partnership, Result
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
