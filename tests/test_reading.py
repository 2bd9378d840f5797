"""Bytes -> main text: HTML (no boilerplate figures), PDF, text, JSON, unsupported."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from sources_helpers import make_pdf

from pipeline.reading import ReadResult, detect_kind, non_source_reason, read_bytes

ARTICLE = """<!doctype html><html><head><title>CEO Outlook 2024</title>
<script>window.stats = {"share": "91% of readers"};</script>
<style>.x::after { content: "93%"; }</style></head>
<body>
<header class="site"><a href="/">Home</a> Trending: 81% of users</header>
<nav><ul><li><a href="/a">Markets up 71%</a></li><li><a href="/b">About</a></li></ul></nav>
<div id="cookie-consent">We use cookies. Accept all cookies to see 61% more.</div>
<div hidden>Hidden 51%</div><div aria-hidden="true">Aria 52%</div>
<main><article>
<h1>What chief executives expect</h1>
<p>In our annual survey, 62% of CEOs expect revenue growth next year, compared with 48% a year ago.
The survey covered 4,410 executives in 105 countries between October and November.</p>
<p>Investment in automation reached $200,000 per company on average, roughly double the 2021 level.
Respondents in manufacturing were the most optimistic of all sectors that we surveyed.</p>
<h2>Regional view</h2>
<ul><li>Europe: 57% optimistic</li><li>Asia-Pacific: 66% optimistic</li></ul>
<table><tr><th>Region</th><th>Share</th></tr><tr><td>North America</td><td>64%</td></tr></table>
</article></main>
<aside>Related: 41% of readers also read</aside>
<footer>Copyright 2024. 31% of footers are ignored. <a href="/privacy">Privacy</a></footer>
<script>console.log("21%")</script>
</body></html>"""

BOILERPLATE_FIGURES = ["91%", "93%", "81%", "71%", "61%", "51%", "52%", "41%", "31%", "21%"]


def test_html_keeps_article_drops_boilerplate() -> None:
    r = read_bytes(ARTICLE.encode(), "text/html; charset=utf-8", "https://example.com/a")
    assert r.error is None and r.kind == "html"
    text = r.text or ""
    for fig in ("62%", "48%", "4,410", "$200,000", "57%", "66%", "64%", "Regional view"):
        assert fig in text, fig
    for fig in BOILERPLATE_FIGURES:
        assert fig not in text, fig
    assert r.title
    # one paragraph per line: the two article paragraphs are on separate lines
    lines = text.split("\n")
    assert any("62% of CEOs" in line and "$200,000" not in line for line in lines)


def test_html_fallback_without_trafilatura_signal() -> None:
    # Tiny page: trafilatura may find too little; the fallback must still give the text,
    # and still never the script/nav/footer figures.
    html = ("<html><body><nav>Nav 71%</nav><div>Revenue rose 12%.</div><div>Costs fell 3%.</div>"
            "<footer>Footer 31%</footer><script>var a='21%'</script></body></html>")
    r = read_bytes(html.encode(), "text/html", "x")
    assert "12%" in (r.text or "") and "3%" in (r.text or "")
    for fig in ("71%", "31%", "21%"):
        assert fig not in (r.text or "")


def test_html_charset_from_meta() -> None:
    html = '<html><head><meta charset="iso-8859-1"></head><body><p>Caf\xe9 prices rose 5\xa0%.</p></body></html>'
    r = read_bytes(html.encode("latin-1"), "text/html", "x")
    assert "Café prices rose 5 %" in (r.text or "")


def test_cookie_wall_detected_only_as_non_source() -> None:
    wall = ("<html><body><div class='modal'><h2>We value your privacy</h2><p>We use cookies to improve "
            "your experience. Please accept cookies to continue, or sign in to your account.</p>"
            "<button>Accept all</button></div></body></html>")
    r = read_bytes(wall.encode(), "text/html", "x")
    assert non_source_reason(r) == "looks like a login/cookie/paywall page, not the source"
    login = "<html><body><h1>Sign in</h1><p>Log in to continue. Forgot your password?</p></body></html>"
    assert non_source_reason(read_bytes(login.encode(), "text/html", "x"))
    assert non_source_reason(read_bytes(ARTICLE.encode(), "text/html", "x")) is None
    empty = read_bytes(b"<html><body><div id='root'></div></body></html>", "text/html", "x")
    assert non_source_reason(empty) and "empty" in (non_source_reason(empty) or "")
    # never for non-HTML
    assert non_source_reason(ReadResult(text="Sign in. Subscribe.", kind="text")) is None


def test_pdf_pages_hyphenation_ligatures_title(tmp_path: Path) -> None:
    pdf = make_pdf(
        tmp_path / "r.pdf",
        [["Annual report on AI adoption", "Adoption reached 62% of firms, an in-", "crease of 14 points."],
         ["Page two says the efficient share was 35%.", "Hyphen- ated Sec-", "ond line"]],
        title="AI Adoption Report",
    )
    r = read_bytes(pdf.read_bytes(), "application/pdf", "r.pdf")
    assert r.error is None and r.kind == "pdf"
    text = r.text or ""
    assert "an increase of 14 points" in text
    assert "efficient share was 35%" in text
    assert "\n\n" in text  # pages separated by a blank line
    assert text.index("62%") < text.index("35%")
    assert r.title == "AI Adoption Report"


def test_pdf_served_as_octet_stream_is_sniffed(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "r.pdf", [["Share: 44%"]])
    r = read_bytes(pdf.read_bytes(), "application/octet-stream", "download")
    assert "44%" in (r.text or "")


def test_encrypted_pdf_is_an_error(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "e.pdf", [["Secret 77%"]], encrypt="hunter2")
    r = read_bytes(pdf.read_bytes(), "application/pdf", "e.pdf")
    assert r.text is None
    assert r.error and "encrypted" in r.error


def test_malformed_pdf_is_an_error() -> None:
    r = read_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", "application/pdf", "x.pdf")
    assert r.text is None and r.error
    assert "PDF" in r.error


def test_image_and_zip_unsupported() -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    r = read_bytes(png, "image/png", "chart.png")
    assert r.text is None and r.error == "unsupported content (image/png)"
    r = read_bytes(gzip.compress(b"x" * 100), "application/octet-stream", "file.bin")
    assert r.error == "unsupported content (application/octet-stream)"
    r = read_bytes(b"PK\x03\x04" + b"\x00" * 20, "application/zip", "a.zip")
    assert r.error == "unsupported content (application/zip)"


def test_text_markdown_csv_json() -> None:
    assert read_bytes(b"# Title\n\nRose 7%.\n", "text/markdown", "a.md").text == "# Title\n\nRose 7%."
    assert read_bytes(b"# Title\n\nRose 7%.\n", None, "a.md").title == "Title"
    assert "2024,62%" in (read_bytes(b"year,share\n2024,62%\n", None, "d.csv").text or "")
    j = read_bytes(json.dumps({"share": "62%"}).encode(), "application/json", "d.json")
    assert j.kind == "json" and "62%" in (j.text or "")
    assert read_bytes("e\ufb03cient".encode(), "text/plain", "x").text == "efficient"  # NFKC ligatures
    # curly quotes / nbsp normalised; UTF-8 BOM stripped
    t = read_bytes("\ufeff\u201cup\u00a015%\u201d".encode(), "text/plain; charset=utf-8", "x.txt")
    assert t.text == '"up 15%"'


def test_detect_kind_prefers_magic() -> None:
    assert detect_kind(b"%PDF-1.4 ...", "text/html", "x")[0] == "pdf"
    assert detect_kind(b"<!DOCTYPE html><html>", None, "x")[0] == "html"
    assert detect_kind(b"plain words", None, "x")[0] == "text"
    assert detect_kind(b"\x00\x01\x02", None, "x")[0] == "unsupported"
