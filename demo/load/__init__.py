"""Loading the demo: ``demo_load`` makes the demo initiative afresh from the tables in
``demo.data``, through the apps' services, dated from the day it runs.

A load first forgets the demo initiative as it stood — everything in it, whoever added it —
and then makes it again, so loading twice leaves the same data, and every date moves with the
day of the load. Organizations and the demo accounts live outside any one initiative: they are
found by their code and e-mail address and brought back to what the tables say.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from community.models import ParticipantCount
from core.translation import CONTENT_LANGUAGES
from demo.data.initiative import AGENDA, AGENDA_AGREED, COUNTRY, SLUG
from demo.load.calendar import DemoCalendar
from demo.load.cast import DemoCast, demo_cast
from demo.load.community import engagement_load, members_load
from demo.load.conditions import conditions_load, turn_the_curve_load
from demo.load.definitions import definitions_load
from demo.load.equity import equity_load
from demo.load.measurement import reporting_load
from equity.models import Decision
from initiatives.models import Initiative
from initiatives.services import agenda_update, initiative_formats_set
from measurement.models import DataValue, Submission
from measurement.services import computation_request


@transaction.atomic
def demo_load(*, create_accounts: bool, today: date | None = None) -> Initiative:
    """Load (or reload) the demo initiative as of ``today`` (the real today by default), with
    the demo accounts when ``create_accounts``, and queue the computation of its results."""
    calendar = DemoCalendar(today or timezone.localdate())
    _forget(SLUG)
    definitions = definitions_load(calendar)
    initiative = definitions.initiative
    with demo_cast(initiative=initiative, create_accounts=create_accounts) as cast:
        _agenda(initiative, cast)
        initiative_formats_set(
            actor=cast.admin, initiative=initiative, country=COUNTRY, currency=""
        )
        reporting_load(definitions=definitions, cast=cast, calendar=calendar)
        members_load(definitions=definitions, cast=cast, calendar=calendar)
        conditions_load(definitions=definitions, cast=cast, calendar=calendar)
        equity_load(definitions=definitions, cast=cast, calendar=calendar)
        engagement_load(definitions=definitions, cast=cast, calendar=calendar)
        turn_the_curve_load(definitions=definitions, cast=cast, calendar=calendar)
    computation_request(initiative=initiative, reason="Demo data loaded")
    return initiative


def _forget(slug: str) -> None:
    """Delete the demo initiative and everything in it, with the audit trail of its data: a
    reload is not a change anyone made."""
    initiative = Initiative.objects.filter(slug=slug).first()
    if initiative is None:
        return
    submissions = list(
        Submission.objects.filter(initiative=initiative).values_list("pk", flat=True)
    )
    # A decision keeps its body, and a participant count its group, from being deleted on
    # their own (PROTECT); here everything goes, so they go first.
    Decision.objects.filter(initiative=initiative).delete()
    ParticipantCount.objects.filter(event__initiative=initiative).delete()
    initiative.delete()
    DataValue.history.filter(submission_id__in=submissions).delete()
    Submission.history.filter(id__in=submissions).delete()


def _agenda(initiative: Initiative, cast: DemoCast) -> None:
    """The common agenda as agreed: its first revision (the one before it, as first recorded,
    is the initiative as the definitions set it up, before the agenda was written)."""
    agenda_update(
        actor=cast.admin,
        initiative=initiative,
        fields={
            f"{field}_{language}": text
            for field, texts in AGENDA.items()
            for language, text in zip(CONTENT_LANGUAGES, texts, strict=True)
        },
        note=AGENDA_AGREED,
    )
