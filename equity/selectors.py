"""Reads of the equity app."""

from equity.choices import STRATEGY_DESCRIPTIONS, EquityStrategy
from equity.models import Commitment
from initiatives.models import Initiative


def strategy_overview(*, initiative: Initiative) -> list[dict]:
    """The five strategies in their fixed order, each with the initiative's commitments."""
    by_strategy: dict[str, list[Commitment]] = {s.value: [] for s in EquityStrategy}
    for commitment in Commitment.objects.filter(initiative=initiative).select_related(
        "owner", "organization"
    ):
        by_strategy[commitment.strategy].append(commitment)
    return [
        {
            "strategy": strategy,
            "description": STRATEGY_DESCRIPTIONS[strategy],
            "commitments": by_strategy[strategy.value],
        }
        for strategy in EquityStrategy
    ]
