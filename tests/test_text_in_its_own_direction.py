"""Text people typed keeps its own direction and language on the page: a name or title sits in
<bdi> where it stands beside other text, and a name shown in another language than the page's
(the reader's language had none) says which, so screen readers speak it in its own voice."""

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from tests.factories.initiatives import OrganizationFactory

HEBREW = "בית ספר צפון"


def render(source: str, **context) -> str:
    return Template("{% load bidi %}" + source).render(Context(context))


@pytest.mark.django_db
def test_a_name_shown_from_another_language_is_marked_with_it():
    school = OrganizationFactory(name_en="", name_he=HEBREW, name_ar="")
    with translation.override("en"):
        html = render('{{ school|in_own_language:"name" }}', school=school)
    assert html == f'<bdi lang="he" dir="rtl">{HEBREW}</bdi>'


@pytest.mark.django_db
def test_a_name_in_the_reader_s_language_is_plain_text():
    school = OrganizationFactory(name_en="North <School>", name_he=HEBREW)
    with translation.override("en"):
        assert render('{{ school|in_own_language:"name" }}', school=school) == (
            "North &lt;School&gt;"
        )
    with translation.override("he"):
        assert render('{{ school|in_own_language:"name" }}', school=school) == HEBREW


@pytest.mark.django_db
def test_an_english_name_on_an_arabic_page_runs_left_to_right():
    school = OrganizationFactory(name_en="North School", name_he="", name_ar="")
    with translation.override("ar"):
        html = render('{{ school|in_own_language:"name" }}', school=school)
    assert html == '<bdi lang="en" dir="ltr">North School</bdi>'


def test_a_typed_title_is_set_apart_once():
    assert render("{{ title|bdi }}", title="Steering committee — 20/11") == (
        "<bdi>Steering committee — 20/11</bdi>"
    )
    assert render("{{ title|bdi }}", title="") == ""


@pytest.mark.django_db
def test_a_name_already_marked_is_not_set_apart_twice():
    school = OrganizationFactory(name_en="", name_he=HEBREW, name_ar="")
    with translation.override("en"):
        html = render('{{ school|in_own_language:"name"|bdi }}', school=school)
    assert html == f'<bdi lang="he" dir="rtl">{HEBREW}</bdi>'


def test_the_indicator_page_marks_a_name_given_only_in_hebrew(client, world, funder):
    world.indicator.name_en, world.indicator.name_he = "", "קריאה בכיתה ג׳"
    world.indicator.save()
    client.force_login(funder)
    page = client.get(
        reverse("measurement:indicator-detail", args=[world.initiative.slug, world.indicator.code]),
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()
    assert '<h1 id="page-heading"><bdi lang="he" dir="rtl">קריאה בכיתה ג׳</bdi>' in page
