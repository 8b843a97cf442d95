"""A brief as a document: the HTML of its print page, the self-contained HTML Chromium prints
and the PDF — each in the brief's language, with dates and numbers as in the initiative's
country, whatever language the person asking reads the site in."""

import hashlib
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache as shared_cache
from django.template.loader import render_to_string
from django.utils import translation

from briefs import selectors
from briefs.pdf import html_to_pdf
from core import formats
from initiatives.models import Initiative
from measurement.models import ReportingPeriod

STYLESHEET = Path(settings.BASE_DIR) / "static" / "css" / "brief.css"

# Chromium takes seconds and a few hundred megabytes for each brief it prints. A document is
# printed once and kept a day: downloads of the same brief — the same figures, words and day —
# cost a cache read, and a funder clicking twice, or every funder of a period, starts no new
# Chromium. The key is the document's own digest, so any change to what it says prints anew.
PDF_KEPT_SECONDS = 24 * 60 * 60


@cache
def _stylesheet() -> str:
    return STYLESHEET.read_text(encoding="utf-8")


def brief_html(
    *,
    initiative: Initiative,
    period: ReportingPeriod,
    language: str,
    template: str = "briefs/brief_document.html",
    context: dict | None = None,
) -> str:
    """The brief rendered with ``template``: by default the whole document the PDF is printed
    from, its stylesheet inline; the print page passes its own template and links."""
    with translation.override(language), formats.conventions_of(initiative):
        content = selectors.brief(initiative=initiative, period=period, language=language)
        return render_to_string(
            template,
            {
                "brief": content,
                "initiative": initiative,
                "stylesheet": _stylesheet(),
                **(context or {}),
            },
        )


def brief_pdf(*, initiative: Initiative, period: ReportingPeriod, language: str) -> bytes:
    """The brief as a PDF (``briefs.pdf.BriefRenderingError`` when Chromium cannot print)."""
    html = brief_html(initiative=initiative, period=period, language=language)
    key = "brief-pdf:" + hashlib.sha256(html.encode()).hexdigest()
    pdf = shared_cache.get(key)
    if pdf is None:
        pdf = html_to_pdf(html)
        shared_cache.set(key, pdf, PDF_KEPT_SECONDS)
    return pdf


def brief_filename(*, initiative: Initiative, period: ReportingPeriod, language: str) -> str:
    return f"{initiative.slug}-{period.code}-{language}.pdf"
