"""Before saving a checked file, the partner sees what it will change in the submission it
writes into: each number stored now beside the one the file brings, new and changed cells
listed, unchanged ones only counted."""

import pytest
from django.urls import reverse

from measurement import selectors
from measurement.choices import SubmissionStatus
from measurement.models import DataValue, Upload
from tests.measurement.conftest import report
from tests.measurement.test_uploads import csv_file, upload


def _file():
    """Female Arab unchanged, male Arab changed (9 of 18 → 10 of 18), female Jewish new."""
    return csv_file(
        "read3,2024-Q1,org-a,f,arab,12,20,",
        "read3,2024-Q1,org-a,m,arab,10,18,",
        "read3,2024-Q1,org-a,f,jewish,5,10,",
    )


@pytest.fixture
def checked(client, world, partner_a) -> Upload:
    """A checked file for organization A's draft, which already holds numbers."""
    report(
        world,
        world.org_a,
        world.period,
        {"gender=f;sector=arab": (12, 20), "gender=m;sector=arab": (9, 18), "": (40, 60)},
        SubmissionStatus.DRAFT,
    )
    client.force_login(partner_a)
    _response, stored = upload(client, world, _file())
    return stored


def _page(client, world, stored) -> str:
    return client.get(
        reverse("measurement:upload-detail", args=[world.initiative.slug, stored.pk])
    ).content.decode()


def _row(page, label):
    return next(row for row in page.split("<tr")[1:] if label in row).split("</tr>")[0]


def test_the_preview_counts_new_changed_and_unchanged_values(checked):
    changes = selectors.upload_changes(upload=checked)
    assert (changes.new, changes.changed, changes.unchanged) == (1, 1, 1)
    assert [(row.cell, row.before, row.after) for row in changes.rows] == [
        ("Male · Arab", "9 / 18", "10 / 18"),
        ("Female · Jewish", "", "5 / 10"),
    ]


def test_upload_preview_shows_each_changed_value_before_and_after(client, world, checked):
    page = _page(client, world, checked)
    changed = _row(page, "Male · Arab")
    assert "9 / 18" in changed
    assert "10 / 18" in changed
    assert "Reading" in changed
    assert "5 / 10" in _row(page, "Female · Jewish")
    # Unchanged numbers are counted, not listed; numbers the file does not name stay.
    assert "Female · Arab" not in page
    assert "1 new value" in page
    assert "1 changed value" in page
    assert "1 value unchanged" in page
    assert "Save into my drafts" in page


def test_the_preview_changes_nothing(client, world, checked):
    before = list(DataValue.objects.values_list("cell__key", "numerator", "denominator"))
    _page(client, world, checked)
    assert list(DataValue.objects.values_list("cell__key", "numerator", "denominator")) == before


def test_a_file_for_a_period_not_started_is_all_new(client, world, partner_a):
    client.force_login(partner_a)
    _response, stored = upload(client, world, _file())
    changes = selectors.upload_changes(upload=stored)
    assert (changes.new, changes.changed, changes.unchanged) == (3, 0, 0)
    assert [row.before for row in changes.rows] == ["", "", ""]


def test_a_saved_upload_has_no_preview(client, world, checked):
    client.post(reverse("measurement:upload-save", args=[world.initiative.slug, checked.pk]))
    checked.refresh_from_db()
    assert selectors.upload_changes(upload=checked) is None
    assert "10 / 18" not in _page(client, world, checked)


def test_the_partner_viewer_sees_the_preview_too(client, world, checked, partner_viewer):
    client.force_login(partner_viewer)
    assert "10 / 18" in _row(_page(client, world, checked), "Male · Arab")


def test_a_file_sent_back_unchanged_changes_nothing(client, world, partner_a):
    report(world, world.org_a, world.period, {"gender=f;sector=arab": (12, 20)}, "draft")
    client.force_login(partner_a)
    _response, stored = upload(client, world, csv_file("read3,2024-Q1,org-a,f,arab,12,20,"))
    page = _page(client, world, stored)
    assert "Saving this file changes nothing: every number in it is already stored." in page
    assert "1 value unchanged" in page
