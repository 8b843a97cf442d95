"""Continuous communication: meetings of every body, and the updates feed."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from community.selectors import people_shown_to
from conditions import selectors, services
from conditions.choices import MeetingKind
from conditions.forms import MeetingForm, UpdateForm
from core.views import form_status, saved_on_post
from initiatives import roles
from initiatives.roles import Perm


@login_required
def meeting_list(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = roles.get_initiative_for_user(request.user, slug)
    kind = request.GET.get("kind") if request.GET.get("kind") in MeetingKind.values else None
    return render(
        request,
        "conditions/meeting_list.html",
        {
            "initiative": initiative,
            "meetings": selectors.meeting_list(initiative=initiative, kind=kind),
            "kind": kind,
            "kinds": MeetingKind.choices,
        },
    )


@login_required
def meeting_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = roles.get_initiative_for_user(request.user, slug)
    return render(
        request,
        "conditions/meeting_detail.html",
        {
            "initiative": initiative,
            "meeting": selectors.meeting_get(user=request.user, initiative=initiative, pk=pk),
        },
    )


@login_required
def meeting_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.MANAGE_CONTENT)
    meeting = selectors.meeting_get(user=request.user, initiative=initiative, pk=pk) if pk else None
    form = MeetingForm(
        request.POST or None,
        instance=meeting,
        initiative=initiative,
        people=people_shown_to(user=request.user, initiative=initiative),
    )
    saved = saved_on_post(
        request,
        form,
        save=lambda: services.meeting_save(
            actor=request.user, initiative=initiative, meeting=meeting, fields=form.cleaned_data
        ),
        message=lambda saved: _("Saved %(title)s.") % {"title": saved.title},
    )
    if saved:
        return redirect("conditions:meeting-detail", slug=slug, pk=saved.pk)
    return render(
        request,
        "conditions/meeting_form.html",
        {"initiative": initiative, "meeting": meeting, "form": form},
        status=form_status(request),
    )


@login_required
def update_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The updates feed; those who may post write here too."""
    initiative = roles.get_initiative_for_user(request.user, slug)
    form = UpdateForm(request.POST or None)
    if request.method == "POST":
        roles.require(request.user, initiative, Perm.POST_UPDATES)
    if saved_on_post(
        request,
        form,
        save=lambda: services.update_post(
            actor=request.user, initiative=initiative, **form.cleaned_data
        ),
        message=lambda _update: _("Posted. It will be in this week's digest too."),
    ):
        return redirect("conditions:update-list", slug=slug)
    return render(
        request,
        "conditions/update_list.html",
        {
            "initiative": initiative,
            "form": form,
            "updates": selectors.update_list(user=request.user, initiative=initiative),
        },
        status=form_status(request),
    )
