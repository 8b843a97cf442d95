"""Bulk values (JSON and CSV, idempotent, all or nothing), computed results suppressed per
role, computation runs, pagination, errors and rate limits."""

import pytest

from measurement.choices import SubmissionStatus
from measurement.models import DataValue, Submission
from tests.api.conftest import url, value_row
from tests.measurement.conftest import report

pytestmark = pytest.mark.django_db

CSV = (
    "indicator,period,organization,gender,sector,numerator,denominator,value\n"
    "read3,2024-Q1,org-a,f,arab,12,40,\n"
    "read3,2024-Q1,org-a,m,arab,9,35,\n"
)


def _rows(**extra):
    return [value_row(period="2024-Q1", **extra)]


def test_partner_sends_a_csv_of_values_into_a_draft(api, world, partner_a):
    response = api(partner_a).post(url(world, "values/"), data=CSV, content_type="text/csv")
    assert response.status_code == 200
    body = response.json()
    assert (body["rows"], body["changed"]) == (2, 2)
    submission = Submission.objects.get(pk=body["submissions"][0])
    assert (submission.organization, submission.status) == (world.org_a, SubmissionStatus.DRAFT)
    assert submission.values.count() == 2


def test_json_rows_may_leave_out_the_partners_own_organization(api, world, partner_a):
    response = api(partner_a).post(url(world, "values/"), {"rows": _rows()}, format="json")
    assert response.status_code == 200
    assert DataValue.objects.get().submission.organization == world.org_a


def test_a_batch_with_one_bad_row_saves_nothing_and_lists_every_problem(api, world, partner_a):
    rows = _rows() + _rows(gender="x", numerator="50")
    response = api(partner_a).post(url(world, "values/"), {"rows": rows}, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "rows_invalid"
    # JSON rows are numbered by their index in "rows", from 0, as fields.rows numbers them.
    assert any("Row 1, column gender" in problem for problem in error["rows"])
    assert any("Row 1, column numerator" in problem for problem in error["rows"])
    assert not DataValue.objects.exists()


def test_the_same_batch_sent_twice_with_its_key_is_written_once(api, world, partner_a):
    client = api(partner_a)
    first = client.post(
        url(world, "values/"),
        data=CSV,
        content_type="text/csv",
        HTTP_IDEMPOTENCY_KEY="batch-2024-Q1",
    )
    again = client.post(
        url(world, "values/"),
        data=CSV,
        content_type="text/csv",
        HTTP_IDEMPOTENCY_KEY="batch-2024-Q1",
    )
    assert first.json() == again.json()
    assert again["Idempotent-Replayed"] == "true"
    assert DataValue.history.count() == 2  # two values, each written once


def test_a_key_reused_for_a_different_batch_is_refused(api, world, partner_a):
    client = api(partner_a)
    client.post(url(world, "values/"), {"rows": _rows()}, format="json", HTTP_IDEMPOTENCY_KEY="k1")
    response = client.post(
        url(world, "values/"),
        {"rows": _rows(numerator="13")},
        format="json",
        HTTP_IDEMPOTENCY_KEY="k1",
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "idempotency_key_reused"
    assert DataValue.objects.get().numerator == 12


def test_values_of_a_submitted_submission_are_refused(api, world, partner_a):
    client = api(partner_a)
    submission_id = client.post(url(world, "values/"), {"rows": _rows()}, format="json").json()[
        "submissions"
    ][0]
    client.post(url(world, f"submissions/{submission_id}/submit/"))
    response = client.patch(
        url(world, f"submissions/{submission_id}/"),
        {"values": [value_row(numerator="1")]},
        format="json",
    )
    assert response.status_code == 400
    assert "can no longer be changed" in response.json()["error"]["rows"][0]
    assert DataValue.objects.get().numerator == 12


def test_partner_updates_a_draft_and_submits_it(api, world, partner_a):
    client = api(partner_a)
    created = client.post(url(world, "submissions/"), {"period": "2024-Q1"}, format="json")
    assert created.status_code == 201
    submission_id = created.json()["id"]
    assert created.json()["organization"] == "org-a"
    response = client.patch(
        url(world, f"submissions/{submission_id}/"),
        {"values": [value_row(gender="m", sector="jewish", numerator="30", denominator="31")]},
        format="json",
    )
    assert response.json()["submissions"] == [submission_id]
    submitted = client.post(url(world, f"submissions/{submission_id}/submit/"))
    assert submitted.json()["status"] == "submitted"


def test_an_empty_submission_cannot_be_submitted(api, world, partner_a):
    client = api(partner_a)
    submission_id = client.post(
        url(world, "submissions/"), {"period": "2024-Q1"}, format="json"
    ).json()["id"]
    response = client.post(url(world, f"submissions/{submission_id}/submit/"))
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"


def test_a_malformed_body_gets_the_same_error_shape(api, world, partner_a):
    response = api(partner_a).post(url(world, "values/"), {"rows": "not a list"}, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert "rows" in error["fields"]


# ---- Computed results ----


def test_funder_token_reads_results_suppressed_like_the_dashboards(api, computed, funder):
    rows = api(funder).get(url(computed, "computed-results/?dimension=gender;sector")).json()
    small = next(r for r in rows["results"] if r["categories"] == {"gender": "m", "sector": "arab"})
    assert small["suppressed"] is True
    assert small["numerator"] is None
    assert small["value"] is None


def test_results_compare_each_group_with_the_best_off_published_group(api, computed, funder):
    rows = api(funder).get(url(computed, "computed-results/?dimension=gender")).json()
    by_gender = {r["categories"]["gender"]: r for r in rows["results"]}
    # Boys, 28 of 41, are the best off; girls read at 32 of 70.
    assert by_gender["f"]["best_category"] == by_gender["m"]["best_category"] == "m"
    assert by_gender["f"]["ratio_to_best"] == pytest.approx((32 / 70) / (28 / 41))
    assert by_gender["m"]["difference_from_best"] == 0


def test_backbone_token_reads_the_small_cell(api, computed, backbone_staff):
    rows = (
        api(backbone_staff)
        .get(url(computed, "computed-results/?dimension=gender;sector"))
        .json()["results"]
    )
    small = next(r for r in rows if r["categories"] == {"gender": "m", "sector": "arab"})
    assert small["numerator"] == 3
    assert small["suppressed"] is True  # flagged, but backbone roles see the number


def test_computed_results_filter_by_indicator_period_and_dimension(api, computed, funder):
    client = api(funder)
    totals = client.get(url(computed, "computed-results/?dimension=total&indicator=read3"))
    [total] = totals.json()["results"]
    assert total["categories"] == {}
    assert total["denominator"] == 111
    assert client.get(url(computed, "computed-results/?period=2023-Q4")).json()["count"] == 0
    by_sector = client.get(url(computed, "computed-results/?dimension=sector")).json()
    assert {tuple(r["categories"]) for r in by_sector["results"]} == {("sector",)}


def test_results_come_in_pages(api, computed, backbone_staff):
    client = api(backbone_staff)
    first = client.get(url(computed, "computed-results/?page_size=2")).json()
    assert len(first["results"]) == 2
    assert first["count"] > 2
    second = client.get(first["next"]).json()
    assert second["results"][0] != first["results"][0]


def test_computation_runs_start_and_report_status(
    api, world, backbone_staff, django_capture_on_commit_callbacks
):
    report(world, world.org_a, world.period, {"gender=f;sector=arab": (12, 40)})
    client = api(backbone_staff)
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(url(world, "computation-runs/"), {"reason": "nightly"}, format="json")
    assert started.status_code == 202
    run = client.get(url(world, f"computation-runs/{started.json()['id']}/")).json()
    assert run["status"] == "succeeded"
    assert run["reason"] == "nightly"
    summary = run["disclosure"]
    assert summary["policy"]["min_group_size"] == world.initiative.suppression_threshold
    assert summary["tables"]["total"] >= 1
    assert set(summary["restricted"]["hidden"]) >= {"group_size", "small_count", "secondary"}
    assert (
        client.post(
            url(world, "computation-runs/"), {"period": "1999-Q1"}, format="json"
        ).status_code
        == 400
    )


# ---- Rate limits and the schema ----


def test_too_many_requests_are_slowed_down(api, world, partner_a, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "3/minute", "anon": "3/minute"},
    }
    client = api(partner_a)
    statuses = [client.get(url(world)).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get(url(world))
    assert response.json()["error"]["status"] == 429
    assert "Retry-After" in response


def test_the_openapi_description_and_its_offline_docs_page_are_served(client, db):
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/initiatives/{slug}/values/" in schema.content
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    assert b"static/drf_spectacular_sidecar" in docs.content
    assert b"cdn" not in docs.content.lower()
