"""One shape for every error the API returns:

    {"error": {"status": 400, "code": "invalid", "message": "…",
               "fields": {"period": ["…"]}, "rows": ["Row 3, column numerator: …"]}}

``fields`` and ``rows`` appear only when there is something in them."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler

from accounts.roles import SecondFactorRequired
from measurement.datafiles import FileProblems


class RowsInvalid(exceptions.APIException):
    """A batch of values refused as a whole, with every problem by row."""

    status_code = 400
    default_code = "rows_invalid"

    def __init__(self, rows: list[str]):
        super().__init__(_("Nothing was saved: fix these rows and send the batch again."))
        self.rows = rows


def _translate(exc):
    if isinstance(exc, FileProblems):
        return RowsInvalid(exc.errors)
    if isinstance(exc, DjangoValidationError):
        detail = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        return exceptions.ValidationError(detail)
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, SecondFactorRequired):
        return exceptions.PermissionDenied(str(exc), code="second_factor_required")
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied()
    return exc


def _message(detail) -> str:
    if isinstance(detail, dict):
        first = next(iter(detail.values()), "")
        return _message(first)
    if isinstance(detail, list):
        return _message(detail[0]) if detail else ""
    return str(detail)


def api_exception_handler(exc, context):
    exc = _translate(exc)
    response = exception_handler(exc, context)
    if response is None:
        return None
    body = {"status": response.status_code, "code": "error", "message": ""}
    if isinstance(exc, RowsInvalid):
        body.update(code=exc.default_code, message=str(exc.detail), rows=exc.rows)
    elif isinstance(exc, exceptions.ValidationError):
        body.update(
            code="invalid",
            message=_("The request is not valid: %(first)s") % {"first": _message(exc.detail)},
            fields=exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail},
        )
    elif isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        body.update(code=codes if isinstance(codes, str) else "error", message=_message(exc.detail))
    kept = {k: v for k, v in response.items() if k.lower() in ("www-authenticate", "retry-after")}
    return Response({"error": body}, status=response.status_code, headers=kept)
