from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The six roles a person can hold in an initiative (see docs/architecture.md)."""

    BACKBONE_ADMIN = "backbone_admin", _("Backbone admin")
    BACKBONE_STAFF = "backbone_staff", _("Backbone staff")
    PARTNER_EDITOR = "partner_editor", _("Partner editor")
    PARTNER_VIEWER = "partner_viewer", _("Partner viewer")
    FUNDER = "funder", _("Funder")
    COMMUNITY_MEMBER = "community_member", _("Community member")


# Partner roles speak for exactly one partner organization (a membership names it).
PARTNER_ROLES = frozenset({Role.PARTNER_EDITOR, Role.PARTNER_VIEWER})
