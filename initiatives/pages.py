"""The frame every page of one initiative shares: signed in, the initiative found by its slug
and the visitor's permission checked before the view runs, and the page rendered with the
initiative in its context. Views of every app build on it (it is a page builder, not a view,
so they may); the permission checks stay those of ``roles``."""

from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.views.decorators.http import require_POST

from core import formats
from initiatives import roles
from initiatives.roles import Perm

# What a page view returns: its response, or the context of the page's template.
PageOutcome = HttpResponseBase | Mapping[str, Any]


def page_initiative(request: HttpRequest, slug: str, *, perm: Perm = Perm.VIEW_DASHBOARDS):
    """The initiative of a page, if the visitor may ``perm`` in it
    (``roles.get_initiative_for_user``); the rest of the request writes dates, numbers and
    money as in its country."""
    initiative = roles.get_initiative_for_user(request.user, slug, perm=perm)
    formats.adopt(initiative)
    return initiative


def initiative_page(
    template: str | None = None,
    *,
    perm: Perm = Perm.VIEW_DASHBOARDS,
    post_perm: Perm | None = None,
    post_only: bool = False,
) -> Callable[[Callable[..., PageOutcome]], Callable[..., HttpResponseBase]]:
    """A page under /i/<slug>/. Anonymous visitors are sent to sign in; ``post_only`` pages
    then answer 405 to anything but POST; the initiative is found if the user may ``perm`` in
    it (404 for non-members, 403 for members without it), and a POST needs ``post_perm`` too
    (a page everyone reads and some write to). The view is called with the initiative in place
    of the slug and returns its response, or the context of ``template``, which is rendered
    with the initiative."""

    def decorate(view: Callable[..., PageOutcome]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def page(request: HttpRequest, slug: str, **kwargs: Any) -> HttpResponseBase:
            initiative = page_initiative(request, slug, perm=perm)
            if post_perm is not None and request.method == "POST":
                roles.require(request.user, initiative, post_perm)
            outcome = view(request, initiative, **kwargs)
            if isinstance(outcome, HttpResponseBase):
                return outcome
            assert template is not None, f"{view.__name__} returned a context without a template"
            return render(request, template, {"initiative": initiative, **outcome})

        return login_required(require_POST(page) if post_only else page)

    return decorate


def render_page(request: HttpRequest, template: str, initiative, **context: Any) -> HttpResponse:
    """A page of the initiative whose template the view chooses itself."""
    return render(request, template, {"initiative": initiative, **context})
