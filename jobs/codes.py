"""Työmarkkinatori code lists used by job ads (KEHA job-ad API manual 1.0, chapter 7).

Codes are the manual's. Labels of the short lists are translated UI strings (jobs.models);
the long data lists below carry their own fi/sv/en labels, like catalog.taxonomy_data.
"""

from __future__ import annotations

from django.utils.translation import get_language

# 7.1 Ajokortti: (code, fi, sv, en)
DRIVING_LICENCES = [
    (
        "A1A2A",
        "A1, A2 tai A (moottoripyörä)",
        "A1, A2 eller A (motorcykel)",
        "A1, A2 or A (motorcycle)",
    ),
    ("B", "B (henkilöauto)", "B (personbil)", "B (car)"),
    (
        "B96BE",
        "B96 tai BE (perävaunuyhdistelmä)",
        "B96 eller BE (släpvagnskombination)",
        "B96 or BE (car and trailer)",
    ),
    ("C1C", "C1 tai C (kuorma-auto)", "C1 eller C (lastbil)", "C1 or C (lorry)"),
    (
        "C1ECE",
        "C1E tai CE (kuorma-auto ja perävaunu)",
        "C1E eller CE (lastbil och släpvagn)",
        "C1E or CE (lorry and trailer)",
    ),
    ("D1D", "D1 tai D (linja-auto)", "D1 eller D (buss)", "D1 or D (bus)"),
    (
        "D1EDE",
        "D1E tai DE (linja-auto ja perävaunu)",
        "D1E eller DE (buss och släpvagn)",
        "D1E or DE (bus and trailer)",
    ),
]

# 7.5 Kortit ja luvat: the cards and permits most often asked for in Finnish job ads, with the
# manual's codes (the full list has 95 entries; these are the ones Tori offers in the form).
CARDS_PERMITS = [
    ("002", "ADR-ajolupa", "ADR-förarintyg", "ADR driver's permit"),
    (
        "004",
        "Alkusammutuskortti AS1",
        "Kort i första släckning AS1",
        "First fire fighting card AS1",
    ),
    ("005", "Anniskelupassi", "Serveringspass", "Alcohol serving licence"),
    ("013", "Ensiapu 1", "Första hjälpen 1", "First aid 1"),
    ("014", "Ensiapu 2", "Första hjälpen 2", "First aid 2"),
    (
        "017",
        "Henkilöauton ammattiajolupa",
        "Yrkesförarintyg för personbil",
        "Professional driving permit for cars",
    ),
    ("018", "Henkilönostinkortti", "Personlyftkort", "Aerial work platform card"),
    (
        "020",
        "Hitsauspätevyydet / -luokat",
        "Svetsbehörigheter / -klasser",
        "Welding qualifications",
    ),
    ("022", "Hygieniapassi", "Hygienpass", "Hygiene passport"),
    ("023", "Ikärajapassi", "Åldersgränspass", "Age limit passport"),
    ("027", "Järjestyksenvalvojakortti", "Ordningsvaktskort", "Security steward card"),
    ("031", "Kattotulityökortti", "Kort för heta arbeten på tak", "Roof hot work card"),
    (
        "041",
        "Kuljettajan ammattipätevyyskortti",
        "Yrkeskompetenskort för förare",
        "Driver qualification card",
    ),
    (
        "049",
        "Matupa - matkailualan turvallisuuspassi",
        "Matupa – säkerhetspass för turismbranschen",
        "Matupa tourism safety passport",
    ),
    (
        "051",
        "Märkätilojen vedeneristäjän sertifikaatti",
        "Certifikat för tätskiktsarbete i våtrum",
        "Wet room waterproofing certificate",
    ),
    (
        "055",
        "Potilassiirtojen Ergonomiakortti",
        "Ergonomikort för patientförflyttningar",
        "Patient transfer ergonomics card",
    ),
    ("059", "Putkistopassi", "Rörpass", "Piping passport"),
    (
        "063",
        "Soster - sosiaali- ja terveydenhuollon turvakortti",
        "Soster – säkerhetskort för social- och hälsovården",
        "Soster social and health care safety card",
    ),
    (
        "068",
        "Sähköturvallisuustutkinto 1, 2 ja 3",
        "Elsäkerhetsexamen 1, 2 och 3",
        "Electrical safety qualification 1, 2 and 3",
    ),
    (
        "069",
        "Sähkötyöturvallisuuskortti SFS 6002",
        "Elarbetssäkerhetskort SFS 6002",
        "Electrical work safety card SFS 6002",
    ),
    ("071", "Taksinkuljettajan ajolupa", "Taxiförartillstånd", "Taxi driver's permit"),
    ("072", "Tieturvakortti 1 ja 2", "Vägsäkerhetskort 1 och 2", "Road safety card 1 and 2"),
    ("074", "Trukkikortti", "Truckkort", "Forklift licence"),
    ("075", "Tulityökortti", "Kort för heta arbeten", "Hot work card"),
    ("078", "Työhyvinvointikortti", "Arbetshälsokort", "Occupational well-being card"),
    ("079", "Työturvallisuuskortti", "Arbetarskyddskort", "Occupational safety card"),
    (
        "081",
        "Vaaralliset aineet (VAK tai ADR-koulutus)",
        "Farliga ämnen (VAK- eller ADR-utbildning)",
        "Dangerous goods (VAK or ADR training)",
    ),
    ("086", "Vartijakortti", "Väktarkort", "Security guard card"),
    ("087", "Vesihygieniapassi", "Vattenhygienpass", "Water hygiene passport"),
    ("088", "Vesityökortti", "Vattenarbetskort", "Water work card"),
]

# 7.3 Kieli: ISO 639-1 codes and the manual's ISO 639-2/3 additions, (code, fi, sv, en).
LANGUAGES = [
    ("fi", "suomi", "finska", "Finnish"),
    ("sv", "ruotsi", "svenska", "Swedish"),
    ("en", "englanti", "engelska", "English"),
    ("se", "pohjoissaame", "nordsamiska", "Northern Sami"),
    ("smn", "inarinsaame", "enaresamiska", "Inari Sami"),
    ("sms", "koltansaame", "skoltsamiska", "Skolt Sami"),
    ("fse", "suomalainen viittomakieli", "finskt teckenspråk", "Finnish Sign Language"),
    (
        "fss",
        "suomenruotsalainen viittomakieli",
        "finlandssvenskt teckenspråk",
        "Finland-Swedish Sign Language",
    ),
    ("de", "saksa", "tyska", "German"),
    ("fr", "ranska", "franska", "French"),
    ("es", "espanja", "spanska", "Spanish"),
    ("ru", "venäjä", "ryska", "Russian"),
    ("et", "viro", "estniska", "Estonian"),
    ("uk", "ukraina", "ukrainska", "Ukrainian"),
    ("ar", "arabia", "arabiska", "Arabic"),
    ("so", "somali", "somaliska", "Somali"),
    ("fa", "persia", "persiska", "Persian"),
    ("zh", "kiina", "kinesiska", "Chinese"),
    ("und", "muu kieli", "annat språk", "Other language"),
]

AD_LANGUAGES = ("fi", "sv", "en")  # languages a job ad's texts are written in (haku: kieli)


def _label(rows, code: str) -> str:
    lang = (get_language() or "fi")[:2]
    index = {"fi": 1, "sv": 2, "en": 3}.get(lang, 1)
    for row in rows:
        if row[0] == code:
            return row[index] or row[1]
    return code


def choices(rows) -> list[tuple[str, str]]:
    """(code, label in the active language) pairs, evaluated when called."""
    return [(row[0], _label(rows, row[0])) for row in rows]


def codes(rows) -> set[str]:
    return {row[0] for row in rows}


def driving_licence_label(code: str) -> str:
    return _label(DRIVING_LICENCES, code)


def card_permit_label(code: str) -> str:
    return _label(CARDS_PERMITS, code)


def language_label(code: str) -> str:
    return _label(LANGUAGES, code)
