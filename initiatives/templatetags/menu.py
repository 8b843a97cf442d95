"""The initiative's menu (initiatives.menu) for the signed-in user, its current item found
from the URL name the request resolved to: ``{% initiative_menu initiative as main_menu %}``
for the sections of the header, ``{% initiative_tabs initiative as tabs %}`` for the tabs of
the current item."""

from django import template

from initiatives.menu import ShownGroup, menu_for, tabs_for

register = template.Library()


def _view_name(context) -> str:
    match = context["request"].resolver_match
    return match.view_name if match else ""


@register.simple_tag(takes_context=True)
def initiative_menu(context, initiative) -> list[ShownGroup]:
    if not initiative:  # a page outside any initiative
        return []
    return menu_for(context["request"].user, initiative, _view_name(context))


@register.simple_tag(takes_context=True)
def initiative_tabs(context, initiative) -> ShownGroup | None:
    return tabs_for(context["request"].user, initiative, _view_name(context))
