"""Demo providers: the Tampere rehabilitative work activity partners named in the seed, a
private coaching company and the city's own employment services."""

from django.db import transaction

from profiles.models import User
from providers.models import Provider, ProviderMembership

# (name fi, sv, en, sector, business ID, municipality code, e-mail, city, service areas)
DEMO_PROVIDERS = [
    (
        "Nauha ry",
        "Nauha rf",
        "Nauha Association",
        Provider.Sector.THIRD,
        "1029831-4",
        "",
        "info@nauha.example",
        "Tampere",
        ["837"],
    ),
    (
        "Sopimusvuori ry",
        "Sopimusvuori rf",
        "Sopimusvuori Association",
        Provider.Sector.THIRD,
        "0211427-1",
        "",
        "info@sopimusvuori.example",
        "Tampere",
        ["837"],
    ),
    (
        "Valo-Valmennusyhdistys ry",
        "Valo-Valmennusföreningen rf",
        "Valo Coaching Association",
        Provider.Sector.THIRD,
        "1494952-4",
        "",
        "info@valo.example",
        "Tampere",
        ["837"],
    ),
    (
        "Tampereen työvalmennussäätiö Syke sr",
        "Tammerfors arbetsträningsstiftelse Syke sr",
        "Syke Work Coaching Foundation",
        Provider.Sector.THIRD,
        "0156212-8",
        "",
        "info@syke.example",
        "Tampere",
        ["837"],
    ),
    (
        "Uraohjaus Kompassi Oy",
        "Karriärvägledning Kompassi Ab",
        "Kompassi Career Guidance Ltd",
        Provider.Sector.PRIVATE,
        "2946581-3",
        "",
        "info@kompassi.example",
        "Helsinki",
        [],
    ),
    (
        "Tampereen kaupungin työllisyyspalvelut",
        "Tammerfors stads sysselsättningstjänster",
        "City of Tampere Employment Services",
        Provider.Sector.PUBLIC,
        "",
        "837",
        "tyollisyys@tampere.example",
        "Tampere",
        ["837"],
    ),
    (
        "Helsingin kaupungin työllisyyspalvelut",
        "Helsingfors stads sysselsättningstjänster",
        "City of Helsinki Employment Services",
        Provider.Sector.PUBLIC,
        "",
        "091",
        "tyollisyys@helsinki.example",
        "Helsinki",
        ["091"],
    ),
]


@transaction.atomic
def load() -> list[str]:
    from reference.models import Municipality

    providers = []
    for (
        name,
        name_sv,
        name_en,
        sector,
        business_id,
        municipality,
        email,
        city,
        areas,
    ) in DEMO_PROVIDERS:
        provider, _ = Provider.objects.update_or_create(
            name=name,
            defaults={
                "name_sv": name_sv,
                "name_en": name_en,
                "sector": sector,
                "business_id": business_id,
                "municipality_code": municipality,
                "email": email,
                "city": city,
                "is_verified": True,
                "is_nationwide": not areas,
            },
        )
        provider.municipalities.set(Municipality.objects.filter(code__in=areas))
        providers.append(provider)
    staff = User.objects.filter(email="valmentaja@demo.tori.fi").first()
    if staff:
        ProviderMembership.objects.get_or_create(
            provider=providers[0], user=staff, defaults={"role": ProviderMembership.Role.ADMIN}
        )
    return []
