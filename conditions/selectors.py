"""Reads of the five conditions' tools: the plan of action and its coverage, meetings and
updates, the backbone's work, assessments and their results.

The arithmetic is in ``conditions.figures``. People are named through
``community.selectors.people_shown_to``: selectors that list people take the viewer and hand
the page ready labels."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from community.selectors import PeopleShown, people_shown_to
from conditions import figures, questions
from conditions.choices import (
    BACKBONE_FUNCTION_DESCRIPTIONS,
    ActivityStatus,
    BackboneFunction,
    Interaction,
)
from conditions.models import (
    Activity,
    Assessment,
    AssessmentAnswer,
    BackboneWork,
    FeedPost,
    Meeting,
    PartnerRating,
    WorkingGroup,
    WorkingGroupMember,
)
from core.figures import share
from initiatives import roles
from initiatives.choices import AssessmentKind, RespondentGroup
from initiatives.models import Initiative, Organization, Result
from initiatives.selectors import member_users, network_organizations
from measurement.models import Indicator

LIVE_ACTIVITY = (ActivityStatus.PLANNED, ActivityStatus.ACTIVE)


# ---- Mutually reinforcing activities ----


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


# ---- Continuous communication ----


def meeting_list(*, initiative: Initiative, kind: str | None = None) -> QuerySet[Meeting]:
    meetings = initiative.meetings.select_related("working_group").annotate(
        attendee_count=Count("attendees")
    )
    return meetings.filter(kind=kind) if kind else meetings


def meeting_get(*, user, initiative: Initiative, pk: int) -> Meeting:
    """A meeting, with who came as ``user`` may read it (``attendee_names``)."""
    meeting = get_object_or_404(
        Meeting.objects.select_related("working_group").prefetch_related("attendees"),
        initiative=initiative,
        pk=pk,
    )
    people = people_shown_to(user=user, initiative=initiative)
    meeting.attendee_names = [people.user(person) for person in meeting.attendees.all()]
    meeting.attendee_names += people.guests(meeting.guests)
    return meeting


def meetings_without_minutes(*, initiative: Initiative, today: date | None = None):
    today = today or timezone.localdate()
    return initiative.meetings.filter(held_on__lte=today, minutes="").order_by("held_on")


def _name_authors(posts: list[FeedPost], people: PeopleShown) -> list[FeedPost]:
    for post in posts:
        post.author_name = people.user(post.author)
    return posts


def feed_post_list(*, user, initiative: Initiative, limit: int = 50) -> list[FeedPost]:
    posts = list(initiative.feed_posts.select_related("author")[:limit])
    return _name_authors(posts, people_shown_to(user=user, initiative=initiative))


def weekly_digest(*, initiative: Initiative, week_of: date) -> dict:
    """What the weekly digest of the week starting ``week_of`` tells the members."""
    week_end = week_of + timedelta(days=7)
    in_week = Q(created_at__date__gte=week_of, created_at__date__lt=week_end)
    digest = {
        "week_of": week_of,
        # Sent to every member alike: named as someone without an account would see them.
        "posts": _name_authors(
            list(initiative.feed_posts.filter(in_week).select_related("author")),
            people_shown_to(user=None, initiative=initiative),
        ),
        "meetings": list(initiative.meetings.filter(held_on__gte=week_of, held_on__lt=week_end)),
        "activities": list(initiative.activities.filter(in_week).select_related("organization")),
        "assessments": list(initiative.assessments.open(today=week_end)),
    }
    digest["is_empty"] = not any(
        digest[key] for key in ("posts", "meetings", "activities", "assessments")
    )
    return digest


def digest_recipients(*, initiative: Initiative) -> list[str]:
    return list(
        member_users(initiative=initiative).exclude(email="").values_list("email", flat=True)
    )


# ---- Backbone support ----


@dataclass(frozen=True)
class FunctionOverview:
    function: BackboneFunction
    description: str
    recent_work: list[BackboneWork]
    work_last_year: int
    self_assessment: figures.GroupScore | None


def backbone_overview(*, initiative: Initiative, today: date | None = None) -> dict:
    """The six backbone functions: what the backbone does for each, how much work it logged
    over the past year, and how it scored itself in the latest self-assessment."""
    today = today or timezone.localdate()
    work = list(initiative.backbone_work.select_related("recorded_by"))
    latest = latest_assessment(initiative=initiative, kind=AssessmentKind.BACKBONE)
    scores = {}
    if latest is not None:
        table = assessment_scores(assessment=latest)
        scores = {row.key: row.by_group[RespondentGroup.BACKBONE] for row in table["topics"]}
    year_ago = today - timedelta(days=365)
    return {
        "functions": [
            FunctionOverview(
                function=function,
                description=str(BACKBONE_FUNCTION_DESCRIPTIONS[function]),
                recent_work=[w for w in work if w.function == function][:5],
                work_last_year=sum(w.function == function and w.done_on >= year_ago for w in work),
                self_assessment=scores.get(function.value),
            )
            for function in BackboneFunction
        ],
        "self_assessment": latest,
    }


# ---- Assessments ----


def assessment_list(*, user, initiative: Initiative) -> list[dict]:
    """Every round, newest first, with how many answered from each group, whether the user
    answered and whether they may."""
    rounds = initiative.assessments.annotate(
        **{
            f"answered_{group.value}": Count(
                "responses", filter=Q(responses__group=group), distinct=True
            )
            for group in RespondentGroup
        },
        organizations_rating=Count("ratings__rater", distinct=True),
    ).order_by("-opens_on", "title")  # Meta.ordering does not apply to grouped queries
    answered = (
        set(
            Assessment.objects.filter(initiative=initiative)
            .filter(Q(responses__respondent=user) | Q(ratings__respondent=user))
            .values_list("pk", flat=True)
        )
        if user.is_authenticated
        else set()
    )
    return [
        {
            "assessment": assessment,
            "by_group": {
                group: getattr(assessment, f"answered_{group.value}") for group in RespondentGroup
            },
            "organizations_rating": assessment.organizations_rating,
            "answered": assessment.pk in answered,
            "may_answer": assessment.is_open
            and roles.may_answer_assessment(user, initiative, assessment.kind),
        }
        for assessment in rounds
    ]


def assessment_get(*, initiative: Initiative, pk: int) -> Assessment:
    return get_object_or_404(Assessment, initiative=initiative, pk=pk)


def latest_assessment(*, initiative: Initiative, kind: str, before: Assessment | None = None):
    """The most recent round of this kind that has opened (before ``before``, if given)."""
    rounds = initiative.assessments.filter(kind=kind, opens_on__lte=timezone.localdate())
    if before is not None:
        rounds = rounds.filter(opens_on__lt=before.opens_on)
    return rounds.order_by("-opens_on").first()


def _answers(assessment: Assessment) -> list[figures.Answer]:
    return [
        figures.Answer(response_id, group, question, score)
        for response_id, group, question, score in AssessmentAnswer.objects.filter(
            response__assessment=assessment
        ).values_list("response_id", "response__group", "question", "score")
    ]


def assessment_scores(*, assessment: Assessment) -> dict:
    groups = [
        g
        for g in RespondentGroup
        if g in roles.ASSESSMENT_RESPONDENT_GROUPS[AssessmentKind(assessment.kind)]
    ]
    answers = _answers(assessment)
    return {
        **figures.scores_by_group(answers, questions.questions_for(assessment.kind), groups),
        "groups": groups,
        "respondents": figures.respondents_by_group(answers),
    }


@dataclass(frozen=True)
class ReportCell:
    score: figures.GroupScore
    earlier: figures.GroupScore | None  # the same group in the previous round


@dataclass(frozen=True)
class ReportRow:
    label: str
    cells: list[ReportCell]
    gap: float | None


def assessment_report(*, assessment: Assessment) -> dict:
    """A round's results as the results page shows them: per topic and per question, each
    group's mean (hidden below the minimum number of respondents) beside the previous round's,
    and how far apart the groups are."""
    scores = assessment_scores(assessment=assessment)
    previous = latest_assessment(
        initiative=assessment.initiative, kind=assessment.kind, before=assessment
    )
    earlier = {}
    if previous is not None:
        earlier = {row.key: row for row in assessment_scores(assessment=previous)["topics"]}
    asked = questions.questions_for(assessment.kind)
    text = {question.code: question.text for question in asked}
    groups = scores["groups"]

    def report(row, label, compare=None):
        cells = [
            ReportCell(row.by_group[group], compare.by_group.get(group) if compare else None)
            for group in groups
        ]
        return ReportRow(str(label), cells, row.gap)

    return {
        "scores": scores,
        "topic_names": {
            row.key: questions.topic_name(assessment.kind, row.key) for row in scores["topics"]
        },
        "groups": [(group, scores["respondents"].get(group, 0)) for group in groups],
        "topic_rows": [
            report(row, questions.topic_name(assessment.kind, row.key), earlier.get(row.key))
            for row in scores["topics"]
        ],
        "question_rows": [report(row, text[row.key]) for row in scores["questions"]],
        "previous": previous,
    }


def own_answers(*, user, assessment: Assessment) -> dict[str, AssessmentAnswer]:
    return {
        answer.question: answer
        for answer in AssessmentAnswer.objects.filter(
            response__assessment=assessment, response__respondent=user
        )
    }


def own_ratings(*, user, assessment: Assessment) -> dict[int, PartnerRating]:
    organization = roles.organization_of(user, assessment.initiative)
    return {r.rated_id: r for r in assessment.ratings.filter(rater=organization)}


def assessment_comments(*, assessment: Assessment) -> list[dict]:
    """Free-text comments with the question and the respondent's group, never their name:
    for the backbone to read (see the view)."""
    text = {question.code: question.text for question in questions.questions_for(assessment.kind)}
    rows = (
        AssessmentAnswer.objects.filter(response__assessment=assessment)
        .exclude(comment="")
        .values_list("question", "comment", "response__group")
        .order_by("question", "pk")
    )
    return [
        {
            "question": text.get(code, code),
            "comment": comment,
            "group": RespondentGroup(group).label,
        }
        for code, comment, group in rows
    ]


def _ratings(assessment: Assessment) -> list[figures.Rating]:
    return [
        figures.Rating(rater, rated, interaction != Interaction.NONE, trust, value)
        for rater, rated, interaction, trust, value in assessment.ratings.values_list(
            "rater_id", "rated_id", "interaction", "trust", "value"
        )
    ]


def network_health(*, assessment: Assessment) -> figures.NetworkHealth:
    organizations = network_organizations(initiative=assessment.initiative).values_list(
        "pk", flat=True
    )
    return figures.network_health(list(organizations), _ratings(assessment))


def health_trend(*, initiative: Initiative) -> list[tuple[Assessment, figures.NetworkHealth]]:
    """Every collaborative-health round that has started, oldest first, with its scores."""
    rounds = initiative.assessments.filter(
        kind=AssessmentKind.COLLABORATIVE_HEALTH, opens_on__lte=timezone.localdate()
    ).order_by("opens_on")
    return [(assessment, network_health(assessment=assessment)) for assessment in rounds]


ROUND_EVERY = timedelta(days=365)


@dataclass(frozen=True)
class AssessmentStatus:
    kind: AssessmentKind
    state: str  # "open", "due", "scheduled" or "done"
    assessment: Assessment | None  # the open, scheduled or latest round
    due_on: date | None


def assessment_status(
    *, initiative: Initiative, today: date | None = None
) -> list[AssessmentStatus]:
    """For each kind of assessment: a round is open, scheduled, done for this year, or due
    (none opened in the past year)."""
    today = today or timezone.localdate()
    statuses = []
    for kind in AssessmentKind:
        rounds = initiative.assessments.filter(kind=kind)
        current = rounds.open(today).first()
        scheduled = rounds.filter(opens_on__gt=today).order_by("opens_on").first()
        latest = rounds.filter(opens_on__lte=today).order_by("-opens_on").first()
        if current is not None:
            statuses.append(AssessmentStatus(kind, "open", current, current.closes_on))
        elif scheduled is not None:
            statuses.append(AssessmentStatus(kind, "scheduled", scheduled, scheduled.opens_on))
        elif latest is None or latest.opens_on + ROUND_EVERY <= today:
            due_on = latest.opens_on + ROUND_EVERY if latest else None
            statuses.append(AssessmentStatus(kind, "due", latest, due_on))
        else:
            statuses.append(AssessmentStatus(kind, "done", latest, latest.opens_on + ROUND_EVERY))
    return statuses


def open_assessments_to_answer(*, user, initiative: Initiative):
    return [
        item["assessment"]
        for item in assessment_list(user=user, initiative=initiative)
        if item["may_answer"] and not item["answered"]
    ]


def needs_attention(*, initiative: Initiative, today: date | None = None) -> dict:
    """What the backbone's home page asks it to look at."""
    coverage = indicator_coverage(initiative=initiative)
    return {
        "uncovered_indicators": coverage["uncovered"],
        "meetings_without_minutes": list(
            meetings_without_minutes(initiative=initiative, today=today)
        ),
        "assessments": [
            status
            for status in assessment_status(initiative=initiative, today=today)
            if status.state in ("open", "due")
        ],
    }
