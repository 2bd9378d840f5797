"""A real HTTP server for the benchmark: serves a directory on 127.0.0.1 with a chosen latency.

Why not a mock: the cold-run figure measures how well the pipeline overlaps network waits, which only
shows against real sockets, real connection limits and a server that takes time to answer. Why not
``python -m http.server``: it cannot add latency, does not count requests, does not answer
``If-None-Match`` with 304, and its listen backlog of 5 drops connections when 32 arrive at once
(the client then waits a second for a SYN retry and the benchmark measures the kernel, not us).

What it does:

- binds 127.0.0.1 only (port 0 picks a free one);
- sleeps ``latency`` seconds before each answer, in the request's own thread, so concurrent requests
  overlap as they would against a remote host;
- counts requests, 304s and the arrival time of the first request (``time.monotonic``, the same
  clock as the benchmark, so "process start to first request" is a subtraction);
- sends a strong ETag, ``Last-Modified`` and ``Cache-Control: max-age=86400``, and answers a matching
  ``If-None-Match`` with 304;
- stops by itself after ``idle_timeout`` seconds without a request or ``max_lifetime`` seconds in
  all, so a crashed benchmark never leaves it behind.
"""

from __future__ import annotations

import argparse
import email.utils
import hashlib
import mimetypes
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".pdf": "application/pdf",
}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256  # 32+ simultaneous connects must not overflow the backlog
    bench: BenchServer


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real servers do
    # Headers and body leave in separate writes; with Nagle on, the client's delayed ACK stalls
    # every keep-alive response by ~40 ms and the benchmark would measure TCP, not claimledger.
    disable_nagle_algorithm = True
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        """Silence the per-request log: it would cost more than the requests themselves."""

    def do_HEAD(self) -> None:
        self._serve(body=False)

    def do_GET(self) -> None:
        self._serve(body=True)

    def _serve(self, body: bool) -> None:
        bench = self.server.bench
        bench._arrived()
        try:
            self._answer(bench, body)
        finally:
            bench._done()

    def _answer(self, bench: BenchServer, body: bool) -> None:
        if bench.latency > 0:
            time.sleep(bench.latency)
        found = bench._lookup(self.path)
        if found is None:
            self._reply(404, b"not found\n", "text/plain; charset=utf-8", {}, body)
            return
        data, etag, mtime, ctype = found
        headers = {
            "ETag": etag,
            "Last-Modified": email.utils.formatdate(mtime, usegmt=True),
            "Cache-Control": "public, max-age=86400",
        }
        inm = self.headers.get("If-None-Match")
        if inm and etag in [t.strip() for t in inm.split(",")]:
            bench._count_304()
            self._reply(304, b"", None, headers, False)
            return
        self._reply(200, data, ctype, headers, body)

    def _reply(
        self, status: int, data: bytes, ctype: str | None, headers: dict[str, str], body: bool
    ) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", "0" if status == 304 else str(len(data)))
        self.end_headers()
        if body and status != 304:
            self.wfile.write(data)


class BenchServer:
    """The server, its counters and its self-stopping watchdog. Use as a context manager."""

    def __init__(
        self,
        root: Path,
        latency: float = 0.0,
        port: int = 0,
        idle_timeout: float = 300.0,
        max_lifetime: float = 900.0,
    ) -> None:
        self.root = root.resolve()
        self.latency = latency
        self.idle_timeout = idle_timeout
        self.max_lifetime = max_lifetime
        self._lock = threading.Lock()
        self._files: dict[str, tuple[bytes, str, float, str] | None] = {}
        self.requests = 0
        self.not_modified = 0
        self.first_request_at: float | None = None
        self.last_request_at: float | None = None
        self.in_flight = 0
        self.max_in_flight = 0  # how much concurrency the client really achieved
        self._started = time.monotonic()
        self._stop = threading.Event()
        self._httpd = _Server(("127.0.0.1", port), _Handler)
        self._httpd.bench = self
        self.port: int = self._httpd.server_address[1]
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> BenchServer:
        """Serve in a background thread; the watchdog stops the server when it has been idle too long."""
        serve = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        watch = threading.Thread(target=self._watchdog, daemon=True)
        self._threads = [serve, watch]
        serve.start()
        watch.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket (idempotent)."""
        if not self._stop.is_set():
            self._stop.set()
            self._httpd.shutdown()
            self._httpd.server_close()

    def serve_root(self, root: Path) -> None:
        """Serve another directory from now on (one server, several corpora, one port)."""
        with self._lock:
            self.root = root.resolve()
            self._files.clear()

    def reset(self, latency: float | None = None) -> None:
        """Zero the counters before a measured run (and optionally change the latency)."""
        with self._lock:
            self.requests = 0
            self.not_modified = 0
            self.first_request_at = None
            self.last_request_at = None
            self.in_flight = 0
            self.max_in_flight = 0
        if latency is not None:
            self.latency = latency

    def __enter__(self) -> BenchServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def _watchdog(self) -> None:
        while not self._stop.wait(0.5):
            now = time.monotonic()
            last = self.last_request_at or self._started
            if now - last > self.idle_timeout or now - self._started > self.max_lifetime:
                self.stop()

    def _arrived(self) -> None:
        now = time.monotonic()
        with self._lock:
            self.requests += 1
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            if self.first_request_at is None:
                self.first_request_at = now
            self.last_request_at = now

    def _done(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def _count_304(self) -> None:
        with self._lock:
            self.not_modified += 1

    def _lookup(self, url_path: str) -> tuple[bytes, str, float, str] | None:
        """File bytes, ETag, mtime and content type for a URL path, cached; None outside the root."""
        rel = url_path.split("?", 1)[0].split("#", 1)[0].lstrip("/")
        if rel in self._files:
            return self._files[rel]
        path = (self.root / rel).resolve()
        entry = None
        if path.is_relative_to(self.root) and path.is_file():
            data = path.read_bytes()
            etag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
            ctype = CONTENT_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
            entry = (data, etag, path.stat().st_mtime, ctype or "application/octet-stream")
        with self._lock:
            self._files[rel] = entry
        return entry


def main() -> None:
    """Command line: serve a folder until idle (for trying the pipeline by hand against latency)."""
    ap = argparse.ArgumentParser(description="Serve DIR on 127.0.0.1 with latency, ETags and request counts.")
    ap.add_argument("root", type=Path)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--latency", type=float, default=0.0, help="seconds before each answer")
    ap.add_argument("--idle-timeout", type=float, default=120.0, help="stop after this long without requests")
    ap.add_argument("--max-lifetime", type=float, default=900.0, help="stop after this long in any case")
    a = ap.parse_args()
    srv = BenchServer(a.root, a.latency, a.port, a.idle_timeout, a.max_lifetime).start()
    print(f"serving {srv.root} at {srv.url} (latency {a.latency}s)", flush=True)
    try:
        while not srv._stop.wait(1.0):
            pass
    except KeyboardInterrupt:
        srv.stop()
    print(f"stopped: {srv.requests} requests, {srv.not_modified} answered 304", flush=True)


if __name__ == "__main__":
    main()
