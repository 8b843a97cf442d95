import json
import re

from django.urls import reverse

from measurement.choices import Suppression
from measurement.models import ComputedResult


def _result(world, rate, denominator, suppression=Suppression.NONE, period=None):
    return ComputedResult.objects.create(
        initiative=world.initiative,
        indicator=world.indicator,
        period=period or world.period,
        cell=world.initiative.cells.get(key=""),
        numerator=rate * denominator,
        denominator=denominator,
        value=rate * 100,
        suppression=suppression,
    )


def _get(client, world):
    return client.get(
        reverse("measurement:indicator-detail", args=[world.initiative.slug, world.indicator.code])
    )


def test_it_draws_the_series_with_local_plotly_and_a_table(client, world, funder):
    _result(world, 0.5, 200)
    client.force_login(funder)
    response = _get(client, world)
    page = response.content.decode()
    assert response.status_code == 200
    assert "/static/vendor/plotly/plotly-basic.min.js" in page
    assert "cdn" not in page.lower()
    figure = json.loads(re.search(r'id="trend-figure"[^>]*>(.*?)</script>', page, re.S)[1])
    assert figure["data"][0]["y"] == [50.0]
    assert figure["data"][0]["x"] == [world.period.start.isoformat()]
    assert "50.0%" in page


def test_funder_sees_a_small_cell_as_suppressed_with_no_number(client, world, funder):
    _result(world, 0.375, 8, Suppression.GROUP_SIZE)
    client.force_login(funder)
    page = _get(client, world).content.decode()
    assert "suppressed" in page
    assert "37.5" not in page


def test_backbone_staff_see_small_cells(client, world, backbone_staff):
    _result(world, 0.375, 8, Suppression.GROUP_SIZE)
    client.force_login(backbone_staff)
    assert "37.5%" in _get(client, world).content.decode()


def test_it_hides_from_outsiders(client, world, outsider):
    client.force_login(outsider)
    assert _get(client, world).status_code == 404


def test_it_requires_login(client, world):
    assert _get(client, world)["Location"].startswith(reverse("accounts:login"))


def test_funder_page_has_no_edit_links(client, world, funder):
    client.force_login(funder)
    page = _get(client, world).content.decode()
    assert "/submissions/" not in page
    assert "/members/" not in page


def _queries(client, world) -> int:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as context:
        _get(client, world)
    return len(context.captured_queries)


def test_query_count_does_not_grow_with_periods(
    client, world, funder, django_assert_max_num_queries
):
    client.force_login(funder)
    _result(world, 0.1, 100, period=world.initiative.periods.create(code="2020"))
    few = _queries(client, world)
    for index, code in enumerate(["2021", "2022", "2023", "2024"]):
        _result(world, 0.1 * (index + 1), 100, period=world.initiative.periods.create(code=code))
    assert _queries(client, world) == few
    with django_assert_max_num_queries(20):
        _get(client, world)


def test_a_cached_page_costs_a_handful_of_queries(
    client, world, funder, django_assert_max_num_queries
):
    _result(world, 0.5, 100)
    client.force_login(funder)
    _get(client, world)
    # One of them: the header's list of the person's initiatives (the initiative switcher);
    # another, the version of the indicator's Turn the Curve record its link names.
    with django_assert_max_num_queries(10):
        _get(client, world)
