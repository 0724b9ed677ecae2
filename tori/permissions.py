"""The one place that answers "may this user do that?".

Every HTML view, API endpoint and template asks these predicates; nothing else checks
roles or memberships. Predicates take the user first and the object second and return a
bool; object-scoped lists use the matching ``QuerySet.visible_to(user)`` methods, which call
back into the helpers here for the user's scope.
"""

from __future__ import annotations

from profiles.models import User


def is_signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def has_role(user, role: str) -> bool:
    return is_signed_in(user) and user.role == role


def is_jobseeker(user) -> bool:
    return has_role(user, User.Role.JOBSEEKER)


def is_employer(user) -> bool:
    return has_role(user, User.Role.EMPLOYER)


def is_provider_member(user) -> bool:
    return has_role(user, User.Role.PROVIDER)


def is_expert(user) -> bool:
    return has_role(user, User.Role.EXPERT)


def has_platform_admin_role(user) -> bool:
    """The account is a platform administrator's. This grants nothing by itself: the powers go
    with is_platform_admin, which also needs a verified second factor."""
    return is_signed_in(user) and (user.role == User.Role.PLATFORM_ADMIN or user.is_superuser)


def has_verified_second_factor(user) -> bool:
    """True when this session was confirmed with a one-time password (django-otp).

    Only a session carries the confirmation (OTPMiddleware sets ``user.is_verified``); a request
    authenticated with an API token never has one, so token requests never count as verified."""
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def is_platform_admin(user) -> bool:
    """A platform administrator acting with a session confirmed by a second factor. Every
    administrator power (moderation, verification, all-seeing reads) asks this, so an admin
    signed in with the password only, or calling the API with a token, has none of them."""
    return has_platform_admin_role(user) and has_verified_second_factor(user)


def acting_from_server_console(user):
    """Mark `user` as confirmed for a management command run on the server (demo loader,
    imports): shell access to the server is a stronger proof than a one-time code. Never call
    this for a web or API request."""
    user.is_verified = lambda: True
    return user


def needs_second_factor(user) -> bool:
    """Experts and platform admins must confirm each session with a second factor."""
    return uses_second_factor(user) and not has_verified_second_factor(user)


def uses_second_factor(account) -> bool:
    """Accounts that confirm every session with a second factor: experts and platform admins."""
    return is_expert(account) or has_platform_admin_role(account)


def can_issue_second_factor_enrolment_code(user, account) -> bool:
    """A platform administrator (with a confirmed session) lets an expert or another
    administrator connect their first authenticator."""
    return is_platform_admin(user) and account is not None and uses_second_factor(account)


def can_use_expert_view(user) -> bool:
    return is_expert(user) and has_verified_second_factor(user)


def can_use_admin_site(user) -> bool:
    return is_platform_admin(user) and user.is_staff


def expert_municipality_codes(user) -> set[str]:
    """Municipalities whose customers this expert serves (through their offices)."""
    if not is_expert(user):
        return set()
    from expert.models import ExpertOffice

    return set(
        ExpertOffice.municipalities.through.objects.filter(
            expertoffice__memberships__user=user
        ).values_list("municipality_id", flat=True)
    )


def expert_area(user) -> set[str]:
    """The expert's area: the municipalities of their offices, and nothing at all unless the
    session was confirmed with a second factor. Querysets' ``visible_to(user)`` filter by it."""
    return expert_municipality_codes(user) if can_use_expert_view(user) else set()


def expert_serves_municipality(user, municipality_code) -> bool:
    """THE area rule for experts. An expert acts on a customer, a case or an e-service item
    only when the municipality it belongs to (the customer's home municipality; for a wage
    subsidy application the workplace municipality) is served by one of the expert's offices.
    Every expert predicate below, and every ``visible_to(user)`` of cases and e-service items,
    comes down to this: outside the area the object does not exist for the expert (404)."""
    return municipality_code is not None and municipality_code in expert_area(user)


def provider_ids(user) -> set[int]:
    if not is_provider_member(user):
        return set()
    return set(user.provider_memberships.values_list("provider_id", flat=True))


def employer_ids(user) -> set[int]:
    """Organisations the user acts for: ACTIVE memberships only (a sign-up waiting for
    approval, a rejected request or a removed member acts for nobody)."""
    if not is_employer(user):
        return set()
    return set(user.employer_memberships.active().values_list("organisation_id", flat=True))


def can_manage_provider(user, provider) -> bool:
    if is_platform_admin(user):
        return True
    return provider is not None and provider.pk in provider_ids(user)


def can_publish_for_provider(user, provider) -> bool:
    return can_manage_provider(user, provider) and bool(provider.is_verified)


def can_manage_employer(user, organisation) -> bool:
    return organisation is not None and organisation.pk in employer_ids(user)


def is_verified_employer(organisation) -> bool:
    """A platform administrator has verified the organisation (anyone can type a business
    ID at sign-up, so a new organisation is unverified)."""
    return organisation is not None and bool(organisation.is_verified)


def can_publish_for_employer(user, organisation) -> bool:
    """Publish job ads and send wage-subsidy applications in the organisation's name."""
    return can_manage_employer(user, organisation) and is_verified_employer(organisation)


def can_verify_employer_organisation(user, organisation=None) -> bool:
    return is_platform_admin(user)


def can_edit_own_account(user, account) -> bool:
    return is_signed_in(user) and account is not None and user.pk == account.pk


NAVIGATION = {
    # role → list of (url name, label msgid) shown in the main navigation
    "anonymous": ["catalog", "jobs"],
    User.Role.JOBSEEKER: ["catalog", "jobs", "my-profile"],
    User.Role.EMPLOYER: ["catalog", "my-organisation"],
    User.Role.PROVIDER: ["catalog", "provider-dashboard"],
    User.Role.EXPERT: ["catalog", "expert-worklist"],
    User.Role.PLATFORM_ADMIN: ["catalog", "admin"],
}


def navigation_keys(user) -> list[str]:
    if not is_signed_in(user):
        return NAVIGATION["anonymous"]
    return NAVIGATION.get(user.role, NAVIGATION["anonymous"])


# --- Service catalogue (catalog, providers) ------------------------------------------------


def can_view_service(user, service) -> bool:
    if service.status == "published":
        return True
    if is_platform_admin(user):
        return True
    if is_expert(user) and service.status == "outdated":
        return True
    return service.provider_id in provider_ids(user)


def can_create_service(user, provider) -> bool:
    return is_platform_admin(user) or (provider is not None and provider.pk in provider_ids(user))


def can_edit_service(user, service) -> bool:
    """Members of the service's own provider (and platform admins); never another provider."""
    if service.status == "archived":
        return False
    return can_create_service(user, service.provider)


def can_submit_service(user, service) -> bool:
    return can_edit_service(user, service) and bool(service.provider.is_verified)


def can_archive_service(user, service) -> bool:
    return can_edit_service(user, service)


def can_moderate_service(user, service=None) -> bool:
    return is_platform_admin(user)


def can_request_enrolment(user, service) -> bool:
    return (is_jobseeker(user) or is_employer(user)) and service.status == "published"


def can_view_enrolment(user, enrolment) -> bool:
    """The person who enrolled and the members of the service's provider; nobody else (not a
    platform administrator either: the message is the person's own words to the provider)."""
    if not is_signed_in(user):
        return False
    if enrolment.user_id == user.pk:
        return True
    return enrolment.service.provider_id in provider_ids(user)


def can_decide_enrolment(user, enrolment) -> bool:
    return enrolment.service.provider_id in provider_ids(user)


def can_withdraw_enrolment(user, enrolment) -> bool:
    return is_signed_in(user) and enrolment.user_id == user.pk


def can_view_own_enrolments(user) -> bool:
    return is_signed_in(user)


def can_use_provider_dashboard(user) -> bool:
    return is_provider_member(user)


def can_edit_provider(user, provider) -> bool:
    """Provider administrators (role admin) and platform admins edit the organisation."""
    if is_platform_admin(user):
        return True
    if provider is None or not is_provider_member(user):
        return False
    return user.provider_memberships.filter(provider=provider, role="admin").exists()


def can_verify_provider(user, provider=None) -> bool:
    return is_platform_admin(user)


# --- Jobseeker profile and the skill recommender -----------------------------------------------


def can_use_skill_recommender(user) -> bool:
    """Jobseekers build their own profile with the recommender."""
    return is_jobseeker(user)


def can_view_jobseeker_profile(user, profile) -> bool:
    """The person, or an expert of the person's area (with the model permission)."""
    if not is_signed_in(user) or profile is None:
        return False
    if profile.user_id == user.pk:
        return True
    return can_view_customer(user, profile) and user.has_perm("profiles.view_jobseekerprofile")


def can_edit_jobseeker_profile(user, profile) -> bool:
    return is_jobseeker(user) and profile is not None and profile.user_id == user.pk


def can_view_suggestion_run(user, run) -> bool:
    return is_signed_in(user) and run is not None and run.user_id == user.pk


def can_edit_suggestion_run(user, run) -> bool:
    return can_use_skill_recommender(user) and can_view_suggestion_run(user, run)


# --- Jobs: employer organisations, job ads, saved ads and searches (jobs) ----------------------


def is_employer_admin(user, organisation) -> bool:
    if organisation is None or not is_employer(user):
        return False
    return (
        user.employer_memberships.active().filter(organisation=organisation, role="admin").exists()
    )


def can_use_employer_pages(user) -> bool:
    return is_employer(user)


def can_view_employer_organisation(user, organisation) -> bool:
    return can_manage_employer(user, organisation)


def can_edit_employer_organisation(user, organisation) -> bool:
    """Administrators of the organisation rename it and add colleagues."""
    return is_employer_admin(user, organisation)


def can_add_employer_member(user, organisation) -> bool:
    return is_employer_admin(user, organisation)


def can_manage_employer_members(user, organisation) -> bool:
    """Administrators of the organisation see membership requests, approve or reject them,
    remove members and make members administrators."""
    return is_employer_admin(user, organisation)


def can_decide_employer_membership(user, membership) -> bool:
    """Approve or reject a request to join: an administrator of the organisation, or a
    platform administrator when the organisation has no administrator yet."""
    if membership is None or membership.status != "pending":
        return False
    if is_employer_admin(user, membership.organisation):
        return True
    return (
        is_platform_admin(user)
        and not membership.organisation.memberships.active().filter(role="admin").exists()
    )


def can_change_employer_member(user, membership) -> bool:
    """Change an active member's role or remove them: the organisation's administrators;
    a member may also leave on their own."""
    if membership is None or membership.status != "active":
        return False
    return is_employer_admin(user, membership.organisation) or (
        is_employer(user) and membership.user_id == user.pk
    )


def can_create_job_ad(user, organisation) -> bool:
    return can_manage_employer(user, organisation)


def can_view_job_ad(user, job_ad) -> bool:
    """Listed ads for everyone; drafts and ended ads only for their own organisation."""
    if job_ad.is_listed:
        return True
    return job_ad.organisation_id in employer_ids(user)


def can_edit_job_ad(user, job_ad) -> bool:
    return job_ad.status in ("draft", "published") and can_manage_employer(
        user, job_ad.organisation
    )


def can_publish_job_ad(user, job_ad) -> bool:
    return job_ad.status == "draft" and can_publish_for_employer(user, job_ad.organisation)


def can_close_job_ad(user, job_ad) -> bool:
    return job_ad.status == "published" and can_manage_employer(user, job_ad.organisation)


def can_save_job_ads(user) -> bool:
    return is_jobseeker(user)


def can_save_job_ad(user, job_ad) -> bool:
    return can_save_job_ads(user) and job_ad.is_listed


def can_save_job_searches(user) -> bool:
    return is_jobseeker(user)


def can_manage_saved_job_search(user, saved_search) -> bool:
    return can_save_job_searches(user) and saved_search.user_id == user.pk


NAVIGATION[User.Role.EMPLOYER] = [*NAVIGATION[User.Role.EMPLOYER], "employer"]


# --- Jobseeker profile parts, consent, candidate search, My data ---------------------------


def can_manage_own_data(user) -> bool:
    """My data (export, access log, account deletion) and consents are the jobseeker's own."""
    return is_jobseeker(user)


def is_handling_expert(user, profile) -> bool:
    """The expert who has taken an open or decided e-service item of this person to handle,
    while the person lives in the expert's area."""
    if not can_view_customer(user, profile):
        return False
    from eservices.models import EserviceItem

    return EserviceItem.objects.filter(subject_id=profile.user_id, handler=user).exists()


def can_view_work_ability(user, profile) -> bool:
    """Health data: only the person and the expert handling their item in their area."""
    if profile is None or not is_signed_in(user):
        return False
    return profile.user_id == user.pk or is_handling_expert(user, profile)


def can_search_candidates(user) -> bool:
    return is_employer(user) and bool(employer_ids(user))


def can_view_candidate(user, profile) -> bool:
    return (
        can_search_candidates(user)
        and profile is not None
        and profile.is_published
        and profile.user.is_active
    )


def can_view_candidate_contact(user, profile) -> bool:
    """Name and contact details once the jobseeker accepted a request from the employer."""
    if not can_view_candidate(user, profile):
        return False
    return profile.contact_requests.filter(
        organisation_id__in=employer_ids(user), status="accepted"
    ).exists()


def can_request_contact(user, profile) -> bool:
    return can_view_candidate(user, profile)


def can_answer_contact_request(user, contact_request) -> bool:
    return (
        is_jobseeker(user)
        and contact_request is not None
        and contact_request.profile.user_id == user.pk
    )


def can_view_enrolment_shared_data(user, enrolment) -> bool:
    """Members of the provider the person enrolled with see what the person chose to share."""
    return (
        is_provider_member(user)
        and enrolment is not None
        and enrolment.service.provider_id in provider_ids(user)
    )


# --- E-services ---------------------------------------------------------------------------


def can_register_as_unemployed(user) -> bool:
    return is_jobseeker(user)


def can_apply_wage_subsidy(user, organisation=None) -> bool:
    """Without an organisation: may open the application form (an active member of some
    organisation). With one: may send it for that organisation (active member, verified)."""
    if not can_search_candidates(user):
        return False
    return organisation is None or can_publish_for_employer(user, organisation)


def eservice_item_municipality(item) -> str | None:
    """The municipality an e-service item belongs to, for the area rule:

    - a registration (or any item about a Tori user): the person's current home
      municipality, as for their cases, so an item follows the customer when they move;
    - a wage subsidy application (an employer's item; the person to be hired is not
      necessarily a Tori user): the municipality of the workplace the employer gave in the
      application (``EserviceItem.municipality``). The employment area where the job is
      handles the subsidy; an organisation may have workplaces in many areas, so neither the
      organisation nor the applicant decides it. An application without a workplace
      municipality (made before it was asked) belongs to no area until one is set.
    """
    if item.subject_id is not None:
        profile = getattr(item.subject, "jobseeker_profile", None)
        return profile.home_municipality_id if profile is not None else None
    return item.municipality_id


def is_eservice_item_party(user, item) -> bool:
    """The applicant, the person the item is about, or a member of the applying employer."""
    if not is_signed_in(user) or item is None:
        return False
    if user.pk in (item.applicant_id, item.subject_id):
        return True
    return item.organisation_id is not None and item.organisation_id in employer_ids(user)


def can_view_eservice_item(user, item) -> bool:
    if item is None:
        return False
    return is_eservice_item_party(user, item) or can_process_eservice_item(user, item)


def can_process_eservice_item(user, item) -> bool:
    """Employment experts (with a confirmed second factor) of the item's area read, take and
    decide it (see eservice_item_municipality and expert_serves_municipality)."""
    return item is not None and expert_serves_municipality(user, eservice_item_municipality(item))


# --- Expert case management (expert) ------------------------------------------------------
# An expert sees a customer only when the customer's home municipality is served by one of
# the expert's offices; outside the area the customer does not exist for them (views answer
# 404). Personal data is shown only through a case.


def can_view_area_customers(user) -> bool:
    """The area's pseudonymous customer list and the long-term unemployment watch list."""
    return can_use_expert_view(user)


def can_view_customer(user, profile) -> bool:
    """May this expert act on this customer: the customer's home municipality is served by
    one of the expert's offices (expert_serves_municipality)."""
    return profile is not None and expert_serves_municipality(user, profile.home_municipality_id)


def can_open_case(user, profile) -> bool:
    """An expert of the customer's area opens a case when the customer has no open case."""
    return can_view_customer(user, profile) and not profile.cases.filter(status="open").exists()


def can_view_case(user, case) -> bool:
    return case is not None and can_view_customer(user, case.profile)


def can_edit_case(user, case) -> bool:
    return can_view_case(user, case) and case.status == "open"


def can_view_case_work_ability(user, case) -> bool:
    """Health data: the responsible expert of an open case, or the expert handling an item."""
    if not can_view_case(user, case):
        return False
    return (case.status == "open" and case.responsible_id == user.pk) or is_handling_expert(
        user, case.profile
    )


def can_use_team_dashboard(user) -> bool:
    return can_use_expert_view(user) and user.expert_memberships.filter(is_team_lead=True).exists()


def can_view_own_plan(user) -> bool:
    return is_jobseeker(user)


def can_tick_plan_task(user, task) -> bool:
    case = task.plan.case
    if case.status != "open":
        return False
    if is_jobseeker(user):
        return case.profile.user_id == user.pk
    return can_edit_case(user, case)


def can_answer_referral(user, referral) -> bool:
    return (
        is_jobseeker(user)
        and referral.case.profile.user_id == user.pk
        and referral.status == "proposed"
    )


def can_answer_job_offer(user, offer) -> bool:
    return (
        is_jobseeker(user) and offer.case.profile.user_id == user.pk and offer.status == "offered"
    )


def can_view_provider_referrals(user) -> bool:
    return is_provider_member(user)


def can_update_referral(user, referral) -> bool:
    """Start, complete or interrupt: the provider of the service, or an expert of the case."""
    if referral.status not in ("accepted", "started"):
        return False
    if is_provider_member(user):
        return referral.service.provider_id in provider_ids(user)
    return can_edit_case(user, referral.case)


# --- Syndication: partner platforms publishing for employers (syndication) -------------------


def can_authorise_partner(user, organisation) -> bool:
    """Administrators of an employer organisation let partners publish its job ads."""
    return is_employer_admin(user, organisation)


def is_active_partner(partner) -> bool:
    from syndication.models import PartnerClient

    return isinstance(partner, PartnerClient) and partner.is_active


def partner_organisation_ids(partner) -> set[int]:
    if not is_active_partner(partner):
        return set()
    return set(partner.authorisations.values_list("organisation_id", flat=True))


def can_partner_publish_for(partner, organisation) -> bool:
    """Write ads for the organisation (publishing them also needs is_verified_employer)."""
    return organisation is not None and organisation.pk in partner_organisation_ids(partner)


def can_partner_edit_job_ad(partner, job_ad) -> bool:
    """The partner wrote the ad and the employer still authorises the partner."""
    if job_ad is None or not is_active_partner(partner):
        return False
    link = getattr(job_ad, "partner_link", None)
    return (
        link is not None
        and link.partner_id == partner.pk
        and job_ad.organisation_id in partner_organisation_ids(partner)
    )


def can_manage_partner_feeds(user) -> bool:
    return is_platform_admin(user)


# --- Matching: recommendations -------------------------------------------------------------


def _recommendation_owner(user, subject) -> bool:
    """The person themself (profile), or a member of the employer (job ad, organisation)."""
    from jobs.models import JobAd
    from profiles.models import EmployerOrganisation, JobseekerProfile

    if not is_signed_in(user) or subject is None:
        return False
    if isinstance(subject, JobseekerProfile):
        return is_jobseeker(user) and subject.user_id == user.pk
    if isinstance(subject, JobAd):
        return subject.organisation_id in employer_ids(user)
    if isinstance(subject, EmployerOrganisation):
        return subject.pk in employer_ids(user)
    return False


def can_view_recommendations(user, subject) -> bool:
    """Recommendations of a profile (the person, and experts of the person's area), of a job
    ad or of an organisation (its employer members)."""
    from profiles.models import JobseekerProfile

    if _recommendation_owner(user, subject):
        return True
    return isinstance(subject, JobseekerProfile) and can_view_customer(user, subject)


def can_give_recommendation_feedback(user, subject) -> bool:
    return _recommendation_owner(user, subject)


NAVIGATION[User.Role.JOBSEEKER] = [*NAVIGATION[User.Role.JOBSEEKER], "recommendations"]


# --- Service delivery and impact (delivery) ------------------------------------------------
# A provider sees only its own groups; the diary is for the participant, the provider's staff
# on that group (its coaches) and the referring expert; outcomes are reported by the provider
# and confirmed by an expert of the participant's area or the referring expert.


def can_use_delivery(user) -> bool:
    return is_provider_member(user)


def can_create_group(user, service) -> bool:
    return (
        service is not None
        and is_provider_member(user)
        and service.provider_id in provider_ids(user)
        and service.status in ("published", "outdated")
    )


def can_manage_group(user, group) -> bool:
    """Any member of the group's provider: sessions, participants, attendance."""
    return (
        group is not None
        and is_provider_member(user)
        and group.service.provider_id in provider_ids(user)
    )


def is_group_coach(user, group) -> bool:
    return can_manage_group(user, group) and group.coaches.filter(pk=user.pk).exists()


def is_referring_expert(user, participation) -> bool:
    """The expert who proposed the referral, or the expert now responsible for that case,
    while the participant lives in the expert's area (can_view_case)."""
    referral = participation.referral
    if referral is None or not can_view_case(user, referral.case):
        return False
    return user.pk in (referral.proposed_by_id, referral.case.responsible_id)


def can_view_diary(user, participation) -> bool:
    if participation is None or not is_signed_in(user):
        return False
    if participation.user_id == user.pk:
        return True
    return is_group_coach(user, participation.group) or is_referring_expert(user, participation)


def can_write_diary_entry(user, participation) -> bool:
    """The participant writes their own entries while taking part."""
    return (
        participation is not None
        and is_jobseeker(user)
        and participation.user_id == user.pk
        and participation.status == "active"
    )


def can_record_guidance(user, participation) -> bool:
    return participation is not None and is_group_coach(user, participation.group)


def _participant_profile(participation):
    return getattr(participation.user, "jobseeker_profile", None)


def can_report_outcome(user, participation) -> bool:
    return (
        participation is not None
        and can_manage_group(user, participation.group)
        and participation.outcome_confirmed_at is None
    )


def can_handle_outcome(user, participation) -> bool:
    """An expert of the participant's area (the referring expert included), whatever the
    state of the outcome (can_confirm_outcome adds the state check)."""
    return participation is not None and can_view_customer(
        user, _participant_profile(participation)
    )


def can_confirm_outcome(user, participation) -> bool:
    if participation is None or not participation.outcome or participation.outcome_confirmed_at:
        return False
    return can_handle_outcome(user, participation)


def can_view_provider_impact(user, provider) -> bool:
    return provider is not None and (
        (is_provider_member(user) and provider.pk in provider_ids(user)) or is_platform_admin(user)
    )


def can_view_municipality_impact(user) -> bool:
    """Experts of the municipalities' offices (their own municipalities only)."""
    return can_use_expert_view(user)


def can_view_attendance_report(user, provider) -> bool:
    return provider is not None and is_provider_member(user) and provider.pk in provider_ids(user)


NAVIGATION[User.Role.PROVIDER] = [*NAVIGATION[User.Role.PROVIDER], "provider-groups", "impact"]
NAVIGATION[User.Role.EXPERT] = [*NAVIGATION[User.Role.EXPERT], "municipality-impact"]
