"""The pictures of docs/briefs.md: page 1 (the cover and the scorecard) of the demo
initiative's funder brief in English and in Hebrew, printed by the same code as the download
(briefs.documents.brief_pdf) and rendered to PNG by pdfium.

    make demo   # or: manage.py load_demo, in the database of DATABASE_URL
    DATABASE_URL=postgres://... python bench/brief_screenshots.py

It writes docs/images/brief-en.png and docs/images/brief-he.png, for the latest final period.
"""

import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

SCALE = 1.5  # 893 × 1263 pixels: an A4 page, readable on a documentation page


def main() -> None:
    import django

    django.setup()
    import pypdfium2

    from briefs import documents, selectors
    from initiatives.models import Initiative

    initiative = Initiative.objects.get(slug="river-city")
    period = selectors.latest_final_period(initiative=initiative)
    if period is None:
        sys.exit("The demo has no final period: run manage.py load_demo first.")
    for language in ("en", "he"):
        pdf = documents.brief_pdf(initiative=initiative, period=period, language=language)
        document = pypdfium2.PdfDocument(pdf)
        try:
            target = BASE_DIR / "docs" / "images" / f"brief-{language}.png"
            document[0].render(scale=SCALE).to_pil().save(target, optimize=True)
            print(f"{target.relative_to(BASE_DIR)}: page 1 of {len(document)}, {period.code}")
        finally:
            document.close()


if __name__ == "__main__":
    main()
