"""One place that builds the HTTP client every fetch uses.

Timeouts, the User-Agent and the redirect limit come from `Settings`, so feeds and pages are
fetched politely and a hung server can only cost `http_timeout` seconds; `read_body` caps what a
body may grow to once decoded, so a gzip bomb costs at most `max_bytes` of memory.
"""

from __future__ import annotations

import logging
import time
import zlib

import httpx

from pipeline.config import Settings
from pipeline.safety import redact_url

MAX_REDIRECTS = 5


class RedactingFilter(logging.Filter):
    """Rewrites a log record's message with URL passwords shown as *** (httpx logs every request URL)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_url(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True


for _name in ("httpx", "httpcore"):
    logging.getLogger(_name).addFilter(RedactingFilter())


def make_client(settings: Settings | None = None, allow: tuple | list = ()) -> httpx.Client:
    """An `httpx.Client` with connect/read timeouts, a descriptive UA, at most 5 redirects, and the
    address guard (pipeline.fetch.guard): non-public addresses are refused on every hop unless
    allowed (EVENTWIRE_ALLOW_HOSTS, the wire's origin, and the `allow` entries given here)."""
    from pipeline.fetch.guard import AddressGuard, GuardedTransport, origin

    settings = settings or Settings()
    timeout = httpx.Timeout(settings.http_timeout, connect=settings.http_timeout)
    entries = [*settings.allow_hosts, *allow]
    if settings.wire_url and origin(settings.wire_url):
        entries.append(origin(settings.wire_url))
    return httpx.Client(
        transport=GuardedTransport(AddressGuard(entries)),
        timeout=timeout,
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        headers={
            "User-Agent": settings.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
                      "application/xml;q=0.9,*/*;q=0.5",
            "Accept-Encoding": "gzip, deflate",
        },
    )


class BodyError(Exception):
    """A response body we refuse: too large once decoded, too slow overall, or an unknown encoding."""


class BodyTooLarge(BodyError):
    pass


class BodyTooSlow(BodyError):
    pass


_DECODABLE = {"gzip": "gzip", "x-gzip": "gzip", "deflate": "deflate"}


class _BoundedDecoder:
    """gzip/deflate decoding that never produces more than it is asked for.

    httpx's own decoders inflate each network chunk completely, so a 64 KiB chunk of a gzip bomb
    becomes ~64 MB in memory before any size check runs; `zlib`'s `max_length` stops it at the cap.
    """

    def __init__(self, encoding: str):
        self._gzip = encoding == "gzip"
        self._first = True
        self._obj = self._new()

    def _new(self):
        # gzip: 16+ means gzip header; deflate is zlib-wrapped by the RFC, raw by some servers
        return zlib.decompressobj(16 + zlib.MAX_WBITS if self._gzip else zlib.MAX_WBITS)

    def decode(self, data: bytes, limit: int) -> bytes:
        """Decode `data`, returning at most `limit` bytes (more than that means: over the cap)."""
        out = bytearray()
        while data and len(out) <= limit:
            try:
                out += self._obj.decompress(data, limit + 1 - len(out))
            except zlib.error:
                if self._first and not self._gzip:
                    self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
                    self._first = False
                    continue
                raise
            self._first = False
            if self._obj.unconsumed_tail:
                break  # output hit the limit with input left over
            if self._obj.eof and self._obj.unused_data:
                data = self._obj.unused_data  # a second gzip member follows
                self._obj = self._new()
            else:
                data = b""
        return bytes(out)


def read_body(response: httpx.Response, max_bytes: int, deadline: float | None = None,
              truncate: bool = False) -> bytes:
    """The decoded body of a streamed response, capped at `max_bytes` DECODED bytes.

    Past the cap: BodyTooLarge, or with `truncate` the first `max_bytes`. Past `deadline`
    (a `time.monotonic()` instant): BodyTooSlow, which catches servers that trickle a byte just
    inside every read timeout. A Content-Encoding other than gzip/deflate/identity: BodyError.
    """
    encoding = (response.headers.get("content-encoding") or "identity").strip().lower()
    if encoding in ("", "identity"):
        decoder = None
    elif encoding in _DECODABLE:
        decoder = _BoundedDecoder(_DECODABLE[encoding])
    else:
        raise BodyError(f"unsupported Content-Encoding: {encoding}")
    body = bytearray()
    for raw in response.iter_raw():
        if decoder is None:
            body += raw
        else:
            try:
                body += decoder.decode(raw, max_bytes - len(body))
            except zlib.error as exc:
                raise BodyError(f"corrupt {encoding} body: {exc}") from exc
        if len(body) > max_bytes:
            if truncate:
                return bytes(body[:max_bytes])
            raise BodyTooLarge(f"too large: more than {max_bytes} bytes")
        if deadline is not None and time.monotonic() > deadline:
            raise BodyTooSlow("timeout: download took too long")
    return bytes(body)


def decompress_bounded(data: bytes, max_bytes: int) -> bytes:
    """Inflate a gzip payload (a feed served as a .gz body) without letting it grow past `max_bytes`."""
    out = _BoundedDecoder("gzip").decode(data, max_bytes)
    if len(out) > max_bytes:
        raise BodyTooLarge(f"too large: decompresses past {max_bytes} bytes")
    return out
