"""Initiatives, their results, organizations, partnerships and memberships; and the base of
every factory whose record belongs to one initiative."""

import factory

from accounts.choices import Role
from initiatives.choices import PartnershipRole
from initiatives.models import Initiative, Membership, Organization, Partnership, Result
from tests.factories import numbered
from tests.factories.accounts import UserFactory


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    slug = numbered("initiative-{n}")
    name = numbered("Initiative {n}")
    vision = "Every child thrives."
    suppression_threshold = 10


class InitiativeRecordFactory(factory.django.DjangoModelFactory):
    """A record of one initiative: a new initiative of its own unless one is given."""

    class Meta:
        abstract = True

    initiative = factory.SubFactory(InitiativeFactory)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    code = numbered("org-{n}")
    name = numbered("Organization {n}")


class PartnershipFactory(InitiativeRecordFactory):
    class Meta:
        model = Partnership

    organization = factory.SubFactory(OrganizationFactory)
    role = PartnershipRole.PARTNER


class MembershipFactory(InitiativeRecordFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.BACKBONE_STAFF
    organization = None


class ResultFactory(InitiativeRecordFactory):
    class Meta:
        model = Result

    code = numbered("result-{n}")
    title = numbered("Result {n}")
