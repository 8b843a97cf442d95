"""Writes of the initiatives app: memberships, invitations and API tokens, the organizations
taking part, the common agenda, the plan of action, meetings and updates, the backbone's work
and the periodic assessments; starting an initiative and the installation's first run."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.models import ApiToken, Invitation
from accounts.services import TOKEN_PREFIX, hash_token
from core import formats
from core.services import model_update
from core.translation import translated_fields, translations_of
from initiatives import roles, selectors
from initiatives.choices import PartnershipRole
from initiatives.models import (
    AgendaRevision,
    Initiative,
    InstallationSettings,
    Membership,
    Organization,
    Partnership,
    Result,
    clean_role_organization,
)
from initiatives.roles import Perm

User = get_user_model()


@transaction.atomic
def membership_set(
    *, initiative: Initiative, user, role: str, organization: Organization | None = None
) -> Membership:
    """Give the user this role in the initiative, replacing any role they held there.

    Not permission-checked: callers are the invitation service (the invitation was the
    authorization) and set-up commands."""
    membership = Membership.objects.filter(initiative=initiative, user=user).first()
    if membership is None:
        membership = Membership(initiative=initiative, user=user)
    membership.role = role
    membership.organization = organization
    membership.full_clean()
    membership.save()
    roles.forget_memberships(user)
    return membership


def _ensure_an_admin_remains(membership: Membership, *, new_role: str | None) -> None:
    if membership.role != Role.BACKBONE_ADMIN or new_role == Role.BACKBONE_ADMIN:
        return
    others = Membership.objects.filter(
        initiative=membership.initiative, role=Role.BACKBONE_ADMIN
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError(
            _("Every initiative needs a backbone admin: make someone else admin first.")
        )


@transaction.atomic
def membership_role_set(
    *, actor, membership: Membership, role: str, organization: Organization | None
) -> Membership:
    roles.require(actor, membership.initiative, Perm.MANAGE_MEMBERS)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    _ensure_an_admin_remains(membership, new_role=role)
    membership.role = role
    membership.organization = organization
    membership.full_clean()
    membership.save()
    roles.forget_memberships(membership.user)
    return membership


@transaction.atomic
def membership_remove(*, actor, membership: Membership) -> None:
    roles.require(actor, membership.initiative, Perm.MANAGE_MEMBERS)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    _ensure_an_admin_remains(membership, new_role=None)
    membership.delete()
    roles.forget_memberships(membership.user)


@transaction.atomic
def initiative_two_factor_set(*, actor, initiative: Initiative, required: bool) -> Initiative:
    """Whether the initiative asks its backbone team (and installation superusers) for
    two-factor authentication (``roles.second_factor_missing`` enforces it)."""
    roles.require(actor, initiative, Perm.MANAGE_MEMBERS)
    initiative.require_two_factor = required
    initiative.save(update_fields=["require_two_factor", "updated_at"])
    return initiative


@transaction.atomic
def initiative_staff_sharing_set(*, actor, initiative: Initiative, allowed: bool) -> Initiative:
    """Whether backbone staff may create and revoke share links, as backbone admins always
    may (``roles.can`` reads ``Initiative.staff_may_share``)."""
    roles.require(actor, initiative, Perm.MANAGE_MEMBERS)
    initiative.staff_may_share = allowed
    initiative.save(update_fields=["staff_may_share", "updated_at"])
    return initiative


def initiative_formats_set(*, actor, initiative: Initiative, country: str, currency: str):
    """The country whose conventions the initiative's dates, numbers and money follow, and
    the currency of its amounts (empty: the country's); ``core.formats`` writes them."""
    roles.require(actor, initiative, Perm.MANAGE_MEMBERS)
    formats.country_code_validator(country)
    formats.currency_code_validator(currency)
    initiative.country, initiative.currency = country, currency
    initiative.save(update_fields=["country", "currency", "updated_at"])
    return initiative


# ---- Organizations taking part ----

ORGANIZATION_FIELDS = (*translated_fields("name"), "sector", "website")
PARTNERSHIP_FIELDS = ("role", "joined_on")


def free_code(model, name: str, *, field: str = "code", max_length: int = 60, **scope) -> str:
    """A code made from ``name`` that no ``model`` record (within ``scope``) holds yet:
    ``river-city``, else ``river-city-2``, ``river-city-3``… A name in a script slugify
    cannot spell (Hebrew, Arabic) gives the model's own word."""
    base = slugify(name)[: max_length - 4].strip("-") or model._meta.model_name
    taken = set(
        model.objects.filter(**scope, **{f"{field}__startswith": base}).values_list(
            field, flat=True
        )
    )
    code, number = base, 1
    while code in taken:
        number += 1
        code = f"{base}-{number}"
    return code


@transaction.atomic
def organization_create(
    *,
    actor,
    initiative: Initiative,
    code: str = "",
    role: str,
    joined_on=None,
    **fields,
) -> Organization:
    """A new organization of the installation (``fields``: its ``ORGANIZATION_FIELDS``, a name
    in any one language enough), taking part in the initiative in ``role``. Left blank, its
    code comes from its name."""
    roles.require(actor, initiative, Perm.MANAGE_MEMBERS)
    code = code.strip()
    if code and Organization.objects.filter(code=code).exists():
        raise ValidationError(
            {
                "code": _(
                    "Another organization already has this code. If it is the same "
                    "organization, add it from the search instead."
                )
            }
        )
    named = next((fields[key] for key in translated_fields("name") if fields.get(key)), "")
    organization = model_update(
        instance=Organization(code=code or free_code(Organization, named)),
        fields=ORGANIZATION_FIELDS,
        data=fields,
    )
    _partnership_create(
        initiative=initiative, organization=organization, role=role, joined_on=joined_on
    )
    return organization


def _partnership_create(*, initiative, organization, role, joined_on) -> Partnership:
    partnership = Partnership(
        initiative=initiative, organization=organization, role=role, joined_on=joined_on
    )
    partnership.full_clean()
    partnership.save()
    return partnership


@transaction.atomic
def partnership_add(
    *, actor, initiative: Initiative, organization: Organization, role: str, joined_on=None
) -> Partnership:
    """An organization the installation already knows takes part in the initiative too."""
    roles.require(actor, initiative, Perm.MANAGE_MEMBERS)
    if initiative.partnerships.filter(organization=organization).exists():
        raise ValidationError(
            _("%(organization)s already takes part in this initiative.")
            % {"organization": organization.name}
        )
    return _partnership_create(
        initiative=initiative, organization=organization, role=role, joined_on=joined_on
    )


def _refuse_unless_own(actor, initiative: Initiative, organization: Organization, doing: str):
    if not roles.may_change_shared_organization(actor, initiative, organization):
        raise ValidationError(
            _(
                "%(organization)s takes part in other initiatives too, which would see this "
                "change: %(doing)s is for an installation administrator. Its role and joining "
                "date here remain yours to change."
            )
            % {"organization": organization.name, "doing": doing}
        )


@transaction.atomic
def organization_update(
    *, actor, initiative: Initiative, organization: Organization, fields: dict
) -> Organization:
    """Change the organization's role and joining date in the initiative, and its own name,
    sector and website — those only while no other initiative shares it
    (``roles.may_change_shared_organization``)."""
    roles.require(actor, initiative, Perm.MANAGE_MEMBERS)
    partnership = Partnership.objects.select_for_update().get(
        initiative=initiative, organization=organization
    )
    stored = Organization.objects.select_for_update().get(pk=organization.pk)
    own = {name: fields[name] for name in ORGANIZATION_FIELDS if name in fields}
    if any((getattr(stored, name) or "") != (value or "") for name, value in own.items()):
        _refuse_unless_own(actor, initiative, stored, _("Changing its name, sector or website"))
    model_update(instance=stored, fields=ORGANIZATION_FIELDS, data=own)
    model_update(
        instance=partnership,
        fields=PARTNERSHIP_FIELDS,
        data={name: fields[name] for name in PARTNERSHIP_FIELDS if name in fields},
    )
    return stored


@transaction.atomic
def partnership_active_set(*, actor, partnership: Partnership, active: bool) -> Partnership:
    """Pause or resume an organization's part in the initiative. An inactive organization is
    offered for no new membership or invitation and is not expected to report
    (``selectors.partner_organizations``, the reporting plan and completeness read only
    active ones); its records and data stay."""
    roles.require(actor, partnership.initiative, Perm.MANAGE_MEMBERS)
    partnership.is_active = active
    partnership.save(update_fields=["is_active"])
    return partnership


def _fold_partnerships(*, keep: Organization, merge: Organization) -> None:
    """The duplicate's partnerships become the kept organization's; where both take part in
    one initiative, one partnership remains: the kept one's role, the earlier joining date,
    active if either was."""
    for partnership in Partnership.objects.select_for_update().filter(organization=merge):
        kept = Partnership.objects.filter(
            organization=keep, initiative_id=partnership.initiative_id
        ).first()
        if kept is None:
            partnership.organization = keep
            partnership.save(update_fields=["organization"])
            continue
        dates = [d for d in (kept.joined_on, partnership.joined_on) if d is not None]
        kept.joined_on = min(dates) if dates else None
        kept.is_active = kept.is_active or partnership.is_active
        kept.save(update_fields=["joined_on", "is_active"])
        partnership.delete()


@transaction.atomic
def organization_merge(
    *, actor, initiative: Initiative, keep: Organization, merge: Organization
) -> Organization:
    """Merge a duplicate into the organization to keep: every record of ``merge``, in every
    app, becomes ``keep``'s, and ``merge`` is deleted. Refused, with nothing changed, when the
    duplicate takes part in another initiative (unless the actor is an installation
    superuser) or when both have a record of one kind for the same thing (a submission for
    the same period, say): the backbone settles which one is right first."""
    roles.require(actor, initiative, Perm.MANAGE_MEMBERS)
    if keep.pk == merge.pk:
        raise ValidationError(_("Choose two different organizations to merge."))
    taking_part = initiative.partnerships.filter(organization__in=[keep, merge]).count()
    if taking_part != 2:
        raise ValidationError(_("Both organizations must take part in this initiative."))
    _refuse_unless_own(actor, initiative, merge, _("Merging it"))
    list(Organization.objects.select_for_update().filter(pk__in=[keep.pk, merge.pk]))
    _fold_partnerships(keep=keep, merge=merge)
    collisions = []
    for model, field in selectors.organization_links():
        if model is Partnership:
            continue
        # One savepoint per kind of record, so every collision is found and named at once.
        try:
            with transaction.atomic():
                model._base_manager.filter(**{field: merge}).update(**{field: keep})
        except IntegrityError:
            collisions.append(str(model._meta.verbose_name_plural))
    if collisions:
        raise ValidationError(
            _(
                "Nothing was merged: %(merge)s and %(keep)s both have records for the same "
                "thing among their %(records)s (a submission for the same period, say). "
                "Decide which is right and remove the other first."
            )
            % {"merge": merge.name, "keep": keep.name, "records": ", ".join(collisions)}
        )
    merge.delete()
    return keep


# ---- Starting ----


@transaction.atomic
def first_administrator_create(*, email: str, full_name: str, password: str):
    """The installation's first person, its administrator (a superuser, as
    ``createsuperuser`` makes). Only while nobody has an account: the installation's settings
    row is locked first, so two first runs at once make one administrator, not two."""
    InstallationSettings.current()
    InstallationSettings.objects.select_for_update().get(pk=1)
    if User.objects.exists():
        raise ValidationError(
            _("This installation has been set up already: sign in, or ask its administrator.")
        )
    user = User(
        email=User.objects.normalize_email(email).lower(),
        full_name=full_name.strip(),
        is_staff=True,
        is_superuser=True,
    )
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def initiative_start(*, actor, name: str, slug: str, backbone: str) -> Initiative:
    """A new initiative, its backbone organization (``backbone``, its name) taking part as
    the backbone, and ``actor`` as its backbone admin."""
    if not roles.may_start_initiative(actor):
        raise PermissionDenied
    slug = slug or free_code(Initiative, name, field="slug")
    if Initiative.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": _("Another initiative has this short name.")})
    initiative = Initiative(name=name.strip(), slug=slug)
    initiative.full_clean()
    initiative.save()
    organization = Organization(name=backbone.strip(), code=free_code(Organization, backbone))
    organization.full_clean()
    organization.save()
    _partnership_create(
        initiative=initiative,
        organization=organization,
        role=PartnershipRole.BACKBONE,
        joined_on=timezone.localdate(),
    )
    membership_set(initiative=initiative, user=actor, role=Role.BACKBONE_ADMIN)
    return initiative


@transaction.atomic
def installation_settings_set(*, actor, anyone_may_start_initiatives: bool):
    if not roles.may_change_installation(actor):
        raise PermissionDenied
    settings_row = InstallationSettings.current()
    settings_row.anyone_may_start_initiatives = anyone_may_start_initiatives
    settings_row.save(update_fields=["anyone_may_start_initiatives"])
    return settings_row


# ---- Common agenda ----

AGENDA_FIELDS = ("vision", "problem_statement", "population_focus", "geography")
RESULT_FIELDS = ("code", *translated_fields("title", "description"), "order")


def agenda_snapshot(initiative: Initiative) -> dict:
    """The common agenda as it stands, in every language: what a revision keeps."""
    return {
        **translations_of(initiative, *AGENDA_FIELDS),
        "results": [
            {
                "code": result.code,
                **translations_of(result, "title", "description"),
                "indicators": sorted(indicator.code for indicator in result.indicators.all()),
            }
            for result in initiative.results.prefetch_related("indicators")
        ],
    }


def _record_revision(*, actor, initiative: Initiative, note: str) -> AgendaRevision:
    return AgendaRevision.objects.create(
        initiative=initiative, revised_by=actor, note=note, snapshot=agenda_snapshot(initiative)
    )


def _remember_agenda_before_first_change(initiative: Initiative) -> None:
    """The first revision would otherwise have nothing to compare with. Read from the
    database: the caller's instance may already carry the change (a bound model form)."""
    if not initiative.agenda_revisions.exists():
        stored = Initiative.objects.get(pk=initiative.pk)
        _record_revision(actor=None, initiative=stored, note=_("As first recorded"))


@transaction.atomic
def agenda_update(*, actor, initiative: Initiative, fields: dict, note: str) -> Initiative:
    """Change the vision, problem statement, population focus or geography, and keep the
    revision with the reason for it."""
    roles.require(actor, initiative, Perm.MANAGE_CONTENT)
    _remember_agenda_before_first_change(initiative)
    model_update(instance=initiative, fields=translated_fields(*AGENDA_FIELDS), data=fields)
    _record_revision(actor=actor, initiative=initiative, note=note)
    return initiative


@transaction.atomic
def result_save(
    *, actor, initiative: Initiative, result: Result | None, fields: dict, note: str = ""
) -> Result:
    """Add or change a result of the common agenda; the agenda's history records it."""
    roles.require(actor, initiative, Perm.MANAGE_CONTENT)
    _remember_agenda_before_first_change(initiative)
    is_new = result is None
    result = model_update(
        instance=result or Result(initiative=initiative), fields=RESULT_FIELDS, data=fields
    )
    if not note:
        note = (_("Result added: %(title)s") if is_new else _("Result changed: %(title)s")) % {
            "title": result.title
        }
    _record_revision(actor=actor, initiative=initiative, note=note)
    return result


# ---- Invitations ----


@transaction.atomic
def invitation_create(
    *,
    actor,
    initiative: Initiative,
    email: str,
    role: str,
    organization: Organization | None,
    accept_url_for,
) -> Invitation:
    """Invite someone by e-mail. ``accept_url_for(token)`` builds the absolute link.

    Earlier pending invitations of the same address to the same initiative are revoked, so
    only the newest link works."""
    roles.require(actor, initiative, Perm.MANAGE_MEMBERS)
    email = User.objects.normalize_email(email).lower()
    clean_role_organization(initiative=initiative, role=role, organization=organization)
    if (
        organization is not None
        and not initiative.partnerships.filter(organization=organization, is_active=True).exists()
    ):
        raise ValidationError(
            {
                "organization": _(
                    "This organization no longer takes part actively: reactivate it first."
                )
            }
        )
    if initiative.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError(
            {"email": _("This person is already a member; change their role instead.")}
        )
    now = timezone.now()
    # Expired ones too, so the list of invitations waiting shows each address once.
    Invitation.objects.active().filter(
        initiative=initiative, email__iexact=email, accepted_at__isnull=True
    ).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        initiative=initiative,
        email=email,
        role=role,
        organization=organization,
        token_hash=hash_token(token),
        invited_by=actor,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    context = {
        "invitation": invitation,
        "accept_url": accept_url_for(token),
        "inviter": actor,
        "valid_days": settings.INVITATION_VALID_DAYS,
    }
    # The invitee's language is unknown; the e-mail speaks the inviter's current language.
    send_mail(
        subject=_("You are invited to %(initiative)s on Yachad") % {"initiative": initiative.name},
        message=render_to_string("initiatives/email/invitation.txt", context),
        from_email=None,
        recipient_list=[email],
    )
    return invitation


@transaction.atomic
def invitation_accept(
    *, invitation: Invitation, user=None, full_name: str = "", password: str = ""
):
    """Accept the invitation: as the signed-in ``user``, or by creating the account with
    ``full_name`` and ``password``. Returns the user, now a member."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable():
        raise ValidationError(_("This invitation has already been used or has expired."))
    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ValidationError(
                _("An account with this address exists: sign in first, then open the link.")
            )
        user = User(email=invitation.email, full_name=full_name.strip())
        validate_password(password, user)
        user.set_password(password)
        user.full_clean()
        user.save()
    elif user.email.lower() != invitation.email.lower():
        raise ValidationError(
            _("This invitation was sent to %(email)s; sign in with that address.")
            % {"email": invitation.email}
        )
    membership_set(
        initiative=invitation.initiative,
        user=user,
        role=invitation.role,
        organization=invitation.organization,
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user


@transaction.atomic
def invitation_resend(*, actor, invitation: Invitation, accept_url_for) -> Invitation:
    """Send the invitation again, pending or expired: a new link with a new expiry, the old
    link revoked (``invitation_create`` does both)."""
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation was accepted: there is nothing to resend."))
    return invitation_create(
        actor=actor,
        initiative=invitation.initiative,
        email=invitation.email,
        role=invitation.role,
        organization=invitation.organization,
        accept_url_for=accept_url_for,
    )


@transaction.atomic
def invitation_revoke(*, actor, invitation: Invitation) -> None:
    roles.require(actor, invitation.initiative, Perm.MANAGE_MEMBERS)
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])


# ---- API tokens ----


@transaction.atomic
def api_token_create(*, actor, initiative, name: str) -> tuple[ApiToken, str]:
    """Make a key for the actor's scripts in one initiative they belong to. Returns the token
    and the key itself, which is shown once and never stored."""
    roles.require(actor, initiative, Perm.VIEW_DASHBOARDS)
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=actor,
        initiative=initiative,
        name=name.strip(),
        prefix=key[len(TOKEN_PREFIX) :][:8],
        token_hash=hash_token(key),
    )
    token.full_clean()
    token.save()
    return token, key


def api_token_revoke(*, actor, token: ApiToken) -> None:
    """People revoke their own keys; it stops working at once."""
    if token.user_id != actor.pk:
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
