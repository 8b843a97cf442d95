"""Reads of the tenancy: initiatives, partner organizations, memberships and invitations, and
the common agenda with its history."""

import operator
from dataclasses import dataclass
from functools import reduce

from django.contrib.auth import get_user_model
from django.db.models import Count, ForeignObjectRel, Model, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts.models import Invitation
from core.translation import CONTENT_LANGUAGES, translated_fields
from initiatives import roles
from initiatives.choices import PartnershipRole
from initiatives.models import (
    AgendaRevision,
    Initiative,
    Membership,
    Organization,
    Partnership,
    Result,
)
from initiatives.roles import Perm


def initiative_list(*, user) -> QuerySet[Initiative]:
    return Initiative.objects.visible_to(user)


def initiatives_managed_by(*, user, other_than: Initiative | None = None) -> list[Initiative]:
    """The initiatives whose content the user manages (``other_than`` one of them): those
    whose definitions they may copy into another."""
    return [
        initiative
        for initiative in initiative_list(user=user).order_by("name")
        if roles.can(user, initiative, Perm.MANAGE_CONTENT) and initiative != other_than
    ]


def partner_organizations(*, initiative: Initiative) -> QuerySet[Organization]:
    return Organization.objects.filter(
        partnerships__initiative=initiative, partnerships__is_active=True
    ).order_by("name")


def network_organizations(*, initiative: Initiative) -> QuerySet[Organization]:
    """The partners whose collaboration the health assessment looks at: active partners, not the
    funders or the backbone that convenes them."""
    return partner_organizations(initiative=initiative).filter(
        partnerships__role=PartnershipRole.PARTNER
    )


def partnership_list(*, initiative: Initiative) -> QuerySet[Partnership]:
    """Every organization taking part — partners, funders, the backbone — with its role."""
    return initiative.partnerships.select_related("organization").order_by("organization__code")


def participant_by_code(*, initiative: Initiative, code: str) -> Organization | None:
    """The organization taking part in the initiative under this code, or None."""
    partnership = partnership_list(initiative=initiative).filter(organization__code=code).first()
    return partnership.organization if partnership else None


# ---- Organizations taking part ----


def organization_participation_list(*, initiative: Initiative) -> QuerySet[Partnership]:
    """Every organization taking part, active or not, with its role, when it joined and how
    many members of the initiative speak for it (``member_count``)."""
    return (
        initiative.partnerships.select_related("organization")
        .annotate(
            member_count=Count(
                "organization__memberships",
                filter=Q(organization__memberships__initiative=initiative),
            )
        )
        .order_by("-is_active", "organization__name")
    )


def participation_get(*, initiative: Initiative, organization_pk: int) -> Partnership:
    """The organization's part in the initiative; 404 for an organization not taking part,
    so another initiative's organizations are not reached through this one's pages."""
    return get_object_or_404(
        initiative.partnerships.select_related("organization"), organization_id=organization_pk
    )


SEARCH_LIMIT = 20


def organization_search(*, initiative: Initiative, q: str) -> QuerySet[Organization]:
    """Organizations the installation knows, by code or by a name in any language (any case),
    that do not take part in the initiative yet: whom its backbone admin may add rather than
    create again."""
    q = q.strip()
    if not q:
        return Organization.objects.none()
    return (
        Organization.objects.filter(
            reduce(
                operator.or_,
                [Q(**{f"{field}__icontains": q}) for field in translated_fields("name")],
                Q(code__icontains=q),
            )
        )
        .exclude(partnerships__initiative=initiative)
        .order_by("name")[:SEARCH_LIMIT]
    )


def organization_links() -> list[tuple[type[Model], str]]:
    """Every link to an organization in the installation, as (model, name of its field):
    read from the model's relations rather than listed, so a link added in any app later is
    covered. Hidden links (``related_name="+"``, the automatic tables of many-to-many fields,
    the history of submissions) count too: ``_meta.related_objects`` would leave them out."""
    links = []
    for relation in Organization._meta.get_fields(include_hidden=True):
        if (
            isinstance(relation, ForeignObjectRel)
            and (relation.one_to_many or relation.one_to_one)
            and isinstance(relation.related_model, type)
        ):
            links.append((relation.related_model, relation.field.name))
    return links


def organization_merge_preview(*, organization: Organization) -> list[tuple[str, int]]:
    """What merging ``organization`` into another would move: (kind of record, how many), for
    each kind it has records of."""
    counts = []
    for model, field in organization_links():
        count = model._base_manager.filter(**{field: organization}).count()
        if count:
            counts.append((str(model._meta.verbose_name_plural), count))
    return counts


def membership_list(*, initiative: Initiative) -> QuerySet[Membership]:
    """Who holds which role. Pages name the people through
    ``community.selectors.people_shown_to(...).memberships``."""
    return initiative.memberships.select_related("user", "organization").order_by(
        "role", "user__full_name", "user__email"
    )


def member_users(*, initiative: Initiative):
    return (
        get_user_model()
        .objects.filter(memberships__initiative=initiative, is_active=True)
        .order_by("full_name", "email")
    )


def pending_invitation_list(*, initiative: Initiative) -> QuerySet[Invitation]:
    return (
        Invitation.objects.pending()
        .filter(initiative=initiative)
        .select_related("organization", "invited_by")
    )


def open_invitation_list(*, initiative: Initiative) -> QuerySet[Invitation]:
    """Invitations nobody accepted and nobody revoked — pending, or expired and waiting to be
    sent again — soonest to expire first."""
    return (
        Invitation.objects.active()
        .filter(initiative=initiative, accepted_at__isnull=True)
        .select_related("organization", "invited_by")
        .order_by("expires_at", "email")
    )


@dataclass(frozen=True)
class NeverSignedIn:
    membership: Membership
    invited_at: object  # when the invitation they accepted was sent; None if added otherwise


def never_signed_in_list(*, initiative: Initiative) -> list[NeverSignedIn]:
    """Members whose account has never been signed in to, with when they were invited: whom
    the backbone may want to remind."""
    memberships = list(membership_list(initiative=initiative).filter(user__last_login__isnull=True))
    invited = dict(
        Invitation.objects.filter(
            initiative=initiative, accepted_by__in=[m.user_id for m in memberships]
        ).values_list("accepted_by", "created_at")
    )
    return [NeverSignedIn(m, invited.get(m.user_id)) for m in memberships]


# ---- Common agenda ----


def result_get(*, initiative: Initiative, code: str) -> Result:
    return get_object_or_404(Result, initiative=initiative, code=code)


@dataclass(frozen=True)
class Change:
    what: str
    before: str
    after: str


AGENDA_LABELS = {
    "vision": _("Vision"),
    "problem_statement": _("Problem statement"),
    "population_focus": _("Population focus"),
    "geography": _("Geography"),
}


def _text_changes(before: dict, after: dict, labels: dict, prefix: str = "") -> list[Change]:
    changes = []
    for name, label in labels.items():
        for language in CONTENT_LANGUAGES:
            key = f"{name}_{language}"
            old, new = before.get(key, ""), after.get(key, "")
            if old != new:
                changes.append(Change(f"{prefix}{label} ({language})", old, new))
    return changes


def agenda_changes(before: dict | None, after: dict) -> list[Change]:
    """What one revision of the common agenda changed, field by field and language by
    language, results included."""
    if before is None:
        return []
    changes = _text_changes(before, after, {k: str(v) for k, v in AGENDA_LABELS.items()})
    old_results = {r["code"]: r for r in before.get("results", [])}
    new_results = {r["code"]: r for r in after.get("results", [])}
    for code, result in new_results.items():
        old = old_results.get(code)
        if old is None:
            changes.append(Change(_("Result added"), "", result.get("title_en", code)))
            continue
        prefix = f"{result.get('title_en') or code}: "
        changes += _text_changes(
            old, result, {"title": _("title"), "description": _("description")}, prefix
        )
        if old.get("indicators") != result.get("indicators"):
            changes.append(
                Change(
                    prefix + _("indicators"),
                    ", ".join(old.get("indicators", [])),
                    ", ".join(result.get("indicators", [])),
                )
            )
    for code, result in old_results.items():
        if code not in new_results:
            changes.append(Change(_("Result removed"), result.get("title_en", code), ""))
    return changes


@dataclass(frozen=True)
class RevisionEntry:
    revision: AgendaRevision
    changes: list[Change]


def agenda_history(*, initiative: Initiative) -> list[RevisionEntry]:
    """Revisions of the common agenda, newest first, each with what it changed."""
    revisions = list(initiative.agenda_revisions.select_related("revised_by"))
    entries = []
    for index, revision in enumerate(revisions):
        earlier = revisions[index + 1].snapshot if index + 1 < len(revisions) else None
        entries.append(RevisionEntry(revision, agenda_changes(earlier, revision.snapshot)))
    return entries
