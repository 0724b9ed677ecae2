"""The platform administrators' site is for maintenance: it shows no one's free-text personal
data (diary, guidance, notes, messages), no health data and no second-factor or API secrets."""

from base64 import b32encode

import pytest
from django.contrib import admin
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token, TokenProxy

from delivery.models import Attendance, DiaryEntry
from profiles.models import SecondFactorEnrolmentCode
from tests.factories import (
    EmployerUserFactory,
    EnrolmentRequestFactory,
    ExpertUserFactory,
    ProviderUserFactory,
)
from tests.factories.delivery import AttendanceFactory, DiaryEntryFactory, ParticipationFactory

pytestmark = pytest.mark.django_db

TOTP_KEY_HEX = "3132333435363738393031323334353637383930"


def _change_page(client, obj):
    opts = obj._meta
    return client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))


@pytest.mark.parametrize("kind", [DiaryEntry.Kind.PARTICIPANT, DiaryEntry.Kind.GUIDANCE])
def test_admin_diary_entry__text_is_not_shown_nor_editable(client_as, kind):
    entry = DiaryEntryFactory(
        kind=kind,
        text="PÄIVÄKIRJA-MARKKERI-5521",
        **({"contact_made": True, "contact_channel": "phone"} if kind == "guidance" else {}),
    )
    client = client_as("platform_admin")
    response = _change_page(client, entry)
    assert response.status_code == 200
    assert "PÄIVÄKIRJA-MARKKERI-5521" not in response.content.decode()
    assert 'name="text"' not in response.content.decode()
    list_page = client.get(reverse("admin:delivery_diaryentry_changelist"))
    assert "PÄIVÄKIRJA-MARKKERI-5521" not in list_page.content.decode()
    # and a post cannot change it
    client.post(reverse("admin:delivery_diaryentry_change", args=[entry.pk]), {"text": "Muutettu"})
    entry.refresh_from_db()
    assert entry.text == "PÄIVÄKIRJA-MARKKERI-5521"


def test_admin_participation_and_attendance__notes_and_absence_reasons_are_not_shown(client_as):
    participation = ParticipationFactory(outcome_note="TULOS-MARKKERI-8812")
    attendance = AttendanceFactory(
        participation=participation,
        status=Attendance.Status.ABSENT,
        absence_reason=Attendance.AbsenceReason.CHILD_ILLNESS,
        note="LÄSNÄOLO-MARKKERI-3390",
    )
    client = client_as("platform_admin")
    for obj in (participation, attendance):
        body = _change_page(client, obj).content.decode()
        assert "TULOS-MARKKERI-8812" not in body
        assert "LÄSNÄOLO-MARKKERI-3390" not in body
        assert "child_illness" not in body


def test_admin_enrolment_request__message_is_not_shown(client_as):
    enrolment = EnrolmentRequestFactory(message="VIESTI-MARKKERI-4410")
    response = _change_page(client_as("platform_admin"), enrolment)
    assert response.status_code == 200
    assert "VIESTI-MARKKERI-4410" not in response.content.decode()


def test_admin_totp_device__key_and_otpauth_link_are_never_shown(client_as):
    expert = ExpertUserFactory()
    device = TOTPDevice.objects.create(
        user=expert, name="Puhelin", key=TOTP_KEY_HEX, confirmed=True
    )
    client = client_as("platform_admin")
    pages = [
        _change_page(client, device),
        client.get(reverse("admin:otp_totp_totpdevice_changelist")),
    ]
    for response in pages:
        body = response.content.decode()
        assert response.status_code == 200
        assert "Puhelin" in body
        assert TOTP_KEY_HEX not in body
        assert b32encode(device.bin_key).decode() not in body
        assert "otpauth://" not in body
    # the config and QR code views of django-otp's own admin are gone
    base = reverse("admin:otp_totp_totpdevice_changelist")
    for view in ("config", "qrcode"):
        response = client.get(f"{base}{device.pk}/{view}/", follow=True)
        assert response.status_code == 200  # the admin's "no such object" redirect to the index
        assert "otpauth://" not in response.content.decode()
        assert TOTP_KEY_HEX not in response.content.decode()
    # and no key can be set through the admin
    client.post(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]), {"key": "00" * 20})
    device.refresh_from_db()
    assert device.key == TOTP_KEY_HEX


def test_admin_backup_codes__are_never_shown(client_as):
    device = StaticDevice.objects.create(user=ExpertUserFactory(), name="Varakoodit")
    StaticToken.objects.create(device=device, token="varakoodi77")
    body = _change_page(client_as("platform_admin"), device).content.decode()
    assert "Varakoodit" in body
    assert "varakoodi77" not in body


def test_admin_api_tokens__are_not_listed(client_as):
    token = Token.objects.create(user=ProviderUserFactory())
    assert admin.site.is_registered(TokenProxy) is False
    response = client_as("platform_admin").get("/fi/admin/authtoken/tokenproxy/")
    assert response.status_code == 404
    assert token.key not in response.content.decode()


def test_admin_issue_enrolment_code__shows_the_code_once_and_stores_its_hash(client_as):
    expert = ExpertUserFactory()
    client = client_as("platform_admin")
    response = client.post(
        reverse("admin:profiles_user_changelist"),
        {"action": "issue_enrolment_code", "_selected_action": [expert.pk]},
        follow=True,
    )
    assert response.status_code == 200
    code = SecondFactorEnrolmentCode.objects.get(user=expert)
    body = response.content.decode()
    shown = [w for w in body.replace("<", " ").split() if w.count("-") == 3 and len(w) == 19]
    assert len(shown) == 1
    assert shown[0].replace("-", "") not in code.code_hash
    assert (
        client.get(reverse("admin:profiles_user_changelist")).content.decode().count(shown[0]) == 0
    )


@pytest.mark.parametrize(
    "make",
    [
        DiaryEntryFactory,
        AttendanceFactory,
        ParticipationFactory,
        EnrolmentRequestFactory,
        lambda: EmployerUserFactory().employer_memberships.active().get(),
    ],
    ids=["diary entry", "attendance", "participation", "enrolment request", "membership"],
)
def test_admin_records_of_people__cannot_be_deleted_or_changed(client_as, make):
    # given a record of what happened to a person
    record = make()
    opts = record._meta
    client = client_as("platform_admin")
    # when the administrator tries to delete it (Django deletes on any POST of the page)
    delete = client.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[record.pk]),
        {"post": "yes"},
    )
    bulk = client.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        {"action": "delete_selected", "_selected_action": [record.pk], "post": "yes"},
    )
    # then it is refused and the record stays
    assert delete.status_code == 403
    assert bulk.status_code in (200, 302)
    assert type(record).objects.filter(pk=record.pk).exists()
    # and the change page offers no form to save
    change = _change_page(client, record)
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()


def test_admin_membership_request__approved_by_the_action_of_an_organisation_without_admin(
    client_as,
):
    # given a request to join an organisation that has no administrator yet
    from profiles.models import EmployerMembership
    from tests.factories import EmployerOrganisationFactory, UserFactory

    organisation = EmployerOrganisationFactory()
    membership = EmployerMembership.objects.create(
        organisation=organisation, user=UserFactory(role="employer"), status="pending"
    )
    client = client_as("platform_admin")
    # when the platform administrator approves it with the list's action
    response = client.post(
        reverse("admin:profiles_employermembership_changelist"),
        {"action": "approve", "_selected_action": [membership.pk]},
    )
    # then the membership service made the person the organisation's first administrator
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.status, membership.role) == ("active", "admin")
