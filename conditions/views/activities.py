"""Mutually reinforcing activities: working groups, the plan of action and its coverage."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from conditions import selectors, services
from conditions.forms import (
    ActivityFilterForm,
    ActivityForm,
    WorkingGroupForm,
    WorkingGroupMemberFormSet,
)
from conditions.models import WorkingGroup
from core.views import RecordForm, Section
from initiatives import roles
from initiatives import selectors as initiative_selectors
from initiatives.models import Initiative
from initiatives.pages import initiative_page
from initiatives.roles import Perm


@initiative_page("conditions/working_group_list.html")
def working_group_list(request: HttpRequest, initiative: Initiative) -> dict:
    return {
        "groups": selectors.working_group_list(user=request.user, initiative=initiative),
    }


@initiative_page("conditions/working_group_detail.html")
def working_group_detail(request: HttpRequest, initiative: Initiative, pk: int) -> dict:
    group = selectors.working_group_get(user=request.user, initiative=initiative, pk=pk)
    return {
        "group": group,
        "activities": selectors.activity_list(
            initiative=initiative, filters={"working_group": group}
        ),
        "meetings": selectors.meeting_list(initiative=initiative).filter(working_group=group)[:10],
    }


@initiative_page(perm=Perm.MANAGE_CONTENT)
def working_group_edit(
    request: HttpRequest, initiative: Initiative, pk: int | None = None
) -> HttpResponse:
    group = (
        selectors.working_group_get(user=request.user, initiative=initiative, pk=pk) if pk else None
    )
    instance = group or WorkingGroup(initiative=initiative)
    form = WorkingGroupForm(request.POST or None, instance=instance, initiative=initiative)
    members = WorkingGroupMemberFormSet(
        request.POST or None, instance=instance, initiative=initiative, viewer=request.user
    )
    save = services.working_group_save
    return WORKING_GROUPS.page(request, initiative, form, group, save, {"members": members})


WORKING_GROUPS = RecordForm(
    "group",
    new_heading=gettext_lazy("New working group"),
    back=("conditions:working-group-list", gettext_lazy("Working groups")),
    named_by="name",
    detail="conditions:working-group-detail",
    sections=(
        Section(
            "members",
            gettext_lazy("Members and co-chairs"),
            gettext_lazy(
                "Choose a member of the initiative, or type the name of someone without an "
                "account. Tick “community member” for a resident with lived experience: a "
                "community co-chair is shown as such everywhere. People whose role is "
                "community member are marked automatically."
            ),
        ),
    ),
)


@initiative_page("conditions/activity_list.html")
def activity_list(request: HttpRequest, initiative: Initiative) -> dict:
    """The plan of action: who does what, toward which results and indicators."""
    filter_form = ActivityFilterForm(request.GET or None, initiative=initiative)
    return {
        "filter_form": filter_form,
        "activities": selectors.activity_list(initiative=initiative, filters=filter_form.filters()),
        "own_organization": roles.organization_of(request.user, initiative),
    }


def _organizations_for(user, initiative):
    """The organizations whose activities the user may edit: their own, or (backbone) all."""
    own = roles.organization_of(user, initiative)
    partners = initiative_selectors.partner_organizations(initiative=initiative)
    return partners.filter(pk=own.pk) if own is not None else partners


ACTIVITIES = RecordForm(
    "activity",
    new_heading=gettext_lazy("New activity"),
    back=("conditions:activity-list", gettext_lazy("Plan of action")),
)


@initiative_page(perm=Perm.EDIT_ACTIVITIES)
def activity_edit(
    request: HttpRequest, initiative: Initiative, pk: int | None = None
) -> HttpResponse:
    activity = selectors.activity_get(initiative=initiative, pk=pk) if pk else None
    if activity is not None and not roles.can(
        request.user, initiative, Perm.EDIT_ACTIVITIES, organization=activity.organization
    ):
        raise PermissionDenied
    form = ActivityForm(
        request.POST or None,
        instance=activity,
        initiative=initiative,
        organizations=_organizations_for(request.user, initiative),
    )
    return ACTIVITIES.page(
        request,
        initiative,
        form,
        activity,
        services.activity_save,
        template="conditions/activity_form.html",
        context=lambda: {"activity": activity},
    )


@initiative_page(perm=Perm.EDIT_ACTIVITIES, post_only=True)
def activity_delete(request: HttpRequest, initiative: Initiative, pk: int) -> HttpResponse:
    activity = selectors.activity_get(initiative=initiative, pk=pk)
    services.activity_delete(actor=request.user, activity=activity)
    messages.success(request, _("Removed %(title)s from the plan.") % {"title": activity.title})
    return redirect("conditions:activity-list", slug=initiative.slug)


@initiative_page("conditions/coverage.html")
def coverage(request: HttpRequest, initiative: Initiative) -> dict:
    """Which indicators someone works on, which nobody does, and where work overlaps."""
    return {**selectors.indicator_coverage(initiative=initiative)}
