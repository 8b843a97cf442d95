"""The organizations taking part in an initiative (backbone admins): adding a new one or one
the installation already knows, changing it, merging duplicates, pausing a partnership."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.translation import translated_fields
from core.views import attempt, form_page
from initiatives import roles, selectors, services
from initiatives.choices import PartnershipRole
from initiatives.forms import (
    OrganizationCreateForm,
    OrganizationForm,
    OrganizationMergeForm,
    PartnershipAddForm,
)
from initiatives.models import Initiative
from initiatives.pages import initiative_page
from initiatives.roles import Perm

BACK_LABEL = gettext_lazy("Organizations")


def _list_url(initiative: Initiative) -> str:
    return reverse("initiatives:organization-list", args=[initiative.slug])


@initiative_page(perm=Perm.MANAGE_MEMBERS)
def organization_list(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    """Who takes part, and a search of the organizations the installation already knows."""
    q = request.GET.get("q", "").strip()
    return render(
        request,
        "initiatives/organization_list.html",
        {
            "initiative": initiative,
            "participations": selectors.organization_participation_list(initiative=initiative),
            "q": q,
            "found": selectors.organization_search(initiative=initiative, q=q),
            "partnership_roles": PartnershipRole.choices,
        },
    )


@initiative_page(perm=Perm.MANAGE_MEMBERS)
def organization_create(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    """A new organization; the page names known ones whose name resembles the one typed, so
    the admin adds one of those rather than a duplicate."""
    typed = next(
        (request.POST[key] for key in translated_fields("name") if request.POST.get(key)),
        request.GET.get("name", ""),
    )
    form = OrganizationCreateForm(request.POST or None, initial={"name_en": typed})
    return form_page(
        request,
        form,
        save=lambda: services.organization_create(
            actor=request.user, initiative=initiative, **form.cleaned_data
        ),
        message=lambda organization: _("%(name)s takes part now.") % {"name": organization.name},
        initiative=initiative,
        heading=_("New organization"),
        back_url=_list_url(initiative),
        back_label=str(BACK_LABEL),
        template="initiatives/organization_create.html",
        context=lambda: {
            "similar": selectors.organization_search(initiative=initiative, q=typed),
            "partnership_roles": PartnershipRole.choices,
        },
    )


@initiative_page(perm=Perm.MANAGE_MEMBERS, post_only=True)
def organization_add(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    """Add an organization the installation already knows."""
    form = PartnershipAddForm(request.POST, initiative=initiative)
    if not form.is_valid():
        return _refused(request, initiative, _("Choose an organization and its role."))
    attempt(
        request,
        lambda: services.partnership_add(
            actor=request.user, initiative=initiative, **form.cleaned_data
        ),
        lambda: _("%(name)s takes part now.") % {"name": form.cleaned_data["organization"].name},
    )
    return redirect(_list_url(initiative))


def _refused(request: HttpRequest, initiative: Initiative, message: str) -> HttpResponse:
    messages.error(request, message)
    return redirect(_list_url(initiative))


@initiative_page(perm=Perm.MANAGE_MEMBERS)
def organization_edit(request: HttpRequest, initiative: Initiative, pk: int) -> HttpResponse:
    partnership = selectors.participation_get(initiative=initiative, organization_pk=pk)
    organization = partnership.organization
    initial = {
        **{name: getattr(organization, name) for name in services.ORGANIZATION_FIELDS},
        **{name: getattr(partnership, name) for name in services.PARTNERSHIP_FIELDS},
    }
    form = OrganizationForm(request.POST or None, initial=initial)
    shared = not roles.may_change_shared_organization(request.user, initiative, organization)
    return form_page(
        request,
        form,
        save=lambda: services.organization_update(
            actor=request.user,
            initiative=initiative,
            organization=organization,
            fields=form.cleaned_data,
        ),
        message=lambda saved: _("Saved %(name)s.") % {"name": saved.name},
        initiative=initiative,
        heading=organization.name,
        back_url=_list_url(initiative),
        back_label=str(BACK_LABEL),
        intro=_(
            "This organization takes part in other initiatives too: its name, sector and "
            "website are changed by an installation administrator. Its role and joining date "
            "here are yours to change."
        )
        if shared
        else "",
    )


@initiative_page(perm=Perm.MANAGE_MEMBERS)
def organization_merge(request: HttpRequest, initiative: Initiative, pk: int) -> HttpResponse:
    """Merge this organization, a duplicate, into another one: first what will move, then,
    posted, the merge."""
    duplicate = selectors.participation_get(initiative=initiative, organization_pk=pk).organization
    data = request.POST if request.method == "POST" else (request.GET or None)
    form = OrganizationMergeForm(data, initiative=initiative, duplicate=duplicate)
    if request.method == "POST" and form.is_valid():
        keep = form.cleaned_data["into"]
        merged = attempt(
            request,
            lambda: services.organization_merge(
                actor=request.user, initiative=initiative, keep=keep, merge=duplicate
            ),
            lambda: (
                _("%(merge)s merged into %(keep)s.") % {"merge": duplicate.name, "keep": keep.name}
            ),
        )
        if merged:
            return redirect(_list_url(initiative))
    return render(
        request,
        "initiatives/organization_merge.html",
        {
            "initiative": initiative,
            "duplicate": duplicate,
            "form": form,
            "preview": selectors.organization_merge_preview(organization=duplicate),
            "keep": form.cleaned_data["into"] if form.is_bound and form.is_valid() else None,
        },
    )


def _active_set(request: HttpRequest, initiative: Initiative, pk: int, active: bool):
    partnership = selectors.participation_get(initiative=initiative, organization_pk=pk)
    services.partnership_active_set(actor=request.user, partnership=partnership, active=active)
    return partnership.organization.name


@initiative_page(perm=Perm.MANAGE_MEMBERS, post_only=True)
def organization_deactivate(request: HttpRequest, initiative: Initiative, pk: int) -> HttpResponse:
    name = _active_set(request, initiative, pk, active=False)
    messages.success(
        request,
        _("%(name)s is inactive: no longer offered for new members, nor expected to report.")
        % {"name": name},
    )
    return redirect(_list_url(initiative))


@initiative_page(perm=Perm.MANAGE_MEMBERS, post_only=True)
def organization_reactivate(request: HttpRequest, initiative: Initiative, pk: int) -> HttpResponse:
    name = _active_set(request, initiative, pk, active=True)
    messages.success(request, _("%(name)s takes part actively again.") % {"name": name})
    return redirect(_list_url(initiative))
