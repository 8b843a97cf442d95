"""Writes of the API itself: the idempotency store, which carries out a write once per
client's ``Idempotency-Key`` and keeps its answer to give again."""

from collections.abc import Callable

from django.db import transaction
from rest_framework.response import Response

from api.models import IdempotentRequest
from initiatives.models import Initiative


class IdempotencyKeyReused(Exception):
    """The key was used before for a different request."""


@transaction.atomic
def idempotent_write(
    *, user, initiative: Initiative, key: str, digest: str, write: Callable[[], Response]
) -> Response:
    """Carry out ``write`` (which returns a Response) and keep its answer under ``key``; for
    the same request with a key already used, give the kept answer again without writing.
    The key's row is locked, so two copies of one request sent at once write once. Raises
    IdempotencyKeyReused when the key was used for a different request (``digest``)."""
    earlier = (
        IdempotentRequest.objects.select_for_update()
        .filter(user=user, initiative=initiative, key=key)
        .first()
    )
    if earlier is not None:
        if earlier.request_digest != digest:
            raise IdempotencyKeyReused
        return Response(
            earlier.response, status=earlier.status_code, headers={"Idempotent-Replayed": "true"}
        )
    response = write()
    IdempotentRequest.objects.create(
        user=user,
        initiative=initiative,
        key=key,
        request_digest=digest,
        status_code=response.status_code,
        response=response.data,
    )
    return response
