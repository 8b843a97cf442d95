"""Shared measurement: the dimensions numbers are broken down by, the indicators with the
shape of their numbers, and the story of the reporting — three years of quarters, the
latest one still under way, targets two years on."""

from dataclasses import dataclass

from accounts.choices import Role
from demo.data import Texts
from measurement.choices import Direction, IndicatorKind, RbaType, SubmissionStatus

# The category every dimension ends with, for people whose group was not reported.
NOT_REPORTED = ("unknown", ("Not reported", "לא דווח", "غير مُبلَّغ"), False, True)

# (code, (en, he, ar), overlapping, [(code, (en, he, ar), reference, unknown)])
DIMENSIONS = [
    (
        "sector",
        ("Population group", "מגזר", "المجموعة السكانية"),
        False,
        [
            (
                "jewish",
                ("Jewish (non-Haredi)", "יהודי (לא חרדי)", "يهودي (غير حريدي)"),
                True,
                False,
            ),
            ("haredi", ("Haredi", "חרדי", "حريدي"), False, False),
            ("arab", ("Arab", "ערבי", "عربي"), False, False),
            NOT_REPORTED,
        ],
    ),
    (
        "gender",
        ("Gender", "מגדר", "الجنس"),
        False,
        [
            ("f", ("Female", "נקבה", "أنثى"), True, False),
            ("m", ("Male", "זכר", "ذكر"), False, False),
            NOT_REPORTED,
        ],
    ),
    (
        "neighbourhood",
        ("Neighbourhood", "שכונה", "الحي"),
        False,
        [
            ("old-city", ("Old City", "העיר העתיקה", "البلدة القديمة"), True, False),
            ("wadi", ("Wadi", "ואדי", "الوادي"), False, False),
            ("hadar", ("Hadar", "הדר", "هدار"), False, False),
            ("givat-hanahar", ("Givat HaNahar", "גבעת הנהר", "جفعات هناهر"), False, False),
            NOT_REPORTED,
        ],
    ),
]


@dataclass(frozen=True)
class DemoIndicator:
    code: str
    result: str
    names: Texts
    definition: str
    kind: IndicatorKind
    direction: Direction
    rba_type: RbaType
    dimensions: tuple[str, ...]
    reporters: tuple[str, ...]
    # The shape of its numbers: the rate (or count, or mean) by group in the first quarter,
    # how much it moves each quarter, and how many people a partner counts in a quarter.
    base: dict[str, float]
    trend: float
    size: int
    unit: Texts = ("", "", "")
    # Targets for TARGET_QUARTERS_AHEAD quarters after the latest one: the universal goal, and
    # group milestones toward it.
    target: float | None = None
    group_targets: tuple[tuple[str, str, float], ...] = ()


INDICATORS = [
    DemoIndicator(
        "kready",
        "ready",
        ("Kindergarten readiness", "מוכנות לגן חובה", "الجاهزية لروضة الإلزامي"),
        "Children assessed ready on the kindergarten-entry assessment ÷ children assessed.",
        IndicatorKind.RATE,
        Direction.HIGHER,
        RbaType.POPULATION,
        ("sector", "gender"),
        ("early-years", "family-health", "municipality", "hadar-centre"),
        {"jewish": 0.71, "haredi": 0.55, "arab": 0.52, "unknown": 0.6},
        0.006,
        150,
        target=85,
        group_targets=(("sector", "arab", 75), ("sector", "haredi", 75)),
    ),
    DemoIndicator(
        "read3",
        "read",
        (
            "Third-grade reading proficiency",
            "מיומנות קריאה בכיתה ג׳",
            "إتقان القراءة في الصف الثالث",
        ),
        "Third graders scoring proficient or above on the reading assessment ÷ third graders "
        "tested.",
        IndicatorKind.RATE,
        Direction.HIGHER,
        RbaType.POPULATION,
        ("sector", "gender"),
        ("al-nahda", "givat-hanahar", "ibn-sina", "beit-yaakov", "municipality"),
        {"jewish": 0.64, "haredi": 0.48, "arab": 0.41, "unknown": 0.5},
        0.008,
        120,
        target=80,
        group_targets=(("sector", "arab", 65),),
    ),
    DemoIndicator(
        "absence",
        "graduate",
        ("Chronic absence", "היעדרות כרונית", "التغيب المزمن"),
        "Students absent 10% or more of school days ÷ students enrolled.",
        IndicatorKind.RATE,
        Direction.LOWER,
        RbaType.POPULATION,
        ("sector", "gender"),
        ("al-nahda", "givat-hanahar", "ibn-sina", "north-high", "beit-yaakov"),
        {"jewish": 0.11, "haredi": 0.09, "arab": 0.19, "unknown": 0.15},
        -0.003,
        220,
    ),
    DemoIndicator(
        "bagrut",
        "graduate",
        ("Bagrut eligibility", "זכאות לבגרות", "استحقاق شهادة البجروت"),
        "Twelfth graders eligible for a matriculation certificate ÷ twelfth graders enrolled.",
        IndicatorKind.RATE,
        Direction.HIGHER,
        RbaType.POPULATION,
        ("sector", "gender"),
        ("north-high", "ibn-sina", "youth-futures"),
        {"jewish": 0.78, "haredi": 0.22, "arab": 0.58, "unknown": 0.5},
        0.005,
        140,
        target=85,
        group_targets=(("sector", "haredi", 45), ("sector", "arab", 75)),
    ),
    DemoIndicator(
        "neet",
        "work",
        (
            "Young adults not in education or work",
            "צעירים שאינם לומדים ואינם עובדים",
            "الشباب خارج التعليم والعمل",
        ),
        "Residents aged 18–24 neither studying nor employed ÷ residents aged 18–24 surveyed.",
        IndicatorKind.RATE,
        Direction.LOWER,
        RbaType.POPULATION,
        ("sector", "gender"),
        ("jobs-centre", "youth-futures"),
        {"jewish": 0.12, "haredi": 0.2, "arab": 0.27, "unknown": 0.2},
        -0.004,
        160,
        target=10,
    ),
    DemoIndicator(
        "home-visits",
        "ready",
        (
            "Families served by home visiting",
            "משפחות בתוכנית ביקורי בית",
            "عائلات في برنامج الزيارات المنزلية",
        ),
        "Families who received at least one home visit in the quarter.",
        IndicatorKind.COUNT,
        Direction.HIGHER,
        RbaType.HOW_MUCH,
        ("neighbourhood",),
        ("early-years", "family-health"),
        {"old-city": 40, "wadi": 55, "hadar": 30, "givat-hanahar": 20, "unknown": 3},
        1.5,
        0,
        unit=("families", "משפחות", "عائلات"),
    ),
    DemoIndicator(
        "mentor-gain",
        "read",
        (
            "Reading score gain with a mentor",
            "שיפור בציון הקריאה עם חונך",
            "التحسن في علامة القراءة مع مرشد",
        ),
        "Average gain in reading score (points) over a mentoring term, weighted by the number "
        "of children.",
        IndicatorKind.AVERAGE,
        Direction.HIGHER,
        RbaType.BETTER_OFF,
        ("gender",),
        ("bridges", "hadar-centre"),
        {"f": 6.5, "m": 5.8, "unknown": 6.0},
        0.1,
        35,
        unit=("points", "נקודות", "نقاط"),
    ),
]
# Of the people a partner counts, the share of each gender (some are not recorded).
GENDER_SHARES = {"f": 0.49, "m": 0.48, "unknown": 0.03}


# ---- Reporting ----

QUARTERS_OF_HISTORY = 12  # reported quarters, the latest the last complete one
DAYS_TO_REPORT = 30  # a quarter's data is due this many days after it ends
TARGET_QUARTERS_AHEAD = 8  # targets are set for two years after the latest quarter
DATA_SOURCE = "Partner reports"
NUMBERS_SEED = 2024  # the numbers come from a seeded generator: the same on every machine

# Every quarter is approved except the latest, which shows every step of the review: these
# partners' data is still in it, everyone else's is approved.
LATEST_QUARTER_STATUSES = {
    "al-nahda": SubmissionStatus.DRAFT,
    "ibn-sina": SubmissionStatus.SUBMITTED,
    "north-high": SubmissionStatus.SUBMITTED,
    "givat-hanahar": SubmissionStatus.RETURNED,
}
RETURNED_BECAUSE = (
    "The number of boys tested looks too high for one quarter — please check against the "
    "school register."
)
# The partner editor's note on the draft her organization has not submitted yet.
DRAFT_NOTE = (
    "al-nahda",
    Role.PARTNER_EDITOR,
    "Our reading results for the quarter arrive from the ministry next week; we will submit then.",
)

# How one partner writes a category in its own files: (organization, dimension, [(its code,
# our category)]).
CROSSWALKS = [
    ("al-nahda", "gender", [("G", "f"), ("B", "m"), ("בנות", "f"), ("בנים", "m")]),
]
