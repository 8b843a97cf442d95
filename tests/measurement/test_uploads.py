"""Uploading a file: every bad input gets a clear message and writes nothing; a good file is
checked first and saved into drafts only when the partner says so."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from measurement import datafiles
from measurement.choices import SubmissionStatus, UploadStatus
from measurement.models import CategoryCrosswalk, DataValue, Submission, Upload

HEADER = "indicator,period,organization,gender,sector,numerator,denominator,value"


def csv_file(*lines, name="values.csv", encoding="utf-8"):
    return SimpleUploadedFile(
        name, "\n".join([HEADER, *lines]).encode(encoding), content_type="text/csv"
    )


def xlsx_file(rows, name="values.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def upload(client, world, file):
    response = client.post(
        reverse("measurement:upload-new", args=[world.initiative.slug]),
        {"file": file, "organization": world.org_a.pk},
    )
    return response, Upload.objects.order_by("-pk").first()


@pytest.fixture
def signed_in(client, partner_a):
    client.force_login(partner_a)
    return client


def rejected(client, world, file) -> list[str]:
    response, stored = upload(client, world, file)
    assert stored is not None, response.content.decode()[:2000]
    assert stored.status == UploadStatus.REJECTED
    page = client.get(
        reverse("measurement:upload-detail", args=[world.initiative.slug, stored.pk])
    ).content.decode()
    for error in stored.errors:
        assert error.replace("'", "&#x27;") in page
    assert not DataValue.objects.exists()
    assert not Submission.objects.exists()
    return stored.errors


def test_a_good_file_is_checked_then_saved_into_a_draft(signed_in, world, partner_a):
    _response, stored = upload(
        signed_in,
        world,
        csv_file("read3,2024-Q1,org-a,f,arab,12,20,", "read3,2024-Q1,org-a,m,arab,9,18,"),
    )
    assert stored.status == UploadStatus.CHECKED
    assert stored.summary == [{"indicator": "Reading", "period": "2024-Q1", "values": 2}]
    assert not DataValue.objects.exists()  # nothing until the partner says so

    response = signed_in.post(
        reverse("measurement:upload-save", args=[world.initiative.slug, stored.pk])
    )

    submission = Submission.objects.get()
    # Back to the submission the file went into, to check it and submit it.
    assert response["Location"] == reverse(
        "measurement:submission-detail", args=[world.initiative.slug, submission.pk]
    )
    assert (submission.organization, submission.status) == (world.org_a, SubmissionStatus.DRAFT)
    assert DataValue.objects.count() == 2
    assert {h.history_user for h in DataValue.history.all()} == {partner_a}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("read9,2024-Q1,org-a,f,arab,1,2,", "column indicator: 'read9' is not an indicator"),
        ("read3,2024-Q1,org-a,x,arab,1,2,", "column gender: 'x' is not a category of gender"),
        ("read3,Spring,org-a,f,arab,1,2,", "column period: 'Spring' is not a period code"),
        ("read3,2024-Q1,org-a,f,arab,-1,2,", "column numerator: cannot be negative"),
        ("read3,2024-Q1,org-a,f,arab,5,2,", "cannot be larger than the denominator"),
        ("read3,2024-Q1,org-a,f,arab,1.5,2,", "must be a whole number"),
        ("read3,2024-Q1,org-a,f,arab,,2,", "this indicator needs a numerator here"),
        ("read3,2024-Q1,org-b,f,arab,1,2,", "you can only send org-a's data, not org-b's"),
    ],
)
def test_each_bad_row_is_named_by_row_and_column(signed_in, world, line, message):
    errors = rejected(signed_in, world, csv_file("read3,2024-Q1,org-a,m,arab,1,2,", line))
    assert any(message in error and error.startswith("Row 3,") for error in errors), errors


def test_duplicate_rows_are_refused(signed_in, world):
    errors = rejected(
        signed_in,
        world,
        csv_file("read3,2024-Q1,org-a,f,arab,1,2,", "read3,2024-Q1,org-a,f,arab,1,3,"),
    )
    assert errors == [
        "Row 3, column indicator: repeats row 2 (same indicator, period, "
        "organization and categories)."
    ]


def test_a_file_whose_groups_add_up_to_more_than_their_total_is_refused(signed_in, world):
    errors = rejected(
        signed_in,
        world,
        csv_file(
            "read3,2024-Q1,org-a,,,35,40,",
            "read3,2024-Q1,org-a,f,arab,33,60,",
            "read3,2024-Q1,org-a,m,arab,30,53,",
        ),
    )
    assert errors == [
        "Row 3, column numerator: The groups of the total reported so far by Gender and Sector "
        "already add up to 63 for the numerator, more than its own 35."
    ]


def test_a_file_is_checked_against_what_the_submission_already_holds(signed_in, world):
    """The file's total would sit beside groups entered earlier in the form."""
    submission = Submission.objects.create(
        initiative=world.initiative, organization=world.org_a, period=world.period
    )
    DataValue.objects.create(
        submission=submission,
        indicator=world.indicator,
        cell=world.initiative.cells.get(key="gender=f"),
        numerator=30,
        denominator=60,
    )
    _response, stored = upload(signed_in, world, csv_file("read3,2024-Q1,org-a,,,20,40,"))
    assert stored.status == UploadStatus.REJECTED
    assert any("more than its own 20" in error for error in stored.errors), stored.errors


def test_an_empty_file_is_refused(signed_in, world):
    response, stored = upload(signed_in, world, SimpleUploadedFile("values.csv", b""))
    assert response.status_code == 400
    assert "The submitted file is empty." in response.content.decode()
    assert stored is None
    assert not DataValue.objects.exists()


def test_an_empty_file_is_refused_by_the_reader_too():
    with pytest.raises(datafiles.FileProblems, match=r"The file is empty\."):
        datafiles.read_table(b"", "values.csv")


def test_a_file_with_only_a_header_has_nothing_to_save(signed_in, world):
    _response, stored = upload(signed_in, world, csv_file())
    assert stored.status == UploadStatus.CHECKED
    assert stored.row_count == 0


def test_a_binary_file_renamed_csv_is_refused(signed_in, world):
    errors = rejected(
        signed_in,
        world,
        SimpleUploadedFile(
            "values.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
        ),
    )
    assert errors == [
        "This is not a CSV file (it contains binary data). Save the "
        "spreadsheet as CSV or XLSX and try again."
    ]


def test_a_file_over_the_limit_is_refused_before_it_is_read(signed_in, world, monkeypatch):
    monkeypatch.setattr(datafiles, "MAX_BYTES", 100)
    from measurement import forms

    monkeypatch.setattr(forms, "MAX_BYTES", 100)
    response, stored = upload(signed_in, world, csv_file(*["read3,2024-Q1,org-a,f,arab,1,2,"] * 10))
    assert stored is None
    assert "larger than" in response.content.decode()
    assert not DataValue.objects.exists()


def test_too_many_rows_are_refused(signed_in, world, monkeypatch):
    monkeypatch.setattr(datafiles, "MAX_ROWS", 1)
    errors = rejected(
        signed_in,
        world,
        csv_file("read3,2024-Q1,org-a,f,arab,1,2,", "read3,2024-Q1,org-a,m,arab,1,2,"),
    )
    assert "at most 1 are accepted" in errors[0]


def test_an_xlsx_with_formulas_is_refused(signed_in, world):
    errors = rejected(
        signed_in, world, xlsx_file([["read3", "2024-Q1", "org-a", "f", "arab", "=B2*2", 20, None]])
    )
    assert errors == [
        "Row 2, column numerator: contains a formula (=B2*2); type the number itself."
    ]


def test_a_damaged_xlsx_is_refused(signed_in, world):
    errors = rejected(signed_in, world, SimpleUploadedFile("values.xlsx", b"PK\x03\x04 not a zip"))
    assert errors == ["This is not an XLSX workbook Yachad can read."]


def test_an_xlsx_is_read(signed_in, world):
    _response, stored = upload(
        signed_in, world, xlsx_file([["read3", "2024-Q1", "org-a", "f", "arab", 12, 20, None]])
    )
    assert stored.status == UploadStatus.CHECKED
    assert stored.row_count == 1


@pytest.mark.parametrize(
    ("encoding", "female", "bom"),
    [
        ("utf-8", "נקבה", False),
        ("utf-8", "أنثى", True),
        ("cp1255", "נקבה", False),
        ("cp1256", "أنثى", False),
    ],
)
def test_hebrew_and_arabic_files_are_read_in_each_encoding(signed_in, world, encoding, female, bom):
    world.gender.categories.filter(code="f").update(name_he="נקבה", name_ar="أنثى")
    content = "\n".join([HEADER, f"read3,2024-Q1,org-a,{female},arab,12,20,"]).encode(encoding)
    if bom:
        content = b"\xef\xbb\xbf" + content
    _response, stored = upload(signed_in, world, SimpleUploadedFile("values.csv", content))
    assert stored.status == UploadStatus.CHECKED, stored.errors
    signed_in.post(reverse("measurement:upload-save", args=[world.initiative.slug, stored.pk]))
    assert DataValue.objects.get().cell.key == "gender=f;sector=arab"


def test_an_organizations_own_codes_are_read_through_its_crosswalk(signed_in, world):
    CategoryCrosswalk.objects.create(
        organization=world.org_a,
        dimension=world.gender,
        source_code="F",
        category=world.gender.categories.get(code="f"),
    )
    CategoryCrosswalk.objects.create(
        organization=world.org_a,
        dimension=world.sector,
        source_code="A1",
        category=world.sector.categories.get(code="arab"),
    )
    _response, stored = upload(signed_in, world, csv_file("read3,2024-Q1,org-a,F,a1,12,20,"))
    assert stored.status == UploadStatus.CHECKED, stored.errors


def test_a_submitted_period_cannot_be_overwritten_by_a_file(signed_in, world):
    Submission.objects.create(
        initiative=world.initiative,
        organization=world.org_a,
        period=world.period,
        status=SubmissionStatus.SUBMITTED,
    )
    _response, stored = upload(signed_in, world, csv_file("read3,2024-Q1,org-a,f,arab,1,2,"))
    assert stored.status == UploadStatus.REJECTED
    assert "the 2024-Q1 submission is submitted and can no longer be changed" in stored.errors[0]
    assert not DataValue.objects.exists()


def test_a_missing_column_names_the_expected_header(signed_in, world):
    errors = rejected(
        signed_in,
        world,
        SimpleUploadedFile("values.csv", b"indicator,organization,numerator\nread3,org-a,1\n"),
    )
    assert errors == [
        "Missing column(s): period. The header must read: indicator,period,"
        "organization,gender,sector,numerator,denominator,value"
    ]


def test_a_discarded_upload_writes_nothing_and_forgets_the_file(signed_in, world):
    _response, stored = upload(signed_in, world, csv_file("read3,2024-Q1,org-a,f,arab,1,2,"))
    signed_in.post(reverse("measurement:upload-discard", args=[world.initiative.slug, stored.pk]))
    stored.refresh_from_db()
    assert (stored.status, bytes(stored.content)) == (UploadStatus.DISCARDED, b"")
    assert not DataValue.objects.exists()


def test_saving_rechecks_the_file(signed_in, world):
    _response, stored = upload(signed_in, world, csv_file("read3,2024-Q1,org-a,f,arab,1,2,"))
    Submission.objects.create(
        initiative=world.initiative,
        organization=world.org_a,
        period=world.period,
        status=SubmissionStatus.APPROVED,
    )
    signed_in.post(reverse("measurement:upload-save", args=[world.initiative.slug, stored.pk]))
    stored.refresh_from_db()
    assert stored.status == UploadStatus.REJECTED
    assert not DataValue.objects.exists()
