"""Which of the tenancy's fields people read in their own language (core.translation has the
helpers)."""

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
