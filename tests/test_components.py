"""{% table %} (core/templatetags/components.py): the record tables of every list page."""

import re

import pytest
from django import forms
from django.template import Context, Template, TemplateSyntaxError


def render(source: str, **context) -> str:
    return Template("{% load components %}" + source).render(Context(context))


def test_a_row_per_record_under_the_head():
    html = render(
        '{% table rows as row %}{% column_headings "Name" %}'
        "{% row %}<td>{{ row }}</td>{% endtable %}",
        rows=["Ada", "Grace"],
    )
    assert html == (
        '<div class="table-scroll" tabindex="0"><table>'
        '<thead><tr><th scope="col">Name</th></tr></thead>'
        "<tbody><tr><td>Ada</td></tr><tr><td>Grace</td></tr></tbody></table></div>"
    )


def test_a_scrolling_table_is_a_region_the_keyboard_reaches_named_by_its_caption():
    html = render(
        "{% table rows as row %}<caption>Readers</caption>"
        "{% row %}<td>{{ row }}</td>{% endtable %}",
        rows=["Ada"],
    )
    caption_id = re.search(r'<caption id="([^"]+)">Readers</caption>', html)[1]
    assert html.startswith(
        f'<div class="table-scroll" tabindex="0" role="region" aria-labelledby="{caption_id}">'
    )


def test_a_scrolling_table_without_a_caption_is_named_by_its_heading_or_label():
    by_heading = render(
        '{% table rows as row labelled_by="gaps-heading" %}'
        "{% row %}<td>{{ row }}</td>{% endtable %}",
        rows=["Ada"],
    )
    assert 'role="region" aria-labelledby="gaps-heading"' in by_heading
    by_label = render(
        '{% table rows as row label="Share links" %}{% row %}<td>{{ row }}</td>{% endtable %}',
        rows=["Ada"],
    )
    assert 'role="region" aria-label="Share links"' in by_label


def test_records_unpack_and_rows_know_their_place():
    html = render(
        "{% table rows as name, count %}{% row %}"
        "<td>{{ forloop.counter }}. {{ name }}: {{ count }}{% if forloop.last %}.{% endif %}</td>"
        "{% endtable %}",
        rows=[("trust", 3), ("value", 4)],
    )
    assert (
        "<table><tbody><tr><td>1. trust: 3</td></tr><tr><td>2. value: 4.</td></tr></tbody></table>"
    ) in html


def test_no_records_says_so_instead_of_the_table_or_across_it():
    empty = (
        '{% table rows as row empty="None yet." card=True %}<thead></thead>{% row %}{% endtable %}'
    )
    assert render(empty, rows=[]).strip() == '<p class="empty-state">None yet.</p>'
    across = (
        '{% table rows as row empty_row="None yet." class="grid" %}'
        '{% column_headings "A" "B" actions=True %}{% row %}{% endtable %}'
    )
    assert '<tr><td colspan="3" class="muted">None yet.</td></tr>' in render(across, rows=[])
    assert '<table class="grid">' in render(across, rows=[])


def test_an_unknown_option_is_refused():
    with pytest.raises(TemplateSyntaxError):
        render("{% table rows as row colour=1 %}{% row %}{% endtable %}", rows=[])


class _Meeting(forms.Form):
    title = forms.CharField(label="Title")


def test_a_form_that_did_not_save_lists_each_problem_as_a_link_to_its_field():
    html = render("{% error_summary form %}", form=_Meeting(data={}))
    assert 'class="error-summary" tabindex="-1" data-error-summary' in html
    assert '<a href="#id_title">Title: This field is required.</a>' in html


def test_a_formset_s_problems_name_their_row():
    rows = forms.formset_factory(_Meeting, min_num=1, validate_min=True)(
        data={"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0", "form-0-title": ""}
    )
    html = render(
        "{% error_summary form formsets %}",
        form=_Meeting(data={"title": "x"}),
        formsets=[("Rows", "", rows)],
    )
    assert '<a href="#id_form-0-title">Title, row 1: This field is required.</a>' in html


def test_a_form_without_problems_or_already_summarized_has_no_summary():
    assert "error-summary" not in render("{% error_summary form %}", form=_Meeting())
    summarized = render("{% error_summary form %}", form=_Meeting(data={}), errors_summarized=True)
    assert "error-summary" not in summarized
