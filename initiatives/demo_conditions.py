"""Demo data for the five conditions: the agenda's history, working groups with a community
co-chair, a plan of action that leaves one indicator uncovered and overlaps on another,
meetings (some still without minutes), updates, the backbone's work log, and rounds of every
assessment. Dates are relative to the day the demo is loaded, so there is always something
open, something due and something missing.

Assessment answers are stored without a respondent (as answers collected on paper are), so the
demo needs no extra accounts and every group has enough answers to be shown."""

import random
from datetime import date, timedelta

from django.utils import timezone

from accounts.choices import Role
from conditions.choices import (
    ActivityKind,
    ActivityStatus,
    BackboneFunction,
    GroupRole,
    Interaction,
    MeetingKind,
)
from conditions.models import (
    Activity,
    Assessment,
    AssessmentAnswer,
    AssessmentResponse,
    BackboneWork,
    Meeting,
    PartnerRating,
    Update,
    WorkingGroup,
    WorkingGroupMember,
)
from conditions.questions import questions_for
from initiatives.choices import AssessmentKind, RespondentGroup
from initiatives.models import AgendaRevision
from initiatives.services import agenda_snapshot

# (name, result, purpose, members: (account role or None, name, organization, role, community))
WORKING_GROUPS = [
    (
        "Early learning action team",
        "ready",
        "Get every child in the Wadi and Hadar to kindergarten ready to learn: home visits, "
        "screening, and enough kindergarten places close to home.",
        [
            (Role.BACKBONE_STAFF, "Samir Haddad", "backbone", GroupRole.CO_CHAIR, False),
            (Role.COMMUNITY_MEMBER, "Amal Nasser", None, GroupRole.CO_CHAIR, True),
            (None, "Noa Friedman", "early-years", GroupRole.MEMBER, False),
            (None, "Dr. Khaled Omari", "family-health", GroupRole.MEMBER, False),
            (None, "Huda Mansour", None, GroupRole.MEMBER, True),
        ],
    ),
    (
        "Reading action team",
        "read",
        "Every child reading at grade level by third grade, in Arabic and in Hebrew.",
        [
            (Role.PARTNER_EDITOR, "Rana Khoury", "al-nahda", GroupRole.CO_CHAIR, False),
            (None, "Avi Peretz", "bridges", GroupRole.CO_CHAIR, False),
            (None, "Lina Darwish", "hadar-centre", GroupRole.MEMBER, False),
            (Role.PARTNER_VIEWER, "Yossi Mizrahi", "givat-hanahar", GroupRole.MEMBER, False),
        ],
    ),
    (
        "Pathways to work",
        "work",
        "Young people in work, study or training at 24.",
        [
            (None, "Dr. Yael Ben-David", "youth-futures", GroupRole.CO_CHAIR, False),
            (None, "Omar Saleh", "jobs-centre", GroupRole.MEMBER, False),
        ],
    ),
]

# (organization, title, kind, status, working group, indicator codes, result codes)
ACTIVITIES = [
    (
        "early-years",
        "Home visits for families with newborns",
        ActivityKind.PROGRAM,
        ActivityStatus.ACTIVE,
        "Early learning action team",
        ["home-visits", "kready"],
        ["ready"],
    ),
    (
        "family-health",
        "Developmental screening at every well-baby visit",
        ActivityKind.PROGRAM,
        ActivityStatus.ACTIVE,
        "Early learning action team",
        ["kready"],
        [],
    ),
    (
        "municipality",
        "Open kindergarten classes where the waiting lists are",
        ActivityKind.SYSTEMS,
        ActivityStatus.ACTIVE,
        "Early learning action team",
        ["kready"],
        ["ready"],
    ),
    (
        "al-nahda",
        "Reading mentors in grades 1–3",
        ActivityKind.PROGRAM,
        ActivityStatus.ACTIVE,
        "Reading action team",
        ["read3"],
        ["read"],
    ),
    (
        "bridges",
        "Trained volunteer reading mentors",
        ActivityKind.PROGRAM,
        ActivityStatus.ACTIVE,
        "Reading action team",
        ["mentor-gain", "read3"],
        [],
    ),
    (
        "hadar-centre",
        "After-school reading club in Arabic and Hebrew",
        ActivityKind.PROGRAM,
        ActivityStatus.PLANNED,
        "Reading action team",
        ["read3"],
        [],
    ),
    (
        "ibn-sina",
        "Matriculation support classes",
        ActivityKind.PROGRAM,
        ActivityStatus.ACTIVE,
        None,
        ["bagrut"],
        ["graduate"],
    ),
    (
        "north-high",
        "Call the family before excluding a pupil",
        ActivityKind.SYSTEMS,
        ActivityStatus.ACTIVE,
        None,
        ["absence"],
        ["graduate"],
    ),
    # Stopped: so nobody works on young people not in work or study any more.
    (
        "jobs-centre",
        "Summer job placements",
        ActivityKind.PROGRAM,
        ActivityStatus.STOPPED,
        "Pathways to work",
        ["neet"],
        ["work"],
    ),
]

UPDATES = [
    (
        2,
        "Two new kindergarten classes open in the Wadi",
        "The municipality opened two classes at the Wadi community centre. Enrolment is open.",
    ),
    (
        6,
        "Five-conditions assessment is open",
        "Tell us how the collaboration is working — backbone, partners and residents alike. It "
        "takes ten minutes.",
    ),
    (
        20,
        "Reading data for 2024 is in",
        "All partners reported; the reading dashboard shows the gap between neighbourhoods.",
    ),
]

BACKBONE_WORK = [
    (BackboneFunction.VISION, 40, "Facilitated the steering committee's annual strategy retreat."),
    (BackboneFunction.VISION, 200, "Revised the common agenda with partners and residents."),
    (
        BackboneFunction.ALIGNED_ACTIVITIES,
        15,
        "Convened the reading action team; mapped who works with which schools.",
    ),
    (BackboneFunction.ALIGNED_ACTIVITIES, 90, "Introduced Bridges to Al-Nahda's principal."),
    (BackboneFunction.MEASUREMENT, 30, "Trained partner staff on the upload template."),
    (BackboneFunction.MEASUREMENT, 120, "Added the neighbourhood breakdown to every indicator."),
    (BackboneFunction.PUBLIC_WILL, 60, "Listening session in the Wadi, in Arabic."),
    (BackboneFunction.FUNDING, 100, "Brought a second funder into the early learning work."),
    # Policy work last happened more than a year ago: the page shows a gap.
    (BackboneFunction.POLICY, 420, "Briefed the education committee on kindergarten places."),
]

# Mean answer (1–5) of each group per topic in the latest round; the earlier round is a little
# lower. Community members see communication and the agenda less rosily than institutions.
GROUP_MEANS = {
    RespondentGroup.BACKBONE: {
        "agenda": 4.4,
        "measurement": 4.1,
        "activities": 3.8,
        "communication": 4.2,
        "backbone": 4.3,
    },
    RespondentGroup.PARTNER: {
        "agenda": 3.9,
        "measurement": 3.4,
        "activities": 3.5,
        "communication": 3.7,
        "backbone": 4.0,
    },
    RespondentGroup.COMMUNITY: {
        "agenda": 3.0,
        "measurement": 3.2,
        "activities": 3.1,
        "communication": 2.4,
        "backbone": 3.3,
    },
}
RESPONDENTS = {
    RespondentGroup.BACKBONE: 3,
    RespondentGroup.PARTNER: 8,
    RespondentGroup.COMMUNITY: 5,
}


def load(initiative, organizations, indicators, accounts) -> None:
    today = timezone.localdate()
    rng = random.Random(6)
    _load_agenda_history(initiative)
    groups = _load_working_groups(initiative, organizations, accounts)
    _load_activities(initiative, organizations, indicators, groups)
    _load_meetings(initiative, groups, accounts, today)
    _load_updates(initiative, accounts)
    _load_backbone_work(initiative, accounts, today)
    _load_assessments(initiative, organizations, today, rng)


def _load_agenda_history(initiative) -> None:
    if not initiative.agenda_revisions.exists():
        AgendaRevision.objects.create(
            initiative=initiative,
            note="Agreed by the steering committee",
            snapshot=agenda_snapshot(initiative),
        )


def _load_working_groups(initiative, organizations, accounts) -> dict[str, WorkingGroup]:
    groups = {}
    for name, result_code, purpose, members in WORKING_GROUPS:
        group, _created = WorkingGroup.objects.update_or_create(
            initiative=initiative,
            name=name,
            defaults={"purpose": purpose, "result": initiative.results.get(code=result_code)},
        )
        group.members.all().delete()
        for role, person, organization, group_role, community in members:
            user = accounts.get(role) if role else None
            WorkingGroupMember.objects.create(
                group=group,
                user=user,
                name="" if user else person,
                organization=organizations[organization] if organization else None,
                role=group_role,
                is_community=community,
            )
        groups[name] = group
    return groups


def _load_activities(initiative, organizations, indicators, groups) -> None:
    for organization, title, kind, status, group, indicator_codes, result_codes in ACTIVITIES:
        activity, _created = Activity.objects.update_or_create(
            initiative=initiative,
            organization=organizations[organization],
            title=title,
            defaults={
                "kind": kind,
                "status": status,
                "working_group": groups.get(group),
                "starts_on": date(2023, 9, 1),
            },
        )
        activity.indicators.set([indicators[code] for code in indicator_codes])
        activity.results.set(initiative.results.filter(code__in=result_codes))


def _load_meetings(initiative, groups, accounts, today) -> None:
    people = [user for user in accounts.values() if user is not None]
    early = groups["Early learning action team"]
    reading = groups["Reading action team"]
    meetings = [
        (
            MeetingKind.STEERING,
            None,
            "Steering committee — strategy",
            -60,
            "Review of the year; the population focus.",
            "Reviewed the scorecard. Reading gaps between neighbourhoods are not closing.",
            "Ask the reading action team for a plan for the Wadi by next quarter.",
        ),
        (
            MeetingKind.STEERING,
            None,
            "Steering committee — budget",
            -30,
            "Budget for next year; community seats.",
            "Agreed the budget. Discussed a third community seat.",
            "Fund two more kindergarten classes. Offer a third seat to a resident.",
        ),
        (
            MeetingKind.WORKING_GROUP,
            early,
            "Early learning action team — screening",
            -20,
            "Screening results; kindergarten places.",
            "Screening reaches 80% of newborns at the Wadi clinic.",
            "Screen at home visits too, for families who miss the clinic.",
        ),
        # No minutes yet: shown on the backbone's home page.
        (
            MeetingKind.STEERING,
            None,
            "Steering committee — assessment results",
            -9,
            "Results of the five-conditions assessment.",
            "",
            "",
        ),
        (
            MeetingKind.WORKING_GROUP,
            reading,
            "Reading action team — mentors",
            -5,
            "Matching mentors to schools.",
            "",
            "",
        ),
        (
            MeetingKind.COMMUNITY,
            None,
            "מפגש תושבים בהדר — Residents' meeting in Hadar",
            12,
            "What residents want the initiative to do next.",
            "",
            "",
        ),
    ]
    for kind, group, title, days, agenda, minutes, decisions in meetings:
        meeting, _created = Meeting.objects.update_or_create(
            initiative=initiative,
            title=title,
            defaults={
                "kind": kind,
                "working_group": group,
                "held_on": today + timedelta(days=days),
                "agenda": agenda,
                "minutes": minutes,
                "decisions": decisions,
                "guests": "Huda Mansour\nOmar Saleh" if minutes else "",
            },
        )
        meeting.attendees.set(people if minutes else [])


def _load_updates(initiative, accounts) -> None:
    author = accounts.get(Role.BACKBONE_STAFF)
    for days_ago, title, body in UPDATES:
        update, _created = Update.objects.update_or_create(
            initiative=initiative, title=title, defaults={"body": body, "author": author}
        )
        Update.objects.filter(pk=update.pk).update(
            created_at=timezone.now() - timedelta(days=days_ago)
        )


def _load_backbone_work(initiative, accounts, today) -> None:
    for function, days_ago, description in BACKBONE_WORK:
        BackboneWork.objects.update_or_create(
            initiative=initiative,
            description=description,
            defaults={
                "function": function,
                "done_on": today - timedelta(days=days_ago),
                "recorded_by": accounts.get(Role.BACKBONE_STAFF),
            },
        )


def assessment_round(initiative, kind, title, opens_days, closes_days, today) -> Assessment:
    assessment, _created = Assessment.objects.update_or_create(
        initiative=initiative,
        title=title,
        defaults={
            "kind": kind,
            "opens_on": today + timedelta(days=opens_days),
            "closes_on": today + timedelta(days=closes_days),
        },
    )
    assessment.responses.all().delete()
    assessment.ratings.all().delete()
    return assessment


def _load_assessments(initiative, organizations, today, rng) -> None:
    year = today.year
    for title, opens, closes, shift in (
        (f"Five conditions {year - 1}", -380, -350, -0.3),
        (f"Five conditions {year}", -10, 20, 0.0),
    ):
        assessment = assessment_round(
            initiative, AssessmentKind.FIVE_CONDITIONS, title, opens, closes, today
        )
        answer_assessment(assessment, RESPONDENTS, GROUP_MEANS, shift, rng)
    # Last self-assessment more than a year ago: due again.
    assessment = assessment_round(
        initiative,
        AssessmentKind.BACKBONE,
        f"Backbone self-assessment {year - 1}",
        -400,
        -370,
        today,
    )
    backbone_means = {
        RespondentGroup.BACKBONE: {
            BackboneFunction.VISION: 4.2,
            BackboneFunction.ALIGNED_ACTIVITIES: 3.9,
            BackboneFunction.MEASUREMENT: 4.4,
            BackboneFunction.PUBLIC_WILL: 3.1,
            BackboneFunction.POLICY: 2.4,
            BackboneFunction.FUNDING: 3.6,
        }
    }
    answer_assessment(assessment, {RespondentGroup.BACKBONE: 4}, backbone_means, 0.0, rng)
    partners = [o for code, o in organizations.items() if code not in ("backbone", "children-fund")]
    # Rounds each November alongside the demo's indicator data (2022–2024), and a recent one.
    health_rounds = [
        (f"Collaborative health {round_year}", date(round_year, 11, 1) - today, density, trust)
        for round_year, density, trust in ((2022, 0.25, 2.2), (2023, 0.35, 2.5), (2024, 0.45, 2.8))
        if round_year < year - 1
    ] + [(f"Collaborative health {year}", timedelta(days=-45), 0.6, 3.1)]
    for title, opens, density, trust in health_rounds:
        assessment = assessment_round(
            initiative,
            AssessmentKind.COLLABORATIVE_HEALTH,
            title,
            opens.days,
            opens.days + 30,
            today,
        )
        _rate(assessment, partners, density, trust, rng)


def _score(mean: float, rng) -> int:
    return max(1, min(5, round(rng.gauss(mean, 0.8))))


def answer_assessment(assessment, respondents, means, shift, rng) -> None:
    for group, count in respondents.items():
        for _person in range(count):
            response = AssessmentResponse.objects.create(
                assessment=assessment, respondent=None, group=group
            )
            AssessmentAnswer.objects.bulk_create(
                AssessmentAnswer(
                    response=response,
                    question=question.code,
                    score=_score(means[group][question.topic] + shift, rng),
                )
                for question in questions_for(assessment.kind)
            )


def _rate(assessment, partners, density, trust, rng) -> None:
    """Every partner but one answers (so the network shows a non-respondent); pairs work
    together with the round's density, rated around its mean trust."""
    ratings = []
    for rater in partners[:-1]:
        for rated in partners:
            if rated == rater:
                continue
            together = rng.random() < density
            ratings.append(
                PartnerRating(
                    assessment=assessment,
                    rater=rater,
                    rated=rated,
                    interaction=rng.choice(
                        [Interaction.OCCASIONAL, Interaction.REGULAR, Interaction.CLOSE]
                    )
                    if together
                    else Interaction.NONE,
                    trust=max(1, min(4, round(rng.gauss(trust, 0.6)))) if together else None,
                    value=max(1, min(4, round(rng.gauss(trust - 0.1, 0.6)))) if together else None,
                )
            )
    PartnerRating.objects.bulk_create(ratings)
