"""Demo compensation tariffs (idempotent): a default tariff paying for every outcome category,
and Tampere's own tariff, which pays more for work on the open labour market and for
education — the outcomes the city wants to buy."""

import datetime
from decimal import Decimal

from delivery.models import CompensationTariff, TariffRate
from reference.models import Municipality

TAMPERE = "837"

DEFAULT_RATES = {
    "open_market": Decimal("1200.00"),
    "education": Decimal("800.00"),
    "service": Decimal("300.00"),
    "unemployment": Decimal("0.00"),
    "other": Decimal("150.00"),
}
TAMPERE_RATES = {
    "open_market": Decimal("1500.00"),
    "education": Decimal("1000.00"),
    "service": Decimal("400.00"),
    "unemployment": Decimal("0.00"),
    "other": Decimal("200.00"),
}


def _tariff(name, municipality, rates) -> CompensationTariff:
    tariff, _ = CompensationTariff.objects.get_or_create(
        name=name,
        municipality=municipality,
        defaults={"valid_from": datetime.date(2025, 1, 1)},
    )
    for outcome, amount in rates.items():
        TariffRate.objects.update_or_create(
            tariff=tariff, outcome=outcome, defaults={"amount": amount}
        )
    return tariff


def load() -> list[str]:
    tariffs = [_tariff("Vaikuttavuuskorvaus, yleinen taulukko", None, DEFAULT_RATES)]
    tampere = Municipality.objects.filter(code=TAMPERE).first()
    if tampere is not None:
        tariffs.append(_tariff("Tampereen vaikuttavuuskorvaus", tampere, TAMPERE_RATES))
    return [f"Delivery: {len(tariffs)} compensation tariffs with rates for every outcome."]
