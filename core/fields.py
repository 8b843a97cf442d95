"""Model fields every app's models share: the kinds of link that recur across the domain,
declared once so that a model says only what is its own (where the link points, its name)."""

from typing import Any

from django.conf import settings
from django.db import models


def optional_link(to: Any, *, related_name: str = "+", **options: Any) -> Any:
    """A link that may be left empty, and is emptied — never deleting this row — when what it
    points to is deleted."""
    return models.ForeignKey(
        to, on_delete=models.SET_NULL, null=True, blank=True, related_name=related_name, **options
    )


def person_on_record(**options: Any) -> Any:
    """The person who did something (wrote, recorded, created). The record outlives their
    account: deleting the account only empties the link."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", **options
    )


def belongs_to(to: Any, related_name: str, **options: Any) -> Any:
    """The whole this record is part of (an initiative, a submission, an event): the record
    is deleted with it."""
    return models.ForeignKey(to, on_delete=models.CASCADE, related_name=related_name, **options)
