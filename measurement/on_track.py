"""Whether an indicator is on track to reach its target: the scorecard's status. No Django
import, like the engine: figures in, a verdict out, tested on hand-made series.

The rule, as the scorecard page says it:

- **The needed trajectory** is the straight line from the baseline (the baseline period's
  start date and the baseline value) to the target (the target period's start date and the
  target value). The target is the universal one (for everyone, not a group's) that applies
  to the latest period: the next target at or after it, or the last one once every target date
  has passed — as the engine's ``progress_to_target`` reads it (``applicable_target``).
- **The trend** is the least-squares line through the figures from the baseline period on —
  the latest ``engine.TREND_WINDOW`` of them, dated by their periods' start dates — projected
  to the target's date. Once the target date has come, the latest figure is the projection:
  the target was met or missed.
- **The status** compares the projection with the target in the indicator's good direction,
  with the engine's tolerance for "flat" (``engine.change_status``: 1 point of the scale for
  a rate, 1% of the target for a count or an average): more than that better is *ahead*,
  within it *on track*, more than that worse *behind*.
- Without a universal target the status is *no target set*; without a baseline, *no
  baseline*; with fewer than two figures since the baseline (and the target date still to
  come), *too early to tell*.

Only figures the audience may see go in: a hidden figure comes as ``None`` and is left out of
the trend. When the latest figure or the baseline is hidden there is no status at all
(``None``), so a status never stands in for a number the audience may not see.
"""

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from measurement import engine

AHEAD, ON_TRACK, BEHIND = "ahead", "on_track", "behind"
NO_TARGET, NO_BASELINE, TOO_EARLY = "no_target", "no_baseline", "too_early"

_BY_CHANGE = {engine.IMPROVING: AHEAD, engine.FLAT: ON_TRACK, engine.WORSENING: BEHIND}


@dataclass(frozen=True)
class Point:
    """A dated figure: a period's start date and its value (None: hidden or not computed)."""

    when: date
    value: float | None


@dataclass(frozen=True)
class Verdict:
    status: str
    projected: float | None = None
    """Where the trend puts the indicator at the target's date (the latest figure once that
    date has come)."""
    expected_now: float | None = None
    """Where the needed trajectory says the indicator should be at the latest period."""
    target_passed: bool = False
    """Whether the target's date has come: ``projected`` is then the latest figure."""
    figures: int = 0
    """How many figures the trend was drawn through."""


def applicable_target(targets: Sequence[Point], when: date) -> Point | None:
    """Of the dated targets, the one that applies at ``when``: the next at or after it, or the
    last once every one has passed (``engine._applicable_target``)."""
    ordered = sorted((t for t in targets if t.value is not None), key=lambda t: t.when)
    if not ordered:
        return None
    position = bisect_left([t.when for t in ordered], when)
    return ordered[min(position, len(ordered) - 1)]


def trajectory(baseline: Point, target: Point, when: date) -> float | None:
    """The needed trajectory's value at ``when``: on the straight line from the baseline to
    the target, and the target itself from its date on (None without both values)."""
    if baseline.value is None or target.value is None:
        return None
    span = (target.when - baseline.when).days
    if span <= 0 or when >= target.when:
        return target.value
    share = (when - baseline.when).days / span
    return baseline.value + (target.value - baseline.value) * share


def trend_at(figures: Sequence[Point], when: date) -> float | None:
    """The least-squares line through the figures (x = the date's day number), read at
    ``when``; None when the figures do not make a line (fewer than two dates)."""
    xs = [p.when.toordinal() for p in figures if p.value is not None]
    ys = [p.value for p in figures if p.value is not None]
    n = len(xs)
    mean_x, mean_y = sum(xs) / n if n else 0, sum(ys) / n if n else 0
    spread = sum((x - mean_x) ** 2 for x in xs)
    if n < 2 or spread == 0:
        return None
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    return mean_y + slope * (when.toordinal() - mean_x)


def on_track(
    figures: Sequence[Point],
    *,
    baseline: Point | None,
    target: Point | None,
    spec: engine.IndicatorSpec,
) -> Verdict | None:
    """The status of an indicator whose ``figures`` (oldest first, the latest last) are what
    the audience sees, against its ``baseline`` and ``target``; None when there is nothing to
    say, or nothing that may be said: no figure, or the latest figure or the baseline hidden
    (a ``Point`` whose value is None)."""
    latest = figures[-1].value if figures else None
    if latest is None:
        return None
    now = figures[-1].when
    if target is None or target.value is None:
        return Verdict(NO_TARGET)
    if baseline is None:
        return Verdict(NO_BASELINE)
    if baseline.value is None:
        return None
    expected_now = trajectory(baseline, target, now)
    since = [p for p in figures if p.value is not None and p.when >= baseline.when]
    since = since[-engine.TREND_WINDOW :]
    target_passed = target.when <= now
    projected = latest if target_passed else trend_at(since, target.when)
    if projected is None:
        # Fewer than two figures since the baseline make no line.
        return Verdict(TOO_EARLY, expected_now=expected_now, figures=len(since))
    change = engine.change_status(projected - target.value, level=target.value, spec=spec)
    assert change is not None
    return Verdict(
        _BY_CHANGE[change],
        projected=projected,
        expected_now=expected_now,
        target_passed=target_passed,
        figures=len(since),
    )
