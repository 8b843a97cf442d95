"""The results files are for people too: named sheets with a bold, frozen header, figures
shown to the indicator's decimal places (the exact value kept), real booleans, the
indicator's name and unit, and an "About" sheet that says when and how the figures were
computed and what "suppressed" means — while a funder's file still holds no hidden figure."""

import csv
import io
from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from measurement.choices import Suppression
from measurement.datafiles import read_table
from tests.factories.measurement import ComputationRunFactory, ComputedResultFactory
from tests.measurement.conftest import report

FINISHED = datetime(2024, 7, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def cells(world):
    """The total 98 of 184 (53.26…%, 0.87 of the best group's); Arab girls hidden because
    they are few; computed by a run that finished at ``FINISHED``."""
    for key, numerator, denominator, fields in (
        ("", 98, 184, {"ratio_to_best": 0.86956}),
        ("gender=f;sector=arab", 3, 8, {"suppression": Suppression.GROUP_SIZE}),
        ("gender=m;sector=arab", 20, 40, {"suppression": Suppression.SECONDARY}),
    ):
        ComputedResultFactory(
            indicator=world.indicator,
            period=world.period,
            key=key,
            numerator=numerator,
            denominator=denominator,
            **fields,
        )
    world.run = ComputationRunFactory(initiative=world.initiative, finished_at=FINISHED)
    return world


def _download(client, user, world, file_format, **query):
    client.force_login(user)
    response = client.get(
        reverse(
            "measurement:indicator-results", args=[world.initiative.slug, "read3", file_format]
        ),
        query,
    )
    assert response.status_code == 200
    return response


def _workbook(client, user, world, **query):
    return load_workbook(io.BytesIO(_download(client, user, world, "xlsx", **query).content))


def _sheet_rows(sheet) -> tuple[list[str], dict]:
    """The header, and the cells of each row by its (gender, sector)."""
    rows = list(sheet.iter_rows())
    header = [cell.value for cell in rows[0]]
    by_cell = {}
    for row in rows[1:]:
        cells = dict(zip(header, row, strict=True))
        by_cell[(cells["gender"].value or "", cells["sector"].value or "")] = cells
    return header, by_cell


def _csv(client, user, world) -> tuple[list[str], dict]:
    text = _download(client, user, world, "csv").content.decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    rows = {(r["gender"], r["sector"]): r for r in reader}
    return list(reader.fieldnames or []), rows


def _about(workbook) -> dict:
    return {row[0]: row[1] for row in workbook["About"].iter_rows(min_row=2, values_only=True)}


def test_results_workbook_has_named_sheets_with_a_bold_frozen_header(client, cells, backbone_staff):
    workbook = _workbook(client, backbone_staff, cells)
    assert workbook.sheetnames == ["Results", "About"]
    for sheet in workbook:
        assert sheet.freeze_panes == "A2"
        assert not sheet.sheet_view.rightToLeft
        assert all(cell.font.b for cell in sheet[1])
    assert workbook["Results"].column_dimensions["A"].width >= len("indicator")


def test_results_sheet_shows_figures_to_the_indicators_decimals_and_keeps_the_exact_value(
    client, cells, backbone_staff
):
    _header, rows = _sheet_rows(_workbook(client, backbone_staff, cells)["Results"])
    total = rows[("", "")]
    assert total["value"].value == pytest.approx(98 / 184 * 100)
    assert total["value_rounded"].value == 53.3
    assert total["value"].number_format == total["value_rounded"].number_format == "#,##0.0"
    assert total["ratio_to_best"].number_format == "0.00"  # a ratio, in no unit

    cells.indicator.decimals = 2
    cells.indicator.save()
    _header, rows = _sheet_rows(_workbook(client, backbone_staff, cells)["Results"])
    assert rows[("", "")]["value_rounded"].value == 53.26
    assert rows[("", "")]["value"].number_format == "#,##0.00"


def test_results_sheet_has_real_booleans_and_the_indicators_name_and_unit(
    client, cells, backbone_staff
):
    _header, rows = _sheet_rows(_workbook(client, backbone_staff, cells)["Results"])
    assert rows[("f", "arab")]["suppressed"].value is True
    assert rows[("", "")]["suppressed"].value is False
    assert rows[("", "")]["provisional"].value is False
    assert (rows[("", "")]["indicator_name"].value, rows[("", "")]["unit"].value) == (
        "Reading",
        "%",
    )


def test_funder_files_leave_a_suppressed_cells_exact_and_rounded_value_empty(client, cells, funder):
    header, rows = _csv(client, funder, cells)
    hidden = rows[("f", "arab")]
    assert hidden["suppressed"] == "true"
    assert hidden["value"] == hidden["value_rounded"] == hidden["numerator"] == ""
    assert "3" not in (hidden["numerator"], hidden["denominator"])

    _sheet_header, sheet_rows = _sheet_rows(_workbook(client, funder, cells)["Results"])
    assert _sheet_header == header
    hidden_cells = sheet_rows[("f", "arab")]
    assert hidden_cells["value"].value is None
    assert hidden_cells["value_rounded"].value is None
    assert hidden_cells["suppressed"].value is True


def test_csv_has_the_results_sheets_columns_with_rounded_and_exact_values(
    client, cells, backbone_staff
):
    header, rows = _csv(client, backbone_staff, cells)
    sheet_header, _rows = _sheet_rows(_workbook(client, backbone_staff, cells)["Results"])
    assert header == sheet_header
    assert header[-4:] == ["indicator_name", "unit", "value_rounded", "suppression_reason"]
    total = rows[("", "")]
    assert float(total["value"]) == pytest.approx(98 / 184 * 100)
    assert total["value_rounded"] == "53.3"
    assert (total["indicator_name"], total["unit"]) == ("Reading", "%")
    assert (total["suppressed"], total["provisional"]) == ("false", "false")
    assert rows[("m", "arab")]["value_rounded"] == "50.0"  # its decimal place, as on the pages


def test_about_sheet_says_when_and_by_which_run_the_figures_were_computed(client, cells, funder):
    about = _about(_workbook(client, funder, cells))
    computed = next(label for label in about if label.startswith("Figures computed"))
    assert about[computed] == timezone.localtime(FINISHED).replace(tzinfo=None)
    assert about["Computation run"] == f"Run {cells.run.pk}, for every period"
    assert about["Initiative"] == cells.initiative.name
    assert about["Indicator"] == "Reading (read3)"


def test_about_sheet_says_what_suppressed_and_provisional_mean_and_the_policy(
    client, cells, funder
):
    about = _about(_workbook(client, funder, cells))
    assert "Some groups are not shown" in about["Suppressed"]
    assert "value_rounded are empty" in about["Suppressed"]
    assert "may still change" in about["Provisional"]
    assert "such as “≤ 10%”, instead" in about["Shown as a range"]
    assert about["Disclosure policy: Minimum group size"] == str(
        cells.initiative.suppression_threshold
    )
    assert "small groups are hidden" in about["Figures for"]


def test_about_sheet_tells_the_backbone_its_view_shows_small_groups(client, cells, backbone_staff):
    about = _about(_workbook(client, backbone_staff, cells))
    assert "small groups included" in about["Figures for"]
    assert "suppression_reason" in about["Figures for"]


def test_a_partners_own_part_says_it_was_computed_for_the_file(client, world, partner_a):
    report(world, world.org_a, world.period, {"": (30, 50)})
    about = _about(_workbook(client, partner_a, world, organization="org-a"))
    assert about["Figures for"].startswith("North School's own part")
    assert about["Computation run"].startswith("None")


def test_the_values_template_workbook_is_named_frozen_and_reads_back(client, world, partner_a):
    submission = report(world, world.org_a, world.period, {"": (30, 50)}, "draft")
    client.force_login(partner_a)
    content = client.get(
        reverse(
            "measurement:submission-template",
            args=[world.initiative.slug, submission.pk, "xlsx"],
        )
    ).content
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["Values"]
    assert workbook["Values"].freeze_panes == "A2"
    frame = read_table(content, "template.xlsx")
    total = frame[(frame["gender"] == "") & (frame["sector"] == "")].iloc[0]
    assert (total["numerator"], total["denominator"]) == ("30", "50")


def test_the_indicator_is_named_in_the_readers_language_or_else_in_english_right_to_left(
    client, cells, funder, backbone_staff
):
    cells.indicator.name_he = "קריאה"
    cells.indicator.save()
    funder.language = "he"
    funder.save()
    backbone_staff.language = "ar"  # no Arabic name: the English one
    backbone_staff.save()
    # A request in a person's language leaves it active in the thread: not for later tests.
    with translation.override(translation.get_language()):
        _header, rows = _csv(client, funder, cells)
        assert rows[("", "")]["indicator_name"] == "קריאה"
        workbook = _workbook(client, funder, cells)
        assert all(sheet.sheet_view.rightToLeft for sheet in workbook)
        _header, rows = _csv(client, backbone_staff, cells)
        assert rows[("", "")]["indicator_name"] == "Reading"
