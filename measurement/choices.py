from django.db import models
from django.utils.translation import gettext_lazy as _


class IndicatorKind(models.TextChoices):
    COUNT = "count", _("Count")
    RATE = "rate", _("Rate (numerator ÷ denominator)")
    AVERAGE = "average", _("Average (weighted by n)")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Frequency(models.TextChoices):
    YEARLY = "year", _("Yearly")
    SCHOOL_YEARLY = "school_year", _("Every school year")
    QUARTERLY = "quarter", _("Quarterly")
    MONTHLY = "month", _("Monthly")


class PeriodKind(models.TextChoices):
    YEAR = "year", _("Year")
    SCHOOL_YEAR = "school_year", _("School year")
    QUARTER = "quarter", _("Quarter")
    MONTH = "month", _("Month")


# The kind of period a reporting frequency owes data for.
FREQUENCY_PERIOD_KIND = {
    Frequency.YEARLY: PeriodKind.YEAR,
    Frequency.SCHOOL_YEARLY: PeriodKind.SCHOOL_YEAR,
    Frequency.QUARTERLY: PeriodKind.QUARTER,
    Frequency.MONTHLY: PeriodKind.MONTH,
}


class RbaType(models.TextChoices):
    """Results-Based Accountability: population indicators, or the three kinds of
    performance measure."""

    POPULATION = "population", _("Population indicator")
    HOW_MUCH = "how_much", _("Performance: how much did we do?")
    HOW_WELL = "how_well", _("Performance: how well did we do it?")
    BETTER_OFF = "better_off", _("Performance: is anyone better off?")


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")


class Suppression(models.TextChoices):
    """Why a cell is hidden from restricted audiences: the values of
    ``measurement.disclosure.Reason``, with their labels."""

    NONE = "", _("Published")
    GROUP_SIZE = "group_size", _("Suppressed: small group")
    SMALL_COUNT = "small_count", _("Suppressed: few people counted or not counted")
    CONTRIBUTORS = "contributors", _("Suppressed: too few organizations")
    SECONDARY = "secondary", _("Suppressed: protects a small cell")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    # Recorded, but the task queue could not be reached: the sweeper hands it over later.
    WAITING = "waiting", _("Waiting for the queue")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")
    # Not run: a later request computes the same data (and must not be overwritten by this).
    SUPERSEDED = "superseded", _("Superseded")


class Trend(models.TextChoices):
    """Direction-aware: "improving" means moving the way the indicator wants to go."""

    IMPROVING = "improving", _("Improving")
    WORSENING = "worsening", _("Worsening")
    FLAT = "flat", _("Flat")


class OnTrack(models.TextChoices):
    """The scorecard's status: the trend against the trajectory the target needs
    (``measurement.on_track``)."""

    AHEAD = "ahead", _("Ahead")
    ON_TRACK = "on_track", _("On track")
    BEHIND = "behind", _("Behind")
    NO_TARGET = "no_target", _("No target set")
    NO_BASELINE = "no_baseline", _("No baseline")
    TOO_EARLY = "too_early", _("Too early to tell")


class CommentKind(models.TextChoices):
    COMMENT = "comment", _("Comment")
    RETURNED = "returned", _("Returned with this comment")
    UNLOCKED = "unlocked", _("Unlocked")


class UploadStatus(models.TextChoices):
    CHECKED = "checked", _("Checked, not saved yet")
    REJECTED = "rejected", _("Has errors")
    SAVED = "saved", _("Saved")
    DISCARDED = "discarded", _("Discarded")


class ReminderKind(models.TextChoices):
    WEEK_BEFORE = "week_before", _("A week before the due date")
    DAY_BEFORE = "day_before", _("The day before the due date")
    DAY_AFTER = "day_after", _("A day after the due date")
    WEEK_AFTER = "week_after", _("A week after the due date")


class MatrixStatus(models.TextChoices):
    """What the reporting matrix shows for one organization and period."""

    NOT_STARTED = "not_started", _("Not started")
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")
    OVERDUE = "overdue", _("Overdue")


class Settledness(models.TextChoices):
    """Whether an indicator's figure for a period is final, and why
    (``selectors.completeness``)."""

    PROVISIONAL = "provisional", _("Provisional")
    ALL_APPROVED = "all_approved", _("Final: every expected organization approved")
    GRACE_PASSED = "grace_passed", _("Final: grace period over with enough approved")
    CLOSED = "closed", _("Final: closed by backbone staff")


class RuleKind(models.TextChoices):
    RANGE = "range", _("The figure stays within a range")
    RATIO = "ratio", _("The total stays within a ratio to another indicator's")
    MAX_CHANGE = "max_change", _("The figure changes by at most a share from the last period")


class RuleSeverity(models.TextChoices):
    ERROR = "error", _("Error: blocks submission")
    WARNING = "warning", _("Warning: the partner explains it in a comment")
