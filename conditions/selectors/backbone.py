"""Reads of the backbone's work: its six functions and what was done for each."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from conditions import figures
from conditions.choices import (
    BACKBONE_FUNCTION_DESCRIPTIONS,
    BackboneFunction,
)
from conditions.models import (
    BackboneWork,
)
from conditions.selectors.assessments import assessment_scores, latest_assessment
from initiatives.choices import AssessmentKind, RespondentGroup
from initiatives.models import Initiative


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
