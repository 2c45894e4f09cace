"""The crawler cannot be turned inward: requests to non-public addresses are refused (issue 11, finding 4).

A feed item may link to 127.0.0.1:5432, 169.254.169.254 (cloud metadata), 10.x, fd00::, or spell
loopback as 2130706433 or 0x7f000001. Every request (each redirect hop too, since the client calls
the transport once per hop) has its host resolved first; if any address it resolves to is not
globally routable, the request is refused with the reason. Allowed explicitly: EVENTWIRE_ALLOW_HOSTS
entries, the bundled wire (EVENTWIRE_WIRE_URL), and the origins of the configured feeds.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

import httpx

# names that reach cloud metadata services whatever they resolve to
METADATA_NAMES = {"metadata.google.internal", "metadata", "metadata.azure.internal", "instance-data"}


class AddressRefused(httpx.ConnectError):
    """The request's host is (or resolves to) an address the crawler must not reach."""


def _kind(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why `ip` is off limits ("loopback", "private", ...), or None for a public address."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        return _kind(ip.ipv4_mapped)
    for name in ("loopback", "link_local", "multicast", "unspecified", "private", "reserved", "site_local"):
        if getattr(ip, f"is_{name}", False):
            return name.replace("_", "-")
    if not ip.is_global:
        return "non-global"
    return None


def origin(url: str) -> str | None:
    """`host:port` of a URL (default port filled in), or None when it has none."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return None
    return f"{host}:{port}" if host else None


class AddressGuard:
    """Decides whether a host:port may be fetched. `allow`: host, host:port, IP, IP:port or CIDR entries."""

    def __init__(self, allow=()):
        self.names: set[str] = set()  # "host" or "host:port", lower case
        self.networks: list[tuple[ipaddress._BaseNetwork, int | None]] = []
        for entry in allow:
            self._add(str(entry).strip().lower())

    def _add(self, entry: str) -> None:
        if not entry:
            return
        port = None
        host = entry
        if entry.startswith("["):  # [v6]:port
            host, _, rest = entry[1:].partition("]")
            port = int(rest[1:]) if rest.startswith(":") and rest[1:].isdigit() else None
        elif entry.count(":") == 1:
            name, _, maybe = entry.partition(":")
            if maybe.isdigit():
                host, port = name, int(maybe)
        try:
            self.networks.append((ipaddress.ip_network(host, strict=False), port))
        except ValueError:
            self.names.add(f"{host}:{port}" if port else host)

    def _allowed_ip(self, ip, port: int) -> bool:
        return any(ip in net and (p is None or p == port) for net, p in self.networks
                   if net.version == ip.version)

    def refusal(self, host: str, port: int) -> str | None:
        """Why a request to host:port is refused, or None when it may go ahead."""
        host = (host or "").strip("[]").lower().rstrip(".")
        if host in self.names or f"{host}:{port}" in self.names:
            return None
        if host in METADATA_NAMES:
            return f"refused: {host} is a cloud metadata address"
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError, OSError):
            return None  # it does not resolve: the connection fails on its own, with its own error
        for info in infos:
            ip = ipaddress.ip_address(info[4][0].split("%")[0])
            kind = _kind(ip)
            if kind and not self._allowed_ip(ip, port):
                shown = host if host == str(ip) else f"{host} ({ip})"
                return (f"refused: {shown} is a {kind} address; the crawler fetches public addresses only "
                        f"(allow it with EVENTWIRE_ALLOW_HOSTS)")
        return None


class GuardedTransport(httpx.HTTPTransport):
    """An HTTP transport that asks the guard before every request, redirect hops included."""

    def __init__(self, guard: AddressGuard, **kwargs):
        super().__init__(**kwargs)
        self.guard = guard

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        port = url.port or (443 if url.scheme == "https" else 80)
        refused = self.guard.refusal(url.host, port)
        if refused:
            raise AddressRefused(refused, request=request)
        return super().handle_request(request)
