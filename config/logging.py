"""Log lines an operator can search: ``JsonFormatter`` writes one JSON object a line
(production's default, ``LOG_FORMAT=json``), and ``RequestIdFilter`` gives every record the id
of the request it belongs to (``core.request_id``), so the ``request_id`` a client quotes finds
every line of its request, tracebacks included."""

import json
import logging
from datetime import UTC, datetime

from core import request_id


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One line a record: time (UTC), level, logger, message, and the request id and the
    exception when there are any."""

    def format(self, record: logging.LogRecord) -> str:
        when = datetime.fromtimestamp(record.created, tz=UTC)
        line = {
            "time": when.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if getattr(record, "request_id", ""):
            line["request_id"] = record.request_id
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, ensure_ascii=False, default=str)
