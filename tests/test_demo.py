"""The demo that `make demo` loads: idempotent, realistic, one account per role."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from community.models import Interpretation
from conditions.models import Assessment, Meeting, TurnTheCurveVersion
from demo.data.people import DEMO_ACCOUNTS
from demo.load.calendar import DemoCalendar
from equity.models import Commitment
from initiatives.models import Initiative, Membership
from measurement import selectors
from measurement.choices import MatrixStatus
from measurement.models import ComputedResult, DataValue, ReportingPeriod, Submission, Target


@pytest.fixture
def demo(db, django_capture_on_commit_callbacks):
    with override_settings(DEBUG=True), django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=StringIO())


def test_loading_twice_leaves_the_same_data(demo, django_capture_on_commit_callbacks):
    counts = (
        DataValue.objects.count(),
        Submission.objects.count(),
        Membership.objects.count(),
        ComputedResult.objects.count(),
    )
    with override_settings(DEBUG=True), django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=StringIO())
    assert (
        DataValue.objects.count(),
        Submission.objects.count(),
        Membership.objects.count(),
        ComputedResult.objects.count(),
    ) == counts


def test_demo_has_a_dozen_partners_and_three_years_of_quarters(demo):
    from initiatives.models import Partnership

    assert Partnership.objects.filter(role="partner").count() == 12
    periods = set(Submission.objects.values_list("period__code", flat=True))
    assert len(periods) == 12
    assert DataValue.objects.filter(cell__dimension_set="gender;sector").exists()
    assert ComputedResult.objects.filter(suppression="group_size").exists()
    assert ComputedResult.objects.filter(suppression="small_count").exists()


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda a: a.email)
def test_each_demo_account_signs_in_and_sees_its_home_page(demo, client, account):
    response = client.post(
        reverse("accounts:login"),
        {"username": account.email, "password": "yachad-demo"},
        follow=True,
    )
    assert response.status_code == 200
    assert response.request["PATH_INFO"] == "/i/river-city/"
    assert str(account.role.label) in response.content.decode()


def test_no_demo_accounts_without_debug(db, django_capture_on_commit_callbacks):
    with override_settings(DEBUG=False), django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=StringIO())
    assert not Membership.objects.exists()
    assert DataValue.objects.exists()


# ---- Dates follow the day of the load ----

LOAD_DAY = date(2026, 11, 29)


@pytest.fixture
def demo_on_load_day(db, django_capture_on_commit_callbacks):
    with override_settings(DEBUG=True), django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", "--today", LOAD_DAY.isoformat(), stdout=StringIO())
    return Initiative.objects.get(slug="river-city")


def test_the_calendar_counts_quarters_back_from_the_last_complete_one():
    calendar = DemoCalendar(LOAD_DAY)
    assert calendar.quarters[0] == "2023-Q4"
    assert calendar.latest_quarter == "2026-Q3"
    assert len(calendar.quarters) == 12
    assert calendar.current_quarter == "2026-Q4"
    assert calendar.target_quarter == "2028-Q3"
    assert calendar.due_date("2026-Q3") == date(2026, 10, 30)
    new_year = DemoCalendar(date(2027, 1, 1))
    assert (new_year.latest_quarter, new_year.current_quarter) == ("2026-Q4", "2027-Q1")
    # On 15 July the second quarter is over but its data is not due yet.
    assert calendar.quarter_due_by(date(2026, 7, 15)) == "2026-Q1"


def test_data_runs_to_the_last_complete_quarter_and_the_next_is_set_up(demo_on_load_day):
    reported = set(Submission.objects.values_list("period__code", flat=True))
    assert min(reported) == "2023-Q4"
    assert max(reported) == "2026-Q3"
    current = ReportingPeriod.objects.get(initiative=demo_on_load_day, code="2026-Q4")
    assert current.due_date == date(2027, 1, 30)
    assert not current.submissions.exists()
    assert set(Target.objects.values_list("period__code", flat=True)) == {"2028-Q3"}


def test_the_reporting_matrix_shows_work_under_way_and_nothing_long_overdue(demo_on_load_day):
    matrix = selectors.reporting_matrix(initiative=demo_on_load_day, today=LOAD_DAY)
    by_quarter: dict[str, set] = {}
    for row in matrix["rows"]:
        for cell in row["cells"]:
            if cell["status"] is not None:  # None: nothing owed there
                by_quarter.setdefault(cell["period"].code, set()).add(cell["status"])
    assert by_quarter["2026-Q2"] == {MatrixStatus.APPROVED}
    assert by_quarter["2026-Q3"] == {
        MatrixStatus.APPROVED,
        MatrixStatus.SUBMITTED,
        MatrixStatus.OVERDUE,
    }
    assert by_quarter["2026-Q4"] == {MatrixStatus.NOT_STARTED}


def test_what_happens_in_the_initiative_is_dated_from_the_day_of_the_load(demo_on_load_day):
    open_round = Assessment.objects.get(title="Five conditions 2026")
    assert open_round.opens_on < LOAD_DAY < open_round.closes_on
    assert Meeting.objects.filter(held_on__gt=LOAD_DAY).count() == 1
    assert Meeting.objects.filter(held_on__lt=LOAD_DAY, minutes="").count() == 2
    overdue = Commitment.objects.filter(due_date__lt=LOAD_DAY).exclude(status="done")
    assert overdue.count() == 3
    walk = Interpretation.objects.select_related("period").first()
    assert walk.period.code == "2026-Q2"


def test_the_reading_indicator_has_a_turn_the_curve_record_worked_on_at_a_meeting(demo):
    versions = list(TurnTheCurveVersion.objects.filter(record__indicator__code="read3"))
    assert [version.number for version in versions] == [2, 1]
    latest, first = versions
    assert latest.meeting.title == "Reading action team — mentors"
    assert first.meeting is None
    assert first.saved_at < latest.saved_at
    assert latest.ideas.filter(interpretation__isnull=False).exists()
    assert latest.actions.count() == 3
