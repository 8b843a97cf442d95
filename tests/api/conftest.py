"""API fixtures: a token for any persona, and a client that sends it."""

import pytest
from rest_framework.test import APIClient

from accounts import services


@pytest.fixture
def token_for(world):
    """``token_for(user)``: a fresh API token of that user for the world's initiative."""

    def make(user, initiative=None):
        _token, key = services.api_token_create(
            actor=user, initiative=initiative or world.initiative, name="script"
        )
        return key

    return make


@pytest.fixture
def api(token_for):
    """``api(user)``: an API client authenticated with that user's token."""

    def make(user):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(user)}")
        return client

    return make


def url(world, path: str = "") -> str:
    return f"/api/v1/initiatives/{world.initiative.slug}/{path}"
