"""One English word, two meanings, two msgids: where a short word means one thing on a badge and
another beside a date or in a column, each use carries its own context (pgettext), so that a
translator can translate each (the "due" badge was translated as "deadline")."""

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def _uses(word: str) -> list[str]:
    """Every {% translate %} of ``word`` in the templates, as written."""
    pattern = re.compile(r'\{% translate "' + word + r'"[^%]*%\}')
    return [use for path in TEMPLATES.rglob("*.html") for use in pattern.findall(path.read_text())]


def test_the_due_badge_and_the_due_date_have_contexts_of_their_own():
    uses = set(_uses("due"))
    assert uses == {
        '{% translate "due" context "status" %}',
        '{% translate "due" context "due date" %}',
    }


def test_a_change_in_a_number_is_not_the_verb_of_a_button():
    assert '{% translate "Change" context "difference" %}' in _uses("Change")
    assert '{% translate "Change" %}' in _uses("Change")
