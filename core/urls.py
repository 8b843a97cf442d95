"""URL patterns that every kind of record writes the same way, made once. The URL names
(``<name>-list``, ``<name>-create``, ``<name>-edit``, ``<name>-detail``) are what templates
and tests reverse."""

from collections.abc import Callable

from django.urls import URLPattern, path


def record_form_paths(
    prefix: str,
    view: Callable,
    name: str,
    *,
    key: str = "<int:pk>",
    detail: Callable | None = None,
    listing: Callable | None = None,
) -> list[URLPattern]:
    """The form of a record of one kind, new at ``<prefix>new/`` and existing at
    ``<prefix><key>/`` — or, when the record has a ``detail`` page there, at
    ``<prefix><key>/edit/``; with their ``listing`` (``<name>-list``) at ``<prefix>``."""
    edit = f"{prefix}{key}/edit/" if detail else f"{prefix}{key}/"
    return [
        *([path(prefix, listing, name=f"{name}-list")] if listing else []),
        path(f"{prefix}new/", view, name=f"{name}-create"),
        *([path(f"{prefix}{key}/", detail, name=f"{name}-detail")] if detail else []),
        path(edit, view, name=f"{name}-edit"),
    ]
