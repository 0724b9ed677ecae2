import datetime
import logging

import pytest
from django.utils import timezone, translation

from catalog.models import EnrolmentRequest
from eservices.models import EserviceItem
from profiles import services
from profiles.models import (
    PUBLISHABLE_SECTIONS,
    ContactRequest,
    DataAccessLog,
    JobseekerProfile,
    ProfileConsent,
    User,
    WorkAbilityDetails,
    WorkExperience,
)
from tests.factories import (
    ContactRequestFactory,
    EmployerUserFactory,
    EnrolmentRequestFactory,
    EserviceItemFactory,
    JobseekerProfileFactory,
    JobseekerUserFactory,
    PublishedProfileFactory,
    WorkAbilityDetailsFactory,
)
from tori.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


def test_work_experience_add__end_before_start_is_refused_and_nothing_saved(jobseeker):
    # given
    profile = services.jobseeker_profile_get_or_create(user=jobseeker)
    # when (messages are asserted in English: the fi/sv catalogues are merged by the integrator)
    with translation.override("en"), pytest.raises(ApplicationError) as error:
        services.work_experience_add(
            profile=profile,
            actor=jobseeker,
            title="Kokki",
            employer_name="",
            start_date=datetime.date(2024, 5, 1),
            end_date=datetime.date(2024, 4, 1),
        )
    # then
    assert error.value.field == "end_date"
    assert error.value.message == "The end date cannot be before the start date."
    assert WorkExperience.objects.exists() is False


def test_work_experience_add__another_persons_profile_is_refused(jobseeker):
    other = JobseekerProfileFactory()
    with pytest.raises(ApplicationError) as error:
        services.work_experience_add(
            profile=other,
            actor=jobseeker,
            title="Kokki",
            employer_name="",
            start_date=datetime.date(2024, 5, 1),
        )
    assert error.value.code == "forbidden"
    assert WorkExperience.objects.exists() is False


def test_language_add__unknown_code_and_duplicate_are_refused(jobseeker):
    profile = services.jobseeker_profile_get_or_create(user=jobseeker)
    with pytest.raises(ApplicationError) as unknown:
        services.language_add(profile=profile, actor=jobseeker, language="xx", level="B1")
    services.language_add(profile=profile, actor=jobseeker, language="sv", level="B1")
    with translation.override("en"), pytest.raises(ApplicationError) as duplicate:
        services.language_add(profile=profile, actor=jobseeker, language="sv", level="C1")
    assert unknown.value.field == "language"
    assert duplicate.value.message == "This language is already in your profile."
    assert list(profile.languages.values_list("language", "level")) == [("sv", "B1")]


def test_licences_update__codes_follow_the_tyomarkkinatori_code_lists(jobseeker):
    profile = services.jobseeker_profile_get_or_create(user=jobseeker)
    services.jobseeker_licences_update(
        profile=profile, actor=jobseeker, driving_licences=["B", "C1C"], cards=["074", "022"]
    )
    profile.refresh_from_db()
    assert profile.driving_licences == ["B", "C1C"]
    assert profile.cards == ["074", "022"]
    with pytest.raises(ApplicationError) as error:
        services.jobseeker_licences_update(profile=profile, actor=jobseeker, cards=["999"])
    assert error.value.field == "cards"
    profile.refresh_from_db()
    assert profile.cards == ["074", "022"]


def test_situation_update__reasons_are_kept_apart_and_removed_when_no_longer_true(jobseeker):
    # given
    profile = services.jobseeker_profile_get_or_create(user=jobseeker)
    services.jobseeker_situation_update(
        profile=profile,
        actor=jobseeker,
        partial_work_ability=True,
        work_ability_reasons="Astma",
    )
    assert WorkAbilityDetails.objects.get(profile=profile).reasons == "Astma"
    # when
    services.jobseeker_situation_update(profile=profile, actor=jobseeker)
    # then
    profile.refresh_from_db()
    assert profile.partial_work_ability is False
    assert WorkAbilityDetails.objects.filter(profile=profile).exists() is False


def test_situation_update__health_data_never_reaches_the_logs(jobseeker, caplog):
    profile = services.jobseeker_profile_get_or_create(user=jobseeker)
    with caplog.at_level(logging.DEBUG):
        services.jobseeker_situation_update(
            profile=profile,
            actor=jobseeker,
            partial_work_ability=True,
            work_ability_reasons="Erityisen salainen diagnoosi",
        )
    assert "salainen diagnoosi" not in caplog.text
    assert "salainen diagnoosi" not in repr(WorkAbilityDetails.objects.get(profile=profile))


def test_situation_update__future_unemployment_date_is_refused(jobseeker):
    profile = services.jobseeker_profile_get_or_create(user=jobseeker)
    with pytest.raises(ApplicationError) as error:
        services.jobseeker_situation_update(
            profile=profile,
            actor=jobseeker,
            unemployed_since=timezone.localdate() + datetime.timedelta(days=1),
        )
    assert error.value.field == "unemployed_since"
    profile.refresh_from_db()
    assert profile.unemployed_since is None


def test_long_term_unemployed__after_twelve_months():
    today = timezone.localdate()
    assert JobseekerProfile(
        unemployed_since=today - datetime.timedelta(days=365)
    ).long_term_unemployed
    assert not JobseekerProfile(
        unemployed_since=today - datetime.timedelta(days=364)
    ).long_term_unemployed
    assert not JobseekerProfile().long_term_unemployed


def test_profile_publish__records_consent_with_version_and_replaces_the_previous(jobseeker):
    # given
    profile = services.jobseeker_profile_get_or_create(user=jobseeker)
    first = services.profile_publish(profile=profile, actor=jobseeker, sections=["skills"])
    # when
    second = services.profile_publish(
        profile=profile, actor=jobseeker, sections=["languages", "skills", "skills"]
    )
    # then
    first.refresh_from_db()
    profile.refresh_from_db()
    assert first.withdrawn_at is not None
    assert second.withdrawn_at is None
    assert second.scope == ["skills", "languages"]
    assert second.version == "2026-1"
    assert second.purpose == ProfileConsent.Purpose.PUBLISH
    assert profile.is_published is True
    assert profile.published_sections == ["skills", "languages"]


@pytest.mark.parametrize("sections", [[], ["contact"], ["situation"], ["nonsense"]])
def test_profile_publish__name_situation_and_empty_scopes_are_refused(jobseeker, sections):
    profile = services.jobseeker_profile_get_or_create(user=jobseeker)
    with pytest.raises(ApplicationError) as error:
        services.profile_publish(profile=profile, actor=jobseeker, sections=sections)
    assert error.value.field == "sections"
    profile.refresh_from_db()
    assert profile.is_published is False
    assert ProfileConsent.objects.exists() is False


def test_profile_unpublish__withdraws_consent_and_closes_pending_requests():
    # given
    contact = ContactRequestFactory()
    profile = contact.profile
    # when
    withdrawn = services.profile_unpublish(profile=profile, actor=profile.user)
    # then
    profile.refresh_from_db()
    contact.refresh_from_db()
    assert withdrawn == 1
    assert profile.is_published is False
    assert profile.published_sections == []
    assert ProfileConsent.objects.get(user=profile.user).withdrawn_at is not None
    assert contact.status == ContactRequest.Status.DECLINED


def test_provider_share_set__records_scope_and_withdraws_with_empty_choice(jobseeker):
    enrolment = EnrolmentRequestFactory(user=jobseeker)
    consent = services.provider_share_set(
        actor=jobseeker, enrolment=enrolment, sections=["skills", "contact"]
    )
    assert consent.scope == ["contact", "skills"]
    assert consent.enrolment == enrolment
    assert services.provider_share_set(actor=jobseeker, enrolment=enrolment, sections=[]) is None
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None


def test_provider_share_set__someone_elses_enrolment_is_refused(jobseeker):
    enrolment = EnrolmentRequestFactory()
    with pytest.raises(ApplicationError):
        services.provider_share_set(actor=jobseeker, enrolment=enrolment, sections=["skills"])
    assert ProfileConsent.objects.exists() is False


def test_enrolment_request_create__records_the_consent_scope(jobseeker):
    from catalog.services import enrolment_request_create
    from tests.factories import ServiceFactory

    enrolment = enrolment_request_create(
        user=jobseeker, service=ServiceFactory(), message="", share_sections=["education"]
    )
    consent = ProfileConsent.objects.get(enrolment=enrolment)
    assert (consent.user, consent.purpose, consent.scope) == (jobseeker, "provider", ["education"])


def test_contact_request_create__sends_mail_after_commit(
    django_capture_on_commit_callbacks, mailoutbox
):
    # given
    profile = PublishedProfileFactory(user__preferred_language="en")
    employer = EmployerUserFactory()
    # when
    with django_capture_on_commit_callbacks(execute=True):
        contact = services.contact_request_create(
            actor=employer, profile=profile, message="Hej! Vi har ett jobb."
        )
    # then
    assert contact.organisation == employer.employer_memberships.get().organisation
    assert contact.requested_by == employer
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [profile.user.email]
    assert mailoutbox[0].subject == "An employer would like to contact you"
    assert "/en/profile/contact-requests/" in mailoutbox[0].body


def test_contact_request_create__unpublished_profile_is_refused(mailoutbox):
    profile = JobseekerProfileFactory()
    with pytest.raises(ApplicationError) as error:
        services.contact_request_create(actor=EmployerUserFactory(), profile=profile, message="Hei")
    assert error.value.code == "forbidden"
    assert ContactRequest.objects.exists() is False
    assert mailoutbox == []


def test_contact_request_create__second_open_request_is_refused():
    contact = ContactRequestFactory()
    employer = EmployerUserFactory(organisation=contact.organisation)
    with pytest.raises(ApplicationError) as error:
        services.contact_request_create(actor=employer, profile=contact.profile, message="Hei")
    assert error.value.field == "message"
    assert ContactRequest.objects.count() == 1


def test_contact_request_answer__only_the_jobseeker_answers_once():
    contact = ContactRequestFactory()
    with pytest.raises(ApplicationError):
        services.contact_request_answer(
            actor=JobseekerUserFactory(), contact_request=contact, accept=True
        )
    contact.refresh_from_db()
    assert contact.status == ContactRequest.Status.PENDING
    services.contact_request_answer(
        actor=contact.profile.user, contact_request=contact, accept=True
    )
    with pytest.raises(ApplicationError) as again:
        services.contact_request_answer(
            actor=contact.profile.user, contact_request=contact, accept=False
        )
    contact.refresh_from_db()
    assert again.value.code == "state"
    assert contact.status == ContactRequest.Status.ACCEPTED
    assert contact.answered_at is not None


def test_data_access_log__cannot_be_changed_or_deleted():
    entry = services.data_access_record(
        subject=JobseekerUserFactory(),
        accessor=EmployerUserFactory(),
        purpose=DataAccessLog.Purpose.EMPLOYER_CANDIDATE,
        sections=["skills"],
    )
    entry.sections = ["contact"]
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        DataAccessLog.objects.filter(pk=entry.pk).update(sections=[])
    with pytest.raises(PermissionError):
        DataAccessLog.objects.all().delete()
    assert DataAccessLog.objects.get().sections == ["skills"]


def test_account_delete__removes_personal_data_and_keeps_what_the_law_requires(jobseeker):
    # given
    profile = PublishedProfileFactory(user=jobseeker)
    WorkAbilityDetailsFactory(profile=profile)
    ContactRequestFactory(profile=profile)
    EnrolmentRequestFactory(user=jobseeker)
    item = EserviceItemFactory(applicant=jobseeker)
    item.status = EserviceItem.Status.APPROVED
    item.save()
    entry = services.data_access_record(
        subject=jobseeker,
        accessor=EmployerUserFactory(),
        purpose=DataAccessLog.Purpose.EMPLOYER_CANDIDATE,
        sections=["contact"],
    )
    other = PublishedProfileFactory()
    # when
    services.account_delete(user=jobseeker, actor=jobseeker, password="Salasana-123-tori")
    # then: personal data is gone
    assert User.objects.filter(pk=jobseeker.pk).exists() is False
    assert JobseekerProfile.objects.filter(pk=profile.pk).exists() is False
    assert WorkAbilityDetails.objects.exists() is False
    assert ContactRequest.objects.exists() is False
    assert EnrolmentRequest.objects.exists() is False
    assert ProfileConsent.objects.filter(user=other.user).count() == 1
    assert ProfileConsent.objects.count() == 1
    # then: the decision stays, pseudonymised
    item.refresh_from_db()
    assert item.status == EserviceItem.Status.APPROVED
    assert item.applicant is None
    assert item.subject is None
    assert item.pseudonymised_at is not None
    assert sorted(item.data) == [
        "availability",
        "education_level",
        "previous_work_ended",
        "start_date",
    ]
    # then: the access log stays without the link to the person
    kept = DataAccessLog.objects.get(pk=entry.pk)
    assert kept.subject is None
    assert kept.subject_key == profile.public_id
    # the other person is untouched
    assert JobseekerProfile.objects.filter(pk=other.pk).exists()


def test_account_delete__wrong_password_deletes_nothing(jobseeker):
    PublishedProfileFactory(user=jobseeker)
    with pytest.raises(ApplicationError) as error:
        services.account_delete(user=jobseeker, actor=jobseeker, password="väärä")
    assert error.value.field == "password"
    assert User.objects.filter(pk=jobseeker.pk).exists()
    assert JobseekerProfile.objects.filter(user=jobseeker).exists()


def test_account_delete__only_own_account(jobseeker):
    other = JobseekerUserFactory()
    with pytest.raises(ApplicationError):
        services.account_delete(user=other, actor=jobseeker, password="Salasana-123-tori")
    assert User.objects.filter(pk=other.pk).exists()


def test_publishable_sections__never_contain_contact_or_situation():
    assert "contact" not in PUBLISHABLE_SECTIONS
    assert "situation" not in PUBLISHABLE_SECTIONS
