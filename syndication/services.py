"""Writes of the syndication app.

* ``feed_import`` — fetch one partner feed, upsert its ads (each in its own savepoint, so a bad
  ad never loses the others), expire the ads that left the feed, and record a FeedRun with
  the per-feed error report. A feed that cannot be fetched or read fails alone: its ads are
  not expired and other feeds are imported by their own tasks.
* ``duplicates_detect`` — recompute the near-duplicate links of listed ads.
* partner authorisation and the partner write path (``partner_job_ad_upsert`` …).

Imported ads reuse the jobs app's field cleaning and validation (jobs.services._apply_fields
and friends), so feed text gets the same sanitising as an employer's form.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.sanitize import clean_text
from jobs import services as job_services
from jobs.models import JobAd
from profiles import services as profile_services
from profiles.models import EmployerOrganisation
from syndication import dedup, parsers, tasks
from syndication.models import (
    FeedRun,
    ImportedOrganisation,
    JobAdDuplicate,
    JobAdSource,
    PartnerAuthorisation,
    PartnerClient,
    PartnerFeed,
    PartnerJobAd,
    hash_token,
)
from tori import outbound
from tori import permissions as perms
from tori.exceptions import ApplicationError
from tori.queue import enqueue_on_commit
from tori.validators import business_id_is_valid

logger = logging.getLogger(__name__)

DEFAULT_VALIDITY = datetime.timedelta(days=30)
MAX_ERRORS_KEPT = 200
USER_AGENT = "ToriFeedImporter/1.0 (+https://tori.example.fi/)"
# Shown when the broker is down and the import waits in the outbox (tori.queue).
IMPORT_NOTICE = gettext_lazy("Saved. The feed will be imported shortly.")


class ItemRejected(Exception):
    pass


# --- scheduling --------------------------------------------------------------------------------


def feeds_import_schedule() -> int:
    """Queue one import task per enabled feed (beat); returns how many."""
    ids = list(PartnerFeed.objects.filter(enabled=True).values_list("pk", flat=True))
    for feed_id in ids:
        enqueue_on_commit(tasks.feed_import_task, notice=IMPORT_NOTICE, feed_id=feed_id)
    return len(ids)


# --- organisations and places ------------------------------------------------------------------


def _placeholder_business_id(name: str) -> str:
    return "X" + hashlib.sha1(name.encode()).hexdigest()[:8].upper()  # noqa: S324 - an id


def organisation_for_import(
    *, name: str, business_id: str, feed: PartnerFeed | None
) -> EmployerOrganisation:
    """The employer of an imported ad: by business ID, else by exact name (case-insensitive),
    else a new unverified organisation marked ImportedOrganisation."""
    name = clean_text(name)[:200]
    business_id = (business_id or "").strip()
    if business_id_is_valid(business_id):
        organisation = EmployerOrganisation.objects.filter(business_id=business_id).first()
        if organisation is not None:
            return organisation
    elif not name:
        raise ItemRejected("no employer name or business ID")
    if name:
        organisation = EmployerOrganisation.objects.filter(name__iexact=name).order_by("pk").first()
        if organisation is not None:
            return organisation
    placeholder = not business_id_is_valid(business_id)
    if placeholder:
        business_id = _placeholder_business_id(dedup.normalise_employer(name) or name.lower())
        existing = EmployerOrganisation.objects.filter(business_id=business_id).first()
        if existing is not None:
            return existing
    organisation = EmployerOrganisation.objects.create(
        name=name or business_id, business_id=business_id
    )
    ImportedOrganisation.objects.create(
        organisation=organisation, feed=feed, has_placeholder_business_id=placeholder
    )
    return organisation


def municipality_for_import(raw: parsers.RawAd):
    from reference.models import Municipality, PostalCode

    value = raw.municipality.strip()
    if value.isdigit() and len(value) <= 3:
        found = Municipality.objects.filter(code=value.zfill(3)).first()
        if found:
            return found
    if value:
        found = Municipality.objects.filter(
            Q(name_fi__iexact=value) | Q(name_sv__iexact=value) | Q(name_en__iexact=value)
        ).first()
        if found:
            return found
    if raw.postal_code:
        postal = PostalCode.objects.filter(code=raw.postal_code.strip()[:5]).first()
        if postal:
            return postal.municipality
    raise ItemRejected(f"unknown municipality: {value or raw.postal_code or '-'}")


# --- one ad ------------------------------------------------------------------------------------


def _ad_data(raw: parsers.RawAd, *, municipality, today: datetime.date) -> dict:
    title = clean_text(raw.title)
    if not title:
        raise ItemRejected("the ad has no title")
    deadline = raw.valid_through or today + DEFAULT_VALIDITY
    if deadline < today:
        raise ItemRejected(f"the application period ended on {deadline.isoformat()}")
    deadline = min(deadline, today + job_services.MAX_DEADLINE_AHEAD)
    data = {
        "title_fi": title,
        "description_fi": raw.description or title,
        "municipality": municipality,
        "application_deadline": deadline,
        "remote": raw.remote,
        "work_time": raw.work_time or JobAd.WorkTime.FULL_TIME,
        "continuity": raw.continuity or JobAd.Continuity.PERMANENT,
    }
    # JobAd requires a Finnish title; an ad in Swedish or English keeps its text there too
    # and in its own language's fields, so that language filters find it.
    for lang, texts in raw.translations.items():
        if texts.get("title"):
            data[f"title_{lang}"] = texts["title"]
            data[f"description_{lang}"] = texts.get("description") or texts["title"]
    if raw.language in ("sv", "en") and not raw.translations:
        data[f"title_{raw.language}"] = title
        data[f"description_{raw.language}"] = raw.description or title
    apply_url = raw.application_url or raw.original_url
    if apply_url.lower().startswith(("http://", "https://")):
        data["application_url"] = apply_url[:200]
    if raw.application_email and len(raw.application_email) <= 254:
        data["application_email"] = raw.application_email
    if raw.postal_code.isdigit() and len(raw.postal_code) == 5:
        data["postal_code"] = raw.postal_code
    if raw.street_address:
        data["street_address"] = raw.street_address[:200]
    return data


def _content_hash(raw: parsers.RawAd) -> str:
    payload = json.dumps(raw.__dict__, default=str, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


@transaction.atomic
def feed_item_upsert(*, feed: PartnerFeed, raw: parsers.RawAd, now: datetime.datetime) -> str:
    """Create or update the ad `raw` of `feed`; returns "created", "updated" or "unchanged".
    Raises ItemRejected (or ApplicationError from the jobs validation) for unusable ads."""
    today = timezone.localdate(now)
    digest = _content_hash(raw)
    source = (
        JobAdSource.objects.select_for_update()
        .select_related("job_ad")
        .filter(feed=feed, original_id=raw.original_id)
        .first()
    )
    if source is not None and source.content_hash == digest and source.gone_at is None:
        source.last_seen = now
        source.save(update_fields=["last_seen"])
        return "unchanged"
    municipality = municipality_for_import(raw)
    data = _ad_data(raw, municipality=municipality, today=today)
    if source is None:
        organisation = organisation_for_import(
            name=raw.employer_name, business_id=raw.business_id, feed=feed
        )
        job_ad = JobAd(organisation=organisation, status=JobAd.Status.DRAFT)
        outcome = "created"
    else:
        job_ad = source.job_ad
        outcome = "updated"
    skills = job_services._apply_fields(job_ad, data)
    job_ad_validate(job_ad, today=today)
    if job_ad.status != JobAd.Status.PUBLISHED:
        posted = raw.date_posted
        published_at = (
            timezone.make_aware(datetime.datetime.combine(posted, datetime.time(8)))
            if posted and posted <= today
            else now
        )
        job_ad.mark_published(now=published_at)
    job_ad.save()
    if skills is not None:
        job_ad.skills.set(skills)
    job_services._reindex(job_ad)
    if source is None:
        JobAdSource.objects.create(
            job_ad=job_ad,
            feed=feed,
            original_id=raw.original_id,
            original_url=raw.original_url[:1000],
            content_hash=digest,
            first_seen=now,
            last_seen=now,
        )
    else:
        source.original_url = raw.original_url[:1000]
        source.content_hash = digest
        source.last_seen = now
        source.gone_at = None
        source.save(update_fields=["original_url", "content_hash", "last_seen", "gone_at"])
    return outcome


def job_ad_validate(job_ad: JobAd, *, today: datetime.date) -> None:
    job_services._validate(job_ad, today=today)
    job_services._validate_for_publication(job_ad)


@transaction.atomic
def feed_sources_expire(
    *, feed: PartnerFeed, seen_before: datetime.datetime, keep_urls: set[str], now
) -> int:
    """Ads of `feed` not seen in this run have left the feed: their source is marked gone, and
    a published ad with no other live source expires. Returns how many ads expired."""
    expired = 0
    gone = (
        JobAdSource.objects.select_for_update()
        .select_related("job_ad")
        .filter(feed=feed, gone_at__isnull=True, last_seen__lt=seen_before)
    )
    for source in gone:
        if source.original_url and source.original_url in keep_urls:
            continue  # listed in the sitemap, but its page could not be read this time
        source.gone_at = now
        source.save(update_fields=["gone_at"])
        job_ad = source.job_ad
        live = job_ad.sources.filter(gone_at__isnull=True).exclude(pk=source.pk).exists()
        if job_ad.status == JobAd.Status.PUBLISHED and not live:
            job_ad.mark_expired(now=now)
            job_ad.save(update_fields=["status", "expired_at", "updated_at"])
            expired += 1
    return expired


# --- one feed ----------------------------------------------------------------------------------


def _fetch(feed: PartnerFeed, url: str) -> bytes:
    """Every address of a feed, its nested sitemaps and pages goes through the outbound client:
    no private or internal address, and errors that reveal nothing of the network."""
    return outbound.fetch(
        url,
        timeout=feed.timeout_seconds,
        max_bytes=feed.max_bytes,
        headers={"User-Agent": USER_AGENT},
    )


def _read_feed(feed: PartnerFeed, errors: list[dict]) -> tuple[list[parsers.RawAd], set[str]]:
    """The ads of the feed and, for sitemaps, the page addresses it lists. Raises FetchError
    or ParseError when the feed itself cannot be read."""
    body = _fetch(feed, feed.url)
    if feed.kind == PartnerFeed.Kind.JSON_FEED:
        ads, item_errors = parsers.parse_json_feed(body)
        errors += [{"item": e.item, "error": e.error} for e in item_errors]
        return ads, set()
    if feed.kind == PartnerFeed.Kind.JSONLD_PAGE:
        ads, item_errors = parsers.parse_jsonld_page(body, feed.url)
        errors += [{"item": e.item, "error": e.error} for e in item_errors]
        return ads, set()
    pages, nested = parsers.parse_sitemap(body)
    for sitemap_url in nested:
        try:
            more, _nested = parsers.parse_sitemap(_fetch(feed, sitemap_url))
        except (outbound.OutboundError, parsers.ParseError) as error:
            errors.append({"item": sitemap_url, "error": str(error)})
            continue
        pages += more
    pages = list(dict.fromkeys(pages))[: feed.max_pages]
    ads: list[parsers.RawAd] = []
    for page_url in pages:
        try:
            page_ads, item_errors = parsers.parse_jsonld_page(_fetch(feed, page_url), page_url)
        except outbound.OutboundError as error:
            errors.append({"item": page_url, "error": str(error)})
            continue
        ads += page_ads
        errors += [{"item": e.item, "error": e.error} for e in item_errors]
    return ads, set(pages)


def feed_import(*, feed: PartnerFeed, now: datetime.datetime | None = None) -> FeedRun:
    """Import one feed. Not one transaction: the run row is written first, every ad in its own
    transaction (feed_item_upsert) and expiry in another, so a failure keeps what was done."""
    now = now or timezone.now()
    run = FeedRun.objects.create(feed=feed, started_at=now)
    errors: list[dict] = []
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    try:
        ads, keep_urls = _read_feed(feed, errors)
    except (outbound.OutboundError, parsers.ParseError) as error:
        logger.warning("feed %s (%s) failed: %s", feed.pk, feed.name, error)
        errors.append({"item": "", "error": str(error)})
        return feed_run_finish(run=run, status=PartnerFeed.Status.FAILED, errors=errors)
    seen: set[str] = set()
    for raw in ads:
        if raw.original_id in seen:
            errors.append({"item": raw.original_id, "error": "the same id twice in the feed"})
            continue
        seen.add(raw.original_id)
        try:
            outcome = feed_item_upsert(feed=feed, raw=raw, now=now)
        except ItemRejected as error:
            errors.append({"item": raw.original_id, "error": str(error)})
            continue
        except ApplicationError as error:
            field = f"{error.field}: " if error.field else ""
            errors.append({"item": raw.original_id, "error": f"{field}{error.message}"})
            continue
        except IntegrityError as error:
            errors.append({"item": raw.original_id, "error": f"cannot be saved: {error}"})
            continue
        counts[outcome] += 1
    run.items = len(ads)
    run.created, run.updated, run.unchanged = (
        counts["created"],
        counts["updated"],
        counts["unchanged"],
    )
    run.expired = feed_sources_expire(feed=feed, seen_before=now, keep_urls=keep_urls, now=now)
    status = PartnerFeed.Status.PARTIAL if errors else PartnerFeed.Status.OK
    if errors:
        logger.info("feed %s (%s): %d errors", feed.pk, feed.name, len(errors))
    return feed_run_finish(run=run, status=status, errors=errors)


@transaction.atomic
def feed_run_finish(*, run: FeedRun, status: str, errors: list[dict]) -> FeedRun:
    finished = timezone.now()
    run.status = status
    run.finished_at = finished
    run.errors = errors[:MAX_ERRORS_KEPT]
    run.save()
    feed = run.feed
    feed.last_run_at = run.started_at
    feed.last_status = status
    feed.last_error = "\n".join(
        f"{e['item']}: {e['error']}" if e["item"] else e["error"] for e in errors[:20]
    )
    feed.save(update_fields=["last_run_at", "last_status", "last_error"])
    return run


# --- duplicates --------------------------------------------------------------------------------


def _ad_texts(job_ads) -> list[dedup.AdText]:
    native = set(
        JobAd.objects.filter(pk__in=[a.pk for a in job_ads], sources__isnull=True).values_list(
            "pk", flat=True
        )
    )
    return [
        dedup.AdText(
            key=ad.pk,
            title=ad.title_fi,
            employer=ad.organisation.name,
            municipality=ad.municipality_id,
            text=ad.description_fi,
            # Tori's own ads first, then the earliest published
            rank=(0 if ad.pk in native else 1, ad.published_at or ad.created_at),
        )
        for ad in job_ads
    ]


@transaction.atomic
def duplicates_detect(*, now: datetime.datetime | None = None) -> int:
    """Link every listed near-duplicate ad to its group's canonical ad (and drop links that no
    longer hold). Returns how many ads are duplicates now."""
    now = now or timezone.now()
    job_ads = list(
        JobAd.objects.listed()
        .select_related("organisation")
        .only(
            "pk",
            "title_fi",
            "description_fi",
            "municipality_id",
            "organisation__name",
            "published_at",
            "created_at",
        )
    )
    groups = dedup.find_duplicates(_ad_texts(job_ads))
    wanted = {
        duplicate: (canonical, similarity)
        for canonical, members in groups
        for duplicate, similarity in members
    }
    existing = {link.job_ad_id: link for link in JobAdDuplicate.objects.select_for_update()}
    stale = [pk for pk in existing if pk not in wanted]
    JobAdDuplicate.objects.filter(job_ad_id__in=stale).delete()
    for job_ad_id, (canonical_id, similarity) in wanted.items():
        link = existing.get(job_ad_id)
        if link is None:
            JobAdDuplicate.objects.create(
                job_ad_id=job_ad_id,
                canonical_id=canonical_id,
                similarity=similarity,
                detected_at=now,
            )
        elif link.canonical_id != canonical_id or link.similarity != similarity:
            link.canonical_id = canonical_id
            link.similarity = similarity
            link.detected_at = now
            link.save(update_fields=["canonical", "similarity", "detected_at"])
    return len(wanted)


# --- partners ----------------------------------------------------------------------------------


@transaction.atomic
def partner_client_create(
    *, actor, name: str, contact_email: str = ""
) -> tuple[PartnerClient, str]:
    """A new partner client and its token (shown once; only its hash is stored)."""
    if not perms.is_platform_admin(actor):
        raise ApplicationError(_("Only platform administrators add partners."), code="forbidden")
    name = clean_text(name or "")[:120]
    if not name:
        raise ApplicationError(_("Enter the name of the partner."), field="name")
    token = PartnerClient.new_token()
    partner = PartnerClient.objects.create(
        name=name,
        contact_email=(contact_email or "").strip(),
        token_hash=hash_token(token),
        token_prefix=token[:8],
    )
    return partner, token


@transaction.atomic
def partner_client_rotate_token(*, actor, partner: PartnerClient) -> str:
    if not perms.is_platform_admin(actor):
        raise ApplicationError(_("Only platform administrators add partners."), code="forbidden")
    token = PartnerClient.new_token()
    partner.token_hash = hash_token(token)
    partner.token_prefix = token[:8]
    partner.save(update_fields=["token_hash", "token_prefix"])
    return token


@transaction.atomic
def partner_authorise(*, actor, organisation, partner: PartnerClient) -> PartnerAuthorisation:
    """An administrator of the organisation lets `partner` publish its job ads."""
    if not perms.can_authorise_partner(actor, organisation):
        raise ApplicationError(
            _("Only the organisation's administrators can authorise partners."), code="forbidden"
        )
    if not partner.is_active:
        raise ApplicationError(_("This partner is not available."), field="partner")
    authorisation, _created = PartnerAuthorisation.objects.get_or_create(
        partner=partner, organisation=organisation, defaults={"authorised_by": actor}
    )
    return authorisation


@transaction.atomic
def partner_revoke(*, actor, organisation, partner: PartnerClient) -> int:
    if not perms.can_authorise_partner(actor, organisation):
        raise ApplicationError(
            _("Only the organisation's administrators can authorise partners."), code="forbidden"
        )
    deleted, _rows = PartnerAuthorisation.objects.filter(
        partner=partner, organisation=organisation
    ).delete()
    return deleted


@transaction.atomic
def partner_job_ad_upsert(
    *, partner: PartnerClient, organisation, external_id: str, data: dict, publish: bool = True
) -> tuple[JobAd, bool]:
    """Create (or, for a known external id, update) the partner's ad for `organisation`;
    published unless `publish` is false. Returns (ad, created)."""
    if not perms.can_partner_publish_for(partner, organisation):
        raise ApplicationError(
            _("This employer has not authorised you to publish its job ads."), code="forbidden"
        )
    external_id = (external_id or "").strip()[:200]
    if not external_id:
        raise ApplicationError(_("Give your own id of the ad."), field="external_id")
    link = (
        PartnerJobAd.objects.select_related("job_ad")
        .filter(partner=partner, external_id=external_id)
        .first()
    )
    today = timezone.localdate()
    if link is None:
        job_ad = JobAd(organisation=organisation, status=JobAd.Status.DRAFT)
        created = True
    else:
        job_ad = link.job_ad
        if not perms.can_partner_edit_job_ad(partner, job_ad):
            raise ApplicationError(_("You cannot edit this job ad."), code="forbidden")
        if job_ad.organisation_id != organisation.pk:
            raise ApplicationError(
                _("This id is already used for another employer's ad."), field="external_id"
            )
        created = False
    if (
        publish
        and job_ad.status == JobAd.Status.DRAFT
        and not perms.is_verified_employer(organisation)
    ):
        raise profile_services.employer_unverified_error(organisation)
    skills = job_services._apply_fields(job_ad, data)
    job_services._validate(job_ad, today=today)
    if publish or job_ad.status == JobAd.Status.PUBLISHED:
        job_services._validate_for_publication(job_ad)
    if publish and job_ad.status == JobAd.Status.DRAFT:
        job_ad.mark_published(now=timezone.now())
    job_ad.save()
    if skills is not None:
        job_ad.skills.set(skills)
    job_services._reindex(job_ad)
    if created:
        PartnerJobAd.objects.create(partner=partner, job_ad=job_ad, external_id=external_id)
    return job_ad, created


@transaction.atomic
def partner_job_ad_close(*, partner: PartnerClient, job_ad: JobAd) -> JobAd:
    if not perms.can_partner_edit_job_ad(partner, job_ad):
        raise ApplicationError(_("You cannot edit this job ad."), code="forbidden")
    if job_ad.status != JobAd.Status.PUBLISHED:
        raise ApplicationError(_("Only a published ad can be closed."), code="state")
    job_ad.mark_closed(now=timezone.now())
    job_ad.save(update_fields=["status", "closed_at", "updated_at"])
    return job_ad
