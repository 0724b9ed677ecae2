"""Throttle, lockout and mail counts are shared through Redis by separate processes (as by
gunicorn workers), and every cache use of the project works on the Redis cache."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings

from tests.factories import JobseekerUserFactory
from tests.factories.users import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.integration

# One process = one gunicorn worker: production settings, the cache from the environment.
WORKER = """
import json, sys
import django
django.setup()
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from rest_framework.throttling import AnonRateThrottle
from tori import ratelimit

ip, address = sys.argv[1], sys.argv[2]
throttle = AnonRateThrottle()
throttle.rate = "5/minute"
throttle.num_requests, throttle.duration = throttle.parse_rate(throttle.rate)
request = RequestFactory().get("/api/v1/", REMOTE_ADDR=ip)
request.user = AnonymousUser()
print(json.dumps({
    "throttle": sum(throttle.allow_request(request, None) for _ in range(5)),
    "mail": sum(ratelimit.account_mail_allowed(address=address, client=ip) for _ in range(3)),
}))
"""


def _worker(ip, address):
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "CELERY_", "CACHE_URL"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="tori.settings.base", CACHE_URL=settings.TORI_CACHE_URL
    )
    result = subprocess.run(
        [sys.executable, "-c", WORKER, ip, address],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_throttle__two_processes_share_one_count():
    # a fresh client address and mail address, so no earlier run's counts matter
    ip = f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"
    address = f"{uuid.uuid4().hex}@example.fi"
    first = _worker(ip, address)
    second = _worker(ip, address)
    assert first == {"throttle": 5, "mail": 3}
    # the second worker sees the first one's requests: nothing more is allowed
    assert second == {"throttle": 0, "mail": 0}


@pytest.fixture
def redis_cache():
    """The configured Redis cache as the project's default cache, under a fresh key prefix."""
    assert settings.TORI_CACHE_URL.startswith("redis")
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": settings.TORI_CACHE_URL,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    with override_settings(CACHES=caches):
        AxesProxyHandler.get_implementation(force=True)  # its cache handle follows
        yield cache
    AxesProxyHandler.get_implementation(force=True)


@pytest.mark.django_db
def test_lockout__on_redis_locks_a_spraying_address(client, redis_cache):
    assert type(redis_cache._connections[redis_cache._alias]).__name__ == "RedisCache"
    for account in JobseekerUserFactory.create_batch(25):
        for _ in range(2):
            client.post(
                "/fi/accounts/sign-in/",
                {"username": account.email, "password": "wrong-one"},
                REMOTE_ADDR="203.0.113.50",
            )
    user = JobseekerUserFactory()
    response = client.post(
        "/fi/accounts/sign-in/",
        {"username": user.email, "password": PASSWORD},
        REMOTE_ADDR="203.0.113.50",
    )
    assert response.status_code == 429


@pytest.mark.django_db
def test_catalog_reference_names__work_on_redis(redis_cache):
    from catalog import selectors
    from reference.models import Region

    Region.objects.create(code="99", name_fi="Testimaa", name_sv="Testland", name_en="Testland")
    names = selectors.reference_names(required_regions=["99"])
    assert names["regions"]["99"] == ["Testimaa", "Testland", "Testland"]
    assert redis_cache.get(selectors.REFERENCE_NAMES_CACHE_KEY) is not None
    selectors.forget_reference_names()
    assert redis_cache.get(selectors.REFERENCE_NAMES_CACHE_KEY) is None
