"""The id of the request this code runs for, wherever it runs: set by
``config.middleware.RequestIdMiddleware`` for a web request and, in a Celery worker, by the
hooks in ``config/celery.py`` for a task that a request started. Logging reads it
(``config.logging.RequestIdFilter``), so every line of a request carries the id its client was
given in ``X-Request-ID``. Empty outside any request."""

from contextvars import ContextVar, Token

_current: ContextVar[str] = ContextVar("request_id", default="")


def get() -> str:
    return _current.get()


def set(value: str) -> Token[str]:
    return _current.set(value)


def reset(token: Token[str]) -> None:
    _current.reset(token)
