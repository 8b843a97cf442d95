"""Writing the files people download — the values template a partner fills and the computed
results — as CSV or XLSX, every text cell made spreadsheet-safe so that opening a file Yachad
wrote never runs a formula. Reading and checking the files partners send is datafiles.py.
"""

import csv
import io

from initiatives.models import Initiative
from measurement import statistics

# What a spreadsheet reads as the start of a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def results_csv_header(initiative: Initiative, audience) -> list[str]:
    """The results file's columns for an audience (``statistics.exports``) with the
    period's completeness before the reasons: a restricted audience's file has no
    ``suppression_reason``."""
    codes = list(initiative.dimensions.values_list("code", flat=True))
    exports = statistics.exports(unsuppressed=audience.unsuppressed)
    return [
        "indicator",
        "period",
        *codes,
        *(export.name for export in exports if not export.reason),
        *statistics.COMPLETENESS_EXPORTS,
        # Last, so that every audience's columns keep their places.
        *(export.name for export in exports if export.reason),
    ]


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def spreadsheet_safe(value):
    """Text a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return
    first) gets a leading apostrophe, so opening an export never executes anything.
    Numbers pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_rows_csv(stream, header: list[str], rows) -> int:
    """Rows (dicts) as CSV in the column order of ``header``: a suppressed cell says
    ``true`` with empty numbers, a true zero is ``0``, a cell with no data is absent.
    Returns how many rows were written."""
    writer = csv.writer(stream)
    writer.writerow(header)
    count = 0
    for row in rows:
        writer.writerow([_csv_value(spreadsheet_safe(row.get(column))) for column in header])
        count += 1
    return count


def values_xlsx(header: list[str], rows) -> bytes:
    """The same rows as an XLSX workbook, every text cell made spreadsheet-safe."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(header)
    for row in rows:
        sheet.append([_xlsx_cell(row.get(column)) for column in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(value):
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return spreadsheet_safe(value)


def _csv_value(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.10g}" if not value.is_integer() else str(int(value))
    return str(value)
