"""The models of shared measurement, one module per subject. Django and every caller import
them from here (``from measurement.models import Indicator``)."""

from measurement.models.computations import ComputationRun
from measurement.models.definitions import (
    Category,
    Cell,
    Dimension,
    Indicator,
    IndicatorQuerySet,
    ReportingPeriod,
    Target,
    ValueRule,
)
from measurement.models.reporting import ReminderLog, ReportingAssignment
from measurement.models.results import (
    ComputedResult,
    ComputedResultQuerySet,
    DimensionDisparity,
)
from measurement.models.share_links import (
    ShareLink,
    ShareLinkQuerySet,
    ShareLinkUse,
    new_share_token,
)
from measurement.models.submissions import (
    DataValue,
    Submission,
    SubmissionComment,
    SubmissionQuerySet,
)
from measurement.models.uploads import CategoryCrosswalk, CategoryCrosswalkQuerySet, Upload

# django-simple-history gives a historical model the app's name ("measurement") as its module
# when its model lives in a submodule, and sets the class on the submodule: neither is where
# Django's shell or pickle look for it. They live here, where they were when models was one
# module.
HistoricalSubmission = Submission.history.model
HistoricalDataValue = DataValue.history.model
HistoricalSubmission.__module__ = HistoricalDataValue.__module__ = __name__

__all__ = [
    "Category",
    "CategoryCrosswalk",
    "CategoryCrosswalkQuerySet",
    "Cell",
    "ComputationRun",
    "ComputedResult",
    "ComputedResultQuerySet",
    "DataValue",
    "Dimension",
    "DimensionDisparity",
    "HistoricalDataValue",
    "HistoricalSubmission",
    "Indicator",
    "IndicatorQuerySet",
    "ReminderLog",
    "ReportingAssignment",
    "ReportingPeriod",
    "ShareLink",
    "ShareLinkQuerySet",
    "ShareLinkUse",
    "Submission",
    "SubmissionComment",
    "SubmissionQuerySet",
    "Target",
    "Upload",
    "ValueRule",
    "new_share_token",
]
