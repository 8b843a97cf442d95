"""Reads of the tenancy: initiatives, partner organizations, memberships and invitations, and
the common agenda with its history."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts.models import Invitation
from core.translation import CONTENT_LANGUAGES
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


def initiatives_managed_by(*, user) -> list[Initiative]:
    """The initiatives whose content the user manages: those whose definitions they may
    copy into another."""
    return [
        initiative
        for initiative in initiative_list(user=user).order_by("name")
        if roles.can(user, initiative, Perm.MANAGE_CONTENT)
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
