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
