"""Reads of the community app: who may read which feedback, the feedback loop's figures,
engagement events, interpretations beside the numbers, community members (backbone only)."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts import roles
from accounts.roles import Perm
from community.models import (
    CommunityMember,
    EngagementEvent,
    FeedbackItem,
    Interpretation,
    ParticipantCount,
)
from community.services import ANSWERED_STATUSES
from equity import figures
from initiatives.models import Initiative


def feedback_list(*, user, initiative: Initiative):
    """Backbone roles read all feedback; a community member reads their own."""
    items = FeedbackItem.objects.filter(initiative=initiative).select_related(
        "responded_by", "decision", "activity__organization"
    )
    if roles.can(user, initiative, Perm.MANAGE_CONTENT):
        return items
    if roles.can(user, initiative, Perm.GIVE_FEEDBACK):
        return items.filter(submitted_by=user)
    raise PermissionDenied


def feedback_get(*, initiative: Initiative, pk: int) -> FeedbackItem:
    return get_object_or_404(FeedbackItem, initiative=initiative, pk=pk)


def answered_feedback(*, initiative: Initiative):
    """ "You said, we did" for every member: the theme, the public answer and what it led to —
    never the words or the name of the person who wrote in."""
    return (
        FeedbackItem.objects.filter(initiative=initiative, status__in=ANSWERED_STATUSES)
        .exclude(public_response="")
        .select_related("decision", "activity__organization")
        .only(
            "theme",
            "public_response",
            "responded_at",
            "status",
            "language",
            "decision__title",
            "decision__decided_on",
            "activity__title",
            "activity__organization__name",
        )
        .order_by("-responded_at")
    )


def feedback_loop(*, initiative: Initiative, now=None) -> figures.FeedbackLoop:
    rows = FeedbackItem.objects.filter(initiative=initiative).values_list(
        "created_at", "responded_at"
    )
    return figures.feedback_loop(
        [figures.FeedbackRecord(received, answered) for received, answered in rows],
        now or timezone.now(),
    )


# ---- Engagement events ----


def event_list(*, initiative: Initiative):
    return initiative.engagement_events.annotate(
        paid=Sum("compensations__amount"),
        interpretation_count=Count("interpretations", distinct=True),
    )


def event_get(*, initiative: Initiative, pk: int) -> EngagementEvent:
    return get_object_or_404(
        EngagementEvent.objects.prefetch_related(
            "indicators",
            Prefetch(
                "participant_counts",
                queryset=ParticipantCount.objects.select_related("category__dimension"),
            ),
            "compensations",
            Prefetch(
                "interpretations",
                queryset=Interpretation.objects.select_related("indicator", "period"),
            ),
        ),
        initiative=initiative,
        pk=pk,
    )


@dataclass(frozen=True)
class EngagementSummary:
    events: int
    participants: int
    by_kind: dict[str, int]
    languages: list[str]
    paid: Decimal
    people_paid: int
    events_paid: int
    data_walks: int
    interpretations: int


def engagement_summary(*, initiative: Initiative, since: date | None = None) -> EngagementSummary:
    """Events over the period (the past year unless said): how many, who came, in which
    languages, what people were paid for their time."""
    since = since or timezone.localdate() - timedelta(days=365)
    events = list(
        initiative.engagement_events.filter(held_on__gte=since).annotate(
            paid=Sum("compensations__amount"), people_paid=Sum("compensations__people")
        )
    )
    by_kind = {}
    for event in events:
        by_kind[event.kind] = by_kind.get(event.kind, 0) + 1
    return EngagementSummary(
        events=len(events),
        participants=sum(e.participants for e in events),
        by_kind=by_kind,
        languages=sorted({language for e in events for language in e.languages}),
        paid=sum((e.paid or Decimal(0) for e in events), Decimal(0)),
        people_paid=sum(e.people_paid or 0 for e in events),
        events_paid=sum(bool(e.paid) for e in events),
        data_walks=sum(e.kind == "data_walk" for e in events),
        interpretations=Interpretation.objects.filter(
            event__initiative=initiative, event__held_on__gte=since
        ).count(),
    )


def interpretations_for(*, indicator) -> list[Interpretation]:
    """The community's recorded readings of an indicator, newest period first, for its page."""
    return list(
        Interpretation.objects.filter(indicator=indicator).select_related("period", "event")
    )


# ---- Community members (personal data: backbone only, checked by the views) ----


def member_list(*, initiative: Initiative):
    return initiative.community_members.prefetch_related("consents").annotate(
        active_consents=Count("consents", filter=Q(consents__withdrawn_at__isnull=True))
    )


def member_get(*, initiative: Initiative, pk: int) -> CommunityMember:
    return get_object_or_404(CommunityMember, initiative=initiative, pk=pk)


def own_member_record(*, user, initiative: Initiative) -> CommunityMember | None:
    if not user.is_authenticated:
        return None
    return (
        CommunityMember.objects.filter(initiative=initiative, user=user, anonymized_at__isnull=True)
        .prefetch_related("consents")
        .first()
    )
