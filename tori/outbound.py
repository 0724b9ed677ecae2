"""The one HTTP client for requests the site makes to other hosts (partner feeds and pages).

An address given by someone outside (a partner's feed, a sitemap's ``<loc>``, a redirect)
must never reach the site's own network, so every request here:

* accepts only ``http`` and ``https`` on the scheme's default port or a port listed in
  ``settings.OUTBOUND_ALLOWED_PORTS``;
* resolves the host once and refuses it when any of its addresses is private, loopback,
  link-local, multicast, reserved, unspecified or otherwise not global (IPv4 and IPv6,
  IPv4 inside IPv6 included);
* connects to the address it checked (no second lookup, so DNS rebinding gains nothing),
  with TLS verified against the host name;
* follows at most ``MAX_REDIRECTS`` redirects, each checked the same way;
* stops at ``max_bytes`` and at an overall deadline of ``timeout`` seconds.

Errors say only what the supplier of the address may know — "address not allowed", "could not
fetch", the HTTP status of a permitted server, a time-out or a size limit — never the address,
the port or the connection error, so a failed fetch cannot be used to map a network. Details
go to the log.

``settings.OUTBOUND_ALLOWED_PRIVATE_HOSTS`` lists ``host:port`` pairs exempt from the address
rule (empty by default; the tests' local feed server). Imports no app."""

from __future__ import annotations

import http.client
import ipaddress
import logging
import socket
import ssl
import time
from urllib.parse import urljoin, urlsplit

from django.conf import settings

logger = logging.getLogger(__name__)

DEFAULT_PORTS = {"http": 80, "https": 443}
MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHUNK = 64 * 1024
# IPv6 prefixes that carry an IPv4 address in their last 32 bits (NAT64, RFC 6052 / 8215)
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


class OutboundError(Exception):
    """A fetch that did not succeed; its text is safe to show to whoever gave the address."""

    default = "could not fetch"

    def __init__(self, message: str | None = None):
        super().__init__(message or self.default)


class AddressNotAllowed(OutboundError):
    default = "address not allowed"


def address_allowed(address: str) -> bool:
    """Is this IP address (text) one the site may connect to on someone else's behalf?"""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return address_allowed(str(ip.ipv4_mapped))
        if ip.sixtofour is not None:
            return address_allowed(str(ip.sixtofour))
        if ip.teredo is not None:
            return False
        if any(ip in network for network in _NAT64):
            return address_allowed(str(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)))
    return ip.is_global and not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


class _Target:
    """One checked request target: scheme, host, port, path and the addresses to connect to."""

    def __init__(self, url: str):
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError:
            raise AddressNotAllowed from None
        self.scheme = parts.scheme.lower()
        if self.scheme not in DEFAULT_PORTS or not parts.hostname:
            raise AddressNotAllowed
        try:
            self.host = parts.hostname.encode("idna").decode("ascii")
        except UnicodeError:
            raise AddressNotAllowed from None
        self.port = port if port is not None else DEFAULT_PORTS[self.scheme]
        self.path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        exempt = f"{self.host}:{self.port}" in {
            entry.lower() for entry in getattr(settings, "OUTBOUND_ALLOWED_PRIVATE_HOSTS", ())
        }
        allowed_ports = {
            DEFAULT_PORTS[self.scheme],
            *getattr(settings, "OUTBOUND_ALLOWED_PORTS", ()),
        }
        if not exempt and self.port not in allowed_ports:
            raise AddressNotAllowed
        self.addresses = self._resolve(exempt)

    def _resolve(self, exempt: bool) -> list[str]:
        try:
            infos = socket.getaddrinfo(self.host, self.port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as error:
            logger.info("outbound: cannot resolve %s: %s", self.host, error)
            raise OutboundError from None
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        if not addresses:
            raise OutboundError
        if not exempt and not all(address_allowed(a) for a in addresses):
            logger.warning("outbound: refused %s (resolves to %s)", self.host, addresses)
            raise AddressNotAllowed
        return addresses


def _connection(target: _Target, timeout: float) -> http.client.HTTPConnection:
    """A connection to ``target`` that connects to its checked addresses only."""

    def connect(_address, timeout, source_address=None):
        last: OSError | None = None
        for address in target.addresses:
            try:
                return socket.create_connection((address, target.port), timeout)
            except OSError as error:
                last = error
        raise last or OSError("no address")

    if target.scheme == "https":
        connection = http.client.HTTPSConnection(
            target.host, target.port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        connection = http.client.HTTPConnection(target.host, target.port, timeout=timeout)
    connection._create_connection = connect  # TLS still checks the certificate for host
    return connection


def fetch(url: str, *, timeout: float, max_bytes: int, headers: dict | None = None) -> bytes:
    """The body of a GET of ``url`` under the rules above. Raises OutboundError (or its
    AddressNotAllowed) with a message safe to show."""
    deadline = time.monotonic() + timeout
    for _redirect in range(MAX_REDIRECTS + 1):
        target = _Target(url)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise OutboundError(f"timed out after {timeout:g} s")
        connection = _connection(target, remaining)
        try:
            try:
                connection.request("GET", target.path, headers={"Accept": "*/*", **(headers or {})})
            except (OSError, http.client.HTTPException) as error:
                logger.info("outbound: cannot connect to %s: %s", url, error)
                raise OutboundError from None
            try:
                response = connection.getresponse()
                if response.status in REDIRECT_STATUSES:
                    location = response.getheader("Location")
                    if not location:
                        raise OutboundError(f"HTTP {response.status}")
                    url = urljoin(url, location.strip())
                    continue
                if response.status >= 400:
                    raise OutboundError(f"HTTP {response.status}")
                return _read(connection, response, deadline, timeout, max_bytes)
            except TimeoutError:
                raise OutboundError(f"timed out after {timeout:g} s") from None
            except (OSError, http.client.HTTPException) as error:
                logger.info("outbound: cannot read %s: %s", url, error)
                raise OutboundError from None
        finally:
            connection.close()
    raise OutboundError("too many redirects")


def _read(connection, response, deadline: float, timeout: float, max_bytes: int) -> bytes:
    length = response.getheader("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise OutboundError(f"response too large: {int(length)} bytes (limit {max_bytes})")
    body = bytearray()
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise OutboundError(f"timed out after {timeout:g} s")
        # the connection hands its socket to the response when the server closes after it
        sock = connection.sock or getattr(getattr(response.fp, "raw", None), "_sock", None)
        if sock is not None:
            sock.settimeout(remaining)
        chunk = response.read1(CHUNK)
        if not chunk:
            return bytes(body)
        body += chunk
        if len(body) > max_bytes:
            raise OutboundError(f"response too large: over {max_bytes} bytes")
