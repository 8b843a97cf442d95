"""Reads of an initiative's disclosure policy: the policy the engine applies
(``measurement.disclosure.Policy``) and the record of who changed it, when, and to what."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from initiatives.choices import DisclosureSmallCount
from initiatives.models import DisclosurePolicyChange, Initiative
from measurement.disclosure import Policy, SmallCount

# The rules as the definitions file and the history name them, with their labels on the page.
RULE_LABELS = {
    "min_group_size": gettext_lazy("Minimum group size"),
    "min_count": gettext_lazy("Minimum count"),
    "small_count": gettext_lazy("When a count is too small"),
    "min_contributors": gettext_lazy("Minimum contributing organizations"),
    "protection_level": gettext_lazy("Protection level"),
}


def disclosure_policy(*, initiative: Initiative) -> Policy:
    """The initiative's disclosure policy, as the engine applies it from the next
    computation on."""
    return Policy(
        min_group_size=initiative.suppression_threshold,
        min_count=initiative.disclosure_min_count,
        small_count=SmallCount(initiative.disclosure_small_count),
        min_contributors=initiative.disclosure_min_contributors,
        protection_level=initiative.disclosure_protection_level,
    )


def policy_as_set(policy: Policy) -> dict:
    """The policy as a change records it: ``min_count`` None when it follows the group size."""
    return {
        "min_group_size": policy.min_group_size,
        "min_count": policy.min_count,
        "small_count": str(policy.small_count),
        "min_contributors": policy.min_contributors,
        "protection_level": policy.protection_level,
    }


@dataclass(frozen=True)
class RuleChange:
    """One rule in one change of the policy: what it was (None: not recorded) and became."""

    rule: str
    before: str | None
    after: str


@dataclass(frozen=True)
class PolicyChangeEntry:
    change: DisclosurePolicyChange
    changes: list[RuleChange]


def _shown(rule: str, value) -> str:
    """A rule's value in plain words."""
    if rule == "min_count" and value is None:
        return _("same as the minimum group size")
    if rule == "small_count":
        return str(DisclosureSmallCount(value).label)
    if rule == "protection_level":
        return f"{value}%"
    return str(value)


@dataclass(frozen=True)
class RuleValue:
    """One rule of a policy and its value, in plain words."""

    rule: str
    value: str


def disclosure_policy_rules(policy: Policy) -> list[RuleValue]:
    """The rules of ``policy`` as the page lists them."""
    as_set = policy_as_set(policy)
    return [
        RuleValue(str(label), _shown(rule, as_set[rule])) for rule, label in RULE_LABELS.items()
    ]


def _rule_changes(before: dict | None, after: dict) -> list[RuleChange]:
    """What one change set: every rule for the first change recorded, then the rules that
    differ from the change before it."""
    return [
        RuleChange(
            str(label),
            None if before is None else _shown(rule, before.get(rule)),
            _shown(rule, after.get(rule)),
        )
        for rule, label in RULE_LABELS.items()
        if before is None or before.get(rule) != after.get(rule)
    ]


def disclosure_policy_history(*, initiative: Initiative) -> list[PolicyChangeEntry]:
    """The changes of the initiative's disclosure policy, newest first, each with who made
    it, when, through what, and which rules it changed."""
    changes = list(initiative.disclosure_policy_changes.select_related("changed_by"))
    return [
        PolicyChangeEntry(
            change,
            _rule_changes(
                changes[index + 1].policy if index + 1 < len(changes) else None, change.policy
            ),
        )
        for index, change in enumerate(changes)
    ]
