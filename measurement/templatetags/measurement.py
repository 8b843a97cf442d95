from django import template

from measurement.charts import format_number
from measurement.choices import MatrixStatus

register = template.Library()


@register.filter
def indicator_value(number, indicator) -> str:
    """A figure as people read it for this indicator: 41.3% for a percentage rate."""
    return format_number(indicator, number)


@register.filter
def whole(number) -> str:
    """Counts are stored as floats; show 12, not 12.0."""
    if number is None:
        return "—"
    return f"{number:,.0f}" if float(number).is_integer() else f"{number:,.2f}"


@register.filter
def matrix_status(code: str) -> str:
    """The label of a reporting-matrix status."""
    return MatrixStatus(code).label
