from celery import shared_task
from django.db import connection


@shared_task(name="tori.healthcheck")
def healthcheck_task() -> dict:
    """Proves a worker is alive and reaches the database (used by monitoring and tests)."""
    from profiles.models import User

    return {"database": connection.vendor, "users": User.objects.count()}
