"""A definition's code is part of its page's address, so a code that names another page (the
new record's form, the dimension library) is refused with a message, never saved to become a
page nobody can open."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page", "data"),
    [
        ("measurement:dimension-create", {"code": "library", "name_en": "Library"}),
        ("measurement:indicator-create", {"code": "new", "name_en": "New"}),
        ("initiatives:result-create", {"code": "new", "title_en": "New"}),
    ],
)
def test_a_code_that_is_another_pages_address_is_refused(client, world, backbone_staff, page, data):
    client.force_login(backbone_staff)
    form = client.get(world.url(page)).context["form"]
    posted = {**{k: v for k, v in form.initial.items() if v is not None}, **data}
    posted.setdefault("kind", "count")
    posted.setdefault("scale", 1)
    posted.setdefault("direction", "higher")
    posted.setdefault("frequency", "year")
    posted.setdefault("rba_type", "population")
    posted.update(
        {
            f"{prefix}-{key}": value
            for prefix in ("categories", "targets")
            for key, value in {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0}.items()
        }
    )
    if page == "measurement:dimension-create":
        posted.update(
            {"categories-TOTAL_FORMS": 1, "categories-0-code": "x", "categories-0-name_en": "X"}
        )
    response = client.post(world.url(page), posted)
    assert response.status_code == 400
    assert "is the address of another page" in response.content.decode()
