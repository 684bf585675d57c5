"""Fetching a URL from the open web, defensively.

Every hop (the first request and each redirect) has its host resolved and every address checked,
so a public name that points at (or redirects to) a private, loopback or link-local address is
refused. The connection then goes to the very address that was checked (the Host header and TLS
SNI carry the name), so the name cannot be re-resolved to somewhere else in between.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Collection
from dataclasses import dataclass

import httpx

from articles.errors import IngestError

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"}
)
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5
USER_AGENT = "ClaimsTracker/1.0 (+news claims research)"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class FetchedPage:
    url: str  # where the content finally came from, after redirects
    content: bytes
    media_type: str
    charset: str | None


def resolve_host(host: str, port: int) -> list[IPAddress]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        # The resolver's own words ("[Errno -2] Name or service not known") mean nothing to a reader.
        raise IngestError(
            f"no web site answers to the name {host}: check the address for a typo, or paste the article's text"
        ) from None
    # The address is a string for AF_INET/AF_INET6 (IPv6 may carry a %zone suffix).
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


# IPv6 prefixes that carry an IPv4 address in their low 32 bits: NAT64 (RFC 6052) and the
# deprecated IPv4-compatible form (::a.b.c.d). 6to4 (2002::/16) and Teredo carry one elsewhere.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
_LOCAL_NAT64 = ipaddress.ip_network("64:ff9b:1::/48")  # a network's own translator: never public


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for (mapped, NAT64, 6to4, Teredo, compatible), if any."""
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address.sixtofour:
        return address.sixtofour
    if address.teredo:
        return address.teredo[1]  # the client behind the relay
    if address in _NAT64 or address in _IPV4_COMPATIBLE:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def address_is_public(address: IPAddress) -> bool:
    """A globally reachable unicast address; an IPv6 address that carries an IPv4 one is judged by
    that IPv4 address too, so 64:ff9b::a9fe:a9fe (169.254.169.254 through NAT64) is refused."""
    if isinstance(address, ipaddress.IPv6Address):
        if address in _LOCAL_NAT64:
            return False
        inner = embedded_ipv4(address)
        if inner is not None and not address_is_public(inner):
            return False
        if address.ipv4_mapped:
            return True  # judged by its IPv4 address alone (::ffff:0:0/96 is not "global" itself)
    return address.is_global and not address.is_multicast


def check_url(url: str, *, allow_private: bool = False) -> str:
    """Refuse at once what can be judged without the network: not a web address, or an address
    literal that is not public. Returns the URL. Names are resolved, and every redirect hop checked,
    when the page is fetched (fetch_url), which a submission leaves to a task."""
    target = _parse(url)
    try:
        address = ipaddress.ip_address(target.host)
    except ValueError:
        return url  # a name
    if not allow_private and not address_is_public(address):
        raise IngestError(_private_refusal(target.host, [str(address)]))
    return url


def fetch_url(
    url: str,
    *,
    accept: Collection[str],
    max_bytes: int,
    timeout: float,
    allow_private: bool = False,
    max_redirects: int = MAX_REDIRECTS,
) -> FetchedPage:
    """GET the URL, following at most max_redirects redirects; raise IngestError for anything unusable.

    The whole fetch, every redirect hop and the download included, must finish within `timeout`
    seconds (a server dripping bytes or a chain of slow redirects cannot hold a worker), and the
    body may not exceed max_bytes, whatever it claims.
    """
    deadline = time.monotonic() + timeout
    with httpx.Client(
        timeout=httpx.Timeout(timeout),
        follow_redirects=False,
        trust_env=False,
        headers={"User-Agent": USER_AGENT, "Accept": ", ".join(sorted(accept)) + ", */*;q=0.1"},
    ) as client:
        for _hop in range(max_redirects + 1):
            target = _parse(url)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise IngestError(f"fetching {url} took too long (more than {timeout:g} s across redirects)")
            request = _pinned_request(client, target, allow_private=allow_private, within=remaining)
            # Each hop gets only what is left of the one deadline (name lookup included): redirects
            # cannot multiply it.
            remaining = max(deadline - time.monotonic(), 0.001)
            request.extensions["timeout"] = httpx.Timeout(remaining).as_dict()
            try:
                response = client.send(request, stream=True)
            except httpx.HTTPError as exc:
                raise IngestError(f"could not download {url}: {_describe(exc)}") from None
            try:
                if response.status_code in REDIRECT_STATUSES and "location" in response.headers:
                    url = str(target.join(response.headers["location"]))
                    continue
                return _read(response, url=str(target), accept=accept, max_bytes=max_bytes, deadline=deadline)
            finally:
                response.close()
    raise IngestError(f"too many redirects (more than {max_redirects}) fetching {url}")


def _parse(url: str) -> httpx.URL:
    try:
        target = httpx.URL(url)
    except (httpx.InvalidURL, TypeError):
        raise IngestError(f"“{url}” is not a web address (it should look like https://example.com/page)") from None
    if target.scheme not in ("http", "https") or not target.host:
        raise IngestError(f"only web addresses starting with http:// or https:// can be fetched, not “{url}”")
    return target


def _private_refusal(host: str, refused: list[str]) -> str:
    return (
        f"{host} leads to a private or local network ({', '.join(refused)}), "
        "which the tracker never fetches from: give the article's public address, or paste its text"
    )


def _resolve_within(host: str, port: int, seconds: float) -> list[IPAddress]:
    """resolve_host, in a helper thread: the system resolver has no timeout of its own, and a
    stalled lookup must not outlast the fetch's one deadline."""
    outcome: list[list[IPAddress] | Exception] = []

    def run() -> None:
        try:
            outcome.append(resolve_host(host, port))
        except Exception as exc:  # noqa: BLE001 - raised again in the caller's thread below
            outcome.append(exc)

    thread = threading.Thread(target=run, name=f"resolve-{host}", daemon=True)
    thread.start()
    thread.join(seconds)
    if not outcome:
        raise IngestError(f"looking up the name {host} took too long; try again later")
    if isinstance(outcome[0], Exception):
        raise outcome[0]
    return outcome[0]


def _pinned_request(client: httpx.Client, target: httpx.URL, *, allow_private: bool, within: float) -> httpx.Request:
    if allow_private:
        return client.build_request("GET", target)
    port = target.port or (443 if target.scheme == "https" else 80)
    addresses = _resolve_within(target.host, port, within)
    refused = [str(address) for address in addresses if not address_is_public(address)]
    if refused or not addresses:
        raise IngestError(_private_refusal(target.host, refused))
    # IPv4 first: many hosts publish AAAA records they cannot be reached on from here.
    addresses.sort(key=lambda address: address.version)
    host_header = target.netloc.decode("ascii")
    request = client.build_request(
        "GET",
        target.copy_with(host=str(addresses[0])),
        headers={"Host": host_header},
        extensions={"sni_hostname": target.host},
    )
    return request


def _read(
    response: httpx.Response, *, url: str, accept: Collection[str], max_bytes: int, deadline: float
) -> FetchedPage:
    if response.status_code >= 300:
        raise IngestError(f"{url} answered HTTP {response.status_code}: {_status_in_words(response.status_code)}")
    content_type = response.headers.get("content-type", "")
    media_type = content_type.split(";")[0].strip().lower()
    if media_type not in accept:
        expected = ", ".join(sorted(accept))
        raise IngestError(f"{url} is {media_type or 'of no declared type'}, not one of: {expected}")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise IngestError(f"{url} is too large ({int(declared):,} bytes; the limit is {max_bytes:,})")
    chunks: list[bytes] = []
    size = 0
    try:
        # iter_bytes decompresses, so the cap also holds for a small gzip that inflates hugely.
        for chunk in response.iter_bytes(chunk_size=65536):
            size += len(chunk)
            if size > max_bytes:
                raise IngestError(f"{url} is too large (more than {max_bytes:,} bytes)")
            if time.monotonic() > deadline:
                raise IngestError(f"{url} took too long to download")
            chunks.append(chunk)
    except httpx.HTTPError as exc:
        raise IngestError(f"could not download {url}: {_describe(exc)}") from None
    return FetchedPage(url=url, content=b"".join(chunks), media_type=media_type, charset=response.charset_encoding)


def _describe(exc: httpx.HTTPError) -> str:
    """What went wrong, in words a reader can act on (the library's text is for the logs)."""
    if isinstance(exc, httpx.TimeoutException):
        return "the server did not answer in time; try again later"
    if isinstance(exc, httpx.ConnectError):
        return "the site could not be reached (it may be down, or refuse connections); try again later"
    if isinstance(exc, httpx.RemoteProtocolError):
        return "the site broke off the answer; try again later"
    return "the connection failed; try again later, or paste the article's text"


def _status_in_words(status: int) -> str:
    if status in (401, 402, 403):
        return "the site refuses to give this page (a paywall or a block on robots); paste the article's text instead"
    if status in (404, 410):
        return "there is no page at this address; check it for a typo"
    if status == 429:
        return "the site asks us to slow down; try again later"
    if status >= 500:
        return "the site had an error of its own; try again later"
    return "the site did not give the page"
