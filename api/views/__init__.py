"""The REST API, version 1. One view per operation; permissions from initiatives.roles and
records from the same selectors and services as the pages, so the API is exactly as safe as
they are. One module per subject; api/urls.py names the views through this package."""

from api.views.base import InitiativeListView, InitiativeView
from api.views.definitions import (
    DimensionList,
    IndicatorDetail,
    IndicatorList,
    InitiativeDetail,
    InitiativeList,
    OrganizationList,
    PeriodList,
    ResultList,
)
from api.views.results import ComputationRunDetail, ComputationRunList, ComputedResultList
from api.views.schema import DocsView, NoSuchEndpoint, SchemaView
from api.views.submissions import (
    SubmissionApprove,
    SubmissionDetail,
    SubmissionList,
    SubmissionSubmit,
)
from api.views.values import ValuesImport

__all__ = [
    "ComputationRunDetail",
    "ComputationRunList",
    "ComputedResultList",
    "DimensionList",
    "DocsView",
    "IndicatorDetail",
    "IndicatorList",
    "InitiativeDetail",
    "InitiativeList",
    "InitiativeListView",
    "InitiativeView",
    "NoSuchEndpoint",
    "OrganizationList",
    "PeriodList",
    "ResultList",
    "SchemaView",
    "SubmissionApprove",
    "SubmissionDetail",
    "SubmissionList",
    "SubmissionSubmit",
    "ValuesImport",
]
