"""Test settings: fast hashing, in-memory e-mail, isolated media. Database and broker come
from the environment, so the same suite runs on SQLite and on PostgreSQL + Redis."""

import os
import tempfile

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
MEDIA_ROOT = tempfile.mkdtemp(prefix="tori-test-media-")
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {"anon": "10000/minute", "user": "10000/minute"},
}
# Throttle, lockout and mail counts stay in this process even when Redis is configured, so
# that runs side by side share nothing; tests/conftest.py empties them before every test.
# Integration tests reach the configured Redis cache at TORI_CACHE_URL themselves.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
LOGGING["root"]["level"] = os.environ.get("TORI_LOG_LEVEL", "WARNING")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": None}  # in-memory test database
# Only for the worker-loss integration test: matching refresh tasks wait this long before
# writing, so the test can stop the worker in the middle of one.
MATCHING_REFRESH_DELAY_SECONDS = float(os.environ.get("MATCHING_REFRESH_DELAY_SECONDS", "0"))
