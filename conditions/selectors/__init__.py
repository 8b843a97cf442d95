"""Reads of the five conditions' tools: the plan of action and its coverage, meetings and
updates, the backbone's work, assessments and their results — one module per subject.
Callers use ``selectors.<name>``; the modules here import each other directly, never
through this file.

The arithmetic is in ``conditions.figures``. People are named through
``community.selectors.people_shown_to``: selectors that list people take the viewer and hand
the page ready labels."""

from datetime import date

from conditions.selectors.activities import (
    LIVE_ACTIVITY,
    CoverageRow,
    CoverageSection,
    activity_get,
    activity_list,
    indicator_coverage,
    working_group_get,
    working_group_list,
)
from conditions.selectors.assessments import (
    ROUND_EVERY,
    AssessmentStatus,
    ReportCell,
    ReportRow,
    assessment_comments,
    assessment_get,
    assessment_list,
    assessment_report,
    assessment_scores,
    assessment_status,
    health_trend,
    latest_assessment,
    network_health,
    open_assessments_to_answer,
    own_answers,
    own_ratings,
)
from conditions.selectors.backbone import (
    FunctionOverview,
    backbone_overview,
)
from conditions.selectors.communication import (
    digest_recipients,
    feed_post_list,
    meeting_get,
    meeting_list,
    meetings_without_minutes,
    weekly_digest,
)
from conditions.selectors.curves import (
    LATEST_FIGURES,
    CurveSection,
    CurveVersionView,
    turn_the_curve_current,
    turn_the_curve_figures,
    turn_the_curve_history,
    turn_the_curve_latest,
    turn_the_curve_list,
    turn_the_curve_record,
    turn_the_curve_rows,
    turn_the_curve_version,
    turn_the_curve_versions_at,
)
from initiatives.models import Initiative

__all__ = [
    "LATEST_FIGURES",
    "LIVE_ACTIVITY",
    "ROUND_EVERY",
    "AssessmentStatus",
    "CoverageRow",
    "CoverageSection",
    "CurveSection",
    "CurveVersionView",
    "FunctionOverview",
    "ReportCell",
    "ReportRow",
    "activity_get",
    "activity_list",
    "assessment_comments",
    "assessment_get",
    "assessment_list",
    "assessment_report",
    "assessment_scores",
    "assessment_status",
    "backbone_overview",
    "digest_recipients",
    "feed_post_list",
    "health_trend",
    "indicator_coverage",
    "latest_assessment",
    "meeting_get",
    "meeting_list",
    "meetings_without_minutes",
    "needs_attention",
    "network_health",
    "open_assessments_to_answer",
    "own_answers",
    "own_ratings",
    "turn_the_curve_current",
    "turn_the_curve_figures",
    "turn_the_curve_history",
    "turn_the_curve_latest",
    "turn_the_curve_list",
    "turn_the_curve_record",
    "turn_the_curve_rows",
    "turn_the_curve_version",
    "turn_the_curve_versions_at",
    "weekly_digest",
    "working_group_get",
    "working_group_list",
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
