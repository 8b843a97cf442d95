"""Hidden and ranged figures on the pages: restricted audiences read a coded range ("≥ 90%")
where a cell is published as one, and a plain note on why; backbone staff read the value
with what the others see instead; charts draw a range as a range."""

import json
import re

import pytest
from django.urls import reverse

from core.charts import isolate, wrap
from measurement.charts import format_range
from measurement.choices import Suppression
from measurement.models import ComputationRun, ShareLink
from measurement.selectors import indicator_disclosures
from tests.factories.measurement import ComputationRunFactory, ComputedResultFactory

NOTE = "Some figures are shown as a range"
HIDDEN_NOTE = "Some groups are not shown"


def _result(world, key, numerator, denominator, period=None, **fields):
    return ComputedResultFactory(
        indicator=world.indicator,
        period=period or world.period,
        key=key,
        numerator=numerator,
        denominator=denominator,
        **fields,
    )


@pytest.fixture
def ranged(world):
    """A total of 37 of 40 published as "≥ 90%", and by gender: girls as "≤ 10%" (1 of 20),
    boys hidden because they are few."""
    _result(world, "", 37, 40, ranged=True, range_low=90, range_high=100)
    _result(world, "gender=f", 1, 20, ranged=True, range_low=0, range_high=10)
    _result(world, "gender=m", 5, 8, suppression=Suppression.GROUP_SIZE)
    return world


def _indicator_page(client, user, world, **query) -> str:
    client.force_login(user)
    address = reverse("measurement:indicator-detail", args=[world.initiative.slug, "read3"])
    return client.get(address, query).content.decode()


def _chart(page, chart_id) -> dict:
    found = re.search(rf'id="{chart_id}"[^>]*>(.*?)</script>', page, re.S)
    assert found is not None
    return json.loads(found[1])


# ---- Coded ranges ----


def test_a_coded_range_reads_in_the_indicators_unit(world):
    assert format_range(world.indicator, 0, 10) == "≤ 10%"
    assert format_range(world.indicator, 90, 100) == "≥ 90%"
    assert format_range(world.indicator, 20, 80) == "20%–80%"
    assert format_range(world.indicator, 12.5, 80) == "12.5%–80%"


def test_funder_sees_coded_range_not_value(client, ranged, funder):
    page = _indicator_page(client, funder, ranged, dimension="gender")
    assert "≥ 90%" in page
    assert "≤ 10%" in page
    assert "92.5" not in page  # 37 of 40
    assert "5.0%" not in page  # 1 of 20
    assert "suppressed" in page  # the boys, who are hidden


def test_backbone_sees_the_value_and_what_restricted_viewers_see(client, ranged, backbone_staff):
    page = _indicator_page(client, backbone_staff, ranged, dimension="gender")
    assert "92.5%" in page
    assert "shown to restricted viewers as ≥ 90%" in page
    assert "62.5%" in page  # the boys
    assert str(Suppression.GROUP_SIZE.label) in page


def test_the_trend_chart_draws_a_range_as_a_span_not_a_point(client, ranged, funder):
    figure = _chart(_indicator_page(client, funder, ranged), "trend-figure")
    line, span = figure["data"][0], figure["data"][-1]
    assert line["y"] == [None]
    assert (span["base"], span["y"], span["text"]) == ([90], [10], ["≥ 90%"])


def test_the_breakdown_chart_draws_a_range_apart_from_hidden_groups(client, ranged, funder):
    page = _indicator_page(client, funder, ranged, dimension="gender")
    traces = {trace["name"]: trace for trace in _chart(page, "breakdown-figure")["data"]}
    assert traces[wrap("Shown as a range (few people counted)")]["text"] == ["≤ 10%"]
    assert traces["Suppressed (small numbers)"]["x"] == [isolate("Male")]


def test_the_scorecard_shows_a_funder_the_range(client, ranged, funder):
    client.force_login(funder)
    page = client.get(reverse("measurement:indicator-list", args=[ranged.initiative.slug]))
    assert "≥ 90%" in page.content.decode()


def test_a_share_link_shows_the_range_and_the_note(client, ranged, backbone_admin):
    client.force_login(backbone_admin)
    client.post(
        reverse("measurement:share-link-list", args=[ranged.initiative.slug]),
        {"label": "Board", "days": "30"},
    )
    client.logout()
    token = ShareLink.objects.get().token
    page = client.get(reverse("share:indicator-detail", args=[token, "read3"])).content.decode()
    assert "≥ 90%" in page
    assert "92.5" not in page
    assert NOTE in page


# ---- The note on restricted pages ----


def test_restricted_pages_explain_hidden_and_ranged_figures(client, ranged, funder):
    page = _indicator_page(client, funder, ranged, dimension="gender")
    assert NOTE in page
    assert HIDDEN_NOTE in page


def test_no_note_when_nothing_shown_is_hidden_or_ranged(client, world, funder):
    _result(world, "", 30, 60)
    page = _indicator_page(client, funder, world)
    assert NOTE not in page
    assert HIDDEN_NOTE not in page


def test_backbone_pages_have_no_note_for_figures_they_can_see(client, ranged, backbone_staff):
    page = _indicator_page(client, backbone_staff, ranged, dimension="gender")
    assert NOTE not in page
    assert HIDDEN_NOTE not in page


# ---- What is hidden, beside each indicator ----


def test_indicator_line_counts_hidden_cells_by_reason(world):
    earlier = world.period
    later = world.initiative.periods.create(code="2024-Q2", start=earlier.start.replace(month=4))
    _result(world, "", 1, 4, period=earlier, suppression=Suppression.GROUP_SIZE)  # not latest
    _result(world, "", 30, 60, period=later)
    _result(world, "gender=f", 3, 8, period=later, suppression=Suppression.GROUP_SIZE)
    _result(world, "gender=m", 27, 52, period=later, suppression=Suppression.SECONDARY)
    _result(world, "sector=arab", 1, 30, period=later, ranged=True, range_low=0, range_high=10)
    _result(world, "sector=jewish", 29, 30, period=later)

    disclosure = indicator_disclosures(initiative=world.initiative)[world.indicator.pk]

    assert (disclosure.cells, disclosure.hidden, disclosure.ranged) == (
        5,
        {"group_size": 1, "secondary": 1},
        1,
    )
    assert disclosure.line == (
        "2 of 5 cells hidden for the public, 1 because it is small, 1 to protect another, "
        "1 shown as a range"
    )


def test_the_indicator_line_uses_plurals(world):
    for key in ("", "gender=f", "gender=m"):
        _result(world, key, 3, 8, suppression=Suppression.GROUP_SIZE)
    line = indicator_disclosures(initiative=world.initiative)[world.indicator.pk].line
    assert line == "3 of 3 cells hidden for the public, 3 because they are small"


def test_backbone_sees_the_line_beside_each_indicator_and_a_funder_does_not(
    client, ranged, backbone_staff, funder
):
    address = reverse("measurement:indicator-list", args=[ranged.initiative.slug])
    client.force_login(backbone_staff)
    line = "1 of 3 cells hidden for the public, 1 because it is small, 2 shown as ranges"
    assert line in client.get(address).content.decode()
    assert line in _indicator_page(client, backbone_staff, ranged)
    client.force_login(funder)
    assert "hidden for the public" not in client.get(address).content.decode()


# ---- The computation page ----


def test_computation_page_explains_what_was_hidden(client, world, backbone_staff):
    ComputationRunFactory(
        initiative=world.initiative,
        disclosure={
            "policy": {"min_group_size": 10},
            "tables": {"total": 240, "optimal": 238, "time_limited": 1, "fallback": 1},
            "restricted": {
                "cells": 46080,
                "people": 123456,
                "hidden": {
                    "group_size": {"cells": 3, "people": 12},
                    "small_count": {"cells": 5, "people": 70},
                    "contributors": {"cells": 0, "people": 0},
                    "secondary": {"cells": 7, "people": 1220},
                },
                "ranged": {"cells": 4, "people": 80},
            },
            "seconds": 1.2,
        },
    )
    client.force_login(backbone_staff)
    page = client.get(
        reverse("measurement:computation-list", args=[world.initiative.slug])
    ).content.decode()
    assert "What restricted audiences cannot see" in page
    assert "46,080" in page
    assert "123,456" in page
    for label, cells, people in (
        (Suppression.GROUP_SIZE.label, "3", "12"),
        (Suppression.SECONDARY.label, "7", "1,220"),
        ("Shown as a range", "4", "80"),
    ):
        assert re.search(
            rf"<td>{re.escape(str(label))}</td>\s*<td[^>]*>{cells}</td>\s*<td[^>]*>{people}</td>",
            page,
        )
    assert "Of 240 tables: 238 hid the fewest people possible (proven), 1 kept" in page
    assert "1 used the simpler fallback pass" in page


def test_computation_page_says_nothing_of_disclosure_for_older_runs(client, world, backbone_staff):
    ComputationRunFactory(initiative=world.initiative, disclosure={})
    assert ComputationRun.objects.count() == 1
    client.force_login(backbone_staff)
    page = client.get(reverse("measurement:computation-list", args=[world.initiative.slug]))
    assert "What restricted audiences cannot see" not in page.content.decode()
