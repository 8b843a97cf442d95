"""The initiative itself: its name, its common agenda, the results it works toward, and the
organizations in it — the backbone, a funder and twelve partners, each serving its own mix of
the city's population groups (the mix shapes the numbers it reports)."""

from demo.data import Texts
from initiatives.choices import PartnershipRole, Phase, Sector

SLUG = "river-city"
NAME: Texts = (
    "River City Cradle to Career",
    "עיר הנהר: מהלידה ועד הקריירה",
    "مدينة النهر: من المهد إلى المهنة",
)

PHASE = Phase.ORGANIZE
# A mixed Jewish–Arab city in Israel: dates as Israelis write them, amounts in shekels.
COUNTRY = "IL"
# The disclosure policy, as the definitions file writes it: the defaults, spelled out.
DISCLOSURE = {
    "min_group_size": 10,
    "min_count": 10,
    "small_count": "range",
    "min_contributors": 1,
    "protection_level": 0,
}

# The common agenda as the steering committee agreed it (the agenda's first revision).
AGENDA: dict[str, Texts] = {
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
AGENDA_AGREED = "Agreed by the steering committee"

# In the order the agenda lists them.
RESULTS: list[tuple[str, Texts]] = [
    (
        "ready",
        (
            "Children enter school ready to learn",
            "ילדים מגיעים לבית הספר מוכנים ללמוד",
            "الأطفال يدخلون المدرسة مستعدين للتعلم",
        ),
    ),
    (
        "read",
        (
            "Children read at grade level by third grade",
            "ילדים קוראים ברמת כיתתם עד כיתה ג׳",
            "الأطفال يقرؤون بمستوى صفهم حتى الصف الثالث",
        ),
    ),
    (
        "graduate",
        (
            "Young people finish school with a matriculation certificate",
            "צעירים מסיימים את בית הספר עם תעודת בגרות",
            "الشباب ينهون المدرسة بشهادة بجروت",
        ),
    ),
    (
        "work",
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
