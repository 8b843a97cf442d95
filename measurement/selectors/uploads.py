"""Reads of uploads and category crosswalks: reading and checking what a file or a batch
holds, what saving a checked file would change, and the template a partner fills."""

from dataclasses import dataclass, field

import pandas as pd
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from initiatives import roles
from initiatives.models import Initiative, Organization

# The module, not its names: datafiles reads selectors.definitions, so either may be imported
# first.
from measurement import datafiles
from measurement.choices import UploadStatus
from measurement.models import (
    Category,
    CategoryCrosswalk,
    Cell,
    DataValue,
    Indicator,
    Submission,
    Upload,
)
from measurement.selectors.definitions import (
    cell_label,
    dimension_codes,
    indicator_entry_sections,
    indicator_list,
)
from measurement.selectors.submissions import entry_organizations, numbers_text

# ---- Uploads and crosswalks ----


def crosswalk_list(*, initiative: Initiative, organization):
    return (
        CategoryCrosswalk.objects.in_initiative(initiative)
        .filter(organization=organization)
        .select_related("dimension", "category")
    )


def crosswalk_get(*, user, initiative: Initiative, pk: int) -> CategoryCrosswalk:
    """A crosswalk of this initiative for an organization whose data the user enters; 404
    otherwise — also for the same organization's crosswalks in another initiative."""
    organizations = entry_organizations(user=user, initiative=initiative)
    return get_object_or_404(
        CategoryCrosswalk.objects.in_initiative(initiative).select_related("organization"),
        pk=pk,
        organization__in=organizations,
    )


def crosswalk_map(*, initiative: Initiative, organization) -> dict[str, dict[str, str]]:
    """{dimension code: {their code: our category code}} for reading their files."""
    mapping: dict[str, dict[str, str]] = {}
    for crosswalk in crosswalk_list(initiative=initiative, organization=organization):
        mapping.setdefault(crosswalk.dimension.code, {})[crosswalk.source_code] = (
            crosswalk.category.code
        )
    return mapping


def upload_summary(*, initiative: Initiative, checked) -> list[dict]:
    """What saving a checked file would write: values per indicator and period."""
    names = dict(initiative.indicators.values_list("pk", "name"))
    counts = checked.frame.groupby(["indicator_id", "period_code"]).size()
    return [
        {"indicator": names[indicator_id], "period": period, "values": int(count)}
        for (indicator_id, period), count in counts.items()
    ]


def values_check(
    frame: pd.DataFrame, *, initiative: Initiative, **rules
) -> "datafiles.CheckedValues":
    """``datafiles.check_values`` for what partners and the backbone enter (the API,
    uploads), with the rule of the entry grid: values go to active indicators only. Every
    problem is listed, rows naming an inactive indicator first; raises FileProblems."""
    first_row = rules.get("first_row", datafiles.FILE_FIRST_ROW)
    inactive = set(
        Indicator.objects.inactive().filter(initiative=initiative).values_list("code", flat=True)
    )
    retired = []
    if inactive and "indicator" in frame.columns:
        named = frame["indicator"].isin(inactive).to_numpy()
        for position in named.nonzero()[0]:
            retired.append(
                _("Row %(row)s, column %(column)s: %(message)s")
                % {
                    "row": position + first_row,
                    "column": "indicator",
                    "message": _("%(code)r is not collected any more (the indicator is inactive).")
                    % {"code": frame["indicator"].iat[position]},
                }
            )
    try:
        checked = datafiles.check_values(frame, initiative=initiative, **rules)
    except datafiles.FileProblems as problems:
        raise datafiles.FileProblems(retired + problems.errors) from None
    if retired:
        raise datafiles.FileProblems(retired)
    return checked


def upload_values(
    *,
    initiative: Initiative,
    organization: Organization,
    filename: str,
    content: bytes,
    new_periods_allowed: bool = True,
) -> "datafiles.CheckedValues":
    """The values a partner's file holds, read through the organization's crosswalk and
    checked (``values_check``); rows without any number are left out, as template rows not
    filled in. Raises FileProblems."""
    return values_check(
        datafiles.read_table(content, filename),
        initiative=initiative,
        organization=organization,
        crosswalks=crosswalk_map(initiative=initiative, organization=organization),
        new_periods_allowed=new_periods_allowed,
        blank_rows_unreported=True,
    )


# ---- What saving a checked file changes ----

# The upload's page lists at most this many new and changed numbers; the counts cover all.
CHANGES_LISTED = 500
NUMBERS = ["numerator", "denominator", "value"]
WHERE = ["indicator_id", "period_code", "cell_key"]


@dataclass(frozen=True)
class ValueChange:
    """One cell a file writes: the numbers stored now ("" where there are none) and the
    file's."""

    indicator: str
    period: str
    cell: str
    before: str
    after: str


@dataclass(frozen=True)
class UploadChanges:
    """What saving checked values changes in the submissions it writes into, cell by cell:
    how many numbers are new, changed and unchanged (overall, per indicator and period, and
    per organization and period), and the new and changed ones, before and after."""

    new: int
    changed: int
    unchanged: int
    indicators: list[dict]
    rows: list[ValueChange]
    not_listed: int
    organizations: list[dict] = field(default_factory=list)


def upload_changes(*, upload: Upload) -> UploadChanges | None:
    """Before a checked file is saved: each number it holds beside the one its submission
    stores now. None for a file no longer waiting to be saved, or that no longer passes the
    check (saving it checks again and says why). Cells the file does not name keep their
    numbers and are not counted."""
    if upload.status != UploadStatus.CHECKED or not upload.size:
        return None
    try:
        checked = upload_values(
            initiative=upload.initiative,
            organization=upload.organization,
            filename=upload.filename,
            content=bytes(upload.content),
        )
    except datafiles.FileProblems:
        return None
    return values_changes(initiative=upload.initiative, checked=checked)


def values_changes(*, initiative: Initiative, checked: "datafiles.CheckedValues") -> UploadChanges:
    """What writing checked values would change, computed without writing: the preview of
    an upload and the dry runs of ``import_data`` and the API. Cells the values do not name
    keep their numbers and are not counted."""
    frame = _beside_stored(checked.frame, initiative=initiative)
    new = frame["_merge"] == "left_only"
    same = pd.Series(True, index=frame.index)
    for number in NUMBERS:
        now, before = frame[number], frame[f"{number}_before"]
        same &= (now == before) | (now.isna() & before.isna())
    frame = frame.assign(new=new, changed=~new & ~same, unchanged=~new & same)
    counted = ["new", "changed", "unchanged"]
    per_indicator = frame.groupby(["indicator_id", "period_code"], sort=False)[counted].sum()
    per_organization = frame.groupby(["organization_id", "period_code"])[counted].sum()
    names = {i.pk: i.name for i in Indicator.objects.filter(initiative=initiative)}
    codes = dict(
        Organization.objects.filter(partnerships__initiative=initiative).values_list("pk", "code")
    )
    listed = frame[frame["new"] | frame["changed"]]
    return UploadChanges(
        new=int(frame["new"].sum()),
        changed=int(frame["changed"].sum()),
        unchanged=int(frame["unchanged"].sum()),
        indicators=[
            {"indicator": names[indicator_id], "period": period, **counts.astype(int).to_dict()}
            for (indicator_id, period), counts in per_indicator.iterrows()
        ],
        rows=_value_changes(listed.head(CHANGES_LISTED), names, initiative=initiative),
        not_listed=max(len(listed) - CHANGES_LISTED, 0),
        organizations=[
            {
                "organization": codes[organization_id],
                "period": period,
                **counts.astype(int).to_dict(),
            }
            for (organization_id, period), counts in per_organization.iterrows()
        ],
    )


def _beside_stored(frame: pd.DataFrame, *, initiative: Initiative) -> pd.DataFrame:
    """The rows, each with the numbers its submission stores now for that indicator and
    cell (``<number>_before``) and ``_merge``: "left_only" where there are none."""
    stored = DataValue.objects.filter(
        submission__initiative=initiative,
        submission__organization_id__in=[int(pk) for pk in frame["organization_id"].unique()],
        submission__period__code__in=[str(code) for code in frame["period_code"].unique()],
    ).values_list(
        "submission__organization_id",
        "indicator_id",
        "submission__period__code",
        "cell__key",
        *NUMBERS,
    )
    where = ["organization_id", *WHERE]
    before = pd.DataFrame.from_records(
        list(stored), columns=[*where, *(f"{number}_before" for number in NUMBERS)]
    )
    rows = frame[[*where, *NUMBERS]].astype({"period_code": object, "cell_key": object})
    before = before.astype(
        {
            "organization_id": rows["organization_id"].dtype,
            "indicator_id": rows["indicator_id"].dtype,
        }
    )
    before = before.astype({f"{number}_before": "float64" for number in NUMBERS})
    return rows.merge(before, how="left", on=where, indicator=True)


def _value_changes(rows: pd.DataFrame, names: dict, *, initiative: Initiative):
    cells = {
        cell.key: cell_label(cell)
        for cell in Cell.objects.filter(
            initiative=initiative, key__in=list(rows["cell_key"].unique())
        ).prefetch_related(
            Prefetch("categories", queryset=Category.objects.select_related("dimension"))
        )
    }
    rows = rows.astype(object).where(rows.notna(), None)
    return [
        ValueChange(
            indicator=names[row["indicator_id"]],
            period=row["period_code"],
            cell=cells.get(row["cell_key"], row["cell_key"]),
            before="" if row["new"] else numbers_text(_Numbers.of(row, "_before")),
            after=numbers_text(_Numbers.of(row)),
        )
        for row in rows.to_dict("records")
    ]


@dataclass(frozen=True)
class _Numbers:
    numerator: float | None
    denominator: float | None
    value: float | None

    @classmethod
    def of(cls, row: dict, suffix: str = "") -> "_Numbers":
        return cls(*(row[f"{number}{suffix}"] for number in NUMBERS))


def upload_get(*, user, initiative: Initiative, pk: int) -> Upload:
    """An upload of an organization the user may see; 404 otherwise."""
    organization = roles.submission_organization_scope(user, initiative)
    uploads = Upload.objects.filter(initiative=initiative).select_related("organization")
    if organization is not None:
        uploads = uploads.filter(organization=organization)
    return get_object_or_404(uploads, pk=pk)


def upload_submission(*, upload: Upload) -> Submission | None:
    """The one submission a saved upload wrote into, or None when it held several periods."""
    periods = {row["period"] for row in upload.summary or []}
    if len(periods) != 1:
        return None
    return Submission.objects.filter(
        initiative_id=upload.initiative_id,
        organization_id=upload.organization_id,
        period__code=periods.pop(),
    ).first()


def template_rows(*, submission: Submission) -> list[dict]:
    """Rows of the interchange format for the organization's indicators in this period: its
    assigned indicators (every active one when it has no plan), one row per cell of every
    level the entry grid offers (the total, each dimension, the full breakdown), with the
    numbers already entered — so that the file, sent back unchanged, changes nothing."""
    initiative = submission.initiative
    indicators = list(
        indicator_list(initiative=initiative)
        .filter(assignments__organization=submission.organization)
        .distinct()
    ) or list(indicator_list(initiative=initiative))
    codes = dimension_codes(initiative=initiative)
    rows = []
    for indicator in indicators:
        entered = {
            v.cell_id: v
            for v in DataValue.objects.filter(submission=submission, indicator=indicator)
        }
        for cell in (
            cell
            for section in indicator_entry_sections(indicator=indicator)
            for cell in section.cells
        ):
            value = entered.get(cell.pk)
            parts = cell.parts()
            rows.append(
                {
                    "indicator": indicator.code,
                    "period": submission.period.code,
                    "organization": submission.organization.code,
                    **{code: parts.get(code, "") for code in codes},
                    **{
                        field: getattr(value, field) if value else None
                        for field in ("numerator", "denominator", "value")
                    },
                }
            )
    return rows
