"""API helpers. The token fixtures (``token_for``, ``api``) are in tests/conftest.py: other
tests send requests through the API too."""


def url(world, path: str = "") -> str:
    return f"/api/v1/initiatives/{world.initiative.slug}/{path}"
