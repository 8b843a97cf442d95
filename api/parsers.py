"""Request bodies the API reads, each bounded (docs/api.md, "Limits").

A body is refused with 413 before it is parsed when its Content-Length is over the limit, and
it is never read past the limit plus one byte, whatever the header says. JSON bodies may be
up to ``API_MAX_BODY_BYTES`` — room for ``API_MAX_ROWS`` rows of values; a CSV body is a file
of values and is also held to the upload limit of ``measurement.datafiles``.

Django's own ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (2.5 MB) stays the limit of the web forms; DRF's
JSONParser goes through ``request.body``, which applies it and answers an HTML 400, so the
API's JSON parser reads the stream itself.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import exceptions, renderers
from rest_framework.parsers import BaseParser, get_encoding
from rest_framework.utils import json

from measurement.datafiles import MAX_BYTES as FILE_MAX_BYTES


class BodyTooLarge(exceptions.APIException):
    status_code = 413
    default_code = "body_too_large"

    def __init__(self, limit: int):
        super().__init__(
            _(
                "The request body is larger than %(limit)s bytes (%(mib)s MiB), the most this "
                "operation accepts. Send at most %(rows)s rows at a time."
            )
            % {
                "limit": f"{limit:,}",
                "mib": f"{limit / 2**20:.4g}",
                "rows": f"{settings.API_MAX_ROWS:,}",
            }
        )


def read_bounded(stream, parser_context, limit: int) -> bytes:
    """The whole body, or BodyTooLarge without reading more than ``limit`` + 1 bytes."""
    meta = parser_context["request"].META
    try:
        declared = int(meta.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        raise BodyTooLarge(limit)
    content = stream.read(limit + 1)
    if len(content) > limit:
        raise BodyTooLarge(limit)
    return content


def csv_body_limit() -> int:
    return min(settings.API_MAX_BODY_BYTES, FILE_MAX_BYTES)


class JsonParser(BaseParser):
    """JSON, as DRF's JSONParser reads it (strict: no NaN or Infinity), within the limit."""

    media_type = "application/json"
    renderer_class = renderers.JSONRenderer

    def parse(self, stream, media_type=None, parser_context=None):
        content = read_bounded(stream, parser_context, settings.API_MAX_BODY_BYTES)
        try:
            text = content.decode(get_encoding(parser_context))
            return json.loads(text, parse_constant=json.strict_constant)
        except ValueError as error:
            raise exceptions.ParseError(f"JSON parse error - {error}") from None


class CsvParser(BaseParser):
    """A CSV body in the values interchange format, returned as bytes for
    measurement.datafiles to read."""

    media_type = "text/csv"

    def parse(self, stream, media_type=None, parser_context=None):
        return read_bounded(stream, parser_context, csv_body_limit())
