from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from tori.i18n import with_lang

register = template.Library()

LANGUAGE_SELF_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in each language (for the switcher and hreflang links)."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = (get_language() or settings.LANGUAGE_CODE)[:2]
    return [
        {
            "code": code,
            "name": LANGUAGE_SELF_NAMES.get(code, code),
            "url": translate_url(path, code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]


@register.filter
def field_error_id(field):
    return f"{field.auto_id}-error"


@register.filter(name="with_lang")
def with_lang_filter(value):
    """{{ skill.label|with_lang }}: the label, wrapped in <span lang="fi"> (or en) when it fell
    back from the page's language to another one (see tori.i18n.localized)."""
    return with_lang(value)
