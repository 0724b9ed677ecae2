import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext

from jobs import services
from jobs.models import JobAd
from profiles.models import EmployerMembership
from tests.factories import (
    EmployerUserFactory,
    EscoOccupationFactory,
    EscoSkillFactory,
    JobAdFactory,
    JobseekerUserFactory,
    MunicipalityFactory,
    in_days,
)
from tori.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


def valid_data(**overrides):
    MunicipalityFactory()
    data = {
        "title_fi": "Hitsaaja",
        "title_sv": "Svetsare",
        "title_en": "Welder",
        "description_fi": "<p>Hitsaustöitä konepajassa.</p>",
        "application_url": "https://rekry.example.fi/hae",
        "municipality": "837",
        "work_time": "01",
        "continuity": "01",
        "application_deadline": in_days(14),
    }
    data.update(overrides)
    return data


def organisation_of(user):
    return user.employer_memberships.get().organisation


def test_job_ad_create__saves_a_draft_with_the_tyomarkkinatori_fields():
    # given
    employer = EmployerUserFactory()
    occupation = EscoOccupationFactory(label_fi="hitsaaja")
    skill = EscoSkillFactory(label_fi="hitsata")
    data = valid_data(
        occupation=occupation.uri,
        skills=[skill.uri],
        continuity="0202",
        start_type="02",
        start_date=in_days(20),
        salary_basis="01",
        salary_min="2500",
        salary_max="3000",
        salary_period="MONTH",
        language_requirements=[
            {"language": "fi", "level": "B2"},
            {"language": "en", "level": "B1"},
        ],
        cards_permits=["079", "075"],
        driving_licences=["B"],
        remote=True,
    )
    # when
    job_ad = services.job_ad_create(
        actor=employer, organisation=organisation_of(employer), data=data
    )
    # then
    job_ad.refresh_from_db()
    assert job_ad.status == JobAd.Status.DRAFT
    assert job_ad.published_at is None
    assert job_ad.occupation == occupation
    assert list(job_ad.skills.all()) == [skill]
    assert job_ad.continuity == "0202"
    assert job_ad.start_date == in_days(20)
    assert (job_ad.salary_min, job_ad.salary_max) == (Decimal("2500.00"), Decimal("3000.00"))
    assert job_ad.language_requirements == [
        {"language": "fi", "level": "B2"},
        {"language": "en", "level": "B1"},
    ]
    assert job_ad.cards_permits == ["079", "075"]
    assert job_ad.driving_licences == ["B"]
    assert job_ad.remote is True
    assert job_ad.created_by == employer
    assert " hitsaaja " in job_ad.search_document


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"application_deadline": in_days(-1)},
            "application_deadline",
            "The application deadline cannot be in the past.",
        ),
        (
            {"salary_min": "3000", "salary_max": "2000", "salary_period": "MONTH"},
            "salary_max",
            "The highest salary cannot be lower than the lowest salary.",
        ),
        ({"title_fi": ""}, "title_fi", "Enter the title of the job in Finnish."),
        ({"title_fi": "<b></b>"}, "title_fi", "Enter the title of the job in Finnish."),
        (
            {"municipality": "999"},
            "municipality",
            "Unknown municipality: 999. Choose one from the list.",
        ),
        (
            {"language_requirements": [{"language": "xx", "level": "B2"}]},
            "language_requirements",
            "Unknown language: xx.",
        ),
        (
            {"language_requirements": [{"language": "fi", "level": "Z9"}]},
            "language_requirements",
            "Choose the required level of Finnish.",
        ),
        (
            {
                "language_requirements": [
                    {"language": "fi", "level": "B2"},
                    {"language": "fi", "level": "C1"},
                ]
            },
            "language_requirements",
            "Finnish is listed twice.",
        ),
        ({"cards_permits": ["999"]}, "cards_permits", "Unknown code: 999."),
        ({"driving_licences": ["Q"]}, "driving_licences", "Unknown code: Q."),
        ({"start_type": "02"}, "start_date", "Enter the date the work starts."),
        (
            {"salary_min": "2000"},
            "salary_period",
            "Tell whether the salary is per hour, month or year.",
        ),
        (
            {"salary_min": "-5", "salary_period": "MONTH"},
            "salary_min",
            "Enter an amount between 0 and 9,999,999 euros.",
        ),
        (
            {"application_deadline": in_days(400)},
            "application_deadline",
            "The application deadline can be at most a year from today.",
        ),
        ({"postal_code": "3310"}, "postal_code", "Enter a postal code of five digits."),
        (
            {"application_email": "not-an-address"},
            "application_email",
            "Enter a valid e-mail address.",
        ),
        ({"unknown": "x"}, "unknown", "Unknown field: unknown."),
    ],
)
def test_job_ad_create__invalid_input_is_refused_and_nothing_is_saved(overrides, field, message):
    # given
    employer = EmployerUserFactory()
    # when
    with translation.override("en"), pytest.raises(ApplicationError) as error:
        services.job_ad_create(
            actor=employer, organisation=organisation_of(employer), data=valid_data(**overrides)
        )
    # then
    assert error.value.field == field
    assert error.value.message == message
    assert JobAd.objects.count() == 0


def test_job_ad_create__message_follows_the_active_language():
    # given
    employer = EmployerUserFactory()
    data = valid_data(application_deadline=in_days(-1))
    # when
    with translation.override("sv"), pytest.raises(ApplicationError) as error:
        services.job_ad_create(actor=employer, organisation=organisation_of(employer), data=data)
    # then
    with translation.override("sv"):
        assert error.value.message == gettext("The application deadline cannot be in the past.")


def test_job_ad_create__description_html_is_sanitised():
    employer = EmployerUserFactory()
    job_ad = services.job_ad_create(
        actor=employer,
        organisation=organisation_of(employer),
        data=valid_data(
            title_fi="<script>alert(1)</script>Hitsaaja",
            description_fi='<p onclick="x()">Työ<script>alert(1)</script></p>'
            '<a href="javascript:alert(1)">linkki</a><img src=x onerror=alert(1)>',
        ),
    )
    assert job_ad.title_fi == "Hitsaaja"
    assert job_ad.description_fi == '<p>Työ</p><a rel="noopener noreferrer nofollow">linkki</a>'


def test_job_ad_create__other_organisation_is_refused():
    employer = EmployerUserFactory()
    other = EmployerUserFactory()
    with pytest.raises(ApplicationError):
        services.job_ad_create(
            actor=employer, organisation=organisation_of(other), data=valid_data()
        )
    assert JobAd.objects.count() == 0


def test_job_ad_lifecycle__draft_published_closed():
    # given
    employer = EmployerUserFactory()
    job_ad = services.job_ad_create(
        actor=employer, organisation=organisation_of(employer), data=valid_data()
    )
    # when
    services.job_ad_publish(actor=employer, job_ad=job_ad)
    # then
    assert job_ad.status == JobAd.Status.PUBLISHED
    assert job_ad.published_at is not None
    assert list(JobAd.objects.listed()) == [job_ad]
    # when
    services.job_ad_close(actor=employer, job_ad=job_ad)
    # then
    job_ad.refresh_from_db()
    assert job_ad.status == JobAd.Status.CLOSED
    assert job_ad.closed_at is not None
    assert list(JobAd.objects.listed()) == []


def test_job_ad_publish__needs_a_finnish_description():
    employer = EmployerUserFactory()
    job_ad = services.job_ad_create(
        actor=employer, organisation=organisation_of(employer), data=valid_data(description_fi="")
    )
    with pytest.raises(ApplicationError) as error:
        services.job_ad_publish(actor=employer, job_ad=job_ad)
    assert error.value.field == "description_fi"
    job_ad.refresh_from_db()
    assert job_ad.status == JobAd.Status.DRAFT


def test_job_ad_publish__other_employer_is_refused_and_nothing_changes():
    job_ad = JobAdFactory(draft=True)
    with pytest.raises(ApplicationError):
        services.job_ad_publish(actor=EmployerUserFactory(), job_ad=job_ad)
    job_ad.refresh_from_db()
    assert job_ad.status == JobAd.Status.DRAFT


def test_job_ads_expire__expires_only_published_ads_past_deadline():
    # given
    due = JobAdFactory(past_deadline=True)
    open_ad = JobAdFactory()
    draft = JobAdFactory(draft=True, application_deadline=in_days(-3))
    # when
    changed = services.job_ads_expire()
    # then
    assert changed == 1
    due.refresh_from_db()
    open_ad.refresh_from_db()
    draft.refresh_from_db()
    assert due.status == JobAd.Status.EXPIRED
    assert due.expired_at is not None
    assert open_ad.status == JobAd.Status.PUBLISHED
    assert draft.status == JobAd.Status.DRAFT
    assert services.job_ads_expire() == 0


def test_job_ad_listed__past_deadline_is_not_listed_before_the_task_runs():
    JobAdFactory(past_deadline=True)
    listed = JobAdFactory(application_deadline=timezone.localdate())
    assert list(JobAd.objects.listed()) == [listed]


def test_job_ad_save__jobseeker_saves_once():
    user = JobseekerUserFactory()
    job_ad = JobAdFactory()
    services.job_ad_save(user=user, job_ad=job_ad)
    services.job_ad_save(user=user, job_ad=job_ad)
    assert list(user.saved_job_ads.values_list("job_ad_id", flat=True)) == [job_ad.pk]
    assert services.job_ad_unsave(user=user, job_ad=job_ad) == 1
    assert user.saved_job_ads.count() == 0


def test_job_ad_save__employer_and_expired_ad_are_refused():
    employer = EmployerUserFactory()
    with pytest.raises(ApplicationError):
        services.job_ad_save(user=employer, job_ad=JobAdFactory())
    with pytest.raises(ApplicationError):
        services.job_ad_save(user=JobseekerUserFactory(), job_ad=JobAdFactory(expired=True))
    assert JobAd.objects.filter(saved_by__isnull=False).count() == 0


def test_organisation_member_add__adds_an_employer_and_tells_them(
    django_capture_on_commit_callbacks,
):
    # given
    admin = EmployerUserFactory()
    organisation = organisation_of(admin)
    colleague = EmployerUserFactory(email="kollega@example.fi", preferred_language="sv")
    # when
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.organisation_member_add(
            actor=admin, organisation=organisation, email="Kollega@Example.fi "
        )
    # then
    assert membership.user == colleague
    assert membership.role == EmployerMembership.Role.MEMBER
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["kollega@example.fi"]


@pytest.mark.parametrize(
    ("email", "make"),
    [
        ("nobody@example.fi", None),
        ("jobseeker@example.fi", "jobseeker"),
        ("self", "self"),
    ],
)
def test_organisation_member_add__invalid_is_refused(
    email, make, django_capture_on_commit_callbacks
):
    admin = EmployerUserFactory()
    organisation = organisation_of(admin)
    if make == "jobseeker":
        JobseekerUserFactory(email=email)
    if make == "self":
        email = admin.email
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ApplicationError) as error:
        services.organisation_member_add(actor=admin, organisation=organisation, email=email)
    assert error.value.field == "email"
    assert EmployerMembership.objects.filter(organisation=organisation).count() == 1
    assert mail.outbox == []


def test_organisation_member_add__plain_member_cannot_add():
    admin = EmployerUserFactory()
    organisation = organisation_of(admin)
    member = EmployerUserFactory()
    EmployerMembership.objects.create(
        organisation=organisation, user=member, role="member", status="active"
    )
    newcomer = EmployerUserFactory()
    with pytest.raises(ApplicationError):
        services.organisation_member_add(
            actor=member, organisation=organisation, email=newcomer.email
        )
    assert not EmployerMembership.objects.filter(organisation=organisation, user=newcomer).exists()


def test_organisation_update__renames_and_reindexes_ads():
    admin = EmployerUserFactory()
    organisation = organisation_of(admin)
    job_ad = JobAdFactory(organisation=organisation)
    services.organisation_update(actor=admin, organisation=organisation, name="Uusi Nimi Oy")
    organisation.refresh_from_db()
    job_ad.refresh_from_db()
    assert organisation.name == "Uusi Nimi Oy"
    assert " nimi " in job_ad.search_document


def test_job_ad_valid_through_is_the_end_of_the_deadline_day_in_finland():
    job_ad = JobAdFactory(application_deadline=datetime.date(2031, 6, 1))
    assert job_ad.valid_through.isoformat() == "2031-06-01T23:59:59+03:00"
