"""Rich text in service descriptions: a small safe subset of HTML (nh3), nothing else."""

import html
import re

import nh3

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "h3", "h4", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
_TAG = re.compile(r"<[^>]*>")


def clean_html(value: str) -> str:
    """Keep paragraphs, lists, emphasis and plain links; drop scripts, styles, handlers."""
    if not value:
        return ""
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        clean_content_tags={"script", "style"},
    ).strip()


def clean_text(value: str) -> str:
    """Plain-text fields: no markup at all (tags removed, text kept)."""
    if not value:
        return ""
    return html.unescape(
        nh3.clean(value, tags=set(), clean_content_tags={"script", "style"})
    ).strip()


def strip_tags(value: str) -> str:
    return html.unescape(_TAG.sub(" ", value or ""))
