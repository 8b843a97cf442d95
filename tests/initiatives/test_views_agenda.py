"""The common agenda's pages: a revision keeps what was typed when it is refused, and every
member reads the history."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _url(world, name):
    return reverse(f"initiatives:{name}", kwargs={"slug": world.initiative.slug})


def test_a_broken_agenda_revision_keeps_what_was_typed(client, world, backbone_staff):
    client.force_login(backbone_staff)
    response = client.post(_url(world, "agenda-edit"), {"vision_en": "A bolder vision"})
    assert response.status_code == 400
    assert "A bolder vision" in response.content.decode()
    world.initiative.refresh_from_db()
    assert world.initiative.vision_en == "Every child thrives."


def test_revising_the_agenda_shows_in_its_history(client, world, backbone_staff, funder):
    client.force_login(backbone_staff)
    client.post(_url(world, "agenda-edit"), {"vision_en": "A bolder vision", "note": "Bolder"})
    client.force_login(funder)
    content = client.get(_url(world, "agenda-history")).content.decode()
    assert "Bolder" in content
    assert "A bolder vision" in content
