"""Demo data for the equity strategies and the community's voice: commitments and a practice
(some overdue), decision-making bodies whose community seats grow over time, a decision log
across the engagement spectrum, systems change efforts on all six conditions, engagement events
with a data walk whose interpretations appear beside the indicators' charts, community members
with consent (one withdrawn), answered and waiting feedback, and a round of the equity
assessment in which residents see the work less rosily than institutions.

Dates are relative to the day the demo is loaded."""

import random
from datetime import timedelta
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from accounts.choices import Role
from community.choices import ConsentPurpose, EventKind, FeedbackStatus
from community.models import (
    CommunityMember,
    Compensation,
    ConsentRecord,
    EngagementEvent,
    FeedbackItem,
    Interpretation,
    ParticipantCount,
)
from community.services import consent_withdraw
from equity.choices import (
    BodyKind,
    CommitmentKind,
    CommitmentStatus,
    EngagementLevel,
    EquityStrategy,
    SeatType,
    SystemsCondition,
    SystemsStage,
)
from equity.models import Commitment, Decision, DecisionBody, Seat, SystemsChangeEffort
from initiatives.choices import AssessmentKind, RespondentGroup
from initiatives.demo_conditions import answer_assessment, assessment_round
from measurement.models import Category, ReportingPeriod

EXTRA_COMMITMENTS = [
    (
        EquityStrategy.SHIFT_POWER,
        CommitmentKind.PRACTICE,
        CommitmentStatus.IN_PROGRESS,
        None,
        "Mothers with lived experience speak last before any steering committee vote",
        "",
    ),
    (
        EquityStrategy.DATA_AND_CONTEXT,
        CommitmentKind.COMMITMENT,
        CommitmentStatus.DONE,
        -200,
        "Hold a data walk on reading with parents in every neighbourhood",
        "Three data walks held; interpretations are on the reading indicator's page.",
    ),
    (
        EquityStrategy.SYSTEMS_CHANGE,
        CommitmentKind.COMMITMENT,
        CommitmentStatus.IN_PROGRESS,
        120,
        "Every working group names one policy it will try to change",
        "",
    ),
]

ADVISORY_COUNCIL = [
    "Amal Nasser",
    "Huda Mansour",
    "Esther Biton",
    "Yusuf Khatib",
    "Miriam Azoulay",
    "Sana Abu Ras",
]

# (name, kind, seats: (type, holder, days from today it started, days it ended or None)); a
# community seat's holder is a name in the community members' register.
BODIES = [
    (
        "Steering committee",
        BodyKind.STEERING,
        [
            (SeatType.BACKBONE, "Dana Levi", -1100, None),
            (SeatType.PUBLIC, "Education Department", -1100, None),
            (SeatType.PUBLIC, "Welfare Department", -1100, -400),
            (SeatType.PARTNER, "Al-Nahda Elementary School", -1100, None),
            (SeatType.PARTNER, "North High School", -1100, None),
            (SeatType.PARTNER, "Wadi Family Health Centre", -1100, None),
            (SeatType.FUNDER, "Galilee Children's Fund", -1100, None),
            (SeatType.COMMUNITY, "Amal Nasser", -1100, None),
            (SeatType.COMMUNITY, "Huda Mansour", -500, None),
            (SeatType.COMMUNITY, "Esther Biton", -200, None),
        ],
    ),
    (
        "Community advisory council",
        BodyKind.ADVISORY,
        [(SeatType.COMMUNITY, name, -700, None) for name in ADVISORY_COUNCIL],
    ),
    (
        "Funders' table",
        BodyKind.FUNDERS,
        [
            (SeatType.FUNDER, "Galilee Children's Fund", -900, None),
            (SeatType.FUNDER, "River City Municipality", -900, None),
            (SeatType.BACKBONE, "Dana Levi", -900, None),
        ],
    ),
]

# (body, days ago, title, money, level, meeting title)
DECISIONS = [
    (
        "Steering committee",
        30,
        "Fund two more kindergarten classes in the Wadi",
        Decimal("480000"),
        EngagementLevel.COLLABORATE,
        "Steering committee — budget",
    ),
    (
        "Steering committee",
        30,
        "Offer a third steering committee seat to a resident",
        None,
        EngagementLevel.COLLABORATE,
        "Steering committee — budget",
    ),
    (
        "Community advisory council",
        90,
        "Choose the neighbourhoods for the next reading clubs",
        Decimal("120000"),
        EngagementLevel.DEFER,
        None,
    ),
    (
        "Steering committee",
        150,
        "Adopt the neighbourhood breakdown for every indicator",
        None,
        EngagementLevel.INVOLVE,
        "Steering committee — strategy",
    ),
    (
        "Funders' table",
        200,
        "Renew the backbone's core grant for three years",
        Decimal("1500000"),
        EngagementLevel.INFORM,
        None,
    ),
    (
        "Funders' table",
        320,
        "Pool funds for summer learning",
        Decimal("300000"),
        EngagementLevel.CONSULT,
        None,
    ),
    (
        "Steering committee",
        500,
        "Set the reading target for Arab and Haredi neighbourhoods",
        None,
        EngagementLevel.CONSULT,
        None,
    ),
]

EFFORTS = [
    (
        "municipality",
        "Allocate kindergarten places by need, not by waiting-list order",
        [SystemsCondition.POLICIES, SystemsCondition.RESOURCE_FLOWS],
        SystemsStage.ACTING,
        "Council resolution drafted; two classes opened in the Wadi.",
        ["kready"],
    ),
    (
        "north-high",
        "Call the family before excluding a pupil",
        [SystemsCondition.PRACTICES],
        SystemsStage.SHIFTING,
        "Exclusions at North High down by a third since the new procedure.",
        ["absence"],
    ),
    (
        None,
        "Move a tenth of the education budget to the Wadi and Hadar",
        [SystemsCondition.RESOURCE_FLOWS],
        SystemsStage.PLANNING,
        "",
        ["read3", "kready"],
    ),
    (
        "al-nahda",
        "A principals' network across Arab, Jewish and Haredi schools",
        [SystemsCondition.RELATIONSHIPS],
        SystemsStage.ACTING,
        "Principals meet monthly; three joint teacher trainings.",
        ["read3"],
    ),
    (
        None,
        "A community advisory council with its own budget",
        [SystemsCondition.POWER, SystemsCondition.RESOURCE_FLOWS],
        SystemsStage.SHIFTING,
        "The council decided where the next reading clubs go.",
        [],
    ),
    (
        None,
        "From “hard to reach” to “underserved”: how partners speak about families",
        [SystemsCondition.MENTAL_MODELS],
        SystemsStage.EXPLORING,
        "",
        [],
    ),
]

MEMBERS = [
    ("Huda Mansour", "Wadi", True, "ar"),
    ("Esther Biton", "Givat HaNahar", True, "he"),
    ("Yusuf Khatib", "Wadi", True, "ar"),
    ("Miriam Azoulay", "Hadar", False, "he"),
    ("Sana Abu Ras", "Old City", True, "ar"),
]

# (days ago received, days it took to answer or None, language, theme, body, answer)
MORE_FEEDBACK = [
    (
        120,
        9,
        "ar",
        "Reading",
        "نريد نادي قراءة باللغة العربية في هدار.",
        "You said: a reading club in Arabic in Hadar. We did: Hadar Community Centre opens one "
        "in the spring.",
    ),
    (
        75,
        21,
        "he",
        "Safety",
        "אין מעבר חצייה בטוח ליד בית הספר.",
        "You said: no safe crossing near the school. We did: the municipality painted one and "
        "placed a crossing guard in the mornings.",
    ),
    (40, None, "en", "Work", "Young people in the Wadi cannot find summer jobs.", ""),
    (12, None, "ar", "Early childhood", "الحضانات مكلفة جدًا للعائلات الكبيرة.", ""),
]


def load(initiative, organizations, indicators, accounts) -> None:
    today = timezone.localdate()
    rng = random.Random(7)
    _load_commitments(initiative, organizations, accounts, today)
    _load_members(initiative, accounts)
    bodies = _load_bodies(initiative, organizations, today)
    decisions = _load_decisions(initiative, bodies, today, accounts)
    _load_efforts(initiative, organizations, indicators)
    _load_events(initiative, indicators, today, accounts)
    _load_feedback(initiative, decisions, accounts)
    _load_equity_assessment(initiative, today, rng)


def _load_commitments(initiative, organizations, accounts, today) -> None:
    owner = accounts.get(Role.BACKBONE_ADMIN)
    for strategy, kind, status, due_days, title, evidence in EXTRA_COMMITMENTS:
        Commitment.objects.update_or_create(
            initiative=initiative,
            title=title,
            defaults={
                "strategy": strategy,
                "kind": kind,
                "status": status,
                "due_date": today + timedelta(days=due_days) if due_days is not None else None,
                "evidence": evidence,
                "owner": owner,
                "organization": organizations["backbone"],
            },
        )
    Commitment.objects.filter(initiative=initiative, owner__isnull=True).update(owner=owner)


def _load_bodies(initiative, organizations, today) -> dict[str, DecisionBody]:
    register = {
        member.name: member
        for member in initiative.community_members.filter(anonymized_at__isnull=True)
    }
    bodies = {}
    for name, kind, seats in BODIES:
        body, _created = DecisionBody.objects.update_or_create(
            initiative=initiative, name=name, defaults={"kind": kind}
        )
        body.seats.all().delete()
        Seat.objects.bulk_create(
            Seat(
                body=body,
                seat_type=seat_type,
                member=register.get(holder) if seat_type == SeatType.COMMUNITY else None,
                holder="" if seat_type == SeatType.COMMUNITY else holder,
                starts_on=today + timedelta(days=start),
                ends_on=today + timedelta(days=end) if end is not None else None,
            )
            for seat_type, holder, start, end in seats
        )
        bodies[name] = body
    return bodies


def _load_decisions(initiative, bodies, today, accounts) -> dict[str, Decision]:
    decisions = {}
    for body, days_ago, title, money, level, meeting in DECISIONS:
        decisions[title], _created = Decision.objects.update_or_create(
            initiative=initiative,
            title=title,
            defaults={
                "body": bodies[body],
                "decided_on": today - timedelta(days=days_ago),
                "resources": money,
                "engagement_level": level,
                "meeting": initiative.meetings.filter(title=meeting).first() if meeting else None,
                "recorded_by": accounts.get(Role.BACKBONE_STAFF),
            },
        )
    return decisions


def _load_efforts(initiative, organizations, indicators) -> None:
    for organization, title, conditions, stage, evidence, indicator_codes in EFFORTS:
        effort, _created = SystemsChangeEffort.objects.update_or_create(
            initiative=initiative,
            title=title,
            defaults={
                "organization": organizations[organization] if organization else None,
                "conditions": [c.value for c in conditions],
                "stage": stage,
                "evidence": evidence,
            },
        )
        effort.indicators.set([indicators[code] for code in indicator_codes])


def _categories(initiative, dimension: str) -> dict[str, Category]:
    return {
        c.code: c
        for c in Category.objects.filter(
            dimension__initiative=initiative, dimension__code=dimension
        )
    }


def _load_events(initiative, indicators, today, accounts) -> None:
    sector = _categories(initiative, "sector")
    place = _categories(initiative, "neighbourhood")
    events = [
        (
            EventKind.LISTENING,
            "Listening session in the Wadi",
            -300,
            ["ar"],
            34,
            {sector["arab"]: 34, place["wadi"]: 30, place["unknown"]: 4},
            (34, "3400"),
        ),
        (
            EventKind.SURVEY,
            "Parents' assessment on kindergartens",
            -220,
            ["he", "ar"],
            412,
            {
                sector["arab"]: 190,
                sector["jewish"]: 150,
                sector["haredi"]: 60,
                sector["unknown"]: 12,
            },
            None,
        ),
        (
            EventKind.FORUM,
            "Community forum on the common agenda",
            -150,
            ["he", "ar", "en"],
            85,
            {sector["arab"]: 40, sector["jewish"]: 30, sector["haredi"]: 15},
            (20, "2000"),
        ),
        (
            EventKind.DATA_WALK,
            "Data walk: reading and school readiness",
            -60,
            ["he", "ar"],
            28,
            {place["wadi"]: 12, place["hadar"]: 9, place["old-city"]: 7},
            (28, "4200"),
        ),
        (
            EventKind.LISTENING,
            "Listening session in Hadar",
            -20,
            ["he", "ar"],
            22,
            {place["hadar"]: 22},
            (22, "2200"),
        ),
    ]
    for kind, title, days, languages, participants, counts, paid in events:
        event, _created = EngagementEvent.objects.update_or_create(
            initiative=initiative,
            title=title,
            defaults={
                "kind": kind,
                "held_on": today + timedelta(days=days),
                "languages": languages,
                "participants": participants,
                "summary": "Residents asked for services close to home, in their language.",
            },
        )
        event.participant_counts.all().delete()
        ParticipantCount.objects.bulk_create(
            ParticipantCount(event=event, category=category, count=count)
            for category, count in counts.items()
        )
        event.compensations.all().delete()
        if paid:
            Compensation.objects.create(
                event=event,
                people=paid[0],
                amount=Decimal(paid[1]),
                paid_on=event.held_on,
                note="Stipend for time and travel",
            )
        if kind == EventKind.DATA_WALK:
            _load_interpretations(event, indicators, accounts)


def _load_interpretations(event, indicators, accounts) -> None:
    event.indicators.set([indicators["read3"], indicators["kready"]])
    event.interpretations.all().delete()
    latest = ReportingPeriod.objects.filter(initiative=event.initiative).order_by("-start").first()
    readings = [
        (
            "read3",
            "he",
            "הפער בקריאה בוואדי לא נסגר כי אין ספרייה פתוחה אחר הצהריים — הילדים "
            "קוראים רק בבית הספר.",
        ),
        (
            "read3",
            "en",
            "Parents in Hadar say the rise follows the volunteer mentors who "
            "started last year; they fear it will fall if the mentors leave.",
        ),
        (
            "kready",
            "ar",
            "الأطفال الذين لم يلتحقوا بالروضة قبل سن الرابعة هم الأقل استعدادًا؛ "
            "المشكلة في عدد الأماكن وليس في الأهل.",
        ),
    ]
    for code, language, text in readings:
        Interpretation.objects.create(
            event=event,
            indicator=indicators[code],
            period=latest,
            text=text,
            language=language,
            recorded_by=accounts.get(Role.BACKBONE_STAFF),
        )


def _consent(member, purposes, language, given_at, recorder) -> None:
    member.consents.all().delete()
    for purpose in purposes:
        ConsentRecord.objects.create(
            member=member,
            purpose=purpose,
            wording=str(ConsentPurpose(purpose).label),
            language=language,
            given_at=given_at,
            recorded_by=recorder,
        )


def _load_members(initiative, accounts) -> None:
    recorder = accounts.get(Role.BACKBONE_STAFF)
    given = timezone.now() - timedelta(days=400)
    amal = accounts.get(Role.COMMUNITY_MEMBER)
    if amal is not None:
        member, _created = CommunityMember.objects.update_or_create(
            initiative=initiative,
            user=amal,
            defaults={
                "name": amal.full_name,
                "email": amal.email,
                "neighbourhood": "Wadi",
                "has_lived_experience": True,
            },
        )
        _consent(member, list(ConsentPurpose), "ar", given, recorder)
    for name, neighbourhood, lived, language in MEMBERS:
        member, _created = CommunityMember.objects.update_or_create(
            initiative=initiative,
            name=name,
            defaults={"neighbourhood": neighbourhood, "has_lived_experience": lived},
        )
        _consent(
            member,
            [ConsentPurpose.CONTACT, ConsentPurpose.PARTICIPATION],
            language,
            given,
            recorder,
        )
    # One person has withdrawn: their record stays, anonymized, in the counts.
    if not initiative.community_members.filter(
        Q(anonymized_at__isnull=False) | Q(name="Rami Haddad")
    ).exists():
        withdrawn = CommunityMember.objects.create(
            initiative=initiative,
            name="Rami Haddad",
            neighbourhood="Hadar",
            has_lived_experience=True,
        )
        _consent(withdrawn, [ConsentPurpose.CONTACT], "ar", given, recorder)
        if recorder is not None:
            consent_withdraw(actor=recorder, member=withdrawn)


def _load_feedback(initiative, decisions, accounts) -> None:
    kindergartens = decisions["Fund two more kindergarten classes in the Wadi"]
    FeedbackItem.objects.filter(
        initiative=initiative, language="he", theme="Early childhood"
    ).update(decision=kindergartens)
    now = timezone.now()
    for days_ago, took, language, theme, body, answer in MORE_FEEDBACK:
        item, _created = FeedbackItem.objects.update_or_create(
            initiative=initiative,
            body=body,
            defaults={
                "language": language,
                "theme": theme,
                "status": FeedbackStatus.ANSWERED if answer else FeedbackStatus.RECEIVED,
                "public_response": answer,
                "responded_by": accounts.get(Role.BACKBONE_STAFF) if answer else None,
                "responded_at": now - timedelta(days=days_ago - took) if took else None,
            },
        )
        FeedbackItem.objects.filter(pk=item.pk).update(created_at=now - timedelta(days=days_ago))


def _load_equity_assessment(initiative, today, rng) -> None:
    assessment = assessment_round(
        initiative, AssessmentKind.EQUITY, f"Equity assessment {today.year}", -50, -20, today
    )
    means = {
        RespondentGroup.BACKBONE: {
            EquityStrategy.DATA_AND_CONTEXT: 4.3,
            EquityStrategy.SYSTEMS_CHANGE: 3.6,
            EquityStrategy.SHIFT_POWER: 3.9,
            EquityStrategy.LISTEN_AND_ACT: 4.1,
            EquityStrategy.LEADERSHIP: 3.7,
        },
        RespondentGroup.PARTNER: {
            EquityStrategy.DATA_AND_CONTEXT: 4.0,
            EquityStrategy.SYSTEMS_CHANGE: 3.2,
            EquityStrategy.SHIFT_POWER: 3.4,
            EquityStrategy.LISTEN_AND_ACT: 3.6,
            EquityStrategy.LEADERSHIP: 3.3,
        },
        RespondentGroup.COMMUNITY: {
            EquityStrategy.DATA_AND_CONTEXT: 3.1,
            EquityStrategy.SYSTEMS_CHANGE: 2.8,
            EquityStrategy.SHIFT_POWER: 2.3,
            EquityStrategy.LISTEN_AND_ACT: 2.6,
            EquityStrategy.LEADERSHIP: 2.5,
        },
    }
    answer_assessment(
        assessment,
        {RespondentGroup.BACKBONE: 3, RespondentGroup.PARTNER: 7, RespondentGroup.COMMUNITY: 9},
        means,
        0.0,
        rng,
    )
