"""Every failed source has a kind, in the JSON report, the ledger and the HTML report (issue 17).

One real check against real servers on 127.0.0.1 (a silent one, a 404, an untrusted TLS
certificate, a body over the size limit, an image, a cookie wall), a missing local file, and a
second run whose loopback URL the SSRF guard blocks; both write one real ledger. The kinds come
from the failure classes in pipeline/errors.py, which a static test keeps the only place a kind
is written.
"""

from __future__ import annotations

import ast
import http.server
import json
import sqlite3
import ssl
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import get_args

import pytest
from pytest_httpserver import HTTPServer
from sources_helpers import RawServer

import pipeline
from pipeline import errors
from pipeline.config import Options
from pipeline.report import render

REPO = Path(__file__).resolve().parent.parent
COOKIE_WALL = ("<html><body><div class='modal'><h2>Before you continue</h2><p>We use cookies. "
               "Accept all cookies or sign in to continue reading.</p></div></body></html>")


class _Page(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"Adoption reached 62% in 2024."
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def untrusted_tls() -> Iterator[int]:
    """An HTTPS server whose certificate comes from a CA nobody trusts (trustme's)."""
    trustme = pytest.importorskip("trustme")
    cert = trustme.CA().issue_cert("127.0.0.1", "localhost")
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(ctx)
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    srv.daemon_threads = True
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv.server_address[1]
    srv.shutdown()
    srv.server_close()


def _silent(sock: object, _request: bytes) -> None:
    time.sleep(3)  # never answers within the 1 s limit


def test_every_failure_kind_in_json_ledger_and_html(server: HTTPServer, untrusted_tls: int, tmp_path: Path) -> None:
    server.expect_request("/404").respond_with_data("no", status=404)
    server.expect_request("/big").respond_with_data("62% " * 2000, content_type="text/plain")
    server.expect_request("/img").respond_with_data(b"\x89PNG\r\n\x1a\n" + b"\0" * 64, content_type="image/png")
    server.expect_request("/wall").respond_with_data(COOKIE_WALL, content_type="text/html")
    db = tmp_path / "ledger.db"
    with RawServer(_silent) as silent:  # type: ignore[arg-type]
        expect = {
            silent.url("/slow"): "timeout",
            server.url_for("/404"): "http_status",
            f"https://127.0.0.1:{untrusted_tls}/tls": "tls",
            server.url_for("/big"): "too_large",
            server.url_for("/img"): "unsupported_type",
            server.url_for("/wall"): "login_wall",
            "missing.md": "not_found_file",
        }
        draft = tmp_path / "draft.md"
        draft.write_text("# Draft\n\n" + "".join(f"Claim {i}: {10 + i}% of firms agree [{i + 1}].\n" for i in
                                               range(len(expect)))
                         + "\n" + "".join(f"[{i + 1}]: {loc}\n" for i, loc in enumerate(expect)))
        options = Options(root=str(tmp_path), cache_dir=str(tmp_path / "cache"), db=str(db), timeout=1.0, retries=0,
                          allow_private_hosts=True, max_source_bytes=1000)
        result = pipeline.check([str(draft)], options)
    # a second run into the same ledger: without --allow-private-hosts the guard blocks loopback
    draft2 = tmp_path / "draft2.md"
    blocked = f"http://127.0.0.1:{server.port}/never"
    draft2.write_text(f"Some 62% of secrets leak [1].\n\n[1]: {blocked}\n")
    second = pipeline.check([str(draft2)], Options(root=str(tmp_path), cache_dir=str(tmp_path / "cache"), db=str(db)))
    expect[blocked] = "blocked"

    report = json.loads(render(result, "json", options))["sources"] + \
        json.loads(render(second, "json", options))["sources"]
    assert {s["locator"]: s["error_kind"] for s in report} == expect
    assert all(s["status"] != "ok" for s in report)
    with sqlite3.connect(db) as conn:
        rows = dict(conn.execute("SELECT source, error_kind FROM fetches").fetchall())
    assert rows == expect
    page = render(result, "html", options) + render(second, "html", options)
    for kind in expect.values():
        assert f'data-error-kind="{kind}"' in page and '<span class="error-kind" title="' in page, kind


def test_the_closed_set_is_the_classes_and_the_type() -> None:
    assert list(errors.ERROR_KINDS) == list(get_args(errors.ErrorKind))
    assert all(errors.ERROR_KINDS.values())  # every kind says what it covers
    for cls in (errors.CacheCorrupt, errors.BlockedAddress, errors.GitError, errors.UserError, errors.SourceFailure):
        assert issubclass(cls, errors.ClaimledgerError), cls


def test_no_kind_is_written_outside_errors_py() -> None:
    """A kind is set by choosing a failure class; nowhere does code write a kind string itself."""
    written = []
    for path in sorted((REPO / "pipeline").rglob("*.py")):
        if path.name == "errors.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            values: list[ast.expr] = []
            if isinstance(node, ast.keyword) and node.arg == "error_kind":
                values.append(node.value)
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                flat = [t for tgt in targets for t in (tgt.elts if isinstance(tgt, ast.Tuple) else [tgt])]
                if any(isinstance(t, ast.Attribute) and t.attr in ("error_kind", "kind") and isinstance(
                        t.value, ast.Name) and t.value.id in ("src", "source", "res", "result", "self")
                       for t in flat) and node.value is not None:
                    values.extend(node.value.elts if isinstance(node.value, ast.Tuple) else [node.value])
            for v in values:
                if isinstance(v, ast.Constant) and v.value in errors.ERROR_KINDS:
                    written.append(f"{path.relative_to(REPO)}:{v.lineno}: {v.value!r}")
    assert not written, written
