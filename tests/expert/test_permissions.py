"""Role × endpoint matrix for every expert, "My plan" and provider referral endpoint."""

import pytest
from django.urls import reverse

from expert.models import Case
from profiles.models import DataAccessLog
from tests.expert.conftest import sign_in
from tests.factories import CaseFactory, CustomerProfileFactory, ExpertUserFactory, expert_for

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "jobseeker",
    "employer",
    "provider_user",
    "expert",
    "other_expert",
    "platform_admin",
]
REFUSED = {"anonymous": 302, "jobseeker": 403, "employer": 403, "provider_user": 403}


def expert_only(expert_status, other_area=404):
    return {**REFUSED, "platform_admin": 403, "expert": expert_status, "other_expert": other_area}


def no_extra(w):
    return {}


def case_url(name, extra=no_extra):
    return lambda w: reverse(f"expert:{name}", kwargs={"case_id": w["case"].pk, **extra(w)})


# (id, method, url(world), expected {role: status})
EXPERT_ENDPOINTS = [
    ("worklist", "get", lambda w: reverse("expert:worklist"), expert_only(200, 200)),
    ("area-customers", "get", lambda w: reverse("expert:area-customers"), expert_only(200, 200)),
    ("watch-list", "get", lambda w: reverse("expert:watch-list"), expert_only(200, 200)),
    ("team-dashboard", "get", lambda w: reverse("expert:team-dashboard"), expert_only(403, 403)),
    (
        "case-open",
        "post",
        lambda w: reverse("expert:case-open", kwargs={"public_id": w["no_case"].public_id}),
        expert_only(302),
    ),
    ("case-detail", "get", case_url("case-detail"), expert_only(200)),
    ("case-take", "post", case_url("case-take"), expert_only(302)),
    ("assessment-get", "get", case_url("assessment"), expert_only(200)),
    ("assessment-post", "post", case_url("assessment"), expert_only(400)),
    ("plan-create", "post", case_url("plan-create"), expert_only(400)),
    (
        "task-add",
        "post",
        case_url("task-add", extra=lambda w: {"plan_id": w["plan"].pk}),
        expert_only(400),
    ),
    (
        "task-done",
        "post",
        case_url("task-done", extra=lambda w: {"task_id": w["task"].pk}),
        expert_only(302),
    ),
    ("note-add", "post", case_url("note-add"), expert_only(400)),
    ("referral-search", "get", case_url("referral-create"), expert_only(200)),
    ("referral-propose", "post", case_url("referral-create"), expert_only(400)),
    (
        "referral-update",
        "post",
        case_url("referral-update", extra=lambda w: {"referral_id": w["referral"].pk}),
        expert_only(400),
    ),
    ("job-offer-search", "get", case_url("job-offer-create"), expert_only(200)),
    ("job-offer-create", "post", case_url("job-offer-create"), expert_only(400)),
    ("case-close-get", "get", case_url("case-close"), expert_only(200)),
    ("case-close-post", "post", case_url("case-close"), expert_only(400)),
    (
        "item-detail",
        "get",
        lambda w: reverse("expert:item-detail", kwargs={"item_id": w["item"].pk}),
        expert_only(200),
    ),
    (
        "item-take",
        "post",
        lambda w: reverse("expert:item-detail", kwargs={"item_id": w["item"].pk}),
        expert_only(302),
    ),
    (
        "item-decide",
        "post",
        lambda w: reverse("expert:item-decide", kwargs={"item_id": w["item"].pk}),
        expert_only(400),
    ),
]

NON_EXPERT_REFUSED = {**REFUSED, "expert": 403, "other_expert": 403, "platform_admin": 403}
PLAN_AND_PROVIDER_ENDPOINTS = [
    ("my-plan", "get", lambda w: reverse("plan:my-plan"), {**NON_EXPERT_REFUSED, "jobseeker": 200}),
    (
        "my-task-done-of-another",
        "post",
        lambda w: reverse("plan:task-done", kwargs={"task_id": w["task"].pk}),
        {**NON_EXPERT_REFUSED, "jobseeker": 404},
    ),
    (
        "my-referral-answer-of-another",
        "post",
        lambda w: reverse("plan:referral-answer", kwargs={"referral_id": w["referral"].pk}),
        {**NON_EXPERT_REFUSED, "jobseeker": 404},
    ),
    (
        "my-job-offer-answer-of-another",
        "post",
        lambda w: reverse("plan:job-offer-answer", kwargs={"offer_id": w["job_offer"].pk}),
        {**NON_EXPERT_REFUSED, "jobseeker": 404},
    ),
    (
        "provider-referrals",
        "get",
        lambda w: reverse("provider_referrals:list"),
        {**NON_EXPERT_REFUSED, "provider_user": 200},
    ),
    (
        "provider-referral-of-another-provider",
        "post",
        lambda w: reverse("provider_referrals:update", kwargs={"referral_id": w["referral"].pk}),
        {**NON_EXPERT_REFUSED, "provider_user": 404},
    ),
]
ENDPOINTS = EXPERT_ENDPOINTS + PLAN_AND_PROVIDER_ENDPOINTS


def _client_for(role, client, request):
    if role == "anonymous":
        return client
    return sign_in(client, request.getfixturevalue(role))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("endpoint", "method", "url", "expected"), ENDPOINTS, ids=[e[0] for e in ENDPOINTS]
)
def test_role_endpoint_matrix(client, request, world, role, endpoint, method, url, expected):
    # given
    target = url(world)
    user_client = _client_for(role, client, request)
    # when
    response = getattr(user_client, method)(target)
    # then
    assert response.status_code == expected[role]
    if response.status_code == 302 and role == "anonymous":
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", [r for r in ROLES if r != "expert"])
def test_case_detail__refused_roles_write_no_access_log(client, request, world, role):
    # given
    url = reverse("expert:case-detail", kwargs={"case_id": world["case"].pk})
    # when
    _client_for(role, client, request).get(url)
    # then
    assert DataAccessLog.objects.exists() is False


@pytest.mark.parametrize("role", [r for r in ROLES if r != "expert"])
def test_case_open__refused_roles_open_no_case(client, request, world, role):
    # given
    url = reverse("expert:case-open", kwargs={"public_id": world["no_case"].public_id})
    # when
    _client_for(role, client, request).post(url)
    # then
    assert Case.objects.filter(profile=world["no_case"]).exists() is False


def test_case_detail__expert_without_second_factor_is_sent_to_verify(client, world, expert):
    # given
    client.force_login(expert)
    # when
    response = client.get(reverse("expert:case-detail", kwargs={"case_id": world["case"].pk}))
    # then
    assert response.status_code == 302
    assert response["Location"].startswith("/fi/accounts/verify/")
    assert DataAccessLog.objects.exists() is False


def test_case_detail__customer_moved_out_of_the_area_is_404(client, world, expert, helsinki):
    # given: the customer's home municipality changed to one the office does not serve
    profile = world["profile"]
    profile.home_municipality = helsinki
    profile.save()
    # when
    response = sign_in(client, expert).get(
        reverse("expert:case-detail", kwargs={"case_id": world["case"].pk})
    )
    # then
    assert response.status_code == 404
    assert DataAccessLog.objects.exists() is False


def test_team_dashboard__team_lead_gets_200(client):
    # given
    case = CaseFactory()
    lead = expert_for(case, team_lead=True)
    # when
    response = sign_in(client, lead).get(reverse("expert:team-dashboard"))
    # then
    assert response.status_code == 200


def test_case_open__customer_without_home_municipality_is_404(client, expert):
    # given
    profile = CustomerProfileFactory(home_municipality=None)
    # when
    response = sign_in(client, expert).post(
        reverse("expert:case-open", kwargs={"public_id": profile.public_id})
    )
    # then
    assert response.status_code == 404
    assert Case.objects.exists() is False


def test_expert_without_office_sees_no_customers(client):
    # given
    case = CaseFactory()
    lonely = ExpertUserFactory()
    lonely.expert_memberships.all().delete()
    # when
    response = sign_in(client, lonely).get(
        reverse("expert:case-detail", kwargs={"case_id": case.pk})
    )
    # then
    assert response.status_code == 404
