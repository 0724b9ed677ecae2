"""Partner feeds served from local files by a tiny HTTP server on 127.0.0.1: the importer's
client does real HTTP, only the network beyond this machine is out of the picture. The
outbound client refuses loopback addresses, so the feed server (and only it) is let through
with settings.OUTBOUND_ALLOWED_PRIVATE_HOSTS."""

import json
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.factories import MunicipalityFactory, in_days


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - silence the test output
        pass

    def do_GET(self):  # noqa: N802
        if self.path.startswith("/slow"):
            time.sleep(3)
        super().do_GET()


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """The importer hangs up on purpose (size cap, time-out); that is not an error."""


@pytest.fixture
def feed_server(tmp_path, settings):
    """(directory, base_url): files written to the directory are served under base_url;
    paths starting with /slow answer after three seconds."""
    root = tmp_path / "feeds"
    root.mkdir()

    def handler(*args, **kwargs):
        return _Handler(*args, directory=str(root), **kwargs)

    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    authority = f"127.0.0.1:{server.server_address[1]}"
    settings.OUTBOUND_ALLOWED_PRIVATE_HOSTS = [authority]
    yield root, f"http://{authority}"
    server.shutdown()
    server.server_close()


def feed_item(number: int, **overrides) -> dict:
    item = {
        "id": f"ad-{number}",
        "url": f"https://partner.example/jobs/{number}",
        "title": {"fi": f"Hitsaaja {number}"},
        "description": {"fi": f"<p>Hitsaustöitä konepajassa numero {number}.</p>"},
        "employer": {"name": "Konepaja Esimerkki Oy", "business_id": "0737546-2"},
        "location": {"municipality_code": "837", "postal_code": "33100"},
        "apply": {"url": f"https://partner.example/jobs/{number}/apply"},
        "valid_through": in_days(20).isoformat(),
        "date_posted": in_days(-1).isoformat(),
        "employment_type": "FULL_TIME",
    }
    item.update(overrides)
    return item


def write_feed(root, name: str, items: list[dict]) -> None:
    document = {"version": "tori-job-feed/1", "publisher": {"name": "Partner"}, "items": items}
    (root / name).write_text(json.dumps(document), encoding="utf-8")


@pytest.fixture
def tampere(db):
    return MunicipalityFactory()
