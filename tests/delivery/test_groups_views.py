"""The provider's group pages: who sees what, creating and editing a group, the group page,
adding participants and recording leaving."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from delivery.models import Participation, ServiceGroup
from expert.models import Referral
from profiles.models import DataAccessLog
from tests.factories import ProviderFactory, ProviderUserFactory, ServiceFactory
from tests.factories.catalog import EnrolmentRequestFactory
from tests.factories.delivery import ParticipationFactory, ServiceGroupFactory
from tests.factories.expert import CustomerProfileFactory, ReferralFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    provider = ProviderFactory()
    user = ProviderUserFactory(provider=provider)
    service = ServiceFactory(provider=provider)
    group = ServiceGroupFactory(service=service, with_sessions=True, coaches=[user])
    participation = ParticipationFactory(group=group)
    return {
        "provider": provider,
        "user": user,
        "service": service,
        "group": group,
        "participation": participation,
    }


def urls(world):
    group = world["group"]
    return {
        "group-detail": reverse("delivery:group-detail", kwargs={"group_id": group.uuid}),
        "group-edit": reverse("delivery:group-edit", kwargs={"group_id": group.uuid}),
        "participant-add": reverse("delivery:participant-add", kwargs={"group_id": group.uuid}),
        "participant-leave": reverse(
            "delivery:participant-leave",
            kwargs={"group_id": group.uuid, "participation_id": world["participation"].uuid},
        ),
        "session-attendance": reverse(
            "delivery:session-attendance",
            kwargs={"group_id": group.uuid, "day": group.starts_on.isoformat()},
        ),
    }


GROUP_PAGES = [
    "group-detail",
    "group-edit",
    "participant-add",
    "participant-leave",
    "session-attendance",
]


# --- Access per role --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("jobseeker", 403),
        ("employer", 403),
        ("expert", 403),
        ("platform_admin", 403),
        ("provider_user", 200),
    ],
)
def test_group_list__roles(client_as, role, expected):
    response = client_as(role).get(reverse("delivery:group-list"))
    assert response.status_code == expected
    if role == "anonymous":
        assert "/accounts/" in response["Location"]


@pytest.mark.parametrize("page", GROUP_PAGES)
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("jobseeker", 403),
        ("employer", 403),
        ("expert", 403),
        ("platform_admin", 403),
        ("provider_user", 404),  # another provider: the group is not there
    ],
)
def test_group_pages__roles(client_as, world, page, role, expected):
    url = urls(world)[page]
    client = client_as(role)
    assert client.get(url).status_code == expected
    if page != "group-detail":  # the group page is read-only (GET)
        assert client.post(url, {}).status_code == expected


@pytest.mark.parametrize("page", GROUP_PAGES)
def test_group_pages__own_provider_200(client, world, page):
    client.force_login(world["user"])
    assert client.get(urls(world)[page]).status_code == 200


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("jobseeker", 403), ("employer", 403), ("expert", 403)],
)
def test_group_create__roles(client_as, role, expected):
    client = client_as(role)
    assert client.get(reverse("delivery:group-create")).status_code == expected
    assert client.post(reverse("delivery:group-create"), {}).status_code == expected


def test_group_list__only_own_providers_groups(client, world):
    other = ServiceGroupFactory(name="Toisen ryhmä")
    client.force_login(world["user"])
    body = client.get(reverse("delivery:group-list")).content.decode()
    assert world["group"].name in body
    assert other.name not in body


def test_group_create__page_without_published_services_redirects(client_as):
    response = client_as("provider_user").get(reverse("delivery:group-create"))
    assert response.status_code == 302
    assert response["Location"] == reverse("delivery:group-list")


# --- Creating and editing ------------------------------------------------------------------------


def form_data(world, **overrides):
    return {
        "service": world["service"].pk,
        "name": "Syksyn etäryhmä",
        "starts_on": "2026-09-07",
        "ends_on": "2026-09-20",
        "weekdays": ["1", "3"],
        "hours_per_day": "4",
        "delivery_mode": "remote",
        "remote_tools": "Teams, linkki sähköpostissa",
        "capacity": "8",
        "coaches": [str(world["user"].pk)],
        "skip_holidays": "on",
        **overrides,
    }


def test_group_create__creates_the_group_with_its_days(client, world):
    client.force_login(world["user"])
    response = client.post(reverse("delivery:group-create"), form_data(world))
    group = ServiceGroup.objects.get(name="Syksyn etäryhmä")
    assert response.status_code == 302
    assert response["Location"] == reverse("delivery:group-detail", kwargs={"group_id": group.uuid})
    assert group.weekdays == [1, 3]
    assert list(group.coaches.all()) == [world["user"]]
    assert list(group.sessions.values_list("date", flat=True)) == [
        datetime.date(2026, 9, d) for d in (7, 9, 14, 16)
    ]
    assert set(group.sessions.values_list("delivery_mode", flat=True)) == {"remote"}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ends_on": "2026-09-01"}, "The last day cannot be before the first day."),
        ({"weekdays": []}, "Choose at least one weekday."),
        ({"ends_on": "2029-01-01"}, "A group can last at most two years."),
    ],
)
def test_group_create__bad_input_400_keeps_the_input(client, world, overrides, message):
    client.force_login(world["user"])
    response = client.post(reverse("delivery:group-create"), form_data(world, **overrides))
    assert response.status_code == 400
    body = response.content.decode()
    assert _(message) in body
    assert 'value="Syksyn etäryhmä"' in body
    assert not ServiceGroup.objects.filter(name="Syksyn etäryhmä").exists()


@pytest.mark.parametrize(
    "overrides", [{"capacity": "0"}, {"hours_per_day": "0.4"}, {"hours_per_day": "13"}]
)
def test_group_create__numbers_out_of_range_400(client, world, overrides):
    client.force_login(world["user"])
    response = client.post(reverse("delivery:group-create"), form_data(world, **overrides))
    assert response.status_code == 400
    assert not ServiceGroup.objects.filter(name="Syksyn etäryhmä").exists()


def test_group_create__another_providers_service_is_not_a_choice(client, world):
    client.force_login(world["user"])
    other = ServiceFactory()
    response = client.post(reverse("delivery:group-create"), form_data(world, service=other.pk))
    assert response.status_code == 400
    assert not ServiceGroup.objects.filter(name="Syksyn etäryhmä").exists()


def test_group_edit__saves_and_regenerates(client, world):
    client.force_login(world["user"])
    group = world["group"]
    data = form_data(
        world,
        starts_on=group.starts_on.isoformat(),
        ends_on=group.ends_on.isoformat(),
        weekdays=["1"],
        name="Uusi nimi",
    )
    response = client.post(urls(world)["group-edit"], data)
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == "Uusi nimi"
    assert {d.isoweekday() for d in group.sessions.values_list("date", flat=True)} == {1}


# --- The group page ---------------------------------------------------------------------------


def test_group_detail__shows_days_of_the_month_and_participants(client, world):
    client.force_login(world["user"])
    group = world["group"]
    month = group.starts_on.strftime("%Y-%m")
    response = client.get(urls(world)["group-detail"], {"month": month})
    body = response.content.decode()
    first_day = reverse(
        "delivery:session-attendance",
        kwargs={"group_id": group.uuid, "day": group.starts_on.isoformat()},
    )
    assert first_day in body
    assert world["participation"].user.get_full_name() in body
    assert response.context["counts"]["active"] == 1
    assert response.context["counts"]["total"] == group.sessions.count()
    assert all(s.date.strftime("%Y-%m") == month for s in response.context["sessions"])


def test_group_detail__bad_month_falls_back_to_the_current_month(client, world):
    client.force_login(world["user"])
    response = client.get(urls(world)["group-detail"], {"month": "kuu"})
    assert response.status_code == 200
    today = timezone.localdate()
    assert response.context["month"].param == today.strftime("%Y-%m")


def test_group_detail__referred_person_shown_by_pseudonym_and_logged(client, world):
    referral = ReferralFactory(service=world["service"], status=Referral.Status.STARTED)
    ParticipationFactory(group=world["group"], user=referral.case.profile.user, referral=referral)
    client.force_login(world["user"])
    body = client.get(urls(world)["group-detail"]).content.decode()
    profile = referral.case.profile
    assert profile.pseudonym in body
    assert profile.user.last_name not in body
    assert profile.user.email not in body
    log = DataAccessLog.objects.get(subject=profile.user)
    assert log.accessor == world["user"]
    assert log.sections == []


def test_group_detail__first_name_only_when_the_customer_shared_it(client, world):
    referral = ReferralFactory(
        service=world["service"], status=Referral.Status.STARTED, share_first_name=True
    )
    ParticipationFactory(group=world["group"], user=referral.case.profile.user, referral=referral)
    client.force_login(world["user"])
    body = client.get(urls(world)["group-detail"]).content.decode()
    user = referral.case.profile.user
    assert f"{user.first_name} ({referral.case.profile.pseudonym})" in body
    assert user.last_name not in body


# --- Participants -----------------------------------------------------------------------------


def test_participant_add__lists_accepted_enrolments_and_referrals_only(client, world):
    accepted = EnrolmentRequestFactory(service=world["service"], status="accepted")
    new = EnrolmentRequestFactory(service=world["service"], status="new")
    referral = ReferralFactory(
        service=world["service"],
        status=Referral.Status.ACCEPTED,
        # a name no generated user has, so that "not on the page" cannot fail by chance
        case__profile__user__last_name="Ohjattu-Asiakas",
    )
    proposed = ReferralFactory(service=world["service"], status=Referral.Status.PROPOSED)
    client.force_login(world["user"])
    response = client.get(urls(world)["participant-add"])
    values = [value for value, _label in response.context["form"].fields["person"].choices]
    assert values == [f"enrolment:{accepted.pk}", f"referral:{referral.pk}"]
    assert f"enrolment:{new.pk}" not in values
    assert f"referral:{proposed.pk}" not in values
    body = response.content.decode()
    assert referral.case.profile.user.last_name not in body


def test_participant_add__adds_from_a_referral_and_starts_it(client, world):
    referral = ReferralFactory(service=world["service"], status=Referral.Status.ACCEPTED)
    client.force_login(world["user"])
    response = client.post(
        urls(world)["participant-add"],
        {"person": f"referral:{referral.pk}", "joined_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == Referral.Status.STARTED
    assert Participation.objects.filter(group=world["group"], referral=referral).exists()


def test_participant_add__full_group_400_with_a_clear_message(client, world):
    world["group"].capacity = 1
    world["group"].save()
    enrolment = EnrolmentRequestFactory(
        service=world["service"], status="accepted", user=CustomerProfileFactory().user
    )
    client.force_login(world["user"])
    response = client.post(
        urls(world)["participant-add"],
        {"person": f"enrolment:{enrolment.pk}", "joined_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 400
    assert (
        _("The group is full: it has room for %(capacity)s participants.") % {"capacity": 1}
        in response.content.decode()
    )
    assert world["group"].participations.count() == 1


def test_participant_add__unknown_choice_400(client, world):
    client.force_login(world["user"])
    response = client.post(
        urls(world)["participant-add"],
        {"person": "enrolment:999999", "joined_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 400
    assert world["group"].participations.count() == 1


def test_participant_leave__records_leaving(client, world):
    client.force_login(world["user"])
    left_on = world["group"].starts_on + datetime.timedelta(days=7)
    response = client.post(
        urls(world)["participant-leave"],
        {"status": "interrupted", "left_on": left_on.isoformat()},
    )
    assert response.status_code == 302
    world["participation"].refresh_from_db()
    assert (world["participation"].status, world["participation"].left_on) == (
        "interrupted",
        left_on,
    )


def test_participant_leave__before_joining_400(client, world):
    client.force_login(world["user"])
    response = client.post(
        urls(world)["participant-leave"],
        {
            "status": "completed",
            "left_on": (world["group"].starts_on - datetime.timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 400
    world["participation"].refresh_from_db()
    assert world["participation"].status == "active"


def test_provider_dashboard__links_to_the_groups(client, world):
    client.force_login(world["user"])
    body = client.get(reverse("providers:dashboard")).content.decode()
    assert reverse("delivery:group-list") in body
