from django.db import transaction

from expert.models import ExpertMembership, ExpertOffice
from profiles.models import User
from reference.models import Municipality

# Tampere and its neighbours: Kangasala, Lempäälä, Nokia, Orivesi, Pirkkala, Vesilahti, Ylöjärvi
TAMPERE_REGION = ["837", "211", "418", "536", "562", "604", "922", "980"]


@transaction.atomic
def load() -> list[str]:
    office, _ = ExpertOffice.objects.get_or_create(name="Tampereen seudun työllisyyspalvelut")
    office.municipalities.set(Municipality.objects.filter(code__in=TAMPERE_REGION))
    helsinki, _ = ExpertOffice.objects.get_or_create(name="Helsingin työllisyyspalvelut")
    helsinki.municipalities.set(Municipality.objects.filter(code__in=["091"]))
    expert = User.objects.filter(email="asiantuntija@demo.tori.fi").first()
    if expert:
        ExpertMembership.objects.get_or_create(office=office, user=expert)
    return []
