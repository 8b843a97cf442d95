"""What a reviewer needs beyond the numbers: the backbone's rules each value breaks (and
whether the partner explained it), the values that stand out from the organization's own
history, the data already stored that breaks a rule, and the queue of submissions waiting.
"""

from collections import defaultdict
from dataclasses import dataclass
from functools import partial

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _

from initiatives.models import Initiative
from measurement.cells import parse_cell_key
from measurement.choices import CommentKind, RuleKind, SubmissionStatus
from measurement.display import value_text
from measurement.models import (
    Category,
    DataValue,
    Indicator,
    Submission,
    SubmissionComment,
    ValueRule,
)
from measurement.selectors.definitions import cell_label
from measurement.selectors.submissions import previous_submission
from measurement.validation import Rule, RuleIssue, figure_of, outlier, rule_issues, size_of

HISTORY_PERIODS = 8


@dataclass(frozen=True)
class CheckedIssue:
    """A rule a value breaks, where (indicator and group), and whether a comment on it
    explains it."""

    issue: RuleIssue
    explained: bool
    indicator: Indicator
    where: str

    @property
    def text(self) -> str:
        return f"{self.indicator.name} · {self.where}: {self.issue.message}"

    @property
    def blocks(self) -> bool:
        """Whether it keeps the submission from being submitted."""
        return self.issue.is_error or not self.explained


@dataclass
class SubmissionChecks:
    """A submission's rule issues and outliers, per indicator id and cell key."""

    issues: dict[int, list[CheckedIssue]]
    outliers: dict[int, set[str]]

    def for_cell(self, indicator_id: int, key: str) -> list[CheckedIssue]:
        return [c for c in self.issues.get(indicator_id, []) if c.issue.cell_key == key]

    @property
    def blocking(self) -> list[CheckedIssue]:
        return [c for issues in self.issues.values() for c in issues if c.blocks]

    @property
    def warnings(self) -> int:
        return sum(len(issues) for issues in self.issues.values()) + sum(
            len(keys) for keys in self.outliers.values()
        )


def rules_by_indicator(indicator_ids) -> dict[int, list[Rule]]:
    rules: dict[int, list[Rule]] = defaultdict(list)
    for rule in ValueRule.objects.filter(indicator_id__in=list(indicator_ids)).select_related(
        "other"
    ):
        rules[rule.indicator_id].append(
            Rule(
                id=rule.pk,
                kind=rule.kind,
                severity=rule.severity,
                low=rule.low,
                high=rule.high,
                other=rule.other.name if rule.other else "",
                other_id=rule.other_id,
            )
        )
    return rules


def _cells(values) -> dict[int, dict[str, dict]]:
    """indicator id → cell key → its numbers."""
    cells: dict[int, dict[str, dict]] = defaultdict(dict)
    for v in values:
        cells[v.indicator_id][v.cell.key] = {
            "numerator": v.numerator,
            "denominator": v.denominator,
            "value": v.value,
        }
    return cells


def _figures(indicator: Indicator, cells: dict[str, dict]) -> dict[str, float]:
    figures = {key: figure_of(indicator.kind, indicator.scale, n) for key, n in cells.items()}
    return {key: f for key, f in figures.items() if f is not None}


def submission_checks(*, submission: Submission) -> SubmissionChecks:
    """Every rule the submission's values break, explained or not, and its outliers."""
    values = list(
        DataValue.objects.filter(submission=submission)
        .select_related("cell", "indicator")
        .prefetch_related(
            Prefetch("cell__categories", queryset=Category.objects.select_related("dimension"))
        )
    )
    indicators = {v.indicator_id: v.indicator for v in values}
    labels = {v.cell.key: cell_label(v.cell) for v in values}
    now = _cells(values)
    dimension_sets = {v.cell.key: v.cell.dimension_set for v in values}
    previous = previous_submission(submission=submission)
    before = (
        _cells(DataValue.objects.filter(submission=previous).select_related("cell"))
        if previous
        else {}
    )
    rules = rules_by_indicator(indicators)
    sizes = {i: size_of(indicators[i].kind, cells, dimension_sets) for i, cells in now.items()}
    explained = _explained(submission)
    issues = {}
    for indicator_id, indicator_rules in rules.items():
        indicator = indicators[indicator_id]
        found = _indicator_issues(
            indicator, indicator_rules, now[indicator_id], before.get(indicator_id, {}), sizes
        )
        issues[indicator_id] = [
            CheckedIssue(
                issue,
                explained=(indicator_id, "") in explained
                or (indicator_id, issue.cell_key) in explained,
                indicator=indicator,
                where=labels.get(issue.cell_key, "") or _("Total"),
            )
            for issue in found
        ]
    return SubmissionChecks(
        issues={i: found for i, found in issues.items() if found},
        outliers=_outliers(submission, indicators, now),
    )


def typed_rule_issues(
    *,
    submission: Submission,
    indicator: Indicator,
    numbers: dict[str, dict],
    rules: list[Rule] | None = None,
) -> list[RuleIssue]:
    """What the indicator's rules (``rules``, if the caller read them already) say about
    ``numbers`` (cell key → numbers) typed into the submission's grid, before they are
    saved: as the partner types."""
    if rules is None:
        rules = rules_by_indicator([indicator.pk]).get(indicator.pk, [])
    if not rules:
        return []
    previous = previous_submission(submission=submission)
    before = (
        _cells(
            DataValue.objects.filter(submission=previous, indicator=indicator).select_related(
                "cell"
            )
        ).get(indicator.pk, {})
        if previous
        else {}
    )
    others = [r.other_id for r in rules if r.other_id]
    stored = list(
        DataValue.objects.filter(submission=submission, indicator_id__in=others).select_related(
            "cell", "indicator"
        )
    )
    dimension_sets = {v.cell.key: v.cell.dimension_set for v in stored} | {
        key: ";".join(parse_cell_key(key)) for key in numbers
    }
    other_kinds = {v.indicator_id: v.indicator.kind for v in stored}
    other_sizes = {
        i: size_of(other_kinds[i], cells, dimension_sets) for i, cells in _cells(stored).items()
    }
    sizes = {**other_sizes, indicator.pk: size_of(indicator.kind, numbers, dimension_sets)}
    return _indicator_issues(indicator, rules, numbers, before, sizes)


def _indicator_issues(indicator, rules, now: dict, before: dict, sizes: dict) -> list[RuleIssue]:
    """The rules one indicator's cells (``now``, beside last period's ``before``) break;
    ``sizes`` holds each indicator's total in the submission, for the ratios."""
    return rule_issues(
        rules,
        _figures(indicator, now),
        _figures(indicator, before),
        total=sizes.get(indicator.pk),
        other_totals={r.id: sizes.get(r.other_id or 0) for r in rules if r.kind == RuleKind.RATIO},
        show=partial(value_text, indicator),
    )


def _explained(submission: Submission) -> set[tuple[int, str]]:
    """(indicator id, cell key) the partner's comments speak to ("" for the whole
    indicator)."""
    return {
        (indicator_id, key or "")
        for indicator_id, key in SubmissionComment.objects.filter(
            submission=submission, kind=CommentKind.COMMENT, indicator__isnull=False
        ).values_list("indicator_id", "cell__key")
    }


def _outliers(submission, indicators, now) -> dict[int, set[str]]:
    """Cells whose figure stands out from the organization's own approved history."""
    history: dict[tuple[int, str], list[float]] = defaultdict(list)
    earlier = (
        DataValue.objects.filter(
            submission__organization_id=submission.organization_id,
            submission__initiative_id=submission.initiative_id,
            submission__status=SubmissionStatus.APPROVED,
            submission__period__kind=submission.period.kind,
            submission__period__start__lt=submission.period.start,
            indicator_id__in=list(indicators),
        )
        .select_related("cell")
        .order_by("-submission__period__start")
    )
    for v in earlier:
        if len(history[(v.indicator_id, v.cell.key)]) < HISTORY_PERIODS:
            indicator = indicators[v.indicator_id]
            figure = figure_of(
                indicator.kind,
                indicator.scale,
                {"numerator": v.numerator, "denominator": v.denominator, "value": v.value},
            )
            if figure is not None:
                history[(v.indicator_id, v.cell.key)].append(figure)
    found: dict[int, set[str]] = defaultdict(set)
    for indicator_id, cells in now.items():
        for key, figure in _figures(indicators[indicator_id], cells).items():
            if outlier(figure, history.get((indicator_id, key), [])):
                found[indicator_id].add(key)
    return dict(found)


def rule_breaches(*, indicator: Indicator) -> list[dict]:
    """Data already stored (submitted or approved) that breaks one of the indicator's rules:
    listed for the backbone, never silently kept."""
    submissions = (
        Submission.objects.filter(
            values__indicator=indicator,
            status__in=[SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED],
        )
        .distinct()
        .select_related("organization", "period", "initiative")
        .order_by("-period__start", "organization__name")
    )
    breaches = []
    for submission in submissions:
        checks = submission_checks(submission=submission)
        for checked in checks.issues.get(indicator.pk, []):
            breaches.append({"submission": submission, "checked": checked})
    return breaches


def review_queue(*, initiative: Initiative, sort: str = "due") -> list[dict]:
    """Submissions waiting for review, each with its due date and how many warnings its
    values raise: by due date (oldest first), or by warnings (most first)."""
    waiting = (
        Submission.objects.filter(initiative=initiative, status=SubmissionStatus.SUBMITTED)
        .select_related("organization", "period")
        .annotate(indicators=Count("values__indicator", distinct=True))
        .filter(~Q(indicators=0))
    )
    rows = []
    for submission in waiting:
        checks = submission_checks(submission=submission)
        rows.append(
            {
                "submission": submission,
                "due": submission.period.deadline,
                "warnings": checks.warnings,
                "errors": sum(1 for c in checks.blocking if c.issue.is_error),
            }
        )
    if sort == "warnings":
        return sorted(rows, key=lambda r: (-r["warnings"], r["due"]))
    return sorted(rows, key=lambda r: (r["due"], r["submission"].submitted_at or r["due"]))


def reviewable_submissions(*, initiative: Initiative, ids) -> list[Submission]:
    """The submitted submissions of the initiative among ``ids`` (text from a form)."""
    wanted = [int(i) for i in ids if str(i).isdigit()]
    return list(
        Submission.objects.filter(
            initiative=initiative, pk__in=wanted, status=SubmissionStatus.SUBMITTED
        )
        .select_related("organization", "period", "initiative")
        .order_by("period__start", "organization__name")
    )


def recomputed_by_approving(*, submissions: list[Submission]) -> list[dict]:
    """What approving ``submissions`` recomputes: per period, the indicators whose figures
    for all partners and for every group change."""
    indicators: dict[int, set[int]] = defaultdict(set)
    for submission_id, indicator_id in (
        DataValue.objects.filter(submission__in=submissions)
        .values_list("submission_id", "indicator_id")
        .distinct()
    ):
        indicators[submission_id].add(indicator_id)
    names = dict(
        Indicator.objects.filter(
            pk__in={i for ids in indicators.values() for i in ids}
        ).values_list("pk", "name")
    )
    periods: dict[int, dict] = {}
    for submission in submissions:
        entry = periods.setdefault(
            submission.period_id, {"period": submission.period, "indicators": set()}
        )
        entry["indicators"] |= {names[i] for i in indicators[submission.pk]}
    return [
        {"period": e["period"], "indicators": sorted(e["indicators"])}
        for e in sorted(periods.values(), key=lambda e: e["period"].start)
    ]
