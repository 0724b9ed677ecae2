import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from jobs.models import JobAd
from tests.factories import (
    EmployerUserFactory,
    EscoOccupationFactory,
    JobAdFactory,
    MunicipalityFactory,
    in_days,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "jobseeker", "employer", "provider_user", "expert", "platform_admin"]
WRITE_EXPECTED = {
    "anonymous": 403,
    "jobseeker": 403,
    "employer": 404,
    "provider_user": 403,
    "expert": 403,
    "platform_admin": 403,
}


def payload(**overrides):
    MunicipalityFactory()
    data = {
        "title_fi": "Hitsaaja",
        "title_en": "Welder",
        "description_fi": "<p>Hitsaustöitä.</p>",
        "municipality": "837",
        "work_time": "01",
        "continuity": "0201",
        "application_deadline": in_days(14).isoformat(),
        "application_url": "https://rekry.example.fi/hae",
        "language_requirements": [{"language": "fi", "level": "B2"}],
        "cards_permits": ["079"],
        "driving_licences": ["B"],
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", ROLES)
def test_job_list_api__public_search_with_facets(client_as, role):
    JobAdFactory(title_fi="Hitsaaja", remote=True)
    JobAdFactory(title_fi="Kokki")
    JobAdFactory(title_fi="Hitsaaja luonnos", draft=True)
    JobAdFactory(title_fi="Hitsaaja vanha", expired=True)
    JobAdFactory(title_fi="Hitsaaja ohi", past_deadline=True)
    response = client_as(role).get("/api/v1/jobs/", {"q": "hitsaaja"})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    assert [ad["title"]["fi"] for ad in data["results"]] == ["Hitsaaja"]
    assert [(f["value"], f["count"]) for f in data["facets"]["remote"]] == [("1", 1)]


def test_job_list_api__filters_by_tyomarkkinatori_codes(client):
    JobAdFactory(title_fi="A", continuity="0202", work_time="02")
    JobAdFactory(title_fi="B")
    data = client.get("/api/v1/jobs/?continuity=0202&work_time=02").json()
    assert [ad["title"]["fi"] for ad in data["results"]] == ["A"]
    assert data["results"][0]["continuity"] == "0202"
    assert client.get("/api/v1/jobs/?work_time=9").status_code == 400


@pytest.mark.parametrize("role", ROLES)
def test_job_detail_api__expired_is_410(client_as, role):
    expired = JobAdFactory(expired=True)
    closed = JobAdFactory(closed=True)
    live = JobAdFactory()
    http = client_as(role)
    assert http.get(f"/api/v1/jobs/{expired.pk}/").status_code == 410
    assert http.get(f"/api/v1/jobs/{closed.pk}/").status_code == 410
    assert http.get(f"/api/v1/jobs/{live.pk}/").status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_job_detail_api__draft_is_404_outside_the_organisation(client_as, role):
    draft = JobAdFactory(draft=True)
    assert client_as(role).get(f"/api/v1/jobs/{draft.pk}/").status_code == 404


def test_job_create_api__employer_with_token(employer):
    # given
    occupation = EscoOccupationFactory()
    token = Token.objects.create(user=employer)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    # when
    response = client.post("/api/v1/jobs/", payload(occupation=occupation.uri), format="json")
    # then
    assert response.status_code == 201
    data = response.json()
    assert data["status"] == "draft"
    assert data["title"] == {"fi": "Hitsaaja", "sv": "", "en": "Welder"}
    assert data["occupation"] == occupation.uri
    assert data["language_requirements"] == [{"language": "fi", "level": "B2"}]
    assert data["organisation"]["id"] == employer.employer_memberships.get().organisation_id
    # and it can be published and closed
    published = client.post(f"/api/v1/jobs/{data['id']}/publish/")
    assert published.status_code == 200
    assert published.json()["status"] == "published"
    closed = client.post(f"/api/v1/jobs/{data['id']}/close/")
    assert closed.json()["status"] == "closed"


@pytest.mark.parametrize("role", ROLES)
def test_job_create_api__per_role(client_as, role):
    response = client_as(role).post("/api/v1/jobs/", payload(), content_type="application/json")
    assert response.status_code == (201 if role == "employer" else 403)
    assert JobAd.objects.count() == (1 if role == "employer" else 0)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"application_deadline": in_days(-3).isoformat()},
            "application_deadline",
            "The application deadline cannot be in the past.",
        ),
        (
            {"salary_min": "3000", "salary_max": "1000", "salary_period": "MONTH"},
            "salary_max",
            "The highest salary cannot be lower than the lowest salary.",
        ),
        ({"title_fi": ""}, "title_fi", "Enter the title of the job in Finnish."),
        (
            {"municipality": "999"},
            "municipality",
            "Unknown municipality: 999. Choose one from the list.",
        ),
        ({"education_level": "99"}, "education_level", '"99" is not a valid choice.'),
        (
            {"occupation": "http://example.org/nope"},
            "occupation",
            "Unknown occupation. Choose an occupation from the ESCO classification.",
        ),
    ],
)
def test_job_create_api__invalid_input_is_400_and_nothing_is_saved(
    client, employer, overrides, field, message
):
    client.force_login(employer)
    response = client.post(
        "/api/v1/jobs/",
        payload(**overrides),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.json() == {field: [message]}
    assert JobAd.objects.count() == 0


@pytest.mark.parametrize("role", ROLES + ["member"])
def test_job_update_api__only_own_organisation(client, client_as, role):
    job_ad = JobAdFactory(title_fi="Alkuperäinen")
    if role == "member":
        client.force_login(EmployerUserFactory(organisation=job_ad.organisation))
        http = client
    else:
        http = client_as(role)
    response = http.patch(
        f"/api/v1/jobs/{job_ad.pk}/", {"title_fi": "Muutettu"}, content_type="application/json"
    )
    job_ad.refresh_from_db()
    assert response.status_code == {**WRITE_EXPECTED, "member": 200}[role]
    assert job_ad.title_fi == ("Muutettu" if role == "member" else "Alkuperäinen")


@pytest.mark.parametrize("role", ROLES + ["member"])
def test_job_publish_close_api__only_own_organisation(client, client_as, role):
    draft = JobAdFactory(draft=True)
    published = JobAdFactory(organisation=draft.organisation)
    if role == "member":
        client.force_login(EmployerUserFactory(organisation=draft.organisation))
        http = client
    else:
        http = client_as(role)
    first = http.post(f"/api/v1/jobs/{draft.pk}/publish/")
    second = http.post(f"/api/v1/jobs/{published.pk}/close/")
    draft.refresh_from_db()
    published.refresh_from_db()
    expected = {**WRITE_EXPECTED, "member": 200}[role]
    assert (first.status_code, second.status_code) == (expected, expected)
    changed = role == "member"
    assert draft.status == ("published" if changed else "draft")
    assert published.status == ("closed" if changed else "published")


@pytest.mark.parametrize("role", ROLES)
def test_employer_job_list_api__own_ads_including_drafts(client_as, role, employer):
    own = JobAdFactory(organisation=employer.employer_memberships.get().organisation, draft=True)
    JobAdFactory()
    response = client_as(role).get("/api/v1/employer/jobs/")
    if role == "employer":
        assert response.status_code == 200
        assert [ad["id"] for ad in response.json()["results"]] == [own.pk]
    else:
        assert response.status_code == 403


def test_schema__jobs_endpoints_are_documented_without_warnings(capsys):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("spectacular", "--validate", stdout=out)
    captured = capsys.readouterr()
    schema = out.getvalue()
    assert "/api/v1/jobs/{id}/publish/" in schema
    assert "/api/v1/employer/jobs/" in schema
    messages = captured.err + captured.out
    assert [line for line in messages.splitlines() if "jobs" in line.lower()] == []


def test_job_create_and_update_api__minimum_education_level(client, employer):
    # given
    client.force_login(employer)
    # when
    created = client.post(
        "/api/v1/jobs/", payload(education_level="32"), content_type="application/json"
    )
    # then
    assert created.status_code == 201
    assert created.json()["education_level"] == "32"
    assert JobAd.objects.get().education_level == "32"
    # and it can be cleared
    updated = client.patch(
        f"/api/v1/jobs/{created.json()['id']}/",
        {"education_level": ""},
        content_type="application/json",
    )
    assert updated.status_code == 200
    assert updated.json()["education_level"] == ""
    assert JobAd.objects.get().education_level == ""


def test_job_detail_api__public_output_has_the_education_level(client):
    job_ad = JobAdFactory(education_level="5", application_deadline=in_days(10))
    response = client.get(f"/api/v1/jobs/{job_ad.pk}/")
    assert response.status_code == 200
    assert response.json()["education_level"] == "5"
