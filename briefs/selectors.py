"""What a funder brief shows: the initiative's figures for one period as its funders may see
them — whoever asks for the brief. Every figure comes through the measurement selectors, which
apply suppression (``measurement.selectors.publish``) for the funder's audience; nothing here
decides what is hidden.
"""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from accounts.choices import Role
from briefs.models import BriefSchedule
from community import selectors as community_selectors
from core.charts import on_time_axis
from core.sparkline import sparkline_svg
from initiatives import roles
from initiatives.models import Initiative
from measurement import selectors as measurement_selectors
from measurement.charts import sparkline, trend_text_alternative
from measurement.models import ComputedResult, Indicator, ReportingPeriod
from measurement.selectors.completeness import Completeness
from measurement.selectors.suppression import IndicatorDisclosure

# A brief is always written for the funders' eyes (share links show the same).
AUDIENCE = roles.audience_for_role(Role.FUNDER)

CURVES = 4  # the curves that moved most, each with its chart
GAPS = 5  # of the gaps widening, and of those closing
CHART_WIDTH, CHART_HEIGHT = 240, 72


# ---- Periods ----


@dataclass(frozen=True)
class BriefPeriod:
    """A period a brief can be made for: one with computed results."""

    period: ReportingPeriod
    final: bool


def _periods_with_results(initiative: Initiative):
    computed = ComputedResult.objects.initiative_wide().filter(period=OuterRef("pk"))
    return ReportingPeriod.objects.filter(initiative=initiative).filter(Exists(computed))


def brief_periods(*, initiative: Initiative) -> list[BriefPeriod]:
    """The periods with results: the final ones first, newest first, then those still
    provisional — so the first is the brief most worth sending."""
    completeness = measurement_selectors.indicator_completeness(initiative=initiative)
    provisional = {period_id for (_i, period_id), c in completeness.items() if c.provisional}
    periods = [
        BriefPeriod(period, period.pk not in provisional)
        for period in _periods_with_results(initiative).order_by("-start")
    ]
    return [p for p in periods if p.final] + [p for p in periods if not p.final]


def brief_period_get(*, initiative: Initiative, code: str) -> ReportingPeriod | None:
    """The period of that code if a brief can be made for it (it has results)."""
    return _periods_with_results(initiative).filter(code=code).first()


def latest_final_period(*, initiative: Initiative) -> ReportingPeriod | None:
    """The newest period with results whose figures are all final: the one the schedule
    sends."""
    final = [p.period for p in brief_periods(initiative=initiative) if p.final]
    return final[0] if final else None


# ---- The brief ----


@dataclass
class Curve:
    """An indicator whose latest figure moved most since the figure before it."""

    row: object  # the scorecard's row (``ScorecardRow``)
    previous: object
    latest: object
    change: float
    chart: str


@dataclass
class CompletenessLine:
    indicator: Indicator
    completeness: Completeness


@dataclass
class Suppressed:
    """How much of the period the funder cannot see, and why; the rules that decide it."""

    overall: IndicatorDisclosure | None
    by_indicator: list[tuple[object, IndicatorDisclosure]]
    rules: list


@dataclass
class Brief:
    """Everything a funder brief shows, for one initiative, period and language."""

    initiative: Initiative
    period: ReportingPeriod
    language: str
    produced_on: date
    final: bool
    scorecard: list  # groups of ``ScorecardRow`` by result, as ``overview`` gives them
    curves: list[Curve]
    widening: list
    closing: list
    gaps_period: ReportingPeriod | None
    completeness: list[CompletenessLine]
    feedback: list
    suppressed: Suppressed
    rows: list = field(default_factory=list)

    @property
    def settled_text(self) -> str:
        if self.final:
            return _("Final: every figure for this period is final and will not change.")
        return _(
            "Provisional: not every organization's data for this period is approved yet, so "
            "some figures may still change."
        )


def brief(*, initiative: Initiative, period: ReportingPeriod, language: str) -> Brief:
    """The brief of ``period``, for the funder's audience whoever asks. Call it with
    ``language`` active (``translation.override``): the words it builds are in it."""
    overview = measurement_selectors.overview(
        audience=AUDIENCE, initiative=initiative, as_of=period
    )
    rows = [row for group in overview["results"] for row in group["rows"]]
    for row in rows:
        row.sparkline = (
            sparkline(row.indicator, row.series, rtl=get_language_bidi()) if row.series else None
        )
        # Progress as the brief writes it: per hundred of the way to the target.
        row.progress_percent = row.progress * 100 if row.progress is not None else None
    completeness = measurement_selectors.indicator_completeness(initiative=initiative)
    lines = [
        CompletenessLine(row.indicator, completeness[(row.indicator.pk, period.pk)])
        for row in rows
        if (row.indicator.pk, period.pk) in completeness
    ]
    # Gaps as they stood at the period: each indicator's latest final period up to it.
    gaps = measurement_selectors.equity_gaps(
        audience=AUDIENCE, initiative=initiative, sort="movement", as_of=period
    )
    return Brief(
        initiative=initiative,
        period=period,
        language=language,
        produced_on=timezone.localdate(),
        final=all(not line.completeness.provisional for line in lines),
        scorecard=overview["results"],
        rows=rows,
        curves=_curves(rows),
        widening=[g for g in gaps if g.movement == "widening"][:GAPS],
        closing=[g for g in gaps if g.movement == "closing"][:GAPS],
        gaps_period=max((g.period for g in gaps), key=lambda p: p.start, default=None),
        completeness=lines,
        feedback=list(
            community_selectors.published_feedback(initiative=initiative).filter(
                responded_at__date__lte=period.end
            )
        ),
        suppressed=_suppressed(initiative, period, rows),
    )


def _curves(rows) -> list[Curve]:
    """The indicators whose latest two published figures differ most, relative to the
    earlier one (a rate's points and a count's people compare as shares)."""
    moved = []
    for row in rows:
        shown = [p for p in row.series if p.value is not None]
        if len(shown) < 2 or row.latest is None or shown[-1] is not row.latest:
            continue
        previous, latest = shown[-2], shown[-1]
        change = latest.value - previous.value
        if change:
            moved.append((abs(change) / (abs(previous.value) or 1), row, previous, latest, change))
    moved.sort(key=lambda m: -m[0])
    return [
        Curve(row, previous, latest, change, _chart(row))
        for _size, row, previous, latest, change in moved[:CURVES]
    ]


def _chart(row) -> str:
    """The indicator's published figures up to the brief's period, as inline SVG."""
    placed = on_time_axis(row.series, lambda point: point.period)
    return sparkline_svg(
        [(date.fromisoformat(at).toordinal(), p.value if p else None) for at, p in placed],
        trend_text_alternative(row.indicator, row.series),
        rtl=get_language_bidi(),
        width=CHART_WIDTH,
        height=CHART_HEIGHT,
    )


def _suppressed(initiative, period, rows) -> Suppressed:
    disclosures = measurement_selectors.indicator_disclosures(
        initiative=initiative, indicators=[row.indicator for row in rows], period=period
    )
    by_indicator = [
        (row.indicator, disclosures[row.indicator.pk])
        for row in rows
        if row.indicator.pk in disclosures
    ]
    overall = None
    if by_indicator:
        hidden: dict[str, int] = {}
        for _indicator, disclosure in by_indicator:
            for reason, count in disclosure.hidden.items():
                hidden[reason] = hidden.get(reason, 0) + count
        overall = IndicatorDisclosure(
            period_id=period.pk,
            cells=sum(d.cells for _i, d in by_indicator),
            hidden=hidden,
            ranged=sum(d.ranged for _i, d in by_indicator),
        )
    policy = measurement_selectors.disclosure_policy(initiative=initiative)
    return Suppressed(
        overall=overall,
        by_indicator=[(i, d) for i, d in by_indicator if d.hidden_cells or d.ranged],
        rules=measurement_selectors.disclosure_policy_rules(policy),
    )


# ---- Sending ----


def funder_recipients(*, initiative: Initiative):
    """The funder members with an active account and an address: whom the brief goes to."""
    return (
        get_user_model()
        .objects.filter(
            memberships__initiative=initiative,
            memberships__role=Role.FUNDER,
            is_active=True,
        )
        .exclude(email="")
        .distinct()
        .order_by("email")
    )


def brief_schedule_get(*, initiative: Initiative) -> BriefSchedule:
    """The initiative's schedule, or an unsaved one that sends nothing."""
    return BriefSchedule.objects.filter(initiative=initiative).first() or BriefSchedule(
        initiative=initiative
    )
