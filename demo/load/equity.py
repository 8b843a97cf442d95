"""The equity strategies, from ``demo.data.equity``: commitments, decision-making bodies and
their seats, decisions, systems change efforts, and a round of the equity assessment."""

import random

from accounts.choices import Role
from community.models import CommunityMember
from conditions.models import Meeting
from demo.data.equity import (
    BODIES,
    COMMITMENTS,
    DECISIONS,
    EFFORTS,
    EQUITY_ASSESSMENT,
    EQUITY_ASSESSMENT_SEED,
    EQUITY_MEANS,
    EQUITY_RESPONDENTS,
)
from demo.load.calendar import DemoCalendar
from demo.load.cast import DemoCast
from demo.load.conditions import assessment_round, paper_answers_enter
from demo.load.definitions import Definitions
from equity import services
from equity.choices import SeatType
from equity.models import DecisionBody
from initiatives.choices import AssessmentKind


def equity_load(*, definitions: Definitions, cast: DemoCast, calendar: DemoCalendar) -> None:
    _commitments(definitions, cast, calendar)
    _bodies(definitions, cast, calendar)
    _decisions(definitions, cast, calendar)
    _efforts(definitions, cast)
    title, opens, closes = EQUITY_ASSESSMENT
    assessment = assessment_round(
        definitions, cast, calendar, AssessmentKind.EQUITY, title, opens, closes
    )
    paper_answers_enter(
        cast,
        assessment,
        EQUITY_RESPONDENTS,
        EQUITY_MEANS,
        0.0,
        random.Random(EQUITY_ASSESSMENT_SEED),
    )


def _commitments(definitions: Definitions, cast: DemoCast, calendar: DemoCalendar) -> None:
    for strategy, kind, status, due, title, evidence in COMMITMENTS:
        fields = {
            "strategy": strategy,
            "kind": kind,
            "status": status,
            "due_date": calendar.day(due) if due is not None else None,
            "title": title,
            "evidence": evidence,
            "owner": cast.account(Role.BACKBONE_ADMIN),
            "organization": definitions.organizations["backbone"],
        }
        definitions.save(services.commitment_save, cast.admin, commitment=None, fields=fields)


def _bodies(definitions: Definitions, cast: DemoCast, calendar: DemoCalendar) -> None:
    """A community seat is held by a member of the community members' register."""
    register = {
        member.name: member
        for member in CommunityMember.objects.filter(
            initiative=definitions.initiative, anonymized_at__isnull=True
        )
    }
    for name, kind, seats in BODIES:
        seat_rows = [
            {
                "seat_type": seat_type,
                "member": register[holder] if seat_type == SeatType.COMMUNITY else None,
                "holder": "" if seat_type == SeatType.COMMUNITY else holder,
                "starts_on": calendar.day(start),
                "ends_on": calendar.day(end) if end is not None else None,
            }
            for seat_type, holder, start, end in seats
        ]
        fields = {"name": name, "kind": kind}
        definitions.save(services.body_save, cast.admin, body=None, fields=fields, seats=seat_rows)


def _decisions(definitions: Definitions, cast: DemoCast, calendar: DemoCalendar) -> None:
    """A decision names its body and the meeting it was taken at: both are found by name."""
    initiative = definitions.initiative
    bodies = {body.name: body for body in DecisionBody.objects.filter(initiative=initiative)}
    meetings = {meeting.title: meeting for meeting in Meeting.objects.filter(initiative=initiative)}
    for body, days_ago, title, money, level, meeting in DECISIONS:
        fields = {
            "body": bodies[body],
            "title": title,
            "decided_on": calendar.day(-days_ago),
            "resources": money,
            "engagement_level": level,
            "meeting": meetings[meeting] if meeting else None,
        }
        definitions.save(services.decision_save, cast.staff, decision=None, fields=fields)


def _efforts(definitions: Definitions, cast: DemoCast) -> None:
    for organization, title, conditions, stage, evidence, indicators in EFFORTS:
        fields = {
            "organization": definitions.organizations[organization] if organization else None,
            "title": title,
            "conditions": [condition.value for condition in conditions],
            "stage": stage,
            "evidence": evidence,
            "indicators": [definitions.indicators[code] for code in indicators],
        }
        definitions.save(services.effort_save, cast.admin, effort=None, fields=fields)
