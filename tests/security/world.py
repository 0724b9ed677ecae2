"""The world the security suite walks: ten identities and their parties' objects, every
personal-data field holding a unique marker (``MRK-JS1-phone-7f3a``) owned by one party and
labelled with a category the visibility policy speaks about (see ``policy.py``).

Parties and identities share their keys: ``js1`` (jobseeker, home Tampere, customer of the
Tampere office), ``js2`` (jobseeker, home Vantaa), ``ea`` / ``eb`` (employer organisations A
and B), ``p1`` / ``p2`` (providers), ``xt`` / ``xv`` (experts of Tampere / Vantaa), ``admin``
(platform administrator), ``anon`` (nobody) and ``newcomer``: someone who signed up through the
public sign-up form with employer A's business ID (printed on every public job ad). Only
``anon`` owns nothing."""

from __future__ import annotations

import datetime
import hashlib
import re
from base64 import b32encode
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

MARKER_RE = re.compile(r"MRK-[A-Z0-9]+-[A-Z0-9]+-[0-9A-F]{4}", re.IGNORECASE)

IDENTITIES = ["anon", "js1", "js2", "ea", "eb", "p1", "p2", "xt", "xv", "admin", "newcomer"]
SECOND_FACTOR = {"xt", "xv", "admin"}


@dataclass
class Marker:
    value: str
    party: str
    category: str
    where: str  # model.field, for the failure message


@dataclass
class World:
    users: dict = field(default_factory=dict)  # identity -> User
    markers: dict = field(default_factory=dict)  # upper-case value -> Marker
    # party -> model class -> [objects]; the URL filler takes ids from here
    objects: dict = field(default_factory=dict)
    owner_of: dict = field(default_factory=dict)  # (model label, pk) -> party
    secrets: dict = field(default_factory=dict)  # exact value -> Marker (TOTP keys)
    extra: dict = field(default_factory=dict)

    def mark(self, party: str, name: str, category: str, where: str = "") -> str:
        digest = hashlib.sha256(f"{party}/{name}".encode()).hexdigest()[:4]
        value = f"MRK-{party.upper()}-{name}-{digest}"
        assert value.upper() not in self.markers, value
        self.markers[value.upper()] = Marker(value, party, category, where or name)
        return value

    def email(self, party: str, name: str = "email", category: str = "account") -> str:
        return f"{self.mark(party, name, category, 'User.email').lower()}@example.fi"

    def own(self, party: str, *objs):
        for obj in objs:
            self.objects.setdefault(party, {}).setdefault(type(obj), []).append(obj)
            self.owner_of[(obj._meta.label, obj.pk)] = party
        return objs[0] if len(objs) == 1 else objs

    def of(self, party: str, model) -> list:
        return self.objects.get(party, {}).get(model, [])


def _user(world, factory, party, **kwargs):
    return factory(
        first_name=world.mark(party, "first", "first_name", "User.first_name"),
        last_name=world.mark(party, "last", "account", "User.last_name"),
        email=world.email(party),
        **kwargs,
    )


def build_world() -> World:  # noqa: PLR0915 - one straight story is easier to audit
    from delivery.models import DiaryEntry
    from expert.models import Case, CaseNote, JobOffer, Plan, PlanTask, Referral
    from matching import services as matching_services
    from profiles import services as profile_services
    from profiles.models import (
        ContactRequest,
        EmployerMembership,
        JobseekerProfile,
        ProfileConsent,
        ProfileOccupation,
        User,
        WorkAbilityDetails,
    )
    from reference.models import EscoOccupation, IscoGroup
    from syndication.models import PartnerAuthorisation, PartnerClient, PartnerJobAd, hash_token
    from tests.factories import (
        EducationFactory,
        EmployerOrganisationFactory,
        EmployerUserFactory,
        EnrolmentRequestFactory,
        EserviceItemFactory,
        ExpertOfficeFactory,
        ExpertUserFactory,
        JobAdFactory,
        JobseekerUserFactory,
        MunicipalityFactory,
        PlatformAdminFactory,
        ProfileFreeSkillFactory,
        ProfileLanguageFactory,
        ProviderFactory,
        ProviderUserFactory,
        RegionFactory,
        SavedJobSearchFactory,
        ServiceFactory,
        SkillSuggestionRunFactory,
        WorkExperienceFactory,
        taxonomy_term,
    )
    from tests.factories.delivery import (
        AttendanceFactory,
        DiaryEntryFactory,
        GroupSessionFactory,
        ParticipationFactory,
        ServiceGroupFactory,
    )
    from tests.factories.expert import ServiceNeedAssessmentFactory
    from tests.factories.matching import RecommendationFeedbackFactory

    w = World()
    today = timezone.localdate()
    tampere = MunicipalityFactory()
    vantaa = MunicipalityFactory(
        code="092",
        name_fi="Vantaa",
        name_sv="Vanda",
        name_en="Vantaa",
        region=RegionFactory(code="01", name_fi="Uusimaa", name_sv="Nyland", name_en="Uusimaa"),
    )
    group = IscoGroup.objects.get_or_create(
        code="5120", defaults={"uri": "http://data.europa.eu/esco/isco/C5120", "label_fi": "Kokit"}
    )[0]
    w.extra["municipality"] = {"js1": tampere, "js2": vantaa}
    w.own("public", taxonomy_term("coaching"))

    # --- employers: organisations A and B --------------------------------------------------
    orgs = {}
    for party in ("ea", "eb"):
        org = EmployerOrganisationFactory()
        user = _user(w, EmployerUserFactory, party, organisation=org)
        orgs[party] = org
        w.users[party] = user
        occupation = EscoOccupation.objects.create(
            uri=f"http://example.fi/occupation/{party}",
            isco_group=group,
            label_en=f"cook {party}",
            label_fi=f"kokki {party}",
        )
        ad = JobAdFactory(organisation=org, occupation=occupation, municipality=tampere)
        draft = JobAdFactory(
            organisation=org,
            draft=True,
            title_fi=w.mark(party, "drafttitle", "draft", "JobAd.title_fi"),
            description_fi=w.mark(party, "draftdesc", "draft", "JobAd.description_fi"),
            created_by=user,
        )
        subsidy = EserviceItemFactory(
            wage_subsidy=True,
            organisation=org,
            applicant=user,
            municipality={"ea": tampere, "eb": vantaa}[party],  # the workplace decides the area
            data={
                "person_name": w.mark(party, "subsidyperson", "wage_subsidy", "wage subsidy"),
                "person_email": w.email(party, "subsidyemail", "wage_subsidy"),
                "job_title": w.mark(party, "subsidyjob", "wage_subsidy", "wage subsidy"),
                "start_date": "2026-03-01",
                "end_date": "2026-08-31",
                "weekly_hours": "37.5",
                "monthly_wage": "2417.37",
                "justification": w.mark(party, "subsidywhy", "wage_subsidy", "wage subsidy"),
            },
        )
        partner = PartnerClient.objects.create(
            name=f"Partner {party}", token_hash=hash_token(f"token-{party}"), token_prefix=party
        )
        PartnerAuthorisation.objects.create(partner=partner, organisation=org, authorised_by=user)
        partner_ad = JobAdFactory(organisation=org)
        partner_job = PartnerJobAd.objects.create(
            partner=partner, job_ad=partner_ad, external_id=f"ext-{party}"
        )
        w.own(party, user, org, ad, draft, subsidy, partner_ad, partner_job, partner)
        w.own(party, EmployerMembership.objects.get(user=user))
        w.extra.setdefault("job_ad", {})[party] = ad

    # --- providers ---------------------------------------------------------------------------
    services = {}
    for party in ("p1", "p2"):
        provider = ProviderFactory()
        user = _user(w, ProviderUserFactory, party, provider=provider)
        w.users[party] = user
        service = ServiceFactory(provider=provider, municipalities=[tampere, vantaa])
        draft = ServiceFactory(
            provider=provider,
            draft=True,
            name_fi=w.mark(party, "draftname", "draft", "Service.name_fi"),
            description_fi=w.mark(party, "draftdesc", "draft", "Service.description_fi"),
        )
        grp = ServiceGroupFactory(service=service, coaches=[user], with_sessions=False)
        session = GroupSessionFactory(group=grp, date=grp.starts_on)
        services[party] = service
        w.own(party, user, provider, service, draft, grp, session)
        w.extra.setdefault("group", {})[party] = grp

    # --- experts -----------------------------------------------------------------------------
    offices = {}
    for party, municipality in (("xt", tampere), ("xv", vantaa)):
        office = ExpertOfficeFactory(municipalities=[municipality])
        user = _user(w, ExpertUserFactory, party, office=office)
        offices[party] = office
        w.users[party] = user
        w.own(party, user, office)

    admin = _user(w, PlatformAdminFactory, "admin")
    w.users["admin"] = admin
    w.own("admin", admin)

    # --- jobseekers ----------------------------------------------------------------------------
    # js1: Tampere, published only "languages", accepted employer A's contact request, enrolled
    # with p1 sharing contact + skills, in p1's group through the Tampere expert's referral.
    # js2: Vantaa, published skills and work history, a pending request from employer B,
    # enrolled with p2 sharing nothing, in p2's group.
    setup = {
        "js1": dict(home=tampere, expert="xt", employer="ea", provider="p1",
                    published=["languages"], accepted=True, share=["contact", "skills"]),
        "js2": dict(home=vantaa, expert="xv", employer="eb", provider="p2",
                    published=["skills", "work_history"], accepted=False, share=[]),
    }  # fmt: skip
    for party, s in setup.items():
        user = _user(w, JobseekerUserFactory, party)
        w.users[party] = user
        profile = JobseekerProfile.objects.create(
            user=user,
            headline=w.mark(party, "headline", "introduction", "JobseekerProfile.headline"),
            introduction=w.mark(party, "intro", "introduction", "JobseekerProfile.introduction"),
            home_municipality=s["home"],
            unemployed_since=today - datetime.timedelta(days=400),
            partial_work_ability=True,
        )
        profile.wish_municipalities.set([s["home"]])
        free_skill = ProfileFreeSkillFactory(
            profile=profile, name=w.mark(party, "freeskill", "skills", "ProfileFreeSkill.name")
        )
        work = WorkExperienceFactory(
            profile=profile,
            title=w.mark(party, "worktitle", "work_history", "WorkExperience.title"),
            employer_name=w.mark(party, "workemployer", "work_history", "WorkExperience"),
            description=w.mark(party, "workdesc", "work_history", "WorkExperience"),
        )
        education = EducationFactory(
            profile=profile,
            degree=w.mark(party, "degree", "education", "Education.degree"),
            institution=w.mark(party, "school", "education", "Education.institution"),
        )
        language = ProfileLanguageFactory(profile=profile)
        occupation = EscoOccupation.objects.create(
            uri=f"http://example.fi/occupation/{party}",
            isco_group=group,
            label_en=w.mark(party, "occupationen", "occupations", "EscoOccupation (own)"),
            label_fi=w.mark(party, "occupation", "occupations", "EscoOccupation (own)"),
        )
        profile_occupation = ProfileOccupation.objects.create(
            profile=profile, occupation=occupation
        )
        work_ability = WorkAbilityDetails.objects.create(
            profile=profile, reasons=w.mark(party, "health", "health", "WorkAbility.reasons")
        )
        profile_services.profile_publish(profile=profile, actor=user, sections=s["published"])
        publish_consent = ProfileConsent.objects.get(user=user, withdrawn_at__isnull=True)
        w.own(party, user, profile, free_skill, work, education, language, profile_occupation)
        w.own(party, work_ability, publish_consent)

        # e-service registration, not yet taken by anyone
        registration = EserviceItemFactory(
            applicant=user,
            data={
                "start_date": "2026-01-05",
                "previous_work": w.mark(party, "regwork", "eservice", "registration"),
                "previous_employer": w.mark(party, "regemployer", "eservice", "registration"),
                "previous_work_ended": None,
                "education": w.mark(party, "regeducation", "eservice", "registration"),
                "education_level": "32",
                "availability": "full_time",
                "phone": w.mark(party, "phone", "eservice", "registration phone"),
                "additional_information": w.mark(party, "reginfo", "eservice", "registration"),
            },
        )
        # the CV: pasted text and an uploaded file
        run = SkillSuggestionRunFactory(
            user=user, text=w.mark(party, "cvtext", "cv", "SkillSuggestionRun.text")
        )
        file_run = SkillSuggestionRunFactory(
            user=user, source="file", text="", file_name=f"cv-{party}.txt"
        )
        file_run.file.save(
            f"cv-{party}.txt", ContentFile(w.mark(party, "cvfile", "cv", "CV file").encode())
        )
        saved_search = SavedJobSearchFactory(
            user=user, name=w.mark(party, "savedsearch", "private", "SavedJobSearch.name")
        )
        w.own(party, registration, run, file_run, saved_search)

        # the case with the expert of the home area
        expert = w.users[s["expert"]]
        case = Case.objects.create(
            profile=profile,
            office=offices[s["expert"]],
            responsible=expert,
            reference=f"AS-2026-{party.upper()}",
        )
        assessment = ServiceNeedAssessmentFactory(
            case=case,
            skills=w.mark(party, "assessskills", "case", "Assessment.skills"),
            barriers_note=w.mark(party, "barriers", "case", "Assessment.barriers_note"),
            agreed_goal=w.mark(party, "goal", "case", "Assessment.agreed_goal"),
            assessed_by=expert,
        )
        plan = Plan.objects.create(
            case=case, kind=Plan.Kind.EMPLOYMENT, goal=w.mark(party, "plan", "case", "Plan.goal")
        )
        task = PlanTask.objects.create(
            plan=plan,
            title=w.mark(party, "task", "case", "PlanTask.title"),
            due_date=today + datetime.timedelta(days=7),
        )
        note = CaseNote.objects.create(
            case=case, author=expert, text=w.mark(party, "casenote", "case", "CaseNote.text")
        )
        provider = s["provider"]
        referral = Referral.objects.create(
            case=case,
            service=services[provider],
            message=w.mark(party, "referral", "case", "Referral.message"),
            status=Referral.Status.ACCEPTED,
            share_first_name=True,
            proposed_by=expert,
        )
        proposed = Referral.objects.create(
            case=case,
            service=services[provider],
            message=w.mark(party, "referral2", "case", "Referral.message"),
            proposed_by=expert,
        )
        offer = JobOffer.objects.create(
            case=case,
            job_ad=w.extra["job_ad"][s["employer"]],
            message=w.mark(party, "offer", "case", "JobOffer.message"),
            offered_by=expert,
        )
        w.own(party, case, assessment, plan, task, note, referral, proposed, offer)

        # enrolment with the provider, and participation in the provider's group
        enrolment = EnrolmentRequestFactory(
            service=services[provider],
            user=user,
            message=w.mark(party, "enrolment", "enrolment", "EnrolmentRequest.message"),
        )
        if s["share"]:
            profile_services.provider_share_set(
                actor=user, enrolment=enrolment, sections=s["share"]
            )
            w.own(party, ProfileConsent.objects.get(enrolment=enrolment))
        grp = w.extra["group"][provider]
        participation = ParticipationFactory(
            group=grp, user=user, referral=referral, municipality=s["home"]
        )
        attendance = AttendanceFactory(
            participation=participation,
            session=grp.sessions.first(),
            note=w.mark(party, "attendancenote", "diary", "Attendance.note"),
        )
        diary = DiaryEntryFactory(
            participation=participation,
            text=w.mark(party, "diary", "diary", "DiaryEntry.text (participant)"),
        )
        guidance = DiaryEntryFactory(
            participation=participation,
            kind=DiaryEntry.Kind.GUIDANCE,
            author=w.users[provider],
            text=w.mark(party, "guidance", "diary", "DiaryEntry.text (guidance)"),
        )
        w.own(party, enrolment, participation, attendance, diary, guidance)

        # contact request from the employer
        request = ContactRequest.objects.create(
            profile=profile,
            organisation=orgs[s["employer"]],
            requested_by=w.users[s["employer"]],
            message=w.mark(s["employer"], "contactmsg", "contact_request", "ContactRequest"),
        )
        if s["accepted"]:
            profile_services.contact_request_answer(
                actor=user, contact_request=request, accept=True
            )
        w.own(s["employer"], request)
        feedback = RecommendationFeedbackFactory(subject_profile=profile)
        w.own(party, feedback)

    # --- matching: the real refresh, so explanations come from the real scoring ------------
    for party in ("ea", "eb"):
        matching_services.recommendations_refresh(job_ad=w.extra["job_ad"][party])
    for party in ("js1", "js2"):
        matching_services.recommendations_refresh(profile=w.users[party].jobseeker_profile)
    from matching.models import Recommendation

    taken = set()  # one recommendation of each kind per owner is enough to walk
    for rec in Recommendation.objects.order_by("pk"):
        owner = w.owner_of.get(
            ("profiles.JobseekerProfile", rec.subject_profile_id)
        ) or w.owner_of.get(("jobs.JobAd", rec.subject_job_ad_id))
        if owner and (owner, rec.kind) not in taken:
            taken.add((owner, rec.kind))
            w.own(owner, rec)

    # --- second factors: the experts' and the admin's TOTP keys are secrets nobody may read --
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for party in ("xt", "xv", "admin"):
        device = TOTPDevice.objects.create(user=w.users[party], name="test", confirmed=True)
        w.own(party, device)
        w.secrets[device.key] = Marker(device.key, party, "secret", "TOTPDevice.key (hex)")
        base32 = b32encode(device.bin_key).decode()
        w.secrets[base32] = Marker(base32, party, "secret", "TOTPDevice.key (base32)")

    # --- the newcomer: signs up as an employer with employer A's business ID ------------------
    response = Client().post(
        "/fi/accounts/sign-up/",
        {
            "role": User.Role.EMPLOYER,
            "first_name": "Uusi",
            "last_name": "Tulokas",
            "email": "newcomer@example.fi",
            "organisation_name": "Mikä tahansa",
            "business_id": orgs["ea"].business_id,
            "password1": "Pitka-salasana-2026",
            "password2": "Pitka-salasana-2026",
            "accept_terms": "on",
        },
    )
    assert response.status_code in (200, 302), response.status_code
    newcomer = User.objects.filter(email="newcomer@example.fi").first()
    if newcomer is None:  # sign-up refused outright: the newcomer is an employer of nothing
        newcomer = User.objects.create_user(
            email="newcomer@example.fi", password="Pitka-salasana-2026", role=User.Role.EMPLOYER
        )
    # the worst case: the newcomer follows the confirmation link (a real mailbox of their own)
    from profiles.services import user_email_confirm

    newcomer = user_email_confirm(user=newcomer)
    w.users["newcomer"] = newcomer
    w.own("newcomer", newcomer, *EmployerMembership.objects.filter(user=newcomer))

    return w
