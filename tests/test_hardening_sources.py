"""Hostile sources end to end: the real CLI (`claimledger sources`/`check`) against real servers on
127.0.0.1 and ::1. Unit tests of the fetcher cover each guard alone; here every hostile case goes
through the whole stage at once, and the run must end normally with one clear status per source,
no traceback and no "internal error".
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import json
import os
import socket
import ssl
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from pytest_httpserver import HTTPServer
from sources_helpers import RawServer, make_pdf

CLI = Path(sys.executable).with_name("claimledger")


def run_cli(tmp_path: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CLAIMLEDGER_DEBUG"}
    return subprocess.run([str(CLI), *args], cwd=tmp_path, capture_output=True, text=True, timeout=timeout,
                          env=env)


def draft_citing(locators: list[str]) -> str:
    """One claim per locator: http(s) ones as inline links (a reference entry's URL pattern stops at
    "]" and cuts IPv6 literals short), the others as link definitions."""
    body, defs = [], []
    for i, loc in enumerate(locators):
        if loc.startswith(("http://", "https://")):
            body.append(f"Claim {i}: {10 + i}% of firms agree [source]({loc}).")
        else:
            body.append(f"Claim {i}: {10 + i}% of firms agree [{i + 1}].")
            defs.append(f"[{i + 1}]: {loc}")
    return "# Draft\n\n" + "\n".join(body) + "\n\n" + "\n".join(defs) + "\n"


def sources_report(tmp_path: Path, locators: list[str], *extra: str) -> tuple[dict[str, dict], str]:
    """`claimledger sources` on a draft citing `locators`; returns ({locator: source}, stderr)."""
    (tmp_path / "draft.md").write_text(draft_citing(locators))
    res = run_cli(tmp_path, "sources", "draft.md", "--format", "json", "--root", str(tmp_path),
                  "--cache-dir", str(tmp_path / "cache"), "--timeout", "3", *extra)
    assert res.returncode == 0, (res.returncode, res.stderr)
    assert "Traceback" not in res.stderr and "internal error" not in res.stderr, res.stderr
    assert "internal error" not in res.stdout
    report = json.loads(res.stdout)
    by_loc = {s["locator"]: s for s in report["sources"]}
    refs_by_loc = {r["locator"]: r for r in report["documents"][0]["references"]}
    for loc in locators:
        assert loc in by_loc, (loc, sorted(by_loc))
        assert refs_by_loc[loc]["status"] == by_loc[loc]["status"]
    return by_loc, res.stderr


# --------------------------------------------------------------------------- every hostile case at once


def test_every_hostile_source_in_one_run(server: HTTPServer, tmp_path: Path) -> None:
    enc = make_pdf(tmp_path / "enc.pdf", [["Secret 44%."]], encrypt="s3cret")
    server.expect_request("/ok").respond_with_data("Adoption reached 62% in 2024.", content_type="text/plain")
    server.expect_request("/404").respond_with_data("no", status=404)
    server.expect_request("/410").respond_with_data("gone", status=410)
    server.expect_request("/to-file").respond_with_data("", status=302, headers={"Location": "file:///etc/passwd"})
    server.expect_request("/to-gopher").respond_with_data(
        "", status=301, headers={"Location": "gopher://127.0.0.1:70/1"})
    server.expect_request("/loop").respond_with_data("", status=302, headers={"Location": "/loop2"})
    server.expect_request("/loop2").respond_with_data("", status=302, headers={"Location": "/loop"})
    server.expect_request("/enc.pdf").respond_with_data(enc.read_bytes(), content_type="application/pdf")
    server.expect_request("/bad.pdf").respond_with_data(b"%PDF-1.7\n1 0 obj <<>> garbage\n%%EOF",
                                                        content_type="application/pdf")
    server.expect_request("/bomb").respond_with_data(
        gzip.compress(b"\0" * (40 * 1024 * 1024)), content_type="text/html", headers={"Content-Encoding": "gzip"})
    server.expect_request("/img").respond_with_data(b"\x89PNG\r\n\x1a\n" + b"\0" * 64, content_type="image/png")
    server.expect_request("/br").respond_with_data(b"x", content_type="text/plain", headers={"Content-Encoding": "br"})
    (tmp_path / "outside.txt").write_text("secret 99%")
    root = tmp_path / "root"
    root.mkdir()
    os.symlink(tmp_path / "outside.txt", root / "link.txt")

    def cut(sock: socket.socket, _req: bytes) -> None:
        sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5000\r\n\r\npartial 62%")
        sock.shutdown(socket.SHUT_RDWR)

    def garbage(sock: socket.socket, _req: bytes) -> None:
        sock.sendall(b"SSH-2.0-OpenSSH_9.6\r\n\x00\x01\x02 not http at all\r\n\r\n")
        sock.shutdown(socket.SHUT_RDWR)

    def bad_redirect(sock: socket.socket, _req: bytes) -> None:
        sock.sendall(b"HTTP/1.1 302 Found\r\nLocation: http://[::1\r\nContent-Length: 0\r\n\r\n")

    def huge_header(sock: socket.socket, _req: bytes) -> None:
        sock.sendall(b"HTTP/1.1 200 OK\r\nX-Junk: " + b"a" * 200_000 + b"\r\n\r\nbody")

    u = server.url_for
    with RawServer(cut) as cut_srv, RawServer(garbage) as junk_srv, RawServer(huge_header) as hdr_srv, \
            RawServer(bad_redirect) as redir_srv:
        # locator: (status, a fragment of the message, error_kind)
        expect = {
            u("/ok"): ("ok", None, None),
            u("/404"): ("error", "HTTP 404", "http_status"),
            u("/410"): ("error", "HTTP 410", "http_status"),
            u("/to-file"): ("blocked", "scheme", "blocked"),
            u("/to-gopher"): ("blocked", "scheme", "blocked"),
            # httpx refuses the response itself (a protocol error), before any redirect is followed
            redir_srv.url("/to-bad-url"): ("error", "Invalid URL", "connection"),
            u("/loop"): ("error", "redirect loop", "redirect"),
            u("/enc.pdf"): ("error", "encrypted", "unreadable"),
            u("/bad.pdf"): ("error", "PDF", "unreadable"),
            u("/bomb"): ("error", "byte limit", "too_large"),
            u("/img"): ("error", "unsupported content", "unsupported_type"),
            u("/br"): ("error", "content-encoding", "unsupported_type"),
            cut_srv.url("/cut"): ("error", "connection", "connection"),
            junk_srv.url("/junk"): ("error", None, "connection"),
            hdr_srv.url("/hdr"): ("error", None, "connection"),
            "http://a..b/": ("error", "a..b", "dns"),
            "http://" + "x" * 70 + ".example/": ("error", "x" * 70, "dns"),
            "http://[::1": ("blocked", "not a valid URL", "invalid_locator"),
            "gopher://127.0.0.1:70/": ("blocked", "unsupported scheme", "blocked"),
            "ftp://127.0.0.1/x": ("blocked", "unsupported scheme", "blocked"),
            "../outside.txt": ("blocked", "outside --root", "blocked"),
            "link.txt": ("blocked", "outside --root", "blocked"),
            (tmp_path / "outside.txt").as_uri(): ("blocked", "outside --root", "blocked"),
            "missing.md": ("error", "file not found", "not_found_file"),
        }
        (root / "draft.md").write_text(draft_citing(list(expect)))
        res = run_cli(root, "sources", "draft.md", "--format", "json", "--root", str(root),
                      "--cache-dir", str(tmp_path / "cache"), "--timeout", "3", "--allow-private-hosts")
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr and "internal error" not in res.stderr + res.stdout, res.stderr
    got = {s["locator"]: s for s in json.loads(res.stdout)["sources"]}
    problems = []
    for loc, (status, fragment, kind) in expect.items():
        s = got.get(loc)
        if s is None or s["status"] != status or (fragment and fragment not in (s["error"] or "")) \
                or s["error_kind"] != kind:
            problems.append((loc, status, fragment, kind, s and (s["status"], s["error"], s["error_kind"])))
    assert not problems, problems
    assert "99%" not in res.stdout  # nothing outside --root was read


# --------------------------------------------------------------------------- the SSRF guard end to end


class _V6Server(http.server.ThreadingHTTPServer):
    address_family = socket.AF_INET6
    daemon_threads = True


class _Hits(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Hits.hits.append(self.path)
        body = b"Internal figure: 62% of secrets."
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(server_cls: type, address: tuple) -> Iterator[int]:
    srv = server_cls(address, _Hits)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    try:
        yield srv.server_address[1]
    finally:
        srv.shutdown()
        srv.server_close()


class _V4Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


def _has_ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False


def test_loopback_in_every_spelling_is_blocked_by_default(tmp_path: Path) -> None:
    _Hits.hits = []
    with serve(_V4Server, ("127.0.0.1", 0)) as port:
        spellings = [f"http://127.0.0.1:{port}/a", f"http://localhost:{port}/b", f"http://LocalHost:{port}/c",
                     f"http://[::ffff:127.0.0.1]:{port}/d", f"http://0x7f000001:{port}/e",
                     f"http://127.1:{port}/f", f"http://2130706433:{port}/g", f"http://0177.0.0.1:{port}/h",
                     f"http://user@127.0.0.1:{port}/i"]
        out, _ = sources_report(tmp_path, spellings)
        for loc in spellings:
            assert out[loc]["status"] == "blocked", (loc, out[loc])
            assert "--allow-private-hosts" in out[loc]["error"], out[loc]
        assert _Hits.hits == []  # never connected
        # the control: the same server answers once the flag lifts the guard
        ok, _ = sources_report(tmp_path, spellings[:2], "--allow-private-hosts")
        assert [ok[loc]["status"] for loc in spellings[:2]] == ["ok", "ok"]
        assert sorted(_Hits.hits) == ["/a", "/b"]


@pytest.mark.skipif(not _has_ipv6_loopback(), reason="no IPv6 loopback in this environment")
def test_ipv6_loopback_is_blocked_by_default(tmp_path: Path) -> None:
    _Hits.hits = []
    with serve(_V6Server, ("::1", 0)) as port:
        url = f"http://[::1]:{port}/v6"
        out, _ = sources_report(tmp_path, [url, f"http://[0:0:0:0:0:0:0:1]:{port}/v6b"])
        assert out[url]["status"] == "blocked" and "loopback" in out[url]["error"]
        assert out[f"http://[0:0:0:0:0:0:0:1]:{port}/v6b"]["status"] == "blocked"
        assert _Hits.hits == []
        ok, _ = sources_report(tmp_path, [url], "--allow-private-hosts")
        assert ok[url]["status"] == "ok" and _Hits.hits == ["/v6"]


def test_check_reports_blocked_source_as_unavailable_with_the_reason(tmp_path: Path) -> None:
    _Hits.hits = []
    with serve(_V4Server, ("127.0.0.1", 0)) as port:
        (tmp_path / "d.md").write_text(f"Some 62% of secrets leak [1].\n\n[1]: http://localhost:{port}/meta\n")
        res = run_cli(tmp_path, "check", "d.md", "--format", "json", "--no-ledger", "--cache-dir",
                      str(tmp_path / "cache"))
    assert res.returncode in (0, 1) and "Traceback" not in res.stderr, res.stderr
    claim = json.loads(res.stdout)["documents"][0]["claims"][0]
    assert claim["verdict"] == "unavailable"
    assert "loopback" in claim["message"]
    assert _Hits.hits == []


# --------------------------------------------------------------------------- TLS failures


@pytest.fixture(scope="module")
def tls_server() -> Iterator[tuple[int, object]]:
    trustme = pytest.importorskip("trustme")
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(ctx)
    srv = _V4Server(("127.0.0.1", 0), _Hits)
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield srv.server_address[1], ca
    srv.shutdown()
    srv.server_close()


def test_self_signed_certificate_is_a_clear_error(tls_server: tuple[int, object], tmp_path: Path) -> None:
    port, ca = tls_server
    url = f"https://127.0.0.1:{port}/tls"
    # the control: a client that trusts the test CA gets the page, so only trust is missing below
    ctx = ssl.create_default_context()
    ca.configure_trust(ctx)  # type: ignore[attr-defined]
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw, \
            ctx.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
        tls.sendall(b"GET /control HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        assert b"62%" in tls.recv(4096) + tls.recv(4096)
    out, _ = sources_report(tmp_path, [url, f"https://localhost:{port}/tls2"], "--allow-private-hosts")
    for loc in (url, f"https://localhost:{port}/tls2"):
        assert out[loc]["status"] == "error", out[loc]
        assert "certificate" in out[loc]["error"].lower(), out[loc]
        assert out[loc]["error_kind"] == "tls", out[loc]


def test_plain_http_on_a_tls_port_and_tls_on_a_plain_port(tls_server: tuple[int, object],
                                                          tmp_path: Path) -> None:
    port, _ca = tls_server
    with serve(_V4Server, ("127.0.0.1", 0)) as plain:
        wrong = [f"http://127.0.0.1:{port}/plain-to-tls", f"https://127.0.0.1:{plain}/tls-to-plain"]
        out, _ = sources_report(tmp_path, wrong, "--allow-private-hosts")
    for loc in wrong:
        assert out[loc]["status"] == "error" and out[loc]["error"], out[loc]
    assert out[wrong[1]]["error_kind"] == "tls", out[wrong[1]]  # a TLS handshake with a plain server
    assert out[wrong[0]]["error_kind"] in ("connection", "http_status"), out[wrong[0]]
