"""The Turn the Curve pages: the list, an indicator's record, its edit form (a broken form or a
version saved meanwhile loses nothing), its history and old versions with what changed, the
meeting that links to it — and who may read and edit them."""

import re
from datetime import date

import pytest
from django.urls import reverse

from accounts.choices import Role
from conditions import services
from conditions.choices import EvidenceKind
from conditions.models import TurnTheCurveVersion
from measurement import services as measurement_services
from tests.factories.accounts import UserFactory
from tests.factories.community import FeedbackItemFactory
from tests.factories.conditions import ActivityFactory, MeetingFactory
from tests.factories.initiatives import MembershipFactory
from tests.forms import assert_refused_keeping, formset

pytestmark = pytest.mark.django_db

SECTIONS = ("causes", "partners", "ideas", "actions")


def _url(world, name, **kwargs):
    return world.url(f"conditions:turn-the-curve-{name}", code=world.indicator.code, **kwargs)


def _save(world, actor, *, based_on=0, **rows):
    return services.turn_the_curve_save(
        actor=actor,
        initiative=world.initiative,
        indicator=world.indicator,
        fields={"based_on": based_on, "note": rows.pop("note", "")},
        **{section: rows.get(section, []) for section in SECTIONS},
    )


def _post(based_on=0, meeting="", note="", **rows):
    """What the edit form posts: its fields and the four sections' rows."""
    data = {"based_on": str(based_on), "meeting": meeting, "note": note}
    for section in SECTIONS:
        data.update(formset(section, rows.get(section, [])))
    return data


@pytest.fixture
def community_owner(world):
    """A member of the initiative in the community member role: their name is personal data."""
    user = UserFactory(full_name="Rana Haddad")
    MembershipFactory(user=user, initiative=world.initiative, role=Role.COMMUNITY_MEMBER)
    return user


@pytest.fixture
def record(world, backbone_staff, community_owner):
    """Two versions: a cause, then that cause changed, a partner and an action owned by a
    community member."""
    activity = ActivityFactory(
        initiative=world.initiative, organization=world.org_a, title="Summer reading club"
    )
    _save(world, backbone_staff, causes=[{"cause": "Few books at home", "data": ""}])
    return _save(
        world,
        backbone_staff,
        based_on=1,
        note="Added the club",
        causes=[{"cause": "Few books at home", "data": "Library survey 2024"}],
        partners=[
            {
                "partnership": world.initiative.partnerships.get(organization=world.org_a),
                "role": "Host the club",
            }
        ],
        ideas=[{"idea": "Reading buddies", "kind": EvidenceKind.RESEARCH}],
        actions=[
            {"activity": activity, "owner": community_owner, "due_on": date(2027, 3, 1)},
        ],
    )


def test_members_read_the_current_version_beside_the_curve(client, world, record, partner_viewer):
    client.force_login(partner_viewer)
    page = client.get(_url(world, "detail")).content.decode()
    assert "Library survey 2024" in page
    assert "Host the club" in page
    assert "Summer reading club" in page
    assert "The curve" in page


def test_funder_reads_the_record_without_a_community_owner_s_name(client, world, record, funder):
    client.force_login(funder)
    page = client.get(_url(world, "detail")).content.decode()
    assert "Summer reading club" in page
    assert "Rana Haddad" not in page
    assert "Community member" in page


def test_backbone_staff_read_the_owner_s_name(client, world, record, backbone_staff):
    client.force_login(backbone_staff)
    assert "Rana Haddad" in client.get(_url(world, "detail")).content.decode()


def test_a_record_not_started_offers_staff_to_start_it(client, world, backbone_staff):
    client.force_login(backbone_staff)
    page = client.get(_url(world, "detail")).content.decode()
    assert "No one has started this record yet." in page
    assert _url(world, "edit") in page


def test_the_list_shows_each_indicator_s_version(client, world, record, funder):
    client.force_login(funder)
    page = client.get(world.url("conditions:turn-the-curve-list")).content.decode()
    assert _url(world, "detail") in page
    assert "Reading" in page


def test_the_indicator_page_links_to_its_record(client, world, record, funder):
    client.force_login(funder)
    page = client.get(world.url("measurement:indicator-detail", code="read3")).content.decode()
    assert _url(world, "detail") in page
    assert "version 2" in page


def test_a_share_link_s_indicator_page_does_not_show_the_record(
    client, world, record, backbone_admin
):
    link = measurement_services.share_link_create(
        actor=backbone_admin, initiative=world.initiative, label="Board", days=30
    )
    response = client.get(reverse("share:indicator-detail", args=[link.token, "read3"]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Turn the Curve" not in page
    assert "turn-the-curve" not in page


def test_feedback_withdrawn_from_you_said_we_did_is_no_longer_shown(
    client, world, backbone_staff, funder
):
    feedback = FeedbackItemFactory(
        initiative=world.initiative,
        published=True,
        public_summary="Residents asked for a library open after school",
    )
    _save(
        world,
        backbone_staff,
        ideas=[{"idea": "Open late", "kind": EvidenceKind.COMMUNITY, "feedback": feedback}],
    )
    client.force_login(funder)
    assert "open after school" in client.get(_url(world, "detail")).content.decode()

    feedback.published_at = None
    feedback.save()

    page = client.get(_url(world, "detail")).content.decode()
    assert "Open late" in page
    assert "open after school" not in page


def test_staff_save_a_new_version_worked_on_at_a_meeting(client, world, record, backbone_staff):
    meeting = MeetingFactory(initiative=world.initiative, title="Steering, March")
    client.force_login(backbone_staff)
    form = client.get(_url(world, "edit")).content.decode()
    assert "Library survey 2024" in form  # starts from the current version

    response = client.post(
        _url(world, "edit"),
        _post(
            based_on=2,
            meeting=str(meeting.pk),
            note="Agreed at steering",
            causes=[{"cause": "Too few libraries", "data": ""}],
        ),
    )

    assert response.status_code == 302
    version = TurnTheCurveVersion.objects.get(number=3)
    assert version.meeting == meeting
    meeting_page = client.get(world.url("conditions:meeting-detail", pk=meeting.pk))
    assert _url(world, "version", number=3) in meeting_page.content.decode()


def test_a_broken_row_keeps_what_was_typed(client, world, record, backbone_staff):
    client.force_login(backbone_staff)
    response = client.post(
        _url(world, "edit"),
        _post(
            based_on=2,
            note="Half done",
            causes=[{"cause": "Too few libraries", "data": ""}],
            partners=[{"partnership": "", "role": "Somebody should help"}],
        ),
    )
    assert_refused_keeping(response, "Too few libraries", "Somebody should help", "Half done")
    assert TurnTheCurveVersion.objects.count() == 2


def test_a_version_saved_meanwhile_is_refused_keeping_what_was_typed(
    client, world, record, backbone_staff
):
    client.force_login(backbone_staff)
    response = client.post(
        _url(world, "edit"), _post(based_on=1, causes=[{"cause": "My late idea", "data": ""}])
    )
    assert_refused_keeping(response, "My late idea", "Someone saved version 2", "Save mine anyway")
    assert TurnTheCurveVersion.objects.count() == 2

    again = client.post(
        _url(world, "edit"),
        {**_post(based_on=1, causes=[{"cause": "My late idea", "data": ""}]), "save_anyway": "on"},
    )
    assert again.status_code == 302
    assert TurnTheCurveVersion.objects.get(number=3).causes.get().cause == "My late idea"


def test_the_history_lists_every_version(client, world, record, funder):
    client.force_login(funder)
    page = client.get(_url(world, "history")).content.decode()
    assert _url(world, "version", number=1) in page
    assert _url(world, "version", number=2) in page
    assert "Added the club" in page


def test_an_old_version_shows_what_changed_from_the_one_before(
    client, world, record, backbone_staff
):
    client.force_login(backbone_staff)
    page = client.get(_url(world, "version", number=2)).content.decode()
    assert "Taken out since version 1" in page  # the cause without its data
    assert re.search(r'status--saved">new</span>\s*Few books at home', page)
    first = client.get(_url(world, "version", number=1)).content.decode()
    assert "Version 1 of 2" in first
    assert "Library survey 2024" not in first


def test_a_version_the_record_does_not_have_is_not_found(client, world, record, funder):
    client.force_login(funder)
    assert client.get(_url(world, "version", number=9)).status_code == 404


@pytest.mark.parametrize("name", ["list", "detail", "history"])
def test_it_requires_login(client, world, name):
    url = world.url("conditions:turn-the-curve-list") if name == "list" else _url(world, name)
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_it_hides_from_outsiders(client, world, record, outsider):
    client.force_login(outsider)
    assert client.get(_url(world, "detail")).status_code == 404


@pytest.mark.parametrize("persona", ["partner_viewer", "partner_a", "funder"], indirect=True)
def test_it_rejects_members_who_may_only_read(client, world, record, persona):
    client.force_login(persona)
    assert client.get(_url(world, "edit")).status_code == 403
    response = client.post(_url(world, "edit"), _post(based_on=2))
    assert response.status_code == 403
    assert TurnTheCurveVersion.objects.count() == 2


def test_the_list_stays_within_its_query_budget(
    client, world, record, backbone_staff, django_assert_max_num_queries
):
    client.force_login(backbone_staff)
    with django_assert_max_num_queries(12):
        client.get(world.url("conditions:turn-the-curve-list"))
