"""The reporting: who reports which indicator, the partners' numbers for every reported
quarter — imported as approved data, as the backbone imports a file, except the latest
quarter's of the partners still in review, which go through the review as submissions do —
and one partner's own codes for gender."""

from django.core.exceptions import ValidationError

from demo.data.measurement import (
    CROSSWALKS,
    DRAFT_NOTE,
    INDICATORS,
    LATEST_QUARTER_STATUSES,
    NUMBERS_SEED,
    RETURNED_BECAUSE,
)
from demo.load.calendar import DemoCalendar
from demo.load.cast import DemoCast
from demo.load.definitions import Definitions
from demo.load.numbers import numbers_frame
from measurement import services
from measurement.choices import Frequency, SubmissionStatus
from measurement.datafiles import FileProblems, check_values
from measurement.models import Submission

REASON = "Demo data"


def reporting_load(*, definitions: Definitions, cast: DemoCast, calendar: DemoCalendar) -> None:
    _plan(definitions, cast)
    _numbers(definitions, cast, calendar)
    _review(definitions, cast, calendar)
    _crosswalks(definitions, cast)


def _plan(definitions: Definitions, cast: DemoCast) -> None:
    reporters = sorted({code for spec in INDICATORS for code in spec.reporters})
    for organization in reporters:
        services.assignment_set(
            actor=cast.staff,
            initiative=definitions.initiative,
            organization=definitions.organizations[organization],
            frequencies={
                definitions.indicators[spec.code]: Frequency.QUARTERLY
                for spec in INDICATORS
                if organization in spec.reporters
            },
        )


def _numbers(definitions: Definitions, cast: DemoCast, calendar: DemoCalendar) -> None:
    """Checked as a file is, then written: approved, as an import, or into drafts, as an
    upload."""
    frame = numbers_frame(quarters=calendar.quarters, seed=NUMBERS_SEED)
    in_review = (frame["period"] == calendar.latest_quarter) & frame["organization"].isin(
        list(LATEST_QUARTER_STATUSES)
    )
    for rows, approve in ((frame[~in_review], True), (frame[in_review], False)):
        try:
            checked = check_values(rows.reset_index(drop=True), initiative=definitions.initiative)
        except FileProblems as problems:
            # The tables and the generator make these rows: a problem is a bug in the demo.
            raise ValidationError(problems.errors) from None
        services.values_save(
            initiative=definitions.initiative,
            checked=checked,
            actor=cast.staff,
            approve=approve,
            reason=REASON,
        )


def _review(definitions: Definitions, cast: DemoCast, calendar: DemoCalendar) -> None:
    """The latest quarter shows every step of the review: approved, submitted, returned with
    a comment, and a draft with the partner's note."""
    submissions = {
        submission.organization.code: submission
        for submission in Submission.objects.filter(
            initiative=definitions.initiative, period__code=calendar.latest_quarter
        ).select_related("organization", "initiative")
    }
    for organization, status in LATEST_QUARTER_STATUSES.items():
        if status == SubmissionStatus.DRAFT:
            continue
        submission = services.submission_submit(
            actor=cast.staff, submission=submissions[organization]
        )
        if status == SubmissionStatus.RETURNED:
            services.submission_return(
                actor=cast.staff, submission=submission, comment=RETURNED_BECAUSE
            )
    organization, role, note = DRAFT_NOTE
    author = cast.account(role)
    if author is not None:
        services.submission_comment_create(
            actor=author, submission=submissions[organization], body=note
        )


def _crosswalks(definitions: Definitions, cast: DemoCast) -> None:
    for organization, dimension, codes in CROSSWALKS:
        for source_code, category in codes:
            services.crosswalk_save(
                actor=cast.staff,
                initiative=definitions.initiative,
                organization=definitions.organizations[organization],
                category=definitions.categories[(dimension, category)],
                source_code=source_code,
            )
