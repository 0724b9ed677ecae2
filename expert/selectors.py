"""Reads of the expert view, scoped by the viewer's area (the municipalities of their
offices). Lists outside a case are pseudonymous; personal data is read through a case and
the caller records the access first (services.customer_access_record)."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from tori import permissions as perms

# The municipality co-finances the labour market subsidy of a person unemployed for this
# many days ("sakkolista"); the watch list flags them so the municipality can act before.
WATCH_THRESHOLDS = (300, 500, 1000)
WATCH_WARNING_DAYS = 60
TASKS_DUE_WITHIN_DAYS = 7


def office_list(*, viewer):
    """The offices the expert works in, with the municipalities they serve."""
    if not perms.is_expert(viewer):
        return []
    from expert.models import ExpertOffice

    return list(
        ExpertOffice.objects.filter(memberships__user=viewer)
        .prefetch_related("municipalities")
        .order_by("name")
    )


def _area(viewer) -> set[str]:
    return perms.expert_municipality_codes(viewer) if perms.can_use_expert_view(viewer) else set()


def area_municipalities(*, viewer):
    from reference.models import Municipality

    return Municipality.objects.filter(code__in=_area(viewer)).order_by("name_fi")


# --- Cases -----------------------------------------------------------------------------------


def case_queryset():
    from expert.models import Case

    return Case.objects.select_related(
        "profile__user", "profile__home_municipality", "office", "responsible"
    )


def case_list(*, viewer, filters=None):
    """Cases of the viewer's area; filters: mine (bool), status, municipality."""
    from expert.models import Case

    area = _area(viewer)
    if not area:
        return Case.objects.none()
    filters = filters or {}
    qs = case_queryset().visible_to(viewer)
    if filters.get("mine"):
        qs = qs.filter(responsible=viewer)
    if filters.get("status") in Case.Status.values:
        qs = qs.filter(status=filters["status"])
    if filters.get("municipality") in area:
        qs = qs.filter(profile__home_municipality_id=filters["municipality"])
    return qs.order_by("-opened_at")


def case_get(*, viewer, case_id):
    """A case of the viewer's area; 404 for anything else (another area does not exist)."""
    case = case_queryset().visible_to(viewer).filter(pk=case_id).first()
    if case is None or not perms.can_view_case(viewer, case):
        raise Http404
    return case


def case_panels(*, viewer, case) -> dict:
    """The expert-only panels of the customer page."""
    from eservices.models import EserviceItem
    from expert.models import PlanTask, ServiceNeedAssessment

    if not perms.can_view_case(viewer, case):
        raise Http404
    return {
        "assessment": ServiceNeedAssessment.objects.filter(case=case)
        .select_related("assessed_by")
        .first(),
        "plans": list(
            case.plans.select_related("created_by").prefetch_related(
                Prefetch("tasks", queryset=PlanTask.objects.select_related("done_by"))
            )
        ),
        "notes": list(case.notes.select_related("author")),
        "referrals": list(case.referrals.select_related("service__provider")),
        "job_offers": list(case.job_offers.select_related("job_ad__organisation")),
        "eservice_items": list(
            EserviceItem.objects.filter(subject_id=case.profile.user_id).order_by("-submitted_at")
        ),
        "other_cases": list(
            case_queryset().filter(profile=case.profile).exclude(pk=case.pk).order_by("-opened_at")
        ),
    }


def customer_profile_data(*, viewer, case) -> dict:
    """The customer's profile in the shape the jobseeker's own components render."""
    from profiles import selectors as profile_selectors
    from profiles.models import ProfileSection

    if not perms.can_view_case(viewer, case):
        raise Http404
    profile = profile_selectors.profile_queryset().get(pk=case.profile_id)
    data = profile_selectors.profile_sections_data(profile=profile, sections=ProfileSection.values)
    history = ("work_history", "education", "languages", "licences")
    return {
        "profile": profile,
        "data": data,
        "history_data": {key: data[key] for key in history},
        "work_ability_reasons": customer_work_ability(viewer=viewer, case=case),
    }


def customer_work_ability(*, viewer, case) -> str:
    """Reasons of a partial work ability: health data, for the responsible expert only."""
    from profiles.models import WorkAbilityDetails

    if not perms.can_view_case_work_ability(viewer, case):
        return ""
    details = WorkAbilityDetails.objects.filter(profile_id=case.profile_id).first()
    return details.reasons if details else ""


# --- Worklist --------------------------------------------------------------------------------


def _area_items(viewer):
    """E-service items of the area: registrations of area customers, and wage subsidy
    applications for workplaces in the area (tori.permissions.eservice_item_municipality)."""
    from eservices.models import EserviceItem

    return EserviceItem.objects.in_expert_area(viewer).select_related("organisation", "handler")


def eservice_item_get(*, viewer, item_id):
    """An item of the viewer's area; 404 for anything else (another area does not exist)."""
    item = (
        _area_items(viewer)
        .select_related("subject__jobseeker_profile", "applicant", "municipality")
        .filter(pk=item_id)
        .first()
    )
    if item is None or not perms.can_process_eservice_item(viewer, item):
        raise Http404
    return item


def eservice_item_case(*, viewer, item):
    """The open case of the person an item is about, if the viewer may see it."""
    if item.subject_id is None:
        return None
    case = case_queryset().open().filter(profile__user_id=item.subject_id).first()
    return case if case is not None and perms.can_view_case(viewer, case) else None


def worklist(*, viewer, filters=None) -> dict:
    """My customers, new e-service submissions and tasks due, with counts. Filters: show
    (cases / items / tasks / all), kind (e-service kind), overdue (only overdue tasks)."""
    from eservices.models import EserviceItem
    from expert.models import PlanTask

    filters = filters or {}
    today = timezone.localdate()
    my_cases = case_list(viewer=viewer, filters={"mine": True, "status": "open"}).annotate(
        open_tasks=Count("plans__tasks", filter=Q(plans__tasks__done_at__isnull=True))
    )
    items = _area_items(viewer).filter(status=EserviceItem.Status.RECEIVED)
    if filters.get("kind") in EserviceItem.Kind.values:
        items = items.filter(kind=filters["kind"])
    tasks = (
        PlanTask.objects.filter(
            plan__case__in=case_list(viewer=viewer, filters={"mine": True, "status": "open"}),
            done_at__isnull=True,
            due_date__isnull=False,
        )
        .select_related("plan__case")
        .order_by("due_date", "created_at")
    )
    if filters.get("overdue"):
        tasks = tasks.filter(due_date__lt=today)
    else:
        tasks = tasks.filter(due_date__lte=today + datetime.timedelta(days=TASKS_DUE_WITHIN_DAYS))
    counts = {
        "cases": my_cases.count(),
        "items": items.count(),
        "tasks": tasks.count(),
        "overdue": tasks.filter(due_date__lt=today).count(),
    }
    show = filters.get("show") or "all"
    return {
        "my_cases": list(my_cases) if show in ("all", "cases") else [],
        "new_items": list(items.order_by("submitted_at")) if show in ("all", "items") else [],
        "tasks_due": list(tasks) if show in ("all", "tasks") else [],
        "counts": counts,
        "show": show,
        "today": today,
    }


# --- Customers of the area without a case (pseudonymous) -------------------------------------


def area_customer_list(*, viewer, filters=None):
    """Jobseekers living in the area who have no open case: pseudonym and municipality only,
    so that an expert can open a case. Personal data is shown only through a case."""
    from profiles.models import JobseekerProfile

    area = _area(viewer)
    if not area:
        return JobseekerProfile.objects.none()
    filters = filters or {}
    qs = (
        JobseekerProfile.objects.filter(home_municipality_id__in=area, user__is_active=True)
        .exclude(cases__status="open")
        .select_related("home_municipality")
        .only("public_id", "home_municipality", "unemployed_since", "created_at")
    )
    if filters.get("municipality") in area:
        qs = qs.filter(home_municipality_id=filters["municipality"])
    if filters.get("registered"):
        qs = qs.filter(unemployed_since__isnull=False)
    return qs.order_by("unemployed_since", "created_at", "pk")


def area_customer_get(*, viewer, public_id):
    from profiles.models import JobseekerProfile

    profile = (
        JobseekerProfile.objects.select_related("home_municipality")
        .filter(public_id=public_id)
        .first()
    )
    if profile is None or not perms.can_view_customer(viewer, profile):
        raise Http404
    return profile


# --- Referral and job offer options ----------------------------------------------------------


def referral_service_options(*, viewer, case, q: str = "", limit: int | None = 30):
    """Published catalogue services available where the customer lives (nationwide, in the
    customer's region or municipality), optionally matching the search words."""
    from catalog.models import Service

    if not perms.can_edit_case(viewer, case):
        return Service.objects.none()
    municipality = case.profile.home_municipality
    qs = Service.objects.published().filter(
        Q(is_nationwide=True)
        | Q(municipalities=municipality)
        | Q(regions__code=municipality.region_id)
    )
    q = (q or "").strip()
    if q:
        qs = qs.filter(
            Q(name_fi__icontains=q)
            | Q(name_sv__icontains=q)
            | Q(name_en__icontains=q)
            | Q(summary_fi__icontains=q)
            | Q(summary_sv__icontains=q)
            | Q(summary_en__icontains=q)
        )
    qs = Service.objects.filter(pk__in=qs.values("pk")).select_related("provider")
    qs = qs.order_by("name_fi", "pk")
    return qs if limit is None else qs[:limit]


def referral_service_get(*, viewer, case, service_id):
    """A service the expert may propose to this customer (None if not available there)."""
    if service_id is None:
        return None
    options = referral_service_options(viewer=viewer, case=case, limit=None)
    return options.filter(pk=service_id).first()


def job_ad_options(*, viewer, case, q: str = "", limit: int = 30):
    """Listed job ads in the customer's municipality or remote, matching the search words."""
    from jobs.models import JobAd

    if not perms.can_edit_case(viewer, case):
        return JobAd.objects.none()
    qs = JobAd.objects.listed().filter(
        Q(municipality_id=case.profile.home_municipality_id) | Q(remote=True)
    )
    q = (q or "").strip()
    if q:
        qs = qs.filter(
            Q(title_fi__icontains=q) | Q(title_sv__icontains=q) | Q(title_en__icontains=q)
        )
    return qs.select_related("organisation").order_by("application_deadline", "pk")[:limit]


# --- Long-term unemployment watch list -------------------------------------------------------


@dataclass
class WatchRow:
    profile: object
    days: int
    passed: list[int]
    next_threshold: int | None
    days_until: int | None
    case: object | None

    @property
    def warning(self) -> bool:
        return self.days_until is not None and self.days_until <= WATCH_WARNING_DAYS


def watch_status(days: int) -> tuple[list[int], int | None, int | None]:
    """Thresholds already passed, the next one and the days until it."""
    passed = [t for t in WATCH_THRESHOLDS if days >= t]
    upcoming = [t for t in WATCH_THRESHOLDS if days < t]
    if not upcoming:
        return passed, None, None
    return passed, upcoming[0], upcoming[0] - days


def watch_list(*, viewer, filters=None, today=None) -> list[WatchRow]:
    """Area customers registered as unemployed, longest first, with the co-financing
    thresholds (300 / 500 / 1,000 days). Filters: municipality, threshold (only those
    approaching or past it), approaching (only those within the warning period)."""
    from expert.models import Case
    from profiles.models import JobseekerProfile

    area = _area(viewer)
    if not area:
        return []
    filters = filters or {}
    today = today or timezone.localdate()
    qs = JobseekerProfile.objects.filter(
        home_municipality_id__in=area, unemployed_since__isnull=False, user__is_active=True
    ).select_related("home_municipality")
    if filters.get("municipality") in area:
        qs = qs.filter(home_municipality_id=filters["municipality"])
    open_cases = {
        c.profile_id: c for c in Case.objects.open().filter(profile__in=qs).only("id", "profile")
    }
    rows = []
    for profile in qs.order_by("unemployed_since", "pk"):
        days = (today - profile.unemployed_since).days
        passed, upcoming, until = watch_status(days)
        rows.append(WatchRow(profile, days, passed, upcoming, until, open_cases.get(profile.pk)))
    threshold = filters.get("threshold")
    if threshold and str(threshold).isdigit() and int(threshold) in WATCH_THRESHOLDS:
        limit = int(threshold) - WATCH_WARNING_DAYS
        rows = [r for r in rows if r.days >= limit]
    if filters.get("approaching"):
        rows = [r for r in rows if r.warning]
    return rows


# --- Team lead dashboard ---------------------------------------------------------------------


def team_dashboard(*, viewer, today=None) -> list[dict]:
    """For each office the viewer leads: open cases per expert, waiting times and outcomes."""
    from eservices.models import EserviceItem
    from expert.models import Case, ExpertOffice, Outcome, Referral

    if not perms.can_use_team_dashboard(viewer):
        return []
    now = timezone.now()
    boards = []
    offices = ExpertOffice.objects.filter(
        memberships__user=viewer, memberships__is_team_lead=True
    ).prefetch_related("municipalities", "memberships__user")
    for office in offices.order_by("name"):
        codes = [m.code for m in office.municipalities.all()]
        cases = Case.objects.filter(office=office)
        per_expert = Counter(
            cases.open().exclude(responsible=None).values_list("responsible_id", flat=True)
        )
        experts = [
            {
                "expert": m.user,
                "open_cases": per_expert.get(m.user_id, 0),
                "is_team_lead": m.is_team_lead,
            }
            for m in sorted(office.memberships.all(), key=lambda m: m.user.get_full_name())
        ]
        waiting_items = (
            EserviceItem.objects.in_municipalities(codes)
            .filter(status=EserviceItem.Status.RECEIVED)
            .values_list("submitted_at", flat=True)
        )
        waits = [(now - t).days for t in waiting_items]
        no_assessment = [
            (now - t).days
            for t in cases.open()
            .filter(assessment__isnull=True)
            .values_list("opened_at", flat=True)
        ]
        closed = Counter(cases.filter(status=Case.Status.CLOSED).values_list("outcome", flat=True))
        after_service = Counter(
            Referral.objects.filter(
                case__office=office, status__in=["completed", "interrupted"]
            ).values_list("outcome", flat=True)
        )
        boards.append(
            {
                "office": office,
                "experts": experts,
                "open_cases": cases.open().count(),
                "unassigned_cases": cases.open().filter(responsible=None).count(),
                "waiting_items": len(waits),
                "waiting_items_avg_days": round(sum(waits) / len(waits)) if waits else 0,
                "waiting_items_max_days": max(waits) if waits else 0,
                "cases_without_assessment": len(no_assessment),
                "without_assessment_max_days": max(no_assessment) if no_assessment else 0,
                "outcomes": [
                    {
                        "code": code,
                        "label": label,
                        "at_closure": closed.get(code, 0),
                        "after_service": after_service.get(code, 0),
                    }
                    for code, label in Outcome.choices
                ],
                "closed_cases": sum(closed.values()),
            }
        )
    return boards


# --- The customer's own plan, and the provider's referrals -----------------------------------


def my_plan(*, viewer) -> dict:
    """What the jobseeker sees of their cases: plans with tasks, referrals and job offers.
    Internal notes and the assessment are not shown here."""
    from expert.models import Case, JobOffer, PlanTask, Referral

    empty = {"cases": [], "referrals": [], "job_offers": []}
    if not perms.can_view_own_plan(viewer):
        return empty
    cases = (
        Case.objects.filter(profile__user=viewer)
        .select_related("office")
        .prefetch_related(
            Prefetch("plans__tasks", queryset=PlanTask.objects.select_related("done_by"))
        )
        .order_by("-opened_at")
    )
    return {
        "cases": list(cases),
        "referrals": list(
            Referral.objects.filter(case__profile__user=viewer)
            .select_related("service__provider")
            .order_by("-proposed_at")
        ),
        "job_offers": list(
            JobOffer.objects.filter(case__profile__user=viewer)
            .select_related("job_ad__organisation")
            .order_by("-offered_at")
        ),
    }


def own_plan_task_get(*, viewer, task_id):
    from expert.models import PlanTask

    task = (
        PlanTask.objects.select_related("plan__case__profile")
        .filter(pk=task_id, plan__case__profile__user=viewer)
        .first()
    )
    if task is None or not perms.can_view_own_plan(viewer):
        raise Http404
    return task


def own_referral_get(*, viewer, referral_id):
    from expert.models import Referral

    referral = (
        Referral.objects.select_related("case__profile", "service")
        .filter(pk=referral_id, case__profile__user=viewer)
        .first()
    )
    if referral is None or not perms.can_view_own_plan(viewer):
        raise Http404
    return referral


def own_job_offer_get(*, viewer, offer_id):
    from expert.models import JobOffer

    offer = (
        JobOffer.objects.select_related("case__profile", "job_ad")
        .filter(pk=offer_id, case__profile__user=viewer)
        .first()
    )
    if offer is None or not perms.can_view_own_plan(viewer):
        raise Http404
    return offer


def provider_referral_list(*, viewer):
    """Referrals to the viewer's providers' services that the customer accepted."""
    from expert.models import Referral

    if not perms.can_view_provider_referrals(viewer):
        return Referral.objects.none()
    return (
        Referral.objects.visible_to_provider(perms.provider_ids(viewer))
        .select_related("service__provider", "case__profile__user", "case__office")
        .order_by("-answered_at", "-proposed_at")
    )


def provider_referral_get(*, viewer, referral_id):
    referral = provider_referral_list(viewer=viewer).filter(pk=referral_id).first()
    if referral is None:
        raise Http404
    return referral


def referral_provider_view(referral) -> dict:
    """The minimal data a provider sees: pseudonym, the first name if the customer allowed
    it, the service and the dates."""
    profile = referral.case.profile
    return {
        "referral": referral,
        "pseudonym": profile.pseudonym,
        "first_name": profile.user.first_name if referral.share_first_name else "",
        "service": referral.service,
        "office": referral.case.office.name,
    }


def referral_provider_sections(referral) -> list[str]:
    """Profile sections disclosed to the provider (the pseudonym and the service are not
    profile sections; the first name is part of the contact details)."""
    return ["contact"] if referral.share_first_name else []
