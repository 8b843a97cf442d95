"""Controls act when asked (WCAG 3.2.2): a filter changes the page on its Show button, never as
an arrow key moves through its choices, and the language is chosen with a button of its own."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories.accounts import UserFactory

ROOT = Path(settings.BASE_DIR)


def _forms(page: str) -> list[str]:
    return re.findall(r"<form .*?</form>", page, flags=re.S)


def test_no_control_submits_its_form_on_change():
    templates = (ROOT / "templates").rglob("*.html")
    assert not [path for path in templates if "autosubmit" in path.read_text()]
    assert "autosubmit" not in (ROOT / "static/js/yachad.js").read_text()


@pytest.mark.parametrize(
    ("url_name", "select_id"),
    [("submission-list", "status-filter"), ("equity-gaps", "gap-dimension")],
)
def test_a_filter_select_waits_for_its_button(client, world, backbone_staff, url_name, select_id):
    client.force_login(backbone_staff)
    page = client.get(reverse(f"measurement:{url_name}", args=[world.initiative.slug]))
    (form,) = [form for form in _forms(page.content.decode()) if f'id="{select_id}"' in form]
    assert re.search(r'<button type="submit"[^>]*>\s*(Show|Filter)\s*</button>', form)


def test_the_indicator_filters_wait_for_their_button(client, world, backbone_staff):
    client.force_login(backbone_staff)
    page = client.get(
        reverse("measurement:indicator-detail", args=[world.initiative.slug, world.indicator.code])
    ).content.decode()
    (form,) = [form for form in _forms(page) if 'id="dimension-choice"' in form]
    assert '<button type="submit" class="button--secondary">Show</button>' in form


def test_each_language_is_a_button_and_the_current_one_is_marked(client, world, backbone_staff):
    client.force_login(backbone_staff)
    page = client.get(reverse("initiatives:initiative-home", args=[world.initiative.slug]))
    (switcher,) = [form for form in _forms(page.content.decode()) if 'name="language"' in form]
    assert "<select" not in switcher
    buttons = re.findall(r"<button [^>]*name=\"language\"[^>]*>", switcher)
    assert [re.search(r'value="(\w+)"', button)[1] for button in buttons] == ["en", "he", "ar"]
    assert ['aria-current="true"' in button for button in buttons] == [True, False, False]
    assert [re.search(r'lang="(\w+)"', button)[1] for button in buttons] == ["en", "he", "ar"]


def test_a_visitor_s_language_button_sets_the_browser_s_cookie(client, db):
    response = client.post(reverse("set_language"), {"language": "ar", "next": "/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"


def test_a_signed_in_person_s_language_button_saves_it_on_their_profile(client, db):
    dana = UserFactory(language="")
    client.force_login(dana)
    client.post(reverse("set_language"), {"language": "he", "next": "/"})
    dana.refresh_from_db()
    assert dana.language == "he"
