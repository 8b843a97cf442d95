"""Computation runs: their progress, and starting a full recompute."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from initiatives import roles
from initiatives.roles import Perm
from measurement import selectors, services


@login_required
def computation_list(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.REVIEW_SUBMISSIONS)
    return render(
        request,
        "measurement/computation_list.html",
        {"initiative": initiative, **selectors.computation_runs(initiative=initiative)},
    )


@login_required
@require_POST
def computation_start(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.REVIEW_SUBMISSIONS)
    services.computation_request(
        initiative=initiative, requested_by=request.user, reason=_("Full recompute")
    )
    messages.success(request, _("A full recompute has been queued."))
    return redirect("measurement:computation-list", slug=slug)
