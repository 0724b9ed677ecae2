"""The statistics demo loader: synthetic history in the latest published quarter that makes
every table of the open statistics show figures, some of them hidden; idempotent.

The demo catalogue, employers, places and ESCO skills that the loader builds on are made
with factories under the names and codes the other demo loaders use (loading the whole demo
would take most of a minute)."""

import pytest

from catalog.demo import SERVICES
from catalog.models import EnrolmentRequest
from expert.models import Case, Referral
from jobs.demo import ORGANISATIONS
from jobs.models import JobAd
from openstats import demo
from openstats.models import PublishedTable
from openstats.params import latest_completed_quarter
from profiles import demo as profiles_demo
from profiles.models import JobseekerProfile, ProfileSkill, User
from tests.factories import (
    EmployerOrganisationFactory,
    EscoSkillFactory,
    MunicipalityFactory,
    ProviderFactory,
    RegionFactory,
    ServiceFactory,
    taxonomy_term,
)

pytestmark = pytest.mark.django_db

PLACES = [  # region, municipality code, name
    (("01", "Uusimaa"), "091", "Helsinki"),
    (("01", "Uusimaa"), "049", "Espoo"),
    (("01", "Uusimaa"), "092", "Vantaa"),
    (("06", "Pirkanmaa"), "837", "Tampere"),
    (("06", "Pirkanmaa"), "536", "Nokia"),
    (("06", "Pirkanmaa"), "211", "Kangasala"),
    (("02", "Varsinais-Suomi"), "853", "Turku"),
    (("17", "Pohjois-Pohjanmaa"), "564", "Oulu"),
    (("13", "Keski-Suomi"), "179", "Jyväskylä"),
    (("21", "Ahvenanmaa"), "478", "Maarianhamina"),
]


@pytest.fixture
def demo_world():
    """What `make run` has before this loader: places, the demo catalogue and employers,
    ESCO skills and the demo logins."""
    for (region_code, region_name), code, name in PLACES:
        region = RegionFactory(
            code=region_code, name_fi=region_name, name_sv=region_name, name_en=region_name
        )
        MunicipalityFactory(code=code, name_fi=name, name_sv=name, name_en=name, region=region)
    provider = ProviderFactory()
    for entry in SERVICES:
        ServiceFactory(provider=provider, name_fi=entry[5][0], service_type=taxonomy_term(entry[1]))
    for name in ORGANISATIONS:
        EmployerOrganisationFactory(name=name)
    labels = {label for skills in demo.PROFILES.values() for label in skills}
    for n, label in enumerate(sorted({*labels, *demo.LANGUAGE_SKILLS, *demo.GENERAL_SKILLS})):
        EscoSkillFactory(uri=f"http://data.europa.eu/esco/skill/demo-{n}", label_en=label)
    profiles_demo.load()


def figures(data):
    rows = [*data["rows"], *([data["totals"]] if data["totals"] else [])]
    return [cell for row in rows for cell in row["cells"]]


def counts():
    return (
        User.objects.count(),
        ProfileSkill.objects.count(),
        EnrolmentRequest.objects.count(),
        JobAd.objects.count(),
        Case.objects.count(),
        Referral.objects.count(),
    )


def test_demo__figures_in_the_latest_quarter_some_hidden_and_once(demo_world, client):
    # given: a table of the quarter frozen before the demo data existed
    quarter = latest_completed_quarter()
    PublishedTable.objects.create(
        dataset="enrolments", quarter=str(quarter), measure="requests", k=5, table={}
    )
    demo_logins = set(User.objects.values_list("email", flat=True))

    # when
    lines = demo.load()

    # then: synthetic people who cannot sign in, not shown to employers
    assert len(lines) == 1
    people = User.objects.filter(email__startswith=demo.SYNTHETIC_EMAIL_PREFIX)
    assert people.count() == demo.PEOPLE
    assert not any(user.has_usable_password() for user in people)
    assert not JobseekerProfile.objects.filter(user__in=people, is_published=True).exists()
    assert JobseekerProfile.objects.filter(user__in=people, home_municipality="091").count() > (
        JobseekerProfile.objects.filter(user__in=people, home_municipality="564").count()
    )
    # the demo logins are untouched and got no synthetic history
    assert set(User.objects.exclude(pk__in=people).values_list("email", flat=True)) == demo_logins
    assert not EnrolmentRequest.objects.exclude(user__in=people).exists()
    # dated in the two latest published quarters, ended, nothing waiting for anyone
    start, end = quarter.previous.aware_bounds()[0], quarter.aware_bounds()[1]
    requests = EnrolmentRequest.objects.all()
    assert requests.filter(created_at__gte=start, created_at__lt=end).count() == requests.count()
    assert not requests.filter(status="new").exists()
    ads = JobAd.objects.all()
    assert ads.filter(published_at__gte=start, published_at__lt=end).count() == ads.count() > 0
    assert set(ads.values_list("status", flat=True)) == {"expired"}
    assert not JobAd.objects.listed().exists()
    assert not Case.objects.filter(status="open").exists()
    assert not PublishedTable.objects.filter(quarter=str(quarter)).exists()

    # the page's figures: shown ones and hidden ones
    enrolments = client.get("/api/v1/statistics/enrolments/").json()
    assert enrolments["period"]["quarter"] == str(quarter)
    cells = figures(enrolments)
    assert sum(1 for c in cells if not c["suppressed"] and c["value"] >= 5) >= 5
    assert any(c["suppressed"] for c in cells)
    referrals = figures(client.get("/api/v1/statistics/enrolments/?measure=referrals").json())
    assert any(not c["suppressed"] and c["value"] >= 5 for c in referrals)
    outcomes = figures(client.get("/api/v1/statistics/outcomes/").json())
    assert sum(1 for c in outcomes if not c["suppressed"] and c["value"] >= 5) >= 5
    assert any(c["suppressed"] for c in outcomes)
    skills = client.get("/api/v1/statistics/skills-demand/").json()
    assert skills["rows"]
    job_ads = [row["cells"][0]["value"] for row in skills["rows"]]
    jobseekers = [row["cells"][1]["value"] or 0 for row in skills["rows"]]
    assert max(job_ads) >= 5
    assert max(jobseekers) >= 5
    assert sum(1 for n in jobseekers if n >= 5) >= 5

    # and a second run creates nothing
    before = counts()
    assert demo.load() == []
    assert counts() == before


def test_demo__without_places_does_nothing():
    assert demo.load() == [
        "openstats: no municipalities (run import_reference), no statistics demo data"
    ]
    assert not User.objects.exists()
