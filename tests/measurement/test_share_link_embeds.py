"""A share link's embed pages: the scorecard or one indicator's trend, in a frame on the sites
the link lists and on no other — still the funder view, still logged, still expiring."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from measurement import services
from measurement.models import ShareLink, ShareLinkUse
from tests.factories.measurement import IndicatorFactory
from tests.measurement.conftest import compute

FUNDER_SITE = "https://funder.example.org"
PARTNER_SITE = "https://partner.example.net:8443"


def _link(world, admin, *, sites=f"{FUNDER_SITE}\n{PARTNER_SITE}", **options):
    return services.share_link_create(
        actor=admin,
        initiative=world.initiative,
        label="Board",
        days=30,
        embed_origins=sites,
        **options,
    )


def _scorecard(link):
    return reverse("share:embed-scorecard", args=[link.token])


def _chart(link, code="read3"):
    return reverse("share:embed-indicator", args=[link.token, code])


def _frame_ancestors(response) -> str:
    return re.search(r"frame-ancestors ([^;]*)", response["Content-Security-Policy"]).group(1)


# ---- Who may frame them ----


@pytest.mark.parametrize("page", [_scorecard, _chart])
def test_it_may_be_framed_by_the_listed_sites_alone(client, world, figures, backbone_admin, page):
    response = client.get(page(_link(world, backbone_admin)))
    assert response.status_code == 200
    assert _frame_ancestors(response) == f"{FUNDER_SITE} {PARTNER_SITE}"
    assert "X-Frame-Options" not in response
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    # The rest of the policy is the site's.
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_it_leaves_every_other_page_unframeable(client, world, figures, backbone_admin):
    link = _link(world, backbone_admin)
    client.get(_scorecard(link))
    for url in (
        reverse("share:indicator-list", args=[link.token]),
        reverse("share:indicator-detail", args=[link.token, "read3"]),
        reverse("accounts:login"),
    ):
        response = client.get(url)
        assert response["X-Frame-Options"] == "DENY"
        assert _frame_ancestors(response) == "'none'"


def test_the_sites_are_kept_as_browsers_write_them(world, backbone_admin):
    link = _link(
        world,
        backbone_admin,
        sites="HTTPS://Funder.Example.org/\n\nhttp://news.example:80\nhttps://funder.example.org",
    )
    assert link.allowed_origins == [FUNDER_SITE, "http://news.example"]


# ---- When they show nothing ----


def _refused(response):
    assert response.status_code == 404
    page = response.content.decode()
    assert "This link no longer works" in page
    assert "Reading" not in page
    assert "site-header" not in page
    return response


@pytest.mark.parametrize("page", [_scorecard, _chart])
def test_a_link_without_sites_is_not_for_frames(client, world, figures, backbone_admin, page):
    link = _link(world, backbone_admin, sites="")
    response = _refused(client.get(page(link)))
    assert _frame_ancestors(response) == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert not ShareLinkUse.objects.exists()
    # The link itself still works.
    assert client.get(reverse("share:indicator-list", args=[link.token])).status_code == 200


@pytest.mark.parametrize("spoil", ["expire", "revoke"])
@pytest.mark.parametrize("page", [_scorecard, _chart])
def test_an_expired_or_revoked_link_says_so_in_its_sites_frames(
    client, world, figures, backbone_admin, spoil, page
):
    link = _link(world, backbone_admin)
    if spoil == "expire":
        ShareLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    else:
        services.share_link_revoke(actor=backbone_admin, link=link)
    response = _refused(client.get(page(link)))
    # The frame on the funder's site reads "no longer works", not the browser's refusal.
    assert _frame_ancestors(response) == f"{FUNDER_SITE} {PARTNER_SITE}"
    assert not ShareLinkUse.objects.exists()


def test_an_unknown_token_is_framed_by_no_one(client, world, figures, backbone_admin):
    link = _link(world, backbone_admin)
    forged = link.token[:-2] + ("AA" if not link.token.endswith("AA") else "BB")
    for url in (
        reverse("share:embed-scorecard", args=[forged]),
        reverse("share:embed-indicator", args=[forged, "read3"]),
    ):
        response = _refused(client.get(url))
        assert _frame_ancestors(response) == "'none'"


def test_an_indicator_the_link_does_not_share_is_not_shown(client, world, figures, backbone_admin):
    other = IndicatorFactory(initiative=world.initiative, code="math8", name="Maths")
    link = _link(world, backbone_admin, indicators=[world.indicator])
    _refused(client.get(_chart(link, other.code)))
    _refused(client.get(_chart(link, "no-such-indicator")))
    assert "Maths" not in client.get(_scorecard(link)).content.decode()


# ---- What they show ----


def test_the_scorecard_embed_is_the_shared_scorecard_in_a_small_frame(
    client, world, figures, backbone_admin
):
    link = _link(world, backbone_admin)
    page = client.get(_scorecard(link)).content.decode()
    assert "Reading" in page
    assert "site-header" not in page  # no header, menu or language switcher
    assert '<base target="_blank">' in page
    assert "From <bdi>River City</bdi> on Yachad" in page
    assert reverse("share:indicator-list", args=[link.token]) in page
    assert "/i/river/" not in page
    assert ShareLinkUse.objects.get().path == _scorecard(link)


def test_the_chart_embed_draws_the_trend_and_says_it_in_words(
    client, world, figures, backbone_admin
):
    link = _link(world, backbone_admin)
    page = client.get(_chart(link)).content.decode()
    assert 'data-figure="trend-figure"' in page
    assert 'id="trend-figure" type="application/json"' in page
    assert "plotly-basic.min.js" in page
    assert "<figcaption>" in page
    assert "All partners, by period" in page  # the table the text alternative points to
    assert "breakdown-figure" not in page
    assert reverse("share:indicator-detail", args=[link.token, "read3"]) in page
    assert ShareLinkUse.objects.get().path == _chart(link)


@pytest.mark.parametrize("page", [_scorecard, _chart])
def test_an_embed_never_shows_small_cells_or_drafts(client, world, figures, backbone_admin, page):
    content = client.get(page(_link(world, backbone_admin))).content.decode()
    assert "777" not in content
    assert "75.0%" not in content
    assert "75.0" not in content


def test_a_trend_whose_every_figure_is_small_shows_none_of_them(
    client, world, figures, backbone_admin, backbone_staff
):
    world.initiative.suppression_threshold = 500
    world.initiative.save()
    compute(world)
    client.force_login(backbone_staff)
    staff_page = client.get(
        reverse("measurement:indicator-detail", args=[world.initiative.slug, "read3"])
    ).content.decode()
    client.logout()
    assert "61.3%" in staff_page  # the total the backbone sees (76 of 124)
    embed = client.get(_chart(_link(world, backbone_admin))).content.decode()
    assert "suppressed (small numbers)" in embed
    assert "61.3" not in embed
    assert "61.29" not in embed


@pytest.mark.parametrize(
    ("lang", "direction"), [("he", "rtl"), ("ar", "rtl"), ("en", "ltr"), ("xx", "ltr")]
)
def test_the_site_chooses_the_frame_s_language(
    client, world, figures, backbone_admin, lang, direction
):
    response = client.get(_scorecard(_link(world, backbone_admin)), {"lang": lang})
    expected = lang if lang != "xx" else "en"
    assert f'<html lang="{expected}" dir="{direction}">' in response.content.decode()


# ---- Managing them ----


def _create(client, admin, world, sites):
    client.force_login(admin)
    return client.post(
        reverse("measurement:share-link-list", args=[world.initiative.slug]),
        {"label": "Board", "days": "30", "embed_origins": sites},
    )


@pytest.mark.parametrize(
    "typed",
    [
        "*",
        "https://*.example.org",
        "funder.example.org",
        "ftp://funder.example.org",
        "https://funder.example.org/news/",
        "https://funder.example.org; script-src *",
        "'none'",
    ],
)
def test_an_address_that_is_not_a_site_is_refused_and_kept(client, world, backbone_admin, typed):
    response = _create(client, backbone_admin, world, f"{FUNDER_SITE}\n{typed}")
    assert response.status_code == 400
    page = response.content.decode()
    assert "is not a site&#x27;s address" in page
    assert "https://funder.example.org" in page
    assert not ShareLink.objects.exists()
    # What was typed is still in the box, to be corrected.
    textarea = re.search(r"<textarea[^>]*name=\"embed_origins\"[^>]*>(.*?)</textarea>", page, re.S)
    assert textarea is not None
    assert typed.split(";")[0].replace("'", "&#x27;") in textarea.group(1)


def test_the_list_offers_a_frame_for_the_scorecard_and_each_shared_indicator(
    client, world, figures, backbone_admin
):
    other = IndicatorFactory(initiative=world.initiative, code="math8", name="Maths")
    link = _link(world, backbone_admin, indicators=[world.indicator, other])
    client.force_login(backbone_admin)
    page = client.get(
        reverse("measurement:share-link-list", args=[world.initiative.slug])
    ).content.decode()
    for url in (_scorecard(link), _chart(link), _chart(link, "math8")):
        assert f"{url}?lang=en&quot;" in page  # in a snippet to copy, in the reader's language
        assert f'href="{url}"' in page  # and to preview
    assert "&lt;iframe" in page
    assert "title=&quot;" in page


def test_a_link_that_no_longer_works_offers_no_frame(client, world, figures, backbone_admin):
    revoked = _link(world, backbone_admin)
    services.share_link_revoke(actor=backbone_admin, link=revoked)
    expired = _link(world, backbone_admin)
    ShareLink.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    unframed = _link(world, backbone_admin, sites="")
    client.force_login(backbone_admin)
    page = client.get(
        reverse("measurement:share-link-list", args=[world.initiative.slug])
    ).content.decode()
    assert "&lt;iframe" not in page
    for link in (revoked, expired, unframed):
        assert _scorecard(link) not in page


# ---- Changing a working link's sites ----


def _sites_url(world, link):
    return reverse("measurement:share-link-sites", args=[world.initiative.slug, link.pk])


def test_an_admin_adds_a_site_and_the_frames_already_pasted_keep_working(
    client, world, figures, backbone_admin
):
    link = _link(world, backbone_admin, sites=FUNDER_SITE)
    client.force_login(backbone_admin)
    page = client.get(_sites_url(world, link)).content.decode()
    assert FUNDER_SITE in page
    response = client.post(
        _sites_url(world, link), {"embed_origins": f"{FUNDER_SITE}\nHTTPS://Board.Example.org/"}
    )
    assert response.status_code == 302
    client.logout()
    framed = client.get(_scorecard(link))
    assert framed.status_code == 200
    assert _frame_ancestors(framed) == f"{FUNDER_SITE} https://board.example.org"
    assert ShareLink.objects.get().token == link.token


def test_a_site_taken_off_the_list_cannot_frame_it_any_more(client, world, figures, backbone_admin):
    link = _link(world, backbone_admin)
    client.force_login(backbone_admin)
    client.post(_sites_url(world, link), {"embed_origins": PARTNER_SITE})
    assert _frame_ancestors(client.get(_chart(link))) == PARTNER_SITE
    client.post(_sites_url(world, link), {"embed_origins": ""})
    _refused(client.get(_chart(link)))


def test_a_bad_site_is_refused_and_what_was_typed_is_kept(client, world, backbone_admin):
    link = _link(world, backbone_admin, sites=FUNDER_SITE)
    client.force_login(backbone_admin)
    typed = f"{FUNDER_SITE}\nhttps://*.example.org"
    response = client.post(_sites_url(world, link), {"embed_origins": typed})
    assert response.status_code == 400
    assert "https://*.example.org" in response.content.decode()
    assert ShareLink.objects.get().embed_origins == FUNDER_SITE


def test_a_link_that_no_longer_works_has_no_sites_to_change(client, world, backbone_admin):
    link = _link(world, backbone_admin)
    services.share_link_revoke(actor=backbone_admin, link=link)
    client.force_login(backbone_admin)
    assert client.get(_sites_url(world, link)).status_code == 404
    with pytest.raises(ValidationError):
        services.share_link_sites_change(actor=backbone_admin, link=link, embed_origins="")
