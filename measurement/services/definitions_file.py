"""An initiative's definitions as JSON (design.md): how an initiative is set up from a file or
moved between installations. Importing again updates records by code and never duplicates.

    {"initiative": {"slug", "name", "phase"?,
                    "disclosure"?: {"min_group_size"?, "min_count"?, "small_count"?,
                                    "min_contributors"?, "protection_level"?}, ...},
     "organizations": [{"code", "name", "sector"?, "role"?}],
     "results": [{"code", "title", "description"?}],
     "dimensions": [{"code", "name", "overlapping",
                     "categories": [{"code", "name", "reference"?, "unknown"?}]}],
     "indicators": [{"code", "name", "kind", "scale", "direction", "dimensions": [codes],
                     "decimals"?, "definition"?, "unit"?, "frequency"?, "data_source"?, "rba_type"?,
                     "result"?, "baseline"?: {"period", "value"},
                     "targets"?: [{"period", "value", "group"?: {dimension: category}}]}],
     "periods": [{"code", "due_date"?}]}

The disclosure policy's omitted rules take their defaults (``measurement.disclosure.Policy``);
the older ``"suppression_threshold"`` is read as ``min_group_size``. Names and texts (an
indicator's unit too) may carry translations as ``name_he``, ``name_ar``, ``unit_he`` and so
on. A category whose code is ``unknown`` is the "unknown / not reported" category unless the
file says ``"unknown": false``.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from core.translation import CONTENT_LANGUAGES
from initiatives.choices import (
    DisclosurePolicySource,
    DisclosureSmallCount,
    PartnershipRole,
    Phase,
    Sector,
)
from initiatives.models import Initiative, Organization, Partnership, Result
from measurement.cells import cell_key
from measurement.choices import Direction, Frequency, IndicatorKind, RbaType
from measurement.disclosure import Policy, SmallCount
from measurement.engine import MAX_DIMENSIONS
from measurement.models import Category, Dimension, Indicator, Target
from measurement.models.definitions import MAX_DECIMALS
from measurement.periods import parse_period
from measurement.services.definitions import (
    indicator_cells_create,
    indicator_data_conflicts,
    period_for_code,
)
from measurement.services.disclosure import MAX_PROTECTION_LEVEL, disclosure_policy_set
from measurement.validation import MAX_NUMBER, usable

UNKNOWN_CODES = {"unknown", "not-reported", "not_reported"}


def _language_keys(field: str) -> list[str]:
    return [f"{field}_{language}" for language in CONTENT_LANGUAGES]


class DefinitionsError(Exception):
    """The file has problems; ``errors`` lists each one with where it is."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


# ---- Validation ----


class _Checker:
    def __init__(self):
        self.errors: list[str] = []

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}")

    def require(self, item: dict, where: str, *fields: str) -> bool:
        """Each of ``fields`` is given — a translated text in any one language: a name
        given only in Hebrew is written ``"name": "", "name_he": …``."""
        ok = True
        for name in fields:
            given = [name, *(f"{name}_{language}" for language in CONTENT_LANGUAGES)]
            if all(item.get(key) in (None, "") for key in given):
                self.error(f"{where}.{name}", "is required")
                ok = False
        return ok

    def choice(self, item: dict, where: str, name: str, choices) -> None:
        if name in item and item[name] not in choices.values:
            self.error(
                f"{where}.{name}", f"{item[name]!r} is not one of {', '.join(choices.values)}"
            )

    def unique_codes(self, items: list, where: str) -> set:
        seen = set()
        for index, item in enumerate(items):
            code = item.get("code")
            if code in seen:
                self.error(f"{where}[{index}].code", f"duplicate code {code!r}")
            seen.add(code)
        return seen

    def period(self, code, where: str) -> None:
        try:
            parse_period(str(code))
        except ValueError as error:
            self.error(where, str(error))

    def number(self, value, where: str) -> None:
        # JSON as Python reads it may hold NaN and Infinity, and 1e400 reads as infinity.
        if isinstance(value, bool) or not isinstance(value, int | float) or not _usable(value):
            self.error(where, f"{value!r} is not a number of at most {MAX_NUMBER:,.0f}")


def _usable(value: int | float) -> bool:
    try:
        return usable(float(value))
    except OverflowError:  # a whole number beyond any float
        return False


def definitions_validate(data: object) -> list[str]:
    """Every problem in a definitions document, each with its JSON path."""
    check = _Checker()
    if not isinstance(data, dict):
        return ["the file must hold a JSON object"]
    for key in ("organizations", "results", "dimensions", "indicators", "periods"):
        if key in data and not isinstance(data[key], list):
            check.error(key, "must be a list")
            return check.errors
    initiative = data.get("initiative")
    if not isinstance(initiative, dict):
        check.error("initiative", "is required and must be an object")
    else:
        check.require(initiative, "initiative", "slug", "name")
        _validate_disclosure(check, initiative)
        check.choice(initiative, "initiative", "phase", Phase)

    organizations = data.get("organizations", [])
    for index, item in enumerate(organizations):
        where = f"organizations[{index}]"
        check.require(item, where, "code", "name")
        check.choice(item, where, "sector", Sector)
        check.choice(item, where, "role", PartnershipRole)
    check.unique_codes(organizations, "organizations")

    results = data.get("results", [])
    for index, item in enumerate(results):
        check.require(item, f"results[{index}]", "code", "title")
    result_codes = check.unique_codes(results, "results")

    dimensions = data.get("dimensions", [])
    categories_by_dimension: dict[str, set] = {}
    for index, item in enumerate(dimensions):
        where = f"dimensions[{index}]"
        check.require(item, where, "code", "name")
        categories = item.get("categories") or []
        if not categories:
            check.error(f"{where}.categories", "a dimension needs at least one category")
        for c_index, category in enumerate(categories):
            check.require(category, f"{where}.categories[{c_index}]", "code", "name")
        categories_by_dimension[item.get("code")] = check.unique_codes(
            categories, f"{where}.categories"
        )
        if sum(bool(c.get("reference")) for c in categories) > 1:
            check.error(f"{where}.categories", "only one category can be the reference")
        if sum(_is_unknown(c) for c in categories) > 1:
            check.error(f"{where}.categories", "only one category can be unknown / not reported")
        for c_index, category in enumerate(categories):
            if category.get("reference") and _is_unknown(category):
                check.error(
                    f"{where}.categories[{c_index}]", "the unknown category cannot be the reference"
                )
    check.unique_codes(dimensions, "dimensions")

    indicators = data.get("indicators", [])
    for index, item in enumerate(indicators):
        _validate_indicator(
            check, item, f"indicators[{index}]", categories_by_dimension, result_codes
        )
    check.unique_codes(indicators, "indicators")

    for index, item in enumerate(data.get("periods", [])):
        where = f"periods[{index}]"
        if check.require(item, where, "code"):
            check.period(item["code"], f"{where}.code")
        if item.get("due_date"):
            try:
                date.fromisoformat(item["due_date"])
            except (TypeError, ValueError):
                check.error(f"{where}.due_date", f"{item['due_date']!r} is not a date (YYYY-MM-DD)")
    return check.errors


DISCLOSURE_RULES = tuple(Policy().as_dict())


def _whole(value, least: int) -> bool:
    return not isinstance(value, bool) and isinstance(value, int) and value >= least


def _validate_disclosure(check, initiative: dict) -> None:
    """The disclosure policy: ``"disclosure"`` and the older ``"suppression_threshold"``,
    which is its minimum group size (the two may not disagree)."""
    threshold = initiative.get("suppression_threshold")
    if "suppression_threshold" in initiative and not _whole(threshold, 1):
        check.error("initiative.suppression_threshold", "must be a whole number of at least 1")
        threshold = None
    if "disclosure" not in initiative:
        return
    where = "initiative.disclosure"
    disclosure = initiative["disclosure"]
    if not isinstance(disclosure, dict):
        check.error(where, "must be an object")
        return
    for rule in sorted(disclosure.keys() - set(DISCLOSURE_RULES)):
        check.error(
            f"{where}.{rule}",
            f"is not a rule of the disclosure policy ({', '.join(DISCLOSURE_RULES)})",
        )
    for rule in ("min_group_size", "min_count", "min_contributors"):
        if rule not in disclosure or (rule == "min_count" and disclosure[rule] is None):
            continue  # a minimum count of null follows the group size, as when left out
        if not _whole(disclosure[rule], 1):
            check.error(f"{where}.{rule}", "must be a whole number of at least 1")
    check.choice(disclosure, where, "small_count", DisclosureSmallCount)
    level = disclosure.get("protection_level", 0)
    if not (_whole(level, 0) and level <= MAX_PROTECTION_LEVEL):
        check.error(
            f"{where}.protection_level", f"must be a whole number from 0 to {MAX_PROTECTION_LEVEL}"
        )
    size = disclosure.get("min_group_size")
    if threshold is not None and size is not None and size != threshold:
        check.error(
            f"{where}.min_group_size",
            f"{size!r} differs from initiative.suppression_threshold ({threshold!r}), which is "
            "the same rule: give one",
        )


def _disclosure_policy(initiative: dict) -> Policy:
    """The policy a valid file sets: its rules, the others left at their defaults. A minimum
    count equal to the group size (as ``export_definitions`` writes it) follows the group
    size, so that importing an exported file changes nothing."""
    rules = dict(initiative.get("disclosure") or {})
    if "suppression_threshold" in initiative:
        rules.setdefault("min_group_size", initiative["suppression_threshold"])
    if rules.get("min_count") == rules.get("min_group_size", Policy.min_group_size):
        rules["min_count"] = None
    if "small_count" in rules:
        rules["small_count"] = SmallCount(rules["small_count"])
    return Policy(**rules)


def _validate_indicator(check, item, where, categories_by_dimension, result_codes) -> None:
    check.require(item, where, "code", "name", "kind")
    check.choice(item, where, "kind", IndicatorKind)
    check.choice(item, where, "direction", Direction)
    check.choice(item, where, "frequency", Frequency)
    check.choice(item, where, "rba_type", RbaType)
    if "scale" in item and item["scale"] not in (1, 100, 1000, 100000):
        check.error(f"{where}.scale", "must be 1, 100, 1000 or 100000")
    decimals = item.get("decimals", 0)
    if type(decimals) is not int or not 0 <= decimals <= MAX_DECIMALS:
        check.error(f"{where}.decimals", f"must be a whole number from 0 to {MAX_DECIMALS}")
    dims = item.get("dimensions", [])
    if not isinstance(dims, list):
        check.error(f"{where}.dimensions", "must be a list of dimension codes")
        dims = []
    for code in dims:
        if code not in categories_by_dimension:
            check.error(f"{where}.dimensions", f"{code!r} is not a dimension in this file")
    if len(dims) > MAX_DIMENSIONS:
        check.error(f"{where}.dimensions", f"at most {MAX_DIMENSIONS} dimensions")
    if item.get("result") and item["result"] not in result_codes:
        check.error(f"{where}.result", f"{item['result']!r} is not a result in this file")
    baseline = item.get("baseline")
    if baseline is not None:
        if not isinstance(baseline, dict) or not check.require(
            baseline, f"{where}.baseline", "period"
        ):
            check.error(f"{where}.baseline", 'must be {"period": ..., "value": ...}')
        else:
            check.period(baseline["period"], f"{where}.baseline.period")
            if baseline.get("value") is not None:
                check.number(baseline["value"], f"{where}.baseline.value")
    for t_index, target in enumerate(item.get("targets", [])):
        t_where = f"{where}.targets[{t_index}]"
        if not check.require(target, t_where, "period", "value"):
            continue
        check.period(target["period"], f"{t_where}.period")
        check.number(target["value"], f"{t_where}.value")
        for dim, category in (target.get("group") or {}).items():
            if dim not in dims:
                check.error(f"{t_where}.group", f"{dim!r} is not one of the indicator's dimensions")
            elif category not in categories_by_dimension.get(dim, set()):
                check.error(f"{t_where}.group", f"{category!r} is not a category of {dim!r}")


def _is_unknown(category: dict) -> bool:
    if "unknown" in category:
        return bool(category["unknown"])
    return category.get("code") in UNKNOWN_CODES


def _data_conflicts(data: dict) -> list[str]:
    """What the file would break in the data already reported, by path: an indicator with
    values or results keeps its kind, and every dimension its values are broken down by
    (``indicator_data_conflicts``, the indicator page's rule too)."""
    existing = {
        indicator.code: indicator
        for indicator in Indicator.objects.filter(
            initiative__slug=data["initiative"]["slug"]
        ).prefetch_related("dimensions")
    }
    check = _Checker()
    for index, item in enumerate(data.get("indicators", [])):
        indicator = existing.get(item["code"])
        if indicator is None:
            continue
        conflicts = indicator_data_conflicts(
            indicator=indicator, kind=item["kind"], dimension_codes=set(item.get("dimensions", []))
        )
        where = f"indicators[{index}]"
        if conflicts.kind:
            check.error(
                f"{where}.kind",
                f"{indicator.code} already has data as a {indicator.kind}, so its kind cannot "
                f"change to {item['kind']}; define a new indicator",
            )
        if conflicts.dimensions:
            codes = ", ".join(d.code for d in conflicts.dimensions)
            check.error(
                f"{where}.dimensions",
                f"data is already broken down by {codes}; keep it, or define a new indicator",
            )
    return check.errors


# ---- Import ----


def _texts(item: dict, *fields: str) -> dict:
    """English from ``field`` (or ``field_en``), other languages from ``field_<lang>``."""
    texts = {}
    for name in fields:
        for key in _language_keys(name):
            if key in item:
                texts[key] = item[key] or ""
        if name in item:
            texts[f"{name}_en"] = item[name] or ""
    return texts


def _upsert(model, lookup: dict, fields: dict):
    instance = model.objects.filter(**lookup).first() or model(**lookup)
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def definitions_import(*, data: dict, change_known_organizations: bool = True) -> Initiative:
    """Create or update the initiative and everything it defines. All or nothing: a file
    with any error raises DefinitionsError and writes nothing.

    Organizations exist once per installation. The operator's command may rename one the
    installation knows; a file uploaded by an initiative's backbone only makes it take part
    (``change_known_organizations=False``), since other initiatives know it by its name."""
    errors = definitions_validate(data) or _data_conflicts(data)
    if errors:
        raise DefinitionsError(errors)
    try:
        return _import(data, change_known_organizations)
    except ValidationError as error:
        raise DefinitionsError(
            [f"{k}: {', '.join(v)}" for k, v in error.message_dict.items()]
        ) from None


def _import(data: dict, change_known_organizations: bool) -> Initiative:
    spec = data["initiative"]
    initiative = _upsert(
        Initiative,
        {"slug": spec["slug"]},
        {
            **_texts(spec, "name", "vision", "problem_statement", "population_focus", "geography"),
            **({"phase": spec["phase"]} if "phase" in spec else {}),
        },
    )
    disclosure_policy_set(
        initiative=initiative,
        by=None,
        policy=_disclosure_policy(spec),
        source=DisclosurePolicySource.IMPORT,
    )
    for item in data.get("organizations", []):
        organization = Organization.objects.filter(code=item["code"]).first()
        if organization is None or change_known_organizations:
            organization = _upsert(
                Organization,
                {"code": item["code"]},
                {
                    **_texts(item, "name"),
                    **({"sector": item["sector"]} if "sector" in item else {}),
                },
            )
        Partnership.objects.update_or_create(
            initiative=initiative,
            organization=organization,
            defaults={"role": item.get("role", PartnershipRole.PARTNER), "is_active": True},
        )
    results = {
        item["code"]: _upsert(
            Result,
            {"initiative": initiative, "code": item["code"]},
            {**_texts(item, "title", "description"), "order": index},
        )
        for index, item in enumerate(data.get("results", []))
    }
    for index, item in enumerate(data.get("dimensions", [])):
        dimension = _upsert(
            Dimension,
            {"initiative": initiative, "code": item["code"]},
            {
                **_texts(item, "name", "description"),
                "overlapping": bool(item.get("overlapping", False)),
                "order": index,
            },
        )
        # Clear flags first so that moving the reference between categories never trips the
        # one-reference-per-dimension constraint half-way.
        dimension.categories.update(is_reference=False, is_unknown=False)
        for c_index, category in enumerate(item["categories"]):
            _upsert(
                Category,
                {"dimension": dimension, "code": category["code"]},
                {
                    **_texts(category, "name"),
                    "order": c_index,
                    "is_reference": bool(category.get("reference")),
                    "is_unknown": _is_unknown(category),
                },
            )
    for item in data.get("periods", []):
        period = period_for_code(actor=None, initiative=initiative, code=item["code"])
        if "due_date" in item:
            period.due_date = date.fromisoformat(item["due_date"]) if item["due_date"] else None
            period.save(update_fields=["due_date"])
    for index, item in enumerate(data.get("indicators", [])):
        _import_indicator(initiative, item, index, results)
    return initiative


def _import_indicator(initiative, item, index, results) -> None:
    baseline = item.get("baseline") or {}
    indicator = _upsert(
        Indicator,
        {"initiative": initiative, "code": item["code"]},
        {
            **_texts(item, *Indicator.TRANSLATED),
            "kind": item["kind"],
            **{
                name: item[name]
                for name in (
                    "scale",
                    "decimals",
                    "direction",
                    "frequency",
                    "rba_type",
                    "data_source",
                )
                if name in item
            },
            "result": results.get(item.get("result")) if item.get("result") else None,
            "baseline_period": period_for_code(
                actor=None, initiative=initiative, code=str(baseline["period"])
            )
            if baseline
            else None,
            "baseline_value": baseline.get("value"),
            "order": index,
            "is_active": item.get("active", True),
        },
    )
    indicator.dimensions.set(
        Dimension.objects.filter(initiative=initiative, code__in=item.get("dimensions", []))
    )
    indicator_cells_create(indicator=indicator)
    if "targets" in item:
        indicator.targets.all().delete()
        cells = dict(initiative.cells.values_list("key", "id"))
        Target.objects.bulk_create(
            Target(
                indicator=indicator,
                period=period_for_code(
                    actor=None, initiative=initiative, code=str(target["period"])
                ),
                cell_id=cells[cell_key(target.get("group") or {})],
                value=target["value"],
            )
            for target in item["targets"]
        )
