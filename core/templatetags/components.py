"""Small pieces of markup that many pages share, so each exists once.

``{% column_headings _("Date") _("Amount")|numeric actions=True %}`` writes a table's head: one
column heading per label (a ``numeric`` one aligned as numbers), and with ``actions`` a last
column for the row's buttons, named for screen readers only.
``{% figure value label %}`` writes one of a summary's big figures with what it counts
(``out_of=total``: "value / total"; ``card=True``: as a card of its own), and
``{{ share|percent }}`` a share (0 to 1) as a whole percentage, "—" when there is none.
"""

from typing import NamedTuple

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

register = template.Library()


class Heading(NamedTuple):
    label: str
    css_class: str = ""


@register.filter
def numeric(label) -> Heading:
    """A column heading over numbers, aligned with them."""
    return Heading(label, "number")


@register.simple_tag
def column_headings(*labels, actions: bool = False) -> str:
    headings = [label if isinstance(label, Heading) else Heading(label) for label in labels]
    cells = format_html_join(
        "",
        '<th scope="col"{}>{}</th>',
        (
            (format_html(' class="{}"', h.css_class) if h.css_class else "", h.label)
            for h in headings
        ),
    )
    if actions:
        cells += format_html(
            '<th scope="col"><span class="skip-link">{}</span></th>', gettext("Actions")
        )
    return format_html("<thead><tr>{}</tr></thead>", cells)


@register.inclusion_tag("components/_figure.html")
def figure(value, label, out_of=None, card: bool = False) -> dict:
    return {"value": value, "label": label, "out_of": out_of, "card": card}


@register.filter
def percent(share) -> str:
    # Rounded as {% widthratio share 1 100 %} rounds, which these figures were shown with.
    return "—" if share is None else f"{round(float(share) * 100)}%"
