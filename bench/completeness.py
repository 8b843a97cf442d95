"""Benchmark: what completeness costs on a 1,000,000-value initiative.

It builds (or reuses) the synthetic initiative of bench/compute.py in the database of
DATABASE_URL, computes it, gives every organization a reporting plan, and times:

(a) the digest of what completeness depends on (``completeness._digest``), read when the
    cached version was made stale by a change;
(b) completeness itself (``completeness._completeness``), computed once per change of a
    submission, period, partnership or plan, then cached;
(c) the scorecard for a funder: first view after a change (everything computed) and cached,
    with its queries.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yachad python bench/completeness.py

Figures go to docs/benchmarks.md.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))
sys.path.insert(0, str(BASE_DIR / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")


def timed(function, repeat: int = 5) -> float:
    """The median of ``repeat`` runs, in seconds."""
    runs = []
    for _attempt in range(repeat):
        start = time.perf_counter()
        function()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--values", type=int, default=1_000_000)
    arguments = parser.parse_args()

    import compute as compute_bench

    compute_bench.setup_django()
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from accounts.choices import Role
    from initiatives.models import Initiative, Membership
    from measurement import services
    from measurement.choices import Frequency
    from measurement.models import ReportingAssignment
    from measurement.selectors import completeness

    organizations = max(1, round(arguments.values / compute_bench.VALUES_PER_ORGANIZATION))
    slug = f"bench-{organizations}"
    initiative = Initiative.objects.filter(slug=slug).first()
    if initiative is None or not initiative.computed_results.exists():
        initiative = Initiative.objects.get(pk=compute_bench.build(organizations))
        run = services.computation_request(initiative=initiative, enqueue=False)
        services.computation_run_execute(run_id=run.pk)
    for partnership in initiative.partnerships.all():
        for indicator in initiative.indicators.all():
            ReportingAssignment.objects.get_or_create(
                initiative=initiative,
                organization_id=partnership.organization_id,
                indicator=indicator,
                defaults={"frequency": Frequency.QUARTERLY},
            )
    today = timezone.localdate()
    values = initiative.computation_runs.order_by("-pk").values_list("rows_in", flat=True)
    print(f"{values.first():,} values, {organizations} organizations")

    digest = timed(lambda: completeness._digest(initiative))
    figures = timed(lambda: completeness._completeness(initiative, today), repeat=3)
    print(f"digest: {digest * 1000:.1f} ms")
    print(f"completeness: {figures:.2f} s")

    funder, _ = get_user_model().objects.get_or_create(email="bench-funder@example.org")
    Membership.objects.update_or_create(
        user=funder, initiative=initiative, defaults={"role": Role.FUNDER}
    )
    client = Client()
    client.force_login(funder)
    page = f"/i/{slug}/indicators/"
    # The process's first request also loads templates and translations: measured apart.
    for label in ("first view, new process", "first view after a change", "cached"):
        if label != "cached":
            cache.clear()
        with CaptureQueriesContext(connection) as context:
            start = time.perf_counter()
            assert client.get(page, HTTP_HOST="127.0.0.1").status_code == 200
            took = time.perf_counter() - start
        print(f"scorecard {label}: {took * 1000:.0f} ms, {len(context.captured_queries)} queries")


if __name__ == "__main__":
    main()
