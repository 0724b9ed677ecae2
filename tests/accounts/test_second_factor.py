import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories.users import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/fi/accounts/sign-in/"


def _totp_now(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def test_expert_login__without_device_is_sent_to_setup_and_can_enable_totp(client, expert):
    # given an expert signs in with the password
    response = client.post(LOGIN, {"username": expert.email, "password": PASSWORD}, follow=True)
    # then the second factor setup page is shown, and expert pages stay closed
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:otp-setup"))
    assert client.get(reverse("expert:worklist")).status_code == 302
    device = TOTPDevice.objects.get(user=expert, confirmed=False)
    # when the first code is entered
    response = client.post(reverse("accounts:otp-setup"), {"token": _totp_now(device)})
    # then the device is confirmed and the expert view opens
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed is True
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
