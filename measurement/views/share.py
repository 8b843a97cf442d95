"""Share links: backbone admins create and revoke them; anyone holding one sees the funder
view of the dashboards — suppressed, read-only, marked noindex — and every use is logged."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from config.middleware import content_security_policy
from core import formats
from core.views import form_flow, form_page
from initiatives import roles
from initiatives.models import Initiative
from initiatives.pages import initiative_page
from initiatives.roles import Perm
from measurement import selectors, services
from measurement.forms import ShareLinkForm, ShareLinkSitesForm
from measurement.models import ShareLink
from measurement.pages import (
    gaps_context,
    indicator_context,
    indicator_trend_context,
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
        context=lambda: _share_links_context(initiative),
    )


def _share_links_context(initiative: Initiative) -> dict:
    links = list(selectors.share_link_list(initiative=initiative))
    return {
        "initiative": initiative,
        "links": links,
        # The links the sites they list may frame now, each with a frame to paste per page.
        "embeddable": [link for link in links if link.is_embeddable()],
        "indicators": selectors.indicator_list(initiative=initiative),
    }


@initiative_page(perm=Perm.SHARE_DASHBOARDS)
def share_link_sites(request: HttpRequest, initiative: Initiative, pk: int) -> HttpResponse:
    link = get_object_or_404(ShareLink.objects.usable(), initiative=initiative, pk=pk)
    form = ShareLinkSitesForm(request.POST or None, initial={"embed_origins": link.embed_origins})
    return form_page(
        request,
        form,
        save=lambda: services.share_link_sites_change(
            actor=request.user, link=link, **form.cleaned_data
        ),
        message=lambda link: (
            _("Saved the websites that may show the link for %(label)s.") % {"label": link.label}
        ),
        initiative=initiative,
        heading=_("Websites that may show the link for %(label)s") % {"label": link.label},
        intro=_(
            "The frames those sites already show keep working: the link stays the same. A site "
            "taken off the list cannot show it from its next visitor on."
        ),
        back_url=reverse("measurement:share-link-list", args=[initiative.slug]),
        back_label=_("Share links"),
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
        return _opened(request, link, view, *args, **kwargs)

    return wrapper


def _opened(request, link, view, *args, **kwargs):
    """The page ``view`` draws for a usable link, in the initiative's conventions, its use
    logged and search engines kept away."""
    formats.adopt(link.initiative)
    services.share_link_use_create(
        link=link, path=request.path, user_agent=request.headers.get("User-Agent", "")
    )
    response = view(request, link, *args, **kwargs)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


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


def _indicator_shared(link, code):
    return selectors.shared_indicators(link=link).filter(code=code).first()


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
    indicator = _indicator_shared(link, code)
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


# ---- Embeds: the pages the sites a link lists may show in a frame ----


def _framed_by(response: HttpResponse, origins: list[str]) -> HttpResponse:
    """Only ``origins`` may frame the page (frame-ancestors; X-Frame-Options, which cannot
    name a site, is left off); with none, no site may, as for every other page."""
    if origins:
        response["Content-Security-Policy"] = content_security_policy(" ".join(origins))
        response.xframe_options_exempt = True  # what @xframe_options_exempt sets
    return response


def _embed_language(request: HttpRequest) -> str:
    """The language the site asks for in the frame's address (?lang=he), else the
    installation's: a frame on someone else's site has no language switcher."""
    asked = request.GET.get("lang", "")
    return asked if asked in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _embed_refused(request: HttpRequest, token: str) -> HttpResponse:
    """The page saying the link no longer works, and nothing of why; framed by the sites the
    link lists (if it ever listed any), so that their frame says so, not the browser's refusal."""
    response = render(request, "measurement/share_embed_invalid.html", status=404)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return _framed_by(response, selectors.share_link_embed_origins(token=token))


def embedded(view):
    """A share link's page for a frame: like ``shared``, for a link that lists the sites that
    may frame it, and framed by those alone."""

    @wraps(view)
    def wrapper(request, token, *args, **kwargs):
        translation.activate(_embed_language(request))
        request.LANGUAGE_CODE = translation.get_language()
        link = selectors.share_link_for_token(token)
        if link is None or not link.allowed_origins:
            return _embed_refused(request, token)
        response = _opened(request, link, view, *args, **kwargs)
        return _framed_by(response, link.allowed_origins)

    return wrapper


def _embed_page(request, link, template, context, full_url):
    return _page(
        request,
        link,
        template,
        {
            "full_url": full_url,
            "computed_at": selectors.results_computed_at(initiative=link.initiative),
            **context,
        },
    )


@embedded
def embed_scorecard(request: HttpRequest, link: ShareLink) -> HttpResponse:
    indicators = selectors.shared_indicators(link=link)
    context = overview_context(
        roles.SHARE_LINK_AUDIENCE, link.initiative, indicators, share_link=link
    )
    full_url = reverse("share:indicator-list", args=[link.token])
    return _embed_page(request, link, "measurement/share_embed_scorecard.html", context, full_url)


@embedded
def embed_indicator(request: HttpRequest, link: ShareLink, code: str) -> HttpResponse:
    indicator = _indicator_shared(link, code)
    if indicator is None:
        return _embed_refused(request, link.token)
    context = indicator_trend_context(roles.SHARE_LINK_AUDIENCE, indicator, share_link=link)
    full_url = reverse("share:indicator-detail", args=[link.token, code])
    return _embed_page(request, link, "measurement/share_embed_indicator.html", context, full_url)
