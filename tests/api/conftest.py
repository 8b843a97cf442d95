"""API helpers: addresses, and the rows the API takes. The token fixtures (``token_for``,
``api``) are in tests/conftest.py: other tests send requests through the API too."""

import pytest

from tests.measurement.conftest import compute, report


def url(world, path: str = "") -> str:
    return f"/api/v1/initiatives/{world.initiative.slug}/{path}"


def value_row(**fields) -> dict:
    """One value of the world's reading indicator as the API takes it: 12 of 40 Arab girls,
    unless ``fields`` say otherwise. Bulk rows also name their ``period``."""
    return {
        "indicator": "read3",
        "gender": "f",
        "sector": "arab",
        "numerator": "12",
        "denominator": "40",
        **fields,
    }


# What every member may read, below the initiative's own address.
READ_PATHS = [
    "",
    "results/",
    "organizations/",
    "dimensions/",
    "indicators/",
    "indicators/read3/",
    "periods/",
    "computed-results/",
]


@pytest.fixture
def computed(world):
    """Approved figures with a small cell (3 of 6 Arab boys), computed."""
    report(
        world,
        world.org_a,
        world.period,
        {
            "gender=f;sector=arab": (12, 40),
            "gender=m;sector=arab": (3, 6),
            "gender=f;sector=jewish": (20, 30),
            "gender=m;sector=jewish": (25, 35),
        },
    )
    compute(world)
    return world
