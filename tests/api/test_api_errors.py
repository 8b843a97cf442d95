"""Errors under /api/ keep the API's JSON shape even where no API view handles them: an
unexpected exception (with DEBUG off, as in production), a path Django refuses; pages keep
Django's HTML error pages."""

import logging

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.api.urls_raising")]


@pytest.fixture
def client_seeing_500s(partner_a, world, token_for):
    return Client(
        raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {token_for(partner_a)}"
    )


def test_an_unexpected_error_in_an_operation_answers_json_500(client_seeing_500s, caplog):
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client_seeing_500s.get("/api/v1/failing/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (500, "server_error")
    assert "a bug" not in response.content.decode()
    assert any("a bug in an API view" in str(r.exc_info) for r in caplog.records)


def test_a_server_error_gives_the_client_the_request_id_the_log_holds(client_seeing_500s, caplog):
    with caplog.at_level(logging.ERROR):
        response = client_seeing_500s.get("/api/v1/failing/")
    request_id = response.json()["error"]["request_id"]
    assert response["X-Request-ID"] == request_id
    assert len(request_id) >= 16
    assert any(request_id in record.getMessage() for record in caplog.records)


def test_every_answer_names_its_request_and_a_proxys_id_is_kept(client_seeing_500s):
    first = client_seeing_500s.get("/api/v1/initiatives/")
    second = client_seeing_500s.get("/api/v1/initiatives/")
    assert first["X-Request-ID"] != second["X-Request-ID"]
    passed_on = client_seeing_500s.get("/api/v1/initiatives/", HTTP_X_REQUEST_ID="lb-7f3a-0001")
    assert passed_on["X-Request-ID"] == "lb-7f3a-0001"
    forged = client_seeing_500s.get("/api/v1/initiatives/", HTTP_X_REQUEST_ID="x\nFAKE LOG LINE")
    assert "FAKE" not in forged["X-Request-ID"]


def test_a_page_keeps_djangos_html_500(client_seeing_500s):
    response = client_seeing_500s.get("/failing/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")


def test_an_address_outside_api_v1_answers_json_404(client_seeing_500s):
    response = client_seeing_500s.get("/api/v2/initiatives/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_request_django_refuses_answers_json_400(client_seeing_500s):
    response = client_seeing_500s.get("/api/v1/initiatives/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_request"


def test_a_refusal_outside_the_api_views_answers_json_403(client_seeing_500s):
    response = client_seeing_500s.get("/api/v1/refusing/")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
