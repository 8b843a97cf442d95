"""The dimension library: common dimensions with their categories, named in English, Hebrew
and Arabic, that backbone staff add to an initiative through the ordinary dimension form —
pre-filled, so they can change anything before saving."""

import pytest
from django.utils import translation

from measurement.dimension_library import LIBRARY, library_entry
from measurement.models import Dimension
from tests.measurement.test_views_definitions import _dimension


@pytest.mark.parametrize("entry", LIBRARY, ids=lambda entry: entry.code)
def test_every_entry_is_named_in_three_languages_with_an_unknown_category(entry):
    assert all(entry.names)
    assert all(all(category.names) for category in entry.categories)
    assert sum(category.unknown for category in entry.categories) == 1
    assert sum(category.reference for category in entry.categories) <= 1
    assert not any(category.reference and category.unknown for category in entry.categories)
    codes = [category.code for category in entry.categories]
    assert len(codes) == len(set(codes))


def test_entries_have_distinct_codes_and_the_common_dimensions_are_there():
    codes = [entry.code for entry in LIBRARY]
    assert len(codes) == len(set(codes))
    assert {"gender", "age", "sector", "race-ethnicity", "neighbourhood", "income"} <= set(codes)


def test_the_us_race_and_ethnicity_entry_follows_the_2024_standard():
    race = library_entry("race-ethnicity")
    assert race.overlapping
    assert {c.code for c in race.categories if not c.unknown} == {
        "aian",
        "asian",
        "black",
        "hispanic",
        "mena",
        "nhpi",
        "white",
    }


def test_an_entry_is_named_in_the_language_of_the_page():
    gender = library_entry("gender")
    with translation.override("he"):
        assert gender.name == "מגדר"
    with translation.override("ar"):
        assert gender.name == "الجنس"
    assert library_entry("nothing-like-it") is None


def test_it_lists_every_entry_and_marks_those_already_added(client, world, backbone_staff):
    client.force_login(backbone_staff)
    response = client.get(world.url("measurement:dimension-library"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Age band" in page
    assert "65+" in page
    assert world.url("measurement:dimension-create") + "?from=age" in page
    # The world has a gender dimension: the library links to it rather than adding it again.
    assert "Already added" in page
    assert world.url("measurement:dimension-edit", code="gender") in page
    assert world.url("measurement:dimension-create") + "?from=gender" not in page


def test_the_definitions_page_links_to_the_library(client, world, backbone_staff):
    client.force_login(backbone_staff)
    page = client.get(world.url("measurement:definitions")).content.decode()
    assert world.url("measurement:dimension-library") in page


def test_picking_an_entry_prefills_the_dimension_form(client, world, backbone_staff):
    client.force_login(backbone_staff)
    response = client.get(world.url("measurement:dimension-create") + "?from=age")
    assert response.status_code == 200
    page = response.content.decode()
    age = library_entry("age")
    assert 'value="age"' in page
    assert 'value="Age band"' in page
    assert "קבוצת גיל" in page
    for category in age.categories:
        assert f'value="{category.code}"' in page
    # Every category has a row, and there is room for more.
    assert f'name="categories-TOTAL_FORMS" value="{len(age.categories) + 1}"' in page


def test_an_unknown_entry_leaves_the_form_empty(client, world, backbone_staff):
    client.force_login(backbone_staff)
    response = client.get(world.url("measurement:dimension-create") + "?from=nothing-like-it")
    assert response.status_code == 200
    assert 'name="categories-TOTAL_FORMS" value="3"' in response.content.decode()


def _library_post(code: str, **changes) -> dict:
    """What the pre-filled form posts once the backbone has changed ``changes``."""
    entry = library_entry(code)
    fields = {**entry.fields(), **changes}
    rows = [
        {
            **{k: v for k, v in row.items() if k not in ("is_reference", "is_unknown")},
            **({"is_reference": "on"} if row["is_reference"] else {}),
            **({"is_unknown": "on"} if row["is_unknown"] else {}),
        }
        for row in entry.category_rows()
    ]
    return {**_dimension(rows, code=fields.pop("code"), name=fields.pop("name_en")), **fields}


def test_a_prefilled_entry_saves_as_edited(client, world, backbone_staff):
    client.force_login(backbone_staff)
    data = _library_post("neighbourhood", name_en="Quarter")
    data["categories-0-name_en"] = "Old City"
    response = client.post(world.url("measurement:dimension-create") + "?from=neighbourhood", data)
    assert response.status_code == 302
    quarter = Dimension.objects.get(initiative=world.initiative, code="neighbourhood")
    assert quarter.name == "Quarter"
    assert quarter.name_he == "שכונה"
    names = list(quarter.categories.order_by("order").values_list("name_en", flat=True))
    assert names[0] == "Old City"
    assert quarter.categories.get(is_unknown=True).code == "unknown"


def test_a_prefilled_entry_named_only_in_arabic_saves(client, world, backbone_staff):
    client.force_login(backbone_staff)
    data = _library_post("income", name_en="", name_he="")
    for index in range(len(library_entry("income").categories)):
        data[f"categories-{index}-name_en"] = ""
        data[f"categories-{index}-name_he"] = ""
    response = client.post(world.url("measurement:dimension-create"), data)
    assert response.status_code == 302
    with translation.override("en"):
        assert Dimension.objects.get(code="income").name == "الدخل"


def test_a_refused_prefilled_entry_keeps_what_was_typed(client, world, backbone_staff):
    client.force_login(backbone_staff)
    data = _library_post("race-ethnicity")
    data["categories-1-is_reference"] = "on"
    response = client.post(world.url("measurement:dimension-create") + "?from=race-ethnicity", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Only one category can be the reference group." in page
    assert 'value="Middle Eastern or North African"' in page
    assert not Dimension.objects.filter(code="race-ethnicity").exists()
