"""The one place that talks to partner platforms: an HTTP(S) GET with a timeout, an overall
deadline and a cap on the response size. Raises FetchError with a readable reason."""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request

USER_AGENT = "ToriFeedImporter/1.0 (+https://tori.example.fi/)"
CHUNK = 64 * 1024


class FetchError(Exception):
    pass


def fetch(url: str, *, timeout: float, max_bytes: int) -> bytes:
    """The body of `url`. Only http and https; at most `max_bytes`; the whole transfer must
    finish within `timeout` seconds (a slow trickle counts too)."""
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError("only http and https addresses are fetched")
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"}
    )
    deadline = time.monotonic() + timeout
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(f"response too large: {int(length)} bytes (limit {max_bytes})")
            body = bytearray()
            while True:
                if time.monotonic() > deadline:
                    raise FetchError(f"timed out after {timeout:g} s")
                chunk = response.read(CHUNK)
                if not chunk:
                    break
                body += chunk
                if len(body) > max_bytes:
                    raise FetchError(f"response too large: over {max_bytes} bytes")
            return bytes(body)
    except FetchError:
        raise
    except urllib.error.HTTPError as error:
        raise FetchError(f"HTTP {error.code}") from None
    except TimeoutError:
        raise FetchError(f"timed out after {timeout:g} s") from None
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise FetchError(f"timed out after {timeout:g} s") from None
        raise FetchError(f"cannot connect: {reason}") from None
    except (OSError, ValueError) as error:
        raise FetchError(f"cannot read: {error}") from None
