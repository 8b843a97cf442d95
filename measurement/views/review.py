"""The review desk's queue: submissions waiting for review, by due date or by warnings, and
approving several at once after saying what will be recomputed."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from core.views import attempt
from initiatives.models import Initiative
from initiatives.pages import initiative_page
from initiatives.roles import Perm
from measurement import selectors, services


@initiative_page("measurement/review_queue.html", perm=Perm.REVIEW_SUBMISSIONS)
def review_queue(request: HttpRequest, initiative: Initiative) -> dict:
    sort = "warnings" if request.GET.get("sort") == "warnings" else "due"
    return {"sort": sort, "rows": selectors.review_queue(initiative=initiative, sort=sort)}


@initiative_page(perm=Perm.REVIEW_SUBMISSIONS, post_only=True)
def review_approve(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    """Approve the chosen submissions: first a page that says what will be recomputed, then,
    once confirmed, each approval (a refused one is said, the others go ahead)."""
    chosen = selectors.reviewable_submissions(
        initiative=initiative, ids=request.POST.getlist("submissions")
    )
    if chosen and request.POST.get("confirmed") != "1":
        return render(
            request,
            "measurement/review_confirm.html",
            {
                "initiative": initiative,
                "submissions": chosen,
                "recomputed": selectors.recomputed_by_approving(submissions=chosen),
            },
        )
    attempt(
        request,
        lambda: services.submissions_approve(actor=request.user, submissions=chosen),
        lambda: (
            ngettext(
                "Approved %(count)s submission. The results are being recomputed.",
                "Approved %(count)s submissions. The results are being recomputed.",
                len(chosen),
            )
            % {"count": len(chosen)}
            + " "
            + selectors.computation_queue_note(initiative=initiative)
        ).strip(),
    )
    if len(chosen) == 1:  # approved from its own page: back to it
        return redirect("measurement:submission-detail", slug=initiative.slug, pk=chosen[0].pk)
    return redirect("measurement:review-queue", slug=initiative.slug)
