"""Rules every reported number must obey, whichever way it arrives (form, file or API).
Pure functions: no Django models, messages ready to show beside the field."""

from django.utils.translation import gettext as _

from measurement.choices import IndicatorKind

# Which of numerator, denominator and value each kind of indicator uses.
FIELDS_BY_KIND = {
    IndicatorKind.COUNT: ("value",),
    IndicatorKind.RATE: ("numerator", "denominator"),
    IndicatorKind.AVERAGE: ("value", "denominator"),
}


def reported_fields(kind: str) -> tuple[str, ...]:
    return FIELDS_BY_KIND[IndicatorKind(kind)]


def value_errors(
    kind: str,
    *,
    numerator: float | None = None,
    denominator: float | None = None,
    value: float | None = None,
) -> dict[str, str]:
    """Errors by field name for one cell's numbers; empty when they are acceptable.

    A cell with every field blank is "not reported" and valid; a cell with some fields blank
    is incomplete."""
    numbers = {"numerator": numerator, "denominator": denominator, "value": value}
    fields = reported_fields(kind)
    errors: dict[str, str] = {}
    present = [name for name in fields if numbers[name] is not None]
    if not present:
        return errors
    for name in fields:
        number = numbers[name]
        if number is None:
            errors[name] = _("Fill this in too, or leave the whole cell empty.")
        elif number < 0:
            errors[name] = _("Cannot be negative.")
        elif _must_be_whole(kind, name) and number != int(number):
            errors[name] = _("Must be a whole number: this counts people or events.")
    if errors:
        return errors
    if kind == IndicatorKind.RATE and numerator > denominator:
        errors["numerator"] = _("Cannot be larger than the denominator.")
    return errors


def _must_be_whole(kind: str, field: str) -> bool:
    # An average's value is a mean score and may have decimals; everything else is a count.
    return not (kind == IndicatorKind.AVERAGE and field == "value")
