"""Writes of the equity app: commitments, decision-making bodies and their seats, decisions,
systems change efforts."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.services import inline_rows, model_update
from equity.models import Commitment, Decision, DecisionBody, Seat, SystemsChangeEffort
from initiatives import roles
from initiatives.models import Initiative
from initiatives.roles import Perm

# What each service lets its callers set (core.services.model_update); many-to-many fields are
# set after saving.
COMMITMENT_FIELDS = (
    "strategy",
    "kind",
    "title",
    "description",
    "owner",
    "organization",
    "due_date",
    "status",
    "evidence",
)
BODY_FIELDS = ("name", "kind", "working_group", "description")
SEAT_FIELDS = ("seat_type", "member", "holder", "organization", "starts_on", "ends_on")
DECISION_FIELDS = (
    "body",
    "decided_on",
    "title",
    "description",
    "resources",
    "engagement_level",
    "meeting",
)
EFFORT_FIELDS = ("organization", "title", "description", "conditions", "stage", "evidence")


@transaction.atomic
def commitment_save(
    *, actor, initiative: Initiative, commitment: Commitment | None, fields: dict
) -> Commitment:
    roles.require(actor, initiative, Perm.MANAGE_CONTENT)
    if fields.get("owner") is not None and not roles.is_member(fields["owner"], initiative):
        raise ValidationError({"owner": _("The owner must be a member of the initiative.")})
    return model_update(
        instance=commitment or Commitment(initiative=initiative),
        fields=COMMITMENT_FIELDS,
        data=fields,
    )


@transaction.atomic
def body_save(
    *, actor, initiative: Initiative, body: DecisionBody | None, fields: dict, seats: list[dict]
) -> DecisionBody:
    """Create or change a decision-making body and its seats (rows marked DELETE go)."""
    roles.require(actor, initiative, Perm.MANAGE_CONTENT)
    initiative.check_owns(fields.get("working_group"), *(row.get("member") for row in seats))
    body = model_update(
        instance=body or DecisionBody(initiative=initiative), fields=BODY_FIELDS, data=fields
    )
    for seat, row in inline_rows(
        seats, Seat, body=body, elsewhere=_("That seat belongs to another body.")
    ):
        model_update(
            instance=seat,
            fields=SEAT_FIELDS,
            data={
                "seat_type": row.get("seat_type"),
                "member": row.get("member"),
                "holder": row.get("holder") or "",
                "organization": row.get("organization"),
                "starts_on": row.get("starts_on"),
                "ends_on": row.get("ends_on"),
            },
        )
    return body


@transaction.atomic
def decision_save(
    *, actor, initiative: Initiative, decision: Decision | None, fields: dict
) -> Decision:
    roles.require(actor, initiative, Perm.MANAGE_CONTENT)
    initiative.check_owns(fields.get("body"), fields.get("meeting"))
    decision = decision or Decision(initiative=initiative, recorded_by=actor)
    return model_update(instance=decision, fields=DECISION_FIELDS, data=fields)


def _require_effort_editor(actor, initiative: Initiative, organization) -> None:
    roles.require(actor, initiative, Perm.VIEW_DASHBOARDS)  # outsiders: not found
    if not roles.may_edit_led_work(actor, initiative, organization):
        raise PermissionDenied


@transaction.atomic
def effort_save(
    *, actor, initiative: Initiative, effort: SystemsChangeEffort | None, fields: dict
) -> SystemsChangeEffort:
    fields = dict(fields)
    indicators = list(fields.pop("indicators", []))
    if effort is not None:
        _require_effort_editor(actor, initiative, effort.organization)
    _require_effort_editor(actor, initiative, fields.get("organization"))
    initiative.check_owns(*indicators)
    effort = model_update(
        instance=effort or SystemsChangeEffort(initiative=initiative),
        fields=EFFORT_FIELDS,
        data=fields,
    )
    effort.indicators.set(indicators)
    return effort
