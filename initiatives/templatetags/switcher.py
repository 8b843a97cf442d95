"""The header's initiative switcher: ``{% user_initiatives as mine %}`` gives the initiatives
the signed-in person belongs to (``initiatives.selectors.initiative_list``), read once per
request however often a page asks."""

from django import template

from initiatives import selectors

register = template.Library()

_CACHE_ATTRIBUTE = "_yachad_initiatives"


@register.simple_tag(takes_context=True)
def user_initiatives(context) -> list:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    cached = getattr(request, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = list(selectors.initiative_list(user=user).order_by("name").only("slug", "name"))
        setattr(request, _CACHE_ATTRIBUTE, cached)
    return cached
