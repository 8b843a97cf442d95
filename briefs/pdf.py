"""A brief's HTML printed to PDF by Chromium, driven by Playwright.

Chromium draws the PDF with the engine that draws the print page — Blink's bidirectional
layout and HarfBuzz's shaping of Hebrew and Arabic — so the PDF reads as the page does
(docs/briefs.md says why not WeasyPrint). The HTML must carry everything it shows (styles
inlined, charts as inline SVG): the page is cut off from the network, and a request to any
address is refused and logged, so a brief can neither leak that it was opened nor wait on
anything.
"""

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

# No sandbox inside a container, no background traffic; the browser tests launch it so too.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
# Addresses a self-contained page uses for itself; every other request is refused.
LOCAL_SCHEMES = ("data:", "about:")
# The running footer of every page: "3 / 7", numbers as the brief's language writes them.
FOOTER = (
    '<div style="width:100%;font-size:8px;color:#555;padding:0 12mm;'
    'font-family:sans-serif;text-align:center">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)


class BriefRenderingError(Exception):
    """The PDF could not be made: Chromium is missing or failed. The message says which."""


def _refuse_network(route) -> None:
    url = route.request.url
    if url.startswith(LOCAL_SCHEMES):
        route.continue_()
        return
    logger.warning("A brief asked for %s while printing; refused.", url)
    route.abort("blockedbyclient")


def html_to_pdf(html: str) -> bytes:
    """``html`` (a whole, self-contained document) printed on A4 with page numbers."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _print(html)
    # Playwright's sync API refuses to run where an event loop runs (an ASGI server, a test
    # runner's loop left behind): the brief is printed in a thread of its own.
    with ThreadPoolExecutor(max_workers=1) as printer:
        return printer.submit(_print, html).result()


def _print(html: str) -> bytes:
    chromium = Path(settings.PDF_CHROMIUM_PATH)
    if not chromium.exists():
        raise BriefRenderingError(
            f"Chromium is not installed at {chromium} (PDF_CHROMIUM_PATH): the PDF cannot be "
            "made. Install it (apt-get install chromium) or set PDF_CHROMIUM_PATH."
        )
    from playwright.sync_api import Error, sync_playwright

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(chromium), headless=True, args=CHROMIUM_ARGS
            )
            try:
                context = browser.new_context(java_script_enabled=False)
                page = context.new_page()
                page.route("**/*", _refuse_network)
                page.set_content(html, wait_until="load")
                return page.pdf(
                    format="A4",
                    print_background=True,
                    display_header_footer=True,
                    header_template="<div></div>",
                    footer_template=FOOTER,
                    prefer_css_page_size=True,
                )
            finally:
                browser.close()
    except Error as error:
        raise BriefRenderingError(f"Chromium could not print the brief: {error}") from error
