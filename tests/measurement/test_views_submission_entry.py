"""A period's planned indicators on one page (the reviewers' finding: one indicator per page
took seven round trips a period). Each indicator's grid saves on its own, through the same
service as the single-indicator page, and the page comes back anchored at that grid."""

import pytest
from django.urls import reverse

from measurement import services
from measurement.choices import SubmissionStatus
from measurement.models import DataValue, Submission
from tests.factories.measurement import IndicatorFactory, SubmissionFactory
from tests.measurement.conftest import absence_indicator, plan_quarterly


@pytest.fixture
def absent(world):
    return absence_indicator(world)


@pytest.fixture
def visits(world):
    """An indicator of the initiative that organization A's plan does not name."""
    indicator = IndicatorFactory(
        initiative=world.initiative, code="visits", name="Library visits", order=2
    )
    services.indicator_cells_create(indicator=indicator)
    return indicator


@pytest.fixture
def draft(world, absent, visits):
    """Organization A's draft, with a plan that names reading and chronic absence."""
    plan_quarterly(world, [world.org_a], [world.indicator, absent])
    return SubmissionFactory(
        initiative=world.initiative, organization=world.org_a, period=world.period
    )


def _url(world, submission, query=""):
    url = reverse("measurement:submission-entry", args=[world.initiative.slug, submission.pk])
    return f"{url}{query}"


def _cell(world, key):
    return world.initiative.cells.get(key=key).pk


def _reading(world, rows):
    """What reading's grid posts when ``rows`` — ``{cell key: (numerator, denominator)}`` —
    are typed in."""
    return {
        "indicator": "read3",
        **{
            f"read3-cell_{_cell(world, key)}_{number}": text
            for key, pair in rows.items()
            for number, text in zip(("numerator", "denominator"), pair, strict=True)
        },
    }


def _absence(world, text):
    return {"indicator": "absent", f"absent-cell_{_cell(world, '')}_value": text}


def _grid(page, code):
    """The HTML of one indicator's grid on the page."""
    return page.split(f'id="indicator-{code}"', 1)[1].split("</section>", 1)[0]


def test_the_page_holds_a_grid_for_each_planned_indicator(client, world, partner_a, draft):
    client.force_login(partner_a)
    response = client.get(_url(world, draft))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Reading" in _grid(page, "read3")
    assert "Chronic absence" in _grid(page, "absent")
    assert 'id="indicator-visits"' not in page
    # The others, on request: added to the page, or one at a time on their own page.
    assert _url(world, draft, "?all=1") in page
    assert (
        reverse(
            "measurement:submission-values-edit",
            args=[world.initiative.slug, draft.pk, "visits"],
        )
        in page
    )


def test_the_other_indicators_are_added_on_request(client, world, partner_a, draft):
    client.force_login(partner_a)
    page = client.get(_url(world, draft, "?all=1")).content.decode()
    assert "Library visits" in _grid(page, "visits")


def test_without_a_plan_every_indicator_has_a_grid(client, world, partner_a, absent, visits):
    submission = SubmissionFactory(
        initiative=world.initiative, organization=world.org_a, period=world.period
    )
    client.force_login(partner_a)
    page = client.get(_url(world, submission)).content.decode()
    for code in ("read3", "absent", "visits"):
        assert f'id="indicator-{code}"' in page


def test_partner_saves_two_indicators_from_one_page(client, world, partner_a, draft):
    client.force_login(partner_a)
    first = client.post(_url(world, draft), _reading(world, {"gender=f;sector=arab": (12, 20)}))
    assert first.status_code == 302
    assert first["Location"] == _url(world, draft, "#indicator-read3")
    second = client.post(_url(world, draft), _absence(world, "7"))
    assert second["Location"] == _url(world, draft, "#indicator-absent")
    saved = {
        (v.indicator.code, v.cell.key): (v.numerator, v.denominator, v.value)
        for v in DataValue.objects.filter(submission=draft)
    }
    assert saved == {
        ("read3", "gender=f;sector=arab"): (12, 20, None),
        ("absent", ""): (None, None, 7),
    }
    assert {h.history_user for h in DataValue.history.all()} == {partner_a}


def test_a_grid_saves_only_its_own_numbers(client, world, partner_a, draft):
    client.force_login(partner_a)
    posted = {
        **_absence(world, "7"),
        **_reading(world, {"gender=f;sector=arab": (12, 20)}),
        "indicator": "absent",
    }
    client.post(_url(world, draft), posted)
    assert [v.indicator.code for v in DataValue.objects.all()] == ["absent"]


def test_save_and_next_moves_to_the_next_planned_indicator(client, world, partner_a, draft):
    client.force_login(partner_a)
    response = client.post(_url(world, draft), {**_reading(world, {"": (30, 50)}), "next": "1"})
    assert response["Location"] == _url(world, draft, "#indicator-absent")
    assert DataValue.objects.get().numerator == 30


def test_save_and_next_keeps_the_other_indicators_on_the_page(client, world, partner_a, draft):
    client.force_login(partner_a)
    response = client.post(_url(world, draft, "?all=1"), {**_absence(world, "7"), "next": "1"})
    assert response["Location"] == _url(world, draft, "?all=1#indicator-visits")


def test_the_last_grid_has_no_next(client, world, partner_a, draft):
    client.force_login(partner_a)
    page = client.get(_url(world, draft)).content.decode()
    assert "Save and next" in _grid(page, "read3")
    assert "Save and next" not in _grid(page, "absent")


def test_a_grid_with_an_error_keeps_what_was_typed_in_it(client, world, partner_a, draft, absent):
    DataValue.objects.create(submission=draft, indicator=absent, cell_id=_cell(world, ""), value=4)
    client.force_login(partner_a)
    response = client.post(_url(world, draft), _reading(world, {"gender=f;sector=arab": (25, 20)}))
    assert response.status_code == 400
    page = response.content.decode()
    reading = _grid(page, "read3")
    assert "Cannot be larger than the denominator." in reading
    assert 'value="25"' in reading
    # The other grids show what is saved, untouched by the refusal.
    assert 'value="4"' in _grid(page, "absent")
    assert DataValue.objects.filter(indicator=world.indicator).count() == 0


def test_a_refused_grid_posts_back_to_itself(client, world, partner_a, draft):
    """Without JavaScript the browser lands on the grid whose errors it must correct: each
    grid's form posts to the page anchored at itself."""
    client.force_login(partner_a)
    page = client.get(_url(world, draft)).content.decode()
    assert f'action="{_url(world, draft, "#indicator-absent")}"' in _grid(page, "absent")


def test_each_grid_shows_its_running_totals_on_load(client, world, partner_a, draft, absent):
    DataValue.objects.create(submission=draft, indicator=absent, cell_id=_cell(world, ""), value=9)
    client.force_login(partner_a)
    page = client.get(_url(world, draft)).content.decode()
    assert 'id="entry-totals-absent"' in _grid(page, "absent")
    assert 'id="entry-totals-read3"' in _grid(page, "read3")


def test_the_running_totals_of_a_grid_read_its_own_fields(client, world, partner_a, draft):
    client.force_login(partner_a)
    url = reverse(
        "measurement:submission-values-totals", args=[world.initiative.slug, draft.pk, "read3"]
    )
    response = client.post(
        f"{url}?grid=1",
        _reading(world, {"gender=f;sector=arab": (12, 20), "gender=m;sector=arab": (3, 4)}),
    )
    page = response.content.decode()
    assert 'id="entry-totals-read3"' in page
    assert "2 / 4" in page  # two of the four groups of the full breakdown


def test_the_submission_page_leads_to_it_while_editable(client, world, partner_a, draft):
    client.force_login(partner_a)
    detail = reverse("measurement:submission-detail", args=[world.initiative.slug, draft.pk])
    assert _url(world, draft) in client.get(detail).content.decode()
    Submission.objects.filter(pk=draft.pk).update(status=SubmissionStatus.SUBMITTED)
    assert _url(world, draft) not in client.get(detail).content.decode()


def test_a_submitted_submission_sends_the_partner_to_its_page(client, world, partner_a, draft):
    Submission.objects.filter(pk=draft.pk).update(status=SubmissionStatus.SUBMITTED)
    client.force_login(partner_a)
    response = client.post(_url(world, draft), _absence(world, "7"))
    assert response["Location"] == reverse(
        "measurement:submission-detail", args=[world.initiative.slug, draft.pk]
    )
    assert not DataValue.objects.exists()


def test_it_hides_other_organizations_submissions(client, world, partner_b, draft):
    client.force_login(partner_b)
    assert client.get(_url(world, draft)).status_code == 404
    assert client.post(_url(world, draft), _absence(world, "7")).status_code == 404
    assert not DataValue.objects.exists()


@pytest.mark.parametrize("persona", ["funder", "partner_viewer", "community_member"])
def test_it_rejects_members_who_do_not_enter_data(client, world, draft, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_url(world, draft)).status_code == 403
    assert client.post(_url(world, draft), _absence(world, "7")).status_code == 403
    assert not DataValue.objects.exists()


def test_it_hides_from_outsiders(client, world, outsider, draft):
    client.force_login(outsider)
    assert client.get(_url(world, draft)).status_code == 404


def test_it_requires_login(client, world, draft):
    response = client.get(_url(world, draft))
    assert response["Location"].startswith(reverse("accounts:login"))


def test_backbone_staff_enter_on_a_partners_behalf(client, world, backbone_staff, draft):
    client.force_login(backbone_staff)
    response = client.post(_url(world, draft), _absence(world, "7"))
    assert response.status_code == 302
    assert DataValue.objects.get().value == 7


def test_each_grid_costs_a_fixed_number_of_queries(
    client, world, partner_a, draft, django_assert_max_num_queries
):
    """About 18 for the page (the indicators' rules, the header's unread notices and its
    list of the person's initiatives among them) and 5 for each grid (its values, cells and
    breakdown): the three indicators' page, pinned."""
    client.force_login(partner_a)
    with django_assert_max_num_queries(28):
        assert client.get(_url(world, draft, "?all=1")).status_code == 200
