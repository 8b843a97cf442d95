"""A name given in any one language is enough: the forms that define an initiative's content
save it (they answered 500 when only the Hebrew or Arabic name was filled: the model's error
went to a form field that does not exist), and every page falls back to the filled language."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from core.views import refused
from initiatives.forms import ResultForm
from initiatives.models import Result
from measurement.models import Dimension, Indicator
from tests.measurement.test_views_definitions import _dimension, _indicator_data

NAMES = {"en": "Eighth-grade math", "he": "מתמטיקה בכיתה ח׳", "ar": "الرياضيات للصف الثامن"}


def _only(field: str, language: str) -> dict:
    return {f"{field}_{code}": (NAMES[language] if code == language else "") for code in NAMES}


@pytest.mark.parametrize("language", NAMES)
def test_an_indicator_named_in_one_language_is_saved(client, world, backbone_staff, language):
    client.force_login(backbone_staff)
    response = client.post(
        world.url("measurement:indicator-create"), _indicator_data(world, **_only("name", language))
    )
    assert response.status_code == 302
    assert Indicator.objects.get(code="math8").name == NAMES[language]


@pytest.mark.parametrize("language", NAMES)
def test_a_dimension_named_in_one_language_is_saved(client, world, backbone_staff, language):
    client.force_login(backbone_staff)
    data = _dimension(
        [{"code": "young", **_only("name", language), "is_reference": "on", "order": "1"}]
    )
    data.update(_only("name", language))
    response = client.post(world.url("measurement:dimension-create"), data)
    assert response.status_code == 302
    assert Dimension.objects.get(code="age").name == NAMES[language]


@pytest.mark.parametrize("language", NAMES)
def test_a_result_titled_in_one_language_is_saved(client, world, backbone_staff, language):
    client.force_login(backbone_staff)
    response = client.post(
        world.url("initiatives:result-create"),
        {"code": "math", "order": "1", **_only("title", language), **_only("description", "en")},
    )
    assert response.status_code == 302
    assert Result.objects.get(code="math").title == NAMES[language]


def test_a_name_given_only_in_hebrew_shows_in_the_english_interface(client, world, backbone_staff):
    world.indicator.name_en = ""
    world.indicator.name_he = NAMES["he"]
    world.indicator.save()
    client.force_login(backbone_staff)
    with translation.override("en"):
        page = client.get(world.url("measurement:indicator-list")).content.decode()
    assert NAMES["he"] in page


def test_a_services_error_about_a_translated_field_lands_beside_its_first_language(world):
    """The whole class of the 500: a service names the model's field (``title``), the form
    has only ``title_en``, ``title_he``, ``title_ar``."""
    form = ResultForm(
        {"code": "x", "order": "1", "title_en": "A"}, instance=Result(initiative=world.initiative)
    )
    assert form.is_valid()
    refused(form, ValidationError({"title": "Too vague.", "nowhere": "Not a field at all."}))
    assert form.errors["title_en"] == ["Too vague."]
    assert "Not a field at all." in form.non_field_errors()
