"""model_update writes only what a service allows."""

import pytest

from core.services import model_update
from tests.factories.initiatives import OrganizationFactory


def test_model_update_sets_the_allowed_fields_and_saves(db):
    organization = OrganizationFactory(name="North School")
    model_update(instance=organization, fields=["name", "website"], data={"name": "North High"})
    organization.refresh_from_db()
    assert organization.name == "North High"


def test_model_update_refuses_a_field_the_service_does_not_allow(db):
    organization = OrganizationFactory(name="North School", code="north")
    with pytest.raises(ValueError, match="not writable here: \\['code'\\]"):
        model_update(instance=organization, fields=["name"], data={"code": "south"})
    organization.refresh_from_db()
    assert organization.code == "north"


def test_model_update_can_leave_saving_to_the_service(db):
    organization = OrganizationFactory(name="North School")
    model_update(instance=organization, fields=["name"], data={"name": "Renamed"}, save=False)
    organization.refresh_from_db()
    assert organization.name == "North School"
