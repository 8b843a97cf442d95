"""Reporting periods are definitions: only backbone roles create them. Partners report into
the periods the backbone set up, whichever door their data comes through, and a refused
request leaves no period behind."""

import pytest
from django.urls import reverse

from measurement.choices import UploadStatus
from measurement.models import DataValue, ReportingPeriod, Submission
from tests.api.conftest import url
from tests.measurement.test_uploads import csv_file, upload

pytestmark = pytest.mark.django_db


def _rows(*periods):
    return [
        {
            "indicator": "read3",
            "period": period,
            "organization": "org-a",
            "gender": "f",
            "sector": "arab",
            "numerator": "1",
            "denominator": "2",
        }
        for period in periods
    ]


def _period_codes(world):
    return set(ReportingPeriod.objects.filter(initiative=world.initiative).values_list("code"))


def test_partner_values_for_unknown_periods_are_refused_and_create_none(api, world, partner_a):
    new = [f"{year}-Q{quarter}" for year in range(2030, 2060) for quarter in range(1, 5)]
    response = api(partner_a).post(url(world, "values/"), {"rows": _rows(*new)}, format="json")
    assert response.status_code == 400
    problems = response.json()["error"]["rows"]
    assert len(problems) == 120
    assert "there is no reporting period 2030-Q1 in this initiative" in problems[0]
    assert _period_codes(world) == {("2024-Q1",)}
    assert not DataValue.objects.exists()


def test_partner_values_for_a_period_the_backbone_set_up_are_written(api, world, partner_a):
    response = api(partner_a).post(url(world, "values/"), {"rows": _rows("2024-Q1")}, format="json")
    assert response.status_code == 200
    assert DataValue.objects.count() == 1


def test_backbone_values_for_a_new_period_create_it(api, world, backbone_staff):
    response = api(backbone_staff).post(
        url(world, "values/"), {"rows": _rows("2025-Q1")}, format="json"
    )
    assert response.status_code == 200
    assert ("2025-Q1",) in _period_codes(world)


def test_a_refused_submission_for_another_organization_creates_no_period(api, world, partner_b):
    response = api(partner_b).post(
        url(world, "submissions/"), {"organization": "org-a", "period": "2031-Q2"}, format="json"
    )
    assert response.status_code == 403
    assert _period_codes(world) == {("2024-Q1",)}
    assert not Submission.objects.exists()


def test_a_partner_cannot_open_a_submission_for_an_unknown_period(api, world, partner_a):
    response = api(partner_a).post(url(world, "submissions/"), {"period": "2031-Q2"}, format="json")
    assert response.status_code == 400
    assert "2031-Q2" in str(response.json()["error"]["fields"]["period"])
    assert _period_codes(world) == {("2024-Q1",)}
    assert not Submission.objects.exists()


def test_backbone_opens_a_submission_for_a_new_period(api, world, backbone_staff):
    response = api(backbone_staff).post(
        url(world, "submissions/"), {"organization": "org-a", "period": "2031-Q2"}, format="json"
    )
    assert response.status_code == 201
    assert ("2031-Q2",) in _period_codes(world)


def test_a_partners_file_with_an_unknown_period_is_rejected_and_creates_none(
    client, world, partner_a
):
    client.force_login(partner_a)
    _response, stored = upload(client, world, csv_file("read3,2031-Q2,org-a,f,arab,1,2,"))
    assert stored.status == UploadStatus.REJECTED
    assert stored.errors == [
        "Row 2, column period: there is no reporting period 2031-Q2 in this initiative. "
        "Reporting periods are set up by the backbone; ask them to add it."
    ]
    assert _period_codes(world) == {("2024-Q1",)}


def test_saving_a_checked_file_rechecks_that_its_periods_exist(client, world, partner_a):
    client.force_login(partner_a)
    _response, stored = upload(client, world, csv_file("read3,2024-Q1,org-a,f,arab,1,2,"))
    world.period.delete()
    client.post(reverse("measurement:upload-save", args=[world.initiative.slug, stored.pk]))
    stored.refresh_from_db()
    assert stored.status == UploadStatus.REJECTED
    assert not ReportingPeriod.objects.filter(initiative=world.initiative).exists()
    assert not DataValue.objects.exists()
