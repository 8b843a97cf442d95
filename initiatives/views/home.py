"""Where people land: their initiatives, and each initiative's home page."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from conditions import selectors as conditions_selectors
from equity import selectors as equity_selectors
from initiatives import roles, selectors
from initiatives.pages import page_initiative
from initiatives.roles import Perm
from initiatives.views.start import installation_is_empty
from measurement import selectors as measurement_selectors
from measurement.pages import overview_context


def home(request: HttpRequest) -> HttpResponse:
    """Where people land after signing in: their initiatives, or straight into the only one.
    An installation nobody has an account on yet opens its first run instead."""
    if not request.user.is_authenticated:
        if installation_is_empty():
            return redirect("initiatives:first-run")
        return redirect_to_login(request.get_full_path())
    initiatives = list(selectors.initiative_list(user=request.user))
    may_start = roles.may_start_initiative(request.user)
    if len(initiatives) == 1 and not may_start:
        return redirect("initiatives:initiative-home", slug=initiatives[0].slug)
    return render(
        request,
        "initiatives/home.html",
        {
            "initiatives": initiatives,
            "may_start": may_start,
            "may_change_installation": roles.may_change_installation(request.user),
        },
    )


@login_required
def initiative_home(request: HttpRequest, slug: str) -> HttpResponse:
    """The initiative's home page: every role sees the indicators; the rest of the page is
    what that role has to do (review, report, answer assessments, give feedback)."""
    initiative = page_initiative(request, slug)
    context = {
        "initiative": initiative,
        "organization": roles.organization_of(request.user, initiative),
        "assessments_to_answer": conditions_selectors.open_assessments_to_answer(
            user=request.user, initiative=initiative
        ),
        **overview_context(roles.audience_for(request.user, initiative), initiative),
    }
    if roles.can(request.user, initiative, Perm.VIEW_SUBMISSIONS):
        context["submissions"] = measurement_selectors.submission_list(
            user=request.user, initiative=initiative
        )[:10]
    if roles.can(request.user, initiative, Perm.REVIEW_SUBMISSIONS):
        context["awaiting_review"] = measurement_selectors.submission_list(
            user=request.user, initiative=initiative, status="submitted"
        )
        context.update(measurement_selectors.computation_runs(initiative=initiative, limit=5))
    if roles.can(request.user, initiative, Perm.MANAGE_CONTENT):
        checklist = measurement_selectors.setup_checklist(initiative=initiative)
        if not checklist.complete:
            context["checklist"] = checklist
        context["attention"] = {
            **conditions_selectors.needs_attention(initiative=initiative),
            "overdue_commitments": equity_selectors.overdue_commitments(
                user=request.user, initiative=initiative
            ),
        }
    return render(request, "initiatives/initiative_home.html", context)
