"""Dates, numbers and money on pages and in e-mails, as ``core.formats`` writes them for the
reader and the current initiative.

In HTML each value is isolated in ``<bdi>``: a date or an amount written left to right inside a
right-to-left sentence (or the reverse) keeps its order. Where autoescaping is off (the
plain-text e-mails) the filters give the plain text. An empty value gives "", so
``|default:"—"`` still applies.
"""

from django import template
from django.utils.html import format_html

from core import formats

register = template.Library()


def isolated(text: str, autoescape: bool) -> str:
    """``text`` in its own direction within the surrounding HTML; as is in plain text."""
    return format_html("<bdi>{}</bdi>", text) if autoescape and text else text


@register.filter(needs_autoescape=True)
def local_date(value, width: str = "", autoescape: bool = True) -> str:
    """``{{ day|local_date }}`` 30 Nov 2026; ``{{ day|local_date:"short" }}`` 30/11/2026."""
    if value in (None, ""):
        return ""
    return isolated(formats.local_date(value, short=width == "short"), autoescape)


@register.filter(needs_autoescape=True)
def local_datetime(value, width: str = "", autoescape: bool = True) -> str:
    """``{{ moment|local_datetime }}`` in the active time zone; ``:"short"`` for tables."""
    if value in (None, ""):
        return ""
    return isolated(formats.local_datetime(value, short=width == "short"), autoescape)


@register.filter(needs_autoescape=True)
def local_number(value, decimals: int = 0, autoescape: bool = True) -> str:
    """``{{ mean|local_number:1 }}`` 3.4 with the locale's separators."""
    if value in (None, ""):
        return ""
    return isolated(formats.local_number(value, int(decimals)), autoescape)


@register.filter(needs_autoescape=True)
def local_percent(value, decimals: int = 1, autoescape: bool = True) -> str:
    """``{{ index|local_percent:1 }}`` a number already per hundred: 12.5%."""
    if value in (None, ""):
        return ""
    return isolated(formats.local_percent(value, int(decimals)), autoescape)


@register.filter(needs_autoescape=True)
def money(value, autoescape: bool = True) -> str:
    """``{{ amount|money }}`` in the current initiative's currency: ₪1,500."""
    if value in (None, ""):
        return ""
    return isolated(formats.local_money(value), autoescape)


@register.filter(needs_autoescape=True)
def points(value, decimals: int = 1, autoescape: bool = True) -> str:
    """``{{ gap|points }}`` a difference between two scores or percentages with its sign and
    unit: "−0.8 points"."""
    if value in (None, ""):
        return ""
    return isolated(formats.local_points(value, int(decimals)), autoescape)
