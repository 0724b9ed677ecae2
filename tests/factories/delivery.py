import datetime
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from delivery.models import (
    Attendance,
    CompensationTariff,
    DiaryEntry,
    GroupSession,
    Participation,
    ServiceGroup,
    TariffRate,
)
from tests.factories.catalog import ServiceFactory
from tests.factories.expert import CustomerProfileFactory
from tests.factories.users import MunicipalityFactory


class ServiceGroupFactory(DjangoModelFactory):
    """A group meeting Mon, Tue and Thu, 4 h a day, for 13 weeks from last Monday but 4 weeks."""

    class Meta:
        model = ServiceGroup
        skip_postgeneration_save = True

    service = factory.SubFactory(ServiceFactory)
    name = factory.Sequence(lambda n: f"Ryhmä {n}")
    starts_on = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday() + 28)
    )
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(weeks=13, days=-1))
    weekdays = factory.LazyFunction(lambda: [1, 2, 4])
    hours_per_day = Decimal("4.0")
    delivery_mode = "hybrid"
    remote_tools = "Teams"
    capacity = 12

    @factory.post_generation
    def coaches(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.coaches.set(extracted)

    @factory.post_generation
    def with_sessions(obj, create, extracted, **kwargs):  # noqa: N805
        """ServiceGroupFactory(with_sessions=True) creates a session on every scheduled day."""
        if create and extracted:
            day = obj.starts_on
            while day <= obj.ends_on:
                if day.isoweekday() in obj.weekdays:
                    GroupSession.objects.create(group=obj, date=day, delivery_mode="onsite")
                day += datetime.timedelta(days=1)


class GroupSessionFactory(DjangoModelFactory):
    class Meta:
        model = GroupSession
        django_get_or_create = ["group", "date"]

    group = factory.SubFactory(ServiceGroupFactory)
    date = factory.LazyAttribute(lambda o: o.group.starts_on)
    delivery_mode = "onsite"


class ParticipationFactory(DjangoModelFactory):
    """A Tampere jobseeker in a group, from the group's first day."""

    class Meta:
        model = Participation

    group = factory.SubFactory(ServiceGroupFactory)
    user = factory.LazyFunction(lambda: CustomerProfileFactory().user)
    municipality = factory.SubFactory(MunicipalityFactory)
    joined_on = factory.LazyAttribute(lambda o: o.group.starts_on)


class AttendanceFactory(DjangoModelFactory):
    class Meta:
        model = Attendance

    participation = factory.SubFactory(ParticipationFactory)
    session = factory.LazyAttribute(lambda o: GroupSessionFactory(group=o.participation.group))
    status = Attendance.Status.PRESENT_ON_SITE


class DiaryEntryFactory(DjangoModelFactory):
    class Meta:
        model = DiaryEntry

    participation = factory.SubFactory(ParticipationFactory)
    kind = DiaryEntry.Kind.PARTICIPANT
    text = "Tänään harjoittelimme työnhakua."
    author = factory.LazyAttribute(lambda o: o.participation.user)


class CompensationTariffFactory(DjangoModelFactory):
    class Meta:
        model = CompensationTariff

    name = "Vaikuttavuuskorvaus 2026"
    valid_from = datetime.date(2026, 1, 1)


class TariffRateFactory(DjangoModelFactory):
    class Meta:
        model = TariffRate

    tariff = factory.SubFactory(CompensationTariffFactory)
    outcome = "open_market"
    amount = Decimal("1200.00")
