"""Demo e-service items: Ahmed's registration as unemployed (taken to handle by an expert of
his area, Vantaa, in expert.demo), and the demo employer's wage subsidy applications for a
workplace in Tampere (the demo expert's area), one of them decided."""

import datetime

from django.db import transaction
from django.utils import timezone

from eservices.models import EserviceItem
from eservices.services import eservice_item_create
from profiles.models import EmployerOrganisation, User
from reference.models import Municipality


@transaction.atomic
def load() -> list[str]:
    ahmed = User.objects.filter(email="ahmed.hassan@demo.tori.fi").first()
    employer = User.objects.filter(email="rekry@demo.tori.fi").first()
    expert = User.objects.filter(email="asiantuntija@demo.tori.fi").first()
    organisation = EmployerOrganisation.objects.filter(business_id="0737546-2").first()
    tampere = Municipality.objects.filter(code="837").first()
    if None in (ahmed, employer, expert, organisation) or EserviceItem.objects.exists():
        return []
    today = timezone.localdate()
    eservice_item_create(
        kind=EserviceItem.Kind.UNEMPLOYMENT_REGISTRATION,
        applicant=ahmed,
        subject=ahmed,
        data={
            "start_date": (today - datetime.timedelta(days=3)).isoformat(),
            "previous_work": "Warehouse worker, picking and forklift driving",
            "previous_employer": "Logistiikka Oy",
            "previous_work_ended": (today - datetime.timedelta(days=4)).isoformat(),
            "education": "Secondary school; forklift licence",
            "education_level": "31",
            "availability": "either",
            "phone": "",
            "additional_information": "Finnish course on Tuesday and Thursday mornings.",
        },
    )
    start = today + datetime.timedelta(days=21)
    eservice_item_create(
        kind=EserviceItem.Kind.WAGE_SUBSIDY,
        applicant=employer,
        organisation=organisation,
        municipality=tampere,
        data={
            "person_name": "Liisa Laine",
            "person_email": "",
            "job_title": "Rakennusapumies",
            "start_date": start.isoformat(),
            "end_date": (start + datetime.timedelta(days=180)).isoformat(),
            "weekly_hours": "37.5",
            "monthly_wage": "2350.00",
            "justification": "Pitkä työttömyys; työhön perehdytetään työnjohtajan tuella.",
        },
    )
    decided = eservice_item_create(
        kind=EserviceItem.Kind.WAGE_SUBSIDY,
        applicant=employer,
        organisation=organisation,
        municipality=tampere,
        data={
            "person_name": "Jussi Korhonen",
            "person_email": "",
            "job_title": "Varastotyöntekijä",
            "start_date": (today - datetime.timedelta(days=30)).isoformat(),
            "end_date": (today + datetime.timedelta(days=150)).isoformat(),
            "weekly_hours": "30",
            "monthly_wage": "2000.00",
            "justification": "Osatyökykyisen työllistäminen.",
        },
    )
    decided.status = EserviceItem.Status.REJECTED
    decided.decision_reason = "Työsuhde oli alkanut ennen hakemuksen jättämistä."
    decided.decided_by = expert
    decided.handler = expert
    decided.decided_at = timezone.now()
    decided.save()
    return ["E-services: a registration and two wage subsidy applications."]
