"""Every form of the app that takes translated content (``<field>_en``, ``_he``, ``_ar``) saves
it, or says why not, when only one language is filled — never a 500. The forms are found, not
listed: every page of an initiative (tests/test_authorization_matrix.py classifies every URL
pattern, so a new page is there) is opened as its backbone admin and every form on it that posts
a translated field is sent back with what it shows, one language filled and the others blank.
A new kind of translated record without a form page walked here fails the walk's census."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.db import transaction
from django.forms import BaseForm, BaseFormSet
from django.urls import resolve, reverse
from django.utils import translation
from modeltranslation.translator import translator

from core.translation import CONTENT_LANGUAGES
from initiatives.forms import OrganizationCreateForm, OrganizationForm
from initiatives.models import Organization
from tests.test_authorization_matrix import IN_AN_INITIATIVE, ROUTES

NAMES = {"en": "Eighth-grade math", "he": "מתמטיקה בכיתה ח׳", "ar": "الرياضيات للصف الثامن"}
TRANSLATED = re.compile(rf"^(?P<stem>.+)_(?P<language>{'|'.join(CONTENT_LANGUAGES)})$")
# A field of one row of a formset: ``categories-0-name_en``.
ROW = re.compile(r"^(?P<row>.+-\d+)-[^-]+$")

# Every page of an initiative a backbone admin opens, where forms are looked for.
# Pages that answer with a file rather than HTML, and so hold no form.
FILES = {"briefs:brief-pdf"}
PAGES = sorted(
    name for name in IN_AN_INITIATIVE if ROUTES[name].method == "get" and name not in FILES
)
# Forms that are no model forms but write a translated record's fields, with that record.
PLAIN_FORMS = {OrganizationForm: Organization, OrganizationCreateForm: Organization}
# Translated records no page of the app edits yet. Taking one off this list is how its pages
# join the walk's census.
NO_FORM_PAGE_YET: set = set()
# What a form needs beyond its required fields to save a new record, by the URL name it posts
# to: a dimension is saved with at least one category.
NEEDS = {"measurement:dimension-create": {"categories-0-code": "walk"}}
# Forms the walk finds at the least: a form it no longer finds is a form that stopped being
# found (its page moved or lost its translated fields), not one that stopped failing.
AT_LEAST = {
    "initiatives:agenda-edit",
    "initiatives:organization-create",
    "initiatives:organization-edit",
    "initiatives:result-create",
    "initiatives:result-edit",
    "measurement:dimension-create",
    "measurement:dimension-edit",
    "measurement:indicator-create",
    "measurement:indicator-edit",
}


@dataclass
class Form:
    """A form as the browser would post it: where to, and its fields' values as shown."""

    action: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    # Fields the page marks required (with their input type) and the select's options.
    required: dict[str, str] = field(default_factory=dict)
    options: dict[str, list[str]] = field(default_factory=dict)

    def translated(self) -> bool:
        return any(TRANSLATED.match(name) for name, _value in self.fields)


class _Forms(HTMLParser):
    """The POST forms of a page, with the values their fields show."""

    def __init__(self, page_url: str):
        super().__init__()
        self.page_url = page_url
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: str | None = None
        self.selected: str | None = None
        self.textarea: str | None = None
        self.text = ""

    def handle_starttag(self, tag, attrs):
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            if a.get("method", "get").lower() == "post":
                self.form = Form(a.get("action") or self.page_url)
            return
        if self.form is None or ("name" not in a and tag != "option"):
            return
        if "required" in a and "name" in a:
            self.form.required[a["name"]] = a.get("type", tag)
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "file", "reset"):
                checkable = kind in ("checkbox", "radio")
                self.form.fields.append((a["name"], a.get("value", "on" if checkable else "")))
        elif tag == "select":
            self.select, self.selected = a["name"], None
            self.form.options[a["name"]] = []
        elif tag == "option" and self.select:
            self.form.options[self.select].append(a.get("value", ""))
            if "selected" in a:
                self.form.fields.append((self.select, a.get("value", "")))
        elif tag == "textarea":
            self.textarea, self.text = a["name"], ""

    def handle_data(self, data):
        if self.textarea:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "form" and self.form is not None:
            self.forms.append(self.form)
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.form is not None and self.textarea:
            # The browser drops the newline right after <textarea>.
            self.form.fields.append((self.textarea, self.text.removeprefix("\n")))
            self.textarea = None


@contextmanager
def _undone() -> Iterator[None]:
    """What happens inside is undone after: each page is walked in the world as it was (the
    records its URL needs would otherwise meet those of the page before)."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def _page_url(world, name: str) -> str:
    return reverse(name, kwargs=ROUTES[name].kwargs(world))


def _translated_forms(client, url: str) -> tuple[list[Form], object]:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    parser = _Forms(url)
    parser.feed(response.content.decode())
    return [form for form in parser.forms if form.translated()], response


def _filled(form: Form, language: str) -> dict[str, list[str]]:
    """The form's values as shown with only ``language``'s translated fields filled — the
    name in that language where a translation was shown or the field belongs to the record
    itself rather than to a row of a formset — its required fields filled where blank."""
    data: dict[str, list[str]] = {}
    for name, value in form.fields:
        data.setdefault(name, []).append(value)
    stems: dict[str, bool] = {}
    for name, values in data.items():
        if match := TRANSLATED.match(name):
            stem = match["stem"]
            stems[stem] = stems.get(stem, False) or any(values)
    for stem, shown in stems.items():
        row = ROW.match(stem)
        fill = shown or row is None or row["row"].endswith("-0")
        for code in CONTENT_LANGUAGES:
            data[f"{stem}_{code}"] = [""]
        if fill:
            data[f"{stem}_{language}"] = [NAMES[language] + (f" {row['row']}" if row else "")]
    for name, kind in form.required.items():
        if any(data.get(name, [""])):
            continue
        options = [option for option in form.options.get(name, []) if option]
        data[name] = [_a_value(kind, options)]
    return data


def _a_value(kind: str, options: list[str]) -> str:
    """A value a required field takes, by its input type."""
    if options:
        return options[0]
    return {
        "number": "1",
        "date": "2024-01-01",
        "datetime-local": "2024-01-01T10:00",
        "email": "walk@example.org",
        "url": "https://example.org",
        "checkbox": "on",
    }.get(kind, "walk")


def _target(action: str) -> str:
    return resolve(action.split("?")[0]).view_name


def _models_with_translated_fields(response) -> set[type]:
    """The models of the page's model forms (alone, in formsets or in lists of them) that
    show a translated field."""
    return {
        form._meta.model if hasattr(form, "_meta") else PLAIN_FORMS[type(form)]
        for context in response.context
        for values in context.dicts
        for value in (values.values() if isinstance(values, dict) else ())
        for form in _forms_in(value)
        if (hasattr(form, "_meta") or type(form) in PLAIN_FORMS)
        and any(TRANSLATED.match(name) for name in form.fields)
    }


def _forms_in(value, depth: int = 2) -> list[BaseForm]:
    if isinstance(value, BaseForm):
        return [value]
    if isinstance(value, BaseFormSet):
        return list(value.forms)
    if isinstance(value, (list, tuple)) and depth:
        return [form for each in value for form in _forms_in(each, depth - 1)]
    return []


def test_the_walk_finds_a_form_for_every_translated_record(client, world, backbone_admin):
    client.force_login(backbone_admin)
    targets, models = set(), set()
    for name in PAGES:
        with _undone():
            forms, response = _translated_forms(client, _page_url(world, name))
        targets |= {_target(form.action) for form in forms}
        models |= _models_with_translated_fields(response) if forms else set()
    assert AT_LEAST - targets == set()
    assert set(translator.get_registered_models()) - NO_FORM_PAGE_YET - models == set()


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_every_translated_form_saves_or_says_why_in_one_language(
    client, world, backbone_admin, language
):
    client.force_login(backbone_admin)
    problems = []
    for name in PAGES:
        with _undone():
            problems += _walk(client, world, name, language)
    assert not problems, "\n".join(problems)


def _walk(client, world, name: str, language: str) -> list[str]:
    """What goes wrong posting the translated forms of the page ``name`` in ``language``."""
    problems = []
    for form in _translated_forms(client, _page_url(world, name))[0]:
        target = _target(form.action)
        data = _filled(form, language) | {k: [v] for k, v in NEEDS.get(target, {}).items()}
        where = f"{name} → {target}"
        try:
            with transaction.atomic():  # a 500's broken transaction ends with it
                response = client.post(form.action, data)
        except Exception as error:  # the test client re-raises a 500's cause
            problems.append(f"{where}: 500 ({type(error).__name__}: {error})")
            continue
        if response.status_code == 302:
            if target.endswith("-create"):
                with translation.override("en"):
                    following = client.get(response["Location"]).content.decode()
                if NAMES[language] not in following:
                    problems.append(f"{where}: saved, but its name is not on the next page")
        elif response.status_code in (200, 400):
            page = response.content.decode()
            if "errorlist" not in page and 'class="messages"' not in page:
                problems.append(f"{where}: {response.status_code} without saying why")
            elif target.endswith("-create"):
                problems.append(f"{where}: a new record was refused: {_errors(response)}")
        else:
            problems.append(f"{where}: {response.status_code}")
    return problems


def _errors(response) -> str:
    """What the page said was wrong: the errorlists' texts."""
    return "; ".join(
        re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode(), re.S)
    )
