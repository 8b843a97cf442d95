"""What a client generated from the schema expects of lists and queries: orderings it can
name from the schema, paging parameters refused when they make no sense, the end of a list
told apart from a missing initiative, filters that do not depend on how they are spelled, and
a 201 only when something was created."""

import pytest
from django.test import Client

from tests.api.conftest import url

pytestmark = pytest.mark.django_db


def _error(response) -> dict:
    return response.json()["error"]


# ---- Ordering ----


def test_ordering_a_list_with_one_fixed_order_is_refused_not_a_server_error(api, computed, funder):
    for field in ("suppressed", "categories", "reference_category", "value"):
        response = api(funder).get(url(computed, f"computed-results/?ordering={field}"))
        assert response.status_code == 400, field
        assert _error(response)["code"] == "invalid"
        assert "ordering" in _error(response)["fields"]


def test_ordering_by_a_field_the_list_does_not_offer_is_refused(api, world, backbone_staff):
    response = api(backbone_staff).get(url(world, "submissions/?ordering=created_by"))
    assert response.status_code == 400
    assert "ordering" in _error(response)["fields"]


def test_the_declared_orderings_work_both_ways(api, world, backbone_staff):
    client = api(backbone_staff)
    ascending = client.get(url(world, "periods/?ordering=code"))
    descending = client.get(url(world, "periods/?ordering=-code,start"))
    assert (ascending.status_code, descending.status_code) == (200, 200)


def test_the_schema_names_every_ordering_a_list_accepts(db):
    schema = Client().get("/api/v1/schema/?format=json").json()
    submissions = schema["paths"]["/api/v1/initiatives/{slug}/submissions/"]["get"]
    [ordering] = [p for p in submissions["parameters"] if p["name"] == "ordering"]
    assert set(ordering["schema"]["items"]["enum"]) == {
        "period__start",
        "-period__start",
        "organization__code",
        "-organization__code",
        "status",
        "-status",
        "id",
        "-id",
    }
    results = schema["paths"]["/api/v1/initiatives/{slug}/computed-results/"]["get"]
    assert "ordering" not in {p["name"] for p in results["parameters"]}


# ---- Paging ----


@pytest.mark.parametrize("page_size", ["abc", "0", "-5", "2.5", "²"])
def test_a_page_size_that_is_not_a_positive_whole_number_is_refused(
    api, computed, funder, page_size
):
    response = api(funder).get(url(computed, f"computed-results/?page_size={page_size}"))
    assert response.status_code == 400
    assert "page_size" in _error(response)["fields"]


@pytest.mark.parametrize("page", ["abc", "0", "-1"])
def test_a_page_number_that_is_not_a_positive_whole_number_is_refused(api, computed, funder, page):
    response = api(funder).get(url(computed, f"computed-results/?page={page}"))
    assert response.status_code == 400
    assert "page" in _error(response)["fields"]


def test_a_page_past_the_end_is_told_apart_from_a_missing_initiative(api, computed, funder):
    past = api(funder).get(url(computed, "computed-results/?page=99"))
    assert past.status_code == 404
    assert _error(past)["code"] == "page_out_of_range"
    missing = api(funder).get("/api/v1/initiatives/no-such-place/computed-results/")
    assert _error(missing)["code"] == "not_found"


def test_the_page_size_a_client_asks_for_is_kept_in_the_next_link(api, computed, funder):
    first = api(funder).get(url(computed, "computed-results/?page_size=2")).json()
    assert "page_size=2" in first["next"]


# ---- Filters ----


def test_a_breakdown_filter_does_not_depend_on_the_order_dimensions_are_named_in(
    api, computed, funder
):
    client = api(funder)
    alphabetical = client.get(url(computed, "computed-results/?dimension=gender;sector")).json()
    reversed_order = client.get(url(computed, "computed-results/?dimension=sector;gender")).json()
    assert alphabetical["count"] == 4
    assert reversed_order["results"] == alphabetical["results"]


# ---- Creating ----


def test_starting_a_submission_answers_201_once_and_200_when_it_exists(api, world, partner_a):
    client = api(partner_a)
    body = {"period": world.period.code}
    created = client.post(url(world, "submissions/"), body, format="json")
    found = client.post(url(world, "submissions/"), body, format="json")
    assert (created.status_code, found.status_code) == (201, 200)
    assert created.json()["id"] == found.json()["id"]


# ---- Content types ----


def test_asking_for_an_answer_in_another_type_is_a_json_406(api, world, funder):
    response = api(funder).get(url(world), HTTP_ACCEPT="text/html")
    assert response.status_code == 406
    assert response["Content-Type"] == "application/json"
    assert _error(response)["code"] == "not_acceptable"


# ---- What a body may hold, as the schema says it ----


def test_a_period_code_longer_than_periods_have_is_refused_under_period(api, world, backbone_staff):
    body = {"organization": world.org_a.code, "period": "2024-Q1-final"}
    response = api(backbone_staff).post(url(world, "submissions/"), body, format="json")
    assert response.status_code == 400
    assert list(_error(response)["fields"]) == ["period"]


def test_the_schema_says_what_a_body_may_hold():
    schemas = Client().get("/api/v1/schema/?format=json").json()["components"]["schemas"]
    assert schemas["SubmissionCreateRequest"]["properties"]["period"]["maxLength"] == 10
    assert schemas["ValuesRequest"]["properties"]["rows"]["minItems"] == 1
    assert schemas["SubmissionValuesRequest"]["properties"]["values"]["minItems"] == 1
    assert schemas["SubmissionValuesRequest"]["required"] == ["values"]
    assert schemas["ValuesRequest"]["required"] == ["rows"]


# ---- Row numbers ----


def test_a_json_row_has_one_number_in_messages_and_in_field_paths(api, world, partner_a):
    client = api(partner_a)
    good = {"indicator": "read3", "period": "2024-Q1", "gender": "f", "sector": "arab"}
    shape = client.post(url(world, "values/"), {"rows": [good, {"gender": ["f"]}]}, format="json")
    assert list(_error(shape)["fields"]["rows"]) == ["1"]
    content = client.post(
        url(world, "values/"), {"rows": [good, {**good, "gender": "x"}]}, format="json"
    )
    assert any(problem.startswith("Row 1, column gender") for problem in _error(content)["rows"])


def test_a_csv_row_is_numbered_by_its_line(api, world, partner_a):
    csv = (
        "indicator,period,organization,gender,sector,numerator,denominator,value\n"
        "read3,2024-Q1,org-a,f,arab,12,40,\n"
        "read3,2024-Q1,org-a,x,arab,12,40,\n"
    )
    answer = api(partner_a).post(url(world, "values/"), data=csv, content_type="text/csv")
    assert any(problem.startswith("Row 3, column gender") for problem in _error(answer)["rows"])
