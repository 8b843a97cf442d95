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
    everyone = Cell.objects.get(initiative=world.initiative, key="")
    girls = Cell.objects.get(initiative=world.initiative, key="gender=f")
    response = client.post(
        world.url("measurement:indicator-edit", code="math8"),
        _indicator_data(
            world,
            baseline_period=str(world.period.pk),
            baseline_value="42",
            **formset(
                "targets",
                [
                    {"period": str(world.period.pk), "cell": str(everyone.pk), "value": "80"},
                    {"period": str(world.period.pk), "cell": str(girls.pk), "value": "70"},
                ],
            ),
        ),
    )
    assert response.status_code == 302
    math.refresh_from_db()
    assert math.baseline_value == 42
    assert sorted(Target.objects.values_list("cell__key", "value")) == [("", 80), ("gender=f", 70)]


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
