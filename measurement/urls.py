from collections.abc import Callable

from django.urls import URLPattern, path

from core.urls import record_form_paths
from measurement.views import (
    computations,
    dashboards,
    definitions,
    disclosure,
    reporting,
    review,
    share,
    submissions,
    uploads,
)

app_name = "measurement"

CODE = "<slug:code>"


def dashboard_paths(
    overview: str,
    *,
    indicators: Callable,
    scorecard: Callable,
    gaps: Callable,
    indicator: Callable,
    results: Callable,
) -> list[URLPattern]:
    """The dashboards' pages, the initiative's and a share link's alike: the same names in
    either namespace, so that one template links them in both (``dashboard_url``)."""
    return [
        path(overview, indicators, name="indicator-list"),
        path(f"{overview}scorecard.<str:file_format>", scorecard, name="scorecard-download"),
        path("gaps/", gaps, name="equity-gaps"),
        path("indicators/<slug:code>/", indicator, name="indicator-detail"),
        path(
            "indicators/<slug:code>/results.<str:file_format>",
            results,
            name="indicator-results",
        ),
    ]


urlpatterns = [
    *dashboard_paths(
        "indicators/",
        indicators=dashboards.indicator_list,
        scorecard=dashboards.scorecard,
        gaps=dashboards.equity_gaps,
        indicator=dashboards.indicator_detail,
        results=dashboards.indicator_results,
    ),
    path("share-links/", share.share_link_list, name="share-link-list"),
    path("share-links/<int:pk>/sites/", share.share_link_sites, name="share-link-sites"),
    path("share-links/<int:pk>/revoke/", share.share_link_revoke, name="share-link-revoke"),
    path("submissions/", submissions.submission_list, name="submission-list"),
    path("submissions/start/", submissions.submission_start, name="submission-start"),
    path("submissions/<int:pk>/", submissions.submission_detail, name="submission-detail"),
    path("submissions/<int:pk>/entry/", submissions.submission_entry, name="submission-entry"),
    path(
        "submissions/<int:pk>/indicators/<slug:code>/",
        submissions.submission_values,
        name="submission-values",
    ),
    path(
        "submissions/<int:pk>/indicators/<slug:code>/edit/",
        submissions.submission_values_edit,
        name="submission-values-edit",
    ),
    path(
        "submissions/<int:pk>/indicators/<slug:code>/totals/",
        submissions.submission_values_totals,
        name="submission-values-totals",
    ),
    path("submissions/<int:pk>/submit/", submissions.submission_submit, name="submission-submit"),
    path(
        "submissions/<int:pk>/approve/", submissions.submission_approve, name="submission-approve"
    ),
    path("submissions/<int:pk>/return/", submissions.submission_return, name="submission-return"),
    path(
        "submissions/<int:pk>/comments/", submissions.submission_comment, name="submission-comment"
    ),
    path("submissions/<int:pk>/unlock/", submissions.submission_unlock, name="submission-unlock"),
    path(
        "submissions/<int:pk>/template.<str:file_format>",
        submissions.submission_template,
        name="submission-template",
    ),
    path("uploads/new/", uploads.upload_new, name="upload-new"),
    path("uploads/<int:pk>/", uploads.upload_detail, name="upload-detail"),
    path("uploads/<int:pk>/file/", uploads.upload_file, name="upload-file"),
    path("uploads/<int:pk>/save/", uploads.upload_save, name="upload-save"),
    path("uploads/<int:pk>/discard/", uploads.upload_discard, name="upload-discard"),
    path("crosswalks/", uploads.crosswalk_list, name="crosswalk-list"),
    path("crosswalks/<int:pk>/delete/", uploads.crosswalk_delete, name="crosswalk-delete"),
    path("reporting/matrix/", reporting.reporting_matrix, name="reporting-matrix"),
    path("reporting/plan/", reporting.reporting_plan, name="reporting-plan"),
    path("reporting/periods/", reporting.period_completeness, name="period-completeness"),
    path("review/", review.review_queue, name="review-queue"),
    path("review/approve/", review.review_approve, name="review-approve"),
    path(
        "definitions/indicators/<slug:code>/rules/",
        definitions.indicator_rules,
        name="indicator-rules",
    ),
    path("reporting/periods/<str:code>/close/", reporting.period_close, name="period-close"),
    path("reporting/periods/<str:code>/reopen/", reporting.period_reopen, name="period-reopen"),
    path("reporting/plan/<slug:code>/", reporting.reporting_plan_edit, name="reporting-plan-edit"),
    path("definitions/", definitions.definitions, name="definitions"),
    path("definitions/disclosure/", disclosure.disclosure_policy, name="disclosure-policy"),
    path("definitions/load/", definitions.definitions_load, name="definitions-load"),
    # Before the dimensions' own pages, whose codes would otherwise take "library".
    path(
        "definitions/dimensions/library/",
        definitions.dimension_library,
        name="dimension-library",
    ),
    *record_form_paths(
        "definitions/dimensions/", definitions.dimension_edit, "dimension", key=CODE
    ),
    *record_form_paths(
        "definitions/indicators/", definitions.indicator_edit, "indicator", key=CODE
    ),
    path("definitions/periods/generate/", definitions.period_generate, name="period-generate"),
    *record_form_paths("definitions/periods/", definitions.period_edit, "period"),
    path("computations/", computations.computation_list, name="computation-list"),
    path("computations/start/", computations.computation_start, name="computation-start"),
    path("computations/<int:pk>/retry/", computations.computation_retry, name="computation-retry"),
]
