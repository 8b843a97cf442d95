"""Every URL of the project, classified for every persona: allowed, forbidden (403), hidden
(404) — and for anonymous visitors, sent to sign in. A URL pattern nobody classified fails
``test_every_url_is_classified``, so a new page cannot ship without deciding who may use it."""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.models import ApiToken, Invitation
from conditions.models import TurnTheCurve, TurnTheCurveVersion
from measurement.choices import RunStatus, SubmissionStatus, UploadStatus
from measurement.models import CategoryCrosswalk, ReportingPeriod, ShareLink, Upload
from tests.conftest import PERSONAS
from tests.factories.accounts import PASSWORD, NoticeFactory, UserFactory
from tests.factories.community import (
    CommunityMemberFactory,
    EngagementEventFactory,
    FeedbackItemFactory,
)
from tests.factories.conditions import (
    ActivityFactory,
    AssessmentFactory,
    MeetingFactory,
    WorkingGroupFactory,
)
from tests.factories.equity import (
    CommitmentFactory,
    DecisionBodyFactory,
    DecisionFactory,
    SystemsChangeEffortFactory,
)
from tests.factories.initiatives import MembershipFactory, ResultFactory
from tests.factories.measurement import ComputationRunFactory
from tests.measurement.conftest import compute, report

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
    # An empty installation's first page; once anyone has an account it sends people to sign
    # in (tests/initiatives/test_start.py).
    "initiatives:first-run",
    "set_language",
    "security-txt",
    # Probes for Docker, load balancers and monitoring: tests/test_health.py.
    "healthz",
    "readyz",
    # Opened with a share link's signed token, not a session: test_share_links.py covers them.
    "share:indicator-list",
    "share:indicator-detail",
    "share:indicator-results",
    "share:scorecard-download",
    "share:equity-gaps",
    # The same, for a frame on a site the link lists: test_share_link_embeds.py covers them.
    "share:embed-scorecard",
    "share:embed-indicator",
}
# Django's admin has its own staff-only access control.
ADMIN_NAMESPACE = "admin"
# The REST API answers 401 rather than sending anyone to sign in; tests/api/test_api_access.py
# covers every operation for every role.
API_NAMESPACE = "api"

# Pages about the person signed in rather than an initiative: open to every one of them.
EVERYONE = dict.fromkeys(PERSONAS, OK)
EVERY_MEMBER = EVERYONE | {"outsider": HIDDEN}
BACKBONE_ADMIN_ONLY = dict.fromkeys(PERSONAS, FORBIDDEN) | {
    "backbone_admin": OK,
    "outsider": HIDDEN,
}
BACKBONE_ONLY = BACKBONE_ADMIN_ONLY | {"backbone_staff": OK}
# The installation's own pages: its superusers' (and, by its setting, everyone's).
SUPERUSERS_ONLY = dict.fromkeys(PERSONAS, FORBIDDEN)
SUBMISSION_READERS = BACKBONE_ONLY | {"partner_a": OK, "partner_viewer": OK, "partner_b": HIDDEN}
SUBMISSION_WRITERS = BACKBONE_ONLY | {"partner_a": OK, "partner_b": HIDDEN}


@dataclass
class Route:
    method: str
    expected: dict[str, str]
    kwargs: object = field(default=lambda world: {"slug": world.initiative.slug})
    data: dict = field(default_factory=dict)


def _submission_kwargs(status=SubmissionStatus.DRAFT, **extra):
    """kwargs of a page about organization A's submission, with one value (5 of 10 Arab girls),
    in ``status``."""

    def build(world):
        submission = report(
            world, world.org_a, world.period, {"gender=f;sector=arab": (5, 10)}, status
        )
        return {"slug": world.initiative.slug, "pk": submission.pk, **extra}

    return build


def _record(make):
    """kwargs of a page about one record of the world's initiative: the one ``make(world)``
    creates."""
    return lambda world: {"slug": world.initiative.slug, "pk": make(world).pk}


def _in_world(factory, **fields):
    """kwargs of a page about one record of the world's initiative, made by ``factory``."""
    return _record(lambda world: factory(initiative=world.initiative, **fields))


def _of_org_a(factory):
    """kwargs of a page about a record of organization A in the world's initiative."""
    return _record(lambda world: factory(initiative=world.initiative, organization=world.org_a))


def _by_code(code, **extra):
    """kwargs of a page about a definition of the world's initiative, found by its ``code``."""
    return lambda world: {"slug": world.initiative.slug, "code": code, **extra}


def _outside_initiatives(world):
    """kwargs of a page about the person signed in rather than an initiative: none."""
    return {}


def _invitation(world):
    return Invitation.objects.create(
        initiative=world.initiative,
        email="new@example.org",
        role="funder",
        token_hash="x" * 64,
        expires_at=timezone.now() + timedelta(days=1),
    )


def _upload(world):
    return Upload.objects.create(
        initiative=world.initiative,
        organization=world.org_a,
        filename="values.csv",
        content=b"indicator,period,organization\n",
        size=30,
        status=UploadStatus.CHECKED,
    )


def _crosswalk(world):
    return CategoryCrosswalk.objects.create(
        organization=world.org_a,
        dimension=world.gender,
        source_code="F",
        category=world.gender.categories.get(code="f"),
    )


def _share_link(world):
    return ShareLink.objects.create(
        initiative=world.initiative, label="Board", expires_at=timezone.now() + timedelta(days=3)
    )


# The pages about one record of each kind, for the routes that show and edit it.
A_MEMBERSHIP = _in_world(MembershipFactory)
A_WORKING_GROUP = _in_world(WorkingGroupFactory)
AN_ORG_A_ACTIVITY = _of_org_a(ActivityFactory)
A_MEETING = _in_world(MeetingFactory)
AN_ASSESSMENT = _in_world(AssessmentFactory)
AN_EVENT = _in_world(EngagementEventFactory)
AN_ORG_A_EFFORT = _of_org_a(SystemsChangeEffortFactory)
AN_UPLOAD = _record(_upload)


def _curve_version(world):
    """kwargs of the first version of the reading indicator's Turn the Curve record."""
    record = TurnTheCurve.objects.create(initiative=world.initiative, indicator=world.indicator)
    TurnTheCurveVersion.objects.create(record=record, number=1)
    return {"slug": world.initiative.slug, "code": world.indicator.code, "number": 1}


def _org_b(world):
    """kwargs of a page about organization B, which takes part in the world's initiative only."""
    return {"slug": world.initiative.slug, "pk": world.org_b.pk}


def _result_kwargs(world):
    return {"slug": world.initiative.slug, "code": ResultFactory(initiative=world.initiative).code}


def _brief_kwargs(world):
    """kwargs of a brief of a quarter before the world's, computed from organization A's
    data (once: the brief's page and its PDF share it)."""
    period, new = ReportingPeriod.objects.get_or_create(initiative=world.initiative, code="2023-Q4")
    if new:
        report(world, world.org_a, period, {"gender=f;sector=arab": (15, 30)}, "approved")
        compute(world)
    return {"slug": world.initiative.slug, "period": period.code}


def _someone_elses_token(world):
    token = ApiToken.objects.create(
        user=UserFactory(), initiative=world.initiative, name="x", prefix="x", token_hash="y" * 64
    )
    return {"pk": token.pk}


def _someone_elses_notice(world):
    return {"pk": NoticeFactory().pk}


ACTIVITY_EDITORS = BACKBONE_ONLY | {"partner_a": OK, "partner_b": OK}
# A record of organization A: every member sees it; only its own organization (and the
# backbone) changes it.
ORG_A_EDITORS = ACTIVITY_EDITORS | {"partner_b": FORBIDDEN}
# Everyone answers the five conditions but funders, who look on.
FIVE_CONDITIONS_RESPONDENTS = EVERY_MEMBER | {"funder": FORBIDDEN}

ROUTES = {
    "initiatives:home": Route("get", EVERYONE, kwargs=_outside_initiatives),
    "initiatives:initiative-home": Route("get", EVERY_MEMBER),
    "initiatives:agenda": Route("get", EVERY_MEMBER),
    "initiatives:member-list": Route("get", BACKBONE_ADMIN_ONLY),
    "initiatives:member-invite": Route(
        "post", BACKBONE_ADMIN_ONLY, data={"email": "x@example.org", "role": "funder"}
    ),
    "initiatives:member-update": Route(
        "post", BACKBONE_ADMIN_ONLY, kwargs=A_MEMBERSHIP, data={"role": "funder"}
    ),
    "initiatives:initiative-two-factor": Route("post", BACKBONE_ADMIN_ONLY),
    "initiatives:initiative-formats": Route("post", BACKBONE_ADMIN_ONLY),
    "initiatives:member-remove": Route("post", BACKBONE_ADMIN_ONLY, kwargs=A_MEMBERSHIP),
    "initiatives:invitation-revoke": Route(
        "post", BACKBONE_ADMIN_ONLY, kwargs=_record(_invitation)
    ),
    "initiatives:invitation-resend": Route(
        "post", BACKBONE_ADMIN_ONLY, kwargs=_record(_invitation)
    ),
    "initiatives:initiative-staff-sharing": Route("post", BACKBONE_ADMIN_ONLY),
    "initiatives:organization-list": Route("get", BACKBONE_ADMIN_ONLY),
    "initiatives:organization-create": Route("get", BACKBONE_ADMIN_ONLY),
    "initiatives:organization-add": Route("post", BACKBONE_ADMIN_ONLY, data={"role": "partner"}),
    "initiatives:organization-edit": Route("get", BACKBONE_ADMIN_ONLY, kwargs=_org_b),
    "initiatives:organization-merge": Route("get", BACKBONE_ADMIN_ONLY, kwargs=_org_b),
    "initiatives:organization-deactivate": Route("post", BACKBONE_ADMIN_ONLY, kwargs=_org_b),
    "initiatives:organization-reactivate": Route("post", BACKBONE_ADMIN_ONLY, kwargs=_org_b),
    "initiatives:api-token-list": Route("get", EVERYONE, kwargs=_outside_initiatives),
    "initiatives:initiative-start": Route("get", SUPERUSERS_ONLY, kwargs=_outside_initiatives),
    "initiatives:installation-settings": Route("get", SUPERUSERS_ONLY, kwargs=_outside_initiatives),
    # Someone else's token: nobody may revoke it, or learn it exists.
    "initiatives:api-token-revoke": Route(
        "post", dict.fromkeys(PERSONAS, HIDDEN), kwargs=_someone_elses_token
    ),
    # Everyone's own second factor; nobody reaches anyone else's.
    "accounts:two-factor": Route("get", EVERYONE, kwargs=_outside_initiatives),
    "accounts:two-factor-setup": Route("get", EVERYONE, kwargs=_outside_initiatives),
    "accounts:two-factor-backup-codes": Route("post", EVERYONE, kwargs=_outside_initiatives),
    "accounts:two-factor-disable": Route(
        "post", EVERYONE, kwargs=_outside_initiatives, data={"proof": PASSWORD}
    ),
    # Everyone's own notices and what they receive; nobody reaches anyone else's notice.
    "accounts:notice-list": Route("get", EVERYONE, kwargs=_outside_initiatives),
    "accounts:notice-read-all": Route("post", EVERYONE, kwargs=_outside_initiatives),
    "accounts:notice-read": Route(
        "post", dict.fromkeys(PERSONAS, HIDDEN), kwargs=_someone_elses_notice
    ),
    "accounts:notice-preferences": Route("get", EVERYONE, kwargs=_outside_initiatives),
    "initiatives:agenda-edit": Route("get", BACKBONE_ONLY),
    "initiatives:agenda-history": Route("get", EVERY_MEMBER),
    "initiatives:result-create": Route("get", BACKBONE_ONLY),
    "initiatives:result-edit": Route("get", BACKBONE_ONLY, kwargs=_result_kwargs),
    "conditions:working-group-list": Route("get", EVERY_MEMBER),
    "conditions:working-group-create": Route("get", BACKBONE_ONLY),
    "conditions:working-group-detail": Route("get", EVERY_MEMBER, kwargs=A_WORKING_GROUP),
    "conditions:working-group-edit": Route("get", BACKBONE_ONLY, kwargs=A_WORKING_GROUP),
    "conditions:activity-list": Route("get", EVERY_MEMBER),
    "conditions:activity-create": Route("get", ACTIVITY_EDITORS),
    "conditions:activity-edit": Route("get", ORG_A_EDITORS, kwargs=AN_ORG_A_ACTIVITY),
    "conditions:activity-delete": Route("post", ORG_A_EDITORS, kwargs=AN_ORG_A_ACTIVITY),
    "conditions:coverage": Route("get", EVERY_MEMBER),
    "conditions:turn-the-curve-list": Route("get", EVERY_MEMBER),
    "conditions:turn-the-curve-detail": Route("get", EVERY_MEMBER, kwargs=_by_code("read3")),
    "conditions:turn-the-curve-edit": Route("get", BACKBONE_ONLY, kwargs=_by_code("read3")),
    "conditions:turn-the-curve-history": Route("get", EVERY_MEMBER, kwargs=_by_code("read3")),
    "conditions:turn-the-curve-version": Route("get", EVERY_MEMBER, kwargs=_curve_version),
    "conditions:meeting-list": Route("get", EVERY_MEMBER),
    "conditions:meeting-create": Route("get", BACKBONE_ONLY),
    "conditions:meeting-detail": Route("get", EVERY_MEMBER, kwargs=A_MEETING),
    "conditions:meeting-edit": Route("get", BACKBONE_ONLY, kwargs=A_MEETING),
    "conditions:feed": Route("get", EVERY_MEMBER),
    "conditions:backbone": Route("get", EVERY_MEMBER),
    "conditions:assessment-list": Route("get", EVERY_MEMBER),
    "conditions:assessment-answer": Route("get", FIVE_CONDITIONS_RESPONDENTS, kwargs=AN_ASSESSMENT),
    "conditions:assessment-results": Route("get", EVERY_MEMBER, kwargs=AN_ASSESSMENT),
    "conditions:health": Route("get", EVERY_MEMBER),
    "measurement:indicator-list": Route("get", EVERY_MEMBER),
    "measurement:scorecard-download": Route(
        "get",
        EVERY_MEMBER,
        kwargs=lambda world: {"slug": world.initiative.slug, "file_format": "csv"},
    ),
    "measurement:indicator-detail": Route("get", EVERY_MEMBER, kwargs=_by_code("read3")),
    "measurement:submission-list": Route(
        "get", BACKBONE_ONLY | {"partner_a": OK, "partner_b": OK, "partner_viewer": OK}
    ),
    "measurement:submission-start": Route(
        "post", BACKBONE_ONLY | {"partner_a": OK, "partner_b": OK}, data={"period": "PERIOD"}
    ),
    "measurement:submission-detail": Route("get", SUBMISSION_READERS, kwargs=_submission_kwargs()),
    "measurement:submission-entry": Route("get", SUBMISSION_WRITERS, kwargs=_submission_kwargs()),
    "measurement:submission-values": Route(
        "get", SUBMISSION_READERS, kwargs=_submission_kwargs(code="read3")
    ),
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
    "measurement:definitions-load": Route("get", BACKBONE_ONLY),
    # Backbone staff read the disclosure policy; only a backbone admin changes it.
    "measurement:disclosure-policy": Route("get", BACKBONE_ONLY),
    "measurement:dimension-create": Route("get", BACKBONE_ONLY),
    "measurement:dimension-library": Route("get", BACKBONE_ONLY),
    "measurement:dimension-edit": Route("get", BACKBONE_ONLY, kwargs=_by_code("gender")),
    "measurement:indicator-create": Route("get", BACKBONE_ONLY),
    "measurement:indicator-edit": Route("get", BACKBONE_ONLY, kwargs=_by_code("read3")),
    "measurement:period-create": Route("post", BACKBONE_ONLY, data={"code": "2025"}),
    "measurement:period-generate": Route("get", BACKBONE_ONLY),
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
    "measurement:upload-detail": Route("get", SUBMISSION_READERS, kwargs=AN_UPLOAD),
    "measurement:upload-file": Route("get", SUBMISSION_READERS, kwargs=AN_UPLOAD),
    "measurement:upload-save": Route("post", SUBMISSION_WRITERS, kwargs=AN_UPLOAD),
    "measurement:upload-discard": Route("post", SUBMISSION_WRITERS, kwargs=AN_UPLOAD),
    "measurement:crosswalk-list": Route("get", BACKBONE_ONLY | {"partner_a": OK, "partner_b": OK}),
    "measurement:crosswalk-delete": Route("post", SUBMISSION_WRITERS, kwargs=_record(_crosswalk)),
    "measurement:reporting-matrix": Route("get", BACKBONE_ONLY),
    "measurement:reporting-plan": Route("get", BACKBONE_ONLY),
    "measurement:review-queue": Route("get", BACKBONE_ONLY),
    "measurement:review-approve": Route("post", BACKBONE_ONLY, data={"submissions": []}),
    "measurement:period-completeness": Route("get", BACKBONE_ONLY),
    "measurement:period-close": Route(
        "post", BACKBONE_ONLY, kwargs=_by_code("2024-Q1"), data={"note": "Final."}
    ),
    "measurement:period-reopen": Route("post", BACKBONE_ONLY, kwargs=_by_code("2024-Q1")),
    "measurement:indicator-rules": Route("get", BACKBONE_ONLY, kwargs=_by_code("read3")),
    "measurement:reporting-plan-edit": Route("get", BACKBONE_ONLY, kwargs=_by_code("org-a")),
    "measurement:indicator-results": Route(
        "get", EVERY_MEMBER, kwargs=_by_code("read3", file_format="csv")
    ),
    "measurement:equity-gaps": Route("get", EVERY_MEMBER),
    "measurement:share-link-list": Route("get", BACKBONE_ADMIN_ONLY),
    "measurement:share-link-sites": Route("get", BACKBONE_ADMIN_ONLY, kwargs=_record(_share_link)),
    "measurement:share-link-revoke": Route(
        "post", BACKBONE_ADMIN_ONLY, kwargs=_record(_share_link)
    ),
    "measurement:computation-list": Route("get", BACKBONE_ONLY),
    "measurement:computation-start": Route("post", BACKBONE_ONLY),
    "measurement:computation-retry": Route(
        "post", BACKBONE_ONLY, kwargs=_in_world(ComputationRunFactory, status=RunStatus.FAILED)
    ),
    # A brief shows what funders see, whoever opens it; only admins choose to e-mail it.
    "briefs:brief-list": Route("get", EVERY_MEMBER),
    "briefs:brief-page": Route("get", EVERY_MEMBER, kwargs=_brief_kwargs),
    "briefs:brief-pdf": Route("get", EVERY_MEMBER, kwargs=_brief_kwargs),
    "briefs:brief-schedule": Route("post", BACKBONE_ADMIN_ONLY, data={"send_by_email": "on"}),
    "community:feedback-list": Route("get", BACKBONE_ONLY | {"community_member": OK}),
    "community:feedback-answer": Route("get", BACKBONE_ONLY, kwargs=_in_world(FeedbackItemFactory)),
    "community:consent-withdraw-own": Route(
        "post", dict.fromkeys(PERSONAS, FORBIDDEN) | {"community_member": OK, "outsider": HIDDEN}
    ),
    "community:answers": Route("get", EVERY_MEMBER),
    "community:event-list": Route("get", EVERY_MEMBER),
    "community:event-create": Route("get", BACKBONE_ONLY),
    "community:event-detail": Route("get", EVERY_MEMBER, kwargs=AN_EVENT),
    "community:event-edit": Route("get", BACKBONE_ONLY, kwargs=AN_EVENT),
    # Names, e-mail addresses and phone numbers: the backbone only.
    "community:community-member-list": Route("get", BACKBONE_ONLY),
    "community:community-member-create": Route("get", BACKBONE_ONLY),
    "community:community-member-withdraw": Route(
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
    "equity:effort-edit": Route("get", ORG_A_EDITORS, kwargs=AN_ORG_A_EFFORT),
}


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


def test_every_url_is_classified():
    unclassified = {name for name, _route in _route_patterns()} - set(ROUTES) - PUBLIC
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


def test_home_sends_anonymous_visitor_to_sign_in(client, world):
    UserFactory()  # an installation someone has set up (an empty one opens its first run)
    response = client.get(reverse("initiatives:home"))
    assert response["Location"].startswith(reverse("accounts:login"))


# ---- Two initiatives that share an organization ----
# Organizations exist once per installation; organization A partners in the world's initiative
# and in its neighbour's. Membership of one initiative, even for the same organization, opens
# nothing in the other, and no record of one is reached through the other's URLs.


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
