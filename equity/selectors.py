"""Reads of the equity app: commitments and accountability, decision-making bodies, decisions
and the power the community had in them, systems change efforts. The arithmetic is in
``equity.figures``. People are named through ``community.selectors.people_shown_to``."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from community import selectors as community_selectors
from community.models import EngagementEvent, Interpretation
from community.selectors import PeopleShown, people_shown_to
from conditions import selectors as conditions_selectors
from conditions.choices import ActivityKind
from core.figures import share
from equity import figures
from equity.choices import (
    LEVEL_OF_CONDITION,
    SHARED_POWER,
    STRATEGY_DESCRIPTIONS,
    CommitmentStatus,
    EquityStrategy,
    SeatType,
    SystemsCondition,
    SystemsStage,
)
from equity.models import (
    Commitment,
    CommitmentQuerySet,
    Decision,
    DecisionBody,
    Seat,
    SystemsChangeEffort,
)
from initiatives import roles
from initiatives.choices import AssessmentKind
from initiatives.models import Initiative
from measurement.models import Indicator

YEAR = timedelta(days=365)


# ---- Commitments ----


def commitment_list(*, initiative: Initiative) -> CommitmentQuerySet:
    return Commitment.objects.filter(initiative=initiative).select_related("owner", "organization")


def commitment_get(*, initiative: Initiative, pk: int) -> Commitment:
    return get_object_or_404(Commitment, initiative=initiative, pk=pk)


def _name_owners(commitments, people: PeopleShown) -> list[Commitment]:
    for commitment in commitments:
        commitment.owner_name = people.user(commitment.owner)
    return commitments


def overdue_commitments(
    *, user, initiative: Initiative, today: date | None = None, people: PeopleShown | None = None
) -> list[Commitment]:
    """Commitments past their date, each with its owner as ``user`` may read it
    (``owner_name``)."""
    return _name_owners(
        list(commitment_list(initiative=initiative).overdue(today).order_by("due_date")),
        people or people_shown_to(user=user, initiative=initiative),
    )


def accountability(*, initiative: Initiative, today: date | None = None) -> figures.Accountability:
    today = today or timezone.localdate()
    return figures.accountability(
        [
            figures.CommitmentRecord(c.status, c.due_date, c.is_open)
            for c in Commitment.objects.filter(initiative=initiative).only("status", "due_date")
        ],
        today,
        CommitmentStatus.DONE,
    )


def strategy_overview(
    *, user, initiative: Initiative, people: PeopleShown | None = None
) -> list[dict]:
    """The five strategies in their fixed order, each with the initiative's commitments (their
    owners named as ``user`` may read them)."""
    by_strategy: dict[str, list[Commitment]] = {s.value: [] for s in EquityStrategy}
    people = people or people_shown_to(user=user, initiative=initiative)
    for commitment in _name_owners(commitment_list(initiative=initiative), people):
        by_strategy[commitment.strategy].append(commitment)
    return [
        {
            "strategy": strategy,
            "description": STRATEGY_DESCRIPTIONS[strategy],
            "commitments": by_strategy[strategy.value],
            "overdue": sum(c.is_overdue for c in by_strategy[strategy.value]),
        }
        for strategy in EquityStrategy
    ]


# ---- Shifting power ----


def body_list(*, user, initiative: Initiative) -> list[DecisionBody]:
    """The decision-making bodies, each seat with its holder as ``user`` may read it
    (``shown_holder``: "" for a vacant seat)."""
    bodies = list(
        initiative.decision_bodies.prefetch_related(
            Prefetch("seats", queryset=Seat.objects.select_related("organization", "member"))
        )
    )
    people = people_shown_to(user=user, initiative=initiative)
    for body in bodies:
        for seat in body.seats.all():
            seat.shown_holder = seat_holder(seat, people)
    return bodies


def seat_holder(seat: Seat, people: PeopleShown) -> str:
    if seat.member is not None:
        return people.member(seat.member)
    if seat.holder:
        return people.typed(seat.holder, community=seat.seat_type == SeatType.COMMUNITY)
    return seat.organization.name if seat.organization else ""


def body_get(*, initiative: Initiative, pk: int) -> DecisionBody:
    return get_object_or_404(DecisionBody, initiative=initiative, pk=pk)


def decision_list(*, initiative: Initiative) -> QuerySet[Decision]:
    return initiative.decisions.select_related("body", "meeting")


def decision_get(*, initiative: Initiative, pk: int) -> Decision:
    return get_object_or_404(Decision, initiative=initiative, pk=pk)


def power_figures(*, initiative: Initiative, since: date | None = None) -> figures.PowerFigures:
    decisions = initiative.decisions.all()
    if since is not None:
        decisions = decisions.filter(decided_on__gte=since)
    return figures.power_figures(
        [
            figures.DecisionRecord(level, resources)
            for level, resources in decisions.values_list("engagement_level", "resources")
        ],
        SHARED_POWER,
    )


def seats_over_time(
    *, initiative: Initiative, body: DecisionBody | None = None, today: date | None = None
) -> list[figures.Composition]:
    """Seats by type at the end of every quarter since the first seat was filled."""
    today = today or timezone.localdate()
    seats = Seat.objects.filter(body__initiative=initiative)
    if body is not None:
        seats = seats.filter(body=body)
    records = [
        figures.SeatRecord(*row) for row in seats.values_list("seat_type", "starts_on", "ends_on")
    ]
    if not records:
        return []
    first = min(r.starts_on for r in records)
    dates = figures.quarter_ends(first, today)
    dates[-1] = min(dates[-1], today)  # the current quarter as it stands today
    return figures.composition_over_time(records, dates)


def community_seat_share(compositions) -> list[tuple[date, float | None]]:
    return [(c.on, c.share_of(SeatType.COMMUNITY)) for c in compositions]


# ---- Systems change ----


def effort_list(*, user, initiative: Initiative, condition: str | None = None) -> list:
    """Systems change efforts (on one condition, if given), each marked ``editable`` for
    the user."""
    efforts = list(
        initiative.systems_change_efforts.select_related("organization").prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("order", "code"))
        )
    )
    if condition:
        efforts = [e for e in efforts if condition in e.conditions]
    for effort in efforts:
        effort.editable = roles.may_edit_led_work(user, initiative, effort.organization)
    return efforts


def effort_get(*, initiative: Initiative, pk: int) -> SystemsChangeEffort:
    return get_object_or_404(SystemsChangeEffort, initiative=initiative, pk=pk)


@dataclass(frozen=True)
class MatrixRow:
    condition: SystemsCondition
    level: str
    counts: list[int]
    total: int


def systems_matrix(*, initiative: Initiative) -> dict:
    """Efforts by condition and stage, conditions grouped by level of visibility."""
    efforts = initiative.systems_change_efforts.values_list("conditions", "stage")
    matrix = figures.condition_stage_matrix(efforts, SystemsCondition.values, SystemsStage.values)
    return {
        "stages": list(SystemsStage),
        "rows": [
            MatrixRow(
                condition=condition,
                level=str(LEVEL_OF_CONDITION[condition].label),
                counts=list(matrix[condition].values()),
                total=sum(matrix[condition].values()),
            )
            for condition in SystemsCondition
        ],
    }


def year_ago(today: date | None = None) -> date:
    return (today or timezone.localdate()) - YEAR


# ---- The equity dashboard ----


def data_and_context(*, initiative: Initiative, since: date) -> dict:
    """How far the data strategy goes: indicators broken down by group, and the community
    reading the data with the initiative."""
    indicators = (
        Indicator.objects.active()
        .filter(initiative=initiative)
        .annotate(dimension_count=Count("dimensions"))
    )
    total = indicators.count()
    disaggregated = indicators.filter(dimension_count__gt=0).count()
    return {
        "indicators": total,
        "disaggregated": disaggregated,
        "disaggregated_share": share(disaggregated, total),
        "data_walks": EngagementEvent.objects.filter(
            initiative=initiative, kind="data_walk", held_on__gte=since
        ).count(),
        "interpretations": Interpretation.objects.filter(
            event__initiative=initiative, event__held_on__gte=since
        ).count(),
    }


def systems_change_summary(*, initiative: Initiative) -> dict:
    live = initiative.activities.filter(status__in=conditions_selectors.LIVE_ACTIVITY)
    systems = live.filter(kind=ActivityKind.SYSTEMS).count()
    total = live.count()
    return {
        "efforts": initiative.systems_change_efforts.count(),
        "shifting": initiative.systems_change_efforts.filter(
            stage__in=[SystemsStage.SHIFTING, SystemsStage.SUSTAINED]
        ).count(),
        "systems_activities": systems,
        "live_activities": total,
        "systems_activity_share": share(systems, total),
    }


def dashboard(*, user, initiative: Initiative, today: date | None = None) -> dict:
    """Everything the equity dashboard shows, strategy by strategy, as ``user`` may see it."""
    today = today or timezone.localdate()
    since = today - YEAR
    compositions = seats_over_time(initiative=initiative, today=today)
    equity_round = conditions_selectors.latest_assessment(
        initiative=initiative, kind=AssessmentKind.EQUITY
    )
    people = people_shown_to(user=user, initiative=initiative)
    return {
        "strategies": strategy_overview(user=user, initiative=initiative, people=people),
        "accountability": accountability(initiative=initiative, today=today),
        "overdue": overdue_commitments(
            user=user, initiative=initiative, today=today, people=people
        ),
        "data": data_and_context(initiative=initiative, since=since),
        "systems": systems_change_summary(initiative=initiative),
        "power_year": power_figures(initiative=initiative, since=since),
        "power_all": power_figures(initiative=initiative),
        "seats_now": compositions[-1] if compositions else None,
        "compositions": compositions,
        "feedback": community_selectors.feedback_loop(initiative=initiative),
        "engagement": community_selectors.engagement_summary(initiative=initiative, since=since),
        "published": list(community_selectors.published_feedback(initiative=initiative)[:5]),
        "equity_round": equity_round,
        "equity_report": conditions_selectors.assessment_report(assessment=equity_round)
        if equity_round
        else None,
    }
