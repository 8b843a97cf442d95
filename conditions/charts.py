"""Charts of the five conditions: assessment scores by respondent group, the network of
partners, and collaborative health over time beside an outcome indicator. Same conventions as
``measurement.charts``: palette, translated labels, mirrored in right-to-left languages, a text
alternative for each, and the numbers in a table beside every chart on the page."""

import math

import plotly.graph_objects as go
from django.utils.translation import gettext as _
from plotly.subplots import make_subplots

from conditions.figures import NetworkHealth
from core.charts import MUTED, PALETTE, chart_json, chart_layout, isolate, on_time_axis
from initiatives.choices import RespondentGroup
from measurement.charts import format_range
from measurement.display import value_text

GROUP_COLOURS = {
    RespondentGroup.BACKBONE: PALETTE[0],
    RespondentGroup.PARTNER: PALETTE[1],
    RespondentGroup.COMMUNITY: PALETTE[2],
}


def _mean(number: float | None) -> str:
    return "—" if number is None else f"{number:.1f}"


# ---- Assessment scores ----


def scores_chart(title: str, rows, groups, names: dict, *, rtl: bool) -> dict:
    """Mean score (1–5) of each topic, one bar per respondent group side by side, so where
    groups see the collaboration differently shows at a glance."""
    figure = go.Figure(layout=chart_layout(title, "", _("Mean score (1–5)"), rtl=rtl, legend=True))
    labels = [isolate(names[row.key]) for row in rows]
    for group in groups:
        figure.add_trace(
            go.Bar(
                x=labels,
                y=[row.by_group[group].mean for row in rows],
                name=str(RespondentGroup(group).label),
                marker={"color": GROUP_COLOURS[group]},
                text=[_mean(row.by_group[group].mean) for row in rows],
                textposition="outside",
            )
        )
    figure.update_layout(barmode="group", yaxis={"range": [0, 5.5], "rangemode": "normal"})
    return chart_json(figure)


def scores_text_alternative(title: str, rows, groups, names: dict) -> str:
    parts = []
    for row in rows:
        shown = [
            f"{RespondentGroup(group).label} {_mean(row.by_group[group].mean)}"
            for group in groups
            if row.by_group[group].shown
        ]
        parts.append(f"{names[row.key]}: {', '.join(shown) if shown else _('too few answers')}")
    return _("%(title)s, mean scores from 1 to 5 by group — %(scores)s.") % {
        "title": title,
        "scores": "; ".join(parts),
    }


# ---- The network of partners ----

TRUST_BANDS = [
    (3.0, PALETTE[0], "solid", _("High trust (3 or more)")),
    (2.0, PALETTE[1], "dash", _("Some trust (2 to 3)")),
    (0.0, PALETTE[3], "dot", _("Low trust (below 2)")),
]


def _band_floor(trust: float | None) -> float | None:
    if trust is None:
        return None
    return next(floor for floor, *_style in TRUST_BANDS if trust >= floor)


def _circle(count: int, *, rtl: bool) -> list[tuple[float, float]]:
    """Evenly round a circle, starting at the top, clockwise (anticlockwise when reading
    right to left)."""
    direction = 1 if rtl else -1
    return [
        (
            math.cos(math.pi / 2 + direction * 2 * math.pi * i / count),
            math.sin(math.pi / 2 + direction * 2 * math.pi * i / count),
        )
        for i in range(count)
    ]


def network_chart(
    health: NetworkHealth, names: dict[int, str], *, rtl: bool, with_trust: bool
) -> dict:
    """Partners round a circle; a line between two that work together — styled by the trust
    between them and thicker the more value they see in each other, for those who may see
    what partners said of each other; bigger circles for partners with more ties."""
    ids = sorted(health.by_organization, key=lambda pk: names[pk])
    position = dict(zip(ids, _circle(len(ids), rtl=rtl), strict=True)) if ids else {}
    figure = go.Figure(
        layout=chart_layout(_("Who works with whom"), "", "", rtl=rtl, legend=True, height=640)
    )
    if with_trust:
        for floor, colour, dash, label in TRUST_BANDS:
            ties = [t for t in health.ties if _band_floor(t.trust) == floor]
            _add_ties(figure, ties, position, colour, dash, str(label))
        _add_ties(
            figure,
            [t for t in health.ties if t.trust is None],
            position,
            MUTED,
            "dot",
            _("Trust not rated"),
        )
    else:
        _add_ties(
            figure,
            health.ties,
            position,
            PALETTE[0],
            "solid",
            _("Working together"),
            by_value=False,
        )
    figure.add_trace(
        go.Scatter(
            x=[position[pk][0] for pk in ids],
            y=[position[pk][1] for pk in ids],
            mode="markers+text",
            text=[isolate(names[pk]) for pk in ids],
            textposition=[_label_side(position[pk]) for pk in ids],
            marker={
                "size": [14 + 4 * health.by_organization[pk].ties for pk in ids],
                "color": [
                    "#ffffff" if not health.by_organization[pk].answered else "#1f2933"
                    for pk in ids
                ],
                "line": {"color": "#1f2933", "width": 2},
            },
            hovertext=[
                _node_text(isolate(names[pk]), health.by_organization[pk], with_trust) for pk in ids
            ],
            hoverinfo="text",
            name=_("Partner (hollow: did not answer)"),
        )
    )
    # Wide enough on both sides for the names beside the circle.
    hidden = {"visible": False, "type": "linear", "autorange": False}
    figure.update_layout(
        xaxis={**hidden, "range": [-3.0, 3.0]},
        yaxis={**hidden, "range": [-1.25, 1.25], "scaleanchor": "x"},
        hovermode="closest",
    )
    return chart_json(figure)


def _label_side(point: tuple[float, float]) -> str:
    """Labels outside the circle, so they do not sit on the ties."""
    x, y = point
    vertical = "top" if y > 0.5 else "bottom" if y < -0.5 else "middle"
    if abs(x) < 0.3:
        return f"{vertical} center"
    return f"{vertical} {'right' if x > 0 else 'left'}"


def _node_text(name: str, row, with_trust: bool) -> str:
    if not with_trust:
        return _("%(name)s: %(ties)s ties") % {"name": name, "ties": row.ties}
    return _("%(name)s: %(ties)s ties, trust received %(trust)s, value received %(value)s") % {
        "name": name,
        "ties": row.ties,
        "trust": _mean(row.trust_received),
        "value": _mean(row.value_received),
    }


def _add_ties(figure, ties, position, colour, dash, label, *, by_value=True) -> None:
    if not ties:
        return
    # One trace per band, lines separated by gaps (None), so the legend has one entry each.
    for index, tie in enumerate(ties):
        (x0, y0), (x1, y1) = position[tie.first], position[tie.second]
        figure.add_trace(
            go.Scatter(
                x=[x0, x1],
                y=[y0, y1],
                mode="lines",
                line={
                    "color": colour,
                    "dash": dash,
                    "width": 1 + 1.5 * (tie.value or 1) if by_value else 2,
                },
                name=label,
                legendgroup=label,
                showlegend=index == 0,
                hoverinfo="skip",
            )
        )


def network_text_alternative(health: NetworkHealth, names: dict[int, str]) -> str:
    return _(
        "%(ties)s ties among %(organizations)s partners (density %(density)s); mean trust "
        "%(trust)s and mean value %(value)s on a scale of 1 to 4; %(respondents)s of "
        "%(organizations)s partners answered. The table lists every tie."
    ) % {
        "ties": len(health.ties),
        "organizations": health.organizations,
        "density": _percent(health.density),
        "trust": _mean(health.mean_trust),
        "value": _mean(health.mean_value),
        "respondents": health.respondents,
    }


def _percent(share: float | None) -> str:
    return "—" if share is None else f"{share:.0%}"


# ---- Process beside outcomes ----


def health_trend_chart(trend, indicator, series, *, rtl: bool) -> dict:
    """Collaborative health round by round, above the outcome indicator on the same time
    axis, so the two can be read together."""
    figure = make_subplots(
        rows=3,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.09,
        subplot_titles=[
            _("Trust and value (1–4)"),
            _("Density of ties"),
            isolate(indicator.name) if indicator else _("No outcome indicator"),
        ],
    )
    dates = [assessment.closes_on.isoformat() for assessment, _health in trend]
    for row_name, colour, numbers in (
        (_("Mean trust"), PALETTE[0], [h.mean_trust for _s, h in trend]),
        (_("Mean value"), PALETTE[1], [h.mean_value for _s, h in trend]),
    ):
        figure.add_trace(
            go.Scatter(
                x=dates,
                y=numbers,
                mode="lines+markers",
                name=row_name,
                line={"color": colour, "width": 3},
            ),
            row=1,
            col=1,
        )
    figure.add_trace(
        go.Scatter(
            x=dates,
            y=[h.density for _s, h in trend],
            mode="lines+markers",
            name=_("Density"),
            line={"color": PALETTE[2], "width": 3},
        ),
        row=2,
        col=1,
    )
    if indicator is not None:
        # As on the indicator's own page: each period at its start, a missing one a gap.
        placed = on_time_axis(series, lambda point: point.period)
        figure.add_trace(
            go.Scatter(
                x=[day for day, _point in placed],
                y=[point.value if point else None for _day, point in placed],
                mode="lines+markers",
                name=isolate(indicator.name),
                line={"color": PALETTE[4], "width": 3},
                connectgaps=False,
            ),
            row=3,
            col=1,
        )
    base = chart_layout(
        _("Collaborative health beside the outcome"), "", "", rtl=rtl, legend=True, height=640
    )
    figure.update_layout(
        title=base.title,
        font=base.font,
        height=base.height,
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        legend=base.legend,
        margin=base.margin,
        hovermode="x unified",
    )
    figure.update_xaxes(type="date", autorange="reversed" if rtl else True, gridcolor="#e4e7eb")
    figure.update_yaxes(side="right" if rtl else "left", gridcolor="#e4e7eb")
    figure.update_yaxes(range=[1, 4], row=1, col=1)
    figure.update_yaxes(range=[0, 1], tickformat=".0%", row=2, col=1)
    return chart_json(figure)


def health_trend_text_alternative(trend, indicator, series) -> str:
    rounds = "; ".join(
        _("%(date)s: trust %(trust)s, value %(value)s, density %(density)s")
        % {
            "date": assessment.closes_on.isoformat(),
            "trust": _mean(health.mean_trust),
            "value": _mean(health.mean_value),
            "density": _percent(health.density),
        }
        for assessment, health in trend
    ) or _("no rounds yet")
    sentences = [_("Collaborative health by round — %(rounds)s.") % {"rounds": rounds}]
    if indicator is not None:
        values = "; ".join(
            f"{p.period.code}: "
            + (
                value_text(indicator, p.value)
                if p.value is not None
                else format_range(indicator, p.range_low, p.range_high)
                if p.coded_range
                else _("suppressed")
            )
            for p in series
        )
        sentences.append(
            _("%(indicator)s: %(values)s.")
            % {"indicator": indicator.name, "values": values or _("no figures yet")}
        )
    return " ".join(sentences)
