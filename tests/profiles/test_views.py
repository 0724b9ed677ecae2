import datetime
import json

import pytest

from profiles.models import (
    ContactRequest,
    DataAccessLog,
    ProfileConsent,
    ProfileFreeSkill,
    User,
    WorkAbilityDetails,
    WorkExperience,
)
from tests.factories import (
    ContactRequestFactory,
    EmployerUserFactory,
    EnrolmentRequestFactory,
    EscoOccupationFactory,
    EserviceItemFactory,
    JobseekerProfileFactory,
    ProfileFreeSkillFactory,
    ProfileLanguageFactory,
    ProfileSkillFactory,
    PublishedProfileFactory,
    RegionFactory,
    ServiceFactory,
    WorkAbilityDetailsFactory,
    WorkExperienceFactory,
)

pytestmark = pytest.mark.django_db

SECRET = "Masennus ja selkävaiva"


@pytest.mark.parametrize(
    ("lang", "services_label"), [("fi", "Palvelut"), ("sv", "Tjänster"), ("en", "Services")]
)
def test_overview__renders_in_each_language(client, jobseeker, lang, services_label):
    # given: content values in the language being rendered
    region = RegionFactory()
    JobseekerProfileFactory(user=jobseeker).wish_regions.set([region])
    client.force_login(jobseeker)
    # when
    response = client.get(f"/{lang}/profile/")
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in html
    assert services_label in html
    assert {"fi": "Pirkanmaa", "sv": "Birkaland", "en": "Pirkanmaa"}[lang] in html


def test_overview__shows_own_parts_and_health_details(client, jobseeker):
    # given
    profile = JobseekerProfileFactory(user=jobseeker, headline="Kokki", partial_work_ability=True)
    WorkAbilityDetailsFactory(profile=profile, reasons=SECRET)
    WorkExperienceFactory(profile=profile, title="Keittiöapulainen")
    ProfileFreeSkillFactory(profile=profile, name="Leipominen")
    client.force_login(jobseeker)
    # when
    html = client.get("/fi/profile/").content.decode()
    # then
    assert "Kokki" in html
    assert "Keittiöapulainen" in html
    assert "Leipominen" in html
    assert SECRET in html


def test_introduction_edit__saves(client, jobseeker):
    client.force_login(jobseeker)
    response = client.post(
        "/fi/profile/introduction/", {"headline": " Kokki ", "introduction": "Moi!"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/fi/profile/"
    profile = jobseeker.jobseeker_profile
    assert (profile.headline, profile.introduction) == ("Kokki", "Moi!")


def test_introduction_edit__too_long_is_refused_with_the_error_tied_to_the_field(client, jobseeker):
    client.force_login(jobseeker)
    response = client.post("/en/profile/introduction/", {"headline": "x" * 151})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_headline-error"' in html
    assert 'aria-describedby="id_headline_helptext id_headline-error"' in html or (
        "id_headline-error" in html
    )
    jobseeker.jobseeker_profile.refresh_from_db()
    assert jobseeker.jobseeker_profile.headline == ""


def test_item_add__work_experience_with_bad_dates_is_refused(client, jobseeker):
    client.force_login(jobseeker)
    response = client.post(
        "/en/profile/entries/work/add/",
        {"title": "Kokki", "start_date": "2024-05-01", "end_date": "2024-04-01"},
    )
    assert response.status_code == 400
    assert "The end date cannot be before the start date." in response.content.decode()
    assert WorkExperience.objects.exists() is False


def test_item_add__free_skill(client, jobseeker):
    client.force_login(jobseeker)
    response = client.post("/fi/profile/entries/free-skill/add/", {"name": "Trukinajo"})
    assert response.status_code == 302
    assert list(ProfileFreeSkill.objects.values_list("name", flat=True)) == ["Trukinajo"]


def test_item_add__unknown_kind_is_not_found(client, jobseeker):
    client.force_login(jobseeker)
    assert client.post("/fi/profile/entries/salary/add/", {"name": "x"}).status_code == 404


def test_item_remove__someone_elses_entry_is_not_found_and_kept(client, jobseeker):
    entry = WorkExperienceFactory()
    client.force_login(jobseeker)
    response = client.post(f"/fi/profile/entries/work/{entry.pk}/remove/")
    assert response.status_code == 404
    assert WorkExperience.objects.filter(pk=entry.pk).exists()


def test_item_remove__own_entry(client, jobseeker):
    entry = WorkExperienceFactory(profile=JobseekerProfileFactory(user=jobseeker))
    client.force_login(jobseeker)
    assert client.post(f"/fi/profile/entries/work/{entry.pk}/remove/").status_code == 302
    assert WorkExperience.objects.exists() is False


def test_situation_edit__stores_reasons_apart(client, jobseeker):
    client.force_login(jobseeker)
    response = client.post(
        "/fi/profile/situation/",
        {"under_30": "on", "partial_work_ability": "on", "work_ability_reasons": SECRET},
    )
    assert response.status_code == 302
    profile = jobseeker.jobseeker_profile
    profile.refresh_from_db()
    assert (profile.under_30, profile.partial_work_ability) == (True, True)
    assert WorkAbilityDetails.objects.get(profile=profile).reasons == SECRET


def test_wishes_and_licences_edit__save_codes(client, jobseeker):
    region = RegionFactory()
    client.force_login(jobseeker)
    client.post(
        "/fi/profile/wishes/",
        {"regions": [region.code], "working_time": ["01"], "continuity": ["01", "02"]},
    )
    response = client.post("/fi/profile/licences/", {"driving_licences": ["B"], "cards": ["022"]})
    assert response.status_code == 302
    profile = jobseeker.jobseeker_profile
    profile.refresh_from_db()
    assert list(profile.wish_regions.all()) == [region]
    assert (profile.working_time, profile.continuity) == (["01"], ["01", "02"])
    assert (profile.driving_licences, profile.cards) == (["B"], ["022"])


def test_licences_edit__unknown_card_is_refused(client, jobseeker):
    client.force_login(jobseeker)
    response = client.post("/fi/profile/licences/", {"cards": ["999"]})
    assert response.status_code == 400
    jobseeker.jobseeker_profile.refresh_from_db()
    assert jobseeker.jobseeker_profile.cards == []


def test_publish__gives_and_withdraws_consent(client, jobseeker):
    client.force_login(jobseeker)
    response = client.post(
        "/fi/profile/publish/", {"sections": ["skills", "introduction"], "consent": "on"}
    )
    assert response.status_code == 302
    consent = ProfileConsent.objects.get(user=jobseeker)
    assert (consent.purpose, consent.scope, consent.version) == (
        "publish",
        ["skills", "introduction"],
        "2026-1",
    )
    client.post("/fi/profile/publish/", {"action": "withdraw"})
    consent.refresh_from_db()
    jobseeker.jobseeker_profile.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert jobseeker.jobseeker_profile.is_published is False


def test_publish__without_ticking_consent_nothing_is_published(client, jobseeker):
    client.force_login(jobseeker)
    response = client.post("/en/profile/publish/", {"sections": ["skills"]})
    assert response.status_code == 400
    assert "Tick the box to give your consent." in response.content.decode()
    assert ProfileConsent.objects.exists() is False


def _candidate_with_health_data(**profile_kwargs):
    profile = PublishedProfileFactory(
        partial_work_ability=True,
        immigrant=True,
        unemployed_since=datetime.date(2024, 1, 1),
        **profile_kwargs,
    )
    WorkAbilityDetailsFactory(profile=profile, reasons=SECRET)
    ProfileSkillFactory(profile=profile, skill__label_fi="hitsaus", skill__label_en="welding")
    ProfileLanguageFactory(profile=profile, language="ar", level="L1")
    return profile


def test_candidate_search__pseudonymous_without_health_or_situation(client, employer):
    # given
    profile = _candidate_with_health_data()
    hidden = JobseekerProfileFactory(headline="Piilossa")
    client.force_login(employer)
    # when
    html = client.get("/fi/profile/candidates/").content.decode()
    # then
    assert f"Ehdokas {profile.pseudonym}" in html or f"Candidate {profile.pseudonym}" in html
    assert "hitsaus" in html
    assert profile.user.first_name not in html
    assert profile.user.email not in html
    assert SECRET not in html
    assert "Piilossa" not in html
    assert str(hidden.public_id) not in html


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("skill=weld", True),
        ("skill=puusepp", False),
        ("language=ar", True),
        ("language=sv", False),
        ("region=06", True),
        ("region=01", False),
        ("occupation=kokki", True),
    ],
)
def test_candidate_search__filters(client, employer, query, found):
    from reference.models import Region

    profile = _candidate_with_health_data()
    Region.objects.get_or_create(code="01", defaults={"name_fi": "Uusimaa"})
    profile.wish_regions.set([RegionFactory()])
    occupation = EscoOccupationFactory(label_fi="kokki")
    profile.occupations.create(occupation=occupation)
    client.force_login(employer)
    html = client.get(f"/fi/profile/candidates/?{query}").content.decode()
    assert (str(profile.public_id) in html) is found


def test_candidate_search__unpublished_section_is_not_searchable(client, employer):
    profile = _candidate_with_health_data(published_sections=["introduction"])
    client.force_login(employer)
    html = client.get("/fi/profile/candidates/?skill=weld").content.decode()
    assert str(profile.public_id) not in html


def test_candidate_detail__no_name_before_acceptance_and_nothing_logged(client, employer):
    profile = _candidate_with_health_data()
    client.force_login(employer)
    html = client.get(f"/fi/profile/candidates/{profile.public_id}/").content.decode()
    assert profile.user.email not in html
    assert SECRET not in html
    assert DataAccessLog.objects.exists() is False


def test_candidate_detail__after_acceptance_name_is_shown_and_the_view_logged(client, employer):
    # given
    profile = _candidate_with_health_data()
    organisation = employer.employer_memberships.get().organisation
    ContactRequestFactory(profile=profile, organisation=organisation, status="accepted")
    client.force_login(employer)
    # when
    html = client.get(f"/fi/profile/candidates/{profile.public_id}/").content.decode()
    # then
    assert profile.user.email in html
    assert SECRET not in html
    entry = DataAccessLog.objects.get()
    assert entry.subject == profile.user
    assert entry.accessor == employer
    assert entry.accessor_organisation == organisation.name
    assert entry.purpose == DataAccessLog.Purpose.EMPLOYER_CANDIDATE
    assert "contact" in entry.sections


def test_candidate_detail__contact_request_is_sent(client, employer):
    profile = PublishedProfileFactory()
    client.force_login(employer)
    response = client.post(
        f"/fi/profile/candidates/{profile.public_id}/", {"message": "Tervetuloa haastatteluun"}
    )
    assert response.status_code == 302
    contact = ContactRequest.objects.get()
    assert (contact.profile, contact.requested_by, contact.status) == (profile, employer, "pending")


def test_candidate_detail__empty_message_is_refused(client, employer):
    profile = PublishedProfileFactory()
    client.force_login(employer)
    response = client.post(f"/fi/profile/candidates/{profile.public_id}/", {"message": " "})
    assert response.status_code == 400
    assert ContactRequest.objects.exists() is False


def test_contact_request_answer__accept(client, jobseeker):
    contact = ContactRequestFactory(profile=PublishedProfileFactory(user=jobseeker))
    client.force_login(jobseeker)
    response = client.post(
        f"/fi/profile/contact-requests/{contact.pk}/answer/", {"decision": "accept"}
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.status == "accepted"


def test_contact_request_answer__someone_elses_request_is_not_found(client, jobseeker):
    contact = ContactRequestFactory()
    client.force_login(jobseeker)
    response = client.post(
        f"/fi/profile/contact-requests/{contact.pk}/answer/", {"decision": "accept"}
    )
    assert response.status_code == 404
    contact.refresh_from_db()
    assert contact.status == "pending"


def test_enrolment_shared__provider_sees_only_the_shared_parts_and_it_is_logged(
    client, provider_user
):
    # given
    profile = _candidate_with_health_data(headline="Hitsari")
    WorkExperienceFactory(profile=profile, title="Hitsaaja")
    provider = provider_user.provider_memberships.get().provider
    enrolment = EnrolmentRequestFactory(
        user=profile.user, service=ServiceFactory(provider=provider)
    )
    ProfileConsent.objects.create(
        user=profile.user,
        purpose="provider",
        enrolment=enrolment,
        scope=["work_history"],
        version="2026-1",
    )
    client.force_login(provider_user)
    # when
    html = client.get(f"/fi/profile/shared-with-provider/{enrolment.pk}/").content.decode()
    # then
    assert "Hitsaaja" in html
    assert "Hitsari" not in html
    assert "hitsaus" not in html
    assert SECRET not in html
    entry = DataAccessLog.objects.get()
    assert (entry.subject, entry.accessor, entry.sections, entry.object_ref) == (
        profile.user,
        provider_user,
        ["work_history"],
        str(enrolment.pk),
    )
    assert entry.accessor_organisation == provider.name


def test_enrolment_shared__nothing_shared_is_not_logged(client, provider_user):
    provider = provider_user.provider_memberships.get().provider
    enrolment = EnrolmentRequestFactory(service=ServiceFactory(provider=provider))
    client.force_login(provider_user)
    response = client.get(f"/fi/profile/shared-with-provider/{enrolment.pk}/")
    assert response.status_code == 200
    assert DataAccessLog.objects.exists() is False


def test_catalog_enrolment__jobseeker_chooses_what_is_shared(client, jobseeker):
    service = ServiceFactory()
    client.force_login(jobseeker)
    detail = client.get(f"/fi/services/{service.pk}/").content.decode()
    assert 'name="share_sections"' in detail
    response = client.post(
        f"/fi/services/{service.pk}/enrol/", {"message": "", "share_sections": ["skills"]}
    )
    assert response.status_code == 302
    consent = ProfileConsent.objects.get()
    assert (consent.enrolment.service, consent.scope) == (service, ["skills"])


def test_sharing__jobseeker_changes_the_scope(client, jobseeker):
    enrolment = EnrolmentRequestFactory(user=jobseeker)
    client.force_login(jobseeker)
    assert client.get("/fi/profile/sharing/").status_code == 200
    response = client.post(
        "/fi/profile/sharing/",
        {"enrolment": enrolment.pk, f"e{enrolment.pk}-sections": ["languages"]},
    )
    assert response.status_code == 302
    assert ProfileConsent.objects.get(withdrawn_at__isnull=True).scope == ["languages"]


def test_sharing__someone_elses_enrolment_is_not_found(client, jobseeker):
    enrolment = EnrolmentRequestFactory()
    client.force_login(jobseeker)
    response = client.post(
        "/fi/profile/sharing/", {"enrolment": enrolment.pk, f"e{enrolment.pk}-sections": ["skills"]}
    )
    assert response.status_code == 404
    assert ProfileConsent.objects.exists() is False


def test_my_data__lists_who_viewed_the_data(client, jobseeker):
    from profiles import services

    viewer = EmployerUserFactory(first_name="Pekka", last_name="Rekrytoija")
    services.data_access_record(
        subject=jobseeker,
        accessor=viewer,
        purpose="employer",
        sections=["contact"],
        organisation="Rakennus Oy",
    )
    client.force_login(jobseeker)
    html = client.get("/fi/profile/my-data/").content.decode()
    assert "Pekka Rekrytoija" in html
    assert "Rakennus Oy" in html


def test_my_data_export__everything_of_the_person_and_nothing_of_others(client, jobseeker):
    # given
    profile = PublishedProfileFactory(user=jobseeker, headline="Oma otsikko")
    WorkAbilityDetailsFactory(profile=profile, reasons=SECRET)
    WorkExperienceFactory(profile=profile, title="Oma työ")
    ProfileLanguageFactory(profile=profile, language="sv", level="B2")
    EserviceItemFactory(applicant=jobseeker)
    EnrolmentRequestFactory(user=jobseeker, message="Oma viesti")
    other = _candidate_with_health_data(headline="Toisen otsikko")
    WorkExperienceFactory(profile=other, title="Toisen työ")
    EserviceItemFactory()
    client.force_login(jobseeker)
    # when
    response = client.get("/fi/profile/my-data/export/")
    # then
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="tori-my-data.json"'
    data = json.loads(response.content)
    assert data["account"]["email"] == jobseeker.email
    assert data["profile"]["introduction"]["headline"] == "Oma otsikko"
    assert data["profile"]["work_ability_reasons"] == SECRET
    assert [w["title"] for w in data["profile"]["work_history"]] == ["Oma työ"]
    assert data["profile"]["languages"][0]["code"] == "sv"
    assert len(data["eservice_items"]) == 1
    assert [e["message"] for e in data["enrolment_requests"]] == ["Oma viesti"]
    assert [c["purpose"] for c in data["consents"]] == ["publish"]
    text = response.content.decode()
    assert "Toisen" not in text
    assert other.user.email not in text


def test_account_delete_view__wrong_password_keeps_the_account(client, jobseeker):
    client.force_login(jobseeker)
    response = client.post(
        "/en/profile/my-data/delete-account/", {"password": "wrong", "confirm": "on"}
    )
    assert response.status_code == 400
    assert "The password is wrong." in response.content.decode()
    assert User.objects.filter(pk=jobseeker.pk).exists()


def test_account_delete_view__deletes_and_signs_out(client, jobseeker):
    client.force_login(jobseeker)
    response = client.post(
        "/fi/profile/my-data/delete-account/", {"password": "Salasana-123-tori", "confirm": "on"}
    )
    assert response.status_code == 302
    assert User.objects.filter(pk=jobseeker.pk).exists() is False
    assert client.get("/fi/profile/").status_code == 302


def test_account_delete_page__states_what_is_kept(client, jobseeker):
    client.force_login(jobseeker)
    html = client.get("/en/profile/my-data/delete-account/").content.decode()
    assert "What the law requires us to keep" in html
    assert "Archives Act" in html


def test_consent_withdraw__from_my_data(client, jobseeker):
    PublishedProfileFactory(user=jobseeker)
    consent = ProfileConsent.objects.get(user=jobseeker)
    client.force_login(jobseeker)
    response = client.post(f"/fi/profile/my-data/consents/{consent.pk}/withdraw/")
    assert response.status_code == 302
    consent.refresh_from_db()
    jobseeker.jobseeker_profile.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert jobseeker.jobseeker_profile.is_published is False


def test_consent_withdraw__someone_elses_consent_is_not_found(client, jobseeker):
    PublishedProfileFactory()
    consent = ProfileConsent.objects.get()
    client.force_login(jobseeker)
    assert client.post(f"/fi/profile/my-data/consents/{consent.pk}/withdraw/").status_code == 404
    consent.refresh_from_db()
    assert consent.withdrawn_at is None


def test_navigation__jobseeker_my_profile_points_to_the_overview(client, jobseeker):
    client.force_login(jobseeker)
    html = client.get("/fi/").content.decode()
    assert 'href="/fi/profile/"' in html


def test_my_data_export__includes_jobs_matching_and_case_data_but_not_internal_notes(
    client, jobseeker
):
    # given
    from tests.factories import MunicipalityFactory
    from tests.factories.expert import (
        CaseFactory,
        CaseNoteFactory,
        PlanFactory,
        PlanTaskFactory,
        ReferralFactory,
    )
    from tests.factories.jobs import SavedJobAdFactory, SavedJobSearchFactory

    profile = PublishedProfileFactory(user=jobseeker, home_municipality=MunicipalityFactory())
    SavedJobAdFactory(user=jobseeker, job_ad__title_fi="Kokki, Hervanta")
    SavedJobSearchFactory(user=jobseeker, name="Kokin työt")
    SavedJobSearchFactory(name="Toisen haku")
    case = CaseFactory(profile=profile, reference="AS-2026-000777")
    PlanTaskFactory(plan=PlanFactory(case=case, goal="Kokiksi"), title="Hae kolmea paikkaa")
    ReferralFactory(case=case, service__name_fi="Keittiökoulutus")
    CaseNoteFactory(case=case, text="Sisäinen muistiinpano")
    client.force_login(jobseeker)
    # when
    data = json.loads(client.get("/fi/profile/my-data/export/").content)
    # then
    assert [s["name"] for s in data["saved_job_searches"]] == ["Kokin työt"]
    assert len(data["saved_job_ads"]) == 1
    [exported_case] = data["cases"]
    assert exported_case["reference"] == "AS-2026-000777"
    assert exported_case["plans"][0]["goal"] == "Kokiksi"
    assert exported_case["plans"][0]["tasks"][0]["task"] == "Hae kolmea paikkaa"
    assert exported_case["referrals"][0]["service"] == "Keittiökoulutus"
    assert "Sisäinen muistiinpano" not in json.dumps(data, ensure_ascii=False)
    assert "Toisen haku" not in json.dumps(data, ensure_ascii=False)
