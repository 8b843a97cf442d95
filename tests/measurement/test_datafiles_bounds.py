"""Files are bounded before they are parsed: an XLSX is a zip whose sheet may unpack to far
more than the upload's size, and a CSV may hold any number of rows. Each is refused with a
clear message at the first sign of being too large, without reading it to the end."""

import io
import zipfile

import pytest

from measurement import datafiles
from measurement.datafiles import FileProblems, read_table

HEADER = ["indicator", "period", "organization", "gender", "sector", "numerator", "denominator"]
ROW = ["read3", "2024-Q1", "org-a", "f", "arab", "1", "2"]


def _column(index: int) -> str:
    return "ABCDEFGHIJ"[index]


def _sheet_xml(rows: list[list[str]], dimension: str | None) -> str:
    lines = []
    for number, row in enumerate(rows, start=1):
        cells = "".join(
            f'<c r="{_column(i)}{number}" t="inlineStr"><is><t>{value}</t></is></c>'
            for i, value in enumerate(row)
        )
        lines.append(f'<row r="{number}">{cells}</row>')
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{declared}<sheetData>{''.join(lines)}</sheetData></worksheet>"
    )


def xlsx(rows: list[list[str]], *, dimension: str | None = None) -> bytes:
    """A minimal workbook written by hand, so that its declared dimension can say anything."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="values" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        archive.writestr("xl/worksheets/sheet1.xml", _sheet_xml(rows, dimension))
    return buffer.getvalue()


def _problems(content: bytes, filename: str) -> list[str]:
    with pytest.raises(FileProblems) as raised:
        read_table(content, filename)
    return raised.value.errors


def test_a_small_workbook_is_read():
    frame = read_table(xlsx([HEADER, ROW, ROW], dimension="A1:G3"), "values.xlsx")
    assert frame.shape == (2, len(HEADER))


def test_a_workbook_that_unpacks_to_more_than_the_limit_is_refused_unread(monkeypatch):
    content = xlsx([HEADER] + [ROW] * 5_000)
    monkeypatch.setattr(datafiles, "XLSX_MAX_UNPACKED_BYTES", 1024 * 1024)
    assert len(content) < 1024 * 1024 / 5  # the file itself is small
    assert _problems(content, "values.xlsx") == [
        "The workbook unpacks to more than 1 MB; at most 1 MB are accepted. "
        "Save it as CSV, or split it into smaller files."
    ]


def test_a_sheet_that_declares_more_rows_than_the_limit_is_refused_unread(monkeypatch):
    monkeypatch.setattr(datafiles, "MAX_ROWS", 1_000)
    content = xlsx([HEADER, ROW], dimension="A1:G1000001")
    assert _problems(content, "values.xlsx") == [
        "The file has more than 1,000 rows; at most 1,000 are accepted at once."
    ]


def _count_cells_read(monkeypatch) -> list:
    read = []
    original = datafiles._xlsx_text

    def counting(value):
        read.append(value)
        return original(value)

    monkeypatch.setattr(datafiles, "_xlsx_text", counting)
    return read


def test_a_sheet_that_declares_no_size_is_counted_before_it_is_read(monkeypatch):
    monkeypatch.setattr(datafiles, "MAX_ROWS", 10)
    read = _count_cells_read(monkeypatch)
    assert _problems(xlsx([HEADER] + [ROW] * 500), "values.xlsx") == [
        "The file has more than 10 rows; at most 10 are accepted at once."
    ]
    assert read == []


def test_a_sheet_that_understates_its_size_is_read_only_up_to_the_limit(monkeypatch):
    monkeypatch.setattr(datafiles, "MAX_ROWS", 10)
    read = _count_cells_read(monkeypatch)
    content = xlsx([HEADER] + [ROW] * 500, dimension="A1:G3")
    assert _problems(content, "values.xlsx") == [
        "The file has more than 10 rows; at most 10 are accepted at once."
    ]
    assert len(read) <= 11 * len(HEADER)


def test_no_row_is_dropped_when_a_sheet_understates_its_size():
    frame = read_table(xlsx([HEADER] + [ROW] * 5, dimension="A1:G3"), "values.xlsx")
    assert len(frame) == 5


def test_rows_are_counted_whatever_the_namespace_prefix():
    content = xlsx([HEADER] + [ROW] * 3)
    archive = zipfile.ZipFile(io.BytesIO(content))
    sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    prefixed = (
        sheet.replace("<worksheet xmlns=", "<x:worksheet xmlns:x=")
        .replace("</worksheet>", "</x:worksheet>")
        .replace("<row ", "<x:row ")
        .replace("</row>", "</x:row>")
        .replace("<sheetData>", "<x:sheetData>")
        .replace("</sheetData>", "</x:sheetData>")
        .replace("<c ", "<x:c ")
        .replace("</c>", "</x:c>")
        .replace("<is>", "<x:is>")
        .replace("</is>", "</x:is>")
        .replace("<t>", "<x:t>")
        .replace("</t>", "</x:t>")
    )
    assert datafiles._sheet_rows_over_limit(io.BytesIO(prefixed.encode())) is False
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(datafiles, "MAX_ROWS", 2)
        assert datafiles._sheet_rows_over_limit(io.BytesIO(prefixed.encode())) is True


def test_a_csv_is_read_only_up_to_the_row_limit(monkeypatch):
    monkeypatch.setattr(datafiles, "MAX_ROWS", 10)
    content = "\n".join([",".join(HEADER)] + [",".join(ROW)] * 500).encode()
    assert _problems(content, "values.csv") == [
        "The file has more than 10 rows; at most 10 are accepted at once."
    ]


def test_a_csv_at_the_row_limit_is_read(monkeypatch):
    monkeypatch.setattr(datafiles, "MAX_ROWS", 10)
    content = "\n".join([",".join(HEADER)] + [",".join(ROW)] * 10).encode()
    assert len(read_table(content, "values.csv")) == 10


@pytest.mark.parametrize("chunk", [3, 7, 64, 1000])
def test_rows_that_straddle_two_chunks_are_counted_once(monkeypatch, chunk):
    sheet = zipfile.ZipFile(io.BytesIO(xlsx([HEADER] + [ROW] * 9))).read("xl/worksheets/sheet1.xml")
    monkeypatch.setattr(datafiles, "_SCAN_CHUNK", chunk)
    monkeypatch.setattr(datafiles, "MAX_ROWS", 9)  # 10 rows: the header and 9
    assert datafiles._sheet_rows_over_limit(io.BytesIO(sheet)) is False
    monkeypatch.setattr(datafiles, "MAX_ROWS", 8)
    assert datafiles._sheet_rows_over_limit(io.BytesIO(sheet)) is True
