"""The participant diary and the coaches' guidance records: who sees it, who writes it."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from delivery.models import DiaryEntry
from delivery.selectors import diary as diary_selectors
from delivery.services import diary as diary_services
from profiles.models import OTHER_LOGGED_SECTIONS, DataAccessLog
from tests.conftest import login_with_second_factor
from tests.factories import (
    EmployerUserFactory,
    ExpertOfficeFactory,
    ExpertUserFactory,
    MunicipalityFactory,
    ProviderFactory,
    ProviderUserFactory,
    ServiceFactory,
)
from tests.factories.delivery import (
    DiaryEntryFactory,
    GroupSessionFactory,
    ParticipationFactory,
    ServiceGroupFactory,
)
from tests.factories.expert import CaseFactory, ReferralFactory, expert_for
from tori.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """A Tampere customer referred by an expert to a provider's group with one coach."""
    provider = ProviderFactory(name="Valmennus Polku ry")
    service = ServiceFactory(provider=provider, name_fi="Kuntouttava työtoiminta etänä")
    coach = ProviderUserFactory(provider=provider, first_name="Kaisa")
    colleague = ProviderUserFactory(provider=provider)
    group = ServiceGroupFactory(service=service, coaches=[coach], name="Syksyn ryhmä")
    case = CaseFactory()
    referrer = expert_for(case)
    referral = ReferralFactory(case=case, service=service, proposed_by=referrer, status="accepted")
    participation = ParticipationFactory(group=group, user=case.profile.user, referral=referral)
    return SimpleNamespace(
        provider=provider,
        service=service,
        coach=coach,
        colleague=colleague,
        group=group,
        case=case,
        referrer=referrer,
        area_expert=expert_for(case),
        referral=referral,
        participation=participation,
        participant=participation.user,
    )


def client_for(user):
    client = Client()
    if user is None:
        return client
    if user.role in ("expert", "admin"):
        return login_with_second_factor(client, user)
    client.force_login(user)
    return client


def diary_url(participation):
    return reverse("followup:diary", kwargs={"participation_id": participation.uuid})


def other_area_expert():
    helsinki = MunicipalityFactory(code="091", name_fi="Helsinki", name_sv="Helsingfors")
    return ExpertUserFactory(office=ExpertOfficeFactory(municipalities=[helsinki]))


# --- Visibility -------------------------------------------------------------------------------


def test_diary__participant_sees_own_entries_and_guidance(world):
    DiaryEntryFactory(participation=world.participation, text="Kävin ryhmässä etänä.")
    DiaryEntry.objects.create(
        participation=world.participation,
        kind="guidance",
        text="Soitin ja sovimme ensi viikosta.",
        contact_made=True,
        contact_channel="phone",
        author=world.coach,
    )
    response = client_for(world.participant).get(diary_url(world.participation))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kävin ryhmässä etänä." in body
    assert "Soitin ja sovimme ensi viikosta." in body
    assert 'name="text"' in body  # the entry form is there
    assert 'name="contact_made"' not in body  # not the guidance form


def test_diary__coach_of_the_group_sees_it_with_guidance_form(world):
    DiaryEntryFactory(participation=world.participation, text="Tänään meni hyvin.")
    response = client_for(world.coach).get(diary_url(world.participation))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Tänään meni hyvin." in body
    assert 'name="contact_made"' in body
    assert DataAccessLog.objects.count() == 0  # coaches are not logged as expert access


def test_diary__same_provider_member_who_is_not_a_coach_gets_404(world):
    DiaryEntryFactory(participation=world.participation, text="Salainen merkintä")
    response = client_for(world.colleague).get(diary_url(world.participation))
    assert response.status_code == 404
    assert "Salainen merkintä" not in response.content.decode()


def test_diary__other_provider_gets_404(world):
    response = client_for(ProviderUserFactory()).get(diary_url(world.participation))
    assert response.status_code == 404


def test_diary__referring_expert_reads_it_and_the_read_is_logged(world):
    DiaryEntryFactory(participation=world.participation, text="Harjoittelin CV:tä.")
    response = client_for(world.referrer).get(diary_url(world.participation))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Harjoittelin CV:tä." in body
    assert 'name="text"' not in body
    assert 'name="contact_made"' not in body
    log = DataAccessLog.objects.get()
    assert log.subject == world.participant
    assert log.accessor == world.referrer
    assert log.purpose == DataAccessLog.Purpose.EXPERT
    assert log.sections == ["diary"]
    assert log.object_ref == world.case.reference
    # the participant sees in "My data" what was read, by name
    my_data = client_for(world.participant).get(reverse("profiles:my-data")).content.decode()
    with translation.override("fi"):
        assert f"<td>{OTHER_LOGGED_SECTIONS['diary']}</td>" in my_data


def test_diary__responsible_expert_of_the_case_reads_it(world):
    responsible = expert_for(world.case)
    world.case.responsible = responsible
    world.case.save()
    response = client_for(responsible).get(diary_url(world.participation))
    assert response.status_code == 200
    assert DataAccessLog.objects.filter(accessor=responsible).count() == 1


def test_diary__expert_of_the_same_area_who_did_not_refer_gets_404_and_nothing_logged(world):
    response = client_for(world.area_expert).get(diary_url(world.participation))
    assert response.status_code == 404
    assert DataAccessLog.objects.count() == 0


def test_diary__expert_of_another_area_gets_404(world):
    response = client_for(other_area_expert()).get(diary_url(world.participation))
    assert response.status_code == 404


def test_diary__referring_expert_without_second_factor_is_sent_to_verify(world):
    client = Client()
    client.force_login(world.referrer)
    response = client.get(diary_url(world.participation))
    assert response.status_code == 302
    assert "/accounts/verify/" in response["Location"]
    assert DataAccessLog.objects.count() == 0


def test_diary__employer_gets_404(world):
    response = client_for(EmployerUserFactory()).get(diary_url(world.participation))
    assert response.status_code == 404


def test_diary__other_jobseeker_gets_404(world):
    other = ParticipationFactory(group=world.group)
    response = client_for(other.user).get(diary_url(world.participation))
    assert response.status_code == 404


def test_diary__anonymous_is_sent_to_sign_in(world):
    response = client_for(None).get(diary_url(world.participation))
    assert response.status_code == 302
    assert "/accounts/sign-in/" in response["Location"]


def test_diary__unknown_uuid_is_404(world):
    response = client_for(world.participant).get(
        reverse(
            "followup:diary", kwargs={"participation_id": "00000000-0000-0000-0000-000000000000"}
        )
    )
    assert response.status_code == 404


def test_case_page__links_the_diary_for_the_referring_expert(world):
    response = client_for(world.referrer).get(
        reverse("expert:case-detail", kwargs={"case_id": world.case.pk})
    )
    assert response.status_code == 200
    assert diary_url(world.participation) in response.content.decode()


# --- Writing entries --------------------------------------------------------------------------


def test_entry__participant_writes_an_entry_dated_today(world):
    response = client_for(world.participant).post(
        diary_url(world.participation), {"text": "Tein tänään työnhakuharjoituksen."}
    )
    assert response.status_code == 302
    entry = DiaryEntry.objects.get()
    assert entry.kind == "participant"
    assert entry.date == timezone.localdate()
    assert entry.author == world.participant
    assert entry.text == "Tein tänään työnhakuharjoituksen."


def test_entry__future_date_is_refused_and_input_kept(world):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client_for(world.participant).post(
        diary_url(world.participation), {"text": "Huomisen suunnitelma", "date": tomorrow}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Päivämäärä ei voi olla tulevaisuudessa." in body or "future" in body
    assert "Huomisen suunnitelma" in body
    assert DiaryEntry.objects.count() == 0


def test_entry__too_long_text_is_refused_and_input_kept(world):
    text = "a" * 2001
    response = client_for(world.participant).post(diary_url(world.participation), {"text": text})
    assert response.status_code == 400
    assert text in response.content.decode()
    assert DiaryEntry.objects.count() == 0


def test_entry__empty_text_is_refused(world):
    response = client_for(world.participant).post(diary_url(world.participation), {"text": "  "})
    assert response.status_code == 400
    assert DiaryEntry.objects.count() == 0


def test_entry__date_before_joining_is_refused(world):
    before = world.participation.joined_on - datetime.timedelta(days=1)
    response = client_for(world.participant).post(
        diary_url(world.participation), {"text": "Ennen alkua", "date": before}
    )
    assert response.status_code == 400
    assert DiaryEntry.objects.count() == 0


def test_entry__participant_of_an_ended_participation_cannot_write(world):
    world.participation.status = "completed"
    world.participation.save()
    client = client_for(world.participant)
    assert 'name="text"' not in client.get(diary_url(world.participation)).content.decode()
    response = client.post(diary_url(world.participation), {"text": "Myöhässä"})
    assert response.status_code == 403
    assert DiaryEntry.objects.count() == 0


@pytest.mark.parametrize("who", ["referrer", "colleague"])
def test_entry__others_cannot_write_participant_entries(world, who):
    response = client_for(getattr(world, who)).post(
        diary_url(world.participation), {"text": "Ei saa kirjoittaa"}
    )
    assert response.status_code in (403, 404)
    assert DiaryEntry.objects.count() == 0


def test_entry__service_refuses_a_coach(world):
    with pytest.raises(ApplicationError) as error:
        diary_services.diary_entry_add(
            actor=world.coach, participation=world.participation, text="Valmentajan teksti"
        )
    assert error.value.code == "forbidden"
    assert DiaryEntry.objects.count() == 0


# --- Guidance records -------------------------------------------------------------------------


def test_guidance__coach_records_contact_by_phone(world):
    response = client_for(world.coach).post(
        diary_url(world.participation),
        {"contact_made": "yes", "contact_channel": "phone", "text": "Kävimme viikon läpi."},
    )
    assert response.status_code == 302
    entry = DiaryEntry.objects.get()
    assert entry.kind == "guidance"
    assert entry.contact_made is True
    assert entry.contact_channel == "phone"
    assert entry.author == world.coach
    # The participant sees it, with the coach's first name.
    body = client_for(world.participant).get(diary_url(world.participation)).content.decode()
    assert "Kävimme viikon läpi." in body
    assert "Kaisa" in body


def test_guidance__no_contact_reached(world):
    response = client_for(world.coach).post(
        diary_url(world.participation), {"contact_made": "no", "contact_channel": "none"}
    )
    assert response.status_code == 302
    entry = DiaryEntry.objects.get()
    assert entry.contact_made is False
    assert entry.contact_channel == "none"


def test_guidance__contact_made_with_channel_none_is_refused(world):
    response = client_for(world.coach).post(
        diary_url(world.participation),
        {"contact_made": "yes", "contact_channel": "none", "text": "Ristiriita"},
    )
    assert response.status_code == 400
    assert "Ristiriita" in response.content.decode()
    assert DiaryEntry.objects.count() == 0


def test_guidance__future_date_refused(world):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client_for(world.coach).post(
        diary_url(world.participation),
        {"contact_made": "yes", "contact_channel": "video", "date": tomorrow},
    )
    assert response.status_code == 400
    assert DiaryEntry.objects.count() == 0


def test_guidance__non_coach_member_of_the_provider_cannot_record(world):
    response = client_for(world.colleague).post(
        diary_url(world.participation), {"contact_made": "yes", "contact_channel": "phone"}
    )
    assert response.status_code == 404
    with pytest.raises(ApplicationError):
        diary_services.guidance_record(
            actor=world.colleague,
            participation=world.participation,
            contact_made=True,
            contact_channel="phone",
        )
    assert DiaryEntry.objects.count() == 0


def test_guidance__participant_cannot_record_guidance(world):
    with pytest.raises(ApplicationError):
        diary_services.guidance_record(
            actor=world.participant,
            participation=world.participation,
            contact_made=True,
            contact_channel="phone",
        )
    assert DiaryEntry.objects.count() == 0


# --- My groups ----------------------------------------------------------------------------------


def test_my_groups__lists_group_with_schedule_and_next_remote_day(world):
    today = timezone.localdate()
    GroupSessionFactory(
        group=world.group, date=today + datetime.timedelta(days=2), delivery_mode="remote"
    )
    response = client_for(world.participant).get(reverse("followup:my-groups"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Syksyn ryhmä" in body
    assert "Kuntouttava työtoiminta etänä" in body
    assert "Valmennus Polku ry" in body
    assert "Teams" in body
    assert diary_url(world.participation) in body


def test_my_groups__only_own_participations(world):
    other = ParticipationFactory(group=ServiceGroupFactory(name="Toinen ryhmä"))
    body = client_for(world.participant).get(reverse("followup:my-groups")).content.decode()
    assert "Toinen ryhmä" not in body
    assert diary_url(other) not in body


def test_my_groups__empty_for_a_jobseeker_without_groups(world):
    other = ParticipationFactory(group=world.group).user
    world.group.participations.filter(user=other).delete()
    response = client_for(other).get(reverse("followup:my-groups"))
    assert response.status_code == 200
    assert "Syksyn ryhmä" not in response.content.decode()


@pytest.mark.parametrize("who", ["coach", "referrer"])
def test_my_groups__other_roles_get_403(world, who):
    assert client_for(getattr(world, who)).get(reverse("followup:my-groups")).status_code == 403


def test_my_groups__anonymous_is_sent_to_sign_in(world):
    response = client_for(None).get(reverse("followup:my-groups"))
    assert response.status_code == 302


def test_my_plan_and_profile__link_my_groups_only_with_participations(world):
    client = client_for(world.participant)
    url = reverse("followup:my-groups")
    assert url in client.get(reverse("plan:my-plan")).content.decode()
    assert url in client.get(reverse("profiles:overview")).content.decode()
    loner = client_for(ParticipationFactory(group=world.group).user)
    world.group.participations.exclude(user=world.participant).delete()
    assert url not in loner.get(reverse("plan:my-plan")).content.decode()


def test_schedule_text__plain_words():
    group = SimpleNamespace(
        weekdays=[1, 2, 4],
        hours_per_day=Decimal("4.0"),
        starts_on=datetime.date(2026, 9, 1),
        ends_on=datetime.date(2026, 11, 30),
    )
    text = diary_selectors.schedule_text(group)
    assert "maanantai" in text.lower()
    assert "torstai" in text.lower()
    assert "1.9.2026" in text
    assert "30.11.2026" in text


# --- The coach's follow-up page ---------------------------------------------------------------


def group_url(group):
    return reverse("followup:group", kwargs={"group_id": group.uuid})


def test_followup__coach_sees_today_status_and_diary_links(world):
    recorded = ParticipationFactory(group=world.group)
    DiaryEntry.objects.create(
        participation=recorded,
        kind="guidance",
        text="",
        contact_made=True,
        contact_channel="video",
        author=world.coach,
    )
    response = client_for(world.coach).get(group_url(world.group))
    assert response.status_code == 200
    body = response.content.decode()
    assert diary_url(world.participation) in body
    assert diary_url(recorded) in body
    assert "Videopuhelu" in body or "Video call" in body
    assert 'name="channel-' + str(world.participation.uuid) + '"' in body
    assert 'name="channel-' + str(recorded.uuid) + '"' not in body  # already recorded


def test_followup__non_coach_member_sees_participants_but_no_diary(world):
    response = client_for(world.colleague).get(group_url(world.group))
    assert response.status_code == 200
    body = response.content.decode()
    assert f'href="{diary_url(world.participation)}"' not in body
    assert (
        reverse("followup:outcome-report", kwargs={"participation_id": world.participation.uuid})
        in body
    )


@pytest.mark.parametrize("who", ["other_provider", "referrer", "participant"])
def test_followup__others_are_refused(world, who):
    user = ProviderUserFactory() if who == "other_provider" else getattr(world, who)
    response = client_for(user).get(group_url(world.group))
    assert response.status_code in (403, 404)


def test_followup__quick_entry_records_today_for_many(world):
    second = ParticipationFactory(group=world.group)
    third = ParticipationFactory(group=world.group)
    response = client_for(world.coach).post(
        group_url(world.group),
        {
            f"channel-{world.participation.uuid}": "in_person",
            f"channel-{second.uuid}": "none",
            f"channel-{third.uuid}": "",
        },
    )
    assert response.status_code == 302
    entries = {e.participation_id: e for e in DiaryEntry.objects.all()}
    assert set(entries) == {world.participation.pk, second.pk}
    assert entries[world.participation.pk].contact_made is True
    assert entries[second.pk].contact_made is False
    assert all(e.date == timezone.localdate() for e in entries.values())


def test_followup__quick_entry_by_non_coach_is_refused(world):
    response = client_for(world.colleague).post(
        group_url(world.group), {f"channel-{world.participation.uuid}": "phone"}
    )
    assert response.status_code == 403
    assert DiaryEntry.objects.count() == 0


def test_followup__quick_entry_with_nothing_chosen_is_400(world):
    response = client_for(world.coach).post(group_url(world.group), {})
    assert response.status_code == 400
    assert DiaryEntry.objects.count() == 0


def test_groups_list__provider_sees_own_groups_only(world):
    foreign = ServiceGroupFactory(name="Vieras ryhmä")
    body = client_for(world.colleague).get(reverse("followup:groups")).content.decode()
    assert "Syksyn ryhmä" in body
    assert foreign.name not in body
    assert client_for(world.participant).get(reverse("followup:groups")).status_code == 403


# --- Role × endpoint matrix for the follow-up lists -----------------------------------------

ROLES = ["anonymous", "jobseeker", "employer", "provider_user", "expert", "platform_admin"]
LISTS = [
    ("followup:my-groups", "jobseeker"),
    ("followup:groups", "provider_user"),
    ("followup:outcomes", "expert"),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "allowed"), LISTS)
def test_lists__role_matrix(client_as, role, name, allowed):
    response = client_as(role).get(reverse(name))
    expected = 302 if role == "anonymous" else 200 if role == allowed else 403
    assert response.status_code == expected


def test_diary__platform_admin_gets_404(world, client_as):
    response = client_as("platform_admin").get(diary_url(world.participation))
    assert response.status_code == 404
