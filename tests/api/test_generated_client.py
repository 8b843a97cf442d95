"""A typed Python client generated from the schema by openapi-python-client (with the
project's api/client.yml) works without a line of glue: a partner lists, pages, sends values
and submits; the backbone approves and reads the run it started."""

import importlib
import io
import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator

from tests.api.conftest import value_row

pytestmark = pytest.mark.django_db

CONFIG = Path(__file__).resolve().parents[2] / "api" / "client.yml"
GENERATOR = Path(sys.executable).parent / "openapi-python-client"


@pytest.fixture(scope="module")
def yachad_client(tmp_path_factory):
    """The generated package, imported from a fresh directory."""
    where = tmp_path_factory.mktemp("client")
    schema = where / "schema.json"
    schema.write_text(json.dumps(SchemaGenerator().get_schema(public=True)))
    generated = subprocess.run(
        [
            GENERATOR,
            "generate",
            "--path",
            schema,
            "--config",
            CONFIG,
            "--meta",
            "none",
            "--output-path",
            where / "yachad_client",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    said = generated.stdout + generated.stderr
    assert generated.returncode == 0, said
    assert "Warning" not in said, said  # e.g. an operation or content type left out
    sys.path.insert(0, str(where))
    try:
        yield importlib.import_module("yachad_client")
    finally:
        sys.path.remove(str(where))
        for name in [m for m in sys.modules if m.split(".")[0] == "yachad_client"]:
            del sys.modules[name]


@pytest.fixture
def in_process():
    """An httpx transport into this Django, in the test's transaction: as Django's test
    client does, a finished request must not close the test's database connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield httpx.WSGITransport(app=get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def connect(yachad_client, in_process, token_for):
    """``connect(user)``: the generated client, with that user's token, into this Django."""

    def make(user):
        return yachad_client.AuthenticatedClient(
            base_url="http://testserver",
            token=token_for(user),
            httpx_args={"transport": in_process},
        )

    return make


def test_a_generated_client_runs_the_reporting_journey(
    connect,
    world,
    partner_a,
    backbone_staff,
    django_capture_on_commit_callbacks,
):
    from yachad_client.api.initiatives import (
        initiatives_computation_runs_list,
        initiatives_computed_results_list,
        initiatives_list,
        initiatives_submissions_approve_create,
        initiatives_submissions_create,
        initiatives_submissions_partial_update,
        initiatives_submissions_submit_create,
    )
    from yachad_client.models import SubmissionCreateRequest, SubmissionValuesRequest

    partner, backbone = connect(partner_a), connect(backbone_staff)
    slug = world.initiative.slug

    [initiative] = initiatives_list.sync(client=partner).results
    assert initiative.slug == slug

    started = initiatives_submissions_create.sync_detailed(
        slug, client=partner, body=SubmissionCreateRequest(period=world.period.code)
    )
    assert started.status_code == 201
    submission = started.parsed
    assert submission.status.value == "draft"

    rows = [
        value_row(gender=g, sector=s, numerator=n, denominator=d)
        for g, s, n, d in (
            ("f", "arab", "12", "40"),
            ("m", "arab", "9", "35"),
            ("f", "jewish", "20", "30"),
            ("m", "jewish", "25", "35"),
        )
    ]
    sent = initiatives_submissions_partial_update.sync(
        slug,
        submission.id,
        client=partner,
        body=SubmissionValuesRequest.from_dict({"values": rows}),
    )
    assert sent.changed == 4

    submitted = initiatives_submissions_submit_create.sync(slug, submission.id, client=partner)
    assert submitted.status.value == "submitted"
    with django_capture_on_commit_callbacks(execute=True):
        approved = initiatives_submissions_approve_create.sync(slug, submission.id, client=backbone)
    assert approved.status.value == "approved"

    [run] = initiatives_computation_runs_list.sync(slug, client=backbone).results
    assert run.status.value == "succeeded"

    seen, page = [], 1
    while page:
        answer = initiatives_computed_results_list.sync(
            slug, client=partner, page=page, page_size=5
        )
        seen += answer.results
        page = page + 1 if answer.next_ else None
    assert len(seen) == answer.count > 5
    [total] = [r for r in seen if r.categories.to_dict() == {} and r.indicator == "read3"]
    assert total.denominator == 140


def test_a_generated_client_sends_a_csv_file_of_values(connect, world, partner_a):
    from yachad_client.api.initiatives import initiatives_values_create
    from yachad_client.types import File

    partner = connect(partner_a)
    csv = (
        "indicator,period,organization,gender,sector,numerator,denominator,value\n"
        f"read3,{world.period.code},org-a,f,arab,12,40,\n"
    )
    answer = initiatives_values_create.sync_detailed(
        world.initiative.slug,
        client=partner,
        body=File(payload=io.BytesIO(csv.encode()), mime_type="text/csv"),
        idempotency_key="first-file",
    )
    assert answer.status_code == 200
    assert (answer.parsed.rows, answer.parsed.changed) == (1, 1)
