import datetime
import json
import socket

import pytest
from django.utils import timezone

from jobs.models import JobAd
from profiles.models import EmployerOrganisation
from syndication import services
from syndication.models import FeedRun, ImportedOrganisation, JobAdSource, PartnerFeed
from tests.factories import EmployerOrganisationFactory, in_days
from tests.local_http import PUBLIC_IP, fake_network, serve
from tests.syndication.conftest import feed_item, write_feed

pytestmark = pytest.mark.django_db


def make_feed(url, kind=PartnerFeed.Kind.JSON_FEED, **kwargs):
    return PartnerFeed.objects.create(
        name=kwargs.pop("name", "Partner A"), kind=kind, url=url, **kwargs
    )


def test_feed_import__creates_published_ads_with_provenance(feed_server, tampere):
    # given
    root, base = feed_server
    write_feed(root, "feed.json", [feed_item(1), feed_item(2)])
    feed = make_feed(f"{base}/feed.json")
    # when
    run = services.feed_import(feed=feed)
    # then
    assert (run.status, run.items, run.created, run.updated, run.errors) == ("ok", 2, 2, 0, [])
    source = JobAdSource.objects.get(feed=feed, original_id="ad-1")
    assert source.original_url == "https://partner.example/jobs/1"
    assert source.first_seen == source.last_seen == run.started_at
    job_ad = source.job_ad
    assert job_ad.status == JobAd.Status.PUBLISHED
    assert job_ad.title_fi == "Hitsaaja 1"
    assert job_ad.description_fi == "<p>Hitsaustöitä konepajassa numero 1.</p>"
    assert job_ad.municipality_id == "837"
    assert job_ad.application_deadline == in_days(20)
    assert job_ad.application_url == "https://partner.example/jobs/1/apply"
    assert job_ad.organisation.business_id == "0737546-2"
    feed.refresh_from_db()
    assert (feed.last_status, feed.last_error) == ("ok", "")


def test_feed_import__second_run_is_idempotent(feed_server, tampere):
    # given
    root, base = feed_server
    write_feed(root, "feed.json", [feed_item(1)])
    feed = make_feed(f"{base}/feed.json")
    services.feed_import(feed=feed)
    later = timezone.now() + datetime.timedelta(hours=1)
    # when
    run = services.feed_import(feed=feed, now=later)
    # then
    assert (run.created, run.updated, run.unchanged) == (0, 0, 1)
    assert JobAd.objects.count() == 1
    assert JobAdSource.objects.get().last_seen == later


def test_feed_import__changed_ad_is_updated_in_place(feed_server, tampere):
    root, base = feed_server
    write_feed(root, "feed.json", [feed_item(1)])
    feed = make_feed(f"{base}/feed.json")
    services.feed_import(feed=feed)
    write_feed(root, "feed.json", [feed_item(1, title={"fi": "Hitsaaja-levyseppä"})])
    run = services.feed_import(feed=feed, now=timezone.now() + datetime.timedelta(hours=1))
    assert (run.created, run.updated) == (0, 1)
    assert list(JobAd.objects.values_list("title_fi", flat=True)) == ["Hitsaaja-levyseppä"]


def test_feed_import__ad_that_leaves_the_feed_expires(feed_server, tampere):
    # given
    root, base = feed_server
    write_feed(root, "feed.json", [feed_item(1), feed_item(2)])
    feed = make_feed(f"{base}/feed.json")
    services.feed_import(feed=feed)
    write_feed(root, "feed.json", [feed_item(2)])
    # when
    run = services.feed_import(feed=feed, now=timezone.now() + datetime.timedelta(hours=1))
    # then
    assert run.expired == 1
    gone = JobAdSource.objects.get(original_id="ad-1")
    assert gone.gone_at is not None
    assert gone.job_ad.status == JobAd.Status.EXPIRED
    assert JobAdSource.objects.get(original_id="ad-2").job_ad.status == JobAd.Status.PUBLISHED


def test_feed_import__malformed_feed_fails_alone_and_expires_nothing(feed_server, tampere):
    # given
    root, base = feed_server
    write_feed(root, "good.json", [feed_item(1)])
    broken = make_feed(f"{base}/broken.json", name="Broken")
    good = make_feed(f"{base}/good.json", name="Good")
    (root / "broken.json").write_text(
        json.dumps({"version": "tori-job-feed/1", "items": [feed_item(9)]})
    )
    services.feed_import(feed=broken)
    (root / "broken.json").write_text('{"items": [ {"id": "x", ', encoding="utf-8")
    # when
    failed = services.feed_import(feed=broken, now=timezone.now() + datetime.timedelta(hours=1))
    ok = services.feed_import(feed=good)
    # then
    assert failed.status == "failed"
    assert failed.errors[0]["error"].startswith("not valid JSON")
    broken.refresh_from_db()
    assert broken.last_status == "failed"
    assert JobAdSource.objects.get(original_id="ad-9").job_ad.status == JobAd.Status.PUBLISHED
    assert (ok.status, ok.created) == ("ok", 1)


def test_feed_import__missing_feed_is_reported(feed_server, tampere):
    _root, base = feed_server
    run = services.feed_import(feed=make_feed(f"{base}/nothing-here.json"))
    assert (run.status, run.errors) == ("failed", [{"item": "", "error": "HTTP 404"}])


def test_feed_import__timeout_is_reported(feed_server, tampere):
    # given: the server answers after three seconds, the feed waits one
    root, base = feed_server
    write_feed(root, "slow.json", [feed_item(1)])
    feed = make_feed(f"{base}/slow.json", timeout_seconds=1)
    # when
    run = services.feed_import(feed=feed)
    # then
    assert (run.status, run.errors) == ("failed", [{"item": "", "error": "timed out after 1 s"}])
    assert JobAd.objects.exists() is False


def test_feed_import__20_mb_feed_is_refused(feed_server, tampere):
    # given
    root, base = feed_server
    (root / "huge.json").write_bytes(b'{"items": [' + b" " * (20 * 1024 * 1024) + b"]}")
    feed = make_feed(f"{base}/huge.json")
    # when
    run = services.feed_import(feed=feed)
    # then
    assert run.status == "failed"
    assert run.errors == [
        {"item": "", "error": f"response too large: {20 * 1024 * 1024 + 13} bytes (limit 10000000)"}
    ]
    assert JobAd.objects.exists() is False


def test_feed_import__ad_without_title_is_reported_and_others_kept(feed_server, tampere):
    root, base = feed_server
    write_feed(root, "feed.json", [feed_item(1, title={"fi": "  "}), feed_item(2), "not an object"])
    run = services.feed_import(feed=make_feed(f"{base}/feed.json"))
    assert run.status == "partial"
    assert run.created == 1
    assert run.errors == [
        {"item": "#3", "error": "item is not an object"},
        {"item": "ad-1", "error": "the ad has no title"},
    ]
    assert list(JobAd.objects.values_list("title_fi", flat=True)) == ["Hitsaaja 2"]


def test_feed_import__html_in_feed_text_is_sanitised(feed_server, tampere):
    root, base = feed_server
    item = feed_item(
        1,
        title={"fi": "<b>Hitsaaja</b><script>alert(1)</script>"},
        description={"fi": '<p onclick="x()">Työ<script>alert(2)</script></p><img src=x>'},
    )
    write_feed(root, "feed.json", [item])
    services.feed_import(feed=make_feed(f"{base}/feed.json"))
    job_ad = JobAd.objects.get()
    assert job_ad.title_fi == "Hitsaaja"
    assert job_ad.description_fi == "<p>Työ</p>"


def test_feed_import__unknown_municipality_and_past_deadline_are_reported(feed_server, tampere):
    root, base = feed_server
    write_feed(
        root,
        "feed.json",
        [
            feed_item(1, location={"municipality": "Atlantis"}),
            feed_item(2, valid_through=in_days(-3).isoformat()),
        ],
    )
    run = services.feed_import(feed=make_feed(f"{base}/feed.json"))
    assert run.errors == [
        {"item": "ad-1", "error": "unknown municipality: Atlantis"},
        {"item": "ad-2", "error": f"the application period ended on {in_days(-3).isoformat()}"},
    ]


def test_feed_import__employer_matched_by_business_id_then_name_else_created(feed_server, tampere):
    # given
    root, base = feed_server
    by_id = EmployerOrganisationFactory(name="Toinen nimi Oy", business_id="0737546-2")
    by_name = EmployerOrganisationFactory(name="Nimellä Löytyvä Oy")
    write_feed(
        root,
        "feed.json",
        [
            feed_item(1),
            feed_item(2, employer={"name": "nimellä löytyvä oy"}),
            feed_item(3, employer={"name": "Uusi Työnantaja Oy"}),
            feed_item(4, employer={"name": "Uusi Työnantaja Oy"}),
        ],
    )
    # when
    services.feed_import(feed=make_feed(f"{base}/feed.json"))
    # then
    owners = dict(JobAdSource.objects.values_list("original_id", "job_ad__organisation_id"))
    assert owners["ad-1"] == by_id.pk
    assert owners["ad-2"] == by_name.pk
    assert owners["ad-3"] == owners["ad-4"]
    created = EmployerOrganisation.objects.get(pk=owners["ad-3"])
    assert created.name == "Uusi Työnantaja Oy"
    assert created.business_id.startswith("X")
    assert len(created.business_id) == 9
    assert created.imported.has_placeholder_business_id is True
    assert ImportedOrganisation.objects.count() == 1


def test_feed_import__jsonld_page(feed_server, tampere):
    # given
    root, base = feed_server
    posting = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "identifier": {"@type": "PropertyValue", "value": "J-77"},
        "title": "Sähköasentaja",
        "description": "<p>Asennustöitä.</p>",
        "hiringOrganization": {"@type": "Organization", "name": "Sähkö Oy"},
        "jobLocation": {"@type": "Place", "address": {"addressLocality": "Tampere"}},
        "validThrough": in_days(10).isoformat(),
        "employmentType": "PART_TIME",
    }
    script = f'<script type="application/ld+json">{json.dumps(posting)}</script>'
    page = f"<html><head>{script}</head></html>"
    (root / "page.html").write_text(page, encoding="utf-8")
    feed = make_feed(f"{base}/page.html", kind=PartnerFeed.Kind.JSONLD_PAGE)
    # when
    run = services.feed_import(feed=feed)
    # then
    assert (run.status, run.created) == ("ok", 1)
    job_ad = JobAdSource.objects.get(original_id="J-77").job_ad
    assert (job_ad.title_fi, job_ad.work_time, job_ad.application_url) == (
        "Sähköasentaja",
        "02",
        f"{base}/page.html",
    )


def test_feed_import__sitemap_reads_each_page_and_reports_broken_ones(feed_server, tampere):
    # given
    root, base = feed_server
    for number in (1, 2):
        posting = {
            "@type": "JobPosting",
            "title": f"Kokki {number}",
            "description": "Ravintolatyötä.",
            "hiringOrganization": {"name": "Ravintola Oy"},
            "jobLocation": {"address": {"addressLocality": "Tampere"}},
            "validThrough": in_days(10).isoformat(),
        }
        (root / f"job{number}.html").write_text(
            f'<script type="application/ld+json">{json.dumps(posting)}</script>', encoding="utf-8"
        )
    urls = "".join(
        f"<url><loc>{base}/{name}</loc></url>" for name in ("job1.html", "job2.html", "gone.html")
    )
    (root / "sitemap.xml").write_text(
        f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    )
    # when
    run = services.feed_import(feed=make_feed(f"{base}/sitemap.xml", kind=PartnerFeed.Kind.SITEMAP))
    # then
    assert (run.status, run.created) == ("partial", 2)
    assert run.errors == [{"item": f"{base}/gone.html", "error": "HTTP 404"}]
    assert sorted(JobAd.objects.values_list("title_fi", flat=True)) == ["Kokki 1", "Kokki 2"]


def test_feeds_import_schedule__queues_one_task_per_enabled_feed(
    django_capture_on_commit_callbacks, monkeypatch
):
    # given
    first = make_feed("https://a.example/feed.json")
    second = make_feed("https://b.example/feed.json")
    make_feed("https://c.example/feed.json", enabled=False)
    queued = []
    monkeypatch.setattr(
        "syndication.tasks.feed_import_task.delay", lambda feed_id: queued.append(feed_id)
    )
    # when
    with django_capture_on_commit_callbacks(execute=True):
        count = services.feeds_import_schedule()
    # then
    assert count == 2
    assert sorted(queued) == sorted([first.pk, second.pk])


def test_feed_import_task__missing_or_disabled_feed_does_nothing():
    from syndication.tasks import feed_import_task

    disabled = make_feed("https://a.example/feed.json", enabled=False)
    assert feed_import_task(feed_id=disabled.pk) == ""
    assert feed_import_task(feed_id=999_999) == ""
    assert FeedRun.objects.exists() is False


# --- outbound addresses: nothing from the site's own network ----------------------------------


def _internal_posting_page() -> bytes:
    posting = {
        "@type": "JobPosting",
        "title": "Sisäinen hallintasivu",
        "description": "Ei julkinen.",
        "hiringOrganization": {"name": "Sisäverkko Oy"},
        "jobLocation": {"address": {"addressLocality": "Tampere"}},
        "validThrough": in_days(10).isoformat(),
    }
    return f'<script type="application/ld+json">{json.dumps(posting)}</script>'.encode()


def test_feed_import__sitemap_pages_on_internal_addresses_are_refused_and_nothing_published(
    feed_server, tampere, monkeypatch, settings
):
    # given: an internal server with a job-ad page, reachable from this machine
    network = fake_network(monkeypatch)
    root, base = feed_server
    routes = {
        "/internal": (200, {}, _internal_posting_page()),
        "/job": lambda port: (302, {"Location": f"http://127.0.0.1:{port}/internal"}, b""),
    }
    with serve(routes) as (port, hits):
        settings.OUTBOUND_ALLOWED_PORTS = [port]  # so the address alone decides
        network["dns"]["intranet.partner.example"] = ["127.0.0.1"]
        network["dns"]["jobs.partner.example"] = [PUBLIC_IP]
        network["route_public_to"] = port  # the public address answers with a redirect
        pages = [
            f"http://127.0.0.1:{port}/internal",
            "http://10.0.0.8/internal",
            "http://169.254.169.254/latest/meta-data/",
            f"http://[::1]:{port}/internal",
            f"http://intranet.partner.example:{port}/internal",
            "http://jobs.partner.example/job",
        ]
        urls = "".join(f"<url><loc>{page}</loc></url>" for page in pages)
        (root / "sitemap.xml").write_text(
            '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{urls}</urlset>"
        )
        feed = make_feed(f"{base}/sitemap.xml", kind=PartnerFeed.Kind.SITEMAP)
        # when
        run = services.feed_import(feed=feed)
    # then: every page refused with the same words, none published, only the public one asked
    assert (run.status, run.items, run.created) == ("partial", 0, 0)
    assert run.errors == [{"item": page, "error": "address not allowed"} for page in pages]
    assert not JobAd.objects.exists()
    assert hits == ["/job"]
    feed.refresh_from_db()
    assert feed.last_error == "\n".join(f"{page}: address not allowed" for page in pages)


def test_feed_import__feed_on_an_internal_address_fails_without_network_details(tampere):
    # given: no exemption for the local test server
    feed = make_feed("http://127.0.0.1:9/feed.json")
    # when
    run = services.feed_import(feed=feed)
    # then
    assert (run.status, run.errors) == ("failed", [{"item": "", "error": "address not allowed"}])
    feed.refresh_from_db()
    assert (feed.last_status, feed.last_error) == ("failed", "address not allowed")


def test_feed_import__unreachable_public_page_is_reported_as_could_not_fetch(
    feed_server, tampere, monkeypatch
):
    # given: a page on a public host that refuses the connection
    network = fake_network(monkeypatch)
    network["dns"]["down.partner.example"] = [PUBLIC_IP]
    real = socket.create_connection

    def refuse_public(address, *args, **kwargs):
        if address[0] == PUBLIC_IP:
            raise ConnectionRefusedError(111, "Connection refused")
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", refuse_public)
    root, base = feed_server
    (root / "sitemap.xml").write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>http://down.partner.example/job</loc></url></urlset>"
    )
    # when
    run = services.feed_import(feed=make_feed(f"{base}/sitemap.xml", kind=PartnerFeed.Kind.SITEMAP))
    # then
    assert run.errors == [{"item": "http://down.partner.example/job", "error": "could not fetch"}]
