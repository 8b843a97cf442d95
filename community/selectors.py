"""Reads of the community app: who may read which feedback."""

from django.core.exceptions import PermissionDenied

from accounts import roles
from accounts.roles import Perm
from community.models import FeedbackItem
from initiatives.models import Initiative


def feedback_list(*, user, initiative: Initiative):
    """Backbone roles read all feedback; a community member reads their own."""
    items = FeedbackItem.objects.filter(initiative=initiative).select_related("responded_by")
    if roles.can(user, initiative, Perm.MANAGE_CONTENT):
        return items
    if roles.can(user, initiative, Perm.GIVE_FEEDBACK):
        return items.filter(submitted_by=user)
    raise PermissionDenied
