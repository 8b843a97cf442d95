"""The demo that `make demo` loads: idempotent, realistic, one account per role."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from initiatives.demo import DEMO_ACCOUNTS
from initiatives.models import Membership
from measurement.models import ComputedResult, DataValue, Submission


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
    assert ComputedResult.objects.filter(suppression="primary").exists()


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
