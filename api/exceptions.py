"""One shape for every error the API returns:

    {"error": {"status": 400, "code": "invalid", "message": "…",
               "fields": {"period": ["…"]}, "rows": ["Row 3, column numerator: …"],
               "request_id": "9f2c…"}}

``fields`` and ``rows`` appear only when there is something in them; ``request_id`` (also the
answer's ``X-Request-ID`` header) is what our logs know the request by. Errors raised outside
the API's views but under /api/ (an unexpected exception, a request Django itself refuses)
answer in the same shape: config/urls.py routes Django's error handlers through
``handler400`` … ``handler500`` below."""

import logging

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import defaults
from rest_framework import exceptions
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler

from initiatives.roles import SecondFactorRequired
from measurement.datafiles import FileProblems

logger = logging.getLogger(__name__)


def request_id_of(request) -> str:
    return getattr(request, "request_id", "")


class RowsInvalid(exceptions.APIException):
    """A batch of values refused as a whole, with every problem by row."""

    status_code = 400
    default_code = "rows_invalid"

    def __init__(self, rows: list[str]):
        super().__init__(_("Nothing was saved: fix these rows and send the batch again."))
        self.rows = rows


class IdempotencyKeyReused(exceptions.APIException):
    """An Idempotency-Key sent again with a different request."""

    status_code = 409
    default_code = "idempotency_key_reused"
    default_detail = gettext_lazy(
        "This Idempotency-Key was used for a different request. Use a new key for a new batch."
    )


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
    request = context.get("request")
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
    body["request_id"] = request_id_of(request)
    kept = {k: v for k, v in response.items() if k.lower() in ("www-authenticate", "retry-after")}
    if request is not None:
        # Errors are JSON even from views that render something else (the schema's YAML,
        # the docs page's HTML).
        request.accepted_renderer, request.accepted_media_type = JSONRenderer(), "application/json"
    return Response({"error": body}, status=response.status_code, headers=kept)


# ---- Django's error handlers, in the API's shape under /api/ ----


def is_api_request(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def error_response(request: HttpRequest, status: int, code: str, message: str) -> JsonResponse:
    body = {"status": status, "code": code, "message": message}
    return JsonResponse({"error": {**body, "request_id": request_id_of(request)}}, status=status)


def handler400(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api_request(request):
        return error_response(request, 400, "bad_request", _("The request is not valid."))
    return defaults.bad_request(request, exception)


def handler403(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api_request(request):
        return error_response(
            request,
            403,
            "permission_denied",
            _("You do not have permission to perform this action."),
        )
    return defaults.permission_denied(request, exception)


def handler404(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api_request(request):
        return error_response(request, 404, "not_found", _("Not found."))
    return defaults.page_not_found(request, exception)


def handler500(request: HttpRequest) -> HttpResponse:
    """An unexpected error. Django has already logged it (logger ``django.request``) and
    sent ``got_request_exception``; the client learns nothing about it but that it happened
    and the request's id, which the log line here ties to the traceback above it."""
    if is_api_request(request):
        logger.error("Server error answered to request %s", request_id_of(request))
        return error_response(
            request,
            500,
            "server_error",
            _("Something went wrong on our side. Please try again later."),
        )
    return server_error_page(request)


def server_error_page(request: HttpRequest) -> HttpResponse:
    """templates/500.html with the request's id, rendered without the request: context
    processors would reach the session and the database, which may be what failed. If even this
    fails, Django's plain "Server Error (500)" is the answer."""
    try:
        page = loader.get_template("500.html").render({"request_id": request_id_of(request)})
    except Exception:  # the error page must answer whatever broke
        logger.exception("The 500 page could not be rendered")
        return defaults.server_error(request)
    return HttpResponseServerError(page)
