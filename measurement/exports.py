"""Writing the files people download — the values template a partner fills and the computed
results — as CSV or XLSX, every text cell made spreadsheet-safe so that opening a file Yachad
wrote never runs a formula. Programs read them (docs/formats.md) and so do people: a workbook's
sheets are named for what they hold, with a bold, frozen header, figures in the indicator's
number format, real booleans and times; the results workbook has an "About" sheet. Reading and
checking the files partners send is datafiles.py.
"""

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import get_language_bidi, pgettext
from django.utils.translation import gettext as _

from initiatives.models import Initiative
from measurement import statistics
from measurement.display import indicator_unit

# What a spreadsheet reads as the start of a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def results_csv_header(initiative: Initiative, audience) -> list[str]:
    """The results file's columns for an audience (``statistics.exports``) with the
    period's completeness and what a person needs to read a row before the reasons: a
    restricted audience's file has no ``suppression_reason``."""
    codes = list(initiative.dimensions.values_list("code", flat=True))
    exports = statistics.exports(unsuppressed=audience.unsuppressed)
    return [
        "indicator",
        "period",
        *codes,
        *(export.name for export in exports if not export.reason),
        *statistics.COMPLETENESS_EXPORTS,
        *statistics.READER_EXPORTS,
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


@dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook people open: its name (what it holds), its columns, its rows
    (dicts keyed by column) and the number format of the numeric columns that have one."""

    title: str
    header: list[str]
    rows: Iterable[dict]
    number_formats: Mapping[str, str] = field(default_factory=dict)
    wrap: bool = False
    """Whether long text wraps within its column (a sheet of sentences) instead of running on."""


def workbook(*sheets: Sheet) -> bytes:
    """Sheets as an XLSX workbook people can read: each named for what it holds, its header
    bold and frozen, its columns as wide as what they hold, numbers as numbers in their
    format, booleans as booleans, times as times, and every text cell made spreadsheet-safe.
    The first sheet is the one programs read (``datafiles`` reads only that)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for sheet in sheets:
        _write_sheet(book.create_sheet(sheet.title), sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def figure_format(decimals: int) -> str:
    """A spreadsheet number format with this many decimal places: #,##0.0 for one."""
    return "#,##0." + "0" * decimals if decimals else "#,##0"


# The results file's figures in the indicator's unit, shown to its decimal places, and the
# ratios between two groups' figures, to two.
IN_INDICATOR_UNIT = (
    "value",
    "ci_low",
    "ci_high",
    "difference_from_reference",
    "difference_from_best",
    "range_low",
    "range_high",
    "value_rounded",
)
RATIOS = ("ratio_to_reference", "ratio_to_best")


def results_number_formats(decimals: int) -> dict[str, str]:
    """How the results sheet shows its figures: the indicator's decimal places. A cell
    keeps its exact number; only what the reader sees is rounded."""
    return {
        **dict.fromkeys(IN_INDICATOR_UNIT, figure_format(decimals)),
        **dict.fromkeys(RATIOS, "0.00"),
    }


def about_sheet(lines: list[tuple[str, object]]) -> Sheet:
    """The "About" sheet: what the figures are and how to read them, one topic a row."""
    topic, details = _("Topic"), _("Details")
    return Sheet(
        title=pgettext("a sheet of a workbook", "About"),
        header=[topic, details],
        rows=[{topic: label, details: text} for label, text in lines],
        wrap=True,
    )


def results_about(*, initiative, indicator, organization, audience, run, policy_rules) -> Sheet:
    """The results workbook's "About" sheet: whose figures and for whom, when and by which
    computation run they were computed, how they are rounded, and what "suppressed", a coded
    range and "provisional" mean — in the words of the pages (``_disclosure_note.html``)
    and the disclosure policy page (``policy_rules``: ``selectors.disclosure_policy_rules``)."""
    if organization is not None:
        view = _(
            "%(organization)s's own part, as it reported it: nothing is hidden from the "
            "organization that reported the numbers."
        ) % {"organization": organization.name}
    elif audience.unsuppressed:
        view = _(
            "The backbone team's view: every figure, small groups included. suppressed = true "
            "marks what everyone else cannot see, and suppression_reason says why."
        )
    else:
        view = _(
            "What funders, partners, community members and share links see: small groups are "
            "hidden."
        )
    computed_label = _("Figures computed (%(zone)s time)") % {
        "zone": timezone.get_current_timezone_name()
    }
    if organization is not None:  # a partner's part is computed when it is looked at
        computed: list[tuple[str, object]] = [
            (computed_label, timezone.now()),
            (_("Computation run"), _("None: computed for this file from approved data")),
        ]
    elif run is None:
        computed = [(computed_label, _("Not yet"))]
    else:
        scope = run.period.code if run.period else _("every period")
        computed = [
            (computed_label, run.finished_at),
            (
                _("Computation run"),
                _("Run %(number)s, for %(scope)s") % {"number": run.pk, "scope": scope},
            ),
        ]
    return about_sheet(
        [
            (_("Initiative"), initiative.name),
            (_("Indicator"), f"{indicator.name} ({indicator.code})"),
            (_("Unit"), indicator_unit(indicator)),
            (_("Figures for"), view),
            *computed,
            (
                _("Decimal places"),
                _(
                    "value and the other figures are exact; the sheet shows them to "
                    "%(decimals)s decimal places, and value_rounded is value rounded to them, "
                    "as the pages show it."
                )
                % {"decimals": indicator.decimals},
            ),
            (
                _("Suppressed"),
                _(
                    "Some groups are not shown. They count so few people that their figures "
                    "could tell you about someone you know, or would let a hidden figure be "
                    "worked out from the others."
                )
                + " "
                + _(
                    "Such a row says suppressed = true, and its numbers, value and "
                    "value_rounded are empty. A group with no data has no row; a true zero is 0."
                ),
            ),
            (
                _("Shown as a range"),
                # The page's sentence (a template's %% is its msgid's), so it reads the same.
                _(
                    "Some figures are shown as a range, such as “≤ 10%%”, instead of an exact "
                    "number: so few people in the group were counted, or not counted, that the "
                    "exact figure could tell you about them."
                )
                % {}
                + " "
                + _("range_low and range_high hold the range; value is then empty."),
            ),
            *((_("Disclosure policy: %(rule)s") % {"rule": r.rule}, r.value) for r in policy_rules),
            (
                _("Provisional"),
                _(
                    "provisional = true: the figure may still change, because not every "
                    "organization expected to report it is approved and the period has not "
                    "been closed. false: the figure is final."
                ),
            ),
        ]
    )


# The scorecard file: one row per indicator, the page's columns, each figure exact and as the
# page rounds it (``selectors.scorecard_export_rows``).
SCORECARD_COLUMNS = [
    "section",
    "result",
    "indicator",
    "indicator_name",
    "unit",
    "baseline_period",
    "baseline",
    "baseline_rounded",
    "latest_period",
    "latest",
    "latest_rounded",
    "latest_suppressed",
    "latest_provisional",
    "target_period",
    "target",
    "target_rounded",
    "progress_to_target",
    "on_track",
    "on_track_label",
    "status_period",
    "projected",
    "projected_rounded",
    "expected_now",
    "expected_now_rounded",
    "largest_gap_group",
    "largest_gap_reference",
    "largest_gap_period",
    "largest_gap_difference",
    "largest_gap_difference_rounded",
    "largest_gap_unit",
    "largest_gap_movement",
]


def scorecard_about(*, initiative, audience, as_of) -> Sheet:
    """The scorecard workbook's "About" sheet: whose figures, as of when, and how the on-track
    status is decided (``measurement.on_track``), as the page says it."""
    view = (
        _("The backbone team's view: every figure, small groups included.")
        if audience.unsuppressed
        else _(
            "What funders, partners, community members and share links see: small groups are "
            "hidden."
        )
    )
    return about_sheet(
        [
            (_("Initiative"), initiative.name),
            (_("Figures for"), view),
            (_("As it stood in"), as_of.code if as_of else _("the latest period")),
            (
                _("On track"),
                _(
                    "on_track compares the trend — the straight line that best fits the latest "
                    "final figures since the baseline, up to four — carried to the target's "
                    "period, with the target: ahead, on_track or behind, within one point of a "
                    "rate's scale or one percent of the target for a count or an average. Once "
                    "the target's period has come, the latest figure decides. expected_now is "
                    "where the straight line from the baseline to the target is at the latest "
                    "period; projected is where the trend reaches by the target's period."
                ),
            ),
            (
                _("No status"),
                _(
                    "no_target, no_baseline and too_early (fewer than two final figures since "
                    "the baseline) say why there is no comparison; an empty on_track means the "
                    "latest figure or the baseline is hidden from this view."
                ),
            ),
            (
                _("Decimal places"),
                _(
                    "Each figure is exact; the columns ending in _rounded hold it rounded to the "
                    "indicator's decimal places, as the page shows it. progress_to_target is "
                    "the share of the way from the baseline to the target (0.4 is 40%%)."
                )
                % {},
            ),
        ]
    )


# The widest a column is made to fit what it holds (a column of sentences, which wrap: wider),
# and how many rows are measured for it.
MAX_COLUMN_WIDTH = 60
MAX_WRAPPED_COLUMN_WIDTH = 90
ROWS_MEASURED = 500


def _write_sheet(worksheet, sheet: Sheet) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    rows = [[_xlsx_cell(row.get(column)) for column in sheet.header] for row in sheet.rows]
    for index, column in enumerate(sheet.header):
        widest = max(
            (_shown_width(row[index]) for row in rows[:ROWS_MEASURED]),
            default=0,
        )
        widest_allowed = MAX_WRAPPED_COLUMN_WIDTH if sheet.wrap else MAX_COLUMN_WIDTH
        width = min(max(len(column), widest, 6) + 2, widest_allowed)
        worksheet.column_dimensions[get_column_letter(index + 1)].width = width
    worksheet.freeze_panes = "A2"
    # A Hebrew or Arabic reader's sheet runs from the right, as their pages do.
    worksheet.sheet_view.rightToLeft = get_language_bidi()

    def cell(value, *, bold=False, number_format=None):
        written = WriteOnlyCell(worksheet, value=value)
        if bold:
            written.font = Font(bold=True)
        if (
            number_format
            and isinstance(value, (int, float, Decimal))
            and not isinstance(value, bool)
        ):
            written.number_format = number_format
        elif isinstance(value, datetime):
            written.number_format = "yyyy-mm-dd hh:mm"
        if sheet.wrap:
            written.alignment = Alignment(wrap_text=True, vertical="top")
        return written

    worksheet.append([cell(spreadsheet_safe(title), bold=True) for title in sheet.header])
    formats = [sheet.number_formats.get(column) for column in sheet.header]
    for row in rows:
        worksheet.append(
            [cell(value, number_format=fmt) for value, fmt in zip(row, formats, strict=True)]
        )


def _shown_width(value) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    return len(str(value))


def _xlsx_cell(value):
    """A value as a spreadsheet cell holds it: a number as a number, a boolean as a
    boolean, a time as the local time (spreadsheets know no time zones), text made safe."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    return spreadsheet_safe(value)


def _csv_value(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.10g}" if not value.is_integer() else str(int(value))
    return str(value)
