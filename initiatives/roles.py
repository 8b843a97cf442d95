"""The one place that answers "which role does this user hold in this initiative, and may that
role do X?".

Views, selectors, templates (through the ``can`` tag) and the API all ask this module. Nothing
else looks at ``Membership.role`` to make a decision.

A user's memberships are loaded once per request object and cached on it, so asking many
questions on one page costs one query.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts.choices import PARTNER_ROLES, Role
from initiatives.choices import AssessmentKind, RespondentGroup
from initiatives.models import Initiative, InstallationSettings, Membership, Partnership


class Perm(StrEnum):
    """What a role may do in an initiative."""

    VIEW_DASHBOARDS = "view_dashboards"
    VIEW_UNSUPPRESSED = "view_unsuppressed"
    """See small cells and results before suppression."""
    VIEW_SUBMISSIONS = "view_submissions"
    """See partners' submissions and their values (partner roles: their own organization)."""
    ENTER_DATA = "enter_data"
    """Create, edit and submit data (partner editors: their own organization)."""
    REVIEW_SUBMISSIONS = "review_submissions"
    """Approve or return submitted data, start computations."""
    MANAGE_CONTENT = "manage_content"
    """Maintain the agenda, indicators, and answer community feedback."""
    MANAGE_MEMBERS = "manage_members"
    """Invite people, change roles, change initiative settings."""
    UNLOCK_SUBMISSIONS = "unlock_submissions"
    """Reopen approved data for correction, with a recorded reason."""
    SHARE_DASHBOARDS = "share_dashboards"
    """Create and revoke share links that show the funder view without an account."""
    GIVE_FEEDBACK = "give_feedback"
    EDIT_ACTIVITIES = "edit_activities"
    """Add and change activities in the plan of action (partner editors: their own)."""
    ANSWER_ASSESSMENTS = "answer_assessments"
    """Answer the periodic assessments (which ones: ``may_answer_assessment``)."""
    POST_UPDATES = "post_updates"
    """Post news to the initiative's updates feed."""
    VIEW_PERSONAL_DATA = "view_personal_data"
    """See community members' names, contact details and consent records."""


_BACKBONE_STAFF_PERMS = frozenset(
    {
        Perm.VIEW_DASHBOARDS,
        Perm.VIEW_UNSUPPRESSED,
        Perm.VIEW_SUBMISSIONS,
        Perm.ENTER_DATA,
        Perm.REVIEW_SUBMISSIONS,
        Perm.MANAGE_CONTENT,
        Perm.EDIT_ACTIVITIES,
        Perm.ANSWER_ASSESSMENTS,
        Perm.POST_UPDATES,
        Perm.VIEW_PERSONAL_DATA,
    }
)

ROLE_PERMISSIONS: dict[Role, frozenset[Perm]] = {
    # Feedback is the community's voice; backbone roles read and answer it (MANAGE_CONTENT).
    Role.BACKBONE_ADMIN: _BACKBONE_STAFF_PERMS
    | {Perm.MANAGE_MEMBERS, Perm.UNLOCK_SUBMISSIONS, Perm.SHARE_DASHBOARDS},
    Role.BACKBONE_STAFF: _BACKBONE_STAFF_PERMS,
    Role.PARTNER_EDITOR: frozenset(
        {
            Perm.VIEW_DASHBOARDS,
            Perm.VIEW_SUBMISSIONS,
            Perm.ENTER_DATA,
            Perm.EDIT_ACTIVITIES,
            Perm.ANSWER_ASSESSMENTS,
            Perm.POST_UPDATES,
        }
    ),
    Role.PARTNER_VIEWER: frozenset(
        {Perm.VIEW_DASHBOARDS, Perm.VIEW_SUBMISSIONS, Perm.ANSWER_ASSESSMENTS}
    ),
    Role.FUNDER: frozenset({Perm.VIEW_DASHBOARDS}),
    Role.COMMUNITY_MEMBER: frozenset(
        {Perm.VIEW_DASHBOARDS, Perm.GIVE_FEEDBACK, Perm.ANSWER_ASSESSMENTS}
    ),
}

# Permissions that partner roles hold only for their own organization's records.
ORGANIZATION_SCOPED_PERMS = frozenset(
    {Perm.VIEW_SUBMISSIONS, Perm.ENTER_DATA, Perm.EDIT_ACTIVITIES}
)


def _granted_by_initiative(initiative: Initiative, role: Role, perm: Perm) -> bool:
    """What an initiative's own settings add to a role: its backbone admin decides whether
    backbone staff may create share links."""
    return (
        perm == Perm.SHARE_DASHBOARDS and role == Role.BACKBONE_STAFF and initiative.staff_may_share
    )


def roles_holding(perm: Perm) -> list[Role]:
    """The roles that hold ``perm`` (for some organization, for partner roles)."""
    return [role for role, perms in ROLE_PERMISSIONS.items() if perm in perms]


_CACHE_ATTRIBUTE = "_yachad_memberships"


def _memberships(user) -> dict[int, Membership]:
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = {
            m.initiative_id: m
            for m in Membership.objects.filter(user=user).select_related("organization")
        }
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def forget_memberships(user) -> None:
    """Drop the per-request cache after a service changed this user's memberships."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def membership_for(user, initiative: Initiative) -> Membership | None:
    if user is None or not user.is_authenticated:
        return None
    return _memberships(user).get(initiative.pk)


def role_of(user, initiative: Initiative) -> Role | None:
    """The user's role in the initiative, or None for outsiders.

    Installation superusers, who set initiatives up, act as backbone admins where they hold no
    membership of their own."""
    membership = membership_for(user, initiative)
    if membership is not None:
        return Role(membership.role)
    if user is not None and user.is_authenticated and user.is_superuser:
        return Role.BACKBONE_ADMIN
    return None


def organization_of(user, initiative: Initiative):
    """The organization a partner-role user speaks for, else None."""
    membership = membership_for(user, initiative)
    if membership is None or membership.role not in PARTNER_ROLES:
        return None
    return membership.organization


def is_member(user, initiative: Initiative) -> bool:
    return role_of(user, initiative) is not None


def can(user, initiative: Initiative, perm: Perm | str, *, organization=None) -> bool:
    """May the user do ``perm`` in the initiative — for ``organization``'s records, if given?

    Partner roles hold organization-scoped permissions only for their own organization; asked
    without an organization, the answer is whether they may do it for some organization."""
    role = role_of(user, initiative)
    if role is None:
        return False
    perm = Perm(perm)
    if perm not in ROLE_PERMISSIONS[role] and not _granted_by_initiative(initiative, role, perm):
        return False
    if organization is not None and role in PARTNER_ROLES and perm in ORGANIZATION_SCOPED_PERMS:
        own = organization_of(user, initiative)
        return own is not None and own.pk == getattr(organization, "pk", organization)
    return True


def may_start_initiative(user) -> bool:
    """Installation superusers start initiatives; anyone signed in may too when the
    installation's settings say so. Who starts one becomes its backbone admin."""
    if user is None or not user.is_authenticated:
        return False
    return user.is_superuser or InstallationSettings.current().anyone_may_start_initiatives


def may_change_installation(user) -> bool:
    """The installation's own settings are its administrators' (superusers')."""
    return user is not None and user.is_authenticated and user.is_superuser


BACKBONE_ROLES = frozenset({Role.BACKBONE_ADMIN, Role.BACKBONE_STAFF})


class SecondFactorRequired(PermissionDenied):
    """The initiative asks its backbone team for two-factor authentication and this session
    has not confirmed a second factor. Pages send the person to enter a code or set up an app
    (``initiatives.middleware.SecondFactorMiddleware``); the API answers 403."""

    def __init__(self, initiative: Initiative):
        super().__init__(
            _("%(initiative)s asks its backbone team to sign in with two-factor authentication.")
            % {"initiative": initiative.name}
        )
        self.initiative = initiative


def second_factor_missing(user, initiative: Initiative) -> bool:
    """Whether the initiative's requirement of a second factor stops this user: a backbone
    admin or staff member (an installation superuser acts as a backbone admin) in a browser
    session not confirmed with a second factor.

    Only a browser session has something to confirm: django-otp's ``OTPMiddleware`` gives its
    user ``is_verified``. The user behind an API token, a task or a command has none, and is
    not asked: a token is a credential of its own, made in a confirmed session (making one
    goes through ``require``)."""
    if not initiative.require_two_factor or role_of(user, initiative) not in BACKBONE_ROLES:
        return False
    is_verified = getattr(user, "is_verified", None)
    return is_verified is not None and not is_verified()


def require(user, initiative: Initiative, perm: Perm | str, *, organization=None) -> None:
    """Raise 404 for outsiders (they must not learn what exists), ``SecondFactorRequired``
    for backbone members the initiative asks for a second factor they have not given this
    session, and 403 for members who may look but not do this."""
    if not is_member(user, initiative):
        raise Http404
    if second_factor_missing(user, initiative):
        raise SecondFactorRequired(initiative)
    if not can(user, initiative, perm, organization=organization):
        raise PermissionDenied


def sees_unsuppressed(user, initiative: Initiative) -> bool:
    return can(user, initiative, Perm.VIEW_UNSUPPRESSED)


@dataclass(frozen=True)
class Audience:
    """Who computed results are shown to, as far as masking goes. Pages derive it from the
    signed-in user; exports for a role and share links name it directly."""

    unsuppressed: bool


def audience_for(user, initiative: Initiative) -> Audience:
    return Audience(unsuppressed=sees_unsuppressed(user, initiative))


def audience_for_role(role: Role | str) -> Audience:
    return Audience(unsuppressed=Perm.VIEW_UNSUPPRESSED in ROLE_PERMISSIONS[Role(role)])


# Share links show what a funder sees.
SHARE_LINK_AUDIENCE = audience_for_role(Role.FUNDER)


def may_see_organization_part(user, initiative: Initiative, organization) -> bool:
    """Whether the user may look at one partner's part of the figures: backbone roles for
    any partner, partner roles for their own organization only."""
    return can(user, initiative, Perm.VIEW_SUBMISSIONS, organization=organization)


def audience_for_organization_part(user, initiative: Initiative, organization) -> Audience:
    """A partner reported its own small numbers, so hiding them from it protects no one:
    whoever may see a partner's part sees it unsuppressed."""
    return Audience(unsuppressed=may_see_organization_part(user, initiative, organization))


_RESPONDENT_GROUP_OF_ROLE = {
    Role.BACKBONE_ADMIN: RespondentGroup.BACKBONE,
    Role.BACKBONE_STAFF: RespondentGroup.BACKBONE,
    Role.PARTNER_EDITOR: RespondentGroup.PARTNER,
    Role.PARTNER_VIEWER: RespondentGroup.PARTNER,
    Role.COMMUNITY_MEMBER: RespondentGroup.COMMUNITY,
}

# Who answers each kind of assessment. The five conditions are seen from every side; the
# backbone assesses itself; partners rate each other on behalf of their organization.
ASSESSMENT_RESPONDENT_GROUPS = {
    AssessmentKind.FIVE_CONDITIONS: frozenset(RespondentGroup),
    AssessmentKind.BACKBONE: frozenset({RespondentGroup.BACKBONE}),
    AssessmentKind.COLLABORATIVE_HEALTH: frozenset({RespondentGroup.PARTNER}),
    AssessmentKind.EQUITY: frozenset(RespondentGroup),
}


def respondent_group(user, initiative: Initiative) -> RespondentGroup | None:
    """Which group a person answers assessments as: backbone, partner or community."""
    role = role_of(user, initiative)
    return _RESPONDENT_GROUP_OF_ROLE.get(role) if role is not None else None


def may_answer_assessment(user, initiative: Initiative, kind: str) -> bool:
    """Whether the user answers this kind of assessment. A collaborative-health answer speaks
    for the whole organization, so only those who enter its data give it."""
    if not can(user, initiative, Perm.ANSWER_ASSESSMENTS):
        return False
    if respondent_group(user, initiative) not in ASSESSMENT_RESPONDENT_GROUPS[AssessmentKind(kind)]:
        return False
    if kind == AssessmentKind.COLLABORATIVE_HEALTH:
        organization = organization_of(user, initiative)
        return organization is not None and can(
            user, initiative, Perm.ENTER_DATA, organization=organization
        )
    return True


def may_edit_led_work(user, initiative: Initiative, organization) -> bool:
    """Work that one organization leads (a systems change effort) is changed by that
    organization's editors and the backbone; work no single organization leads, by the
    backbone only."""
    if organization is None:
        return can(user, initiative, Perm.MANAGE_CONTENT)
    return can(user, initiative, Perm.EDIT_ACTIVITIES, organization=organization)


def may_see_network_ties(user, initiative: Initiative) -> bool:
    """What one partner said of another is for the backbone to work with, not to publish:
    everyone else sees the network's overall scores only."""
    return can(user, initiative, Perm.MANAGE_CONTENT)


def may_see_community_names(user, initiative: Initiative) -> bool:
    """Community members' names reach the backbone only, and only while the person consents:
    ``community.selectors.people_shown_to`` applies this to every page, form and e-mail."""
    return can(user, initiative, Perm.VIEW_PERSONAL_DATA)


def may_change_shared_organization(user, initiative: Initiative, organization) -> bool:
    """An organization exists once per installation. The backbone admin of one initiative
    changes its own fields (its name, sector, website), merges it away or deletes it only
    while it takes part in no other initiative, which would see the change too; installation
    superusers, who act for every initiative, always may."""
    if not can(user, initiative, Perm.MANAGE_MEMBERS):
        return False
    if user.is_superuser:
        return True
    return (
        not Partnership.objects.filter(organization=organization)
        .exclude(initiative=initiative)
        .exists()
    )


def get_initiative_for_user(user, slug: str, *, perm: Perm = Perm.VIEW_DASHBOARDS) -> Initiative:
    """The initiative by slug, if the user may ``perm`` in it: 404 when they are not a member,
    403 when they are a member without that permission."""
    initiative = get_object_or_404(Initiative, slug=slug)
    require(user, initiative, perm)
    return initiative


def submission_organization_scope(user, initiative: Initiative):
    """Which organizations' submissions the user may see: ``None`` for all of them (backbone),
    one organization for partner roles. Raises PermissionDenied for everyone else."""
    if not can(user, initiative, Perm.VIEW_SUBMISSIONS):
        raise PermissionDenied
    if role_of(user, initiative) in PARTNER_ROLES:
        return organization_of(user, initiative)
    return None
