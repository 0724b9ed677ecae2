"""Identical enrolment requests sent at the same moment: one is stored, the others get the
answer of a request sent twice ("already sent", 400) — never a 500."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.utils.translation import gettext

from catalog import services
from catalog.models import EnrolmentRequest
from tests.factories import JobseekerUserFactory, ServiceFactory
from tori.exceptions import ApplicationError


def _already_sent():
    return gettext("You have already sent a request for this service.")


def _other_request_not_yet_visible_to_the_check(monkeypatch, user, service):
    EnrolmentRequest(service=service, user=user, message="the other request").save()
    manager = EnrolmentRequest.objects
    real_filter = manager.filter

    def filter_before_the_other_commits(*args, **kwargs):
        queryset = real_filter(*args, **kwargs)
        return queryset.none() if "status__in" in kwargs else queryset

    monkeypatch.setattr(manager, "filter", filter_before_the_other_commits)


@pytest.mark.django_db
def test_enrolment_request_create__the_request_that_lost_the_race_gets_already_sent(
    monkeypatch,
):
    """Deterministic: the duplicate check runs before the other request is committed (the
    window two simultaneous requests share), so only the database constraint sees it."""
    user, service = JobseekerUserFactory(), ServiceFactory()
    _other_request_not_yet_visible_to_the_check(monkeypatch, user, service)
    with pytest.raises(ApplicationError) as error:
        services.enrolment_request_create(user=user, service=service, message="this one")
    assert (error.value.message, error.value.field) == (_already_sent(), "message")
    assert list(EnrolmentRequest.objects.values_list("message", flat=True)) == ["the other request"]


@pytest.mark.django_db
def test_enrolment_create_api__lost_race_is_400_not_500(monkeypatch, client):
    user, service = JobseekerUserFactory(), ServiceFactory()
    _other_request_not_yet_visible_to_the_check(monkeypatch, user, service)
    client.force_login(user)
    response = client.post(
        "/api/v1/enrolments/", {"service": service.pk}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"message": [_already_sent()]}
    assert list(EnrolmentRequest.objects.values_list("message", flat=True)) == ["the other request"]


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_enrolment_create_api__simultaneous_identical_requests_store_one():
    threads_count = 8
    user, service = JobseekerUserFactory(), ServiceFactory()
    clients = []
    for _ in range(threads_count):
        client = Client()
        client.force_login(user)
        clients.append(client)
    barrier = threading.Barrier(threads_count)
    statuses, errors = [], []

    def send(client):
        try:
            barrier.wait(timeout=30)
            response = client.post(
                "/api/v1/enrolments/", {"service": service.pk}, content_type="application/json"
            )
            statuses.append(response.status_code)
            if response.status_code == 400:
                assert response.json() == {"message": [_already_sent()]}
        except BaseException as error:  # reported below: a thread cannot fail the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(statuses) == [201] + [400] * (threads_count - 1)
    assert EnrolmentRequest.objects.filter(user=user, service=service).count() == 1
