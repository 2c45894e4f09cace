"""Download one article page safely: bounded size, HTML only, decoded to text, never raising.

News sites redirect, stall, serve PDFs and mislabel charsets; each of those ends as an `error`
string on a `PageResult` so the batch goes on. `canonical_url`, `page_canonical_url` and
`content_hash` key dedup.
"""

from __future__ import annotations

import codecs
import hashlib
import html as htmlmod
import re
import time
import unicodedata
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import charset_normalizer
import courlan
import httpx

from pipeline import safety
from pipeline.fetch.guard import AddressRefused
from pipeline.fetch.http import BodyError, read_body

HTML_TYPES = ("text/html", "application/xhtml+xml")
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# a trickling server can defeat the per-read timeout; this bounds the whole download
TOTAL_TIME_FACTOR = 3.0


@dataclass(frozen=True)
class PageResult:
    """The outcome of one page fetch; `html` is decoded text, or None when `error` says why not."""

    url: str
    final_url: str | None
    status_code: int | None
    html: str | None
    content_type: str | None
    error: str | None

    @property
    def ok(self) -> bool:
        return self.error is None and self.html is not None


def fetch_page(client: httpx.Client, url: str, max_bytes: int) -> PageResult:
    """GET `url` with streaming; stop past `max_bytes`; accept only HTML; decode with the right charset."""
    final_url: str | None = None
    status: int | None = None
    content_type: str | None = None
    try:
        read_timeout = client.timeout.read or 30.0
        deadline = time.monotonic() + TOTAL_TIME_FACTOR * read_timeout + (client.timeout.connect or 0)
        with client.stream("GET", url) as response:
            final_url, status = str(response.url), response.status_code
            content_type = response.headers.get("content-type")
            if status >= 400:
                return PageResult(url, final_url, status, None, content_type, f"HTTP {status}")
            mime = (content_type or "").split(";")[0].strip().lower()
            if mime and mime not in HTML_TYPES:
                return PageResult(url, final_url, status, None, content_type, f"not HTML: {mime}")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                return PageResult(url, final_url, status, None, content_type,
                                  f"too large: Content-Length {declared} > {max_bytes} bytes")
            data = read_body(response, max_bytes, deadline)
    except BodyError as exc:
        return PageResult(url, final_url, status, None, content_type, str(exc))
    except AddressRefused as exc:
        return PageResult(url, final_url, status, None, content_type, str(exc))
    except httpx.TooManyRedirects as exc:
        return PageResult(url, final_url, status, None, content_type, f"redirect loop: {exc}")
    except httpx.TimeoutException as exc:
        return PageResult(url, final_url, status, None, content_type,
                          f"timeout: {type(exc).__name__} {exc}".strip())
    except (httpx.HTTPError, OSError, ValueError) as exc:
        return PageResult(url, final_url, status, None, content_type, f"{type(exc).__name__}: {exc}")

    if not mime and not _looks_like_html(data):
        return PageResult(url, final_url, status, None, content_type, "not HTML: no content type, body is not HTML")
    return PageResult(url, final_url, status, decode_html(data, content_type), content_type, None)


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """Bytes to text: BOM, then the header charset, then <meta charset>, then charset_normalizer."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    candidates = [_header_charset(content_type), _meta_charset(data)]
    for encoding in candidates:
        if encoding:
            try:
                return data.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                continue
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    encoding = best.encoding if best is not None else "utf-8"
    try:
        return data.decode(encoding, errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


def _header_charset(content_type: str | None) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:\-]+)", content_type or "", re.IGNORECASE)
    return _known_codec(match.group(1)) if match else None


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:8192])
    return _known_codec(match.group(1).decode("ascii", "ignore")) if match else None


def _known_codec(name: str) -> str | None:
    name = name.strip().lower()
    # browsers read latin-1 labels as windows-1252; so should we
    if name in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"):
        name = "windows-1252"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head or b"<head" in head


def canonical_url(url: str) -> str:
    """The URL used as an article's identity: normalised host/port/query, tracking params and fragment gone."""
    url = (url or "").strip()
    try:
        normalised = courlan.normalize_url(url)
    except (ValueError, AttributeError, TypeError):
        normalised = url
    try:
        parts = urlsplit(normalised)
        return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))
    except ValueError:  # e.g. an unclosed IPv6 bracket: keep the URL as given, minus its fragment
        return url.split("#", 1)[0]


def content_hash(text: str) -> str:
    """SHA-256 of the text with Unicode and whitespace normalised, so re-fetches of one article match."""
    normalised = " ".join(unicodedata.normalize("NFC", text or "").split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


_LINK_TAG = re.compile(r"<(?:link|meta)\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


def page_canonical_url(html: str | None, base_url: str) -> str:
    """The article's own idea of its URL: <link rel="canonical">, else og:url, else `base_url`; normalised.

    A canonical pointing at the site's front page (a common template mistake) is ignored, or every
    article of that site would look like one.
    """
    base = canonical_url(base_url)
    head = (html or "")[:200_000]
    end = head.lower().find("</head>")
    if end > 0:
        head = head[:end]
    found = {}
    for tag in _LINK_TAG.finditer(head):
        attrs = {m.group(1).lower(): (m.group(2) if m.group(2) is not None else m.group(3) if m.group(3) is not None
                                      else m.group(4)) for m in _ATTR.finditer(tag.group(0))}
        if tag.group(0)[1:5].lower() == "link" and "canonical" in (attrs.get("rel") or "").lower().split():
            found.setdefault("canonical", attrs.get("href"))
        elif (attrs.get("property") or attrs.get("name") or "").lower() == "og:url":
            found.setdefault("og", attrs.get("content"))
    for candidate in (found.get("canonical"), found.get("og")):
        if not candidate or not candidate.strip():
            continue
        try:
            absolute = urljoin(base_url, htmlmod.unescape(candidate.strip()))
        except ValueError:  # an unparseable href (http://[::1/story) is no canonical
            continue
        if safety.url_problem(absolute):  # too long, unparseable, not http(s): ignored
            continue
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            continue
        if parts.path in ("", "/") and not parts.query and urlsplit(base).path not in ("", "/"):
            continue
        return canonical_url(absolute)
    return base
