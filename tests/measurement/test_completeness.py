"""Completeness and provisional periods: a figure says how many of the organizations expected
behind it are in, and a period that is not yet settled never becomes the scorecard's
"latest" — for staff, funders, share links, exports and the API alike."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from measurement import selectors, services
from measurement.choices import Settledness, SubmissionStatus
from measurement.models import ReportingAssignment
from tests.factories.initiatives import OrganizationFactory, PartnershipFactory
from tests.factories.measurement import ReportingPeriodFactory
from tests.measurement.conftest import compute, plan_quarterly, report

ARAB_GIRLS = "gender=f;sector=arab"


@pytest.fixture
def partial(world):
    """Both schools report reading quarterly. 2024-Q1: both approved, 30 of 80 (37.5%).
    2024-Q2: North's 36 of 40 (90.0%) approved, South's submitted and waiting."""
    world.period.due_date = date(2024, 4, 30)
    world.period.save()
    q2 = ReportingPeriodFactory(
        initiative=world.initiative, code="2024-Q2", due_date=date(2024, 7, 31)
    )
    plan_quarterly(world, [world.org_a, world.org_b], [world.indicator])
    report(world, world.org_a, world.period, {ARAB_GIRLS: (20, 40)})
    report(world, world.org_b, world.period, {ARAB_GIRLS: (10, 40)})
    report(world, world.org_a, q2, {ARAB_GIRLS: (36, 40)})
    south_q2 = report(
        world, world.org_b, q2, {ARAB_GIRLS: (12, 40)}, status=SubmissionStatus.SUBMITTED
    )
    compute(world)
    return q2, south_q2


def _of(world, period, today=None):
    return selectors.indicator_completeness(initiative=world.initiative, today=today)[
        (world.indicator.pk, period.pk)
    ]


# ---- The rule ----


def test_one_of_two_planned_organizations_approved_leaves_the_period_provisional(world, partial):
    q2, _south = partial
    q2_figure = _of(world, q2)
    assert (q2_figure.expected, q2_figure.reported, q2_figure.approved) == (2, 2, 1)
    assert q2_figure.provisional
    assert "1 of 2 organizations approved" in q2_figure.summary
    assert "1 more submitted, awaiting review" in q2_figure.summary
    q1_figure = _of(world, world.period)
    assert q1_figure.settledness == Settledness.ALL_APPROVED
    assert not q1_figure.provisional


def test_coverage_estimates_the_share_of_last_periods_people(world, partial):
    q2, _south = partial
    # North held 40 of the 80 pupils counted in 2024-Q1.
    assert _of(world, q2).coverage == pytest.approx(0.5)
    assert "about 50% of the people counted last period" in _of(world, q2).summary


def test_the_last_planned_organization_approved_makes_the_period_final(
    world, partial, backbone_staff
):
    q2, south = partial
    services.submission_approve(actor=backbone_staff, submission=south)
    assert _of(world, q2).settledness == Settledness.ALL_APPROVED


def test_after_the_grace_period_enough_approved_makes_the_period_final(world, partial):
    q2, _south = partial
    world.initiative.final_min_share = 50
    world.initiative.final_grace_days = 10
    world.initiative.save()
    within_grace = q2.due_date + timedelta(days=10)
    assert _of(world, q2, today=within_grace).provisional
    after_grace = q2.due_date + timedelta(days=11)
    assert _of(world, q2, today=after_grace).settledness == Settledness.GRACE_PASSED


def test_too_few_approved_keeps_the_period_provisional_after_the_grace_period(world, partial):
    q2, _south = partial
    assert _of(world, q2, today=date(2030, 1, 1)).provisional  # 50% < the default 80%


def test_an_organization_that_joined_later_is_not_expected_for_earlier_periods(world, partial):
    q2, _south = partial
    newcomer = OrganizationFactory(code="org-c", name="East Library")
    PartnershipFactory(
        initiative=world.initiative, organization=newcomer, joined_on=date(2024, 5, 1)
    )
    plan_quarterly(world, [newcomer], [world.indicator])
    assert _of(world, world.period).expected == 2
    assert _of(world, q2).expected == 3


def test_without_a_plan_the_organizations_of_last_period_are_expected(world, partial):
    q2, _south = partial
    ReportingAssignment.objects.all().delete()
    assert _of(world, q2).expected == 2
    assert _of(world, q2).provisional


def test_backbone_staff_close_a_period_as_final_with_a_note(world, partial, backbone_staff):
    q2, _south = partial
    services.period_close(actor=backbone_staff, period=q2, note="South closed for repairs.")
    figure = _of(world, q2)
    assert figure.settledness == Settledness.CLOSED
    assert "South closed for repairs." in figure.summary
    services.period_reopen(actor=backbone_staff, period=q2)
    assert _of(world, q2).provisional


def test_a_partner_cannot_close_a_period(world, partial, partner_a):
    q2, _south = partial
    with pytest.raises(PermissionDenied):
        services.period_close(actor=partner_a, period=q2, note="")


# ---- The scorecard ----


def _get(client, user, name, world, *args, **query):
    client.force_login(user)
    response = client.get(
        reverse(f"measurement:{name}", args=[world.initiative.slug, *args]), query
    )
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("persona", ["backbone_staff", "funder", "partner_a"])
def test_scorecard_latest_is_the_latest_final_period(client, world, partial, persona, request):
    page = _get(client, request.getfixturevalue(persona), "indicator-list", world)
    latest = page.split('data-latest="read3"', 1)[1].split("</tr>", 1)[0]
    assert "37.5%" in latest
    assert "90.0%" not in latest
    assert "2024-Q1" in latest
    assert "<bdi>2024-Q2</bdi> is provisional: 1 of 2 organizations approved" in page


def test_viewer_can_choose_to_see_provisional_figures_labelled(
    client, world, partial, backbone_staff
):
    page = _get(client, backbone_staff, "indicator-list", world, periods="all")
    latest = page.split('data-latest="read3"', 1)[1].split("</tr>", 1)[0]
    assert "90.0%" in latest
    assert "Provisional" in latest


def test_a_share_link_shows_the_latest_final_period(client, world, partial, backbone_admin):
    link = services.share_link_create(
        actor=backbone_admin, initiative=world.initiative, label="Funders", days=7
    )
    page = client.get(reverse("share:indicator-list", args=[link.token])).content.decode()
    latest = page.split('data-latest="read3"', 1)[1].split("</tr>", 1)[0]
    assert "37.5%" in latest


def test_the_scorecard_moves_on_when_the_last_organization_is_approved(
    client, world, partial, backbone_staff
):
    _q2, south = partial
    _get(client, backbone_staff, "indicator-list", world)  # fills the cache
    services.submission_approve(actor=backbone_staff, submission=south)
    compute(world)
    page = _get(client, backbone_staff, "indicator-list", world)
    latest = page.split('data-latest="read3"', 1)[1].split("</tr>", 1)[0]
    assert "2024-Q2" in latest
    assert "60.0%" in latest  # (36 + 12) of 80


def test_closing_a_period_moves_the_scorecard_at_once(client, world, partial, backbone_staff):
    q2, _south = partial
    _get(client, backbone_staff, "indicator-list", world)  # fills the cache
    services.period_close(actor=backbone_staff, period=q2, note="")
    page = _get(client, backbone_staff, "indicator-list", world)
    latest = page.split('data-latest="read3"', 1)[1].split("</tr>", 1)[0]
    assert "90.0%" in latest


def test_indicator_page_labels_each_provisional_period(client, world, partial, funder):
    page = _get(client, funder, "indicator-detail", world, "read3")
    assert "Provisional" in page
    assert "1 of 2 organizations approved" in page


# ---- Exports and the API ----


def test_results_export_carries_completeness(world, partial):
    _q2, _south = partial
    out = io.StringIO()
    call_command("export_results", "--initiative", world.initiative.slug, stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    totals = {r["period"]: r for r in rows if not r["gender"] and not r["sector"]}
    assert totals["2024-Q2"]["organizations_expected"] == "2"
    assert totals["2024-Q2"]["organizations_reported"] == "2"
    assert totals["2024-Q2"]["organizations_approved"] == "1"
    assert totals["2024-Q2"]["provisional"] == "true"
    assert totals["2024-Q1"]["provisional"] == "false"


def test_api_results_carry_completeness(api, world, partial, funder):
    rows = (
        api(funder)
        .get(f"/api/v1/initiatives/{world.initiative.slug}/computed-results/?period=2024-Q2")
        .json()["results"]
    )
    assert rows
    assert all(r["provisional"] is True for r in rows)
    assert {(r["organizations_expected"], r["organizations_approved"]) for r in rows} == {(2, 1)}


# ---- The periods page ----


def test_backbone_staff_see_who_is_missing_and_close_a_period(
    client, world, partial, backbone_staff
):
    q2, _south = partial
    page = _get(client, backbone_staff, "period-completeness", world)
    assert "1 of 2 organizations approved" in page
    assert "South Clinic" in page  # the one not yet approved
    response = client.post(
        reverse("measurement:period-close", args=[world.initiative.slug, q2.code]),
        {"note": "Final by the steering committee."},
    )
    assert response.status_code == 302
    q2.refresh_from_db()
    assert q2.closed_at is not None
    assert q2.closing_note == "Final by the steering committee."


def test_a_partner_cannot_open_the_periods_page(client, world, partial, partner_a):
    client.force_login(partner_a)
    url = reverse("measurement:period-completeness", args=[world.initiative.slug])
    assert client.get(url).status_code == 403


def test_backbone_admin_sets_the_completeness_rule(client, world, partial, backbone_admin):
    client.force_login(backbone_admin)
    url = reverse("measurement:period-completeness", args=[world.initiative.slug])
    response = client.post(url, {"final_grace_days": "14", "final_min_share": "50"})
    assert response.status_code == 302
    world.initiative.refresh_from_db()
    assert (world.initiative.final_grace_days, world.initiative.final_min_share) == (14, 50)


def test_indicator_page_compares_groups_in_the_latest_final_period(client, world, partial, funder):
    page = _get(client, funder, "indicator-detail", world, "read3", dimension="gender")
    assert "By Gender, <bdi>2024-Q1</bdi>" in page
    assert "By Gender, <bdi>2024-Q2</bdi>" not in page
