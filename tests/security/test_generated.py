"""Generated security suite: every URL × every identity × GET and every write method.

What it does
------------
``world.py`` builds, once per module, ten identities and their parties' objects (two
jobseekers, employers of two organisations, two providers, an expert of Tampere and one of
Vantaa, a platform admin, anonymous) plus ``newcomer``, who signed up through the public form
with employer A's business ID. Every personal-data field holds a unique marker
(``MRK-JS1-phone-7f3a``) owned by a party and labelled with a category.

``walker.py`` enumerates every URL pattern from the resolver (HTML under ``/fi/``,
``/api/v1``, ``/hsds``, the admin, media) and fills each keyword with ids of every party's
objects of the right model (``KWARGS``: keyword → model; an unmapped keyword fails
``test_every_url_keyword_is_mapped``). Excluded patterns are listed there with their reasons.

``policy.py`` is the rule book, as data: which identity may see which party's marker
categories (``SEES``) and which foreign objects it may change, and which tables
(``WRITES``).

The tests
---------
- ``test_get``: each identity GETs every filled URL. Fails on any 5xx and on any marker the
  policy hides from that identity, in the body (HTML, JSON, CSV, files) or the headers; TOTP
  keys (hex and base32) are secrets nobody may read.
- ``test_writes``: each identity POSTs (and PUTs / PATCHes / DELETEs where the view has them)
  an empty body and a universal body (``bodies.py``: a plausible value for every field of
  every form and serializer) to every URL, with other parties' ids. Row triggers
  (``changes.py``) record what each request changed; a write naming a foreign object must
  change nothing unless ``WRITES`` allows it. 5xx and marker leaks in the answer fail too.
- ``test_without_second_factor``: the experts and the admin signed in with the password only
  walk every page, and with a DRF token every API URL (GET and writes): no one else's marker,
  no change to anyone else's rows (a token carries no second factor).
- ``test_every_url_keyword_is_mapped``: every URL keyword has a rule in ``walker.KWARGS`` and
  every filled URL resolves to the pattern it was made from.

Run: ``pytest tests/security`` (SQLite) or with ``DATABASE_URL=postgres://…`` (PostgreSQL);
``-s`` prints the figures (patterns, requests, pattern × identity × method pairs, seconds).
Adding a URL needs nothing here unless it introduces a new keyword (one line in ``KWARGS``);
adding personal data needs a marker in ``world.py`` and, if someone else may see it, a rule in
``policy.SEES``.

Every request runs in a savepoint rolled back afterwards, so the world is the same for each.
A failure lists every violation as ``identity METHOD url → what`` (not only the first).
DRF throttles are switched off for the walk (thousands of requests a minute by design).
PDF bodies are searched as bytes: text in compressed PDF streams is not decoded.
"""

from __future__ import annotations

import copy
import json
import logging
import time
from collections import Counter, defaultdict
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.test import Client
from django.urls import resolve
from django.utils import translation

from tests.conftest import login_with_second_factor
from tests.security import bodies, changes, policy, walker
from tests.security.world import IDENTITIES, MARKER_RE, SECOND_FACTOR, build_world

# Marks the module's tests as database tests (so pytest-django creates the test database);
# the world itself lives in the module fixture's transaction, each test in a savepoint of it.
pytestmark = pytest.mark.django_db

STATS: Counter = Counter()
PAIRS: set = set()


class Walk:
    def __init__(self, world):
        self.world = world
        self.patterns = walker.patterns()
        self.fillings = {p: list(walker.fillings(world, p)) for p in self.patterns}
        self.form_body, self.json_body = bodies.universal_bodies()
        self.row_owner = changes.owners_by_row(world)
        self.clients = {}
        for identity in IDENTITIES:
            client = Client(raise_request_exception=False)
            if identity in SECOND_FACTOR:
                login_with_second_factor(client, world.users[identity])
            elif identity != "anon":
                client.force_login(world.users[identity])
            self.clients[identity] = client

    def request(self, identity, method, url, body=None, client=None):
        client = client or self.clients[identity]
        cookies = copy.deepcopy(client.cookies)
        pattern_json = url.startswith(("/api/", "/hsds/"))
        kwargs = {}
        if method != "get" and body is not None:
            if pattern_json:
                kwargs = {"data": json.dumps(body), "content_type": "application/json"}
            elif method == "post":
                kwargs = {"data": body}
            else:
                kwargs = {
                    "data": urlencode(body, doseq=True),
                    "content_type": "application/x-www-form-urlencoded",
                }
        with transaction.atomic():
            response = getattr(client, method)(url, **kwargs)
            content = _content(response)
            rows = changes.read() if method != "get" else []
            transaction.set_rollback(True)
        client.cookies = cookies
        STATS["requests"] += 1
        return response, content, rows

    def leaks(self, viewer, response, content, capability=None) -> list[str]:
        text = content + "\n" + "\n".join(f"{k}: {v}" for k, v in response.items())
        found = []
        for value in sorted({m.upper() for m in MARKER_RE.findall(text)}):
            marker = self.world.markers.get(value)
            if marker is None or policy.may_see(viewer, marker):
                continue
            if capability and marker.party == capability[0] and marker.category in capability[1]:
                continue
            found.append(f"{marker.value} ({marker.party}/{marker.category}, {marker.where})")
        for value, marker in self.world.secrets.items():
            if value in text:
                found.append(f"secret of {marker.party} ({marker.where})")
        return found


def _content(response) -> str:
    if getattr(response, "streaming", False):
        data = b"".join(response.streaming_content)
        if hasattr(response, "close"):
            response.close()
    else:
        data = response.content
    return data.decode("utf-8", errors="replace")


@pytest.fixture(scope="module")
def walk(django_db_setup, django_db_blocker):
    from rest_framework.throttling import SimpleRateThrottle

    started = time.monotonic()
    with (
        django_db_blocker.unblock(),
        pytest.MonkeyPatch.context() as patch,
        translation.override("fi"),
    ):
        patch.setattr(SimpleRateThrottle, "allow_request", lambda self, request, view: True)
        logging.disable(logging.WARNING)  # thousands of expected 403/404/405 lines
        with transaction.atomic():
            world = build_world()
            changes.install()
            walk = Walk(world)
            changes.clear()  # the sign-ins above are not a request's changes
            STATS["world_seconds"] = round(time.monotonic() - started, 1)
            yield walk
            transaction.set_rollback(True)
    logging.disable(logging.NOTSET)
    STATS["patterns"] = len(walk.patterns)
    STATS["identities"] = len(IDENTITIES)
    STATS["pattern_identity_method_pairs"] = len(PAIRS)
    STATS["seconds"] = round(time.monotonic() - started, 1)
    print("\nsecurity suite:", dict(STATS))  # noqa: T201 - the figures for the closing note


@pytest.fixture
def in_walk(walk, django_db_blocker):
    with django_db_blocker.unblock(), translation.override("fi"):
        yield walk


def _fail(violations: list[str], what: str):
    if violations:
        grouped = Counter(v.split(" → ")[1].split(" (")[0] for v in violations if " → " in v)
        head = f"{len(violations)} {what}; most frequent: {grouped.most_common(8)}"
        pytest.fail(head + "\n" + "\n".join(violations), pytrace=False)


def test_every_url_keyword_is_mapped(in_walk):
    """A new URL keyword needs a line in walker.KWARGS; every filled URL resolves to its own
    pattern (a mapping mistake would otherwise walk 404s forever)."""
    assert walker.unmapped(in_walk.patterns) == []
    wrong = []
    for pattern, fillings in in_walk.fillings.items():
        for _party, url, _objs in fillings:
            match = resolve(url.split("?")[0])
            if match.func is not pattern.callback:
                wrong.append(f"{pattern.route}: {url} → {match.route}")
    assert wrong == []
    with_ids = [p for p in in_walk.patterns if p.keywords]
    empty = [p.route for p in with_ids if not in_walk.fillings[p]]
    # admin pages of models the world has no rows of are walked as lists only
    assert [r for r in empty if not r.startswith("fi/admin/")] == []


@pytest.mark.parametrize("identity", IDENTITIES)
def test_get(in_walk, identity):
    violations = []
    for pattern, fillings in in_walk.fillings.items():
        PAIRS.add((pattern.route, identity, "get"))
        capability = walker.capability(pattern)
        for party, url, _objs in fillings:
            response, content, _rows = in_walk.request(identity, "get", url)
            STATS["gets"] += 1
            if response.status_code >= 500:
                violations.append(f"{identity} GET {url} → {response.status_code}")
            granted = (party, capability) if capability else None
            for leak in in_walk.leaks(identity, response, content, granted):
                violations.append(f"{identity} GET {url} → {leak}")
    _fail(violations, f"violations for {identity} (GET)")


@pytest.mark.parametrize("identity", IDENTITIES)
def test_writes(in_walk, identity):
    violations = []
    walk = in_walk
    for pattern, fillings in walk.fillings.items():
        methods = pattern.methods()
        if not methods:
            continue
        body = walk.json_body if pattern.is_api else walk.form_body
        for party, url, objs in _sample(pattern, fillings, identity):
            if party == identity:
                continue  # own objects: writes are the identity's right
            for method in methods:
                PAIRS.add((pattern.route, identity, method))
                # The admin refuses other identities before reading the body: one write each.
                sent_bodies = (body,) if pattern.is_admin and identity != "admin" else ({}, body)
                for sent in sent_bodies:
                    response, content, rows = walk.request(identity, method, url, sent)
                    STATS["writes"] += 1
                    STATS["writes_with_foreign_ids"] += bool(objs)
                    where = f"{identity} {method.upper()} {url}"
                    if response.status_code >= 500:
                        violations.append(f"{where} → {response.status_code}")
                    granted = (
                        (party, walker.capability(pattern)) if walker.capability(pattern) else None
                    )
                    for leak in walk.leaks(identity, response, content, granted):
                        violations.append(f"{where} → {leak}")
                    if objs:
                        for change in _refused_changes(walk, identity, party, objs, rows):
                            violations.append(
                                f"{where} → {change} (body {'generic' if sent else 'empty'})"
                            )
    _fail(violations, f"violations for {identity} (writes)")


def _sample(pattern, fillings, identity):
    """Admin pages refuse everyone but the platform admin before looking at the object, so
    other identities walk each admin pattern with one object, the admin with all of them."""
    if pattern.is_admin and identity != "admin":
        return fillings[:1]
    return fillings


def _refused_changes(walk, identity, party, objs, rows) -> list[str]:
    models = {o._meta.label for o in objs}
    refused = defaultdict(int)
    for table, op, pk in rows:
        if table in policy.IGNORED_TABLES or table == changes.LOG:
            continue
        if op != "INSERT" and walk.row_owner.get((table, pk)) == identity:
            continue
        if any(policy.may_write(identity, party, m, table) for m in models):
            continue
        refused[f"{op} {table}"] += 1
    return [f"changed {what} ×{n}" for what, n in sorted(refused.items())]


@pytest.mark.parametrize("identity", sorted(SECOND_FACTOR))
def test_without_second_factor(in_walk, identity):
    """Signed in with the password only, or holding an API token (a token carries no second
    factor): no page or API answer shows anyone else's marker, and no API write with another
    party's ids changes anything."""
    from rest_framework.authtoken.models import Token

    user = in_walk.world.users[identity]
    session = Client(raise_request_exception=False)
    session.force_login(user)
    token = Token.objects.get_or_create(user=user)[0]
    bearer = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Token {token.key}")
    changes.clear()
    violations = []
    for pattern, fillings in in_walk.fillings.items():
        seen_parties = set()
        for party, url, objs in fillings:
            if party in seen_parties:
                continue  # a sample: one URL per party and pattern
            seen_parties.add(party)
            channels = [("password only", session, "get")]
            if pattern.is_api:
                channels += [("token", bearer, "get")]
                channels += [("token", bearer, m) for m in pattern.methods()]
            for channel, client, method in channels:
                body = in_walk.json_body if method != "get" else None
                response, content, rows = in_walk.request(identity, method, url, body, client)
                STATS["requests_without_second_factor"] += 1
                where = f"{identity}({channel}) {method.upper()} {url}"
                if response.status_code >= 500:
                    violations.append(f"{where} → {response.status_code}")
                violations += [f"{where} → {leak}" for leak in _others(in_walk, identity, content)]
                if objs and party != identity:
                    changed = {
                        f"{op} {table}"
                        for table, op, pk in rows
                        if table not in policy.IGNORED_TABLES
                        and in_walk.row_owner.get((table, pk)) != identity
                    }
                    violations += [f"{where} → changed {c}" for c in sorted(changed)]
    _fail(violations, f"violations for {identity} without a second factor")


def _others(walk, identity, content) -> list[str]:
    found = []
    for value in sorted({m.upper() for m in MARKER_RE.findall(content)}):
        marker = walk.world.markers.get(value)
        if marker is not None and marker.party != identity:
            found.append(f"{marker.value} ({marker.party}/{marker.category})")
    found += [f"secret of {m.party}" for v, m in walk.world.secrets.items() if v in content]
    return found
