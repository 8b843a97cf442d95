"""The community's voice, from ``demo.data.community``: the community members' register with
their consent, engagement events with what a data walk saw in the data, and feedback."""

from django.utils import translation

from community import services
from community.choices import EventKind, FeedbackStatus
from community.models import CommunityMember, ConsentRecord, FeedbackItem
from demo.data.community import (
    CONSENT_GIVEN,
    DATA_WALK_INDICATORS,
    EVENT_SUMMARY,
    EVENTS,
    FEEDBACK,
    INTERPRETATIONS,
    MEMBER_WITH_ACCOUNT,
    MEMBERS,
    PAYMENT_NOTE,
    WITHDRAWN,
    MemberRow,
)
from demo.load.calendar import DemoCalendar, backdate
from demo.load.cast import DemoCast
from demo.load.definitions import Definitions
from equity.models import Decision


def members_load(*, definitions: Definitions, cast: DemoCast, calendar: DemoCalendar) -> None:
    """The register, made first: working groups and seats name the people in it."""
    name_with_account, role = MEMBER_WITH_ACCOUNT
    account = cast.account(role)
    for member in MEMBERS:
        linked = {}
        if account is not None and member[0] == name_with_account:
            linked = {"user": account, "email": account.email}
        _register(definitions, cast, calendar, member, linked)
    withdrawn = _register(definitions, cast, calendar, WITHDRAWN, {})
    services.consent_withdraw(actor=cast.staff, member=withdrawn)


def _register(
    definitions: Definitions,
    cast: DemoCast,
    calendar: DemoCalendar,
    member: MemberRow,
    linked: dict,
) -> CommunityMember:
    """A member who signed their consent form a while ago."""
    name, neighbourhood, lived, language, purposes = member
    registered = services.community_member_create(
        actor=cast.staff,
        initiative=definitions.initiative,
        fields={
            "name": name,
            "neighbourhood": neighbourhood,
            "has_lived_experience": lived,
            **linked,
        },
        purposes=purposes,
        language=language,
    )
    backdate(
        ConsentRecord.objects.filter(member=registered), given_at=calendar.moment(CONSENT_GIVEN)
    )
    return registered


def engagement_load(*, definitions: Definitions, cast: DemoCast, calendar: DemoCalendar) -> None:
    """Events and what residents told the initiative; feedback comes after the decisions that
    answered it."""
    _events(definitions, cast, calendar)
    _feedback(definitions, cast, calendar)


def _events(definitions: Definitions, cast: DemoCast, calendar: DemoCalendar) -> None:
    for kind, title, days, languages, participants, counts, paid in EVENTS:
        held_on = calendar.day(days)
        data_walk = kind == EventKind.DATA_WALK
        fields = {
            "kind": kind,
            "title": title,
            "held_on": held_on,
            "languages": languages,
            "participants": participants,
            "summary": EVENT_SUMMARY,
            "indicators": [definitions.indicators[code] for code in DATA_WALK_INDICATORS]
            if data_walk
            else [],
        }
        count_rows = [
            {"category": definitions.categories[(dimension, category)], "count": count}
            for dimension, category, count in counts
        ]
        payments = (
            [{"people": paid[0], "amount": paid[1], "paid_on": held_on, "note": PAYMENT_NOTE}]
            if paid
            else []
        )
        event = definitions.save(
            services.event_save,
            cast.staff,
            event=None,
            fields=fields,
            counts=count_rows,
            compensations=payments,
        )
        if data_walk:
            for indicator, language, text in INTERPRETATIONS:
                services.interpretation_create(
                    actor=cast.staff,
                    event=event,
                    indicator=definitions.indicators[indicator],
                    period=definitions.periods[calendar.quarter_due_by(held_on)],
                    text=text,
                    language=language,
                )


def _feedback(definitions: Definitions, cast: DemoCast, calendar: DemoCalendar) -> None:
    """Feedback a member gave through her account is given as her (in its language); what was
    heard in person the backbone writes down. Answers come from the backbone staff member."""
    for giver, days_ago, language, theme, body, status, answer, took, decision in FEEDBACK:
        if giver is not None:
            account = cast.account(giver)
            if account is None:
                continue
            with translation.override(language):
                item = services.feedback_create(
                    actor=account, initiative=definitions.initiative, body=body, theme=theme
                )
        else:
            item = services.feedback_enter(
                actor=cast.staff,
                initiative=definitions.initiative,
                body=body,
                language=language,
                theme=theme,
            )
        if status != FeedbackStatus.RECEIVED:
            said, did = answer or ("", "")
            services.feedback_answer(
                actor=cast.staff,
                item=item,
                publish=answer is not None,
                fields={
                    "status": status,
                    "public_summary": said,
                    "public_response": did,
                    "decision": Decision.objects.get(
                        initiative=definitions.initiative, title=decision
                    )
                    if decision
                    else None,
                },
            )
        stamps = {"created_at": calendar.moment(-days_ago)}
        if took is not None:
            stamps["responded_at"] = calendar.moment(-days_ago + took)
        backdate(FeedbackItem.objects.filter(pk=item.pk), **stamps)
