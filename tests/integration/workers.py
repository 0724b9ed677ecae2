"""Real Celery workers for the integration tests: started as their own process group on the
test database and broker, waited for until they answer a ping, stopped or killed whole."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

from matching.models import Recommendation
from tori.celery import app

ROOT = Path(__file__).resolve().parents[2]
REFRESH_TASK = "matching.recommendations_refresh_profile"


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def start_worker(name: str, **env_extra) -> subprocess.Popen:
    """A worker in its own process group (so that it can be killed as a whole); `env_extra`
    sets test-only settings such as MATCHING_REFRESH_DELAY_SECONDS."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tori.settings.test",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        **env_extra,
    }
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "celery", "-A", "tori", "worker"),
            *("--pool=prefork", "--concurrency=1", "--loglevel=WARNING"),
            *("--without-gossip", "--without-mingle", "-n", f"{name}-{os.getpid()}@%h"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        replies = app.control.ping(timeout=1.0) or []
        if any(name in key for reply in replies for key in reply):
            return process
        assert process.poll() is None, "the worker exited while starting"
    raise AssertionError("the worker did not answer")


def kill_group(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            kill_group(process)


def active_child_pid(task_name: str = REFRESH_TASK, timeout: float = 60) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        active = app.control.inspect(timeout=1.0).active() or {}
        for tasks in active.values():
            for task in tasks:
                if task["name"] == task_name:
                    return task["worker_pid"]
    raise AssertionError("the refresh task never started")


def wait_for_rows(profile, timeout: float = 90) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        count = Recommendation.objects.filter(subject_profile=profile).count()
        if count:
            return count
        time.sleep(0.5)
    return 0
