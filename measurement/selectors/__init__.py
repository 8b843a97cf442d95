"""Reads of shared measurement that feed pages, exports and the API, one module per subject:
definitions (and the definitions file), submissions, reporting, uploads, computations,
results, dashboards and share links. Callers use ``selectors.<name>``; the modules here
import each other directly, never through this file.

Every read of submissions or results goes through here, and here alone is decided what a role
may see: partner roles see their own organization's submissions; restricted roles see
suppressed cells as suppressed, with no numbers (``results.publish``).
"""

from measurement.selectors.computations import (
    approved_values_frame,
    computation_run_get,
    computation_run_list,
    computation_runs,
    engine_definitions,
    results_computed_at,
    stored_results_frame,
)
from measurement.selectors.dashboards import (
    disparity_list,
    equity_gaps,
    indicator_dashboard,
    organization_results,
    overview,
)
from measurement.selectors.definitions import (
    agenda_results,
    cell_label,
    definitions_export,
    definitions_overview,
    dimension_codes,
    dimension_get,
    dimension_list,
    indicator_breakdown,
    indicator_definitions,
    indicator_entry_cell_ids,
    indicator_entry_sections,
    indicator_get,
    indicator_get_for_edit,
    indicator_list,
    period_by_code,
    period_get,
    period_list,
    target_groups,
)
from measurement.selectors.disclosure import (
    disclosure_policy,
    disclosure_policy_history,
    disclosure_policy_rules,
)
from measurement.selectors.reporting import (
    assignment_plan,
    matrix_status,
    organization_completeness,
    organizations_owing,
    partner_editor_emails,
    reporting_matrix,
)
from measurement.selectors.results import (
    PublishedResult,
    indicator_total_series,
    initiative_results,
    publish,
    result_export_rows,
)
from measurement.selectors.share_links import (
    share_link_for_token,
    share_link_list,
    shared_indicators,
)
from measurement.selectors.submissions import (
    entry_organizations,
    submission_comments,
    submission_entry_sections,
    submission_get,
    submission_history,
    submission_indicator_summary,
    submission_list,
    submission_with_values,
)
from measurement.selectors.uploads import (
    crosswalk_get,
    crosswalk_list,
    crosswalk_map,
    template_rows,
    upload_get,
    upload_summary,
)

__all__ = [
    "PublishedResult",
    "agenda_results",
    "approved_values_frame",
    "assignment_plan",
    "cell_label",
    "computation_run_get",
    "computation_run_list",
    "computation_runs",
    "crosswalk_get",
    "crosswalk_list",
    "crosswalk_map",
    "definitions_export",
    "definitions_overview",
    "dimension_codes",
    "dimension_get",
    "dimension_list",
    "disclosure_policy",
    "disclosure_policy_history",
    "disclosure_policy_rules",
    "disparity_list",
    "engine_definitions",
    "entry_organizations",
    "equity_gaps",
    "indicator_breakdown",
    "indicator_dashboard",
    "indicator_definitions",
    "indicator_entry_cell_ids",
    "indicator_entry_sections",
    "indicator_get",
    "indicator_get_for_edit",
    "indicator_list",
    "indicator_total_series",
    "initiative_results",
    "matrix_status",
    "organization_completeness",
    "organization_results",
    "organizations_owing",
    "overview",
    "partner_editor_emails",
    "period_by_code",
    "period_get",
    "period_list",
    "publish",
    "reporting_matrix",
    "result_export_rows",
    "results_computed_at",
    "share_link_for_token",
    "share_link_list",
    "shared_indicators",
    "stored_results_frame",
    "submission_comments",
    "submission_entry_sections",
    "submission_get",
    "submission_history",
    "submission_indicator_summary",
    "submission_list",
    "submission_with_values",
    "target_groups",
    "template_rows",
    "upload_get",
    "upload_summary",
]
