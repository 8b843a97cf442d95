"""Comments, returning with a comment, unlocking, the history, and the file to fill in."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from measurement.choices import CommentKind, RunStatus, SubmissionStatus, UploadStatus
from measurement.exports import spreadsheet_safe, write_rows_csv
from measurement.models import ComputationRun, DataValue, SubmissionComment, Upload
from measurement.tasks import computation_run_task
from tests.measurement.conftest import report


def _submission(world, status=SubmissionStatus.SUBMITTED):
    """Organization A's submission with one value: 12 of 20 Arab girls."""
    return report(world, world.org_a, world.period, {"gender=f;sector=arab": (12, 20)}, status)


def _url(name, world, submission, *extra):
    return reverse(f"measurement:{name}", args=[world.initiative.slug, submission.pk, *extra])


def test_backbone_returns_a_submission_with_a_comment_about_one_indicator(
    client, world, backbone_staff, partner_a
):
    submission = _submission(world)
    client.force_login(backbone_staff)
    client.post(
        _url("submission-return", world, submission),
        {"body": "The boys' numbers look high.", "indicator": world.indicator.pk},
    )
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.RETURNED
    comment = SubmissionComment.objects.get()
    assert (comment.kind, comment.indicator) == (CommentKind.RETURNED, world.indicator)

    client.force_login(partner_a)
    page = client.get(_url("submission-detail", world, submission)).content.decode()
    assert "The boys&#x27; numbers look high." in page


def test_partner_and_backbone_comment_on_a_submission(client, world, partner_a, backbone_staff):
    submission = _submission(world)
    client.force_login(partner_a)
    client.post(_url("submission-comment", world, submission), {"body": "Fixed it."})
    client.force_login(backbone_staff)
    client.post(_url("submission-comment", world, submission), {"body": "Thanks!"})
    assert list(SubmissionComment.objects.values_list("author", "body")) == [
        (partner_a.pk, "Fixed it."),
        (backbone_staff.pk, "Thanks!"),
    ]


def test_a_partner_viewer_cannot_comment(client, world, partner_viewer):
    submission = _submission(world)
    client.force_login(partner_viewer)
    response = client.post(_url("submission-comment", world, submission), {"body": "Hi"})
    assert response.status_code == 403
    assert not SubmissionComment.objects.exists()


def test_only_a_backbone_admin_unlocks_approved_data_and_must_say_why(
    client, world, backbone_admin, backbone_staff, django_capture_on_commit_callbacks
):
    submission = _submission(world, SubmissionStatus.APPROVED)
    client.force_login(backbone_staff)
    assert (
        client.post(_url("submission-unlock", world, submission), {"reason": "Typo"}).status_code
        == 403
    )
    client.force_login(backbone_admin)
    client.post(_url("submission-unlock", world, submission), {"reason": ""})
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.APPROVED

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            _url("submission-unlock", world, submission),
            {"reason": "The school corrected its register."},
        )
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.RETURNED
    assert SubmissionComment.objects.get().kind == CommentKind.UNLOCKED
    assert ComputationRun.objects.filter(period=world.period).exists()


def test_the_history_shows_who_changed_what_from_what_to_what(
    client, world, partner_a, backbone_staff
):
    submission = _submission(world, SubmissionStatus.DRAFT)
    client.force_login(partner_a)
    field = f"cell_{world.initiative.cells.get(key='gender=f;sector=arab').pk}"
    client.post(
        _url("submission-values-edit", world, submission, world.indicator.code),
        {f"{field}_numerator": "14", f"{field}_denominator": "20"},
    )
    client.post(_url("submission-submit", world, submission))
    client.force_login(backbone_staff)
    page = client.get(_url("submission-detail", world, submission)).content.decode()
    history = page.split("History", 1)[1]
    assert "Reading · Female · Arab" in history
    assert "12 / 20" in history
    assert "14 / 20" in history
    assert partner_a.get_full_name() in history
    assert "Submitted" in history


def test_the_template_lists_the_organizations_cells_with_what_was_entered(client, world, partner_a):
    submission = _submission(world, SubmissionStatus.DRAFT)
    client.force_login(partner_a)
    response = client.get(_url("submission-template", world, submission, "csv"))
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    # Every level of the entry grid: the total, 2 genders, 2 sectors, 2 × 2 of both.
    assert len(rows) == 1 + 2 + 2 + 4
    entered = next(r for r in rows if (r["gender"], r["sector"]) == ("f", "arab"))
    assert (entered["organization"], entered["numerator"], entered["denominator"]) == (
        "org-a",
        "12",
        "20",
    )

    workbook = load_workbook(
        io.BytesIO(client.get(_url("submission-template", world, submission, "xlsx")).content)
    )
    assert [c.value for c in next(workbook.active.iter_rows(max_row=1))][:3] == [
        "indicator",
        "period",
        "organization",
    ]


def test_the_template_sent_back_unchanged_changes_nothing(client, world, partner_a):
    """The reviewers' finding: numbers entered as a total or by one dimension came out
    blank, so the file sent back lost them (or was refused for its blank rows)."""
    entered = {"": (30, 50), "gender=f": (12, 20), "gender=f;sector=arab": (7, 11)}
    submission = report(world, world.org_a, world.period, entered, SubmissionStatus.DRAFT)
    client.force_login(partner_a)
    template = client.get(_url("submission-template", world, submission, "csv")).content
    rows = list(csv.DictReader(io.StringIO(template.decode("utf-8-sig"))))
    filled = {
        (r["gender"], r["sector"]): (r["numerator"], r["denominator"])
        for r in rows
        if r["numerator"]
    }
    assert filled == {("", ""): ("30", "50"), ("f", ""): ("12", "20"), ("f", "arab"): ("7", "11")}

    response = client.post(
        reverse("measurement:upload-new", args=[world.initiative.slug]),
        {"file": SimpleUploadedFile("back.csv", template), "organization": world.org_a.pk},
    )
    upload = Upload.objects.get()
    assert upload.status == UploadStatus.CHECKED, upload.errors
    client.post(reverse("measurement:upload-save", args=[world.initiative.slug, upload.pk]))
    stored = {
        v.cell.key: (v.numerator, v.denominator)
        for v in DataValue.objects.filter(submission=submission).select_related("cell")
    }
    assert stored == entered
    assert response.status_code == 302


def test_exports_never_hand_a_spreadsheet_a_formula():
    stream = io.StringIO()
    write_rows_csv(stream, ["a", "b", "c"], [{"a": "=HYPERLINK(1)", "b": "-2+3", "c": -2.5}])
    assert stream.getvalue().splitlines()[1] == "'=HYPERLINK(1),'-2+3,-2.5"
    assert spreadsheet_safe("@SUM(A1)") == "'@SUM(A1)"
    assert spreadsheet_safe(12) == 12


# Outside a test's transaction, as in production: the hand-off happens before the answer.
@pytest.mark.django_db(transaction=True)
def test_an_approval_the_task_queue_cannot_take_says_so_and_keeps_the_request(
    client, world, backbone_staff, monkeypatch
):
    def refuse(run_id):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(computation_run_task, "delay", refuse)
    submission = _submission(world)
    client.force_login(backbone_staff)
    response = client.post(_url("submission-approve", world, submission), follow=True)
    assert response.status_code == 200
    assert "recomputation is recorded and will run as soon as the queue is back" in (
        response.content.decode()
    )
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.APPROVED
    assert ComputationRun.objects.get().status == RunStatus.WAITING
