"""Near-duplicates in the job list and "also published at" on the detail page."""

import pytest
from django.urls import reverse

from syndication import services
from syndication.models import JobAdDuplicate, JobAdSource, PartnerFeed
from tests.factories import EmployerOrganisationFactory, JobAdFactory

pytestmark = pytest.mark.django_db

TEXT = "<p>Haemme kokenutta hitsaajaa konepajaamme. Työ on vakituinen ja kokoaikainen.</p>"


def _imported(job_ad, feed, number):
    from django.utils import timezone

    JobAdSource.objects.create(
        job_ad=job_ad,
        feed=feed,
        original_id=f"x-{number}",
        original_url=f"https://{feed.name.lower()}.example/jobs/{number}",
        content_hash="h",
        first_seen=timezone.now(),
        last_seen=timezone.now(),
    )


@pytest.fixture
def duplicates():
    organisation = EmployerOrganisationFactory(name="Konepaja Oy")
    native = JobAdFactory(organisation=organisation, title_fi="Hitsaaja", description_fi=TEXT)
    copy_a = JobAdFactory(organisation=organisation, title_fi="Hitsaaja (m/n)", description_fi=TEXT)
    copy_b = JobAdFactory(organisation=organisation, title_fi="Hitsaaja", description_fi=TEXT)
    other = JobAdFactory(
        organisation=organisation, title_fi="Myyjä", description_fi="<p>Kauppa.</p>"
    )
    feed_a = PartnerFeed.objects.create(name="Alfa", kind="json_feed", url="https://a.example/f")
    feed_b = PartnerFeed.objects.create(name="Beta", kind="json_feed", url="https://b.example/f")
    _imported(copy_a, feed_a, 1)
    _imported(copy_b, feed_b, 2)
    return native, copy_a, copy_b, other


def test_duplicates_detect__links_copies_to_tori_own_ad(duplicates):
    native, copy_a, copy_b, other = duplicates
    assert services.duplicates_detect() == 2
    assert dict(JobAdDuplicate.objects.values_list("job_ad_id", "canonical_id")) == {
        copy_a.pk: native.pk,
        copy_b.pk: native.pk,
    }


def test_duplicates_detect__drops_links_that_no_longer_hold(duplicates):
    native, copy_a, copy_b, other = duplicates
    services.duplicates_detect()
    copy_b.title_fi = "Myyjä"
    copy_b.description_fi = "<p>Täysin eri työ kaupassa, asiakaspalvelua ja kassaa.</p>"
    copy_b.save()
    assert services.duplicates_detect() == 1
    assert list(JobAdDuplicate.objects.values_list("job_ad_id", flat=True)) == [copy_a.pk]


def test_job_list__shows_duplicates_once(client, duplicates):
    native, copy_a, copy_b, other = duplicates
    services.duplicates_detect()
    response = client.get(reverse("jobs:job-list"))
    shown = [ad.pk for ad in response.context["job_ads"]]
    assert response.context["total"] == 2
    assert sorted(shown) == sorted([native.pk, other.pk])


def test_job_detail__lists_also_published_at(client, duplicates):
    native, copy_a, copy_b, _other = duplicates
    services.duplicates_detect()
    response = client.get(reverse("jobs:job-detail", args=[native.pk]))
    assert response.context["also_published_at"] == [
        {"name": "Alfa", "url": "https://alfa.example/jobs/1"},
        {"name": "Beta", "url": "https://beta.example/jobs/2"},
    ]
    assert 'href="https://alfa.example/jobs/1"' in response.content.decode()


def test_job_detail__ad_without_sources_has_no_also_published_section(client, duplicates):
    _native, _a, _b, other = duplicates
    response = client.get(reverse("jobs:job-detail", args=[other.pk]))
    assert response.context["also_published_at"] == []
    assert 'id="also-title"' not in response.content.decode()
