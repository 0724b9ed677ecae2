"""Settings come from the environment; production settings pass `check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "CELERY_", "CACHE_URL"))
    }
    environment.update(env)
    environment["DJANGO_SETTINGS_MODULE"] = "tori.settings.base"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy__production_settings_have_no_warnings(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="x" * 20 + "a-long-random-production-secret-key-0123456789",
        DJANGO_ALLOWED_HOSTS="tori.example.fi",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_production__refuses_to_start_without_secret_key(tmp_path):
    result = _manage("check", DJANGO_DEBUG="false", DATABASE_URL=f"sqlite:///{tmp_path / 'db'}")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_embedded_mode__defaults_to_sqlite_and_eager_celery():
    result = _manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.LANGUAGE_CODE)",
    )
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True", "fi"]


def test_database_url_and_broker__switch_to_postgres_and_real_worker():
    result = _manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER)",
        DATABASE_URL="postgres://u@db.example:5432/tori",
        CELERY_BROKER_URL="redis://r:6379/0",
    )
    assert result.stdout.split() == ["django.db.backends.postgresql", "False"]


def test_docker_compose__parses_with_services_healthchecks_and_volumes():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {"web", "worker", "beat", "postgres", "redis"} <= set(services)
    for name in ("web", "worker", "beat", "postgres", "redis"):
        assert "healthcheck" in services[name], name
    assert {"pgdata", "redisdata", "media"} <= set(compose["volumes"])
    assert "gunicorn" in (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert services["worker"]["command"][:3] == ["celery", "-A", "tori"]


_CACHES = (
    "from django.core.cache import caches; "
    "from rest_framework.throttling import AnonRateThrottle as T; "
    "from axes.handlers.proxy import AxesProxyHandler as A; "
    "d = caches[T.cache._alias]; l = getattr(d, '_servers', ['-']); "
    "print(T.cache._alias, type(d).__name__, *l, "
    "type(A.get_implementation().cache).__name__)"
)


def test_cache_url__redis_makes_throttles_and_lockout_use_the_shared_cache():
    result = _manage("shell", "--no-imports", "-c", _CACHES, CACHE_URL="redis://r:6379/15")
    assert result.stdout.split() == ["default", "RedisCache", "redis://r:6379/15", "RedisCache"]


def test_cache_url__defaults_to_the_brokers_redis_on_the_next_database():
    result = _manage("shell", "--no-imports", "-c", _CACHES, CELERY_BROKER_URL="redis://r:6379/0")
    assert result.stdout.split() == ["default", "RedisCache", "redis://r:6379/1", "RedisCache"]


def test_cache_url__embedded_mode_keeps_counts_in_local_memory():
    result = _manage("shell", "--no-imports", "-c", _CACHES)
    assert result.stdout.split() == ["default", "LocMemCache", "-", "LocMemCache"]
