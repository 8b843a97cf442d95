from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts import roles
from equity import selectors


@login_required
def strategy_list(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = roles.get_initiative_for_user(request.user, slug)
    return render(
        request,
        "equity/strategy_list.html",
        {
            "initiative": initiative,
            "strategies": selectors.strategy_overview(initiative=initiative),
        },
    )
