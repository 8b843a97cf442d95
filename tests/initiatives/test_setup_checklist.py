"""The setup checklist on a new initiative's home page: each step ticks itself from what the
initiative holds, and the list goes away once every step is done."""

from types import SimpleNamespace

import pytest

from accounts.choices import Role
from accounts.models import Invitation
from initiatives.choices import PartnershipRole
from measurement.choices import SubmissionStatus
from measurement.models import Target
from measurement.selectors import setup_checklist
from measurement.services import indicator_cells_create
from tests.factories.initiatives import (
    InitiativeFactory,
    MembershipFactory,
    PartnershipFactory,
    ResultFactory,
)
from tests.factories.measurement import (
    DimensionFactory,
    IndicatorFactory,
    ReportingPeriodFactory,
    SubmissionFactory,
)
from tests.measurement.conftest import plan_quarterly


def _done(initiative) -> list[bool]:
    return [step.done for step in setup_checklist(initiative=initiative).steps]


@pytest.mark.django_db
def test_a_new_initiative_starts_with_nothing_done_and_the_agenda_next():
    initiative = InitiativeFactory(vision="")
    checklist = setup_checklist(initiative=initiative)
    assert checklist.done_count == 0
    assert not checklist.complete
    assert checklist.next_step.url_name == "initiatives:agenda"
    assert checklist.offers_templates


@pytest.mark.django_db
def test_each_step_ticks_itself_from_what_the_initiative_holds():
    initiative = InitiativeFactory(vision="")
    ResultFactory(initiative=initiative)
    assert _done(initiative)[0] is False  # results, but no vision or problem statement yet
    initiative.vision_he = "כל ילד קורא"
    initiative.save()
    assert _done(initiative)[0] is True  # a vision in any one language is enough

    partner = PartnershipFactory(initiative=initiative, role=PartnershipRole.PARTNER)
    assert _done(initiative)[1] is False  # a partner nobody speaks for yet
    Invitation.objects.create(
        initiative=initiative,
        email="editor@example.org",
        role=Role.PARTNER_EDITOR,
        organization=partner.organization,
        token_hash="x",
        expires_at="2099-01-01T00:00Z",
    )
    assert _done(initiative)[1] is True

    dimension = DimensionFactory(initiative=initiative)
    assert _done(initiative)[2] is True

    indicator = IndicatorFactory(initiative=initiative)
    assert _done(initiative)[3] is False  # an indicator without targets
    period = ReportingPeriodFactory(initiative=initiative, code="2024")
    assert _done(initiative)[4] is True
    indicator_cells_create(indicator=indicator)
    Target.objects.create(
        indicator=indicator, period=period, cell=initiative.cells.get(key=""), value=80
    )
    assert _done(initiative)[3] is True
    indicator.dimensions.set([dimension])
    plan_quarterly(SimpleNamespace(initiative=initiative), [partner.organization], [indicator])
    assert _done(initiative)[5] is True

    draft = SubmissionFactory(
        initiative=initiative, organization=partner.organization, period=period
    )
    assert _done(initiative)[6] is False  # a draft is not yet a submission
    draft.status = SubmissionStatus.SUBMITTED
    draft.save()
    checklist = setup_checklist(initiative=initiative)
    assert checklist.complete
    assert checklist.next_step is None
    assert not checklist.offers_templates


@pytest.mark.django_db
def test_a_partner_member_counts_as_invited():
    initiative = InitiativeFactory()
    partner = PartnershipFactory(initiative=initiative)
    MembershipFactory(
        initiative=initiative, role=Role.PARTNER_VIEWER, organization=partner.organization
    )
    assert _done(initiative)[1] is True


@pytest.mark.django_db
def test_an_inactive_partner_does_not_count():
    initiative = InitiativeFactory()
    partner = PartnershipFactory(initiative=initiative, is_active=False)
    MembershipFactory(
        initiative=initiative, role=Role.PARTNER_EDITOR, organization=partner.organization
    )
    assert _done(initiative)[1] is False


@pytest.mark.django_db
def test_the_backbone_sees_the_checklist_until_it_is_done_and_others_never(
    client, world, backbone_staff, funder, partner_a
):
    client.force_login(backbone_staff)
    assert (
        "Set up your initiative"
        in client.get(world.url("initiatives:initiative-home")).content.decode()
    )
    for person in (funder, partner_a):
        client.force_login(person)
        page = client.get(world.url("initiatives:initiative-home")).content.decode()
        assert "Set up your initiative" not in page
