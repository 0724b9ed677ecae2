"""Demo catalogue: about forty services in fi/sv/en from the demo providers, in the Tampere
region and Helsinki, some remote or nationwide. Idempotent (matched by Finnish name);
written through catalog.services like any provider's services."""

from django.db import transaction

from catalog import services
from catalog.models import Service, TaxonomyTerm
from profiles.models import User
from providers.models import Provider
from tori import permissions as perms

NAUHA, SOPIMUSVUORI, VALO, SYKE, KOMPASSI, TAMPERE, HELSINKI = (
    "Nauha ry",
    "Sopimusvuori ry",
    "Valo-Valmennusyhdistys ry",
    "Tampereen työvalmennussäätiö Syke sr",
    "Uraohjaus Kompassi Oy",
    "Tampereen kaupungin työllisyyspalvelut",
    "Helsingin kaupungin työllisyyspalvelut",
)

REHAB = {
    "days_per_week": 3,
    "hours_per_day": "4.0",
    "duration_value": 3,
    "duration_unit": "months",
    "schedule_fi": "3 päivää viikossa, 4 tuntia päivässä, 3 kuukautta",
    "schedule_sv": "3 dagar i veckan, 4 timmar om dagen, 3 månader",
    "schedule_en": "3 days a week, 4 hours a day, 3 months",
}

# provider, type, target groups, areas ("FI" = nationwide), mode,
# (fi, sv, en) names, (fi, sv, en) summaries, skills (ESCO English labels), extra fields
SERVICES = [
    (
        NAUHA,
        "rehabwork",
        ["longtermunemployed", "partialworkability"],
        ["837"],
        "onsite",
        (
            "Kuntouttava työtoiminta: puutyöryhmä",
            "Arbetsverksamhet i rehabiliteringssyfte: snickeri",
            "Rehabilitative work activity: woodwork group",
        ),
        (
            "Puutöitä pienessä ryhmässä ja tukea arjen rytmiin.",
            "Snickeri i en liten grupp och stöd för vardagsrytmen.",
            "Woodwork in a small group and support for a daily routine.",
        ),
        ["woodworking"],
        REHAB,
    ),
    (
        NAUHA,
        "rehabwork",
        ["longtermunemployed", "immigrants"],
        ["837"],
        "onsite",
        (
            "Kuntouttava työtoiminta: kädentaitoryhmä",
            "Arbetsverksamhet i rehabiliteringssyfte: hantverk",
            "Rehabilitative work activity: crafts group",
        ),
        (
            "Käsitöitä, kierrätystä ja yhdessä tekemistä Tampereella.",
            "Hantverk, återvinning och gemenskap i Tammerfors.",
            "Crafts, recycling and doing things together in Tampere.",
        ),
        [],
        REHAB,
    ),
    (
        SOPIMUSVUORI,
        "rehabwork",
        ["partialworkability"],
        ["837"],
        "onsite",
        (
            "Kuntouttava työtoiminta: keittiö ja kahvila",
            "Arbetsverksamhet i rehabiliteringssyfte: kök och kafé",
            "Rehabilitative work activity: kitchen and café",
        ),
        (
            "Keittiö- ja kahvilatyötä mielenterveyskuntoutujille.",
            "Köks- och kaféarbete för personer i psykisk rehabilitering.",
            "Kitchen and café work for mental health rehabilitees.",
        ),
        ["prepare food"],
        REHAB,
    ),
    (
        SOPIMUSVUORI,
        "socialrehab",
        ["partialworkability"],
        ["837"],
        "hybrid",
        (
            "Sosiaalinen kuntoutus: arjen taidot",
            "Social rehabilitering: vardagsfärdigheter",
            "Social rehabilitation: everyday skills",
        ),
        (
            "Ryhmätapaamisia ja yksilöohjausta arjenhallintaan.",
            "Gruppträffar och individuell handledning för vardagen.",
            "Group meetings and individual guidance for everyday life.",
        ),
        [],
        {
            "days_per_week": 2,
            "hours_per_day": "3.0",
            "duration_value": 4,
            "duration_unit": "months",
        },
    ),
    (
        VALO,
        "rehabwork",
        ["longtermunemployed"],
        ["837"],
        "onsite",
        (
            "Kuntouttava työtoiminta: liikunta ja hyvinvointi",
            "Arbetsverksamhet i rehabiliteringssyfte: motion",
            "Rehabilitative work activity: exercise and wellbeing",
        ),
        (
            "Liikuntaa, ulkoilua ja hyvinvointia ryhmässä.",
            "Motion, friluftsliv och välbefinnande i grupp.",
            "Exercise, outdoor activities and wellbeing in a group.",
        ),
        [],
        REHAB,
    ),
    (
        VALO,
        "coaching",
        ["under30"],
        ["837"],
        "onsite",
        ("Nuorten työvalmennus", "Arbetsträning för unga", "Work coaching for young people"),
        (
            "Valmentaja auttaa alle 30-vuotiasta löytämään oman polun työhön tai koulutukseen.",
            "En coach hjälper unga under 30 att hitta vägen till arbete eller studier.",
            "A coach helps people under 30 find their way into work or education.",
        ),
        [],
        {"duration_value": 6, "duration_unit": "months"},
    ),
    (
        SYKE,
        "coaching",
        ["longtermunemployed", "over55"],
        ["837"],
        "onsite",
        (
            "Työvalmennus yli 55-vuotiaille",
            "Arbetsträning för personer över 55",
            "Work coaching for over-55s",
        ),
        (
            "Kokemus käyttöön: tukea työnhakuun ja osaamisen tunnistamiseen.",
            "Erfarenheten till nytta: stöd i jobbsökningen och kartläggning av kompetens.",
            "Put experience to use: support for job search and recognising skills.",
        ),
        [],
        {"duration_value": 3, "duration_unit": "months"},
    ),
    (
        SYKE,
        "worktrial",
        ["longtermunemployed", "partialworkability"],
        ["837"],
        "onsite",
        (
            "Työkokeilu kierrätyskeskuksessa",
            "Arbetsprövning på återvinningscentralen",
            "Work trial at the recycling centre",
        ),
        (
            "Kokeile myymälä-, varasto- ja korjaustöitä palkkatuetussa työssä.",
            "Pröva butiks-, lager- och reparationsarbete med lönesubvention.",
            "Try shop, warehouse and repair work in wage-subsidised employment.",
        ),
        ["warehouse operations"],
        {
            "days_per_week": 5,
            "hours_per_day": "6.0",
            "duration_value": 6,
            "duration_unit": "months",
        },
    ),
    (
        SYKE,
        "training",
        ["jobseekers"],
        ["837"],
        "onsite",
        ("Hitsaajakoulutus", "Svetsarutbildning", "Welder training"),
        (
            "Käytännönläheinen koulutus hitsaajaksi: MIG/MAG- ja puikkohitsaus.",
            "Praktisk utbildning till svetsare: MIG/MAG- och elektrodsvetsning.",
            "Hands-on training to become a welder: MIG/MAG and stick welding.",
        ),
        ["weld metal", "use welding equipment"],
        {"duration_value": 5, "duration_unit": "months", "capacity": 16},
    ),
    (
        SYKE,
        "training",
        ["jobseekers", "immigrants"],
        ["837", "06"],
        "onsite",
        ("Siivousalan koulutus", "Utbildning inom städbranschen", "Cleaning industry training"),
        (
            "Laitoshuoltajan perustaidot ja työharjoittelu siivousalan yrityksessä.",
            "Grundläggande färdigheter för anstaltsvårdare och praktik i ett städföretag.",
            "Basic cleaning skills and a work placement in a cleaning company.",
        ),
        ["clean surfaces"],
        {"duration_value": 4, "duration_unit": "months", "capacity": 12},
    ),
    (
        TAMPERE,
        "training",
        ["jobseekers"],
        ["837"],
        "hybrid",
        (
            "Ohjelmistokehittäjän täsmäkoulutus",
            "Riktad utbildning för mjukvaruutvecklare",
            "Targeted training for software developers",
        ),
        (
            "Rekrytoiva koulutus ohjelmistokehittäjäksi yhdessä tamperelaisten "
            "IT-yritysten kanssa.",
            "Rekryterande utbildning till mjukvaruutvecklare tillsammans med "
            "IT-företag i Tammerfors.",
            "Recruitment training to become a software developer with Tampere IT companies.",
        ),
        ["use software design patterns", "Python (computer programming)"],
        {"duration_value": 6, "duration_unit": "months", "capacity": 20},
    ),
    (
        TAMPERE,
        "careerguidance",
        ["jobseekers", "under30"],
        ["837"],
        "onsite",
        (
            "Ohjaamo Tampere: ura- ja opinto-ohjaus",
            "Ohjaamo Tammerfors: karriär- och studievägledning",
            "Ohjaamo Tampere: career and study guidance",
        ),
        (
            "Maksutonta ohjausta alle 30-vuotiaille ilman ajanvarausta.",
            "Avgiftsfri vägledning för unga under 30 utan tidsbokning.",
            "Free guidance for people under 30, no appointment needed.",
        ),
        [],
        {},
    ),
    (
        TAMPERE,
        "jobsearch",
        ["jobseekers"],
        ["837"],
        "hybrid",
        ("Työnhakuklinikka", "Jobbsökarkliniken", "Job-search clinic"),
        (
            "Apua CV:hen, hakemukseen ja työhaastatteluun – paikan päällä tai etänä.",
            "Hjälp med CV, ansökan och anställningsintervju – på plats eller på distans.",
            "Help with your CV, application and job interview – on site or remotely.",
        ),
        [],
        {},
    ),
    (
        TAMPERE,
        "recruitment",
        ["employers"],
        ["837", "06"],
        "hybrid",
        (
            "Rekrytointipalvelut työnantajille",
            "Rekryteringstjänster för arbetsgivare",
            "Recruitment services for employers",
        ),
        (
            "Apua osaajien löytämiseen, palkkatukeen ja rekrytointitapahtumiin.",
            "Hjälp att hitta kompetens, lönesubvention och rekryteringsevenemang.",
            "Help finding talent, wage subsidy and recruitment events.",
        ),
        [],
        {},
    ),
    (
        TAMPERE,
        "languagetraining",
        ["immigrants"],
        ["837"],
        "onsite",
        ("Työelämän suomi", "Finska för arbetslivet", "Finnish for working life"),
        (
            "Suomen kielen koulutus maahanmuuttajille työpaikan sanastolla.",
            "Finskundervisning för invandrare med arbetsplatsens ordförråd.",
            "Finnish language training for immigrants with workplace vocabulary.",
        ),
        [],
        {
            "days_per_week": 4,
            "hours_per_day": "4.0",
            "duration_value": 5,
            "duration_unit": "months",
        },
    ),
    (
        TAMPERE,
        "startup",
        ["entrepreneurs", "jobseekers"],
        ["06"],
        "hybrid",
        (
            "Yritysneuvonta aloittavalle yrittäjälle",
            "Rådgivning för nya företagare",
            "Start-up advice",
        ),
        (
            "Liiketoimintasuunnitelma, starttiraha ja yrittäjän arki – maksutonta neuvontaa.",
            "Affärsplan, startpeng och företagarens vardag – avgiftsfri rådgivning.",
            "Business plan, start-up grant and everyday entrepreneurship – free advice.",
        ),
        [],
        {},
    ),
    (
        TAMPERE,
        "coaching",
        ["immigrants"],
        ["837"],
        "onsite",
        (
            "Maahanmuuttajien työvalmennus",
            "Arbetsträning för invandrare",
            "Work coaching for immigrants",
        ),
        (
            "Henkilökohtainen valmentaja, työkokeilupaikat ja tutkintojen tunnustaminen.",
            "Personlig coach, arbetsprövningsplatser och erkännande av examina.",
            "A personal coach, work trial placements and recognition of qualifications.",
        ),
        [],
        {"languages": ["fi", "en", "ar", "ru", "uk"]},
    ),
    (
        TAMPERE,
        "stafftraining",
        ["employers"],
        ["06"],
        "remote",
        (
            "Henkilöstön osaamisen kehittäminen",
            "Utveckling av personalens kompetens",
            "Developing staff skills",
        ),
        (
            "Yhteishankintakoulutus: räätälöity koulutus yrityksen henkilöstölle.",
            "Gemensam anskaffning av utbildning: skräddarsydd för företagets personal.",
            "Joint purchase training tailored to a company's staff.",
        ),
        [],
        {
            "funding": "market",
            "is_free": False,
            "price": "1200.00",
            "price_terms_fi": "Työnantaja maksaa osan koulutuksen hinnasta.",
            "price_terms_sv": "Arbetsgivaren betalar en del av priset.",
            "price_terms_en": "The employer pays part of the training price.",
        },
    ),
    (
        HELSINKI,
        "careerguidance",
        ["jobseekers"],
        ["091"],
        "onsite",
        ("Uraohjaus Helsingissä", "Karriärvägledning i Helsingfors", "Career guidance in Helsinki"),
        (
            "Uravalmentaja auttaa suunnittelemaan seuraavan askeleen.",
            "En karriärcoach hjälper dig planera nästa steg.",
            "A career coach helps you plan your next step.",
        ),
        [],
        {"languages": ["fi", "sv", "en"]},
    ),
    (
        HELSINKI,
        "jobsearch",
        ["immigrants"],
        ["091"],
        "hybrid",
        (
            "Työnhaun tuki maahanmuuttajille",
            "Stöd i jobbsökningen för invandrare",
            "Job-search help for immigrants",
        ),
        (
            "Neuvontaa monella kielellä: työnhaku, CV ja suomalainen työelämä.",
            "Rådgivning på många språk: jobbsökning, CV och det finländska arbetslivet.",
            "Advice in many languages: job search, CV and Finnish working life.",
        ),
        [],
        {"languages": ["fi", "en", "so", "ar", "ru", "fa"]},
    ),
    (
        HELSINKI,
        "training",
        ["jobseekers"],
        ["091"],
        "onsite",
        ("IT-tukihenkilön koulutus", "Utbildning för IT-stödpersoner", "IT support training"),
        (
            "Työvoimakoulutus IT-tukihenkilöksi: laitteet, verkot ja asiakaspalvelu.",
            "Arbetskraftsutbildning till IT-stödperson: utrustning, nätverk och kundservice.",
            "Labour market training for IT support: devices, networks and customer service.",
        ),
        ["provide ICT support"],
        {"duration_value": 7, "duration_unit": "months", "capacity": 18},
    ),
    (
        HELSINKI,
        "rehabwork",
        ["longtermunemployed"],
        ["091"],
        "onsite",
        (
            "Kuntouttava työtoiminta Helsingissä",
            "Arbetsverksamhet i rehabiliteringssyfte i Helsingfors",
            "Rehabilitative work activity in Helsinki",
        ),
        (
            "Ryhmätoimintaa kierrätyksen ja ompelun parissa.",
            "Gruppverksamhet med återvinning och sömnad.",
            "Group activities in recycling and sewing.",
        ),
        [],
        REHAB,
    ),
    (
        HELSINKI,
        "recruitment",
        ["employers"],
        ["091", "01"],
        "hybrid",
        (
            "Työnantajapalvelut Helsinki",
            "Arbetsgivartjänster Helsingfors",
            "Employer services Helsinki",
        ),
        (
            "Rekrytointiapu, Helsinki-lisä ja oppisopimus.",
            "Rekryteringshjälp, Helsingforstillägget och läroavtal.",
            "Recruitment help, the Helsinki bonus and apprenticeships.",
        ),
        [],
        {},
    ),
    (
        HELSINKI,
        "coaching",
        ["under30"],
        ["091"],
        "onsite",
        ("Nuorten työpaja", "Verkstad för unga", "Youth workshop"),
        (
            "Työpajatoimintaa mediassa, puutöissä ja ravintola-alalla.",
            "Verkstadsverksamhet inom media, snickeri och restaurang.",
            "Workshop activities in media, woodwork and restaurants.",
        ),
        [],
        {
            "days_per_week": 4,
            "hours_per_day": "5.0",
            "duration_value": 6,
            "duration_unit": "months",
        },
    ),
    (
        KOMPASSI,
        "careerguidance",
        ["jobseekers", "laidoff"],
        ["FI"],
        "remote",
        (
            "Etäuravalmennus irtisanotuille",
            "Karriärcoachning på distans för uppsagda",
            "Remote career coaching for dismissed workers",
        ),
        (
            "Muutosturvan valmennus verkossa: osaamiskartoitus ja uusi suunta.",
            "Omställningsskyddets coachning på nätet: kompetenskartläggning och ny riktning.",
            "Change security coaching online: skills mapping and a new direction.",
        ),
        [],
        {"languages": ["fi", "sv", "en"]},
    ),
    (
        KOMPASSI,
        "coaching",
        ["jobseekers"],
        ["FI"],
        "remote",
        (
            "LinkedIn- ja verkostoitumisvalmennus",
            "Coachning i LinkedIn och nätverkande",
            "LinkedIn and networking coaching",
        ),
        (
            "Näin teet itsesi näkyväksi piilotyöpaikoille.",
            "Så gör du dig synlig för dolda jobb.",
            "Make yourself visible for hidden jobs.",
        ),
        [],
        {
            "is_free": False,
            "price": "90.00",
            "funding": "market",
            "price_terms_fi": "Hinta sisältää kaksi etätapaamista.",
            "price_terms_sv": "Priset omfattar två distansträffar.",
            "price_terms_en": "The price includes two remote sessions.",
        },
    ),
    (
        KOMPASSI,
        "stafftraining",
        ["employers"],
        ["FI"],
        "remote",
        ("Esihenkilövalmennus", "Coachning för chefer", "Leadership coaching"),
        (
            "Verkkovalmennus esihenkilöille monimuotoisen työyhteisön johtamiseen.",
            "Nätcoachning för chefer i att leda en mångfaldig arbetsgemenskap.",
            "Online coaching for managers leading a diverse workplace.",
        ),
        [],
        {"is_free": False, "price": "450.00", "funding": "market"},
    ),
    (
        KOMPASSI,
        "careerguidance",
        ["over55"],
        ["091", "837"],
        "hybrid",
        (
            "Uraohjaus kokeneille",
            "Karriärvägledning för erfarna",
            "Career guidance for experienced workers",
        ),
        (
            "Yli 55-vuotiaiden uraohjaus Helsingissä ja Tampereella.",
            "Karriärvägledning för personer över 55 i Helsingfors och Tammerfors.",
            "Career guidance for over-55s in Helsinki and Tampere.",
        ),
        [],
        {"is_free": False, "price": "150.00", "funding": "market"},
    ),
    (
        KOMPASSI,
        "startup",
        ["entrepreneurs"],
        ["FI"],
        "remote",
        ("Yrittäjäksi verkossa", "Bli företagare på nätet", "Become an entrepreneur online"),
        (
            "Verkkokurssi yrityksen perustamiseen: verot, hinnoittelu ja markkinointi.",
            "Nätkurs i att grunda företag: skatter, prissättning och marknadsföring.",
            "Online course on starting a business: taxes, pricing and marketing.",
        ),
        [],
        {"duration_value": 8, "duration_unit": "weeks"},
    ),
    (
        VALO,
        "jobsearch",
        ["partialworkability"],
        ["837"],
        "onsite",
        (
            "Osatyökykyisten työnhakuryhmä",
            "Jobbsökargrupp för personer med partiell arbetsförmåga",
            "Job-search group for people partially able to work",
        ),
        (
            "Vertaistukea ja käytännön apua sopivan työn löytämiseen.",
            "Kamratstöd och praktisk hjälp att hitta lämpligt arbete.",
            "Peer support and practical help to find suitable work.",
        ),
        [],
        {
            "days_per_week": 1,
            "hours_per_day": "3.0",
            "duration_value": 10,
            "duration_unit": "weeks",
        },
    ),
    (
        VALO,
        "socialrehab",
        ["under30"],
        ["837"],
        "onsite",
        (
            "Nuorten sosiaalinen kuntoutus",
            "Social rehabilitering för unga",
            "Social rehabilitation for young people",
        ),
        (
            "Pienryhmä, jossa harjoitellaan arjen taitoja ja tutustutaan työelämään.",
            "En liten grupp som övar vardagsfärdigheter och bekantar sig med arbetslivet.",
            "A small group practising everyday skills and getting to know working life.",
        ),
        [],
        {
            "days_per_week": 2,
            "hours_per_day": "4.0",
            "duration_value": 3,
            "duration_unit": "months",
        },
    ),
    (
        NAUHA,
        "worktrial",
        ["jobseekers"],
        ["837"],
        "onsite",
        (
            "Työkokeilu ompelimossa",
            "Arbetsprövning i sömnadsverkstaden",
            "Work trial in a sewing workshop",
        ),
        (
            "Tekstiilityöt ja asiakaspalvelu työkokeiluna.",
            "Textilarbete och kundservice som arbetsprövning.",
            "Textile work and customer service as a work trial.",
        ),
        [],
        {"duration_value": 3, "duration_unit": "months"},
    ),
    (
        SYKE,
        "training",
        ["jobseekers"],
        ["837"],
        "onsite",
        (
            "Varastologistiikan koulutus",
            "Utbildning i lagerlogistik",
            "Warehouse logistics training",
        ),
        (
            "Trukkikortti, keräily ja varastojärjestelmät.",
            "Truckkort, plockning och lagersystem.",
            "Forklift licence, order picking and warehouse systems.",
        ),
        ["warehouse operations"],
        {"duration_value": 3, "duration_unit": "months"},
    ),
    (
        SYKE,
        "training",
        ["jobseekers"],
        ["06"],
        "onsite",
        (
            "Rakennusalan perustaidot",
            "Grundläggande färdigheter inom byggbranschen",
            "Construction basics",
        ),
        (
            "Työturvallisuuskortti, rakennustyöt ja harjoittelu työmaalla Pirkanmaalla.",
            "Arbetssäkerhetskort, byggarbete och praktik på byggplats i Birkaland.",
            "Occupational safety card, building work and a site placement in Pirkanmaa.",
        ),
        [],
        {"duration_value": 4, "duration_unit": "months"},
    ),
    (
        TAMPERE,
        "worktrial",
        ["jobseekers", "under30"],
        ["837"],
        "onsite",
        (
            "Kesätyöseteli ja työkokeilu nuorille",
            "Sommarjobbssedel och arbetsprövning för unga",
            "Summer job voucher and work trial for young people",
        ),
        (
            "Ensimmäinen työkokemus tamperelaisessa yrityksessä.",
            "Den första arbetserfarenheten i ett företag i Tammerfors.",
            "Your first work experience in a Tampere company.",
        ),
        [],
        {},
    ),
    (
        HELSINKI,
        "languagetraining",
        ["immigrants"],
        ["091"],
        "remote",
        (
            "Ammattisuomi terveysalalle",
            "Yrkesfinska för vårdbranschen",
            "Professional Finnish for healthcare",
        ),
        (
            "Etäkurssi hoitajille ja lähihoitajille, jotka opiskelevat suomea.",
            "Distanskurs för vårdare och närvårdare som studerar finska.",
            "Online course for nurses and practical nurses learning Finnish.",
        ),
        [],
        {"languages": ["fi", "en"]},
    ),
    (
        HELSINKI,
        "startup",
        ["immigrants", "entrepreneurs"],
        ["091"],
        "onsite",
        (
            "Yritysneuvonta maahanmuuttajille",
            "Företagsrådgivning för invandrare",
            "Business advice for immigrants",
        ),
        (
            "Neuvontaa yrityksen perustamiseen englanniksi, venäjäksi ja arabiaksi.",
            "Rådgivning om att grunda företag på engelska, ryska och arabiska.",
            "Advice on starting a business in English, Russian and Arabic.",
        ),
        [],
        {"languages": ["fi", "en", "ru", "ar"]},
    ),
    (
        KOMPASSI,
        "recruitment",
        ["employers"],
        ["FI"],
        "remote",
        (
            "Rekrytoinnin kumppanuuspalvelu",
            "Partnerskap för rekrytering",
            "Recruitment partnership",
        ),
        (
            "Haemme ja haastattelemme osaajat puolestasi koko Suomessa.",
            "Vi söker och intervjuar kandidater åt dig i hela Finland.",
            "We search and interview candidates for you anywhere in Finland.",
        ),
        [],
        {"is_free": False, "price": "2500.00", "funding": "market"},
    ),
    (
        SOPIMUSVUORI,
        "worktrial",
        ["partialworkability"],
        ["837"],
        "onsite",
        (
            "Tuettu työ: kiinteistöhuolto",
            "Stött arbete: fastighetsskötsel",
            "Supported employment: property maintenance",
        ),
        (
            "Kiinteistöhuollon työtehtäviä työvalmentajan tuella.",
            "Fastighetsskötsel med stöd av en arbetscoach.",
            "Property maintenance tasks with a job coach's support.",
        ),
        [],
        {
            "days_per_week": 4,
            "hours_per_day": "5.0",
            "duration_value": 6,
            "duration_unit": "months",
        },
    ),
    (
        VALO,
        "coaching",
        ["laidoff", "jobseekers"],
        ["837", "06"],
        "hybrid",
        ("Muutosvalmennus", "Omställningscoachning", "Career transition coaching"),
        (
            "Tukea irtisanomisen jälkeen: osaamisen tunnistaminen ja uusi suunta.",
            "Stöd efter uppsägning: kompetenskartläggning och ny riktning.",
            "Support after dismissal: recognising skills and finding a new direction.",
        ),
        [],
        {},
    ),
]


def _areas(codes):
    from reference.models import Municipality, Region

    if codes == ["FI"]:
        return {"is_nationwide": True, "regions": [], "municipalities": []}
    return {
        "is_nationwide": False,
        "regions": list(Region.objects.filter(code__in=[c for c in codes if len(c) == 2])),
        "municipalities": list(
            Municipality.objects.filter(code__in=[c for c in codes if len(c) == 3])
        ),
    }


def _skills(labels):
    from reference.models import EscoSkill

    return list(EscoSkill.objects.filter(label_en__in=labels)) if labels else []


LOCATIONS = {
    "837": {"street_address": "Hämeenkatu 10", "postal_code": "33100", "city": "Tampere"},
    "091": {"street_address": "Mannerheimintie 5", "postal_code": "00100", "city": "Helsinki"},
    "06": {"street_address": "Hämeenkatu 10", "postal_code": "33100", "city": "Tampere"},
}


@transaction.atomic
def load() -> list[str]:
    actor = (
        User.objects.filter(role=User.Role.PLATFORM_ADMIN).order_by("pk").first()
        or User.objects.filter(is_superuser=True).order_by("pk").first()
    )
    if actor is None:
        return ["catalog: no platform administrator, demo services were not loaded"]
    perms.acting_from_server_console(actor)
    types = {t.code: t for t in TaxonomyTerm.objects.filter(taxonomy="service_type")}
    groups = {t.code: t for t in TaxonomyTerm.objects.filter(taxonomy="target_group")}
    providers = {p.name: p for p in Provider.objects.all()}
    created = 0
    for (
        provider_name,
        type_code,
        group_codes,
        area_codes,
        mode,
        names,
        summaries,
        skills,
        extra,
    ) in SERVICES:
        provider = providers.get(provider_name)
        if provider is None:
            continue
        data = {
            "name_fi": names[0],
            "name_sv": names[1],
            "name_en": names[2],
            "summary_fi": summaries[0],
            "summary_sv": summaries[1],
            "summary_en": summaries[2],
            "description_fi": f"<p>{summaries[0]}</p><p>Ota yhteyttä, niin kerromme lisää.</p>",
            "description_sv": f"<p>{summaries[1]}</p><p>Kontakta oss för mer information.</p>",
            "description_en": f"<p>{summaries[2]}</p><p>Contact us to find out more.</p>",
            "how_to_enrol_fi": "<p>Ilmoittaudu Torissa tai soita meille.</p>",
            "how_to_enrol_sv": "<p>Anmäl dig i Tori eller ring oss.</p>",
            "how_to_enrol_en": "<p>Enrol in Tori or call us.</p>",
            "service_type": types[type_code],
            "target_groups": [groups[c] for c in group_codes],
            "delivery_mode": mode,
            "languages": ["fi"],
            "contact_email": provider.email,
            "esco_skills": _skills(skills),
            **_areas(area_codes),
            **extra,
        }
        if mode != "remote" and area_codes[0] in LOCATIONS:
            data["locations"] = [LOCATIONS[area_codes[0]]]
        existing = Service.objects.filter(provider=provider, name_fi=names[0]).first()
        if existing:
            services.service_update(actor=actor, service=existing, data=data)
            continue
        service = services.service_create(actor=actor, provider=provider, data=data)
        services.service_submit(actor=actor, service=service)
        services.service_publish(actor=actor, service=service)
        created += 1
    return [f"catalog: {created} demo services created, {len(SERVICES)} in the demo set"]
