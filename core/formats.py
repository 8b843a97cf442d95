"""Dates, numbers and money as the reader expects them: in the viewer's language, with the
conventions of the initiative's country (CLDR data through Babel)."""

from babel import Locale
from babel.numbers import get_territory_currencies
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def _known_countries() -> frozenset[str]:
    return frozenset(code for code in Locale("en").territories if code.isalpha())


def country_code_validator(value: str) -> None:
    if value not in _known_countries():
        raise ValidationError(
            _("%(code)s is not a two-letter country code."), params={"code": value}
        )


def currency_code_validator(value: str) -> None:
    if value and value not in Locale("en").currencies:
        raise ValidationError(
            _("%(code)s is not a three-letter currency code."), params={"code": value}
        )


def country_currency(country: str) -> str:
    """The currency a country uses today, e.g. ILS for IL."""
    currencies = get_territory_currencies(country)
    return currencies[0] if currencies else "USD"
