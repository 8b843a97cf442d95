"""Category crosswalks teach Yachad how one organization writes our categories in its files.
An organization may partner in several initiatives; each initiative's crosswalks are its own."""

import pytest
from django.urls import reverse

from measurement import selectors
from measurement.choices import UploadStatus
from measurement.models import CategoryCrosswalk, DataValue
from tests.measurement.test_uploads import csv_file, upload


def _crosswalk(organization, dimension, source_code, category_code):
    return CategoryCrosswalk.objects.create(
        organization=organization,
        dimension=dimension,
        source_code=source_code,
        category=dimension.categories.get(code=category_code),
    )


def test_a_crosswalk_made_in_another_initiative_does_not_change_how_files_are_read(
    client, world, neighbour, partner_a
):
    _crosswalk(world.org_a, neighbour.gender, "f", "m")
    client.force_login(partner_a)
    _response, stored = upload(client, world, csv_file("read3,2024-Q1,org-a,f,arab,12,20,"))
    assert stored.status == UploadStatus.CHECKED, stored.errors
    client.post(reverse("measurement:upload-save", args=[world.initiative.slug, stored.pk]))
    assert DataValue.objects.get().cell.key == "gender=f;sector=arab"


def test_the_crosswalk_map_holds_only_this_initiatives_crosswalks(world, neighbour):
    _crosswalk(world.org_a, world.gender, "F", "f")
    _crosswalk(world.org_a, neighbour.gender, "f", "m")
    assert selectors.crosswalk_map(initiative=world.initiative, organization=world.org_a) == {
        "gender": {"F": "f"}
    }
    assert selectors.crosswalk_map(initiative=neighbour.initiative, organization=world.org_a) == {
        "gender": {"f": "m"}
    }


def test_an_editor_lists_only_the_crosswalks_of_the_initiative_they_work_in(
    client, world, neighbour
):
    _crosswalk(world.org_a, world.gender, "kvinna", "f")
    _crosswalk(world.org_a, neighbour.gender, "nainen", "f")
    client.force_login(neighbour.partner_a)
    page = client.get(reverse("measurement:crosswalk-list", args=[neighbour.initiative.slug]))
    assert page.status_code == 200
    assert "nainen" in page.content.decode()
    assert "kvinna" not in page.content.decode()


@pytest.mark.parametrize("who", ["partner_a", "admin"])
def test_nobody_deletes_another_initiatives_crosswalk_through_their_own(
    client, world, neighbour, who
):
    theirs = _crosswalk(world.org_a, world.gender, "kvinna", "f")
    client.force_login(getattr(neighbour, who))
    response = client.post(
        reverse("measurement:crosswalk-delete", args=[neighbour.initiative.slug, theirs.pk])
    )
    assert response.status_code == 404
    assert CategoryCrosswalk.objects.filter(pk=theirs.pk).exists()


def test_an_editor_deletes_their_own_crosswalk(client, world, partner_a):
    own = _crosswalk(world.org_a, world.gender, "kvinna", "f")
    client.force_login(partner_a)
    response = client.post(
        reverse("measurement:crosswalk-delete", args=[world.initiative.slug, own.pk])
    )
    assert response.status_code == 302
    assert not CategoryCrosswalk.objects.filter(pk=own.pk).exists()
