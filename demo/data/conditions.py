"""The five conditions' tools: working groups (one co-chaired by a resident), a plan of
action that leaves one indicator uncovered and overlaps on another, meetings (some still
without minutes), updates, the backbone's work log, and rounds of every assessment, answered
on paper by enough people in each group to be shown."""

from accounts.choices import Role
from conditions.choices import (
    ActivityKind,
    ActivityStatus,
    BackboneFunction,
    EvidenceKind,
    GroupRole,
    MeetingKind,
)
from initiatives.choices import RespondentGroup

# (name, result, purpose, members: (the role of the demo account who sits in it, or None for
# someone without one; their name; their organization; their role in the group; whether they
# take part as a member of the community))
GroupMember = tuple[Role | None, str, str | None, GroupRole, bool]
WORKING_GROUPS: list[tuple[str, str, str, list[GroupMember]]] = [
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


ACTIVITIES_STARTED = -450  # days: the school year before last

# (kind, working group, title, days from today, agenda, minutes, decisions, other attendees);
# a meeting with minutes was attended by every demo account.
MEETINGS = [
    (
        MeetingKind.STEERING,
        None,
        "Steering committee — strategy",
        -60,
        "Review of the year; the population focus.",
        "Reviewed the scorecard. Reading gaps between neighbourhoods are not closing.",
        "Ask the reading action team for a plan for the Wadi by next quarter.",
        "Huda Mansour\nOmar Saleh",
    ),
    (
        MeetingKind.STEERING,
        None,
        "Steering committee — budget",
        -30,
        "Budget for next year; community seats.",
        "Agreed the budget. Discussed a third community seat.",
        "Fund two more kindergarten classes. Offer a third seat to a resident.",
        "Huda Mansour\nOmar Saleh",
    ),
    (
        MeetingKind.WORKING_GROUP,
        "Early learning action team",
        "Early learning action team — screening",
        -20,
        "Screening results; kindergarten places.",
        "Screening reaches 80% of newborns at the Wadi clinic.",
        "Screen at home visits too, for families who miss the clinic.",
        "Huda Mansour\nOmar Saleh",
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
        "",
    ),
    (
        MeetingKind.WORKING_GROUP,
        "Reading action team",
        "Reading action team — mentors",
        -5,
        "Matching mentors to schools.",
        "",
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
        "",
    ),
]

# (days ago, title, text), posted by the backbone staff member
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
        "Reading data for the last quarter is in",
        "All partners reported; the reading dashboard shows the gap between neighbourhoods.",
    ),
]

# (function, days ago, what was done), recorded by the backbone staff member
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

# ---- Assessments ----

ASSESSMENTS_SEED = 6  # answers come from a seeded generator: the same on every machine

# (title, opens, closes, shift of every group's mean): the earlier round a little lower. Titles
# take the year the round opens.
FIVE_CONDITIONS_ROUNDS = [
    ("Five conditions {year}", -380, -350, -0.3),
    ("Five conditions {year}", -10, 20, 0.0),
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
# How many of each group answered each round: enough for every group to be shown.
RESPONDENTS = {
    RespondentGroup.BACKBONE: 3,
    RespondentGroup.PARTNER: 8,
    RespondentGroup.COMMUNITY: 5,
}

# The last self-assessment was more than a year ago: it is due again.
BACKBONE_SELF_ASSESSMENT = ("Backbone self-assessment {year}", -400, -370)
BACKBONE_RESPONDENTS = {RespondentGroup.BACKBONE: 4}
BACKBONE_MEANS = {
    RespondentGroup.BACKBONE: {
        BackboneFunction.VISION: 4.2,
        BackboneFunction.ALIGNED_ACTIVITIES: 3.9,
        BackboneFunction.MEASUREMENT: 4.4,
        BackboneFunction.PUBLIC_WILL: 3.1,
        BackboneFunction.POLICY: 2.4,
        BackboneFunction.FUNDING: 3.6,
    }
}

# Collaborative health, a round a year over the years of the indicator data, the latest six
# weeks ago: (title, opens, network density, mean trust). Every partner but the last answers
# (so the network shows one that did not), rating the partners it works with.
HEALTH_ROUNDS = [
    ("Collaborative health {year}", -45 - 3 * 365, 0.25, 2.2),
    ("Collaborative health {year}", -45 - 2 * 365, 0.35, 2.5),
    ("Collaborative health {year}", -45 - 365, 0.45, 2.8),
    ("Collaborative health {year}", -45, 0.6, 3.1),
]
HEALTH_ROUND_DAYS = 30


# The Turn the Curve record of third-grade reading: a first draft after the scorecard review,
# and a second version worked on at the reading action team's meeting. Each version:
# (days from today, meeting title or None, what changed, causes, partners, what works, actions)
# — causes (cause, data, indicator code or None); partners (organization code, what they can
# do); what works (idea, kind, language of the data walk's reading of the indicator it cites,
# or None); actions (activity title, owner's demo role or None for the organization, due in
# days from the version, note).
TURN_THE_CURVE_INDICATOR = "read3"
CurveVersion = tuple[
    int,
    str | None,
    str,
    list[tuple[str, str, str | None]],
    list[tuple[str, str]],
    list[tuple[str, str, str | None]],
    list[tuple[str, Role | None, int, str]],
]
TURN_THE_CURVE: list[CurveVersion] = [
    (
        -40,
        None,
        "First draft from the scorecard review",
        [
            (
                "Children in the Wadi read only at school: no library is open after school.",
                "The scorecard: the Wadi's reading trails the rest of the city.",
                None,
            ),
            ("Pupils who miss school fall behind in reading.", "", "absence"),
        ],
        [("al-nahda", "Mentors in grades 1–3 at its schools.")],
        [
            (
                "One-to-one reading mentors raise reading scores within a school year.",
                EvidenceKind.RESEARCH,
                None,
            ),
        ],
        [("Reading mentors in grades 1–3", Role.BACKBONE_STAFF, 90, "")],
    ),
    (
        -5,
        "Reading action team — mentors",
        "Added the reading club and what parents said at the data walk",
        [
            (
                "Children in the Wadi read only at school: no library is open after school.",
                "The scorecard: the Wadi's reading trails the rest of the city; residents said "
                "the same at the data walk.",
                None,
            ),
            ("Pupils who miss school fall behind in reading.", "", "absence"),
        ],
        [
            ("al-nahda", "Mentors in grades 1–3 at its schools."),
            ("bridges", "Train and match volunteer mentors."),
            ("hadar-centre", "Open a reading club after school, in Arabic and Hebrew."),
        ],
        [
            (
                "One-to-one reading mentors raise reading scores within a school year.",
                EvidenceKind.RESEARCH,
                None,
            ),
            (
                "Keep the volunteer mentors: parents link the rise to them.",
                EvidenceKind.COMMUNITY,
                "en",
            ),
        ],
        [
            ("Reading mentors in grades 1–3", Role.BACKBONE_STAFF, 90, ""),
            ("Trained volunteer reading mentors", None, 60, "Twenty more mentors by spring."),
            (
                "After-school reading club in Arabic and Hebrew",
                None,
                120,
                "Start in the Wadi.",
            ),
        ],
    ),
]
