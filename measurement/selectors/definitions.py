"""Reads of an initiative's definitions: indicators, their entry grid and breakdown,
periods, dimensions, target groups, cell labels, and the definitions file (export).
"""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from core.translation import translations_of
from initiatives.models import Initiative, Result
from measurement.cells import cell_key, dimension_set
from measurement.dimension_library import LIBRARY, LibraryDimension
from measurement.models import (
    Category,
    Cell,
    Dimension,
    Indicator,
    ReportingPeriod,
)
from measurement.selectors.disclosure import disclosure_policy

# ---- Indicators and cells ----


def indicator_list(*, initiative: Initiative) -> QuerySet[Indicator]:
    return (
        Indicator.objects.active()
        .filter(initiative=initiative)
        .select_related("result", "baseline_period")
    )


def agenda_results(*, initiative: Initiative) -> QuerySet[Result]:
    """The common agenda's results, each with the active indicators that measure it."""
    return initiative.results.prefetch_related(
        Prefetch("indicators", queryset=Indicator.objects.active())
    )


def indicator_get(*, initiative: Initiative, code: str) -> Indicator:
    indicator: Indicator = get_object_or_404(
        Indicator.objects.select_related("result"),
        initiative=initiative,
        code=code,
        is_active=True,
    )
    indicator.initiative = initiative  # already loaded: spare pages a query
    return indicator


@dataclass(frozen=True)
class EntrySection:
    """A block of the entry grid: the total, the groups of one dimension, or the full
    breakdown by every dimension. Partners fill the blocks they have numbers for."""

    title: str
    dimension_set: str
    cells: list[Cell]


def indicator_entry_sections(*, indicator: Indicator) -> list[EntrySection]:
    dimensions = list(indicator.dimensions.order_by("order", "code"))
    sets = {"": _("Total")}
    for dimension in dimensions:
        sets[dimension.code] = _("By %(dimension)s") % {"dimension": dimension.name}
    if len(dimensions) > 1:
        names = [d.name for d in dimensions]
        sets[dimension_set(d.code for d in dimensions)] = _("By %(dimensions)s and %(last)s") % {
            "dimensions": ", ".join(names[:-1]),
            "last": names[-1],
        }
    cells = Cell.objects.filter(
        initiative_id=indicator.initiative_id, dimension_set__in=list(sets)
    ).prefetch_related(
        Prefetch("categories", queryset=Category.objects.select_related("dimension"))
    )
    by_set: dict[str, list[Cell]] = {}
    for cell in cells:
        by_set.setdefault(cell.dimension_set, []).append(cell)
    order = {d.code: d.order for d in dimensions}

    def display_order(cell: Cell):
        return sorted(
            (order[c.dimension.code], c.dimension.code, c.order) for c in cell.categories.all()
        )

    return [
        EntrySection(title, dimension_set, sorted(by_set[dimension_set], key=display_order))
        for dimension_set, title in sets.items()
        if dimension_set in by_set
    ]


def indicator_breakdown(*, indicator: Indicator) -> tuple[dict, dict]:
    """What the consistency rules need: {dimension code: (category codes in order,
    overlapping)} and labels for dimensions and single-category cells."""
    dimensions, labels = {}, {}
    for dimension in indicator.dimensions.prefetch_related(
        Prefetch("categories", queryset=Category.objects.order_by("order", "code"))
    ):
        categories = list(dimension.categories.all())
        dimensions[dimension.code] = ([c.code for c in categories], dimension.overlapping)
        labels[dimension.code] = dimension.name
        labels.update({cell_key({dimension.code: c.code}): c.name for c in categories})
    return dimensions, labels


def indicator_entry_cell_ids(*, indicator: Indicator) -> set[int]:
    return {
        cell.pk
        for section in indicator_entry_sections(indicator=indicator)
        for cell in section.cells
    }


def period_get(*, initiative: Initiative, pk: int) -> ReportingPeriod:
    return get_object_or_404(ReportingPeriod, initiative=initiative, pk=pk)


def period_list(*, initiative: Initiative, newest_first: bool = False):
    periods = ReportingPeriod.objects.filter(initiative=initiative)
    return periods.order_by("-start") if newest_first else periods.order_by("start")


def period_by_code(*, initiative: Initiative, code: str) -> ReportingPeriod | None:
    return ReportingPeriod.objects.filter(initiative=initiative, code=code).first()


def dimension_list(*, initiative: Initiative) -> QuerySet[Dimension]:
    """The initiative's dimensions in order, with their categories."""
    return initiative.dimensions.prefetch_related("categories").order_by("order", "code")


def dimension_codes(*, initiative: Initiative) -> list[str]:
    """The initiative's dimension codes, in the order files and exports give them columns."""
    return list(initiative.dimensions.values_list("code", flat=True))


def indicator_definitions(*, initiative: Initiative) -> QuerySet[Indicator]:
    """The active indicators with everything their definition names: result, baseline
    period and dimensions."""
    return (
        indicator_list(initiative=initiative)
        .select_related("baseline_period")
        .prefetch_related("dimensions")
        .order_by("order", "code")
    )


def cell_label(cell: Cell) -> str:
    """ "Female · Arab", in the dimensions' order; uses prefetched categories."""
    categories = sorted(cell.categories.all(), key=lambda c: (c.dimension.order, c.dimension.code))
    return " · ".join(c.name for c in categories) or _("Total")


# ---- Definitions (backbone staff) ----


def definitions_overview(*, initiative: Initiative) -> dict:
    return {
        "dimensions": initiative.dimensions.prefetch_related(
            Prefetch("categories", queryset=Category.objects.order_by("order", "code"))
        ),
        "indicators": initiative.indicators.select_related(
            "result", "baseline_period"
        ).prefetch_related("dimensions", "targets"),
        "periods": period_list(initiative=initiative, newest_first=True),
    }


def dimension_get(*, initiative: Initiative, code: str) -> Dimension:
    return get_object_or_404(Dimension, initiative=initiative, code=code)


def indicator_get_for_edit(*, initiative: Initiative, code: str) -> Indicator:
    return get_object_or_404(Indicator, initiative=initiative, code=code)


@dataclass(frozen=True)
class LibraryOffer:
    """An entry of the dimension library, and the initiative's dimension of the same code
    when it has one already."""

    entry: LibraryDimension
    added: Dimension | None


def dimension_library(*, initiative: Initiative) -> list[LibraryOffer]:
    existing = {d.code: d for d in initiative.dimensions.all()}
    return [LibraryOffer(entry, existing.get(entry.code)) for entry in LIBRARY]


# The groups a target may be set for, as form choices: a dimension's name with its
# categories as (cell key, name), or one (cell key, label).
GroupChoices = list[tuple[str, list[tuple[str, str]]] | tuple[str, str]]


def target_groups(*, initiative: Initiative, indicator: Indicator | None = None) -> GroupChoices:
    """The groups a target can be set for, beside everyone: each category of each of the
    initiative's dimensions, dimension by dimension (targeted universalism sets group targets
    along one dimension at a time). Named by cell key, so a dimension no indicator uses yet —
    whose cells do not exist — is offered too: a new indicator's dimensions are only known once
    it is saved, and ``indicator_save`` refuses a group of a dimension it is not broken down
    by. A group an existing target of ``indicator`` uses that is not among them (a combination
    from a definitions file) is offered as well, so that the target stays as it is."""
    choices: GroupChoices = []
    offered: set[str] = set()
    for dimension in dimension_list(initiative=initiative):
        groups = [(cell_key({dimension.code: c.code}), c.name) for c in dimension.categories.all()]
        offered.update(key for key, _name in groups)
        choices.append((dimension.name, groups))
    if indicator is not None and indicator.pk:
        others = (
            Cell.objects.filter(targets__indicator=indicator)
            .exclude(key="")
            .exclude(key__in=offered)
            .distinct()
            .prefetch_related(
                Prefetch("categories", queryset=Category.objects.select_related("dimension"))
            )
        )
        choices.extend((cell.key, cell_label(cell)) for cell in others)
    return choices


# ---- Export ----


def _translations(instance, *fields: str) -> dict:
    """Texts as the definitions file writes them: English under the field's own name, each
    other language under ``<field>_<language>`` where there is one."""
    texts = translations_of(instance, *fields)
    exported = {}
    for name in fields:
        exported[name] = texts.pop(f"{name}_en")
    return exported | {field: text for field, text in texts.items() if text}


def definitions_export(*, initiative: Initiative) -> dict:
    """The initiative's definitions in the format ``definitions_import`` reads."""
    partnerships = initiative.partnerships.select_related("organization").order_by(
        "organization__code"
    )
    return {
        "initiative": {
            "slug": initiative.slug,
            **_translations(
                initiative, "name", "vision", "problem_statement", "population_focus", "geography"
            ),
            "phase": initiative.phase,
            "disclosure": disclosure_policy(initiative=initiative).as_dict(),
        },
        "organizations": [
            {
                "code": p.organization.code,
                **_translations(p.organization, "name"),
                "sector": p.organization.sector,
                "role": p.role,
            }
            for p in partnerships
        ],
        "results": [
            {"code": r.code, **_translations(r, "title", "description")}
            for r in initiative.results.all()
        ],
        "dimensions": [
            {
                "code": d.code,
                **_translations(d, "name", "description"),
                "overlapping": d.overlapping,
                "categories": [
                    {
                        "code": c.code,
                        **_translations(c, "name"),
                        "reference": c.is_reference,
                        "unknown": c.is_unknown,
                    }
                    for c in d.categories.all()
                ],
            }
            for d in initiative.dimensions.prefetch_related("categories")
        ],
        "indicators": [
            _export_indicator(i)
            for i in initiative.indicators.prefetch_related(
                "dimensions", "targets__period", "targets__cell"
            ).select_related("result", "baseline_period")
        ],
        "periods": [
            {"code": p.code, **({"due_date": p.due_date.isoformat()} if p.due_date else {})}
            for p in ReportingPeriod.objects.filter(initiative=initiative).order_by("start")
        ],
    }


def _export_indicator(indicator: Indicator) -> dict:
    exported = {
        "code": indicator.code,
        **_translations(indicator, *Indicator.TRANSLATED),
        "kind": indicator.kind,
        "scale": indicator.scale,
        "decimals": indicator.decimals,
        "direction": indicator.direction,
        "frequency": indicator.frequency,
        "rba_type": indicator.rba_type,
        "data_source": indicator.data_source,
        "dimensions": sorted(d.code for d in indicator.dimensions.all()),
        "active": indicator.is_active,
    }
    if indicator.result:
        exported["result"] = indicator.result.code
    if indicator.baseline_period:
        exported["baseline"] = {
            "period": indicator.baseline_period.code,
            "value": indicator.baseline_value,
        }
    targets = [
        {
            "period": t.period.code,
            "value": t.value,
            **({"group": t.cell.parts()} if t.cell.key else {}),
        }
        for t in indicator.targets.all()
    ]
    if targets:
        exported["targets"] = targets
    return exported
