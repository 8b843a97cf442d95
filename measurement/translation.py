from modeltranslation.translator import TranslationOptions, register

from measurement.models import Category, Dimension, Indicator


@register(Dimension)
class DimensionTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name",)


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "definition")
