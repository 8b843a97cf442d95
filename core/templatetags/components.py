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
``{% error_summary form formsets %}`` lists, above a form that did not save, what to correct, each
problem a link to its field (``formsets``: form_page's (title, help, formset)); nothing where the
page has already listed them (``errors_summarized`` in the context) or all is well.
``{% table meetings as meeting empty=_("No meetings recorded yet.") %}`` writes a table of records:
what stands before ``{% row %}`` (its ``{% column_headings %}``, a caption) heads it, and what
follows is written as one row per record, with the record named as ``as`` says (``as first,
second`` unpacks it) and ``forloop`` as in ``{% for %}``; ``{% endtable %}`` closes it. With
``empty=``, no records means the empty state instead of the table; with ``empty_row=``, a row
across the table that says so; ``class=``: the table's class. Every table scrolls sideways on
its own (``card=True``: in a card), so that no page does on a phone: in a region a keyboard can
reach and scroll, named by the element whose id is ``labelled_by=`` (a heading above it) and
the table's caption, or else ``label=``.
``{% figure value label %}`` writes one of a summary's big figures with what it counts
(``out_of=total``: "value / total"; ``card=True``: as a card of its own), and
``{{ share|percent }}`` a share (0 to 1) as a whole percentage, "—" when there is none.
"""

import itertools
import re

from django import template
from django.template.base import token_kwargs
from django.urls import reverse
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()

HEADING_CELL = re.compile(r"<th[\s>]")  # a column's heading, not <thead>
TABLE_OPTIONS = {"empty", "empty_row", "card", "class", "label", "labelled_by"}
CAPTION = re.compile(r"<caption(?P<attributes>[^>]*)>")
CAPTION_ID = re.compile(r'\sid="(?P<id>[^"]+)"')
# Ids for captions that have none: a scrolling table's region is named by its caption. Counted
# across renders, so that tables from cached fragments and fresh ones never share one.
_caption_ids = itertools.count(1)


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
            '<th scope="col"><span class="visually-hidden">{}</span></th>', gettext("Actions")
        )
    return format_html("<thead><tr>{}</tr></thead>", cells)


@register.inclusion_tag("components/_empty_state.html")
def empty_state(message) -> dict:
    return {"message": message}


@register.inclusion_tag("components/_error_summary.html", takes_context=True)
def error_summary(context, form, formsets=()) -> dict:
    if context.get("errors_summarized"):
        return {"errors": []}
    errors = _form_errors(form)
    for _title, _help, formset in formsets:
        errors += [("", message) for message in formset.non_form_errors()]
        for row, row_form in enumerate(formset, start=1):
            errors += _form_errors(row_form, row)
    return {"errors": errors}


def _form_errors(form, row: int | None = None) -> list[tuple[str, str]]:
    errors = [("", str(message)) for message in form.non_field_errors()]
    for field in form:
        label = (
            field.label
            if row is None
            else gettext("%(label)s, row %(row)s")
            % {
                "label": field.label,
                "row": row,
            }
        )
        errors += [(field.id_for_label, f"{label}: {message}") for message in field.errors]
    return errors


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


@register.tag
def table(parser, token) -> "TableNode":
    tag, records, *rest = token.split_contents()
    if not rest or rest[0] != "as":
        raise template.TemplateSyntaxError(f"{tag} wants: {tag} records as name [option=value ...]")
    words = rest[1:]
    options_start = next((at for at, word in enumerate(words) if "=" in word), len(words))
    names = [name for word in words[:options_start] for name in word.split(",") if name]
    options = token_kwargs(words[options_start:], parser)
    if not names or len(options) != len(words) - options_start:
        raise template.TemplateSyntaxError(f"{tag} wants names after as, then option=value only")
    if unknown := set(options) - TABLE_OPTIONS:
        raise template.TemplateSyntaxError(f"{tag} has no option {', '.join(sorted(unknown))}")
    head = parser.parse(("row",))
    parser.delete_first_token()
    row = parser.parse(("endtable",))
    parser.delete_first_token()
    return TableNode(parser.compile_filter(records), names, options, head, row)


class TableNode(template.Node):
    def __init__(self, records, names, options, head, row):
        self.records, self.names, self.options = records, names, options
        self.head, self.row = head, row

    def render(self, context) -> str:
        options = {name: value.resolve(context) for name, value in self.options.items()}
        records = list(self.records.resolve(context) or ())
        if not records and options.get("empty"):
            message = context.template.engine.get_template("components/_empty_state.html")
            return message.render(context.new(empty_state(options["empty"])))
        head = self.head.render(context)
        labelled_by = options.get("labelled_by") or ""
        if caption := CAPTION.search(head):
            if found := CAPTION_ID.search(caption["attributes"]):
                caption_id = found["id"]
            else:
                caption_id = f"table-caption-{next(_caption_ids)}"
                # Only a generated id goes in, into markup the template already made safe.
                head = mark_safe(
                    head[: caption.end() - 1] + f' id="{caption_id}"' + head[caption.end() - 1 :]
                )
            # A heading and a caption together: the caption alone ("Girls") may repeat on a
            # page of several such tables, and two regions may not share a name.
            labelled_by = f"{labelled_by} {caption_id}".strip()
        rows = format_html_join(
            "", "<tr>{}</tr>", ((self._row(context, records, at),) for at in range(len(records)))
        )
        if not records and options.get("empty_row"):
            columns = len(HEADING_CELL.findall(head))
            rows = format_html(
                '<tr><td colspan="{}" class="muted">{}</td></tr>', columns, options["empty_row"]
            )
        table_class = format_html(' class="{}"', options["class"]) if options.get("class") else ""
        table = format_html("<table{}>{}<tbody>{}</tbody></table>", table_class, head, rows)
        label, card = options.get("label", ""), bool(options.get("card"))
        return _scroll_region(table, labelled_by, label, card)

    def _row(self, context, records, at: int) -> str:
        values = [records[at]] if len(self.names) == 1 else records[at]
        loop = {
            "counter0": at,
            "counter": at + 1,
            "first": at == 0,
            "last": at == len(records) - 1,
            "parentloop": context.get("forloop", {}),
        }
        with context.push(dict(zip(self.names, values, strict=True), forloop=loop)):
            return self.row.render(context)


def _scroll_region(table: str, labelled_by: str, label: str, card: bool) -> str:
    """A wide table in a region that scrolls sideways instead of the page, which the keyboard
    reaches (tabindex) and so can scroll, named by the element ``labelled_by`` or ``label``."""
    classes = "table-scroll card" if card else "table-scroll"
    name = (
        format_html(' role="region" aria-labelledby="{}"', labelled_by)
        if labelled_by
        else format_html(' role="region" aria-label="{}"', label)
        if label
        else ""
    )
    return format_html('<div class="{}" tabindex="0"{}>{}</div>', classes, name, table)
