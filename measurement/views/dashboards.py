"""Dashboards: the indicators as every role may see them."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language_bidi

from accounts import roles
from measurement import charts, selectors


@login_required
def indicator_list(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = roles.get_initiative_for_user(request.user, slug)
    overview = selectors.indicator_overview(
        audience=roles.audience_for(request.user, initiative), initiative=initiative
    )
    return render(
        request,
        "measurement/indicator_list.html",
        {
            "initiative": initiative,
            "overview": overview,
            "computed_at": selectors.results_computed_at(initiative=initiative),
        },
    )


@login_required
def indicator_detail(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    initiative = roles.get_initiative_for_user(request.user, slug)
    indicator = selectors.indicator_get(initiative=initiative, code=code)
    series = selectors.indicator_total_series(
        audience=roles.audience_for(request.user, initiative), indicator=indicator
    )
    context = {
        "initiative": initiative,
        "indicator": indicator,
        "series": series,
        "figure": charts.trend_figure(indicator, series, rtl=get_language_bidi()),
        "figure_text": charts.trend_text_alternative(indicator, series),
        "computed_at": selectors.results_computed_at(initiative=initiative),
    }
    return render(request, "measurement/indicator_detail.html", context)
