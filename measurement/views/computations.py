"""Computation runs: their progress, and starting a full recompute."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from initiatives.models import Initiative
from initiatives.pages import initiative_page
from initiatives.roles import Perm
from measurement import selectors, services


@initiative_page("measurement/computation_list.html", perm=Perm.REVIEW_SUBMISSIONS)
def computation_list(request: HttpRequest, initiative: Initiative) -> dict:
    return {
        **selectors.computation_runs(initiative=initiative),
        "disclosure": selectors.latest_run_disclosure(initiative=initiative),
    }


@initiative_page(perm=Perm.REVIEW_SUBMISSIONS, post_only=True)
def computation_start(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    services.computation_request(
        initiative=initiative, requested_by=request.user, reason=_("Full recompute")
    )
    messages.success(request, _("A full recompute has been queued."))
    return redirect("measurement:computation-list", slug=initiative.slug)
