"""Reads of the plan of action: working groups, activities and which indicators they
cover."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from community.selectors import PeopleShown, people_shown_to
from conditions import figures
from conditions.choices import (
    ActivityStatus,
)
from conditions.models import (
    Activity,
    WorkingGroup,
    WorkingGroupMember,
)
from core.figures import share
from initiatives.models import Initiative, Organization, Result
from measurement.models import Indicator

LIVE_ACTIVITY = (ActivityStatus.PLANNED, ActivityStatus.ACTIVE)


def _working_groups(initiative: Initiative) -> QuerySet[WorkingGroup]:
    return (
        initiative.working_groups.select_related("result")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=WorkingGroupMember.objects.select_related("user", "organization"),
            )
        )
        .annotate(
            live_activities=Count("activities", filter=Q(activities__status__in=LIVE_ACTIVITY))
        )
    )


def _name_group_members(groups, people: PeopleShown) -> None:
    for group in groups:
        for member in group.members.all():
            member.shown_name = (
                people.user(member.user, community=member.is_community)
                if member.user_id
                else people.typed(member.name, community=member.is_community)
            )


def working_group_list(*, user, initiative: Initiative) -> list[WorkingGroup]:
    """The working groups, each member with the name ``user`` may read (``shown_name``)."""
    groups = list(_working_groups(initiative))
    _name_group_members(groups, people_shown_to(user=user, initiative=initiative))
    return groups


def working_group_get(*, user, initiative: Initiative, pk: int) -> WorkingGroup:
    group = get_object_or_404(_working_groups(initiative), pk=pk)
    _name_group_members([group], people_shown_to(user=user, initiative=initiative))
    return group


def activity_list(*, initiative: Initiative, filters: dict | None = None) -> QuerySet[Activity]:
    """The plan of action, filtered by organization, kind, status, working group, result or
    indicator (any of them may be missing)."""
    activities = initiative.activities.select_related(
        "organization", "working_group"
    ).prefetch_related(
        "results", Prefetch("indicators", queryset=Indicator.objects.order_by("order", "code"))
    )
    filters = {name: value for name, value in (filters or {}).items() if value}
    lookups = {
        "organization": "organization",
        "kind": "kind",
        "status": "status",
        "working_group": "working_group",
        "result": "results",
        "indicator": "indicators",
    }
    for name, value in filters.items():
        activities = activities.filter(**{lookups[name]: value})
    return activities.distinct()


def activity_get(*, initiative: Initiative, pk: int) -> Activity:
    return get_object_or_404(
        Activity.objects.select_related("organization"), initiative=initiative, pk=pk
    )


def _links(through, target: str, activities) -> list[figures.ActivityLink]:
    """The (target, activity, organization, kind) rows of one many-to-many of activities."""
    rows = through.objects.filter(activity__in=activities).values_list(
        target, "activity_id", "activity__organization_id", "activity__kind"
    )
    return [figures.ActivityLink(*row) for row in rows]


@dataclass(frozen=True)
class CoverageRow:
    indicator: Indicator
    coverage: figures.Coverage
    activities: list[Activity]
    organizations: list[Organization]
    overlaps: list[tuple[str, list[Organization]]]


@dataclass(frozen=True)
class CoverageSection:
    result: Result | None
    coverage: figures.Coverage | None
    rows: list[CoverageRow]


def indicator_coverage(*, initiative: Initiative) -> dict:
    """Which indicators (and results) live activities are aimed at, which nobody works on,
    and where two or more organizations do the same kind of work toward one indicator."""
    indicators = list(
        Indicator.objects.active()
        .filter(initiative=initiative)
        .select_related("result")
        .order_by("result__order", "order", "code")
    )
    live = Activity.objects.filter(initiative=initiative, status__in=LIVE_ACTIVITY)
    activities = {a.pk: a for a in live.select_related("organization")}
    indicator_links = _links(Activity.indicators.through, "indicator_id", live)
    by_indicator = figures.coverage([i.pk for i in indicators], indicator_links)
    # A result is worked on when an activity names it, or names one of its indicators.
    result_of = {i.pk: i.result_id for i in indicators}
    result_links = [
        figures.ActivityLink(
            result_of[link.target_id], link.activity_id, link.organization_id, link.kind
        )
        for link in indicator_links
        if result_of.get(link.target_id)
    ] + _links(Activity.results.through, "result_id", live)
    results = list(initiative.results.all())
    by_result = figures.coverage([r.pk for r in results], result_links)
    organizations = {o.pk: o for o in Organization.objects.filter(activities__in=live).distinct()}

    def row(indicator):
        item = by_indicator[indicator.pk]
        return CoverageRow(
            indicator=indicator,
            coverage=item,
            activities=[activities[pk] for pk in item.activity_ids],
            organizations=sorted((organizations[pk] for pk in item.organization_ids), key=str),
            overlaps=[
                (
                    kind,
                    sorted((organizations[pk] for pk in item.organizations_by_kind[kind]), key=str),
                )
                for kind in item.overlapping_kinds
            ],
        )

    sections = [
        CoverageSection(
            result, by_result[result.pk], [row(i) for i in indicators if i.result_id == result.pk]
        )
        for result in results
    ]
    loose = [row(i) for i in indicators if i.result_id is None]
    if loose:
        sections.append(CoverageSection(None, None, loose))
    rows = [r for section in sections for r in section.rows]
    covered = sum(r.coverage.is_covered for r in rows)
    return {
        "sections": sections,
        "indicator_count": len(rows),
        "covered_count": covered,
        "covered_share": share(covered, len(rows)),
        "uncovered": [r.indicator for r in rows if not r.coverage.is_covered],
        "overlapping": [r for r in rows if r.overlaps],
        "results_without_work": [
            s.result for s in sections if s.result and s.coverage and not s.coverage.is_covered
        ],
    }
