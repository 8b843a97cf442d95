"""The scorecard's rows (``selectors.overview``): baseline and target with their periods,
progress, the on-track status and its explanation, the largest gap, RBA's sections, the
scorecard as it stood at an earlier period — and nothing a restricted audience may not see."""

import csv
import io
import re

import pytest
from django.urls import reverse

from initiatives import roles
from measurement import selectors
from measurement.choices import IndicatorKind, OnTrack, RbaType, Suppression
from measurement.models import ComputedResult, ShareLink, Target
from tests.factories.measurement import (
    ComputedResultFactory,
    IndicatorFactory,
    ReportingPeriodFactory,
)

BACKBONE = roles.Audience(unsuppressed=True)
FUNDER = roles.SHARE_LINK_AUDIENCE


def _figure(indicator, period, value, *, key="", baseline=None, target=None, **fields):
    progress = None
    if baseline is not None and target is not None and target != baseline:
        progress = (value - baseline) / (target - baseline)
    return ComputedResultFactory(
        indicator=indicator,
        period=period,
        key=key,
        numerator=None,
        denominator=None,
        value=value,
        n=100,
        baseline=baseline,
        change_since_baseline=None if baseline is None else value - baseline,
        target=target,
        progress_to_target=progress,
        **fields,
    )


def _target(indicator, period, value):
    cell = indicator.initiative.cells.get_or_create(key="")[0]
    return Target.objects.create(indicator=indicator, period=period, cell=cell, value=value)


@pytest.fixture
def card(world):
    """A year of quarters and four indicators, one for each status the data allows:

    - reading (population, a rate): baseline 40 in 2024-Q1, then 44, 49, 52; target 60 by
      2025-Q4. Rising ~0.044 a day, it would be near 68 by October 2025: ahead. The straight
      line from 40 (1 January 2024) to 60 (1 October 2025, 639 days later) is at
      40 + 20 × 274/639 = 48.58 on 1 October 2024. Girls 80, boys 60 in 2024-Q4: boys 20
      points behind.
    - served (how much, a count): no target.
    - late (how well, a rate, lower is better): no baseline period.
    - employed (better off, a rate): baseline 2024-Q4, one figure since: too early.
    """
    quarters = [world.period] + [
        ReportingPeriodFactory(initiative=world.initiative, code=f"2024-Q{n}") for n in (2, 3, 4)
    ]
    by = ReportingPeriodFactory(initiative=world.initiative, code="2025-Q4")
    reading = world.indicator
    reading.baseline_period = quarters[0]
    reading.save()
    _target(reading, by, 60)
    for period, value in zip(quarters, (40, 44, 49, 52), strict=True):
        _figure(reading, period, value, baseline=40, target=60)
    _figure(reading, quarters[3], 80, key="gender=f", baseline=40, target=60)
    _figure(
        reading,
        quarters[3],
        60,
        key="gender=m",
        baseline=40,
        target=60,
        reference_key="gender=f",
        difference_from_reference=-20,
    )

    served = IndicatorFactory(
        initiative=world.initiative,
        code="served",
        kind=IndicatorKind.COUNT,
        rba_type=RbaType.HOW_MUCH,
        baseline_period=quarters[0],
    )
    late = IndicatorFactory(
        initiative=world.initiative, code="late", rba_type=RbaType.HOW_WELL, direction="lower"
    )
    _target(late, by, 5)
    employed = IndicatorFactory(
        initiative=world.initiative,
        code="employed",
        rba_type=RbaType.BETTER_OFF,
        baseline_period=quarters[3],
    )
    _target(employed, by, 50)
    for period, value in zip(quarters, (100, 120, 130, 150), strict=True):
        _figure(served, period, value, baseline=100)
        _figure(late, period, 10 - value / 100, target=5)
    _figure(employed, quarters[3], 30, baseline=30, target=50)
    world.quarters, world.by = quarters, by
    return world


def _total(world, period):
    return ComputedResult.objects.get(indicator=world.indicator, period=period, cell__key="")


def _rows(data) -> dict:
    return {row.indicator.code: row for group in data["results"] for row in group["rows"]}


def test_each_row_has_its_baseline_target_progress_and_status(card):
    rows = _rows(selectors.overview(audience=BACKBONE, initiative=card.initiative))
    reading = rows["read3"]
    assert (reading.baseline, reading.baseline_period.code) == (40, "2024-Q1")
    assert (reading.target, reading.target_period.code) == (60, "2025-Q4")
    assert reading.latest.value == 52
    assert reading.progress == pytest.approx(0.6)  # 12 of the 20 points
    assert reading.on_track == OnTrack.AHEAD
    assert reading.on_track_label == "Ahead"
    assert 65 < reading.projected < 70
    assert reading.expected_now == pytest.approx(40 + 20 * 274 / 639)
    assert reading.status_period.code == "2024-Q4"

    assert rows["served"].on_track == OnTrack.NO_TARGET
    assert rows["served"].target_period is None
    assert rows["late"].on_track == OnTrack.NO_BASELINE
    assert rows["employed"].on_track == OnTrack.TOO_EARLY
    assert rows["employed"].on_track_label == "Too early to tell"


def test_the_largest_gap_is_the_group_furthest_behind(card):
    rows = _rows(selectors.overview(audience=BACKBONE, initiative=card.initiative))
    gap = rows["read3"].largest_gap
    assert (gap.group, gap.reference, gap.difference) == ("Male", "Female", -20)
    assert rows["served"].largest_gap is None


def test_population_indicators_and_performance_measures_have_their_own_sections(card):
    data = selectors.overview(audience=BACKBONE, initiative=card.initiative)
    assert [row.indicator.code for g in data["population"] for row in g["rows"]] == ["read3"]
    sections = [(s["rba_type"], [r.indicator.code for r in s["rows"]]) for s in data["performance"]]
    assert sections == [
        (RbaType.HOW_MUCH, ["served"]),
        (RbaType.HOW_WELL, ["late"]),
        (RbaType.BETTER_OFF, ["employed"]),
    ]
    assert [p.code for p in data["periods"]] == ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]


def test_as_of_shows_the_scorecard_as_it_stood_then(card):
    data = selectors.overview(audience=BACKBONE, initiative=card.initiative, as_of=card.quarters[1])
    reading = _rows(data)["read3"]
    assert reading.latest.period.code == "2024-Q2"
    assert [p.value for p in reading.series] == [40, 44]
    # Through (1 January, 40) and (1 April, 44): 4 points in 91 days, 40 + 4 × 639/91 = 68.1
    # by 1 October 2025.
    assert reading.projected == pytest.approx(40 + 4 * 639 / 91)
    assert reading.largest_gap is None  # the groups were counted in 2024-Q4
    assert data["latest_period"].code == "2024-Q2"
    # Every period stays on offer.
    assert len(data["periods"]) == 4


def test_a_funder_gets_no_status_built_on_a_hidden_latest_figure(card):
    latest = _total(card, card.quarters[3])
    latest.suppression = Suppression.SMALL_COUNT
    latest.save()
    backbone = _rows(selectors.overview(audience=BACKBONE, initiative=card.initiative))
    funder = _rows(selectors.overview(audience=FUNDER, initiative=card.initiative))
    assert backbone["read3"].on_track == OnTrack.AHEAD
    row = funder["read3"]
    assert row.latest.value is None
    assert (row.on_track, row.on_track_label, row.projected, row.expected_now) == (
        None,
        "",
        None,
        None,
    )
    assert row.progress is None


def test_a_funder_gets_no_status_built_on_a_hidden_baseline(card):
    ComputedResult.objects.filter(indicator=card.indicator).filter(cell__key="").update(
        baseline_suppressed=True
    )
    funder = _rows(selectors.overview(audience=FUNDER, initiative=card.initiative))
    row = funder["read3"]
    assert row.latest.value == 52
    assert row.baseline is None
    assert row.on_track is None
    assert row.progress is None


def test_a_funders_trend_leaves_out_the_figures_it_may_not_see(card):
    # 2024-Q3 (49) hidden: the funder's line goes through 40, 44 and 52, the backbone's
    # through all four; both are ahead, by different projections.
    hidden = _total(card, card.quarters[2])
    hidden.suppression = Suppression.SMALL_COUNT
    hidden.save()
    backbone = _rows(selectors.overview(audience=BACKBONE, initiative=card.initiative))["read3"]
    funder = _rows(selectors.overview(audience=FUNDER, initiative=card.initiative))["read3"]
    assert funder.on_track == backbone.on_track == OnTrack.AHEAD
    assert funder.projected != pytest.approx(backbone.projected)


# ---- The page and the download ----


def _get(client, user, name, world, *args, **query):
    client.force_login(user)
    response = client.get(reverse(name, args=[world.initiative.slug, *args]), query)
    assert response.status_code == 200
    return response


def _csv(response) -> dict:
    rows = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    return {row["indicator"]: row for row in rows}


def test_the_page_has_rbas_sections_and_says_why_each_status(client, card, backbone_staff):
    page = _get(client, backbone_staff, "measurement:indicator-list", card).content.decode()
    population, performance = page.split("Population indicators", 1)[1].split(
        "Performance measures", 1
    )
    assert 'data-on-track="read3"' in population
    assert "served" not in population
    for heading in ("How much did we do?", "How well did we do it?", "Is anyone better off?"):
        assert heading in performance
    assert "Ahead" in population
    assert "60%</bdi> of the way" in population
    assert "the line to it is at <bdi>48.6%</bdi> now" in population
    assert "Male" in population
    assert "−20.0 points" in population
    for label in ("No target set", "No baseline", "Too early to tell"):
        assert label in performance
    assert "How the status is decided" in page


def test_the_period_selector_shows_the_scorecard_as_it_stood(client, card, backbone_staff):
    page = _get(
        client, backbone_staff, "measurement:indicator-list", card, period="2024-Q2"
    ).content.decode()
    latest = re.search(r'data-latest="read3">(.*?)</td>', page, re.S)[1]
    assert "2024-Q2" in latest
    assert "44.0%" in latest
    assert '<option value="2024-Q2" selected>' in page
    assert "period=2024-Q2" in page  # the download keeps the period


@pytest.mark.parametrize(
    ("asked", "said"),
    [
        ("1999-Q9", "There is no period <bdi>1999-Q9</bdi>"),
        ("<script>", "There is no period <bdi>&lt;script&gt;</bdi>"),
        ("", None),
    ],
)
def test_an_unknown_period_shows_the_latest_and_says_so(client, card, backbone_staff, asked, said):
    page = _get(
        client, backbone_staff, "measurement:indicator-list", card, period=asked
    ).content.decode()
    latest = re.search(r'data-latest="read3">(.*?)</td>', page, re.S)[1]
    assert "2024-Q4" in latest
    assert '<option value="2024-Q4" selected>' in page
    if said:
        assert f"{said}: the scorecard shows the latest figures." in page
    else:
        assert "There is no period" not in page


def test_the_download_is_the_scorecard_the_viewer_sees(client, card, backbone_staff, funder):
    latest = _total(card, card.quarters[3])
    latest.suppression = Suppression.SMALL_COUNT
    latest.save()
    backbone = _csv(_get(client, backbone_staff, "measurement:scorecard-download", card, "csv"))
    assert list(backbone) == ["read3", "served", "late", "employed"]
    reading = backbone["read3"]
    assert (reading["latest"], reading["latest_rounded"], reading["on_track"]) == (
        "52",
        "52.0",
        "ahead",
    )
    assert (reading["baseline_period"], reading["target_period"]) == ("2024-Q1", "2025-Q4")
    assert reading["largest_gap_group"] == "Male"
    assert reading["largest_gap_difference"] == "-20"
    assert backbone["served"]["on_track"] == "no_target"

    funder_file = _get(client, funder, "measurement:scorecard-download", card, "csv")
    reading = _csv(funder_file)["read3"]
    assert reading["latest"] == reading["latest_rounded"] == ""
    assert reading["latest_suppressed"] == "true"
    assert reading["on_track"] == reading["projected"] == reading["progress_to_target"] == ""
    assert ",52," not in funder_file.content.decode()

    as_of = _csv(
        _get(
            client, backbone_staff, "measurement:scorecard-download", card, "csv", period="2024-Q2"
        )
    )
    assert as_of["read3"]["latest_period"] == "2024-Q2"

    workbook = _get(client, funder, "measurement:scorecard-download", card, "xlsx")
    assert workbook["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="river-scorecard-latest.xlsx"' in workbook["Content-Disposition"]


def test_a_share_link_downloads_the_funders_scorecard(client, card, backbone_admin):
    latest = _total(card, card.quarters[3])
    latest.suppression = Suppression.SMALL_COUNT
    latest.save()
    client.force_login(backbone_admin)
    client.post(
        reverse("measurement:share-link-list", args=[card.initiative.slug]),
        {"label": "Board", "days": "30"},
    )
    client.logout()
    token = ShareLink.objects.get().token
    page = client.get(reverse("share:indicator-list", args=[token]), {"period": "2024-Q3"})
    assert "How the status is decided" in page.content.decode()
    assert reverse("share:scorecard-download", args=[token, "csv"]) in page.content.decode()
    response = client.get(reverse("share:scorecard-download", args=[token, "csv"]))
    assert response.status_code == 200
    reading = _csv(response)["read3"]
    assert reading["latest_suppressed"] == "true"
    assert reading["on_track"] == reading["latest"] == ""
