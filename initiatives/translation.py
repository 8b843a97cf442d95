"""Content that people read in their own language: stored once per language (English, Hebrew,
Arabic), falling back to English where a translation is missing."""

from modeltranslation.translator import TranslationOptions, register

from initiatives.models import Initiative, Organization, Result

# The languages translated content is kept in, in the order forms show them.
CONTENT_LANGUAGES = ("en", "he", "ar")


def translated_fields(*names: str) -> list[str]:
    """The per-language fields of translated content: name_en, name_he, name_ar, …"""
    return [f"{name}_{language}" for name in names for language in CONTENT_LANGUAGES]


@register(Initiative)
class InitiativeTranslation(TranslationOptions):
    fields = ("name", "vision", "problem_statement", "population_focus", "geography")


@register(Result)
class ResultTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name",)
