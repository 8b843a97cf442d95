"""The charts tell the truth about time: periods sit at their own dates on a time axis, a
missing period breaks the line, a target is drawn when it is due — and the words a chart quotes
keep their own direction in Hebrew and Arabic."""

from types import SimpleNamespace

from core.charts import isolate
from core.sparkline import sparkline_svg
from measurement.charts import sparkline, trend_chart
from measurement.models import Indicator, ReportingPeriod
from measurement.periods import parse_period
from measurement.selectors.results import PublishedResult

READING = Indicator(code="read3", name="Reading", scale=100)


def _period(code: str) -> ReportingPeriod:
    parsed = parse_period(code)
    return ReportingPeriod(code=code, kind=parsed.kind, start=parsed.start, end=parsed.end)


def _point(code: str, value: float | None) -> PublishedResult:
    return PublishedResult(
        period=_period(code),
        cell_key="",
        suppressed=False,
        figures={"value": value, "baseline": 40.0, "range_low": None, "range_high": None},
    )


def _target(code: str, value: float):
    return SimpleNamespace(period=_period(code), cell=SimpleNamespace(key=""), value=value)


def _trace(chart: dict, name: str) -> dict:
    return next(trace for trace in chart["data"] if trace.get("name") == name)


def test_periods_sit_at_their_start_dates_on_a_time_axis():
    chart = trend_chart(READING, [_point("2024-Q1", 50), _point("2024-Q2", 55)], rtl=False)
    assert chart["layout"]["xaxis"]["type"] == "date"
    assert _trace(chart, "All partners")["x"] == ["2024-01-01", "2024-04-01"]


def test_a_missing_period_breaks_the_line_instead_of_joining_its_neighbours():
    series = [_point("2024-Q1", 50), _point("2024-Q2", 55), _point("2024-Q4", 60)]
    line = _trace(trend_chart(READING, series, rtl=False), "All partners")
    # The day after 2024-Q2 ends holds no value: Plotly leaves the line open there.
    assert line["x"] == ["2024-01-01", "2024-04-01", "2024-07-01", "2024-10-01"]
    assert line["y"] == [50, 55, None, 60]
    assert line["connectgaps"] is False


def test_a_target_is_drawn_at_its_own_date_not_beside_the_latest_period():
    series = [_point("2024-Q3", 50), _point("2024-Q4", 55)]
    chart = trend_chart(READING, series, [_target("2026-Q4", 80)], rtl=False)
    assert _trace(chart, "Target")["x"] == ["2026-10-01"]
    # The baseline reaches from the first period to the target.
    assert _trace(chart, "Baseline")["x"] == ["2024-07-01", "2026-10-01"]


def test_ticks_and_hover_name_periods_by_code_isolated_from_the_text_around_them():
    chart = trend_chart(READING, [_point("2024-Q4", 50)], [_target("2026-Q4", 80)], rtl=True)
    axis = chart["layout"]["xaxis"]
    assert axis["tickvals"] == ["2024-10-01", "2026-10-01"]
    assert axis["ticktext"] == [isolate("2024-Q4"), isolate("2026-Q4")]
    assert axis["autorange"] == "reversed"
    assert _trace(chart, "All partners")["hovertext"] == [f"{isolate('2024-Q4')}: 50.0%"]


def test_isolate_wraps_text_in_first_strong_and_pop_directional_isolates():
    assert isolate("2024-Q4") == "\u20682024-Q4\u2069"


def test_a_sparkline_is_svg_with_a_text_alternative_and_no_script():
    markup = sparkline_svg([(0, 1.0), (1, 2.0), (2, 3.0)], 'Reading "all" <partners>')
    assert markup.startswith('<svg class="sparkline" role="img"')
    assert 'aria-label="Reading &quot;all&quot; &lt;partners&gt;"' in markup
    assert "<script" not in markup
    assert markup.count("M") == 1


def test_a_sparkline_breaks_at_a_gap_and_shows_a_lone_point_as_a_dot():
    markup = sparkline_svg([(0, 1.0), (1, 2.0), (2, None), (3, 4.0)], "Reading")
    assert markup.count("M") == 1  # one line, the first two points
    assert markup.count("<circle") == 1  # the point after the gap, alone


def test_the_scorecard_sparkline_leaves_a_missing_period_as_a_gap_and_says_the_trend():
    markup = sparkline(
        READING, [_point("2024-Q1", 50), _point("2024-Q2", 55), _point("2024-Q4", 60)], rtl=False
    )
    assert markup.count("<circle") == 1
    assert "50.0% in 2024-Q1 and 60.0% in 2024-Q4" in markup


def test_the_outcome_beside_collaborative_health_breaks_where_a_period_is_missing():
    from conditions.charts import health_trend_chart

    series = [_point("2024-Q1", 50), _point("2024-Q3", 60)]
    figure = health_trend_chart([], READING, series, rtl=False)
    outcome = _trace(figure, isolate("Reading"))
    assert outcome["x"] == ["2024-01-01", "2024-04-01", "2024-07-01"]
    assert outcome["y"] == [50, None, 60]
