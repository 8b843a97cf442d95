"""Revising the common agenda and its results keeps every earlier version and the reason."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from initiatives import selectors, services
from tests.factories.initiatives import ResultFactory

pytestmark = pytest.mark.django_db


# ---- Common agenda ----


def test_revising_the_agenda_keeps_the_earlier_version_and_the_reason(world, backbone_staff):
    world.initiative.vision_en = "Every child thrives."
    world.initiative.save()
    services.agenda_update(
        actor=backbone_staff,
        initiative=world.initiative,
        fields={"vision_en": "Every child in every neighbourhood thrives."},
        note="Name the neighbourhoods",
    )
    history = selectors.agenda_history(initiative=world.initiative)
    assert [entry.revision.note for entry in history] == [
        "Name the neighbourhoods",
        "As first recorded",
    ]
    [change] = history[0].changes
    assert change.what == "Vision (en)"
    assert (change.before, change.after) == (
        "Every child thrives.",
        "Every child in every neighbourhood thrives.",
    )
    assert history[0].revision.revised_by == backbone_staff
    assert history[1].revision.snapshot["vision_en"] == "Every child thrives."


@pytest.mark.parametrize("persona", ["partner_a", "funder", "community_member"], indirect=True)
def test_only_backbone_staff_revise_the_agenda(world, persona):
    with pytest.raises(PermissionDenied):
        services.agenda_update(
            actor=persona, initiative=world.initiative, fields={"vision_en": "x"}, note="x"
        )
    assert not world.initiative.agenda_revisions.exists()


def test_adding_a_result_is_a_revision_of_the_agenda(world, backbone_staff):
    services.result_save(
        actor=backbone_staff,
        initiative=world.initiative,
        result=None,
        fields={"code": "ready", "title_en": "Children enter school ready"},
    )
    latest = selectors.agenda_history(initiative=world.initiative)[0]
    assert latest.revision.note == "Result added: Children enter school ready"
    assert [c.what for c in latest.changes] == ["Result added"]


def test_a_result_code_is_unique_in_its_initiative(world, backbone_staff):
    ResultFactory(initiative=world.initiative, code="ready")
    with pytest.raises(ValidationError):
        services.result_save(
            actor=backbone_staff,
            initiative=world.initiative,
            result=None,
            fields={"code": "ready", "title_en": "Again"},
        )


def test_agenda_changes_show_indicators_moving_between_results():
    before = {"results": [{"code": "r", "title_en": "R", "indicators": ["a"]}]}
    after = {"results": [{"code": "r", "title_en": "R", "indicators": ["a", "b"]}]}
    [change] = selectors.agenda_changes(before, after)
    assert (change.what, change.before, change.after) == ("R: indicators", "a", "a, b")


def test_agenda_changes_show_a_removed_result():
    before = {"results": [{"code": "r", "title_en": "Reading"}]}
    [change] = selectors.agenda_changes(before, {"results": []})
    assert (change.what, change.before) == ("Result removed", "Reading")
