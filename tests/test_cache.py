"""The content-addressed cache: integrity, atomicity across processes, stats, prune, CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cache import Cache, CacheCorrupt, sha256_hex
from pipeline.cli.cache import cache_app
from pipeline.reading import ReadResult

ROOT = Path(__file__).resolve().parent.parent


def test_put_get_roundtrip(tmp_path: Path) -> None:
    c = Cache(tmp_path / "c")
    e = c.put("https://example.com/a", b"body 62%", content_type="text/html", etag='"v1"',
              final_url="https://example.com/b", locator="doi:10.1/x")
    assert e.sha256 == sha256_hex(b"body 62%")
    got = c.get("https://example.com/a")
    assert got is not None and got.etag == '"v1"' and got.final_url == "https://example.com/b"
    assert c.get_body(got) == b"body 62%"
    assert (tmp_path / "c" / "objects" / e.sha256[:2] / e.sha256).is_file()
    assert c.get("https://example.com/other") is None
    # identical bodies behind two URLs are stored once
    c.put("https://example.com/copy", b"body 62%")
    assert c.stats()["objects"] == 1 and c.stats()["entries"] == 2


def test_corrupt_body_detected(tmp_path: Path) -> None:
    c = Cache(tmp_path)
    e = c.put("https://x.org/", b"original text")
    c.object_path(e.sha256).write_bytes(b"original tex")  # truncated
    try:
        c.get_body(e)
        raise AssertionError("expected CacheCorrupt")
    except CacheCorrupt as err:
        assert "corrupt" in str(err)
    c.object_path(e.sha256).unlink()
    try:
        c.get_body(e)
        raise AssertionError("expected CacheCorrupt")
    except CacheCorrupt:
        pass


def test_corrupt_record_detected(tmp_path: Path) -> None:
    c = Cache(tmp_path)
    c.put("https://x.org/", b"t")
    meta = next((tmp_path / "meta").glob("*/*.json"))
    meta.write_text("{not json")
    try:
        c.get("https://x.org/")
        raise AssertionError("expected CacheCorrupt")
    except CacheCorrupt:
        pass
    assert c.stats()["corrupt_entries"] == 1


def test_text_cache_by_hash_and_reader_version(tmp_path: Path) -> None:
    c = Cache(tmp_path)
    c.put_text("ab" * 32, "1", ReadResult(text="hello 5%", title="T", kind="html"))
    assert c.get_text("ab" * 32, "1") == ReadResult(text="hello 5%", title="T", kind="html")
    assert c.get_text("ab" * 32, "2") is None
    next((tmp_path / "text").glob("*/*.json")).write_text("garbage")
    assert c.get_text("ab" * 32, "1") is None


def test_unwritable_cache_dir_degrades_with_warning(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("I am a file, not a directory")
    c = Cache(blocker)  # cannot mkdir inside a regular file (works as root too)
    assert not c.writable and c.warnings
    e = c.put("https://x.org/", b"t")  # no crash, nothing written
    assert e.sha256 == sha256_hex(b"t")
    assert c.get("https://x.org/") is None


def test_touch_updates_fetched_at(tmp_path: Path) -> None:
    c = Cache(tmp_path)
    e = c.put("https://x.org/", b"t", fetched_at="2000-01-01T00:00:00Z")
    assert e.age_seconds() > 86400 * 365
    c.touch(e, etag='"v2"')
    again = c.get("https://x.org/")
    assert again is not None and again.age_seconds() < 60 and again.etag == '"v2"'


def test_prune(tmp_path: Path) -> None:
    c = Cache(tmp_path)
    c.put("https://old.org/", b"old body", fetched_at="2000-01-01T00:00:00Z")
    new = c.put("https://new.org/", b"new body")
    c.put_text(new.sha256, "1", ReadResult(text="new"))
    removed = c.prune(older_than_days=30)
    assert removed["entries"] == 1 and removed["objects"] == 1
    assert c.get("https://old.org/") is None and c.get("https://new.org/") is not None
    assert c.get_text(new.sha256, "1") is not None
    removed = c.prune(all=True)
    assert removed["entries"] == 1
    assert c.stats()["entries"] == 0 and c.stats()["objects"] == 0


def test_cli_stats_and_prune(tmp_path: Path) -> None:
    c = Cache(tmp_path / "cache")
    c.put("https://x.org/", b"abc", fetched_at="2000-01-01T00:00:00Z")
    runner = CliRunner()
    r = runner.invoke(cache_app, ["stats", "--cache-dir", str(tmp_path / "cache")])
    assert r.exit_code == 0 and "entries:  1" in r.output
    r = runner.invoke(cache_app, ["stats", "--cache-dir", str(tmp_path / "cache"), "--json"])
    assert json.loads(r.output)["objects"] == 1
    r = runner.invoke(cache_app, ["prune", "--cache-dir", str(tmp_path / "cache"), "--older-than", "7"])
    assert r.exit_code == 0 and "removed 1 entry, 1 body" in r.output
    r = runner.invoke(cache_app, ["prune", "--cache-dir", str(tmp_path / "cache"), "--all"])
    assert r.exit_code == 0


_WRITER = r"""
import sys
from pipeline.cache import Cache
from pipeline.reading import ReadResult
c = Cache(sys.argv[1])
wid = sys.argv[2]
for i in range(150):
    shared = ("shared body %d " % (i % 10)).encode() * 2000
    c.put("https://shared.example/%d" % (i % 10), shared, etag='"%s-%d"' % (wid, i))
    c.put("https://own.example/%s/%d" % (wid, i), ("own %s %d" % (wid, i)).encode())
    c.put_text("%064x" % (i % 10), "1", ReadResult(text="text %d" % (i % 10)))
"""


def test_two_processes_write_one_cache(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", _WRITER, str(tmp_path), w], env=env)
             for w in ("a", "b")]
    t = time.monotonic()
    for p in procs:
        assert p.wait(timeout=60) == 0
    assert time.monotonic() - t < 30
    c = Cache(tmp_path)
    for i in range(10):
        e = c.get(f"https://shared.example/{i}")
        assert e is not None
        assert c.get_body(e) == (f"shared body {i} ".encode() * 2000)
        assert c.get_text(f"{i:064x}", "1") == ReadResult(text=f"text {i}")
    for w in ("a", "b"):
        for i in range(150):
            e = c.get(f"https://own.example/{w}/{i}")
            assert e is not None and c.get_body(e) == f"own {w} {i}".encode()
    leftovers = [p for p in tmp_path.rglob("*.tmp")]
    assert leftovers == []
    assert c.stats()["corrupt_entries"] == 0
