import pytest
from django.urls import reverse

from situations import demo
from situations.models import LifeSituation
from tests.factories import ServiceFactory, taxonomy_term

pytestmark = pytest.mark.django_db

URL = "/en/situation/"
ROLES = ["anonymous", "jobseeker", "employer", "provider_user", "expert", "platform_admin"]


@pytest.fixture
def packages():
    demo.load()
    return {s.slug: s for s in LifeSituation.objects.all()}


def test_demo_load__is_idempotent_and_trilingual(packages):
    demo.load()
    assert LifeSituation.objects.count() == 7
    lost = LifeSituation.objects.get(slug="lost-job")
    assert (lost.name_fi, lost.name_sv, lost.name_en) == (
        "Jäin työttömäksi",
        "Jag blev arbetslös",
        "I lost my job",
    )
    assert sorted(t.code for t in lost.target_groups.all()) == ["laidoff"]


@pytest.mark.parametrize("role", ROLES)
def test_situation_page__open_to_every_role(client_as, role, packages):
    response = client_as(role).get(URL)
    assert response.status_code == 200
    assert "I lost my job" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_situation_post__every_role_gets_packages(client_as, role, packages):
    response = client_as(role).post(URL, {"text": "I lost my job"})
    assert response.status_code == 200
    assert response.context["result"].packages[0].situation.slug == "lost-job"


@pytest.mark.parametrize(
    ("lang", "name"),
    [("fi", "Jäin työttömäksi"), ("sv", "Jag blev arbetslös"), ("en", "I lost my job")],
)
def test_situation_post__result_in_each_language(client, packages, lang, name):
    response = client.post(f"/{lang}/situation/", {"text": "jäin työttömäksi"})
    html = response.content.decode()
    assert f'<h3 id="package-lost-job">{name}</h3>' in html


def test_situation_post__explains_why_and_lists_fitting_services(client, packages):
    # given
    fitting = ServiceFactory(name_en="Job club", service_type=taxonomy_term("jobsearch"))
    ServiceFactory(name_en="Start-up course", service_type=taxonomy_term("startup"))
    # when
    response = client.post(URL, {"text": "jäin työttömäksi"})
    # then
    package = response.context["result"].packages[0]
    assert package.words == ["jäin", "työttömäksi"]
    assert [s.pk for s in package.services] == [fitting.pk]
    html = response.content.decode()
    assert "your text mentions “jäin, työttömäksi”." in html
    assert reverse("eservices:registration") in html


def test_situation_post__empty_text_is_asked_again(client, packages):
    response = client.post(URL, {"text": "   "})
    assert response.status_code == 400
    assert response.context["form"].errors == {"text": ["Write a few words about your situation."]}
    assert response.context["result"] is None


def test_situation_post__10000_characters_are_read_in_part(client, packages):
    text = "I lost my job. " + "x" * 9985
    response = client.post(URL, {"text": text})
    assert response.status_code == 200
    result = response.context["result"]
    assert result.truncated is True
    assert result.packages[0].situation.slug == "lost-job"
    assert "we read its first 2000 characters" in response.content.decode()


def test_situation_post__other_language_answers_with_advice(client, packages):
    response = client.post(URL, {"text": "Ich habe meine Arbeit verloren"})
    assert response.status_code == 200
    assert response.context["result"].packages == []
    assert "Write in Finnish, Swedish or English" in response.content.decode()


def test_situation_post__text_is_not_stored(client, packages):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.post(URL, {"text": "jäin työttömäksi"})
    assert not any(q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE")) for q in queries)


def test_unpublished_package_is_not_offered(client, packages):
    LifeSituation.objects.filter(slug="lost-job").update(is_published=False)
    response = client.post(URL, {"text": "I lost my job"})
    assert [p.situation.slug for p in response.context["result"].packages] == []


def test_home_page__links_to_situation_page(client):
    assert 'href="/en/situation/"' in client.get("/en/").content.decode()
