import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from measurement import engine, services
from measurement.choices import RunStatus, SubmissionStatus
from measurement.models import ComputationRun, ComputedResult, DataValue


def _cells(world):
    return {c.key: c.pk for c in world.initiative.cells.all()}


def _save_values(world, actor, submission, numbers):
    """``actor`` saves ``numbers`` — ``{cell key: (numerator, denominator)}`` — into the
    world's indicator in ``submission``."""
    cells = _cells(world)
    services.submission_values_save(
        actor=actor,
        submission=submission,
        indicator=world.indicator,
        values={cells[key]: {"numerator": n, "denominator": d} for key, (n, d) in numbers.items()},
    )


def _start(world, actor, organization):
    submission, _started = services.submission_start(
        actor=actor, initiative=world.initiative, organization=organization, period=world.period
    )
    return submission


def _enter(world, actor, organization, numbers):
    submission = _start(world, actor, organization)
    _save_values(world, actor, submission, numbers)
    return submission


def _submit_and_approve(partner, staff, submission, capture_on_commit_callbacks):
    """The partner submits and staff approve, which computes the results once committed."""
    services.submission_submit(actor=partner, submission=submission)
    with capture_on_commit_callbacks(execute=True):
        services.submission_approve(actor=staff, submission=submission)


def test_approval_computes_the_total_across_organizations(
    world, partner_a, partner_b, backbone_staff, django_capture_on_commit_callbacks
):
    a = _enter(
        world,
        partner_a,
        world.org_a,
        {"gender=f;sector=arab": (30, 40), "gender=m;sector=arab": (20, 40)},
    )
    b = _enter(world, partner_b, world.org_b, {"gender=f;sector=arab": (10, 20)})
    for submission, partner in ((a, partner_a), (b, partner_b)):
        _submit_and_approve(partner, backbone_staff, submission, django_capture_on_commit_callbacks)

    total = ComputedResult.objects.get(
        indicator=world.indicator, cell__key="", organization__isnull=True
    )
    assert (total.numerator, total.denominator) == (60, 100)
    assert total.value == pytest.approx(60.0)  # a rate per its scale of 100
    assert ComputationRun.objects.filter(status=RunStatus.SUCCEEDED).count() == 2


def test_submitted_and_draft_data_are_not_counted(
    world, partner_a, partner_b, backbone_staff, django_capture_on_commit_callbacks
):
    approved = _enter(world, partner_a, world.org_a, {"gender=f;sector=arab": (30, 40)})
    services.submission_submit(actor=partner_a, submission=approved)
    _enter(world, partner_b, world.org_b, {"gender=f;sector=arab": (1, 40)})  # stays draft
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_approve(actor=backbone_staff, submission=approved)
    total = ComputedResult.objects.get(cell__key="", organization__isnull=True)
    assert total.denominator == 40


def test_partner_cannot_save_values_for_another_organization(world, partner_a, partner_b):
    submission = _enter(world, partner_b, world.org_b, {"gender=f;sector=arab": (1, 2)})
    with pytest.raises(PermissionDenied):
        _save_values(world, partner_a, submission, {"gender=f;sector=arab": (2, 2)})
    assert DataValue.objects.get().numerator == 1


def test_numerator_above_denominator_is_refused_and_nothing_is_written(world, partner_a):
    submission = _start(world, partner_a, world.org_a)
    with pytest.raises(ValidationError):
        _save_values(world, partner_a, submission, {"gender=f;sector=arab": (5, 2)})
    assert not DataValue.objects.exists()


def test_approved_values_are_locked(
    world, partner_a, backbone_staff, django_capture_on_commit_callbacks
):
    submission = _enter(world, partner_a, world.org_a, {"gender=f;sector=arab": (3, 4)})
    _submit_and_approve(partner_a, backbone_staff, submission, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError, match="can no longer be changed"):
        _save_values(world, partner_a, submission, {"gender=f;sector=arab": (1, 4)})


def test_return_needs_a_comment_and_reopens_the_submission(world, partner_a, backbone_staff):
    submission = _enter(world, partner_a, world.org_a, {"gender=f;sector=arab": (3, 4)})
    services.submission_submit(actor=partner_a, submission=submission)
    with pytest.raises(ValidationError):
        services.submission_return(actor=backbone_staff, submission=submission, comment=" ")
    services.submission_return(
        actor=backbone_staff, submission=submission, comment="Check the boys."
    )
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.RETURNED
    assert submission.is_editable


def test_an_empty_submission_cannot_be_submitted(world, partner_a):
    submission = _start(world, partner_a, world.org_a)
    with pytest.raises(ValidationError):
        services.submission_submit(actor=partner_a, submission=submission)
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.DRAFT


def test_partner_cannot_approve(world, partner_a):
    submission = _enter(world, partner_a, world.org_a, {"gender=f;sector=arab": (3, 4)})
    services.submission_submit(actor=partner_a, submission=submission)
    with pytest.raises(PermissionDenied):
        services.submission_approve(actor=partner_a, submission=submission)


def test_a_failed_computation_keeps_the_previous_results(
    world, partner_a, backbone_staff, django_capture_on_commit_callbacks, monkeypatch
):
    submission = _enter(world, partner_a, world.org_a, {"gender=f;sector=arab": (3, 40)})
    _submit_and_approve(partner_a, backbone_staff, submission, django_capture_on_commit_callbacks)
    before = list(ComputedResult.objects.values_list("cell__key", "value"))

    def broken(*args, **kwargs):
        raise RuntimeError("engine exploded")

    monkeypatch.setattr(engine, "add_time_statistics", broken)
    run = services.computation_request(initiative=world.initiative)
    run = services.computation_run_execute(run_id=run.pk)

    assert run.status == RunStatus.FAILED
    assert "engine exploded" in run.error
    assert list(ComputedResult.objects.values_list("cell__key", "value")) == before


def test_running_a_computation_twice_gives_the_same_results(
    world, partner_a, backbone_staff, django_capture_on_commit_callbacks
):
    submission = _enter(world, partner_a, world.org_a, {"gender=f;sector=arab": (3, 40)})
    _submit_and_approve(partner_a, backbone_staff, submission, django_capture_on_commit_callbacks)
    run = ComputationRun.objects.get()
    first = sorted(ComputedResult.objects.values_list("cell__key", "numerator", "denominator"))
    services.computation_run_execute(run_id=run.pk)
    assert (
        sorted(ComputedResult.objects.values_list("cell__key", "numerator", "denominator")) == first
    )
