"""Locators -> URL / path under root / blocked."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.resolve import canonical_url, resolve_locator


@pytest.mark.parametrize(
    ("locator", "url"),
    [
        ("doi:10.1234/abc.5", "https://doi.org/10.1234/abc.5"),
        ("DOI: 10.1234/abc", "https://doi.org/10.1234/abc"),
        ("10.1038/s41586-020-2649-2", "https://doi.org/10.1038/s41586-020-2649-2"),
        ("https://doi.org/10.1234/abc", "https://doi.org/10.1234/abc"),
        ("http://dx.doi.org/10.1234/abc", "https://doi.org/10.1234/abc"),
        ("arXiv:2303.01432", "https://arxiv.org/abs/2303.01432"),
        ("arxiv:2303.01432v2", "https://arxiv.org/abs/2303.01432v2"),
        ("https://Example.COM:443/a/b?x=1#frag", "https://example.com/a/b?x=1"),
        ("http://example.com", "http://example.com/"),
        ("http://example.com:8080/x", "http://example.com:8080/x"),
        ("<https://example.com/x>", "https://example.com/x"),
        ("https://example.com/report.", "https://example.com/report"),
    ],
)
def test_urls_dois_arxiv(locator: str, url: str, tmp_path: Path) -> None:
    r = resolve_locator(locator, tmp_path)
    assert r.kind == "url", r
    assert r.url == url


@pytest.mark.parametrize("locator", ["ftp://example.com/x", "mailto:a@b.c", "javascript:alert(1)",
                                     "gopher://x/", "data:text/plain,62%", "http:///nohost"])
def test_other_schemes_blocked(locator: str, tmp_path: Path) -> None:
    r = resolve_locator(locator, tmp_path)
    assert r.kind == "blocked"
    assert r.reason


def test_relative_path_inside_root(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    f = tmp_path / "src" / "report.md"
    f.write_text("x")
    r = resolve_locator("src/report.md", tmp_path)
    assert r.kind == "path" and r.path == f.resolve()
    # ".." that stays inside the root is fine
    assert resolve_locator("src/../src/report.md", tmp_path).path == f.resolve()
    # a fragment is not part of the file name
    assert resolve_locator("src/report.md#table-2", tmp_path).path == f.resolve()


def test_missing_file_still_resolves(tmp_path: Path) -> None:
    r = resolve_locator("nope.pdf", tmp_path)
    assert r.kind == "path"


def test_dotdot_escape_blocked(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (tmp_path / "secret.txt").write_text("s")
    r = resolve_locator("../secret.txt", root)
    assert r.kind == "blocked"
    assert "outside --root" in (r.reason or "")


def test_absolute_outside_blocked_inside_ok(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (root / "a.txt").write_text("a")
    assert resolve_locator("/etc/passwd", root).kind == "blocked"
    assert resolve_locator(str(root / "a.txt"), root).kind == "path"


def test_symlink_escape_blocked(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text("secret 99%")
    os.symlink(outside, root / "link.txt")
    r = resolve_locator("link.txt", root)
    assert r.kind == "blocked"
    assert "symlink" in (r.reason or "")
    # a symlink that stays inside is fine
    (root / "in.txt").write_text("x")
    os.symlink(root / "in.txt", root / "link2.txt")
    assert resolve_locator("link2.txt", root).kind == "path"


def test_file_url_is_a_path_under_root(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("a")
    assert resolve_locator((tmp_path / "a.txt").as_uri(), tmp_path).kind == "path"
    assert resolve_locator("file:///etc/passwd", tmp_path).kind == "blocked"
    assert resolve_locator("file://otherhost/x", tmp_path).kind == "blocked"


def test_same_target_same_key(tmp_path: Path) -> None:
    a = resolve_locator("doi:10.1234/abc", tmp_path)
    b = resolve_locator("https://dx.doi.org/10.1234/abc", tmp_path)
    assert a.target == b.target
    assert canonical_url("HTTP://A.com:80/x#y") == "http://a.com/x"
