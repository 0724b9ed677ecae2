"""Multilingual fields (`name_fi`, `name_sv`, `name_en`, …) in the active language.

`localized()` is the one place that picks the text and its fallback: the active language,
then Finnish, then English. The result is a `LocalizedText` — a plain str that also knows the
language it is in — so a page can mark a fallback with `lang` (template filter `with_lang`)."""

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

FALLBACK_LANGUAGES = ("fi", "en")


class LocalizedText(str):
    """A str in language `lang` (empty when unknown)."""

    def __new__(cls, text: str = "", lang: str = ""):
        obj = super().__new__(cls, text)
        obj.lang = lang
        return obj

    def __reduce__(self):
        return (LocalizedText, (str(self), self.lang))


def active_language() -> str:
    return (get_language() or "fi")[:2]


def pick(texts: dict[str, str], language: str | None = None) -> LocalizedText:
    """The text of `language` (default: the active one), else the first fallback that has one."""
    language = language or active_language()
    for lang in (language, *FALLBACK_LANGUAGES):
        if texts.get(lang):
            return LocalizedText(texts[lang], lang)
    return LocalizedText("", "")


def localized(obj, field: str, language: str | None = None) -> LocalizedText:
    """`obj.<field>_<language>`, falling back to Finnish, then English."""
    language = language or active_language()
    return pick(
        {lang: getattr(obj, f"{field}_{lang}", "") for lang in (language, *FALLBACK_LANGUAGES)},
        language,
    )


def with_lang(value, language: str | None = None) -> SafeString:
    """HTML for `value`: escaped as is when it is in the page's language (or its language is
    unknown), else wrapped in <span lang="…"> so that screen readers pronounce it right."""
    lang = getattr(value, "lang", "")
    if not lang or lang == (language or active_language()):
        return conditional_escape(value)
    return format_html('<span lang="{}">{}</span>', lang, value)
