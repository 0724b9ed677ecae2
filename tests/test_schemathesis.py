"""Schemathesis on both OpenAPI schemas, as five identities, inside the Django WSGI app.

Both schemas (`/api/v1/schema/` and `/hsds/openapi.json`) are loaded from the app itself (no
server); every operation gets `EXAMPLES_PER_OPERATION` generated requests (deterministic:
derandomised Hypothesis, so CI and a developer see the same cases) as each identity —
anonymous, a jobseeker, an employer, a provider member and an expert with a verified second
factor (a signed-in session, as a browser has it, with its CSRF token). Every response must be
no server error, have a documented status code, content type and body schema.

Failures are collected over all operations and reported together, one line per operation and
kind of failure, with the request to repeat it. `TORI_SCHEMATHESIS_EXAMPLES` raises the
number of examples for a deeper local run."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field

import hypothesis
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import Client
from hypothesis import HealthCheck, Phase
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.conftest import login_with_second_factor
from tests.factories import (
    EmployerUserFactory,
    EscoOccupationFactory,
    EscoSkillFactory,
    ExpertUserFactory,
    JobAdFactory,
    JobseekerUserFactory,
    MunicipalityFactory,
    ProviderUserFactory,
    ServiceFactory,
    taxonomy_term,
)
from tori.wsgi import application

EXAMPLES_PER_OPERATION = int(os.environ.get("TORI_SCHEMATHESIS_EXAMPLES", "10"))
IDENTITIES = ["anonymous", "jobseeker", "employer", "provider_member", "expert"]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
CSRF_SECRET = "schemathesisschemathesisschemat1"  # 32 characters, as Django's own

SCHEMAS = {
    "api": schemathesis.openapi.from_wsgi("/api/v1/schema/", application),
    "hsds": schemathesis.openapi.from_wsgi("/hsds/openapi.json", application),
}

pytestmark = pytest.mark.django_db


@dataclass
class Report:
    cases: Counter = field(default_factory=Counter)
    failures: dict = field(default_factory=dict)

    def add(self, operation, case, error) -> None:
        failures = getattr(error, "exceptions", None) or [error]
        for failure in failures:
            title = getattr(failure, "title", type(failure).__name__)
            key = (operation.label, title)
            if key not in self.failures:
                message = str(getattr(failure, "message", failure)).strip().splitlines()
                self.failures[key] = f"{' | '.join(message[:6])}\n    {case.as_curl_command()}"

    def summary(self) -> str:
        return "\n".join(
            f"{label}: {title}\n    {detail}"
            for (label, title), detail in sorted(self.failures.items())
        )


def _world():
    """A little of everything, so that generated ids sometimes hit real rows."""
    municipality = MunicipalityFactory()
    skill = EscoSkillFactory(label_fi="asiakaspalvelu", label_en="customer service")
    occupation = EscoOccupationFactory(label_fi="kokki", label_en="cook")
    service = ServiceFactory(
        municipalities=[municipality], target_groups=[taxonomy_term("jobseekers")]
    )
    service.esco_skills.set([skill])
    JobAdFactory(occupation=occupation, skills=[skill], municipality=municipality)


def _sign_in(identity: str) -> dict:
    """Headers of a signed-in browser session of a new user of that kind."""
    csrf = {"Cookie": f"csrftoken={CSRF_SECRET}", "X-CSRFToken": CSRF_SECRET}
    if identity == "anonymous":
        return csrf
    client = Client()
    user = {
        "jobseeker": JobseekerUserFactory,
        "employer": EmployerUserFactory,
        "provider_member": ProviderUserFactory,
        "expert": ExpertUserFactory,
    }[identity]()
    if identity == "expert":
        login_with_second_factor(client, user)
    else:
        client.force_login(user)
    session = client.cookies["sessionid"].value
    headers = {**csrf, "Cookie": f"sessionid={session}; csrftoken={CSRF_SECRET}"}
    # the session is the user's, and an expert's second factor counts (the e-service items
    # are for experts with a verified second factor only)
    me = Client(headers=headers).get("/api/v1/me/")
    assert (me.status_code, me.json()["email"]) == (200, user.email)
    if identity == "expert":
        assert Client(headers=headers).get("/api/v1/e-services/items/").status_code == 200
    return headers


def _operation_test(operation, headers: dict, report: Report):
    @hypothesis.given(case=operation.as_strategy())
    @hypothesis.settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def test(case):
        report.cases[operation.label] += 1
        # each case in a savepoint: a database error of one case (PostgreSQL then refuses
        # every later statement of the transaction) is reported for that case only
        savepoint = transaction.savepoint_create()
        response = case.call(headers=headers)
        if response.status_code >= 500:
            transaction.savepoint_rollback(savepoint)
        else:
            transaction.savepoint_commit(savepoint)
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except (Exception, BaseExceptionGroup) as error:  # collected: all are tried
            report.add(operation, case, error)

    return test


def _run(schema, headers: dict) -> Report:
    """Like Django's test client, keep the test's connection (and its transaction) open
    across requests: the WSGI handler would close it when a request starts and finishes."""
    report = Report()
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        for result in schema.get_all_operations():
            _operation_test(result.ok(), headers, report)()
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)
    return report


@pytest.mark.parametrize("identity", IDENTITIES)
@pytest.mark.parametrize("schema_name", sorted(SCHEMAS))
def test_schemathesis__no_server_error_and_responses_as_documented(schema_name, identity):
    _world()
    report = _run(SCHEMAS[schema_name], _sign_in(identity))
    print(  # shown with -s: the figures of the run
        f"schemathesis {schema_name} as {identity}: {len(report.cases)} operations, "
        f"{sum(report.cases.values())} cases"
    )
    assert len(report.cases) == len(list(SCHEMAS[schema_name].get_all_operations()))
    assert not report.failures, (
        f"{len(report.failures)} failures in {sum(report.cases.values())} cases:\n"
        + report.summary()
    )
