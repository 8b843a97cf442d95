"""Importing definitions again never breaks the data already reported: an indicator with data
or results keeps its kind, and keeps every dimension its data is broken down by. Such a file
is refused with its JSON path, as every other problem is, and writes nothing."""

import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from accounts.choices import Role
from initiatives.models import Organization
from measurement.models import ComputedResult, DataValue, Indicator
from measurement.services import indicator_save
from measurement.services.definitions_file import DefinitionsError, definitions_import
from tests.factories.accounts import UserFactory
from tests.factories.initiatives import MembershipFactory
from tests.measurement.test_commands import run

FILES = Path(__file__).parent / "files"


def _definitions() -> dict:
    return json.loads((FILES / "definitions.json").read_text())


@pytest.fixture
def reported(db):
    """River City's definitions with approved values of reading by gender and sector."""
    run("import_definitions", str(FILES / "definitions.json"))
    run("import_data", "--initiative", "river-city", str(FILES / "values.csv"))
    return Indicator.objects.get(code="read3")


def _refused(data) -> list[str]:
    with pytest.raises(DefinitionsError) as refused:
        definitions_import(data=data)
    return refused.value.errors


def test_it_refuses_changing_the_kind_of_an_indicator_with_data(reported):
    data = _definitions()
    data["indicators"][0]["kind"] = "count"
    data["indicators"][0]["name"] = "Renamed"
    errors = _refused(data)
    assert len(errors) == 1
    assert errors[0].startswith("indicators[0].kind: ")
    assert "rate" in errors[0]
    reported.refresh_from_db()
    assert (reported.kind, reported.name) == ("rate", "Third-grade reading proficiency")


def test_it_refuses_changing_the_kind_of_an_indicator_with_results_only(reported):
    run("compute", "--initiative", "river-city")
    DataValue.objects.filter(indicator=reported).delete()
    assert ComputedResult.objects.filter(indicator=reported).exists()
    data = _definitions()
    data["indicators"][0]["kind"] = "average"
    assert _refused(data)[0].startswith("indicators[0].kind: ")


def test_it_refuses_removing_a_dimension_the_data_is_broken_down_by(reported):
    data = _definitions()
    data["indicators"][0]["dimensions"] = ["gender"]
    del data["indicators"][0]["targets"]  # one is for a sector
    errors = _refused(data)
    assert errors == [
        "indicators[0].dimensions: data is already broken down by sector; keep it, or "
        "define a new indicator"
    ]
    assert sorted(reported.dimensions.values_list("code", flat=True)) == ["gender", "sector"]


def test_every_refusal_is_listed_and_nothing_is_written(reported):
    data = _definitions()
    data["indicators"][0]["kind"] = "count"
    data["indicators"][0]["dimensions"] = []
    del data["indicators"][0]["targets"]
    data["organizations"][0]["name"] = "Renamed school"
    errors = _refused(data)
    assert [e.split(":")[0] for e in errors] == ["indicators[0].kind", "indicators[0].dimensions"]
    assert not Organization.objects.filter(name="Renamed school").exists()
    assert DataValue.objects.filter(indicator=reported).exists()


def test_an_indicator_without_data_may_change_kind_and_dimensions(reported):
    data = _definitions()
    data["indicators"].append(
        {"code": "fresh", "name": "Fresh", "kind": "count", "dimensions": ["gender"]}
    )
    definitions_import(data=data)
    data["indicators"][-1].update(kind="rate", dimensions=[])
    definitions_import(data=data)
    new = Indicator.objects.get(code="fresh")
    assert (new.kind, new.dimensions.count()) == ("rate", 0)


def test_an_indicator_with_data_may_still_be_renamed_and_gain_a_dimension(reported):
    data = _definitions()
    data["indicators"][1]["name"] = "Library visits"
    data["indicators"][1]["dimensions"] = ["gender", "sector"]
    definitions_import(data=data)
    visits = Indicator.objects.get(code="visits")
    assert (visits.name, visits.dimensions.count()) == ("Library visits", 2)


def test_the_indicator_page_refuses_the_same_kind_change(reported):
    admin = UserFactory()
    MembershipFactory(user=admin, initiative=reported.initiative, role=Role.BACKBONE_ADMIN)
    with pytest.raises(ValidationError) as refused:
        indicator_save(
            actor=admin,
            initiative=reported.initiative,
            indicator=reported,
            fields={"kind": "count", "dimensions": list(reported.dimensions.all())},
            targets=[],
        )
    assert set(refused.value.message_dict) == {"kind"}
    reported.refresh_from_db()
    assert reported.kind == "rate"


def test_an_indicator_with_more_decimal_places_than_any_figure_needs_is_refused(db):
    data = _definitions()
    data["indicators"][0]["decimals"] = 9
    assert any(error.startswith("indicators[0].decimals") for error in _refused(data))


def test_decimal_places_travel_with_the_definitions(db):
    data = _definitions()
    data["indicators"][0]["decimals"] = 2
    definitions_import(data=data)
    assert Indicator.objects.get(code=data["indicators"][0]["code"]).decimals == 2
