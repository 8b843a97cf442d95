"""Fixtures of the funder brief tests: a Chromium to print with (skipped without one unless
REQUIRE_SERVICES=1, as the browser tests are), the demo initiative, and the world with two
computed quarters (tests/measurement/conftest.py)."""

from io import StringIO
from pathlib import Path

import pypdfium2
import pytest
from django.core.management import call_command
from django.test import override_settings

from initiatives.models import Initiative
from tests.conftest import CHROMIUM, services_required
from tests.measurement.conftest import figures  # noqa: F401  (a fixture)

OUTPUT = Path(__file__).resolve().parents[2] / "test-output" / "briefs"


@pytest.fixture
def chromium():
    """Skip (or, with REQUIRE_SERVICES=1, fail) where Chromium is missing."""
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: apt-get install chromium to print briefs."
        if services_required():
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def demo(db, django_capture_on_commit_callbacks):
    """The demo initiative, computed."""
    with override_settings(DEBUG=True), django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=StringIO())
    return Initiative.objects.get(slug="river-city")


def pdf_text(pdf: bytes) -> str:
    """Every page's text, as a reader copying it from the PDF gets it."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_bounded() for page in document)
    finally:
        document.close()
