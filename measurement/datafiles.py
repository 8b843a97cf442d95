"""Data values in the interchange format of design.md, read from CSV or XLSX and checked row
by row (services write them, all or nothing; exports.py writes files).

    indicator,period,organization,<one column per dimension code>,numerator,denominator,value

Codes, not names. A blank dimension cell means "not broken down by that dimension". Rates fill
numerator and denominator; counts fill value; averages fill value and put n in the
denominator. Numbers a kind does not use are ignored.

Checking is vectorised with pandas so that a file of a hundred thousand rows is checked in
well under a second; every problem is reported with its row (as a spreadsheet numbers it:
the header is row 1) and column.
"""

import csv
import io
import itertools
import re
import zipfile
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from django.utils.translation import gettext as _

from core.translation import translations_of
from initiatives.models import Initiative
from measurement.cells import cell_keys
from measurement.choices import IndicatorKind, SubmissionStatus
from measurement.models import DataValue, Submission
from measurement.periods import parse_period
from measurement.selectors.definitions import indicator_breakdown
from measurement.validation import MAX_NUMBER, parts_over_whole_errors, reported_fields

BASE_COLUMNS = ["indicator", "period", "organization"]
NUMBER_COLUMNS = ["numerator", "denominator", "value"]
MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
# The number problems give a file's first row of values: its line, the header being line 1.
# A JSON list of rows is numbered by index from 0, as clients address it (``fields.rows``).
FILE_FIRST_ROW = 2
JSON_FIRST_ROW = 0
# An XLSX is a zip: 760 KB may unpack to a 190 MB sheet. A sheet of 200,000 rows written with
# inline strings unpacks to about 81 MB (bench/uploads.py); twice that is refused unopened.
XLSX_MAX_UNPACKED_BYTES = 160 * 1024 * 1024


@dataclass
class FileProblems(Exception):
    """Everything wrong with a file. Nothing was written."""

    errors: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(self.errors)


# ---- Reading ----


def read_table(content: bytes, filename: str) -> pd.DataFrame:
    """The file's cells as strings ("" for blank), one column per header. CSV in UTF-8 (with
    or without a BOM), Windows-1255 (Hebrew) or Windows-1256 (Arabic); or XLSX."""
    if not content:
        raise FileProblems([_("The file is empty.")])
    if len(content) > MAX_BYTES:
        raise FileProblems(
            [
                _("The file is larger than %(mb)s MB. Split it into smaller files.")
                % {"mb": MAX_BYTES // (1024 * 1024)}
            ]
        )
    frame = _read_xlsx(content) if filename.lower().endswith(".xlsx") else _read_csv(content)
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    if len(frame) > MAX_ROWS:
        raise _too_many_rows()
    return frame


def _too_many_rows() -> FileProblems:
    """Readers stop at the first row past the limit, so how many more there are is unknown."""
    return FileProblems(
        [
            _("The file has more than %(max)s rows; at most %(max)s are accepted at once.")
            % {"max": f"{MAX_ROWS:,}"}
        ]
    )


def decode(content: bytes) -> str:
    """UTF-8 when it decodes; otherwise the Windows code page (Hebrew 1255 or Arabic 1256)
    that turns the bytes into the most letters of its own script."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    candidates = []
    for encoding, first, last in (("cp1255", "\u05d0", "\u05ea"), ("cp1256", "\u0621", "\u064a")):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((sum(first <= ch <= last for ch in text), text))
    if not candidates:
        raise FileProblems([_("The file is not text in UTF-8, Windows-1255 or Windows-1256.")])
    return max(candidates, key=lambda c: c[0])[1]


def _read_csv(content: bytes) -> pd.DataFrame:
    if b"\x00" in content[:8192]:
        raise FileProblems(
            [
                _(
                    "This is not a CSV file (it contains binary data). Save the "
                    "spreadsheet as CSV or XLSX and try again."
                )
            ]
        )
    text = decode(content)
    _check_row_lengths(text)
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            dtype=str,
            keep_default_na=False,
            skipinitialspace=True,
            nrows=MAX_ROWS + 1,
            index_col=False,
        )
    except (pd.errors.ParserError, csv.Error) as error:
        raise FileProblems(
            [
                _("The file could not be read as CSV: %(error)s")
                % {"error": str(error).splitlines()[0]}
            ]
        ) from None
    except pd.errors.EmptyDataError:
        raise FileProblems([_("The file is empty.")]) from None
    return frame.apply(lambda column: column.str.strip())


def _check_row_lengths(text: str) -> None:
    """No row has more fields than the header. pandas would stop at the first such row (with a
    parser's message) or quietly turn the first column into an index when every row has one
    more: a field nobody can place. A row with fewer fields is read with the missing ones
    blank, as spreadsheets and pandas read it — writers leave trailing empty fields out — and
    if what is missing was not at the end, the values land in the wrong columns, where the
    category and number checks refuse them by row. Rows are numbered as everywhere else: the
    header is row 1, blank lines are skipped."""
    rows = (row for row in csv.reader(io.StringIO(text), skipinitialspace=True) if row)
    header = next(rows, None)
    if header is None:
        return
    columns = len(header)
    problems = []
    for number, row in enumerate(itertools.islice(rows, MAX_ROWS + 1), start=2):
        fields = len(row)
        # A row of nothing but commas is blank whatever their number, as the reader takes it.
        if fields > columns and any(row):
            problems.append(
                _(
                    "Row %(row)s has %(fields)s fields, but the header has %(columns)s. Look "
                    "for a comma too many or too few (text with a comma goes in quotes)."
                )
                % {"row": number, "fields": fields, "columns": columns}
            )
    if problems:
        raise FileProblems(problems)


_XML_NAME = rb"<(?:[\w.-]+:)?"
_DIMENSION = re.compile(_XML_NAME + rb'dimension\b[^>]*?\bref="[A-Z]*(\d+)(?::[A-Z]*(\d+))?"')
_SHEET_DATA = re.compile(_XML_NAME + rb"sheetData\b")
_ROW = re.compile(_XML_NAME + rb"row[\s>/]")
_SCAN_CHUNK = 1024 * 1024


def _check_workbook_size(content: bytes) -> None:
    """Refuse a workbook that is too large before openpyxl opens it, reading only the zip's
    directory and the sheets' raw XML: everything must unpack to at most the limit, and no
    sheet may declare — or, declaring nothing, hold — more rows than the limit. (openpyxl
    reads a sheet without a declared size to its end just to open the workbook.) A damaged
    zip is left to openpyxl, which says so in its own way."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError):
        return
    with archive:
        entries = archive.infolist()
        if sum(entry.file_size for entry in entries) > XLSX_MAX_UNPACKED_BYTES:
            _refuse_unpacked_size()
        for entry in entries:
            if entry.filename.startswith("xl/worksheets/") and entry.filename.endswith(".xml"):
                with archive.open(entry) as part:
                    if _sheet_rows_over_limit(part):
                        raise _too_many_rows()


def _sheet_rows_over_limit(part) -> bool:
    head = part.read(_SCAN_CHUNK)
    data_starts = _SHEET_DATA.search(head)
    dimension = _DIMENSION.search(head, 0, data_starts.start() if data_starts else len(head))
    if dimension is not None:
        declared = int(dimension.group(2) or dimension.group(1))
        return declared > MAX_ROWS + 1
    # No declared size: count the rows, stopping as soon as there are too many. A match may
    # straddle two chunks, so each chunk is searched with the previous one's tail, and only
    # matches that end in the new chunk are counted.
    rows, carry, chunk = 0, b"", head
    while chunk:
        data = carry + chunk
        rows += sum(1 for match in _ROW.finditer(data) if match.end() > len(carry))
        if rows > MAX_ROWS + 1:
            return True
        carry, chunk = data[-64:], part.read(_SCAN_CHUNK)
    return False


def _refuse_unpacked_size() -> None:
    raise FileProblems(
        [
            _(
                "The workbook unpacks to more than %(mb)s MB; at most %(mb)s MB are "
                "accepted. Save it as CSV, or split it into smaller files."
            )
            % {"mb": XLSX_MAX_UNPACKED_BYTES // (1024 * 1024)}
        ]
    )


def _xlsx_rows(sheet):
    """The sheet's rows, streamed, refusing as soon as there are more than the limit. The
    size a sheet declares may be wrong: openpyxl would stop reading at it and silently drop
    the rows beyond, so it is set aside and the rows are counted instead."""
    sheet.reset_dimensions()
    body_rows = 0
    for row in sheet.iter_rows(values_only=True):
        if any(value is not None for value in row):
            body_rows += 1
            if body_rows > MAX_ROWS + 1:  # the header and the limit
                raise _too_many_rows()
        yield row


def _read_xlsx(content: bytes) -> pd.DataFrame:
    from openpyxl import load_workbook

    _check_workbook_size(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception:  # a damaged file surfaces as zip, XML or key errors, among others
        raise FileProblems([_("This is not an XLSX workbook Yachad can read.")]) from None
    try:
        return _sheet_frame(_xlsx_rows(workbook.worksheets[0]))
    finally:
        workbook.close()


def _sheet_frame(rows) -> pd.DataFrame:
    first = next(rows, None)
    if first is None:
        raise FileProblems([_("The file is empty.")])
    header = ["" if h is None else str(h) for h in first]
    problems = []
    body = []
    for number, row in enumerate(rows, start=2):
        beyond = [i for i, value in enumerate(row[len(header) :], len(header) + 1) if value]
        if beyond:
            problems.append(
                _(
                    "Row %(row)s has a value in column %(column)s, beyond the header's "
                    "%(columns)s columns: give it a heading or remove it."
                )
                % {"row": number, "column": beyond[0], "columns": len(header)}
            )
        cells = []
        for column, value in zip(header, row, strict=False):
            if isinstance(value, str) and value.startswith("="):
                problems.append(
                    _(
                        "Row %(row)s, column %(column)s: contains a formula (%(f)s); "
                        "type the number itself."
                    )
                    % {"row": number, "column": column, "f": value[:40]}
                )
            cells.append(_xlsx_text(value))
        if any(cells):
            body.append(cells + [""] * (len(header) - len(cells)))
    if problems:
        raise FileProblems(problems)
    return pd.DataFrame(body, columns=header)


def _xlsx_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# ---- Checking ----


@dataclass
class CheckedValues:
    """A file's rows resolved to ids, ready to write."""

    frame: pd.DataFrame  # indicator_id, period_code, organization_id, cell_key, numbers
    dimension_codes: list[str]


def check_values(
    frame: pd.DataFrame,
    *,
    initiative: Initiative,
    organization=None,
    crosswalks: dict[str, dict[str, str]] | None = None,
    require_open: bool = False,
    new_periods_allowed: bool = True,
    first_row: int = FILE_FIRST_ROW,
    blank_rows_unreported: bool = False,
) -> CheckedValues:
    """Resolve codes and check every rule; raise FileProblems listing every problem.

    With ``organization``, the file may hold only that organization's rows (a blank
    organization means that one), and its submissions must still be open for changes — as
    they must be for anyone with ``require_open``. Without ``new_periods_allowed`` every
    period must already exist: periods are definitions that only the backbone creates.
    Categories may be written as their code, as their name in any language, or as the
    organization's own code from ``crosswalks`` ({dimension code: {their code: our code}}).
    With ``blank_rows_unreported``, a row with no number at all is left out, as a row of the
    template not filled in (it removes nothing already entered)."""
    errors: list[tuple[int, str]] = []
    columns = list(frame.columns)
    dimensions = {d.code: d for d in initiative.dimensions.prefetch_related("categories")}
    missing = [c for c in BASE_COLUMNS if c not in columns]
    if missing:
        raise FileProblems(
            [
                _("Missing column(s): %(columns)s. The header must read: %(header)s")
                % {"columns": ", ".join(missing), "header": expected_header(initiative)}
            ]
        )
    unknown_columns = [
        c for c in columns if c not in BASE_COLUMNS + NUMBER_COLUMNS and c not in dimensions
    ]
    if unknown_columns:
        raise FileProblems(
            [
                _(
                    "Column(s) %(columns)s are not dimensions of this initiative. "
                    "The header must read: %(header)s"
                )
                % {"columns": ", ".join(unknown_columns), "header": expected_header(initiative)}
            ]
        )
    frame = frame.copy()
    for column in NUMBER_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    dimension_codes = [c for c in dimensions if c in columns]
    row_numbers = pd.Series(np.arange(len(frame)) + first_row, index=frame.index)
    if blank_rows_unreported:
        frame = frame[
            (frame[NUMBER_COLUMNS].astype(str).apply(lambda c: c.str.strip()) != "").any(axis=1)
        ]

    def fail(mask: pd.Series, column: str, message) -> None:
        for index in frame.index[mask]:
            text = message(index) if callable(message) else message
            errors.append(
                (
                    int(row_numbers[index]),
                    _("Row %(row)s, column %(column)s: %(message)s")
                    % {"row": row_numbers[index], "column": column, "message": text},
                )
            )

    def fail_unknown(column: str, message: str) -> None:
        """Fail the rows whose ``column`` names nothing of this initiative (its ``_id`` is
        empty); ``message`` says so of the code they wrote."""
        codes = frame[column]
        fail(frame[f"{column}_id"].isna(), column, lambda i: message % {"code": codes.at[i]})

    indicators = {i.code: i for i in initiative.indicators.prefetch_related("dimensions")}
    frame["indicator_id"] = frame["indicator"].map({c: i.pk for c, i in indicators.items()})
    fail_unknown("indicator", _("%(code)r is not an indicator of this initiative."))
    kind = frame["indicator"].map({c: i.kind for c, i in indicators.items()})

    organizations = dict(
        initiative.partnerships.values_list("organization__code", "organization_id")
    )
    if organization is not None:
        frame.loc[frame["organization"] == "", "organization"] = organization.code
    frame["organization_id"] = frame["organization"].map(organizations)
    fail_unknown("organization", _("%(code)r is not a partner organization of this initiative."))
    if organization is not None:
        fail(
            frame["organization_id"].notna() & (frame["organization_id"] != organization.pk),
            "organization",
            lambda i: (
                _("you can only send %(own)s's data, not %(code)s's.")
                % {"own": organization.code, "code": frame.at[i, "organization"]}
            ),
        )

    period_problems = {}
    for code in frame["period"].unique():
        try:
            parse_period(code)
        except ValueError as error:
            period_problems[code] = str(error)
    if not new_periods_allowed:
        existing = set(initiative.periods.values_list("code", flat=True))
        for code in frame["period"].unique():
            if code not in period_problems and code not in existing:
                period_problems[code] = _(
                    "there is no reporting period %(code)s in this initiative. Reporting "
                    "periods are set up by the backbone; ask them to add it."
                ) % {"code": code}
    fail(
        frame["period"].isin(period_problems),
        "period",
        lambda i: period_problems[frame.at[i, "period"]],
    )

    for code in dimension_codes:
        categories = {c.code for c in dimensions[code].categories.all()}
        frame[code] = (
            frame[code]
            .map(_category_reader(dimensions[code], (crosswalks or {}).get(code, {})))
            .fillna(frame[code])
        )
        value = frame[code]
        fail(
            (value != "") & ~value.isin(categories),
            code,
            lambda i, code=code, categories=categories: (
                _("%(value)r is not a category of %(dimension)s (%(codes)s).")
                % {
                    "value": frame.at[i, code],
                    "dimension": code,
                    "codes": ", ".join(sorted(categories)),
                }
            ),
        )
        users = [c for c, i in indicators.items() if code in {d.code for d in i.dimensions.all()}]
        fail(
            (value != "") & ~frame["indicator"].isin(users) & frame["indicator_id"].notna(),
            code,
            lambda i, code=code: (
                _(
                    "indicator %(indicator)s is not broken down by "
                    "%(dimension)s; leave this cell blank."
                )
                % {"indicator": frame.at[i, "indicator"], "dimension": code}
            ),
        )

    written = {}
    for column in NUMBER_COLUMNS:
        text = written[column] = frame[column]
        number = pd.to_numeric(text.str.replace(",", "", regex=False), errors="coerce")
        fail(
            (text != "") & number.isna(),
            column,
            lambda i, column=column: (
                _("%(value)r is not a number.") % {"value": frame.at[i, column]}
            ),
        )
        frame[column] = number
    _check_numbers(frame, kind, fail, written)

    frame["cell_key"] = cell_keys(frame, dimension_codes)
    identity = ["indicator", "period", "organization", "cell_key"]
    duplicated = frame.duplicated(identity, keep="first")
    if duplicated.any():
        first_seen = row_numbers.groupby([frame[c] for c in identity]).transform("first")
        fail(
            duplicated,
            "indicator",
            lambda i: (
                _("repeats row %(row)s (same indicator, period, organization and categories).")
                % {"row": first_seen[i]}
            ),
        )

    if organization is not None or require_open:
        _check_open_submissions(frame, initiative, fail)

    if not errors:
        _check_wholes_and_parts(frame, initiative, indicators, fail)

    if errors:
        errors.sort(key=lambda e: e[0])
        raise FileProblems([message for _row, message in errors])
    frame = frame.rename(columns={"period": "period_code"})
    return CheckedValues(
        frame=frame[
            ["indicator_id", "period_code", "organization_id", "cell_key", *NUMBER_COLUMNS]
        ].astype({"indicator_id": "int64", "organization_id": "int64"}),
        dimension_codes=dimension_codes,
    )


def _category_reader(dimension, crosswalk: dict[str, str]) -> dict[str, str]:
    """Every way a file may write a category, mapped to its code: the code itself, its name
    in each language, and the organization's own codes — compared without case."""
    readings = {}
    for category in dimension.categories.all():
        for text in (category.code, *translations_of(category, "name").values()):
            if text:
                readings[text.strip().casefold()] = category.code
    readings.update({source.strip().casefold(): code for source, code in crosswalk.items()})
    return _CaseFolded(readings)


class _CaseFolded(dict):
    """A mapping for Series.map that ignores case and surrounding blanks."""

    def __missing__(self, key):
        folded = str(key).strip().casefold()
        if folded != key and folded in self:
            return self[folded]
        return None


def _check_open_submissions(frame: pd.DataFrame, initiative, fail) -> None:
    locked = {
        (s.organization_id, s.period.code): s.get_status_display().lower()
        for s in Submission.objects.filter(initiative=initiative)
        .exclude(status__in=[SubmissionStatus.DRAFT, SubmissionStatus.RETURNED])
        .select_related("period")
    }
    if not locked:
        return
    keys = list(zip(frame["organization_id"], frame["period"], strict=True))
    fail(
        pd.Series([k in locked for k in keys], index=frame.index),
        "period",
        lambda i: (
            _("the %(period)s submission is %(status)s and can no longer be changed.")
            % {
                "period": frame.at[i, "period"],
                "status": locked[(frame.at[i, "organization_id"], frame.at[i, "period"])],
            }
        ),
    )


def _check_wholes_and_parts(frame: pd.DataFrame, initiative, indicators, fail) -> None:
    """Groups never add up to more than their whole (measurement.validation), over what each
    submission will hold once the rows are written: its stored numbers, with the file's rows
    in their place. (The form's stricter rule, that a complete breakdown equals its total,
    is not applied to files: published tables round their parts.)"""
    stored: dict[tuple, dict[str, dict]] = {}
    for organization_id, period, indicator_id, key, *numbers in DataValue.objects.filter(
        submission__initiative=initiative,
        submission__organization_id__in=frame["organization_id"].unique().tolist(),
        submission__period__code__in=frame["period"].unique().tolist(),
        indicator_id__in=frame["indicator_id"].unique().tolist(),
    ).values_list(
        "submission__organization_id",
        "submission__period__code",
        "indicator_id",
        "cell__key",
        *NUMBER_COLUMNS,
    ):
        stored.setdefault((organization_id, period, indicator_id), {})[key] = dict(
            zip(NUMBER_COLUMNS, numbers, strict=True)
        )
    by_id = {i.pk: i for i in indicators.values()}
    breakdowns: dict[int, tuple[dict, dict]] = {}
    keys = frame["cell_key"].to_numpy()
    columns = {c: frame[c].to_numpy(dtype=float, na_value=np.nan) for c in NUMBER_COLUMNS}
    groups = frame.groupby(["organization_id", "period", "indicator_id"], sort=False).indices
    for (organization_id, period, indicator_id), positions in groups.items():
        indicator = by_id[int(indicator_id)]
        fields = reported_fields(indicator.kind)
        numbers = dict(stored.get((organization_id, period, int(indicator_id)), {}))
        for position in positions:
            numbers[keys[position]] = {
                f: (None if np.isnan(columns[f][position]) else float(columns[f][position]))
                for f in fields
            }
        if indicator.pk not in breakdowns:
            breakdowns[indicator.pk] = indicator_breakdown(indicator=indicator)
        problems = parts_over_whole_errors(indicator.kind, numbers, *breakdowns[indicator.pk])
        for key, message in problems.items():
            # At the file's row for that cell, or its first row of the submission and
            # indicator when the cell was entered earlier.
            at = positions[keys[positions] == key]
            fail(
                frame.index.isin(frame.index[at if len(at) else positions[:1]]),
                fields[0],
                str(message),
            )


def _check_numbers(
    frame: pd.DataFrame, kind: pd.Series, fail, frame_text: dict[str, pd.Series]
) -> None:
    """The rules of measurement.validation, vectorised: required numbers present, finite
    and at most MAX_NUMBER (``validation.number_problem``), no negatives, whole numbers where
    people are counted, numerator ≤ denominator."""
    needs = {
        "numerator": kind == IndicatorKind.RATE,
        "denominator": kind.isin([IndicatorKind.RATE, IndicatorKind.AVERAGE]),
        "value": kind.isin([IndicatorKind.COUNT, IndicatorKind.AVERAGE]),
    }
    labels = {"numerator": _("numerator"), "denominator": _("denominator"), "value": _("value")}
    for column, needed in needs.items():
        number = frame[column]
        fail(
            needed & number.isna() & kind.notna(),
            column,
            _("this indicator needs a %(what)s here.") % {"what": labels[column]},
        )
        unusable = needed & number.notna() & ~(number.abs() <= MAX_NUMBER)
        written = frame_text[column]
        fail(
            unusable & ~np.isfinite(number),
            column,
            lambda i, written=written: (
                _("%(value)r is not a usable number (infinity or NaN); type the number itself.")
                % {"value": written.at[i]}
            ),
        )
        fail(
            unusable & np.isfinite(number),
            column,
            lambda i, written=written: (
                _("%(value)r is too large: at most %(max)s is accepted.")
                % {"value": written.at[i], "max": f"{MAX_NUMBER:,.0f}"}
            ),
        )
        fail(needed & ~unusable & (number < 0), column, _("cannot be negative."))
        whole = needed & ~unusable & ~((kind == IndicatorKind.AVERAGE) & (column == "value"))
        fail(
            whole & number.notna() & (number != number.round()),
            column,
            _("must be a whole number: it counts people or events."),
        )
        # Numbers the kind does not use are dropped so they cannot be mistaken later.
        frame.loc[~needed, column] = np.nan
    usable = frame["numerator"].abs() <= MAX_NUMBER
    usable &= frame["denominator"].abs() <= MAX_NUMBER
    fail(
        (kind == IndicatorKind.RATE) & usable & (frame["numerator"] > frame["denominator"]),
        "numerator",
        _("cannot be larger than the denominator."),
    )


def expected_header(initiative: Initiative) -> str:
    codes = list(initiative.dimensions.values_list("code", flat=True))
    return ",".join([*BASE_COLUMNS, *codes, *NUMBER_COLUMNS])
