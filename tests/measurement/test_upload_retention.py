"""Uploaded files are kept for a bounded time and within a quota per organization: the file
is there while someone may need it — to save it, or to see what was sent — and then only its
name, status, problems and summary remain."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from config.celery import app as celery_app
from measurement import services
from measurement.choices import UploadStatus
from measurement.models import Upload
from tests.measurement.test_uploads import csv_file, upload

GOOD = "read3,2024-Q1,org-a,f,arab,12,20,"
BAD = "read3,2024-Q1,org-a,x,arab,12,20,"


def _stored(world, status, *, days_old=0, size=1000, organization=None):
    item = Upload.objects.create(
        initiative=world.initiative,
        organization=organization or world.org_a,
        filename="values.csv",
        content=b"x" * size,
        size=size,
        status=status,
    )
    Upload.objects.filter(pk=item.pk).update(created_at=timezone.now() - timedelta(days=days_old))
    return item


@pytest.fixture
def signed_in(client, partner_a):
    client.force_login(partner_a)
    return client


def test_an_upload_records_the_size_of_the_file_it_keeps(signed_in, world):
    _response, stored = upload(signed_in, world, csv_file(BAD))
    assert stored.size == len(bytes(stored.content)) > 0


@override_settings(UPLOAD_RETENTION_DAYS=7)
@pytest.mark.parametrize(
    ("status", "after"),
    [
        (UploadStatus.REJECTED, UploadStatus.REJECTED),
        (UploadStatus.SAVED, UploadStatus.SAVED),
        # A checked file cannot be saved without its content: it expires unsaved.
        (UploadStatus.CHECKED, UploadStatus.DISCARDED),
    ],
)
def test_files_are_removed_after_the_retention_period(world, status, after):
    old = _stored(world, status, days_old=8)
    recent = _stored(world, status, days_old=6)
    assert services.uploads_expire() == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (bytes(old.content), old.size, old.status) == (b"", 0, after)
    assert (len(bytes(recent.content)), recent.size, recent.status) == (1000, 1000, status)


def test_removing_old_files_runs_every_day():
    tasks = {entry["task"] for entry in celery_app.conf.beat_schedule.values()}
    assert "measurement.tasks.uploads_expire_task" in tasks


@override_settings(UPLOAD_QUOTA_BYTES=3000)
def test_the_oldest_finished_files_make_room_for_a_new_one(signed_in, world):
    oldest = _stored(world, UploadStatus.REJECTED, days_old=3)
    saved = _stored(world, UploadStatus.SAVED, days_old=2)
    pending = _stored(world, UploadStatus.CHECKED, days_old=1)
    _response, stored = upload(signed_in, world, csv_file(BAD))
    assert stored.status == UploadStatus.REJECTED
    oldest.refresh_from_db()
    saved.refresh_from_db()
    pending.refresh_from_db()
    assert (oldest.size, saved.size, pending.size) == (0, 1000, 1000)
    assert oldest.status == UploadStatus.REJECTED


@override_settings(UPLOAD_QUOTA_BYTES=3000)
def test_files_waiting_to_be_saved_over_the_quota_refuse_a_new_one(signed_in, world):
    for _ in range(3):
        _stored(world, UploadStatus.CHECKED)
    response, _latest = upload(signed_in, world, csv_file(GOOD))
    assert response.status_code == 400
    assert "files waiting to be saved or discarded" in response.content.decode()
    assert Upload.objects.count() == 3


@override_settings(UPLOAD_QUOTA_BYTES=3000)
def test_one_organizations_files_do_not_count_against_another(client, world, partner_b):
    for _ in range(3):
        _stored(world, UploadStatus.CHECKED)
    client.force_login(partner_b)
    response = client.post(
        reverse("measurement:upload-new", args=[world.initiative.slug]),
        {"file": csv_file(GOOD.replace("org-a", "org-b")), "organization": world.org_b.pk},
    )
    assert response.status_code == 302
    assert Upload.objects.filter(organization=world.org_b).count() == 1


def test_whoever_may_see_an_upload_downloads_the_file_that_was_sent(signed_in, world):
    _response, stored = upload(signed_in, world, csv_file(BAD))
    response = signed_in.get(
        reverse("measurement:upload-file", args=[world.initiative.slug, stored.pk])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="values.csv"'
    assert response["Content-Type"] == "application/octet-stream"
    assert b"".join(response.streaming_content if response.streaming else [response.content]) == (
        bytes(stored.content)
    )


def test_a_removed_file_cannot_be_downloaded(signed_in, world):
    _response, stored = upload(signed_in, world, csv_file(BAD))
    Upload.objects.filter(pk=stored.pk).update(content=b"", size=0)
    url = reverse("measurement:upload-file", args=[world.initiative.slug, stored.pk])
    assert signed_in.get(url).status_code == 404
    page = signed_in.get(
        reverse("measurement:upload-detail", args=[world.initiative.slug, stored.pk])
    )
    assert "was removed" in page.content.decode()
