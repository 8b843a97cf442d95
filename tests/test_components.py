"""{% table %} (core/templatetags/components.py): the record tables of every list page."""

import pytest
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
        '<div class="table-scroll"><table><thead><tr><th scope="col">Name</th></tr></thead>'
        "<tbody><tr><td>Ada</td></tr><tr><td>Grace</td></tr></tbody></table></div>"
    )


def test_records_unpack_and_rows_know_their_place():
    html = render(
        "{% table rows as name, count scroll=False %}{% row %}"
        "<td>{{ forloop.counter }}. {{ name }}: {{ count }}{% if forloop.last %}.{% endif %}</td>"
        "{% endtable %}",
        rows=[("trust", 3), ("value", 4)],
    )
    assert html == (
        "<table><tbody><tr><td>1. trust: 3</td></tr><tr><td>2. value: 4.</td></tr></tbody></table>"
    )


def test_no_records_says_so_instead_of_the_table_or_across_it():
    empty = (
        '{% table rows as row empty="None yet." card=True %}<thead></thead>{% row %}{% endtable %}'
    )
    assert render(empty, rows=[]).strip() == '<p class="empty-state">None yet.</p>'
    across = (
        '{% table rows as row empty_row="None yet." class="grid" scroll=False %}'
        '{% column_headings "A" "B" actions=True %}{% row %}{% endtable %}'
    )
    assert '<tr><td colspan="3" class="muted">None yet.</td></tr>' in render(across, rows=[])
    assert render(across, rows=[]).startswith('<table class="grid">')


def test_an_unknown_option_is_refused():
    with pytest.raises(TemplateSyntaxError):
        render("{% table rows as row colour=1 %}{% row %}{% endtable %}", rows=[])
