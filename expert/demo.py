import datetime

from django.db import transaction
from django.utils import timezone

from expert.models import (
    Case,
    CaseNote,
    ExpertMembership,
    ExpertOffice,
    JobOffer,
    Outcome,
    Plan,
    PlanTask,
    Referral,
    ServiceNeedAssessment,
)
from profiles.models import JobseekerProfile, User
from reference.models import Municipality

# Tampere and its neighbours: Kangasala, Lempäälä, Nokia, Orivesi, Pirkkala, Vesilahti, Ylöjärvi
TAMPERE_REGION = ["837", "211", "418", "536", "562", "604", "922", "980"]
TEAM_LEAD_EMAIL = "tiiminvetaja@demo.tori.fi"


@transaction.atomic
def load() -> list[str]:
    office, _ = ExpertOffice.objects.get_or_create(name="Tampereen seudun työllisyyspalvelut")
    office.municipalities.set(Municipality.objects.filter(code__in=TAMPERE_REGION))
    helsinki, _ = ExpertOffice.objects.get_or_create(name="Helsingin työllisyyspalvelut")
    helsinki.municipalities.set(Municipality.objects.filter(code__in=["091"]))
    vantaa, _ = ExpertOffice.objects.get_or_create(name="Vantaan työllisyyspalvelut")
    vantaa.municipalities.set(Municipality.objects.filter(code__in=["092"]))
    expert = User.objects.filter(email="asiantuntija@demo.tori.fi").first()
    if expert:
        ExpertMembership.objects.get_or_create(office=office, user=expert)
    lead = _team_lead(office, vantaa)
    if expert is None:
        return []
    _maija_case(office, expert)
    _ahmed_case(vantaa, lead)
    return [
        f"  {TEAM_LEAD_EMAIL:<32}  Team lead (expert) – Tampere; sees the team caseload",
        "Demo cases: Maija (Tampere, plan, referral, job offer, notes, an earlier closed case "
        "with its outcome) and Ahmed (Vantaa, activation plan).",
    ]


def _team_lead(office, vantaa) -> User:
    from profiles.demo import demo_second_factor
    from tori.demo import DEMO_PASSWORD

    lead, created = User.objects.get_or_create(
        email=TEAM_LEAD_EMAIL,
        defaults={"first_name": "Tiina", "last_name": "Tiiminvetäjä", "role": User.Role.EXPERT},
    )
    if created:
        lead.set_password(DEMO_PASSWORD)
        lead.save()
    demo_second_factor(lead)
    ExpertMembership.objects.update_or_create(
        office=office, user=lead, defaults={"is_team_lead": True}
    )
    ExpertMembership.objects.get_or_create(office=vantaa, user=lead)
    return lead


def _profile(email):
    return JobseekerProfile.objects.filter(user__email=email).first()


def _case(profile, office, expert, reference) -> Case:
    case = Case.objects.filter(profile=profile, status=Case.Status.OPEN).first()
    if case is None:
        case = Case.objects.create(
            profile=profile,
            office=office,
            responsible=expert,
            reference=reference,
            opened_at=timezone.now() - datetime.timedelta(days=40),
        )
    return case


def _maija_case(office, expert) -> None:
    profile = _profile("maija.meikalainen@demo.tori.fi")
    if profile is None or profile.home_municipality_id not in (
        set(office.municipalities.values_list("code", flat=True))
    ):
        return
    today = timezone.localdate()
    if not Case.objects.filter(reference="AS-2025-D3M001").exists():
        Case.objects.create(
            profile=profile,
            office=office,
            responsible=expert,
            reference="AS-2025-D3M001",
            status=Case.Status.CLOSED,
            opened_at=timezone.now() - datetime.timedelta(days=700),
            closed_at=timezone.now() - datetime.timedelta(days=520),
            outcome=Outcome.EMPLOYMENT_SERVICE,
            outcome_date=today - datetime.timedelta(days=520),
        )
    case = _case(profile, office, expert, "AS-2026-D3M002")
    ServiceNeedAssessment.objects.get_or_create(
        case=case,
        defaults={
            "work_ability": ServiceNeedAssessment.WorkAbility.FULL,
            "skills": "Ruoanvalmistus, hygieniaosaaminen, asiakaspalvelu.",
            "barriers": ["skills", "digital"],
            "barriers_note": "Hakee töitä vain tutulta alalta; sähköinen asiointi vaatii tukea.",
            "agreed_goal": "Kokin työ Tampereen seudulla kuuden kuukauden kuluessa.",
            "assessed_by": expert,
        },
    )
    plan, _ = Plan.objects.get_or_create(
        case=case,
        kind=Plan.Kind.EMPLOYMENT,
        defaults={"goal": "Työllistyminen kokiksi tai ravintolatyöhön.", "created_by": expert},
    )
    for title, days, done in [
        ("Päivitä CV ja profiili Toriin", -10, True),
        ("Hae vähintään kolmea kokin paikkaa", 7, False),
        ("Osallistu digitaitojen valmennukseen", 21, False),
    ]:
        PlanTask.objects.get_or_create(
            plan=plan,
            title=title,
            defaults={
                "due_date": today + datetime.timedelta(days=days),
                "done_at": timezone.now() if done else None,
                "done_by": profile.user if done else None,
            },
        )
    CaseNote.objects.get_or_create(
        case=case,
        text="Alkuhaastattelu tehty puhelimitse. Asiakas motivoitunut, toivoo päivätyötä.",
        defaults={"author": expert},
    )
    service = _area_service(profile)
    if service is not None:
        Referral.objects.get_or_create(
            case=case,
            service=service,
            defaults={
                "proposed_by": expert,
                "message": "Tämä valmennus tukisi työnhakuasi.",
                "status": Referral.Status.ACCEPTED,
                "share_first_name": True,
                "answered_at": timezone.now(),
            },
        )
    job_ad = _area_job_ad(profile)
    if job_ad is not None:
        JobOffer.objects.get_or_create(
            case=case,
            job_ad=job_ad,
            defaults={"offered_by": expert, "message": "Tämä paikka sopisi osaamiseesi."},
        )


def _ahmed_case(office, lead) -> None:
    profile = _profile("ahmed.hassan@demo.tori.fi")
    if profile is None or profile.home_municipality_id != "092":
        return
    case = _case(profile, office, lead, "AS-2026-D3M003")
    _take_registration(profile, lead)
    Plan.objects.get_or_create(
        case=case,
        kind=Plan.Kind.ACTIVATION,
        defaults={"goal": "Suomen kielen opinnot ja työkokeilu.", "created_by": lead},
    )


def _take_registration(profile, expert) -> None:
    """The expert of the customer's area handles the registration (and therefore sees the
    work ability details)."""
    from eservices.models import EserviceItem

    EserviceItem.objects.filter(
        subject=profile.user,
        kind=EserviceItem.Kind.UNEMPLOYMENT_REGISTRATION,
        status=EserviceItem.Status.RECEIVED,
        handler=None,
    ).update(status=EserviceItem.Status.PROCESSING, handler=expert)


def _area_service(profile):
    from django.db.models import Q

    from catalog.models import Service

    return (
        Service.objects.published()
        .filter(
            Q(is_nationwide=True)
            | Q(municipalities=profile.home_municipality_id)
            | Q(regions=profile.home_municipality.region_id)
        )
        .order_by("pk")
        .first()
    )


def _area_job_ad(profile):
    from jobs.models import JobAd

    return (
        JobAd.objects.listed()
        .filter(municipality_id=profile.home_municipality_id)
        .order_by("pk")
        .first()
    )
