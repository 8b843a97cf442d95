"""Writes of an initiative's disclosure policy: the rules that decide what restricted audiences
may read about small groups, each change recorded with who made it and when."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.services import model_update
from initiatives import roles
from initiatives.models import DisclosurePolicyChange, Initiative
from initiatives.roles import Perm
from measurement.disclosure import Policy, SmallCount
from measurement.selectors.disclosure import disclosure_policy, policy_as_set

MAX_PROTECTION_LEVEL = 50

# The initiative's fields that hold each rule of the policy.
POLICY_FIELDS = {
    "min_group_size": "suppression_threshold",
    "min_count": "disclosure_min_count",
    "small_count": "disclosure_small_count",
    "min_contributors": "disclosure_min_contributors",
    "protection_level": "disclosure_protection_level",
}


def disclosure_policy_errors(policy: Policy) -> dict[str, str]:
    """What is wrong with a policy, by rule (the names of ``Policy``): every threshold is a
    whole number of at least 1 and the protection level a percentage from 0 to 50."""
    errors = {}
    for rule in ("min_group_size", "min_count", "min_contributors"):
        value = getattr(policy, rule)
        if value is None and rule == "min_count":
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            errors[rule] = _("Must be a whole number of at least 1.")
    level = policy.protection_level
    if (
        isinstance(level, bool)
        or not isinstance(level, int)
        or not 0 <= level <= MAX_PROTECTION_LEVEL
    ):
        errors["protection_level"] = _("Must be a whole number from 0 to %(most)s.") % {
            "most": MAX_PROTECTION_LEVEL
        }
    if policy.small_count not in set(SmallCount):
        errors["small_count"] = _("Must be “range” or “suppress”.")
    return errors


@transaction.atomic
def disclosure_policy_set(
    *, initiative: Initiative, by, policy: Policy, source: str
) -> DisclosurePolicyChange | None:
    """Set the initiative's disclosure policy and record who changed it (``by``; None for the
    operator's commands), when and through what (``source``: "page", "import"…). Applies
    from the next computation. Setting the policy it already has changes and records nothing
    (returns None). Raises ValidationError, keyed by the initiative's fields, for a policy
    that breaks the rules of ``disclosure_policy_errors``."""
    if by is not None:
        roles.require(by, initiative, Perm.MANAGE_MEMBERS)
    if errors := disclosure_policy_errors(policy):
        raise ValidationError({POLICY_FIELDS[rule]: message for rule, message in errors.items()})
    if disclosure_policy(initiative=initiative) == policy:
        return None
    as_set = policy_as_set(policy)
    model_update(
        instance=initiative,
        fields=POLICY_FIELDS.values(),
        data={POLICY_FIELDS[rule]: value for rule, value in as_set.items()},
    )
    return DisclosurePolicyChange.objects.create(
        initiative=initiative, changed_by=by, policy=as_set, source=source
    )
