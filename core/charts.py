"""What every chart in Yachad shares: a colour-blind-safe palette and one layout that mirrors
itself in right-to-left languages. Charts are built in Python and handed to the page as JSON;
static/js/charts.js draws them with the plotly.js shipped in the plotly package."""

import json

import plotly.graph_objects as go

# Okabe & Ito's palette: distinguishable with every common form of colour blindness.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
MUTED = "#8c8c8c"
REFERENCE = "#444444"


def chart_json(figure: go.Figure) -> dict:
    """The Plotly figure as the plain data a page carries in ``json_script``."""
    return json.loads(figure.to_json())


def chart_layout(
    title: str, x_title: str, y_title: str, *, rtl: bool, legend: bool = False, height: int = 380
) -> go.Layout:
    return go.Layout(
        template=go.layout.Template(),  # no bundled template: smaller pages, our own style
        title={"text": title, "x": 1 if rtl else 0, "xanchor": "right" if rtl else "left"},
        font={"family": "system-ui, sans-serif", "size": 14, "color": "#1f2933"},
        colorway=PALETTE,
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        height=height,
        margin={"l": 60, "r": 30, "t": 90 if legend else 60, "b": 40},
        xaxis={
            "title": {"text": x_title},
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
            "zeroline": True,
        },
        showlegend=legend,
        # Above the plot, on the far side from the title, clear of the period labels.
        legend={
            "orientation": "h",
            "y": 1.0,
            "yanchor": "bottom",
            "x": 0 if rtl else 1,
            "xanchor": "left" if rtl else "right",
        },
        hovermode="x unified" if legend else "closest",
    )
