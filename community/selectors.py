"""Reads of the community app: how people are named to each viewer, who may read which
feedback, the feedback loop's figures, engagement events, interpretations beside the numbers,
community members (backbone only)."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cached_property

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.choices import Role
from community import figures
from community.models import (
    WITHDRAWN_NAME,
    CommunityMember,
    EngagementEvent,
    FeedbackItem,
    Interpretation,
    ParticipantCount,
    WithdrawnAccount,
)
from community.services import ANSWERED_STATUSES
from initiatives import roles
from initiatives.models import Initiative, Membership
from initiatives.roles import Perm

# ---- How people are named ----


class PeopleShown:
    """How people are named to one viewer in one initiative.

    A community member's name (and e-mail address) reaches the viewer only if their role may
    see personal data (``roles.may_see_community_names``: the backbone) and the person has not
    withdrawn their consent; otherwise they are "Community member". Everyone else is named as
    usual. Community members are the people in the register, accounts holding the community
    member role, accounts that withdrew their consent here, and whatever the backbone marked as
    community (a community seat, a working group's community member).

    Selectors and views name people through this alone and hand templates the labels; build
    it with ``people_shown_to``."""

    def __init__(self, *, initiative: Initiative, names_visible: bool):
        self.initiative = initiative
        self.names_visible = names_visible

    @cached_property
    def _withdrawn_user_ids(self) -> frozenset[int]:
        return frozenset(
            WithdrawnAccount.objects.filter(initiative=self.initiative).values_list(
                "user_id", flat=True
            )
        )

    @cached_property
    def _community_user_ids(self) -> frozenset[int]:
        by_role = Membership.objects.filter(
            initiative=self.initiative, role=Role.COMMUNITY_MEMBER
        ).values_list("user_id", flat=True)
        in_register = CommunityMember.objects.filter(
            initiative=self.initiative, user__isnull=False
        ).values_list("user_id", flat=True)
        return frozenset(by_role) | frozenset(in_register) | self._withdrawn_user_ids

    def shows_name(self, *, withdrawn: bool) -> bool:
        """The one rule: may this viewer read a community member's name and contact details?"""
        return self.names_visible and not withdrawn

    def community_name(self, name: str, *, withdrawn: bool = False) -> str:
        """A community member's name, or the label that stands in for it."""
        name = (name or "").strip()
        if self.shows_name(withdrawn=withdrawn) and name and name != WITHDRAWN_NAME:
            return name
        return _("Community member")

    def is_community(self, user) -> bool:
        return user is not None and user.pk in self._community_user_ids

    def _shows_user(self, user, community: bool) -> bool:
        if community or self.is_community(user):
            return self.shows_name(withdrawn=user.pk in self._withdrawn_user_ids)
        return True

    def user(self, user, *, community: bool = False) -> str:
        """An account's name; ``community`` when the backbone marked the person as community
        whatever their role."""
        if user is None:
            return ""
        return str(user) if self._shows_user(user, community) else self.community_name("")

    def email(self, user) -> str:
        """An account's e-mail address, or "" where its holder's name is not shown."""
        return user.email if user is not None and self._shows_user(user, False) else ""

    def member(self, member: CommunityMember) -> str:
        return self.community_name(member.name, withdrawn=member.anonymized_at is not None)

    def member_email(self, member: CommunityMember) -> str:
        return member.email if self.shows_name(withdrawn=member.anonymized_at is not None) else ""

    def typed(self, name: str, *, community: bool) -> str:
        """A name typed for someone without an account (a seat's holder, a working group's
        member); a withdrawn person's former place reads as a community member's."""
        return self.community_name(name) if community or name == WITHDRAWN_NAME else name

    def memberships(self, memberships) -> list:
        """Memberships, each with the name and e-mail address this viewer may read
        (``person``, ``person_email``)."""
        memberships = list(memberships)
        for membership in memberships:
            membership.person = self.user(membership.user)
            membership.person_email = self.email(membership.user)
        return memberships

    def guests(self, text: str) -> list[str]:
        """The other attendees of a meeting, one per line: people without an account, often
        residents, whom nothing marks as community or not — so their names go only to those
        who may see community members' names, and everyone else reads how many came."""
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if self.names_visible:
            return [self.community_name(line) if line == WITHDRAWN_NAME else line for line in lines]
        if not lines:
            return []
        return [
            ngettext("%(count)s other attendee", "%(count)s other attendees", len(lines))
            % {"count": len(lines)}
        ]


def people_shown_to(*, user, initiative: Initiative) -> PeopleShown:
    """How ``user`` sees people in ``initiative`` (``user=None``: an audience without an
    account, such as an e-mail to every member)."""
    return PeopleShown(
        initiative=initiative,
        names_visible=user is not None and roles.may_see_community_names(user, initiative),
    )


# ---- Feedback ----


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


def published_feedback(*, initiative: Initiative):
    """ "You said, we did" for every member: what staff wrote for publication — "you said"
    and the answer — and what it led to, once someone confirmed it fit to publish. Never the
    writer's words, theme or name: those fields are not even loaded."""
    return (
        FeedbackItem.objects.filter(
            initiative=initiative, status__in=ANSWERED_STATUSES, published_at__isnull=False
        )
        .exclude(public_response="")
        .select_related("decision", "activity__organization")
        .only(
            "public_summary",
            "public_response",
            "published_at",
            "status",
            "language",
            "decision__title",
            "decision__decided_on",
            "activity__title",
            "activity__organization__name",
        )
        .order_by("-published_at")
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
    by_kind: dict[str, int] = {}
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


def community_member_list(*, user, initiative: Initiative) -> list[CommunityMember]:
    """The register, each record with the name and e-mail address ``user`` may read
    (``shown_name``, ``shown_email``): nothing of those who withdrew."""
    people = people_shown_to(user=user, initiative=initiative)
    members: list[CommunityMember] = list(
        initiative.community_members.prefetch_related("consents").annotate(
            active_consents=Count("consents", filter=Q(consents__withdrawn_at__isnull=True))
        )
    )
    for member in members:
        member.shown_name = people.member(member)
        member.shown_email = people.member_email(member)
    return members


def community_member_get(*, initiative: Initiative, pk: int) -> CommunityMember:
    return get_object_or_404(CommunityMember, initiative=initiative, pk=pk)


def own_member_record(*, user, initiative: Initiative) -> CommunityMember | None:
    if not user.is_authenticated:
        return None
    return (
        CommunityMember.objects.filter(initiative=initiative, user=user, anonymized_at__isnull=True)
        .prefetch_related("consents")
        .first()
    )
