"""``import_data --dry-run``: what a file would change — values new, changed and unchanged per
organization and period — or its problems, and nothing written."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from measurement.models import DataValue, ReportingPeriod, Submission

HEADER = "indicator,period,organization,gender,sector,numerator,denominator,value"


def _file(tmp_path, *lines):
    path = tmp_path / "values.csv"
    path.write_text("\n".join([HEADER, *lines]))
    return str(path)


def _run(world, path, *options):
    out = io.StringIO()
    call_command("import_data", "--initiative", world.initiative.slug, path, *options, stdout=out)
    return out.getvalue()


def test_a_dry_run_reports_new_values_and_writes_nothing(world, tmp_path):
    path = _file(
        tmp_path,
        "read3,2024-Q1,org-a,f,arab,1,2,",
        "read3,2024-Q1,org-a,m,arab,1,2,",
        "read3,2031-Q1,org-b,f,arab,1,2,",
    )
    out = _run(world, path, "--dry-run")
    assert "org-a 2024-Q1: 2 new, 0 changed, 0 unchanged" in out
    assert "org-b 2031-Q1: 1 new, 0 changed, 0 unchanged" in out
    assert "nothing was written" in out
    assert not DataValue.objects.exists()
    assert not Submission.objects.exists()
    assert not ReportingPeriod.objects.filter(code="2031-Q1").exists()


def test_a_dry_run_tells_changed_from_unchanged_values(world, tmp_path):
    _run(
        world, _file(tmp_path, "read3,2024-Q1,org-a,f,arab,1,2,", "read3,2024-Q1,org-a,m,arab,1,2,")
    )
    history = DataValue.history.count()
    out = _run(
        world,
        _file(tmp_path, "read3,2024-Q1,org-a,f,arab,1,2,", "read3,2024-Q1,org-a,m,arab,2,2,"),
        "--dry-run",
    )
    assert "org-a 2024-Q1: 0 new, 1 changed, 1 unchanged" in out
    assert DataValue.objects.get(cell__key="gender=m;sector=arab").numerator == 1
    assert DataValue.history.count() == history


def test_a_dry_run_of_a_bad_file_lists_its_problems_and_fails(world, tmp_path):
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_data",
            "--initiative",
            world.initiative.slug,
            _file(tmp_path, "read3,2024-Q1,org-a,f,arab,5,2,"),
            "--dry-run",
            stdout=io.StringIO(),
            stderr=err,
        )
    assert "Row 2, column numerator: cannot be larger than the denominator" in err.getvalue()
