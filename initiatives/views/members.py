"""Who holds which role: members, invitations, role changes (backbone admins)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.models import Invitation
from community.selectors import people_shown_to
from core.views import attempt, form_flow
from initiatives import selectors, services
from initiatives.forms import (
    InitiativeFormatsForm,
    InviteForm,
    RoleOrganizationForm,
    StaffSharingForm,
    TwoFactorRequirementForm,
)
from initiatives.models import Initiative, Membership
from initiatives.pages import initiative_page
from initiatives.roles import Perm


@initiative_page(perm=Perm.MANAGE_MEMBERS)
def member_list(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    return render(
        request,
        "initiatives/member_list.html",
        _members_page(request, initiative, InviteForm(initiative=initiative)),
    )


def _members_page(request, initiative, invite_form) -> dict:
    shown = people_shown_to(user=request.user, initiative=initiative)
    never_signed_in = selectors.never_signed_in_list(initiative=initiative)
    shown.memberships(entry.membership for entry in never_signed_in)  # names them
    return {
        "initiative": initiative,
        "memberships": shown.memberships(selectors.membership_list(initiative=initiative)),
        "invitations": selectors.open_invitation_list(initiative=initiative),
        "never_signed_in": never_signed_in,
        "invite_form": invite_form,
        "role_choices": Role.choices,
        "organizations": selectors.partner_organizations(initiative=initiative),
        "two_factor_form": TwoFactorRequirementForm(instance=initiative),
        "staff_sharing_form": StaffSharingForm(instance=initiative),
        "formats_form": InitiativeFormatsForm(instance=initiative),
    }


def _accept_url_for(request: HttpRequest):
    return lambda token: request.build_absolute_uri(
        reverse("initiatives:invitation-accept", args=[token])
    )


@initiative_page(perm=Perm.MANAGE_MEMBERS, post_only=True)
def member_invite(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    form = InviteForm(request.POST, initiative=initiative)
    return form_flow(
        request,
        form,
        save=lambda: services.invitation_create(
            actor=request.user,
            initiative=initiative,
            accept_url_for=_accept_url_for(request),
            **form.cleaned_data,
        ),
        message=lambda _invitation: (
            _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]}
        ),
        success_url=reverse("initiatives:member-list", args=[initiative.slug]),
        template="initiatives/member_list.html",
        context=lambda: _members_page(request, initiative, form),
    )


@initiative_page(perm=Perm.MANAGE_MEMBERS, post_only=True)
def initiative_two_factor(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    """Turn on or off the initiative's requirement of two-factor authentication for its
    backbone team."""
    form = TwoFactorRequirementForm(request.POST)
    form.is_valid()  # a checkbox: always valid
    required = form.cleaned_data["require_two_factor"]
    services.initiative_two_factor_set(actor=request.user, initiative=initiative, required=required)
    if required:
        messages.success(request, _("Backbone admins and staff now sign in with a second factor."))
    else:
        messages.success(request, _("Backbone admins and staff may sign in with a password alone."))
    return redirect("initiatives:member-list", slug=initiative.slug)


@initiative_page(perm=Perm.MANAGE_MEMBERS, post_only=True)
def initiative_staff_sharing(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    """Let backbone staff create share links, or not."""
    form = StaffSharingForm(request.POST)
    form.is_valid()  # a checkbox: always valid
    allowed = form.cleaned_data["staff_may_share"]
    services.initiative_staff_sharing_set(
        actor=request.user, initiative=initiative, allowed=allowed
    )
    if allowed:
        messages.success(request, _("Backbone staff may now create and revoke share links."))
    else:
        messages.success(request, _("Only backbone admins create and revoke share links now."))
    return redirect("initiatives:member-list", slug=initiative.slug)


@initiative_page(perm=Perm.MANAGE_MEMBERS, post_only=True)
def initiative_formats(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    """Choose the country whose conventions dates, numbers and money follow, and the currency."""
    form = InitiativeFormatsForm(request.POST)
    if form.is_valid():
        services.initiative_formats_set(
            actor=request.user, initiative=initiative, **form.cleaned_data
        )
        messages.success(request, _("Dates, numbers and money now follow the chosen country."))
    else:
        messages.error(request, _("Choose a country and a currency from the lists."))
    return redirect("initiatives:member-list", slug=initiative.slug)


@initiative_page(perm=Perm.MANAGE_MEMBERS, post_only=True)
def member_update(request: HttpRequest, initiative: Initiative, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership, initiative=initiative, pk=pk)
    form = RoleOrganizationForm(request.POST, initiative=initiative)
    if not form.is_valid():
        messages.error(request, _("Choose a valid role and organization."))
        return redirect("initiatives:member-list", slug=initiative.slug)
    attempt(
        request,
        lambda: services.membership_role_set(
            actor=request.user, membership=membership, **form.cleaned_data
        ),
        lambda: _("Role of %(user)s changed.") % {"user": _person(request, membership)},
    )
    return redirect("initiatives:member-list", slug=initiative.slug)


@initiative_page(perm=Perm.MANAGE_MEMBERS, post_only=True)
def member_remove(request: HttpRequest, initiative: Initiative, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership, initiative=initiative, pk=pk)
    attempt(
        request,
        lambda: services.membership_remove(actor=request.user, membership=membership),
        lambda: _("%(user)s removed.") % {"user": _person(request, membership)},
    )
    return redirect("initiatives:member-list", slug=initiative.slug)


def _person(request, membership) -> str:
    """The member as the user may see them named."""
    return people_shown_to(user=request.user, initiative=membership.initiative).user(
        membership.user
    )


@initiative_page(perm=Perm.MANAGE_MEMBERS, post_only=True)
def invitation_revoke(request: HttpRequest, initiative: Initiative, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.pending(), initiative=initiative, pk=pk)
    services.invitation_revoke(actor=request.user, invitation=invitation)
    messages.success(request, _("Invitation to %(email)s revoked.") % {"email": invitation.email})
    return redirect("initiatives:member-list", slug=initiative.slug)


@initiative_page(perm=Perm.MANAGE_MEMBERS, post_only=True)
def invitation_resend(request: HttpRequest, initiative: Initiative, pk: int) -> HttpResponse:
    """A new link for an invitation waiting for an answer, or expired; the old link stops
    working."""
    invitation = get_object_or_404(selectors.open_invitation_list(initiative=initiative), pk=pk)
    attempt(
        request,
        lambda: services.invitation_resend(
            actor=request.user, invitation=invitation, accept_url_for=_accept_url_for(request)
        ),
        lambda: _("Invitation sent again to %(email)s.") % {"email": invitation.email},
    )
    return redirect("initiatives:member-list", slug=initiative.slug)
