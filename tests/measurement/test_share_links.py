"""Share links: the funder view without an account — signed, expiring, revocable, scoped,
logged, hidden from search engines, and never showing small cells, drafts or people."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from measurement.models import ShareLink, ShareLinkUse


def _ask_for_link(client, user, world, **data):
    """``user`` asks for a link for the board, valid 30 days unless ``data`` say otherwise."""
    client.force_login(user)
    return client.post(
        reverse("measurement:share-link-list", args=[world.initiative.slug]),
        {"label": "Board", "days": "30", **data},
    )


def _create(client, admin, world, **data):
    response = _ask_for_link(client, admin, world, **data)
    client.logout()
    assert response.status_code == 302, response.content.decode()[:500]
    return ShareLink.objects.get()


def test_a_link_shows_the_scorecard_without_an_account(client, world, figures, backbone_admin):
    link = _create(client, backbone_admin, world)
    response = client.get(reverse("share:indicator-list", args=[link.token]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Reading" in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "/i/river/" not in page  # no way into the initiative's own pages
    assert ShareLinkUse.objects.get().path == reverse("share:indicator-list", args=[link.token])


def test_a_link_never_shows_small_cells_drafts_or_people(
    client, world, figures, backbone_admin, partner_a
):
    link = _create(client, backbone_admin, world)
    for url in (
        reverse("share:indicator-list", args=[link.token]),
        reverse("share:indicator-detail", args=[link.token, "read3"]),
        reverse("share:equity-gaps", args=[link.token]),
        reverse("share:indicator-results", args=[link.token, "read3", "csv"]),
    ):
        page = client.get(url, {"dimension": "gender"}).content.decode("utf-8-sig")
        assert "777" not in page
        assert "75.0%" not in page
        assert partner_a.email not in page
        assert partner_a.get_full_name() not in page
    export = client.get(reverse("share:indicator-results", args=[link.token, "read3", "csv"]))
    rows = [
        line
        for line in export.content.decode("utf-8-sig").splitlines()
        if line.startswith("read3,2024-Q1,m,jewish")
    ]
    assert rows
    assert all(",true," in row for row in rows)


def test_a_link_for_chosen_indicators_shows_only_those(client, world, figures, backbone_admin):
    from tests.factories.measurement import IndicatorFactory

    other = IndicatorFactory(initiative=world.initiative, code="math8", name="Maths")
    link = _create(client, backbone_admin, world, indicators=[world.indicator.pk])
    assert (
        "Maths"
        not in client.get(reverse("share:indicator-list", args=[link.token])).content.decode()
    )
    assert (
        client.get(reverse("share:indicator-detail", args=[link.token, other.code])).status_code
        == 404
    )


@pytest.mark.parametrize("spoil", ["expire", "revoke", "forge"])
def test_an_expired_revoked_or_forged_link_shows_nothing(
    client, world, figures, backbone_admin, spoil
):
    link = _create(client, backbone_admin, world)
    token = link.token
    if spoil == "expire":
        ShareLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    elif spoil == "revoke":
        client.force_login(backbone_admin)
        client.post(reverse("measurement:share-link-revoke", args=[world.initiative.slug, link.pk]))
        client.logout()
    else:
        token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = client.get(reverse("share:indicator-list", args=[token]))
    assert response.status_code == 404
    assert "Reading" not in response.content.decode()
    assert not ShareLinkUse.objects.exists()


def test_only_a_backbone_admin_creates_links(client, world, backbone_staff):
    assert _ask_for_link(client, backbone_staff, world).status_code == 403
    assert not ShareLink.objects.exists()


def test_a_link_lives_at_most_a_year(client, world, backbone_admin):
    assert _ask_for_link(client, backbone_admin, world, days="400").status_code == 400
    assert not ShareLink.objects.exists()


def _dashboard_keys():
    from django.core.cache import cache

    return {key for key in cache._cache if ":dashboard:" in key}


def test_a_links_token_stays_the_same(client, world, backbone_admin, monkeypatch):
    link = _create(client, backbone_admin, world)
    first = link.token
    monkeypatch.setattr("time.time", lambda: 4_000_000_000.0)
    assert ShareLink.objects.get(pk=link.pk).token == first
    assert len(first) >= 40


def test_anonymous_views_of_a_link_do_not_grow_the_cache(
    client, world, figures, backbone_admin, monkeypatch
):
    import time

    link = _create(client, backbone_admin, world)
    pages = [
        reverse("share:indicator-list", args=[link.token]),
        reverse("share:indicator-detail", args=[link.token, "read3"]),
        reverse("share:equity-gaps", args=[link.token]),
    ]
    for url in pages:
        assert client.get(url).status_code == 200
    after_one_visit = _dashboard_keys()
    real_time = time.time
    for second in range(48):
        monkeypatch.setattr("time.time", lambda second=second: real_time() + second)
        token = ShareLink.objects.get(pk=link.pk).token
        for url in pages:
            client.get(url.replace(link.token, token), {"dimension": f"junk-{second}"})
    assert _dashboard_keys() == after_one_visit
    assert not any(link.token in key for key in _dashboard_keys())


def test_a_forged_token_finds_nothing(client, world, backbone_admin):
    link = _create(client, backbone_admin, world)
    forged = link.token[:-1] + ("A" if link.token[-1] != "A" else "B")
    assert client.get(reverse("share:indicator-list", args=[forged])).status_code == 404
