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


class NoticeKind(models.TextChoices):
    """What a notice is about (docs/notices.md). Each person chooses, kind by kind, whether it
    comes by e-mail, in their list of notices, both or neither."""

    DUE_SOON = "due_soon", _("Data due soon")
    OVERDUE = "overdue", _("Data overdue")
    RETURNED = "returned", _("Submission returned")
    APPROVED = "approved", _("Submission approved")
    BACKBONE_DIGEST = "backbone_digest", _("Weekly review digest")
