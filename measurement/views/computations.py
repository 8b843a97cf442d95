"""Computation runs: their progress, starting a full recompute, retrying a failed run."""

from django.contrib import messages
from django.core.exceptions import ValidationError
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
    run = services.computation_request(
        initiative=initiative, requested_by=request.user, reason=_("Full recompute")
    )
    messages.info(request, run.requested_message())
    return redirect("measurement:computation-list", slug=initiative.slug)


@initiative_page(perm=Perm.REVIEW_SUBMISSIONS, post_only=True)
def computation_retry(request: HttpRequest, initiative: Initiative, pk: int) -> HttpResponse:
    """A failed run, requested again."""
    run = selectors.computation_run_get(initiative=initiative, pk=pk)
    try:
        retried = services.computation_retry(actor=request.user, run=run)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.info(request, retried.requested_message())
    return redirect("measurement:computation-list", slug=initiative.slug)
