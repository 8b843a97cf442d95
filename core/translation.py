"""Content people read in their own language (names, titles, texts) is stored once per
language by django-modeltranslation: ``name_en``, ``name_he``, ``name_ar``, English being the
fallback. These are the only helpers that know that naming."""

from collections.abc import Mapping

from django.db import models
from modeltranslation.translator import TranslationOptions, translator

# The languages translated content is kept in, in the order forms show them; English first.
CONTENT_LANGUAGES = ("en", "he", "ar")


def translated_fields(*names: str) -> list[str]:
    """The per-language fields of translated content: name_en, name_he, name_ar, …"""
    return [f"{name}_{language}" for name in names for language in CONTENT_LANGUAGES]


def translations_of(instance, *names: str) -> dict[str, str]:
    """Every language's text of each field, as stored: {"name_en": …, "name_he": …}, "" where
    a language has none."""
    return {field: getattr(instance, field) or "" for field in translated_fields(*names)}


def register_translated(fields_of: Mapping[type[models.Model], tuple[str, ...]]) -> None:
    """Have django-modeltranslation keep each model's listed fields once per language. Called
    from an app's ``translation`` module, which modeltranslation imports at start-up."""
    for model, fields in fields_of.items():
        options = type(f"{model.__name__}Translation", (TranslationOptions,), {"fields": fields})
        translator.register(model, options)
