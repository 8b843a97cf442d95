"""Writes and workflows of shared measurement, one module per subject: definitions (and the
definitions file), submissions, reporting, uploads (and the value store under them),
computations and share links. Views, commands, tasks and the API call them as
``services.<name>``; the modules here import each other directly, never through this file."""

from measurement.services.computations import (
    computation_hand_off,
    computation_request,
    computation_retry,
    computation_run_execute,
    computation_runs_sweep,
)
from measurement.services.definitions import (
    cells_for_keys,
    dimension_save,
    indicator_cells_create,
    indicator_save,
    may_create_periods,
    period_for_code,
    period_save,
    periods_generate,
    rules_set,
)
from measurement.services.definitions_file import (
    DefinitionsError,
    definitions_import,
    definitions_validate,
)
from measurement.services.disclosure import disclosure_policy_set
from measurement.services.notices import (
    backbone_digest_send,
    backbone_digests_send,
    submission_notify,
)
from measurement.services.reporting import (
    assignment_set,
    completeness_rule_set,
    period_close,
    period_reopen,
    reminders_send,
)
from measurement.services.setup import (
    FROM_INITIATIVE,
    FROM_TEMPLATE,
    Definitions,
    definitions_from_file,
    definitions_from_source,
    definitions_load,
    initiative_start_with,
    installation_start,
)
from measurement.services.share_links import (
    share_link_create,
    share_link_revoke,
    share_link_sites_change,
    share_link_use_create,
)
from measurement.services.submissions import (
    submission_approve,
    submission_comment_create,
    submission_return,
    submission_start,
    submission_submit,
    submission_unlock,
    submission_values_save,
    submissions_approve,
)
from measurement.services.uploads import (
    crosswalk_delete,
    crosswalk_save,
    upload_check,
    upload_discard,
    upload_save,
    uploads_expire,
    values_import,
    values_save,
)
from measurement.services.valuestore import values_delete, values_upsert

__all__ = [
    "FROM_INITIATIVE",
    "FROM_TEMPLATE",
    "Definitions",
    "DefinitionsError",
    "assignment_set",
    "backbone_digest_send",
    "backbone_digests_send",
    "cells_for_keys",
    "completeness_rule_set",
    "computation_hand_off",
    "computation_request",
    "computation_retry",
    "computation_run_execute",
    "computation_runs_sweep",
    "crosswalk_delete",
    "crosswalk_save",
    "definitions_from_file",
    "definitions_from_source",
    "definitions_import",
    "definitions_load",
    "definitions_validate",
    "dimension_save",
    "disclosure_policy_set",
    "indicator_cells_create",
    "indicator_save",
    "initiative_start_with",
    "installation_start",
    "may_create_periods",
    "period_close",
    "period_for_code",
    "period_reopen",
    "period_save",
    "periods_generate",
    "reminders_send",
    "rules_set",
    "share_link_create",
    "share_link_revoke",
    "share_link_sites_change",
    "share_link_use_create",
    "submission_approve",
    "submission_comment_create",
    "submission_notify",
    "submission_return",
    "submission_start",
    "submission_submit",
    "submission_unlock",
    "submission_values_save",
    "submissions_approve",
    "upload_check",
    "upload_discard",
    "upload_save",
    "uploads_expire",
    "values_delete",
    "values_import",
    "values_save",
    "values_upsert",
]
