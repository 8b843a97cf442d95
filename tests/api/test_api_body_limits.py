"""How much one request may send: a body over API_MAX_BODY_BYTES is refused with 413, more
than API_MAX_ROWS rows with 400 — both in the API's JSON error shape, and nothing is written.
(That a realistic 200,000-row body fits the default limit is measured by bench/api_body.py.)"""

import io
import json

import pytest
from django.test import override_settings

from api.parsers import BodyTooLarge, CsvParser
from measurement.models import DataValue, ReportingPeriod, Submission
from tests.api.conftest import url, value_row

pytestmark = pytest.mark.django_db

HEADER = "indicator,period,organization,gender,sector,numerator,denominator,value\n"
CSV_ROW = "read3,2024-Q1,org-a,f,arab,12,40,\n"
JSON_ROW = value_row(period="2024-Q1")


def _json_body(rows) -> bytes:
    return json.dumps({"rows": rows}).encode()


def _post(client, world, body: bytes, content_type: str, **extra):
    return client.post(url(world, "values/"), data=body, content_type=content_type, **extra)


def _nothing_written():
    return not (
        DataValue.objects.exists()
        or Submission.objects.exists()
        or ReportingPeriod.objects.exclude(code="2024-Q1").exists()
    )


BODIES = {
    "application/json": _json_body([JSON_ROW]),
    "text/csv": (HEADER + CSV_ROW).encode(),
}


@pytest.mark.parametrize("content_type", BODIES)
def test_a_body_one_byte_over_the_limit_is_refused_with_413(api, world, partner_a, content_type):
    body = BODIES[content_type]
    with override_settings(API_MAX_BODY_BYTES=len(body) - 1):
        response = _post(api(partner_a), world, body, content_type)
    assert response.status_code == 413
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (413, "body_too_large")
    assert f"{len(body) - 1:,} bytes" in error["message"]
    assert _nothing_written()


@pytest.mark.parametrize("content_type", BODIES)
def test_a_body_exactly_at_the_limit_is_accepted(api, world, partner_a, content_type):
    body = BODIES[content_type]
    with override_settings(API_MAX_BODY_BYTES=len(body)):
        response = _post(api(partner_a), world, body, content_type)
    assert response.status_code == 200
    assert DataValue.objects.count() == 1


def test_a_declared_length_over_the_limit_is_refused_without_reading(api, world, partner_a):
    """The test client's body cannot be read past its length: answering at all shows that
    nothing was read."""
    body = BODIES["text/csv"]
    response = _post(api(partner_a), world, body, "text/csv", CONTENT_LENGTH=str(20 * 2**20 + 1))
    assert response.status_code == 413
    assert "20,971,520 bytes" in response.json()["error"]["message"]  # the upload file limit


def test_a_json_body_over_djangos_form_limit_is_read_by_the_api(api, world, partner_a):
    """3 MB is over Django's DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB), which once answered an
    HTML 400: the API reads it and checks its rows."""
    rows = [{**JSON_ROW, "gender": "x", "pad": "p" * 100}] * 20_000
    body = _json_body(rows)
    assert len(body) > 2.5 * 2**20
    response = _post(api(partner_a), world, body, "application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "rows_invalid"


def test_more_json_rows_than_the_limit_are_refused(api, world, partner_a, settings):
    count = settings.API_MAX_ROWS + 1
    body = b'{"rows": [' + b",".join([b'{"indicator": "read3"}'] * count) + b"]}"
    response = _post(api(partner_a), world, body, "application/json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "rows_invalid"
    assert error["rows"] == [
        f"The batch has {count:,} rows; at most {count - 1:,} are accepted at once. "
        "Split it into smaller batches."
    ]
    assert _nothing_written()


def test_more_csv_rows_than_the_limit_are_refused(api, world, partner_a, settings):
    count = settings.API_MAX_ROWS + 1
    body = (HEADER + CSV_ROW * count).encode()
    response = _post(api(partner_a), world, body, "text/csv")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "rows_invalid"
    assert f"at most {count - 1:,} are accepted" in error["rows"][0]
    assert _nothing_written()


@override_settings(API_MAX_ROWS=1)
def test_the_row_limit_holds_for_a_submissions_values_too(api, world, partner_a):
    client = api(partner_a)
    submission = client.post(url(world, "submissions/"), {"period": "2024-Q1"}, format="json")
    values = [value_row()] * 2
    response = client.patch(
        url(world, f"submissions/{submission.json()['id']}/"), {"values": values}, format="json"
    )
    assert response.status_code == 400
    assert "The batch has 2 rows" in response.json()["error"]["rows"][0]
    assert not DataValue.objects.exists()


@override_settings(API_MAX_BODY_BYTES=1000)
def test_the_csv_parser_reads_at_most_one_byte_past_the_limit(rf):
    stream = io.BytesIO(b"x" * 10_000)
    request = rf.post("/", content_type="text/csv")  # no length: a body sent in chunks
    with pytest.raises(BodyTooLarge):
        CsvParser().parse(stream, parser_context={"request": request})
    assert stream.tell() == 1001
