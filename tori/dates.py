"""Dates and times given by clients (query parameters): parsed once, strictly.

A moment is returned in UTC so that what reaches the database is always in range for it:
PostgreSQL refuses UTC offsets beyond ±15:59 and Python cannot shift a moment past year 1
or 9999 (``0001-01-01T00:00+20:38``). Anything unreadable or out of range raises ValueError,
which the callers turn into a 400 with their own message."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime


def parse_moment(value: str) -> datetime.datetime:
    """An ISO 8601 date-time, or a date (its midnight); without a zone, Finnish time
    (the default time zone). Returns an aware datetime in UTC."""
    text = value.strip()
    moment = parse_datetime(text)  # ValueError for e.g. hour 25 or a 24-hour offset
    if moment is None:
        day = parse_date(text)
        if day is None:
            raise ValueError(f"not an ISO 8601 date or date-time: {value!r}")
        moment = datetime.datetime.combine(day, datetime.time())
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_default_timezone())
    try:
        return moment.astimezone(datetime.UTC)
    except OverflowError:
        raise ValueError(f"out of range: {value!r}") from None
