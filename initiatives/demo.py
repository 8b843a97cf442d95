"""The demo initiative: River City Cradle to Career, in a mixed Jewish–Arab city.

Loading is idempotent: every record is found by its code and brought back to the state
described here, so running ``load_demo`` twice leaves the same data as running it once.
Numbers come from a seeded generator, so they are the same on every machine.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts.choices import Role
from community.choices import FeedbackStatus
from community.models import FeedbackItem
from core.translation import CONTENT_LANGUAGES
from equity.choices import CommitmentStatus, EquityStrategy
from equity.models import Commitment
from initiatives import demo_conditions, demo_equity
from initiatives.choices import PartnershipRole, Phase, Sector
from initiatives.models import Initiative, Organization, Partnership, Result
from initiatives.services import membership_set
from measurement import selectors as measurement_selectors
from measurement import services as measurement_services
from measurement.choices import (
    CommentKind,
    Direction,
    Frequency,
    IndicatorKind,
    RbaType,
    SubmissionStatus,
)
from measurement.models import (
    Category,
    CategoryCrosswalk,
    DataValue,
    Dimension,
    Indicator,
    ReportingAssignment,
    Submission,
    SubmissionComment,
    Target,
)
from measurement.services import valuestore

SLUG = "river-city"
PERIODS = [f"{year}-Q{quarter}" for year in (2022, 2023, 2024) for quarter in (1, 2, 3, 4)]
LATEST = PERIODS[-1]
TARGET_PERIOD = "2026-Q4"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: Role
    organization: str | None = None


DEMO_ACCOUNTS = [
    DemoAccount("backbone@example.org", "Dana Levi", Role.BACKBONE_ADMIN),
    DemoAccount("staff@example.org", "Samir Haddad", Role.BACKBONE_STAFF),
    DemoAccount("partner@example.org", "Rana Khoury", Role.PARTNER_EDITOR, "al-nahda"),
    DemoAccount(
        "partner-viewer@example.org", "Yossi Mizrahi", Role.PARTNER_VIEWER, "givat-hanahar"
    ),
    DemoAccount("funder@example.org", "Miriam Cohen", Role.FUNDER),
    DemoAccount("community@example.org", "Amal Nasser", Role.COMMUNITY_MEMBER),
]

INITIATIVE = {
    "name": (
        "River City Cradle to Career",
        "עיר הנהר: מהלידה ועד הקריירה",
        "مدينة النهر: من المهد إلى المهنة",
    ),
    "vision": (
        "Every child in River City — Jewish and Arab, in every neighbourhood — grows up ready "
        "for school, for work and for life.",
        "כל ילד וילדה בעיר הנהר — יהודים וערבים, בכל שכונה — גדלים מוכנים לבית הספר, "
        "לעבודה ולחיים.",
        "كل طفل وطفلة في مدينة النهر — يهودًا وعربًا، في كل حي — يكبرون مستعدين للمدرسة "
        "وللعمل وللحياة.",
    ),
    "problem_statement": (
        "Children in the Arab and Haredi neighbourhoods of River City start school less ready "
        "and fall further behind in reading, matriculation and work, and no single "
        "organization can change that alone.",
        "ילדים בשכונות הערביות והחרדיות של עיר הנהר מתחילים את בית הספר פחות מוכנים "
        "ומפגרים בקריאה, בבגרות ובתעסוקה, ואף ארגון לא יכול לשנות זאת לבדו.",
        "يبدأ الأطفال في الأحياء العربية والحريدية في مدينة النهر المدرسة وهم أقل استعدادًا "
        "ويتأخرون في القراءة والبجروت والعمل، ولا تستطيع أي مؤسسة وحدها تغيير ذلك.",
    ),
    "population_focus": (
        "Children and young people from birth to age 24 living in River City.",
        "ילדים וצעירים מלידה ועד גיל 24 המתגוררים בעיר הנהר.",
        "الأطفال والشباب من الولادة حتى سن 24 المقيمون في مدينة النهر.",
    ),
    "geography": (
        "River City, a mixed Jewish–Arab city",
        "עיר הנהר, עיר מעורבת",
        "مدينة النهر، مدينة مختلطة",
    ),
}

RESULTS = [
    (
        "ready",
        1,
        (
            "Children enter school ready to learn",
            "ילדים מגיעים לבית הספר מוכנים ללמוד",
            "الأطفال يدخلون المدرسة مستعدين للتعلم",
        ),
    ),
    (
        "read",
        2,
        (
            "Children read at grade level by third grade",
            "ילדים קוראים ברמת כיתתם עד כיתה ג׳",
            "الأطفال يقرؤون بمستوى صفهم حتى الصف الثالث",
        ),
    ),
    (
        "graduate",
        3,
        (
            "Young people finish school with a matriculation certificate",
            "צעירים מסיימים את בית הספר עם תעודת בגרות",
            "الشباب ينهون المدرسة بشهادة بجروت",
        ),
    ),
    (
        "work",
        4,
        (
            "Young adults are in education or work",
            "צעירים לומדים או עובדים",
            "الشباب البالغون يتعلمون أو يعملون",
        ),
    ),
]

# (code, sector, partnership role, (en, he, ar), sector mix: jewish, haredi, arab)
ORGANIZATIONS = [
    (
        "backbone",
        Sector.NONPROFIT,
        PartnershipRole.BACKBONE,
        (
            "River City Together (backbone)",
            "עיר הנהר יחד (ארגון שדרה)",
            "مدينة النهر معًا (المؤسسة الداعمة)",
        ),
        None,
    ),
    (
        "children-fund",
        Sector.PHILANTHROPY,
        PartnershipRole.FUNDER,
        ("Galilee Children's Fund", "קרן ילדי הגליל", "صندوق أطفال الجليل"),
        None,
    ),
    (
        "al-nahda",
        Sector.EDUCATION,
        PartnershipRole.PARTNER,
        ("Al-Nahda Elementary School", "בית הספר היסודי אל-נהדה", "مدرسة النهضة الابتدائية"),
        (0.02, 0.0, 0.98),
    ),
    (
        "givat-hanahar",
        Sector.EDUCATION,
        PartnershipRole.PARTNER,
        (
            "Givat HaNahar Elementary School",
            "בית הספר היסודי גבעת הנהר",
            "مدرسة جفعات هناهر الابتدائية",
        ),
        (0.92, 0.05, 0.03),
    ),
    (
        "ibn-sina",
        Sector.EDUCATION,
        PartnershipRole.PARTNER,
        ("Ibn Sina Comprehensive School", "בית הספר המקיף אבן סינא", "مدرسة ابن سينا الشاملة"),
        (0.0, 0.0, 1.0),
    ),
    (
        "north-high",
        Sector.EDUCATION,
        PartnershipRole.PARTNER,
        ("North High School", "תיכון הצפון", "مدرسة الشمال الثانوية"),
        (0.7, 0.05, 0.25),
    ),
    (
        "beit-yaakov",
        Sector.EDUCATION,
        PartnershipRole.PARTNER,
        ("Beit Yaakov Girls' School", "בית יעקב לבנות", "مدرسة بيت يعقوب للبنات"),
        (0.02, 0.98, 0.0),
    ),
    (
        "early-years",
        Sector.NONPROFIT,
        PartnershipRole.PARTNER,
        (
            "River City Early Years Network",
            "רשת הגיל הרך עיר הנהר",
            "شبكة الطفولة المبكرة في مدينة النهر",
        ),
        (0.45, 0.2, 0.35),
    ),
    (
        "family-health",
        Sector.HEALTH,
        PartnershipRole.PARTNER,
        ("Wadi Family Health Centre (Tipat Halav)", "טיפת חלב ואדי", "مركز صحة العائلة في الوادي"),
        (0.1, 0.05, 0.85),
    ),
    (
        "hadar-centre",
        Sector.COMMUNITY,
        PartnershipRole.PARTNER,
        ("Hadar Community Centre", "המתנ״ס בהדר", "المركز الجماهيري في هدار"),
        (0.5, 0.1, 0.4),
    ),
    (
        "bridges",
        Sector.NONPROFIT,
        PartnershipRole.PARTNER,
        ("Bridges Reading Mentors", "גשרים — חונכות קריאה", "جسور — مرشدو القراءة"),
        (0.4, 0.15, 0.45),
    ),
    (
        "youth-futures",
        Sector.NONPROFIT,
        PartnershipRole.PARTNER,
        ("Youth Futures", "עתיד לנוער", "مستقبل الشباب"),
        (0.35, 0.15, 0.5),
    ),
    (
        "jobs-centre",
        Sector.PUBLIC,
        PartnershipRole.PARTNER,
        ("River City Employment Centre", "מרכז התעסוקה עיר הנהר", "مركز التشغيل في مدينة النهر"),
        (0.4, 0.2, 0.4),
    ),
    (
        "municipality",
        Sector.PUBLIC,
        PartnershipRole.PARTNER,
        (
            "River City Municipality, Education Department",
            "עיריית עיר הנהר, אגף החינוך",
            "بلدية مدينة النهر، قسم التربية",
        ),
        (0.45, 0.2, 0.35),
    ),
]

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
            ("unknown", ("Not reported", "לא דווח", "غير مُبلَّغ"), False, True),
        ],
    ),
    (
        "gender",
        ("Gender", "מגדר", "الجنس"),
        False,
        [
            ("f", ("Female", "נקבה", "أنثى"), True, False),
            ("m", ("Male", "זכר", "ذكر"), False, False),
            ("unknown", ("Not reported", "לא דווח", "غير مُبلَّغ"), False, True),
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
            ("unknown", ("Not reported", "לא דווח", "غير مُبلَّغ"), False, True),
        ],
    ),
]


@dataclass(frozen=True)
class DemoIndicator:
    code: str
    result: str
    names: tuple[str, str, str]
    definition: str
    kind: IndicatorKind
    direction: Direction
    rba_type: RbaType
    dimensions: tuple[str, ...]
    reporters: tuple[str, ...]
    # Rate by population group at the start, and how much it moves each quarter.
    base: dict[str, float]
    trend: float
    size: int
    unit: str = ""
    # Targets for the end of 2026: the universal goal, and group milestones toward it.
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
        "Residents aged 18–24 neither studying nor employed ÷ residents aged 18–24 assessmented.",
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
        unit="families",
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
        unit="points",
    ),
]
GENDER_SHARES = {"f": 0.49, "m": 0.48, "unknown": 0.03}


def _translated(instance, field: str, texts: tuple[str, str, str]) -> None:
    for language, text in zip(CONTENT_LANGUAGES, texts, strict=True):
        setattr(instance, f"{field}_{language}", text)


def _upsert(model, lookup: dict, texts: dict[str, tuple[str, str, str]], **fields):
    instance = model.objects.filter(**lookup).first() or model(**lookup)
    for name, value in fields.items():
        setattr(instance, name, value)
    for field, values in texts.items():
        _translated(instance, field, values)
    instance.save()
    return instance


@transaction.atomic
def demo_load(*, create_accounts: bool) -> Initiative:
    initiative = _upsert(
        Initiative, {"slug": SLUG}, INITIATIVE, phase=Phase.ORGANIZE, suppression_threshold=10
    )
    results = {
        code: _upsert(
            Result, {"initiative": initiative, "code": code}, {"title": texts}, order=order
        )
        for code, order, texts in RESULTS
    }
    organizations = {}
    for code, sector, role, names, _mix in ORGANIZATIONS:
        organizations[code] = _upsert(Organization, {"code": code}, {"name": names}, sector=sector)
        Partnership.objects.update_or_create(
            initiative=initiative,
            organization=organizations[code],
            defaults={"role": role, "is_active": True, "joined_on": date(2021, 9, 1)},
        )
    _load_dimensions(initiative)
    indicators = _load_indicators(initiative, results)
    periods = {
        code: measurement_services.period_for_code(actor=None, initiative=initiative, code=code)
        for code in PERIODS
    }
    for period in periods.values():
        period.due_date = period.end + timedelta(days=30)
        period.save(update_fields=["due_date"])
    _load_reporting_plan(initiative, organizations, indicators)
    accounts = _load_accounts(initiative, organizations) if create_accounts else {}
    _load_submissions(initiative, organizations, indicators, periods, accounts)
    _load_equity_and_community(initiative, organizations, accounts)
    demo_conditions.load(initiative, organizations, indicators, accounts)
    demo_equity.load(initiative, organizations, indicators, accounts)
    measurement_services.computation_request(initiative=initiative, reason="Demo data loaded")
    return initiative


def _load_dimensions(initiative: Initiative) -> None:
    for order, (code, names, overlapping, categories) in enumerate(DIMENSIONS):
        dimension = _upsert(
            Dimension,
            {"initiative": initiative, "code": code},
            {"name": names},
            overlapping=overlapping,
            order=order,
        )
        for category_order, (cat_code, cat_names, reference, unknown) in enumerate(categories):
            _upsert(
                Category,
                {"dimension": dimension, "code": cat_code},
                {"name": cat_names},
                order=category_order,
                is_reference=reference,
                is_unknown=unknown,
            )


def _load_indicators(initiative, results) -> dict[str, Indicator]:
    indicators = {}
    for order, spec in enumerate(INDICATORS):
        indicator = _upsert(
            Indicator,
            {"initiative": initiative, "code": spec.code},
            {"name": spec.names},
            result=results[spec.result],
            definition_en=spec.definition,
            kind=spec.kind,
            direction=spec.direction,
            rba_type=spec.rba_type,
            unit=spec.unit,
            scale=100 if spec.kind == IndicatorKind.RATE else 1,
            frequency=Frequency.QUARTERLY,
            data_source="Partner reports",
            order=order,
            is_active=True,
        )
        indicator.dimensions.set(
            Dimension.objects.filter(initiative=initiative, code__in=spec.dimensions)
        )
        measurement_services.indicator_cells_ensure(indicator=indicator)
        _load_baseline_and_targets(initiative, indicator, spec)
        indicators[spec.code] = indicator
    return indicators


def _load_reporting_plan(initiative, organizations, indicators) -> None:
    ReportingAssignment.objects.filter(initiative=initiative).delete()
    ReportingAssignment.objects.bulk_create(
        ReportingAssignment(
            initiative=initiative,
            organization=organizations[code],
            indicator=indicators[spec.code],
            frequency=Frequency.QUARTERLY,
        )
        for spec in INDICATORS
        for code in spec.reporters
    )


def _load_baseline_and_targets(initiative, indicator, spec: DemoIndicator) -> None:
    indicator.baseline_period = measurement_services.period_for_code(
        actor=None, initiative=initiative, code=PERIODS[0]
    )
    indicator.save(update_fields=["baseline_period"])
    indicator.targets.all().delete()
    if spec.target is None:
        return
    by_period = measurement_services.period_for_code(
        actor=None, initiative=initiative, code=TARGET_PERIOD
    )
    cells = dict(initiative.cells.values_list("key", "id"))
    Target.objects.bulk_create(
        [Target(indicator=indicator, period=by_period, cell_id=cells[""], value=spec.target)]
        + [
            Target(
                indicator=indicator, period=by_period, cell_id=cells[f"{dim}={cat}"], value=value
            )
            for dim, cat, value in spec.group_targets
        ]
    )


def _load_accounts(initiative, organizations) -> dict[str, object]:
    User = get_user_model()
    accounts = {}
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(email=account.email).first() or User(email=account.email)
        user.full_name = account.full_name
        user.set_password(settings.DEMO_PASSWORD)
        user.save()
        membership_set(
            initiative=initiative,
            user=user,
            role=account.role,
            organization=organizations[account.organization] if account.organization else None,
        )
        accounts[account.role] = user
    return accounts


def _status_for(organization_code: str, period_code: str) -> str:
    """Everything is approved except the latest quarter, which shows every workflow state."""
    if period_code != LATEST:
        return SubmissionStatus.APPROVED
    return {
        "al-nahda": SubmissionStatus.DRAFT,
        "ibn-sina": SubmissionStatus.SUBMITTED,
        "north-high": SubmissionStatus.SUBMITTED,
        "givat-hanahar": SubmissionStatus.RETURNED,
    }.get(organization_code, SubmissionStatus.APPROVED)


def _load_submissions(initiative, organizations, indicators, periods, accounts) -> None:
    rng = random.Random(2024)
    mixes = {code: mix for code, _s, _r, _n, mix in ORGANIZATIONS if mix}
    backbone = accounts.get(Role.BACKBONE_STAFF)
    now = timezone.now()
    _forget_demo_submissions(initiative)
    leaf_cells = {
        # The full breakdown: the last block of the entry grid.
        code: measurement_selectors.indicator_entry_sections(indicator=indicator)[-1].cells
        for code, indicator in indicators.items()
    }
    rows = []
    for period_index, period_code in enumerate(PERIODS):
        for org_code, mix in mixes.items():
            status = _status_for(org_code, period_code)
            submitted = status != SubmissionStatus.DRAFT
            submission = Submission.objects.create(
                initiative=initiative,
                organization=organizations[org_code],
                period=periods[period_code],
                status=status,
                submitted_at=now - timedelta(days=7) if submitted else None,
                reviewed_at=now - timedelta(days=3)
                if status in (SubmissionStatus.APPROVED, SubmissionStatus.RETURNED)
                else None,
                reviewed_by=backbone if status != SubmissionStatus.DRAFT else None,
                review_comment=(
                    "The number of boys tested looks too high for one quarter — please check "
                    "against the school register."
                    if status == SubmissionStatus.RETURNED
                    else ""
                ),
            )
            for spec in INDICATORS:
                if org_code not in spec.reporters:
                    continue
                for cell in leaf_cells[spec.code]:
                    numbers = _numbers(rng, spec, cell.parts(), mix, period_index)
                    if numbers is not None:
                        rows.append(
                            {
                                "submission_id": submission.pk,
                                "indicator_id": indicators[spec.code].pk,
                                "cell_id": cell.pk,
                                **numbers,
                            }
                        )
    frame = pd.DataFrame(rows, columns=valuestore.VALUE_FIELDS)
    valuestore.values_upsert(
        frame.astype(dict.fromkeys(valuestore.NUMBERS, "float64")), actor=None, reason="Demo data"
    )
    _load_conversation(initiative, organizations, accounts)


def _forget_demo_submissions(initiative) -> None:
    """Reset the demo's submissions, and their audit trail with them: a demo reload is not
    a change anyone made."""
    old = list(Submission.objects.filter(initiative=initiative).values_list("pk", flat=True))
    DataValue.objects.filter(submission_id__in=old).delete()
    Submission.objects.filter(pk__in=old).delete()
    DataValue.history.filter(submission_id__in=old).delete()
    Submission.history.filter(id__in=old).delete()


def _load_conversation(initiative, organizations, accounts) -> None:
    """A returned submission with its thread, and a partner's own codes for gender."""
    staff, partner = accounts.get(Role.BACKBONE_STAFF), accounts.get(Role.PARTNER_EDITOR)
    returned = Submission.objects.filter(
        initiative=initiative, status=SubmissionStatus.RETURNED
    ).first()
    if returned is not None:
        SubmissionComment.objects.create(
            submission=returned,
            author=staff,
            kind=CommentKind.RETURNED,
            body=returned.review_comment,
        )
    gender = Dimension.objects.get(initiative=initiative, code="gender")
    for source, code in (("G", "f"), ("B", "m"), ("בנות", "f"), ("בנים", "m")):
        CategoryCrosswalk.objects.update_or_create(
            organization=organizations["al-nahda"],
            dimension=gender,
            source_code=source,
            defaults={"category": gender.categories.get(code=code)},
        )
    if partner is not None:
        draft = Submission.objects.filter(
            initiative=initiative,
            organization=organizations["al-nahda"],
            status=SubmissionStatus.DRAFT,
        ).first()
        if draft is not None:
            SubmissionComment.objects.create(
                submission=draft,
                author=partner,
                body="Our fourth-quarter reading results arrive from the ministry next week; "
                "we will submit then.",
            )


def _numbers(rng, spec: DemoIndicator, parts: dict[str, str], mix, period_index: int):
    if spec.kind == IndicatorKind.COUNT:
        base = spec.base[parts["neighbourhood"]] * (0.5 + rng.random())
        return {"value": float(max(0, round(base + spec.trend * period_index)))}
    gender_share = GENDER_SHARES[parts["gender"]]
    if spec.kind == IndicatorKind.AVERAGE:
        n = round(spec.size * gender_share * (0.7 + 0.6 * rng.random()))
        if n == 0:
            return None
        mean = spec.base[parts["gender"]] + spec.trend * period_index + rng.gauss(0, 1.2)
        return {"value": round(mean, 1), "denominator": float(n)}
    sector = parts["sector"]
    jewish, haredi, arab = mix
    shares = {
        "jewish": jewish * 0.96,
        "haredi": haredi * 0.96,
        "arab": arab * 0.96,
        "unknown": 0.04,
    }
    denominator = round(spec.size * shares[sector] * gender_share * (0.8 + 0.4 * rng.random()))
    if denominator == 0:
        return None
    rate = spec.base[sector] + spec.trend * period_index + rng.gauss(0, 0.03)
    rate = min(max(rate, 0.0), 1.0)
    numerator = sum(1 for _ in range(denominator) if rng.random() < rate)
    return {"numerator": float(numerator), "denominator": float(denominator)}


def _load_equity_and_community(initiative, organizations, accounts) -> None:
    commitments = [
        (
            EquityStrategy.DATA_AND_CONTEXT,
            "Publish every headline indicator by population group and neighbourhood",
            CommitmentStatus.DONE,
            date(2023, 6, 30),
        ),
        (
            EquityStrategy.SHIFT_POWER,
            "Community members hold a third of the steering committee seats",
            CommitmentStatus.IN_PROGRESS,
            date(2025, 3, 31),
        ),
        (
            EquityStrategy.LISTEN_AND_ACT,
            "Hold a listening session in Arabic and Hebrew in every neighbourhood each year",
            CommitmentStatus.IN_PROGRESS,
            date(2024, 12, 31),
        ),
        (
            EquityStrategy.LEADERSHIP,
            "Backbone staff complete anti-racism training",
            CommitmentStatus.PLANNED,
            date(2024, 9, 30),
        ),
    ]
    for strategy, title, status, due in commitments:
        Commitment.objects.update_or_create(
            initiative=initiative,
            title=title,
            defaults={
                "strategy": strategy,
                "status": status,
                "due_date": due,
                "organization": organizations["backbone"],
            },
        )
    member = accounts.get(Role.COMMUNITY_MEMBER)
    if member is None:
        return
    feedback = [
        (
            "אין מספיק גנים קרובים לבית בוואדי, ואמהות נאלצות ללכת רחוק.",
            "he",
            "Early childhood",
            FeedbackStatus.ANSWERED,
            "You said: kindergartens in the Wadi are too far. We did: the municipality opened two "
            "new classes at the Wadi community centre in September.",
        ),
        (
            "المكتبة في الحي تغلق مبكرًا ولا يستطيع الأطفال الدراسة فيها بعد المدرسة.",
            "ar",
            "Reading",
            FeedbackStatus.IN_REVIEW,
            "",
        ),
    ]
    for body, language, theme, status, response in feedback:
        FeedbackItem.objects.update_or_create(
            initiative=initiative,
            submitted_by=member,
            body=body,
            defaults={
                "language": language,
                "theme": theme,
                "status": status,
                "public_response": response,
                "responded_by": accounts.get(Role.BACKBONE_STAFF) if response else None,
                "responded_at": timezone.now() if response else None,
            },
        )
