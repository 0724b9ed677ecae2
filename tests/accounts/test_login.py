import re

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from profiles.models import User
from tests.factories import JobseekerUserFactory
from tests.factories.users import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/fi/accounts/sign-in/"


def test_login__correct_credentials_sign_in(client, jobseeker):
    response = client.post(LOGIN, {"username": jobseeker.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("accounts:dashboard")).status_code == 200


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fi", "Sähköpostiosoite tai salasana on väärin"),
        ("sv", "E-postadressen eller lösenordet är fel"),
        ("en", "The e-mail address or the password is wrong"),
    ],
)
def test_login__wrong_password_gives_translated_message_and_400(client, jobseeker, lang, text):
    response = client.post(
        f"/{lang}/accounts/sign-in/", {"username": jobseeker.email, "password": "wrong-one"}
    )
    assert response.status_code == 400
    assert text in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login__five_failures_lock_the_account_for_this_address(client, jobseeker):
    for _ in range(5):
        client.post(LOGIN, {"username": jobseeker.email, "password": "wrong-one"})
    # even the right password is refused while locked
    response = client.post(LOGIN, {"username": jobseeker.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Liian monta yritystä" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login__next_parameter_to_other_host_is_ignored(client, jobseeker):
    response = client.post(
        LOGIN + "?next=https://evil.example/", {"username": jobseeker.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_logout__requires_post_and_signs_out(client, jobseeker):
    client.force_login(jobseeker)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_login_required_page__anonymous_is_sent_to_login(client):
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith("/fi/accounts/sign-in/?next=")


def _ask_reset(client, capture, data, **extra):
    """Ask for a reset link; the mail task is queued after commit, so run those callbacks."""
    with capture(execute=True):
        return client.post("/fi/accounts/password/reset/", data, **extra)


def test_password_reset__sends_link_in_console_mail_and_new_password_works(
    client, jobseeker, django_capture_on_commit_callbacks
):
    response = _ask_reset(client, django_capture_on_commit_callbacks, {"email": jobseeker.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "Uusi-Salasana-2026", "new_password2": "Uusi-Salasana-2026"},
    )
    assert response.status_code == 302
    jobseeker.refresh_from_db()
    assert jobseeker.check_password("Uusi-Salasana-2026")


def test_password_reset__unknown_address_gives_same_answer_and_no_mail(client):
    response = client.post("/fi/accounts/password/reset/", {"email": "nobody@example.fi"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_session_expired__user_is_told_so(client, jobseeker):
    client.force_login(jobseeker)
    session_key = client.session.session_key
    client.session.flush()
    from django.contrib.sessions.backends.db import SessionStore

    SessionStore(session_key=session_key).delete()
    client.cookies["sessionid"] = session_key
    response = client.get("/fi/", follow=True)
    assert "Istuntosi on vanhentunut" in response.content.decode()


def test_csrf_failure__gives_translated_403(jobseeker):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post("/sv/accounts/sign-in/", {"username": "a@b.fi", "password": "x"})
    assert response.status_code == 403
    assert "Formuläret har gått ut" in response.content.decode()


# --- Case-insensitive addresses and shared lockout (issue 14, point 10) --------------------


def test_login__address_in_another_case_signs_in_the_same_account(client):
    user = JobseekerUserFactory(email="someone@example.fi")
    response = client.post(LOGIN, {"username": "Someone@Example.fi", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_user__address_is_saved_in_lower_case():
    user = JobseekerUserFactory(email=" Someone@Example.FI ")
    user.refresh_from_db()
    assert user.email == "someone@example.fi"


def test_user__address_differing_only_by_case_cannot_be_saved_twice(jobseeker):
    duplicate = User(email="x@example.fi")
    duplicate.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=duplicate.pk).update(email=jobseeker.email.upper())


def _fail(client, email, ip):
    return client.post(LOGIN, {"username": email, "password": "wrong-one"}, REMOTE_ADDR=ip)


def test_login__spraying_many_accounts_from_one_address_locks_the_address(client):
    accounts = JobseekerUserFactory.create_batch(30)
    for account in accounts:
        for _ in range(2):
            _fail(client, account.email, "203.0.113.7")
    # then: from that address even a right password of an untouched account is refused
    untouched = JobseekerUserFactory()
    response = client.post(
        LOGIN, {"username": untouched.email, "password": PASSWORD}, REMOTE_ADDR="203.0.113.7"
    )
    assert response.status_code == 429
    assert "Liian monta yritystä" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # the accounts themselves are not locked: their owners sign in from elsewhere
    response = client.post(
        LOGIN, {"username": accounts[0].email, "password": PASSWORD}, REMOTE_ADDR="198.51.100.1"
    )
    assert response.status_code == 302


def test_login__failures_below_the_address_limit_do_not_lock_it(client):
    for account in JobseekerUserFactory.create_batch(12):
        for _ in range(4):  # 48 failures, none on an account reaching 5
            _fail(client, account.email, "203.0.113.8")
    user = JobseekerUserFactory()
    response = client.post(
        LOGIN, {"username": user.email, "password": PASSWORD}, REMOTE_ADDR="203.0.113.8"
    )
    assert response.status_code == 302


def test_login__one_account_from_many_addresses_locks_the_account(client, jobseeker):
    for n in range(5):
        _fail(client, jobseeker.email.upper(), f"198.51.100.{n + 10}")
    response = client.post(
        LOGIN, {"username": jobseeker.email, "password": PASSWORD}, REMOTE_ADDR="198.51.100.99"
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # another account from the same addresses is not locked
    other = JobseekerUserFactory()
    response = client.post(
        LOGIN, {"username": other.email, "password": PASSWORD}, REMOTE_ADDR="198.51.100.10"
    )
    assert response.status_code == 302


def test_login__lockout_of_an_unknown_address_looks_the_same_as_of_an_account(client, jobseeker):
    for n in range(5):
        _fail(client, jobseeker.email, f"198.51.100.{n + 20}")
        _fail(client, "nobody@example.fi", f"198.51.100.{n + 20}")
    known = _fail(client, jobseeker.email, "192.0.2.1")
    unknown = _fail(client, "nobody@example.fi", "192.0.2.1")
    assert known.status_code == unknown.status_code == 429
    assert [t.name for t in known.templates] == [t.name for t in unknown.templates]


def test_login__own_successful_sign_in_does_not_clear_the_address_count(client):
    attacker = JobseekerUserFactory()
    for account in JobseekerUserFactory.create_batch(10):
        for _ in range(4):
            _fail(client, account.email, "203.0.113.9")
    ok = client.post(
        LOGIN, {"username": attacker.email, "password": PASSWORD}, REMOTE_ADDR="203.0.113.9"
    )
    assert ok.status_code == 302
    client.logout()
    for n in range(10):
        response = _fail(client, f"victim{n}@example.fi", "203.0.113.9")
    assert response.status_code == 429


def test_login__forged_forwarded_for_header_does_not_reset_the_address_count(client):
    for account in JobseekerUserFactory.create_batch(25):
        for n in range(2):
            client.post(
                LOGIN,
                {"username": account.email, "password": "wrong-one"},
                REMOTE_ADDR="203.0.113.10",
                HTTP_X_FORWARDED_FOR=f"10.0.{n}.{account.pk % 250}",
            )
    user = JobseekerUserFactory()
    response = client.post(
        LOGIN, {"username": user.email, "password": PASSWORD}, REMOTE_ADDR="203.0.113.10"
    )
    assert response.status_code == 429


def test_password_reset__lifts_the_account_lockout(
    client, jobseeker, django_capture_on_commit_callbacks
):
    for n in range(5):
        _fail(client, jobseeker.email, f"198.51.100.{n + 30}")
    _ask_reset(client, django_capture_on_commit_callbacks, {"email": jobseeker.email})
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "Uusi-Salasana-2026", "new_password2": "Uusi-Salasana-2026"},
    )
    response = client.post(LOGIN, {"username": jobseeker.email, "password": "Uusi-Salasana-2026"})
    assert response.status_code == 302


def test_password_reset__address_in_another_case_gets_the_mail(
    client, django_capture_on_commit_callbacks
):
    user = JobseekerUserFactory(email="someone@example.fi")
    response = _ask_reset(
        client, django_capture_on_commit_callbacks, {"email": "Someone@Example.FI"}
    )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[user.email]]


def test_password_reset__mails_to_one_address_are_limited_quietly(
    client, jobseeker, django_capture_on_commit_callbacks
):
    responses = [
        _ask_reset(client, django_capture_on_commit_callbacks, {"email": jobseeker.email})
        for _ in range(5)
    ]
    assert {(r.status_code, r["Location"]) for r in responses} == {
        (302, "/fi/accounts/password/reset/sent/")
    }
    assert len(mail.outbox) == 3


def test_password_reset__mails_asked_from_one_client_are_limited_quietly(
    client, django_capture_on_commit_callbacks
):
    users = JobseekerUserFactory.create_batch(22)
    for user in users:
        response = _ask_reset(
            client,
            django_capture_on_commit_callbacks,
            {"email": user.email},
            REMOTE_ADDR="203.0.113.11",
        )
        assert response.status_code == 302
    assert len(mail.outbox) == 20
    # another client is not affected
    _ask_reset(
        client,
        django_capture_on_commit_callbacks,
        {"email": users[-1].email},
        REMOTE_ADDR="192.0.2.9",
    )
    assert len(mail.outbox) == 21


def test_password_reset__unconfirmed_sign_up_gets_the_link_and_is_confirmed(
    client, django_capture_on_commit_callbacks
):
    user = JobseekerUserFactory(is_active=False, email_confirmed_at=None)
    _ask_reset(client, django_capture_on_commit_callbacks, {"email": user.email})
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "Uusi-Salasana-2026", "new_password2": "Uusi-Salasana-2026"},
    )
    user.refresh_from_db()
    assert user.is_active is True
    assert user.email_confirmed_at is not None


def test_password_reset__deactivated_account_gets_no_mail(client):
    user = JobseekerUserFactory(is_active=False)
    response = client.post("/fi/accounts/password/reset/", {"email": user.email})
    assert response.status_code == 302
    assert mail.outbox == []


def test_migration__lower_cases_addresses_and_moves_case_duplicates_aside(jobseeker):
    import importlib

    from django.apps import apps
    from django.db import connection
    from django.utils import timezone

    migration = importlib.import_module("profiles.migrations.0005_user_email_case_insensitive")
    recent, older = JobseekerUserFactory.create_batch(2)
    with connection.cursor() as cursor:  # as before the constraint (rolled back with the test)
        cursor.execute("DROP INDEX uniq_user_email_case_insensitive")
    User.objects.filter(pk=recent.pk).update(email="Same@Example.fi", last_login=timezone.now())
    User.objects.filter(pk=older.pk).update(email="same@example.fi", last_login=None)
    User.objects.filter(pk=jobseeker.pk).update(email="Only@Example.fi")

    migration.lower_case_emails(apps, None)

    emails = dict(User.objects.values_list("pk", "email"))
    assert emails[recent.pk] == "same@example.fi"
    assert emails[older.pk] == f"same@example.fi.duplicate-{older.pk}.invalid"
    assert emails[jobseeker.pk] == "only@example.fi"
    assert User.objects.get(pk=older.pk).is_active is False
    assert User.objects.get(pk=recent.pk).is_active is True


@pytest.mark.django_db(transaction=True)
def test_password_reset__smtp_down_answers_as_usual_and_mails_later(
    client, jobseeker, smtp_down, settings
):
    from tori.models import PendingTask
    from tori.queue import pending_tasks_replay

    # when: the SMTP server refuses connections
    response = client.post("/fi/accounts/password/reset/", {"email": jobseeker.email})
    # then: the usual answer, no mail yet, the message waits in the outbox
    assert response.status_code == 302
    assert mail.outbox == []
    assert PendingTask.objects.get().kwargs["to"] == [jobseeker.email]
    # and when the server is back, the reset link goes out
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    assert pending_tasks_replay() == 1
    assert [m.to for m in mail.outbox] == [[jobseeker.email]]
    assert "/fi/accounts/password/reset/" in mail.outbox[0].body
