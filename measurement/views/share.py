"""Share links: backbone admins create and revoke them; anyone holding one sees the funder
view of the dashboards — suppressed, read-only, marked noindex — and every use is logged."""

from functools import wraps

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core import formats
from core.views import form_flow
from initiatives import roles
from initiatives.models import Initiative
from initiatives.pages import initiative_page
from initiatives.roles import Perm
from measurement import selectors, services
from measurement.forms import ShareLinkForm
from measurement.models import ShareLink
from measurement.pages import (
    gaps_context,
    indicator_context,
    overview_context,
    results_download,
    scorecard_download,
)

# ---- Managing links ----


@initiative_page(perm=Perm.SHARE_DASHBOARDS)
def share_link_list(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    form = ShareLinkForm(request.POST or None, initiative=initiative)
    return form_flow(
        request,
        form,
        save=lambda: services.share_link_create(
            actor=request.user, initiative=initiative, **form.cleaned_data
        ),
        message=lambda link: _("Link created for %(label)s.") % {"label": link.label},
        success_url=reverse("measurement:share-link-list", args=[initiative.slug]),
        template="measurement/share_link_list.html",
        context=lambda: {
            "initiative": initiative,
            "links": selectors.share_link_list(initiative=initiative),
        },
    )


@initiative_page(perm=Perm.SHARE_DASHBOARDS, post_only=True)
def share_link_revoke(request: HttpRequest, initiative: Initiative, pk: int) -> HttpResponse:
    link = get_object_or_404(ShareLink, initiative=initiative, pk=pk)
    services.share_link_revoke(actor=request.user, link=link)
    messages.success(request, _("The link for %(label)s no longer works.") % {"label": link.label})
    return redirect("measurement:share-link-list", slug=initiative.slug)


# ---- Pages behind a link ----


def shared(view):
    """Resolve the token to a usable link (404 otherwise, saying nothing about why), log the
    use, and keep search engines away from the page."""

    @wraps(view)
    def wrapper(request, token, *args, **kwargs):
        link = selectors.share_link_for_token(token)
        if link is None:
            return render(request, "measurement/share_invalid.html", status=404)
        formats.adopt(link.initiative)
        services.share_link_use_create(
            link=link, path=request.path, user_agent=request.headers.get("User-Agent", "")
        )
        response = view(request, link, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapper


def _page(request, link, template, context):
    return render(
        request,
        template,
        {
            "initiative": link.initiative,
            "share": link,
            "share_token": link.token,
            **context,
        },
    )


@shared
def shared_overview(request: HttpRequest, link: ShareLink) -> HttpResponse:
    indicators = selectors.shared_indicators(link=link)
    context = overview_context(
        roles.SHARE_LINK_AUDIENCE,
        link.initiative,
        indicators,
        share_link=link,
        include_provisional=request.GET.get("periods") == "all",
        period=request.GET.get("period"),
    )
    return _page(request, link, "measurement/indicator_list.html", context)


@shared
def shared_scorecard(request: HttpRequest, link: ShareLink, file_format: str):
    return scorecard_download(
        roles.SHARE_LINK_AUDIENCE,
        link.initiative,
        file_format,
        selectors.shared_indicators(link=link),
        include_provisional=request.GET.get("periods") == "all",
        period=request.GET.get("period"),
    )


def _shared_indicator(link, code):
    indicator = selectors.shared_indicators(link=link).filter(code=code).first()
    if indicator is None:
        raise Http404
    return indicator


@shared
def shared_indicator(request: HttpRequest, link: ShareLink, code: str) -> HttpResponse:
    indicator = _shared_indicator(link, code)
    context = indicator_context(
        roles.SHARE_LINK_AUDIENCE,
        indicator,
        dimension_code=request.GET.get("dimension"),
        share_link=link,
    )
    return _page(request, link, "measurement/indicator_detail.html", context)


@shared
def shared_results(request: HttpRequest, link: ShareLink, code: str, file_format: str):
    return results_download(
        roles.SHARE_LINK_AUDIENCE, link.initiative, _shared_indicator(link, code), file_format
    )


@shared
def shared_gaps(request: HttpRequest, link: ShareLink) -> HttpResponse:
    indicators = selectors.shared_indicators(link=link)
    context = gaps_context(
        roles.SHARE_LINK_AUDIENCE, link.initiative, request, indicators, share_link=link
    )
    return _page(request, link, "measurement/equity_gaps.html", context)
