"""The PDF engine: Chromium prints a whole document to A4, and nothing the document asks for
leaves the machine."""

import asyncio
import http.server
import logging
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from briefs.pdf import BriefRenderingError, html_to_pdf
from tests.briefs.conftest import pdf_text


@pytest.fixture
def local_server():
    """A web server on this machine that counts what it is asked for."""
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", asked
    server.shutdown()
    server.server_close()


@pytest.mark.browser
def test_it_prints_a_document_to_pdf(chromium):
    pdf = html_to_pdf("<!doctype html><html lang=en><body><p>Reading rose</p></body></html>")
    assert pdf.startswith(b"%PDF")
    assert "Reading rose" in pdf_text(pdf)


@pytest.mark.browser
def test_it_fetches_nothing_a_document_asks_for(chromium, local_server, caplog):
    address, asked = local_server
    html = (
        f'<!doctype html><html lang=en><head><link rel="stylesheet" href="{address}/style.css">'
        f'</head><body><img src="{address}/pixel.png" alt="">'
        '<img src="https://example.com/tracker.png" alt=""><p>Still printed</p></body></html>'
    )
    with caplog.at_level(logging.WARNING, logger="briefs.pdf"):
        pdf = html_to_pdf(html)
    assert asked == []
    refused = " ".join(record.getMessage() for record in caplog.records)
    assert f"{address}/pixel.png" in refused
    assert "https://example.com/tracker.png" in refused
    assert "Still printed" in pdf_text(pdf)


def test_it_says_chromium_is_missing(settings):
    settings.PDF_CHROMIUM_PATH = "/nowhere/chromium"
    with pytest.raises(BriefRenderingError, match="/nowhere/chromium"):
        html_to_pdf("<p>x</p>")


def test_it_prints_where_an_event_loop_runs(chromium):
    """Under an ASGI server, or after a test that left its loop running, Playwright's sync API
    refuses the thread: the brief is printed in a thread of its own."""

    async def inside_a_loop() -> bytes:
        return html_to_pdf("<!doctype html><html><body><p>Brief</p></body></html>")

    # The loop is started in a thread of the test's own: the test runner's thread may already
    # run one (left by a browser test), where asyncio.run would refuse to start.
    with ThreadPoolExecutor(max_workers=1) as server:
        printed = server.submit(asyncio.run, inside_a_loop()).result()
    assert printed.startswith(b"%PDF")
