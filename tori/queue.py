"""Queueing Celery tasks after commit without ever failing the request that saved the data.

Every app queues its background work with `enqueue_on_commit(task, notice=…, **kwargs)`:
after the transaction commits the task is handed to the broker (a short connect timeout and
publish retry policy in settings keep this to a few seconds when the broker is down). When
that fails — broker down, or in embedded (eager) mode the task itself raised — the job is
recorded in the outbox (`tori.models.PendingTask`), a warning is logged, the returned
`Dispatch` says `postponed`, and `PostponedWorkMiddleware` tells the user the truth with the
task's `notice` ("Saved. … will be done shortly."). `pending_tasks_replay` queues the outbox
again: a beat task every minute and once when a worker starts.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar
from dataclasses import dataclass
from functools import partial

from django.db import transaction

logger = logging.getLogger(__name__)

# The dispatches postponed while the current request is served (None outside a request).
_postponed: ContextVar[list | None] = ContextVar("tori_postponed_dispatches", default=None)


@dataclass
class Dispatch:
    """One queued job; `state` is "waiting" until the transaction commits, then "queued" or
    "postponed" (recorded in the outbox)."""

    name: str
    kwargs: dict
    notice: str | None = None
    state: str = "waiting"

    @property
    def postponed(self) -> bool:
        return self.state == "postponed"


def enqueue_on_commit(task, /, *, notice=None, **kwargs) -> Dispatch:
    """Queue `task(**kwargs)` after the current transaction commits (at once outside one).
    Never raises into the caller. `notice` is the translated sentence shown to the user when
    the job had to be postponed; kwargs must be JSON-serialisable."""
    dispatch = Dispatch(name=task.name, kwargs=kwargs, notice=notice)
    transaction.on_commit(partial(_send, task.delay, dispatch), robust=True)
    return dispatch


def _send(delay, dispatch: Dispatch) -> None:
    try:
        delay(**dispatch.kwargs)
    except Exception as error:  # noqa: BLE001 - broker errors, or the task's own in eager mode
        logger.warning("Task %s postponed to the outbox: %r", dispatch.name, error)
        pending_task_record(name=dispatch.name, kwargs=dispatch.kwargs, error=repr(error))
        dispatch.state = "postponed"
        collected = _postponed.get()
        if collected is not None:
            collected.append(dispatch)
    else:
        dispatch.state = "queued"


def collect_postponed() -> tuple[list, object]:
    """Start collecting the dispatches postponed in this request; returns (list, token)."""
    collected: list = []
    return collected, _postponed.set(collected)


def stop_collecting(token) -> None:
    _postponed.reset(token)


def pending_task_record(*, name: str, kwargs: dict, error: str = "") -> None:
    """Keep a job for a later replay; logs (never raises) when even the database is down."""
    from tori.models import PendingTask

    try:
        PendingTask.objects.create(name=name, kwargs=kwargs, last_error=error[:2000])
    except Exception:  # noqa: BLE001 - the request's own data is already saved
        logger.exception("Task %s lost: the outbox could not be written either", name)


def pending_task_exists(*, name: str, **kwargs) -> bool:
    """Whether a job with these arguments waits in the outbox (e.g. a CV analysis)."""
    from tori.models import PendingTask

    lookups = {f"kwargs__{key}": value for key, value in kwargs.items()}
    return PendingTask.objects.filter(name=name, **lookups).exists()


def pending_tasks_replay(*, limit: int = 500) -> int:
    """Queue the outbox again, oldest first; a row is deleted once its task is handed over
    (or, in eager mode, has run). Stops at the first broker failure (still down). Returns how
    many were replayed."""
    from celery import current_app
    from kombu.exceptions import OperationalError as BrokerError

    from tori.models import PendingTask

    replayed = 0
    for pk in PendingTask.objects.order_by("pk").values_list("pk", flat=True)[:limit]:
        with transaction.atomic():
            row = PendingTask.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
            if row is None:
                continue  # replayed by another process a moment ago
            task = current_app.tasks.get(row.name)
            try:
                if task is None:
                    raise LookupError(f"no task named {row.name}")
                task.delay(**row.kwargs)
            except Exception as error:  # noqa: BLE001 - kept for the next replay
                row.attempts += 1
                row.last_error = repr(error)[:2000]
                row.save(update_fields=["attempts", "last_error", "attempted_at"])
                logger.warning("Pending task %s #%s still postponed: %r", row.name, pk, error)
                if isinstance(error, BrokerError):
                    break
                continue
            row.delete()
            replayed += 1
    return replayed
