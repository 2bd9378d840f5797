"""Async HTTP fetching with the guards a tool that follows strangers' links needs.

A draft's references are untrusted input: a link may point at a cloud metadata endpoint, a
router, a 10 GB file, a gzip bomb, a server that drips one byte a second, or a redirect loop. So:

* SSRF guard: the host is resolved (getaddrinfo, in a thread) and every address is checked
  before connecting; loopback, private, link-local, multicast, reserved, unspecified, CGNAT and
  IPv4-in-IPv6 forms of those are refused. The connection then goes to the *checked* address
  (URL host replaced by the IP, ``Host`` header and TLS SNI set to the name), so a DNS answer
  that changes between check and connect (rebinding) cannot redirect us. Proxies from the
  environment are ignored (``trust_env=False``) for the same reason. Residual risk: none known
  for http/https; the guard does not apply when ``allow_private_hosts`` is set.
* Redirects are followed by hand (max 10, loops detected) so every hop passes the guard.
* Bodies are streamed and decompressed by us with a bounded output size, so the cap counts
  decompressed bytes and a gzip bomb never fills memory.
* One total deadline per source covers DNS, connects, redirects, retries and Retry-After waits.
* Concurrency is bounded globally and per host, with an optional minimum interval per host,
  and identical URLs in flight are fetched once.
"""

from __future__ import annotations

import asyncio
import ipaddress
import random
import socket
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urljoin, urlsplit

from .__about__ import __version__
from .cache import Cache, CacheEntry, now_iso, sha256_hex
from .config import Options
from .errors import (
    BlockedAddress,
    CacheCorrupt,
    ConnectFailure,
    DnsFailure,
    ErrorKind,
    HttpStatusFailure,
    NotCached,
    RedirectFailure,
    SourceBlocked,
    SourceFailure,
    SourceTimeout,
    TlsFailure,
    TooLarge,
    Unreadable,
    UnsupportedType,
)
from .resolve import canonical_url

if TYPE_CHECKING:
    import httpx

__all__ = [
    "ACCEPT",
    "USER_AGENT",
    "BlockedAddress",
    "FetchResult",
    "Fetcher",
    "address_problem",
    "fetch_all",
]

USER_AGENT = f"claimledger/{__version__} (+https://github.com/claimledger/claimledger)"
ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5"
MAX_REDIRECTS = 10
_REDIRECT_CODES = {301, 302, 303, 307, 308}
_RETRY_STATUS = {429, 500, 502, 503, 504}
_CHUNK = 64 * 1024


@dataclass(slots=True)
class FetchResult:
    """What fetching one URL gave. ``body`` is set only when ``status == "ok"``."""

    url: str
    status: Literal["ok", "error", "blocked", "skipped"]
    final_url: str | None = None
    http_status: int | None = None
    content_type: str | None = None
    body: bytes | None = None
    sha256: str | None = None
    error: str | None = None
    #: the failure's kind (errors.py), None when status is "ok"
    error_kind: ErrorKind | None = None
    from_cache: bool = False
    fetched_at: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    attempts: int = 0
    #: the failure says nothing about the page (a timeout, a dropped connection, 5xx, 429)
    transient: bool = False

    def failed(self, failure: SourceFailure) -> FetchResult:
        """This result as the outcome of ``failure``: its status, message and kind (errors.py)."""
        self.status = failure.status
        self.error = str(failure)
        self.error_kind = failure.kind
        self.transient = failure.transient and failure.status == "error"
        self.http_status = failure.http_status or self.http_status
        return self


# ---------------------------------------------------------------------------------------------
# SSRF guard

_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
_CGNAT = ipaddress.ip_network("100.64.0.0/10")


def address_problem(ip: str) -> str | None:
    """Why connecting to ``ip`` is refused ("a loopback address"...), or None when it is public."""
    try:
        addr = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return "not an IP address"
    if isinstance(addr, ipaddress.IPv6Address):
        embedded: ipaddress.IPv4Address | None = None
        if addr.ipv4_mapped is not None:
            embedded = addr.ipv4_mapped
        elif addr.sixtofour is not None:
            embedded = addr.sixtofour
        elif addr.teredo is not None:
            embedded = addr.teredo[1]
        elif addr in _NAT64 or addr in _NAT64_LOCAL or (int(addr) >> 32 == 0 and int(addr) > 1):
            embedded = ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
        if embedded is not None:
            # The packet goes to the embedded IPv4 address: it alone decides.
            inner = address_problem(str(embedded))
            return f"{inner} (embedded in {addr})" if inner else None
    checks = (
        ("is_unspecified", "an unspecified address"),
        ("is_loopback", "a loopback address"),
        ("is_link_local", "a link-local address"),
        ("is_multicast", "a multicast address"),
        ("is_reserved", "a reserved address"),
        ("is_private", "a private address"),
    )
    for attr, why in checks:
        if getattr(addr, attr):
            return why
    if isinstance(addr, ipaddress.IPv4Address) and addr in _CGNAT:
        return "a shared (carrier-grade NAT) address"
    if isinstance(addr, ipaddress.IPv6Address) and addr.is_site_local:
        return "a site-local address"
    if not addr.is_global:
        return "not a public address"
    return None


# ---------------------------------------------------------------------------------------------
# Bounded decompression


class _Decoder:
    """Content-Encoding decoder whose output per call is bounded (gzip bombs stay small)."""

    def __init__(self, encoding: str) -> None:
        enc = encoding.strip().lower()
        self.kind = enc
        if enc in ("", "identity"):
            self._d = None
        elif enc in ("gzip", "x-gzip"):
            self._d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif enc == "deflate":
            self._d = None  # zlib or raw: decided by the first bytes
        else:
            raise UnsupportedType(f"unsupported content-encoding {encoding!r}")

    def _deflate_init(self, data: bytes) -> None:
        # "deflate" is zlib-wrapped per the RFC, raw deflate from some servers.
        is_zlib = len(data) >= 2 and (data[0] & 0x0F) == 8 and ((data[0] << 8) | data[1]) % 31 == 0
        self._d = zlib.decompressobj(zlib.MAX_WBITS if is_zlib else -zlib.MAX_WBITS)

    def feed(self, data: bytes, budget: int) -> list[bytes]:
        """Decode ``data``, producing at most ``budget + 1`` bytes (more means over the cap)."""
        if self.kind == "deflate" and self._d is None:
            self._deflate_init(data)
        if self._d is None:
            return [data]
        out: list[bytes] = []
        produced = 0
        try:
            chunk = self._d.decompress(data, max(1, budget + 1 - produced))
            while True:
                out.append(chunk)
                produced += len(chunk)
                if produced > budget or not self._d.unconsumed_tail:
                    break
                chunk = self._d.decompress(self._d.unconsumed_tail, max(1, budget + 1 - produced))
        except zlib.error as e:
            raise Unreadable(f"corrupt {self.kind} body: {e}") from None
        return out

    def flush(self) -> bytes:
        if self._d is None:
            return b""
        try:
            return self._d.flush()
        except zlib.error as e:
            raise Unreadable(f"corrupt {self.kind} body: {e}") from None


# ---------------------------------------------------------------------------------------------
# The fetcher


class _HostSlot:
    """Holds at most one per-host semaphore for one source's fetch (redirects may change host).

    Holding one at a time (release A before waiting for B) rules out deadlocks between sources
    redirecting across each other's hosts.
    """

    def __init__(self, fetcher: Fetcher) -> None:
        self.fetcher = fetcher
        self.host: str | None = None
        self._sem: asyncio.Semaphore | None = None
        self.interval_done = False

    async def enter(self, host: str) -> None:
        if host == self.host:
            return
        self.release()
        sem = self.fetcher._hosts.setdefault(
            host, asyncio.Semaphore(max(1, self.fetcher.options.host_concurrency)))
        await sem.acquire()
        self._sem, self.host = sem, host

    def release(self) -> None:
        if self._sem is not None:
            self._sem.release()
        self._sem, self.host = None, None


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP-date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        dt = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, dt.timestamp() - time.time())


def _tls_error(e: BaseException) -> bool:
    """Whether an httpx error was caused by TLS (httpx wraps httpcore's, which wraps ssl's)."""
    import ssl

    seen: BaseException | None = e
    for _ in range(8):
        if seen is None:
            return False
        if isinstance(seen, ssl.SSLError | ssl.CertificateError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _http_reason(code: int) -> str:
    try:
        from http import HTTPStatus

        return f"HTTP {code} {HTTPStatus(code).phrase}"
    except ValueError:
        return f"HTTP {code}"


class Fetcher:
    """One run's fetching: shared limits, cache, DNS results and in-flight de-duplication.

    Use as ``async with Fetcher(options, cache) as f: await f.get(url)``. ``get`` applies the
    cache policy (fresh -> cached, stale/refresh -> conditional request, offline -> cache only);
    ``fetch`` is the bare network fetch with the guards.
    """

    def __init__(self, options: Options, cache: Cache | None = None) -> None:
        self.options = options
        self.cache = cache
        self._global = asyncio.Semaphore(max(1, options.concurrency))
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._next_slot: dict[str, float] = {}
        self._interval_lock: dict[str, asyncio.Lock] = {}
        self._clients: list[httpx.AsyncClient] = []  # every client made, for aclose
        self._idle: dict[str, list[httpx.AsyncClient]] = {}  # per host, not in use now
        self._inflight: dict[str, asyncio.Future[FetchResult]] = {}
        self._dns: dict[tuple[str, int], list[str]] = {}
        self.requests = 0  # network requests sent this run (for tests and stats)
        self._ssl: Any = None

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        clients, self._clients = self._clients, []
        self._idle = {}
        for c in clients:
            await c.aclose()

    # -- cache policy ------------------------------------------------------------------------

    async def get(self, url: str, locator: str | None = None) -> FetchResult:
        """Fetch ``url`` once per run (concurrent callers share the result), honouring the cache."""
        url = canonical_url(url)
        fut = self._inflight.get(url)
        if fut is None:
            fut = asyncio.ensure_future(self._get(url, locator))
            self._inflight[url] = fut
        return await asyncio.shield(fut)

    async def _get(self, url: str, locator: str | None) -> FetchResult:
        entry: CacheEntry | None = None
        corrupt: CacheCorrupt | None = None
        body: bytes | None = None
        if self.cache is not None:
            try:
                entry = self.cache.get(url)
                if entry is not None:
                    body = await asyncio.to_thread(self.cache.get_body, entry)
            except CacheCorrupt as e:
                corrupt = e if str(e).startswith("cache entry corrupt") else CacheCorrupt(f"cache entry corrupt: {e}")
                entry, body = None, None
        opts = self.options
        if entry is not None and body is not None and not opts.allow_private_hosts:
            # A page cached by a run that allowed private hosts must not reach a report of a run
            # that does not (an untrusted pull request citing an internal URL that a trusted run
            # fetched): the guard applies to what is served, not only to what is fetched.
            why = await self._cached_guard(url, entry)
            if why:
                return FetchResult(url=url, status="blocked").failed(SourceBlocked(why))
        if opts.offline:
            if entry is not None and body is not None:
                return self._from_entry(url, entry, body)
            if corrupt:
                return FetchResult(url=url, status="error", from_cache=True).failed(corrupt)
            return FetchResult(url=url, status="skipped").failed(NotCached("not in cache (offline)"))
        if entry is not None and body is not None:
            # lychee's --max-cache-age: within the age no request at all; past it a conditional
            # request, so an unchanged page costs a 304 and a changed one replaces the copy (and
            # the ledger can tell the source changed).
            fresh = entry.age_seconds() < opts.max_cache_age
            if fresh and not opts.refresh:
                return self._from_entry(url, entry, body)
            res = await self.fetch(url, etag=entry.etag, last_modified=entry.last_modified)
            if res.status == "ok" and res.http_status == 304:
                if self.cache is not None:
                    entry = self.cache.touch(entry, fetched_at=res.fetched_at, etag=res.etag,
                                             last_modified=res.last_modified)
                out = self._from_entry(url, entry, body)
                out.attempts = res.attempts
                return out
            if res.status == "error" and res.transient:
                # The server could not answer now (timeout, dropped connection, 5xx, 429): the copy
                # we have is still the best evidence, and it stays stale so the next run asks again.
                # A definite answer (404, 410, a blocked redirect) is news and is reported.
                out = self._from_entry(url, entry, body)
                out.attempts = res.attempts
                return out
        else:
            res = await self.fetch(url)
        if res.status == "ok" and res.body is not None and self.cache is not None:
            await asyncio.to_thread(
                self.cache.put, url, res.body, final_url=res.final_url, http_status=res.http_status or 200,
                content_type=res.content_type, etag=res.etag, last_modified=res.last_modified,
                locator=locator, fetched_at=res.fetched_at,
            )
        return res

    @staticmethod
    def _from_entry(url: str, entry: CacheEntry, body: bytes) -> FetchResult:
        return FetchResult(
            url=url, status="ok", final_url=entry.final_url, http_status=entry.http_status,
            content_type=entry.content_type, body=body, sha256=entry.sha256, from_cache=True,
            fetched_at=entry.fetched_at, etag=entry.etag, last_modified=entry.last_modified,
        )

    # -- network -----------------------------------------------------------------------------

    async def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """One URL over the network with every guard; never raises for network trouble.

        The per-source time limit starts once the source holds its concurrency slots: waiting in
        the queue behind other sources is not the source's fault and must not time it out.
        """
        opts = self.options
        result = FetchResult(url=url, status="error")
        slot = _HostSlot(self)
        async with self._global:
            try:
                host = (urlsplit(url).hostname or "").lower()
                await slot.enter(host)
                # build a client before the interval wait, not after it
                self._release_client(host, self._client(host))
                await self._host_slot(host)
                slot.interval_done = True
                deadline = time.monotonic() + opts.timeout
                async with asyncio.timeout(opts.timeout):
                    return await self._fetch_with_retries(url, deadline, etag, last_modified, result, slot)
            except TimeoutError:
                return result.failed(SourceTimeout(f"timed out after {opts.timeout:g} s"))
            except SourceFailure as f:
                return result.failed(f)
            finally:
                slot.release()

    async def _fetch_with_retries(self, url: str, deadline: float, etag: str | None,
                                  last_modified: str | None, result: FetchResult,
                                  slot: _HostSlot) -> FetchResult:
        attempt = 0
        while True:
            attempt += 1
            result.attempts = attempt
            try:
                return await self._follow(url, etag, last_modified, result, slot)
            except SourceFailure as f:
                if not f.retry or attempt > self.options.retries:
                    raise
                backoff = min(8.0, 0.25 * 2 ** (attempt - 1)) * (0.5 + random.random() / 2)
                wait = f.retry_after if f.retry_after is not None else backoff
                remaining = deadline - time.monotonic()
                if wait >= remaining - 0.05:
                    if f.retry_after is not None:
                        raise HttpStatusFailure(f"{f} (Retry-After {f.retry_after:g} s exceeds the time limit)",
                                                http_status=f.http_status, transient=True) from None
                    raise
                await asyncio.sleep(wait)

    async def _follow(self, url: str, etag: str | None, last_modified: str | None,
                      result: FetchResult, slot: _HostSlot) -> FetchResult:
        """Follow redirects by hand, guarding each hop."""
        seen: set[str] = set()
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            if current in seen:
                raise RedirectFailure(f"redirect loop at {current}")
            seen.add(current)
            parts = urlsplit(current)
            if parts.scheme not in ("http", "https"):
                raise SourceBlocked(f"blocked: redirect to unsupported scheme {parts.scheme!r}")
            outcome = await self._request(current, etag, last_modified, slot)
            code, headers, body = outcome
            result.http_status = code
            result.final_url = current
            if code in _REDIRECT_CODES:
                loc = headers.get("location")
                if not loc:
                    raise RedirectFailure(f"{_http_reason(code)} without a Location header", http_status=code)
                try:
                    current = canonical_url(urljoin(current, loc.strip()))
                except ValueError as e:  # "http://[x]/": no URL any server has
                    raise RedirectFailure(f"redirect to an invalid URL {loc.strip()!r}: {e}") from None
                continue
            result.fetched_at = now_iso()
            result.content_type = headers.get("content-type")
            result.etag = headers.get("etag")
            result.last_modified = headers.get("last-modified")
            if code == 304:
                result.status = "ok"
                return result
            if 200 <= code < 300:
                assert body is not None
                result.status = "ok"
                result.body = body
                result.sha256 = sha256_hex(body)
                return result
            raise HttpStatusFailure(_http_reason(code), retry=code in _RETRY_STATUS,
                                    retry_after=_retry_after(headers.get("retry-after")), http_status=code)
        raise RedirectFailure(f"too many redirects (more than {MAX_REDIRECTS})")

    async def _cached_guard(self, url: str, entry: CacheEntry) -> str | None:
        """The guard's verdict on a cached URL (and the final URL it was fetched from): literal
        addresses and `localhost` always; names are resolved only when the network may be used."""
        from urllib.parse import urlsplit

        for u in dict.fromkeys(x for x in (url, entry.final_url) if x):
            parts = urlsplit(u)
            host = (parts.hostname or "").lower()
            if not host:
                continue
            if host == "localhost" or host.endswith(".localhost"):
                return f"blocked: {host} is a loopback address (use --allow-private-hosts)"
            try:
                why = address_problem(str(ipaddress.ip_address(host)))
            except ValueError:
                if self.options.offline:
                    continue
                try:
                    await self._addresses(host, parts.port or (443 if parts.scheme == "https" else 80))
                except BlockedAddress as e:
                    return str(e)
                except SourceFailure:
                    pass  # unresolvable now: the cached copy is still the one that was fetched
                continue
            if why:
                return f"blocked: {host} is {why} (use --allow-private-hosts)"
        return None

    async def _addresses(self, host: str, port: int) -> list[str]:
        """Resolved addresses of ``host`` (IPs as given), every one checked by the guard."""
        try:
            ipaddress.ip_address(host)
            addrs = [host]
        except ValueError:
            key = (host, port)
            if key not in self._dns:
                loop = asyncio.get_running_loop()
                try:
                    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
                except socket.gaierror as e:
                    raise DnsFailure(f"cannot resolve host {host}: {e.strerror or e}") from None
                except UnicodeError:  # an empty or over-long label ("a..b", 64+ characters)
                    raise DnsFailure(f"cannot resolve host {host}: not a valid host name") from None
                seen: list[str] = []
                for info in infos:
                    ip = str(info[4][0])
                    if ip not in seen:
                        seen.append(ip)
                # IPv4 first: test servers and many networks have no working IPv6 route.
                seen.sort(key=lambda a: ":" in a)
                self._dns[key] = seen
            addrs = self._dns[key]
        if not self.options.allow_private_hosts:
            for ip in addrs:
                why = address_problem(ip)
                if why:
                    shown = ip if ip == host else f"{host} -> {ip}"
                    raise BlockedAddress(f"blocked: {shown} is {why} (use --allow-private-hosts)")
        return addrs

    def _client(self, host: str) -> httpx.AsyncClient:
        """A client of ``host`` for one request (hand it back with :meth:`_release_client`).

        One client per connection, reused per host name: pooled connections are then never shared
        across TLS names, and httpcore's pool, whose bookkeeping scans every connection of the pool
        for every queued request and every response closed, stays at one connection (with one
        32-connection pool that scan cost more CPU than the rest of fetching). The per-host
        semaphore bounds how many exist per host.
        """
        idle = self._idle.get(host)
        if idle:
            return idle.pop()  # the most recently used: its connection is the most likely alive
        import httpx

        if self._ssl is None:
            # Loading the CA bundle costs tens of milliseconds: once per run, not per host.
            import ssl

            import certifi

            self._ssl = ssl.create_default_context(cafile=certifi.where())
        t = self.options.timeout
        c = httpx.AsyncClient(
            verify=self._ssl,
            follow_redirects=False,
            trust_env=False,
            timeout=httpx.Timeout(connect=min(t, 10.0), read=min(t, 30.0), write=min(t, 10.0), pool=t),
            limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
        )
        self._clients.append(c)
        return c

    def _release_client(self, host: str, client: httpx.AsyncClient) -> None:
        self._idle.setdefault(host, []).append(client)

    async def _host_slot(self, host: str) -> None:
        """Wait for the per-host minimum interval (reserves the next slot atomically)."""
        gap = self.options.min_interval
        if gap <= 0:
            return
        lock = self._interval_lock.setdefault(host, asyncio.Lock())
        async with lock:
            now = time.monotonic()
            at = max(now, self._next_slot.get(host, 0.0))
            self._next_slot[host] = at + gap
        if at > now:
            await asyncio.sleep(at - now)

    async def _request(self, url: str, etag: str | None, last_modified: str | None,
                       slot: _HostSlot) -> tuple[int, dict[str, str], bytes | None]:

        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addrs = await self._addresses(host, port)
        headers = {
            "User-Agent": USER_AGENT,
            "Accept": ACCEPT,
            "Accept-Encoding": "gzip, deflate",
            "Host": parts.netloc.rsplit("@", 1)[-1],
        }
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        await slot.enter(host)
        client = self._client(host)
        try:
            return await self._request_with(client, url, host, parts.scheme, addrs, headers, slot)
        finally:
            self._release_client(host, client)

    async def _request_with(self, client: httpx.AsyncClient, url: str, host: str, scheme: str,
                            addrs: list[str], headers: dict[str, str],
                            slot: _HostSlot) -> tuple[int, dict[str, str], bytes | None]:
        import httpx

        if slot.interval_done:
            slot.interval_done = False  # the first request already waited before the deadline began
        else:
            await self._host_slot(host)
        last_error: Exception | None = None
        for ip in addrs:
            pinned = httpx.URL(url).copy_with(host=ip, fragment=None)
            ext: dict[str, Any] = {"sni_hostname": host} if scheme == "https" else {}
            try:
                self.requests += 1
                async with client.stream("GET", pinned, headers=headers, extensions=ext) as resp:
                    code = resp.status_code
                    hdrs = {k.lower(): v for k, v in resp.headers.items()}
                    if code in _REDIRECT_CODES or code == 304 or not (200 <= code < 300):
                        return code, hdrs, None
                    body = await self._read_body(resp, hdrs)
                    return code, hdrs, body
            except httpx.ConnectError as e:
                if _tls_error(e):  # the certificate or the handshake: another address will say the same
                    raise TlsFailure(f"TLS failure: {e}") from None
                last_error = e
                continue  # try the next checked address
            except httpx.TimeoutException as e:
                kind = type(e).__name__.replace("Timeout", " timeout").lower().strip()
                raise SourceTimeout(f"{kind} ({self.options.timeout:g} s limit)",
                                    retry=isinstance(e, httpx.ConnectTimeout)) from None
            except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as e:
                if _tls_error(e):
                    raise TlsFailure(f"TLS failure: {e or type(e).__name__}") from None
                raise ConnectFailure(f"connection error: {e or type(e).__name__}", retry=True) from None
            except httpx.HTTPError as e:
                raise ConnectFailure(f"HTTP error: {e or type(e).__name__}") from None
        raise ConnectFailure(f"cannot connect to {host}: {last_error or 'no address'}", retry=True)

    async def _read_body(self, resp: httpx.Response, headers: dict[str, str]) -> bytes:
        cap = self.options.max_source_bytes
        too_big = f"body larger than the {cap:,} byte limit (max_source_bytes)"
        declared = headers.get("content-length")
        encoding = headers.get("content-encoding", "")
        if declared and declared.isdigit() and not encoding and int(declared) > cap:
            raise TooLarge(too_big)
        if "," in encoding:
            raise UnsupportedType(f"unsupported content-encoding {encoding!r}")
        decoder = _Decoder(encoding)
        out = bytearray()
        async for raw in resp.aiter_raw(_CHUNK):
            for piece in decoder.feed(raw, cap - len(out)):
                out += piece
                if len(out) > cap:
                    raise TooLarge(too_big)
        out += decoder.flush()
        if len(out) > cap:
            raise TooLarge(too_big)
        return bytes(out)


async def fetch_all(urls: list[str], options: Options, cache: Cache | None = None,
                    progress: Callable[[int, int], None] | None = None) -> dict[str, FetchResult]:
    """Fetch many URLs at once under the run's limits; keys are the URLs as given."""
    async with Fetcher(options, cache) as f:
        done = 0

        async def one(u: str) -> tuple[str, FetchResult]:
            nonlocal done
            r = await f.get(u)
            done += 1
            if progress:
                progress(done, len(urls))
            return u, r

        pairs = await asyncio.gather(*(one(u) for u in urls))
    return dict(pairs)
