"""Tori's own taxonomies (HSDS taxonomy_terms): service types and target groups.
Codes are letters and digits only; they appear in URLs, the API and the search index."""

SERVICE_TYPES = [
    ("training", "Koulutus", "Utbildning", "Training"),
    ("coaching", "Valmennus", "Coachning", "Coaching"),
    ("careerguidance", "Uraohjaus", "Karriärvägledning", "Career guidance"),
    ("jobsearch", "Työnhaun tuki", "Stöd i jobbsökningen", "Job-search help"),
    (
        "rehabwork",
        "Kuntouttava työtoiminta",
        "Arbetsverksamhet i rehabiliteringssyfte",
        "Rehabilitative work activity",
    ),
    ("socialrehab", "Sosiaalinen kuntoutus", "Social rehabilitering", "Social rehabilitation"),
    (
        "worktrial",
        "Palkkatuettu työ ja työkokeilu",
        "Lönesubventionerat arbete och arbetsprövning",
        "Wage-subsidised work and work trial",
    ),
    ("recruitment", "Rekrytointiapu", "Rekryteringshjälp", "Recruitment help"),
    ("stafftraining", "Henkilöstökoulutus", "Personalutbildning", "Staff training"),
    (
        "startup",
        "Aloittavan yrittäjän neuvonta",
        "Rådgivning för nya företagare",
        "Start-up advice",
    ),
    ("languagetraining", "Kielikoulutus", "Språkutbildning", "Language training"),
]

TARGET_GROUPS = [
    ("jobseekers", "Työnhakijat", "Arbetssökande", "Jobseekers"),
    ("employers", "Työnantajat", "Arbetsgivare", "Employers"),
    ("under30", "Alle 30-vuotiaat", "Personer under 30 år", "Under-30s"),
    ("over55", "Yli 55-vuotiaat", "Personer över 55 år", "Over-55s"),
    ("immigrants", "Maahanmuuttajat", "Invandrare", "Immigrants"),
    ("longtermunemployed", "Pitkäaikaistyöttömät", "Långtidsarbetslösa", "Long-term unemployed"),
    (
        "partialworkability",
        "Osatyökykyiset",
        "Personer med partiell arbetsförmåga",
        "People partially able to work",
    ),
    ("students", "Opiskelijat", "Studerande", "Students"),
    ("entrepreneurs", "Yrittäjät", "Företagare", "Entrepreneurs"),
    (
        "laidoff",
        "Irtisanotut ja lomautetut",
        "Uppsagda och permitterade",
        "Dismissed and laid-off workers",
    ),
]
