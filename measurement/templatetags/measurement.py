from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core import formats
from core.templatetags.formats import isolated
from measurement.charts import format_range, restricted_view_mark
from measurement.choices import MatrixStatus, Trend
from measurement.display import difference_text, value_text
from measurement.selectors import cell_label

register = template.Library()


def _figure(indicator, number) -> str:
    return isolated(value_text(indicator, number), number is not None)


@register.filter
def indicator_value(number, indicator) -> str:
    """A figure as people read it for this indicator: 41.3% for a percentage rate."""
    return _figure(indicator, number)


@register.filter
def difference(number, indicator) -> str:
    """A gap or a change in this indicator's figures, with its sign and unit: −27.0 points."""
    if number is None:
        return "—"
    return isolated(difference_text(indicator, number), True)


@register.simple_tag
def result_value(result, indicator) -> str:
    """A published result's value as its audience may read it, for this indicator: the value
    (with, for an audience that sees small cells, what restricted viewers see instead — why
    it is hidden from them, or the coded range they are shown); the coded range ("≤ 10%")
    for an audience shown only that; "suppressed" for a hidden cell. Decided by what the
    audience was given (``selectors.publish``), never by its role."""
    if result is None:
        return "—"
    if result.value is not None:
        mark = restricted_view_mark(indicator, result)
        if mark:
            return format_html(
                '{} <span class="muted disclosure-mark">({})</span>',
                _figure(indicator, result.value),
                mark,
            )
        return _figure(indicator, result.value)
    if result.coded_range:
        return format_html(
            '<span class="ranged">{}</span>',
            format_range(indicator, result.range_low, result.range_high),
        )
    if result.suppressed:
        return format_html('<span class="suppressed">{}</span>', _("suppressed"))
    return "—"


@register.simple_tag
def result_interval(result, indicator) -> str:
    """A result's 95% interval, or a dash when this audience has none (a coded range)."""
    if result is None or result.ci_low is None or result.ci_high is None:
        return "—"
    return format_html(
        "{}–{}", _figure(indicator, result.ci_low), _figure(indicator, result.ci_high)
    )


@register.filter
def whole(number) -> str:
    """Counts are stored as floats; show 12, not 12.0."""
    if number is None:
        return "—"
    return formats.local_number(number, 0 if float(number).is_integer() else 2)


@register.filter
def matrix_status(code: str) -> str:
    """The label of a reporting-matrix status."""
    return MatrixStatus(code).label


@register.simple_tag(takes_context=True)
def dashboard_url(context, name: str, *args) -> str:
    """A dashboard page's address: inside the initiative for signed-in people, under the
    share link's token for pages opened through one."""
    token = context.get("share_token")
    if token:
        return reverse(f"share:{name}", args=[token, *args])
    return reverse(f"measurement:{name}", args=[context["initiative"].slug, *args])


@register.filter
def trend_label(code: str) -> str:
    return Trend(code).label if code else ""


MOVEMENT_LABELS = {
    "closing": _("Closing"),
    "widening": _("Widening"),
    "steady": _("Steady"),
}


@register.filter
def movement_label(code: str) -> str:
    return MOVEMENT_LABELS.get(code, "")


@register.filter
def cell_name(cell) -> str:
    return cell_label(cell)


@register.simple_tag
def gap_at(group: dict, period, indicator) -> str:
    """A group's difference from its reference in one period, as its table cell shows it."""
    point = next((p for p in group["points"] if p.period == period), None)
    if point is None:
        return "—"
    if point.suppressed and point.value is None:
        return str(_("suppressed"))
    return difference(point.difference_from_reference, indicator)


# What the frame of each embed page asks for: the scorecard grows with the indicators, the trend
# chart does not. The site's own styles may override either.
EMBED_HEIGHTS = {"embed-scorecard": 800, "embed-indicator": 700}


@register.simple_tag(takes_context=True)
def embed_snippet(context, name: str, link, *args, title: str) -> str:
    """The ``<iframe>`` a site pastes to show a share link's embed page ``name``
    (``share:embed-scorecard``, ``share:embed-indicator``), in the reader's language, written
    out as text to copy (escaped, so the page shows it rather than drawing it)."""
    path = reverse(f"share:{name}", args=[link.token, *args])
    src = context["request"].build_absolute_uri(f"{path}?lang={get_language()}")
    frame = format_html(
        '<iframe src="{}" title="{}" width="100%" height="{}" style="border: 0" '
        'loading="lazy"></iframe>',
        src,
        title,
        EMBED_HEIGHTS[name],
    )
    return escape(frame)
