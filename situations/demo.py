"""Demo life-situation packages in fi/sv/en (idempotent)."""

from situations.services import life_situation_upsert

PACKAGES = [
    {
        "slug": "lost-job",
        "service_types": ["jobsearch", "careerguidance", "coaching", "training"],
        "target_groups": ["laidoff"],
        "eservices": ["registration", "skills-profile"],
        "data": {
            "name_fi": "Jäin työttömäksi",
            "name_sv": "Jag blev arbetslös",
            "name_en": "I lost my job",
            "description_fi": "Ilmoittaudu työnhakijaksi ensimmäisenä työttömyyspäivänä. "
            "Työnhaun tuki, valmennus ja koulutus auttavat eteenpäin.",
            "description_sv": "Anmäl dig som arbetssökande senast den första dagen du är "
            "arbetslös. Stöd i jobbsökningen, coachning och utbildning hjälper dig vidare.",
            "description_en": "Register as a jobseeker on your first day of unemployment. "
            "Job-search help, coaching and training help you onwards.",
            "phrases_fi": "jäin työttömäksi\ntyötön\ntyöttömyys\nirtisanottiin\nirtisanominen\n"
            "lomautettiin\nlomautus\nmenetin työpaikkani\ntyösuhde päättyi\nmääräaikainen "
            "päättyi\nyt-neuvottelut\nmuutosneuvottelut\ntyöttömyysturva",
            "phrases_sv": "jag blev arbetslös\narbetslös\narbetslöshet\nuppsagd\nsades upp\n"
            "permitterad\npermittering\nförlorade mitt jobb\nanställningen tog slut\n"
            "arbetslöshetsersättning",
            "phrases_en": "I lost my job\nunemployed\nunemployment\nlaid off\nfired\ndismissed\n"
            "made redundant\nredundancy\nmy contract ended\nunemployment benefit",
        },
    },
    {
        "slug": "moved-to-finland",
        "service_types": ["languagetraining", "careerguidance", "jobsearch"],
        "target_groups": ["immigrants"],
        "eservices": ["registration"],
        "data": {
            "name_fi": "Muutin Suomeen",
            "name_sv": "Jag flyttade till Finland",
            "name_en": "I moved to Finland",
            "description_fi": "Kielikoulutus, kotoutumisen palvelut ja ohjaus tutkinnon ja "
            "osaamisen hyödyntämiseen Suomessa.",
            "description_sv": "Språkutbildning, integrationstjänster och vägledning i hur du "
            "kan använda din examen och dina kunskaper i Finland.",
            "description_en": "Language training, integration services and guidance on using "
            "your degree and skills in Finland.",
            "phrases_fi": "muutin Suomeen\nmuutto Suomeen\nmaahanmuuttaja\nkotoutuminen\n"
            "kotoutumiskoulutus\nsuomen kieli\nsuomen kurssi\noleskelulupa\nulkomainen tutkinto",
            "phrases_sv": "jag flyttade till Finland\nflyttat till Finland\ninvandrare\n"
            "integration\nlära mig finska\nsvenska kurs\nuppehållstillstånd\nutländsk examen",
            "phrases_en": "I moved to Finland\nmoved to Finland\nnew in Finland\nimmigrant\n"
            "integration\nlearn Finnish\nFinnish course\nresidence permit\nforeign degree",
        },
    },
    {
        "slug": "changing-career",
        "service_types": ["careerguidance", "training", "coaching"],
        "target_groups": [],
        "eservices": ["skills-profile"],
        "data": {
            "name_fi": "Haluan vaihtaa alaa",
            "name_sv": "Jag vill byta bransch",
            "name_en": "I want to change career",
            "description_fi": "Uraohjaus ja koulutus uuteen ammattiin; kartoita ensin osaamisesi.",
            "description_sv": "Karriärvägledning och utbildning för ett nytt yrke; kartlägg "
            "först dina kunskaper.",
            "description_en": "Career guidance and training for a new occupation; map your "
            "skills first.",
            "phrases_fi": "haluan vaihtaa alaa\nalanvaihto\nvaihtaa alaa\nuusi ammatti\n"
            "uudelleenkoulutus\nuusi ura\nuranvaihto\nkouluttautua uudelleen\nmuuntokoulutus",
            "phrases_sv": "jag vill byta bransch\nbyta bransch\nbyta yrke\nnytt yrke\n"
            "omskolning\nny karriär\nkarriärbyte",
            "phrases_en": "I want to change career\nchange career\ncareer change\nnew profession\n"
            "new occupation\nretraining\nswitch field",
        },
    },
    {
        "slug": "starting-business",
        "service_types": ["startup", "training"],
        "target_groups": ["entrepreneurs"],
        "eservices": [],
        "data": {
            "name_fi": "Aloitan yritystoiminnan",
            "name_sv": "Jag startar ett företag",
            "name_en": "I am starting a business",
            "description_fi": "Aloittavan yrittäjän neuvonta, liiketoimintasuunnitelma ja "
            "starttiraha.",
            "description_sv": "Rådgivning för nya företagare, affärsplan och startpeng.",
            "description_en": "Start-up advice, a business plan and the start-up grant.",
            "phrases_fi": "perustaa yrityksen\nyrittäjäksi\nyrittäjä\nyritys\ntoiminimi\n"
            "starttiraha\nliiketoimintasuunnitelma\noma yritys",
            "phrases_sv": "starta företag\nföretagare\nbli företagare\nfirma\nstartpeng\n"
            "affärsplan\neget företag",
            "phrases_en": "start a business\nstarting a business\nentrepreneur\nself-employed\n"
            "sole trader\nstart-up grant\nbusiness plan\nmy own company",
        },
    },
    {
        "slug": "returning-after-sick-leave",
        "service_types": ["coaching", "rehabwork", "socialrehab", "worktrial"],
        "target_groups": ["partialworkability"],
        "eservices": [],
        "data": {
            "name_fi": "Palaan töihin sairausloman jälkeen",
            "name_sv": "Jag återvänder till arbetet efter sjukledighet",
            "name_en": "Returning to work after sick leave",
            "description_fi": "Työkokeilu, kuntoutus ja valmennus työkyvyn mukaan.",
            "description_sv": "Arbetsprövning, rehabilitering och coachning enligt din "
            "arbetsförmåga.",
            "description_en": "Work trials, rehabilitation and coaching that fit your ability "
            "to work.",
            "phrases_fi": "sairausloma\nsairauslomalta\npitkä sairausloma\npaluu töihin\n"
            "työkyky\nosatyökykyinen\nkuntoutus\nuupumus\nloppuunpalaminen\ntyökokeilu",
            "phrases_sv": "sjukledighet\nsjukskriven\nsjukskrivning\ntillbaka till arbetet\n"
            "arbetsförmåga\nrehabilitering\nutbrändhet\narbetsprövning",
            "phrases_en": "sick leave\non sick leave\nback to work\nreturn to work\n"
            "ability to work\nrehabilitation\nburnout\nwork trial\nillness",
        },
    },
    {
        "slug": "under-30-no-study-place",
        "service_types": ["careerguidance", "coaching", "training"],
        "target_groups": ["under30", "students"],
        "eservices": ["registration"],
        "data": {
            "name_fi": "Alle 30-vuotias ilman opiskelupaikkaa",
            "name_sv": "Under 30 år utan studieplats",
            "name_en": "Under 30 without a study place",
            "description_fi": "Ohjaamo, uraohjaus ja valmennus opiskelupaikan tai työn "
            "löytämiseen.",
            "description_sv": "Navigatorn, karriärvägledning och coachning för att hitta en "
            "studieplats eller ett jobb.",
            "description_en": "One-stop guidance centres (Ohjaamo), career guidance and coaching "
            "to find a study place or a job.",
            "phrases_fi": "en päässyt opiskelemaan\nei opiskelupaikkaa\nopiskelupaikka\n"
            "yhteishaku\nnuori\nalle 30\nohjaamo\nvalmistuin lukiosta\nkeskeytin opinnot",
            "phrases_sv": "ingen studieplats\nstudieplats\nkom inte in\ngemensam ansökan\nung\n"
            "under 30\nnavigatorn\navbröt studierna",
            "phrases_en": "no study place\ndid not get into school\nstudy place\nyoung\n"
            "under 30\nyouth\ndropped out\nfinished school",
        },
    },
    {
        "slug": "over-55-looking-for-work",
        "service_types": ["jobsearch", "coaching", "training"],
        "target_groups": ["over55", "longtermunemployed"],
        "eservices": ["registration", "skills-profile"],
        "data": {
            "name_fi": "Yli 55-vuotias työnhakija",
            "name_sv": "Arbetssökande över 55 år",
            "name_en": "Jobseeker over 55",
            "description_fi": "Työnhaun tuki ja valmennus kokeneelle työnhakijalle.",
            "description_sv": "Stöd i jobbsökningen och coachning för erfarna arbetssökande.",
            "description_en": "Job-search help and coaching for experienced jobseekers.",
            "phrases_fi": "yli 55\nikääntynyt työnhakija\nikäsyrjintä\npitkäaikaistyötön\n"
            "eläkeikä lähestyy",
            "phrases_sv": "över 55\näldre arbetssökande\nåldersdiskriminering\nlångtidsarbetslös",
            "phrases_en": "over 55\nolder jobseeker\nage discrimination\nlong-term unemployed\n"
            "close to retirement",
        },
    },
]


def load() -> list[str]:
    for position, package in enumerate(PACKAGES):
        life_situation_upsert(
            slug=package["slug"],
            data=package["data"],
            service_types=package["service_types"],
            target_groups=package["target_groups"],
            eservices=package["eservices"],
            position=position,
        )
    return [f"Life situations: {len(PACKAGES)} packages (/fi/situation/)"]
