from datetime import date

from django.urls import reverse

from measurement.models import Submission
from tests.factories.measurement import ReportingPeriodFactory, SubmissionFactory


def test_partner_sees_only_own_organization(client, world, partner_a):
    SubmissionFactory(initiative=world.initiative, organization=world.org_a, period=world.period)
    SubmissionFactory(initiative=world.initiative, organization=world.org_b, period=world.period)
    client.force_login(partner_a)
    response = client.get(reverse("measurement:submission-list", args=[world.initiative.slug]))
    assert list(response.context["submissions"].values_list("organization", flat=True)) == [
        world.org_a.pk
    ]


def test_partner_cannot_start_a_submission_for_another_organization(client, world, partner_a):
    client.force_login(partner_a)
    client.post(
        reverse("measurement:submission-start", args=[world.initiative.slug]),
        {"period": world.period.pk, "organization": world.org_b.pk},
    )
    assert not Submission.objects.exists()


def test_partner_starts_a_submission_for_own_organization(client, world, partner_a):
    client.force_login(partner_a)
    response = client.post(
        reverse("measurement:submission-start", args=[world.initiative.slug]),
        {"period": world.period.pk, "organization": world.org_a.pk},
    )
    submission = Submission.objects.get()
    assert submission.organization == world.org_a
    assert response["Location"].endswith(f"/submissions/{submission.pk}/")


def test_it_filters_by_status(client, world, backbone_staff):
    SubmissionFactory(
        initiative=world.initiative,
        organization=world.org_a,
        period=world.period,
        status="submitted",
    )
    SubmissionFactory(initiative=world.initiative, organization=world.org_b, period=world.period)
    client.force_login(backbone_staff)
    response = client.get(
        reverse("measurement:submission-list", args=[world.initiative.slug]),
        {"status": "submitted"},
    )
    assert [s.organization for s in response.context["submissions"]] == [world.org_a]


def test_list_query_count_does_not_grow_with_submissions(
    client, world, backbone_staff, django_assert_max_num_queries
):
    for code in ("2023-Q1", "2023-Q2", "2023-Q3"):
        period = world.initiative.periods.create(code=code)
        SubmissionFactory(initiative=world.initiative, organization=world.org_a, period=period)
        SubmissionFactory(initiative=world.initiative, organization=world.org_b, period=period)
    client.force_login(backbone_staff)
    with django_assert_max_num_queries(12):
        client.get(reverse("measurement:submission-list", args=[world.initiative.slug]))


def test_partner_sees_when_each_submission_is_due_and_which_are_overdue(client, world, partner_a):
    """The reviewers' finding: the backbone's matrix said Overdue; the partner saw nothing."""
    late = ReportingPeriodFactory(
        initiative=world.initiative, code="2024-Q2", due_date=date(2024, 7, 15)
    )
    coming = ReportingPeriodFactory(
        initiative=world.initiative, code="2999-Q1", due_date=date(2999, 4, 15)
    )
    for period in (late, coming):
        SubmissionFactory(initiative=world.initiative, organization=world.org_a, period=period)
    client.force_login(partner_a)
    page = client.get(
        reverse("measurement:submission-list", args=[world.initiative.slug])
    ).content.decode()
    rows = {row.split("</tr>")[0] for row in page.split("<tr")[1:]}
    late_row = next(r for r in rows if "2024-Q2" in r)
    coming_row = next(r for r in rows if "2999-Q1" in r)
    assert "Overdue" in late_row
    assert "Overdue" not in coming_row
    assert "<bdi>7/15/2024</bdi>" in late_row  # the due date, short, as in the initiative's country
