"""Audit the locked dependencies (uv.lock) for known vulnerabilities with pip-audit.

    .venv/bin/python .ci/dependency_audit.py [--uv PATH]

Fails (exit 1) on any known vulnerability that has a fixed release to move to; lists the
ones without a fix as warnings. pip-audit asks a vulnerability service on the network (PyPI's
JSON API by default). When that service cannot be reached, pip-audit "skips" every package and
reports nothing found: this script says plainly that nothing was audited instead, and exits 0,
or 2 with AUDIT_STRICT=1 (see docs/security.md: some build machines reach only the package
index's file downloads).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

PIP_AUDIT = "pip-audit==2.10.1"
ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Verdict:
    fixable: list[str] = field(default_factory=list)
    unfixed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    audited: int = 0


def judge(report: dict) -> Verdict:
    """Sort pip-audit's JSON report into what must be fixed, what cannot be yet, and what
    was not audited at all."""
    verdict = Verdict()
    for dependency in report.get("dependencies", []):
        if "skip_reason" in dependency:
            verdict.skipped.append(dependency["skip_reason"])
            continue
        verdict.audited += 1
        for vulnerability in dependency.get("vulns", []):
            line = f"{dependency['name']} {dependency['version']}: {vulnerability['id']}" + (
                f" (fixed in {', '.join(vulnerability['fix_versions'])})"
                if vulnerability.get("fix_versions")
                else " (no fix released)"
            )
            if vulnerability.get("fix_versions"):
                verdict.fixable.append(line)
            else:
                verdict.unfixed.append(line)
    return verdict


def exit_code(verdict: Verdict, *, strict: bool) -> int:
    if verdict.fixable:
        return 1
    if verdict.audited == 0:
        return 2 if strict else 0
    return 0


def run_pip_audit(uv: str) -> dict:
    exported = subprocess.run(
        [uv, "export", "--frozen", "--format", "requirements-txt", "--no-emit-project"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    with tempfile.TemporaryDirectory() as tmp:
        requirements = Path(tmp) / "requirements.txt"
        report = Path(tmp) / "report.json"
        requirements.write_text(exported)
        # Exit status 1 means "vulnerabilities found"; the report says which.
        completed = subprocess.run(
            [
                uv,
                "tool",
                "run",
                "--from",
                PIP_AUDIT,
                "pip-audit",
                "--requirement",
                str(requirements),
                "--no-deps",
                "--disable-pip",
                "--format",
                "json",
                "--output",
                str(report),
                "--progress-spinner",
                "off",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if not report.exists():
            sys.exit(f"pip-audit did not run:\n{completed.stderr}")
        return json.loads(report.read_text())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uv", default=shutil.which("uv") or str(ROOT / ".tools/bin/uv"))
    verdict = judge(run_pip_audit(parser.parse_args().uv))
    for line in verdict.fixable:
        print(f"VULNERABLE, fix available: {line}")
    for line in verdict.unfixed:
        print(f"warning: known vulnerability without a fix yet: {line}")
    if verdict.audited == 0:
        print(
            "NOT AUDITED: the vulnerability service could not be reached from this machine; "
            f"pip-audit skipped all {len(verdict.skipped)} packages "
            f"(for example: {verdict.skipped[0] if verdict.skipped else 'none'})."
        )
    else:
        print(
            f"Audited {verdict.audited} locked packages: {len(verdict.fixable)} to fix, "
            f"{len(verdict.unfixed)} without a fix, {len(verdict.skipped)} not audited."
        )
    return exit_code(verdict, strict=os.environ.get("AUDIT_STRICT") == "1")


if __name__ == "__main__":
    sys.exit(main())
