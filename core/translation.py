"""Content people read in their own language (names, titles, texts) is stored once per
language by django-modeltranslation: ``name_en``, ``name_he``, ``name_ar``, English being the
fallback. These are the only helpers that know that naming."""

from collections.abc import Mapping

from django.conf import settings
from django.db import models
from modeltranslation.translator import TranslationOptions, translator
from modeltranslation.utils import get_language

# The languages translated content is kept in, in the order forms show them; English first.
CONTENT_LANGUAGES = ("en", "he", "ar")


def translated_fields(*names: str) -> list[str]:
    """The per-language fields of translated content: name_en, name_he, name_ar, …"""
    return [f"{name}_{language}" for name in names for language in CONTENT_LANGUAGES]


def translations_of(instance, *names: str) -> dict[str, str]:
    """Every language's text of each field, as stored: {"name_en": …, "name_he": …}, "" where
    a language has none."""
    return {field: getattr(instance, field) or "" for field in translated_fields(*names)}


def reader_language() -> str:
    """The language of the page being made, one of the content languages."""
    return get_language()


def language_shown(instance, name: str) -> str:
    """The language of the text a page shows for a translated field: the reader's where it has
    one, else the first of the fallback languages that has. Untranslated fields (and records
    without the field) are taken to be in the reader's language."""
    reader = reader_language()
    for language in (reader, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES):
        if getattr(instance, f"{name}_{language}", None):
            return language
    return reader


def register_translated(fields_of: Mapping[type[models.Model], tuple[str, ...]]) -> None:
    """Have django-modeltranslation keep each model's listed fields once per language. Called
    from an app's ``translation`` module, which modeltranslation imports at start-up."""
    for model, fields in fields_of.items():
        options = type(f"{model.__name__}Translation", (TranslationOptions,), {"fields": fields})
        translator.register(model, options)
