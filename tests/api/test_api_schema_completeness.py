"""The OpenAPI description says what the server does, so that a generated client can trust
it: every field an answer always carries is required (nullable where it may be null), and
pages always carry their links."""

from drf_spectacular.generators import SchemaGenerator

# Error bodies name fields and rows only when there are some (docs/api.md, "Errors"); a
# computed result says why it is hidden only to tokens that see small cells ("Computed
# results"): for the others the key is absent, as the column is from their results file.
SOMETIMES_SENT = {"ErrorBody": {"fields", "rows"}, "ComputedResult": {"suppression_reason"}}


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


def _operations():
    paths = SchemaGenerator().get_schema(public=True)["paths"]
    return [(method, path, op) for path, ops in paths.items() for method, op in ops.items()]


def test_every_operation_lists_every_status_it_can_answer_with_its_error_body():
    for method, path, operation in _operations():
        statuses = set(operation["responses"])
        assert {"400", "401", "403", "404", "405", "406", "429", "500"} <= statuses, (method, path)
        if "requestBody" in operation:
            assert {"413", "415"} <= statuses, (method, path)
        for status in statuses - {"200", "201", "202"}:
            body = operation["responses"][status]["content"]["application/json"]["schema"]
            assert body == {"$ref": "#/components/schemas/Error"}, (method, path, status)


def test_the_headers_a_client_may_rely_on_are_described():
    for method, path, operation in _operations():
        responses = operation["responses"]
        for status, response in responses.items():
            assert "X-Request-ID" in response.get("headers", {}), (method, path, status)
        assert "Retry-After" in responses["429"]["headers"], (method, path)
        assert "Allow" in responses["405"]["headers"], (method, path)
        takes_key = any(p["name"] == "Idempotency-Key" for p in operation.get("parameters", []))
        if takes_key:
            assert "Idempotent-Replayed" in responses["200"]["headers"], (method, path)
