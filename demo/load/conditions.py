"""The five conditions' tools, from ``demo.data.conditions``: working groups, the plan of
action, meetings, updates, the backbone's work, assessment rounds answered on paper, and a
Turn the Curve record in two versions."""

import random

from community.models import Interpretation
from conditions import services
from conditions.choices import Interaction
from conditions.models import Assessment, FeedPost, TurnTheCurveVersion, WorkingGroup
from conditions.questions import questions_for
from demo.data.conditions import (
    ACTIVITIES,
    ACTIVITIES_STARTED,
    ASSESSMENTS_SEED,
    BACKBONE_MEANS,
    BACKBONE_RESPONDENTS,
    BACKBONE_SELF_ASSESSMENT,
    BACKBONE_WORK,
    FIVE_CONDITIONS_ROUNDS,
    GROUP_MEANS,
    HEALTH_ROUND_DAYS,
    HEALTH_ROUNDS,
    MEETINGS,
    RESPONDENTS,
    TURN_THE_CURVE,
    TURN_THE_CURVE_INDICATOR,
    UPDATES,
    WORKING_GROUPS,
)
from demo.data.initiative import ORGANIZATIONS
from demo.load.calendar import DemoCalendar, backdate
from demo.load.cast import DemoCast
from demo.load.definitions import Definitions
from initiatives.choices import AssessmentKind, PartnershipRole, RespondentGroup
from initiatives.models import Organization


def conditions_load(*, definitions: Definitions, cast: DemoCast, calendar: DemoCalendar) -> None:
    groups = _working_groups(definitions, cast)
    _activities(definitions, cast, calendar, groups)
    _meetings(definitions, cast, calendar, groups)
    _updates(definitions, cast, calendar)
    _backbone_work(definitions, cast, calendar)
    _assessments(definitions, cast, calendar)


def turn_the_curve_load(
    *, definitions: Definitions, cast: DemoCast, calendar: DemoCalendar
) -> None:
    """The reading indicator's Turn the Curve record, each version saved as staff would on its
    edit page, then dated when the story says. It cites the data walk, so it loads after the
    engagement events."""
    initiative = definitions.initiative
    indicator = definitions.indicators[TURN_THE_CURVE_INDICATOR]
    activities = {a.title: a for a in initiative.activities.all()}
    partnerships = {p.organization.code: p for p in initiative.partnerships.all()}
    for number, (days, meeting, note, causes, partners, ideas, actions) in enumerate(
        TURN_THE_CURVE
    ):
        version = services.turn_the_curve_save(
            actor=cast.staff,
            initiative=initiative,
            indicator=indicator,
            fields={
                "based_on": number,
                "meeting": initiative.meetings.get(title=meeting) if meeting else None,
                "note": note,
            },
            causes=[
                {
                    "cause": cause,
                    "data": data,
                    "data_indicator": definitions.indicators[code] if code else None,
                }
                for cause, data, code in causes
            ],
            partners=[{"partnership": partnerships[code], "role": role} for code, role in partners],
            ideas=[
                {
                    "idea": idea,
                    "kind": kind,
                    "interpretation": Interpretation.objects.filter(
                        indicator=indicator, language=language
                    ).first()
                    if language
                    else None,
                }
                for idea, kind, language in ideas
            ],
            actions=[
                {
                    "activity": activities[title],
                    "owner": cast.account(role) if role else None,
                    "due_on": calendar.day(days + due),
                    "note": action_note,
                }
                for title, role, due, action_note in actions
            ],
        )
        backdate(TurnTheCurveVersion.objects.filter(pk=version.pk), saved_at=calendar.moment(days))


def _working_groups(definitions: Definitions, cast: DemoCast) -> dict[str, WorkingGroup]:
    """Members with a demo account sit in the group as that account, the others by name."""
    groups = {}
    for name, result, purpose, members in WORKING_GROUPS:
        rows = []
        for role, person, organization, group_role, community in members:
            user = cast.account(role) if role else None
            rows.append(
                {
                    "user": user,
                    "name": "" if user else person,
                    "organization": definitions.organizations[organization]
                    if organization
                    else None,
                    "role": group_role,
                    "is_community": community,
                }
            )
        fields = {"name": name, "purpose": purpose, "result": definitions.results[result]}
        groups[name] = definitions.save(
            services.working_group_save, cast.admin, group=None, fields=fields, members=rows
        )
    return groups


def _activities(
    definitions: Definitions,
    cast: DemoCast,
    calendar: DemoCalendar,
    groups: dict[str, WorkingGroup],
) -> None:
    for organization, title, kind, status, group, indicators, results in ACTIVITIES:
        fields = {
            "organization": definitions.organizations[organization],
            "title": title,
            "kind": kind,
            "status": status,
            "working_group": groups[group] if group else None,
            "starts_on": calendar.day(ACTIVITIES_STARTED),
            "indicators": [definitions.indicators[code] for code in indicators],
            "results": [definitions.results[code] for code in results],
        }
        definitions.save(services.activity_save, cast.admin, activity=None, fields=fields)


def _meetings(
    definitions: Definitions,
    cast: DemoCast,
    calendar: DemoCalendar,
    groups: dict[str, WorkingGroup],
) -> None:
    for kind, group, title, days, agenda, minutes, decisions, guests in MEETINGS:
        fields = {
            "kind": kind,
            "working_group": groups[group] if group else None,
            "title": title,
            "held_on": calendar.day(days),
            "agenda": agenda,
            "minutes": minutes,
            "decisions": decisions,
            "guests": guests,
            "attendees": list(cast.accounts.values()) if minutes else [],
        }
        definitions.save(services.meeting_save, cast.admin, meeting=None, fields=fields)


def _updates(definitions: Definitions, cast: DemoCast, calendar: DemoCalendar) -> None:
    for days_ago, title, body in UPDATES:
        update = services.feed_post_create(
            actor=cast.staff, initiative=definitions.initiative, title=title, body=body
        )
        backdate(FeedPost.objects.filter(pk=update.pk), created_at=calendar.moment(-days_ago))


def _backbone_work(definitions: Definitions, cast: DemoCast, calendar: DemoCalendar) -> None:
    for function, days_ago, description in BACKBONE_WORK:
        services.backbone_work_create(
            actor=cast.staff,
            initiative=definitions.initiative,
            fields={
                "function": function,
                "done_on": calendar.day(-days_ago),
                "description": description,
            },
        )


def _assessments(definitions: Definitions, cast: DemoCast, calendar: DemoCalendar) -> None:
    rng = random.Random(ASSESSMENTS_SEED)
    for title, opens, closes, shift in FIVE_CONDITIONS_ROUNDS:
        assessment = assessment_round(
            definitions, cast, calendar, AssessmentKind.FIVE_CONDITIONS, title, opens, closes
        )
        paper_answers_enter(cast, assessment, RESPONDENTS, GROUP_MEANS, shift, rng)
    title, opens, closes = BACKBONE_SELF_ASSESSMENT
    assessment = assessment_round(
        definitions, cast, calendar, AssessmentKind.BACKBONE, title, opens, closes
    )
    paper_answers_enter(cast, assessment, BACKBONE_RESPONDENTS, BACKBONE_MEANS, 0.0, rng)
    partners = [
        definitions.organizations[code]
        for code, _sector, role, _names, _mix in ORGANIZATIONS
        if role == PartnershipRole.PARTNER
    ]
    for title, opens, density, trust in HEALTH_ROUNDS:
        assessment = assessment_round(
            definitions,
            cast,
            calendar,
            AssessmentKind.COLLABORATIVE_HEALTH,
            title,
            opens,
            opens + HEALTH_ROUND_DAYS,
        )
        _paper_ratings_enter(cast, assessment, partners, density, trust, rng)


def assessment_round(
    definitions: Definitions,
    cast: DemoCast,
    calendar: DemoCalendar,
    kind: AssessmentKind,
    title: str,
    opens: int,
    closes: int,
) -> Assessment:
    """A round from its table row: its title takes the year it opens."""
    opens_on = calendar.day(opens)
    return services.assessment_create(
        actor=cast.admin,
        initiative=definitions.initiative,
        fields={
            "kind": kind,
            "title": title.format(year=opens_on.year),
            "opens_on": opens_on,
            "closes_on": calendar.day(closes),
        },
    )


def paper_answers_enter(
    cast: DemoCast,
    assessment: Assessment,
    respondents: dict[RespondentGroup, int],
    means: dict[RespondentGroup, dict],
    shift: float,
    rng: random.Random,
) -> None:
    """Answers collected on paper from ``respondents`` ({group: how many}), scattered around
    each group's mean for the topic of each question (``means``), moved by ``shift``."""
    services.assessment_answers_enter(
        actor=cast.staff,
        assessment=assessment,
        responses=[
            {
                "group": group,
                "answers": {
                    question.code: {"score": _score(means[group][question.topic] + shift, rng)}
                    for question in questions_for(assessment.kind)
                },
            }
            for group, count in respondents.items()
            for _person in range(count)
        ],
    )


def _score(mean: float, rng: random.Random) -> int:
    return max(1, min(5, round(rng.gauss(mean, 0.8))))


def _paper_ratings_enter(
    cast: DemoCast,
    assessment: Assessment,
    partners: list[Organization],
    density: float,
    trust: float,
    rng: random.Random,
) -> None:
    """Every partner but the last answers (so the network shows one that did not); pairs work
    together with the round's density, rated around its mean trust."""
    for rater in partners[:-1]:
        ratings = []
        for rated in partners:
            if rated == rater:
                continue
            together = rng.random() < density
            ratings.append(
                {
                    "rated": rated,
                    "interaction": rng.choice(
                        [Interaction.OCCASIONAL, Interaction.REGULAR, Interaction.CLOSE]
                    )
                    if together
                    else Interaction.NONE,
                    "trust": max(1, min(4, round(rng.gauss(trust, 0.6)))) if together else None,
                    "value": max(1, min(4, round(rng.gauss(trust - 0.1, 0.6))))
                    if together
                    else None,
                }
            )
        services.partner_ratings_enter(
            actor=cast.staff, assessment=assessment, rater=rater, ratings=ratings
        )
