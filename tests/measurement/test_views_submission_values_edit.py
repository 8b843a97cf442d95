from django.urls import reverse

from measurement.models import DataValue, Submission
from tests.factories.measurement import SubmissionFactory
from tests.measurement.conftest import report


def _url(world, submission):
    return reverse(
        "measurement:submission-values-edit",
        args=[world.initiative.slug, submission.pk, world.indicator.code],
    )


def _field(world, key, number):
    return f"cell_{world.initiative.cells.get(key=key).pk}_{number}"


def _typed(world, rows):
    """What the form posts when ``rows`` — ``{cell key: (numerator, denominator)}`` — are
    typed in."""
    return {
        _field(world, key, number): text
        for key, pair in rows.items()
        for number, text in zip(("numerator", "denominator"), pair, strict=True)
    }


def _draft(world, organization):
    return SubmissionFactory(
        initiative=world.initiative, organization=organization, period=world.period
    )


def test_it_shows_one_row_per_cell(client, world, partner_a):
    client.force_login(partner_a)
    response = client.get(_url(world, _draft(world, world.org_a)))
    assert response.status_code == 200
    # total 1 + gender 2 + sector 2 + gender × sector 4 rows, numerator and denominator each
    assert response.content.count(b'type="number"') == 18
    page = response.content.decode()
    assert "By Gender and Sector" in page
    assert "Female · Arab" in page


def test_it_saves_what_the_partner_typed(client, world, partner_a):
    submission = _draft(world, world.org_a)
    client.force_login(partner_a)
    response = client.post(
        _url(world, submission),
        _typed(world, {"gender=f;sector=arab": ("12", "20")}),
    )
    assert response.status_code == 302
    value = DataValue.objects.get(submission=submission)
    assert (value.cell.key, value.numerator, value.denominator) == ("gender=f;sector=arab", 12, 20)


def test_errors_appear_beside_the_field_and_typed_values_are_kept(client, world, partner_a):
    submission = _draft(world, world.org_a)
    client.force_login(partner_a)
    response = client.post(
        _url(world, submission),
        _typed(
            world, {"gender=f;sector=arab": ("25", "20"), "gender=m;sector=arab": ("-1", "4.5")}
        ),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Cannot be larger than the denominator." in page
    assert "Cannot be negative." in page
    assert "Must be a whole number" in page
    assert 'value="25"' in page
    assert not DataValue.objects.exists()


def test_it_hides_other_organizations_submissions(client, world, partner_a):
    client.force_login(partner_a)
    assert client.get(_url(world, _draft(world, world.org_b))).status_code == 404


def test_it_rejects_read_only_member(client, world, partner_viewer):
    client.force_login(partner_viewer)
    assert client.get(_url(world, _draft(world, world.org_a))).status_code == 403


def test_it_requires_login(client, world):
    response = client.get(_url(world, _draft(world, world.org_a)))
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_hides_from_outsiders(client, world, outsider):
    client.force_login(outsider)
    assert client.get(_url(world, _draft(world, world.org_a))).status_code == 404


def test_a_submitted_submission_sends_the_partner_back_to_it(client, world, partner_a):
    submission = _draft(world, world.org_a)
    Submission.objects.filter(pk=submission.pk).update(status="submitted")
    client.force_login(partner_a)
    response = client.get(_url(world, submission))
    assert response.status_code == 302


def test_a_breakdown_that_disagrees_with_the_total_is_refused(client, world, partner_a):
    submission = _draft(world, world.org_a)
    client.force_login(partner_a)
    response = client.post(
        _url(world, submission),
        _typed(world, {"": ("30", "50"), "gender=f": ("10", "20"), "gender=m": ("15", "25")}),
    )
    assert response.status_code == 400
    assert "By Gender the numerator adds up to 25, but the total says 30." in (
        response.content.decode()
    )
    assert not DataValue.objects.exists()


def test_a_partial_breakdown_is_not_compared_with_the_total(client, world, partner_a):
    submission = _draft(world, world.org_a)
    client.force_login(partner_a)
    response = client.post(
        _url(world, submission),
        _typed(world, {"": ("30", "50"), "gender=f": ("10", "20")}),
    )
    assert response.status_code == 302
    assert DataValue.objects.count() == 2


def test_groups_reported_so_far_may_not_add_up_to_more_than_their_total(client, world, partner_a):
    """The reviewers' finding: a total of 35/40 saved beside groups that already summed to
    63/113, and the panel said the totals agreed."""
    submission = _draft(world, world.org_a)
    client.force_login(partner_a)
    typed = {
        "": ("35", "40"),
        "gender=f;sector=arab": ("33", "60"),
        "gender=m;sector=arab": ("30", "53"),
    }
    response = client.post(_url(world, submission), _typed(world, typed))
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        "The groups of the total reported so far by Gender and Sector already add up to 63 "
        "for the numerator, more than its own 35."
    ) in page
    assert "Totals that were filled in agree with each other." not in page
    assert not DataValue.objects.exists()


def test_a_group_may_not_hold_more_than_its_own_row(client, world, partner_a):
    submission = _draft(world, world.org_a)
    client.force_login(partner_a)
    typed = {"gender=f": ("5", "20"), "gender=f;sector=arab": ("3", "25")}
    response = client.post(_url(world, submission), _typed(world, typed))
    assert response.status_code == 400
    assert "more than its own 20." in response.content.decode()


def test_emptying_a_row_removes_the_value_and_keeps_its_history(client, world, partner_a):
    submission = _draft(world, world.org_a)
    client.force_login(partner_a)
    numerator, denominator = (
        _field(world, "gender=f", "numerator"),
        _field(world, "gender=f", "denominator"),
    )
    client.post(_url(world, submission), {numerator: "10", denominator: "20"})
    client.post(_url(world, submission), {numerator: "12", denominator: "20"})
    client.post(_url(world, submission), {numerator: "", denominator: ""})
    assert not DataValue.objects.exists()
    history = DataValue.history.order_by("history_date")
    assert [(h.history_type, h.numerator) for h in history] == [("+", 10), ("~", 12), ("-", 12)]
    assert {h.history_user for h in history} == {partner_a}


def test_running_totals_show_what_was_saved_when_the_page_opens(client, world, partner_a):
    """The reviewers' finding: the totals read 0 until the first keystroke."""
    submission = report(
        world, world.org_a, world.period, {"gender=f": (12, 20), "gender=m": (9, 18)}, "draft"
    )
    client.force_login(partner_a)
    page = client.get(_url(world, submission)).content.decode()
    totals = page.split('id="entry-totals"', 1)[1]
    assert "2 / 2" in totals
    # The numerators and the denominators by gender, summed.
    assert ">21<" in totals
    assert ">38<" in totals


def test_running_totals_follow_what_is_typed(client, world, partner_a):
    submission = _draft(world, world.org_a)
    client.force_login(partner_a)
    response = client.post(
        reverse(
            "measurement:submission-values-totals",
            args=[world.initiative.slug, submission.pk, world.indicator.code],
        ),
        _typed(world, {"": ("30", "50"), "gender=f": ("10", "20"), "gender=m": ("20", "x")}),
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="entry-totals"' in page
    assert "1 / 2" not in page  # gender=m has a numerator typed: both rows count as filled
    assert "2 / 2" in page
    assert not DataValue.objects.exists()
