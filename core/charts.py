"""What every chart in Yachad shares: a colour-blind-safe palette, one layout that mirrors
itself in right-to-left languages and fits a phone, a real time axis, and bidi isolates for the
words a chart quotes. Charts are built in Python and handed to the page as JSON;
static/js/charts.js draws them with the vendored basic bundle of plotly.js."""

import json
import textwrap
from collections.abc import Callable, Iterable, Sequence
from datetime import timedelta
from typing import Any, TypeVar

import plotly.graph_objects as go

# Okabe & Ito's palette: distinguishable with every common form of colour blindness.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
MUTED = "#8c8c8c"
REFERENCE = "#444444"

T = TypeVar("T")

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def isolate(text: object) -> str:
    """``text`` wrapped in Unicode isolates (FSI … PDI), for a period code, a date or a name
    quoted inside a chart's title, hover text or tick label: it keeps its own direction, so
    "2024-Q4" in a Hebrew title reads as typed instead of being reordered around it. Plotly
    draws SVG text, where HTML's <bdi> does not exist."""
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"


def wrap(text: str, width: int = 28) -> str:
    """``text`` broken into lines (Plotly's <br>) of about ``width`` characters: Plotly never
    wraps a title or a legend entry itself, and on a phone a long one runs off the chart."""
    return "<br>".join(textwrap.wrap(text, width)) or text


def chart_json(figure: go.Figure) -> dict:
    """The Plotly figure as the plain data a page carries in ``json_script``."""
    return json.loads(figure.to_json())


def chart_layout(
    title: str,
    x_title: str,
    y_title: str,
    *,
    rtl: bool,
    legend: bool = False,
    height: int = 380,
    time_axis: bool = False,
) -> go.Layout:
    """The layout every chart starts from. ``time_axis``: the x axis is a date axis, so
    periods sit at their own dates and a missing one leaves room, not an adjacent category."""
    return go.Layout(
        template=go.layout.Template(),  # no bundled template: smaller pages, our own style
        title={
            "text": wrap(title),
            "x": 1 if rtl else 0,
            "xanchor": "right" if rtl else "left",
            "automargin": True,
        },
        font={"family": "system-ui, sans-serif", "size": 14, "color": "#1f2933"},
        colorway=PALETTE,
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        height=height,
        # Small fixed margins; automargin grows them to fit the titles and tick labels of any
        # language, and the legend below the plot takes the room it needs.
        margin={"l": 20, "r": 20, "t": 70 if y_title else 40, "b": 20, "autoexpand": True},
        xaxis={
            "title": {"text": x_title, "standoff": 12},
            "type": "date" if time_axis else "category",
            "gridcolor": "#e4e7eb",
            "autorange": "reversed" if rtl else True,
            "automargin": True,
        },
        # The y axis's title is written level above the axis (as Our World in Data does), not
        # turned along it: turned, it ran into the tick labels of a right-hand axis in Hebrew
        # and Arabic whatever the standoff, and it is hard to read in any language.
        annotations=[
            {
                "text": y_title,
                "xref": "paper",
                "yref": "paper",
                "x": 1 if rtl else 0,
                "y": 1,
                "xanchor": "right" if rtl else "left",
                "yanchor": "bottom",
                "yshift": 8,
                "showarrow": False,
                "font": {"size": 12, "color": "#52606d"},
            }
        ]
        if y_title
        else [],
        yaxis={
            "gridcolor": "#e4e7eb",
            "rangemode": "tozero",
            "side": "right" if rtl else "left",
            "automargin": True,
            "zeroline": True,
        },
        showlegend=legend,
        # Below the plot, where it wraps on a phone instead of covering the title.
        legend={
            "orientation": "h",
            "y": -0.15,
            "yanchor": "top",
            "x": 1 if rtl else 0,
            "xanchor": "right" if rtl else "left",
        },
        # On a time axis the hover text names the period; a unified label would show a date.
        hovermode="x unified" if legend and not time_axis else "closest",
    )


def on_time_axis(points: Sequence[T], period: Callable[[T], Any]) -> list[tuple[str, T | None]]:
    """Each point at its period's start date, in time order, with a (date, None) wherever the
    next point's period does not begin the day after the last one ends: a missing period is
    a break in the line (Plotly's connectgaps off), never two neighbours joined."""
    placed: list[tuple[str, T | None]] = []
    for index, point in enumerate(points):
        if index:
            last_end = period(points[index - 1]).end
            if period(point).start > last_end + timedelta(days=1):
                placed.append(((last_end + timedelta(days=1)).isoformat(), None))
        placed.append((period(point).start.isoformat(), point))
    return placed


def period_ticks(periods: Iterable[Any], most: int = 4) -> dict:
    """Tick labels on a time axis: the periods' own codes at their start dates, when there are
    at most ``most`` of them; otherwise a tick each year, labelled with the year alone, so the
    labels stay level, legible and in the right places on a phone. The hover text names
    every period."""
    unique = {p.start: p for p in periods}
    ordered = [unique[start] for start in sorted(unique)]
    if len(ordered) > most:
        return {"tickangle": 0, "dtick": "M12", "tick0": "2000-01-01", "tickformat": "%Y"}
    return {
        "tickangle": 0,
        "tickmode": "array",
        "tickvals": [p.start.isoformat() for p in ordered],
        "ticktext": [isolate(p.code) for p in ordered],
    }
