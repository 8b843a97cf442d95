"""The measurement engine: pandas DataFrames in, DataFrames out. No Django import, so it can be
tested and benchmarked on its own.

Input, one row per reported number (``VALUE_COLUMNS``): indicator, period, organization, the
cell key, and numerator / denominator / value as the indicator's kind requires.
Output, one row per (indicator, period, cell) across all organizations (``RESULT_COLUMNS``).
"""

import numpy as np
import pandas as pd

VALUE_COLUMNS = [
    "indicator_id",
    "period_id",
    "organization_id",
    "cell_key",
    "numerator",
    "denominator",
    "value",
]
RESULT_COLUMNS = [
    "indicator_id",
    "period_id",
    "cell_key",
    "numerator",
    "denominator",
    "value",
    "suppression",
]
KEYS = ["indicator_id", "period_id", "cell_key"]

COUNT, RATE, AVERAGE = "count", "rate", "average"
PRIMARY = "primary"


def compute_results(values: pd.DataFrame, *, kinds: dict[int, str], threshold: int) -> pd.DataFrame:
    """Aggregate reported cells across organizations and add each indicator's total.

    Rates are computed from summed numerators and denominators, never by averaging rates;
    averages are weighted by their n (kept in the denominator)."""
    if values.empty:
        return pd.DataFrame(columns=RESULT_COLUMNS)
    frame = values[VALUE_COLUMNS].copy()
    frame["kind"] = frame["indicator_id"].map(kinds)
    if frame["kind"].isna().any():
        missing = sorted(frame.loc[frame["kind"].isna(), "indicator_id"].unique())
        raise ValueError(f"No kind given for indicators {missing}.")
    # An average travels as value × n so that sums stay weighted.
    is_average = frame["kind"] == AVERAGE
    frame.loc[is_average, "numerator"] = (
        frame.loc[is_average, "value"] * frame.loc[is_average, "denominator"]
    )

    cells = _sum(frame, KEYS)
    totals = _sum(frame[frame["cell_key"] != ""], ["indicator_id", "period_id"])
    totals["cell_key"] = ""
    reported_totals = cells[cells["cell_key"] == ""]
    # A total reported directly wins over the sum of the cells (and only one may exist).
    totals = totals.merge(
        reported_totals[["indicator_id", "period_id"]],
        how="left",
        indicator=True,
        on=["indicator_id", "period_id"],
    )
    totals = totals[totals.pop("_merge") == "left_only"]
    results = pd.concat([cells, totals], ignore_index=True)

    results["kind"] = results["indicator_id"].map(kinds)
    results["value"] = _value(results)
    results.loc[results["kind"] == AVERAGE, "numerator"] = np.nan
    results["suppression"] = primary_suppression(results, threshold=threshold)
    return results[RESULT_COLUMNS].sort_values(KEYS, ignore_index=True)


def _sum(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    # min_count=1 keeps "nobody reported this" (NaN) apart from a reported zero.
    return (
        frame.groupby(by, sort=False)[["numerator", "denominator", "value"]]
        .sum(min_count=1)
        .reset_index()
    )


def _value(results: pd.DataFrame) -> pd.Series:
    ratio = results["numerator"] / results["denominator"].where(results["denominator"] > 0)
    return results["value"].where(results["kind"] == COUNT, ratio)


def primary_suppression(results: pd.DataFrame, *, threshold: int) -> pd.Series:
    """``primary`` where the cell's size — the denominator of a rate or average, the value of
    a count — is above zero and below the threshold; a true zero stays published."""
    size = results["denominator"].where(results["kind"] != COUNT, results["value"])
    small = (size > 0) & (size < threshold)
    return pd.Series(np.where(small, PRIMARY, ""), index=results.index)
