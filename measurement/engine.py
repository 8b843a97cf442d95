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

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
import pandas as pd

from measurement import disclosure, statistics
from measurement.cells import cell_key, cell_keys, dimension_set

COUNT, RATE, AVERAGE = "count", "rate", "average"
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
    policy: disclosure.Policy = field(default_factory=disclosure.Policy)
    protect: bool = True
    """False for figures only unsuppressed audiences see (a partner's own part): no
    disclosure control, every cell published."""
    periods: Mapping[int, tuple[str, int]] = field(default_factory=dict)
    """period id → (kind, order); order sorts periods in time (e.g. the start date's ordinal)."""
    targets: pd.DataFrame | None = None
    """indicator_id, period_id, cell_key ("" for the universal target), value."""


# ---- Stage A ----


def aggregate(
    values: pd.DataFrame, definitions: Definitions, *, report: dict | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Stage A: results per (indicator, period, cell) and indexes of disparity per
    (indicator, period, dimension). Returns (results, disparities); ``report``, when given,
    receives how disclosure control found its patterns (``disclosure_report``)."""
    dimension_codes = sorted(definitions.dimensions)
    if values.empty:
        if report is not None:
            report.update(disclosure_report(_empty(STAGE_A_COLUMNS), {}, definitions), seconds=0.0)
        return _empty(STAGE_A_COLUMNS), _empty(DISPARITY_COLUMNS)
    _check_definitions(values, definitions, dimension_codes)
    values = values.astype(dict.fromkeys(("numerator", "denominator", "value"), "float64"))
    for code in dimension_codes:
        values[code] = values[code].fillna("").astype(str)

    frames, reported = [], []
    by_dimensions: dict[tuple[str, ...], list[int]] = {}
    for indicator_id in values["indicator_id"].unique():
        spec = definitions.indicators[int(indicator_id)]
        by_dimensions.setdefault(tuple(sorted(spec.dimensions)), []).append(int(indicator_id))
    for dims, indicator_ids in by_dimensions.items():
        subset = values[values["indicator_id"].isin(indicator_ids)]
        cube_part, rows = _cube(subset, dims, definitions)
        frames.append(cube_part)
        reported.append((dims, indicator_ids, rows))
    # A canonical order, so that choices between equal candidates (which cell to suppress
    # next) never depend on the order rows arrived in.
    cube = pd.concat(frames, ignore_index=True).sort_values(
        ["indicator_id", "period_id", "dimension_set", "cell_key"], ignore_index=True
    )

    kinds = cube["indicator_id"].map({i: s.kind for i, s in definitions.indicators.items()})
    scales = cube["indicator_id"].map({i: s.scale for i, s in definitions.indicators.items()})
    _add_values(cube, kinds, scales)
    started = time.perf_counter()
    methods = _protect(cube, kinds, scales, reported, definitions)
    seconds = time.perf_counter() - started
    _add_gaps(cube, kinds, definitions)
    disparities = _disparities(cube, definitions)
    if report is not None:
        report.update(disclosure_report(cube, methods, definitions), seconds=round(seconds, 3))
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


def _grouping_sets(dims: Sequence[str], definitions: Definitions, masks: Iterable[int]):
    """Each rollup level as (the dimensions it fixes, {organization's mask: the level of
    rows it contributes from}); -1 where an organization contributes nothing."""
    for size in range(len(dims) + 1):
        for fixed in combinations(range(len(dims)), size):
            target = sum(1 << bit for bit in fixed)
            candidates = _candidate_levels(target, dims, definitions)
            chosen = {
                mask: next((level for level in candidates if mask >> level & 1), -1)
                for mask in masks
            }
            yield [dims[bit] for bit in fixed], chosen


def _cube(
    values: pd.DataFrame, dims: tuple[str, ...], definitions: Definitions
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every rollup for indicators that share the dimensions ``dims``, and the reported
    rows it was built from (with each organization's ``mask`` of reported levels and each
    row's ``level``), from which ``_organization_parts`` finds each partner's own part.

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
    for fixed_dims, chosen in _grouping_sets(dims, definitions, pooled["mask"].unique()):
        rows = pooled[pooled["level"].to_numpy() == pooled["mask"].map(chosen).to_numpy()]
        if rows.empty:
            continue
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
    return cube, frame


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


# ---- Disclosure control ----


def _organization_parts(
    rows: pd.DataFrame, cells: pd.DataFrame, dims: Sequence[str], definitions: Definitions
) -> tuple[np.ndarray, np.ndarray]:
    """Each organization's own part of each of ``cells`` (cube rows of indicators with the
    dimensions ``dims``): (cells, organizations) arrays of people and of people counted, by
    the same rule as the cube (an organization contributes from the coarsest level it
    reported). Built with integer keys and ``np.bincount``: one pass per rollup level."""
    kinds = rows["indicator_id"].map({i: s.kind for i, s in definitions.indicators.items()})
    people = np.nan_to_num(
        np.where(kinds == COUNT, rows["value"].to_numpy(), rows["denominator"].to_numpy())
    )
    counted = np.nan_to_num(np.where(kinds == RATE, rows["numerator"].to_numpy(), 0.0))
    organizations, organization_codes = np.unique(
        rows["organization_id"].to_numpy(), return_inverse=True
    )
    # One integer per (indicator, period): cheaper to factorize than pairs.
    indicators = np.concatenate([rows["indicator_id"], cells["indicator_id"]]).astype(np.int64)
    periods = np.concatenate([rows["period_id"], cells["period_id"]]).astype(np.int64)
    table_codes, table_index = pd.factorize(indicators * (int(periods.max()) + 1) + periods)
    row_tables, cell_tables = table_codes[: len(rows)], table_codes[len(rows) :]
    category_codes = {}
    for dim in dims:
        codes, found = pd.factorize(pd.concat([rows[dim], cells[dim]]).to_numpy())
        category_codes[dim] = (codes[: len(rows)], codes[len(rows) :], len(found))
    n_orgs = len(organizations)
    own_people = np.zeros((len(cells), n_orgs))
    own_counted = np.zeros((len(cells), n_orgs))
    level, mask = rows["level"].to_numpy(), rows["mask"].to_numpy()
    cell_sets = cells["dimension_set"].to_numpy()
    for fixed_dims, chosen in _grouping_sets(dims, definitions, np.unique(mask)):
        selected = level == pd.Series(mask).map(chosen).to_numpy()
        targets = np.flatnonzero(cell_sets == dimension_set(fixed_dims))
        if not selected.any() or not len(targets):
            continue
        shape = (len(table_index), *(category_codes[d][2] for d in fixed_dims))
        row_key = np.ravel_multi_index(
            (row_tables[selected], *(category_codes[d][0][selected] for d in fixed_dims)), shape
        )
        cell_key_ = np.ravel_multi_index(
            (cell_tables[targets], *(category_codes[d][1][targets] for d in fixed_dims)), shape
        )
        keys, inverse = np.unique(np.concatenate([row_key, cell_key_]), return_inverse=True)
        row_slot, cell_slot = inverse[: len(row_key)], inverse[len(row_key) :]
        flat = row_slot * n_orgs + organization_codes[selected]
        for own, amounts in ((own_people, people), (own_counted, counted)):
            summed = np.bincount(flat, weights=amounts[selected], minlength=len(keys) * n_orgs)
            own[targets] = summed.reshape(len(keys), n_orgs)[cell_slot]
    return own_people, own_counted


def _protect(cube, kinds, scales, reported, definitions: Definitions) -> dict[str, int]:
    """Disclosure control for every table (indicator and period): fills ``suppression`` (why
    a cell is hidden from restricted audiences), ``ranged`` and the coded range, and returns
    how many tables each method protected (``disclosure.protect``)."""
    cube["suppression"] = disclosure.Reason.NONE.value
    cube["ranged"] = False
    cube["range_low"] = np.nan
    cube["range_high"] = np.nan
    methods: dict[str, int] = {}
    if not definitions.protect:
        return methods
    policy = definitions.policy
    people = cube["_size"].fillna(0).to_numpy()
    counted = np.where(kinds == RATE, cube["numerator"].fillna(0).to_numpy(), 0.0)
    is_rate = (kinds == RATE).to_numpy()
    for dims, indicator_ids, rows in reported:
        in_group = np.flatnonzero(cube["indicator_id"].isin(indicator_ids).to_numpy())
        cells = cube.iloc[in_group]
        own_people, own_counted = _organization_parts(rows, cells, dims, definitions)
        flagged = _may_need_protection(
            people[in_group], counted[in_group], is_rate[in_group], own_people, own_counted, policy
        )
        tables = cells.groupby(["indicator_id", "period_id"], sort=False).indices
        for (indicator_id, _period), positions in tables.items():
            if not flagged[positions].any():
                continue
            spec = definitions.indicators[int(indicator_id)]
            table_rows = in_group[positions]
            pattern = disclosure.protect(
                _table(
                    cube.iloc[table_rows],
                    spec,
                    definitions,
                    own_people[positions],
                    own_counted[positions],
                ),
                policy,
            )
            methods[pattern.method] = methods.get(pattern.method, 0) + 1
            labels = cube.index[table_rows]
            cube.loc[labels, "suppression"] = [str(r) for r in pattern.reason]
            cube.loc[labels, "ranged"] = pattern.ranged
            scale = float(scales.iloc[table_rows[0]])
            cube.loc[labels, "range_low"] = pattern.range_low * scale
            cube.loc[labels, "range_high"] = pattern.range_high * scale
    return methods


def _may_need_protection(people, counted, is_rate, own_people, own_counted, policy) -> np.ndarray:
    """Cells that one of the policy's rules names, for the public or for a partner that
    subtracts its own part: the tables around them need disclosure control. (The rest are
    published as they are, without building the table.)"""
    group, count = policy.min_group_size, policy.count_threshold

    def small(amount, threshold):
        return (amount > 0) & (amount < threshold)

    contributing = own_people > 0
    rest_people = np.where(contributing, people[:, None] - own_people, 0)
    flagged = small(people, group) | small(rest_people, group).any(axis=1)
    flagged |= small(contributing.sum(axis=1), policy.min_contributors)
    not_counted = people - counted
    rest_counted = np.where(contributing, counted[:, None] - own_counted, 0)
    rest_not_counted = np.where(contributing, rest_people - rest_counted, 0)
    flagged |= is_rate & (
        small(counted, count)
        | small(not_counted, count)
        | small(rest_counted, count).any(axis=1)
        | small(rest_not_counted, count).any(axis=1)
    )
    return flagged


def _table(cells, spec: IndicatorSpec, definitions: Definitions, own_people, own_counted):
    """One indicator and period as ``disclosure.protect`` reads it. Organizations with no
    part in it are left out; reference groups and the total are spared where possible."""
    dims = sorted(spec.dimensions)
    present = own_people.sum(axis=0) > 0
    spared = (cells["dimension_set"] == "").to_numpy().copy()
    reference = (cells["dimension_set"] != "").to_numpy().copy()
    for dim in dims:
        category = definitions.dimensions[dim].reference or "\0"
        reference &= ((cells[dim] == "") | (cells[dim] == category)).to_numpy()
    is_rate = spec.kind == RATE
    return disclosure.Table(
        coordinates=list(cells[dims].itertuples(index=False, name=None)),
        exclusive=tuple(not definitions.dimensions[d].overlapping for d in dims),
        size=cells["_size"].fillna(0).to_numpy(),
        counted=cells["numerator"].fillna(0).to_numpy() if is_rate else None,
        parts_size=own_people[:, present].T,
        parts_counted=own_counted[:, present].T if is_rate else None,
        spared=spared | reference,
    )


def disclosure_report(results: pd.DataFrame, methods: dict, definitions: Definitions) -> dict:
    """What disclosure control hid from restricted audiences, by rule, in cells and people,
    and how its patterns were found (``ComputationRun.disclosure``)."""
    people = results["n"].astype(float).fillna(0)
    hidden = {}
    for reason in (*disclosure.PRIMARY_REASONS, disclosure.Reason.SECONDARY):
        rows = results["suppression"] == reason.value
        hidden[reason.value] = {"cells": int(rows.sum()), "people": float(people[rows].sum())}
    ranged = results["ranged"].astype(bool)
    return {
        "policy": definitions.policy.as_dict(),
        "tables": {
            "total": int(results.groupby(["indicator_id", "period_id"]).ngroups),
            **{
                method: methods.get(method, 0)
                for method in (disclosure.OPTIMAL, disclosure.TIME_LIMITED, disclosure.FALLBACK)
            },
        },
        "restricted": {
            "cells": len(results),
            "people": float(people.sum()),
            "hidden": hidden,
            "ranged": {"cells": int(ranged.sum()), "people": float(people[ranged].sum())},
        },
    }


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
        [*table_keys, "cell_key", "value", "numerator", "denominator", "suppression", "ranged"]
    ].rename(
        columns={
            "cell_key": "reference_key",
            "value": "_ref_value",
            "numerator": "_ref_num",
            "denominator": "_ref_den",
            "suppression": "_ref_suppression",
            "ranged": "_ref_ranged",
        }
    )
    merged = cube[[*table_keys, "reference_key"]].merge(
        lookup, on=[*table_keys, "reference_key"], how="left"
    )
    merged.index = cube.index
    ref_value = merged["_ref_value"].where(cube["reference_key"] != "")
    cube["ratio_to_reference"] = cube["value"] / ref_value.where(ref_value != 0)
    cube["difference_from_reference"] = cube["value"] - ref_value
    # A reference group shown as a range hides its value too: gaps to it would give it away.
    reference_hidden = merged["_ref_suppression"].fillna("").ne("") | merged["_ref_ranged"].fillna(
        False
    ).astype(bool)
    cube["reference_suppressed"] = reference_hidden & (cube["reference_key"] != "")
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
        & ~cube["ranged"]
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
        (category != unknown)
        & (single["suppression"] == "")
        & ~single["ranged"]
        & single["value"].notna()
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
        ["indicator_id", "cell_key", "value", "suppression", "ranged"]
    ].rename(
        columns={
            "value": "baseline",
            "suppression": "_baseline_suppression",
            "ranged": "_baseline_ranged",
        }
    )
    merged = frame[["indicator_id", "cell_key"]].merge(
        at_baseline, on=["indicator_id", "cell_key"], how="left"
    )
    merged.index = frame.index
    frame["baseline"] = merged["baseline"]
    frame["baseline_suppressed"] = merged["_baseline_suppression"].fillna("").ne("") | merged[
        "_baseline_ranged"
    ].fillna(False).astype(bool)
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
    hidden = ((ordered["suppression"] != "") | ordered["ranged"].astype(bool)).astype(float)

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
