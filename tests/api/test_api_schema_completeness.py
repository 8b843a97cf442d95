"""The OpenAPI description says what the server does, so that a generated client can trust
it: every field an answer always carries is required (nullable where it may be null), and
pages always carry their links."""

from drf_spectacular.generators import SchemaGenerator

# Error bodies name fields and rows only when there are some (docs/api.md, "Errors").
SOMETIMES_SENT = {"ErrorBody": {"fields", "rows"}}


def _answers() -> dict[str, dict]:
    schemas = SchemaGenerator().get_schema(public=True)["components"]["schemas"]
    return {
        name: schema
        for name, schema in schemas.items()
        if "properties" in schema and not name.endswith("Request")
    }


def test_every_field_an_answer_always_carries_is_required():
    loose = {
        name: sorted(set(schema["properties"]) - set(schema.get("required", [])))
        for name, schema in _answers().items()
    }
    loose = {
        name: fields
        for name, fields in loose.items()
        if set(fields) - SOMETIMES_SENT.get(name, set())
    }
    assert loose == {}


def test_a_page_always_carries_its_count_links_and_results():
    pages = {name: s for name, s in _answers().items() if name.startswith("Paginated")}
    assert pages
    for name, schema in pages.items():
        assert set(schema["required"]) == {"count", "next", "previous", "results"}, name
        assert schema["properties"]["next"]["nullable"] is True
