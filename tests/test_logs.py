"""Logs an operator can search: one JSON object a line in production, every line of a request
(and of the tasks it starts) carrying the request's id, the id every answer gives its client."""

import io
import json
import logging
from types import SimpleNamespace

import pytest
from django.test import Client

from config import celery as celery_config
from config.logging import JsonFormatter, RequestIdFilter
from core import request_id

pytestmark = pytest.mark.urls("tests.api.urls_raising")


@pytest.fixture
def json_log():
    """The root logger's lines, as production writes them, parsed."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)


def test_a_log_line_is_one_json_object(json_log):
    try:
        raise ValueError("boom\non two lines")
    except ValueError:
        logging.getLogger("yachad.test").exception("it failed for %s", "a reason")
    (line,) = json_log()
    assert line["level"] == "ERROR"
    assert line["logger"] == "yachad.test"
    assert line["message"] == "it failed for a reason"
    assert "ValueError: boom" in line["exception"]
    assert line["time"].endswith("Z")


def test_a_line_outside_any_request_has_no_request_id(json_log):
    logging.getLogger("yachad.test").warning("at start-up")
    assert "request_id" not in json_log()[0]


@pytest.mark.django_db
def test_every_line_of_a_request_carries_the_id_its_answer_gives(json_log):
    response = Client(raise_request_exception=False).get("/failing/")
    lines = [line for line in json_log() if line["logger"] == "django.request"]
    assert lines, "the server error was logged"
    assert {line["request_id"] for line in lines} == {response["X-Request-ID"]}
    assert request_id.get() == "", "the id does not outlive its request"


@pytest.mark.django_db
def test_a_page_that_fails_answers_a_friendly_500_with_its_reference():
    response = Client(raise_request_exception=False).get("/failing/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "a bug" not in page
    assert response["X-Request-ID"] in page
    assert "<title>" in page


def test_the_500_page_renders_without_a_database_or_a_request(django_db_blocker):
    from django.template import loader

    with django_db_blocker.block():
        page = loader.get_template("500.html").render({"request_id": "abc123"})
    assert "abc123" in page


def test_a_task_a_request_starts_carries_the_requests_id_to_the_worker():
    headers: dict = {}
    token = request_id.set("req-42")
    try:
        celery_config.request_id_to_task(headers=headers)
    finally:
        request_id.reset(token)
    assert headers["request_id"] == "req-42"

    task = SimpleNamespace(request=SimpleNamespace(get=headers.get))
    celery_config.request_id_from_task(task=task)
    assert request_id.get() == "req-42"
    celery_config.request_id_forget(task=task)
    assert request_id.get() == ""


def test_a_task_nobody_requested_publishes_no_id():
    headers: dict = {}
    celery_config.request_id_to_task(headers=headers)
    assert "request_id" not in headers


def test_an_error_sent_to_sentry_names_its_request():
    from config.error_tracking import _tag_request_id

    token = request_id.set("req-7")
    try:
        event = _tag_request_id({"tags": {"a": "b"}}, {})
    finally:
        request_id.reset(token)
    assert event["tags"] == {"a": "b", "request_id": "req-7"}


def test_error_tracking_is_off_without_a_dsn(settings):
    assert settings.SENTRY_DSN == ""
    sentry = pytest.importorskip("sentry_sdk")
    assert not sentry.is_initialized()
