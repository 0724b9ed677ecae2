"""Code lists mirrored from the Työmarkkinatori job-ad API manual (2023), section 7, so that
profiles can later be exchanged with Työmarkkinatori without mapping.

Driving licences (7.1), language (7.3: ISO 639-1 plus the listed 639-2/639-3 codes), language
level (7.4: CEFR based; the code list has no A2 and no C2), cards and permits (7.5), level of
education (7.6), working time (7.13) and continuity of employment (7.14).
"""

from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

DRIVING_LICENCES = [
    ("A1A2A", _("A1, A2 or A (motorcycle)")),
    ("B", _("B (car)")),
    ("B96BE", _("B96 or BE (car and trailer)")),
    ("C1C", _("C1 or C (lorry)")),
    ("C1ECE", _("C1E or CE (lorry and trailer)")),
    ("D1D", _("D1 or D (bus)")),
    ("D1EDE", _("D1E or DE (bus and trailer)")),
]

LANGUAGE_LEVELS = [
    ("A1", pgettext_lazy("language level", "A1 Basics")),
    ("B1", pgettext_lazy("language level", "B1 Satisfactory")),
    ("B2", pgettext_lazy("language level", "B2 Good")),
    ("C1", pgettext_lazy("language level", "C1 Very good")),
    ("L1", pgettext_lazy("language level", "Native language")),
]

# Languages offered in the form: ISO 639-1 codes common in Finland plus the ISO 639-2/639-3
# codes that the code list adds (7.3).
LANGUAGES = {
    "fi": _("Finnish"),
    "sv": _("Swedish"),
    "en": _("English"),
    "se": _("Northern Sami"),
    "smn": _("Inari Sami"),
    "sms": _("Skolt Sami"),
    "fse": _("Finnish Sign Language"),
    "fss": _("Finland-Swedish Sign Language"),
    "rom": _("Romani"),
    "ar": _("Arabic"),
    "ber": _("Berber"),
    "bg": _("Bulgarian"),
    "bs": _("Bosnian"),
    "crn": _("Montenegrin"),
    "cs": _("Czech"),
    "da": _("Danish"),
    "de": _("German"),
    "el": _("Greek"),
    "es": _("Spanish"),
    "et": _("Estonian"),
    "fa": _("Persian"),
    "fr": _("French"),
    "hr": _("Croatian"),
    "hu": _("Hungarian"),
    "it": _("Italian"),
    "ja": _("Japanese"),
    "ku": _("Kurdish"),
    "lt": _("Lithuanian"),
    "lv": _("Latvian"),
    "nl": _("Dutch"),
    "no": _("Norwegian"),
    "pl": _("Polish"),
    "ps": _("Pashto"),
    "pt": _("Portuguese"),
    "ro": _("Romanian"),
    "ru": _("Russian"),
    "so": _("Somali"),
    "sq": _("Albanian"),
    "sr": _("Serbian"),
    "th": _("Thai"),
    "ti": _("Tigrinya"),
    "tr": _("Turkish"),
    "uk": _("Ukrainian"),
    "ur": _("Urdu"),
    "vi": _("Vietnamese"),
    "zh": _("Chinese"),
    "und": _("Other language"),
}


def language_name(code: str) -> str:
    return str(LANGUAGES.get(code, code))


def language_choices() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in LANGUAGES.items()]


LANGUAGE_CODES = frozenset(LANGUAGES)

EDUCATION_LEVELS = [
    ("31", _("General upper secondary education")),
    ("32", _("Vocational upper secondary education")),
    ("4", _("Specialist vocational education")),
    ("5", _("Lowest level of tertiary education")),
    ("6", _("Bachelor's level")),
    ("7", _("Master's level")),
    ("8", _("Doctoral level")),
]
_EDUCATION_CODES = frozenset(code for code, _label in EDUCATION_LEVELS)


def education_rank(code: str) -> int:
    """Level of an education code for comparisons: the code's first digit (Statistics Finland's
    level of education, so general and vocational upper secondary, 31 and 32, are both 3);
    0 for a blank or unknown code."""
    return int(code[0]) if code in _EDUCATION_CODES else 0


WORKING_TIME = [("01", _("Full-time")), ("02", _("Part-time"))]
CONTINUITY = [("01", _("Permanent")), ("02", _("Fixed-term"))]

# 7.5 Kortit ja luvat: code → (Finnish as in the code list, Swedish, English).
CARDS_AND_PERMITS: dict[str, tuple[str, str, str]] = {
    "001": (
        "A/T-pätevyys, Antenniverkkotyöt-pätevyys",
        "A/T-behörighet, antennätsarbeten",
        "A/T qualification, antenna network work",
    ),
    "002": ("ADR-ajolupa", "ADR-förarintyg", "ADR driver's permit"),
    "003": (
        "Alikonemestarinkirja",
        "Certifikat som underofficer i maskin",
        "Junior engineer officer's certificate",
    ),
    "004": (
        "Alkusammutuskortti AS1",
        "Kort i första släckning AS1",
        "First-response firefighting card AS1",
    ),
    "005": ("Anniskelupassi", "Utskänkningspass", "Licensed premises passport"),
    "006": (
        "ARPA-kurssi (Automatic radar plotting aid)",
        "ARPA-kurs (Automatic radar plotting aid)",
        "ARPA course (Automatic radar plotting aid)",
    ),
    "007": (
        "Asbestipurkutyövaltuutus",
        "Tillstånd för asbestrivningsarbete",
        "Asbestos removal authorisation",
    ),
    "008": (
        "Asiakirjahallinnon ja arkistotoimen perustutkinto",
        "Grundexamen inom dokumenthantering och arkivverksamhet",
        "Vocational qualification in records management and archiving",
    ),
    "009": ("Asunnon välittäjä LKV", "Fastighetsmäklare AFM", "Authorised real estate agent (LKV)"),
    "010": (
        "AT-pätevyys, Antenni- ja tietoverkkotyöt -pätevyys",
        "AT-behörighet, antenn- och datanätsarbeten",
        "AT qualification, antenna and data network work",
    ),
    "011": ("Auktorisoitu kääntäjä", "Auktoriserad translator", "Authorised translator"),
    "012": (
        "BRM-kurssi (Bridge resource management)",
        "BRM-kurs (Bridge resource management)",
        "BRM course (Bridge resource management)",
    ),
    "013": ("Ensiapu 1", "Första hjälp 1", "First aid 1"),
    "014": ("Ensiapu 2", "Första hjälp 2", "First aid 2"),
    "015": (
        "Erikoiskuljetusten liikenteenohjaajakoulutus – EKL",
        "Trafikdirigentutbildning för specialtransporter – EKL",
        "Traffic controller training for special transports (EKL)",
    ),
    "016": (
        "GOC-kurssi (General operator's certificate)",
        "GOC-kurs (General operator's certificate)",
        "GOC course (General operator's certificate)",
    ),
    "017": (
        "Henkilöauton ammattiajolupa",
        "Yrkesförarbehörighet för personbil",
        "Professional driving permit for cars",
    ),
    "018": ("Henkilönostinkortti", "Personlyftkort", "Aerial work platform card"),
    "019": ("Hissiturvallisuustutkinto", "Hissäkerhetsexamen", "Lift safety examination"),
    "020": (
        "Hitsauspätevyydet / -luokat",
        "Svetsbehörigheter / -klasser",
        "Welding qualifications / classes",
    ),
    "021": ("HTM-tilintarkastajatutkinto", "GRM-revisorsexamen", "HTM auditor examination"),
    "022": ("Hygieniapassi", "Hygienpass", "Hygiene passport"),
    "023": ("Ikärajapassi", "Åldersgränspass", "Age limit passport"),
    "024": ("IMGD-kurssi", "IMGD-kurs", "IMGD course"),
    "025": ("Itämeren laivurinkirja", "Östersjöskepparbrev", "Baltic Sea skipper's certificate"),
    "026": ("JHTT-tilintarkastajatutkinto", "OFR-revisorsexamen", "JHTT auditor examination"),
    "027": ("Järjestyksenvalvojakortti", "Ordningsvaktskort", "Security steward card"),
    "028": ("Kaasusumutinlupa", "Tillstånd för gasspray", "Gas spray permit"),
    "029": (
        "Kaasusäiliöalusten turvallisuuskurssi",
        "Säkerhetskurs för gastankfartyg",
        "Gas tanker safety course",
    ),
    "030": ("Kansimiehen pätevyyskirja", "Behörighetsbrev för däcksman", "Deck rating certificate"),
    "031": ("Kattotulityökortti", "Kort för heta arbeten på tak", "Hot work on roofs card"),
    "032": (
        "Kemikaliosäiliöalusten turvallisuuskurssi",
        "Säkerhetskurs för kemikalietankfartyg",
        "Chemical tanker safety course",
    ),
    "033": ("KHT-tilintarkastajatutkinto", "CGR-revisorsexamen", "KHT auditor examination"),
    "034": (
        "Kokkistuertin pätevyyskirja",
        "Behörighetsbrev för kockstuert",
        "Cook-steward certificate",
    ),
    "035": ("Konehoitajankirja", "Maskinskötarbrev", "Engine operator's certificate"),
    "036": ("Konemestarinkirja", "Maskinmästarbrev", "Marine engineer's certificate"),
    "037": (
        "Konemiehen pätevyyskirja",
        "Behörighetsbrev för motorman",
        "Engine rating certificate",
    ),
    "038": (
        "Konevahtimiehen pätevyyskirja",
        "Behörighetsbrev för maskinvakt",
        "Engine watch rating certificate",
    ),
    "039": (
        "Korjausmiehen pätevyyskirja",
        "Behörighetsbrev för reparatör",
        "Repairman's certificate",
    ),
    "040": ("Kotimaan laivurinkirja", "Inrikes skepparbrev", "Domestic skipper's certificate"),
    "041": (
        "Kuljettajan ammattipätevyyskortti",
        "Förarens yrkeskompetensbevis",
        "Driver's certificate of professional competence",
    ),
    "042": ("Kuljettajankirja I", "Förarbrev I", "Driver's certificate I"),
    "043": ("Kuljettajankirja II", "Förarbrev II", "Driver's certificate II"),
    "044": (
        "Laivahuoltajan pätevyyskirja",
        "Behörighetsbrev för fartygsservice",
        "Ship steward's certificate",
    ),
    "045": (
        "Laivakokin pätevyyskirja",
        "Behörighetsbrev för fartygskock",
        "Ship's cook certificate",
    ),
    "046": (
        "Laivasähkömiehen pätevyyskirja",
        "Behörighetsbrev för fartygselektriker",
        "Ship electrician's certificate",
    ),
    "047": (
        "Laivatarjoilijan pätevyyskirja",
        "Behörighetsbrev för fartygsservitör",
        "Ship waiter's certificate",
    ),
    "048": ("Matruusin pätevyyskirja", "Behörighetsbrev för matros", "Able seafarer certificate"),
    "049": (
        "Matupa - matkailualan turvallisuuspassi",
        "Matupa – säkerhetspass för turismbranschen",
        "Matupa – tourism safety passport",
    ),
    "050": ("Merikapteeninkirja", "Sjökaptensbrev", "Master mariner's certificate"),
    "051": (
        "Märkätilojen vedeneristäjän sertifikaatti",
        "Certifikat för tätskiktsarbeten i våtrum",
        "Wet room waterproofing certificate",
    ),
    "052": ("Pelastautumiskurssi", "Räddningskurs", "Personal survival course"),
    "053": (
        "Pelastusvenemiehen pätevyyskirja",
        "Behörighetsbrev för livbåtsman",
        "Lifeboatman's certificate",
    ),
    "054": ("Perämiehenkirja", "Styrmansbrev", "Mate's certificate"),
    "055": (
        "Potilassiirtojen Ergonomiakortti",
        "Ergonomikort för patientförflyttningar",
        "Patient transfer ergonomics card",
    ),
    "056": ("Pumppumiehen pätevyyskirja", "Behörighetsbrev för pumpman", "Pumpman's certificate"),
    "057": (
        "Puolimatruusin pätevyyskirja",
        "Behörighetsbrev för jungman",
        "Ordinary seafarer certificate",
    ),
    "058": ("Pursimiehen pätevyyskirja", "Behörighetsbrev för båtsman", "Boatswain's certificate"),
    "059": ("Putkistopassi", "Rörpass", "Piping passport"),
    "060": (
        "Putoamissuojainten määräaikaistarkastaja",
        "Periodisk inspektör av fallskydd",
        "Periodic inspector of fall protection equipment",
    ),
    "061": ("Puuturvakortti", "Trädsäkerhetskort", "Tree work safety card"),
    "062": ("Siltanosturikortti", "Traverskort", "Overhead crane card"),
    "063": (
        "Soster - sosiaali- ja terveydenhuollon turvakortti",
        "Soster – säkerhetskort för social- och hälsovården",
        "Soster – health and social care safety card",
    ),
    "064": ("STCW-95 Basic", "STCW-95 Basic", "STCW-95 Basic"),
    "065": (
        "Suojainasiantuntijakortti",
        "Kort för skyddsutrustningsexpert",
        "Protective equipment expert card",
    ),
    "066": (
        "Suojakaasujärj. ja raakaöljypesukurssi",
        "Kurs i inertgassystem och råoljetvätt",
        "Inert gas system and crude oil washing course",
    ),
    "067": ("Sähkömestarinkirja", "Elmästarbrev", "Electrical engineer officer's certificate"),
    "068": (
        "Sähköturvallisuustutkinto 1, 2 ja 3",
        "Elsäkerhetsexamen 1, 2 och 3",
        "Electrical safety examination 1, 2 and 3",
    ),
    "069": (
        "Sähkötyöturvallisuuskortti SFS 6002",
        "Elarbetssäkerhetskort SFS 6002",
        "Electrical work safety card SFS 6002",
    ),
    "070": (
        "Säiliöalusten perehdyttämiskurssi",
        "Introduktionskurs för tankfartyg",
        "Tanker familiarisation course",
    ),
    "071": ("Taksinkuljettajan ajolupa", "Taxiförartillstånd", "Taxi driver's permit"),
    "072": ("Tieturvakortti 1 ja 2", "Vägsäkerhetskort 1 och 2", "Road safety card 1 and 2"),
    "073": (
        "T-pätevyys, Tietoverkkotyöt-pätevyys",
        "T-behörighet, datanätsarbeten",
        "T qualification, data network work",
    ),
    "074": ("Trukkikortti", "Truckkort", "Forklift licence"),
    "075": ("Tulityökortti", "Heta arbeten-kort", "Hot work card"),
    "076": (
        "Turvallisuusneuvonantajakoulutus",
        "Utbildning för säkerhetsrådgivare",
        "Safety adviser training",
    ),
    "077": ("Turvasuojaajakortti", "Säkerhetsskyddarkort", "Safety guard card"),
    "078": ("Työhyvinvointikortti", "Arbetshälsokort", "Occupational wellbeing card"),
    "079": ("Työturvallisuuskortti", "Arbetarskyddskort", "Occupational safety card"),
    "080": (
        "Vaarall. Kem. Teoll. Käsittelyn, varast. Käytönval",
        "Driftsövervakare för industriell hantering och lagring av farliga kemikalier",
        "Supervisor of industrial handling and storage of dangerous chemicals",
    ),
    "081": (
        "Vaaralliset aineet (VAK tai ADR-koulutus)",
        "Farliga ämnen (VAK- eller ADR-utbildning)",
        "Dangerous goods (VAK or ADR training)",
    ),
    "082": (
        "Vaarallisten aineiden ilmakulj. Peruskrs. (DGR)",
        "Grundkurs i lufttransport av farliga ämnen (DGR)",
        "Basic course in air transport of dangerous goods (DGR)",
    ),
    "083": (
        "Vahtikonemestarinkirja",
        "Vaktmaskinmästarbrev",
        "Engineer officer of the watch certificate",
    ),
    "084": ("Vahtimiehen pätevyyskirja", "Behörighetsbrev för vaktman", "Watch rating certificate"),
    "085": ("Vahtiperämiehenkirja", "Vaktstyrmansbrev", "Officer of the watch certificate"),
    "086": ("Vartijakortti", "Väktarkort", "Security guard card"),
    "087": ("Vesihygieniapassi", "Vattenhygienpass", "Water hygiene passport"),
    "088": ("Vesityökortti", "Vattenarbetskort", "Water work card"),
    "089": (
        "Vuokrahuoneiston välittäjä, LVV",
        "Hyresförmedlare, LVV",
        "Rental property agent (LVV)",
    ),
    "090": (
        "Yleinen vakuutustutkinto, VTS",
        "Allmän försäkringsexamen, VTS",
        "General insurance examination (VTS)",
    ),
    "091": (
        "Yleistoimihenkilö, Laivasähkömies, YT-pätevyys",
        "Allmän funktionär, fartygselektriker, YT-behörighet",
        "General rating, ship electrician, YT qualification",
    ),
    "092": (
        "Ylempi vakuutustutkinto, YVTS",
        "Högre försäkringsexamen, YVTS",
        "Higher insurance examination (YVTS)",
    ),
    "093": ("Ylikonemestarinkirja", "Övermaskinmästarbrev", "Chief engineer's certificate"),
    "094": ("Yliperämiehenkirja", "Överstyrmansbrev", "Chief mate's certificate"),
    "095": (
        "Öljysäiliöalusten turvallisuuskurssi",
        "Säkerhetskurs för oljetankfartyg",
        "Oil tanker safety course",
    ),
}


def card_name(code: str) -> str:
    names = CARDS_AND_PERMITS.get(code)
    if names is None:
        return code
    lang = (get_language() or "fi")[:2]
    return {"fi": names[0], "sv": names[1], "en": names[2]}.get(lang, names[0])


def card_choices() -> list[tuple[str, str]]:
    return sorted(((code, card_name(code)) for code in CARDS_AND_PERMITS), key=lambda c: c[1])


def label_for(choices, code: str) -> str:
    return str(dict(choices).get(code, code))
