"""Two first imports into the same new period or submission at once: both succeed, into one
period and one submission. Each test lets another database connection create the row between
this request's look for it and its insert — the moment the race is lost — or runs two imports
on two connections at once; never an uncaught IntegrityError."""

import io
import threading
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection

from measurement.models import DataValue, ReportingPeriod, Submission
from measurement.services.definitions import period_for_code

pytestmark = pytest.mark.django_db(transaction=True)

HEADER = "indicator,period,organization,gender,sector,numerator,denominator,value"


def _on_another_connection(work) -> None:
    """Run ``work`` in a thread, so on a connection (and transaction) of its own, committed
    before this returns."""
    failures = []

    def run():
        try:
            work()
        except Exception as error:  # reported in the test's thread
            failures.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert not failures, failures


def _others_first(model, make):
    """Patch ``model.save`` so that just before this request inserts its first row, another
    connection commits the same row (``make``)."""
    real_save = model.save
    done = []

    def save(self, *args, **kwargs):
        if self.pk is None and not done:
            done.append(True)
            _on_another_connection(make)
        return real_save(self, *args, **kwargs)

    return mock.patch.object(model, "save", save)


def _import(initiative, lines, folder):
    path = folder / f"values-{threading.get_ident()}.csv"
    path.write_text("\n".join([HEADER, *lines]))
    call_command("import_data", "--initiative", initiative.slug, str(path), stdout=io.StringIO())


def test_a_period_created_by_another_request_meanwhile_is_the_one_returned(world):
    def other():
        ReportingPeriod.objects.create(initiative=world.initiative, code="2031")

    with _others_first(ReportingPeriod, other):
        period = period_for_code(actor=None, initiative=world.initiative, code="2031")
    assert period == ReportingPeriod.objects.get(initiative=world.initiative, code="2031")


def test_an_import_whose_submission_another_import_created_meanwhile_writes_into_it(
    world, tmp_path
):
    def other():
        Submission.objects.create(
            initiative=world.initiative, organization=world.org_a, period=world.period
        )

    with _others_first(Submission, other):
        _import(world.initiative, ["read3,2024-Q1,org-a,f,arab,1,2,"], tmp_path)
    submission = Submission.objects.get()
    assert DataValue.objects.get().submission == submission


def test_an_import_whose_new_period_another_import_created_meanwhile_succeeds(world, tmp_path):
    def other():
        ReportingPeriod.objects.create(initiative=world.initiative, code="2031-Q1")

    with _others_first(ReportingPeriod, other):
        _import(world.initiative, ["read3,2031-Q1,org-a,f,arab,1,2,"], tmp_path)
    assert ReportingPeriod.objects.filter(code="2031-Q1").count() == 1
    assert DataValue.objects.get().submission.period.code == "2031-Q1"


def test_two_first_imports_into_a_new_period_at_once_both_succeed(world, tmp_path):
    barrier = threading.Barrier(2, timeout=30)
    real = period_for_code

    def waiting(**kwargs):
        # Both look for the period before either creates it.
        barrier.wait()
        return real(**kwargs)

    def one_import(org_code, gender):
        _import(world.initiative, [f"read3,2032-Q1,{org_code},{gender},arab,1,2,"], tmp_path)

    failures = []

    def run(*args):
        try:
            one_import(*args)
        except Exception as error:
            failures.append(error)
        finally:
            connection.close()

    with mock.patch("measurement.services.uploads.period_for_code", waiting):
        threads = [
            threading.Thread(target=run, args=("org-a", "f")),
            threading.Thread(target=run, args=("org-a", "m")),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert not failures, failures
    assert ReportingPeriod.objects.filter(code="2032-Q1").count() == 1
    assert Submission.objects.filter(period__code="2032-Q1").count() == 1
    assert DataValue.objects.count() == 2
