"""A hand-built dataset for the impact tests (January–March 2026, two providers).

Provider A, group "Aamuryhmä" (Mon, Tue, Thu from 5.1. to 31.3.2026; every session on site
unless changed below):
  p1 Tampere, from 5.1.   att: 5.1. on site, 6.1. remote, 2.2. remote, 3.2. absent
  p2 Tampere, from 1.2.   att: 2.3. on site, 3.3. on site (3.3. cancelled → not counted)
  p3 Helsinki, 5.1.–31.1. att: 6.1. remote
Sessions changed: 6.1. remote, 2.2. hybrid, 3.3. cancelled.
Provider B, group "Iltaryhmä": p4 Tampere, att 8.1. on site.

Outcomes: p3 open market 31.1. confirmed (Helsinki has no tariff → default 1000 €),
p1 education 20.3. confirmed (Tampere 2026 tariff → 700 €), p2 open market 25.3. reported
only (pending), p4 open market 10.2. confirmed (provider B, Tampere 2026 → 1500 €).

Tariffs: default from 1.1.2026 (open market 1000, education 500); Tampere 2025 (1.1.2025–
31.1.2026, open market 1400); Tampere 2026 (1.2.–31.12.2026, open market 1500, education 700,
no rate for "service")."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from delivery.models import GroupSession
from tests.factories import ExpertOfficeFactory, ExpertUserFactory, ProviderUserFactory
from tests.factories.catalog import ServiceFactory
from tests.factories.delivery import (
    AttendanceFactory,
    CompensationTariffFactory,
    ParticipationFactory,
    ServiceGroupFactory,
    TariffRateFactory,
)
from tests.factories.users import MunicipalityFactory, ProviderFactory

D = datetime.date


@dataclass
class World:
    tampere: object
    helsinki: object
    provider_a: object
    provider_b: object
    group_a: object
    group_b: object
    p1: object
    p2: object
    p3: object
    p4: object
    user_a: object
    user_b: object
    tampere_expert: object
    helsinki_expert: object
    default_tariff: object
    tampere_2025: object
    tampere_2026: object


def session(group, day):
    return GroupSession.objects.get(group=group, date=day)


def attend(participation, day, status="onsite", **kwargs):
    if status == "absent":
        kwargs.setdefault("absence_reason", "illness")
    return AttendanceFactory(
        participation=participation,
        session=session(participation.group, day),
        status=status,
        **kwargs,
    )


def tariff(name, municipality, valid_from, valid_until=None, **rates):
    tariff = CompensationTariffFactory(
        name=name, municipality=municipality, valid_from=valid_from, valid_until=valid_until
    )
    for outcome, amount in rates.items():
        TariffRateFactory(tariff=tariff, outcome=outcome, amount=Decimal(amount))
    return tariff


def service(provider):
    """A published service, saved without the (slow, here irrelevant) search indexing."""
    item = ServiceFactory.build(provider=provider)
    item.save()
    return item


def build() -> World:
    tampere = MunicipalityFactory()
    helsinki = MunicipalityFactory(
        code="091", name_fi="Helsinki", name_sv="Helsingfors", name_en="Helsinki"
    )
    provider_a = ProviderFactory(name="Valmennus A ry")
    provider_b = ProviderFactory(name="Valmennus B oy")
    group_a = ServiceGroupFactory(
        service=service(provider_a),
        name="Aamuryhmä",
        starts_on=D(2026, 1, 5),
        ends_on=D(2026, 3, 31),
        with_sessions=True,
    )
    group_b = ServiceGroupFactory(
        service=service(provider_b),
        name="Iltaryhmä",
        starts_on=D(2026, 1, 5),
        ends_on=D(2026, 3, 31),
        with_sessions=True,
    )
    GroupSession.objects.filter(group=group_a, date=D(2026, 1, 6)).update(delivery_mode="remote")
    GroupSession.objects.filter(group=group_a, date=D(2026, 2, 2)).update(delivery_mode="hybrid")
    GroupSession.objects.filter(group=group_a, date=D(2026, 3, 3)).update(is_cancelled=True)

    now = timezone.now()
    p1 = ParticipationFactory(
        group=group_a,
        municipality=tampere,
        joined_on=D(2026, 1, 5),
        outcome="education",
        outcome_date=D(2026, 3, 20),
        outcome_confirmed_at=now,
    )
    p2 = ParticipationFactory(
        group=group_a,
        municipality=tampere,
        joined_on=D(2026, 2, 1),
        outcome="open_market",
        outcome_date=D(2026, 3, 25),
        outcome_reported_at=now,
    )
    p3 = ParticipationFactory(
        group=group_a,
        municipality=helsinki,
        joined_on=D(2026, 1, 5),
        left_on=D(2026, 1, 31),
        status="completed",
        outcome="open_market",
        outcome_date=D(2026, 1, 31),
        outcome_confirmed_at=now,
    )
    p4 = ParticipationFactory(
        group=group_b,
        municipality=tampere,
        joined_on=D(2026, 1, 5),
        outcome="open_market",
        outcome_date=D(2026, 2, 10),
        outcome_confirmed_at=now,
    )
    attend(p1, D(2026, 1, 5), "onsite")
    attend(p1, D(2026, 1, 6), "remote")
    attend(p1, D(2026, 2, 2), "remote")
    attend(p1, D(2026, 2, 3), "absent")
    attend(p2, D(2026, 3, 2), "onsite")
    attend(p2, D(2026, 3, 3), "onsite")  # cancelled session
    attend(p3, D(2026, 1, 6), "remote")
    attend(p4, D(2026, 1, 8), "onsite")

    default = tariff("Oletus 2026", None, D(2026, 1, 1), open_market="1000", education="500")
    t2025 = tariff("Tampere 2025", tampere, D(2025, 1, 1), D(2026, 1, 31), open_market="1400")
    t2026 = tariff(
        "Tampere 2026",
        tampere,
        D(2026, 2, 1),
        D(2026, 12, 31),
        open_market="1500",
        education="700",
    )
    return World(
        tampere=tampere,
        helsinki=helsinki,
        provider_a=provider_a,
        provider_b=provider_b,
        group_a=group_a,
        group_b=group_b,
        p1=p1,
        p2=p2,
        p3=p3,
        p4=p4,
        user_a=ProviderUserFactory(provider=provider_a),
        user_b=ProviderUserFactory(provider=provider_b),
        tampere_expert=ExpertUserFactory(office=ExpertOfficeFactory(municipalities=[tampere])),
        helsinki_expert=ExpertUserFactory(office=ExpertOfficeFactory(municipalities=[helsinki])),
        default_tariff=default,
        tampere_2025=t2025,
        tampere_2026=t2026,
    )
