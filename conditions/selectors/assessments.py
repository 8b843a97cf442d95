"""Reads of assessments: who answers which, their scores and report, partner ratings
and the network's health, and which rounds are due."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from conditions import figures, questions
from conditions.choices import (
    Interaction,
)
from conditions.models import (
    Assessment,
    AssessmentAnswer,
    PartnerRating,
)
from initiatives import roles
from initiatives.choices import AssessmentKind, RespondentGroup
from initiatives.models import Initiative
from initiatives.selectors import network_organizations


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
