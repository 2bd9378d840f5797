"""Faults and concurrent use, through the real CLI in subprocesses: kill -9 mid-fetch, mid-cache
write and mid-ledger write, Ctrl-C, a full disk, a cache that cannot be written, and four `check`
processes sharing one cache and one ledger. Afterwards the cache and the ledger must be intact, the
interrupted run marked as such, and the next normal run must work.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from pipeline.cache import Cache

SOURCE = ("<html><head><title>Survey</title></head><body><main><article><h1>Survey 2024</h1>"
          "<p>Adoption of the new tools reached 62% of firms in 2024, according to the survey of "
          "managers across regions.</p><p>Costs of the programmes fell 12% over the same period, the "
          "survey of managers found.</p></article></main></body></html>")


def draft_text(url: str) -> str:
    return ("# Briefing\n\nAdoption of the new tools reached 62% of firms in 2024 [1].\n\n"
            "Costs of the programmes fell 15% over the same period [1].\n\n"
            f"## References\n\n1. Survey, {url}\n")


def cli_cmd(*args: str, hook: str = "") -> list[str]:
    """The real CLI; `hook` is Python run first in the same process (to pause at a chosen point)."""
    return [sys.executable, "-c", hook + "\nfrom pipeline.cli import main\nmain()\n", *args]


def env() -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if k != "CLAIMLEDGER_DEBUG"}
    e["PYTHONDONTWRITEBYTECODE"] = "1"
    return e


def check_args(tmp_path: Path, *extra: str) -> list[str]:
    return ["check", "d.md", "--format", "json", "--allow-private-hosts", "--timeout", "5",
            "--cache-dir", str(tmp_path / "cache"), "--db", str(tmp_path / "ledger.db"), *extra]


def run(tmp_path: Path, *args: str, hook: str = "", timeout: float = 60, **kw: object) -> subprocess.CompletedProcess:
    return subprocess.run(cli_cmd(*args, hook=hook), cwd=tmp_path, capture_output=True, text=True,
                          timeout=timeout, env=env(), **kw)  # type: ignore[call-overload]


def verdicts(stdout: str) -> list[tuple[str, str | None, str | None]]:
    report = json.loads(stdout)
    return [(c["quantity"]["text"], c["verdict"], c["suggestion"]) for d in report["documents"] for c in d["claims"]]


def q(db: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def assert_cache_intact(cache_dir: Path) -> None:
    c = Cache(cache_dir)
    assert c.stats()["corrupt_entries"] == 0
    for meta in (cache_dir / "meta").glob("*/*.json"):
        entry = json.loads(meta.read_bytes())
        e = c.get(entry["url"])
        assert e is not None
        c.get_body(e)  # raises CacheCorrupt when the body is missing or damaged


#: what every run below must report once it completes: two verified figures, one misquote (exit 1)
EXPECTED = [("62%", "verified", None), ("2024", "verified", None), ("15%", "misquote", "12%")]


# --------------------------------------------------------------------------- kill -9


def _kill_when(proc: subprocess.Popen, ready: threading.Event | None = None, marker: str | None = None,
               sig: int = signal.SIGKILL, wait: float = 30) -> str:
    """Send `sig` once `ready` is set or `marker` shows on the child's stderr; returns the stderr read."""
    seen = ""
    deadline = time.monotonic() + wait
    if marker is not None:
        assert proc.stderr is not None
        while marker not in seen:
            line = proc.stderr.readline()
            if not line:
                break
            seen += line
            assert time.monotonic() < deadline
    else:
        assert ready is not None and ready.wait(wait), "the child never reached the fault point"
    os.kill(proc.pid, sig)
    _out, err = proc.communicate(timeout=30)
    return seen + err


def _check_with_hanging_source(
    server: HTTPServer, tmp_path: Path
) -> tuple[subprocess.Popen[str], threading.Event, threading.Event]:
    """Start `check` on a draft whose one source hangs until `release` is set; `arrived` is set
    when the child's request reaches the server (the point to interrupt it at)."""
    arrived, release = threading.Event(), threading.Event()

    def hang(_req: Request) -> Response:
        arrived.set()
        release.wait(20)
        return Response(SOURCE, content_type="text/html")

    server.expect_request("/s").respond_with_handler(hang)
    (tmp_path / "d.md").write_text(draft_text(server.url_for("/s")))
    proc = subprocess.Popen(cli_cmd(*check_args(tmp_path)), cwd=tmp_path, env=env(), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return proc, arrived, release


def test_kill_9_during_fetch_then_a_normal_run(server: HTTPServer, tmp_path: Path) -> None:
    proc, arrived, release = _check_with_hanging_source(server, tmp_path)
    _kill_when(proc, ready=arrived)
    release.set()
    assert proc.returncode == -signal.SIGKILL
    db = tmp_path / "ledger.db"
    assert q(db, "PRAGMA integrity_check") == [("ok",)]
    assert q(db, "SELECT status FROM runs") == [("interrupted",)]
    assert q(db, "SELECT count(*) FROM verdicts") == [(0,)]
    assert_cache_intact(tmp_path / "cache")

    res = run(tmp_path, *check_args(tmp_path))
    assert res.returncode == 1, res.stderr
    assert verdicts(res.stdout) == EXPECTED
    assert q(db, "SELECT status, count(*) FROM runs GROUP BY status ORDER BY status") == [
        ("complete", 1), ("interrupted", 1)]
    assert q(db, "PRAGMA integrity_check") == [("ok",)]
    assert_cache_intact(tmp_path / "cache")


_PAUSE_IN_CACHE_WRITE = """
import os, sys, time
import pipeline.cache as _c
_fsync = os.fsync
def _slow_fsync(fd):
    _fsync(fd)
    sys.stderr.write("IN-CACHE-WRITE\\n"); sys.stderr.flush()
    time.sleep(60)
_c.os.fsync = _slow_fsync
"""


def test_kill_9_during_cache_write_then_a_normal_run(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/s").respond_with_data(SOURCE, content_type="text/html")
    (tmp_path / "d.md").write_text(draft_text(server.url_for("/s")))
    proc = subprocess.Popen(cli_cmd(*check_args(tmp_path), hook=_PAUSE_IN_CACHE_WRITE), cwd=tmp_path, env=env(),
                            text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _kill_when(proc, marker="IN-CACHE-WRITE")
    assert proc.returncode == -signal.SIGKILL
    cache = tmp_path / "cache"
    assert list(cache.rglob("*.tmp")), "the kill landed inside a cache write (a temp file is left)"
    assert not list((cache / "meta").glob("*/*.json"))  # no record points at a half-written body
    assert_cache_intact(cache)
    assert q(tmp_path / "ledger.db", "SELECT status FROM runs") == [("interrupted",)]

    res = run(tmp_path, *check_args(tmp_path))
    assert res.returncode == 1 and verdicts(res.stdout) == EXPECTED, res.stderr
    assert_cache_intact(cache)
    assert len(list((cache / "meta").glob("*/*.json"))) == 1
    res = run(tmp_path, *check_args(tmp_path, "--offline"))  # and the cached copy replays
    assert res.returncode == 1 and verdicts(res.stdout) == EXPECTED, res.stderr


_PAUSE_IN_LEDGER_WRITE = """
import sys, time
from pipeline.ledger import Ledger
_orig = Ledger._insert_ignore
def _paused(self, table, rows):
    _orig(self, table, rows)
    if table == "verdicts":  # rows written, transaction still open
        sys.stderr.write("IN-LEDGER-WRITE\\n"); sys.stderr.flush()
        time.sleep(60)
Ledger._insert_ignore = _paused
"""


def test_kill_9_during_ledger_write_then_a_normal_run(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/s").respond_with_data(SOURCE, content_type="text/html")
    (tmp_path / "d.md").write_text(draft_text(server.url_for("/s")))
    db = tmp_path / "ledger.db"
    first = run(tmp_path, *check_args(tmp_path))
    assert first.returncode == 1, first.stderr
    proc = subprocess.Popen(cli_cmd(*check_args(tmp_path), hook=_PAUSE_IN_LEDGER_WRITE), cwd=tmp_path, env=env(),
                            text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _kill_when(proc, marker="IN-LEDGER-WRITE")
    assert proc.returncode == -signal.SIGKILL
    assert q(db, "PRAGMA integrity_check") == [("ok",)]
    assert q(db, "SELECT status, count(*) FROM runs GROUP BY status ORDER BY status") == [
        ("complete", 1), ("interrupted", 1)]
    assert q(db, "SELECT count(*) FROM verdicts") == [(3,)]  # the killed run's rows rolled back

    res = run(tmp_path, *check_args(tmp_path))
    assert res.returncode == 1 and verdicts(res.stdout) == EXPECTED, res.stderr
    assert q(db, "SELECT status, count(*) FROM runs GROUP BY status ORDER BY status") == [
        ("complete", 2), ("interrupted", 1)]
    assert q(db, "SELECT count(*) FROM verdicts") == [(6,)]
    assert q(db, "PRAGMA integrity_check") == [("ok",)]
    assert_cache_intact(tmp_path / "cache")


def test_ctrl_c_during_fetch_is_one_line_and_the_run_is_interrupted(server: HTTPServer, tmp_path: Path) -> None:
    proc, arrived, release = _check_with_hanging_source(server, tmp_path)
    err = _kill_when(proc, ready=arrived, sig=signal.SIGINT)
    release.set()
    assert proc.returncode == 130, err
    assert err.strip() == "claimledger: interrupted" and "Traceback" not in err
    assert q(tmp_path / "ledger.db", "SELECT status FROM runs") == [("interrupted",)]
    assert q(tmp_path / "ledger.db", "PRAGMA integrity_check") == [("ok",)]


# --------------------------------------------------------------------------- full disk, unwritable cache


def _file_size_limit(limit: int):  # a preexec_fn
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of death, as on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_full_disk_for_the_cache_warns_and_leaves_no_corrupt_entry(server: HTTPServer, tmp_path: Path) -> None:
    big = SOURCE.replace("</article>", "<p>" + "Filler text about the survey. " * 8000 + "</p></article>")
    assert len(big) > 200_000
    server.expect_request("/s").respond_with_data(big, content_type="text/html")
    (tmp_path / "d.md").write_text(draft_text(server.url_for("/s")))
    res = run(tmp_path, *check_args(tmp_path, "--no-ledger"), preexec_fn=_file_size_limit(100_000))
    assert res.returncode == 1 and verdicts(res.stdout) == EXPECTED, res.stderr
    assert "Traceback" not in res.stderr
    cache = tmp_path / "cache"
    assert not list(cache.rglob("*.tmp"))
    assert not list((cache / "meta").glob("*/*.json"))  # no record for the body that did not fit
    assert not list((cache / "objects").glob("*/*"))
    assert_cache_intact(cache)
    # with room again, the same cache fills normally
    res = run(tmp_path, *check_args(tmp_path, "--no-ledger"))
    assert res.returncode == 1 and "cache" not in res.stderr, res.stderr
    assert len(list((cache / "meta").glob("*/*.json"))) == 1
    assert_cache_intact(cache)


@pytest.mark.parametrize("where", ["file", "under-file", "read-only-dir"])
def test_unwritable_cache_the_run_goes_on_with_a_warning(server: HTTPServer, tmp_path: Path, where: str) -> None:
    server.expect_request("/s").respond_with_data(SOURCE, content_type="text/html")
    (tmp_path / "d.md").write_text(draft_text(server.url_for("/s")))
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    if where == "file":
        cache = blocker
    elif where == "under-file":
        cache = blocker / "cache"
    else:
        cache = tmp_path / "ro"
        cache.mkdir()
        cache.chmod(0o555)
        if os.access(cache, os.W_OK):
            cache.chmod(0o755)
            pytest.skip("running as root: directory permissions are not enforced (the file cases cover it)")
    try:
        res = run(tmp_path, *check_args(tmp_path)[:-4], "--cache-dir", str(cache), "--db", str(tmp_path / "l.db"))
    finally:
        if where == "read-only-dir":
            cache.chmod(0o755)
    assert res.returncode == 1 and verdicts(res.stdout) == EXPECTED, res.stderr
    assert "Traceback" not in res.stderr
    assert blocker.read_text() == "a file, not a folder"
    assert q(tmp_path / "l.db", "SELECT status FROM runs") == [("complete",)]


@pytest.mark.parametrize("fault", ["cache-is-a-file", "disk-full"])
def test_cache_write_failure_is_a_warning_on_stderr(server: HTTPServer, tmp_path: Path, fault: str) -> None:
    big = SOURCE.replace("</article>", "<p>" + "Filler text about the survey. " * 8000 + "</p></article>")
    server.expect_request("/s").respond_with_data(big, content_type="text/html")
    (tmp_path / "d.md").write_text(draft_text(server.url_for("/s")))
    if fault == "cache-is-a-file":
        (tmp_path / "cache").write_text("a file")
        res = run(tmp_path, *check_args(tmp_path, "--no-ledger"))
    else:
        res = run(tmp_path, *check_args(tmp_path, "--no-ledger"), preexec_fn=_file_size_limit(100_000))
    assert res.returncode == 1 and verdicts(res.stdout) == EXPECTED, res.stderr
    warnings = [ln for ln in res.stderr.splitlines() if "cache directory" in ln]
    assert len(warnings) == 1 and warnings[0].startswith("claimledger: warning: "), res.stderr
    assert "continuing without caching" in warnings[0]


# --------------------------------------------------------------------------- concurrency


def test_four_checks_share_drafts_cache_and_ledger(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/s").respond_with_data(SOURCE, content_type="text/html")
    server.expect_request("/t").respond_with_data(SOURCE.replace("62%", "64%"), content_type="text/html")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "a.md").write_text(draft_text(server.url_for("/s")))
    (drafts / "b.md").write_text(draft_text(server.url_for("/t")))
    args = ["check", "drafts", "--format", "json", "--allow-private-hosts", "--timeout", "10",
            "--cache-dir", str(tmp_path / "cache"), "--db", str(tmp_path / "ledger.db")]
    procs = [subprocess.Popen(cli_cmd(*args), cwd=tmp_path, env=env(), text=True, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE) for _ in range(4)]
    outs = [p.communicate(timeout=90) for p in procs]
    codes = [p.returncode for p in procs]
    assert codes == [1, 1, 1, 1], [err for _o, err in outs]
    for _out, err in outs:
        assert "Traceback" not in err and "locked" not in err, err
    results = [verdicts(out) for out, _err in outs]
    assert all(r == results[0] for r in results)
    assert results[0] == [*EXPECTED, ("62%", "misquote", "64%"), ("2024", "verified", None),
                          ("15%", "misquote", "12%")]
    db = tmp_path / "ledger.db"
    assert q(db, "SELECT status, count(*) FROM runs GROUP BY status") == [("complete", 4)]
    assert q(db, "SELECT count(*) FROM verdicts") == [(24,)]
    assert q(db, "SELECT count(DISTINCT run_id) FROM verdicts") == [(4,)]
    assert q(db, "PRAGMA integrity_check") == [("ok",)]
    assert q(db, "PRAGMA foreign_key_check") == []
    assert_cache_intact(tmp_path / "cache")
    assert not list((tmp_path / "cache").rglob("*.tmp"))
