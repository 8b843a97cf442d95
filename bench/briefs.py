"""How long a funder brief takes to make, and how big it is: the demo initiative's brief for
its latest final period in English, Hebrew and Arabic — the content (selectors), the HTML, the
PDF printed by Chromium (the cache emptied first, so a new Chromium prints it each time), and
the PDF again once printed (the HTML and a cache read: ``briefs.documents.brief_pdf``) — five
runs each, median and slowest.

    createdb -h 127.0.0.1 -U postgres yachad_briefs
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yachad_briefs .venv/bin/python bench/briefs.py

It migrates the database and loads the demo itself. Needs Chromium (`apt-get install
chromium`; PDF_CHROMIUM_PATH says where it is).
"""

import os
import platform
import statistics
import sys
import time
from io import StringIO
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
os.environ.setdefault("DEBUG", "True")  # the demo's accounts are made only with DEBUG on

RUNS = 5


def _timed(make, before=lambda: None) -> tuple[list[float], object]:
    times, made = [], None
    for _ in range(RUNS):
        before()
        started = time.perf_counter()
        made = make()
        times.append(time.perf_counter() - started)
    return times, made


def _cpu() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()


def main() -> None:
    import django
    import pypdfium2

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test.utils import override_settings

    from briefs import documents, selectors
    from initiatives.models import Initiative

    call_command("migrate", verbosity=0)
    with override_settings(CELERY_TASK_ALWAYS_EAGER=True):
        call_command("load_demo", stdout=StringIO())
    initiative = Initiative.objects.get(slug="river-city")
    period = selectors.latest_final_period(initiative=initiative)
    print(f"{os.cpu_count()} cores of {_cpu()}, Python {platform.python_version()}")
    print(f"demo brief for {period.code}, {RUNS} runs each: median / slowest, seconds")
    print("| language | content | HTML | PDF printed | PDF kept | PDF bytes | pages |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for language in ("en", "he", "ar"):
        args = {"initiative": initiative, "period": period, "language": language}
        content, _ = _timed(lambda a=args: selectors.brief(**a))
        html, _ = _timed(lambda a=args: documents.brief_html(**a))
        pdf_times, pdf = _timed(lambda a=args: documents.brief_pdf(**a), before=cache.clear)
        kept, _ = _timed(lambda a=args: documents.brief_pdf(**a))
        pages = len(pypdfium2.PdfDocument(pdf))
        print(
            f"| {language} | {statistics.median(content):.2f} / {max(content):.2f} "
            f"| {statistics.median(html):.2f} / {max(html):.2f} "
            f"| {statistics.median(pdf_times):.2f} / {max(pdf_times):.2f} "
            f"| {statistics.median(kept):.2f} / {max(kept):.2f} "
            f"| {len(pdf):,} | {pages} |"
        )


if __name__ == "__main__":
    main()
