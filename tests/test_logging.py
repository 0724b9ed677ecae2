"""A refused request is logged as one warning line, without a traceback (tori.logging)."""

import logging

import pytest
from django.urls import reverse

from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def test_forbidden_html_request__logged_as_a_warning_without_traceback(client_as, caplog):
    service = ServiceFactory()
    client = client_as("provider_user")  # providers do not enrol in services
    with caplog.at_level(logging.INFO, logger="django.request"):
        response = client.post(reverse("catalog:service-enrol", args=[service.pk]))
    assert response.status_code == 403
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert (record.levelno, record.status_code) == (logging.WARNING, 403)
    assert record.getMessage() == f"Forbidden (Permission denied): /fi/services/{service.pk}/enrol/"
    assert record.exc_info is None
    assert "Traceback" not in caplog.text


def test_forbidden_api_request__logged_as_a_warning_without_traceback(client_as, caplog):
    client = client_as("jobseeker")
    with caplog.at_level(logging.INFO, logger="django.request"):
        response = client.post("/api/v1/services/", {}, content_type="application/json")
    assert response.status_code == 403
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert (record.levelno, record.exc_info) == (logging.WARNING, None)
    assert "Traceback" not in caplog.text


def test_server_error__keeps_its_traceback():
    from tori.logging import ClientErrorWithoutTraceback

    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        exc_info = sys.exc_info()
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "x", (), exc_info)
    record.status_code = 500
    assert ClientErrorWithoutTraceback().filter(record) is True
    assert record.exc_info == exc_info
