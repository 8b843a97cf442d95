"""What every app's services share."""

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models

M = TypeVar("M", bound=models.Model)


def model_update(
    *, instance: M, fields: Iterable[str], data: Mapping[str, Any], save: bool = True
) -> M:
    """Set the ``fields`` a service allows from ``data``, then ``full_clean()`` and ``save()``
    (unless the service has more to decide first: ``save=False`` only sets them).

    The allow-list is the point: a key in ``data`` that the service does not allow is a
    programming error, refused loudly, never written. Allowed fields missing from ``data``
    keep their values. Many-to-many fields are the caller's to set after saving."""
    allowed = set(fields)
    if unknown := set(data) - allowed:
        raise ValueError(f"{type(instance).__name__}: not writable here: {sorted(unknown)}")
    for name, value in data.items():
        setattr(instance, name, value)
    if save:
        instance.full_clean()
        instance.save()
    return instance


def inline_rows(
    rows: Iterable[Mapping[str, Any]], model: type[M], *, elsewhere: str, **parent: models.Model
) -> Iterator[tuple[M, Mapping[str, Any]]]:
    """The rows of an inline formset that stay, each with its record of ``model``: the
    existing one it names, which must belong to the one ``parent`` (``body=body``; else
    ``elsewhere`` is the error), or a new one of that parent. Rows marked DELETE are deleted
    here and not yielded."""
    ((link, owner),) = parent.items()
    for row in rows:
        record = row.get("id") or model(**parent)
        if record.pk and getattr(record, f"{link}_id") != owner.pk:
            raise ValidationError(elsewhere)
        if row.get("DELETE"):
            if record.pk:
                record.delete()
            continue
        yield record, row
