"""Rules every reported number must obey, whichever way it arrives (form, file or API).
Pure functions: no Django models, messages ready to show beside the field."""

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations, product
from statistics import median

from django.utils.translation import gettext as _

from core import formats
from measurement.cells import cell_key, parse_cell_key
from measurement.choices import IndicatorKind, RuleKind, RuleSeverity

# Which of numerator, denominator and value each kind of indicator uses.
FIELDS_BY_KIND = {
    IndicatorKind.COUNT: ("value",),
    IndicatorKind.RATE: ("numerator", "denominator"),
    IndicatorKind.AVERAGE: ("value", "denominator"),
}


def reported_fields(kind: str) -> tuple[str, ...]:
    return FIELDS_BY_KIND[IndicatorKind(kind)]


# ---- Numbers that can be stored ----

# The largest number any field may hold: a trillion people, events or points. Far beyond any
# real count, yet exact as a float (whole numbers are exact up to 2**53, about 9e15) even
# summed over a file's 200,000 rows, so totals and rates stay exact and finite. NaN and
# infinity are never numbers: stored, they turn every result of their cell into "inf" or 0%.
MAX_NUMBER = 1e12


def number_problem(number: float) -> str | None:
    """Why ``number`` cannot be stored at all, whatever it counts; None when it can. The
    vectorised twin is ``datafiles._check_numbers``."""
    if not math.isfinite(number):
        return _("Not a usable number (infinity or NaN); type the number itself.")
    if abs(number) > MAX_NUMBER:
        return _("Too large: at most %(max)s is accepted.") % {"max": f"{MAX_NUMBER:,.0f}"}
    return None


def usable(number: float | None) -> bool:
    """Whether ``number`` is a number that can be stored (lenient readers skip the rest)."""
    return number is not None and number_problem(number) is None


def value_errors(
    kind: str,
    *,
    numerator: float | None = None,
    denominator: float | None = None,
    value: float | None = None,
) -> dict[str, str]:
    """Errors by field name for one cell's numbers; empty when they are acceptable.

    A cell with every field blank is "not reported" and valid; a cell with some fields blank
    is incomplete."""
    numbers = {"numerator": numerator, "denominator": denominator, "value": value}
    fields = reported_fields(kind)
    errors: dict[str, str] = {}
    present = [name for name in fields if numbers[name] is not None]
    if not present:
        return errors
    for name in fields:
        number = numbers[name]
        if number is None:
            errors[name] = _("Fill this in too, or leave the whole cell empty.")
        elif problem := number_problem(number):
            errors[name] = problem
        elif number < 0:
            errors[name] = _("Cannot be negative.")
        elif _must_be_whole(kind, name) and number != int(number):
            errors[name] = _("Must be a whole number: this counts people or events.")
    if errors:
        return errors
    # Every reported field is filled by now: a rate's numerator and denominator are numbers.
    if kind == IndicatorKind.RATE and (numerator or 0) > (denominator or 0):
        errors["numerator"] = _("Cannot be larger than the denominator.")
    return errors


def _must_be_whole(kind: str, field: str) -> bool:
    # An average's value is a mean score and may have decimals; everything else is a count.
    return not (kind == IndicatorKind.AVERAGE and field == "value")


# ---- Totals that must agree ----

# The numbers that add up across groups: counts of people or events.
ADDITIVE = {
    IndicatorKind.COUNT: ("value",),
    IndicatorKind.RATE: ("numerator", "denominator"),
    IndicatorKind.AVERAGE: ("denominator",),
}


def _sum(kind: str, numbers: Mapping[str, Mapping], keys: list[str]) -> dict | None:
    """The additive numbers of ``keys`` summed, or None unless every one was reported."""
    fields = ADDITIVE[IndicatorKind(kind)]
    if not keys or any(key not in numbers for key in keys):
        return None
    rows = [numbers[key] for key in keys]
    if any(row.get(field) is None for row in rows for field in fields):
        return None
    return {field: sum(row[field] for row in rows) for field in fields}


def _complete(kind: str, numbers: Mapping[str, Mapping], key: str) -> dict | None:
    return _sum(kind, numbers, [key])


def consistency_errors(
    kind: str,
    numbers: Mapping[str, Mapping],
    dimensions: Mapping[str, tuple[list[str], bool]],
    labels: Mapping[str, str],
) -> dict[str, str]:
    """Where totals reported at two levels disagree, by the cell key to show the message at.

    ``numbers`` maps cell keys to their numbers; ``dimensions`` maps each of the indicator's
    dimension codes to (its category codes, whether it is overlapping); ``labels`` names
    dimensions and the total for messages. Only complete sets are compared (a blank cell is
    "not reported", not zero), and overlapping dimensions are never added up."""
    errors: dict[str, str] = {}
    exclusive = [d for d, (_cats, overlapping) in dimensions.items() if not overlapping]
    total = _complete(kind, numbers, "")

    def disagree(where: str, got: dict, expected: dict, message: str) -> None:
        for field, value in got.items():
            if value != expected[field]:
                errors.setdefault(
                    where,
                    message
                    % {
                        "what": _FIELD_NAMES[field](),
                        "sum": _number(value),
                        "expected": _number(expected[field]),
                    },
                )
                return

    margins = {}
    for dim in exclusive:
        margin = _sum(kind, numbers, [cell_key({dim: c}) for c in dimensions[dim][0]])
        margins[dim] = margin
        if margin is not None and total is not None:
            disagree(
                cell_key({dim: dimensions[dim][0][0]}),
                margin,
                total,
                str(
                    _(
                        "By %(dimension)s the %%(what)s adds up to %%(sum)s, but the total says "
                        "%%(expected)s."
                    )
                    % {"dimension": labels[dim]}
                ),
            )
    complete = {d: margin for d, margin in margins.items() if margin is not None}
    if total is None and len(complete) > 1:
        first, *rest = complete
        for other in rest:
            disagree(
                cell_key({other: dimensions[other][0][0]}),
                complete[other],
                complete[first],
                str(
                    _(
                        "By %(dimension)s the %%(what)s adds up to %%(sum)s, but by "
                        "%(first)s it adds up to %%(expected)s."
                    )
                    % {"dimension": labels[other], "first": labels[first]}
                ),
            )

    for key, message in parts_over_whole_errors(kind, numbers, dimensions, labels).items():
        errors.setdefault(key, message)

    # A group's own figure against its breakdown by the other dimensions.
    if len(dimensions) > 1:
        for dim, (categories, _overlapping) in dimensions.items():
            others = [d for d in dimensions if d != dim]
            if any(dimensions[d][1] for d in others):
                continue
            for category in categories:
                marginal = _complete(kind, numbers, cell_key({dim: category}))
                if marginal is None:
                    continue
                leaves = [
                    cell_key({dim: category, **dict(zip(others, combo, strict=True))})
                    for combo in product(*(dimensions[d][0] for d in others))
                ]
                summed = _sum(kind, numbers, leaves)
                if summed is not None:
                    disagree(
                        leaves[0],
                        summed,
                        marginal,
                        str(
                            _(
                                "The breakdown of %(group)s adds up to %%(sum)s for the %%(what)s, "
                                "but its own row says %%(expected)s."
                            )
                            % {"group": labels.get(cell_key({dim: category}), category)}
                        ),
                    )
    return errors


def parts_over_whole_errors(
    kind: str,
    numbers: Mapping[str, Mapping],
    dimensions: Mapping[str, tuple[list[str], bool]],
    labels: Mapping[str, str],
) -> dict[str, str]:
    """Where the groups reported so far under a whole already add up to more than it: the
    groups of one level (the same dimensions fixed) are disjoint along exclusive dimensions,
    so whatever is still to come, they can only add to the whole. Checked for every reported
    whole — the total and every group — and every level below it."""
    fields = ADDITIVE[IndicatorKind(kind)]
    overlapping = {d for d, (_cats, is_overlapping) in dimensions.items() if is_overlapping}
    # One pass over the groups: each joins, at its level, every reported whole above it
    # along exclusive dimensions (a handful of subsets per group, not every pair of cells).
    below: dict[str, dict[frozenset, list[str]]] = {}
    for key in numbers:
        for whole_key, level in _wholes_above(key, frozenset(overlapping)):
            if whole_key in numbers:
                below.setdefault(whole_key, {}).setdefault(level, []).append(key)
    errors: dict[str, str] = {}
    for whole_key, whole in numbers.items():
        fixed = parse_cell_key(whole_key)
        levels = below.get(whole_key, {})
        for level in sorted(levels, key=sorted):
            keys = sorted(levels[level])
            for field in fields:
                if whole.get(field) is None:
                    continue
                reported = sum(numbers[k][field] for k in keys if numbers[k].get(field) is not None)
                if reported > whole[field]:
                    errors.setdefault(
                        keys[0],
                        _(
                            "The groups of %(whole)s reported so far by %(dimensions)s already "
                            "add up to %(sum)s for the %(what)s, more than its own %(expected)s."
                        )
                        % {
                            "whole": _whole_label(whole_key, labels),
                            "dimensions": _(" and ").join(
                                str(labels.get(d, d)) for d in sorted(level - set(fixed))
                            ),
                            "sum": _number(reported),
                            "what": _FIELD_NAMES[field](),
                            "expected": _number(whole[field]),
                        },
                    )
                    break
    return errors


@lru_cache(maxsize=8192)
def _wholes_above(key: str, overlapping: frozenset) -> tuple[tuple[str, frozenset], ...]:
    """The cells a cell is a part of along exclusive dimensions (every subset of its
    categories, fewer than all), with the cell's level. Cached: every submission of an
    initiative has the same cells."""
    parts = parse_cell_key(key)
    level = frozenset(parts)
    return tuple(
        (cell_key({d: parts[d] for d in above}), level)
        for size in range(len(parts))
        for above in combinations(sorted(parts), size)
        if not (level - set(above)) & overlapping
    )


def _whole_label(key: str, labels: Mapping[str, str]) -> str:
    if not key:
        return str(_("the total"))
    return " · ".join(str(labels.get(cell_key({d: c}), c)) for d, c in parse_cell_key(key).items())


def _number(value: float) -> str:
    return formats.local_number(value, 0 if float(value).is_integer() else 2)


_FIELD_NAMES = {
    "numerator": lambda: _("numerator"),
    "denominator": lambda: _("denominator"),
    "value": lambda: _("value"),
}


# ---- The backbone's rules and outliers ----


@dataclass(frozen=True)
class Rule:
    """A backbone's rule on an indicator (``models.ValueRule``) as plain data."""

    id: int
    kind: str
    severity: str
    low: float | None
    high: float | None
    other: str = ""
    """The other indicator's name, for a ratio."""
    other_id: int | None = None


@dataclass(frozen=True)
class RuleIssue:
    """A figure that breaks a rule: an error blocks submission, a warning needs a comment."""

    rule_id: int
    severity: str
    cell_key: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity == RuleSeverity.ERROR


def rule_issues(
    rules: list[Rule],
    figures: Mapping[str, float],
    before: Mapping[str, float],
    *,
    total: float | None = None,
    other_totals: Mapping[int, float | None] | None = None,
    show: Callable[[float], str] = lambda value: _number(value),
) -> list[RuleIssue]:
    """Which figures (cell key → figure) break which rules. ``before`` holds the same
    organization's figures of its previous period, ``total`` the size of this indicator's
    submission (summed denominators or counts) and ``other_totals`` the same of the other
    indicator of each ratio rule (rule id → total). ``show`` writes a figure in its units."""
    issues = []
    for rule in rules:
        if rule.kind == RuleKind.RANGE:
            issues += [
                RuleIssue(rule.id, rule.severity, key, _range_message(figure, rule, show))
                for key, figure in figures.items()
                if not _within(figure, rule.low, rule.high)
            ]
        elif rule.kind == RuleKind.MAX_CHANGE and rule.high is not None:
            for key, figure in figures.items():
                previous = before.get(key)
                if previous and abs(figure - previous) / abs(previous) * 100 > rule.high:
                    issues.append(
                        RuleIssue(
                            rule.id,
                            rule.severity,
                            key,
                            _(
                                "%(now)s changed by %(change)s%% from %(before)s last period; "
                                "more than %(limit)s%% is unusual."
                            )
                            % {
                                "now": show(figure),
                                "before": show(previous),
                                "change": _number(round((figure - previous) / previous * 100)),
                                "limit": _number(rule.high),
                            },
                        )
                    )
        elif rule.kind == RuleKind.RATIO:
            other = (other_totals or {}).get(rule.id)
            if total is None or not other:
                continue
            ratio = total / other
            if not _within(ratio, rule.low, rule.high):
                issues.append(
                    RuleIssue(
                        rule.id,
                        rule.severity,
                        "",
                        _(
                            "The total is %(ratio)s times that of %(other)s; expected between "
                            "%(low)s and %(high)s."
                        )
                        % {
                            "ratio": formats.local_number(ratio, 2),
                            "other": rule.other,
                            "low": "—" if rule.low is None else _number(rule.low),
                            "high": "—" if rule.high is None else _number(rule.high),
                        },
                    )
                )
    return issues


def _within(figure: float, low: float | None, high: float | None) -> bool:
    return (low is None or figure >= low) and (high is None or figure <= high)


def _range_message(figure: float, rule: Rule, show: Callable[[float], str]) -> str:
    if rule.low is not None and figure < rule.low:
        return _("%(figure)s is below the lowest expected, %(low)s.") % {
            "figure": show(figure),
            "low": show(rule.low),
        }
    return _("%(figure)s is above the highest expected, %(high)s.") % {
        "figure": show(figure),
        "high": show(rule.high if rule.high is not None else figure),
    }


# A figure is an outlier when its robust z-score against the organization's own history is
# beyond this (Iglewicz and Hoaglin's 3.5), or, when the history does not vary, when it leaves
# the history's range; either needs at least this many earlier periods.
OUTLIER_Z = 3.5
OUTLIER_HISTORY = 4


def outlier(figure: float, history: list[float]) -> bool:
    """Whether ``figure`` stands out from the same cell's earlier figures."""
    if len(history) < OUTLIER_HISTORY:
        return False
    middle = median(history)
    spread = median(abs(x - middle) for x in history)
    if spread == 0:
        return not min(history) <= figure <= max(history)
    return abs(0.6745 * (figure - middle) / spread) > OUTLIER_Z


def figure_of(kind: str, scale: float, numbers: Mapping) -> float | None:
    """The figure a cell's numbers make: a rate in its scale, a count, an average."""
    if kind == IndicatorKind.RATE:
        numerator, denominator = numbers.get("numerator"), numbers.get("denominator")
        if numerator is None or not denominator:
            return None
        return scale * numerator / denominator
    return numbers.get("value")


def size_of(kind: str, cells: Mapping[str, Mapping], dimension_sets: Mapping[str, str]) -> float:
    """How many people an indicator's cells cover: the largest sum of denominators (or
    counts) over any one breakdown (``dimension_sets``: cell key → its dimension set)."""
    field = "value" if kind == IndicatorKind.COUNT else "denominator"
    sums: dict[str, float] = {}
    for key, numbers in cells.items():
        number = numbers.get(field)
        if number is not None:
            sums[dimension_sets[key]] = sums.get(dimension_sets[key], 0.0) + number
    return max(sums.values(), default=0.0)
