"""Abstract bases every app's models share: how a record names itself and when it was made.
No concrete models live here (docs/architecture.md, "Layers")."""

from typing import ClassVar

from django.db import models


class Created(models.Model):
    """A record that remembers when it was made."""

    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Updated(models.Model):
    """A record that remembers when it last changed."""

    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Stamped(Created, Updated):
    """A record that remembers when it was made and when it last changed."""

    class Meta:
        abstract = True


class RevocableQuerySet(models.QuerySet):
    def active(self):
        """The grants not revoked (an expiring grant's own queryset adds its expiry)."""
        return self.filter(revoked_at__isnull=True)


class Revocable(Created):
    """A grant — an invitation, an API key, a share link — that works until it is revoked.
    Listed newest first."""

    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = RevocableQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at"]


class Labelled(models.Model):
    """A record that people know by one of its fields, ``label_field``: what ``str()`` shows."""

    label_field: ClassVar[str]
    label_length: ClassVar[int | None] = None  # at most this many characters of it

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return str(getattr(self, self.label_field))[: self.label_length]


class Named(Labelled):
    """A record that people know by its name."""

    label_field = "name"

    class Meta:
        abstract = True


class Titled(Labelled):
    """A record that people know by its title."""

    label_field = "title"

    class Meta:
        abstract = True


class Excerpted(Labelled):
    """A record that is mostly what someone wrote (``body``), known by its first words."""

    label_field = "body"
    label_length = 60

    class Meta:
        abstract = True


def one_per(*fields: str, name: str) -> models.UniqueConstraint:
    """The rule that there is at most one row for each combination of ``fields``."""
    return models.UniqueConstraint(fields=fields, name=name)
