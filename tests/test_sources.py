"""gather_sources end to end: real servers, real files, real cache directories."""

from __future__ import annotations

import os
from pathlib import Path

from pytest_httpserver import HTTPServer
from sources_helpers import make_pdf, opts
from werkzeug import Request, Response

from pipeline.cache import Cache
from pipeline.model import Document, Reference
from pipeline.sources import gather, gather_locators, gather_sources

ARTICLE = ("<html><head><title>Outlook</title></head><body><nav>Menu 71%</nav><main><article>"
           "<h1>Outlook for 2025</h1>"
           + "".join(f"<p>Paragraph {i}: 62% of CEOs expect growth, up from 48% in the previous survey "
                     f"of executives across many regions and sectors.</p>" for i in range(6))
           + "</article></main><footer>Footer 31%</footer><script>var s='21%';</script></body></html>")
COOKIE_WALL = ("<html><body><div class='modal'><h2>Before you continue</h2><p>We use cookies. "
               "Accept all cookies or sign in to continue reading.</p></div></body></html>")


def doc(*locators: str | None) -> Document:
    refs = [Reference(key=str(i + 1), line=i + 1, locator=loc) for i, loc in enumerate(locators)]
    return Document(path="draft.md", sha256="0", text="", references=refs)


def test_local_files_and_http_in_one_run(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/article").respond_with_data(ARTICLE, content_type="text/html; charset=utf-8")
    (tmp_path / "notes.md").write_text("# Notes\n\nThe pilot saved 35% of costs.\n")
    make_pdf(tmp_path / "report.pdf", [["Adoption reached 44% in 2024."]], title="Report")
    url = server.url_for("/article")
    d1 = doc(url, "notes.md", "report.pdf", None, "../escape.txt", "missing.md")
    d2 = doc(url + "#section-2", "notes.md")
    progress: list[tuple[int, int]] = []
    outcome = gather_sources([d1, d2], opts(tmp_path), tmp_path, progress=lambda a, b: progress.append((a, b)))
    out = outcome.sources

    web = out[url]
    assert web.status == "ok" and web.http_status == 200 and not web.from_cache
    assert web.content_type and web.content_type.startswith("text/html")
    assert "62% of CEOs" in (web.text or "")
    for boiler in ("71%", "31%", "21%"):
        assert boiler not in (web.text or "")
    assert web.sha256 and web.fetched_at and web.fetched_at.endswith("Z") and web.title
    assert out[url + "#section-2"].text == web.text and out[url + "#section-2"].locator == url + "#section-2"
    assert len(server.log) == 1  # one fetch for both drafts and both spellings

    assert out["notes.md"].status == "ok" and "35%" in (out["notes.md"].text or "")
    assert out["report.pdf"].status == "ok" and "44%" in (out["report.pdf"].text or "")
    assert out["report.pdf"].title == "Report"
    assert out["../escape.txt"].status == "blocked"
    assert out["missing.md"].status == "error" and "not found" in (out["missing.md"].error or "")
    assert None not in out  # type: ignore[comparison-overlap]

    # the stage returns values and edits nothing: each reference's locator and its status
    assert [r.status for r in d1.references + d2.references] == [None] * 8
    assert outcome.locators == [[url, "notes.md", "report.pdf", None, "../escape.txt", "missing.md"],
                                [url + "#section-2", "notes.md"]]
    assert [outcome.statuses.get(loc) if loc else None for loc in outcome.locators[0]] == [
        "ok", "ok", "ok", None, "blocked", "error"]
    assert [(out[loc].error_kind if loc else None) for loc in outcome.locators[0]] == [
        None, None, None, None, "blocked", "not_found_file"]
    assert progress[-1] == (5, 5)  # targets: url, notes, pdf, escape, missing


def test_warm_run_uses_cache_and_cached_text(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/a").respond_with_data(ARTICLE, content_type="text/html")
    url = server.url_for("/a")
    first = gather_locators([url], opts(tmp_path), tmp_path)[url]
    second = gather_locators([url], opts(tmp_path), tmp_path)[url]
    assert len(server.log) == 1
    assert second.from_cache and second.status == "ok"
    assert second.text == first.text and second.sha256 == first.sha256
    assert second.fetched_at == first.fetched_at
    texts = list((tmp_path / "cache" / "text").glob("*/*.json"))
    assert len(texts) == 1


def test_etag_revalidation_304(server: HTTPServer, tmp_path: Path) -> None:
    seen: list[str | None] = []

    def handler(req: Request) -> Response:
        seen.append(req.headers.get("If-None-Match"))
        if req.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response("Growth was 62% this year.", content_type="text/plain", headers={"ETag": '"v1"'})

    server.expect_request("/e").respond_with_handler(handler)
    url = server.url_for("/e")
    a = gather_locators([url], opts(tmp_path), tmp_path)[url]
    b = gather_locators([url], opts(tmp_path, refresh=True), tmp_path)[url]
    assert seen == [None, '"v1"']
    assert b.status == "ok" and b.from_cache and b.text == a.text and b.http_status == 200
    # stale by age: max_cache_age=0 also revalidates
    c = gather_locators([url], opts(tmp_path, max_cache_age=0), tmp_path)[url]
    assert seen[-1] == '"v1"' and c.from_cache


def test_last_modified_revalidation_and_changed_body(server: HTTPServer, tmp_path: Path) -> None:
    bodies = iter([b"Version one: 10%.", b"Version two: 20%."])

    def handler(req: Request) -> Response:
        return Response(next(bodies), content_type="text/plain",
                        headers={"Last-Modified": "Wed, 21 Oct 2015 07:28:00 GMT"})

    server.expect_request("/lm").respond_with_handler(handler)
    url = server.url_for("/lm")
    a = gather_locators([url], opts(tmp_path), tmp_path)[url]
    b = gather_locators([url], opts(tmp_path, refresh=True), tmp_path)[url]
    req = server.log[-1][0]
    assert req.headers.get("If-Modified-Since") == "Wed, 21 Oct 2015 07:28:00 GMT"
    assert not b.from_cache and b.text == "Version two: 20%." and a.sha256 != b.sha256
    c = gather_locators([url], opts(tmp_path, offline=True), tmp_path)[url]
    assert c.text == "Version two: 20%."


def test_offline(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/o").respond_with_data("Cached 5%.", content_type="text/plain")
    url = server.url_for("/o")
    gather_locators([url], opts(tmp_path), tmp_path)
    (tmp_path / "local.txt").write_text("Local 7%.")
    n = len(server.log)
    out = gather_locators([url, server.url_for("/never"), "local.txt"], opts(tmp_path, offline=True), tmp_path)
    assert len(server.log) == n
    assert out[url].status == "ok" and out[url].from_cache and out[url].text == "Cached 5%."
    never = out[server.url_for("/never")]
    assert never.status == "skipped" and never.error == "not in cache (offline)"
    assert out["local.txt"].status == "ok" and out["local.txt"].text == "Local 7%."


def test_corrupt_cache_entry(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/c").respond_with_data("Intact 9%.", content_type="text/plain")
    url = server.url_for("/c")
    first = gather_locators([url], opts(tmp_path), tmp_path)[url]
    obj = Cache(tmp_path / "cache").object_path(first.sha256 or "")
    obj.write_bytes(b"Intact")  # truncated on disk
    off = gather_locators([url], opts(tmp_path, offline=True), tmp_path)[url]
    assert off.status == "error" and "cache entry corrupt" in (off.error or "")
    on = gather_locators([url], opts(tmp_path), tmp_path)[url]
    assert on.status == "ok" and not on.from_cache and on.text == "Intact 9%."
    assert len(server.log) == 2
    assert obj.read_bytes() == b"Intact 9%."


def test_failures_are_not_cached(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_ordered_request("/f").respond_with_data("gone", status=404)
    server.expect_ordered_request("/f").respond_with_data("Back 3%.", content_type="text/plain")
    url = server.url_for("/f")
    a = gather_locators([url], opts(tmp_path), tmp_path)[url]
    assert a.status == "error" and a.http_status == 404 and a.error == "HTTP 404 Not Found"
    b = gather_locators([url], opts(tmp_path), tmp_path)[url]
    assert b.status == "ok" and b.text == "Back 3%."


def test_cookie_wall_over_http_but_not_local(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/wall").respond_with_data(COOKIE_WALL, content_type="text/html")
    (tmp_path / "wall.html").write_text(COOKIE_WALL)
    url = server.url_for("/wall")
    out = gather_locators([url, "wall.html"], opts(tmp_path), tmp_path)
    assert out[url].status == "error"
    assert out[url].error == "looks like a login/cookie/paywall page, not the source"
    assert out["wall.html"].status == "ok"


def test_wrong_content_type_image(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/chart").respond_with_data(b"\x89PNG\r\n\x1a\n" + b"\0" * 100, content_type="image/png")
    url = server.url_for("/chart")
    s = gather_locators([url], opts(tmp_path), tmp_path)[url]
    assert s.status == "error" and s.error == "unsupported content (image/png)"
    assert s.http_status == 200 and s.content_type == "image/png"


def test_pdf_over_http(server: HTTPServer, tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "r.pdf", [["Page one: 12%."], ["Page two: 34%."]])
    server.expect_request("/r.pdf").respond_with_data(pdf.read_bytes(), content_type="application/pdf")
    url = server.url_for("/r.pdf")
    s = gather_locators([url], opts(tmp_path), tmp_path)[url]
    assert s.status == "ok" and s.text == "Page one: 12%.\n\nPage two: 34%."


def test_private_address_blocked_by_default(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/p").respond_with_data("x")
    url = server.url_for("/p")
    s = gather_locators([url], opts(tmp_path, allow_private_hosts=False), tmp_path)[url]
    assert s.status == "blocked"
    assert s.error == "blocked: 127.0.0.1 is a loopback address (use --allow-private-hosts)"
    assert len(server.log) == 0


def test_paths_escaping_root_blocked(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (tmp_path / "secret.txt").write_text("secret 99%")
    os.symlink(tmp_path / "secret.txt", root / "link.txt")
    locs = ["../secret.txt", str(tmp_path / "secret.txt"), "link.txt", (tmp_path / "secret.txt").as_uri()]
    out = gather_locators(locs, opts(tmp_path), root)
    for loc in locs:
        assert out[loc].status == "blocked", loc
        assert out[loc].text is None


def test_unwritable_cache_warns_and_works(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/u").respond_with_data("Fine 1%.", content_type="text/plain")
    blocker = tmp_path / "blocker"
    blocker.write_text("not a dir")
    d = doc(server.url_for("/u"))
    outcome = gather_sources([d], opts(tmp_path, cache_dir=str(blocker)), tmp_path)
    assert outcome.sources[server.url_for("/u")].status == "ok"
    assert any("not writable" in w for w in outcome.warnings)
    assert d.warnings == []  # run-level warnings are the outcome's, not the first draft's


def test_local_text_cached_by_hash(tmp_path: Path) -> None:
    f = tmp_path / "n.txt"
    f.write_text("One 1%.")
    res = gather([f.name], opts(tmp_path), tmp_path)
    assert res.sources["n.txt"].text == "One 1%." and res.requests == 0
    assert not res.sources["n.txt"].from_cache
    f.write_text("Two 2%.")  # edited file: new hash, new text
    assert gather_locators([f.name], opts(tmp_path), tmp_path)["n.txt"].text == "Two 2%."
    assert len(list((tmp_path / "cache" / "text").glob("*/*.json"))) == 2
    assert not list((tmp_path / "cache" / "objects").glob("*/*"))  # local bodies are not copied


def test_many_pdfs_read_concurrently(tmp_path: Path) -> None:
    """PDFium is not thread-safe: parallel reads must still all succeed."""
    names = []
    for i in range(8):
        make_pdf(tmp_path / f"p{i}.pdf", [[f"Document {i} reports {i + 10}%."]] * 3)
        names.append(f"p{i}.pdf")
    out = gather_locators(names, opts(tmp_path), tmp_path)
    for i, n in enumerate(names):
        assert out[n].status == "ok" and f"{i + 10}%" in (out[n].text or "")
