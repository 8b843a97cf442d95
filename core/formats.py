"""Dates, numbers and money as the reader expects them: in the viewer's language, with the
conventions of the initiative's country (CLDR data through Babel).

The formatting locale joins the two: an English reader of an Israeli initiative reads en_IL
("30 Nov 2026", ₪), a Hebrew reader he_IL, an English reader of an American one en_US
("Nov 30, 2026"). Where CLDR has no such pair (Hebrew in the United States) the bare language
decides. Which initiative's conventions apply is held for the code running now: a page of an
initiative adopts its initiative's (``adopt``, reset after every request by
``FormatsMiddleware``), and a task or an e-mail that writes for one outside a request wraps
itself in ``conventions_of``. Outside both, the bare language decides and money is in dollars.

Machine-facing values (files, JSON, the API) never pass through here: they stay ISO.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from decimal import Decimal
from functools import cache
from typing import Literal, Protocol

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time, get_datetime_format
from babel.numbers import format_currency, format_decimal, get_territory_currencies
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

MINUS = "\u2212"
# The unit of a difference between two percentages (or two scores): percentage points.
POINTS = pgettext_lazy("unit of a difference", "points")

Number = int | float | Decimal


@cache
def _known_countries() -> frozenset[str]:
    return frozenset(
        code for code in Locale("en").territories if isinstance(code, str) and code.isalpha()
    )


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


def country_choices(language: str) -> list[tuple[str, str]]:
    """Every country as (code, name in ``language``), in the order of the names."""
    names = formatting_locale(language, "").territories
    return sorted(
        ((code, names[code]) for code in _known_countries()), key=lambda choice: choice[1]
    )


def currency_choices(language: str) -> list[tuple[str, str]]:
    """Every currency as (code, "name (code)" in ``language``), in the order of the names."""
    names = formatting_locale(language, "").currencies
    return sorted(((code, f"{name} ({code})") for code, name in names.items()), key=lambda c: c[1])


# ---- The pure functions ----


@cache
def formatting_locale(language: str, country: str) -> Locale:
    """The CLDR locale for a reader of ``language`` (a Django language code) in ``country``:
    he + IL → he_IL, en + IL → en_IL, he + US → he (CLDR has no he_US)."""
    language = language.split("-")[0]
    if country:
        try:
            return Locale.parse(f"{language}_{country}")
        except (UnknownLocaleError, ValueError):
            pass
    return Locale.parse(language)


def _date_pattern(locale: Locale, short: bool) -> str:
    if not short:
        return locale.date_formats["medium"].pattern
    # CLDR's short dates of some locales have a two-digit year (11/30/26); a table of dates
    # spanning decades reads better, and unambiguously, with the whole year.
    return re.sub(r"(?<!y)yy(?!y)", "y", locale.date_formats["short"].pattern)


def date_text(value: date, locale: Locale, *, short: bool = False) -> str:
    """30 Nov 2026 (en_IL), Nov 30, 2026 (en_US); short: 30/11/2026, 11/30/2026."""
    return format_date(value, _date_pattern(locale, short), locale=locale)


def datetime_text(value: datetime, locale: Locale, zone: tzinfo, *, short: bool = False) -> str:
    """A moment in ``zone``, to the minute: 14 Dec 2026, 1:56 (en_IL), Dec 14, 2026, 1:56 AM
    (en_US). Seconds are left out: nobody reads a page for them."""
    if timezone.is_aware(value):
        value = value.astimezone(zone)
    width: Literal["short", "medium"] = "short" if short else "medium"
    return (
        str(get_datetime_format(width, locale=locale))
        .replace("{1}", format_date(value, _date_pattern(locale, short), locale=locale))
        .replace("{0}", format_time(value, "short", locale=locale))
    )


def _pattern(decimals: int, suffix: str = "") -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "") + suffix


def number_text(number: Number, locale: Locale, decimals: int = 0) -> str:
    """1,234.5 (en), 1.234,5 (de), with exactly ``decimals`` places."""
    return format_decimal(number, _pattern(decimals), locale=locale)


def percent_text(number: Number, locale: Locale, decimals: int = 1) -> str:
    """A number already per hundred, as the locale writes a percentage: 41.3%."""
    # A "%" pattern multiplies by 100; exactly, in decimal, so 41.25 stays 41.25.
    return format_decimal(Decimal(str(number)).scaleb(-2), _pattern(decimals, "%"), locale=locale)


def signed_text(number: Number, locale: Locale, decimals: int = 1) -> str:
    """A difference with its sign, a true minus (U+2212) rather than a hyphen: +3.4, −27.0;
    nothing before a zero."""
    magnitude = number_text(-number if number < 0 else number, locale, decimals)
    if magnitude == number_text(0, locale, decimals):
        return magnitude
    return ("+" if number > 0 else MINUS) + magnitude


def difference_text(number: Number, locale: Locale, decimals: int = 1, unit: str = "") -> str:
    """A difference with its sign and unit: "−27.0 points", "+3 days"; without a unit, the
    signed number alone."""
    signed = signed_text(number, locale, decimals)
    if not unit:
        return signed
    return _("%(difference)s %(unit)s") % {"difference": signed, "unit": unit}


def money_text(amount: Number, locale: Locale, currency: str) -> str:
    """₪1,500 (en_IL), ‏1,500 ‏₪ (he_IL), $1,500.50 (en_US): whole amounts without cents."""
    if float(amount).is_integer():
        whole = locale.currency_formats["standard"].pattern.replace(".00", "")
        return format_currency(amount, currency, whole, locale=locale, currency_digits=False)
    return format_currency(amount, currency, locale=locale)


# ---- Whose conventions apply now ----


class HasConventions(Protocol):
    """An initiative, as far as formatting goes (core knows no app's models)."""

    country: str
    currency: str


@dataclass(frozen=True)
class Conventions:
    """The country whose conventions dates and numbers follow, and the currency of amounts
    (empty: the country's)."""

    country: str = ""
    currency: str = ""

    @property
    def money_currency(self) -> str:
        return self.currency or country_currency(self.country or "US")


# Outside any initiative: the bare language, money in dollars.
NO_INITIATIVE = Conventions()
_current: ContextVar[Conventions] = ContextVar("formatting_conventions", default=NO_INITIATIVE)


def _conventions(initiative: HasConventions | None) -> Conventions:
    if initiative is None:
        return NO_INITIATIVE
    return Conventions(initiative.country, initiative.currency)


def adopt(initiative: HasConventions) -> None:
    """Format the rest of this request for ``initiative``: called where a page has found it."""
    _current.set(_conventions(initiative))


@contextmanager
def conventions_of(initiative: HasConventions | None) -> Iterator[None]:
    """Format for ``initiative`` (None: for no initiative) inside the block: tasks and
    e-mails written outside a page."""
    token = _current.set(_conventions(initiative))
    try:
        yield
    finally:
        _current.reset(token)


class FormatsMiddleware:
    """Each request starts from no initiative's conventions, whatever the thread's previous
    request adopted."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current.set(NO_INITIATIVE)
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)


def current_locale() -> Locale:
    """The formatting locale of the active language and the current initiative's country."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return formatting_locale(language, _current.get().country)


def current_currency() -> str:
    return _current.get().money_currency


def local_date(value: date | datetime, *, short: bool = False) -> str:
    """A date (or the day of a moment, in the active time zone) for the current reader."""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return date_text(value, current_locale(), short=short)


def local_datetime(value: datetime, *, short: bool = False) -> str:
    """A moment in the active time zone, for the current reader."""
    return datetime_text(value, current_locale(), timezone.get_current_timezone(), short=short)


def local_number(number: Number, decimals: int = 0) -> str:
    return number_text(number, current_locale(), decimals)


def local_percent(number: Number, decimals: int = 1) -> str:
    return percent_text(number, current_locale(), decimals)


def local_difference(number: Number, decimals: int = 1, unit: str = "") -> str:
    return difference_text(number, current_locale(), decimals, unit)


def local_points(number: Number, decimals: int = 1) -> str:
    """A difference between two percentages or two scores: "−27.0 points"."""
    return local_difference(number, decimals, str(POINTS))


def local_money(amount: Number) -> str:
    """An amount in the current initiative's currency."""
    return money_text(amount, current_locale(), current_currency())
