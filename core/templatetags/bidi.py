"""Text people typed, set apart from the page's own direction.

``{{ meeting.title|bdi }}`` writes a name or title someone typed (or a code such as "2024-Q4")
inside ``<bdi>``, so that a Hebrew title in an English sentence, or an English one in an Arabic
sentence, neither takes the sentence's punctuation nor reorders what stands beside it.
``{{ indicator|in_own_language:"name" }}`` writes a translated field (core.translation) as the
reader sees it; where the reader's language has no text and another language's is shown
instead, it says which (``<bdi lang="he" dir="rtl">``), so that screen readers speak it in its
own voice and it runs in its own direction. Inside a sentence, ``|in_own_language:"name"|bdi``
sets the name apart either way.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language_info

from core.translation import language_shown, reader_language

register = template.Library()


@register.filter
def bdi(text) -> str:
    if text in (None, ""):
        return ""
    if isinstance(text, SafeString) and text.startswith("<bdi"):
        return text  # already set apart, by in_own_language
    return format_html("<bdi>{}</bdi>", text)


@register.filter
def in_own_language(record, name: str) -> str:
    text = getattr(record, name, "") or ""
    language = language_shown(record, name)
    if not text or language == reader_language():
        return format_html("{}", text)
    direction = "rtl" if get_language_info(language)["bidi"] else "ltr"
    return format_html('<bdi lang="{}" dir="{}">{}</bdi>', language, direction, text)
