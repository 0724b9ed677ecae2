"""The follow-up demo loader: diary entries, guidance records and outcomes, idempotent."""

import pytest

from delivery import demo_followup
from delivery.models import DiaryEntry, Participation
from tests.factories import ExpertUserFactory, ProviderUserFactory
from tests.factories.delivery import ParticipationFactory, ServiceGroupFactory
from tests.factories.expert import CaseFactory, ReferralFactory

pytestmark = pytest.mark.django_db


def test_demo__without_participations_does_nothing():
    lines = demo_followup.load()
    assert len(lines) == 1
    assert DiaryEntry.objects.count() == 0


def test_demo__creates_entries_and_outcomes_once():
    staff = ProviderUserFactory(email=demo_followup.STAFF_EMAIL)
    ExpertUserFactory(email=demo_followup.EXPERT_EMAIL)
    group = ServiceGroupFactory(
        service__provider=staff.provider_memberships.get().provider,
        coaches=[staff],
        with_sessions=True,
    )
    case = CaseFactory()
    referral = ReferralFactory(case=case, service=group.service, status="started")
    participations = [
        ParticipationFactory(group=group, user=case.profile.user, referral=referral),
        ParticipationFactory(group=group),
        ParticipationFactory(group=group),
        ParticipationFactory(group=group),
    ]
    demo_followup.load()
    entries = DiaryEntry.objects.count()
    assert entries == 4 * 6  # three days, an entry and a guidance record each
    waiting = Participation.objects.exclude(outcome="").filter(outcome_confirmed_at__isnull=True)
    confirmed = Participation.objects.filter(outcome_confirmed_at__isnull=False)
    assert list(waiting) == [participations[0]]
    assert list(confirmed) == [participations[1]]
    assert confirmed.get().status != "active"
    referral.refresh_from_db()
    assert referral.status == "started"  # the waiting one's referral is not ended yet

    demo_followup.load()
    assert DiaryEntry.objects.count() == entries
    assert waiting.count() == 1
    assert confirmed.count() == 1
