"""The demo groups loader: groups of the demo provider with days, participants and
attendance; idempotent."""

import pytest
from django.utils import timezone

from delivery import demo_groups
from delivery.models import Attendance, GroupSession, Participation, ServiceGroup
from expert.models import Referral
from tests.factories import ProviderFactory, ProviderUserFactory, ServiceFactory
from tests.factories.expert import CaseFactory, CustomerProfileFactory, ReferralFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


def test_demo__without_the_demo_provider_does_nothing():
    assert demo_groups.load() == []
    assert ServiceGroup.objects.count() == 0


def test_demo__groups_days_participants_and_attendance_once():
    provider = ProviderFactory(name=demo_groups.PROVIDER_NAME)
    staff = ProviderUserFactory(provider=provider, email=demo_groups.STAFF_EMAIL)
    first, second = ServiceFactory(provider=provider), ServiceFactory(provider=provider)
    maija = CustomerProfileFactory(
        user=UserFactory(email="maija.meikalainen@demo.tori.fi", first_name="Maija")
    )
    referral = ReferralFactory(
        case=CaseFactory(profile=maija), service=first, status=Referral.Status.ACCEPTED
    )

    lines = demo_groups.load()

    assert len(lines) == 1
    groups = list(ServiceGroup.objects.order_by("name"))
    assert {g.service for g in groups} == {first, second}
    assert all(list(g.coaches.all()) == [staff] for g in groups)
    participations = Participation.objects.all()
    assert participations.count() == 1 + len(demo_groups.EXTRA_PARTICIPANTS)
    from_referral = participations.get(user=maija.user)
    assert from_referral.referral == referral
    assert from_referral.municipality_id == "837"
    referral.refresh_from_db()
    assert referral.status == Referral.Status.STARTED
    assert (
        participations.exclude(referral__isnull=False).filter(enrolment__isnull=True).count() == 0
    )
    today = timezone.localdate()
    assert not Attendance.objects.filter(session__date__gt=today).exists()
    assert Attendance.objects.filter(session__is_cancelled=True).count() == 0
    assert Attendance.objects.count() > 300
    assert not Attendance.objects.filter(status="absent", absence_reason="").exists()
    # remote first, then hybrid and on site
    woodwork = ServiceGroup.objects.get(name="Puutyöryhmä 2026")
    days = list(woodwork.sessions.order_by("date"))
    early, late = days[:20], [d for d in days if d.date <= today][-20:]
    assert sum(d.delivery_mode == "remote" for d in early) > sum(
        d.delivery_mode == "remote" for d in late
    )
    assert {d.delivery_mode for d in late} >= {"hybrid", "onsite"}
    assert (today - woodwork.starts_on).days >= 170

    counts = (
        ServiceGroup.objects.count(),
        GroupSession.objects.count(),
        Participation.objects.count(),
        Attendance.objects.count(),
    )
    assert demo_groups.load() == []
    assert counts == (
        ServiceGroup.objects.count(),
        GroupSession.objects.count(),
        Participation.objects.count(),
        Attendance.objects.count(),
    )
