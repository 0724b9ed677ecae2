"""delivery.services.groups: the group and its schedule, the days, the participants."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from delivery.models import Attendance, GroupSession, Participation, ServiceGroup
from delivery.services import groups as services
from expert.models import Referral
from tests.factories import ProviderFactory, ProviderUserFactory, ServiceFactory
from tests.factories.catalog import EnrolmentRequestFactory
from tests.factories.delivery import AttendanceFactory, ParticipationFactory, ServiceGroupFactory
from tests.factories.expert import CustomerProfileFactory, ReferralFactory
from tori.exceptions import ApplicationError

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 3, 2)


def data(**overrides):
    return {
        "name": "Kevään ryhmä",
        "starts_on": MONDAY,
        "ends_on": MONDAY + datetime.timedelta(days=13),
        "weekdays": [1, 3, 5],
        "hours_per_day": Decimal("4"),
        "delivery_mode": "hybrid",
        "remote_tools": "Teams",
        "capacity": 2,
        **overrides,
    }


@pytest.fixture
def setup():
    provider = ProviderFactory()
    user = ProviderUserFactory(provider=provider)
    service = ServiceFactory(provider=provider)
    return {"provider": provider, "user": user, "service": service}


# --- Holidays and schedule (pure) -----------------------------------------------------------------


def test_finnish_public_holidays__2026_includes_easter_and_midsummer_eve():
    holidays = services.finnish_public_holidays(2026)
    assert datetime.date(2026, 4, 3) in holidays  # Good Friday
    assert datetime.date(2026, 4, 6) in holidays  # Easter Monday
    assert datetime.date(2026, 5, 14) in holidays  # Ascension Day
    assert datetime.date(2026, 6, 19) in holidays  # Midsummer Eve (Friday)
    assert datetime.date(2026, 12, 24) in holidays
    assert datetime.date(2026, 4, 7) not in holidays


def test_scheduled_dates__weekdays_between_first_and_last_day():
    days = services.scheduled_dates(
        starts_on=MONDAY,
        ends_on=MONDAY + datetime.timedelta(days=13),
        weekdays=[1, 3, 5],
        skip_holidays=False,
    )
    assert days == [MONDAY + datetime.timedelta(days=d) for d in (0, 2, 4, 7, 9, 11)]


def test_scheduled_dates__skips_holidays_only_when_asked():
    kwargs = {
        "starts_on": datetime.date(2026, 4, 1),
        "ends_on": datetime.date(2026, 4, 10),
        "weekdays": [1, 5],
    }
    assert services.scheduled_dates(**kwargs, skip_holidays=True) == [datetime.date(2026, 4, 10)]
    assert services.scheduled_dates(**kwargs, skip_holidays=False) == [
        datetime.date(2026, 4, 3),
        datetime.date(2026, 4, 6),
        datetime.date(2026, 4, 10),
    ]


# --- Creating and editing a group -------------------------------------------------------------


def test_group_create__makes_a_session_on_every_scheduled_day_in_the_usual_mode(setup):
    group = services.group_create(
        actor=setup["user"], service=setup["service"], data=data(), coaches=[setup["user"]]
    )
    sessions = list(group.sessions.values_list("date", "delivery_mode"))
    assert [d for d, _m in sessions] == [
        MONDAY + datetime.timedelta(days=d) for d in (0, 2, 4, 7, 9, 11)
    ]
    assert {m for _d, m in sessions} == {"hybrid"}
    assert list(group.coaches.all()) == [setup["user"]]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ends_on": MONDAY - datetime.timedelta(days=1)}, "ends_on"),
        ({"weekdays": []}, "weekdays"),
        ({"weekdays": [8]}, "weekdays"),
        ({"capacity": 0}, "capacity"),
        ({"hours_per_day": Decimal("0.4")}, "hours_per_day"),
        ({"hours_per_day": Decimal("12.5")}, "hours_per_day"),
        ({"ends_on": MONDAY + datetime.timedelta(days=800)}, "ends_on"),
        ({"delivery_mode": "teleport"}, "delivery_mode"),
        ({"name": "  "}, "name"),
    ],
)
def test_group_create__refuses_bad_input(setup, overrides, field):
    with pytest.raises(ApplicationError) as error:
        services.group_create(actor=setup["user"], service=setup["service"], data=data(**overrides))
    assert error.value.field == field
    assert ServiceGroup.objects.count() == 0


def test_group_create__refuses_another_providers_service(setup):
    other_service = ServiceFactory()
    with pytest.raises(ApplicationError) as error:
        services.group_create(actor=setup["user"], service=other_service, data=data())
    assert error.value.code == "forbidden"
    assert ServiceGroup.objects.count() == 0


def test_group_create__refuses_a_draft_service(setup):
    draft = ServiceFactory(provider=setup["provider"], draft=True)
    with pytest.raises(ApplicationError):
        services.group_create(actor=setup["user"], service=draft, data=data())
    assert ServiceGroup.objects.count() == 0


def test_group_create__refuses_a_coach_of_another_provider(setup):
    outsider = ProviderUserFactory()
    with pytest.raises(ApplicationError) as error:
        services.group_create(
            actor=setup["user"], service=setup["service"], data=data(), coaches=[outsider]
        )
    assert error.value.field == "coaches"
    assert ServiceGroup.objects.count() == 0


def test_group_update__regenerates_days_but_keeps_days_with_attendance(setup):
    group = services.group_create(actor=setup["user"], service=setup["service"], data=data())
    wednesday = MONDAY + datetime.timedelta(days=2)
    friday = MONDAY + datetime.timedelta(days=4)
    attended = group.sessions.get(date=wednesday)
    participation = ParticipationFactory(group=group, joined_on=MONDAY)
    AttendanceFactory(participation=participation, session=attended)
    group.sessions.filter(date=MONDAY).update(delivery_mode="remote", note="Etänä")
    # when: Mondays and Tuesdays only
    services.group_update(
        actor=setup["user"], group=group, data=data(weekdays=[1, 2], delivery_mode="onsite")
    )
    # then
    dates = set(group.sessions.values_list("date", flat=True))
    assert dates == {
        MONDAY,
        MONDAY + datetime.timedelta(days=1),
        wednesday,  # kept: attendance recorded
        MONDAY + datetime.timedelta(days=7),
        MONDAY + datetime.timedelta(days=8),
    }
    assert friday not in dates
    assert GroupSession.objects.get(pk=attended.pk)  # the same row
    monday = group.sessions.get(date=MONDAY)
    assert (monday.delivery_mode, monday.note) == ("remote", "Etänä")  # own changes kept
    assert group.sessions.get(date=MONDAY + datetime.timedelta(days=1)).delivery_mode == "onsite"
    assert Attendance.objects.filter(session=attended).count() == 1


def test_group_update__capacity_not_below_participants(setup):
    group = services.group_create(actor=setup["user"], service=setup["service"], data=data())
    ParticipationFactory(group=group, joined_on=MONDAY)
    ParticipationFactory(group=group, joined_on=MONDAY)
    with pytest.raises(ApplicationError) as error:
        services.group_update(actor=setup["user"], group=group, data=data(capacity=1))
    assert error.value.field == "capacity"
    group.refresh_from_db()
    assert group.capacity == 2


def test_group_update__other_provider_refused(setup):
    group = services.group_create(actor=setup["user"], service=setup["service"], data=data())
    with pytest.raises(ApplicationError):
        services.group_update(actor=ProviderUserFactory(), group=group, data=data(name="X"))
    group.refresh_from_db()
    assert group.name == "Kevään ryhmä"


# --- Days -------------------------------------------------------------------------------------


def test_session_update__a_day_goes_remote_and_is_cancelled_and_restored(setup):
    group = ServiceGroupFactory(service=setup["service"], with_sessions=True)
    session = group.sessions.first()
    services.session_update(
        actor=setup["user"],
        session=session,
        delivery_mode="remote",
        is_cancelled=False,
        note="Koronan vuoksi etänä",
    )
    session.refresh_from_db()
    assert (session.delivery_mode, session.is_cancelled, session.note) == (
        "remote",
        False,
        "Koronan vuoksi etänä",
    )
    services.session_update(
        actor=setup["user"], session=session, delivery_mode="remote", is_cancelled=True
    )
    session.refresh_from_db()
    assert session.is_cancelled is True
    services.session_update(
        actor=setup["user"], session=session, delivery_mode="onsite", is_cancelled=False
    )
    session.refresh_from_db()
    assert (session.delivery_mode, session.is_cancelled) == ("onsite", False)


def test_session_update__a_day_with_attendance_cannot_be_cancelled(setup):
    group = ServiceGroupFactory(service=setup["service"], with_sessions=True)
    attendance = AttendanceFactory(participation=ParticipationFactory(group=group))
    with pytest.raises(ApplicationError) as error:
        services.session_update(
            actor=setup["user"],
            session=attendance.session,
            delivery_mode="onsite",
            is_cancelled=True,
        )
    assert error.value.field == "is_cancelled"
    attendance.session.refresh_from_db()
    assert attendance.session.is_cancelled is False


# --- Participants -----------------------------------------------------------------------------


def test_participation_add__from_an_accepted_enrolment_snapshots_the_municipality(setup):
    group = ServiceGroupFactory(service=setup["service"])
    profile = CustomerProfileFactory()
    enrolment = EnrolmentRequestFactory(
        service=setup["service"], user=profile.user, status="accepted"
    )
    participation = services.participation_add(
        actor=setup["user"], group=group, enrolment=enrolment
    )
    assert participation.user == profile.user
    assert participation.enrolment == enrolment
    assert participation.municipality_id == "837"
    assert participation.joined_on == timezone.localdate()
    assert participation.status == "active"


def test_participation_add__refuses_a_new_enrolment_request(setup):
    group = ServiceGroupFactory(service=setup["service"])
    enrolment = EnrolmentRequestFactory(service=setup["service"], status="new")
    with pytest.raises(ApplicationError) as error:
        services.participation_add(actor=setup["user"], group=group, enrolment=enrolment)
    assert error.value.field == "person"
    assert Participation.objects.count() == 0


def test_participation_add__refuses_an_enrolment_to_another_service(setup):
    group = ServiceGroupFactory(service=setup["service"])
    other = ServiceFactory(provider=setup["provider"])
    enrolment = EnrolmentRequestFactory(service=other, status="accepted")
    with pytest.raises(ApplicationError):
        services.participation_add(actor=setup["user"], group=group, enrolment=enrolment)
    assert Participation.objects.count() == 0


def test_participation_add__from_an_accepted_referral_starts_the_referral(setup):
    group = ServiceGroupFactory(service=setup["service"])
    referral = ReferralFactory(service=setup["service"], status=Referral.Status.ACCEPTED)
    participation = services.participation_add(actor=setup["user"], group=group, referral=referral)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.STARTED
    assert referral.started_at is not None
    assert participation.user == referral.case.profile.user
    assert participation.municipality_id == referral.case.profile.home_municipality_id


def test_participation_add__refuses_a_proposed_referral(setup):
    group = ServiceGroupFactory(service=setup["service"])
    referral = ReferralFactory(service=setup["service"], status=Referral.Status.PROPOSED)
    with pytest.raises(ApplicationError):
        services.participation_add(actor=setup["user"], group=group, referral=referral)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.PROPOSED
    assert Participation.objects.count() == 0


def test_participation_add__capacity_is_enforced(setup):
    group = ServiceGroupFactory(service=setup["service"], capacity=1)
    ParticipationFactory(group=group)
    enrolment = EnrolmentRequestFactory(service=setup["service"], status="accepted")
    with pytest.raises(ApplicationError) as error:
        services.participation_add(actor=setup["user"], group=group, enrolment=enrolment)
    assert error.value.code == "capacity"
    assert "1" in error.value.message
    assert group.participations.count() == 1


def test_participation_add__a_person_who_left_frees_the_place(setup):
    group = ServiceGroupFactory(service=setup["service"], capacity=1)
    ParticipationFactory(
        group=group, status="interrupted", left_on=group.starts_on + datetime.timedelta(days=3)
    )
    enrolment = EnrolmentRequestFactory(service=setup["service"], status="accepted")
    services.participation_add(actor=setup["user"], group=group, enrolment=enrolment)
    assert group.participations.count() == 2


def test_participation_add__twice_is_refused(setup):
    group = ServiceGroupFactory(service=setup["service"])
    enrolment = EnrolmentRequestFactory(service=setup["service"], status="accepted")
    services.participation_add(actor=setup["user"], group=group, enrolment=enrolment)
    with pytest.raises(ApplicationError):
        services.participation_add(actor=setup["user"], group=group, enrolment=enrolment)
    assert group.participations.count() == 1


def test_participation_add__joining_day_outside_the_period_refused(setup):
    group = ServiceGroupFactory(service=setup["service"])
    enrolment = EnrolmentRequestFactory(service=setup["service"], status="accepted")
    with pytest.raises(ApplicationError) as error:
        services.participation_add(
            actor=setup["user"],
            group=group,
            enrolment=enrolment,
            joined_on=group.ends_on + datetime.timedelta(days=1),
        )
    assert error.value.field == "joined_on"
    assert group.participations.count() == 0


def test_participation_add__other_provider_refused(setup):
    group = ServiceGroupFactory(service=setup["service"])
    enrolment = EnrolmentRequestFactory(service=setup["service"], status="accepted")
    with pytest.raises(ApplicationError):
        services.participation_add(actor=ProviderUserFactory(), group=group, enrolment=enrolment)
    assert group.participations.count() == 0


def test_participation_leave__records_day_and_status(setup):
    group = ServiceGroupFactory(service=setup["service"])
    participation = ParticipationFactory(group=group)
    left_on = group.starts_on + datetime.timedelta(days=10)
    services.participation_leave(
        actor=setup["user"], participation=participation, left_on=left_on, status="completed"
    )
    participation.refresh_from_db()
    assert (participation.left_on, participation.status) == (left_on, "completed")


def test_participation_leave__not_before_recorded_attendance(setup):
    group = ServiceGroupFactory(service=setup["service"], with_sessions=True)
    participation = ParticipationFactory(group=group)
    later = group.sessions.order_by("date")[2]
    AttendanceFactory(participation=participation, session=later)
    with pytest.raises(ApplicationError) as error:
        services.participation_leave(
            actor=setup["user"],
            participation=participation,
            left_on=group.starts_on,
            status="interrupted",
        )
    assert error.value.field == "left_on"
    participation.refresh_from_db()
    assert participation.status == "active"
