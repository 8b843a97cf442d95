"""A sparkline drawn on the server as inline SVG: a few centimetres of trend in a table cell,
with no script, no library and nothing to focus — a picture with its text alternative."""

from collections.abc import Sequence

from django.utils.html import format_html, format_html_join

from core.charts import PALETTE

WIDTH = 160
HEIGHT = 48
PAD = 4


def sparkline_svg(
    points: Sequence[tuple[float, float | None]],
    label: str,
    *,
    rtl: bool = False,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> str:
    """``points`` as (x, y) pairs in x order, drawn as a line scaled to fit ``width`` ×
    ``height`` pixels; a y of None is a gap, so the line breaks there, and a point alone
    between gaps is a dot. In right-to-left languages x runs from the right, as on every
    chart. ``label`` is the text alternative."""
    xs = [x for x, _y in points]
    ys = [y for _x, y in points if y is not None]

    def place(x: float, y: float) -> str:
        across = (x - min(xs)) / ((max(xs) - min(xs)) or 1) * (width - 2 * PAD)
        left = width - PAD - across if rtl else PAD + across
        top = height - PAD - (y - min(ys)) / ((max(ys) - min(ys)) or 1) * (height - 2 * PAD)
        return f"{left:.1f} {top:.1f}"

    runs: list[list[str]] = [[]]
    for x, y in points:
        if y is None:
            runs.append([])
        else:
            runs[-1].append(place(x, y))
    lines = " ".join("M" + " L".join(run) for run in runs if len(run) > 1)
    dots = [run[0].split() for run in runs if len(run) == 1]
    return format_html(
        '<svg class="sparkline" role="img" aria-label="{}" viewBox="0 0 {} {}" width="{}" '
        'height="{}"><path d="{}" fill="none" stroke="{}" stroke-width="2"/>{}</svg>',
        label,
        width,
        height,
        width,
        height,
        lines,
        PALETTE[0],
        format_html_join(
            "",
            '<circle cx="{}" cy="{}" r="2.5" fill="{}"/>',
            ((cx, cy, PALETTE[0]) for cx, cy in dots),
        ),
    )
