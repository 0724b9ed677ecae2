"""Demo accounts. Second factors of the authority users are deterministic so that the demo
can be signed into: the TOTP key and the backup codes are printed by `make run`."""

from django.db import transaction
from django.utils import timezone, translation

from profiles.models import EmployerMembership, EmployerOrganisation, User
from tori.demo import DEMO_PASSWORD

DEMO_TOTP_KEY_HEX = "3132333435363738393031323334353637383930"  # RFC 6238 test key
DEMO_BACKUP_CODES = ["tori-demo-1", "tori-demo-2", "tori-demo-3", "tori-demo-4", "tori-demo-5"]

DEMO_USERS = [
    ("maija.meikalainen@demo.tori.fi", "Maija", "Meikäläinen", User.Role.JOBSEEKER),
    ("ahmed.hassan@demo.tori.fi", "Ahmed", "Hassan", User.Role.JOBSEEKER),
    ("anna.lindqvist@demo.tori.fi", "Anna", "Lindqvist", User.Role.JOBSEEKER),
    ("rekry@demo.tori.fi", "Pekka", "Rekrytoija", User.Role.EMPLOYER),
    ("valmentaja@demo.tori.fi", "Sari", "Valmentaja", User.Role.PROVIDER),
    ("asiantuntija@demo.tori.fi", "Eeva", "Asiantuntija", User.Role.EXPERT),
    ("admin@demo.tori.fi", "Ylläpitäjä", "Tori", User.Role.PLATFORM_ADMIN),
]


def demo_second_factor(user: User) -> None:
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.update_or_create(
        user=user, name="Demo authenticator", defaults={"key": DEMO_TOTP_KEY_HEX, "confirmed": True}
    )
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Demo backup codes")
    device.token_set.all().delete()
    StaticToken.objects.bulk_create(StaticToken(device=device, token=t) for t in DEMO_BACKUP_CODES)


DEMO_REQUESTER = ("tiina.tulokas@demo.tori.fi", "Tiina", "Tulokas")


def demo_employer_admin(*, business_id: str, name: str, user: User) -> EmployerOrganisation:
    """A verified demo organisation with `user` as its active administrator."""
    organisation, _ = EmployerOrganisation.objects.get_or_create(
        business_id=business_id, defaults={"name": name}
    )
    if not organisation.is_verified:
        organisation.is_verified = True
        organisation.verified_at = timezone.now()
        organisation.save(update_fields=["is_verified", "verified_at"])
    EmployerMembership.objects.update_or_create(
        organisation=organisation,
        user=user,
        defaults={
            "role": EmployerMembership.Role.ADMIN,
            "status": EmployerMembership.Status.ACTIVE,
        },
    )
    return organisation


def demo_membership_request(organisation: EmployerOrganisation) -> None:
    """A sign-up waiting for approval, so the membership requests page shows something."""
    email, first, last = DEMO_REQUESTER
    user, created = User.objects.get_or_create(
        email=email, defaults={"first_name": first, "last_name": last, "role": User.Role.EMPLOYER}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmployerMembership.objects.get_or_create(
        organisation=organisation,
        user=user,
        defaults={
            "role": EmployerMembership.Role.MEMBER,
            "status": EmployerMembership.Status.PENDING,
        },
    )


@transaction.atomic
def load() -> list[str]:
    users = {}
    for email, first, last, role in DEMO_USERS:
        user, created = User.objects.get_or_create(
            email=email, defaults={"first_name": first, "last_name": last, "role": role}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            if role == User.Role.PLATFORM_ADMIN:
                user.is_staff = user.is_superuser = True
            user.save()
        if role in (User.Role.EXPERT, User.Role.PLATFORM_ADMIN):
            demo_second_factor(user)
        users[role] = user
    organisation = demo_employer_admin(
        business_id="0737546-2", name="Pirkanmaan Rakennus Oy", user=users[User.Role.EMPLOYER]
    )
    demo_membership_request(organisation)
    profile_lines = load_profiles()
    width = max(len(u[0]) for u in DEMO_USERS)
    lines = ["", f"Demo logins (password for all: {DEMO_PASSWORD}):"]
    with translation.override("en"):  # the rest of the printout is English
        for email, _first, _last, role in DEMO_USERS:
            lines.append(f"  {email:<{width}}  {User.Role(role).label}")
        lines.append(
            f"  {DEMO_REQUESTER[0]:<{width}}  {User.Role.EMPLOYER.label} (asks to join "
            "Pirkanmaan Rakennus Oy: approve or reject as rekry@demo.tori.fi)"
        )
    lines.append(
        "  Experts and admins confirm sign-in with a second factor: one-time backup codes "
        + ", ".join(DEMO_BACKUP_CODES)
        + " (reset by every `make run`), or TOTP key (base32) GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ."
    )
    return lines + profile_lines


# --- Rich jobseeker profiles (fi / en / sv content) ------------------------------------------

DEMO_PROFILES = {
    "maija.meikalainen@demo.tori.fi": {
        "headline": "Kokki, jolla on kahdeksan vuoden kokemus lounasravintoloista",
        "introduction": (
            "Olen tarkka ja rauhallinen kokki. Pidän suurkeittiön vauhdista ja opastan "
            "mielelläni uusia työntekijöitä. Etsin kokoaikaista työtä Tampereen seudulta."
        ),
        "home": "837",
        "regions": ["06"],
        "municipalities": ["837", "211"],
        "working_time": ["01"],
        "continuity": ["01", "02"],
        "remote_ok": False,
        "driving_licences": ["B"],
        "cards": ["022", "013", "005"],
        "situation": {"under_30": False, "immigrant": False, "unemployed_months": 14},
        "esco_skills": ["käyttää ruoanvalmistustekniikoita", "asiakaspalvelu"],
        "occupations": ["kokki"],
        "free_skills": ["Gluteenittomat ruokavaliot", "Annoskortit"],
        "work": [
            ("Kokki", "Ravintola Aalto", (2016, 8, 1), (2024, 9, 30), "Lounas ja à la carte."),
            ("Keittiöapulainen", "Tredun opetusravintola", (2014, 6, 1), (2016, 7, 31), ""),
        ],
        "education": [("Ravintola- ja catering-alan perustutkinto", "Tredu", "32", 2014)],
        "languages": [("fi", "L1"), ("en", "B2"), ("sv", "A1")],
        "publish": [
            "skills",
            "occupations",
            "introduction",
            "work_history",
            "education",
            "languages",
            "licences",
            "wishes",
        ],
    },
    "ahmed.hassan@demo.tori.fi": {
        "headline": "Warehouse worker with a forklift licence",
        "introduction": (
            "I moved to Finland in 2021 and have worked in logistics in Helsinki and "
            "Vantaa. I am studying Finnish and would like a permanent job in a warehouse."
        ),
        "home": "092",
        "regions": ["01"],
        "municipalities": ["091", "092"],
        "working_time": ["01", "02"],
        "continuity": ["01"],
        "remote_ok": False,
        "driving_licences": ["B"],
        "cards": ["074", "079"],
        "situation": {
            "under_30": True,
            "immigrant": True,
            "unemployed_months": 4,
            "partial_work_ability": True,
            "reasons": "Back injury in 2023: no lifting over 15 kg; otherwise fully able to work.",
        },
        "esco_skills": ["käyttää haarukkatrukkia", "käyttää varastointijärjestelmiä"],
        "occupations": ["varastotyöntekijä"],
        "free_skills": ["Inventory counts"],
        "work": [
            ("Warehouse worker", "Logistiikka Oy", (2022, 2, 1), (2025, 1, 31), "Picking."),
        ],
        "education": [("Secondary school diploma", "Mogadishu", "31", 2015)],
        "languages": [("so", "L1"), ("ar", "B2"), ("en", "C1"), ("fi", "A1")],
        "publish": [
            "skills",
            "occupations",
            "introduction",
            "work_history",
            "languages",
            "licences",
            "wishes",
        ],
    },
    "anna.lindqvist@demo.tori.fi": {
        "headline": "Närvårdare som söker arbete i Vasa",
        "introduction": (
            "Jag är utbildad närvårdare med erfarenhet av hemvård och äldreomsorg. Jag "
            "talar svenska och finska och söker deltidsarbete i Vasaregionen."
        ),
        "home": "905",
        "regions": ["15"],
        "municipalities": ["905"],
        "working_time": ["02"],
        "continuity": ["01", "02"],
        "remote_ok": False,
        "driving_licences": ["B"],
        "cards": ["013", "055"],
        "situation": {"under_30": False, "immigrant": False, "unemployed_months": 0},
        "esco_skills": ["ruotsi"],
        "occupations": ["lähihoitaja"],
        "free_skills": ["Hemvård"],
        "work": [("Närvårdare", "Vasa stad, hemvården", (2019, 3, 1), None, "")],
        "education": [("Grundexamen inom social- och hälsovården", "Yrkesakademin", "32", 2018)],
        "languages": [("sv", "L1"), ("fi", "B2"), ("en", "B1")],
        "publish": [],
    },
}


def _demo_profile(user: User, spec: dict) -> None:
    import datetime

    from django.utils import timezone

    from profiles import services
    from profiles.models import (
        Education,
        ProfileFreeSkill,
        ProfileItemSource,
        ProfileLanguage,
        ProfileOccupation,
        ProfileSkill,
        WorkExperience,
    )
    from reference.models import EscoOccupation, EscoSkill, Municipality, Region

    profile = services.jobseeker_profile_get_or_create(user=user)
    if profile.headline:  # already loaded
        return
    municipalities = Municipality.objects.filter(code__in=spec["municipalities"])
    services.jobseeker_introduction_update(
        profile=profile,
        actor=user,
        headline=spec["headline"],
        introduction=spec["introduction"],
        home_municipality=Municipality.objects.filter(code=spec["home"]).first(),
    )
    services.jobseeker_wishes_update(
        profile=profile,
        actor=user,
        regions=Region.objects.filter(code__in=spec["regions"]),
        municipalities=municipalities,
        working_time=spec["working_time"],
        continuity=spec["continuity"],
        remote_ok=spec["remote_ok"],
    )
    services.jobseeker_licences_update(
        profile=profile,
        actor=user,
        driving_licences=spec["driving_licences"],
        cards=spec["cards"],
    )
    situation = spec["situation"]
    months = situation["unemployed_months"]
    services.jobseeker_situation_update(
        profile=profile,
        actor=user,
        unemployed_since=timezone.localdate() - datetime.timedelta(days=months * 30)
        if months
        else None,
        under_30=situation["under_30"],
        immigrant=situation["immigrant"],
        partial_work_ability=situation.get("partial_work_ability", False),
        work_ability_reasons=situation.get("reasons", ""),
    )
    for label in spec["esco_skills"]:
        skill = EscoSkill.objects.filter(label_fi=label).first()
        if skill is not None:
            ProfileSkill.objects.get_or_create(
                profile=profile, skill=skill, defaults={"source": ProfileItemSource.RECOMMENDER}
            )
    for label in spec["occupations"]:
        occupation = EscoOccupation.objects.filter(label_fi=label).first()
        if occupation is not None:
            ProfileOccupation.objects.get_or_create(
                profile=profile,
                occupation=occupation,
                defaults={"source": ProfileItemSource.RECOMMENDER},
            )
    for name in spec["free_skills"]:
        ProfileFreeSkill.objects.get_or_create(profile=profile, name=name)
    for title, employer, start, end, description in spec["work"]:
        WorkExperience.objects.get_or_create(
            profile=profile,
            title=title,
            defaults={
                "employer_name": employer,
                "start_date": datetime.date(*start),
                "end_date": datetime.date(*end) if end else None,
                "description": description,
            },
        )
    for degree, institution, level, year in spec["education"]:
        Education.objects.get_or_create(
            profile=profile,
            degree=degree,
            defaults={
                "institution": institution,
                "level": level,
                "end_date": datetime.date(year, 6, 1),
            },
        )
    for code, level in spec["languages"]:
        ProfileLanguage.objects.get_or_create(
            profile=profile, language=code, defaults={"level": level}
        )
    if spec["publish"]:
        services.profile_publish(profile=profile, actor=user, sections=spec["publish"])


def load_profiles() -> list[str]:
    from profiles.models import ContactRequest

    for email, spec in DEMO_PROFILES.items():
        user = User.objects.filter(email=email).first()
        if user is not None:
            _demo_profile(user, spec)
    maija = User.objects.filter(email="maija.meikalainen@demo.tori.fi").first()
    organisation = EmployerOrganisation.objects.filter(business_id="0737546-2").first()
    if maija is not None and organisation is not None:
        ContactRequest.objects.get_or_create(
            profile=maija.jobseeker_profile,
            organisation=organisation,
            defaults={
                "requested_by": User.objects.filter(email="rekry@demo.tori.fi").first(),
                "message": (
                    "Hei! Haemme kokkia henkilöstöravintolaamme Hervantaan. Olisitko "
                    "kiinnostunut kuulemaan lisää?"
                ),
            },
        )
    return ["Demo profiles: Maija and Ahmed are published to employers (pseudonymously)."]
