"""Feed parsing: pure functions, no database or network."""

import json

import pytest

from syndication import parsers


def test_parse_json_feed__reads_localised_fields():
    body = json.dumps(
        {
            "version": "tori-job-feed/1",
            "items": [
                {
                    "id": "1",
                    "title": {"sv": "Svetsare", "en": "Welder"},
                    "description": {"sv": "Svetsning", "en": "Welding"},
                    "employment_type": ["PART_TIME", "TEMPORARY"],
                    "remote": True,
                }
            ],
        }
    ).encode()
    ads, errors = parsers.parse_json_feed(body)
    assert errors == []
    ad = ads[0]
    assert (ad.title, ad.language, ad.work_time, ad.continuity, ad.remote) == (
        "Svetsare",
        "sv",
        "02",
        "02",
        True,
    )
    assert ad.translations["en"] == {"title": "Welder", "description": "Welding"}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<html>", "not valid JSON"),
        (b"[]", 'not a Tori job feed: expected an object with an "items" list'),
        (b'{"version": "other/2", "items": []}', "unsupported feed version 'other/2'"),
        (b"\xff\xfe", "not valid JSON"),
    ],
)
def test_parse_json_feed__unreadable_documents_raise(body, message):
    with pytest.raises(parsers.ParseError, match=message.replace("(", r"\(")):
        parsers.parse_json_feed(body)


def test_parse_jsonld_page__finds_postings_in_graph_and_reports_bad_blocks():
    graph = {
        "@graph": [
            {"@type": "WebPage"},
            {"@type": "JobPosting", "title": "Kokki", "url": "https://x/1"},
        ]
    }
    html = (
        f'<script type="application/ld+json">{json.dumps(graph)}</script>'
        '<script type="application/ld+json">{broken</script>'
    )
    ads, errors = parsers.parse_jsonld_page(html.encode(), "https://x/page")
    assert [(ad.original_id, ad.title) for ad in ads] == [("https://x/1", "Kokki")]
    assert [e.item for e in errors] == ["https://x/page JSON-LD block 2"]


def test_parse_jsonld_page__page_without_postings_is_an_item_error():
    ads, errors = parsers.parse_jsonld_page(b"<html><p>Hello</p></html>", "https://x/page")
    assert ads == []
    assert [(e.item, e.error) for e in errors] == [
        ("https://x/page", "no schema.org JobPosting on the page")
    ]


def test_parse_sitemap__pages_and_index():
    namespace = b'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    urlset = b"<urlset " + namespace + b"><url><loc> https://x/1 </loc></url></urlset>"
    index = (
        b"<sitemapindex " + namespace + b"><sitemap><loc>https://x/s.xml</loc></sitemap>"
        b"</sitemapindex>"
    )
    assert parsers.parse_sitemap(urlset) == (["https://x/1"], [])
    assert parsers.parse_sitemap(index) == ([], ["https://x/s.xml"])


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><urlset/>', "DTD"),
        (b"<urlset><url>", "not valid XML"),
        (b"<rss/>", "not a sitemap"),
    ],
)
def test_parse_sitemap__refuses_bad_documents(body, message):
    with pytest.raises(parsers.ParseError, match=message):
        parsers.parse_sitemap(body)
