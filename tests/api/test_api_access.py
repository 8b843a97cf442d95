"""Who may use which API operation: allowed, denied, filtered — with tokens and sessions."""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.services import hash_token
from initiatives import services
from measurement.choices import SubmissionStatus
from tests.api.conftest import READ_PATHS, url, value_row
from tests.conftest import EACH_ROLE
from tests.factories.initiatives import InitiativeFactory, MembershipFactory
from tests.measurement.conftest import report

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", EACH_ROLE, indirect=True)
@pytest.mark.parametrize("path", READ_PATHS)
def test_every_member_reads_definitions_and_results(api, world, persona, path):
    assert api(persona).get(url(world, path)).status_code == 200


@pytest.mark.parametrize("path", READ_PATHS)
def test_outsiders_learn_nothing(api, world, outsider, path):
    client = APIClient()
    client.force_authenticate(outsider)
    response = client.get(url(world, path))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_requests_without_credentials_are_refused(world):
    response = APIClient().get(url(world))
    assert response.status_code == 401
    assert response.json()["error"]["status"] == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_stops_working_at_once(world, partner_a):
    token, key = services.api_token_create(
        actor=partner_a, initiative=world.initiative, name="export"
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert client.get(url(world)).status_code == 200
    services.api_token_revoke(actor=partner_a, token=token)
    assert client.get(url(world)).status_code == 401


def test_only_a_hash_of_the_token_is_stored(world, partner_a):
    token, key = services.api_token_create(
        actor=partner_a, initiative=world.initiative, name="export"
    )
    assert key not in token.token_hash
    assert token.token_hash == hash_token(key)
    assert len(key) > 40


def test_a_token_works_in_its_own_initiative_only(api, world, partner_a):
    other = InitiativeFactory()
    MembershipFactory(user=partner_a, initiative=other, role="funder")
    client = api(partner_a)
    assert client.get(f"/api/v1/initiatives/{other.slug}/").status_code == 404
    listed = [i["slug"] for i in client.get("/api/v1/initiatives/").json()["results"]]
    assert listed == [world.initiative.slug]


def test_a_token_follows_its_owners_current_role(api, world, partner_a):
    client = api(partner_a)
    assert client.get(url(world, "submissions/")).status_code == 200
    partner_a.memberships.update(role="funder", organization=None)
    assert client.get(url(world, "submissions/")).status_code == 403
    partner_a.memberships.all().delete()
    assert client.get(url(world)).status_code == 404


def test_the_browser_session_works_too(client, world, funder):
    client.force_login(funder)
    assert client.get(url(world, "indicators/")).status_code == 200


# ---- Submissions: scoped to one's own organization ----


def _submission(world, organization, status=SubmissionStatus.DRAFT):
    """A submission with one value: 4 of 12 Arab girls."""
    return report(world, organization, world.period, {"gender=f;sector=arab": (4, 12)}, status)


def test_partner_token_cannot_read_another_organizations_drafts(api, world, partner_a):
    own = _submission(world, world.org_a)
    theirs = _submission(world, world.org_b)
    client = api(partner_a)
    listed = [s["id"] for s in client.get(url(world, "submissions/")).json()["results"]]
    assert listed == [own.pk]
    assert client.get(url(world, f"submissions/{theirs.pk}/")).status_code == 404
    detail = client.get(url(world, f"submissions/{own.pk}/")).json()
    assert detail["values"] == [
        {
            "indicator": "read3",
            "categories": {"gender": "f", "sector": "arab"},
            "numerator": 4.0,
            "denominator": 12.0,
            "value": None,
        }
    ]


def test_partner_token_cannot_write_another_organizations_drafts(api, world, partner_a):
    theirs = _submission(world, world.org_b)
    client = api(partner_a)
    row = value_row(numerator="1", denominator="2")
    assert (
        client.patch(
            url(world, f"submissions/{theirs.pk}/"), {"values": [row]}, format="json"
        ).status_code
        == 404
    )
    assert client.post(url(world, f"submissions/{theirs.pk}/submit/")).status_code == 404
    response = client.post(
        url(world, "values/"),
        {"rows": [{**row, "period": "2024-Q1", "organization": "org-b"}]},
        format="json",
    )
    assert response.status_code == 400
    assert "you can only send org-a's data" in response.json()["error"]["rows"][0]
    response = client.post(
        url(world, "submissions/"), {"organization": "org-b", "period": "2024-Q1"}, format="json"
    )
    assert response.status_code == 403
    theirs.refresh_from_db()
    assert theirs.values.get().numerator == 4


@pytest.mark.parametrize("persona", ["funder", "community_member"], indirect=True)
def test_read_only_roles_cannot_see_or_write_submissions(api, world, persona):
    client = api(persona)
    assert client.get(url(world, "submissions/")).status_code == 403
    assert (
        client.post(
            url(world, "values/"), {"rows": [{"indicator": "read3"}]}, format="json"
        ).status_code
        == 403
    )
    assert client.post(url(world, "computation-runs/"), {}, format="json").status_code == 403


def test_partner_viewer_reads_own_submissions_but_cannot_write(api, world, partner_viewer):
    own = _submission(world, world.org_a)
    client = api(partner_viewer)
    assert client.get(url(world, f"submissions/{own.pk}/")).status_code == 200
    assert client.post(url(world, f"submissions/{own.pk}/submit/")).status_code == 403


def test_only_the_backbone_approves_and_runs_computations(api, world, partner_a, backbone_staff):
    submission = _submission(world, world.org_a, status=SubmissionStatus.SUBMITTED)
    assert (
        api(partner_a).post(url(world, f"submissions/{submission.pk}/approve/")).status_code == 403
    )
    assert api(partner_a).get(url(world, "computation-runs/")).status_code == 403
    response = api(backbone_staff).post(url(world, f"submissions/{submission.pk}/approve/"))
    assert response.json()["status"] == "approved"


def test_submissions_filter_by_status_and_period(api, world, backbone_staff):
    _submission(world, world.org_a, status=SubmissionStatus.SUBMITTED)
    _submission(world, world.org_b)
    client = api(backbone_staff)
    submitted = client.get(url(world, "submissions/?status=submitted")).json()["results"]
    assert [s["organization"] for s in submitted] == ["org-a"]
    assert client.get(url(world, "submissions/?period=2023-Q1")).json()["count"] == 0
    ordered = client.get(url(world, "submissions/?ordering=-organization__code")).json()
    assert [s["organization"] for s in ordered["results"]] == ["org-b", "org-a"]


def test_last_use_of_a_token_is_recorded(api, world, partner_a):
    api(partner_a).get(url(world))
    token = partner_a.api_tokens.get()
    assert token.last_used_at is not None
    assert token.last_used_at <= timezone.now()
