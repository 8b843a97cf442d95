"""The command-line contract of design.md, driven exactly as an outside check would."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from initiatives.models import DisclosurePolicyChange, Initiative, Organization
from measurement import display, selectors, services
from measurement.disclosure import Policy, SmallCount
from measurement.models import Category, ComputedResult, DataValue, Indicator, Target
from tests.migrations import migrated_back_to

FILES = Path(__file__).parent / "files"


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def fails(*args) -> str:
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(*args, stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def defined(db):
    run("import_definitions", str(FILES / "definitions.json"))
    return Initiative.objects.get(slug="river-city")


def results_by_key(text):
    rows = list(csv.DictReader(io.StringIO(text)))
    return {(r["indicator"], r["period"], r["gender"], r["sector"]): r for r in rows}


# ---- import_definitions / export_definitions ----


def test_import_definitions_creates_everything(defined):
    assert defined.suppression_threshold == 10
    assert defined.name_he == "עיר הנהר"
    assert Organization.objects.count() == 3
    unknown = Category.objects.get(dimension__code="gender", code="unknown")
    assert unknown.is_unknown
    read3 = Indicator.objects.get(code="read3")
    assert sorted(read3.dimensions.values_list("code", flat=True)) == ["gender", "sector"]
    assert read3.baseline_value == 50.0
    assert Target.objects.filter(indicator=read3).count() == 2


def test_importing_again_updates_and_never_duplicates(defined, tmp_path):
    data = json.loads((FILES / "definitions.json").read_text())
    data["indicators"][0]["name"] = "Reading at grade 3"
    data["dimensions"][0]["categories"].append({"code": "x", "name": "Another"})
    run("import_definitions", str(write(tmp_path, "d.json", json.dumps(data))))
    assert Indicator.objects.count() == 2
    assert Indicator.objects.get(code="read3").name == "Reading at grade 3"
    assert Category.objects.filter(dimension__code="gender").count() == 4


def test_a_definitions_file_with_errors_writes_nothing(db, tmp_path):
    data = json.loads((FILES / "definitions.json").read_text())
    data["indicators"][0]["kind"] = "ratio"
    data["indicators"][1]["dimensions"] = ["age"]
    errors = fails("import_definitions", str(write(tmp_path, "d.json", json.dumps(data))))
    assert "indicators[0].kind: 'ratio' is not one of count, rate, average" in errors
    assert "indicators[1].dimensions: 'age' is not a dimension in this file" in errors
    assert not Initiative.objects.exists()


def test_invalid_json_is_reported(db, tmp_path):
    errors = fails("import_definitions", str(write(tmp_path, "d.json", "{not json")))
    assert "not valid JSON" in errors


def test_export_then_import_gives_the_same_definitions(defined, tmp_path):
    exported, _ = run("export_definitions", "--initiative", "river-city")
    Initiative.objects.all().delete()
    Organization.objects.all().delete()
    run("import_definitions", str(write(tmp_path, "again.json", exported)))
    again, _ = run("export_definitions", "--initiative", "river-city")
    assert json.loads(again) == json.loads(exported)


def test_an_indicators_unit_is_read_and_written_in_each_language(db, tmp_path):
    data = json.loads((FILES / "definitions.json").read_text())
    visits = next(i for i in data["indicators"] if i["code"] == "visits")
    visits.update(unit="families", unit_he="משפחות", unit_ar="عائلات")
    run("import_definitions", str(write(tmp_path, "d.json", json.dumps(data, ensure_ascii=False))))
    indicator = Indicator.objects.get(code="visits")
    with translation.override("he"):
        assert display.indicator_unit(indicator) == "משפחות"
    with translation.override("ar"):
        assert display.indicator_unit(indicator) == "عائلات"
    exported = json.loads(run("export_definitions", "--initiative", "river-city")[0])
    written = next(i for i in exported["indicators"] if i["code"] == "visits")
    assert (written["unit"], written["unit_he"], written["unit_ar"]) == (
        "families",
        "משפחות",
        "عائلات",
    )


def test_a_unit_without_a_translation_reads_in_english(defined):
    indicator = Indicator.objects.get(code="visits")
    indicator.unit_en = "families"
    indicator.save()
    with translation.override("he"):
        assert display.indicator_unit(indicator) == "families"


@pytest.mark.django_db(transaction=True)
def test_the_unit_written_before_units_had_languages_is_the_english_one(world):
    """The data migration: a unit typed before it was kept per language stays, as English."""
    with migrated_back_to([("measurement", "0013_share_link_embed_origins")]) as old:
        old.get_model("measurement", "Indicator").objects.filter(pk=world.indicator.pk).update(
            unit="children"
        )
    indicator = Indicator.objects.get(pk=world.indicator.pk)
    assert (indicator.unit_en, indicator.unit_he, indicator.unit_ar) == ("children", None, None)
    with translation.override("he"):
        assert indicator.unit == "children"


# ---- The disclosure policy in the definitions file ----

STRICT = {
    "min_group_size": 15,
    "min_count": 5,
    "small_count": "suppress",
    "min_contributors": 2,
    "protection_level": 20,
}


def _definitions(tmp_path, **initiative):
    """The test definitions file with the initiative's fields changed (None: left out)."""
    data = json.loads((FILES / "definitions.json").read_text())
    data["initiative"].update(initiative)
    data["initiative"] = {k: v for k, v in data["initiative"].items() if v is not None}
    return str(write(tmp_path, "d.json", json.dumps(data)))


def test_definitions_import_accepts_disclosure_policy(db, tmp_path):
    run("import_definitions", _definitions(tmp_path, suppression_threshold=None, disclosure=STRICT))
    policy = selectors.disclosure_policy(initiative=Initiative.objects.get(slug="river-city"))
    assert policy.as_dict() == STRICT


def test_omitted_disclosure_rules_keep_their_defaults(db, tmp_path):
    disclosure = {"small_count": "suppress"}
    run(
        "import_definitions",
        _definitions(tmp_path, suppression_threshold=None, disclosure=disclosure),
    )
    policy = selectors.disclosure_policy(initiative=Initiative.objects.get(slug="river-city"))
    assert policy == Policy(small_count=SmallCount.SUPPRESS)


def test_suppression_threshold_still_accepted_as_min_group_size(db, tmp_path):
    run("import_definitions", _definitions(tmp_path, suppression_threshold=7))
    initiative = Initiative.objects.get(slug="river-city")
    assert selectors.disclosure_policy(initiative=initiative) == Policy(min_group_size=7)


def test_suppression_threshold_beside_the_same_min_group_size_is_accepted(db, tmp_path):
    disclosure = {"min_group_size": 7}
    run(
        "import_definitions", _definitions(tmp_path, suppression_threshold=7, disclosure=disclosure)
    )
    assert Initiative.objects.get(slug="river-city").suppression_threshold == 7


def test_suppression_threshold_that_differs_from_min_group_size_is_refused(db, tmp_path):
    disclosure = {"min_group_size": 12}
    path = _definitions(tmp_path, suppression_threshold=10, disclosure=disclosure)
    errors = fails("import_definitions", path)
    assert "initiative.disclosure.min_group_size: 12 differs from" in errors
    assert not Initiative.objects.exists()


def test_every_disclosure_problem_is_reported_by_path_and_nothing_changes(defined, tmp_path):
    disclosure = {
        "min_group_size": 0,
        "min_count": "ten",
        "small_count": "round",
        "min_contributors": True,
        "protection_level": 60,
        "k": 3,
    }
    errors = fails(
        "import_definitions", _definitions(tmp_path, name="Changed", disclosure=disclosure)
    )
    for where in (
        "initiative.disclosure.min_group_size: must be a whole number of at least 1",
        "initiative.disclosure.min_count: must be a whole number of at least 1",
        "initiative.disclosure.small_count: 'round' is not one of range, suppress",
        "initiative.disclosure.min_contributors: must be a whole number of at least 1",
        "initiative.disclosure.protection_level: must be a whole number from 0 to 50",
        "initiative.disclosure.k: is not a rule of the disclosure policy",
    ):
        assert where in errors
    defined.refresh_from_db()
    assert defined.name == "River City Cradle to Career"
    assert selectors.disclosure_policy(initiative=defined) == Policy()
    assert not DisclosurePolicyChange.objects.exists()


def test_a_disclosure_that_is_no_object_is_refused(db, tmp_path):
    errors = fails("import_definitions", _definitions(tmp_path, disclosure=10))
    assert "initiative.disclosure: must be an object" in errors


def test_an_import_that_changes_the_policy_records_it(defined, tmp_path):
    run("import_definitions", _definitions(tmp_path, suppression_threshold=None, disclosure=STRICT))
    change = DisclosurePolicyChange.objects.get()
    assert (change.source, change.changed_by, change.policy) == ("import", None, STRICT)


def test_export_definitions_writes_the_disclosure_policy(defined):
    exported = json.loads(run("export_definitions", "--initiative", "river-city")[0])
    assert "suppression_threshold" not in exported["initiative"]
    assert exported["initiative"]["disclosure"] == {
        "min_group_size": 10,
        "min_count": 10,
        "small_count": "range",
        "min_contributors": 1,
        "protection_level": 0,
    }


def test_the_disclosure_policy_survives_export_and_import(defined, tmp_path):
    services.disclosure_policy_set(
        initiative=defined,
        by=None,
        policy=Policy(min_group_size=12, protection_level=15),
        source="page",
    )
    exported, _ = run("export_definitions", "--initiative", "river-city")
    Initiative.objects.all().delete()
    run("import_definitions", str(write(tmp_path, "again.json", exported)))
    again = Initiative.objects.get(slug="river-city")
    assert selectors.disclosure_policy(initiative=again) == Policy(
        min_group_size=12, protection_level=15
    )


def test_importing_an_exported_file_again_records_no_change(defined, tmp_path):
    exported, _ = run("export_definitions", "--initiative", "river-city")
    run("import_definitions", str(write(tmp_path, "again.json", exported)))
    assert not DisclosurePolicyChange.objects.exists()


# ---- import_data / compute / export_results ----


def test_the_full_contract_from_files_to_a_suppressed_funder_export(defined, tmp_path):
    run("import_data", "--initiative", "river-city", str(FILES / "values.csv"))
    run("compute", "--initiative", "river-city")
    staff, _ = run("export_results", "--initiative", "river-city")
    funder_path = tmp_path / "funder.csv"
    run(
        "export_results",
        "--initiative",
        "river-city",
        "--role",
        "funder",
        "--output",
        str(funder_path),
    )
    funder = results_by_key(funder_path.read_text())
    staff = results_by_key(staff)

    total = staff[("read3", "2024", "", "")]
    assert (total["numerator"], total["denominator"]) == ("98", "184")
    assert float(total["value"]) == pytest.approx(98 / 184 * 100)
    women = staff[("read3", "2024", "f", "")]
    assert (women["numerator"], women["denominator"]) == ("64", "110")
    assert women["reference_category"] == "f"
    men = staff[("read3", "2024", "m", "")]
    assert float(men["ratio_to_reference"]) == pytest.approx((32 / 70) / (64 / 110))
    assert men["best_category"] == "f"
    assert float(men["ratio_to_best"]) == pytest.approx((32 / 70) / (64 / 110))

    # The unknown-gender cell has 4 people: suppressed for a funder, numbers empty.
    small = funder[("read3", "2024", "unknown", "")]
    assert small["suppressed"] == "true"
    assert small["numerator"] == small["denominator"] == small["value"] == ""
    assert small["ratio_to_best"] == small["difference_from_best"] == ""
    assert staff[("read3", "2024", "unknown", "")]["denominator"] == "4"
    # A true zero is 0; a cell nobody reported is absent.
    assert funder[("visits", "2024", "m", "")]["value"] == "0"
    assert ("read3", "2024", "m", "arab") in funder
    assert ("read3", "2024", "unknown", "jewish") not in funder
    # Nothing a funder sees lets them recover the small cell along a line.
    gender_cells = [funder[("read3", "2024", g, "")] for g in ("f", "m", "unknown")]
    assert sum(row["suppressed"] == "true" for row in gender_cells) >= 2


def test_a_data_file_with_errors_reports_each_by_row_and_column_and_writes_nothing(
    defined, tmp_path
):
    bad = write(
        tmp_path,
        "bad.csv",
        "\n".join(
            [
                "indicator,period,organization,gender,sector,numerator,denominator,value",
                "read3,2024,north-high,f,jewish,30,40,",
                "read9,2024,north-high,f,jewish,30,40,",
                "read3,2024-Q5,north-high,f,jewish,30,40,",
                "read3,2024,nowhere,f,jewish,30,40,",
                "read3,2024,north-high,x,jewish,30,40,",
                "read3,2024,north-high,m,jewish,50,40,",
                "read3,2024,north-high,m,arab,-1,40,",
                "read3,2024,north-high,f,jewish,31,40,",
                "visits,2024,north-high,f,arab,,,3",
                "read3,2024,north-high,f,arab,abc,40,",
            ]
        ),
    )
    errors = fails("import_data", "--initiative", "river-city", str(bad))
    for expected in [
        "Row 3, column indicator: 'read9' is not an indicator",
        "Row 4, column period: '2024-Q5' is not a period code",
        "Row 5, column organization: 'nowhere' is not a partner organization",
        "Row 6, column gender: 'x' is not a category of gender",
        "Row 7, column numerator: cannot be larger than the denominator",
        "Row 8, column numerator: cannot be negative",
        "Row 9, column indicator: repeats row 2",
        "Row 10, column sector: indicator visits is not broken down by sector",
        "Row 11, column numerator: 'abc' is not a number",
    ]:
        assert expected in errors
    assert not DataValue.objects.exists()


def test_importing_the_same_values_again_replaces_them(defined):
    run("import_data", "--initiative", "river-city", str(FILES / "values.csv"))
    run("import_data", "--initiative", "river-city", str(FILES / "values.csv"))
    assert DataValue.objects.count() == 9


def test_compute_replaces_results_and_reports_counts(defined):
    run("import_data", "--initiative", "river-city", str(FILES / "values.csv"))
    out, _ = run("compute", "--initiative", "river-city")
    first = ComputedResult.objects.count()
    run("compute", "--initiative", "river-city")
    assert ComputedResult.objects.count() == first
    assert "9 values in" in out


def test_an_unknown_initiative_is_an_error(db):
    with pytest.raises(CommandError, match="no initiative"):
        call_command("compute", "--initiative", "nowhere")
