"""Selectors that feed the dashboards: the initiative's scorecard, an indicator's page and the
equity gaps.

They read computed results only — or, for one partner's part, that partner's approved values
put through the engine — and every figure passes through ``selectors.publish`` for the audience.
What is expensive is cached under the initiative's results version, which each finished
computation changes: the cache never serves figures older than the last run.
"""

from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.db.models import Prefetch

from initiatives import roles
from initiatives.models import Initiative
from measurement import engine, on_track, statistics
from measurement.cells import cell_key, parse_cell_key
from measurement.choices import OnTrack, RbaType, Trend
from measurement.display import difference_unit, indicator_unit
from measurement.models import (
    Category,
    Cell,
    ComputedResult,
    Dimension,
    DimensionDisparity,
    Indicator,
    ReportingPeriod,
    Target,
)
from measurement.selectors.completeness import indicator_completeness, latest_final
from measurement.selectors.computations import approved_values_frame, engine_definitions
from measurement.selectors.definitions import cell_label, indicator_list
from measurement.selectors.results import PublishedResult, publish, rounded
from measurement.selectors.suppression import disclosure_note, indicator_disclosures

# ---- Helpers ----


def _spec(indicator: Indicator) -> engine.IndicatorSpec:
    return engine.IndicatorSpec(
        id=indicator.pk,
        kind=indicator.kind,
        scale=indicator.scale if indicator.is_rate else 1,
        higher_is_better=indicator.higher_is_better,
    )


def _category_cells():
    return Prefetch("cell__categories", queryset=Category.objects.select_related("dimension"))


def _targets_by_indicator(initiative: Initiative) -> dict[int, list[Target]]:
    targets = defaultdict(list)
    for target in Target.objects.filter(indicator__initiative=initiative).select_related(
        "period", "cell"
    ):
        targets[target.indicator_id].append(target)
    return targets


# ---- Overview ----


@dataclass
class ScorecardRow:
    """One indicator on the scorecard."""

    indicator: Indicator
    series: list = field(default_factory=list)
    baseline: float | None = None
    baseline_period: ReportingPeriod | None = None
    latest: PublishedResult | None = None
    target: float | None = None
    target_period: ReportingPeriod | None = None
    """The period of the universal target that applies to the latest period (``target``)."""
    progress: float | None = None
    """The share of the way from the baseline to the target the latest figure has come
    (``progress_to_target``: 0.4 is 40%); None when the audience may not see it."""
    status: str | None = None
    on_track: str | None = None
    """``OnTrack``: the trend against the trajectory the target needs (``on_track``), read
    from final figures; None when there is no figure, or it would rest on a hidden one."""
    projected: float | None = None
    """Where the trend puts the indicator at the target's date (the latest final figure once
    that date has come)."""
    expected_now: float | None = None
    """Where the straight line from the baseline to the target says it should be now."""
    target_passed: bool = False
    status_period: ReportingPeriod | None = None
    """The latest final period the on-track status is read at."""
    largest_gap: "GapRow | None" = None
    """The indicator's largest gap where a group is worse off than its reference."""
    disclosure: str = ""
    """For an audience that sees small cells: how many of the indicator's cells restricted
    audiences cannot see, and why ("" for the others)."""
    unsettled: list = field(default_factory=list)
    """The provisional periods after the latest one shown (``Completeness``), newest last."""

    @property
    def status_label(self) -> str:
        return str(Trend(self.status).label) if self.status else ""

    @property
    def on_track_label(self) -> str:
        return str(OnTrack(self.on_track).label) if self.on_track else ""


# The performance measures' subsections, in the order RBA asks its questions.
PERFORMANCE_MEASURES = (RbaType.HOW_MUCH, RbaType.HOW_WELL, RbaType.BETTER_OFF)


def overview(
    *,
    audience: roles.Audience,
    initiative: Initiative,
    indicators=None,
    include_provisional: bool = False,
    as_of: ReportingPeriod | None = None,
) -> dict:
    """The scorecard of every result and its indicators — baseline, latest, target, progress
    to the target, whether the trend is on track to reach it, direction-aware status since the
    baseline, the series for a sparkline, the largest gap — and the largest equity gaps; for
    an audience that sees small cells, how much of each indicator the others cannot see.

    "Latest" is the latest *final* period of each indicator, and the series ends there, with
    the provisional periods after it named; ``include_provisional`` shows them too, each
    labelled. ``as_of`` shows the scorecard as it stood at that period: nothing after it.

    The rows come grouped three ways: ``results`` (every indicator under its result),
    ``population`` (the population indicators under their results) and ``performance``
    (the performance measures under RBA's three questions)."""
    indicators = list(
        indicators if indicators is not None else indicator_list(initiative=initiative)
    )
    rows = {i.pk: ScorecardRow(indicator=i) for i in indicators}
    completeness = indicator_completeness(initiative=initiative)
    totals = (
        ComputedResult.objects.initiative_wide()
        .totals()
        .filter(initiative=initiative, indicator__in=list(rows))
        .select_related("period", "cell")
        .order_by("period__start")
    )
    computed_in: set[tuple[int, int]] = set()
    periods: dict[int, ReportingPeriod] = {}
    for result in totals:
        computed_in.add((result.indicator_id, result.period_id))
        periods[result.period_id] = result.period
        if as_of is not None and result.period.start > as_of.start:
            continue
        found = completeness.get((result.indicator_id, result.period_id))
        rows[result.indicator_id].series.append(publish(result, audience, found))
    finals = {}
    for row in rows.values():
        finals[row.indicator.pk] = [
            p
            for p in row.series
            if not getattr(completeness.get((row.indicator.pk, p.period.pk)), "provisional", False)
        ]
        row.latest = row.series[-1] if row.series else None
        if not include_provisional and row.series:
            row.latest = latest_final(row.series, completeness, row.indicator.pk)
            shown = row.series.index(row.latest) + 1 if row.latest else 0
            row.unsettled = [p.completeness for p in row.series[shown:]]
            row.series = row.series[:shown]
    if audience.unsuppressed:
        disclosures = indicator_disclosures(initiative=initiative, indicators=list(rows))
        for indicator_id, disclosure in disclosures.items():
            rows[indicator_id].disclosure = disclosure.line
    targets = _UniversalTargets(initiative)
    gaps = _gaps(audience, initiative, indicators, completeness, as_of=as_of)
    for gap in gaps:
        row = rows[gap.indicator.pk]
        if gap.worse and row.largest_gap is None:
            row.largest_gap = gap
    for row in rows.values():
        row.baseline_period = row.indicator.baseline_period
        if row.latest is None:
            continue
        row.baseline = row.latest.baseline
        row.target = row.latest.target
        row.progress = row.latest.progress_to_target
        row.status = engine.change_status(
            row.latest.change_since_baseline, level=row.baseline, spec=_spec(row.indicator)
        )
        applies = targets.applying(row.indicator.pk, row.latest.period.start)
        row.target_period = applies.period if applies else None
        _judge(row, finals[row.indicator.pk], targets, computed_in)
    agenda = list(initiative.results.all())
    population = [rows[i.pk] for i in indicators if i.rba_type == RbaType.POPULATION]
    latest_periods = [r.latest.period for r in rows.values() if r.latest is not None]
    return {
        "results": _by_result(agenda, [rows[i.pk] for i in indicators]),
        "population": _by_result(agenda, population),
        "performance": [
            {
                "rba_type": kind,
                "rows": [rows[i.pk] for i in indicators if i.rba_type == kind],
            }
            for kind in PERFORMANCE_MEASURES
            if any(i.rba_type == kind for i in indicators)
        ],
        "include_provisional": include_provisional,
        "as_of": as_of,
        # The periods the scorecard can be shown as of: those with figures, oldest first.
        "periods": sorted(periods.values(), key=lambda p: p.start),
        "gaps": gaps[:8],
        "latest_period": max(latest_periods, key=lambda p: p.start) if latest_periods else None,
        "disclosure_note": disclosure_note(r.latest for r in rows.values()),
    }


def _by_result(agenda: list, rows: list[ScorecardRow]) -> list[dict]:
    """Rows under the common agenda's results, in their order; those of no result last."""
    grouped = []
    for result in agenda:
        members = [r for r in rows if r.indicator.result_id == result.pk]
        if members:
            grouped.append({"result": result, "rows": members})
    unassigned = [r for r in rows if r.indicator.result_id is None]
    if unassigned:
        grouped.append({"result": None, "rows": unassigned})
    return grouped


class _UniversalTargets:
    """Each indicator's universal targets; ``applying(indicator_id, date)`` is the one that
    applies at that date (``on_track.applicable_target``)."""

    def __init__(self, initiative: Initiative):
        self.by_indicator = {
            indicator_id: {t.period.start: t for t in targets if t.cell.key == ""}
            for indicator_id, targets in _targets_by_indicator(initiative).items()
        }

    def applying(self, indicator_id: int, when) -> Target | None:
        by_date = self.by_indicator.get(indicator_id, {})
        point = on_track.applicable_target(
            [on_track.Point(start, t.value) for start, t in by_date.items()], when
        )
        return by_date[point.when] if point else None


def _judge(row: ScorecardRow, finals: list, targets: _UniversalTargets, computed_in: set) -> None:
    """The row's on-track status, read at its latest final figure from the final figures of
    the same kind of period up to it, as the audience sees them (``on_track``)."""
    indicator = row.indicator
    latest = finals[-1] if finals else None
    if latest is None:
        return
    figures = [
        on_track.Point(p.period.start, p.value)
        for p in finals
        if p.period.kind == latest.period.kind
    ]
    target = targets.applying(indicator.pk, latest.period.start)
    baseline = None
    if row.baseline_period is not None:
        # The baseline exists when it was given, or computed for its period: a baseline the
        # audience may not see is hidden (no status), not missing ("no baseline").
        exists = indicator.baseline_value is not None or (
            (indicator.pk, row.baseline_period.pk) in computed_in
        )
        if exists:
            baseline = on_track.Point(row.baseline_period.start, latest.baseline)
    verdict = on_track.on_track(
        figures,
        baseline=baseline,
        target=on_track.Point(target.period.start, target.value) if target else None,
        spec=_spec(indicator),
    )
    if verdict is None:
        return
    row.on_track = verdict.status
    row.projected = verdict.projected
    row.expected_now = verdict.expected_now
    row.target_passed = verdict.target_passed
    row.status_period = latest.period
    if target is not None and row.target_period is None:
        row.target_period = target.period


def scorecard_export_rows(data: dict):
    """The scorecard file's rows (``exports.SCORECARD_COLUMNS``) from ``overview``'s answer:
    one per indicator, in the page's sections, with what the page shows — each figure as
    published to the audience, exact and rounded to the indicator's decimal places."""
    sections = [("population", group["rows"]) for group in data["population"]]
    sections += [(section["rba_type"], section["rows"]) for section in data["performance"]]
    for section, rows in sections:
        for row in rows:
            yield _scorecard_export_row(section, row)


def _scorecard_export_row(section: str, row: ScorecardRow) -> dict:
    indicator = row.indicator
    decimals = indicator.decimals
    latest, gap = row.latest, row.largest_gap
    return {
        "section": section,
        "result": indicator.result.title if indicator.result else "",
        "indicator": indicator.code,
        "indicator_name": indicator.name,
        "unit": indicator_unit(indicator),
        "baseline_period": row.baseline_period.code if row.baseline_period else "",
        "baseline": row.baseline,
        "baseline_rounded": rounded(row.baseline, decimals),
        "latest_period": latest.period.code if latest else "",
        "latest": latest.value if latest else None,
        "latest_rounded": rounded(latest.value, decimals) if latest else None,
        "latest_suppressed": latest.suppressed if latest else None,
        "latest_provisional": bool(latest.completeness and latest.completeness.provisional)
        if latest
        else None,
        "target_period": row.target_period.code if row.target_period else "",
        "target": row.target,
        "target_rounded": rounded(row.target, decimals),
        "progress_to_target": row.progress,
        "on_track": row.on_track or "",
        "on_track_label": row.on_track_label,
        "status_period": row.status_period.code if row.status_period else "",
        "projected": row.projected,
        "projected_rounded": rounded(row.projected, decimals),
        "expected_now": row.expected_now,
        "expected_now_rounded": rounded(row.expected_now, decimals),
        "largest_gap_group": gap.group if gap else "",
        "largest_gap_reference": gap.reference if gap else "",
        "largest_gap_period": gap.period.code if gap else "",
        "largest_gap_difference": gap.difference if gap else None,
        "largest_gap_difference_rounded": rounded(gap.difference, decimals) if gap else None,
        "largest_gap_unit": difference_unit(indicator) if gap else "",
        "largest_gap_movement": gap.movement if gap else "",
    }


# ---- Equity gaps ----


@dataclass
class GapRow:
    """A group's gap to its reference group on one indicator, now and a year or so ago, and
    how far it is from the best-off published group of the same breakdown."""

    indicator: Indicator
    dimension: str
    group: str
    period: ReportingPeriod
    value: float
    reference: str
    difference: float
    ratio: float | None
    significant: bool | None
    worse: bool
    earlier_difference: float | None
    movement: str  # closing / widening / steady / ""
    target: float | None
    best: str = ""
    difference_from_best: float | None = None
    is_best: bool = False
    result: PublishedResult | None = None

    @property
    def size(self) -> float:
        return abs(self.difference)


def equity_gaps(
    *,
    audience: roles.Audience,
    initiative: Initiative,
    indicators=None,
    dimension: str | None = None,
    sort: str = "size",
    as_of: ReportingPeriod | None = None,
) -> list[GapRow]:
    """Every disaggregated indicator's gaps between each group and its reference group in the
    latest final period, with whether each is closing or widening: sorted by size (groups worse off
    than their reference first) or by movement (widening first). ``as_of`` reads them as they
    stood at that period (a brief of an earlier quarter)."""
    gaps = _gaps(audience, initiative, indicators, as_of=as_of)
    if dimension:
        gaps = [g for g in gaps if g.dimension == dimension]
    if sort == "movement":
        order = {"widening": 0, "steady": 1, "": 2, "closing": 3}
        return sorted(gaps, key=lambda g: (order[g.movement], not g.worse, -g.size))
    return gaps


def _gaps(audience, initiative, indicators, completeness=None, as_of=None) -> list[GapRow]:
    indicators = {
        i.pk: i
        for i in (indicators if indicators is not None else indicator_list(initiative=initiative))
    }
    dimensions = {d.code: d for d in initiative.dimensions.prefetch_related("categories")}
    unknown = {
        cell_key({d.code: c.code})
        for d in dimensions.values()
        for c in d.categories.all()
        if c.is_unknown
    }
    single = (
        ComputedResult.objects.initiative_wide()
        .filter(
            initiative=initiative,
            indicator__in=list(indicators),
            cell__dimension_set__in=list(dimensions),
        )
        .select_related("period", "cell")
        .prefetch_related(_category_cells())
        .order_by("period__start")
    )
    if as_of is not None:
        single = single.filter(period__start__lte=as_of.start)
    history: dict[tuple, list] = defaultdict(list)
    for result in single:
        history[(result.indicator_id, result.cell.key)].append(result)
    if completeness is None:
        completeness = indicator_completeness(initiative=initiative)
    rows = []
    for (indicator_id, key), every_period in history.items():
        # Gaps are read in the latest final period: a partial one would compare a few
        # organizations' groups with everyone's a period before.
        settled = latest_final(every_period, completeness, indicator_id)
        if key in unknown or settled is None:
            continue
        results = every_period[: every_period.index(settled) + 1]
        latest = publish(settled, audience, completeness.get((indicator_id, settled.period_id)))
        if latest.difference_from_reference is None or key == latest.reference_key:
            continue
        indicator = indicators[indicator_id]
        earlier = _earlier_difference(results, audience)
        rows.append(
            GapRow(
                indicator=indicator,
                dimension=results[-1].cell.dimension_set,
                group=cell_label(results[-1].cell),
                period=latest.period,
                value=latest.value,
                reference=_group_label(latest.reference_key, dimensions),
                difference=latest.difference_from_reference,
                ratio=latest.ratio_to_reference,
                significant=latest.gap_significant,
                worse=(latest.difference_from_reference < 0) == indicator.higher_is_better
                and latest.difference_from_reference != 0,
                earlier_difference=earlier,
                movement=_movement(latest.difference_from_reference, earlier, _spec(indicator)),
                target=latest.target,
                best=_group_label(latest.best_key or "", dimensions),
                difference_from_best=latest.difference_from_best,
                is_best=key == latest.best_key,
                result=latest,
            )
        )
    return sorted(rows, key=lambda g: (not g.worse, -g.size))


def _earlier_difference(results: list, audience) -> float | None:
    """The gap four periods of the same kind back (a year of quarters), or the earliest."""
    same_kind = [r for r in results if r.period.kind == results[-1].period.kind]
    if len(same_kind) < 2:
        return None
    earlier = same_kind[max(0, len(same_kind) - 5)]
    return publish(earlier, audience).difference_from_reference


def _movement(now: float, earlier: float | None, spec) -> str:
    if earlier is None:
        return ""
    status = engine.change_status(abs(earlier) - abs(now), level=abs(earlier), spec=spec)
    if status is None:
        return ""
    return {engine.IMPROVING: "closing", engine.WORSENING: "widening", engine.FLAT: "steady"}[
        status
    ]


def _group_label(key: str, dimensions) -> str:
    names = []
    for dimension_code, category_code in parse_cell_key(key).items():
        category = next(
            c for c in dimensions[dimension_code].categories.all() if c.code == category_code
        )
        names.append(category.name)
    return " · ".join(names)


@dataclass
class DisparityRow:
    """How unequal one indicator is along one dimension in its latest period, in one number:
    the index of disparity against the reference group and against the best group."""

    indicator: Indicator
    dimension: Dimension
    period: ReportingPeriod
    index_vs_reference: float | None
    index_vs_best: float | None
    groups_compared: int | None


def disparity_list(
    *, audience: roles.Audience, initiative: Initiative, indicators=None, dimension=None
) -> list[DisparityRow]:
    """Every indicator's index of disparity along each of its dimensions, in the latest
    period computed, as the audience may see it (``statistics.DISPARITY_COLUMNS``)."""
    indicators = list(
        indicators if indicators is not None else indicator_list(initiative=initiative)
    )
    disparities = (
        DimensionDisparity.objects.filter(initiative=initiative, indicator__in=indicators)
        .select_related("indicator", "period", "dimension")
        .order_by("indicator__order", "indicator__code", "dimension__order", "period__start")
    )
    if dimension:
        disparities = disparities.filter(dimension__code=dimension)
    latest = {(d.indicator_id, d.dimension_id): d for d in disparities}
    return [
        DisparityRow(
            indicator=d.indicator,
            dimension=d.dimension,
            period=d.period,
            **{
                column.name: None
                if not audience.unsuppressed and statistics.hidden_from_restricted(column, set())
                else getattr(d, column.name)
                for column in statistics.DISPARITY_COLUMNS
            },
        )
        for d in latest.values()
    ]


# ---- One indicator ----


def indicator_dashboard(
    *,
    audience: roles.Audience,
    indicator: Indicator,
    dimension_code: str | None = None,
    organization=None,
) -> dict:
    """Everything an indicator's page draws: the total over time with baseline and targets,
    one dimension's groups in the latest period with intervals and group targets, and those
    groups' gaps to the reference over time — for the whole initiative or one partner's part.
    """
    dimensions = list(indicator.dimensions.order_by("order", "code"))
    dimension = next(
        (d for d in dimensions if d.code == dimension_code), dimensions[0] if dimensions else None
    )

    results = _indicator_results(indicator, organization, dimension)
    # A partner's own part is complete when it is approved; only the figure for all partners
    # waits on the others.
    completeness = (
        indicator_completeness(initiative=indicator.initiative) if organization is None else {}
    )
    figures = _indicator_figures(audience, indicator, dimension, results, completeness)
    shown = [
        *figures["series"],
        *(b["result"] for b in figures["breakdown"]),
        *(p for group in figures["gap_series"] for p in group["points"]),
    ]
    disclosure = None
    if audience.unsuppressed and organization is None:
        disclosure = indicator_disclosures(
            initiative=indicator.initiative, indicators=[indicator]
        ).get(indicator.pk)
    return {
        **figures,
        "dimensions": dimensions,
        "dimension": dimension,
        "disclosure_note": disclosure_note(shown),
        "disclosure": disclosure.line if disclosure else "",
    }


def _indicator_results(indicator, organization, dimension) -> list[ComputedResult]:
    """The total and the chosen dimension's cells, every period: stored for the whole
    initiative, computed on the spot for one organization."""
    wanted = {"", dimension.code} if dimension else {""}
    if organization is None:
        return list(
            ComputedResult.objects.initiative_wide()
            .filter(indicator=indicator, cell__dimension_set__in=wanted)
            .select_related("period", "cell")
            .prefetch_related(_category_cells())
            .order_by("period__start")
        )
    return [
        r
        for r in organization_results(indicator=indicator, organization=organization)
        if r.cell.dimension_set in wanted
    ]


def organization_results(*, indicator: Indicator, organization) -> list[ComputedResult]:
    """One partner's part of an indicator: its approved values through the same engine, as
    unsaved results (they are not stored: a partner's part is looked at, not published)."""
    initiative = indicator.initiative
    # Only those who may see the partner's part unsuppressed look at it.
    definitions = replace(engine_definitions(initiative=initiative), protect=False)
    values = approved_values_frame(initiative=initiative, organization=organization)
    values = values[values["indicator_id"] == indicator.pk]
    results, _disparities = engine.compute(values, definitions)
    if results.empty:
        return []
    periods = {p.pk: p for p in ReportingPeriod.objects.filter(initiative=initiative)}
    cells = {
        c.key: c
        for c in Cell.objects.filter(
            initiative=initiative, key__in=list(results["cell_key"].unique())
        ).prefetch_related(
            Prefetch("categories", queryset=Category.objects.select_related("dimension"))
        )
    }
    fields = [name for name in statistics.names() if name in results.columns]
    built = []
    for row in results.sort_values("period_id").to_dict("records"):
        built.append(
            ComputedResult(
                initiative=initiative,
                indicator=indicator,
                organization=organization,
                period=periods[row["period_id"]],
                cell=cells[row["cell_key"]],
                **{name: _clean(row[name]) for name in fields},
            )
        )
    return sorted(built, key=lambda r: r.period.start)


def _clean(value):
    if value is None or (isinstance(value, float) and value != value):
        return None
    return value


def _indicator_figures(audience, indicator, dimension, results, completeness) -> dict:
    series = [
        publish(r, audience, completeness.get((indicator.pk, r.period_id)))
        for r in results
        if r.cell.key == ""
    ]
    groups: dict[str, list] = defaultdict(list)
    labels = {}
    for result in results:
        if result.cell.key:
            groups[result.cell.key].append(publish(result, audience))
            labels[result.cell.key] = cell_label(result.cell)
    order = _category_order(dimension)
    keys = sorted(groups, key=lambda key: order.get(key, 999))
    # The groups are compared in the latest final period, as on the scorecard (or, while
    # every period is provisional, the latest one, labelled).
    latest = latest_final(series, completeness, indicator.pk) or (series[-1] if series else None)
    latest_period = latest.period if latest else None
    reference_keys = {p.reference_key for points in groups.values() for p in points}
    breakdown = [
        {
            "key": key,
            "label": labels[key],
            "result": next((p for p in groups[key] if p.period == latest_period), None),
        }
        for key in keys
    ]
    return {
        "series": series,
        "latest_period": latest_period,
        "latest_completeness": latest.completeness if latest else None,
        "breakdown": [b for b in breakdown if b["result"] is not None],
        # The reference group is the zero line the others are measured from.
        "gap_series": [
            {"key": key, "label": labels[key], "points": groups[key]}
            for key in keys
            if key not in reference_keys
        ],
        "targets": list(
            Target.objects.filter(indicator=indicator)
            .select_related("period", "cell")
            .order_by("period__start")
        ),
    }


def _category_order(dimension) -> dict[str, int]:
    if dimension is None:
        return {}
    return {cell_key({dimension.code: c.code}): c.order for c in dimension.categories.all()}
