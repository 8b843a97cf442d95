"""Every URL of the project, classified for every persona: allowed, forbidden (403), hidden
(404) — and for anonymous visitors, sent to sign in. A URL pattern nobody classified fails
``test_every_url_is_classified``, so a new page cannot ship without deciding who may use it."""

from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from measurement.choices import SubmissionStatus
from tests.conftest import PERSONAS
from tests.factories.accounts import PASSWORD
from tests.factories.community import (
    CommunityMemberFactory,
    EngagementEventFactory,
    FeedbackItemFactory,
)
from tests.factories.conditions import AssessmentFactory, MeetingFactory, WorkingGroupFactory
from tests.factories.equity import (
    CommitmentFactory,
    DecisionBodyFactory,
    DecisionFactory,
    SystemsChangeEffortFactory,
)
from tests.factories.measurement import DataValueFactory, SubmissionFactory

OK, FORBIDDEN, HIDDEN = "ok", "403", "404"

# Pages anyone may open without signing in.
PUBLIC = {
    "accounts:login",
    # The second step of signing in: without a right password a moment ago it sends to sign in.
    "accounts:login-code",
    "accounts:logout",
    "accounts:password-reset",
    "accounts:password-reset-done",
    "accounts:password-reset-confirm",
    "accounts:password-reset-complete",
    "initiatives:invitation-accept",
    "set_language",
    "security-txt",
    # Opened with a share link's signed token, not a session: test_share_links.py covers them.
    "share:indicator-list",
    "share:indicator-detail",
    "share:indicator-results",
    "share:equity-gaps",
}
# Django's admin has its own staff-only access control.
ADMIN_NAMESPACE = "admin"
# The REST API answers 401 rather than sending anyone to sign in; tests/api/test_api_access.py
# covers every operation for every role.
API_NAMESPACE = "api"

EVERY_MEMBER = dict.fromkeys(PERSONAS, OK) | {"outsider": HIDDEN}
BACKBONE_ADMIN_ONLY = dict.fromkeys(PERSONAS, FORBIDDEN) | {
    "backbone_admin": OK,
    "outsider": HIDDEN,
}
BACKBONE_ONLY = BACKBONE_ADMIN_ONLY | {"backbone_staff": OK}
SUBMISSION_READERS = BACKBONE_ONLY | {"partner_a": OK, "partner_viewer": OK, "partner_b": HIDDEN}
SUBMISSION_WRITERS = BACKBONE_ONLY | {"partner_a": OK, "partner_b": HIDDEN}


@dataclass
class Route:
    method: str
    expected: dict[str, str]
    kwargs: object = field(default=lambda world: {"slug": world.initiative.slug})
    data: dict = field(default_factory=dict)


def _submission(world, status=SubmissionStatus.DRAFT):
    submission = SubmissionFactory(
        initiative=world.initiative,
        organization=world.org_a,
        period=world.period,
        status=status,
    )
    DataValueFactory(
        submission=submission,
        indicator=world.indicator,
        cell=world.initiative.cells.get(key="gender=f;sector=arab"),
        numerator=5,
        denominator=10,
    )
    return submission


def _submission_kwargs(status=SubmissionStatus.DRAFT, **extra):
    def build(world):
        return {"slug": world.initiative.slug, "pk": _submission(world, status).pk, **extra}

    return build


def _membership_kwargs(world):
    from tests.factories.initiatives import MembershipFactory

    return {"slug": world.initiative.slug, "pk": MembershipFactory(initiative=world.initiative).pk}


def _invitation_kwargs(world):
    from datetime import timedelta

    from django.utils import timezone

    from accounts.models import Invitation

    invitation = Invitation.objects.create(
        initiative=world.initiative,
        email="new@example.org",
        role="funder",
        token_hash="x" * 64,
        expires_at=timezone.now() + timedelta(days=1),
    )
    return {"slug": world.initiative.slug, "pk": invitation.pk}


def _upload_kwargs(world):
    from measurement.choices import UploadStatus
    from measurement.models import Upload

    upload = Upload.objects.create(
        initiative=world.initiative,
        organization=world.org_a,
        filename="values.csv",
        content=b"indicator,period,organization\n",
        size=30,
        status=UploadStatus.CHECKED,
    )
    return {"slug": world.initiative.slug, "pk": upload.pk}


def _crosswalk_kwargs(world):
    from measurement.models import CategoryCrosswalk

    crosswalk = CategoryCrosswalk.objects.create(
        organization=world.org_a,
        dimension=world.gender,
        source_code="F",
        category=world.gender.categories.get(code="f"),
    )
    return {"slug": world.initiative.slug, "pk": crosswalk.pk}


def _share_link_kwargs(world):
    from datetime import timedelta

    from django.utils import timezone

    from measurement.models import ShareLink

    link = ShareLink.objects.create(
        initiative=world.initiative, label="Board", expires_at=timezone.now() + timedelta(days=3)
    )
    return {"slug": world.initiative.slug, "pk": link.pk}


def _in_world(factory, **fields):
    """kwargs of a page about one record of the world's initiative, made by ``factory``."""

    def build(world):
        return {
            "slug": world.initiative.slug,
            "pk": factory(initiative=world.initiative, **fields).pk,
        }

    return build


def _org_a_activity(world):
    from tests.factories.conditions import ActivityFactory

    return {
        "slug": world.initiative.slug,
        "pk": ActivityFactory(initiative=world.initiative, organization=world.org_a).pk,
    }


def _result_kwargs(world):
    from tests.factories.initiatives import ResultFactory

    return {"slug": world.initiative.slug, "code": ResultFactory(initiative=world.initiative).code}


def _someone_elses_token(world):
    from accounts.models import ApiToken
    from tests.factories.accounts import UserFactory

    token = ApiToken.objects.create(
        user=UserFactory(), initiative=world.initiative, name="x", prefix="x", token_hash="y" * 64
    )
    return {"pk": token.pk}


def _org_a_effort(world):
    return {
        "slug": world.initiative.slug,
        "pk": SystemsChangeEffortFactory(initiative=world.initiative, organization=world.org_a).pk,
    }


ACTIVITY_EDITORS = BACKBONE_ONLY | {"partner_a": OK, "partner_b": OK}
# Everyone answers the five conditions but funders, who look on.
FIVE_CONDITIONS_RESPONDENTS = EVERY_MEMBER | {"funder": FORBIDDEN}

ROUTES = {
    "initiatives:home": Route("get", dict.fromkeys(PERSONAS, OK), kwargs=lambda w: {}),
    "initiatives:initiative-home": Route("get", EVERY_MEMBER),
    "initiatives:agenda": Route("get", EVERY_MEMBER),
    "initiatives:member-list": Route("get", BACKBONE_ADMIN_ONLY),
    "initiatives:member-invite": Route(
        "post", BACKBONE_ADMIN_ONLY, data={"email": "x@example.org", "role": "funder"}
    ),
    "initiatives:member-update": Route(
        "post", BACKBONE_ADMIN_ONLY, kwargs=_membership_kwargs, data={"role": "funder"}
    ),
    "initiatives:initiative-two-factor": Route("post", BACKBONE_ADMIN_ONLY),
    "initiatives:member-remove": Route("post", BACKBONE_ADMIN_ONLY, kwargs=_membership_kwargs),
    "initiatives:invitation-revoke": Route("post", BACKBONE_ADMIN_ONLY, kwargs=_invitation_kwargs),
    "initiatives:api-token-list": Route("get", dict.fromkeys(PERSONAS, OK), kwargs=lambda w: {}),
    # Someone else's token: nobody may revoke it, or learn it exists.
    "initiatives:api-token-revoke": Route(
        "post", dict.fromkeys(PERSONAS, HIDDEN), kwargs=_someone_elses_token
    ),
    # Everyone's own second factor; nobody reaches anyone else's.
    "accounts:two-factor": Route("get", dict.fromkeys(PERSONAS, OK), kwargs=lambda w: {}),
    "accounts:two-factor-setup": Route("get", dict.fromkeys(PERSONAS, OK), kwargs=lambda w: {}),
    "accounts:two-factor-backup-codes": Route(
        "post", dict.fromkeys(PERSONAS, OK), kwargs=lambda w: {}
    ),
    "accounts:two-factor-disable": Route(
        "post", dict.fromkeys(PERSONAS, OK), kwargs=lambda w: {}, data={"proof": PASSWORD}
    ),
    "initiatives:agenda-edit": Route("get", BACKBONE_ONLY),
    "initiatives:agenda-history": Route("get", EVERY_MEMBER),
    "initiatives:result-create": Route("get", BACKBONE_ONLY),
    "initiatives:result-edit": Route("get", BACKBONE_ONLY, kwargs=_result_kwargs),
    "conditions:working-group-list": Route("get", EVERY_MEMBER),
    "conditions:working-group-create": Route("get", BACKBONE_ONLY),
    "conditions:working-group-detail": Route(
        "get", EVERY_MEMBER, kwargs=_in_world(WorkingGroupFactory)
    ),
    "conditions:working-group-edit": Route(
        "get", BACKBONE_ONLY, kwargs=_in_world(WorkingGroupFactory)
    ),
    "conditions:activity-list": Route("get", EVERY_MEMBER),
    "conditions:activity-create": Route("get", ACTIVITY_EDITORS),
    # Every member sees the plan; only its own organization (and the backbone) changes a line.
    "conditions:activity-edit": Route(
        "get", ACTIVITY_EDITORS | {"partner_b": FORBIDDEN}, kwargs=_org_a_activity
    ),
    "conditions:activity-delete": Route(
        "post", ACTIVITY_EDITORS | {"partner_b": FORBIDDEN}, kwargs=_org_a_activity
    ),
    "conditions:coverage": Route("get", EVERY_MEMBER),
    "conditions:meeting-list": Route("get", EVERY_MEMBER),
    "conditions:meeting-create": Route("get", BACKBONE_ONLY),
    "conditions:meeting-detail": Route("get", EVERY_MEMBER, kwargs=_in_world(MeetingFactory)),
    "conditions:meeting-edit": Route("get", BACKBONE_ONLY, kwargs=_in_world(MeetingFactory)),
    "conditions:feed": Route("get", EVERY_MEMBER),
    "conditions:backbone": Route("get", EVERY_MEMBER),
    "conditions:assessment-list": Route("get", EVERY_MEMBER),
    "conditions:assessment-answer": Route(
        "get", FIVE_CONDITIONS_RESPONDENTS, kwargs=_in_world(AssessmentFactory)
    ),
    "conditions:assessment-results": Route(
        "get", EVERY_MEMBER, kwargs=_in_world(AssessmentFactory)
    ),
    "conditions:health": Route("get", EVERY_MEMBER),
    "measurement:indicator-list": Route("get", EVERY_MEMBER),
    "measurement:indicator-detail": Route(
        "get", EVERY_MEMBER, kwargs=lambda w: {"slug": w.initiative.slug, "code": "read3"}
    ),
    "measurement:submission-list": Route(
        "get", BACKBONE_ONLY | {"partner_a": OK, "partner_b": OK, "partner_viewer": OK}
    ),
    "measurement:submission-start": Route(
        "post", BACKBONE_ONLY | {"partner_a": OK, "partner_b": OK}, data={"period": "PERIOD"}
    ),
    "measurement:submission-detail": Route("get", SUBMISSION_READERS, kwargs=_submission_kwargs()),
    "measurement:submission-values-edit": Route(
        "get", SUBMISSION_WRITERS, kwargs=_submission_kwargs(code="read3")
    ),
    "measurement:submission-submit": Route("post", SUBMISSION_WRITERS, kwargs=_submission_kwargs()),
    "measurement:submission-approve": Route(
        "post", BACKBONE_ONLY, kwargs=_submission_kwargs(SubmissionStatus.SUBMITTED)
    ),
    "measurement:submission-return": Route(
        "post",
        BACKBONE_ONLY,
        kwargs=_submission_kwargs(SubmissionStatus.SUBMITTED),
        data={"comment": "Check the boys' numbers."},
    ),
    "measurement:definitions": Route("get", BACKBONE_ONLY),
    "measurement:dimension-create": Route("get", BACKBONE_ONLY),
    "measurement:dimension-edit": Route(
        "get", BACKBONE_ONLY, kwargs=lambda w: {"slug": w.initiative.slug, "code": "gender"}
    ),
    "measurement:indicator-create": Route("get", BACKBONE_ONLY),
    "measurement:indicator-edit": Route(
        "get", BACKBONE_ONLY, kwargs=lambda w: {"slug": w.initiative.slug, "code": "read3"}
    ),
    "measurement:period-create": Route("post", BACKBONE_ONLY, data={"code": "2025"}),
    "measurement:period-edit": Route(
        "get", BACKBONE_ONLY, kwargs=lambda w: {"slug": w.initiative.slug, "pk": w.period.pk}
    ),
    "measurement:submission-values-totals": Route(
        "post", SUBMISSION_WRITERS, kwargs=_submission_kwargs(code="read3")
    ),
    "measurement:submission-comment": Route(
        "post", SUBMISSION_WRITERS, kwargs=_submission_kwargs(), data={"body": "Looks right."}
    ),
    "measurement:submission-unlock": Route(
        "post",
        BACKBONE_ADMIN_ONLY,
        kwargs=_submission_kwargs(SubmissionStatus.APPROVED),
        data={"reason": "A typo in the boys' numbers."},
    ),
    "measurement:submission-template": Route(
        "get", SUBMISSION_READERS, kwargs=_submission_kwargs(file_format="csv")
    ),
    "measurement:upload-new": Route("get", BACKBONE_ONLY | {"partner_a": OK, "partner_b": OK}),
    "measurement:upload-detail": Route("get", SUBMISSION_READERS, kwargs=_upload_kwargs),
    "measurement:upload-file": Route("get", SUBMISSION_READERS, kwargs=_upload_kwargs),
    "measurement:upload-save": Route("post", SUBMISSION_WRITERS, kwargs=_upload_kwargs),
    "measurement:upload-discard": Route("post", SUBMISSION_WRITERS, kwargs=_upload_kwargs),
    "measurement:crosswalk-list": Route("get", BACKBONE_ONLY | {"partner_a": OK, "partner_b": OK}),
    "measurement:crosswalk-delete": Route("post", SUBMISSION_WRITERS, kwargs=_crosswalk_kwargs),
    "measurement:reporting-matrix": Route("get", BACKBONE_ONLY),
    "measurement:reporting-plan": Route("get", BACKBONE_ONLY),
    "measurement:reporting-plan-edit": Route(
        "get", BACKBONE_ONLY, kwargs=lambda w: {"slug": w.initiative.slug, "code": "org-a"}
    ),
    "measurement:indicator-results": Route(
        "get",
        EVERY_MEMBER,
        kwargs=lambda w: {"slug": w.initiative.slug, "code": "read3", "file_format": "csv"},
    ),
    "measurement:equity-gaps": Route("get", EVERY_MEMBER),
    "measurement:share-link-list": Route("get", BACKBONE_ADMIN_ONLY),
    "measurement:share-link-revoke": Route("post", BACKBONE_ADMIN_ONLY, kwargs=_share_link_kwargs),
    "measurement:computation-list": Route("get", BACKBONE_ONLY),
    "measurement:computation-start": Route("post", BACKBONE_ONLY),
    "community:feedback-list": Route("get", BACKBONE_ONLY | {"community_member": OK}),
    "community:feedback-answer": Route("get", BACKBONE_ONLY, kwargs=_in_world(FeedbackItemFactory)),
    "community:consent-withdraw-own": Route(
        "post", dict.fromkeys(PERSONAS, FORBIDDEN) | {"community_member": OK, "outsider": HIDDEN}
    ),
    "community:answers": Route("get", EVERY_MEMBER),
    "community:event-list": Route("get", EVERY_MEMBER),
    "community:event-create": Route("get", BACKBONE_ONLY),
    "community:event-detail": Route("get", EVERY_MEMBER, kwargs=_in_world(EngagementEventFactory)),
    "community:event-edit": Route("get", BACKBONE_ONLY, kwargs=_in_world(EngagementEventFactory)),
    # Names, e-mail addresses and phone numbers: the backbone only.
    "community:member-list": Route("get", BACKBONE_ONLY),
    "community:member-create": Route("get", BACKBONE_ONLY),
    "community:member-withdraw": Route(
        "post", BACKBONE_ONLY, kwargs=_in_world(CommunityMemberFactory)
    ),
    "equity:dashboard": Route("get", EVERY_MEMBER),
    "equity:commitment-list": Route("get", EVERY_MEMBER),
    "equity:commitment-create": Route("get", BACKBONE_ONLY),
    "equity:commitment-edit": Route("get", BACKBONE_ONLY, kwargs=_in_world(CommitmentFactory)),
    "equity:power": Route("get", EVERY_MEMBER),
    "equity:body-create": Route("get", BACKBONE_ONLY),
    "equity:body-edit": Route("get", BACKBONE_ONLY, kwargs=_in_world(DecisionBodyFactory)),
    "equity:decision-create": Route("get", BACKBONE_ONLY),
    "equity:decision-edit": Route("get", BACKBONE_ONLY, kwargs=_in_world(DecisionFactory)),
    "equity:systems-change": Route("get", EVERY_MEMBER),
    "equity:effort-create": Route("get", ACTIVITY_EDITORS),
    "equity:effort-edit": Route(
        "get", ACTIVITY_EDITORS | {"partner_b": FORBIDDEN}, kwargs=_org_a_effort
    ),
}


def _url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            if inner in (ADMIN_NAMESPACE, API_NAMESPACE):
                continue
            yield from _url_names(pattern, f"{namespace}{inner}:" if inner else namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_url_is_classified():
    unclassified = set(_url_names()) - set(ROUTES) - PUBLIC
    assert not unclassified, f"Classify these URLs in ROUTES or PUBLIC: {sorted(unclassified)}"


def _request(client, world, name):
    route = ROUTES[name]
    url = reverse(name, kwargs=route.kwargs(world))
    data = {k: (world.period.pk if v == "PERIOD" else v) for k, v in route.data.items()}
    if "organization" not in data and name == "measurement:submission-start":
        data["organization"] = world.org_a.pk
    return getattr(client, route.method)(url, data)


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
@pytest.mark.parametrize("name", sorted(ROUTES))
def test_role_may_or_may_not_use_url(client, world, persona, name, request):
    persona_name = request.node.callspec.params["persona"]
    expected = ROUTES[name].expected[persona_name]
    client.force_login(persona)
    response = _request(client, world, name)
    if expected == OK:
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 302:
            assert "/accounts/login/" not in response["Location"]
    else:
        assert response.status_code == int(expected)


@pytest.mark.parametrize("name", sorted(set(ROUTES) - {"initiatives:home"}))
def test_anonymous_visitor_is_sent_to_sign_in(client, world, name):
    response = _request(client, world, name)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_home_sends_anonymous_visitor_to_sign_in(client, db):
    response = client.get(reverse("initiatives:home"))
    assert response["Location"].startswith(reverse("accounts:login"))


# ---- Two initiatives that share an organization ----
# Organizations exist once per installation; organization A partners in the world's initiative
# and in its neighbour's. Membership of one initiative, even for the same organization, opens
# nothing in the other, and no record of one is reached through the other's URLs.


def _route_patterns(resolver=None, namespace="", prefix=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            if inner in (ADMIN_NAMESPACE, API_NAMESPACE):
                continue
            yield from _route_patterns(
                pattern,
                f"{namespace}{inner}:" if inner else namespace,
                prefix + str(pattern.pattern),
            )
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", prefix + str(pattern.pattern)


IN_AN_INITIATIVE = sorted(
    name for name, route in _route_patterns() if "<slug:slug>" in route and name in ROUTES
)
ONE_RECORD_IN_AN_INITIATIVE = sorted(
    name
    for name, route in _route_patterns()
    if "<slug:slug>" in route and "<int:pk>" in route and name in ROUTES
)


@pytest.mark.parametrize("who", ["admin", "partner_a"])
@pytest.mark.parametrize("name", IN_AN_INITIATIVE)
def test_members_of_another_initiative_find_nothing_here(client, world, neighbour, who, name):
    client.force_login(getattr(neighbour, who))
    assert _request(client, world, name).status_code == 404


@pytest.mark.parametrize("who", ["admin", "partner_a"])
@pytest.mark.parametrize("name", ONE_RECORD_IN_AN_INITIATIVE)
def test_a_record_is_not_reached_through_another_initiatives_urls(
    client, world, neighbour, who, name
):
    """The neighbour's own slug with the id of one of the world's records: its admin, who may
    do anything in the neighbour, finds nothing; its partner editor is refused or finds
    nothing."""
    route = ROUTES[name]
    url = reverse(name, kwargs={**route.kwargs(world), "slug": neighbour.initiative.slug})
    client.force_login(getattr(neighbour, who))
    response = getattr(client, route.method)(url, route.data)
    expected = {404} if who == "admin" else {403, 404}
    assert response.status_code in expected
