"""The measurement engine: pandas DataFrames in, DataFrames out. No Django import, so it is
tested and benchmarked on its own.

**Stage A** (``aggregate``) turns reported data values into results for every indicator,
period and cell — every rollup of the indicator's dimensions down to the total — with values,
confidence intervals, small-cell suppression and gaps between groups. It needs only the
periods it is given, so an approval recomputes one period.

**Stage B** (``add_time_statistics``) adds what compares periods: change since the baseline,
progress to targets and the recent trend. It runs on stage-A results of every period.

Input values (``VALUE_COLUMNS`` plus one column per dimension code, holding the category code
or ``""`` where the row is not broken down by that dimension):

    indicator_id, period_id, organization_id, numerator, denominator, value, <dimension>...

Rates fill numerator and denominator; counts fill value; averages fill value and put n in the
denominator. A cell nobody reported yields no result at all; a reported zero stays zero.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
import pandas as pd

from measurement import statistics
from measurement.cells import cell_key, cell_keys, dimension_set

COUNT, RATE, AVERAGE = "count", "rate", "average"
PRIMARY, SECONDARY = "primary", "secondary"
IMPROVING, WORSENING, FLAT = "improving", "worsening", "flat"
MAX_DIMENSIONS = 5
Z_95 = 1.959963984540054
TREND_WINDOW = 4
TREND_MIN_POINTS = 3

VALUE_COLUMNS = [
    "indicator_id",
    "period_id",
    "organization_id",
    "numerator",
    "denominator",
    "value",
]
# The engine's output: a result's identity, then its statistics as measurement.statistics
# declares them.
STAGE_A_COLUMNS = [
    "indicator_id",
    "period_id",
    "cell_key",
    "dimension_set",
    *statistics.names(stage=statistics.Stage.AGGREGATE),
]
STAGE_B_COLUMNS = statistics.names(stage=statistics.Stage.TIME)
DISPARITY_COLUMNS = [
    "indicator_id",
    "period_id",
    "dimension",
    *statistics.names(statistics.DISPARITY_COLUMNS),
]


# ---- Definitions ----


@dataclass(frozen=True)
class DimensionSpec:
    """A dimension as the engine needs it: categories in display order, the reference
    category, the "unknown / not reported" category, and whether categories overlap."""

    code: str
    categories: tuple[str, ...]
    reference: str | None = None
    unknown: str | None = None
    overlapping: bool = False


@dataclass(frozen=True)
class IndicatorSpec:
    id: int
    kind: str
    dimensions: tuple[str, ...] = ()
    scale: float = 1
    higher_is_better: bool = True
    baseline_period_id: int | None = None
    baseline_value: float | None = None


@dataclass(frozen=True)
class Definitions:
    indicators: Mapping[int, IndicatorSpec]
    dimensions: Mapping[str, DimensionSpec]
    threshold: int = 10
    periods: Mapping[int, tuple[str, int]] = field(default_factory=dict)
    """period id → (kind, order); order sorts periods in time (e.g. the start date's ordinal)."""
    targets: pd.DataFrame | None = None
    """indicator_id, period_id, cell_key ("" for the universal target), value."""


# ---- Stage A ----


def aggregate(values: pd.DataFrame, definitions: Definitions) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Stage A: results per (indicator, period, cell) and indexes of disparity per
    (indicator, period, dimension). Returns (results, disparities)."""
    dimension_codes = sorted(definitions.dimensions)
    if values.empty:
        return _empty(STAGE_A_COLUMNS), _empty(DISPARITY_COLUMNS)
    _check_definitions(values, definitions, dimension_codes)
    values = values.astype(dict.fromkeys(("numerator", "denominator", "value"), "float64"))
    for code in dimension_codes:
        values[code] = values[code].fillna("").astype(str)

    frames = []
    by_dimensions: dict[tuple[str, ...], list[int]] = {}
    for indicator_id in values["indicator_id"].unique():
        spec = definitions.indicators[int(indicator_id)]
        by_dimensions.setdefault(tuple(sorted(spec.dimensions)), []).append(int(indicator_id))
    for dims, indicator_ids in by_dimensions.items():
        subset = values[values["indicator_id"].isin(indicator_ids)]
        frames.append(_cube(subset, dims, definitions))
    # A canonical order, so that choices between equal candidates (which cell to suppress
    # next) never depend on the order rows arrived in.
    cube = pd.concat(frames, ignore_index=True).sort_values(
        ["indicator_id", "period_id", "dimension_set", "cell_key"], ignore_index=True
    )

    kinds = cube["indicator_id"].map({i: s.kind for i, s in definitions.indicators.items()})
    scales = cube["indicator_id"].map({i: s.scale for i, s in definitions.indicators.items()})
    _add_values(cube, kinds, scales)
    cube["suppression"] = primary_suppression(cube, kinds, threshold=definitions.threshold)
    cube["suppression"] = secondary_suppression(cube, definitions)
    _add_gaps(cube, kinds, definitions)
    disparities = _disparities(cube, definitions)
    return cube[STAGE_A_COLUMNS], disparities


def _empty(columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series(dtype="object") for column in columns})


def _check_definitions(values, definitions, dimension_codes) -> None:
    unknown = set(values["indicator_id"].unique()) - set(definitions.indicators)
    if unknown:
        raise ValueError(f"No definition for indicators {sorted(unknown)}.")
    missing = [code for code in dimension_codes if code not in values.columns]
    if missing:
        raise ValueError(f"Values lack dimension columns {missing}.")
    for spec in definitions.indicators.values():
        if len(spec.dimensions) > MAX_DIMENSIONS:
            raise ValueError(
                f"Indicator {spec.id} has {len(spec.dimensions)} dimensions; at most "
                f"{MAX_DIMENSIONS} are supported."
            )


def _level_of(frame: pd.DataFrame, dims: Sequence[str]) -> np.ndarray:
    """Which of the indicator's dimensions each row fixes, as a bit mask (bit i = dims[i])."""
    level = np.zeros(len(frame), dtype=np.int64)
    for bit, dim in enumerate(dims):
        level |= (frame[dim].to_numpy() != "").astype(np.int64) << bit
    return level


def _candidate_levels(target: int, dims: Sequence[str], definitions: Definitions) -> list[int]:
    """Levels whose rows can be added up into cells of ``target``: the target's own level,
    then finer ones that add only exclusive dimensions — coarsest first, so that a total a
    partner reported directly wins over the sum of its parts. Overlapping dimensions are
    never summed over: their total must have been reported."""
    exclusive = 0
    for bit, dim in enumerate(dims):
        if not definitions.dimensions[dim].overlapping:
            exclusive |= 1 << bit
    full = (1 << len(dims)) - 1
    levels = [
        level
        for level in range(full + 1)
        if level & target == target and (level & ~target) & ~exclusive & full == 0
    ]
    return sorted(levels, key=lambda level: (bin(level).count("1"), level))


def _cube(values: pd.DataFrame, dims: tuple[str, ...], definitions: Definitions) -> pd.DataFrame:
    """Every rollup for indicators that share the dimensions ``dims``.

    Each organization contributes to a cell from the coarsest level it reported that can be
    added up into that cell, so partners who report only totals, only breakdowns, or both are
    all counted once. Organizations that reported the same set of levels are summed together
    first, which keeps the work proportional to cells, not to rows."""
    frame = values[["indicator_id", "period_id", "organization_id", *dims]].copy()
    is_average = (
        values["indicator_id"]
        .map({i: s.kind == AVERAGE for i, s in definitions.indicators.items()})
        .to_numpy(dtype=bool)
    )
    # An average travels as value × n so that sums stay weighted by n.
    frame["numerator"] = np.where(
        is_average,
        values["value"].to_numpy() * values["denominator"].to_numpy(),
        values["numerator"].to_numpy(),
    )
    frame["denominator"] = values["denominator"].to_numpy()
    frame["value"] = values["value"].to_numpy()
    frame["level"] = _level_of(frame, dims)

    # The set of levels each organization reported, per indicator and period, as a bit mask.
    present = frame[["indicator_id", "period_id", "organization_id", "level"]].drop_duplicates()
    present["mask"] = np.left_shift(1, present["level"].to_numpy())
    masks = present.groupby(["indicator_id", "period_id", "organization_id"], sort=False)[
        "mask"
    ].sum()
    frame = frame.join(masks, on=["indicator_id", "period_id", "organization_id"])
    numbers = ["numerator", "denominator", "value"]
    pooled = (
        frame.groupby(
            ["indicator_id", "period_id", "mask", "level", *dims], sort=False, observed=True
        )[numbers]
        .sum(min_count=1)
        .reset_index()
    )

    parts = []
    for size in range(len(dims) + 1):
        for fixed in combinations(range(len(dims)), size):
            target = sum(1 << bit for bit in fixed)
            candidates = _candidate_levels(target, dims, definitions)
            chosen = {
                mask: next((level for level in candidates if mask >> level & 1), -1)
                for mask in pooled["mask"].unique()
            }
            rows = pooled[pooled["level"].to_numpy() == pooled["mask"].map(chosen).to_numpy()]
            if rows.empty:
                continue
            fixed_dims = [dims[bit] for bit in fixed]
            summed = (
                rows.groupby(["indicator_id", "period_id", *fixed_dims], sort=False, observed=True)[
                    numbers
                ]
                .sum(min_count=1)
                .reset_index()
            )
            for dim in dims:
                if dim not in fixed_dims:
                    summed[dim] = ""
            summed["dimension_set"] = dimension_set(fixed_dims)
            summed["cell_key"] = cell_keys(summed, fixed_dims)
            parts.append(summed)
    cube = pd.concat(parts, ignore_index=True)
    for dim in definitions.dimensions:
        if dim not in cube.columns:
            cube[dim] = ""
    return cube


def _add_values(cube: pd.DataFrame, kinds: pd.Series, scales: pd.Series) -> None:
    numerator, denominator = cube["numerator"], cube["denominator"]
    safe_denominator = denominator.where(denominator > 0)
    ratio = numerator / safe_denominator
    is_rate, is_average, is_count = kinds == RATE, kinds == AVERAGE, kinds == COUNT
    cube["value"] = np.select([is_rate, is_average], [ratio * scales, ratio], default=cube["value"])
    cube["n"] = np.where(is_count, cube["value"], denominator)
    low, high = wilson_interval(numerator, denominator)
    cube["ci_low"] = np.where(is_rate, low * scales, np.nan)
    cube["ci_high"] = np.where(is_rate, high * scales, np.nan)
    # An average's numerator is an internal weighted sum, not something to publish.
    cube.loc[is_average, "numerator"] = np.nan
    cube.loc[is_count, ["numerator", "denominator"]] = np.nan
    cube["_size"] = np.where(is_count, cube["value"], denominator)
    cube["_additive_a"] = np.where(is_average, ratio * denominator, numerator)


def wilson_interval(successes, trials, z: float = Z_95):
    """The Wilson score interval for a proportion: honest near 0 and 1 and for small n,
    where the usual p ± z·se interval leaves [0, 1]. NaN where there are no trials."""
    successes = np.asarray(successes, dtype=float)
    trials = np.asarray(trials, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = successes / trials
        denominator = 1 + z**2 / trials
        centre = (p + z**2 / (2 * trials)) / denominator
        half = z * np.sqrt(p * (1 - p) / trials + z**2 / (4 * trials**2)) / denominator
    valid = trials > 0
    return np.where(valid, centre - half, np.nan), np.where(valid, centre + half, np.nan)


# ---- Suppression ----


def primary_suppression(cube: pd.DataFrame, kinds: pd.Series, *, threshold: int) -> pd.Series:
    """``primary`` where the cell's size — the denominator of a rate, the n of an average,
    the count itself — is above zero and below the threshold. A true zero stays published."""
    size = cube["denominator"].where(kinds != COUNT, cube["value"])
    small = (size > 0) & (size < threshold)
    return pd.Series(np.where(small, PRIMARY, ""), index=cube.index)


def secondary_suppression(cube: pd.DataFrame, definitions: Definitions) -> pd.Series:
    """Add ``secondary`` suppression until no suppressed cell can be recovered exactly by
    adding or subtracting published cells along a line.

    A line is a parent cell and its children along one exclusive dimension (the children
    sum to the parent). A line with exactly one suppressed member gives that member away,
    so another member is suppressed: the smallest child with people in it, else the parent.
    Lines along overlapping dimensions do not sum, so they give nothing away."""
    suppression = cube["suppression"].copy()
    affected = set(
        cube.loc[suppression != "", ["indicator_id", "period_id"]].itertuples(
            index=False, name=None
        )
    )
    for (indicator_id, period_id), rows in cube.groupby(
        ["indicator_id", "period_id"]
    ).groups.items():
        if (indicator_id, period_id) not in affected:
            continue
        spec = definitions.indicators[int(indicator_id)]
        exclusive = [
            d for d in sorted(spec.dimensions) if not definitions.dimensions[d].overlapping
        ]
        table = cube.loc[rows]
        # Hiding a breakdown's reference group would hide every gap measured against it.
        references = (table["dimension_set"] != "").to_numpy().copy()
        for dim in spec.dimensions:
            reference = definitions.dimensions[dim].reference or "\0"
            references &= ((table[dim] == "") | (table[dim] == reference)).to_numpy()
        hidden = _complementary_cells(
            table,
            sorted(spec.dimensions),
            exclusive,
            suppressed=set(rows[suppression.loc[rows] != ""]),
            protected=set(table.index[references]),
        )
        suppression.loc[list(hidden)] = SECONDARY
    return suppression


def lines_of(table: pd.DataFrame, dims: Sequence[str], exclusive: Iterable[str]):
    """Every line of a table: (member row labels, parent row label or None)."""
    position = {
        tuple(row): label
        for label, row in zip(
            table.index, table[list(dims)].itertuples(index=False, name=None), strict=True
        )
    }
    lines: dict[tuple, list] = {}
    for cell, label in position.items():
        for i, dim in enumerate(dims):
            if dim in exclusive and cell[i] != "":
                parent = (*cell[:i], "", *cell[i + 1 :])
                lines.setdefault((parent, i), []).append(label)
    return [(children, position.get(parent)) for (parent, _), children in lines.items()]


def _complementary_cells(table, dims, exclusive, *, suppressed: set, protected: set) -> set:
    """Cells to hide next to the primary ones, in two passes repeated until both hold:

    1. line by line: no line has exactly one hidden member;
    2. all lines together: no hidden value is fixed by the equations of the table's published
       totals (a chain of lines can give away what no single line does)."""
    lines = [
        (children, parent)
        for children, parent in lines_of(table, dims, exclusive)
        if len(children) + (parent is not None) >= 2
    ]
    size = table["_size"].fillna(0)
    before = set(suppressed)
    while True:
        _hide_lone_members(lines, suppressed, size, protected)
        determined = _determined_cells(lines, suppressed)
        if not determined:
            return suppressed - before
        choice = _widen(lines, set(determined), suppressed, size, protected)
        if choice is None:  # everything around them is hidden already
            return suppressed - before
        suppressed.add(choice)


def _widen(lines, determined: set, suppressed: set, size, protected):
    """One more cell to hide so that solvable hidden cells stop being solvable: from the
    least-hidden line around a solvable cell, or failing that around any hidden cell (the
    chain of equations that solves it runs through such a line)."""

    def hidden_count(line):
        children, parent = line
        return sum(m in suppressed for m in children) + (parent in suppressed)

    around_determined = [line for line in lines if determined & {*line[0], line[1]}]
    around_hidden = [line for line in lines if hidden_count(line)]
    for pool in (around_determined, around_hidden):
        for children, parent in sorted(
            pool, key=lambda line: (hidden_count(line), sorted(map(str, line[0])))
        ):
            choice = _complement(children, parent, suppressed, size, protected)
            if choice is not None:
                return choice
    return None


def _hide_lone_members(lines, suppressed: set, size, protected) -> None:
    changed = True
    while changed:
        changed = False
        for children, parent in lines:
            hidden = sum(m in suppressed for m in children) + (parent in suppressed)
            if hidden != 1:
                continue
            choice = _complement(children, parent, suppressed, size, protected)
            if choice is not None:
                suppressed.add(choice)
                changed = True


def _determined_cells(lines, suppressed: set) -> list:
    """Hidden cells whose value the published totals pin down: those whose unit vector lies
    in the row space of the lines' equations over the hidden cells (zero in every null-space
    direction)."""
    unknowns = sorted(suppressed)
    position = {cell: i for i, cell in enumerate(unknowns)}
    equations = []
    for children, parent in lines:
        row = np.zeros(len(unknowns))
        for child in children:
            if child in position:
                row[position[child]] = 1
        if parent in position:
            row[position[parent]] = -1
        if row.any():
            equations.append(row)
    if not equations:
        return []
    _, singular, vt = np.linalg.svd(np.array(equations))
    rank = int((singular > 1e-9 * max(singular.max(), 1)).sum())
    null_space = vt[rank:]
    return [cell for cell, i in position.items() if not np.any(np.abs(null_space[:, i]) > 1e-9)]


def _complement(children, parent, suppressed, size, protected):
    """The cheapest cell to hide next to a lone suppressed one: a child with people in it
    (the fewest, sparing reference groups), then any child, then the parent."""
    open_children = [c for c in children if c not in suppressed]
    with_people = [c for c in open_children if size[c] > 0]
    for pool in (with_people, open_children):
        if pool:
            return min(pool, key=lambda c: (c in protected, size[c], c))
    if parent is not None and parent not in suppressed:
        return parent
    return None


# ---- Gaps between groups ----


def _add_gaps(cube: pd.DataFrame, kinds: pd.Series, definitions: Definitions) -> None:
    """Ratio to and difference from the reference group and from the best published group
    of the same breakdown, and whether a rate's gap to the reference is statistically
    distinguishable from zero (two-proportion z-test, 95%)."""
    references = {d: s.reference or "" for d, s in definitions.dimensions.items()}
    unknowns = {d: s.unknown for d, s in definitions.dimensions.items()}

    reference_key = pd.Series("", index=cube.index)
    has_unknown = pd.Series(False, index=cube.index)
    for dim_set, group in cube.groupby("dimension_set").groups.items():
        if not dim_set:
            continue
        fixed = dim_set.split(";")
        if all(references[d] for d in fixed):
            reference_key.loc[group] = cell_key({d: references[d] for d in fixed})
        for d in fixed:
            if unknowns[d]:
                has_unknown.loc[group] |= cube.loc[group, d] == unknowns[d]
    cube["reference_key"] = reference_key

    table_keys = ["indicator_id", "period_id"]
    lookup = cube[
        [*table_keys, "cell_key", "value", "numerator", "denominator", "suppression"]
    ].rename(
        columns={
            "cell_key": "reference_key",
            "value": "_ref_value",
            "numerator": "_ref_num",
            "denominator": "_ref_den",
            "suppression": "_ref_suppression",
        }
    )
    merged = cube[[*table_keys, "reference_key"]].merge(
        lookup, on=[*table_keys, "reference_key"], how="left"
    )
    merged.index = cube.index
    ref_value = merged["_ref_value"].where(cube["reference_key"] != "")
    cube["ratio_to_reference"] = cube["value"] / ref_value.where(ref_value != 0)
    cube["difference_from_reference"] = cube["value"] - ref_value
    cube["reference_suppressed"] = merged["_ref_suppression"].fillna("").ne("") & (
        cube["reference_key"] != ""
    )
    cube.loc[ref_value.isna(), "reference_key"] = ""

    significant = _two_proportion_significant(
        cube["numerator"], cube["denominator"], merged["_ref_num"], merged["_ref_den"]
    )
    comparable = (kinds == RATE) & ref_value.notna() & (cube["cell_key"] != cube["reference_key"])
    significant[~comparable] = None
    cube["gap_significant"] = significant

    # The best group: published, known, with a value; direction-aware.
    higher = cube["indicator_id"].map(
        {i: s.higher_is_better for i, s in definitions.indicators.items()}
    )
    candidates = cube[
        (cube["dimension_set"] != "")
        & (cube["suppression"] == "")
        & ~has_unknown
        & cube["value"].notna()
    ].copy()
    candidates["_score"] = np.where(
        higher.loc[candidates.index], candidates["value"], -candidates["value"]
    )
    candidates = candidates.sort_values(["_score", "cell_key"], ascending=[False, True])
    best = candidates.drop_duplicates([*table_keys, "dimension_set"])[
        [*table_keys, "dimension_set", "cell_key", "value"]
    ].rename(columns={"cell_key": "best_key", "value": "_best_value"})
    merged = cube[[*table_keys, "dimension_set"]].merge(
        best, on=[*table_keys, "dimension_set"], how="left"
    )
    merged.index = cube.index
    cube["best_key"] = merged["best_key"].fillna("")
    best_value = merged["_best_value"]
    cube["ratio_to_best"] = cube["value"] / best_value.where(best_value != 0)
    cube["difference_from_best"] = cube["value"] - best_value


def _two_proportion_significant(x1, n1, x2, n2) -> pd.Series:
    """True/False where both groups have people; None where there is nothing to test."""
    with np.errstate(divide="ignore", invalid="ignore"):
        pooled = (x1 + x2) / (n1 + n2)
        se = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        z = (x1 / n1 - x2 / n2) / se
    testable = (n1 > 0) & (n2 > 0)
    significant = pd.Series(None, index=x1.index, dtype="object")
    # Equal proportions of 0 or 1 give se = 0: identical groups, no gap.
    significant[testable & (se == 0)] = False
    finite = testable & np.isfinite(z)
    significant[finite] = np.abs(z[finite]) > Z_95
    return significant


def _disparities(cube: pd.DataFrame, definitions: Definitions) -> pd.DataFrame:
    """Index of disparity per dimension, over published, known groups only (a suppressed
    group must not be recoverable from a summary either)."""
    single = cube[(cube["dimension_set"] != "") & ~cube["dimension_set"].str.contains(";")]
    if single.empty:
        return _empty(DISPARITY_COLUMNS)
    dim = single["dimension_set"]
    category = single["cell_key"].str.split("=", n=1).str[1]
    unknown = dim.map({d: s.unknown or "" for d, s in definitions.dimensions.items()})
    reference = dim.map({d: s.reference or "" for d, s in definitions.dimensions.items()})
    compared = single[
        (category != unknown) & (single["suppression"] == "") & single["value"].notna()
    ]
    keys = ["indicator_id", "period_id", "dimension_set"]

    def index_against(is_anchor: pd.Series) -> pd.Series:
        anchors = compared[is_anchor].drop_duplicates(keys).set_index(keys)["value"]
        others = compared[~is_anchor]
        anchor = others.join(anchors.rename("_anchor"), on=keys)["_anchor"]
        gap = (others["value"] - anchor).abs()
        mean_gap = gap.groupby([others[k] for k in keys]).mean()
        return mean_gap / anchors.where(anchors != 0).reindex(mean_gap.index) * 100

    groups = compared.groupby(keys).size().rename("groups_compared")
    result = (
        pd.concat(
            [
                index_against(category.loc[compared.index] == reference.loc[compared.index]).rename(
                    "index_vs_reference"
                ),
                index_against(compared["cell_key"] == compared["best_key"]).rename("index_vs_best"),
                groups,
            ],
            axis=1,
        )
        .reset_index()
        .rename(columns={"dimension_set": "dimension"})
    )
    result["groups_compared"] = result["groups_compared"].fillna(0).astype(int)
    return result[DISPARITY_COLUMNS]


# ---- Stage B ----


def add_time_statistics(results: pd.DataFrame, definitions: Definitions) -> pd.DataFrame:
    """Stage B: baseline, change since baseline, progress to the universal and the group
    target, and the trend over the last periods, for stage-A results of every period."""
    if results.empty:
        return results.assign(**{column: pd.Series(dtype="object") for column in STAGE_B_COLUMNS})
    frame = results.copy()
    kinds = {pid: kind for pid, (kind, _order) in definitions.periods.items()}
    orders = {pid: order for pid, (_kind, order) in definitions.periods.items()}
    frame["_kind"] = frame["period_id"].map(kinds)
    frame["_order"] = frame["period_id"].map(orders)

    _add_baseline(frame, definitions)
    _add_targets(frame, definitions)
    _add_trend(frame, definitions)
    return frame.drop(columns=[c for c in frame.columns if c.startswith("_")])


def _add_baseline(frame: pd.DataFrame, definitions: Definitions) -> None:
    baseline_period = frame["indicator_id"].map(
        {i: s.baseline_period_id for i, s in definitions.indicators.items()}
    )
    at_baseline = frame[frame["period_id"] == baseline_period][
        ["indicator_id", "cell_key", "value", "suppression"]
    ].rename(columns={"value": "baseline", "suppression": "_baseline_suppression"})
    merged = frame[["indicator_id", "cell_key"]].merge(
        at_baseline, on=["indicator_id", "cell_key"], how="left"
    )
    merged.index = frame.index
    frame["baseline"] = merged["baseline"]
    frame["baseline_suppressed"] = merged["_baseline_suppression"].fillna("").ne("")
    external = (
        frame["indicator_id"]
        .map({i: s.baseline_value for i, s in definitions.indicators.items()})
        .astype(float)
    )
    use_external = (frame["cell_key"] == "") & external.notna()
    frame.loc[use_external, "baseline"] = external[use_external]
    frame.loc[use_external, "baseline_suppressed"] = False
    frame["change_since_baseline"] = frame["value"] - frame["baseline"]


def _applicable_target(frame: pd.DataFrame, targets: pd.DataFrame, orders) -> pd.Series:
    """For each result, the value of the next target at or after its period (the goal being
    worked toward), or the last target once every target date has passed."""
    found = pd.Series(np.nan, index=frame.index)
    if targets.empty:
        return found
    targets = targets.assign(_order=targets["period_id"].map(orders)).dropna(subset=["_order"])
    for (indicator_id, key), group in targets.groupby(["indicator_id", "cell_key"]):
        group = group.sort_values("_order")
        rows = frame.index[(frame["indicator_id"] == indicator_id) & (frame["cell_key"] == key)]
        if rows.empty:
            continue
        position = np.searchsorted(
            group["_order"].to_numpy(), frame.loc[rows, "_order"].to_numpy(), side="left"
        )
        position = np.minimum(position, len(group) - 1)
        found.loc[rows] = group["value"].to_numpy()[position]
    return found


def _add_targets(frame: pd.DataFrame, definitions: Definitions) -> None:
    targets = definitions.targets
    if targets is None:
        targets = pd.DataFrame(columns=["indicator_id", "period_id", "cell_key", "value"])
    orders = {pid: order for pid, (_kind, order) in definitions.periods.items()}
    universal = targets[targets["cell_key"] == ""]
    universal_for_all = _applicable_target(frame.assign(cell_key=""), universal, orders)
    frame["target"] = universal_for_all
    frame["group_target"] = _applicable_target(frame, targets[targets["cell_key"] != ""], orders)
    for target, progress in (
        ("target", "progress_to_target"),
        ("group_target", "progress_to_group_target"),
    ):
        distance = frame[target] - frame["baseline"]
        frame[progress] = (frame["value"] - frame["baseline"]) / distance.where(distance != 0)


def _add_trend(frame: pd.DataFrame, definitions: Definitions) -> None:
    """Least-squares slope per period over the last ``TREND_WINDOW`` periods of the same
    kind (at least ``TREND_MIN_POINTS``), labelled by the indicator's direction. A change of
    less than 1% of the scale (rates) or of the level (counts, averages) over the window is
    flat."""
    # Work in time order; every Series keeps the frame's index, so assignments align back.
    ordered = frame.sort_values(["indicator_id", "cell_key", "_kind", "_order"])
    keys = [ordered["indicator_id"], ordered["cell_key"], ordered["_kind"]]
    x = ordered.groupby(keys, sort=False).cumcount().astype(float)
    y = ordered["value"]
    hidden = (ordered["suppression"] != "").astype(float)

    def rolling_sum(column: pd.Series) -> pd.Series:
        # A window sum as the difference of running sums, so no Python runs per series.
        running = column.groupby(keys, sort=False).cumsum()
        earlier = running.groupby(keys, sort=False).shift(TREND_WINDOW).fillna(0)
        return running - earlier

    valid = y.notna().astype(float)
    n = rolling_sum(valid)
    sx, sy = rolling_sum(x * valid), rolling_sum(y.fillna(0))
    sxx, sxy = rolling_sum(x * x * valid), rolling_sum(x * y.fillna(0))
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = (n * sxy - sx * sy) / (n * sxx - sx * sx)
    enough = n >= TREND_MIN_POINTS
    slope = slope.where(enough)
    frame["trend_slope"] = slope
    frame["trend_suppressed"] = (rolling_sum(hidden) > 0) & enough

    indicator = ordered["indicator_id"]
    scales = indicator.map({i: s.scale for i, s in definitions.indicators.items()})
    is_rate = indicator.map({i: s.kind == RATE for i, s in definitions.indicators.items()})
    level = (sy / n).abs()
    tolerance = pd.Series(
        np.where(is_rate.astype(bool), 0.01 * scales, 0.01 * level), index=ordered.index
    )
    change = slope * (np.minimum(n, TREND_WINDOW) - 1)
    higher = indicator.map({i: s.higher_is_better for i, s in definitions.indicators.items()})
    better = pd.Series(np.where(higher.astype(bool), change > 0, change < 0), index=ordered.index)
    frame["trend"] = pd.Series(
        np.select(
            [slope.isna(), change.abs() < tolerance, better],
            ["", FLAT, IMPROVING],
            default=WORSENING,
        ),
        index=ordered.index,
    )


def change_status(change: float | None, *, level: float | None, spec: IndicatorSpec) -> str | None:
    """Whether a change is an improvement, by the same rule as the trend: under 1 point of the
    scale (rates) or 1% of the level (counts, averages) is flat."""
    if change is None or change != change:
        return None
    tolerance = 0.01 * (spec.scale if spec.kind == RATE else abs(level or 0))
    if abs(change) < tolerance:
        return FLAT
    return IMPROVING if (change > 0) == spec.higher_is_better else WORSENING


def compute(values: pd.DataFrame, definitions: Definitions) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both stages on a complete set of values: (results, disparities)."""
    results, disparities = aggregate(values, definitions)
    return add_time_statistics(results, definitions), disparities
