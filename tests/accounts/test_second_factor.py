from base64 import b32encode
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from profiles import services
from profiles.models import SecondFactorEnrolmentCode
from tests.factories import (
    ExpertUserFactory,
    JobseekerUserFactory,
    PlatformAdminFactory,
    with_second_factor,
)
from tests.factories.users import PASSWORD
from tori.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    """The wrong-code counters of the IP address and the account live in the cache."""
    cache.clear()
    yield
    cache.clear()


LOGIN = "/fi/accounts/sign-in/"


def _totp_now(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def _enrolment_code(account):
    admin = with_second_factor(PlatformAdminFactory())
    return services.second_factor_enrolment_code_issue(account=account, actor=admin)


def _sign_in(client, user):
    return client.post(LOGIN, {"username": user.email, "password": PASSWORD}, follow=True)


def test_expert_first_sign_in__with_enrolment_code_can_enable_totp(client, expert):
    # given an administrator gave the expert an enrolment code
    code = _enrolment_code(expert)
    # when the expert signs in with the password
    response = _sign_in(client, expert)
    # then the setup page asks for the enrolment code, and expert pages stay closed
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:otp-setup"))
    assert gettext("Enrolment code") in response.content.decode()
    assert client.get(reverse("expert:worklist")).status_code == 302
    # when the code is entered, the QR code is shown
    response = client.post(reverse("accounts:otp-setup"), {"code": code.lower()}, follow=True)
    assert response.status_code == 200
    assert "otpauth" not in response.content.decode()  # the key is shown as a QR code and text
    device = TOTPDevice.objects.get(user=expert, confirmed=False)
    assert b32encode(device.bin_key).decode() in response.content.decode()
    # when the first code of the app is entered
    response = client.post(reverse("accounts:otp-setup"), {"token": _totp_now(device)})
    # then the device is confirmed, the code is spent and the expert view opens
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed is True
    assert SecondFactorEnrolmentCode.objects.get(user=expert).used_at is not None
    assert client.get(reverse("expert:worklist")).status_code == 200


def test_expert_first_sign_in__without_enrolment_code_binds_nothing(client, expert):
    # given someone holds the expert's password but no enrolment code
    response = _sign_in(client, expert)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:otp-setup"))
    # then no authenticator key is shown or created
    assert "<svg" not in response.content.decode()
    assert TOTPDevice.objects.filter(user=expert).exists() is False
    # when they try a made-up enrolment code, or skip it and post an app code
    response = client.post(reverse("accounts:otp-setup"), {"code": "AAAA-BBBB-CCCC-DDDD"})
    assert response.status_code == 400
    message = "The enrolment code is not valid or has expired. Ask an administrator for a new one."
    assert gettext(message) in response.content.decode()
    response = client.post(reverse("accounts:otp-setup"), {"token": "123456"})
    assert response.status_code == 400
    assert gettext("First enter the enrolment code you received.") in response.content.decode()
    # then no device is bound and the expert view stays closed
    assert TOTPDevice.objects.filter(user=expert).exists() is False
    assert client.get(reverse("expert:worklist")).status_code == 302


def test_expert_first_sign_in__enrolment_code_binds_only_once(client, expert):
    code = _enrolment_code(expert)
    _sign_in(client, expert)
    client.post(reverse("accounts:otp-setup"), {"code": code})
    device = TOTPDevice.objects.get(user=expert, confirmed=False)
    assert (
        client.post(reverse("accounts:otp-setup"), {"token": _totp_now(device)}).status_code == 302
    )
    # given the device is removed (a lost phone) and the same code is tried again
    TOTPDevice.objects.filter(user=expert).delete()
    other = Client()
    _sign_in(other, expert)
    response = other.post(reverse("accounts:otp-setup"), {"code": code})
    # then it is refused
    assert response.status_code == 400
    assert TOTPDevice.objects.filter(user=expert).exists() is False


def test_expert_first_sign_in__code_of_another_user_or_expired_is_refused(client, expert):
    other_code = _enrolment_code(ExpertUserFactory())
    expired = _enrolment_code(expert)
    SecondFactorEnrolmentCode.objects.filter(user=expert).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    _sign_in(client, expert)
    for code in (other_code, expired):
        assert client.post(reverse("accounts:otp-setup"), {"code": code}).status_code == 400
    assert TOTPDevice.objects.filter(user=expert).exists() is False


def test_expert_first_sign_in__code_expiring_before_confirmation_is_refused(client, expert):
    code = _enrolment_code(expert)
    _sign_in(client, expert)
    client.post(reverse("accounts:otp-setup"), {"code": code})
    device = TOTPDevice.objects.get(user=expert, confirmed=False)
    SecondFactorEnrolmentCode.objects.filter(user=expert).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    response = client.post(reverse("accounts:otp-setup"), {"token": _totp_now(device)})
    assert response.status_code == 400
    device.refresh_from_db()
    assert device.confirmed is False


def test_enrolment_code__stored_only_hashed_and_issued_only_by_verified_admin(expert):
    code = _enrolment_code(expert)
    row = SecondFactorEnrolmentCode.objects.get(user=expert)
    assert code.replace("-", "") not in row.code_hash
    assert len(code.replace("-", "")) == 16
    assert row.expires_at - row.created_at == timedelta(hours=72)
    with pytest.raises(ApplicationError):
        services.second_factor_enrolment_code_issue(account=expert, actor=PlatformAdminFactory())
    with pytest.raises(ApplicationError):
        services.second_factor_enrolment_code_issue(account=expert, actor=ExpertUserFactory())
    with pytest.raises(ApplicationError):
        services.second_factor_enrolment_code_issue(
            account=JobseekerUserFactory(), actor=with_second_factor(PlatformAdminFactory())
        )
    assert SecondFactorEnrolmentCode.objects.count() == 1


def test_enrolment_code__a_new_code_replaces_the_unused_one(expert):
    first = _enrolment_code(expert)
    _enrolment_code(expert)
    assert SecondFactorEnrolmentCode.objects.filter(user=expert).count() == 1
    assert services.second_factor_enrolment_code_get(user=expert, code=first) is None


def test_issue_enrolment_code_command__prints_the_code_once(expert):
    out = StringIO()
    call_command("issue_enrolment_code", expert.email, stdout=out)
    code = out.getvalue().rsplit(" ", 1)[-1].strip()
    assert services.second_factor_enrolment_code_get(user=expert, code=code) is not None


def test_wrong_codes_from_another_session__do_not_block_the_real_expert(expert):
    device = TOTPDevice.objects.create(user=expert, name="phone", confirmed=True)
    # given someone with the password enters twelve wrong codes in their own session
    attacker = Client()
    _sign_in(attacker, expert)
    for _attempt in range(12):
        attacker.post(reverse("accounts:otp-verify"), {"token": "000000"})
    assert attacker.get(reverse("expert:worklist")).status_code == 302
    # when the real expert signs in in their own session with the right code
    real = Client()
    _sign_in(real, expert)
    response = real.post(reverse("accounts:otp-verify"), {"token": _totp_now(device)})
    # then they get in
    assert response.status_code == 302
    assert real.get(reverse("expert:worklist")).status_code == 200


def test_wrong_codes__the_session_must_wait_before_the_next_code_is_checked(client, expert):
    device = TOTPDevice.objects.create(user=expert, name="phone", confirmed=True)
    _sign_in(client, expert)
    for _attempt in range(3):
        response = client.post(reverse("accounts:otp-verify"), {"token": "000000"})
        assert response.status_code == 400
    # then even the right code is not checked while the session waits
    response = client.post(reverse("accounts:otp-verify"), {"token": _totp_now(device)})
    assert response.status_code == 429
    assert gettext("Too many wrong codes.") in response.content.decode()
    assert client.get(reverse("expert:worklist")).status_code == 302
    # when the wait is over, the right code works
    session = client.session
    session["tori_otp_retry_at"] = 0
    session.save()
    response = client.post(reverse("accounts:otp-verify"), {"token": _totp_now(device)})
    assert response.status_code == 302
    assert client.get(reverse("expert:worklist")).status_code == 200


def test_wrong_codes__many_for_one_account_alert_but_do_not_lock(settings, caplog, expert):
    settings.TORI_OTP_ACCOUNT_ALERT = 4
    device = TOTPDevice.objects.create(user=expert, name="phone", confirmed=True)
    for _session in range(2):
        attacker = Client()
        _sign_in(attacker, expert)
        for _attempt in range(2):
            attacker.post(reverse("accounts:otp-verify"), {"token": "000000"})
    alerts = [r for r in caplog.records if r.name == "tori.security"]
    assert [r.levelname for r in alerts] == ["ERROR"]
    assert f"user {expert.pk}" in alerts[0].getMessage()
    real = Client()
    _sign_in(real, expert)
    assert (
        real.post(reverse("accounts:otp-verify"), {"token": _totp_now(device)}).status_code == 302
    )


def test_wrong_codes__many_from_one_ip_address_make_it_wait(settings, client, expert):
    settings.TORI_OTP_IP_LIMIT = 2
    settings.TORI_OTP_SESSION_FREE_ATTEMPTS = 100
    device = TOTPDevice.objects.create(user=expert, name="phone", confirmed=True)
    _sign_in(client, expert)
    for _attempt in range(2):
        client.post(reverse("accounts:otp-verify"), {"token": "000000"})
    other_ip = Client(REMOTE_ADDR="10.0.0.9")
    _sign_in(other_ip, expert)
    response = client.post(reverse("accounts:otp-verify"), {"token": _totp_now(device)})
    assert response.status_code == 429
    # an address that did not guess is not slowed down
    response = other_ip.post(reverse("accounts:otp-verify"), {"token": _totp_now(device)})
    assert response.status_code == 302


@pytest.mark.parametrize("step", ["verify", "setup"])
def test_second_factor__session_key_changes_at_verification(client, expert, step):
    _sign_in(client, expert)
    if step == "verify":
        device = TOTPDevice.objects.create(user=expert, name="phone", confirmed=True)
        url = reverse("accounts:otp-verify")
    else:
        client.post(reverse("accounts:otp-setup"), {"code": _enrolment_code(expert)})
        device = TOTPDevice.objects.get(user=expert, confirmed=False)
        url = reverse("accounts:otp-setup")
    before = client.session.session_key
    response = client.post(url, {"token": _totp_now(device)})
    assert response.status_code == 302
    after = client.session.session_key
    assert after != before
    assert SessionStore().exists(before) is False
    assert client.get(reverse("expert:worklist")).status_code == 200


def test_expert_login__wrong_code_is_refused_with_message(client, expert):
    TOTPDevice.objects.create(user=expert, name="phone", confirmed=True)
    client.post(LOGIN, {"username": expert.email, "password": PASSWORD})
    response = client.post(reverse("accounts:otp-verify"), {"token": "000000x"})
    assert response.status_code == 400
    assert "Koodi ei kelpaa" in response.content.decode()
    assert client.get(reverse("expert:worklist")).status_code == 302


def test_expert_login__backup_code_works_once(client, expert):
    device = StaticDevice.objects.create(user=expert, name="backup")
    StaticToken.objects.create(device=device, token="abc12345")
    client.post(LOGIN, {"username": expert.email, "password": PASSWORD})
    response = client.post(reverse("accounts:otp-verify"), {"token": "abc12345"})
    assert response.status_code == 302
    assert client.get(reverse("expert:worklist")).status_code == 200
    assert not StaticToken.objects.filter(token="abc12345").exists()


def test_expert_without_second_factor__every_page_redirects_to_verification(client, expert):
    TOTPDevice.objects.create(user=expert, name="phone", confirmed=True)
    client.force_login(expert)
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp-verify"))


def test_jobseeker__is_not_asked_for_second_factor(client, jobseeker):
    client.force_login(jobseeker)
    assert client.get(reverse("accounts:dashboard")).status_code == 200
    assert client.get(reverse("accounts:otp-verify")).status_code == 302


def test_expert_session__ends_after_idle_timeout(client_as, settings, expert):
    settings.EXPERT_SESSION_IDLE_SECONDS = 60
    client = client_as("expert")
    assert client.get(reverse("expert:worklist")).status_code == 200
    session = client.session
    session["tori_last_activity"] -= 61
    session.save()
    response = client.get(reverse("expert:worklist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session
