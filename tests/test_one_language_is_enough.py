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
from measurement.selectors import definitions_export
from measurement.services.definitions_file import definitions_import, definitions_validate
from tests.factories.initiatives import ResultFactory
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
    # The message names it too (it said "Saved ." of a name not given in English).
    with translation.override("en"):
        page = client.get(response["Location"]).content.decode()
    assert f"Saved {NAMES[language]}." in page


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


# ---- What leaves the app: the API and the definitions file ----


def _named_only_in_hebrew(world) -> dict[str, object]:
    """One record of every translated kind the API lists, named only in Hebrew (each its own
    name, so that each is seen)."""
    records = {
        "indicators/": world.indicator,
        "dimensions/": world.gender,
        "organizations/": world.org_a,
        "results/": ResultFactory(initiative=world.initiative, code="math"),
    }
    category = world.gender.categories.get(code="f")
    for path, record in [*records.items(), ("dimensions/ categories", category)]:
        field = "title" if isinstance(record, Result) else "name"
        setattr(record, f"{field}_en", "")
        setattr(record, f"{field}_he", f"{NAMES['he']} {path}")
        record.save()
    return records


def test_the_api_gives_a_name_given_only_in_hebrew(world, api, backbone_staff):
    _named_only_in_hebrew(world)
    client = api(backbone_staff)
    for path in ("indicators/", "dimensions/", "organizations/", "results/"):
        response = client.get(f"/api/v1/initiatives/{world.initiative.slug}/{path}")
        assert response.status_code == 200
        assert f"{NAMES['he']} {path}" in response.content.decode(), path
    dimensions = client.get(f"/api/v1/initiatives/{world.initiative.slug}/dimensions/")
    assert f"{NAMES['he']} dimensions/ categories" in dimensions.content.decode()


def test_definitions_named_only_in_hebrew_are_exported_and_read_back(world):
    """The definitions file keeps English under ``name`` and Hebrew under ``name_he``: a
    definition named only in Hebrew is written with its Hebrew name and the file is read
    back (it was refused: ``name`` is required)."""
    _named_only_in_hebrew(world)
    data = definitions_export(initiative=world.initiative)
    indicator = next(each for each in data["indicators"] if each["code"] == "read3")
    assert indicator["name_he"] == f"{NAMES['he']} indicators/"
    assert definitions_validate(data) == []
    definitions_import(data=data)
    world.indicator.refresh_from_db()
    assert world.indicator.name_he == f"{NAMES['he']} indicators/"
    assert world.indicator.name_en == ""


def test_a_definition_named_in_no_language_is_refused_by_the_definitions_file(world):
    data = definitions_export(initiative=world.initiative)
    data["indicators"][0]["name"] = ""
    assert any("indicators[0].name" in error for error in definitions_validate(data))
