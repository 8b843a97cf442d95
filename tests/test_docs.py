"""The docs are the map for the next engineer: every module, package, file or dotted name they
cite (docs/*.md and the README) exists, so the map cannot drift from the code unnoticed."""

import importlib
import re
from pathlib import Path

import pytest

BASE = Path(__file__).resolve().parents[1]
DOCS = [BASE / "README.md", *sorted((BASE / "docs").glob("*.md"))]
APPS = (
    "core",
    "accounts",
    "initiatives",
    "measurement",
    "community",
    "conditions",
    "equity",
    "briefs",
)
TOP = (*APPS, "api", "demo", "config", "templates", "static", "tests", "docs", "bench", "locale")

CODE_SPANS = [
    span for doc in DOCS for span in re.findall(r"`([^`\n]+)`", doc.read_text(encoding="utf-8"))
]
PATHS = sorted(
    {
        span.rstrip("/")
        for span in CODE_SPANS
        if re.fullmatch(rf"(?:{'|'.join(TOP)})(?:/[\w.<>\-]+)*/?", span)
        and "<" not in span
        and ("/" in span or span.endswith(".py"))
    }
)
DOTTED = sorted(
    {
        span
        for span in CODE_SPANS
        if re.fullmatch(rf"(?:{'|'.join((*APPS, 'api', 'demo', 'config'))})(?:\.\w+)+", span)
    }
)


def test_the_docs_name_code_at_all():
    assert len(PATHS) > 20
    assert len(DOTTED) > 10


@pytest.mark.parametrize("path", PATHS)
def test_every_path_the_docs_name_exists(path):
    assert (BASE / path).exists(), f"the docs cite {path}, which does not exist"


def _resolve(dotted: str):
    parts = dotted.split(".")
    if len(parts) == 2 and parts[1][:1].isupper():  # app_label.Model, as Django names models
        from django.apps import apps

        try:
            return apps.get_model(*parts)
        except LookupError:
            pass
    for split in range(len(parts), 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:split]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[split:]:
            target = getattr(target, attribute)
        return target
    raise ModuleNotFoundError(dotted)


@pytest.mark.parametrize("dotted", DOTTED)
def test_every_module_and_name_the_docs_cite_exists(dotted):
    try:
        _resolve(dotted)
    except (ModuleNotFoundError, AttributeError) as error:
        pytest.fail(f"the docs cite {dotted}: {error}")
