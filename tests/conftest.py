import socket

import pytest
from django.utils import translation

from tests.factories import (
    EmployerUserFactory,
    ExpertUserFactory,
    JobseekerUserFactory,
    PlatformAdminFactory,
    ProviderUserFactory,
)


@pytest.fixture(autouse=True)
def _finnish_default(settings, tmp_path):
    settings.LANGUAGE_CODE = "fi"
    settings.MEDIA_ROOT = str(tmp_path / "media")
    translation.activate("fi")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Throttle, sign-in lockout and mail counts live in the cache: every test starts at zero."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _tasks_in_process(request):
    """Unit tests run Celery tasks in-process (eager) in both CI runs; only tests marked
    integration publish to the real broker for a real worker."""
    if request.node.get_closest_marker("integration"):
        yield
        return
    from tori.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


def closed_port() -> int:
    """A local TCP port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_down(settings):
    """E-mail goes to an SMTP server that refuses connections (a closed port)."""
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": closed_port(), "timeout": 2},
        }
    }


@pytest.fixture
def broker_down():
    """Celery publishes for real (not eager) to a broker URL on a closed port; restored
    afterwards. Yields a function that brings the broker back (the real one in integration
    tests, in-process execution otherwise)."""
    import os

    from tori.celery import app

    previous = (app.conf.task_always_eager, app.conf.broker_url)
    previous_env = os.environ.get("CELERY_BROKER_URL")  # Celery prefers it to app.conf
    down = f"redis://127.0.0.1:{closed_port()}/14"
    app.conf.task_always_eager = False
    app.conf.broker_url = os.environ["CELERY_BROKER_URL"] = down
    app._after_fork()  # drop pooled connections to the previous broker

    def back():
        app.conf.task_always_eager, app.conf.broker_url = previous
        if previous_env is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = previous_env
        app._after_fork()

    yield back
    back()


def login_with_second_factor(client, user):
    """Sign the client in and mark the session as confirmed with a TOTP device."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="test", defaults={"confirmed": True}
    )
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def jobseeker(db):
    return JobseekerUserFactory()


@pytest.fixture
def employer(db):
    return EmployerUserFactory()


@pytest.fixture
def provider_user(db):
    return ProviderUserFactory()


@pytest.fixture
def expert(db):
    return ExpertUserFactory()


@pytest.fixture
def platform_admin(db):
    return PlatformAdminFactory()


ROLES = ["anonymous", "jobseeker", "employer", "provider_user", "expert", "platform_admin"]


@pytest.fixture
def client_as(client, request):
    """client_as("expert") → a test client signed in as a fresh user of that role (experts
    and admins with a verified second factor); "anonymous" → not signed in."""

    def make(role):
        if role == "anonymous":
            return client
        user = request.getfixturevalue(role)
        if role in ("expert", "platform_admin"):
            return login_with_second_factor(client, user)
        client.force_login(user)
        return client

    return make


def pytest_collection_modifyitems(config, items):
    """Integration tests need the real services (CELERY_BROKER_URL and PostgreSQL), and
    `postgresql` tests (concurrency with threads) need PostgreSQL; in the embedded SQLite run
    they are deselected — and reported as such — not skipped."""
    from django.conf import settings

    postgresql = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    needs = {"integration": bool(settings.CELERY_BROKER_URL) and postgresql}
    needs["postgresql"] = postgresql
    missing = [marker for marker, available in needs.items() if not available]
    if not missing:
        return
    selected, deselected = [], []
    for item in items:
        unmet = any(item.get_closest_marker(marker) for marker in missing)
        (deselected if unmet else selected).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected
