"""Demo data for the open statistics: clearly synthetic history in the latest published
quarter and the quarter before it, so that the tables of /fi/statistics/ show real-looking
figures (most of the other demo data is dated today, in a quarter not yet published).

About two hundred synthetic jobseekers (``tilasto.001@demo.tori.fi`` …, no usable password,
profiles not published to employers) living all over Finland, more of them in Uusimaa,
Pirkanmaa and Varsinais-Suomi, with ESCO skills; their enrolment requests to the demo
services (all decided, so no provider's inbox fills up); ended job ads of the demo employers;
and expert referrals that ended with an outcome, in closed cases of a synthetic expert office
that has no members (so no demo expert sees them).

Written with bulk_create and dated afterwards (``created_at`` is auto_now_add): the whole
loader takes about a second. Idempotent: nothing is created when the first synthetic e-mail
exists. Published (frozen) tables of the two quarters are dropped when the data is created,
so the page shows the new figures — this is demo data only, never real statistics."""

from __future__ import annotations

import datetime
import random

from django.db import transaction

from openstats.params import Quarter, latest_completed_quarter

# matching.demo may skip these profiles: .exclude(user__email__startswith=SYNTHETIC_EMAIL_PREFIX)
SYNTHETIC_EMAIL_PREFIX = "tilasto."
EMAIL = SYNTHETIC_EMAIL_PREFIX + "{:03d}@demo.tori.fi"
FIRST_EMAIL = EMAIL.format(1)
PEOPLE = 240
OFFICE_NAME = "Tilastoesimerkki (synteettinen aineisto)"
SEED = 2026

FIRST_NAMES = [
    "Aino", "Eino", "Helmi", "Väinö", "Sofia", "Leevi", "Emilia", "Onni", "Aada", "Elias",
    "Matti", "Liisa", "Jukka", "Tiina", "Heikki", "Riikka", "Petri", "Satu", "Antti", "Marjo",
    "Elsa", "Oskar", "Ebba", "Axel", "Linnea", "Hugo", "Saga", "Emil", "Stina", "Anton",
]  # fmt: skip
LAST_NAMES = [
    "Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine",
    "Heikkinen", "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen",
    "Heinonen", "Niemi", "Heikkilä", "Kinnunen", "Salonen", "Turunen", "Lindholm",
    "Holmström", "Sjöberg", "Lindqvist", "Nyström", "Backman", "Grönroos", "Öhman",
]  # fmt: skip
# home municipalities (code → weight): more in Uusimaa, Pirkanmaa and Varsinais-Suomi
MUNICIPALITIES = {
    "091": 22, "049": 9, "092": 8, "638": 3, "106": 2,  # Helsinki, Espoo, Vantaa, Porvoo…
    "837": 20, "536": 4, "211": 4, "604": 3, "980": 2,  # Tampere, Nokia, Kangasala…
    "853": 12, "680": 3, "734": 3, "202": 2,  # Turku, Raisio, Salo, Kaarina
    "564": 6, "179": 6, "297": 5, "398": 4, "609": 3, "905": 3, "167": 3,  # Oulu … Joensuu
    "698": 2, "743": 2, "285": 2, "491": 2, "109": 2, "405": 2, "272": 1, "205": 1,
    "478": 1,  # Maarianhamina
}  # fmt: skip
# ESCO skills by English label, in occupational profiles; languages are added separately
PROFILES = {
    "service": ["customer service", "assist customers", "sales activities", "operate cash register",
                "stock shelves"],
    "cleaning": ["cleaning techniques", "clean rooms", "maintain personal hygiene standards"],
    "industry": ["welding techniques", "use welding equipment", "use power tools",
                 "operate forklift"],
    "it": ["computer programming", "Python (computer programming)", "JavaScript", "SQL",
           "office software"],
    "care": ["tend to elderly people", "apply nursing care in long-term care",
             "apply hygiene standards"],
    "logistics": ["drive vehicles", "operate forklift", "manage warehouse inventory",
                  "stock shelves"],
    "food": ["comply with food safety and hygiene", "customer service", "cleaning techniques"],
}  # fmt: skip
PROFILE_WEIGHTS = {
    "service": 5,
    "cleaning": 3,
    "industry": 3,
    "it": 2,
    "care": 3,
    "logistics": 2,
    "food": 2,
}
LANGUAGE_SKILLS = ["Finnish", "Swedish", "English"]
GENERAL_SKILLS = ["teamwork principles"]
# ended job ads per quarter: (employer name (jobs.demo), title fi/sv/en, municipality, profile)
AD_TEMPLATES = [
    ("Pirkanmaan Rakennus Oy", ("Hitsaaja", "Svetsare", "Welder"), "837", "industry"),
    ("Pirkanmaan Rakennus Oy", ("Rakennusapulainen", "Byggmedhjälpare", "Construction assistant"),
     "211", "industry"),
    ("Tampereen Ateria Oy", ("Ravintolatyöntekijä", "Restaurangarbetare", "Restaurant worker"),
     "837", "food"),
    ("Tampereen Ateria Oy", ("Keittiöapulainen", "Köksbiträde", "Kitchen assistant"), "536",
     "food"),
    ("Hoivakoti Kotiranta Oy", ("Lähihoitaja", "Närvårdare", "Practical nurse"), "837", "care"),
    ("Hoivakoti Kotiranta Oy", ("Hoiva-avustaja", "Vårdbiträde", "Care assistant"), "604",
     "care"),
    ("Koodimylly Oy", ("Ohjelmistokehittäjä", "Programutvecklare", "Software developer"), "091",
     "it"),
    ("Koodimylly Oy", ("Tukihenkilö", "Supportperson", "Support person"), "837", "it"),
    ("Logistiikka Nordic Oy", ("Varastotyöntekijä", "Lagerarbetare", "Warehouse worker"), "092",
     "logistics"),
    ("Logistiikka Nordic Oy", ("Kuljettaja", "Chaufför", "Driver"), "049", "logistics"),
    ("Kauppahuone Lindqvist Ab", ("Myyjä", "Försäljare", "Sales assistant"), "091", "service"),
    ("Kauppahuone Lindqvist Ab", ("Siivooja", "Städare", "Cleaner"), "091", "cleaning"),
    ("Kauppahuone Lindqvist Ab", ("Myyjä, Turku", "Försäljare, Åbo", "Sales assistant, Turku"),
     "853", "service"),
    ("Logistiikka Nordic Oy", ("Varastotyöntekijä, Turku", "Lagerarbetare, Åbo",
     "Warehouse worker, Turku"), "853", "logistics"),
]  # fmt: skip
ADS_PER_QUARTER = 36
OUTCOME_WEIGHTS = {
    "open_market": 4,
    "education": 2,
    "service": 3,
    "unemployment": 2,
    "other": 1,
}
REFERRAL_TYPES = ("rehabwork", "coaching", "jobsearch", "worktrial", "careerguidance")
# how popular each service type is in the enrolment requests (others: 1)
REQUEST_TYPE_WEIGHTS = {
    "coaching": 8,
    "jobsearch": 7,
    "training": 6,
    "rehabwork": 5,
    "worktrial": 4,
    "careerguidance": 3,
    "languagetraining": 2,
}


def quarters() -> tuple[Quarter, Quarter]:
    latest = latest_completed_quarter()
    return latest, latest.previous


def _moment(rng: random.Random, quarter: Quarter) -> datetime.datetime:
    start, end = quarter.aware_bounds()
    # office hours on a random day of the quarter (never past its end)
    day = rng.randrange((quarter.end_exclusive - quarter.start).days)
    moment = start + datetime.timedelta(
        days=day, hours=rng.randint(8, 16), minutes=rng.randrange(60)
    )
    return min(moment, end - datetime.timedelta(minutes=1))


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _demo_services():
    """The published services of the demo catalogue (catalog.demo), by service type."""
    from catalog.demo import SERVICES
    from catalog.models import Service

    names = {entry[5][0] for entry in SERVICES}
    by_type: dict[str, list] = {}
    for service in (
        Service.objects.published()
        .filter(name_fi__in=names, service_type__isnull=False)
        .select_related("service_type")
        .order_by("pk")
    ):
        by_type.setdefault(service.service_type.code, []).append(service)
    return by_type


@transaction.atomic
def load() -> list[str]:
    from profiles.models import JobseekerProfile, User
    from reference.models import EscoSkill, Municipality

    if User.objects.filter(email=FIRST_EMAIL).exists():
        return []
    municipalities = {m.code: m for m in Municipality.objects.filter(code__in=list(MUNICIPALITIES))}
    if not municipalities:
        return ["openstats: no municipalities (run import_reference), no statistics demo data"]
    rng = random.Random(SEED)
    latest, previous = quarters()
    labels = {label for skills in PROFILES.values() for label in skills}
    labels |= {*LANGUAGE_SKILLS, *GENERAL_SKILLS}
    skills = {s.label_en: s for s in EscoSkill.objects.filter(label_en__in=labels)}

    # people: registered one or two quarters before the figures
    weights = {code: w for code, w in MUNICIPALITIES.items() if code in municipalities}
    new_users = []
    for n in range(1, PEOPLE + 1):
        registered = previous.previous if rng.random() < 0.6 else previous
        new_users.append(_user(n, rng, _moment(rng, registered)))
    User.objects.bulk_create(new_users)
    users = list(User.objects.filter(email__in=[u.email for u in new_users]).order_by("email"))
    joined = {user.pk: user.date_joined for user in users}
    JobseekerProfile.objects.bulk_create(
        [
            JobseekerProfile(user=user, home_municipality=municipalities[_pick(rng, weights)])
            for user in users
        ]
    )
    profiles = list(
        JobseekerProfile.objects.filter(user__in=users).select_related("user").order_by("pk")
    )
    kinds = {p.pk: _pick(rng, PROFILE_WEIGHTS) for p in profiles}
    held = _profile_skills(rng, profiles, kinds, skills, joined)

    ads = _job_ads(rng, skills, (latest, previous))
    requests = _enrolment_requests(rng, profiles, (latest, previous))
    referrals = _referrals(rng, profiles, (latest, previous))
    _unpublish((latest, previous))
    return [
        f"openstats: {len(profiles)} synthetic jobseekers ({FIRST_EMAIL} …) with {held} skills, "
        f"{requests} enrolment requests, {ads} ended job ads and {referrals} ended referrals "
        f"in {previous} and {latest}"
    ]


def _user(n: int, rng: random.Random, joined: datetime.datetime):
    from profiles.models import User

    user = User(
        email=EMAIL.format(n),
        first_name=rng.choice(FIRST_NAMES),
        last_name=rng.choice(LAST_NAMES),
        role=User.Role.JOBSEEKER,
        preferred_language=rng.choices(["fi", "sv"], weights=[9, 1])[0],
        date_joined=joined,
    )
    user.set_unusable_password()
    return user


def _profile_skills(rng, profiles, kinds, skills, joined) -> int:
    from profiles.models import ProfileSkill

    rows = []
    for profile in profiles:
        wanted = rng.sample(PROFILES[kinds[profile.pk]], k=min(3, len(PROFILES[kinds[profile.pk]])))
        wanted.append("Finnish" if profile.user.preferred_language == "fi" else "Swedish")
        if rng.random() < 0.35:
            wanted.append("Swedish" if profile.user.preferred_language == "fi" else "Finnish")
        if rng.random() < 0.5:
            wanted.append("English")
        if rng.random() < 0.3:
            wanted.extend(GENERAL_SKILLS)
        for label in dict.fromkeys(wanted):
            if label in skills:
                rows.append(ProfileSkill(profile=profile, skill=skills[label]))
    ProfileSkill.objects.bulk_create(rows)
    for row in rows:  # the skills were added when the person registered
        row.created_at = joined[row.profile.user_id]
    ProfileSkill.objects.bulk_update(rows, ["created_at"])
    return len(rows)


def _job_ads(rng, skills, periods) -> int:
    from jobs.demo import ORGANISATIONS
    from jobs.models import JobAd
    from profiles.models import EmployerOrganisation
    from reference.models import Municipality

    organisations = {o.name: o for o in EmployerOrganisation.objects.filter(name__in=ORGANISATIONS)}
    templates = [t for t in AD_TEMPLATES if t[0] in organisations]
    places = {m.code: m for m in Municipality.objects.filter(code__in={t[2] for t in templates})}
    templates = [t for t in templates if t[2] in places]
    if not templates:
        return 0
    ads, dated, wanted_skills = [], [], []
    for quarter in periods:
        for _n in range(ADS_PER_QUARTER):
            employer, titles, place, kind = rng.choice(templates)
            published = _moment(rng, quarter)
            deadline = min(
                (published + datetime.timedelta(days=rng.randint(14, 28))).date(),
                quarter.last_day,
            )
            ads.append(
                JobAd(
                    organisation=organisations[employer],
                    title_fi=titles[0],
                    title_sv=titles[1],
                    title_en=titles[2],
                    description_fi="Esimerkki-ilmoitus tilastojen demoaineistoon (päättynyt).",
                    description_sv="Exempelannons i statistikens demodata (avslutad).",
                    description_en="Example ad in the demo data of the statistics (ended).",
                    municipality=places[place],
                    application_deadline=deadline,
                    status=JobAd.Status.EXPIRED,
                    published_at=published,
                    expired_at=published.replace(hour=23, minute=59)
                    + datetime.timedelta(days=(deadline - published.date()).days),
                )
            )
            dated.append(published)
            chosen = rng.sample(PROFILES[kind], k=min(3, len(PROFILES[kind])))
            chosen += ["Finnish"] + (["Swedish"] if rng.random() < 0.25 else [])
            wanted_skills.append([skills[label] for label in chosen if label in skills])
    JobAd.objects.bulk_create(ads)
    through = JobAd.skills.through
    through.objects.bulk_create(
        [
            through(jobad_id=ad.pk, escoskill_id=skill.pk)
            for ad, chosen in zip(ads, wanted_skills, strict=True)
            for skill in {s.pk: s for s in chosen}.values()
        ]
    )
    for ad, published in zip(ads, dated, strict=True):
        ad.created_at, ad.updated_at = published, ad.expired_at
    JobAd.objects.bulk_update(ads, ["created_at", "updated_at"])  # keeps them (no auto_now)
    return len(ads)


def _enrolment_requests(rng, profiles, periods) -> int:
    from catalog.models import EnrolmentRequest

    by_type = _demo_services()
    if not by_type:
        return 0
    type_weights = {t: REQUEST_TYPE_WEIGHTS.get(t, 1) for t in by_type}
    statuses = {"accepted": 5, "declined": 2, "withdrawn": 3}
    rows, dates = [], []
    for profile in profiles:
        if rng.random() < 0.1:
            continue
        chosen = {}
        for _n in range(rng.choice([1, 2, 2, 3])):
            service = rng.choice(by_type[_pick(rng, type_weights)])
            chosen[service.pk] = service
        for service in chosen.values():
            sent = _moment(rng, rng.choices(periods, weights=[3, 1])[0])
            rows.append(
                EnrolmentRequest(
                    service=service,
                    user=profile.user,
                    status=_pick(rng, statuses),
                    decided_at=sent + datetime.timedelta(days=rng.randint(1, 10)),
                )
            )
            dates.append(sent)
    EnrolmentRequest.objects.bulk_create(rows)
    for row, sent in zip(rows, dates, strict=True):
        row.created_at = sent
    EnrolmentRequest.objects.bulk_update(rows, ["created_at"])
    return len(rows)


def _referrals(rng, profiles, periods) -> int:
    from expert.models import Case, ExpertOffice, Referral

    by_type = _demo_services()
    types = [t for t in REFERRAL_TYPES if by_type.get(t)]
    if not types:
        return 0
    office, _created = ExpertOffice.objects.get_or_create(name=OFFICE_NAME)
    cases, referrals = [], []
    type_weights = dict(zip(REFERRAL_TYPES, [5, 4, 3, 2, 2], strict=True))
    for n, profile in enumerate(profiles, start=1):
        if rng.random() < 0.3:
            continue
        quarter = rng.choices(periods, weights=[3, 1])[0]
        ended = _moment(rng, quarter)
        started = ended - datetime.timedelta(days=rng.randint(10, 45))
        outcome = _pick(rng, OUTCOME_WEIGHTS)
        case = Case(
            reference=f"AS-{started.year}-TS{n:04d}",
            profile=profile,
            office=office,
            status=Case.Status.CLOSED,
            opened_at=started - datetime.timedelta(days=rng.randint(7, 30)),
            closed_at=ended + datetime.timedelta(days=1),
            outcome=outcome,
            outcome_date=ended.date(),
        )
        cases.append(case)
        service_type = _pick(rng, {t: type_weights[t] for t in types})
        referrals.append(
            Referral(
                case=case,
                service=rng.choice(by_type[service_type]),
                status=Referral.Status.COMPLETED
                if rng.random() < 0.8
                else Referral.Status.INTERRUPTED,
                proposed_at=started - datetime.timedelta(days=rng.randint(3, 14)),
                answered_at=started - datetime.timedelta(days=2),
                started_at=started,
                ended_at=ended,
                outcome=outcome,
            )
        )
    Case.objects.bulk_create(cases)
    Referral.objects.bulk_create(referrals)
    return len(referrals)


def _unpublish(periods) -> None:
    """Drop frozen tables of the demo quarters (made before this data existed)."""
    from openstats.models import PublishedTable

    PublishedTable.objects.filter(quarter__in=[str(q) for q in periods]).delete()
