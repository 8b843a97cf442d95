"""The initiative's definitions — the initiative, its organizations, results, dimensions,
indicators with their targets, and the reporting periods — written as a definitions document
(the format of ``manage.py import_definitions``, ``measurement.services.definitions_file``)
and imported through the same service; then found by their codes for the other loaders."""

from dataclasses import dataclass

from core.translation import CONTENT_LANGUAGES
from demo.data import Texts
from demo.data.initiative import DISCLOSURE, NAME, ORGANIZATIONS, PHASE, RESULTS, SLUG
from demo.data.measurement import DATA_SOURCE, DIMENSIONS, INDICATORS, DemoIndicator
from demo.load.calendar import DemoCalendar
from initiatives.models import Initiative, Organization, Result
from measurement.choices import Frequency, IndicatorKind
from measurement.models import Category, Indicator, ReportingPeriod
from measurement.services import definitions_import


@dataclass(frozen=True)
class Definitions:
    """The demo initiative and its definitions by code, as the tables name them."""

    initiative: Initiative
    organizations: dict[str, Organization]
    results: dict[str, Result]
    indicators: dict[str, Indicator]
    categories: dict[tuple[str, str], Category]  # by dimension code and category code
    periods: dict[str, ReportingPeriod]

    def save(self, save, actor, **arguments):
        """What the app's ``save`` service returns when ``actor`` saves in the demo initiative,
        as its page would: the record to change (None for a new one) goes under the service's
        own name for it, with ``fields`` and the service's other arguments."""
        return save(actor=actor, initiative=self.initiative, **arguments)


def definitions_load(calendar: DemoCalendar) -> Definitions:
    initiative = definitions_import(data=definitions_document(calendar))
    return Definitions(
        initiative=initiative,
        organizations={
            organization.code: organization
            for organization in Organization.objects.filter(partnerships__initiative=initiative)
        },
        results={result.code: result for result in Result.objects.filter(initiative=initiative)},
        indicators={
            indicator.code: indicator
            for indicator in Indicator.objects.filter(initiative=initiative)
        },
        categories={
            (category.dimension.code, category.code): category
            for category in Category.objects.filter(
                dimension__initiative=initiative
            ).select_related("dimension")
        },
        periods={
            period.code: period for period in ReportingPeriod.objects.filter(initiative=initiative)
        },
    )


def definitions_document(calendar: DemoCalendar) -> dict:
    """The definitions, dated from the calendar: the reported quarters and the quarter under
    way with their due dates, the baseline in the first quarter, targets in the target one."""
    return {
        "initiative": {
            "slug": SLUG,
            **_texts("name", NAME),
            "phase": PHASE,
            "disclosure": DISCLOSURE,
        },
        "organizations": [
            {"code": code, **_texts("name", names), "sector": sector, "role": role}
            for code, sector, role, names, _mix in ORGANIZATIONS
        ],
        "results": [{"code": code, **_texts("title", titles)} for code, titles in RESULTS],
        "dimensions": [
            {
                "code": code,
                **_texts("name", names),
                "overlapping": overlapping,
                "categories": [
                    {
                        "code": category,
                        **_texts("name", category_names),
                        "reference": reference,
                        "unknown": unknown,
                    }
                    for category, category_names, reference, unknown in categories
                ],
            }
            for code, names, overlapping, categories in DIMENSIONS
        ],
        "periods": [
            {"code": quarter, "due_date": calendar.due_date(quarter).isoformat()}
            for quarter in [*calendar.quarters, calendar.current_quarter]
        ],
        "indicators": [_indicator(spec, calendar) for spec in INDICATORS],
    }


def _indicator(spec: DemoIndicator, calendar: DemoCalendar) -> dict:
    targets = []
    if spec.target is not None:
        targets = [{"period": calendar.target_quarter, "value": spec.target}] + [
            {"period": calendar.target_quarter, "value": value, "group": {dimension: category}}
            for dimension, category, value in spec.group_targets
        ]
    return {
        "code": spec.code,
        **_texts("name", spec.names),
        "definition": spec.definition,
        "kind": spec.kind,
        "scale": 100 if spec.kind == IndicatorKind.RATE else 1,
        "direction": spec.direction,
        "frequency": Frequency.QUARTERLY,
        "rba_type": spec.rba_type,
        **_texts("unit", spec.unit),
        "data_source": DATA_SOURCE,
        "result": spec.result,
        "dimensions": list(spec.dimensions),
        "baseline": {"period": calendar.quarters[0]},
        "targets": targets,
    }


def _texts(field: str, texts: Texts) -> dict[str, str]:
    """A translated field as the document writes it: ``name`` (English) and ``name_en``,
    ``name_he``, ``name_ar``."""
    return {
        field: texts[0],
        **{
            f"{field}_{language}": text
            for language, text in zip(CONTENT_LANGUAGES, texts, strict=True)
        },
    }
