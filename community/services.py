"""Writes of the community app."""

from django.db import transaction
from django.utils.translation import get_language

from accounts import roles
from accounts.roles import Perm
from community.models import FeedbackItem
from initiatives.models import Initiative


@transaction.atomic
def feedback_give(*, actor, initiative: Initiative, body: str, theme: str = "") -> FeedbackItem:
    """A community member tells the initiative something; it is kept in the language they
    wrote it in, so the answer can come back in that language."""
    roles.require(actor, initiative, Perm.GIVE_FEEDBACK)
    item = FeedbackItem(
        initiative=initiative,
        submitted_by=actor,
        body=body.strip(),
        theme=theme.strip(),
        language=get_language() or "en",
    )
    item.full_clean()
    item.save()
    return item
