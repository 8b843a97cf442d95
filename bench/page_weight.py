"""Benchmark: what a phone downloads to open the demo's dashboard home and one indicator page.

It migrates the database of DATABASE_URL (a fresh one is fine), loads the demo as of a fixed
day, signs the demo funder in (Django's test client: the whole middleware and view stack, no
HTTP server), fetches the initiative's home (its scorecard) and the first indicator's page,
then every script and stylesheet each page references, read from the static files as
WhiteNoise would serve them. It prints each file's bytes raw, gzipped (level 9, as
WhiteNoise's compressed storage writes them) and brotli-compressed (WhiteNoise serves the
.br file to browsers that accept it), and each page's total. The HTML is counted the same way,
as a compressing proxy in front would send it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yachad_weight python bench/page_weight.py

Figures go to docs/benchmarks.md.
"""

import gzip
import io
import os
import platform
import re
import sys
from datetime import date
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
# Demo accounts are made only where DEBUG is on; static files are then found by the finders.
os.environ["DEBUG"] = "True"

TODAY = date(2026, 11, 30)
REFERENCES = re.compile(r'<(?:script[^>]*\ssrc|link[^>]*rel="stylesheet"[^>]*\shref)="([^"]+)"')


def sizes(content: bytes) -> tuple[int, int, int]:
    import brotli

    return len(content), len(gzip.compress(content, compresslevel=9)), len(brotli.compress(content))


def static_file(url: str) -> bytes:
    from django.conf import settings
    from django.contrib.staticfiles import finders

    found = finders.find(url.removeprefix(settings.STATIC_URL))
    if not found:
        sys.exit(f"{url} is referenced but no static file answers it")
    return Path(found).read_bytes()


def weigh(client, path: str) -> list[tuple[str, tuple[int, int, int]]]:
    response = client.get(path, HTTP_HOST="127.0.0.1")
    assert response.status_code == 200, (path, response.status_code)
    html = response.content
    rows = [("HTML", sizes(html))]
    for url in REFERENCES.findall(html.decode()):
        rows.append((url, sizes(static_file(url))))
    return rows


def main():
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (a fresh one is migrated).")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client

    from demo.data.initiative import SLUG
    from measurement.models import Indicator

    call_command("migrate", verbosity=0)
    call_command("load_demo", today=TODAY, stdout=io.StringIO())
    cache.clear()
    client = Client()
    client.force_login(get_user_model().objects.get(email="funder@example.org"))
    indicator = Indicator.objects.filter(initiative__slug=SLUG).order_by("pk").first()
    pages = {
        "dashboard home": f"/i/{SLUG}/",
        "indicator page": f"/i/{SLUG}/indicators/{indicator.code}/",
    }
    print(f"{platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print(f"{'file':<58} {'raw':>10} {'gzip':>10} {'brotli':>10}")
    for name, path in pages.items():
        print(f"— {name} {path}")
        rows = weigh(client, path)
        for label, (raw, gzipped, brotlied) in rows:
            print(f"  {label:<56} {raw:>10,} {gzipped:>10,} {brotlied:>10,}")
        total = [sum(row[1][i] for row in rows) for i in range(3)]
        print(f"  {'total':<56} {total[0]:>10,} {total[1]:>10,} {total[2]:>10,}")


if __name__ == "__main__":
    main()
