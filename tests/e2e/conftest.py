"""Browser tests: Playwright drives the Debian Chromium at /usr/bin/chromium (Playwright's own
browser download cannot run here). Every page a test opens records its requests and console
errors so the test can assert that nothing left the local server and nothing broke."""

import contextlib
import os
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from briefs.pdf import CHROMIUM_ARGS  # as the briefs are printed: the same Chromium, the same flags
from tests.conftest import CHROMIUM, services_required
from tests.factories.accounts import PASSWORD

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

OUTPUT = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: apt-get install chromium to run browser tests."
        if services_required():
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class Visitor:
    """One person's browser tab, recording every request and console error."""

    def __init__(self, browser, base_url: str, locale: str = "en-US"):
        self.base_url = base_url
        self.context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    def _console(self, message):
        if message.type == "error":
            self.console_errors.append(message.text)

    def goto(self, path: str):
        return self.page.goto(self.base_url + path)

    def sign_in(self, user, password: str = PASSWORD):
        self.goto("/accounts/login/")
        self.page.fill("#id_username", user.email)
        self.page.fill("#id_password", password)
        self.page.click("main button[type=submit]")
        self.page.wait_for_load_state()

    def choose_language(self, code: str):
        """Switch the interface language with the header's button for it."""
        with self.page.expect_navigation():
            self.page.click(f".language-switcher button[value={code}]")

    def open_draft(self, slug: str, period: str):
        """From the initiative's submissions page, open (or start) the draft for ``period``."""
        self.goto(f"/i/{slug}/submissions/")
        self.page.select_option("#id_period", label=period)
        self.page.click("text=Open")

    def save_and_submit(self):
        """Save the values on the entry form, then submit the submission for review."""
        self.page.click("button:has-text('Save')")
        self.page.click("button:has-text('Submit for review')")

    @property
    def status(self) -> str:
        """The status of the submission on the page."""
        return self.page.locator(".status").first.inner_text()

    def charts_drawn(self) -> int:
        """Wait until every figure on the page is drawn; return how many there are."""
        self.page.wait_for_function(
            "[...document.querySelectorAll('[data-figure]')]"
            ".every(element => element.dataset.rendered === 'true')"
        )
        return self.page.locator("[data-figure]").count()

    def charts_fit(self):
        """After the window is resized, wait until every figure is redrawn to its new width:
        Plotly redraws a responsive chart only 100 ms after the last resize event. A chart that
        never fits is left for the page's width check to report."""
        with contextlib.suppress(PlaywrightTimeoutError):
            self.page.wait_for_function(
                "() => [...document.querySelectorAll('[data-figure] .main-svg')].every(drawing =>"
                " drawing.getBoundingClientRect().width"
                " <= drawing.closest('[data-figure]').clientWidth + 1)",
                timeout=5000,
            )

    @property
    def output(self) -> Path:
        OUTPUT.mkdir(parents=True, exist_ok=True)
        return OUTPUT

    def screenshot(self, name: str):
        self.page.screenshot(path=self.output / f"{name}.png", full_page=True)

    def foreign_requests(self) -> list[str]:
        local = urlparse(self.base_url).netloc
        return [
            url
            for url in self.requests
            if urlparse(url).scheme in ("http", "https") and urlparse(url).netloc != local
        ]

    def assert_clean(self):
        assert self.foreign_requests() == [], "requests to other hosts"
        assert self.console_errors == [], "console errors"


@pytest.fixture
def visitor(browser, live_server):
    visitors = []

    def open_visitor(locale="en-US", *, signed_in=None, password=PASSWORD):
        """A new tab in ``locale``; signed in as the ``signed_in`` user if one is named."""
        v = Visitor(browser, live_server.url, locale)
        visitors.append(v)
        if signed_in is not None:
            v.sign_in(signed_in, password)
        return v

    yield open_visitor
    for v in visitors:
        v.context.close()


@pytest.fixture
def partner(visitor, world, partner_a):
    """Partner A's tab, signed in, on the world's draft for 2024-Q1 (started if need
    be)."""
    tab = visitor(signed_in=partner_a)
    tab.open_draft(world.initiative.slug, "2024-Q1")
    return tab


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    """The demo initiative, computed, with its accounts."""
    from io import StringIO

    from django.core.management import call_command
    from django.test import override_settings

    from initiatives.models import Initiative

    with override_settings(DEBUG=True), django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=StringIO())
    return Initiative.objects.get(slug="river-city")


def account(email):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email=email)
