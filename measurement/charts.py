"""Plotly figures built in Python and handed to the page as JSON (``json_script``); one static
script (static/js/charts.js) draws them with the plotly.js shipped in the plotly package.

Every figure comes with a text alternative and a data table on the page."""

import json

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from measurement.models import Indicator
from measurement.selectors import PublishedResult

# Okabe & Ito's palette: distinguishable with every common form of colour blindness.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
SUPPRESSED_COLOUR = "#8c8c8c"


def _layout(title: str, y_title: str, *, rtl: bool) -> go.Layout:
    return go.Layout(
        template=go.layout.Template(),  # no bundled template: smaller pages, our own style
        title={"text": title, "x": 1 if rtl else 0, "xanchor": "right" if rtl else "left"},
        font={"family": "system-ui, sans-serif", "size": 14, "color": "#1f2933"},
        colorway=PALETTE,
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        margin={"l": 60, "r": 30, "t": 60, "b": 40},
        xaxis={
            "title": {"text": _("Reporting period")},
            "type": "category",
            "gridcolor": "#e4e7eb",
            "autorange": "reversed" if rtl else True,
            "automargin": True,
        },
        yaxis={
            "title": {"text": y_title},
            "gridcolor": "#e4e7eb",
            "rangemode": "tozero",
            "side": "right" if rtl else "left",
            "automargin": True,
        },
        showlegend=False,
        hovermode="x",
    )


def value_axis_title(indicator: Indicator) -> str:
    if indicator.is_rate:
        return (
            _("Percent")
            if indicator.scale == 100
            else _("Per %(scale)s") % {"scale": f"{indicator.scale:,}"}
        )
    return indicator.unit or _("Value")


def trend_figure(indicator: Indicator, series: list[PublishedResult], *, rtl: bool) -> dict:
    """The initiative-wide total over time. Suppressed periods are marked on the axis as
    suppressed, never drawn as zero."""
    periods = [point.period.code for point in series]
    values = [point.value for point in series]
    figure = go.Figure(layout=_layout(indicator.name, value_axis_title(indicator), rtl=rtl))
    figure.add_trace(
        go.Scatter(
            x=periods,
            y=values,
            mode="lines+markers",
            name=_("All partners"),
            line={"color": PALETTE[0], "width": 3},
            connectgaps=False,
        )
    )
    hidden = [p.period.code for p in series if p.value is None and p.suppressed]
    if hidden:
        figure.add_trace(
            go.Scatter(
                x=hidden,
                y=[0] * len(hidden),
                mode="markers+text",
                text=[_("suppressed")] * len(hidden),
                textposition="top center",
                marker={"symbol": "x-open", "color": SUPPRESSED_COLOUR, "size": 10},
                hoverinfo="text",
                name=_("Suppressed"),
            )
        )
    return json.loads(figure.to_json())


def trend_text_alternative(indicator: Indicator, series: list[PublishedResult]) -> str:
    shown = [p for p in series if p.value is not None]
    if not shown:
        return _("No published figures yet for %(indicator)s.") % {"indicator": indicator.name}
    first, last = shown[0], shown[-1]
    if len(shown) == 1:
        return _("%(indicator)s, all partners: %(value)s in %(period)s.") % {
            "indicator": indicator.name,
            "value": format_number(indicator, first.value),
            "period": first.period.code,
        }
    return _(
        "%(indicator)s, all partners: %(first)s in %(first_period)s and %(last)s in "
        "%(last_period)s (%(count)s periods; the table beside the chart lists every value)."
    ) % {
        "indicator": indicator.name,
        "first": format_number(indicator, first.value),
        "first_period": first.period.code,
        "last": format_number(indicator, last.value),
        "last_period": last.period.code,
        "count": len(series),
    }


def format_number(indicator: Indicator, number: float | None) -> str:
    if number is None:
        return "—"
    if indicator.is_rate and indicator.scale == 100:
        return f"{number:.1f}%"
    if indicator.is_rate or indicator.is_average:
        return f"{number:,.1f}"
    return f"{number:,.0f}"
