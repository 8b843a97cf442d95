"""manage.py funder_brief: one funder brief as a PDF file (docs/briefs.md)."""

import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from briefs import documents, selectors
from briefs.pdf import BriefRenderingError
from initiatives.models import Initiative
from measurement.models import ReportingPeriod

LANGUAGES = [code for code, _name in settings.LANGUAGES]


class Command(BaseCommand):
    help = (
        "Write the funder brief of an initiative's period as a PDF, in one language: what the "
        "initiative's funders may see, small cells suppressed. The file is written whole or "
        "not at all."
    )

    def add_arguments(self, parser):
        parser.add_argument("--initiative", required=True, metavar="SLUG")
        parser.add_argument("--period", required=True, metavar="CODE", help="e.g. 2024-Q3")
        parser.add_argument("--language", required=True, metavar="LANG", help="en, he or ar")
        parser.add_argument("--output", required=True, type=Path, metavar="FILE.pdf")

    def handle(self, *args, initiative, period, language, output: Path, **options):
        found = Initiative.objects.filter(slug=initiative).first()
        if found is None:
            raise CommandError(f"There is no initiative {initiative!r}.")
        if language not in LANGUAGES:
            raise CommandError(
                f"There is no language {language!r}: choose one of {', '.join(LANGUAGES)}."
            )
        if not ReportingPeriod.objects.filter(initiative=found, code=period).exists():
            raise CommandError(f"{found.slug} has no reporting period {period!r}.")
        chosen = selectors.brief_period_get(initiative=found, code=period)
        if chosen is None:
            raise CommandError(
                f"{found.slug} has no computed results for {period}: nothing to brief yet."
            )
        _check_writable(output)
        try:
            pdf = documents.brief_pdf(initiative=found, period=chosen, language=language)
        except BriefRenderingError as error:
            raise CommandError(str(error)) from error
        _write_atomically(output, pdf)
        self.stderr.write(f"Wrote the {language} brief of {found.slug} {period} to {output}.")


def _check_writable(output: Path) -> None:
    """Refuse, before the brief is printed, a file that could not be written."""
    if output.is_dir():
        raise CommandError(
            f"{output} is a directory: give the file to write, e.g. {output / 'brief.pdf'}."
        )
    directory = output.resolve().parent
    if not directory.is_dir():
        raise CommandError(f"There is no directory {directory}.")
    if not os.access(directory, os.W_OK | os.X_OK):
        raise CommandError(f"The directory {directory} cannot be written to.")


def _write_atomically(output: Path, content: bytes) -> None:
    """Into a temporary file beside ``output``, then renamed over it: a failure leaves the old
    file, or none, never half of one."""
    try:
        _replace(output, content)
    except OSError as error:
        raise CommandError(f"{output} could not be written: {error.strerror}.") from error


def _replace(output: Path, content: bytes) -> None:
    handle, temporary = tempfile.mkstemp(
        dir=output.resolve().parent, prefix=".brief-", suffix=".pdf"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        # mkstemp makes the file readable by its owner only; the brief gets the permissions
        # any file written here gets (the umask's), as if it had been written directly.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
