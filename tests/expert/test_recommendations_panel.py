"""The customer page shows the matching app's service suggestions with their reasons, and
an expert can propose one of them as a referral."""

import pytest
from django.urls import reverse

from expert.models import Referral
from tests.expert.conftest import sign_in
from tests.factories import ServiceFactory
from tests.factories.matching import RecommendationFactory

pytestmark = pytest.mark.django_db


def test_case_page__lists_suggested_services_with_reasons_and_propose_form(client, expert, world):
    # given
    service = ServiceFactory(
        name_fi="Keittiöalan koulutus", municipalities=[world["profile"].home_municipality]
    )
    RecommendationFactory(subject_profile=world["profile"], target_service=service)
    # when
    response = sign_in(client, expert).get(reverse("expert:case-detail", args=[world["case"].pk]))
    # then
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ehdotetut palvelut" in body
    assert "Keittiöalan koulutus" in body
    assert f'name="service" value="{service.pk}"' in body


def test_case_page__proposing_a_suggested_service_creates_a_referral(client, expert, world):
    service = ServiceFactory(municipalities=[world["profile"].home_municipality])
    sign_in(client, expert)
    response = client.post(
        reverse("expert:referral-create", args=[world["case"].pk]),
        {"service": service.pk, "message": "Tämä sopisi sinulle."},
    )
    assert response.status_code == 302
    assert Referral.objects.filter(case=world["case"], service=service).count() == 1
