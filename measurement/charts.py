"""Charts: Plotly drawings built in Python and handed to the page as JSON (``json_script``);
one static script (static/js/charts.js) draws them with the plotly.js shipped in the plotly
package. (A "figure" in Yachad is a computed number; a chart draws figures.)

Every chart uses a colour-blind-safe palette, translated titles and axes, mirrors itself in
right-to-left languages (time and groups read from the right, the value axis on the right), and
comes with a text alternative; every chart on a page has its numbers in a table beside it.
Suppressed figures are drawn and labelled as suppressed, never as zero; a figure published
as a coded range is drawn as the range it is ("≤ 10%"), never as a point.
"""

from datetime import date

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from core.charts import (
    MUTED,
    PALETTE,
    REFERENCE,
    chart_json,
    chart_layout,
    isolate,
    on_time_axis,
    period_ticks,
    wrap,
)
from core.sparkline import sparkline_svg
from measurement.choices import Suppression
from measurement.display import value_text
from measurement.models import Indicator


def value_axis_title(indicator: Indicator) -> str:
    if indicator.is_rate:
        return (
            _("Percent")
            if indicator.scale == 100
            else _("Per %(scale)s") % {"scale": f"{indicator.scale:,}"}
        )
    return indicator.unit or _("Value")


def _bound(indicator: Indicator, number: float) -> str:
    # A coded range's bounds are round by design: "≤ 10%", not "≤ 10.0%".
    if float(number).is_integer():
        suffix = "%" if indicator.is_rate and indicator.scale == 100 else ""
        return f"{number:,.0f}{suffix}"
    return value_text(indicator, number)


def format_range(indicator: Indicator, low: float | None, high: float | None) -> str:
    """A coded range in the indicator's unit, as restricted audiences read a cell published
    without its exact value: "≤ 10%" from the bottom of the scale, "≥ 90%" to its top,
    "20%–80%" between."""
    if low is None or high is None:
        return "—"
    top = indicator.scale if indicator.is_rate else None
    if low <= 0:
        return _("≤ %(high)s") % {"high": _bound(indicator, high)}
    if top is not None and high >= top:
        return _("≥ %(low)s") % {"low": _bound(indicator, low)}
    return _("%(low)s–%(high)s") % {"low": _bound(indicator, low), "high": _bound(indicator, high)}


def restricted_view_mark(indicator: Indicator, point) -> str:
    """For an audience that sees a point's value: what restricted viewers see instead, when
    it is not the value — why it is hidden from them (the ``Suppression`` label), or the coded
    range they are shown. "" when they see the same value, or when this audience sees no
    value either."""
    if point is None or point.value is None:
        return ""
    if point.reason:
        return str(Suppression(point.reason).label)
    if point.ranged and point.range_low is not None and point.range_high is not None:
        return _("shown to restricted viewers as %(range)s") % {
            "range": format_range(indicator, point.range_low, point.range_high)
        }
    return ""


def _range_bars(indicator: Indicator, x: list, points: list, *, width=None) -> go.Bar:
    """Coded ranges as translucent bars spanning their range, labelled with it: what is
    known, drawn as a span rather than a point."""
    labels = [format_range(indicator, p.range_low, p.range_high) for p in points]
    return go.Bar(
        x=x,
        y=[p.range_high - p.range_low for p in points],
        base=[p.range_low for p in points],
        width=width,
        name=wrap(_("Shown as a range (few people counted)")),
        text=labels,
        textposition="inside",
        hovertext=labels,
        hoverinfo="text",
        marker={
            "color": "rgba(140,140,140,0.15)",
            "line": {"color": MUTED, "width": 1},
            "pattern": {"shape": ".", "fgcolor": MUTED},
        },
    )


# ---- The total over time ----

# A bar on a date axis is as wide as this many milliseconds: about a month.
RANGE_BAR_WIDTH = 30 * 24 * 60 * 60 * 1000


def _when(point) -> str:
    return point.period.start.isoformat()


def _labelled(period, text: str) -> str:
    """Hover text that names its period: a time axis's own hover label would give a date."""
    return f"{isolate(period.code)}: {text}"


def trend_chart(indicator: Indicator, series, targets=(), *, rtl: bool) -> dict:
    """The whole population's value over time on a time axis — a period without a figure is
    a break in the line — with the baseline as a line and the universal targets as points at
    their own dates, where the line is heading."""
    figure = go.Figure(
        layout=chart_layout(
            isolate(indicator.name),
            "",
            value_axis_title(indicator),
            rtl=rtl,
            legend=True,
            time_axis=True,
        )
    )
    placed = on_time_axis(series, lambda point: point.period)
    figure.add_trace(
        go.Scatter(
            x=[at for at, _point in placed],
            y=[point.value if point else None for _at, point in placed],
            mode="lines+markers",
            name=_("All partners"),
            hovertext=[
                _labelled(point.period, _hover(indicator, point)) if point else ""
                for _at, point in placed
            ],
            hoverinfo="text",
            line={"color": PALETTE[0], "width": 3},
            connectgaps=False,
        )
    )
    baseline = next((p.baseline for p in reversed(series) if p.baseline is not None), None)
    universal = [t for t in targets if t.cell.key == ""]
    if baseline is not None:
        dates = sorted(_when(p) for p in [*series, *universal])
        figure.add_trace(
            go.Scatter(
                x=[dates[0], dates[-1]],
                y=[baseline, baseline],
                mode="lines",
                name=_("Baseline"),
                line={"color": REFERENCE, "dash": "dash", "width": 1.5},
                hoverinfo="skip",
            )
        )
    if universal:
        figure.add_trace(
            go.Scatter(
                x=[_when(t) for t in universal],
                y=[t.value for t in universal],
                mode="markers+text",
                name=_("Target"),
                text=[_("target") for _t in universal],
                textposition="bottom center",
                hovertext=[_labelled(t.period, value_text(indicator, t.value)) for t in universal],
                hoverinfo="text",
                marker={"symbol": "star", "size": 14, "color": PALETTE[2]},
            )
        )
    ranged = [p for p in series if p.coded_range]
    if ranged:
        figure.add_trace(
            _range_bars(indicator, [_when(p) for p in ranged], ranged, width=RANGE_BAR_WIDTH)
        )
    _mark_suppressed(figure, [p for p in series if p.suppressed and p.value is None])
    _mark_provisional(figure, [p for p in series if _provisional(p) and p.value is not None])
    figure.update_xaxes(period_ticks([p.period for p in [*series, *universal]]))
    return chart_json(figure)


def _provisional(point) -> bool:
    return point.completeness is not None and point.completeness.provisional


def _mark_provisional(figure: go.Figure, points) -> None:
    """Ring the points whose period is still provisional, and say so on them."""
    if points:
        figure.add_trace(
            go.Scatter(
                x=[_when(p) for p in points],
                y=[p.value for p in points],
                mode="markers+text",
                text=[_("provisional")] * len(points),
                textposition="bottom center",
                hovertext=[_labelled(p.period, p.completeness.summary) for p in points],
                hoverinfo="text",
                marker={"symbol": "circle-open", "color": MUTED, "size": 16, "line": {"width": 2}},
                name=wrap(_("Provisional (not every organization approved)")),
            )
        )


def _mark_suppressed(figure: go.Figure, points) -> None:
    if points:
        figure.add_trace(
            go.Scatter(
                x=[_when(p) for p in points],
                y=[0] * len(points),
                mode="markers+text",
                text=[_("suppressed")] * len(points),
                textposition="top center",
                marker={"symbol": "x-open", "color": MUTED, "size": 10},
                hovertext=[_labelled(p.period, _("suppressed")) for p in points],
                hoverinfo="text",
                name=_("Suppressed (small numbers)"),
            )
        )


def trend_text_alternative(indicator: Indicator, series) -> str:
    shown = [p for p in series if p.value is not None]
    if not shown:
        return _("No published figures yet for %(indicator)s.") % {"indicator": indicator.name}
    first, last = shown[0], shown[-1]
    unsettled = [p.period.code for p in shown if _provisional(p)]
    if unsettled:
        return " ".join(
            [
                _trend_sentence(indicator, series, first, last, shown),
                _("Provisional, since not every organization is approved yet: %(periods)s.")
                % {"periods": ", ".join(unsettled)},
            ]
        )
    return _trend_sentence(indicator, series, first, last, shown)


def _trend_sentence(indicator, series, first, last, shown) -> str:
    if len(shown) == 1:
        return _("%(indicator)s, all partners: %(value)s in %(period)s.") % {
            "indicator": indicator.name,
            "value": value_text(indicator, first.value),
            "period": first.period.code,
        }
    return _(
        "%(indicator)s, all partners: %(first)s in %(first_period)s and %(last)s in "
        "%(last_period)s (%(count)s periods; the table beside the chart lists every value)."
    ) % {
        "indicator": indicator.name,
        "first": value_text(indicator, first.value),
        "first_period": first.period.code,
        "last": value_text(indicator, last.value),
        "last_period": last.period.code,
        "count": len(series),
    }


def sparkline(indicator: Indicator, series, *, rtl: bool) -> str:
    """A few centimetres of trend for the scorecard, drawn on the server as inline SVG (no
    plotly.js on the page): on a time axis, a missing period a gap, the trend's sentence its
    text alternative."""
    placed = on_time_axis(series, lambda point: point.period)
    return sparkline_svg(
        [
            (date.fromisoformat(at).toordinal(), point.value if point else None)
            for at, point in placed
        ],
        trend_text_alternative(indicator, series),
        rtl=rtl,
    )


# ---- Groups in one period ----


def breakdown_chart(indicator: Indicator, dimension, breakdown, targets, *, rtl: bool) -> dict:
    """Each group of one dimension in the latest period: bars with their 95% intervals, group
    targets as diamonds, and suppressed groups as hatched bars that say so."""
    period = breakdown[0]["result"].period.code if breakdown else ""
    figure = go.Figure(
        layout=chart_layout(
            _("%(indicator)s by %(dimension)s, %(period)s")
            % {
                "indicator": isolate(indicator.name),
                "dimension": isolate(dimension.name),
                "period": isolate(period),
            },
            isolate(dimension.name),
            value_axis_title(indicator),
            rtl=rtl,
            legend=True,
        )
    )
    shown = [b for b in breakdown if b["result"].value is not None]
    ranged = [b for b in breakdown if b["result"].coded_range]
    hidden = [b for b in breakdown if b["result"].value is None and b not in ranged]
    figure.add_trace(
        go.Bar(
            x=[isolate(b["label"]) for b in shown],
            y=[b["result"].value for b in shown],
            name=_("Value"),
            hovertext=[_hover(indicator, b["result"]) for b in shown],
            hoverinfo="x+text",
            marker={"color": PALETTE[0]},
            error_y={
                "type": "data",
                "symmetric": False,
                "array": [_above(b["result"]) for b in shown],
                "arrayminus": [_below(b["result"]) for b in shown],
                "color": REFERENCE,
                "thickness": 1.5,
                "width": 6,
            },
        )
    )
    if ranged:
        figure.add_trace(
            _range_bars(
                indicator, [isolate(b["label"]) for b in ranged], [b["result"] for b in ranged]
            )
        )
    if hidden:
        top = max([b["result"].ci_high or b["result"].value for b in shown] or [1]) or 1
        figure.add_trace(
            go.Bar(
                x=[isolate(b["label"]) for b in hidden],
                y=[top] * len(hidden),
                name=_("Suppressed (small numbers)"),
                text=[_("suppressed")] * len(hidden),
                textposition="inside",
                hoverinfo="text",
                marker={
                    "color": "rgba(140,140,140,0.15)",
                    "line": {"color": MUTED, "width": 1},
                    "pattern": {"shape": "/", "fgcolor": MUTED},
                },
            )
        )
    group_targets = {
        t.cell.key: t.value
        for t in targets
        if t.cell.key and t.cell.dimension_set == dimension.code
    }
    with_targets = [b for b in breakdown if b["key"] in group_targets]
    if with_targets:
        figure.add_trace(
            go.Scatter(
                x=[isolate(b["label"]) for b in with_targets],
                y=[group_targets[b["key"]] for b in with_targets],
                mode="markers",
                name=_("Group target"),
                marker={
                    "symbol": "diamond",
                    "size": 13,
                    "color": PALETTE[2],
                    "line": {"color": "#ffffff", "width": 1},
                },
            )
        )
    figure.update_layout(barmode="overlay")
    figure.update_xaxes(
        categoryorder="array", categoryarray=[isolate(b["label"]) for b in breakdown]
    )
    return chart_json(figure)


def _above(result) -> float:
    return (result.ci_high - result.value) if result.ci_high is not None else 0


def _below(result) -> float:
    return (result.value - result.ci_low) if result.ci_low is not None else 0


def breakdown_text_alternative(indicator: Indicator, dimension, breakdown) -> str:
    parts = [f"{b['label']}: " + _point_text(indicator, b["result"]) for b in breakdown]
    if not parts:
        return _("No published figures for %(dimension)s yet.") % {"dimension": dimension.name}
    return _("%(indicator)s by %(dimension)s: %(groups)s.") % {
        "indicator": indicator.name,
        "dimension": dimension.name,
        "groups": "; ".join(parts),
    }


def _hover(indicator: Indicator, point) -> str:
    mark = restricted_view_mark(indicator, point)
    value = value_text(indicator, point.value)
    return f"{value} ({mark})" if mark else value


def _point_text(indicator: Indicator, point) -> str:
    if point.value is not None:
        return value_text(indicator, point.value)
    if point.coded_range:
        return format_range(indicator, point.range_low, point.range_high)
    return _("suppressed")


# ---- Gaps over time ----


def gap_chart(indicator: Indicator, dimension, gap_series, *, rtl: bool) -> dict:
    """How far each group is from the reference group, period by period: the reference is
    the zero line; a suppressed point leaves a gap in its line."""
    figure = go.Figure(
        layout=chart_layout(
            _("Gap to the reference group by %(dimension)s")
            % {"dimension": isolate(dimension.name)},
            "",
            _("Difference (%(unit)s)") % {"unit": value_axis_title(indicator)},
            rtl=rtl,
            legend=True,
            time_axis=True,
        )
    )
    for index, group in enumerate(gap_series):
        placed = on_time_axis(group["points"], lambda point: point.period)
        figure.add_trace(
            go.Scatter(
                x=[at for at, _point in placed],
                y=[point.difference_from_reference if point else None for _at, point in placed],
                mode="lines+markers",
                name=isolate(group["label"]),
                hovertext=[
                    _labelled(point.period, _difference(point.difference_from_reference))
                    if point
                    else ""
                    for _at, point in placed
                ],
                hoverinfo="name+text",
                connectgaps=False,
                line={"color": PALETTE[(index + 1) % len(PALETTE)], "width": 2},
            )
        )
    figure.update_xaxes(period_ticks(p.period for g in gap_series for p in g["points"]))
    figure.update_yaxes(rangemode="normal", zerolinecolor=REFERENCE, zerolinewidth=2)
    return chart_json(figure)


def _difference(number: float | None) -> str:
    return "—" if number is None else f"{number:+.1f}"


def gap_text_alternative(indicator: Indicator, dimension, gap_series) -> str:
    parts = []
    for group in gap_series:
        shown = [p for p in group["points"] if p.difference_from_reference is not None]
        if shown and shown[-1].difference_from_reference != 0:
            parts.append(f"{group['label']} {shown[-1].difference_from_reference:+.1f}")
    if not parts:
        return _("No gaps to show for %(dimension)s.") % {"dimension": dimension.name}
    return _("Latest differences from the reference group by %(dimension)s: %(gaps)s.") % {
        "dimension": dimension.name,
        "gaps": "; ".join(parts),
    }
