"""Writes of an initiative's definitions: dimensions and categories, indicators with their
targets, reporting periods, and the cells they break numbers into.
"""

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from core.services import inline_rows, model_update
from core.translation import translated_fields
from initiatives import roles
from initiatives.models import Initiative
from initiatives.roles import Perm
from measurement.cells import cell_key, cube_cells, dimension_set, parse_cell_key
from measurement.choices import PeriodKind
from measurement.models import (
    Category,
    Cell,
    ComputedResult,
    DataValue,
    Dimension,
    Indicator,
    ReportingPeriod,
    Target,
    ValueRule,
)
from measurement.periods import period_code_containing, period_series

logger = logging.getLogger(__name__)

M = TypeVar("M", bound=models.Model)


# What each service lets its callers set (core.services.model_update); many-to-many fields are
# set after saving.
DIMENSION_FIELDS = ("code", *translated_fields("name"), "overlapping", "order")
CATEGORY_FIELDS = ("code", *translated_fields("name"), "is_reference", "is_unknown", "order")
# An indicator's definition — its code, names, and what and how it measures (the API shows
# the same) — then where it starts from and whether it is in use.
INDICATOR_MEASURE_FIELDS = (
    "result",
    "kind",
    "unit",
    "scale",
    "decimals",
    "direction",
    "frequency",
    "data_source",
    "rba_type",
)
INDICATOR_DEFINITION_FIELDS = (
    "code",
    *translated_fields("name", "definition"),
    # The unit among them once per language, like the name.
    *(
        field
        for name in INDICATOR_MEASURE_FIELDS
        for field in (translated_fields(name) if name in Indicator.TRANSLATED else [name])
    ),
)
INDICATOR_BASELINE_FIELDS = ("baseline_period", "baseline_value", "is_active", "order")
INDICATOR_FIELDS = (*INDICATOR_DEFINITION_FIELDS, *INDICATOR_BASELINE_FIELDS)
PERIOD_FIELDS = ("code", "due_date")


# ---- Definitions ----


def indicator_cells_create(*, indicator: Indicator) -> None:
    """Create every cell the indicator can report or be computed for: each combination of
    its dimensions' categories, for every subset of its dimensions (the empty one is the
    total). Cells are shared between indicators, so existing ones are reused."""
    categories = (
        Category.objects.filter(dimension__in=indicator.dimensions.all())
        .select_related("dimension")
        .order_by("dimension__code", "order", "code")
    )
    by_dimension: dict[str, list[str]] = {}
    category_ids: dict[tuple[str, str], int] = {}
    for category in categories:
        by_dimension.setdefault(category.dimension.code, []).append(category.code)
        category_ids[(category.dimension.code, category.code)] = category.pk

    wanted = {cell_key(parts): parts for parts in cube_cells(by_dimension)}
    existing = set(
        Cell.objects.filter(initiative=indicator.initiative, key__in=wanted).values_list(
            "key", flat=True
        )
    )
    _create_cells(
        indicator.initiative,
        {key: parts for key, parts in wanted.items() if key not in existing},
        category_ids,
    )


def _create_cells(initiative, cells: Mapping[str, Mapping[str, str]], category_ids) -> None:
    if not cells:
        return
    # Another request may be creating the same cells (two first imports at once): a row it
    # inserted first is skipped here, and read back below like ours.
    Cell.objects.bulk_create(
        [
            Cell(initiative=initiative, key=key, dimension_set=dimension_set(parts))
            for key, parts in cells.items()
        ],
        ignore_conflicts=True,
    )
    # bulk_create does not return primary keys on every database; read them back.
    created = Cell.objects.filter(initiative=initiative, key__in=list(cells))
    Cell.categories.through.objects.bulk_create(
        [
            Cell.categories.through(cell_id=cell.pk, category_id=category_ids[(dim, cat)])
            for cell in created
            for dim, cat in cells[cell.key].items()
        ],
        ignore_conflicts=True,
    )


@transaction.atomic
def dimension_save(
    *,
    actor,
    initiative: Initiative,
    dimension: Dimension | None,
    fields: dict,
    categories: list[dict],
) -> Dimension:
    """Create or change a dimension and its categories.

    ``categories`` are the category rows as cleaned form data (``id`` for an existing one,
    ``DELETE`` to remove one). A category that data, results or targets use cannot be
    removed: its numbers would silently vanish from every total."""
    roles.require(actor, initiative, Perm.MANAGE_CONTENT)
    dimension = model_update(
        instance=dimension or Dimension(initiative=initiative), fields=DIMENSION_FIELDS, data=fields
    )
    # Clear the flags first, so that moving the reference to another category never trips
    # the one-reference-per-dimension constraint half-way through.
    dimension.categories.update(is_reference=False, is_unknown=False)
    for item in categories:
        category = item.get("id") or Category(dimension=dimension)
        if item.get("DELETE"):
            if category.pk:
                _category_delete(category)
            continue
        category.dimension = dimension
        model_update(
            instance=category,
            fields=CATEGORY_FIELDS,
            data={k: v for k, v in item.items() if k not in ("id", "DELETE", "dimension")},
        )
    for indicator in dimension.indicators.all():
        indicator_cells_create(indicator=indicator)
    return dimension


def _category_delete(category: Category) -> None:
    in_use = (
        Cell.objects.filter(categories=category)
        .filter(
            Q(values__isnull=False) | Q(computed_results__isnull=False) | Q(targets__isnull=False)
        )
        .exists()
    )
    if in_use:
        raise ValidationError(
            _("%(category)s cannot be removed: data, results or targets use it.")
            % {"category": category.name}
        )
    Cell.objects.filter(categories=category).delete()
    category.delete()


@transaction.atomic
def indicator_save(
    *,
    actor,
    initiative: Initiative,
    indicator: Indicator | None,
    fields: dict,
    targets: list[dict],
) -> Indicator:
    """Create or change an indicator with its dimensions, baseline and targets.

    Dimensions can be added at any time; one that reported data is broken down by cannot be
    taken away, since those numbers would then be counted twice."""
    roles.require(actor, initiative, Perm.MANAGE_CONTENT)
    dimensions = list(fields.pop("dimensions", []))
    indicator = indicator or Indicator(initiative=initiative)
    if indicator.pk:
        conflicts = indicator_data_conflicts(
            indicator=indicator,
            kind=fields.get("kind", indicator.kind),
            dimension_codes={d.code for d in dimensions},
        )
        errors = {}
        if conflicts.kind:
            errors["kind"] = _(
                "This indicator already has data as a %(kind)s; its kind cannot change. "
                "Define a new indicator instead."
            ) % {"kind": indicator.get_kind_display().lower()}
        if conflicts.dimensions:
            errors["dimensions"] = _(
                "Data is already broken down by %(names)s; keep it, or define a new indicator."
            ) % {"names": ", ".join(d.name for d in conflicts.dimensions)}
        if errors:
            raise ValidationError(errors)
    indicator = model_update(instance=indicator, fields=INDICATOR_FIELDS, data=fields)
    indicator.dimensions.set(dimensions)
    indicator_cells_create(indicator=indicator)
    _targets_set(indicator, dimensions, targets)
    return indicator


@dataclass(frozen=True)
class DataConflicts:
    """What a change to an indicator would break in the data it already has."""

    kind: bool
    """The kind would change although values or results exist: every result would turn
    NULL, since a rate's numbers are not a count's."""
    dimensions: list[Dimension]
    """Dimensions that would go although values are broken down by them: those numbers
    would be counted twice, or silently disappear."""


def indicator_data_conflicts(
    *, indicator: Indicator, kind: str, dimension_codes: set[str]
) -> DataConflicts:
    """The one rule of the indicator page and of definitions files (docs/formats.md) on
    changing an indicator that has data: its kind stays, and so does every dimension its
    values are broken down by."""
    has_data = (
        DataValue.objects.filter(indicator=indicator).exists()
        or ComputedResult.objects.filter(indicator=indicator).exists()
    )
    removed = [d for d in indicator.dimensions.all() if d.code not in dimension_codes]
    return DataConflicts(
        kind=kind != indicator.kind and has_data,
        dimensions=[
            d
            for d in removed
            if DataValue.objects.filter(indicator=indicator, cell__categories__dimension=d).exists()
        ],
    )


def _targets_set(indicator: Indicator, dimensions: list[Dimension], targets: list[dict]) -> None:
    """Save the indicator's target rows: each for everyone or one of its groups, named by cell
    key (``group``). Its cells exist by now; a group of a dimension the indicator is not
    broken down by is refused, since no number of the indicator is for that group."""
    codes = {dimension.code for dimension in dimensions}
    keys = {row.get("group") or "" for row in targets if not row.get("DELETE")}
    cells = {
        cell.key: cell
        for cell in Cell.objects.filter(initiative=indicator.initiative, key__in=keys)
        if set(cell.parts()) <= codes
    }
    for item in targets:
        target = item.get("id") or Target(indicator=indicator)
        if item.get("DELETE"):
            if target.pk:
                target.delete()
            continue
        key = item.get("group") or ""
        if key not in cells:
            raise ValidationError({"targets": _target_group_refusal(indicator, key, codes)})
        target.period, target.cell, target.value = item["period"], cells[key], item["value"]
        target.indicator = indicator
        target.full_clean()
        target.save()


def _target_group_refusal(indicator: Indicator, key: str, codes: set[str]) -> str:
    """Why no target can be set for the group ``key``: the indicator is not broken down by
    its dimension, or there is no such group."""
    parts = parse_cell_key(key)
    categories = {
        (category.dimension.code, category.code): category
        for category in Category.objects.filter(
            dimension__initiative=indicator.initiative, dimension__code__in=list(parts)
        ).select_related("dimension")
    }
    found = [categories.get(part) for part in parts.items()]
    if not all(found):
        return _("There is no group %(group)s in this initiative.") % {"group": key}
    return _(
        "A target for %(group)s needs the indicator broken down by %(dimensions)s: tick it "
        "under Dimensions, or remove that target."
    ) % {
        "group": " · ".join(c.name for c in found if c),
        "dimensions": ", ".join(
            c.dimension.name for c in found if c and c.dimension.code not in codes
        ),
    }


@transaction.atomic
def rules_set(*, actor, indicator: Indicator, rows: list[dict]) -> list[ValueRule]:
    """Replace the indicator's validation rules with ``rows`` (an inline formset's: ``id``
    to change one, ``DELETE`` to remove one). From then on they run on entry, upload,
    submission and review; data already stored is listed against them, not changed."""
    roles.require(actor, indicator.initiative, Perm.MANAGE_CONTENT)
    saved = []
    for rule, row in inline_rows(
        rows, ValueRule, elsewhere=_("That rule belongs to another indicator."), indicator=indicator
    ):
        for name in ("kind", "severity", "low", "high", "other"):
            setattr(rule, name, row.get(name))
        try:
            rule.full_clean()
        except ValidationError as error:
            raise ValidationError(error.messages) from None
        rule.save()
        saved.append(rule)
    return saved


@transaction.atomic
def period_save(
    *, actor, initiative: Initiative, period: ReportingPeriod | None, fields: dict
) -> ReportingPeriod:
    roles.require(actor, initiative, Perm.MANAGE_CONTENT)
    period = model_update(
        instance=period or ReportingPeriod(initiative=initiative), fields=PERIOD_FIELDS, data=fields
    )
    return period


# How long a generated run of periods may be (ten years of months), and how late its data
# may fall due.
MAX_GENERATED_PERIODS = 120
MAX_DUE_DAYS = 365
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A first period of each kind, for a refusal to show.
_EXAMPLE_CODES = {
    PeriodKind.YEAR: "2025",
    PeriodKind.SCHOOL_YEAR: "2025-26",
    PeriodKind.QUARTER: "2025-Q1",
    PeriodKind.MONTH: "2025-01",
}


@dataclass(frozen=True)
class PeriodsGenerated:
    """The codes of a generated run: those created, and those the initiative already had."""

    created: list[str]
    existing: list[str]


@transaction.atomic
def periods_generate(
    *,
    actor,
    initiative: Initiative,
    frequency: str,
    first: str,
    count: int,
    due_days: int | None,
) -> PeriodsGenerated:
    """Create ``count`` reporting periods of ``frequency`` one after the other, from ``first``
    (a period code, or a date in the first period), each due ``due_days`` after it ends. A
    period the initiative already has is left as it is; any invalid input creates none."""
    roles.require(actor, initiative, Perm.MANAGE_CONTENT)
    planned = _planned_periods(frequency, first, count, due_days)
    existing = set(
        ReportingPeriod.objects.filter(
            initiative=initiative, code__in=[p.code for p in planned]
        ).values_list("code", flat=True)
    )
    for period in planned:
        if period.code not in existing:
            created = ReportingPeriod(
                initiative=initiative, code=period.code, due_date=period.due_date
            )
            created.full_clean()
            created.save()
    return PeriodsGenerated(
        created=[p.code for p in planned if p.code not in existing],
        existing=[p.code for p in planned if p.code in existing],
    )


def _planned_periods(frequency: str, first: str, count: int, due_days: int | None):
    if frequency not in PeriodKind.values:
        raise ValidationError({"frequency": _("Choose how often the periods come.")})
    if not 1 <= count <= MAX_GENERATED_PERIODS:
        raise ValidationError(
            {
                "count": _("Generate between 1 and %(most)s periods.")
                % {"most": MAX_GENERATED_PERIODS}
            }
        )
    if due_days is not None and not 0 <= due_days <= MAX_DUE_DAYS:
        raise ValidationError(
            {"due_days": _("Give between 0 and %(most)s days.") % {"most": MAX_DUE_DAYS}}
        )
    kind = PeriodKind(frequency)
    code = first.strip()
    if _DATE.match(code):
        try:
            code = period_code_containing(kind, date.fromisoformat(code))
        except ValueError:
            raise ValidationError(
                {"first": _("%(date)s is not a date.") % {"date": code}}
            ) from None
    try:
        planned = period_series(code, count=count, due_days=due_days)
    except ValueError as error:
        raise ValidationError({"first": str(error)}) from None
    if planned[0].kind != kind:
        raise ValidationError(
            {
                "first": _(
                    "%(code)s is a %(its_kind)s, not a %(kind)s: give a code such as "
                    "%(example)s, or a date in the first period."
                )
                % {
                    "code": code,
                    "its_kind": planned[0].kind.label.lower(),
                    "kind": kind.label.lower(),
                    "example": _EXAMPLE_CODES[kind],
                }
            }
        )
    return planned


def may_create_periods(actor, initiative: Initiative) -> bool:
    """Periods are definitions: the backbone creates them (pages, API, file), and so do the
    operator's commands, which act without a user."""
    return actor is None or roles.can(actor, initiative, Perm.MANAGE_CONTENT)


def period_for_code(*, actor, initiative: Initiative, code: str) -> ReportingPeriod:
    """The initiative's period with this code, created when ``actor`` may create periods;
    for anyone else an unknown code is a ValidationError on ``period``."""
    period = ReportingPeriod.objects.filter(initiative=initiative, code=code).first()
    if period is not None:
        return period
    if not may_create_periods(actor, initiative):
        raise ValidationError(
            {
                "period": _(
                    "There is no reporting period %(code)s in this initiative. Reporting "
                    "periods are set up by the backbone; ask them to add it."
                )
                % {"code": code}
            }
        )
    period = ReportingPeriod(initiative=initiative, code=code)
    try:
        # Uniqueness is the database's to decide: another request may create it meanwhile.
        period.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as invalid:
        # The caller named the period: its problems are the period's, not a model field's.
        raise ValidationError({"period": invalid.messages}) from invalid
    return row_create_once(period, initiative=initiative, code=code)


def row_create_once(row: M, **lookup) -> M:
    """Insert ``row``, unless another request inserted the same one (by the unique
    ``lookup``) since the caller looked: then that one. Two first imports into a new period
    or submission both look, find nothing and insert; under PostgreSQL's READ COMMITTED the
    second insert waits for the first transaction and fails on the unique index once it
    commits, and a fresh read then sees its row. The insert runs in a savepoint, so the
    failure leaves the caller's transaction usable. A failure with no row to be found (the
    other transaction is still deciding) asks to try again."""
    model = type(row)
    try:
        with transaction.atomic():
            row.save()
        return row
    except IntegrityError:
        existing = model._default_manager.filter(**lookup).first()
        if existing is None:
            raise ValidationError(
                _("Someone else was saving the same data at the same moment. Try again.")
            ) from None
        return existing


def cells_for_keys(*, initiative: Initiative, keys) -> dict[str, int]:
    """Cell ids by key, creating cells that do not exist yet (with their categories)."""
    existing = dict(
        Cell.objects.filter(initiative=initiative, key__in=list(keys)).values_list("key", "id")
    )
    missing = [key for key in keys if key not in existing]
    if missing:
        categories = {
            (dimension, code): pk
            for pk, dimension, code in Category.objects.filter(
                dimension__initiative=initiative
            ).values_list("pk", "dimension__code", "code")
        }
        _create_cells(initiative, {key: parse_cell_key(key) for key in missing}, categories)
        existing.update(
            Cell.objects.filter(initiative=initiative, key__in=missing).values_list("key", "id")
        )
    return existing
