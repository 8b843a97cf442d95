"""The templates' only way to ask about permissions: ``{% can "enter_data" initiative as x %}``
asks initiatives.roles, so a template never decides access itself."""

from django import template

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
