"""Recording attendance: the service's refusals, the day page (HTML) and the provider API."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from delivery.models import Attendance
from delivery.services.attendance import AttendanceRefused, attendance_record
from tests.factories import ProviderFactory, ProviderUserFactory, ServiceFactory
from tests.factories.delivery import (
    AttendanceFactory,
    GroupSessionFactory,
    ParticipationFactory,
    ServiceGroupFactory,
)
from tori.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """A group that met on Mon, Tue and Thu from four weeks ago, with two participants; one
    past day (Tuesday of the first week) and one future day."""
    provider = ProviderFactory()
    user = ProviderUserFactory(provider=provider)
    group = ServiceGroupFactory(
        service=ServiceFactory(provider=provider), with_sessions=True, coaches=[user]
    )
    first, second = ParticipationFactory(group=group), ParticipationFactory(group=group)
    today = timezone.localdate()
    past = group.sessions.filter(date__lt=today).order_by("date")[1]
    future = group.sessions.filter(date__gt=today).order_by("date").first()
    return {
        "user": user,
        "group": group,
        "first": first,
        "second": second,
        "past": past,
        "future": future,
    }


def row(participation, day, status="onsite", reason="", note=""):
    return {
        "participation": participation.uuid,
        "date": day,
        "status": status,
        "absence_reason": reason,
        "note": note,
    }


# --- Service ------------------------------------------------------------------------------------


def test_attendance_record__saves_every_row_and_corrects_on_second_save(world):
    day = world["past"].date
    attendance_record(
        actor=world["user"],
        group=world["group"],
        rows=[
            row(world["first"], day, "remote"),
            row(world["second"], day, "absent", "illness", "Soitti aamulla"),
        ],
    )
    assert set(
        Attendance.objects.values_list("participation_id", "status", "absence_reason", "note")
    ) == {
        (world["first"].pk, "remote", "", ""),
        (world["second"].pk, "absent", "illness", "Soitti aamulla"),
    }
    attendance_record(
        actor=world["user"], group=world["group"], rows=[row(world["second"], day, "onsite")]
    )
    assert Attendance.objects.count() == 2
    corrected = Attendance.objects.get(participation=world["second"])
    assert (corrected.status, corrected.absence_reason, corrected.recorded_by) == (
        "onsite",
        "",
        world["user"],
    )


def _refused(world, rows):
    with pytest.raises(AttendanceRefused) as error:
        attendance_record(actor=world["user"], group=world["group"], rows=rows)
    assert Attendance.objects.count() == 0
    return error.value.errors


def test_attendance_record__day_outside_the_schedule_refused(world):
    group = world["group"]
    off_day = next(
        group.starts_on + datetime.timedelta(days=d)
        for d in range(7)
        if (group.starts_on + datetime.timedelta(days=d)).isoweekday() not in group.weekdays
    )
    errors = _refused(world, [row(world["first"], off_day)])
    assert "date" in errors[0]
    assert errors[0]["date"] == [
        _("%(date)s is not a scheduled day of this group.")
        % {"date": date_format(off_day, "SHORT_DATE_FORMAT")}
    ]


def test_attendance_record__cancelled_day_refused(world):
    world["past"].is_cancelled = True
    world["past"].save()
    errors = _refused(world, [row(world["first"], world["past"].date)])
    assert list(errors[0]) == ["date"]


def test_attendance_record__future_day_refused(world):
    errors = _refused(world, [row(world["first"], world["future"].date)])
    assert list(errors[0]) == ["date"]


def test_attendance_record__participant_of_another_group_refused(world):
    stranger = ParticipationFactory()
    errors = _refused(world, [row(stranger, world["past"].date)])
    assert list(errors[0]) == ["participation"]


def test_attendance_record__person_not_yet_joined_refused(world):
    late = ParticipationFactory(
        group=world["group"], joined_on=world["past"].date + datetime.timedelta(days=1)
    )
    errors = _refused(world, [row(late, world["past"].date)])
    assert list(errors[0]) == ["participation"]


def test_attendance_record__person_who_had_left_refused(world):
    world["first"].left_on = world["group"].starts_on
    world["first"].status = "interrupted"
    world["first"].save()
    errors = _refused(world, [row(world["first"], world["past"].date)])
    assert list(errors[0]) == ["participation"]


def test_attendance_record__absent_without_reason_refused(world):
    errors = _refused(world, [row(world["first"], world["past"].date, "absent")])
    assert list(errors[0]) == ["absence_reason"]


def test_attendance_record__reason_when_present_refused(world):
    errors = _refused(world, [row(world["first"], world["past"].date, "onsite", "illness")])
    assert list(errors[0]) == ["absence_reason"]


def test_attendance_record__one_bad_row_saves_nothing_and_errors_are_per_row(world):
    day = world["past"].date
    errors = _refused(world, [row(world["first"], day), row(world["second"], day, "absent")])
    assert errors[0] == {}
    assert list(errors[1]) == ["absence_reason"]


def test_attendance_record__other_provider_forbidden(world):
    with pytest.raises(ApplicationError) as error:
        attendance_record(
            actor=ProviderUserFactory(),
            group=world["group"],
            rows=[row(world["first"], world["past"].date)],
        )
    assert error.value.code == "forbidden"
    assert Attendance.objects.count() == 0


# --- The day page -----------------------------------------------------------------------------


def day_url(group, day):
    return reverse(
        "delivery:session-attendance", kwargs={"group_id": group.uuid, "day": day.isoformat()}
    )


def post_data(world, first=("onsite", ""), second=("absent", "agreed")):
    data = {}
    for key, (status, reason) in (("first", first), ("second", second)):
        hex_ = world[key].uuid.hex
        data[f"status_{hex_}"] = status
        data[f"reason_{hex_}"] = reason
        data[f"note_{hex_}"] = "Työhaastattelu" if status == "absent" else ""
    return data


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("jobseeker", 403),
        ("employer", 403),
        ("expert", 403),
        ("platform_admin", 403),
        ("provider_user", 404),
    ],
)
def test_day_page__roles(client_as, world, role, expected):
    client = client_as(role)
    url = day_url(world["group"], world["past"].date)
    response = client.get(url)
    assert response.status_code == expected
    if role == "anonymous":
        assert "/accounts/" in response["Location"]
    assert client.post(url, post_data(world)).status_code == expected
    assert Attendance.objects.count() == 0


def test_day_page__own_provider_sees_a_radio_group_per_participant(client, world):
    client.force_login(world["user"])
    response = client.get(day_url(world["group"], world["past"].date))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<fieldset") >= 2
    assert body.count(f'name="status_{world["first"].uuid.hex}"') == 3
    assert world["first"].user.get_full_name() in body


def test_day_page__records_all_rows_at_once(client, world):
    client.force_login(world["user"])
    url = day_url(world["group"], world["past"].date)
    response = client.post(url, post_data(world))
    assert response.status_code == 302
    assert set(Attendance.objects.values_list("participation_id", "status", "absence_reason")) == {
        (world["first"].pk, "onsite", ""),
        (world["second"].pk, "absent", "agreed"),
    }


def test_day_page__absence_without_reason_400_keeps_input_and_saves_nothing(client, world):
    client.force_login(world["user"])
    response = client.post(
        day_url(world["group"], world["past"].date), post_data(world, second=("absent", ""))
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert _("Choose the reason for the absence.") in body
    assert body.count("checked") == 2  # both choices kept
    assert "Työhaastattelu" in body
    assert Attendance.objects.count() == 0


def test_day_page__future_day_400(client, world):
    client.force_login(world["user"])
    response = client.post(day_url(world["group"], world["future"].date), post_data(world))
    assert response.status_code == 400
    assert Attendance.objects.count() == 0


def test_day_page__a_day_not_in_the_schedule_is_404(client, world):
    client.force_login(world["user"])
    off_day = world["group"].starts_on - datetime.timedelta(days=1)
    assert client.get(day_url(world["group"], off_day)).status_code == 404
    bad = reverse(
        "delivery:session-attendance", kwargs={"group_id": world["group"].uuid, "day": "2026-13-40"}
    )
    assert client.get(bad).status_code == 404


def test_day_change__the_day_goes_remote_with_a_note(client, world):
    client.force_login(world["user"])
    url = reverse(
        "delivery:session-update",
        kwargs={"group_id": world["group"].uuid, "day": world["future"].date.isoformat()},
    )
    response = client.post(url, {"delivery_mode": "remote", "note": "Etäpäivä"})
    assert response.status_code == 302
    world["future"].refresh_from_db()
    assert (world["future"].delivery_mode, world["future"].note) == ("remote", "Etäpäivä")


def test_day_change__cancelling_a_day_with_attendance_400(client, world):
    AttendanceFactory(participation=world["first"], session=world["past"])
    client.force_login(world["user"])
    url = reverse(
        "delivery:session-update",
        kwargs={"group_id": world["group"].uuid, "day": world["past"].date.isoformat()},
    )
    response = client.post(url, {"delivery_mode": "onsite", "is_cancelled": "on"})
    assert response.status_code == 400
    world["past"].refresh_from_db()
    assert world["past"].is_cancelled is False


@pytest.mark.parametrize("role", ["provider_user", "jobseeker"])
def test_day_change__others_cannot_change(client_as, world, role):
    url = reverse(
        "delivery:session-update",
        kwargs={"group_id": world["group"].uuid, "day": world["future"].date.isoformat()},
    )
    response = client_as(role).post(url, {"delivery_mode": "remote", "is_cancelled": "on"})
    assert response.status_code in (403, 404)
    world["future"].refresh_from_db()
    assert (world["future"].delivery_mode, world["future"].is_cancelled) == ("onsite", False)


# --- API ------------------------------------------------------------------------------------------


def api_client(user):
    client = APIClient()
    token, _created = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def api_url(group):
    return reverse("api-group-attendance", kwargs={"group_id": group.uuid})


def api_row(participation, day, status="onsite", reason="", note=""):
    return {
        "participation": str(participation.uuid),
        "date": day.isoformat(),
        "status": status,
        "absence_reason": reason,
        "note": note,
    }


def test_api__records_attendance_with_the_token(world):
    day = world["past"].date
    response = api_client(world["user"]).post(
        api_url(world["group"]),
        [
            api_row(world["first"], day, "remote"),
            api_row(world["second"], day, "absent", "illness"),
        ],
        format="json",
    )
    assert response.status_code == 200, response.content
    assert {(r["participation"], r["status"]) for r in response.json()} == {
        (str(world["first"].uuid), "remote"),
        (str(world["second"].uuid), "absent"),
    }
    assert Attendance.objects.count() == 2


def test_api__refusals_are_400_with_a_message_per_item(world):
    day = world["past"].date
    response = api_client(world["user"]).post(
        api_url(world["group"]),
        [
            api_row(world["first"], day),
            api_row(world["second"], day, "absent"),
            api_row(world["first"], world["future"].date),
            api_row(ParticipationFactory(), day),
            api_row(ParticipationFactory(group=world["group"]), day, "remote", "illness"),
        ],
        format="json",
    )
    assert response.status_code == 400
    items = response.json()["items"]
    assert items[0] == {}
    assert list(items[1]) == ["absence_reason"]
    assert list(items[2]) == ["date"]
    assert list(items[3]) == ["participation"]
    assert list(items[4]) == ["absence_reason"]
    assert Attendance.objects.count() == 0


def test_api__malformed_items_are_400(world):
    response = api_client(world["user"]).post(
        api_url(world["group"]),
        [{"participation": "not-a-uuid", "date": "yesterday", "status": "sleeping"}],
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()["items"][0]) == {"participation", "date", "status"}
    assert Attendance.objects.count() == 0


def test_api__other_provider_404(world):
    response = api_client(ProviderUserFactory()).post(
        api_url(world["group"]), [api_row(world["first"], world["past"].date)], format="json"
    )
    assert response.status_code == 404
    assert Attendance.objects.count() == 0


@pytest.mark.parametrize("role", ["jobseeker", "employer", "expert", "platform_admin"])
def test_api__other_roles_403(client_as, world, role, request):
    user = request.getfixturevalue(role)
    response = api_client(user).post(
        api_url(world["group"]), [api_row(world["first"], world["past"].date)], format="json"
    )
    assert response.status_code == 403
    assert Attendance.objects.count() == 0


def test_api__anonymous_401_or_403(world):
    response = APIClient().post(
        api_url(world["group"]), [api_row(world["first"], world["past"].date)], format="json"
    )
    assert response.status_code in (401, 403)
    assert Attendance.objects.count() == 0


def test_api__documented_in_the_schema(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    assert "/api/v1/groups/{group_id}/attendance/" in response.content.decode()


def test_factory_session_is_reused(world):
    # GroupSessionFactory gets the existing day (django_get_or_create), no duplicates
    assert GroupSessionFactory(group=world["group"], date=world["past"].date) == world["past"]
