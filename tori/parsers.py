"""Request-body parsers of the API (REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"]).

Every body is checked once here, before any serializer sees it, so that no field of any
endpoint has to remember it:

* JSON nested deeper than MAX_JSON_DEPTH levels is refused before it is decoded (a deeply
  nested body made the decoder, and later the serializers, hit Python's recursion limit);
* text with a NUL or another control character (other than tab, line feed and carriage
  return) or an unpaired surrogate is refused with the name of the field: PostgreSQL cannot
  store NUL in text, a surrogate cannot be encoded, and the others are never typed by people.

Both answer 400 with a translated message (like every other validation error)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

from django.conf import settings
from django.http import QueryDict
from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers

MAX_JSON_DEPTH = 32

# C0 controls except \t \n \r, DEL, and the surrogate range (only unpaired ones reach a str)
FORBIDDEN_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
# a JSON string (with its escapes) or a bracket: strings are skipped whole
_JSON_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


def json_depth_exceeds(raw: bytes, limit: int) -> bool:
    """Whether the JSON text opens more than `limit` nested arrays or objects (brackets inside
    strings do not count). Linear, and never recursive."""
    depth = 0
    for match in _JSON_TOKENS.finditer(raw):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            if depth > limit:
                return True
        elif token in (b"]", b"}"):
            depth -= 1
    return False


def _strings(data, path: str = "") -> Iterator[tuple[str, str]]:
    """(field path, text) for every key and string value, iteratively (no recursion)."""
    stack = [(path, data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            yield where, value
        elif isinstance(value, dict):
            for key, item in value.items():
                name = f"{where}.{key}" if where else str(key)
                if isinstance(key, str):
                    yield name, key
                stack.append((name, item))
        elif isinstance(value, list | tuple):
            stack.extend((f"{where}[{i}]" if where else str(i), v) for i, v in enumerate(value))


def forbidden_character_field(data) -> str | None:
    """The path of the first field whose text has a forbidden character, if any."""
    if isinstance(data, QueryDict):
        data = {key: data.getlist(key) for key in data}
    for where, text in _strings(data):
        if FORBIDDEN_CHARACTERS.search(text):
            return where.split("[", 1)[0].split(".", 1)[0] or "detail"
    return None


def check_characters(data):
    """Raise a 400 naming the field when any text in `data` has a forbidden character."""
    field = forbidden_character_field(data)
    if field is not None:
        raise exceptions.ValidationError(
            {field: [_("Remove the control characters (such as NUL) from this text.")]}
        )
    return data


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser with a nesting limit and the character check."""

    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read() if stream is not None else b""
        limit = getattr(settings, "API_MAX_JSON_DEPTH", MAX_JSON_DEPTH)
        if json_depth_exceeds(raw, limit):
            raise exceptions.ParseError(
                _("The JSON is nested too deeply (at most %(limit)d levels).") % {"limit": limit}
            )
        try:
            data = super().parse(io.BytesIO(raw), media_type, parser_context)
        except RecursionError:  # never reached below the limit; kept as a last guard
            raise exceptions.ParseError(
                _("The JSON is nested too deeply (at most %(limit)d levels).") % {"limit": limit}
            ) from None
        return check_characters(data)


class FormParser(parsers.FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        return check_characters(super().parse(stream, media_type, parser_context))


class MultiPartParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        result = super().parse(stream, media_type, parser_context)
        check_characters(result.data)
        return result
