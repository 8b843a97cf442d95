"""The dimension library: common ways of breaking numbers down, with their categories, that
backbone staff add to an initiative in one step and then adapt. Plain data: each entry fills
the ordinary dimension form (``fields``, ``category_rows``), so nothing is saved until the
backbone has read it and pressed Save.

Names are content in English, Hebrew and Arabic (like a definitions file's), not interface
text; every entry ends with the unknown / not reported category, and marks a reference group
where one is usual (the majority or most advantaged group that gaps are measured against)."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.translation import CONTENT_LANGUAGES

# A name in each content language, in the order of CONTENT_LANGUAGES: English, Hebrew, Arabic.
Texts = tuple[str, str, str]


def _in_language(texts: Texts) -> str:
    """The text in the page's language, or the first language that has one."""
    language = (get_language() or CONTENT_LANGUAGES[0])[:2]
    preferred = CONTENT_LANGUAGES.index(language) if language in CONTENT_LANGUAGES else 0
    return texts[preferred] or next(text for text in texts if text)


def _named(field: str, texts: Texts) -> dict[str, str]:
    return {
        f"{field}_{language}": text for language, text in zip(CONTENT_LANGUAGES, texts, strict=True)
    }


@dataclass(frozen=True)
class LibraryCategory:
    code: str
    names: Texts
    reference: bool = False
    unknown: bool = False

    @property
    def name(self) -> str:
        return _in_language(self.names)


@dataclass(frozen=True)
class LibraryDimension:
    """A dimension the library offers: its code, names, what it is for, whether a person may
    belong to several of its categories, and its categories in display order."""

    code: str
    names: Texts
    about: str | Promise
    categories: tuple[LibraryCategory, ...]
    overlapping: bool = False

    @property
    def name(self) -> str:
        return _in_language(self.names)

    def fields(self) -> dict:
        """The dimension form's initial data."""
        return {"code": self.code, **_named("name", self.names), "overlapping": self.overlapping}

    def category_rows(self) -> list[dict]:
        """The category formset's initial rows, numbered in display order."""
        return [
            {
                "code": category.code,
                **_named("name", category.names),
                "is_reference": category.reference,
                "is_unknown": category.unknown,
                "order": order,
            }
            for order, category in enumerate(self.categories, start=1)
        ]


UNKNOWN = LibraryCategory("unknown", ("Not reported", "לא דווח", "غير مُبلَّغ"), unknown=True)

LIBRARY: tuple[LibraryDimension, ...] = (
    LibraryDimension(
        "gender",
        ("Gender", "מגדר", "الجنس"),
        _("As people describe themselves; keep a category for those not reported."),
        (
            LibraryCategory("f", ("Female", "נקבה", "أنثى"), reference=True),
            LibraryCategory("m", ("Male", "זכר", "ذكر")),
            LibraryCategory("other", ("Non-binary / other", "א-בינארי / אחר", "غير ثنائي / آخر")),
            UNKNOWN,
        ),
    ),
    LibraryDimension(
        "age",
        ("Age band", "קבוצת גיל", "الفئة العمرية"),
        _(
            "Bands from early childhood to old age; merge or split them to match the ages "
            "your partners record."
        ),
        (
            LibraryCategory("0-4", ("0–4", "0–4", "0–4")),
            LibraryCategory("5-9", ("5–9", "5–9", "5–9")),
            LibraryCategory("10-14", ("10–14", "10–14", "10–14")),
            LibraryCategory("15-17", ("15–17", "15–17", "15–17")),
            LibraryCategory("18-24", ("18–24", "18–24", "18–24")),
            LibraryCategory("25-44", ("25–44", "25–44", "25–44"), reference=True),
            LibraryCategory("45-64", ("45–64", "45–64", "45–64")),
            LibraryCategory("65-plus", ("65+", "65+", "65+")),
            UNKNOWN,
        ),
    ),
    LibraryDimension(
        "sector",
        ("Population group", "מגזר", "المجموعة السكانية"),
        _(
            "Israel's population groups as policy uses them; Haredi (ultra-Orthodox) people "
            "are counted apart from other Jewish people so that the groups do not overlap."
        ),
        (
            LibraryCategory(
                "jewish",
                ("Jewish (non-Haredi)", "יהודי (לא חרדי)", "يهودي (غير حريدي)"),
                reference=True,
            ),
            LibraryCategory(
                "haredi",
                ("Haredi (ultra-Orthodox)", "חרדי", "حريدي (يهودي متديّن متشدّد)"),
            ),
            LibraryCategory("arab", ("Arab", "ערבי", "عربي")),
            LibraryCategory("other", ("Other", "אחר", "آخر")),
            UNKNOWN,
        ),
    ),
    LibraryDimension(
        "race-ethnicity",
        (
            "Race and ethnicity (US)",
            "גזע ומוצא אתני (ארה״ב)",
            "العرق والإثنية (الولايات المتحدة)",
        ),
        _(
            "The seven minimum categories of the 2024 US federal standard (SPD 15), asked as "
            "one question where people may choose all that apply: the categories overlap."
        ),
        (
            LibraryCategory(
                "aian",
                (
                    "American Indian or Alaska Native",
                    "אינדיאני אמריקאי או יליד אלסקה",
                    "هندي أمريكي أو من سكان ألاسكا الأصليين",
                ),
            ),
            LibraryCategory("asian", ("Asian", "אסייתי", "آسيوي")),
            LibraryCategory(
                "black",
                (
                    "Black or African American",
                    "שחור או אפרו-אמריקאי",
                    "أسود أو أمريكي من أصل أفريقي",
                ),
            ),
            LibraryCategory(
                "hispanic",
                ("Hispanic or Latino", "היספני או לטיני", "من أصل إسباني أو لاتيني"),
            ),
            LibraryCategory(
                "mena",
                (
                    "Middle Eastern or North African",
                    "מזרח תיכוני או צפון אפריקאי",
                    "من الشرق الأوسط أو شمال أفريقيا",
                ),
            ),
            LibraryCategory(
                "nhpi",
                (
                    "Native Hawaiian or Pacific Islander",
                    "יליד הוואי או איי האוקיינוס השקט",
                    "من سكان هاواي الأصليين أو جزر المحيط الهادئ",
                ),
            ),
            LibraryCategory("white", ("White", "לבן", "أبيض"), reference=True),
            UNKNOWN,
        ),
        overlapping=True,
    ),
    LibraryDimension(
        "neighbourhood",
        ("Neighbourhood", "שכונה", "الحي"),
        _("Placeholders: rename them to your neighbourhoods and add as many as you need."),
        (
            LibraryCategory("a", ("Neighbourhood A", "שכונה א׳", "الحي أ")),
            LibraryCategory("b", ("Neighbourhood B", "שכונה ב׳", "الحي ب")),
            LibraryCategory("c", ("Neighbourhood C", "שכונה ג׳", "الحي ج")),
            UNKNOWN,
        ),
    ),
    LibraryDimension(
        "income",
        ("Income", "הכנסה", "الدخل"),
        _(
            "Household income against the poverty line; replace the bands with quintiles or "
            "your partners' own bands if they record those."
        ),
        (
            LibraryCategory(
                "below-poverty",
                ("Below the poverty line", "מתחת לקו העוני", "تحت خط الفقر"),
            ),
            LibraryCategory("low", ("Low income", "הכנסה נמוכה", "دخل منخفض")),
            LibraryCategory("middle", ("Middle income", "הכנסה בינונית", "دخل متوسط")),
            LibraryCategory("high", ("High income", "הכנסה גבוהה", "دخل مرتفع"), reference=True),
            UNKNOWN,
        ),
    ),
)


def library_entry(code: str) -> LibraryDimension | None:
    return next((entry for entry in LIBRARY if entry.code == code), None)
