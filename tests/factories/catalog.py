import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from catalog import search
from catalog.models import EnrolmentRequest, Service, ServiceLocation, TaxonomyTerm
from tests.factories.users import JobseekerUserFactory, ProviderFactory


def taxonomy_term(code: str) -> TaxonomyTerm:
    """A seeded taxonomy term (see catalog/taxonomy_data.py) by its code. Tests on a
    transactional database (browser tests) may run after a flush that removed the rows the
    migration seeded, so the term is re-created from the same data when it is missing."""
    term = TaxonomyTerm.objects.filter(code=code).first()
    if term is not None:
        return term
    from catalog.taxonomy_data import SERVICE_TYPES, TARGET_GROUPS

    for taxonomy, rows in (("service_type", SERVICE_TYPES), ("target_group", TARGET_GROUPS)):
        for position, (row_code, fi, sv, en) in enumerate(rows):
            if row_code == code:
                return TaxonomyTerm.objects.create(
                    taxonomy=taxonomy,
                    code=code,
                    name_fi=fi,
                    name_sv=sv,
                    name_en=en,
                    position=position,
                )
    raise TaxonomyTerm.DoesNotExist(code)


class ServiceFactory(DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    provider = factory.SubFactory(ProviderFactory)
    name_fi = factory.Sequence(lambda n: f"Työvalmennus {n}")
    name_sv = factory.Sequence(lambda n: f"Arbetsträning {n}")
    name_en = factory.Sequence(lambda n: f"Work coaching {n}")
    summary_fi = "Tukea työelämään siirtymiseen."
    summary_sv = "Stöd för att komma in i arbetslivet."
    summary_en = "Support for moving into working life."
    service_type = factory.LazyFunction(lambda: taxonomy_term("coaching"))
    delivery_mode = Service.DeliveryMode.ON_SITE
    languages = factory.LazyFunction(lambda: ["fi"])
    status = Service.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyFunction(timezone.now)

    class Params:
        draft = factory.Trait(status=Service.Status.DRAFT, published_at=None, confirmed_at=None)
        submitted = factory.Trait(
            status=Service.Status.SUBMITTED, published_at=None, confirmed_at=None
        )
        stale = factory.Trait(
            confirmed_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=200))
        )

    @factory.post_generation
    def target_groups(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.target_groups.set(extracted)

    @factory.post_generation
    def municipalities(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.municipalities.set(extracted)

    @factory.post_generation
    def regions(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.regions.set(extracted)

    @factory.post_generation
    def index(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            search.index_service(obj)


class ServiceLocationFactory(DjangoModelFactory):
    class Meta:
        model = ServiceLocation

    service = factory.SubFactory(ServiceFactory)
    street_address = "Hämeenkatu 1"
    postal_code = "33100"
    city = "Tampere"


class EnrolmentRequestFactory(DjangoModelFactory):
    class Meta:
        model = EnrolmentRequest

    service = factory.SubFactory(ServiceFactory)
    user = factory.SubFactory(JobseekerUserFactory)
    message = "Olen kiinnostunut."
