"""An inactive (retired) indicator follows one rule on the pages and in the API: it is not
listed, its page and its record answer 404, its results are in no list or export, and no
values are entered for it — by the entry grid, a file upload or the API."""

import pytest
from django.urls import reverse

from measurement import services
from measurement.choices import SubmissionStatus, UploadStatus
from measurement.models import DataValue, Submission
from tests.api.conftest import url
from tests.factories.measurement import IndicatorFactory, ReportingPeriodFactory
from tests.measurement.conftest import compute

pytestmark = pytest.mark.django_db

NUMBERS = {"numerator": "1", "denominator": "2"}


@pytest.fixture
def retired(world):
    """``old2``: an indicator with approved data and computed results, then retired; read3
    stays active."""
    indicator = IndicatorFactory(initiative=world.initiative, code="old2", name="Old reading")
    indicator.dimensions.set([world.gender, world.sector])
    services.indicator_cells_create(indicator=indicator)
    submission = Submission.objects.create(
        initiative=world.initiative,
        organization=world.org_a,
        period=world.period,
        status=SubmissionStatus.APPROVED,
    )
    for code in ("read3", "old2"):
        for key, (numerator, denominator) in {
            "gender=f;sector=arab": (12, 40),
            "gender=m;sector=jewish": (25, 35),
        }.items():
            DataValue.objects.create(
                submission=submission,
                indicator=world.initiative.indicators.get(code=code),
                cell=world.initiative.cells.get(key=key),
                numerator=numerator,
                denominator=denominator,
            )
    compute(world)
    assert world.initiative.computed_results.filter(indicator=indicator).exists()
    indicator.is_active = False
    indicator.save()
    return indicator


@pytest.mark.parametrize("persona", ["backbone_staff", "funder"], indirect=True)
def test_an_inactive_indicator_is_not_listed(api, world, retired, persona):
    listed = [i["code"] for i in api(persona).get(url(world, "indicators/")).json()["results"]]
    assert listed == ["read3"]


@pytest.mark.parametrize("persona", ["backbone_staff", "funder"], indirect=True)
def test_an_inactive_indicator_answers_404(api, world, retired, persona):
    response = api(persona).get(url(world, "indicators/old2/"))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("persona", ["backbone_staff", "funder"], indirect=True)
def test_the_results_of_an_inactive_indicator_are_not_served(api, world, retired, persona):
    client = api(persona)
    everything = client.get(url(world, "computed-results/?page_size=5000")).json()
    assert everything["count"] > 0
    assert {row["indicator"] for row in everything["results"]} == {"read3"}
    assert client.get(url(world, "computed-results/?indicator=old2")).json()["count"] == 0


def test_the_values_of_an_inactive_indicator_are_not_shown_in_a_submission(
    api, world, retired, backbone_staff
):
    submission = Submission.objects.get()
    detail = api(backbone_staff).get(url(world, f"submissions/{submission.pk}/")).json()
    assert {value["indicator"] for value in detail["values"]} == {"read3"}


def test_values_for_an_inactive_indicator_are_refused(api, world, retired, partner_a):
    rows = [
        {"indicator": "old2", "period": "2024-Q2", "gender": "f", "sector": "arab", **NUMBERS},
        {"indicator": "read3", "period": "2024-Q2", "gender": "x", "sector": "arab", **NUMBERS},
    ]
    response = api(partner_a).post(url(world, "values/"), {"rows": rows}, format="json")
    assert response.status_code == 400
    problems = response.json()["error"]["rows"]
    # JSON rows are numbered by their index in "rows", from 0.
    assert "Row 0, column indicator: 'old2' is not collected any more" in problems[0]
    assert any("Row 1, column gender" in problem for problem in problems)
    assert not DataValue.objects.filter(submission__period__code="2024-Q2").exists()


def test_a_file_upload_refuses_an_inactive_indicator_too(world, retired, partner_a):
    upload = services.upload_check(
        actor=partner_a,
        initiative=world.initiative,
        organization=world.org_a,
        filename="values.csv",
        content=b"indicator,period,organization,gender,sector,numerator,denominator,value\n"
        b"old2,2024-Q2,org-a,f,arab,1,2,\n",
    )
    assert upload.status == UploadStatus.REJECTED
    assert "'old2' is not collected any more" in upload.errors[0]


@pytest.mark.parametrize("code", ["read3", "old2"])
def test_the_pages_and_the_api_agree_on_an_indicator(
    client, api, world, retired, backbone_staff, partner_a, code
):
    """Whatever the web answers for an indicator, the API answers the same way."""
    client.force_login(backbone_staff)
    web = {
        "page": client.get(
            reverse("measurement:indicator-detail", args=[world.initiative.slug, code])
        ).status_code,
        "results": client.get(
            reverse("measurement:indicator-results", args=[world.initiative.slug, code, "csv"])
        ).status_code,
    }
    backbone = api(backbone_staff)
    served = backbone.get(url(world, f"computed-results/?indicator={code}")).json()["count"]
    api_answers = {
        "page": backbone.get(url(world, f"indicators/{code}/")).status_code,
        "results": 200 if served else 404,
    }
    assert api_answers == web

    draft = Submission.objects.create(
        initiative=world.initiative,
        organization=world.org_a,
        period=ReportingPeriodFactory(initiative=world.initiative, code="2024-Q2"),
    )
    client.force_login(partner_a)
    entry = client.get(
        reverse("measurement:submission-values-edit", args=[world.initiative.slug, draft.pk, code])
    )
    patch = api(partner_a).patch(
        url(world, f"submissions/{draft.pk}/"),
        {
            "values": [
                {
                    "indicator": code,
                    "gender": "f",
                    "sector": "arab",
                    "numerator": "1",
                    "denominator": "2",
                }
            ]
        },
        format="json",
    )
    assert (entry.status_code == 200) == (patch.status_code == 200)
