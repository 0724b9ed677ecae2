"""tori.outbound: the one client for requests to other hosts refuses the site's own network
after resolving names and on every redirect, connects to the address it checked, and says
nothing about the network in its errors."""

import socket

import pytest

from tests.local_http import PUBLIC_IP, fake_network, serve
from tori import outbound


@pytest.fixture
def network(monkeypatch):
    return fake_network(monkeypatch)


def fetch(url):
    return outbound.fetch(url, timeout=5, max_bytes=100_000)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.1.2.3",
        "10.0.0.8",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",  # noqa: S104 - refused, not bound
        "224.0.0.251",
        "240.0.0.1",
        "::1",
        "::",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
        "64:ff9b::a00:1",
        "2002:7f00:1::",
        "fe80::1",
        "fc00::1",
        "ff02::1",
    ],
)
def test_address_allowed__internal_addresses_are_refused(address):
    assert outbound.address_allowed(address) is False


@pytest.mark.parametrize("address", [PUBLIC_IP, "2606:4700:4700::1111", f"::ffff:{PUBLIC_IP}"])
def test_address_allowed__public_addresses_are_allowed(address):
    assert outbound.address_allowed(address) is True


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/internal",
        "http://10.0.0.8/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "http://2130706433/",  # 127.0.0.1 as one number: refused after resolution
        "http://localhost/",
    ],
)
def test_fetch__internal_address_is_refused_before_connecting(network, url):
    with pytest.raises(outbound.AddressNotAllowed) as error:
        fetch(url)
    assert str(error.value) == "address not allowed"
    assert network["connections"] == []


def test_fetch__name_resolving_to_loopback_is_refused(network):
    network["dns"]["intranet.partner.example"] = ["127.0.0.1"]
    with pytest.raises(outbound.AddressNotAllowed):
        fetch("http://intranet.partner.example/admin")
    assert network["connections"] == []


def test_fetch__name_with_one_private_address_among_public_ones_is_refused(network):
    network["dns"]["mixed.partner.example"] = [PUBLIC_IP, "10.1.1.1"]
    with pytest.raises(outbound.AddressNotAllowed):
        fetch("http://mixed.partner.example/")
    assert network["connections"] == []


@pytest.mark.parametrize(
    "url", ["ftp://partner.example/feed", "file:///etc/passwd", "gopher://partner.example/"]
)
def test_fetch__other_schemes_are_refused(network, url):
    with pytest.raises(outbound.AddressNotAllowed):
        fetch(url)
    assert network["connections"] == []


def test_fetch__other_ports_only_when_configured(network, settings):
    network["dns"]["jobs.partner.example"] = [PUBLIC_IP]
    with serve({"/feed": (200, {}, b"ok")}) as (port, hits):
        network["dns"]["jobs.partner.example"] = ["127.0.0.1"]
        # a port that is not configured is refused before any lookup or connection
        with pytest.raises(outbound.AddressNotAllowed):
            fetch(f"http://jobs.partner.example:{port}/feed")
        assert (network["lookups"], network["connections"], hits) == ([], [], [])
        # configured, the port is allowed but the loopback address still is not
        settings.OUTBOUND_ALLOWED_PORTS = [port]
        with pytest.raises(outbound.AddressNotAllowed):
            fetch(f"http://jobs.partner.example:{port}/feed")
        assert (network["connections"], hits) == ([], [])


def test_fetch__connects_to_the_checked_address_not_a_second_lookup(network):
    # given: DNS rebinding, a public address first and loopback for any later lookup
    network["dns"]["rebind.partner.example"] = [[PUBLIC_IP], ["127.0.0.1"], ["127.0.0.1"]]
    with serve({"/feed": (200, {}, b"partner feed")}) as (port, hits):
        network["route_public_to"] = port
        # when
        body = fetch("http://rebind.partner.example/feed")
    # then
    assert body == b"partner feed"
    assert network["lookups"] == ["rebind.partner.example"]
    assert network["connections"] == [(PUBLIC_IP, 80)]
    assert hits == ["/feed"]


def test_fetch__public_address_redirecting_to_loopback_is_refused(network):
    network["dns"]["jobs.partner.example"] = [PUBLIC_IP]
    routes = {
        "/job": lambda port: (302, {"Location": f"http://127.0.0.1:{port}/internal"}, b""),
        "/internal": (200, {}, b"internal page"),
    }
    with serve(routes) as (port, hits):
        network["route_public_to"] = port
        with pytest.raises(outbound.AddressNotAllowed):
            fetch("http://jobs.partner.example/job")
    assert hits == ["/job"]
    assert network["connections"] == [(PUBLIC_IP, 80)]


def test_fetch__public_redirect_is_followed(network):
    network["dns"]["jobs.partner.example"] = [PUBLIC_IP]
    routes = {"/old": (301, {"Location": "/new"}, b""), "/new": (200, {}, b"moved here")}
    with serve(routes) as (port, hits):
        network["route_public_to"] = port
        assert fetch("http://jobs.partner.example/old") == b"moved here"
    assert hits == ["/old", "/new"]


def test_fetch__redirects_are_limited(network):
    network["dns"]["loop.partner.example"] = [PUBLIC_IP]
    with serve({"/again": (302, {"Location": "/again"}, b"")}) as (port, hits):
        network["route_public_to"] = port
        with pytest.raises(outbound.OutboundError) as error:
            fetch("http://loop.partner.example/again")
    assert str(error.value) == "too many redirects"
    assert len(hits) == outbound.MAX_REDIRECTS + 1


def test_fetch__connection_errors_say_nothing_about_the_network(network, monkeypatch):
    network["dns"]["down.partner.example"] = [PUBLIC_IP]

    def refused(address, *args, **kwargs):
        raise ConnectionRefusedError(111, f"Connection refused to {address}")

    monkeypatch.setattr(socket, "create_connection", refused)
    with pytest.raises(outbound.OutboundError) as error:
        fetch("http://down.partner.example/feed")
    assert str(error.value) == "could not fetch"


def test_fetch__unknown_name_says_could_not_fetch(network):
    network["dns"]["nxdomain.partner.example"] = []
    with pytest.raises(outbound.OutboundError) as error:
        fetch("http://nxdomain.partner.example/feed")
    assert str(error.value) == "could not fetch"
    assert network["connections"] == []


def test_fetch__allowlisted_private_host_is_reached(settings):
    with serve({"/feed": (200, {}, b"local feed")}) as (port, hits):
        settings.OUTBOUND_ALLOWED_PRIVATE_HOSTS = [f"127.0.0.1:{port}"]
        assert fetch(f"http://127.0.0.1:{port}/feed") == b"local feed"
        # the exemption is for that host and port only
        with pytest.raises(outbound.AddressNotAllowed):
            fetch(f"http://localhost:{port}/feed")
    assert hits == ["/feed"]
