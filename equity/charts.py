"""Charts of the equity strategies: who holds the seats over time, and how much power the
community had in decisions. Same conventions as ``measurement.charts``."""

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from core.charts import PALETTE, chart_json, chart_layout
from equity.choices import EngagementLevel, SeatType

SEAT_COLOURS = dict(
    zip(SeatType, [PALETTE[2], PALETTE[0], PALETTE[1], PALETTE[4], PALETTE[5]], strict=True)
)


def seats_chart(compositions, *, rtl: bool) -> dict:
    """Seats at the initiative's decision-making tables at the end of each quarter, by whom
    they are for — community seats first, at the base of each bar."""
    quarters = [c.on.isoformat() for c in compositions]
    figure = go.Figure(
        layout=chart_layout(
            _("Who holds the seats"), "", _("Seats"), rtl=rtl, legend=True, time_axis=True
        )
    )
    for seat_type in SeatType:
        figure.add_trace(
            go.Bar(
                x=quarters,
                y=[c.by_type.get(seat_type, 0) for c in compositions],
                name=str(seat_type.label),
                marker={"color": SEAT_COLOURS[seat_type]},
            )
        )
    figure.update_layout(barmode="stack")
    return chart_json(figure)


def seats_text_alternative(compositions) -> str:
    if not compositions:
        return _("No seats recorded yet.")
    first, last = compositions[0], compositions[-1]
    return _(
        "On %(first_date)s, %(first_community)s of %(first_seats)s seats were held by community "
        "members with lived experience; on %(last_date)s, %(last_community)s of %(last_seats)s."
    ) % {
        "first_date": first.on.isoformat(),
        "first_community": first.by_type.get(SeatType.COMMUNITY, 0),
        "first_seats": first.seats,
        "last_date": last.on.isoformat(),
        "last_community": last.by_type.get(SeatType.COMMUNITY, 0),
        "last_seats": last.seats,
    }


def levels_chart(power, *, rtl: bool) -> dict:
    """How many decisions were made at each level of community power, 0 to 5."""
    levels = list(EngagementLevel)
    figure = go.Figure(
        layout=chart_layout(_("Community power in decisions"), "", _("Decisions"), rtl=rtl)
    )
    figure.add_trace(
        go.Bar(
            x=[str(level.label) for level in levels],
            y=[power.by_level.get(level.value, 0) for level in levels],
            marker={
                "color": [
                    PALETTE[2] if level >= EngagementLevel.COLLABORATE else PALETTE[5]
                    for level in levels
                ]
            },
            name=_("Decisions"),
        )
    )
    return chart_json(figure)


def levels_text_alternative(power) -> str:
    counts = "; ".join(
        f"{level.label}: {power.by_level.get(level.value, 0)}" for level in EngagementLevel
    )
    return _("Decisions by the community's power in them — %(counts)s.") % {"counts": counts}
