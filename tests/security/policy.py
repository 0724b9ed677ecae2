"""The visibility and write policy the suite enforces: data, one rule per decision.

Every identity sees its own party's markers. Anything else is denied unless a rule in
``SEES`` allows it: (viewer, owner, categories, why). Categories are the labels ``world.py``
gives each marker:

    first_name, account (last name, e-mail)       — who a person is
    introduction, skills, occupations, work_history, education
                                                  — profile sections (``ProfileSection``)
    health       — reasons of a partial work ability (GDPR art. 9)
    case         — case notes, assessment, plans, tasks, referral and job-offer messages
    eservice     — the registration as unemployed (phone, previous work, education)
    cv           — CV text and CV files
    enrolment    — the message of an enrolment request
    diary        — diary, guidance and attendance notes of a service group
    private      — saved searches: only the person
    contact_request — an employer's message to a candidate
    wage_subsidy — the person named in a wage-subsidy application, the job, the reasons
    draft        — unpublished job ads and services (business content, not personal)
    secret       — TOTP keys: nobody, not even the platform admin

A write that names another party's object in its URL must change nothing in the database,
unless a rule in ``WRITES`` allows it: (actor, owner, model of the URL's object, tables the
write may change, why)."""

JOBSEEKERS = ("js1", "js2")
EMPLOYERS = ("ea", "eb")
PROVIDERS = ("p1", "p2")
EXPERTS = ("xt", "xv")
PARTIES = (*JOBSEEKERS, *EMPLOYERS, *PROVIDERS, *EXPERTS, "admin", "newcomer")
NAME = {"first_name", "account"}
CASE_WORK = {"introduction", "skills", "occupations", "work_history", "education", "health",
             "case", "eservice", "diary"}  # fmt: skip

SEES = [
    # A customer sees the expert of the case, the coach of the group, the employer who asked.
    ("js1", "xt", NAME, "js1's case is handled by the Tampere expert"),
    ("js2", "xv", NAME, "js2's case is handled by the Vantaa expert"),
    ("js1", "p1", NAME, "js1 takes part in p1's group (the coach's name)"),
    ("js2", "p2", NAME, "js2 takes part in p2's group (the coach's name)"),
    ("js1", "ea", NAME | {"contact_request"}, "employer A's contact request to js1"),
    ("js2", "eb", NAME | {"contact_request"}, "employer B's contact request to js2"),
    # Experts: their own area's customer, through the case they are responsible for (health
    # data too) and the referral that put the customer in a group (diary).
    ("xt", "js1", NAME | CASE_WORK, "js1 (home Tampere) is the Tampere expert's customer"),
    ("xv", "js2", NAME | CASE_WORK, "js2 (home Vantaa) is the Vantaa expert's customer"),
    # Wage subsidies: the expert of the workplace's area (employer A's job is in Tampere,
    # employer B's in Vantaa; eservices.selectors.eservice_item_municipality).
    ("xt", "ea", {"wage_subsidy"}, "A's subsidised job is in Tampere: the Tampere expert decides"),
    ("xv", "eb", {"wage_subsidy"}, "B's subsidised job is in Vantaa: the Vantaa expert decides"),
    # An organisation's administrator sees who asks to join it.
    ("ea", "newcomer", NAME, "the newcomer's request to join organisation A names the person"),
    # Employers: what the candidate published, the name only after an accepted request.
    ("ea", "js1", NAME, "js1 accepted employer A's contact request (js1 published languages)"),
    ("eb", "js2", {"skills", "work_history"}, "js2 published skills and work history"),
    ("ea", "js2", {"skills", "work_history"}, "js2 published skills and work history"),
    # Providers: what the enrollee shared, the enrolment itself, their group's diary.
    ("p1", "js1", NAME | {"skills", "enrolment", "diary"},
     "js1 enrolled with p1 sharing contact and skills, and is in p1's group"),
    ("p2", "js2", NAME | {"enrolment", "diary"},
     "js2 enrolled with p2 sharing nothing more: 'When you enrol in a service, the provider "
     "sees your name, e-mail address and message'; p2 coaches js2's group"),
    ("xt", "p1", {"first_name"}, "the referring expert reads the diary: guidance is signed"),
    ("xv", "p2", {"first_name"}, "the referring expert reads the diary: guidance is signed"),
    # The platform administrator administers accounts and moderates business content.
    *[("admin", party, NAME, "account administration") for party in PARTIES],
    *[("admin", party, {"draft"}, "moderation of job ads and services")
      for party in (*EMPLOYERS, *PROVIDERS)],
    *[("admin", party, {"occupations"},
       "the service admin form lists the ESCO vocabulary (the markers are reference labels)")
      for party in JOBSEEKERS],
]  # fmt: skip

# Tables a refused write may still touch: bookkeeping, never a party's data.
IGNORED_TABLES = {
    "django_session": "the walking client's own session",
    "profiles_dataaccesslog": "append-only log of reads (a refused request may be logged)",
    "axes_accessattempt": "sign-in throttling bookkeeping",
    "axes_accessfailurelog": "sign-in throttling bookkeeping",
    "axes_accesslog": "sign-in throttling bookkeeping",
    "django_admin_log": "the admin's record of its own change (the change itself is reported)",
}
ANY = "*"
CASE_TABLES = ANY  # an expert handling the area's customer changes the case, items and profile

WRITES = [
    ("xt", "js1", ANY, CASE_TABLES, "the Tampere expert handles js1's case and e-services"),
    ("xv", "js2", ANY, CASE_TABLES, "the Vantaa expert handles js2's case and e-services"),
    *[(x, e, "eservices.EserviceItem", {"eservices_eserviceitem"},
       "the expert of the workplace's area processes and decides the wage subsidy")
      for x, e in (("xt", "ea"), ("xv", "eb"))],
    ("ea", "newcomer", "profiles.EmployerMembership", {"profiles_employermembership"},
     "organisation A's administrator approves or rejects the newcomer's request to join"),
    ("p1", "js1", ANY,
     {"catalog_enrolmentrequest", "expert_referral", "delivery_participation",
      "delivery_attendance", "delivery_diaryentry"},
     "p1 decides js1's enrolment, runs the referral, keeps attendance, guidance and outcome"),
    ("p2", "js2", ANY,
     {"catalog_enrolmentrequest", "expert_referral", "delivery_participation",
      "delivery_attendance", "delivery_diaryentry"},
     "p2 decides js2's enrolment, runs the referral, keeps attendance, guidance and outcome"),
    *[(j, e, "jobs.JobAd", {"jobs_savedjobad"}, "jobseekers save published job ads")
      for j in JOBSEEKERS for e in EMPLOYERS],
    *[(who, p, "catalog.Service", {"catalog_enrolmentrequest", "profiles_profileconsent",
                                   "profiles_jobseekerprofile"},
       "jobseekers and employers enrol in published services")
      for who in (*JOBSEEKERS, *EMPLOYERS, "newcomer") for p in PROVIDERS],
    *[(e, j, "profiles.JobseekerProfile", {"profiles_contactrequest"},
       "employers ask to contact published candidates")
      for e in (*EMPLOYERS, "newcomer") for j in JOBSEEKERS],
    *[("admin", p, model, ANY, "moderation of services and verification of providers")
      for p in PROVIDERS for model in ("catalog.Service", "providers.Provider")],
    *[(j, e, "profiles.ContactRequest", {"profiles_contactrequest"},
       "the candidate answers the employer's contact request")
      for j, e in (("js1", "ea"), ("js2", "eb"))],
    *[("admin", party, model, ANY,
       "account administration: accounts, passwords, deactivation, a lost authenticator")
      for party in PARTIES for model in ("profiles.User", "otp_totp.TOTPDevice")],
    *[("admin", e, model, ANY, "moderation of job ads and partner management")
      for e in EMPLOYERS
      for model in ("jobs.JobAd", "syndication.PartnerClient", "syndication.PartnerJobAd")],
    *[(who, owner, "jobs.SavedJobSearch", {"jobs_savedjobsearch"},
       "the unsubscribe link of an alert e-mail is a capability: whoever holds it may use it")
      for who in ("anon", *PARTIES) for owner in JOBSEEKERS],
]  # fmt: skip


# URLs carrying a secret the owner received by e-mail are bearer capabilities: whoever holds
# the link acts as the owner for what the link is about.
CAPABILITIES = {
    "unsubscribe": ({"private"}, "the unsubscribe link of an alert e-mail names the search"),
}


def visible_categories(viewer: str, owner: str) -> set[str]:
    if viewer == owner:
        return {"*"}
    allowed: set[str] = set()
    for who, whose, categories, _why in SEES:
        if who == viewer and whose == owner:
            allowed |= categories
    return allowed


def may_see(viewer: str, marker) -> bool:
    if marker.category == "secret":
        return False
    allowed = visible_categories(viewer, marker.party)
    return "*" in allowed or marker.category in allowed


def may_write(actor: str, owner: str, model_label: str, table: str) -> bool:
    if actor == owner:
        return True
    for who, whose, model, tables, _why in WRITES:
        if who != actor or whose != owner:
            continue
        if model not in (ANY, model_label):
            continue
        if tables == ANY or table in tables:
            return True
    return False
