"""Demo job ads: about thirty ads in fi/sv/en from six employers in the Tampere region and
Helsinki, some remote, some expired or closed. Idempotent (matched by employer and Finnish
title); written through jobs.services like any employer's ads. ESCO occupations and skills are
linked by English label when the ESCO import has run (``make run`` imports it first)."""

import datetime

from django.db import transaction
from django.utils import timezone

from jobs import services
from jobs.models import JobAd
from profiles.demo import demo_employer_admin
from profiles.models import EmployerOrganisation, User
from tori.demo import DEMO_PASSWORD

RAKENNUS, ATERIA, KOTIRANTA, KOODIMYLLY, NORDIC, LINDQVIST = (
    "Pirkanmaan Rakennus Oy",
    "Tampereen Ateria Oy",
    "Hoivakoti Kotiranta Oy",
    "Koodimylly Oy",
    "Logistiikka Nordic Oy",
    "Kauppahuone Lindqvist Ab",
)
# name → (business ID, demo member e-mail); the first one is created by profiles.demo
ORGANISATIONS = {
    RAKENNUS: ("0737546-2", "rekry@demo.tori.fi"),
    ATERIA: ("2846014-8", "rekry.ateria@demo.tori.fi"),
    KOTIRANTA: ("3051772-1", "rekry.kotiranta@demo.tori.fi"),
    KOODIMYLLY: ("1927388-5", "rekry.koodimylly@demo.tori.fi"),
    NORDIC: ("2467201-2", "rekry.nordic@demo.tori.fi"),
    LINDQVIST: ("2210345-7", "rekry.lindqvist@demo.tori.fi"),
}
ABOUT = {
    RAKENNUS: (
        "Pirkanmaan Rakennus Oy rakentaa asuntoja ja toimitiloja Tampereen seudulla.",
        "Pirkanmaan Rakennus Oy bygger bostäder och affärslokaler i Tammerforsregionen.",
        "Pirkanmaan Rakennus Oy builds homes and business premises in the Tampere region.",
    ),
    ATERIA: (
        "Tampereen Ateria Oy valmistaa lounaat kouluille, päiväkodeille ja työpaikoille.",
        "Tampereen Ateria Oy lagar luncher till skolor, daghem och arbetsplatser.",
        "Tampereen Ateria Oy cooks lunches for schools, day-care centres and workplaces.",
    ),
    KOTIRANTA: (
        "Hoivakoti Kotiranta tarjoaa ikäihmisille kodinomaista ympärivuorokautista hoivaa.",
        "Vårdhemmet Kotiranta erbjuder äldre hemlik vård dygnet runt.",
        "Kotiranta care home offers older people homelike round-the-clock care.",
    ),
    KOODIMYLLY: (
        "Koodimylly Oy tekee verkkopalveluita julkiselle sektorille ja yrityksille.",
        "Koodimylly Oy utvecklar webbtjänster för den offentliga sektorn och företag.",
        "Koodimylly Oy builds web services for the public sector and companies.",
    ),
    NORDIC: (
        "Logistiikka Nordic Oy hoitaa varastointia ja kuljetuksia pääkaupunkiseudulla.",
        "Logistiikka Nordic Oy sköter lager och transporter i huvudstadsregionen.",
        "Logistiikka Nordic Oy runs warehousing and transport in the Helsinki region.",
    ),
    LINDQVIST: (
        "Kauppahuone Lindqvist on kaksikielinen perheyritys Helsingin keskustassa.",
        "Kauppahuone Lindqvist är ett tvåspråkigt familjeföretag i Helsingfors centrum.",
        "Kauppahuone Lindqvist is a bilingual family business in central Helsinki.",
    ),
}

FI_B2 = {"language": "fi", "level": "B2"}
FI_L1 = {"language": "fi", "level": "L1"}
SV_B1 = {"language": "sv", "level": "B1"}
SV_L1 = {"language": "sv", "level": "L1"}
EN_B2 = {"language": "en", "level": "B2"}
EN_C1 = {"language": "en", "level": "C1"}

# (employer, ESCO occupation (English label), municipality, work time, continuity, remote,
#  (title fi, sv, en), (summary fi, sv, en), ESCO skills (English labels), extra fields, state)
# state: "published", "draft", "expired" (deadline passed before the demo) or "closed".
ADS = [
    (
        RAKENNUS,
        "carpenter",
        "837",
        "01",
        "01",
        False,
        ("Kirvesmies", "Snickare", "Carpenter"),
        (
            "Haemme kokenutta kirvesmiestä asuntokohteisiin Tampereella.",
            "Vi söker en erfaren snickare till bostadsprojekt i Tammerfors.",
            "We are looking for an experienced carpenter for housing projects in Tampere.",
        ),
        ["use power tools", "read engineering drawings"],
        {
            "cards_permits": ["079", "075"],
            "salary_basis": "01",
            "salary_min": "17.50",
            "salary_max": "21.00",
            "salary_period": "HOUR",
            "language_requirements": [FI_B2],
        },
        "published",
    ),
    (
        RAKENNUS,
        "building construction worker",
        "211",
        "01",
        "0202",
        False,
        (
            "Rakennusalan kesätyöntekijä",
            "Sommarjobb inom byggbranschen",
            "Summer worker in construction",
        ),
        (
            "Kesätyötä työmaalla Kangasalla: siivousta, kantamista ja avustavia töitä.",
            "Sommarjobb på byggplats i Kangasala: städning, bärande och hjälparbeten.",
            "Summer work on a site in Kangasala: cleaning, carrying and assisting.",
        ),
        [],
        {"cards_permits": ["079"], "language_requirements": [FI_B2]},
        "published",
    ),
    (
        RAKENNUS,
        "construction painter",
        "536",
        "01",
        "02",
        False,
        ("Rakennusmaalari", "Byggnadsmålare", "Construction painter"),
        (
            "Määräaikainen maalarin työ saneerauskohteessa Nokialla.",
            "Visstidsanställning som målare i ett renoveringsprojekt i Nokia.",
            "Fixed-term painter's job in a renovation project in Nokia.",
        ),
        [],
        {"cards_permits": ["079"], "salary_basis": "03"},
        "published",
    ),
    (
        RAKENNUS,
        "electrician",
        "837",
        "01",
        "01",
        False,
        ("Sähköasentaja", "Elmontör", "Electrician"),
        (
            "Sähköasentaja uudiskohteisiin, B-ajokortti välttämätön.",
            "Elmontör till nybyggen, körkort B krävs.",
            "Electrician for new buildings; a B driving licence is required.",
        ),
        [],
        {
            "cards_permits": ["069", "079"],
            "driving_licences": ["B"],
            "salary_basis": "01",
            "salary_min": "3100",
            "salary_max": "3800",
            "salary_period": "MONTH",
        },
        "published",
    ),
    (
        RAKENNUS,
        "plumber",
        "980",
        "01",
        "01",
        False,
        ("Putkiasentaja", "Rörmokare", "Plumber"),
        (
            "Putkiasentaja linjasaneerauksiin Ylöjärvelle.",
            "Rörmokare till stambyten i Ylöjärvi.",
            "Plumber for pipe renovations in Ylöjärvi.",
        ),
        [],
        {"cards_permits": ["075", "079"], "driving_licences": ["B"]},
        "expired",
    ),
    (
        RAKENNUS,
        "concrete finisher",
        "418",
        "01",
        "02",
        False,
        ("Betonirakentaja", "Betongarbetare", "Concrete worker"),
        (
            "Betonitöitä Lempäälän logistiikkakeskuksen työmaalla.",
            "Betongarbete på logistikcentrets byggplats i Lempäälä.",
            "Concrete work on the logistics centre site in Lempäälä.",
        ),
        [],
        {"cards_permits": ["079"]},
        "draft",
    ),
    (
        ATERIA,
        "cook",
        "837",
        "01",
        "01",
        False,
        ("Kokki, kouluruokala", "Kock, skolmatsal", "Cook, school canteen"),
        (
            "Kokki valmistamaan kouluruokaa Hervannan keskuskeittiöön.",
            "Kock som lagar skolmat i centralköket i Hervanta.",
            "Cook to prepare school meals in the Hervanta central kitchen.",
        ),
        [],
        {
            "cards_permits": ["022"],
            "salary_basis": "01",
            "salary_min": "2450",
            "salary_max": "2700",
            "salary_period": "MONTH",
            "language_requirements": [FI_B2],
        },
        "published",
    ),
    (
        ATERIA,
        "kitchen porter",
        "604",
        "02",
        "01",
        False,
        ("Keittiöapulainen", "Köksbiträde", "Kitchen assistant"),
        (
            "Osa-aikainen keittiöapulainen Pirkkalan päiväkotiin, 25 h viikossa.",
            "Deltidsanställt köksbiträde till ett daghem i Birkala, 25 h i veckan.",
            "Part-time kitchen assistant for a day-care centre in Pirkkala, 25 h a week.",
        ),
        [],
        {"cards_permits": ["022"]},
        "published",
    ),
    (
        ATERIA,
        "waiter/waitress",
        "837",
        "02",
        "0201",
        False,
        (
            "Tarjoilija kesäterassille",
            "Servitör till sommarterrassen",
            "Waiter for the summer terrace",
        ),
        (
            "Kausityötä Tampereen Laukontorin terassilla toukokuusta syyskuuhun.",
            "Säsongsjobb på terrassen vid Laukontori i Tammerfors från maj till september.",
            "Seasonal work on the Laukontori terrace in Tampere from May to September.",
        ),
        ["customer service"],
        {"cards_permits": ["005", "022", "023"], "language_requirements": [FI_B2, EN_B2]},
        "published",
    ),
    (
        ATERIA,
        "cook",
        "211",
        "01",
        "02",
        False,
        ("Kokki, sijaisuus", "Kock, vikariat", "Cook, temporary cover"),
        (
            "Kokin sijaisuus Kangasalan keskuskeittiössä.",
            "Vikariat som kock i Kangasalas centralkök.",
            "Temporary cover for a cook in the Kangasala central kitchen.",
        ),
        [],
        {"cards_permits": ["022"]},
        "closed",
    ),
    (
        KOTIRANTA,
        "nurse responsible for general care",
        "837",
        "01",
        "01",
        False,
        ("Sairaanhoitaja", "Sjuksköterska", "Registered nurse"),
        (
            "Sairaanhoitaja ympärivuorokautiseen hoivaan Tampereen Kalevaan.",
            "Sjuksköterska till vård dygnet runt i Kaleva i Tammerfors.",
            "Registered nurse for round-the-clock care in Kaleva, Tampere.",
        ),
        [],
        {
            "salary_basis": "01",
            "salary_min": "2900",
            "salary_max": "3400",
            "salary_period": "MONTH",
            "language_requirements": [FI_B2],
        },
        "published",
    ),
    (
        KOTIRANTA,
        "healthcare assistant",
        "837",
        "01",
        "01",
        False,
        ("Lähihoitaja", "Närvårdare", "Practical nurse"),
        (
            "Lähihoitaja vakituiseen kolmivuorotyöhön.",
            "Närvårdare till fast treskiftsarbete.",
            "Practical nurse for a permanent job in three shifts.",
        ),
        [],
        {"cards_permits": ["055"], "language_requirements": [FI_B2]},
        "published",
    ),
    (
        KOTIRANTA,
        "healthcare assistant",
        "536",
        "02",
        "0202",
        False,
        (
            "Kesätyö: lähihoitaja tai hoitoapulainen",
            "Sommarjobb: närvårdare eller vårdbiträde",
            "Summer job: practical nurse or care assistant",
        ),
        (
            "Kesäsijaisuuksia Nokian yksikössä kesä–elokuussa.",
            "Sommarvikariat i enheten i Nokia juni–augusti.",
            "Summer substitutions in the Nokia unit from June to August.",
        ),
        [],
        {"cards_permits": ["013"], "language_requirements": [FI_B2]},
        "published",
    ),
    (
        KOTIRANTA,
        "healthcare assistant",
        "837",
        "02",
        "02",
        False,
        ("Yöhoitaja", "Natt-sjukskötare", "Night nurse"),
        (
            "Yövuoroja määräaikaisesti Kalevan yksikössä.",
            "Nattskift för viss tid i enheten i Kaleva.",
            "Fixed-term night shifts in the Kaleva unit.",
        ),
        [],
        {},
        "expired",
    ),
    (
        KOODIMYLLY,
        "software developer",
        "091",
        "01",
        "01",
        True,
        (
            "Ohjelmistokehittäjä (Python)",
            "Mjukvaruutvecklare (Python)",
            "Software developer (Python)",
        ),
        (
            "Python-ohjelmistokehittäjä julkisen sektorin verkkopalveluihin. Etätyö mahdollista.",
            "Pythonutvecklare till webbtjänster för den offentliga sektorn. Distansarbete möjligt.",
            "Python developer for public-sector web services. Remote work possible.",
        ),
        ["Python (computer programming)", "SQL"],
        {
            "salary_basis": "01",
            "salary_min": "3800",
            "salary_max": "5200",
            "salary_period": "MONTH",
            "language_requirements": [FI_B2, EN_B2],
        },
        "published",
    ),
    (
        KOODIMYLLY,
        "web developer",
        "837",
        "01",
        "01",
        True,
        ("Verkkokehittäjä, Tampere", "Webbutvecklare, Tammerfors", "Web developer, Tampere"),
        (
            "Frontend-kehittäjä Tampereen toimistolle, etätyö mahdollista.",
            "Frontendutvecklare till kontoret i Tammerfors, distansarbete möjligt.",
            "Frontend developer for the Tampere office, remote work possible.",
        ),
        ["JavaScript"],
        {"language_requirements": [EN_B2]},
        "published",
    ),
    (
        KOODIMYLLY,
        "data analyst",
        "091",
        "01",
        "02",
        True,
        ("Data-analyytikko", "Dataanalytiker", "Data analyst"),
        (
            "Vuoden projekti: tiedolla johtamisen raportit kunnille.",
            "Ettårigt projekt: rapporter för kunskapsbaserad ledning för kommuner.",
            "A one-year project: knowledge management reports for municipalities.",
        ),
        ["SQL"],
        {"language_requirements": [FI_B2, SV_B1]},
        "published",
    ),
    (
        KOODIMYLLY,
        "ICT help desk agent",
        "091",
        "02",
        "01",
        True,
        ("IT-tukihenkilö", "IT-supportperson", "IT support specialist"),
        (
            "Osa-aikainen IT-tuki asiakkaillemme puhelimessa ja chatissa.",
            "Deltids-IT-support för våra kunder per telefon och chatt.",
            "Part-time IT support for our customers by phone and chat.",
        ),
        ["customer service"],
        {"language_requirements": [FI_B2, SV_B1, EN_B2]},
        "published",
    ),
    (
        KOODIMYLLY,
        "software developer",
        "091",
        "01",
        "01",
        True,
        ("Senior-ohjelmistokehittäjä", "Senior mjukvaruutvecklare", "Senior software developer"),
        (
            "Kokenut kehittäjä arkkitehtuurityöhön.",
            "Erfaren utvecklare för arkitekturarbete.",
            "Experienced developer for architecture work.",
        ),
        ["Python (computer programming)"],
        {"language_requirements": [EN_C1]},
        "expired",
    ),
    (
        KOODIMYLLY,
        "ICT system administrator",
        "049",
        "01",
        "01",
        True,
        ("Järjestelmäasiantuntija", "Systemspecialist", "Systems specialist"),
        (
            "Pilvipalveluiden ylläpitoa Espoon toimistolta tai etänä.",
            "Underhåll av molntjänster från kontoret i Esbo eller på distans.",
            "Running cloud services from the Espoo office or remotely.",
        ),
        [],
        {"language_requirements": [EN_B2]},
        "draft",
    ),
    (
        NORDIC,
        "warehouse worker",
        "092",
        "01",
        "01",
        False,
        ("Varastotyöntekijä", "Lagerarbetare", "Warehouse worker"),
        (
            "Keräilyä ja lähettämöä Vantaan logistiikkakeskuksessa kahdessa vuorossa.",
            "Plockning och expedition i logistikcentret i Vanda i två skift.",
            "Picking and dispatch in the Vantaa logistics centre in two shifts.",
        ),
        ["operate forklift"],
        {
            "cards_permits": ["074", "079"],
            "salary_basis": "01",
            "salary_min": "14.20",
            "salary_period": "HOUR",
        },
        "published",
    ),
    (
        NORDIC,
        "forklift operator",
        "092",
        "01",
        "0201",
        False,
        ("Trukinkuljettaja, sesonki", "Truckförare, säsong", "Forklift driver, peak season"),
        (
            "Joulusesongin trukkityöt loka–tammikuussa.",
            "Truckarbete under julsäsongen oktober–januari.",
            "Forklift work for the Christmas season from October to January.",
        ),
        ["operate forklift"],
        {"cards_permits": ["074"]},
        "published",
    ),
    (
        NORDIC,
        "bus driver",
        "091",
        "01",
        "01",
        False,
        ("Linja-autonkuljettaja", "Bussförare", "Bus driver"),
        (
            "Henkilökuljetuksia pääkaupunkiseudulla.",
            "Persontransporter i huvudstadsregionen.",
            "Passenger transport in the Helsinki region.",
        ),
        [],
        {"driving_licences": ["D1D"], "cards_permits": ["041"], "language_requirements": [FI_B2]},
        "published",
    ),
    (
        NORDIC,
        "warehouse worker",
        "092",
        "02",
        "0202",
        False,
        ("Kesätyö varastossa", "Sommarjobb på lager", "Summer job in the warehouse"),
        (
            "Kesätyötä Vantaan varastossa, myös ilman aiempaa kokemusta.",
            "Sommarjobb på lagret i Vanda, även utan tidigare erfarenhet.",
            "Summer work in the Vantaa warehouse, also without previous experience.",
        ),
        [],
        {},
        "published",
    ),
    (
        NORDIC,
        "warehouse worker",
        "092",
        "01",
        "02",
        False,
        ("Varastotyöntekijä, syksy", "Lagerarbetare, hösten", "Warehouse worker, autumn"),
        (
            "Määräaikainen varastotyö syyskaudelle.",
            "Visstidsjobb på lager för hösten.",
            "Fixed-term warehouse work for the autumn.",
        ),
        [],
        {},
        "expired",
    ),
    (
        LINDQVIST,
        "shop assistant",
        "091",
        "02",
        "01",
        False,
        ("Myyjä", "Försäljare", "Sales assistant"),
        (
            "Myyjä kaksikieliseen sisustusmyymäläämme Helsingin keskustaan.",
            "Försäljare till vår tvåspråkiga inredningsbutik i Helsingfors centrum.",
            "Sales assistant for our bilingual interior design shop in central Helsinki.",
        ),
        ["customer service"],
        {"language_requirements": [FI_B2, SV_L1]},
        "published",
    ),
    (
        LINDQVIST,
        "bookkeeper",
        "091",
        "01",
        "01",
        False,
        ("Kirjanpitäjä", "Bokförare", "Bookkeeper"),
        (
            "Kirjanpitäjä taloushallintoon, ruotsin kielen taito välttämätön.",
            "Bokförare till ekonomiförvaltningen, kunskaper i svenska är ett krav.",
            "Bookkeeper for our finance team; Swedish is required.",
        ),
        [],
        {
            "salary_basis": "01",
            "salary_min": "2800",
            "salary_max": "3300",
            "salary_period": "MONTH",
            "language_requirements": [SV_L1, FI_B2],
        },
        "published",
    ),
    (
        LINDQVIST,
        "customer service representative",
        "091",
        "02",
        "01",
        True,
        (
            "Asiakaspalvelija verkkokauppaan",
            "Kundtjänst för webbutiken",
            "Customer service for the online shop",
        ),
        (
            "Verkkokaupan asiakaspalvelu suomeksi, ruotsiksi ja englanniksi, etätyönä.",
            "Kundtjänst för webbutiken på finska, svenska och engelska, på distans.",
            "Online shop customer service in Finnish, Swedish and English, remotely.",
        ),
        ["customer service"],
        {"language_requirements": [FI_B2, SV_B1, EN_B2]},
        "published",
    ),
    (
        LINDQVIST,
        "accounting assistant",
        "091",
        "02",
        "0202",
        False,
        (
            "Kesätyö: taloussihteeri",
            "Sommarjobb: ekonomiassistent",
            "Summer job: accounts assistant",
        ),
        (
            "Laskujen käsittelyä ja täsmäytyksiä kesän ajan.",
            "Fakturahantering och avstämningar under sommaren.",
            "Invoice processing and reconciliations for the summer.",
        ),
        [],
        {"language_requirements": [SV_B1]},
        "closed",
    ),
    (
        LINDQVIST,
        "shop assistant",
        "091",
        "02",
        "0201",
        False,
        ("Joulumyyjä", "Julförsäljare", "Christmas sales assistant"),
        (
            "Joulusesongin myyjä marras–joulukuussa.",
            "Försäljare för julsäsongen november–december.",
            "Sales assistant for the Christmas season in November and December.",
        ),
        [],
        {},
        "published",
    ),
]

APPLY = (
    "<p>Hae viimeistään hakuajan viimeisenä päivänä hakulomakkeella.</p>",
    "<p>Sök senast sista ansökningsdagen med ansökningsblanketten.</p>",
    "<p>Apply with the application form by the last day of the application period.</p>",
)


def _organisation(name: str) -> tuple[EmployerOrganisation, User]:
    business_id, email = ORGANISATIONS[name]
    user, created = User.objects.get_or_create(
        email=email,
        defaults={"first_name": "Rekry", "last_name": name.split()[0], "role": User.Role.EMPLOYER},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    organisation = demo_employer_admin(business_id=business_id, name=name, user=user)
    return organisation, user


def _occupation(label):
    from reference.models import EscoOccupation

    return EscoOccupation.objects.filter(label_en=label).order_by("pk").first()


def _skills(labels):
    from reference.models import EscoSkill

    return list(EscoSkill.objects.filter(label_en__in=labels)) if labels else []


def _data(row, index: int, today: datetime.date) -> dict:
    name, occupation, municipality, work_time, continuity, remote, titles, summaries = row[:8]
    skills, extra, _state = row[8:]
    fi, sv, en = ABOUT[name]
    slug = "".join(c for c in titles[2].lower() if c.isalnum())
    return {
        "title_fi": titles[0],
        "title_sv": titles[1],
        "title_en": titles[2],
        "description_fi": f"<p>{summaries[0]}</p><p>{fi}</p>",
        "description_sv": f"<p>{summaries[1]}</p><p>{sv}</p>",
        "description_en": f"<p>{summaries[2]}</p><p>{en}</p>",
        "how_to_apply_fi": APPLY[0],
        "how_to_apply_sv": APPLY[1],
        "how_to_apply_en": APPLY[2],
        "application_url": f"https://rekry.example.fi/{slug}",
        "occupation": _occupation(occupation),
        "skills": _skills(skills),
        "municipality": municipality,
        "remote": remote,
        "work_time": work_time,
        "continuity": continuity,
        "start_type": "01" if index % 3 else "03",
        "application_deadline": today + datetime.timedelta(days=10 + (index * 7) % 50),
        **extra,
    }


@transaction.atomic
def load() -> list[str]:
    from reference.models import Municipality

    if not Municipality.objects.filter(code__in=["837", "091"]).exists():
        return ["jobs: municipalities are not imported, demo job ads were not loaded"]
    today = timezone.localdate()
    members = {name: _organisation(name) for name in ORGANISATIONS}
    created = 0
    for index, row in enumerate(ADS):
        organisation, actor = members[row[0]]
        state = row[-1]
        data = _data(row, index, today)
        existing = JobAd.objects.filter(organisation=organisation, title_fi=row[6][0]).first()
        if existing:
            if existing.status in (JobAd.Status.DRAFT, JobAd.Status.PUBLISHED) and not (
                existing.is_past_deadline()
            ):
                services.job_ad_update(actor=actor, job_ad=existing, data=data)
            continue
        job_ad = services.job_ad_create(actor=actor, organisation=organisation, data=data)
        created += 1
        if state == "draft":
            continue
        services.job_ad_publish(actor=actor, job_ad=job_ad)
        if state == "closed":
            services.job_ad_close(actor=actor, job_ad=job_ad)
        elif state == "expired":
            # Demo data only: the application period ended before the demo was loaded, so the
            # deadline is moved back and the ad expires through the normal expiry service.
            JobAd.objects.filter(pk=job_ad.pk).update(
                application_deadline=today - datetime.timedelta(days=3 + index % 20),
                published_at=timezone.now() - datetime.timedelta(days=40),
            )
    services.job_ads_expire()
    logins = ", ".join(email for _bid, email in list(ORGANISATIONS.values())[1:])
    return [
        f"jobs: {created} demo job ads created, {len(ADS)} in the demo set",
        f"  more employer logins (same password): {logins}",
    ]
