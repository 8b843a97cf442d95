"""The templates' only way to ask about permissions: ``{% can "enter_data" initiative as x %}``
asks initiatives.roles, so a template never decides access itself.
``{% page_action "manage_content" "community:event-create" _("Record an engagement event") %}``
is a page's button to a page of the initiative, shown only to whom the permission allows."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from initiatives import roles

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, perm: str, initiative, organization=None) -> bool:
    if initiative is None:
        return False
    return roles.can(context["request"].user, initiative, perm, organization=organization)


@register.simple_tag(takes_context=True)
def role_in(context, initiative) -> str:
    """The user's role in the initiative, as a translated label."""
    role = roles.role_of(context["request"].user, initiative) if initiative else None
    return role.label if role else ""


@register.simple_tag(takes_context=True)
def page_action(context, perm: str, url_name: str, label: str, *url_args, secondary=False) -> str:
    """A button to ``url_name`` of the page's initiative (its slug, then ``url_args``), or
    nothing where the user lacks ``perm``."""
    initiative = context.get("initiative")
    if not can(context, perm, initiative):
        return ""
    url = reverse(url_name, args=[initiative.slug, *url_args])
    css_class = "button button--secondary" if secondary else "button"
    return format_html('<a class="{}" href="{}">{}</a>', css_class, url, label)
