"""Small pieces of markup that many pages share, so each exists once.

``{% column_headings _("Date") _("Amount") numeric="2" actions=True %}`` writes a table's head:
a column heading per label, those at the ``numeric`` positions (counted from 1) aligned as
numbers, and with ``actions`` a last column for each row's buttons, named for screen readers only.
``{% breadcrumb _("Assessments") "conditions:assessment-list" initiative.slug %}`` writes the
link above a page's heading back to the page it belongs under.
``{% filter paragraph %}`` writes what it wraps as a paragraph, and nothing where it is empty.
``{% post_form _("Send") %}`` writes a form that posts the page's ``form`` (or ``form=``) with one
button (``title=``: as a card under that heading; ``action=``, ``button_class=``), and
``{% post_button url _("Revoke") %}`` a button that posts to ``url`` (``confirm=``: the question
asked first; ``button_class=``, ``form_class=``).
``{% empty_state _("No meetings recorded yet.") %}`` says so where a list is empty.
``{% figure value label %}`` writes one of a summary's big figures with what it counts
(``out_of=total``: "value / total"; ``card=True``: as a card of its own), and
``{{ share|percent }}`` a share (0 to 1) as a whole percentage, "—" when there is none.
"""

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def column_headings(*labels, numeric="", actions: bool = False) -> str:
    numbers = {int(position) for position in str(numeric).split()}
    number_class = mark_safe(' class="number"')  # a constant
    cells = format_html_join(
        "",
        '<th scope="col"{}>{}</th>',
        (
            (number_class if position in numbers else "", label)
            for position, label in enumerate(labels, start=1)
        ),
    )
    if actions:
        cells += format_html(
            '<th scope="col"><span class="skip-link">{}</span></th>', gettext("Actions")
        )
    return format_html("<thead><tr>{}</tr></thead>", cells)


@register.inclusion_tag("components/_empty_state.html")
def empty_state(message) -> dict:
    return {"message": message}


@register.inclusion_tag("components/_figure.html")
def figure(value, label, out_of=None, card: bool = False) -> dict:
    return {"value": value, "label": label, "out_of": out_of, "card": card}


@register.filter
def percent(share) -> str:
    # Rounded as {% widthratio share 1 100 %} rounds, which these figures were shown with.
    return "—" if share is None else f"{round(float(share) * 100)}%"


@register.simple_tag
def breadcrumb(label, url_name: str, *url_args) -> str:
    return format_html(
        '<div class="breadcrumb"><a href="{}">{}</a></div>', reverse(url_name, args=url_args), label
    )


@register.filter(is_safe=True)
def paragraph(html) -> str:
    text = conditional_escape(html).strip()  # escaped here, so safe to mark below
    return format_html("<p>{}</p>", mark_safe(text)) if text else ""


@register.inclusion_tag("components/_post_form.html", takes_context=True)
def post_form(context, submit, form=None, action="", title="", button_class="") -> dict:
    return {
        "csrf_token": context.get("csrf_token"),
        "form": context.get("form") if form is None else form,
        "submit": submit,
        "action": action,
        "title": title,
        "button_class": button_class,
    }


@register.inclusion_tag("components/_post_button.html", takes_context=True)
def post_button(context, action, label, confirm="", button_class="", form_class="") -> dict:
    return {
        "csrf_token": context.get("csrf_token"),
        "action": action,
        "label": label,
        "confirm": confirm,
        "button_class": button_class,
        "form_class": form_class,
    }
