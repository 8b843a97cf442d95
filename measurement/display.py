"""An indicator's figures as people read them on pages: in its unit, with its decimal places
(``Indicator.decimals``), in the reader's language and the initiative's conventions
(``core.formats``). Files and the API keep the plain numbers."""

from django.utils.translation import gettext as _

from core import formats
from measurement.models import Indicator


def _decimals(indicator: Indicator) -> int:
    # A count is a number of people or things: whole, whatever its decimal places say of rates.
    return indicator.decimals if indicator.is_rate or indicator.is_average else 0


def value_text(indicator: Indicator, number: float | None) -> str:
    """41.3% for a rate per 100, 12.5 for a rate per 1,000 or an average, 1,234 for a count."""
    if number is None:
        return "—"
    locale = formats.current_locale()
    if indicator.is_rate and indicator.scale == 100:
        return formats.percent_text(number, locale, indicator.decimals)
    return formats.number_text(number, locale, _decimals(indicator))


def indicator_unit(indicator: Indicator) -> str:
    """What the indicator's figures are counted in, in words: its own unit when it has one,
    else a rate's scale ("%", "per 1,000")."""
    if indicator.unit or not indicator.is_rate:
        return indicator.unit
    if indicator.scale == 100:
        return "%"
    if indicator.scale == 1:
        return _("proportion")
    return _("per %(scale)s") % {"scale": f"{indicator.scale:,}"}


def difference_unit(indicator: Indicator) -> str:
    """What a difference between two of its figures is counted in: percentage points for a
    rate per 100 (41.3% − 68.3% is −27.0 points, not −27.0%), else the figures' own unit."""
    if indicator.is_rate and indicator.scale == 100:
        return str(formats.POINTS)
    return indicator_unit(indicator)


def difference_text(indicator: Indicator, number: float | None) -> str:
    """A gap or a change with its sign and unit: "−27.0 points", "+3 days"."""
    if number is None:
        return "—"
    return formats.local_difference(number, _decimals(indicator), difference_unit(indicator))
