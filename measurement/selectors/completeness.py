"""How complete and how settled each indicator's figures are for each period.

A figure for all partners is only as good as the organizations behind it: approving one
school's quarter must not make that quarter the initiative's "latest". For every indicator and
period this says how many organizations were expected to report it (the reporting plan, or,
for an indicator without one, those who reported it now or last time), how many have
reported (submitted or approved), how many are approved (only approved values are computed),
roughly what share of last period's people the approved ones held, and whether the figures
are still *provisional*:

- *final* when backbone staff closed the period, or every expected organization is approved,
  or the due date plus the initiative's grace period is past with at least its minimum share
  approved;
- *provisional* otherwise.

The answer depends on submissions, the plan, the periods and today's date, so it is cached
under a digest of those (``completeness_version``) rather than under the results version.
"""

import hashlib
import itertools
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.cache import cache
from django.db.models import Count, Max, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.translation import translated_fields
from initiatives.models import Initiative, Organization, Partnership
from measurement.choices import FREQUENCY_PERIOD_KIND, Frequency, Settledness, SubmissionStatus
from measurement.models import (
    DataValue,
    Indicator,
    ReportingAssignment,
    ReportingPeriod,
    Submission,
)

CACHE_SECONDS = 60 * 60 * 24
DELIVERED = (SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED)


@dataclass(frozen=True)
class Completeness:
    """One indicator's completeness in one period."""

    period: ReportingPeriod
    expected: int
    reported: int
    approved: int
    settledness: str
    coverage: float | None = None
    waiting_for: tuple[int, ...] = ()
    """The expected organizations not approved yet (ids)."""
    """The share of the previous period's people (denominators, or counts) that the
    organizations approved so far held then: an estimate of how much of the population the
    figure covers. None where the previous period does not allow it."""

    @property
    def provisional(self) -> bool:
        return self.settledness == Settledness.PROVISIONAL

    @property
    def awaiting_review(self) -> int:
        return self.reported - self.approved

    @property
    def label(self) -> str:
        return _("Provisional") if self.provisional else _("Final")

    @property
    def counts(self) -> str:
        """ "3 of 6 organizations approved"."""
        return ngettext(
            "%(approved)s of %(expected)s organization approved",
            "%(approved)s of %(expected)s organizations approved",
            self.expected,
        ) % {"approved": self.approved, "expected": self.expected}

    @property
    def summary(self) -> str:
        """How complete and how settled the figure is, in plain words."""
        parts = [self.counts]
        if self.awaiting_review:
            parts.append(
                ngettext(
                    "%(count)s more submitted, awaiting review",
                    "%(count)s more submitted, awaiting review",
                    self.awaiting_review,
                )
                % {"count": self.awaiting_review}
            )
        if self.coverage is not None and self.provisional:
            parts.append(
                _("together they held about %(share)s%% of the people counted last period")
                % {"share": round(self.coverage * 100)}
            )
        text = "; ".join(parts)
        if self.settledness == Settledness.CLOSED:
            note = self.period.closing_note.strip()
            closed = _("Final: closed by backbone staff (%(text)s).") % {"text": text}
            return f"{closed} {note}" if note else closed
        if self.settledness == Settledness.GRACE_PASSED:
            return _("Final: %(text)s; the grace period after the due date is over.") % {
                "text": text
            }
        if self.settledness == Settledness.ALL_APPROVED:
            return _("Final: %(text)s.") % {"text": text}
        return _(
            "Provisional: %(text)s. The figure may still change as more organizations are approved."
        ) % {"text": text}


def settledness(
    *,
    period: ReportingPeriod,
    expected: int,
    approved: int,
    today: date,
    grace_days: int,
    min_share: int,
) -> str:
    """Why a period's figure is final, or that it is provisional (``Settledness``)."""
    if period.closed_at is not None:
        return Settledness.CLOSED
    if expected and approved >= expected:
        return Settledness.ALL_APPROVED
    grace_over = today > period.deadline + timedelta(days=grace_days)
    if grace_over and expected and approved * 100 >= expected * min_share:
        return Settledness.GRACE_PASSED
    return Settledness.PROVISIONAL


def _version_key(initiative_id: int) -> str:
    return f"completeness-version:{initiative_id}"


def completeness_changed(*, initiative_id: int) -> None:
    """Called (by signals, measurement/signals.py) whenever something completeness depends
    on changes: the next reader computes its digest afresh."""
    cache.delete(_version_key(initiative_id))


def completeness_version(*, initiative: Initiative, today: date) -> str:
    """A digest of everything completeness depends on — the initiative's rule, its periods,
    its partnerships, its plan, its submissions' statuses — and the day. Kept in the cache
    until one of them changes, so a cached dashboard costs no query for it."""
    digest = cache.get(_version_key(initiative.pk))
    if digest is None:
        digest = _digest(initiative)
        # Not kept forever: a change made while the cache was unreachable could not delete it.
        cache.set(_version_key(initiative.pk), digest, 60 * 10)
    return f"{digest}:{today.isoformat()}"


def _digest(initiative: Initiative) -> str:
    parts = [
        list(
            Initiative.objects.filter(pk=initiative.pk).values_list(
                "final_grace_days", "final_min_share"
            )
        ),
        list(
            ReportingPeriod.objects.filter(initiative=initiative)
            .order_by("pk")
            .values_list("pk", "due_date", "closed_at")
        ),
        list(
            Partnership.objects.filter(initiative=initiative)
            .order_by("pk")
            # The names too: pages cached under this version name the organizations.
            .values_list(
                "organization_id",
                "joined_on",
                "is_active",
                *(f"organization__{field}" for field in translated_fields("name")),
            )
        ),
        list(
            ReportingAssignment.objects.filter(initiative=initiative)
            .order_by("pk")
            .values_list("organization_id", "indicator_id", "frequency")
        ),
        # Every change of a submission's status or numbers stamps updated_at.
        Submission.objects.filter(initiative=initiative).aggregate(
            count=Count("pk"), latest=Max("updated_at")
        ),
    ]
    return hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()


def indicator_completeness(
    *, initiative: Initiative, today: date | None = None
) -> dict[tuple[int, int], Completeness]:
    """Every indicator's completeness in every period it has data or is planned for, keyed by
    (indicator id, period id)."""
    today = today or timezone.localdate()
    key = f"completeness:{initiative.pk}:{completeness_version(initiative=initiative, today=today)}"
    figures = cache.get(key)
    if figures is None:
        figures = _completeness(initiative, today)
        cache.set(key, figures, CACHE_SECONDS)
    return figures


def _planned(initiative: Initiative, periods: list[ReportingPeriod]) -> dict[tuple, set[int]]:
    """(indicator id, period id) → the organizations the plan expects to report it: active
    partners planned at the period's frequency that had joined by the period's end."""
    joined = dict(
        Partnership.objects.filter(initiative=initiative, is_active=True).values_list(
            "organization_id", "joined_on"
        )
    )
    expected: dict[tuple, set[int]] = defaultdict(set)
    for organization_id, indicator_id, frequency in ReportingAssignment.objects.filter(
        initiative=initiative
    ).values_list("organization_id", "indicator_id", "frequency"):
        if organization_id not in joined:
            continue
        kind = FREQUENCY_PERIOD_KIND[Frequency(frequency)]
        joined_on = joined[organization_id]
        for period in periods:
            if period.kind == kind and (joined_on is None or joined_on <= period.end):
                expected[(indicator_id, period.pk)].add(organization_id)
    return expected


def _delivered(initiative: Initiative) -> tuple[dict, dict]:
    """What organizations delivered (submitted or approved): (indicator, period) →
    {organization: status}, and (indicator, period, organization) → its size, the largest
    sum of denominators (or counts) over any one breakdown it gave."""
    statuses: dict[tuple, dict[int, str]] = defaultdict(dict)
    sizes: dict[tuple, float] = {}
    rows = (
        DataValue.objects.filter(
            submission__initiative=initiative, submission__status__in=DELIVERED
        )
        .values_list(
            "indicator_id",
            "submission__period_id",
            "submission__organization_id",
            "submission__status",
            "cell__dimension_set",
        )
        .annotate(size=Sum(Coalesce("denominator", "value")))
        .order_by()
    )
    for indicator_id, period_id, organization_id, status, _dimension_set, size in rows:
        statuses[(indicator_id, period_id)][organization_id] = status
        key = (indicator_id, period_id, organization_id)
        sizes[key] = max(sizes.get(key, 0.0), float(size or 0))
    return statuses, sizes


def _completeness(initiative: Initiative, today: date) -> dict[tuple[int, int], Completeness]:
    periods = list(ReportingPeriod.objects.filter(initiative=initiative).order_by("start"))
    by_id = {p.pk: p for p in periods}
    previous = {}
    for kind in {p.kind for p in periods}:
        same_kind = [p for p in periods if p.kind == kind]
        previous.update({p.pk: q for q, p in itertools.pairwise(same_kind)})
    planned = _planned(initiative, periods)
    statuses, sizes = _delivered(initiative)
    figures = {}
    for indicator_id, period_id in set(planned) | set(statuses):
        period = by_id[period_id]
        delivered = statuses.get((indicator_id, period_id), {})
        approved = {o for o, s in delivered.items() if s == SubmissionStatus.APPROVED}
        before = previous.get(period_id)
        approved_before = (
            {
                o
                for o, s in statuses.get((indicator_id, before.pk), {}).items()
                if s == SubmissionStatus.APPROVED
            }
            if before
            else set()
        )
        expected = (planned.get((indicator_id, period_id)) or approved_before) | set(delivered)
        figures[(indicator_id, period_id)] = Completeness(
            period=period,
            expected=len(expected),
            reported=len(delivered),
            approved=len(approved),
            settledness=settledness(
                period=period,
                expected=len(expected),
                approved=len(approved),
                today=today,
                grace_days=initiative.final_grace_days,
                min_share=initiative.final_min_share,
            ),
            coverage=_coverage(indicator_id, before, approved, approved_before, sizes),
            waiting_for=tuple(sorted(expected - approved)),
        )
    return figures


def _coverage(indicator_id, before, approved, approved_before, sizes) -> float | None:
    """The share of the previous period's people held by the organizations approved now;
    None when there is no previous period, or an approved organization was not in it."""
    if before is None or not approved_before or not approved <= approved_before:
        return None
    held = {o: sizes.get((indicator_id, before.pk, o), 0.0) for o in approved_before}
    everyone = sum(held.values())
    return sum(held[o] for o in approved) / everyone if everyone else None


def latest_final(points, completeness: dict, indicator_id: int):
    """The last of an indicator's ``points`` (oldest first, each with a ``period``) whose
    period is final; None when every one is provisional."""
    for point in reversed(points):
        found = completeness.get((indicator_id, point.period.pk))
        if found is None or not found.provisional:
            return point
    return None


def completeness_columns(completeness: Completeness | None) -> dict:
    """A results row's completeness columns (``statistics.COMPLETENESS_EXPORTS``): empty
    counts where none apply (one partner's own part), and whether the figure is
    provisional."""
    if completeness is None:
        return {
            "organizations_expected": None,
            "organizations_reported": None,
            "organizations_approved": None,
            "provisional": False,
        }
    return {
        "organizations_expected": completeness.expected,
        "organizations_reported": completeness.reported,
        "organizations_approved": completeness.approved,
        "provisional": completeness.provisional,
    }


def period_completeness(*, initiative: Initiative, today: date | None = None) -> list[dict]:
    """Every period, newest first, with each indicator's completeness and the organizations
    still waited for by name: what backbone staff read before closing a period."""
    figures = indicator_completeness(initiative=initiative, today=today)
    names = dict(
        Organization.objects.filter(partnerships__initiative=initiative).values_list("pk", "name")
    )
    indicators = {i.pk: i for i in Indicator.objects.filter(initiative=initiative)}
    by_period: dict[int, list] = defaultdict(list)
    for (indicator_id, period_id), figure in figures.items():
        by_period[period_id].append(
            {
                "indicator": indicators[indicator_id],
                "completeness": figure,
                "waiting_for": sorted(names.get(o, "?") for o in figure.waiting_for),
            }
        )
    periods = ReportingPeriod.objects.filter(initiative=initiative).order_by("-start")
    rows = []
    for period in periods.select_related("closed_by"):
        lines = sorted(
            by_period.get(period.pk, []),
            key=lambda line: (line["indicator"].order, line["indicator"].code),
        )
        rows.append(
            {
                "period": period,
                "indicators": lines,
                "provisional": any(line["completeness"].provisional for line in lines),
            }
        )
    return rows
