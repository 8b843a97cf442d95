"""The client walkthrough of docs/api.md, run exactly as written against a live server: a
partner posts a CSV with a token and submits, the backbone approves, and the computed
results are read into pandas."""

import re
from pathlib import Path

import pandas as pd
import pytest

from initiatives import services
from tests.factories.measurement import ReportingPeriodFactory

pytestmark = pytest.mark.django_db(transaction=True)

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def walkthrough_code() -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Walkthrough", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def test_the_walkthrough_has_every_step():
    assert len(walkthrough_code()) == 5


def test_docs_walkthrough_runs_as_written(
    live_server, world, partner_a, backbone_staff, monkeypatch, capsys
):
    for name, user in (("YACHAD_TOKEN", partner_a), ("YACHAD_BACKBONE_TOKEN", backbone_staff)):
        _token, key = services.api_token_create(
            actor=user, initiative=world.initiative, name="walkthrough"
        )
        monkeypatch.setenv(name, key)
    monkeypatch.setenv("YACHAD_URL", live_server.url)
    monkeypatch.setenv("YACHAD_INITIATIVE", world.initiative.slug)
    monkeypatch.setenv("NO_PROXY", "*")
    # The walkthrough reports into a period the backbone has set up.
    ReportingPeriodFactory(initiative=world.initiative, code="2025-Q1")

    namespace: dict = {}
    for block in walkthrough_code():
        exec(compile(block, str(DOC), "exec"), namespace)

    assert namespace["batch"]["rows"] == 4
    results = namespace["results"]
    assert isinstance(results, pd.DataFrame)
    by_sector = results.set_index("categories.sector")
    assert by_sector.loc["arab", "denominator"] == 101
    assert by_sector.loc["arab", "value"] == pytest.approx(55 / 101 * 100)
    assert by_sector.loc["jewish", "numerator"] == 33
    assert "approved" in capsys.readouterr().out
