import json
import re

import pytest
from django.utils import translation

from jobs.models import JobAd, SavedJobAd, SavedJobSearch
from profiles.models import EmployerMembership
from tests.factories import (
    EmployerUserFactory,
    JobAdFactory,
    JobseekerUserFactory,
    MunicipalityFactory,
    SavedJobSearchFactory,
    in_days,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "jobseeker", "employer", "provider_user", "expert", "platform_admin"]


def own_organisation(user):
    return user.employer_memberships.get().organisation


def json_ld(response):
    match = re.search(
        r'<script type="application/ld\+json" nonce="[^"]+">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    return json.loads(match.group(1)) if match else None


# --- public pages: one test per role ------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_job_list__every_role_sees_listed_ads_only(client_as, role):
    JobAdFactory(title_fi="Avoin hitsaaja")
    JobAdFactory(title_fi="Luonnos", draft=True)
    JobAdFactory(title_fi="Vanhentunut", expired=True)
    response = client_as(role).get("/fi/jobs/")
    assert response.status_code == 200
    assert [ad.title_fi for ad in response.context["job_ads"]] == ["Avoin hitsaaja"]


@pytest.mark.parametrize("role", ROLES)
def test_job_detail__published_ad_is_public(client_as, role):
    job_ad = JobAdFactory()
    response = client_as(role).get(f"/fi/jobs/{job_ad.pk}/")
    assert response.status_code == 200


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("trait", ["expired", "closed", "past_deadline"])
def test_job_detail__ended_ad_is_gone_for_every_role(client_as, role, trait):
    job_ad = JobAdFactory(**{trait: True})
    response = client_as(role).get(f"/fi/jobs/{job_ad.pk}/")
    assert response.status_code == 410
    assert response.context["job_ad"] == job_ad
    apply = client_as(role).get(f"/fi/jobs/{job_ad.pk}/apply/")
    assert apply.status_code == 410


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 404),
        ("jobseeker", 404),
        ("employer", 404),
        ("provider_user", 404),
        ("expert", 404),
        ("platform_admin", 404),
        ("member", 200),
    ],
)
def test_job_detail__draft_is_visible_only_to_its_organisation(client, client_as, role, expected):
    job_ad = JobAdFactory(draft=True)
    if role == "member":
        member = EmployerUserFactory(organisation=job_ad.organisation)
        client.force_login(member)
        response = client.get(f"/fi/jobs/{job_ad.pk}/")
    else:
        response = client_as(role).get(f"/fi/jobs/{job_ad.pk}/")
    assert response.status_code == expected
    if expected == 200:
        assert json_ld(response) is None


def test_job_detail__json_ld_job_posting():
    # given
    from django.test import Client

    job_ad = JobAdFactory(
        title_fi="Hitsaaja",
        description_fi="<p>Hitsaustöitä.</p>",
        application_deadline=in_days(10),
        salary_min="2500",
        salary_max="3100",
        salary_period="MONTH",
        street_address="Hämeenkatu 1",
        postal_code="33100",
        work_time="02",
        continuity="02",
        remote=True,
    )
    # when
    response = Client().get(f"/fi/jobs/{job_ad.pk}/")
    # then
    data = json_ld(response)
    assert data == {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "identifier": {"@type": "PropertyValue", "name": "Tori", "value": str(job_ad.uuid)},
        "url": f"http://testserver/fi/jobs/{job_ad.pk}/",
        "title": "Hitsaaja",
        "description": "<p>Hitsaustöitä.</p>",
        "datePosted": job_ad.published_at.date().isoformat(),
        "validThrough": job_ad.valid_through.isoformat(),
        "hiringOrganization": {
            "@type": "Organization",
            "name": job_ad.organisation.name,
            "taxID": job_ad.organisation.business_id,
        },
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": "Tampere",
                "addressRegion": "Pirkanmaa",
                "addressCountry": "FI",
                "streetAddress": "Hämeenkatu 1",
                "postalCode": "33100",
            },
        },
        "employmentType": ["PART_TIME", "TEMPORARY"],
        "directApply": False,
        "jobLocationType": "TELECOMMUTE",
        "applicantLocationRequirements": {"@type": "Country", "name": "FI"},
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "EUR",
            "value": {
                "@type": "QuantitativeValue",
                "unitText": "MONTH",
                "minValue": 2500.0,
                "maxValue": 3100.0,
            },
        },
    }
    assert response["Content-Security-Policy"]


def test_job_detail__json_ld_escapes_script_breakers(client):
    job_ad = JobAdFactory(title_fi="</script><script>alert(1)</script>Kokki")
    body = client.get(f"/fi/jobs/{job_ad.pk}/").content.decode()
    assert "<script>alert(1)" not in body
    assert json_ld(client.get(f"/fi/jobs/{job_ad.pk}/"))["title"] == job_ad.title_fi


@pytest.mark.parametrize(
    ("lang", "title", "heading"),
    [("fi", "Hitsaaja", "Työpaikat"), ("sv", "Svetsare", None), ("en", "Welder", "Jobs")],
)
def test_job_list__renders_in_each_language(client, lang, title, heading):
    JobAdFactory(title_fi="Hitsaaja", title_sv="Svetsare", title_en="Welder")
    response = client.get(f"/{lang}/jobs/")
    assert response.status_code == 200
    body = response.content.decode()
    assert f'<html lang="{lang}">' in body
    assert f">{title}</a>" in body


def test_job_list__filters_are_a_shareable_get_url(client):
    JobAdFactory(title_fi="Hitsaaja", remote=True)
    JobAdFactory(title_fi="Kokki")
    response = client.get("/fi/jobs/?q=hitsaaja&remote=1&page=1")
    assert [ad.title_fi for ad in response.context["job_ads"]] == ["Hitsaaja"]
    assert 'name="remote" value="1" id="f-remote-1" checked' in response.content.decode()


def test_job_list__invalid_filter_answers_400_with_message(client):
    with translation.override("en"):
        response = client.get("/en/jobs/?work_time=99")
    assert response.status_code == 400
    assert response.context["error"]["field"] == "work_time"


def test_job_list__pagination(client):
    for _ in range(22):
        JobAdFactory()
    first = client.get("/fi/jobs/")
    second = client.get("/fi/jobs/?page=2")
    assert len(first.context["job_ads"]) == 20
    assert len(second.context["job_ads"]) == 2
    assert first.context["total"] == 22


def test_job_apply__redirects_to_the_employers_form(client):
    job_ad = JobAdFactory(application_url="https://rekry.example.fi/hae/1")
    response = client.get(f"/fi/jobs/{job_ad.pk}/apply/")
    assert response.status_code == 302
    assert response["Location"] == "https://rekry.example.fi/hae/1"


# --- saved ads --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("jobseeker", 302),
        ("employer", 403),
        ("provider_user", 403),
        ("expert", 403),
        ("platform_admin", 403),
    ],
)
def test_job_save__only_jobseekers_save(client_as, role, expected):
    job_ad = JobAdFactory()
    response = client_as(role).post(f"/fi/jobs/{job_ad.pk}/save/", {"action": "save"})
    assert response.status_code == expected
    assert SavedJobAd.objects.count() == (1 if role == "jobseeker" else 0)


def test_saved_jobs__lists_own_open_saved_ads(client, jobseeker):
    open_ad = JobAdFactory(title_fi="Auki")
    ended = JobAdFactory(title_fi="Loppunut")
    other = JobseekerUserFactory()
    SavedJobAd.objects.create(user=jobseeker, job_ad=open_ad)
    SavedJobAd.objects.create(user=jobseeker, job_ad=ended)
    SavedJobAd.objects.create(user=other, job_ad=JobAdFactory(title_fi="Toisen"))
    JobAd.objects.filter(pk=ended.pk).update(status="expired")
    client.force_login(jobseeker)
    response = client.get("/fi/jobs/saved/")
    assert [s.job_ad.title_fi for s in response.context["saved"]] == ["Auki"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("jobseeker", 200),
        ("employer", 403),
        ("provider_user", 403),
        ("expert", 403),
        ("platform_admin", 403),
    ],
)
def test_saved_jobs_and_searches__jobseekers_only(client_as, role, expected):
    client = client_as(role)
    assert client.get("/fi/jobs/saved/").status_code == expected
    assert client.get("/fi/jobs/searches/").status_code == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("jobseeker", 302),
        ("employer", 403),
        ("provider_user", 403),
        ("expert", 403),
        ("platform_admin", 403),
    ],
)
def test_saved_search_create__only_jobseekers(client_as, role, expected):
    response = client_as(role).post(
        "/fi/jobs/searches/", {"name": "Hitsaus", "query": "q=hitsaaja&remote=1"}
    )
    assert response.status_code == expected
    saved = list(SavedJobSearch.objects.values_list("name", "filters"))
    assert saved == ([("Hitsaus", {"q": "hitsaaja", "remote": "1"})] if role == "jobseeker" else [])


def test_saved_search_delete__other_users_search_is_404(client, jobseeker):
    saved = SavedJobSearchFactory()
    client.force_login(jobseeker)
    response = client.post(f"/fi/jobs/searches/{saved.pk}/delete/")
    assert response.status_code == 404
    assert SavedJobSearch.objects.filter(pk=saved.pk).exists()


def test_saved_search_alerts_toggle__own_search(client, jobseeker):
    saved = SavedJobSearchFactory(user=jobseeker)
    client.force_login(jobseeker)
    client.post(f"/fi/jobs/searches/{saved.pk}/alerts/", {"alerts": "off"})
    saved.refresh_from_db()
    assert saved.alerts_enabled is False
    client.post(f"/fi/jobs/searches/{saved.pk}/delete/")
    assert SavedJobSearch.objects.filter(pk=saved.pk).exists() is False


# --- employer pages ---------------------------------------------------------------------


EMPLOYER_PAGE_EXPECTED = {
    "anonymous": 302,
    "jobseeker": 403,
    "employer": 200,
    "provider_user": 403,
    "expert": 403,
    "platform_admin": 403,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "url", ["/fi/jobs/employer/", "/fi/jobs/employer/new/", "/fi/jobs/employer/services/"]
)
def test_employer_pages__employers_only(client_as, role, url):
    assert client_as(role).get(url).status_code == EMPLOYER_PAGE_EXPECTED[role]


def form_data(**overrides):
    MunicipalityFactory()
    data = {
        "title_fi": "Hitsaaja",
        "description_fi": "<p>Hitsaustöitä.</p>",
        "municipality": "837",
        "work_time": "01",
        "continuity": "01",
        "start_type": "01",
        "application_deadline": in_days(14).isoformat(),
        "application_url": "https://rekry.example.fi/hae",
        "language_1": "fi",
        "level_1": "B2",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", ROLES)
def test_job_create__post_per_role(client_as, role):
    response = client_as(role).post("/fi/jobs/employer/new/", form_data())
    assert response.status_code == EMPLOYER_PAGE_EXPECTED[role] if role != "employer" else 302
    assert JobAd.objects.count() == (1 if role == "employer" else 0)
    if role == "employer":
        job_ad = JobAd.objects.get()
        assert job_ad.status == "draft"
        assert job_ad.language_requirements == [{"language": "fi", "level": "B2"}]


def test_job_create__into_another_organisation_is_refused(client, employer):
    other = EmployerUserFactory()
    client.force_login(employer)
    data = form_data(organisation=str(own_organisation(other).pk))
    response = client.post("/fi/jobs/employer/new/", data)
    assert response.status_code == 403
    assert JobAd.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"application_deadline": in_days(-1).isoformat()},
            "application_deadline",
            "The application deadline cannot be in the past.",
        ),
        (
            {"salary_min": "3000", "salary_max": "2000", "salary_period": "MONTH"},
            "salary_max",
            "The highest salary cannot be lower than the lowest salary.",
        ),
        ({"title_fi": ""}, "title_fi", "This field is required."),
        (
            {"municipality": "999"},
            "municipality",
            "Unknown municipality. Choose one from the list.",
        ),
        (
            {"occupation": "lohikäärmeenkesyttäjä"},
            "occupation",
            "Unknown occupation “lohikäärmeenkesyttäjä”. Use the name of an ESCO occupation.",
        ),
        ({"level_1": ""}, "level_1", "Choose the required level."),
    ],
)
def test_job_create__errors_are_shown_by_field_and_nothing_is_saved(
    client, employer, overrides, field, message
):
    client.force_login(employer)
    response = client.post("/en/jobs/employer/new/", form_data(**overrides))
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert JobAd.objects.count() == 0


def test_job_create__script_in_description_is_removed(client, employer):
    client.force_login(employer)
    client.post(
        "/fi/jobs/employer/new/",
        form_data(description_fi="<p>Työ</p><script>alert(1)</script><style>p{}</style>"),
    )
    assert JobAd.objects.get().description_fi == "<p>Työ</p>"


@pytest.mark.parametrize("role", ROLES + ["member"])
def test_job_edit__only_own_organisation(client, client_as, role):
    job_ad = JobAdFactory(title_fi="Alkuperäinen")
    if role == "member":
        client.force_login(EmployerUserFactory(organisation=job_ad.organisation))
        http = client
    else:
        http = client_as(role)
    response = http.post(f"/fi/jobs/{job_ad.pk}/edit/", form_data(title_fi="Muutettu"))
    job_ad.refresh_from_db()
    expected = {**EMPLOYER_PAGE_EXPECTED, "employer": 403, "member": 302}[role]
    assert response.status_code == expected
    assert job_ad.title_fi == ("Muutettu" if role == "member" else "Alkuperäinen")


@pytest.mark.parametrize("role", ROLES + ["member"])
def test_job_publish_and_close__only_own_organisation(client, client_as, role):
    draft = JobAdFactory(draft=True)
    published = JobAdFactory(organisation=draft.organisation)
    if role == "member":
        client.force_login(EmployerUserFactory(organisation=draft.organisation))
        http = client
    else:
        http = client_as(role)
    first = http.post(f"/fi/jobs/{draft.pk}/publish/")
    second = http.post(f"/fi/jobs/{published.pk}/close/")
    draft.refresh_from_db()
    published.refresh_from_db()
    expected = {**EMPLOYER_PAGE_EXPECTED, "employer": 403, "member": 302}[role]
    assert (first.status_code, second.status_code) == (expected, expected)
    if role == "member":
        assert (draft.status, published.status) == ("published", "closed")
    else:
        assert (draft.status, published.status) == ("draft", "published")


@pytest.mark.parametrize("role", ROLES + ["member", "admin"])
def test_organisation_page__members_see_admins_edit(client, client_as, role):
    admin = EmployerUserFactory()
    organisation = own_organisation(admin)
    if role in ("member", "admin"):
        user = admin
        if role == "member":
            user = EmployerUserFactory()
            EmployerMembership.objects.create(organisation=organisation, user=user, status="active")
        client.force_login(user)
        http = client
    else:
        http = client_as(role)
    url = f"/fi/jobs/employer/organisation/{organisation.pk}/"
    get = http.get(url)
    post = http.post(url, {"form": "name", "name": "Uusi Nimi Oy"})
    organisation.refresh_from_db()
    expected_get = {**EMPLOYER_PAGE_EXPECTED, "employer": 404, "member": 200, "admin": 200}[role]
    expected_post = {**EMPLOYER_PAGE_EXPECTED, "employer": 404, "member": 403, "admin": 302}[role]
    assert (get.status_code, post.status_code) == (expected_get, expected_post)
    assert organisation.name == ("Uusi Nimi Oy" if role == "admin" else organisation.name)
    if role != "admin":
        assert organisation.name != "Uusi Nimi Oy"


def test_organisation_page__admin_adds_a_colleague(client, employer):
    organisation = own_organisation(employer)
    colleague = EmployerUserFactory(email="kollega@example.fi")
    client.force_login(employer)
    response = client.post(
        f"/fi/jobs/employer/organisation/{organisation.pk}/",
        {"form": "member", "email": "kollega@example.fi"},
    )
    assert response.status_code == 302
    assert organisation.memberships.filter(user=colleague, role="member").exists()
    page = client.get(f"/fi/jobs/employer/organisation/{organisation.pk}/")
    assert "kollega@example.fi" in page.content.decode()


def test_organisation_page__unknown_colleague_shows_error(client, employer):
    organisation = own_organisation(employer)
    client.force_login(employer)
    response = client.post(
        f"/en/jobs/employer/organisation/{organisation.pk}/",
        {"form": "member", "email": "nobody@example.fi"},
    )
    assert response.status_code == 400
    assert response.context["member_form"].errors["email"] == [
        "No Tori account uses this e-mail address. Ask your colleague to create an employer "
        "account first."
    ]
    assert organisation.memberships.count() == 1


def test_employer_dashboard__lists_own_ads_only(client, employer):
    own = JobAdFactory(organisation=own_organisation(employer), draft=True)
    JobAdFactory()
    client.force_login(employer)
    response = client.get("/fi/jobs/employer/")
    assert [ad.pk for ad in response.context["job_ads"]] == [own.pk]


def test_employer_dashboard__links_published_ads_to_suggested_candidates(client, employer):
    published = JobAdFactory(organisation=own_organisation(employer))
    draft = JobAdFactory(organisation=own_organisation(employer), draft=True)
    client.force_login(employer)
    body = client.get("/fi/jobs/employer/").content.decode()
    assert f'href="/fi/recommendations/job-ads/{published.pk}/candidates/"' in body
    assert f'href="/fi/recommendations/job-ads/{draft.pk}/candidates/"' not in body
    assert 'href="/fi/recommendations/employer/services/"' in body
    assert "Ehdotetut hakijat" in body


def test_employer_services__lists_catalogue_services_for_employers(client, employer):
    from tests.factories import ServiceFactory, taxonomy_term

    ServiceFactory(name_fi="Rekrytointimessut", service_type=taxonomy_term("recruitment"))
    ServiceFactory(name_fi="Esihenkilökoulutus", service_type=taxonomy_term("stafftraining"))
    ServiceFactory(name_fi="Työvalmennus")
    client.force_login(employer)
    response = client.get("/fi/jobs/employer/services/")
    sections = response.context["sections"]
    assert [[s.name_fi for s in section["services"]] for section in sections] == [
        ["Rekrytointimessut"],
        ["Esihenkilökoulutus"],
    ]


def test_navigation__jobs_and_employer_entries(client, employer):
    anonymous = [item["url"] for item in client.get("/fi/").context["nav_items"]]
    client.force_login(employer)
    signed_in = [item["url"] for item in client.get("/fi/").context["nav_items"]]
    assert "/fi/jobs/" in anonymous
    assert "/fi/jobs/employer/" in signed_in


SAVED_SEARCH_WRITE_EXPECTED = {
    "anonymous": 302,
    "jobseeker": 404,
    "employer": 403,
    "provider_user": 403,
    "expert": 403,
    "platform_admin": 403,
}


@pytest.mark.parametrize("role", ROLES)
def test_saved_search_delete_and_alerts__per_role_nothing_changes(client_as, role):
    # given: somebody else's saved search
    saved = SavedJobSearchFactory()
    http = client_as(role)
    # when
    delete = http.post(f"/fi/jobs/searches/{saved.pk}/delete/")
    alerts = http.post(f"/fi/jobs/searches/{saved.pk}/alerts/", {"alerts": "off"})
    # then
    expected = SAVED_SEARCH_WRITE_EXPECTED[role]
    assert (delete.status_code, alerts.status_code) == (expected, expected)
    saved.refresh_from_db()
    assert saved.alerts_enabled is True


@pytest.mark.parametrize("role", ROLES)
def test_unsubscribe__works_by_token_for_every_role(client_as, role):
    from jobs import services

    saved = SavedJobSearchFactory()
    path = f"/fi/jobs/searches/unsubscribe/{services.unsubscribe_token(saved)}/"
    http = client_as(role)
    assert http.get(path).status_code == 200
    assert http.post(path).status_code == 200
    saved.refresh_from_db()
    assert saved.alerts_enabled is False


@pytest.mark.parametrize("role", ROLES)
def test_organisation_member_add__per_role(client_as, role):
    # given: an organisation the role is not an administrator of
    admin = EmployerUserFactory()
    organisation = own_organisation(admin)
    newcomer = EmployerUserFactory(email="uusi@example.fi")
    # when
    response = client_as(role).post(
        f"/fi/jobs/employer/organisation/{organisation.pk}/",
        {"form": "member", "email": "uusi@example.fi"},
    )
    # then
    assert response.status_code == {**EMPLOYER_PAGE_EXPECTED, "employer": 404}[role]
    assert not organisation.memberships.filter(user=newcomer).exists()


def test_job_create__minimum_education_level_is_saved_and_shown_when_editing(client, employer):
    # given
    client.force_login(employer)
    # when
    response = client.post("/fi/jobs/employer/new/", form_data(education_level="6"))
    # then
    assert response.status_code == 302
    job_ad = JobAd.objects.get()
    assert job_ad.education_level == "6"
    edit = client.get(f"/fi/jobs/{job_ad.pk}/edit/")
    assert edit.context["form"]["education_level"].value() == "6"


def test_job_create__unknown_education_level_is_refused(client, employer):
    client.force_login(employer)
    response = client.post("/en/jobs/employer/new/", form_data(education_level="99"))
    assert response.status_code == 400
    assert "education_level" in response.context["form"].errors
    assert JobAd.objects.count() == 0


def test_job_detail__json_ld_education_requirements_only_when_set():
    # given
    from django.test import Client

    required = JobAdFactory(education_level="7", application_deadline=in_days(10))
    open_to_all = JobAdFactory(application_deadline=in_days(10))
    # when
    with_level = json_ld(Client().get(f"/en/jobs/{required.pk}/"))
    without = json_ld(Client().get(f"/en/jobs/{open_to_all.pk}/"))
    # then
    assert with_level["educationRequirements"] == {
        "@type": "EducationalOccupationalCredential",
        "credentialCategory": "Master's level",
    }
    assert "educationRequirements" not in without
