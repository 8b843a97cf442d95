"""Equity's test helpers: a decision-making body saved the way the body form saves one."""

import pytest

from equity import services


@pytest.fixture
def new_body(world):
    """``new_body(actor, seats, name=…, kind=…)``: a new body of the world's initiative, saved
    by ``actor`` with these ``seats`` (an advisory council unless named otherwise)."""

    def save(actor, seats, name="Council", kind="advisory"):
        return services.body_save(
            actor=actor,
            initiative=world.initiative,
            body=None,
            fields={"name": name, "kind": kind},
            seats=seats,
        )

    return save
