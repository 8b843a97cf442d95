"""Numbers that would poison the results — NaN, infinity and the absurdly large — are refused
with a message naming the row or cell, whichever way they arrive: the entry grid, a file, the
command line. One rule (``measurement.validation.MAX_NUMBER``) serves every path."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from measurement.choices import IndicatorKind, UploadStatus
from measurement.models import DataValue, Submission, Upload
from measurement.services.definitions_file import definitions_validate
from measurement.validation import MAX_NUMBER, value_errors
from tests.factories.measurement import SubmissionFactory

HEADER = "indicator,period,organization,gender,sector,numerator,denominator,value"
POISON = ["inf", "Infinity", "-inf", "1e308", "1e13"]


# ---- The rule ----


@pytest.mark.parametrize("number", [float("inf"), float("-inf"), float("nan"), 1e308, 1e12 + 1])
def test_a_non_finite_or_absurd_denominator_is_refused(number):
    errors = value_errors(IndicatorKind.RATE, numerator=1, denominator=number)
    assert "denominator" in errors


@pytest.mark.parametrize("kind", [IndicatorKind.COUNT, IndicatorKind.AVERAGE])
def test_a_non_finite_value_is_refused_for_every_kind(kind):
    errors = value_errors(kind, value=float("inf"), denominator=10)
    assert "value" in errors


def test_the_largest_number_accepted_is_the_bound():
    assert MAX_NUMBER == 1e12
    assert value_errors(IndicatorKind.RATE, numerator=1, denominator=MAX_NUMBER) == {}


# ---- The entry grid ----


def _edit(world, submission):
    return reverse(
        "measurement:submission-values-edit",
        args=[world.initiative.slug, submission.pk, world.indicator.code],
    )


@pytest.mark.parametrize("text", ["inf", "Infinity", "nan", "1e308", "1e13"])
def test_the_entry_grid_refuses_the_number_beside_its_cell(client, world, partner_a, text):
    submission = SubmissionFactory(
        initiative=world.initiative, organization=world.org_a, period=world.period
    )
    cell = world.initiative.cells.get(key="gender=f;sector=arab").pk
    client.force_login(partner_a)
    response = client.post(
        _edit(world, submission),
        {f"cell_{cell}_numerator": "1", f"cell_{cell}_denominator": text},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a number." in page or "at most 1,000,000,000,000" in page
    assert not DataValue.objects.exists()


# ---- Files ----


def _csv(*lines):
    return "\n".join([HEADER, *lines]).encode()


@pytest.mark.parametrize("text", POISON)
def test_an_upload_names_the_row_and_column_of_a_poisoned_number(client, world, partner_a, text):
    client.force_login(partner_a)
    client.post(
        reverse("measurement:upload-new", args=[world.initiative.slug]),
        {
            "file": SimpleUploadedFile(
                "values.csv",
                _csv("read3,2024-Q1,org-a,f,arab,1,2,", f"read3,2024-Q1,org-a,m,arab,1,{text},"),
            ),
            "organization": world.org_a.pk,
        },
    )
    upload = Upload.objects.get()
    assert upload.status == UploadStatus.REJECTED
    assert any(e.startswith("Row 3, column denominator:") for e in upload.errors), upload.errors
    assert not DataValue.objects.exists()


@pytest.mark.parametrize("text", POISON)
def test_import_data_refuses_a_poisoned_number_and_writes_nothing(world, tmp_path, text):
    path = tmp_path / "values.csv"
    path.write_bytes(_csv(f"read3,2024-Q1,org-a,f,arab,1,{text},"))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_data", "--initiative", world.initiative.slug, str(path), stderr=err)
    assert "Row 2, column denominator:" in err.getvalue()
    assert not DataValue.objects.exists()
    assert not Submission.objects.exists()


def test_an_average_value_may_have_decimals_up_to_the_bound(world, tmp_path):
    # The bound is on size, not on the decimals of a mean score.
    assert value_errors(IndicatorKind.AVERAGE, value=12.75, denominator=4) == {}


# ---- Definitions ----


@pytest.mark.parametrize("number", [float("inf"), float("nan"), 10**400])
def test_a_definitions_file_refuses_a_target_that_is_not_a_number(number):
    data = {
        "initiative": {"slug": "r", "name": "R"},
        "indicators": [
            {
                "code": "i",
                "name": "I",
                "kind": "count",
                "targets": [{"period": "2024", "value": number}],
            }
        ],
    }
    errors = definitions_validate(data)
    assert any(e.startswith("indicators[0].targets[0].value:") for e in errors), errors


# ---- Ragged rows ----

RAGGED = [
    # One row with a field too many (a comma in a name, say).
    (["read3,2024-Q1,org-a,f,arab,1,2,", "read3,2024-Q1,org-a,m,arab,1,2,,5"], [3], 9),
    # Every row one field too many: read naively, the first column would become the index.
    (["read3,2024-Q1,org-a,f,arab,1,2,,", "read3,2024-Q1,org-a,m,arab,1,2,,"], [2, 3], 9),
]


def test_a_row_without_its_trailing_empty_fields_reads_them_as_blank(world):
    from measurement.datafiles import read_table

    frame = read_table(_csv("read3,2024-Q1,org-a,f,arab,1,2"), "values.csv")
    assert list(frame.iloc[0])[-3:] == ["1", "2", ""]


def test_a_row_missing_a_field_in_the_middle_is_refused_by_its_content(world):
    # The numbers land in the group columns, where they are no categories.
    from measurement.datafiles import FileProblems, check_values, read_table

    frame = read_table(_csv("read3,2024-Q1,org-a,1,2"), "values.csv")
    with pytest.raises(FileProblems) as refused:
        check_values(frame, initiative=world.initiative)
    assert refused.value.errors[0].startswith("Row 2")


@pytest.mark.parametrize(("lines", "rows", "fields"), RAGGED)
def test_a_ragged_csv_is_refused_by_row_number(world, lines, rows, fields):
    from measurement.datafiles import FileProblems, read_table

    with pytest.raises(FileProblems) as refused:
        read_table(_csv(*lines), "values.csv")
    assert [e.split(" has ")[0] for e in refused.value.errors] == [f"Row {r}" for r in rows]
    assert f"has {fields} fields, but the header has 8" in refused.value.errors[0]


@pytest.mark.parametrize(("lines", "rows", "fields"), RAGGED)
def test_import_data_reports_ragged_rows_and_writes_nothing(world, tmp_path, lines, rows, fields):
    path = tmp_path / "values.csv"
    path.write_bytes(_csv(*lines))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_data", "--initiative", world.initiative.slug, str(path), stderr=err)
    assert f"Row {rows[0]} has {fields} fields" in err.getvalue()
    assert not DataValue.objects.exists()


def test_an_upload_with_a_ragged_row_is_rejected_with_its_row(client, world, partner_a):
    client.force_login(partner_a)
    response = client.post(
        reverse("measurement:upload-new", args=[world.initiative.slug]),
        {
            "file": SimpleUploadedFile("values.csv", _csv(*RAGGED[1][0])),
            "organization": world.org_a.pk,
        },
    )
    assert response.status_code in (200, 302)
    upload = Upload.objects.get()
    assert upload.status == UploadStatus.REJECTED
    assert upload.errors[0].startswith("Row 2 has 9 fields")


def test_an_xlsx_row_with_values_beyond_the_header_is_refused(world):
    from openpyxl import Workbook

    from measurement.datafiles import FileProblems, read_table

    workbook = Workbook()
    workbook.active.append(HEADER.split(","))
    workbook.active.append(["read3", "2024-Q1", "org-a", "f", "arab", 1, 2, None, 5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(FileProblems) as refused:
        read_table(buffer.getvalue(), "values.xlsx")
    assert refused.value.errors[0].startswith("Row 2 has a value in column 9")
