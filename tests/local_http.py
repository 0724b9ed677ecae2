"""Tests of outbound requests: a tiny HTTP server on 127.0.0.1 that answers from a dict of
path → (status, headers, body) and records every path asked for, and a fake network (DNS
answers, a public address routed to such a server, every connection recorded)."""

import contextlib
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A client that hangs up on purpose is not an error."""


@contextlib.contextmanager
def serve(routes: dict):
    """Yields (port, hits). ``routes`` maps a path to (status, headers, body) or to a function
    of the port giving one; other paths answer 404."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - silence the test output
            pass

        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            answer = routes.get(self.path, (404, {}, b"not found"))
            if callable(answer):
                answer = answer(server.server_address[1])
            status, headers, body = answer
            self.send_response(status)
            for name, value in {"Content-Length": str(len(body)), **headers}.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

    server = _Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], hits
    finally:
        server.shutdown()
        server.server_close()


PUBLIC_IP = "93.184.216.34"
_REAL_GETADDRINFO = socket.getaddrinfo
_REAL_CREATE_CONNECTION = socket.create_connection


def fake_network(monkeypatch) -> dict:
    """Patches the resolver and connections. Returns the state: ``dns`` (name → addresses, or
    a list of such lists answered in turn; [] is an unknown name), ``lookups`` and
    ``connections`` (recorded), ``route_public_to`` (a local port that PUBLIC_IP:80 reaches)."""
    state = {"dns": {}, "lookups": [], "connections": [], "route_public_to": None}

    def getaddrinfo(host, port, *args, **kwargs):
        answer = state["dns"].get(host)
        if answer is None:
            return _REAL_GETADDRINFO(host, port, *args, **kwargs)
        state["lookups"].append(host)
        if not answer:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        addresses = answer.pop(0) if isinstance(answer[0], list) else answer
        return [
            (
                socket.AF_INET6 if ":" in a else socket.AF_INET,
                socket.SOCK_STREAM,
                6,
                "",
                (a, port, 0, 0) if ":" in a else (a, port),
            )
            for a in addresses
        ]

    def create_connection(address, *args, **kwargs):
        state["connections"].append(address)
        if address == (PUBLIC_IP, 80) and state["route_public_to"]:
            address = ("127.0.0.1", state["route_public_to"])
        return _REAL_CREATE_CONNECTION(address, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    return state
