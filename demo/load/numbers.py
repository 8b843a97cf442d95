"""The partners' numbers: every reported quarter, every partner, every indicator it reports,
in the full breakdown of the indicator's dimensions — drawn from a seeded generator around the
shape each indicator's table gives (a rate by population group that moves each quarter, a
count by neighbourhood, a mean by gender) and the population mix each partner serves.

The result is a table in the values interchange format, as a partner's file would hold it."""

import itertools
import random

import pandas as pd

from demo.data.initiative import ORGANIZATIONS
from demo.data.measurement import DIMENSIONS, GENDER_SHARES, INDICATORS, DemoIndicator
from measurement.choices import IndicatorKind
from measurement.datafiles import BASE_COLUMNS, NUMBER_COLUMNS

# A twenty-fifth of every partner's people do not say which group they belong to.
UNKNOWN_SECTOR_SHARE = 0.04


def numbers_frame(*, quarters: list[str], seed: int) -> pd.DataFrame:
    """One row per organization, quarter, indicator and cell of the full breakdown, with
    numbers written as a file writes them. The order of the loops is the order the generator
    is drawn in: changing it changes every number."""
    rng = random.Random(seed)
    mixes = {code: mix for code, _sector, _role, _names, mix in ORGANIZATIONS if mix}
    dimension_codes = [code for code, *_rest in DIMENSIONS]
    rows = []
    for quarter_index, quarter in enumerate(quarters):
        for organization, mix in mixes.items():
            for spec in INDICATORS:
                if organization not in spec.reporters:
                    continue
                for parts in _full_breakdown(spec):
                    numbers = _numbers(rng, spec, parts, mix, quarter_index)
                    if numbers is None:
                        continue
                    rows.append(
                        {
                            "indicator": spec.code,
                            "period": quarter,
                            "organization": organization,
                            **{code: parts.get(code, "") for code in dimension_codes},
                            **{name: _written(numbers.get(name)) for name in NUMBER_COLUMNS},
                        }
                    )
    return pd.DataFrame(rows, columns=BASE_COLUMNS + dimension_codes + NUMBER_COLUMNS)


def _full_breakdown(spec: DemoIndicator) -> list[dict[str, str]]:
    """The cells of the indicator's full breakdown, in the order the entry grid shows them:
    dimensions in their order, categories in theirs."""
    categories = [
        [(code, category[0]) for category in categories]
        for code, _names, _overlapping, categories in DIMENSIONS
        if code in spec.dimensions
    ]
    return [dict(cell) for cell in itertools.product(*categories)]


def _written(number: float | None) -> str:
    return "" if number is None else repr(number)


def _numbers(rng, spec: DemoIndicator, parts: dict[str, str], mix, quarter_index: int):
    if spec.kind == IndicatorKind.COUNT:
        base = spec.base[parts["neighbourhood"]] * (0.5 + rng.random())
        return {"value": float(max(0, round(base + spec.trend * quarter_index)))}
    gender_share = GENDER_SHARES[parts["gender"]]
    if spec.kind == IndicatorKind.AVERAGE:
        n = round(spec.size * gender_share * (0.7 + 0.6 * rng.random()))
        if n == 0:
            return None
        mean = spec.base[parts["gender"]] + spec.trend * quarter_index + rng.gauss(0, 1.2)
        return {"value": round(mean, 1), "denominator": float(n)}
    sector = parts["sector"]
    jewish, haredi, arab = mix
    known = 1 - UNKNOWN_SECTOR_SHARE
    shares = {
        "jewish": jewish * known,
        "haredi": haredi * known,
        "arab": arab * known,
        "unknown": UNKNOWN_SECTOR_SHARE,
    }
    denominator = round(spec.size * shares[sector] * gender_share * (0.8 + 0.4 * rng.random()))
    if denominator == 0:
        return None
    rate = spec.base[sector] + spec.trend * quarter_index + rng.gauss(0, 0.03)
    rate = min(max(rate, 0.0), 1.0)
    numerator = sum(1 for _ in range(denominator) if rng.random() < rate)
    return {"numerator": float(numerator), "denominator": float(denominator)}
