"""Community members' names reach only the roles docs/roles.md names (backbone admins and
staff), and nobody once the person withdrew their consent — on every page, form, export, share
page and API answer, and in every copy kept in the database.

Two residents are written everywhere the backbone can write a person down: Amal, who has an
account, and Huda, who is only in the register. Every page of the project is then read as
every persona and searched for their names and e-mail addresses."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils import timezone

from accounts.choices import Role
from community import services as community_services
from community.choices import ConsentPurpose, FeedbackStatus
from community.models import CommunityMember
from conditions.choices import GroupRole
from conditions.models import WorkingGroupMember
from equity.choices import SeatType
from equity.models import Seat
from initiatives.models import AgendaRevision
from measurement.models import ShareLink
from tests.api import conftest as api_conftest
from tests.factories.accounts import UserFactory
from tests.factories.community import (
    CommunityMemberFactory,
    EngagementEventFactory,
    FeedbackItemFactory,
)
from tests.factories.conditions import MeetingFactory, WorkingGroupFactory
from tests.factories.equity import CommitmentFactory, DecisionBodyFactory, DecisionFactory
from tests.factories.initiatives import MembershipFactory
from tests.factories.measurement import SubmissionFactory
from tests.test_authorization_matrix import ROUTES

pytestmark = pytest.mark.django_db

AMAL, AMAL_EMAIL = "Amal Nasser", "amal.nasser@example.org"
HUDA, HUDA_EMAIL = "Huda Mansour", "huda.mansour@example.org"
SECRETS = (AMAL, AMAL_EMAIL, HUDA, HUDA_EMAIL)

NOT_BACKBONE = ["partner_a", "partner_b", "partner_viewer", "funder", "community_member"]
BACKBONE = ["backbone_admin", "backbone_staff"]


def _consent(member):
    member.consents.create(
        purpose=ConsentPurpose.PARTICIPATION, wording="x", language="en", given_at=timezone.now()
    )
    return member


@pytest.fixture
def residents(world, backbone_staff):
    """Amal (an account with the community member role) and Huda (the register only), named
    in a working group, at a decision-making body, at a meeting, as a commitment's owner and
    as the writer of feedback — every place meant for people."""
    initiative = world.initiative
    amal_user = UserFactory(full_name=AMAL, email=AMAL_EMAIL)
    MembershipFactory(user=amal_user, initiative=initiative, role=Role.COMMUNITY_MEMBER)
    amal = _consent(
        CommunityMemberFactory(initiative=initiative, user=amal_user, name=AMAL, email=AMAL_EMAIL)
    )
    huda = _consent(CommunityMemberFactory(initiative=initiative, name=HUDA, email=HUDA_EMAIL))

    group = WorkingGroupFactory(initiative=initiative)
    WorkingGroupMember.objects.create(
        group=group, user=amal_user, role=GroupRole.CO_CHAIR, is_community=True
    )
    WorkingGroupMember.objects.create(group=group, name=HUDA, is_community=True)
    WorkingGroupMember.objects.create(group=group, user=backbone_staff, role=GroupRole.CO_CHAIR)

    meeting = MeetingFactory(
        initiative=initiative,
        working_group=group,
        guests=f"{HUDA}\nDr. Omar Saleh",
    )
    meeting.attendees.set([amal_user, backbone_staff])

    body = DecisionBodyFactory(initiative=initiative, name="Steering committee")
    start = timezone.localdate() - timedelta(days=100)
    for holder in (AMAL, HUDA):
        Seat.objects.create(body=body, seat_type=SeatType.COMMUNITY, holder=holder, starts_on=start)
    Seat.objects.create(body=body, seat_type=SeatType.BACKBONE, holder="Dana Levi", starts_on=start)
    decision = DecisionFactory(initiative=initiative, body=body, meeting=meeting)
    commitment = CommitmentFactory(
        initiative=initiative,
        owner=amal_user,
        due_date=timezone.localdate() - timedelta(days=5),  # overdue: on the home page too
    )
    item = FeedbackItemFactory(
        initiative=initiative,
        submitted_by=amal_user,
        member=amal,
        body="The library closes early.",
        status=FeedbackStatus.ANSWERED,
        public_response="It opens until eight now.",
        responded_at=timezone.now(),
    )
    event = EngagementEventFactory(initiative=initiative)
    return {
        "amal_user": amal_user,
        "amal": amal,
        "huda": huda,
        "group": group,
        "meeting": meeting,
        "body": body,
        "decision": decision,
        "commitment": commitment,
        "item": item,
        "event": event,
    }


def _pages(world, residents) -> list[str]:
    """Every page of the project that a GET opens, about the residents' records where the
    page is about one record."""
    slug = world.initiative.slug
    one = {
        "conditions:working-group-detail": residents["group"],
        "conditions:working-group-edit": residents["group"],
        "conditions:meeting-detail": residents["meeting"],
        "conditions:meeting-edit": residents["meeting"],
        "equity:body-edit": residents["body"],
        "equity:decision-edit": residents["decision"],
        "equity:commitment-edit": residents["commitment"],
        "community:feedback-answer": residents["item"],
        "community:event-detail": residents["event"],
        "community:event-edit": residents["event"],
    }
    submission = SubmissionFactory(
        initiative=world.initiative, organization=world.org_a, period=world.period
    ).pk
    ours = {name: {"slug": slug, "pk": record.pk} for name, record in one.items()} | {
        "measurement:submission-detail": {"slug": slug, "pk": submission},
        "measurement:submission-entry": {"slug": slug, "pk": submission},
        "measurement:submission-values": {"slug": slug, "pk": submission, "code": "read3"},
        "measurement:submission-values-edit": {"slug": slug, "pk": submission, "code": "read3"},
        "measurement:submission-template": {"slug": slug, "pk": submission, "file_format": "csv"},
    }
    urls = []
    for name, route in sorted(ROUTES.items()):
        if route.method == "get":
            urls.append(reverse(name, kwargs=ours.get(name) or route.kwargs(world)))
    urls.append(
        reverse(
            "measurement:indicator-results",
            kwargs={"slug": slug, "code": "read3", "file_format": "xlsx"},
        )
    )
    return urls


def _share_pages(world) -> list[str]:
    link = ShareLink.objects.create(
        initiative=world.initiative, label="Board", expires_at=timezone.now() + timedelta(days=3)
    )
    return [
        reverse("share:indicator-list", args=[link.token]),
        reverse("share:indicator-detail", args=[link.token, "read3"]),
        reverse("share:equity-gaps", args=[link.token]),
        reverse("share:indicator-results", args=[link.token, "read3", "csv"]),
    ]


def _api_answers(world, user) -> list[bytes]:
    from rest_framework.test import APIClient

    from initiatives import services as initiative_services

    _token, key = initiative_services.api_token_create(
        actor=user, initiative=world.initiative, name="scan"
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    below = [*api_conftest.READ_PATHS, "submissions/", "computation-runs/"]
    paths = ["/api/v1/initiatives/", *(api_conftest.url(world, path) for path in below)]
    return [client.get(path).content for path in paths]


def _bodies(client, world, residents, user) -> dict[str, str]:
    client.force_login(user)
    bodies = {
        url: client.get(url).content.decode("utf-8", "replace") for url in _pages(world, residents)
    }
    for index, content in enumerate(_api_answers(world, user)):
        bodies[f"api#{index}"] = content.decode()
    client.logout()
    for url in _share_pages(world):
        bodies[url] = client.get(url).content.decode("utf-8-sig", "replace")
    return bodies


def _leaks(bodies: dict[str, str], secrets=SECRETS) -> list[tuple[str, str]]:
    return [(url, secret) for url, body in bodies.items() for secret in secrets if secret in body]


def _mention_in_prose(residents):
    """Staff also wrote the names into texts every member reads. The texts are theirs to word
    (names of residents do not belong there), but a withdrawal must clear them too."""
    meeting, decision, event = residents["meeting"], residents["decision"], residents["event"]
    meeting.minutes = f"{HUDA} asked for a reading club;\n{AMAL.upper()} seconded."
    meeting.save()
    decision.description = f"Proposed by {HUDA}, with  {AMAL}. Write to {AMAL_EMAIL}."
    decision.save()
    event.summary = f"{HUDA} led the walk."
    event.save()
    AgendaRevision.objects.create(
        initiative=meeting.initiative,
        note="Agreed with residents",
        snapshot={"vision": f"As {HUDA} put it: every child reads.", "results": []},
    )


def _withdraw_both(client, world, residents, backbone_staff):
    """Amal withdraws her own consent on her feedback page; the backbone records Huda's."""
    _mention_in_prose(residents)
    client.force_login(residents["amal_user"])
    response = client.post(reverse("community:consent-withdraw-own", args=[world.initiative.slug]))
    assert response.status_code == 302
    client.force_login(backbone_staff)
    response = client.post(
        reverse(
            "community:community-member-withdraw",
            kwargs={"slug": world.initiative.slug, "pk": residents["huda"].pk},
        )
    )
    assert response.status_code == 302
    client.logout()
    assert not CommunityMember.objects.filter(anonymized_at__isnull=True).exists()


@pytest.mark.parametrize("persona", NOT_BACKBONE, indirect=True)
def test_community_names_reach_no_page_of_roles_other_than_the_backbone(
    client, world, residents, persona
):
    assert _leaks(_bodies(client, world, residents, persona)) == []


@pytest.mark.parametrize("persona", BACKBONE, indirect=True)
def test_the_backbone_reads_community_names_where_people_are_listed(
    client, world, residents, persona
):
    bodies = _bodies(client, world, residents, persona)
    slug = world.initiative.slug
    group = reverse("conditions:working-group-detail", args=[slug, residents["group"].pk])
    meeting = reverse("conditions:meeting-detail", args=[slug, residents["meeting"].pk])
    power = reverse("equity:power", args=[slug])
    register = reverse("community:community-member-list", args=[slug])
    for url in (group, meeting, power, register):
        assert AMAL in bodies[url], url
        assert HUDA in bodies[url], url
    assert HUDA_EMAIL in bodies[register]


@pytest.mark.parametrize("persona", BACKBONE + NOT_BACKBONE, indirect=True)
def test_after_withdrawal_nobody_reads_the_names_anywhere(
    client, world, residents, persona, backbone_staff
):
    _withdraw_both(client, world, residents, backbone_staff)
    assert _leaks(_bodies(client, world, residents, persona)) == []


def test_withdrawal_keeps_the_places_people_held_without_their_names(
    client, world, residents, backbone_staff
):
    _withdraw_both(client, world, residents, backbone_staff)
    client.force_login(backbone_staff)
    slug = world.initiative.slug
    group = client.get(
        reverse("conditions:working-group-detail", args=[slug, residents["group"].pk])
    ).content.decode()
    assert group.count("Community member") >= 2  # Amal, co-chair, and Huda are still counted
    assert "Community co-chair" in group
    power = client.get(reverse("equity:power", args=[slug])).content.decode()
    assert power.count("Community member") >= 2
    assert "Dana Levi" in power  # staff seats keep their names
    assert residents["body"].seats.filter(seat_type=SeatType.COMMUNITY).count() == 2


def _text_columns():
    for model in apps.get_models():
        if model._meta.label == "accounts.User" or model._meta.app_label == "axes":
            continue  # the person's own sign-in account, which they keep, and its sign-in log
        fields = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, (models.CharField, models.TextField, models.JSONField))
        ]
        if fields:
            yield model, fields


def test_withdrawal_leaves_no_copy_of_the_name_in_the_database(
    client, world, residents, backbone_staff
):
    _withdraw_both(client, world, residents, backbone_staff)
    copies = []
    for model, fields in _text_columns():
        for field in fields:
            for secret in SECRETS:
                if model._default_manager.filter(**{f"{field}__icontains": secret}).exists():
                    copies.append((model._meta.label, field, secret))
    assert copies == []


def test_a_withdrawn_account_is_not_named_in_the_backbones_forms(
    client, world, residents, backbone_admin, backbone_staff
):
    _withdraw_both(client, world, residents, backbone_staff)
    client.force_login(backbone_admin)
    slug = world.initiative.slug
    for url in (
        reverse("conditions:meeting-create", args=[slug]),
        reverse("conditions:working-group-create", args=[slug]),
        reverse("equity:commitment-create", args=[slug]),
        reverse("community:community-member-create", args=[slug]),
        reverse("initiatives:member-list", args=[slug]),
    ):
        page = client.get(url).content.decode()
        assert AMAL not in page, url
        assert AMAL_EMAIL not in page, url


def test_registering_the_person_again_shows_their_name_again_to_the_backbone(
    client, world, residents, backbone_staff
):
    _withdraw_both(client, world, residents, backbone_staff)
    community_services.community_member_create(
        actor=backbone_staff,
        initiative=world.initiative,
        fields={"name": AMAL, "user": residents["amal_user"]},
        purposes=[ConsentPurpose.PARTICIPATION],
        language="ar",
    )
    client.force_login(backbone_staff)
    page = client.get(
        reverse("conditions:meeting-detail", args=[world.initiative.slug, residents["meeting"].pk])
    ).content.decode()
    assert AMAL in page


@pytest.mark.parametrize(
    "name",
    [
        "conditions:working-group-list",
        "initiatives:member-list",
        "conditions:feed",
        "equity:power",
        "equity:commitment-list",
        "equity:dashboard",
        "community:community-member-list",
    ],
)
def test_naming_people_costs_the_same_few_queries_however_many_there_are(
    client, world, residents, backbone_admin, name, django_assert_max_num_queries
):
    start = timezone.localdate() - timedelta(days=10)
    for index in range(12):
        user = UserFactory()
        MembershipFactory(user=user, initiative=world.initiative, role=Role.COMMUNITY_MEMBER)
        member = _consent(CommunityMemberFactory(initiative=world.initiative, user=user))
        WorkingGroupMember.objects.create(group=residents["group"], user=user, is_community=True)
        WorkingGroupMember.objects.create(group=residents["group"], name=f"Guest {index}")
        Seat.objects.create(
            body=residents["body"], seat_type=SeatType.COMMUNITY, member=member, starts_on=start
        )
        CommitmentFactory(initiative=world.initiative, owner=user)
    client.force_login(backbone_admin)
    with django_assert_max_num_queries(30):
        assert client.get(reverse(name, args=[world.initiative.slug])).status_code == 200


def test_a_meeting_names_its_attendees_in_a_few_queries(
    client, world, residents, backbone_staff, django_assert_max_num_queries
):
    meeting = residents["meeting"]
    for _index in range(12):
        user = UserFactory()
        MembershipFactory(user=user, initiative=world.initiative, role=Role.COMMUNITY_MEMBER)
        meeting.attendees.add(user)
    client.force_login(backbone_staff)
    url = reverse("conditions:meeting-detail", args=[world.initiative.slug, meeting.pk])
    with django_assert_max_num_queries(15):
        assert client.get(url).status_code == 200
