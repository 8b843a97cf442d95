"""manage.py funder_brief: a PDF file, or a clear refusal, a non-zero exit and no file."""

import errno
import os
import stat
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories.measurement import ReportingPeriodFactory


def _brief(**options):
    arguments = {"initiative": "river", "period": "2024-Q2", "language": "en", **options}
    call_command(
        "funder_brief",
        *[f"--{name}={value}" for name, value in arguments.items()],
        stdout=StringIO(),
        stderr=StringIO(),
    )


@pytest.mark.browser
def test_it_writes_the_pdf(world, figures, tmp_path, chromium):
    output = tmp_path / "brief.pdf"
    _brief(language="he", output=output)
    assert output.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["brief.pdf"]


def test_the_file_has_the_permissions_of_any_file_written_there(
    world, figures, tmp_path, monkeypatch
):
    monkeypatch.setattr("briefs.documents.html_to_pdf", lambda html: b"%PDF-")
    previous = os.umask(0o022)
    try:
        _brief(output=tmp_path / "brief.pdf")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "brief.pdf").stat().st_mode) == 0o644


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"initiative": "nowhere"}, "no initiative 'nowhere'"),
        ({"period": "2031-Q1"}, "no reporting period '2031-Q1'"),
        ({"language": "fr"}, "no language 'fr'"),
    ],
)
def test_it_refuses_what_does_not_exist(world, figures, tmp_path, options, message):
    output = tmp_path / "brief.pdf"
    with pytest.raises(CommandError, match=message):
        _brief(output=output, **options)
    assert list(tmp_path.iterdir()) == []


def test_it_refuses_a_period_without_results(world, figures, tmp_path):
    ReportingPeriodFactory(initiative=world.initiative, code="2024-Q3")
    with pytest.raises(CommandError, match="no computed results for 2024-Q3"):
        _brief(period="2024-Q3", output=tmp_path / "brief.pdf")
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def last_quarters(tmp_path):
    """A brief written before, that a failed run must leave as it was."""
    output = tmp_path / "brief.pdf"
    output.write_bytes(b"%PDF last quarter's")
    return output


def _left_whole(output):
    assert output.read_bytes() == b"%PDF last quarter's"
    assert [p.name for p in output.parent.iterdir()] == ["brief.pdf"]


def test_a_failure_leaves_the_old_file_whole(world, figures, last_quarters, settings):
    settings.PDF_CHROMIUM_PATH = "/nowhere/chromium"
    with pytest.raises(CommandError, match="Chromium is not installed"):
        _brief(output=last_quarters)
    _left_whole(last_quarters)


def test_it_refuses_a_directory_before_printing(world, figures, tmp_path, monkeypatch):
    def printed(html):
        raise AssertionError("printed a brief that had nowhere to go")

    monkeypatch.setattr("briefs.documents.html_to_pdf", printed)
    with pytest.raises(CommandError, match=f"{tmp_path} is a directory: give the file to write"):
        _brief(output=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_write_that_fails_says_why_and_leaves_the_old_file(
    world, figures, last_quarters, monkeypatch
):
    monkeypatch.setattr("briefs.documents.html_to_pdf", lambda html: b"%PDF-")

    def disk_full(source, target):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("os.replace", disk_full)
    with pytest.raises(CommandError, match="could not be written: No space left on device"):
        _brief(output=last_quarters)
    _left_whole(last_quarters)


def test_it_exits_non_zero_from_the_shell(world, figures, tmp_path):
    """A CommandError is exit status 1 when run as manage.py."""
    from django.core.management import ManagementUtility

    arguments = ["--initiative=nowhere", "--period=2024-Q2", "--language=en"]
    utility = ManagementUtility(
        ["manage.py", "funder_brief", *arguments, f"--output={tmp_path / 'brief.pdf'}"]
    )
    with pytest.raises(SystemExit) as exit_status:
        utility.execute()
    assert exit_status.value.code == 1
