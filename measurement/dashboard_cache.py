"""The dashboards' cache. Every key carries the initiative's results version — the id of its
last successful computation run — so a finished run makes every cached dashboard stale at
once and the cache never serves figures older than the last run.
"""

import hashlib

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from initiatives import roles
from initiatives.models import Initiative
from measurement.choices import RunStatus
from measurement.models import (
    ComputationRun,
)
from measurement.selectors.completeness import completeness_version

CACHE_SECONDS = 60 * 60 * 24
# The version is read again from the database this often even if nothing said it changed: a
# run that finished while the cache was unreachable could not say so.
VERSION_SECONDS = 60 * 10

# ---- Cache ----


def _version_key(initiative_id: int) -> str:
    return f"results-version:{initiative_id}"


def results_version(initiative: Initiative) -> int:
    """The id of the last successful run: part of every dashboard cache key."""
    version = cache.get(_version_key(initiative.pk))
    if version is None:
        last = (
            ComputationRun.objects.filter(initiative=initiative, status=RunStatus.SUCCEEDED)
            .order_by("-finished_at")
            .values_list("pk", flat=True)
            .first()
        )
        version = last or 0
        cache.set(_version_key(initiative.pk), version, VERSION_SECONDS)
    return version


def results_changed(*, initiative_id: int, run_id: int) -> None:
    """Called when a run has replaced the results: every cached dashboard becomes stale. If
    the cache is unreachable just then, the version it holds expires within VERSION_SECONDS."""
    cache.set(_version_key(initiative_id), run_id, VERSION_SECONDS)


def cached(initiative: Initiative, name: str, audience: roles.Audience, params, compute):
    """``compute()``, cached for this initiative's current results and completeness,
    audience, language, country and ``params`` (figures carry translated words and dates and
    numbers written as in the initiative's country, so language and country are part of the
    key; which period is final changes with approvals, closings and the date, so completeness
    is too)."""
    digest = hashlib.sha1(repr(params).encode(), usedforsecurity=False).hexdigest()
    settled = completeness_version(initiative=initiative, today=timezone.localdate())
    key = (
        f"dashboard:{initiative.pk}:{results_version(initiative)}:{settled}:{name}:"
        f"{int(audience.unsuppressed)}:{get_language()}:{initiative.country}:{digest}"
    )

    return cache.get_or_set(key, compute, CACHE_SECONDS)
