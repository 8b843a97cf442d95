"""Reads of the Turn the Curve records: which indicators have one, a record's version as the
viewer may read it (with what changed from the version before), its history, the versions
worked on at a meeting, and the rows a new version starts from."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max, OuterRef, Prefetch, QuerySet, Subquery
from django.http import Http404

from community.selectors import PeopleShown, people_shown_to
from conditions.models import (
    CurveAction,
    CurveCause,
    CurveIdea,
    CurvePartner,
    Meeting,
    TurnTheCurve,
    TurnTheCurveVersion,
)
from initiatives import roles
from initiatives.models import Initiative
from measurement import selectors as measurement_selectors
from measurement.models import Indicator

# How many of the curve's latest figures the record shows beside the story.
LATEST_FIGURES = 4


@dataclass
class CurveSection:
    """One of a version's four sections: its rows (each marked ``is_new`` when the version
    before did not have it) and the rows of the version before that this one dropped."""

    name: str
    rows: list
    removed: list = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.removed) or any(row.is_new for row in self.rows)


@dataclass
class CurveVersionView:
    """A version of an indicator's record as one viewer reads it."""

    version: TurnTheCurveVersion
    sections: dict[str, CurveSection]
    previous: TurnTheCurveVersion | None
    latest_number: int
    saved_by_name: str

    @property
    def is_latest(self) -> bool:
        return self.version.number == self.latest_number


# What makes two rows the same row, from one version to the next: what they say and link to.
_ROW_KEYS: dict[str, tuple[Any, tuple[str, ...]]] = {
    "causes": (CurveCause, ("cause", "data", "data_indicator_id")),
    "partners": (CurvePartner, ("partnership_id", "role")),
    "ideas": (CurveIdea, ("idea", "kind", "feedback_id", "interpretation_id")),
    "actions": (CurveAction, ("activity_id", "owner_id", "due_on", "note")),
}

_ROW_RELATIONS = {
    "causes": ("data_indicator",),
    "partners": ("partnership__organization",),
    "ideas": ("feedback", "interpretation__event"),
    "actions": ("activity__organization", "owner"),
}


def _row_key(section: str, row) -> tuple:
    return tuple(getattr(row, name) for name in _ROW_KEYS[section][1])


def _versions(record: TurnTheCurve) -> QuerySet[TurnTheCurveVersion]:
    return record.versions.select_related("saved_by", "meeting").prefetch_related(
        *(
            Prefetch(section, queryset=model.objects.select_related(*_ROW_RELATIONS[section]))
            for section, (model, _keys) in _ROW_KEYS.items()
        )
    )


def turn_the_curve_list(*, initiative: Initiative) -> list[Indicator]:
    """The initiative's indicators, each with its record's current version number
    (``current_version``, None without a record) and when it was saved (``saved_at``)."""
    latest = TurnTheCurveVersion.objects.filter(record__indicator=OuterRef("pk")).order_by(
        "-number"
    )
    return list(
        measurement_selectors.indicator_list(initiative=initiative)
        .annotate(
            current_version=Subquery(latest.values("number")[:1]),
            saved_at=Subquery(latest.values("saved_at")[:1]),
        )
        .order_by("result__order", "order", "code")
    )


def turn_the_curve_record(*, initiative: Initiative, indicator: Indicator) -> TurnTheCurve | None:
    """The indicator's record, if anyone has saved one."""
    return TurnTheCurve.objects.filter(initiative=initiative, indicator=indicator).first()


def turn_the_curve_current(
    *, initiative: Initiative, indicator: Indicator
) -> TurnTheCurveVersion | None:
    """The record's current version, with its rows, or None while it has none."""
    record = turn_the_curve_record(initiative=initiative, indicator=indicator)
    return _versions(record).order_by("-number").first() if record else None


def turn_the_curve_latest(*, indicator: Indicator) -> TurnTheCurveVersion | None:
    """The number and date of the indicator's current version, for a link to its record (one
    query, without its rows)."""
    return (
        TurnTheCurveVersion.objects.filter(record__indicator=indicator)
        .only("number", "saved_at")
        .order_by("-number")
        .first()
    )


def turn_the_curve_version(
    *, user, initiative: Initiative, indicator: Indicator, number: int | None = None
) -> CurveVersionView | None:
    """Version ``number`` of the indicator's record (the current one if None) as ``user``
    may read it: the owners of its actions named through ``people_shown_to`` — the rule that
    names a meeting's attendees — and each section compared with the version before. None
    while the record has no version; 404 for a version it does not have."""
    record = turn_the_curve_record(initiative=initiative, indicator=indicator)
    if record is None:
        if number is not None:
            raise Http404
        return None
    latest = record.versions.aggregate(latest=Max("number"))["latest"] or 0
    number = latest if number is None else number
    pair = list(_versions(record).filter(number__in=(number, number - 1)))
    version = next((v for v in pair if v.number == number), None)
    if version is None:
        raise Http404
    previous = next((v for v in pair if v.number == number - 1), None)
    people = people_shown_to(user=user, initiative=initiative)
    sections = {section: _section(section, version, previous, people) for section in _ROW_KEYS}
    return CurveVersionView(version, sections, previous, latest, people.user(version.saved_by))


def _section(
    section: str,
    version: TurnTheCurveVersion,
    previous: TurnTheCurveVersion | None,
    people: PeopleShown,
) -> CurveSection:
    rows = _named(list(getattr(version, section).all()), people)
    before = _named(list(getattr(previous, section).all()), people) if previous else []
    keys_before = {_row_key(section, row) for row in before}
    keys_now = {_row_key(section, row) for row in rows}
    for row in rows:
        row.is_new = previous is not None and _row_key(section, row) not in keys_before
    removed = [row for row in before if _row_key(section, row) not in keys_now]
    return CurveSection(section, rows, removed)


def _named(rows: list, people: PeopleShown) -> list:
    """Actions with their owner as the viewer may read them (``owner_name``): the member, or
    else the organization whose activity it is."""
    for row in rows:
        if isinstance(row, CurveAction):
            if row.owner_id:
                row.owner_name = people.user(row.owner)
            elif row.activity_id:
                row.owner_name = str(row.activity.organization)
            else:
                row.owner_name = ""
    return rows


def turn_the_curve_figures(*, user, initiative: Initiative, indicator: Indicator) -> list:
    """The curve's latest figures, newest last, as the viewer's audience may see them: from
    ``measurement.selectors``, which alone applies suppression."""
    series = measurement_selectors.indicator_total_series(
        audience=roles.audience_for(user, initiative), indicator=indicator
    )
    return series[-LATEST_FIGURES:]


def turn_the_curve_history(
    *, user, initiative: Initiative, indicator: Indicator
) -> list[TurnTheCurveVersion]:
    """Every version of the indicator's record, newest first, with who saved it as the viewer
    may read them (``saved_by_name``)."""
    record = turn_the_curve_record(initiative=initiative, indicator=indicator)
    if record is None:
        return []
    people = people_shown_to(user=user, initiative=initiative)
    versions = list(record.versions.select_related("saved_by", "meeting").order_by("-number"))
    for version in versions:
        version.saved_by_name = people.user(version.saved_by)
    return versions


def turn_the_curve_versions_at(*, meeting: Meeting) -> QuerySet[TurnTheCurveVersion]:
    """The versions of Turn the Curve records worked on at the meeting."""
    return meeting.turn_the_curve_versions.select_related("record__indicator").order_by(
        "record__indicator__code", "number"
    )


def turn_the_curve_rows(*, version: TurnTheCurveVersion | None) -> dict[str, list[dict]]:
    """The rows a new version starts from, section by section: the current version's, as the
    forms take them (empty without a version)."""
    if version is None:
        return {section: [] for section in _ROW_KEYS}
    return {
        "causes": [
            {"cause": r.cause, "data": r.data, "data_indicator": r.data_indicator_id}
            for r in version.causes.all()
        ],
        "partners": [
            {"partnership": r.partnership_id, "role": r.role} for r in version.partners.all()
        ],
        "ideas": [
            {
                "idea": r.idea,
                "kind": r.kind,
                "feedback": r.feedback_id,
                "interpretation": r.interpretation_id,
            }
            for r in version.ideas.all()
        ],
        "actions": [
            {"activity": r.activity_id, "owner": r.owner_id, "due_on": r.due_on, "note": r.note}
            for r in version.actions.all()
        ],
    }
