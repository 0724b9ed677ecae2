import pytest

from expert import demo
from expert.models import Case, ExpertMembership, Plan
from profiles import demo as profiles_demo
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_demo__cases_plans_and_a_team_lead_idempotently():
    # given
    MunicipalityFactory()  # Tampere
    MunicipalityFactory(code="092", name_fi="Vantaa", name_sv="Vanda", name_en="Vantaa")
    profiles_demo.load()
    # when
    demo.load()
    demo.load()
    # then
    maija = Case.objects.get(profile__user__email="maija.meikalainen@demo.tori.fi", status="open")
    assert maija.responsible.email == "asiantuntija@demo.tori.fi"
    assert maija.assessment.agreed_goal
    assert maija.plans.get().tasks.count() == 3
    assert maija.notes.count() == 1
    closed = Case.objects.get(reference="AS-2025-D3M001")
    assert (closed.status, closed.outcome) == ("closed", "service")
    assert Plan.objects.filter(kind="activation").count() == 1
    assert ExpertMembership.objects.get(user__email=demo.TEAM_LEAD_EMAIL, is_team_lead=True)
