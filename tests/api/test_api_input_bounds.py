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
