"""Reads of uploads and category crosswalks, and the template a partner fills."""

from django.shortcuts import get_object_or_404

from initiatives import roles
from initiatives.models import Initiative
from measurement.models import (
    CategoryCrosswalk,
    DataValue,
    Submission,
    Upload,
)
from measurement.selectors.definitions import (
    dimension_codes,
    indicator_entry_sections,
    indicator_list,
)
from measurement.selectors.submissions import entry_organizations

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
