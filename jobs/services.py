"""Writes for job ads, employer organisations, saved ads and saved searches. Every state change
goes through one function here; e-mail and Celery dispatch happen after commit."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from catalog.sanitize import clean_html, clean_text
from jobs import codes, search, tasks
from jobs.models import LANGUAGE_LEVEL_CHOICES, JobAd, JobAlertDelivery, SavedJobAd, SavedJobSearch
from matching import services as matching_services
from profiles import services as profile_services
from profiles.codes import education_rank
from profiles.models import EmployerMembership, EmployerOrganisation, User
from tori import permissions as perms
from tori.exceptions import ApplicationError
from tori.mail import mail_send_after_commit
from tori.queue import enqueue_on_commit

TEXT_FIELDS = [f"title_{lang}" for lang in codes.AD_LANGUAGES]
HTML_FIELDS = [
    f"{name}_{lang}" for name in ("description", "how_to_apply") for lang in codes.AD_LANGUAGES
]
SCALAR_FIELDS = [
    "application_url",
    "application_email",
    "street_address",
    "postal_code",
    "remote",
    "work_time",
    "continuity",
    "start_type",
    "start_date",
    "salary_basis",
    "salary_min",
    "salary_max",
    "salary_period",
    "education_level",
    "application_deadline",
]
RELATION_FIELDS = ["municipality", "occupation", "skills"]
LIST_FIELDS = ["language_requirements", "cards_permits", "driving_licences"]
EDITABLE_FIELDS = TEXT_FIELDS + HTML_FIELDS + SCALAR_FIELDS + RELATION_FIELDS + LIST_FIELDS
MAX_TITLE_LENGTH = 200
MAX_HTML_LENGTH = 20_000
MAX_DEADLINE_AHEAD = datetime.timedelta(days=366)
MAX_SALARY = Decimal("10000000")
UNSUBSCRIBE_SALT = "jobs.saved-search.unsubscribe"


# --- validation ---------------------------------------------------------------------------


def _decimal(value, field: str):
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ApplicationError(_("Enter a number."), field=field) from None
    if not number.is_finite() or number < 0 or number >= MAX_SALARY:
        raise ApplicationError(_("Enter an amount between 0 and 9,999,999 euros."), field=field)
    return number


def _date(value, field: str):
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ApplicationError(_("Enter a valid date."), field=field) from None


def _municipality(value):
    from reference.models import Municipality

    if value in (None, ""):
        raise ApplicationError(_("Choose the municipality of the workplace."), field="municipality")
    if isinstance(value, Municipality):
        return value
    municipality = Municipality.objects.filter(code=str(value)).first()
    if municipality is None:
        raise ApplicationError(
            _("Unknown municipality: %(code)s. Choose one from the list.") % {"code": value},
            field="municipality",
        )
    return municipality


def _occupation(value):
    from reference.models import EscoOccupation

    if value in (None, ""):
        return None
    if isinstance(value, EscoOccupation):
        return value
    occupation = EscoOccupation.objects.filter(uri=str(value)).first()
    if occupation is None:
        raise ApplicationError(
            _("Unknown occupation. Choose an occupation from the ESCO classification."),
            field="occupation",
        )
    return occupation


def _skills(values):
    from reference.models import EscoSkill

    skills = []
    for value in values or []:
        if isinstance(value, EscoSkill):
            skills.append(value)
            continue
        skill = EscoSkill.objects.filter(uri=str(value)).first()
        if skill is None:
            raise ApplicationError(
                _("Unknown skill. Choose skills from the ESCO classification."), field="skills"
            )
        skills.append(skill)
    return list(dict.fromkeys(skills))


def _language_requirements(rows) -> list[dict]:
    languages = codes.codes(codes.LANGUAGES)
    levels = {code for code, _label in LANGUAGE_LEVEL_CHOICES}
    result, seen = [], set()
    if not isinstance(rows, list):
        raise ApplicationError(_("Give the language requirements as a list."), field="languages")
    for row in rows:
        language = str((row or {}).get("language", "")) if isinstance(row, dict) else ""
        level = str(row.get("level", "")) if isinstance(row, dict) else ""
        if language not in languages:
            raise ApplicationError(
                _("Unknown language: %(code)s.") % {"code": language or "—"},
                field="language_requirements",
            )
        if level not in levels:
            raise ApplicationError(
                _("Choose the required level of %(language)s.")
                % {"language": codes.language_label(language)},
                field="language_requirements",
            )
        if language in seen:
            raise ApplicationError(
                _("%(language)s is listed twice.") % {"language": codes.language_label(language)},
                field="language_requirements",
            )
        seen.add(language)
        result.append({"language": language, "level": level})
    return result


def _code_list(values, allowed: set[str], field: str) -> list[str]:
    values = list(dict.fromkeys(str(v) for v in (values or [])))
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise ApplicationError(_("Unknown code: %(code)s.") % {"code": unknown[0]}, field=field)
    return values


def _apply_fields(job_ad: JobAd, data: dict) -> list | None:
    """Copy cleaned values onto the ad; returns the skills to set (None: unchanged)."""
    unknown = sorted(set(data) - set(EDITABLE_FIELDS))
    if unknown:
        raise ApplicationError(
            _("Unknown field: %(field)s.") % {"field": unknown[0]}, field=unknown[0]
        )
    for name in TEXT_FIELDS:
        if name in data:
            value = clean_text(str(data[name] or ""))
            if len(value) > MAX_TITLE_LENGTH:
                raise ApplicationError(
                    _("Use at most %(count)d characters.") % {"count": MAX_TITLE_LENGTH}, field=name
                )
            setattr(job_ad, name, value)
    for name in HTML_FIELDS:
        if name in data:
            value = clean_html(str(data[name] or ""))
            if len(value) > MAX_HTML_LENGTH:
                raise ApplicationError(
                    _("Use at most %(count)d characters.") % {"count": MAX_HTML_LENGTH}, field=name
                )
            setattr(job_ad, name, value)
    for name in SCALAR_FIELDS:
        if name in data:
            value = data[name]
            if name in ("salary_min", "salary_max"):
                value = _decimal(value, name)
            elif name in ("start_date", "application_deadline"):
                value = _date(value, name)
            elif name == "remote":
                value = bool(value)
            elif isinstance(value, str):
                value = clean_text(value)
            setattr(job_ad, name, value if value is not None or name not in _TEXTUAL else "")
    if "municipality" in data:
        job_ad.municipality = _municipality(data["municipality"])
    if "occupation" in data:
        job_ad.occupation = _occupation(data["occupation"])
    if "language_requirements" in data:
        job_ad.language_requirements = _language_requirements(data["language_requirements"])
    if "cards_permits" in data:
        job_ad.cards_permits = _code_list(
            data["cards_permits"], codes.codes(codes.CARDS_PERMITS), "cards_permits"
        )
    if "driving_licences" in data:
        job_ad.driving_licences = _code_list(
            data["driving_licences"], codes.codes(codes.DRIVING_LICENCES), "driving_licences"
        )
    return _skills(data["skills"]) if "skills" in data else None


_TEXTUAL = {
    "application_url",
    "application_email",
    "street_address",
    "postal_code",
    "salary_basis",
    "salary_period",
    "education_level",
}


def _validate(job_ad: JobAd, *, today: datetime.date) -> None:
    """Rules every saved ad keeps, draft or not."""
    if not job_ad.title_fi.strip():
        raise ApplicationError(_("Enter the title of the job in Finnish."), field="title_fi")
    if job_ad.municipality_id is None:
        raise ApplicationError(_("Choose the municipality of the workplace."), field="municipality")
    if job_ad.work_time not in JobAd.WorkTime.values:
        raise ApplicationError(_("Choose full-time or part-time."), field="work_time")
    if job_ad.continuity not in JobAd.Continuity.values:
        raise ApplicationError(_("Choose how long the employment lasts."), field="continuity")
    if job_ad.start_type not in JobAd.StartType.values:
        raise ApplicationError(_("Choose when the work starts."), field="start_type")
    if job_ad.start_type == JobAd.StartType.ON_DATE and not job_ad.start_date:
        raise ApplicationError(_("Enter the date the work starts."), field="start_date")
    if job_ad.start_type != JobAd.StartType.ON_DATE:
        job_ad.start_date = None
    if job_ad.salary_basis and job_ad.salary_basis not in JobAd.SalaryBasis.values:
        raise ApplicationError(_("Choose the salary basis from the list."), field="salary_basis")
    if job_ad.salary_period and job_ad.salary_period not in JobAd.SalaryPeriod.values:
        raise ApplicationError(_("Choose the salary period from the list."), field="salary_period")
    if job_ad.education_level and not education_rank(job_ad.education_level):
        raise ApplicationError(
            _("Choose the level of education from the list."), field="education_level"
        )
    if (
        job_ad.salary_min is not None
        and job_ad.salary_max is not None
        and job_ad.salary_max < job_ad.salary_min
    ):
        raise ApplicationError(
            _("The highest salary cannot be lower than the lowest salary."), field="salary_max"
        )
    has_salary = job_ad.salary_min is not None or job_ad.salary_max is not None
    if has_salary and not job_ad.salary_period:
        raise ApplicationError(
            _("Tell whether the salary is per hour, month or year."), field="salary_period"
        )
    if not job_ad.application_deadline:
        raise ApplicationError(_("Enter the application deadline."), field="application_deadline")
    if job_ad.application_deadline < today:
        raise ApplicationError(
            _("The application deadline cannot be in the past."), field="application_deadline"
        )
    if job_ad.application_deadline > today + MAX_DEADLINE_AHEAD:
        raise ApplicationError(
            _("The application deadline can be at most a year from today."),
            field="application_deadline",
        )
    if job_ad.postal_code and not (len(job_ad.postal_code) == 5 and job_ad.postal_code.isdigit()):
        raise ApplicationError(_("Enter a postal code of five digits."), field="postal_code")
    if job_ad.application_email:
        try:
            validate_email(job_ad.application_email)
        except ValidationError:
            raise ApplicationError(
                _("Enter a valid e-mail address."), field="application_email"
            ) from None
    if job_ad.application_url:
        try:
            URLValidator(schemes=["http", "https"])(job_ad.application_url)
        except ValidationError:
            raise ApplicationError(
                _("Enter a valid web address."), field="application_url"
            ) from None


def _validate_for_publication(job_ad: JobAd) -> None:
    if not job_ad.description_fi.strip():
        raise ApplicationError(
            _("Describe the job in Finnish before publishing the ad."), field="description_fi"
        )
    if not (job_ad.application_url or job_ad.application_email or job_ad.how_to_apply_fi):
        raise ApplicationError(
            _("Tell how to apply: a web address, an e-mail address or instructions."),
            field="application_url",
        )


def _reindex(job_ad: JobAd) -> None:
    search.index_job_ads([job_ad])


# --- job ads ------------------------------------------------------------------------------


@transaction.atomic
def job_ad_create(*, actor, organisation: EmployerOrganisation, data: dict) -> JobAd:
    """A new draft ad of `organisation`, written by one of its members."""
    if not perms.can_create_job_ad(actor, organisation):
        raise ApplicationError(_("You cannot add job ads for this employer."), code="forbidden")
    job_ad = JobAd(organisation=organisation, status=JobAd.Status.DRAFT, created_by=actor)
    skills = _apply_fields(job_ad, data)
    _validate(job_ad, today=timezone.localdate())
    job_ad.save()
    if skills is not None:
        job_ad.skills.set(skills)
    _reindex(job_ad)
    return job_ad


@transaction.atomic
def job_ad_update(*, actor, job_ad: JobAd, data: dict) -> JobAd:
    """Edit a draft or a published ad; a published ad stays published and valid."""
    if not perms.can_edit_job_ad(actor, job_ad):
        raise ApplicationError(_("You cannot edit this job ad."), code="forbidden")
    skills = _apply_fields(job_ad, data)
    _validate(job_ad, today=timezone.localdate())
    if job_ad.status == JobAd.Status.PUBLISHED:
        _validate_for_publication(job_ad)
    job_ad.save()
    if skills is not None:
        job_ad.skills.set(skills)
    _reindex(job_ad)
    matching_services.recommendations_schedule_refresh(job_ad=job_ad)
    return job_ad


@transaction.atomic
def job_ad_publish(*, actor, job_ad: JobAd) -> JobAd:
    """Draft → published: the ad is listed until its deadline."""
    if not perms.can_manage_employer(actor, job_ad.organisation):
        raise ApplicationError(_("You cannot edit this job ad."), code="forbidden")
    if job_ad.status != JobAd.Status.DRAFT:
        raise ApplicationError(_("Only a draft can be published."), code="state")
    if not perms.can_publish_for_employer(actor, job_ad.organisation):
        raise profile_services.employer_unverified_error(job_ad.organisation)
    _validate(job_ad, today=timezone.localdate())
    _validate_for_publication(job_ad)
    job_ad.mark_published(now=timezone.now())
    job_ad.save(update_fields=["status", "published_at", "expired_at", "closed_at", "updated_at"])
    matching_services.recommendations_schedule_refresh(job_ad=job_ad)
    return job_ad


@transaction.atomic
def job_ad_close(*, actor, job_ad: JobAd) -> JobAd:
    """Published → closed: the employer stops the application period early."""
    if not perms.can_manage_employer(actor, job_ad.organisation):
        raise ApplicationError(_("You cannot edit this job ad."), code="forbidden")
    if job_ad.status != JobAd.Status.PUBLISHED:
        raise ApplicationError(_("Only a published ad can be closed."), code="state")
    job_ad.mark_closed(now=timezone.now())
    job_ad.save(update_fields=["status", "closed_at", "updated_at"])
    matching_services.recommendations_schedule_refresh(job_ad=job_ad)
    return job_ad


def job_ad_expire(*, job_ad: JobAd, now: datetime.datetime | None = None) -> bool:
    """Published and past its deadline → expired. Returns whether the ad changed."""
    now = now or timezone.now()
    if job_ad.status != JobAd.Status.PUBLISHED or not job_ad.is_past_deadline(
        timezone.localdate(now)
    ):
        return False
    job_ad.mark_expired(now=now)
    job_ad.save(update_fields=["status", "expired_at", "updated_at"])
    return True


@transaction.atomic
def job_ads_expire(*, now: datetime.datetime | None = None) -> int:
    """Expire every published ad whose deadline has passed; returns how many changed."""
    now = now or timezone.now()
    due = JobAd.objects.past_deadline(today=timezone.localdate(now)).select_for_update()
    return sum(job_ad_expire(job_ad=job_ad, now=now) for job_ad in due)


# --- saved ads ----------------------------------------------------------------------------


@transaction.atomic
def job_ad_save(*, user, job_ad: JobAd) -> SavedJobAd:
    if not perms.can_save_job_ad(user, job_ad):
        raise ApplicationError(_("Only open job ads can be saved."), code="forbidden")
    saved, _created = SavedJobAd.objects.get_or_create(user=user, job_ad=job_ad)
    return saved


@transaction.atomic
def job_ad_unsave(*, user, job_ad: JobAd) -> int:
    if not perms.can_save_job_ads(user):
        raise ApplicationError(_("Only jobseekers save job ads."), code="forbidden")
    deleted, _rows = SavedJobAd.objects.filter(user=user, job_ad=job_ad).delete()
    return deleted


# --- employer organisation ----------------------------------------------------------------


@transaction.atomic
def organisation_update(*, actor, organisation: EmployerOrganisation, name: str) -> None:
    if not perms.can_edit_employer_organisation(actor, organisation):
        raise ApplicationError(_("Only the organisation's administrators can edit it."))
    name = clean_text(name or "")
    if not name:
        raise ApplicationError(_("Enter the name of the organisation."), field="name")
    if len(name) > 200:
        raise ApplicationError(
            _("Use at most %(count)d characters.") % {"count": 200}, field="name"
        )
    organisation.name = name
    organisation.save(update_fields=["name"])
    for job_ad in organisation.job_ads.all():
        _reindex(job_ad)


@transaction.atomic
def organisation_member_add(
    *, actor, organisation: EmployerOrganisation, email: str
) -> EmployerMembership:
    """Add a colleague who already has an employer account; they are told by e-mail."""
    if not perms.can_add_employer_member(actor, organisation):
        raise ApplicationError(_("Only the organisation's administrators can add members."))
    email = (email or "").strip().lower()
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        raise ApplicationError(
            _(
                "No Tori account uses this e-mail address. Ask your colleague to create an "
                "employer account first."
            ),
            field="email",
        )
    if user.role != User.Role.EMPLOYER:
        raise ApplicationError(
            _("This account is not an employer account, so it cannot be added."), field="email"
        )
    membership = (
        EmployerMembership.objects.select_for_update()
        .filter(organisation=organisation, user=user)
        .first()
    )
    if membership is not None and membership.status == EmployerMembership.Status.ACTIVE:
        raise ApplicationError(_("This person is already a member."), field="email")
    if membership is None:
        membership = EmployerMembership(organisation=organisation, user=user)
    # An administrator adding a person approves their pending request, or takes back a
    # rejected or removed one.
    membership.role = EmployerMembership.Role.MEMBER
    membership.status = EmployerMembership.Status.ACTIVE
    membership.decided_at = timezone.now()
    membership.decided_by = actor
    membership.save()
    _member_added_mail(user=user, organisation=organisation)
    return membership


def _member_added_mail(*, user, organisation) -> None:
    """Queue the e-mail to the new member, in their language, sent after commit."""
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        subject = _("You were added to %(organisation)s in Tori") % {
            "organisation": organisation.name
        }
        body = _("You can now manage the job ads of %(organisation)s in Tori: %(url)s") % {
            "organisation": organisation.name,
            "url": site_url(reverse("jobs:employer-dashboard")),
        }
    mail_send_after_commit(subject=subject, body=body, to=[user.email])


# --- saved searches and alerts ------------------------------------------------------------


def site_url(path: str) -> str:
    base = settings.TORI_SITE_URL
    return base.rstrip("/") + path


@transaction.atomic
def saved_search_create(*, user, name: str, filters: dict) -> SavedJobSearch:
    """Save the search `filters` (job-list parameters, validated) under `name`."""
    from jobs.filters import JobAdFilter, normalised_filters

    if not perms.can_save_job_searches(user):
        raise ApplicationError(_("Only jobseekers save searches."), code="forbidden")
    filterset = JobAdFilter(filters, queryset=JobAd.objects.none())
    if not filterset.is_valid():
        field_name, errors = next(iter(filterset.errors.items()))
        raise ApplicationError(errors[0], field=field_name)
    stored = normalised_filters(filterset.search_params())
    name = clean_text(name or "")[:120] or stored.get("q", "") or _("My job search")
    if SavedJobSearch.objects.filter(user=user).count() >= 20:
        raise ApplicationError(_("You can save at most 20 searches. Remove one first."))
    return SavedJobSearch.objects.create(user=user, name=name, filters=stored)


@transaction.atomic
def saved_search_delete(*, actor, saved_search: SavedJobSearch) -> None:
    if not perms.can_manage_saved_job_search(actor, saved_search):
        raise ApplicationError(_("You cannot remove this search."), code="forbidden")
    saved_search.delete()


@transaction.atomic
def saved_search_set_alerts(*, actor, saved_search: SavedJobSearch, enabled: bool) -> None:
    if not perms.can_manage_saved_job_search(actor, saved_search):
        raise ApplicationError(_("You cannot change this search."), code="forbidden")
    saved_search.alerts_enabled = enabled
    saved_search.save(update_fields=["alerts_enabled"])


def unsubscribe_token(saved_search: SavedJobSearch) -> str:
    """A signed token naming the saved search by its random id only (no personal data)."""
    return signing.dumps(saved_search.uuid.hex, salt=UNSUBSCRIBE_SALT, compress=False)


def saved_search_from_token(token: str) -> SavedJobSearch:
    try:
        key = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        raise ApplicationError(_("This unsubscribe link is not valid."), code="invalid") from None
    saved = SavedJobSearch.objects.filter(uuid=key).first()
    if saved is None:
        raise ApplicationError(_("This saved search no longer exists."), code="gone")
    return saved


@transaction.atomic
def saved_search_unsubscribe(*, token: str) -> SavedJobSearch:
    """Turn off the alerts of the saved search named by an e-mail's unsubscribe token."""
    saved = saved_search_from_token(token)
    if saved.alerts_enabled:
        saved.alerts_enabled = False
        saved.save(update_fields=["alerts_enabled"])
    return saved


def saved_search_alerts_schedule() -> int:
    """Queue one alert task per saved search with alerts on (beat); returns how many."""
    ids = list(
        SavedJobSearch.objects.filter(alerts_enabled=True, user__is_active=True).values_list(
            "pk", flat=True
        )
    )
    for saved_search_id in ids:
        enqueue_on_commit(tasks.saved_search_alert_send_task, saved_search_id=saved_search_id)
    return len(ids)


@transaction.atomic
def saved_search_alert_send(*, saved_search: SavedJobSearch, now=None) -> int:
    """E-mail the ads that match the saved search, were published after it was saved and have
    not been alerted for it before; the e-mail goes out after commit in the user's language.
    Returns how many ads were alerted (0: nothing sent)."""
    from jobs.selectors import job_ad_search

    now = now or timezone.now()
    saved = SavedJobSearch.objects.select_for_update().filter(pk=saved_search.pk).first()
    if saved is None or not saved.alerts_enabled or not saved.user.is_active:
        return 0
    try:
        result = job_ad_search(viewer=saved.user, filters=saved.filters)
    except ApplicationError:
        return 0
    already = JobAlertDelivery.objects.filter(saved_search=saved).values("job_ad_id")
    new_ids = list(
        result.job_ads.filter(published_at__gte=saved.created_at)
        .exclude(pk__in=already)
        .order_by()
        .values_list("pk", flat=True)[:50]
    )
    if not new_ids:
        return 0
    try:
        with transaction.atomic():
            JobAlertDelivery.objects.bulk_create(
                [JobAlertDelivery(saved_search=saved, job_ad_id=pk, sent_at=now) for pk in new_ids]
            )
    except IntegrityError:
        return 0  # another worker alerted these ads a moment ago
    saved.last_alerted_at = now
    saved.save(update_fields=["last_alerted_at"])
    _alert_mail(saved=saved, job_ad_ids=new_ids)
    return len(new_ids)


def _alert_mail(*, saved: SavedJobSearch, job_ad_ids: list[int]) -> None:
    """Render the alert in the user's language and queue it, sent after commit."""
    user = saved.user
    job_ads = list(
        JobAd.objects.filter(pk__in=job_ad_ids)
        .select_related("organisation", "municipality")
        .order_by("-published_at", "-pk")
    )
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        unsubscribe = site_url(
            reverse("jobs:saved-search-unsubscribe", kwargs={"token": unsubscribe_token(saved)})
        )
        context = {
            "saved_search": saved,
            "job_ads": [
                {"ad": ad, "url": site_url(reverse("jobs:job-detail", args=[ad.pk]))}
                for ad in job_ads
            ],
            "unsubscribe_url": unsubscribe,
            "searches_url": site_url(reverse("jobs:saved-searches")),
        }
        subject = render_to_string("jobs/email/alert_subject.txt", context).strip()
        body = render_to_string("jobs/email/alert_body.txt", context)
    mail_send_after_commit(
        subject=subject,
        body=body,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
