"""Bytes of a source -> its main text, normalised, or a precise reason why not.

The matcher can only find what this module keeps, and it must never "find" a figure that the
source does not state: so for HTML we favour recall for the article (tables, headings, list items)
while cutting everything that is not the author's text (scripts, navigation, footers, cookie
banners) *before* any extractor sees the page. PDFs go through pypdfium2 (fast) with pypdf as a
fallback. Every text leaves through :func:`pipeline.textnorm.normalise_text`.

``READER_VERSION`` is part of the text-cache key: bump it whenever the output of this module
changes, so warm caches re-read instead of serving text from an older reader.
"""

from __future__ import annotations

import codecs
import re
import threading
from dataclasses import dataclass
from typing import Any, Literal

from .errors import LoginWall, SourceFailure, Unreadable, UnsupportedType
from .textnorm import TEXTNORM_VERSION, normalise_text

__all__ = [
    "READER_VERSION",
    "ReadResult",
    "detect_kind",
    "non_source_failure",
    "non_source_reason",
    "read_bytes",
    "read_failure",
]

READER_VERSION = "1." + TEXTNORM_VERSION

ContentKind = Literal["html", "pdf", "text", "json", "unsupported"]


@dataclass(slots=True)
class ReadResult:
    """The outcome of reading one body: ``text`` (normalised) or ``error``; ``kind`` what it was."""

    text: str | None
    title: str | None = None
    error: str | None = None
    kind: ContentKind = "text"

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "title": self.title, "error": self.error, "kind": self.kind}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ReadResult:
        return cls(text=d.get("text"), title=d.get("title"), error=d.get("error"), kind=d.get("kind", "text"))


_TEXT_EXT = (".txt", ".md", ".markdown", ".csv", ".tsv", ".text", ".rst")
_HTML_EXT = (".html", ".htm", ".xhtml")
_TEXT_TYPES = {"text/plain", "text/markdown", "text/x-markdown", "text/csv", "text/tab-separated-values",
               "text/x-rst"}
_HTML_TYPES = {"text/html", "application/xhtml+xml"}


def _mime(content_type: str | None) -> tuple[str, str | None]:
    """('text/html', 'utf-8') from 'text/html; charset=UTF-8'."""
    if not content_type:
        return "", None
    main, _, params = content_type.partition(";")
    charset = None
    for p in params.split(";"):
        k, _, v = p.partition("=")
        if k.strip().lower() == "charset" and v.strip():
            charset = v.strip().strip("\"'")
    return main.strip().lower(), charset


def _looks_html(head: bytes) -> bool:
    h = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return h.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or (
        h.startswith(b"<") and (b"<html" in h[:2048] or b"<body" in h[:2048] or b"<p>" in h[:2048])
    )


def _looks_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as e:
        # A multi-byte character cut at the end of the sample is still text.
        return e.start >= len(head) - 3


def detect_kind(body: bytes, content_type: str | None, name: str) -> tuple[ContentKind, str]:
    """What to read the body as; the second item names the type for error messages.

    Magic bytes win over a wrong header (servers send PDFs as octet-stream or even text/html), the
    declared type wins over the file name, and the file name is the last hint.
    """
    mime, _ = _mime(content_type)
    head = body[:4096]
    lname = name.lower().split("?", 1)[0].split("#", 1)[0]
    if b"%PDF-" in body[:1024]:
        return "pdf", "application/pdf"
    if mime in _HTML_TYPES:
        return "html", mime
    if mime == "application/pdf":
        return "unsupported", "application/pdf (not a PDF file)"
    if mime in _TEXT_TYPES:
        return "text", mime
    if mime == "application/json" or mime.endswith("+json"):
        return "json", mime
    if mime.endswith(("/xml", "+xml")) and _looks_text(head):
        return "html", mime
    if mime.startswith("text/") and _looks_text(head):
        return ("html" if _looks_html(head) else "text"), mime
    if mime.startswith(("image/", "audio/", "video/", "font/")) or mime in (
        "application/zip", "application/gzip", "application/x-tar", "application/x-7z-compressed",
        "application/vnd.ms-excel", "application/msword", "application/x-rar-compressed",
    ) or mime.startswith("application/vnd.openxmlformats"):
        return "unsupported", mime
    # octet-stream, missing or unknown types: sniff.
    if lname.endswith(".pdf"):
        return "unsupported", mime or "application/octet-stream"
    if not _looks_text(head):
        return "unsupported", mime or "application/octet-stream"
    if lname.endswith(_HTML_EXT) or _looks_html(head):
        return "html", mime or "text/html"
    if lname.endswith(".json"):
        return "json", mime or "application/json"
    return "text", mime or "text/plain"


def _decode(body: bytes, charset: str | None) -> str:
    """Decode with the declared charset, else UTF-8 (BOM-aware), else cp1252 (never fails)."""
    if body.startswith(codecs.BOM_UTF8):
        return body[3:].decode("utf-8", errors="replace")
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return body.decode("utf-16", errors="replace")
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("cp1252", errors="replace")


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def read_bytes(body: bytes, content_type: str | None, name: str) -> ReadResult:
    """Read one source body (HTML, PDF, text, Markdown, CSV, JSON) into normalised main text.

    ``name`` is the URL or file name, used only as a type hint. Never raises for bad input: a body
    that cannot be read gives ``ReadResult(text=None, error=...)``.
    """
    kind, shown = detect_kind(body, content_type, name)
    _, charset = _mime(content_type)
    try:
        if kind == "pdf":
            return _read_pdf(body)
        if kind == "html":
            if not charset:
                m = _META_CHARSET.search(body[:4096])
                charset = m.group(1).decode("ascii") if m else None
            return _read_html(_decode(body, charset))
        if kind == "json":
            raw = _decode(body, charset)
            return ReadResult(text=normalise_text(raw), kind="json")
        if kind == "text":
            raw = _decode(body, charset)
            title = None
            for line in raw.splitlines()[:20]:
                if line.startswith("# "):
                    title = line[2:].strip() or None
                    break
            return ReadResult(text=normalise_text(raw), title=title, kind="text")
    except Exception as e:  # a reader bug must cost one source, not the run
        return ReadResult(text=None, error=f"cannot read {kind}: {type(e).__name__}: {e}", kind=kind)
    return ReadResult(text=None, error=f"unsupported content ({shown})", kind="unsupported")


# ---------------------------------------------------------------------------------------------
# HTML

_DROP_TAGS = ("script", "style", "nav", "footer", "noscript", "template", "aside", "form", "iframe",
              "svg", "canvas", "button", "select", "dialog", "object", "embed")
_BANNER_RE = re.compile(
    r"(^|[\s_-])(cookie|cookies|consent|gdpr|cmp|onetrust|cookiebanner|cc-banner|cc-window|"
    r"privacy-banner|newsletter-signup|paywall|subscribe-wall|modal-backdrop)([\s_-]|$)",
    re.I,
)
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6", "li",
    "ul", "ol", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "caption", "figure",
    "figcaption", "blockquote", "pre", "address", "hr", "br", "summary", "details",
}
_CELL_TAGS = {"td", "th"}


def _clean_tree(html: str) -> tuple[Any, str | None]:
    """Parse and strip everything that is not the author's text; returns (tree, <title>)."""
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(html)
    except Exception:  # empty or unparsable documents
        return None, None
    title_el = tree.find(".//title")
    title = (" ".join(title_el.text_content().split())
             if isinstance(title_el, lxml.html.HtmlElement) else None)
    doomed: list[Any] = []
    for el in tree.iter():
        raw_tag: object = el.tag  # a function, not a name, for comments and processing instructions
        if not isinstance(raw_tag, str):
            doomed.append(el)
            continue
        tag = raw_tag.lower()
        if tag in _DROP_TAGS or tag == "head":
            doomed.append(el)
            continue
        if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
            doomed.append(el)
            continue
        style = (el.get("style") or "").replace(" ", "").lower()
        if "display:none" in style or "visibility:hidden" in style:
            doomed.append(el)
            continue
        if tag == "header" and not any(
            (a.tag if isinstance(a.tag, str) else "").lower() in ("article", "main") for a in el.iterancestors()
        ):
            doomed.append(el)
            continue
        if tag in ("html", "body", "main", "article"):
            continue
        marker = f"{el.get('id') or ''} {el.get('class') or ''} {el.get('role') or ''}"
        if _BANNER_RE.search(marker) or (el.get("role") or "").lower() in ("navigation", "contentinfo",
                                                                            "banner", "dialog", "alertdialog"):
            doomed.append(el)
    for el in doomed:
        parent = el.getparent()
        if parent is None:
            continue
        # Keep the tail text: it belongs to the parent, not to the dropped element.
        tail = el.tail
        prev = el.getprevious()
        if tail:
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
        parent.remove(el)
    return tree, title or None


def _visible_text(tree: Any) -> str:
    """Fallback: the visible text of an already cleaned tree, one block per line."""
    body = tree.find(".//body")
    node = body if body is not None else tree
    parts: list[str] = []

    def walk(el: Any) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        block = tag in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if tag in _CELL_TAGS:
            parts.append(" | ")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    walk(node)
    text = "".join(parts)
    lines = (" ".join(line.replace(" | ", " ").split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _trafilatura_text(tree: Any) -> tuple[str | None, str | None]:
    """Main text with trafilatura, tuned for recall; None when it is unavailable or finds nothing."""
    try:
        import lxml.html
        import trafilatura
    except ImportError:  # trafilatura (or its lxml_html_clean dependency) missing: use the fallback
        return None, None
    html = lxml.html.tostring(tree, encoding="unicode")
    text = trafilatura.extract(
        html,
        include_tables=True,
        include_comments=False,
        include_links=False,
        include_images=False,
        include_formatting=False,
        favor_recall=True,
        deduplicate=False,
        with_metadata=False,
    )
    title = None
    try:
        meta = trafilatura.extract_metadata(html)
        title = meta.title if meta is not None else None
    except Exception:
        title = None
    return text, title


def _read_html(html: str) -> ReadResult:
    tree, title = _clean_tree(html)
    if tree is None:
        return ReadResult(text="", title=None, kind="html")
    fallback = _visible_text(tree)
    main, t_title = _trafilatura_text(tree)
    text = main or ""
    # "Too little": trafilatura judged most of a real text to be boilerplate (short pages, pages
    # made of tables or lists). Recall matters more than a little leftover chrome here.
    if (len(text) < 200 and len(fallback) > 2 * len(text)) or len(text) < 0.3 * len(fallback):
        text = fallback
    return ReadResult(text=normalise_text(text), title=t_title or title, kind="html")


# ---------------------------------------------------------------------------------------------
# Non-sources (login walls, cookie walls, paywalls, JavaScript-only shells)

_WALL_PATTERNS = [
    r"\bsign(?:ing)?[ -]?in\b", r"\blog(?:ging)?[ -]?in\b", r"\bsubscri(?:be|ption|bers?)\b", r"\bpaywall\b",
    r"\baccept (?:all )?cookies\b", r"\bcookie (?:policy|settings|preferences|consent)\b",
    r"\bwe use cookies\b", r"\benable javascript\b", r"\bjavascript is (?:disabled|required)\b",
    r"\bcreate (?:an|a free) account\b", r"\bregister to (?:continue|read)\b",
    r"\balready a (?:subscriber|member)\b", r"\bverify you are (?:a )?human\b", r"\bcaptcha\b",
    r"\baccess denied\b", r"\bjust a moment\b", r"\bforgot (?:your )?password\b", r"\bpassword\b",
    r"\bfree articles?\b", r"\bunlock (?:this|full) (?:article|story)\b", r"\bcontinue reading\b",
]
_WALL_RE = [re.compile(p, re.I) for p in _WALL_PATTERNS]
NON_SOURCE_MAX_CHARS = 600


def non_source_failure(result: ReadResult) -> SourceFailure | None:
    """Why an HTML page fetched over HTTP is probably not the cited source, or None.

    Only for web pages: a login form or cookie wall has a 200 status and reads fine, and a
    judge would then report ``not_found`` as if the author were wrong. Local files are what the
    author chose, so callers never apply this to them.
    """
    if result.kind != "html" or result.text is None:
        return None
    text = result.text.strip()
    if not text:
        return Unreadable("empty page: no readable text (the page may need JavaScript)")
    if len(text) >= NON_SOURCE_MAX_CHARS:
        return None
    hits = sum(1 for r in _WALL_RE if r.search(text))
    if hits >= 2 or (hits >= 1 and len(text) < 200):
        return LoginWall("looks like a login/cookie/paywall page, not the source")
    return None


def non_source_reason(result: ReadResult) -> str | None:
    """:func:`non_source_failure` as its message."""
    failure = non_source_failure(result)
    return None if failure is None else str(failure)


def read_failure(result: ReadResult) -> SourceFailure | None:
    """The failure of a read that gave no text (content of a type not read, or a damaged body)."""
    if result.error is None:
        return None
    return UnsupportedType(result.error) if result.kind == "unsupported" else Unreadable(result.error)


# ---------------------------------------------------------------------------------------------
# PDF

_EOL_HYPHEN = re.compile(r"(?<=[^\W\d_])-[ \t]*\n[ \t]*(?=[a-z])")


def _join_pages(pages: list[str]) -> str:
    # pdfium marks a hyphen it took for end-of-line hyphenation as U+FFFE (joining the lines).
    cleaned = [_EOL_HYPHEN.sub("", p.replace("\ufffe", "").replace("\r\n", "\n").replace("\r", "\n")).strip()
               for p in pages]
    return "\n\n".join(p for p in cleaned if p)


def _read_pdf(body: bytes) -> ReadResult:
    """pypdfium2 first (fast, good layout), pypdf when pdfium cannot open the file."""
    try:
        return _read_pdf_pdfium(body)
    except _PasswordError:
        return ReadResult(text=None, error="encrypted PDF: a password is required", kind="pdf")
    except Exception as first:
        try:
            return _read_pdf_pypdf(body)
        except _PasswordError:
            return ReadResult(text=None, error="encrypted PDF: a password is required", kind="pdf")
        except Exception as second:
            reason = str(first) or str(second) or type(second).__name__
            return ReadResult(text=None, error=f"malformed PDF: {reason}", kind="pdf")


class _PasswordError(Exception):
    pass


def _pdf_result(pages: list[str], title: str | None) -> ReadResult:
    text = normalise_text(_join_pages(pages))
    if not text:
        return ReadResult(text=None, title=title, error="PDF has no text layer (scanned images?)", kind="pdf")
    return ReadResult(text=text, title=title, kind="pdf")


_PDFIUM_LOCK = threading.Lock()


def _read_pdf_pdfium(body: bytes) -> ReadResult:
    """PDFium is not thread-safe and the sources stage reads in worker threads: one at a time."""
    with _PDFIUM_LOCK:
        return _read_pdf_pdfium_locked(body)


def _read_pdf_pdfium_locked(body: bytes) -> ReadResult:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(body)
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise _PasswordError from e
        raise
    try:
        pages: list[str] = []
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            pages.append(tp.get_text_range())
            tp.close()
            page.close()
        title = None
        try:
            title = (pdf.get_metadata_dict().get("Title") or "").strip() or None
        except Exception:
            title = None
        return _pdf_result(pages, title)
    finally:
        pdf.close()


def _read_pdf_pypdf(body: bytes) -> ReadResult:
    import io

    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(body))
    if reader.is_encrypted:
        try:
            ok = reader.decrypt("")
        except Exception as e:
            raise _PasswordError from e
        if not ok:
            raise _PasswordError
    pages = [(p.extract_text() or "") for p in reader.pages]
    title = None
    try:
        title = (reader.metadata.title or "").strip() or None if reader.metadata else None
    except Exception:
        title = None
    return _pdf_result(pages, title)
