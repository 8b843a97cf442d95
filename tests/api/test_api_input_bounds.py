"""The API refuses numbers that would poison the results — infinity, NaN, the absurdly large —
row by row, as files and forms do (``measurement.validation.MAX_NUMBER``)."""

import json

import pytest

from measurement.models import DataValue
from tests.api.conftest import url, value_row

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("text", ["inf", "-Infinity", "nan", "1e308", "1e13"])
def test_a_json_row_with_a_poisoned_number_is_refused(api, world, partner_a, text):
    rows = [value_row(period="2024-Q1", denominator=text)]
    response = api(partner_a).post(url(world, "values/"), {"rows": rows}, format="json")
    assert response.status_code == 400
    problems = response.json()["error"]["rows"]
    assert any(p.startswith("Row 0, column denominator:") for p in problems), problems
    assert not DataValue.objects.exists()


def test_a_json_number_too_large_for_a_float_is_refused(api, world, partner_a):
    # Python reads 1e400 as infinity; the row names it.
    body = json.dumps({"rows": [value_row(period="2024-Q1")]}).replace('"40"', "1e400")
    response = api(partner_a).post(
        url(world, "values/"), data=body, content_type="application/json"
    )
    assert response.status_code == 400
    assert "Row 0, column denominator" in json.dumps(response.json())
    assert not DataValue.objects.exists()


def test_a_csv_body_with_infinity_is_refused(api, world, partner_a):
    body = (
        "indicator,period,organization,gender,sector,numerator,denominator,value\n"
        "read3,2024-Q1,org-a,f,arab,12,inf,\n"
    )
    response = api(partner_a).post(url(world, "values/"), data=body, content_type="text/csv")
    assert response.status_code == 400
    assert any(p.startswith("Row 2, column denominator:") for p in response.json()["error"]["rows"])
    assert not DataValue.objects.exists()


def test_a_ragged_csv_body_is_refused_by_row(api, world, partner_a):
    body = (
        "indicator,period,organization,gender,sector,numerator,denominator,value\n"
        "read3,2024-Q1,org-a,f,arab,12,40,\n"
        "read3,2024-Q1,org-a,m,arab,12,40,,\n"
    )
    response = api(partner_a).post(url(world, "values/"), data=body, content_type="text/csv")
    assert response.status_code == 400
    assert "Row 3 has 9 fields" in json.dumps(response.json())
    assert not DataValue.objects.exists()


# ---- Dry runs ----


def test_a_dry_run_says_what_a_batch_would_change_and_writes_nothing(api, world, partner_a):
    client = api(partner_a)
    first = [value_row(period="2024-Q1")]
    assert client.post(url(world, "values/"), {"rows": first}, format="json").status_code == 200
    rows = [value_row(period="2024-Q1", numerator="13"), value_row(period="2024-Q1", gender="m")]
    response = client.post(
        url(world, "values/?dry_run=true"),
        {"rows": rows},
        format="json",
        HTTP_IDEMPOTENCY_KEY="try-1",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["dry_run"] is True
    assert body["changes"] == {
        "new": 1,
        "changed": 1,
        "unchanged": 0,
        "organizations": [
            {"organization": "org-a", "period": "2024-Q1", "new": 1, "changed": 1, "unchanged": 0}
        ],
    }
    assert DataValue.objects.get().numerator == 12
    # A dry run keeps nothing under its key: the real write with the same key writes.
    again = client.post(
        url(world, "values/"), {"rows": rows}, format="json", HTTP_IDEMPOTENCY_KEY="try-1"
    )
    assert again.json()["dry_run"] is False
    assert DataValue.objects.count() == 2


def test_a_dry_run_of_a_bad_batch_lists_its_problems(api, world, partner_a):
    rows = [value_row(period="2024-Q1", numerator="50")]
    response = api(partner_a).post(
        url(world, "values/?dry_run=true"), {"rows": rows}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "rows_invalid"


def test_a_dry_run_into_a_submission_writes_nothing(api, world, partner_a):
    client = api(partner_a)
    started = client.post(url(world, "submissions/"), {"period": "2024-Q1"}, format="json")
    pk = started.json()["id"]
    response = client.patch(
        url(world, f"submissions/{pk}/?dry_run=true"),
        {"values": [value_row()]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["changes"]["new"] == 1
    assert not DataValue.objects.exists()


def test_a_real_write_says_it_was_not_a_dry_run(api, world, partner_a):
    response = api(partner_a).post(
        url(world, "values/"), {"rows": [value_row(period="2024-Q1")]}, format="json"
    )
    assert (response.json()["dry_run"], response.json()["changes"]) == (False, None)
