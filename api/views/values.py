"""Values sent in bulk, and what every write of values shares: idempotency keys, the row
limit, rows read as a table, the import summary.
"""

import hashlib
import json

import pandas as pd
from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import status
from rest_framework.response import Response

from api import serializers as s
from api import services as api_services
from api.exceptions import IdempotencyKeyReused, RowsInvalid
from api.parsers import CsvParser, JsonParser
from api.views.base import InitiativeView, described
from initiatives.roles import Perm
from measurement import services
from measurement.datafiles import FILE_FIRST_ROW, JSON_FIRST_ROW, read_table

# ---- Idempotent writes ----


IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description=(
        "Any string you choose, unique per batch. Sending the same request again with the "
        "same key returns the first answer without writing twice; a different request with "
        "the same key is refused (409)."
    ),
)


DRY_RUN = OpenApiParameter(
    "dry_run",
    OpenApiTypes.BOOL,
    OpenApiParameter.QUERY,
    required=False,
    description=(
        "true: check the values and answer what they would change — values new, changed and "
        "unchanged per organization and period — without writing anything (nor keeping the "
        "answer under an Idempotency-Key)."
    ),
)


def dry_run_asked(request) -> bool:
    serializer = s.DryRunSerializer(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data["dry_run"]


def request_digest(request) -> str:
    body = (
        request.data
        if isinstance(request.data, bytes)
        else json.dumps(request.data, sort_keys=True, default=str).encode()
    )
    return hashlib.sha256(request.method.encode() + request.path.encode() + body).hexdigest()


def idempotent(request, initiative, write) -> Response:
    """Carry out ``write`` (which returns a Response) once per Idempotency-Key. A dry run
    writes nothing, so nothing is kept under its key."""
    key = request.headers.get("Idempotency-Key", "").strip()[:200]
    if not key or dry_run_asked(request):
        return write()
    try:
        return api_services.idempotent_write(
            user=request.user,
            initiative=initiative,
            key=key,
            digest=request_digest(request),
            write=write,
        )
    except api_services.IdempotencyKeyReused:
        raise IdempotencyKeyReused from None


def within_row_limit(count: int) -> None:
    """Refuse a batch of more rows than one request may carry, before checking any row."""
    if count > settings.API_MAX_ROWS:
        raise RowsInvalid(
            [
                _(
                    "The batch has %(rows)s rows; at most %(max)s are accepted at once. "
                    "Split it into smaller batches."
                )
                % {"rows": f"{count:,}", "max": f"{settings.API_MAX_ROWS:,}"}
            ]
        )


def rows_in(data, key: str) -> None:
    """The row limit for a JSON body, checked on the parsed list before the serializer
    validates row by row (slow on a list far over the limit)."""
    rows = data.get(key) if isinstance(data, dict) else None
    if isinstance(rows, list):
        within_row_limit(len(rows))


def rows_frame(rows: list[dict]) -> pd.DataFrame:
    """JSON rows as the same table of strings a CSV file gives. A row may leave out the
    organization (a partner's own) and the numbers it does not report."""
    frame = pd.DataFrame(rows, dtype=object).fillna("").astype(str)
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    if "organization" not in frame.columns:
        frame["organization"] = ""
    return frame


def imported(outcome, code=status.HTTP_200_OK) -> Response:
    return Response(
        s.ImportSerializer(
            {
                "rows": outcome.rows,
                "changed": outcome.changed,
                "submissions": outcome.submission_ids,
                "dry_run": outcome.dry_run,
                "changes": outcome.changes,
            }
        ).data,
        status=code,
    )


class ValuesImport(InitiativeView):
    """Send values in the interchange format — a JSON body ``{"rows": [...]}`` or a CSV body
    (``Content-Type: text/csv``) — into draft submissions, created as needed. All or
    nothing: if any row is wrong, nothing is saved and the error lists every problem by
    row. Partner tokens send their own organization's rows only; ``?dry_run=true`` checks
    them and says what they would change, writing nothing."""

    permissions = {"POST": Perm.ENTER_DATA}
    parser_classes = [JsonParser, CsvParser]
    serializer_class = s.ValuesSerializer

    @described(
        {200: s.ImportSerializer, 409: s.ErrorSerializer},
        request={"application/json": s.ValuesSerializer, "text/csv": OpenApiTypes.BINARY},
        parameters=[IDEMPOTENCY_KEY, DRY_RUN],
    )
    def post(self, request, slug):
        return idempotent(request, self.initiative, lambda: self._write(request))

    def _write(self, request) -> Response:
        if isinstance(request.data, bytes):
            frame, first_row = read_table(request.data, "values.csv"), FILE_FIRST_ROW
            within_row_limit(len(frame))
        else:
            rows_in(request.data, "rows")
            serializer = self.get_serializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            frame, first_row = rows_frame(serializer.validated_data["rows"]), JSON_FIRST_ROW
        outcome = services.values_import(
            actor=request.user,
            initiative=self.initiative,
            frame=frame,
            reason=_("Sent through the API"),
            first_row=first_row,
            dry_run=dry_run_asked(request),
        )
        return imported(outcome)
