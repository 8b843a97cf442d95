import pytest

from measurement.models import Category, Cell, DataValue, Dimension, Indicator, Target
from tests.factories.measurement import SubmissionFactory
from tests.forms import assert_refused_keeping, formset


def _dimension(categories, code="age", name="Age band", order="3", initial=0):
    """What the dimension form posts: the dimension and one row per category."""
    return {
        "code": code,
        "name_en": name,
        "order": order,
        **formset("categories", categories, initial=initial),
    }


def test_staff_create_a_dimension_with_categories(client, world, backbone_staff):
    client.force_login(backbone_staff)
    data = _dimension(
        [
            {"code": "0-5", "name_en": "0–5", "is_reference": "on", "order": "1"},
            {"code": "6-11", "name_en": "6–11", "order": "2"},
            {"code": "unknown", "name_en": "Not reported", "is_unknown": "on", "order": "3"},
        ],
    )
    response = client.post(world.url("measurement:dimension-create"), data)
    assert response.status_code == 302
    age = Dimension.objects.get(code="age")
    assert list(age.categories.values_list("code", "is_reference", "is_unknown")) == [
        ("0-5", True, False),
        ("6-11", False, False),
        ("unknown", False, True),
    ]


def test_two_reference_groups_are_refused_and_what_was_typed_is_kept(client, world, backbone_staff):
    client.force_login(backbone_staff)
    data = _dimension(
        [
            {"code": "a", "name_en": "A", "is_reference": "on", "order": "1"},
            {"code": "b", "name_en": "B band", "is_reference": "on", "order": "2"},
        ],
    )
    response = client.post(world.url("measurement:dimension-create"), data)
    assert_refused_keeping(
        response, "Only one category can be the reference group.", 'value="B band"'
    )
    assert not Dimension.objects.filter(code="age").exists()


def test_a_duplicate_dimension_code_is_refused(client, world, backbone_staff):
    client.force_login(backbone_staff)
    data = _dimension([{"code": "x", "name_en": "X", "order": "1"}], code="gender", name="Again")
    response = client.post(world.url("measurement:dimension-create"), data)
    assert response.status_code == 400
    assert Dimension.objects.filter(code="gender").count() == 1


def test_a_category_with_data_cannot_be_deleted(client, world, backbone_staff):
    male = Category.objects.get(dimension=world.gender, code="m")
    cell = Cell.objects.get(key="gender=m;sector=arab")
    submission = SubmissionFactory(
        initiative=world.initiative, organization=world.org_a, period=world.period
    )
    DataValue.objects.create(
        submission=submission, indicator=world.indicator, cell=cell, numerator=1, denominator=2
    )
    client.force_login(backbone_staff)
    categories = list(world.gender.categories.order_by("order"))
    rows = [
        {
            "id": str(c.pk),
            "code": c.code,
            "name_en": c.name,
            "order": str(c.order),
            **({"is_reference": "on"} if c.is_reference else {}),
            **({"DELETE": "on"} if c == male else {}),
        }
        for c in categories
    ]
    data = _dimension(rows, code="gender", name="Gender", order="1", initial=len(rows))
    response = client.post(world.url("measurement:dimension-edit", code="gender"), data)
    assert response.status_code == 400
    assert "cannot be removed" in response.content.decode()
    assert Category.objects.filter(pk=male.pk).exists()


def _indicator_data(world, **overrides):
    return {
        "code": "math8",
        "name_en": "Eighth-grade math",
        "kind": "rate",
        "scale": "100",
        "decimals": "1",
        "direction": "higher",
        "frequency": "year",
        "rba_type": "population",
        "dimensions": [str(world.gender.pk)],
        "order": "2",
        "is_active": "on",
        **formset("targets", []),
        **overrides,
    }


def test_staff_create_an_indicator_with_a_universal_and_a_group_target(
    client, world, backbone_staff
):
    client.force_login(backbone_staff)
    response = client.post(world.url("measurement:indicator-create"), _indicator_data(world))
    assert response.status_code == 302
    math = Indicator.objects.get(code="math8")
    assert Cell.objects.filter(initiative=world.initiative, key="gender=m").exists()
    response = client.post(
        world.url("measurement:indicator-edit", code="math8"),
        _indicator_data(
            world,
            baseline_period=str(world.period.pk),
            baseline_value="42",
            **formset(
                "targets",
                [
                    {"period": str(world.period.pk), "group": "", "value": "80"},
                    {"period": str(world.period.pk), "group": "gender=f", "value": "70"},
                ],
            ),
        ),
    )
    assert response.status_code == 302
    math.refresh_from_db()
    assert math.baseline_value == 42
    assert sorted(Target.objects.values_list("cell__key", "value")) == [("", 80), ("gender=f", 70)]


def _baseline_and_targets(world, *targets):
    """A new indicator broken down by gender, with a baseline and ``targets`` as (group key,
    value) by the world's period."""
    return _indicator_data(
        world,
        baseline_period=str(world.period.pk),
        baseline_value="42",
        **formset(
            "targets",
            [{"period": str(world.period.pk), "group": g, "value": v} for g, v in targets],
        ),
    )


def test_a_new_indicator_is_created_with_baseline_and_group_targets_in_one_post(
    client, world, backbone_staff
):
    client.force_login(backbone_staff)
    page = client.get(world.url("measurement:indicator-create")).content.decode()
    assert 'value="gender=f"' in page
    assert 'value="sector=arab"' in page
    response = client.post(
        world.url("measurement:indicator-create"),
        _baseline_and_targets(world, ("", "80"), ("gender=m", "75")),
    )
    assert response.status_code == 302
    math = Indicator.objects.get(code="math8")
    assert (math.baseline_period, math.baseline_value) == (world.period, 42)
    assert sorted(math.targets.values_list("cell__key", "value")) == [("", 80), ("gender=m", 75)]


def test_a_dimension_no_indicator_uses_yet_is_offered_for_group_targets(
    client, world, backbone_staff
):
    client.force_login(backbone_staff)
    rows = [
        {"code": "young", "name_en": "Young", "is_reference": "on", "order": "1"},
        {"code": "old", "name_en": "Old", "order": "2"},
    ]
    assert (
        client.post(world.url("measurement:dimension-create"), _dimension(rows)).status_code == 302
    )
    page = client.get(world.url("measurement:indicator-create")).content.decode()
    assert 'value="age=old"' in page
    age = Dimension.objects.get(code="age")
    response = client.post(
        world.url("measurement:indicator-create"),
        {**_baseline_and_targets(world, ("age=old", "60")), "dimensions": [str(age.pk)]},
    )
    assert response.status_code == 302
    assert list(Target.objects.values_list("cell__key", flat=True)) == ["age=old"]


def test_a_target_for_a_group_the_indicator_is_not_broken_down_by_is_refused(
    client, world, backbone_staff
):
    client.force_login(backbone_staff)
    response = client.post(
        world.url("measurement:indicator-create"),
        _baseline_and_targets(world, ("", "80"), ("sector=arab", "65")),
    )
    assert_refused_keeping(
        response,
        "A target for Arab needs the indicator broken down by Sector",
        'value="Eighth-grade math"',
        'value="65"',
    )
    assert not Indicator.objects.filter(code="math8").exists()
    assert not Target.objects.exists()


def test_two_targets_for_the_same_group_and_period_are_refused(client, world, backbone_staff):
    client.force_login(backbone_staff)
    response = client.post(
        world.url("measurement:indicator-create"),
        _baseline_and_targets(world, ("gender=f", "80"), ("gender=f", "81")),
    )
    assert_refused_keeping(response, "Two targets are for the same group and period.")
    assert not Indicator.objects.filter(code="math8").exists()


def test_a_dimension_with_data_cannot_be_taken_off_an_indicator(client, world, backbone_staff):
    submission = SubmissionFactory(
        initiative=world.initiative, organization=world.org_a, period=world.period
    )
    DataValue.objects.create(
        submission=submission,
        indicator=world.indicator,
        cell=Cell.objects.get(key="gender=f;sector=arab"),
        numerator=1,
        denominator=2,
    )
    client.force_login(backbone_staff)
    response = client.post(
        world.url("measurement:indicator-edit", code="read3"),
        _indicator_data(world, code="read3", name_en="Reading", dimensions=[str(world.gender.pk)]),
    )
    assert response.status_code == 400
    assert "Data is already broken down by Sector" in response.content.decode()
    assert world.indicator.dimensions.count() == 2


def test_a_period_code_must_follow_the_format(client, world, backbone_staff):
    client.force_login(backbone_staff)
    response = client.post(world.url("measurement:period-create"), {"code": "Spring 2024"})
    assert response.status_code == 400
    assert "is not a period code" in response.content.decode()
    response = client.post(
        world.url("measurement:period-create"), {"code": "2024-25", "due_date": "2025-09-30"}
    )
    assert response.status_code == 302
    assert world.initiative.periods.get(code="2024-25").kind == "school_year"


def test_partners_cannot_change_definitions(client, world, partner_a):
    client.force_login(partner_a)
    response = client.post(world.url("measurement:indicator-create"), _indicator_data(world))
    assert response.status_code == 403
    assert not Indicator.objects.filter(code="math8").exists()


@pytest.mark.parametrize("language", ["he", "ar"])
def test_a_new_indicator_named_in_one_language_saves_its_group_target(
    client, world, backbone_staff, language
):
    client.force_login(backbone_staff)
    names = {"he": "מתמטיקה בכיתה ח׳", "ar": "الرياضيات للصف الثامن"}
    data = _baseline_and_targets(world, ("gender=f", "70"))
    data.update({"name_en": "", f"name_{language}": names[language]})
    response = client.post(world.url("measurement:indicator-create"), data)
    assert response.status_code == 302
    math = Indicator.objects.get(code="math8")
    assert math.name == names[language]
    assert list(math.targets.values_list("cell__key", flat=True)) == ["gender=f"]
