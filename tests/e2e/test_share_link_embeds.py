"""A share link's embed pages in a real browser, inside a frame on another site's page: the
chart draws when the link lists that site, Chromium refuses the frame when it does not, and a
revoked link's frame says it no longer works. The pages pass axe in three languages at both
widths (the crawl of every page does not reach them: no page of Yachad links to them but the
share-link page, and the demo's links list no sites)."""

import threading
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import Client
from django.urls import reverse

from measurement import services
from tests.e2e.test_every_page_accessible import LANGUAGES, report, scan_in
from tests.measurement.conftest import figures  # noqa: F401 (the world's computed figures)


class _SitePage(BaseHTTPRequestHandler):
    """Another site's page (a funder's news) that frames ``self.server.frame_src``."""

    def do_GET(self):
        body = (
            "<!doctype html><html lang='en'><head><title>A funder's news</title></head><body>"
            "<h1>Our grantees' results</h1>"
            f"<iframe src='{self.server.frame_src}' title='Figures' width='800' height='600'>"
            "</iframe></body></html>"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def other_site():
    """Starts another site on this machine (127.0.0.1 on a port of its own: an origin other
    than the live server's localhost; a site on the public internet could not frame a local
    server at all, Chromium's Private Network Access refuses it). Returns its origin; its page
    frames what ``frame(origin, src)`` says."""
    servers = []

    def start() -> str:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _SitePage)
        server.frame_src = ""
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}"

    def frame(origin: str, src: str) -> None:
        next(s for s in servers if origin.endswith(f":{s.server_port}")).frame_src = src

    yield start, frame
    for server in servers:
        server.shutdown()
        server.server_close()


def _frame(tab):
    """The frame's own page, once the browser has settled what it shows."""
    tab.page.wait_for_load_state("load")
    return tab.page.frames[1]


@pytest.mark.usefixtures("figures")
def test_a_listed_site_shows_the_chart_and_no_other_site_can(
    visitor, live_server, world, backbone_admin, other_site
):
    start, frame = other_site
    funder_site, elsewhere = start(), start()
    link = services.share_link_create(
        actor=backbone_admin,
        initiative=world.initiative,
        label="Board",
        days=30,
        embed_origins=funder_site,
    )
    chart = live_server.url + reverse("share:embed-indicator", args=[link.token, "read3"])
    frame(funder_site, chart)
    frame(elsewhere, chart)

    funder = visitor()
    funder.page.goto(funder_site)
    shown = funder.page.frame_locator("iframe")
    shown.locator("[data-figure='trend-figure'][data-rendered='true']").wait_for()
    assert shown.locator("h1").inner_text() == "Reading"
    assert shown.locator("figcaption").inner_text().startswith("Reading, all partners")
    funder.screenshot("share-link-embed-on-funder-site")

    other = visitor()
    other.page.goto(elsewhere)
    refused = _frame(other)
    # Chromium refuses a frame-ancestors violation: the frame holds its error page, not ours.
    assert refused.url.startswith("chrome-error://")
    assert any("frame-ancestors" in error for error in other.console_errors)
    assert refused.locator("[data-figure]").count() == 0

    services.share_link_revoke(actor=backbone_admin, link=link)
    funder.page.reload()
    gone = _frame(funder)
    assert gone.locator("h1").inner_text() == "This link no longer works"
    assert gone.locator("[data-figure]").count() == 0


@pytest.mark.usefixtures("figures")
def test_the_embed_pages_and_their_snippets_pass_axe_in_three_languages(
    browser, live_server, world, backbone_admin
):
    # ``browser`` is unused but for its check: no Chromium fails the test under CI's rules.
    link = services.share_link_create(
        actor=backbone_admin,
        initiative=world.initiative,
        label="Board",
        days=30,
        embed_origins="https://funder.example.org",
    )
    revoked = services.share_link_create(
        actor=backbone_admin,
        initiative=world.initiative,
        label="Press",
        days=30,
        embed_origins="https://funder.example.org",
    )
    services.share_link_revoke(actor=backbone_admin, link=revoked)
    embeds = [
        reverse("share:embed-scorecard", args=[link.token]),
        reverse("share:embed-indicator", args=[link.token, "read3"]),
        reverse("share:embed-scorecard", args=[revoked.token]),
    ]
    client = Client()
    client.force_login(backbone_admin)
    session = [
        {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}
    ]
    snippets = reverse("measurement:share-link-list", args=[world.initiative.slug])

    def scan_language(language):
        # The frame's language comes from its address (?lang=), the page's from the cookie.
        pages = [f"{path}?lang={language}" for path in embeds]
        return scan_in(language, live_server.url, pages, []) + scan_in(
            language, live_server.url, [snippets], session
        )

    with ThreadPoolExecutor(max_workers=len(LANGUAGES)) as pool:
        findings = [finding for found in pool.map(scan_language, LANGUAGES) for finding in found]
    # The revoked link's page answers 404 on purpose, which Chromium reports on its console.
    expected = [
        f
        for f in findings
        if f.rule == "console-error" and f.path.startswith(embeds[2]) and "404" in f.detail
    ]
    assert len(expected) == len(LANGUAGES)
    findings = [f for f in findings if f not in expected]
    assert not findings, report(findings)
