import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from jobs import search
from jobs.models import JobAd, SavedJobAd, SavedJobSearch
from tests.factories.users import (
    EmployerOrganisationFactory,
    JobseekerUserFactory,
    MunicipalityFactory,
)


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


class JobAdFactory(DjangoModelFactory):
    """A published, listed ad in Tampere; traits draft / expired / closed / past_deadline."""

    class Meta:
        model = JobAd
        skip_postgeneration_save = True

    organisation = factory.SubFactory(EmployerOrganisationFactory)
    title_fi = factory.Sequence(lambda n: f"Hitsaaja {n}")
    title_sv = factory.Sequence(lambda n: f"Svetsare {n}")
    title_en = factory.Sequence(lambda n: f"Welder {n}")
    description_fi = "<p>Hitsaustöitä konepajassa.</p>"
    description_sv = "<p>Svetsarbete i en verkstad.</p>"
    description_en = "<p>Welding work in an engineering workshop.</p>"
    application_url = "https://rekry.example.fi/hae"
    municipality = factory.SubFactory(MunicipalityFactory)
    work_time = JobAd.WorkTime.FULL_TIME
    continuity = JobAd.Continuity.PERMANENT
    application_deadline = factory.LazyFunction(lambda: in_days(30))
    status = JobAd.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    class Params:
        draft = factory.Trait(status=JobAd.Status.DRAFT, published_at=None)
        expired = factory.Trait(
            status=JobAd.Status.EXPIRED,
            application_deadline=factory.LazyFunction(lambda: in_days(-2)),
            expired_at=factory.LazyFunction(timezone.now),
        )
        closed = factory.Trait(
            status=JobAd.Status.CLOSED, closed_at=factory.LazyFunction(timezone.now)
        )
        past_deadline = factory.Trait(
            application_deadline=factory.LazyFunction(lambda: in_days(-1))
        )

    @factory.post_generation
    def skills(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.skills.set(extracted)

    @factory.post_generation
    def index(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            search.index_job_ads([obj])


class SavedJobAdFactory(DjangoModelFactory):
    class Meta:
        model = SavedJobAd

    user = factory.SubFactory(JobseekerUserFactory)
    job_ad = factory.SubFactory(JobAdFactory)


class SavedJobSearchFactory(DjangoModelFactory):
    class Meta:
        model = SavedJobSearch

    user = factory.SubFactory(JobseekerUserFactory)
    name = "Hitsaus"
    filters = factory.LazyFunction(lambda: {"q": "hitsaaja"})
    alerts_enabled = True
