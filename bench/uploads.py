"""Benchmark: what reading an abusive file costs, against reading a legitimate one of the
largest accepted size.

Each case runs ``measurement.datafiles.read_table`` in a child process and reports the time,
how much the peak resident memory grew while reading, and the outcome:

- **legitimate XLSX**: 200,000 rows (the limit), inline strings as openpyxl writes them;
- **zip bomb**: 1,000,000 rows packed into an XLSX, with its true dimension;
- **zip bomb, true dimension**: the same with the unpacked-size limit raised, so that the
  declared size is what stops it;
- **zip bomb, no dimension**: the same rows declaring no size (as openpyxl writes them), the
  limit raised: the row count of the raw XML stops it;
- **zip bomb, understated dimension**: the same rows declaring three, with the limit raised:
  only counting while streaming stops it;
- **CSV past the row limit**: 1,000,000 rows (about 47 MB, read as an upload of that size
  would be if the byte limit were raised).

    .venv/bin/python bench/uploads.py

Figures go to docs/benchmarks.md.
"""

import io
import multiprocessing
import os
import platform
import resource
import sys
import time
import zipfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

HEADER = ["indicator", "period", "organization", "gender", "sector", "numerator", "denominator"]
ROW = ["chronic-absence", "2024-Q3", "givat-hanahar", "unknown", "arab-bedouin", 12345, 67890]


def xlsx(rows: int) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER)
    for _ in range(rows):
        sheet.append(ROW)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_dimension(content: bytes, rows: int) -> bytes:
    """openpyxl's write-only mode declares no size; Excel does. Declare one."""
    return _declare(content, f'<dimension ref="A1:G{rows}"/>'.encode())


def _declare(content: bytes, dimension: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename.startswith("xl/worksheets/"):
                data = data.replace(b"<sheetViews>", dimension + b"<sheetViews>", 1)
            target.writestr(entry, data)
    return out.getvalue()


def csv_rows(rows: int) -> bytes:
    line = ",".join(str(v) for v in ROW)
    return "\n".join([",".join(HEADER)] + [line] * rows).encode()


def _read(content, filename, unpacked_limit, queue):
    import django

    django.setup()
    from measurement import datafiles

    if unpacked_limit:
        datafiles.XLSX_MAX_UNPACKED_BYTES = unpacked_limit
    datafiles.MAX_BYTES = max(datafiles.MAX_BYTES, len(content) + 1)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    try:
        frame = datafiles.read_table(content, filename)
        outcome = f"read {len(frame):,} rows"
    except datafiles.FileProblems as problems:
        outcome = "refused: " + problems.errors[0]
    elapsed = time.perf_counter() - started
    growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    queue.put((elapsed, growth, outcome))


def measure(content: bytes, filename: str, unpacked_limit: int | None = None):
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=_read, args=(content, filename, unpacked_limit, queue))
    child.start()
    result = queue.get()
    child.join()
    return result


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, {memory:.0f} GiB, "
        f"Python {platform.python_version()}"
    )


def main() -> None:
    legit = with_dimension(xlsx(200_000), 200_001)
    hidden = xlsx(1_000_000)
    bomb = with_dimension(hidden, 1_000_001)
    understated = with_dimension(hidden, 3)
    unpacked = sum(e.file_size for e in zipfile.ZipFile(io.BytesIO(bomb)).infolist())
    cases = [
        ("legitimate XLSX, 200,000 rows", legit, "values.xlsx", None),
        ("zip bomb, 1,000,000 rows", bomb, "values.xlsx", None),
        ("zip bomb, true dimension", bomb, "values.xlsx", unpacked + 1),
        ("zip bomb, no dimension", hidden, "values.xlsx", unpacked + 1),
        ("zip bomb, understated dimension", understated, "values.xlsx", unpacked + 1),
        ("CSV, 1,000,000 rows", csv_rows(1_000_000), "values.csv", None),
    ]
    print(machine())
    print(f"zip bomb: {len(bomb) / 1024:,.0f} KB packed, {unpacked / 2**20:,.0f} MB unpacked")
    print(f"{'case':34} {'size':>9} {'time':>8} {'+memory':>8}  outcome")
    for name, content, filename, limit in cases:
        elapsed, peak, outcome = measure(content, filename, limit)
        size = f"{len(content) / 2**20:.1f} MB"
        print(f"{name:34} {size:>9} {elapsed:7.2f}s {peak:6.0f}MB  {outcome[:70]}")


if __name__ == "__main__":
    main()
