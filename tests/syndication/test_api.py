"""Outbound feed API and the partner write API (token scoping per endpoint)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from rest_framework.test import APIClient

from jobs.models import JobAd
from syndication import services
from syndication.models import JobAdSource, PartnerAuthorisation, PartnerClient, PartnerFeed
from tests.factories import EmployerOrganisationFactory, JobAdFactory, in_days

pytestmark = pytest.mark.django_db

FEED = "/api/v1/feeds/jobs"


# --- outbound feed ----------------------------------------------------------------------------


def _set_updated(job_ad, moment):
    JobAd.objects.filter(pk=job_ad.pk).update(updated_at=moment)


@pytest.mark.parametrize("role", ["anonymous", "jobseeker", "employer", "expert", "platform_admin"])
def test_job_feed__public_for_every_role(client_as, role):
    job_ad = JobAdFactory()
    response = client_as(role).get(FEED)
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [job_ad.pk]


def test_job_feed__without_modified_since_lists_listed_own_ads_only():
    # given
    listed = JobAdFactory()
    JobAdFactory(draft=True)
    JobAdFactory(closed=True)
    imported = JobAdFactory()
    feed = PartnerFeed.objects.create(name="P", kind="json_feed", url="https://p.example/f")
    JobAdSource.objects.create(
        job_ad=imported,
        feed=feed,
        original_id="1",
        content_hash="h",
        first_seen=timezone.now(),
        last_seen=timezone.now(),
    )
    # when
    data = APIClient().get(FEED).json()
    # then
    assert data["count"] == 1
    assert [row["id"] for row in data["results"]] == [listed.pk]


def test_job_feed__modified_since_returns_changes_including_closed_oldest_first():
    # given
    now = timezone.now()
    old = JobAdFactory()
    changed = JobAdFactory()
    closed = JobAdFactory(closed=True)
    JobAdFactory(draft=True)
    _set_updated(old, now - datetime.timedelta(days=3))
    _set_updated(changed, now - datetime.timedelta(hours=2))
    _set_updated(closed, now - datetime.timedelta(hours=1))
    since = (now - datetime.timedelta(days=1)).isoformat()
    # when
    response = APIClient().get(FEED, {"modified_since": since})
    # then
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [(row["id"], row["status"]) for row in rows] == [
        (changed.pk, "published"),
        (closed.pk, "closed"),
    ]


def test_job_feed__is_paginated():
    for _ in range(3):
        JobAdFactory()
    data = APIClient().get(FEED, {"page_size": 2}).json()
    assert (data["count"], len(data["results"])) == (3, 2)
    assert data["next"].endswith("page=2&page_size=2")


def test_job_feed__invalid_modified_since_is_400():
    response = APIClient().get(FEED, {"modified_since": "yesterday"})
    assert response.status_code == 400
    assert list(response.json()) == ["modified_since"]


@pytest.mark.parametrize(
    "value",
    [
        "0001-01-01T00:00:00+20:38",  # before year 1 in UTC
        "0001-01-01",  # midnight in Finland is still year 0 in UTC
        "9999-12-31T23:59:59-15:00",  # year 10000 in UTC
        "2026-02-30",
        "2026-01-01T25:00:00",
        "2026-01-01T10:00:00+24:00",
    ],
)
def test_job_feed__out_of_range_modified_since_is_400(value):
    JobAdFactory()
    response = APIClient().get(FEED, {"modified_since": value})
    assert response.status_code == 400
    message = gettext("Give an ISO 8601 date or date and time.")
    assert response.json() == {"modified_since": [message]}


@pytest.mark.parametrize("value", ["0398-04-20T23:53:14+20:38", "0398-04-20T23:53:14 20:38"])
def test_job_feed__old_moment_with_a_large_offset_is_read_in_utc(value):
    """PostgreSQL refuses offsets beyond ±15:59: the moment reaches it in UTC."""
    JobAdFactory()
    response = APIClient().get(FEED, {"modified_since": value})
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_job_feed__date_only_modified_since_is_accepted():
    JobAdFactory()
    response = APIClient().get(FEED, {"modified_since": in_days(-1).isoformat()})
    assert response.status_code == 200
    assert response.json()["count"] == 1


# --- partner write API --------------------------------------------------------------------------


@pytest.fixture
def partner(db):
    partner, token = services.partner_client_create(
        actor=_admin(), name="Rekry ATS", contact_email="api@ats.example"
    )
    partner.raw_token = token
    return partner


def _admin():
    from tests.factories import PlatformAdminFactory, with_second_factor

    return with_second_factor(PlatformAdminFactory())


@pytest.fixture
def authorised_org(partner):
    organisation = EmployerOrganisationFactory(name="Valtuuttaja Oy")
    PartnerAuthorisation.objects.create(partner=partner, organisation=organisation)
    return organisation


def _api(partner=None, token=None):
    api = APIClient()
    if partner is not None or token is not None:
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {token or partner.raw_token}")
    return api


def _ad_payload(business_id, external_id="ext-1", **overrides):
    payload = {
        "external_id": external_id,
        "business_id": business_id,
        "title_fi": "Varastotyöntekijä",
        "description_fi": "<p>Keräilyä ja lähetystä.</p>",
        "municipality": "837",
        "application_deadline": in_days(14).isoformat(),
        "application_url": "https://ats.example/apply/1",
    }
    payload.update(overrides)
    return payload


def test_partner_token__is_stored_hashed(partner):
    stored = PartnerClient.objects.get(pk=partner.pk)
    assert stored.token_hash != partner.raw_token
    assert len(stored.token_hash) == 64
    assert stored.token_prefix == partner.raw_token[:8]


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/api/v1/partner/organisations/"),
        ("get", "/api/v1/partner/jobs/"),
        ("post", "/api/v1/partner/jobs/"),
        ("get", "/api/v1/partner/jobs/ext-1/"),
        ("patch", "/api/v1/partner/jobs/ext-1/"),
        ("post", "/api/v1/partner/jobs/ext-1/close/"),
    ],
)
def test_partner_api__without_or_with_wrong_token_is_refused(method, url, tampere, employer):
    assert getattr(_api(), method)(url, {}, format="json").status_code in (401, 403)
    assert getattr(_api(token="tori_wrong"), method)(url, {}, format="json").status_code == 401
    # an employer's session is not a partner either
    session = APIClient()
    session.force_authenticate(employer)
    assert getattr(session, method)(url, {}, format="json").status_code == 403
    assert JobAd.objects.exists() is False


def test_partner_organisations__lists_only_authorising_organisations(partner, authorised_org):
    EmployerOrganisationFactory(name="Ei valtuuttanut Oy")
    response = _api(partner).get("/api/v1/partner/organisations/")
    assert response.json() == [
        {
            "id": authorised_org.pk,
            "name": "Valtuuttaja Oy",
            "business_id": authorised_org.business_id,
        }
    ]


def test_partner_create__publishes_for_authorising_organisation(partner, authorised_org, tampere):
    # when
    response = _api(partner).post(
        "/api/v1/partner/jobs/", _ad_payload(authorised_org.business_id), format="json"
    )
    # then
    assert response.status_code == 201
    body = response.json()
    assert (body["external_id"], body["status"], body["organisation"]["id"]) == (
        "ext-1",
        "published",
        authorised_org.pk,
    )
    job_ad = JobAd.objects.get()
    assert job_ad.partner_link.partner == partner
    assert job_ad.is_listed is True


def test_partner_create__same_external_id_updates(partner, authorised_org, tampere):
    api = _api(partner)
    api.post("/api/v1/partner/jobs/", _ad_payload(authorised_org.business_id), format="json")
    response = api.post(
        "/api/v1/partner/jobs/",
        _ad_payload(authorised_org.business_id, title_fi="Varastomies"),
        format="json",
    )
    assert response.status_code == 200
    assert list(JobAd.objects.values_list("title_fi", flat=True)) == ["Varastomies"]


def test_partner_create__for_organisation_that_did_not_authorise_is_403(partner, tampere):
    other = EmployerOrganisationFactory()
    response = _api(partner).post(
        "/api/v1/partner/jobs/", _ad_payload(other.business_id), format="json"
    )
    assert response.status_code == 403
    assert JobAd.objects.exists() is False


def test_partner_create__unverified_organisation_gets_drafts_only(partner, tampere):
    # given: an organisation nobody has verified yet authorised the partner
    organisation = EmployerOrganisationFactory(name="Tuore Oy", is_verified=False)
    PartnerAuthorisation.objects.create(partner=partner, organisation=organisation)
    api = _api(partner)
    # when
    published = api.post(
        "/api/v1/partner/jobs/",
        _ad_payload(organisation.business_id),
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    draft = api.post(
        "/api/v1/partner/jobs/",
        {**_ad_payload(organisation.business_id, external_id="ext-2"), "publish": False},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    # then
    assert published.status_code == 400
    assert (
        "Tuore Oy has not been verified by the Tori administrators yet."
        in (published.json()["detail"])
    )
    assert draft.status_code == 201
    assert list(JobAd.objects.values_list("status", flat=True)) == ["draft"]


def test_partner_create__invalid_ad_is_400_with_field(partner, authorised_org, tampere):
    response = _api(partner).post(
        "/api/v1/partner/jobs/",
        _ad_payload(authorised_org.business_id, application_deadline=in_days(-1).isoformat()),
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["application_deadline"]
    assert JobAd.objects.exists() is False


def test_partner_detail_patch_close__own_ad(partner, authorised_org, tampere):
    api = _api(partner)
    api.post("/api/v1/partner/jobs/", _ad_payload(authorised_org.business_id), format="json")
    assert api.get("/api/v1/partner/jobs/ext-1/").json()["title"]["fi"] == "Varastotyöntekijä"
    patched = api.patch("/api/v1/partner/jobs/ext-1/", {"title_fi": "Keräilijä"}, format="json")
    assert (patched.status_code, patched.json()["title"]["fi"]) == (200, "Keräilijä")
    closed = api.post("/api/v1/partner/jobs/ext-1/close/")
    assert (closed.status_code, closed.json()["status"]) == (200, "closed")


def test_partner_api__other_partner_cannot_see_or_touch_the_ad(partner, authorised_org, tampere):
    # given
    _api(partner).post(
        "/api/v1/partner/jobs/", _ad_payload(authorised_org.business_id), format="json"
    )
    rival, token = services.partner_client_create(actor=_admin(), name="Rival")
    PartnerAuthorisation.objects.create(partner=rival, organisation=authorised_org)
    api = _api(token=token)
    # when / then
    assert api.get("/api/v1/partner/jobs/").json()["count"] == 0
    assert api.get("/api/v1/partner/jobs/ext-1/").status_code == 404
    assert (
        api.patch("/api/v1/partner/jobs/ext-1/", {"title_fi": "X"}, format="json").status_code
        == 404
    )
    assert api.post("/api/v1/partner/jobs/ext-1/close/").status_code == 404
    assert JobAd.objects.get().title_fi == "Varastotyöntekijä"


def test_partner_api__revoked_authorisation_ends_access(partner, authorised_org, tampere, employer):
    api = _api(partner)
    api.post("/api/v1/partner/jobs/", _ad_payload(authorised_org.business_id), format="json")
    PartnerAuthorisation.objects.all().delete()
    assert api.get("/api/v1/partner/jobs/ext-1/").status_code == 404
    assert api.get("/api/v1/partner/jobs/").json()["count"] == 0
    response = api.post(
        "/api/v1/partner/jobs/", _ad_payload(authorised_org.business_id, "ext-2"), format="json"
    )
    assert response.status_code == 403


def test_partner_api__inactive_partner_is_refused(partner, authorised_org):
    PartnerClient.objects.filter(pk=partner.pk).update(is_active=False)
    assert _api(partner).get("/api/v1/partner/organisations/").status_code == 401


# --- the employer's partner page ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("jobseeker", 403),
        ("provider_user", 403),
        ("expert", 403),
        ("platform_admin", 403),
    ],
)
def test_partner_page__other_roles_cannot_open_it(client_as, role, status):
    organisation = EmployerOrganisationFactory()
    response = client_as(role).get(
        reverse("syndication:organisation-partners", args=[organisation.pk])
    )
    assert response.status_code == status


def test_partner_page__employer_admin_authorises_and_revokes(client_as, employer, partner):
    # given
    organisation = employer.employer_memberships.get().organisation
    client = client_as("employer")
    url = reverse("syndication:organisation-partners", args=[organisation.pk])
    assert partner.name in client.get(url).content.decode()
    # when
    client.post(url, {"partner": partner.pk, "action": "authorise"})
    # then
    assert PartnerAuthorisation.objects.get().authorised_by == employer
    client.post(url, {"partner": partner.pk, "action": "revoke"})
    assert PartnerAuthorisation.objects.exists() is False


def test_partner_page__member_who_is_not_admin_cannot_authorise(client, partner):
    from profiles.models import EmployerMembership
    from tests.factories import EmployerUserFactory

    organisation = EmployerOrganisationFactory()
    member = EmployerUserFactory(organisation=organisation)
    EmployerMembership.objects.filter(user=member).update(role="member")
    client.force_login(member)
    url = reverse("syndication:organisation-partners", args=[organisation.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"partner": partner.pk}).status_code == 403
    assert PartnerAuthorisation.objects.exists() is False


def test_partner_page__employer_of_another_organisation_gets_404(client_as, partner):
    organisation = EmployerOrganisationFactory()
    url = reverse("syndication:organisation-partners", args=[organisation.pk])
    assert client_as("employer").get(url).status_code == 404
    assert client_as("employer").post(url, {"partner": partner.pk}).status_code == 404
    assert PartnerAuthorisation.objects.exists() is False
