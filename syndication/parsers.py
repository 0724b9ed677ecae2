"""Partner feeds → plain job-ad records (no Django, no network).

* ``parse_json_feed`` — the Tori JSON job feed (docs/job-feed-format.md);
* ``parse_jsonld_page`` — schema.org ``JobPosting`` objects in the JSON-LD blocks of a page;
* ``parse_sitemap`` — the page addresses of a sitemap (or a sitemap index's sitemaps).

A record that cannot be used is reported as an ItemError next to the good ones; a document
that cannot be read at all raises ParseError.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from xml.etree import ElementTree as ET  # noqa: S405 - DTDs and entities are refused below

FEED_VERSION = "tori-job-feed/1"
MAX_ITEMS = 20_000


class ParseError(Exception):
    pass


@dataclass
class ItemError:
    item: str
    error: str


@dataclass
class RawAd:
    original_id: str
    title: str
    original_url: str = ""
    description: str = ""
    language: str = ""  # fi/sv/en when the source says so
    translations: dict[str, dict[str, str]] = field(default_factory=dict)  # lang → title/desc
    employer_name: str = ""
    business_id: str = ""
    municipality: str = ""  # code (3 digits) or name
    postal_code: str = ""
    street_address: str = ""
    application_url: str = ""
    application_email: str = ""
    valid_through: datetime.date | None = None
    date_posted: datetime.date | None = None
    work_time: str = ""  # "01" full-time, "02" part-time
    continuity: str = ""  # "01" permanent, "02" fixed-term, …
    remote: bool = False


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (str, int, float)):
        return str(value).strip()
    return ""


def _date(value) -> datetime.date | None:
    text = _text(value)
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text[:10])
    except ValueError:
        return None


EMPLOYMENT_TYPES = {
    "FULL_TIME": ("01", ""),
    "PART_TIME": ("02", ""),
    "TEMPORARY": ("", "02"),
    "CONTRACTOR": ("", "02"),
    "SEASONAL": ("", "0201"),
    "INTERN": ("", "02"),
    "PERMANENT": ("", "01"),
}


def _employment(value) -> tuple[str, str]:
    values = value if isinstance(value, list) else [value]
    work_time, continuity = "", ""
    for item in values:
        wt, co = EMPLOYMENT_TYPES.get(_text(item).upper().replace("-", "_"), ("", ""))
        work_time, continuity = work_time or wt, continuity or co
    return work_time, continuity


# --- the Tori JSON feed ------------------------------------------------------------------------


def _localised(value) -> dict[str, str]:
    if isinstance(value, dict):
        return {lang: _text(value.get(lang)) for lang in ("fi", "sv", "en") if value.get(lang)}
    text = _text(value)
    return {"": text} if text else {}


def parse_json_feed(body: bytes) -> tuple[list[RawAd], list[ItemError]]:
    try:
        document = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ParseError(f"not valid JSON: {error}") from None
    if not isinstance(document, dict) or not isinstance(document.get("items"), list):
        raise ParseError('not a Tori job feed: expected an object with an "items" list')
    version = _text(document.get("version"))
    if version and version != FEED_VERSION:
        raise ParseError(f"unsupported feed version {version!r} (expected {FEED_VERSION})")
    ads, errors = [], []
    for position, item in enumerate(document["items"][:MAX_ITEMS]):
        if not isinstance(item, dict):
            errors.append(ItemError(f"#{position + 1}", "item is not an object"))
            continue
        original_id = _text(item.get("id"))
        if not original_id:
            errors.append(ItemError(f"#{position + 1}", "item has no id"))
            continue
        titles = _localised(item.get("title"))
        descriptions = _localised(item.get("description"))
        employer = item.get("employer") if isinstance(item.get("employer"), dict) else {}
        location = item.get("location") if isinstance(item.get("location"), dict) else {}
        apply = item.get("apply") if isinstance(item.get("apply"), dict) else {}
        work_time, continuity = _employment(item.get("employment_type"))
        language = next((lang for lang in ("fi", "sv", "en") if lang in titles), "")
        ads.append(
            RawAd(
                original_id=original_id[:500],
                original_url=_text(item.get("url")),
                title=titles.get(language) or titles.get("", ""),
                description=descriptions.get(language) or descriptions.get("", ""),
                language=language,
                translations={
                    lang: {"title": titles.get(lang, ""), "description": descriptions.get(lang, "")}
                    for lang in ("fi", "sv", "en")
                    if lang in titles
                },
                employer_name=_text(employer.get("name")),
                business_id=_text(employer.get("business_id")),
                municipality=_text(location.get("municipality_code"))
                or _text(location.get("municipality")),
                postal_code=_text(location.get("postal_code")),
                street_address=_text(location.get("street_address")),
                application_url=_text(apply.get("url")),
                application_email=_text(apply.get("email")),
                valid_through=_date(item.get("valid_through")),
                date_posted=_date(item.get("date_posted")),
                work_time=work_time,
                continuity=continuity,
                remote=bool(item.get("remote") is True),
            )
        )
    return ads, errors


# --- schema.org JobPosting in JSON-LD ----------------------------------------------------------


class _JsonLdScripts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._inside = False
        self._buffer: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script" and (dict(attrs).get("type") or "").lower() == "application/ld+json":
            self._inside, self._buffer = True, []

    def handle_endtag(self, tag):
        if tag == "script" and self._inside:
            self.blocks.append("".join(self._buffer))
            self._inside = False

    def handle_data(self, data):
        if self._inside:
            self._buffer.append(data)


def _walk_postings(node, found: list[dict]) -> None:
    if isinstance(node, list):
        for item in node:
            _walk_postings(item, found)
    elif isinstance(node, dict):
        types = node.get("@type")
        types = types if isinstance(types, list) else [types]
        if "JobPosting" in types:
            found.append(node)
        for key in ("@graph", "itemListElement", "item", "mainEntity"):
            if key in node:
                _walk_postings(node[key], found)


def _first(value):
    return value[0] if isinstance(value, list) and value else value


def _identifier(value) -> str:
    value = _first(value)
    if isinstance(value, dict):
        return _text(value.get("value")) or _text(value.get("@id"))
    return _text(value)


def _posting(node: dict, page_url: str, position: int) -> RawAd:
    organisation = _first(node.get("hiringOrganization"))
    organisation = organisation if isinstance(organisation, dict) else {"name": organisation}
    location = _first(node.get("jobLocation"))
    address = location.get("address") if isinstance(location, dict) else {}
    address = _first(address)
    address = address if isinstance(address, dict) else {}
    url = _text(node.get("url")) or page_url
    original_id = _identifier(node.get("identifier")) or _text(node.get("@id")) or url
    if not original_id:
        original_id = f"{page_url}#{position}"
    work_time, continuity = _employment(node.get("employmentType"))
    language = _text(node.get("inLanguage"))[:2].lower()
    apply = _first(node.get("directApply"))
    return RawAd(
        original_id=original_id[:500],
        original_url=url,
        title=_text(node.get("title")),
        description=_text(node.get("description")),
        language=language if language in ("fi", "sv", "en") else "",
        employer_name=_text(organisation.get("name")),
        business_id=_identifier(organisation.get("identifier"))
        or _text(organisation.get("taxID"))
        or _text(organisation.get("vatID")),
        municipality=_text(address.get("addressLocality")),
        postal_code=_text(address.get("postalCode")),
        street_address=_text(address.get("streetAddress")),
        application_url=_text(apply) if isinstance(apply, str) else "",
        valid_through=_date(node.get("validThrough")),
        date_posted=_date(node.get("datePosted")),
        work_time=work_time,
        continuity=continuity,
        remote=_text(node.get("jobLocationType")).upper() == "TELECOMMUTE",
    )


def parse_jsonld_page(body: bytes, page_url: str = "") -> tuple[list[RawAd], list[ItemError]]:
    html = body.decode("utf-8", errors="replace")
    collector = _JsonLdScripts()
    collector.feed(html)
    collector.close()
    postings: list[dict] = []
    errors: list[ItemError] = []
    for number, block in enumerate(collector.blocks, start=1):
        try:
            _walk_postings(json.loads(block), postings)
        except json.JSONDecodeError as error:
            errors.append(ItemError(f"{page_url} JSON-LD block {number}", f"invalid JSON: {error}"))
    if not postings and not errors:
        errors.append(ItemError(page_url, "no schema.org JobPosting on the page"))
    ads = [_posting(node, page_url, i) for i, node in enumerate(postings[:MAX_ITEMS])]
    return ads, errors


# --- sitemaps ----------------------------------------------------------------------------------

_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def parse_sitemap(body: bytes) -> tuple[list[str], list[str]]:
    """(page addresses, nested sitemap addresses) of a sitemap or sitemap index."""
    if _DTD.search(body[:4096]) or _DTD.search(body):
        raise ParseError("sitemaps with a DTD or entities are refused")
    try:
        root = ET.fromstring(body)  # noqa: S314 - no DTD, no entities (checked above)
    except ET.ParseError as error:
        raise ParseError(f"not valid XML: {error}") from None
    pages, sitemaps = [], []
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] != "loc" or not (element.text or "").strip():
            continue
        parent_is_sitemap = root.tag.rsplit("}", 1)[-1] == "sitemapindex"
        (sitemaps if parent_is_sitemap else pages).append(element.text.strip())
    if root.tag.rsplit("}", 1)[-1] not in ("urlset", "sitemapindex"):
        raise ParseError("not a sitemap: expected <urlset> or <sitemapindex>")
    return pages[:MAX_ITEMS], sitemaps[:100]
