"""Role × endpoint matrix for the e-service pages and APIs."""

import pytest

from eservices.models import EserviceItem

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "jobseeker", "employer", "provider_user", "expert", "platform_admin"]


def only(*roles, status=200, anonymous=302, others=403):
    return {r: (status if r in roles else anonymous if r == "anonymous" else others) for r in ROLES}


MATRIX = [
    ("/fi/e-services/", only("jobseeker", "employer")),
    ("/fi/e-services/register-as-unemployed/", only("jobseeker")),
    ("/fi/e-services/wage-subsidy/", only("employer")),
    # the jobseeker's own item: the jobseeker and experts see it, nobody else even learns it exists
    ("/fi/e-services/{item}/", only("jobseeker", "expert", others=404)),
    ("/api/v1/e-services/items/", only("jobseeker", "employer", "expert", anonymous=403)),
    ("/api/v1/e-services/items/{item}/", only("jobseeker", "expert", anonymous=403, others=404)),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("url", "expected"), MATRIX, ids=[m[0] for m in MATRIX])
def test_eservice_access_matrix(client_as, world, role, url, expected):
    response = client_as(role).get(url.format(item=world["item"].pk))
    assert response.status_code == expected[role]


DECISION_EXPECTED = {
    "anonymous": 403,
    "jobseeker": 403,
    "employer": 403,
    "provider_user": 403,
    "expert": 200,
    "platform_admin": 403,
}


@pytest.mark.parametrize("role", ROLES)
def test_decision_api__only_experts_decide(client_as, world, role):
    # given
    item = world["item"]
    # when
    response = client_as(role).post(
        f"/api/v1/e-services/items/{item.pk}/decision/",
        {"decision": "rejected", "reason": "Työsuhde jatkuu."},
        content_type="application/json",
    )
    # then
    assert response.status_code == DECISION_EXPECTED[role]
    item.refresh_from_db()
    if role == "expert":
        assert item.status == EserviceItem.Status.REJECTED
        assert item.decision_reason == "Työsuhde jatkuu."
    else:
        assert item.status == EserviceItem.Status.RECEIVED
        assert item.decided_by is None


SUBMIT_EXPECTED = {
    "anonymous": 403,
    "jobseeker": 201,
    "employer": 403,
    "provider_user": 403,
    "expert": 403,
    "platform_admin": 403,
}


@pytest.mark.parametrize("role", ROLES)
def test_registration_api__only_jobseekers_register(client_as, role):
    import datetime

    from django.utils import timezone

    response = client_as(role).post(
        "/api/v1/e-services/registrations/",
        {
            "start_date": (timezone.localdate() + datetime.timedelta(days=3)).isoformat(),
            "previous_work": "Myyjä",
            "education": "Merkonomi",
            "availability": "full_time",
        },
        content_type="application/json",
    )
    assert response.status_code == SUBMIT_EXPECTED[role]
    assert EserviceItem.objects.count() == (1 if role == "jobseeker" else 0)
