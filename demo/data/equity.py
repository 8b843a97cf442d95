"""The equity strategies: commitments and a practice (three commitments overdue),
decision-making bodies whose community seats grow over time, a decision log across the
engagement spectrum, systems change efforts on all six conditions, and a round of the equity
assessment in which residents see the work less rosily than institutions."""

from decimal import Decimal

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
from initiatives.choices import RespondentGroup

# (strategy, kind, status, due in days from today or None, title, evidence), owned by the
# backbone admin for the backbone organization.
COMMITMENTS = [
    (
        EquityStrategy.DATA_AND_CONTEXT,
        CommitmentKind.COMMITMENT,
        CommitmentStatus.DONE,
        -520,
        "Publish every headline indicator by population group and neighbourhood",
        "",
    ),
    # Overdue: the third community seat is offered, not yet taken.
    (
        EquityStrategy.SHIFT_POWER,
        CommitmentKind.COMMITMENT,
        CommitmentStatus.IN_PROGRESS,
        -60,
        "Community members hold a third of the steering committee seats",
        "",
    ),
    # Overdue: the Old City has not had its listening session this year.
    (
        EquityStrategy.LISTEN_AND_ACT,
        CommitmentKind.COMMITMENT,
        CommitmentStatus.IN_PROGRESS,
        -150,
        "Hold a listening session in Arabic and Hebrew in every neighbourhood each year",
        "",
    ),
    # Overdue and not started.
    (
        EquityStrategy.LEADERSHIP,
        CommitmentKind.COMMITMENT,
        CommitmentStatus.PLANNED,
        -240,
        "Backbone staff complete anti-racism training",
        "",
    ),
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

# The residents on the community advisory council, all in the community members' register.
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
BODIES: list[tuple[str, BodyKind, list[tuple[SeatType, str, int, int | None]]]] = [
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

# (body, days ago, what was decided, money it moved, community power, the meeting it was taken at),
# recorded by the backbone staff member
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

# (leading organization or None, title, conditions it works on, stage, evidence, indicators it
# means to move)
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


EQUITY_ASSESSMENT_SEED = 7  # answers come from a seeded generator: the same on every machine
EQUITY_ASSESSMENT = ("Equity assessment {year}", -50, -20)
EQUITY_RESPONDENTS = {
    RespondentGroup.BACKBONE: 3,
    RespondentGroup.PARTNER: 7,
    RespondentGroup.COMMUNITY: 9,
}
# Mean answer (1–5) of each group per strategy: residents rate shifting power lowest.
EQUITY_MEANS = {
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
