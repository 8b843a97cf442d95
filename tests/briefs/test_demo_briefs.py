"""The demo initiative's briefs as PDFs: no number a funder may not see, and Hebrew laid out
right to left — read back from the PDF itself, text and pixels."""

import re

import pypdfium2
import pytest
from django.utils import translation

from accounts.choices import Role
from briefs import documents, selectors
from core import formats
from initiatives.roles import audience_for_role
from measurement.display import value_text
from measurement.models import Indicator, ReportingPeriod, Target
from measurement.selectors import dimension_codes, result_export_rows
from tests.briefs.conftest import OUTPUT, pdf_text

pytestmark = [pytest.mark.browser]

# A figure as the brief writes it in English: its sign (unless it is part of a code, such
# as 2024-25), digits, decimals, a percent sign.
NUMBER = re.compile(r"(?<!\w)[-\u2212+]?\d[\d,]*(?:\.\d+)?%?|\d[\d,]*(?:\.\d+)?%?")


def _formatted(indicator, number, language, initiative) -> str:
    """A figure as the brief writes it: in its language, with the initiative's conventions."""
    with translation.override(language), formats.conventions_of(initiative):
        return value_text(indicator, number)


def _export(initiative, role):
    return list(result_export_rows(audience=audience_for_role(role), initiative=initiative))


def test_a_funder_brief_has_no_suppressed_number(demo, chromium):
    period = selectors.latest_final_period(initiative=demo)
    pdf = documents.brief_pdf(initiative=demo, period=period, language="en")
    text = pdf_text(pdf)
    numbers = set(NUMBER.findall(text))
    indicators = {i.code: i for i in Indicator.objects.filter(initiative=demo)}
    funder = _export(demo, Role.FUNDER)
    backbone = _export(demo, Role.BACKBONE_ADMIN)
    published = {
        _formatted(indicators[row["indicator"]], row["value"], "en", demo)
        for row in funder
        if row["value"] is not None
    }
    hidden = [
        _formatted(indicators[row["indicator"]], row["value"], "en", demo)
        for row, seen in zip(backbone, funder, strict=True)
        if row["period"] == period.code
        and row["value"] is not None
        and seen["value"] is None
        and (row["suppressed"] or seen["range_low"] is not None)
    ]
    assert len(hidden) > 10, "the demo period must have suppressed cells to test"

    # What the funder may read — a value of some period, a coded range, a target —
    # formatted as the brief formats it.
    ranges = {
        _formatted(indicators[row["indicator"]], row[bound], "en", demo)
        for row in funder
        for bound in ("range_low", "range_high")
        if row[bound] is not None
    }
    allowed = (
        published
        | ranges
        | {
            _formatted(t.indicator, t.value, "en", demo)
            for t in Target.objects.filter(indicator__initiative=demo).select_related("indicator")
        }
    )
    # A hidden figure that happens to equal one of those cannot be told apart: not checked.
    checked = [figure for figure in hidden if figure not in allowed]
    assert checked
    assert not [figure for figure in checked if figure in numbers]

    # Every figure of the scorecard is one the funder's results file has (a value of some
    # period), a target, or a period's code.
    codes = {
        part
        for code in ReportingPeriod.objects.filter(initiative=demo).values_list("code", flat=True)
        for part in re.findall(r"\d+", code)
    }
    scorecard = text.split("Scorecard", 1)[1].split("How “On track?” is decided", 1)[0]
    scorecard = re.sub(r"^\d+ / \d+$", "", scorecard, flags=re.MULTILINE)  # page numbers
    figures = NUMBER.findall(scorecard)
    allowed |= _progress_shares(demo, indicators, funder)
    assert len(figures) > 10
    assert [f for f in figures if f not in allowed and f not in codes] == []


def _progress_shares(initiative, indicators, funder) -> set[str]:
    """Every share of the way from a baseline to a target that the funder's figures make:
    (a total's value − the baseline period's value) / (a target − that value), in whole
    percent."""
    codes = dimension_codes(initiative=initiative)
    totals: dict[tuple, float] = {
        (row["indicator"], row["period"]): row["value"]
        for row in funder
        if row["value"] is not None and not any(row[d] for d in codes)
    }
    shares = set()
    for code, indicator in indicators.items():
        if indicator.baseline_period is None:
            continue
        baseline = indicator.baseline_value
        if baseline is None:
            baseline = totals.get((code, indicator.baseline_period.code))
        if baseline is None:
            continue
        for target in Target.objects.filter(indicator=indicator, cell__key=""):
            if target.value == baseline:
                continue
            for (of, _period), value in totals.items():
                if of == code:
                    share = (value - baseline) / (target.value - baseline) * 100
                    with translation.override("en"), formats.conventions_of(initiative):
                        shares.add(formats.local_percent(share, 0))
    return shares


def _word_box(textpage, word: str):
    """The box (left, bottom, right, top) around the first occurrence of ``word``."""
    found = textpage.search(word).get_next()
    assert found is not None, f"{word} is not in the PDF's text"
    start, count = found
    boxes = [textpage.get_charbox(index) for index in range(start, start + count)]
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _ink(image, box, page_height, scale) -> int:
    """How many dark pixels of the rendered page fall inside ``box`` (PDF points)."""
    left, bottom, right, top = box
    crop = image.convert("L").crop(
        (
            int(left * scale),
            int((page_height - top) * scale),
            int(right * scale) + 1,
            int((page_height - bottom) * scale) + 1,
        )
    )
    return sum(crop.histogram()[:128])


def test_the_hebrew_brief_reads_right_to_left(demo, chromium):
    period = selectors.latest_final_period(initiative=demo)
    html = documents.brief_html(initiative=demo, period=period, language="he")
    assert re.search(r'<html lang="he" dir="rtl">', html)
    # Units are the reader's words too: the home visits' change is counted in families.
    assert re.search(r"\d\s?משפחות", html)
    assert "families" not in html
    pdf = documents.brief_pdf(initiative=demo, period=period, language="he")
    document = pypdfium2.PdfDocument(pdf)
    page = document[0]
    image = page.render(scale=2).to_pil()
    OUTPUT.mkdir(parents=True, exist_ok=True)
    image.save(OUTPUT / "brief-he-page-1.png")
    textpage = page.get_textpage()
    # The title line: the initiative's Hebrew name, "עיר הנהר: …", then the period.
    first, second = _word_box(textpage, "עיר"), _word_box(textpage, "הנהר")
    assert abs(first[1] - second[1]) < 3, "the two words are on one line"
    assert first[0] > second[2], "the first word in reading order stands to the right"
    height = page.get_height()
    assert _ink(image, first, height, 2) > 20
    assert _ink(image, second, height, 2) > 20
    document.close()
