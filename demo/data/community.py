"""The community's voice: community members with their consent (one has withdrawn it),
feedback answered and waiting, and engagement events — among them a data walk whose
interpretations appear beside the indicators' charts."""

from decimal import Decimal

from accounts.choices import Role
from community.choices import ConsentPurpose, EventKind, FeedbackStatus

CONSENT_GIVEN = -400  # days: when the members signed their consent forms

# (name, neighbourhood, lived experience, language they consented in, what they agreed to).
# The first is the demo's community member: where her account exists, the record is linked
# to it and carries its e-mail address.
MemberRow = tuple[str, str, bool, str, list[str]]
MEMBERS: list[MemberRow] = [
    ("Amal Nasser", "Wadi", True, "ar", ConsentPurpose.values),
    ("Huda Mansour", "Wadi", True, "ar", [ConsentPurpose.CONTACT, ConsentPurpose.PARTICIPATION]),
    (
        "Esther Biton",
        "Givat HaNahar",
        True,
        "he",
        [ConsentPurpose.CONTACT, ConsentPurpose.PARTICIPATION],
    ),
    ("Yusuf Khatib", "Wadi", True, "ar", [ConsentPurpose.CONTACT, ConsentPurpose.PARTICIPATION]),
    (
        "Miriam Azoulay",
        "Hadar",
        False,
        "he",
        [ConsentPurpose.CONTACT, ConsentPurpose.PARTICIPATION],
    ),
    (
        "Sana Abu Ras",
        "Old City",
        True,
        "ar",
        [ConsentPurpose.CONTACT, ConsentPurpose.PARTICIPATION],
    ),
]
MEMBER_WITH_ACCOUNT = ("Amal Nasser", Role.COMMUNITY_MEMBER)

# One person has withdrawn: their record stays, anonymized, in the counts.
WITHDRAWN: MemberRow = ("Rami Haddad", "Hadar", True, "ar", [ConsentPurpose.CONTACT])

# (given through the demo account of this role, or None when heard in person and written down
# by the backbone; days ago received; language; theme; the words; its status; the answer —
# what staff published of it for every member ("you said", never the writer's words) and what
# was done — and how many days it took; the decision that answered it)
FEEDBACK = [
    (
        Role.COMMUNITY_MEMBER,
        45,
        "he",
        "Early childhood",
        "אין מספיק גנים קרובים לבית בוואדי, ואמהות נאלצות ללכת רחוק.",
        FeedbackStatus.ANSWERED,
        (
            "Kindergartens in the Wadi are too far from home.",
            "The municipality opened two new classes at the Wadi community centre.",
        ),
        40,
        "Fund two more kindergarten classes in the Wadi",
    ),
    (
        Role.COMMUNITY_MEMBER,
        8,
        "ar",
        "Reading",
        "المكتبة في الحي تغلق مبكرًا ولا يستطيع الأطفال الدراسة فيها بعد المدرسة.",
        FeedbackStatus.IN_REVIEW,
        None,
        None,
        None,
    ),
    (
        None,
        200,
        "ar",
        "Reading",
        "نريد نادي قراءة باللغة العربية في هدار.",
        FeedbackStatus.ANSWERED,
        (
            "Children in Hadar need a reading club in Arabic.",
            "Hadar Community Centre opens one in the spring.",
        ),
        9,
        None,
    ),
    (
        None,
        250,
        "he",
        "Safety",
        "אין מעבר חצייה בטוח ליד בית הספר.",
        FeedbackStatus.ANSWERED,
        (
            "There is no safe crossing near the school.",
            "The municipality painted one and placed a crossing guard in the mornings.",
        ),
        21,
        None,
    ),
    (
        None,
        40,
        "en",
        "Work",
        "Young people in the Wadi cannot find summer jobs.",
        FeedbackStatus.RECEIVED,
        None,
        None,
        None,
    ),
    (
        None,
        12,
        "ar",
        "Early childhood",
        "الحضانات مكلفة جدًا للعائلات الكبيرة.",
        FeedbackStatus.RECEIVED,
        None,
        None,
        None,
    ),
]

# (kind, title, days from today, languages, participants, people by group: (dimension,
# category, count), paid: (people, amount) or None)
EVENTS = [
    (
        EventKind.LISTENING,
        "Listening session in the Wadi",
        -300,
        ["ar"],
        34,
        [("sector", "arab", 34), ("neighbourhood", "wadi", 30), ("neighbourhood", "unknown", 4)],
        (34, Decimal("3400")),
    ),
    (
        EventKind.SURVEY,
        "Parents' survey on kindergartens",
        -220,
        ["he", "ar"],
        412,
        [
            ("sector", "arab", 190),
            ("sector", "jewish", 150),
            ("sector", "haredi", 60),
            ("sector", "unknown", 12),
        ],
        None,
    ),
    (
        EventKind.FORUM,
        "Community forum on the common agenda",
        -150,
        ["he", "ar", "en"],
        85,
        [("sector", "arab", 40), ("sector", "jewish", 30), ("sector", "haredi", 15)],
        (20, Decimal("2000")),
    ),
    (
        EventKind.DATA_WALK,
        "Data walk: reading and school readiness",
        -60,
        ["he", "ar"],
        28,
        [
            ("neighbourhood", "wadi", 12),
            ("neighbourhood", "hadar", 9),
            ("neighbourhood", "old-city", 7),
        ],
        (28, Decimal("4200")),
    ),
    (
        EventKind.LISTENING,
        "Listening session in Hadar",
        -20,
        ["he", "ar"],
        22,
        [("neighbourhood", "hadar", 22)],
        (22, Decimal("2200")),
    ),
]
EVENT_SUMMARY = "Residents asked for services close to home, in their language."
PAYMENT_NOTE = "Stipend for time and travel"

# What the data walk's participants saw in the latest quarter it showed them: (indicator,
# language, what they said). The walk looked at these indicators.
DATA_WALK_INDICATORS = ["read3", "kready"]
INTERPRETATIONS = [
    (
        "read3",
        "he",
        "הפער בקריאה בוואדי לא נסגר כי אין ספרייה פתוחה אחר הצהריים — הילדים קוראים רק בבית הספר.",
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
