"""The CI dependency audit fails on a known vulnerability that has a fix, warns on one that
has none, and says so when nothing could be audited rather than passing in silence."""

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / ".ci" / "dependency_audit.py"
spec = importlib.util.spec_from_file_location("dependency_audit", SCRIPT)
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)

CLEAN = {"name": "redis", "version": "7.0.0", "vulns": []}
FIXABLE = {
    "name": "django",
    "version": "5.2.0",
    "vulns": [{"id": "PYSEC-2025-1", "fix_versions": ["5.2.1"], "aliases": []}],
}
UNFIXED = {
    "name": "pandas",
    "version": "3.0.0",
    "vulns": [{"id": "GHSA-xxxx", "fix_versions": [], "aliases": []}],
}
SKIPPED = {"name": "amqp", "skip_reason": "Dependency not found on PyPI and could not be audited"}


@pytest.mark.parametrize("strict", [False, True])
def test_a_vulnerability_with_a_fix_fails_the_audit(strict):
    verdict = audit.judge({"dependencies": [CLEAN, FIXABLE, UNFIXED]})
    assert verdict.fixable == ["django 5.2.0: PYSEC-2025-1 (fixed in 5.2.1)"]
    assert audit.exit_code(verdict, strict=strict) == 1


def test_a_vulnerability_without_a_fix_is_a_warning():
    verdict = audit.judge({"dependencies": [CLEAN, UNFIXED]})
    assert verdict.unfixed == ["pandas 3.0.0: GHSA-xxxx (no fix released)"]
    assert audit.exit_code(verdict, strict=True) == 0


def test_nothing_audited_is_reported_and_fails_when_strict():
    verdict = audit.judge({"dependencies": [SKIPPED, SKIPPED]})
    assert (verdict.audited, len(verdict.skipped)) == (0, 2)
    assert audit.exit_code(verdict, strict=False) == 0
    assert audit.exit_code(verdict, strict=True) == 2


def test_clean_dependencies_pass():
    assert audit.exit_code(audit.judge({"dependencies": [CLEAN, SKIPPED]}), strict=True) == 0
