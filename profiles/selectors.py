"""Reads about accounts and organisations, scoped by the viewer."""

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from profiles import codes
from tori import permissions as perms


def user_for_link(*, uidb64: str):
    """The account an e-mailed link (``uidb64`` of its id) names, or None; the link's token is
    the proof, checked by the caller."""
    from django.utils.encoding import force_str
    from django.utils.http import urlsafe_base64_decode

    from profiles.models import User

    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    return User.objects.filter(pk=pk).first() if 0 < pk < 2**63 else None


def user_has_confirmed_second_factor(*, user) -> bool:
    from django_otp import devices_for_user

    return any(True for _ in devices_for_user(user, confirmed=True))


def own_employer_membership_requests(*, viewer):
    """The viewer's own requests to join an employer organisation that wait for approval."""
    from profiles.models import EmployerMembership

    if not perms.is_employer(viewer):
        return EmployerMembership.objects.none()
    return viewer.employer_memberships.pending().select_related("organisation").order_by("pk")


def dashboard_context(*, viewer) -> dict:
    """What a signed-in person's own front page shows about their account."""
    context = {
        "account": viewer,
        "organisations": [],
        "organisation_requests": [],
        "providers": [],
        "offices": [],
    }
    if perms.is_employer(viewer):
        context["organisation_requests"] = [
            m.organisation for m in own_employer_membership_requests(viewer=viewer)
        ]
        context["organisations"] = [
            m.organisation
            for m in viewer.employer_memberships.active().select_related("organisation")
        ]
    if perms.is_provider_member(viewer):
        context["providers"] = [
            m.provider for m in viewer.provider_memberships.select_related("provider")
        ]
    if perms.is_expert(viewer):
        context["offices"] = [
            m.office
            for m in viewer.expert_memberships.select_related("office").prefetch_related(
                "office__municipalities"
            )
        ]
    return context


# --- Jobseeker profile: one shape for every audience ---------------------------------------


def _labelled(choices, values) -> list[dict]:
    labels = dict(choices)
    return [{"code": v, "label": str(labels.get(v, v))} for v in values]


def _date(value):
    return value.isoformat() if value else None


def profile_queryset():
    from profiles.models import JobseekerProfile

    return JobseekerProfile.objects.select_related("user", "home_municipality").prefetch_related(
        "skills__skill",
        "occupations__occupation",
        "free_skills",
        "work_history",
        "education",
        "languages",
        "wish_regions",
        "wish_municipalities",
    )


def profile_sections_data(*, profile, sections) -> dict:
    """The chosen parts of a profile as plain data (for HTML, API and the JSON export). Never
    contains the reasons of a partial work ability: those are read with
    `work_ability_get`."""
    from profiles.models import ProfileSection

    data: dict = {}
    wanted = set(sections)
    if ProfileSection.CONTACT in wanted:
        data["contact"] = {
            "first_name": profile.user.first_name,
            "last_name": profile.user.last_name,
            "email": profile.user.email,
        }
    if ProfileSection.SKILLS in wanted:
        data["skills"] = {
            "esco": [
                {"uri": s.skill.uri, "label": s.skill.label, "source": s.source}
                for s in sorted(profile.skills.all(), key=lambda s: s.skill.label.lower())
            ],
            "own": [s.name for s in profile.free_skills.all()],
        }
    if ProfileSection.OCCUPATIONS in wanted:
        data["occupations"] = [
            {"uri": o.occupation.uri, "label": o.occupation.label}
            for o in sorted(profile.occupations.all(), key=lambda o: o.occupation.label.lower())
        ]
    if ProfileSection.INTRODUCTION in wanted:
        data["introduction"] = {"headline": profile.headline, "text": profile.introduction}
    if ProfileSection.WORK_HISTORY in wanted:
        data["work_history"] = [
            {
                "title": w.title,
                "employer": w.employer_name,
                "start_date": _date(w.start_date),
                "end_date": _date(w.end_date),
                "description": w.description,
            }
            for w in profile.work_history.all()
        ]
    if ProfileSection.EDUCATION in wanted:
        levels = dict(codes.EDUCATION_LEVELS)
        data["education"] = [
            {
                "degree": e.degree,
                "institution": e.institution,
                "level": e.level,
                "level_label": str(levels.get(e.level, "")),
                "start_date": _date(e.start_date),
                "end_date": _date(e.end_date),
                "completed": e.completed,
            }
            for e in profile.education.all()
        ]
    if ProfileSection.LANGUAGES in wanted:
        levels = dict(codes.LANGUAGE_LEVELS)
        data["languages"] = [
            {
                "code": lang.language,
                "name": codes.language_name(lang.language),
                "level": lang.level,
                "level_label": str(levels.get(lang.level, lang.level)),
            }
            for lang in profile.languages.all()
        ]
    if ProfileSection.LICENCES in wanted:
        data["licences"] = {
            "driving_licences": _labelled(codes.DRIVING_LICENCES, profile.driving_licences),
            "cards": [{"code": c, "label": codes.card_name(c)} for c in profile.cards],
        }
    if ProfileSection.WISHES in wanted:
        data["wishes"] = {
            "regions": [{"code": r.code, "name": r.name} for r in profile.wish_regions.all()],
            "municipalities": [
                {"code": m.code, "name": m.name} for m in profile.wish_municipalities.all()
            ],
            "working_time": _labelled(codes.WORKING_TIME, profile.working_time),
            "continuity": _labelled(codes.CONTINUITY, profile.continuity),
            "remote_ok": profile.remote_ok,
            "available_from": _date(profile.available_from),
        }
    if ProfileSection.SITUATION in wanted:
        data["situation"] = {
            "unemployed_since": _date(profile.unemployed_since),
            "long_term_unemployed": profile.long_term_unemployed,
            "under_30": profile.under_30,
            "immigrant": profile.immigrant,
            "partial_work_ability": profile.partial_work_ability,
        }
    return data


def own_profile_get(*, viewer):
    """The viewer's own profile with everything prefetched (None for other roles)."""
    if not perms.is_jobseeker(viewer):
        return None
    return profile_queryset().filter(user=viewer).first()


def own_profile_item_get(*, viewer, kind: str, item_id: int):
    """One entry of the viewer's own profile lists ("work", "education", …), or None when
    the viewer has no such entry (another person's entries are never returned)."""
    from profiles.models import PROFILE_ITEM_KINDS

    relation = PROFILE_ITEM_KINDS.get(kind)
    if relation is None or not perms.is_jobseeker(viewer):
        return None
    profile = getattr(viewer, "jobseeker_profile", None)
    if profile is None:
        return None
    return getattr(profile, relation).filter(pk=item_id).first()


def work_ability_get(*, viewer, profile) -> str:
    """Reasons of a partial work ability, for the person and the expert handling the case."""
    from profiles.models import WorkAbilityDetails

    if not perms.can_view_work_ability(viewer, profile):
        return ""
    details = WorkAbilityDetails.objects.filter(profile=profile).first()
    return details.reasons if details else ""


# --- Candidate search (employers) ----------------------------------------------------------


def _section(name: str) -> str:
    """Match one section in the JSON list (JSON containment is not available on SQLite)."""
    return f'"{name}"'


def candidate_list(*, viewer, filters=None):
    """Published profiles matching the filters; empty for anyone but employers."""
    from profiles.models import JobseekerProfile

    if not perms.can_search_candidates(viewer):
        return JobseekerProfile.objects.none()
    filters = filters or {}
    qs = profile_queryset().published()
    skill = (filters.get("skill") or "").strip()
    if skill:
        qs = qs.filter(
            Q(published_sections__icontains=_section("skills"))
            & (
                Q(skills__skill__label_fi__icontains=skill)
                | Q(skills__skill__label_en__icontains=skill)
                | Q(skills__skill__label_sv__icontains=skill)
                | Q(free_skills__name__icontains=skill)
            )
        )
    occupation = (filters.get("occupation") or "").strip()
    if occupation:
        qs = qs.filter(
            Q(published_sections__icontains=_section("occupations"))
            & (
                Q(occupations__occupation__label_fi__icontains=occupation)
                | Q(occupations__occupation__label_en__icontains=occupation)
                | Q(occupations__occupation__label_sv__icontains=occupation)
            )
        )
    region = filters.get("region")
    if region:
        qs = qs.filter(published_sections__icontains=_section("wishes")).filter(
            Q(wish_regions__code=region) | Q(wish_municipalities__region__code=region)
        )
    language = filters.get("language")
    if language:
        qs = qs.filter(
            published_sections__icontains=_section("languages"), languages__language=language
        )
    return qs.distinct().order_by("-updated_at", "-pk")


def candidate_get(*, viewer, public_id):

    profile = profile_queryset().filter(public_id=public_id).first()
    if profile is None or not perms.can_view_candidate(viewer, profile):
        raise Http404
    return profile


def candidate_data(*, viewer, profile, with_contact: bool = True) -> dict:
    """What an employer gets of a candidate: pseudonym and the published parts; name and
    e-mail only after the jobseeker accepted the employer's contact request."""
    if not perms.can_view_candidate(viewer, profile):
        raise Http404
    sections = list(profile.published_sections)
    if with_contact and perms.can_view_candidate_contact(viewer, profile):
        sections.append("contact")
    return {
        "id": str(profile.public_id),
        "pseudonym": profile.pseudonym,
        "sections": sections,
        **profile_sections_data(profile=profile, sections=sections),
    }


def contact_requests_for_candidate(*, viewer, profile):
    from profiles.models import ContactRequest

    return ContactRequest.objects.filter(
        profile=profile, organisation_id__in=perms.employer_ids(viewer)
    ).select_related("organisation")


def contact_request_list(*, viewer):
    """Jobseekers: requests to them. Employers: requests sent by their organisations."""
    from profiles.models import ContactRequest

    qs = ContactRequest.objects.select_related("organisation", "profile")
    if perms.is_jobseeker(viewer):
        return qs.filter(profile__user=viewer)
    if perms.is_employer(viewer):
        return qs.filter(organisation_id__in=perms.employer_ids(viewer))
    return qs.none()


def contact_request_get(*, viewer, request_id):
    contact = contact_request_list(viewer=viewer).filter(pk=request_id).first()
    if contact is None:
        raise Http404
    return contact


# --- Consents, provider sharing, access log, export ----------------------------------------


def consent_list(*, viewer):
    from profiles.models import ProfileConsent

    if not perms.can_manage_own_data(viewer):
        return ProfileConsent.objects.none()
    return ProfileConsent.objects.filter(user=viewer).select_related("enrolment__service")


def active_publish_consent(*, viewer):
    return consent_list(viewer=viewer).filter(purpose="publish", withdrawn_at__isnull=True).first()


def provider_share_list(*, viewer) -> list[dict]:
    """The jobseeker's enrolment requests and what each shares with the provider."""
    from catalog.models import EnrolmentRequest
    from profiles.models import ProfileConsent

    if not perms.can_manage_own_data(viewer):
        return []
    active = {
        c.enrolment_id: c
        for c in ProfileConsent.objects.filter(
            user=viewer, purpose=ProfileConsent.Purpose.PROVIDER, withdrawn_at__isnull=True
        )
    }
    enrolments = (
        EnrolmentRequest.objects.filter(user=viewer)
        .select_related("service__provider")
        .order_by("-created_at")
    )
    return [{"enrolment": e, "consent": active.get(e.pk)} for e in enrolments]


def enrolment_shared_scope(*, enrolment) -> list[str]:
    from profiles.models import ProfileConsent

    consent = ProfileConsent.objects.filter(
        enrolment=enrolment, purpose=ProfileConsent.Purpose.PROVIDER, withdrawn_at__isnull=True
    ).first()
    return list(consent.scope) if consent else []


def enrolment_shared_data(*, viewer, enrolment) -> dict:
    """Only what the person chose to share with the provider of this enrolment."""
    if not perms.can_view_enrolment_shared_data(viewer, enrolment):
        raise Http404
    sections = enrolment_shared_scope(enrolment=enrolment)
    profile = profile_queryset().filter(user=enrolment.user).first()
    if profile is None or not sections:
        return {"sections": []}
    return {"sections": sections, **profile_sections_data(profile=profile, sections=sections)}


def data_access_log_list(*, viewer):
    from profiles.models import DataAccessLog

    if not perms.can_manage_own_data(viewer):
        return DataAccessLog.objects.none()
    return DataAccessLog.objects.filter(subject=viewer).select_related("accessor")


def _dt(value):
    return value.isoformat() if value else None


def _other_apps_export(*, viewer, profile) -> dict:
    """The person's data kept by the jobs, matching and expert apps: saved ads and searches,
    recommendation feedback, and the customer-visible parts of their cases (plans and tasks,
    referrals, job offers, outcomes). The experts' internal journal notes are given on a
    formal access request through the authority, not in this self-service export."""
    from expert.models import Case
    from jobs.models import SavedJobAd, SavedJobSearch
    from matching.models import RecommendationFeedback

    cases = (
        Case.objects.filter(profile=profile)
        .select_related("office")
        .prefetch_related("plans__tasks", "referrals__service", "job_offers__job_ad")
        if profile is not None
        else []
    )
    return {
        "saved_job_ads": [
            {"job_ad": s.job_ad.title, "saved_at": _dt(s.created_at)}
            for s in SavedJobAd.objects.filter(user=viewer).select_related("job_ad")
        ],
        "saved_job_searches": [
            {
                "name": s.name,
                "search": s.filters,
                "alerts_enabled": s.alerts_enabled,
                "created_at": _dt(s.created_at),
                "last_alerted_at": _dt(s.last_alerted_at),
            }
            for s in SavedJobSearch.objects.filter(user=viewer)
        ],
        "recommendation_feedback": [
            {"action": f.action, "score": f.score, "given_at": _dt(f.created_at)}
            for f in RecommendationFeedback.objects.filter(user=viewer)
        ],
        "cases": [
            {
                "reference": case.reference,
                "office": case.office.name,
                "status": case.status,
                "opened_at": _dt(case.opened_at),
                "closed_at": _dt(case.closed_at),
                "outcome": case.outcome,
                "plans": [
                    {
                        "kind": plan.kind,
                        "goal": plan.goal,
                        "created_at": _dt(plan.created_at),
                        "tasks": [
                            {
                                "task": task.title,
                                "deadline": task.due_date.isoformat() if task.due_date else None,
                                "done_at": _dt(task.done_at),
                            }
                            for task in plan.tasks.all()
                        ],
                    }
                    for plan in case.plans.all()
                ],
                "referrals": [
                    {
                        "service": r.service.name,
                        "status": r.status,
                        "message": r.message,
                        "proposed_at": _dt(r.proposed_at),
                        "outcome": r.outcome,
                    }
                    for r in case.referrals.all()
                ],
                "job_offers": [
                    {
                        "job_ad": o.job_ad.title,
                        "status": o.status,
                        "message": o.message,
                        "offered_at": _dt(o.offered_at),
                    }
                    for o in case.job_offers.all()
                ],
            }
            for case in cases
        ],
    }


def my_data_export(*, viewer) -> dict:
    """Everything Tori holds about the viewer, as JSON-ready data (GDPR art. 15 and 20)."""
    from catalog.models import EnrolmentRequest
    from eservices.models import EserviceItem
    from profiles.models import ProfileSection
    from skills.models import SkillSuggestionRun

    if not perms.can_manage_own_data(viewer):
        raise Http404
    profile = own_profile_get(viewer=viewer)
    export = {
        "format": "tori-my-data/1",
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": viewer.email,
            "first_name": viewer.first_name,
            "last_name": viewer.last_name,
            "role": viewer.role,
            "preferred_language": viewer.preferred_language,
            "date_joined": _dt(viewer.date_joined),
            "last_login": _dt(viewer.last_login),
        },
        "profile": None,
    }
    if profile is not None:
        export["profile"] = {
            "id": str(profile.public_id),
            "home_municipality": profile.home_municipality_id,
            "published_to_employers": profile.is_published,
            "published_sections": profile.published_sections,
            "work_ability_reasons": work_ability_get(viewer=viewer, profile=profile),
            "created_at": _dt(profile.created_at),
            "updated_at": _dt(profile.updated_at),
            **profile_sections_data(profile=profile, sections=ProfileSection.values),
        }
        export["contact_requests"] = [
            {
                "id": str(c.pk),
                "organisation": c.organisation.name,
                "message": c.message,
                "status": c.status,
                "sent_at": _dt(c.created_at),
                "answered_at": _dt(c.answered_at),
            }
            for c in contact_request_list(viewer=viewer)
        ]
    else:
        export["contact_requests"] = []
    export["consents"] = [
        {
            "id": str(c.pk),
            "purpose": c.purpose,
            "scope": c.scope,
            "enrolment": c.enrolment_id,
            "version": c.version,
            "given_at": _dt(c.given_at),
            "withdrawn_at": _dt(c.withdrawn_at),
        }
        for c in consent_list(viewer=viewer)
    ]
    export["enrolment_requests"] = [
        {
            "id": e.pk,
            "service": e.service.name,
            "provider": e.service.provider.name,
            "message": e.message,
            "status": e.status,
            "sent_at": _dt(e.created_at),
            "decided_at": _dt(e.decided_at),
        }
        for e in EnrolmentRequest.objects.filter(user=viewer).select_related("service__provider")
    ]
    export["eservice_items"] = [
        {
            "reference": i.reference,
            "kind": i.kind,
            "status": i.status,
            "data": i.data,
            "decision_reason": i.decision_reason,
            "submitted_at": _dt(i.submitted_at),
            "decided_at": _dt(i.decided_at),
        }
        for i in EserviceItem.objects.filter(Q(applicant=viewer) | Q(subject=viewer)).distinct()
    ]
    export["skill_suggestion_runs"] = [
        {
            "id": r.pk,
            "source": r.source,
            "status": r.status,
            "language": r.language,
            "text": r.text,
            "file_name": r.file_name,
            "result": r.result,
            "decisions": r.decisions,
            "created_at": _dt(r.created_at),
        }
        for r in SkillSuggestionRun.objects.filter(user=viewer)
    ]
    export.update(_other_apps_export(viewer=viewer, profile=profile))
    export["data_access_log"] = [
        {
            "accessed_at": _dt(entry.accessed_at),
            "accessor_role": entry.accessor_role,
            "accessor": entry.accessor.get_full_name() if entry.accessor else None,
            "organisation": entry.accessor_organisation,
            "purpose": entry.purpose,
            "sections": entry.sections,
        }
        for entry in data_access_log_list(viewer=viewer)
    ]
    return export
