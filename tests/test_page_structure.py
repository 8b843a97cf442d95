"""The page's outline holds for assistive technology: one heading 1 and never an empty one, no
heading level skipped, everything inside a landmark."""

import re
from datetime import timedelta
from itertools import pairwise

from django.urls import reverse
from django.utils import timezone

from measurement.models import ShareLink


def _headings(page: str) -> list[tuple[int, str]]:
    return [
        (int(level), re.sub(r"<[^>]+>|\s+", " ", text).strip())
        for level, text in re.findall(r"<h([1-6])[^>]*>(.*?)</h\1>", page, flags=re.S)
    ]


def test_the_sign_in_page_has_one_heading_1_and_it_says_so(client, db):
    headings = _headings(client.get(reverse("accounts:login")).content.decode())
    assert [text for level, text in headings if level == 1] == ["Sign in to Yachad"]


def test_the_shifting_power_page_skips_no_heading_level(client, world, backbone_staff):
    client.force_login(backbone_staff)
    page = client.get(reverse("equity:power", args=[world.initiative.slug])).content.decode()
    levels = [level for level, _text in _headings(page)]
    assert levels[0] == 1
    assert all(later <= earlier + 1 for earlier, later in pairwise(levels))


def test_the_share_banner_sits_in_the_main_landmark(client, world, backbone_admin):
    link = ShareLink.objects.create(
        initiative=world.initiative, label="Board", expires_at=timezone.now() + timedelta(days=1)
    )
    page = client.get(reverse("share:indicator-list", args=[link.token])).content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    assert 'class="share-banner"' in main
