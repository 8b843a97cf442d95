"""The results file says why each cell is hidden — to the backbone only — and carries coded
ranges to everyone: CSV, XLSX, the API, share links and the export command alike."""

import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from measurement import statistics
from measurement.choices import Suppression
from tests.api.conftest import url
from tests.factories.measurement import ComputedResultFactory


@pytest.fixture
def cells(world):
    """The total published; Arab girls hidden because they are few, Arab boys to protect them;
    Jewish girls published as "≥ 90%" (37 of 40)."""

    def result(key, numerator, denominator, **fields):
        return ComputedResultFactory(
            indicator=world.indicator,
            period=world.period,
            key=key,
            numerator=numerator,
            denominator=denominator,
            **fields,
        )

    result("", 60, 120)
    result("gender=f;sector=arab", 3, 8, suppression=Suppression.GROUP_SIZE)
    result("gender=m;sector=arab", 20, 40, suppression=Suppression.SECONDARY)
    result("gender=f;sector=jewish", 37, 40, ranged=True, range_low=90, range_high=100)
    return world


def _csv_rows(response) -> tuple[list[str], dict]:
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    reader = csv.DictReader(io.StringIO(text.decode("utf-8-sig")))
    rows = list(reader)
    return list(reader.fieldnames or []), {(r["gender"], r["sector"]): r for r in rows}


def _download(client, user, world, file_format="csv"):
    client.force_login(user)
    return client.get(
        reverse("measurement:indicator-results", args=[world.initiative.slug, "read3", file_format])
    )


def test_funder_export_has_no_suppression_reason_column(client, cells, funder):
    header, rows = _csv_rows(_download(client, funder, cells))
    assert "suppression_reason" not in header
    assert rows[("f", "arab")]["suppressed"] == "true"


def test_backbone_export_says_why_each_cell_is_hidden(client, cells, backbone_staff):
    header, rows = _csv_rows(_download(client, backbone_staff, cells))
    assert header[-1] == "suppression_reason"
    assert rows[("", "")]["suppression_reason"] == ""
    assert rows[("f", "arab")]["suppression_reason"] == "group_size"
    assert rows[("m", "arab")]["suppression_reason"] == "secondary"
    assert rows[("f", "arab")]["value"] == "37.5"  # the backbone sees the number too


def test_funder_export_carries_the_coded_range_not_the_value(client, cells, funder):
    _header, rows = _csv_rows(_download(client, funder, cells))
    ranged = rows[("f", "jewish")]
    assert (ranged["range_low"], ranged["range_high"]) == ("90", "100")
    assert (ranged["value"], ranged["numerator"], ranged["ci_low"]) == ("", "", "")
    assert ranged["denominator"] == "40"
    assert ranged["suppressed"] == "false"


def test_xlsx_export_has_the_same_columns_as_csv_for_each_audience(
    client, cells, funder, backbone_staff
):
    for user, has_reason in ((funder, False), (backbone_staff, True)):
        sheet = load_workbook(io.BytesIO(_download(client, user, cells, "xlsx").content)).active
        header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
        assert ("suppression_reason" in header) is has_reason
        assert {"range_low", "range_high"} <= set(header)


def test_share_link_export_has_the_range_and_no_reason(client, cells, backbone_admin):
    from measurement.models import ShareLink

    client.force_login(backbone_admin)
    client.post(
        reverse("measurement:share-link-list", args=[cells.initiative.slug]),
        {"label": "Board", "days": "30"},
    )
    client.logout()
    link = ShareLink.objects.get()
    response = client.get(reverse("share:indicator-results", args=[link.token, "read3", "csv"]))
    header, rows = _csv_rows(response)
    assert "suppression_reason" not in header
    assert rows[("f", "jewish")]["range_low"] == "90"


def test_export_command_writes_reasons_for_staff_and_not_for_a_funder(cells):
    staff, funder = io.StringIO(), io.StringIO()
    call_command("export_results", "--initiative", "river", stdout=staff)
    call_command("export_results", "--initiative", "river", "--role", "funder", stdout=funder)
    assert "suppression_reason" in staff.getvalue().splitlines()[0]
    assert "suppression_reason" not in funder.getvalue().splitlines()[0]
    assert "range_low,range_high" in funder.getvalue().splitlines()[0]


def test_api_gives_reasons_to_backbone_tokens_only(api, cells, funder, backbone_admin):
    backbone = api(backbone_admin).get(url(cells, "computed-results/")).json()["results"]
    public = api(funder).get(url(cells, "computed-results/")).json()["results"]
    reasons = {tuple(r["categories"].values()): r["suppression_reason"] for r in backbone}
    assert reasons[("f", "arab")] == "group_size"
    assert reasons[("m", "arab")] == "secondary"
    assert all("suppression_reason" not in row for row in public)


def test_api_gives_the_coded_range_instead_of_the_value(api, cells, funder):
    rows = api(funder).get(url(cells, "computed-results/")).json()["results"]
    ranged = next(r for r in rows if r["categories"] == {"gender": "f", "sector": "jewish"})
    assert (ranged["value"], ranged["range_low"], ranged["range_high"]) == (None, 90, 100)


def test_an_exported_statistic_added_later_is_absent_for_restricted_audiences():
    undecided = statistics.Column("new_figure", float, statistics.Stage.AGGREGATE, exported="new")
    assert not statistics.Export("new", undecided).restricted
    decided = next(c for c in statistics.RESULT_COLUMNS if c.name == "value")
    assert statistics.Export("value", decided).restricted


def test_the_reason_column_is_declared_and_the_only_one_restricted_audiences_lack():
    restricted = statistics.exports(unsuppressed=False)
    everything = statistics.exports(unsuppressed=True)
    assert [e.name for e in everything if e not in restricted] == ["suppression_reason"]
    assert [e.name for e in everything][: len(restricted)] == [e.name for e in restricted]
