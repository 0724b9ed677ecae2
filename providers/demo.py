"""Demo providers: the Tampere rehabilitative work activity partners named in the seed, a
private coaching company and the city's own employment services."""

from django.db import transaction

from profiles.models import User
from providers.models import Provider, ProviderMembership

DEMO_PROVIDERS = [
    ("Nauha ry", Provider.Sector.THIRD, "1029831-4", ""),
    ("Sopimusvuori ry", Provider.Sector.THIRD, "0211427-1", ""),
    ("Valo-Valmennusyhdistys ry", Provider.Sector.THIRD, "1494952-4", ""),
    ("Tampereen työvalmennussäätiö Syke sr", Provider.Sector.THIRD, "0156212-8", ""),
    ("Uraohjaus Kompassi Oy", Provider.Sector.PRIVATE, "2946581-3", ""),
    ("Tampereen kaupungin työllisyyspalvelut", Provider.Sector.PUBLIC, "", "837"),
    ("Helsingin kaupungin työllisyyspalvelut", Provider.Sector.PUBLIC, "", "091"),
]


@transaction.atomic
def load() -> list[str]:
    providers = []
    for name, sector, business_id, municipality in DEMO_PROVIDERS:
        provider, _ = Provider.objects.update_or_create(
            name=name,
            defaults={"sector": sector, "business_id": business_id,
                      "municipality_code": municipality, "is_verified": True},
        )
        providers.append(provider)
    staff = User.objects.filter(email="valmentaja@demo.tori.fi").first()
    if staff:
        ProviderMembership.objects.get_or_create(
            provider=providers[0], user=staff, defaults={"role": ProviderMembership.Role.ADMIN}
        )
    return []
