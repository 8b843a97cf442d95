"""Content that people read in their own language: stored once per language (English, Hebrew,
Arabic), falling back to English where a translation is missing."""

from modeltranslation.translator import TranslationOptions, register

from initiatives.models import Initiative, Organization, Result


@register(Initiative)
class InitiativeTranslation(TranslationOptions):
    fields = ("name", "vision", "problem_statement", "population_focus", "geography")


@register(Result)
class ResultTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name",)
