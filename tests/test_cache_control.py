"""Nothing Yachad generates may be kept by a shared cache (a proxy, a CDN, a school's web
filter): pages, exports, the API and share-link pages are for one person at a time. Only
static files, the same for everyone, may be cached."""

import pytest
from django.urls import reverse

from tests.api.conftest import url
from tests.measurement.conftest import compute


def _private(response) -> bool:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


@pytest.fixture
def computed(world, backbone_admin):
    compute(world)
    return world


def test_a_signed_in_page_is_not_stored(client, computed, funder):
    client.force_login(funder)
    response = client.get(reverse("measurement:indicator-list", args=[computed.initiative.slug]))
    assert response.status_code == 200
    assert _private(response)


def test_an_export_is_not_stored(client, computed, funder):
    client.force_login(funder)
    response = client.get(
        reverse("measurement:indicator-results", args=[computed.initiative.slug, "read3", "csv"])
    )
    assert response.status_code == 200
    assert _private(response)


def test_an_api_answer_is_not_stored(api, computed, funder):
    response = api(funder).get(url(computed, "computed-results/"))
    assert response.status_code == 200
    assert _private(response)


def test_an_api_error_is_not_stored(client, computed):
    assert _private(client.get(url(computed, "computed-results/")))


def test_a_share_link_page_is_not_stored(client, computed, backbone_admin):
    from measurement import services

    link = services.share_link_create(
        actor=backbone_admin, initiative=computed.initiative, label="Board", days=3
    )
    response = client.get(reverse("share:indicator-list", args=[link.token]))
    assert response.status_code == 200
    assert _private(response)


def test_the_sign_in_page_is_not_stored(client, db):
    assert _private(client.get(reverse("accounts:login")))


def test_static_files_may_be_cached(client, db):
    response = client.get("/static/css/yachad.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_missing_static_file_is_not_found(client, db):
    assert client.get("/static/css/no-such-file.css").status_code == 404
