"""Read a draft file (Markdown, plain text or HTML) into text, blocks and positions.

Every position in the report is a line and column of the draft *as the user sees it*, so this
module never rewrites the text beyond line endings: CRLF and lone CR become "\\n" (one character
per line break either way, so columns are unchanged). What must never yield figures (code, URLs,
tags, comments, front matter, HTML outside the visible text) is not cut out but *masked*: replaced
by spaces in a copy of identical length, so an offset found in the mask is an offset in the file.
"""

from __future__ import annotations

import bisect
import codecs
import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .citations import FOOTNOTE_DEF_RE, LINK_DEF_RE, SOURCE_LINE_RE, is_references_heading, match_paren
from .errors import DraftError
from .model import FINDING_KINDS, VERDICTS, DraftFormat

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DRAFT_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")
_SKIP_DIRS = {".venv", "node_modules", "__pycache__"}
BLOCK_KINDS = ("paragraph", "heading", "list_item", "table_row", "blockquote", "source_line",
               "references", "code")

_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"PK\x03\x04", b"\x7fELF", b"GIF8", b"\xff\xd8\xff",
                 b"\x1f\x8b", b"\xd0\xcf\x11\xe0", b"MZ\x90\x00", b"SQLite format 3")


@dataclass(slots=True)
class Block:
    """A unit of prose: claims never span blocks, and citation scopes stop at a block's edge.

    ``text_mask`` has exactly ``end - start`` characters: the block's text with everything that must
    never yield a figure or marker replaced by spaces (newlines kept).
    """

    kind: str
    start: int
    end: int
    text_mask: str


@dataclass(slots=True)
class Draft:
    """A decoded draft with its structure; what extraction needs and nothing fetched."""

    display_path: str
    path: Path
    sha256: str
    text: str
    format: DraftFormat
    warnings: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    line_starts: list[int] = field(default_factory=lambda: [0])
    #: the whole text masked like the blocks' ``text_mask`` (same length as ``text``)
    masked: str = ""
    #: 1-based line -> verdicts silenced there by inline comments ("*" = all)
    disabled: dict[int, tuple[str, ...]] = field(default_factory=dict)
    #: HTML drafts: (start, end, href) of each <a href> over its visible text
    links: list[tuple[int, int, str]] = field(default_factory=list)
    #: HTML drafts: the <title>, a fallback when there is no heading
    title: str | None = None

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset in ``text``; columns count characters."""
        i = bisect.bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its newline."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        return self.text[start:end]


# --------------------------------------------------------------------------- files


def collect_drafts(paths: list[str]) -> tuple[list[tuple[Path, str]], list[str]]:
    """Expand command-line paths into (path, display path) pairs, plus warnings.

    Folders are walked in sorted order so reports are reproducible; symlinked folders are followed
    once (a loop is reported, not hung on). A file named explicitly is taken whatever its suffix,
    as markdownlint does: the user asked for it.
    """
    out: list[tuple[Path, str]] = []
    warnings: list[str] = []
    seen: set[str] = set()
    for arg in paths:
        p = Path(arg)
        if not p.exists():
            raise DraftError(f"{arg}: no such file or directory")
        if not p.is_dir():
            real = os.path.realpath(p)
            if real not in seen:
                seen.add(real)
                out.append((p, arg))
            continue
        found = _walk(arg, warnings)
        if not found:
            raise DraftError(f"{arg}: no drafts ({', '.join('*' + s for s in DRAFT_SUFFIXES)}) in this folder")
        top = os.path.realpath(arg)
        for fp, display in found:
            real = os.path.realpath(fp)
            if real != top and not real.startswith(top.rstrip(os.sep) + os.sep):
                # a pull request can add `drafts/x.md -> ~/.ssh/id_rsa`; a folder's drafts are the
                # folder's files (a file named on the command line is read wherever it points)
                warnings.append(f"{display}: a symlink that leads outside {arg}, skipped")
                continue
            if real not in seen:
                seen.add(real)
                out.append((fp, display))
    return out, warnings


def _walk(root: str, warnings: list[str]) -> list[tuple[Path, str]]:
    """Every draft under `root`; each real directory is entered once, so symlink loops end."""
    found: list[tuple[Path, str]] = []
    visited: set[str] = set()
    stack = [root]
    while stack:
        d = stack.pop()
        real = os.path.realpath(d)
        if real in visited:
            warnings.append(f"{d}: symlink loop (or folder reached twice), skipped")
            continue
        visited.add(real)
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError as e:
            warnings.append(f"{d}: cannot list folder: {e.strerror}")
            continue
        subdirs = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            display = os.path.join(d, entry.name)
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
                is_file = entry.is_file(follow_symlinks=True)
            except OSError:
                continue
            if is_dir:
                if entry.name not in _SKIP_DIRS:
                    subdirs.append(display)
            elif is_file and entry.name.lower().endswith(DRAFT_SUFFIXES):
                found.append((Path(display), display))
        stack.extend(reversed(subdirs))
    found.sort(key=lambda t: t[1])
    return found


def _format_size(n: int) -> str:
    """`512 bytes`, `12.5 KB`, `10 MB`: the unit that keeps the number readable."""
    if n < 1024:
        return f"{n:,} byte{'' if n == 1 else 's'}"
    value, unit = (n / 1024, "KB") if n < 1024 * 1024 else (n / (1024 * 1024), "MB")
    return f"{value:,.1f}".removesuffix(".0") + f" {unit}"


def _over_limit(display_path: str, size: int, limit: int) -> DraftError:
    """The too-large message; exact byte counts when rounding would show the two sizes alike."""
    shown, cap = _format_size(size), _format_size(limit)
    if shown == cap:
        shown, cap = f"{size:,} bytes", f"{limit:,} byte"
    else:
        cap = cap.removesuffix("s") if cap.endswith("bytes") else cap
    return DraftError(f"{display_path}: {shown} is over the {cap} draft size limit (--max-draft-bytes)")


def read_draft(path: Path, display_path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Draft:
    """Read and structure one draft; every problem the user can fix is a one-line DraftError."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise DraftError(f"{display_path}: no such file or directory") from None
    except OSError as e:
        raise DraftError(f"{display_path}: cannot read: {e.strerror}") from None
    if path.is_dir():
        raise DraftError(f"{display_path}: is a directory, not a draft")
    if not stat.S_ISREG(st.st_mode):  # a FIFO or a symlink to /dev/zero would block or never end
        raise DraftError(f"{display_path}: not a regular file")
    if st.st_size > max_bytes:
        raise _over_limit(display_path, st.st_size, max_bytes)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise DraftError(f"{display_path}: cannot read: {e.strerror}") from None
    if len(data) > max_bytes:  # grew between stat and read
        raise _over_limit(display_path, len(data), max_bytes)
    text, warnings = decode_draft(data, display_path)
    suffix = path.suffix.lower()
    fmt: DraftFormat = ("markdown" if suffix in (".md", ".markdown")
                        else "html" if suffix in (".html", ".htm") else "text")
    return build_draft(text, fmt, display_path=display_path, path=path,
                       sha256=hashlib.sha256(data).hexdigest(), warnings=warnings)


def decode_draft(data: bytes, display_path: str) -> tuple[str, list[str]]:
    """Bytes -> text with "\\n" line endings, or DraftError for binary content.

    A BOM decides the encoding; otherwise UTF-8, and a file that is not valid UTF-8 is still read
    (with replacement characters and a warning) because one stray byte should not stop a check.
    """
    warnings: list[str] = []
    binary = DraftError(f"{display_path}: not a text file (binary content)")
    if data.startswith(_BINARY_MAGIC):
        raise binary
    encoding = None
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            encoding = enc
            break
    if encoding is None:
        if b"\x00" in data:
            raise binary
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("utf-8", errors="replace")
            warnings.append(f"{display_path}: invalid UTF-8, decoded with replacement characters")
    else:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            text = data.decode(encoding, errors="replace")
            warnings.append(f"{display_path}: invalid {encoding.upper()}, decoded with replacement characters")
    if text.startswith("\ufeff"):
        text = text[1:]
    sample = text[:8192]
    if sample:
        controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v\x1b")
        if "\x00" in sample or controls > max(8, len(sample) // 20):
            raise binary
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, warnings


# --------------------------------------------------------------------------- structure


def build_draft(text: str, fmt: DraftFormat, *, display_path: str = "<draft>", path: Path | None = None,
                sha256: str = "", warnings: list[str] | None = None) -> Draft:
    """Structure already-decoded text; separate from reading so it is testable without files."""
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    draft = Draft(display_path=display_path, path=path or Path(display_path), sha256=sha256, text=text,
                  format=fmt, warnings=list(warnings or []), line_starts=line_starts)
    if fmt == "html":
        draft.masked, blocks, draft.links, draft.title = _html_structure(text)
    else:
        if fmt == "markdown":
            spans, blocks = _markdown_structure(text, line_starts)
        else:
            spans, blocks = _text_structure(text, line_starts)
        draft.masked = apply_mask(text, spans)
    # A block the mask leaves blank holds no prose, but a reference entry that is only a URL
    # (`1. https://example.org/r`) is all mask and still an entry: references are read raw.
    draft.blocks = [Block(k, s, e, draft.masked[s:e]) for k, s, e in blocks
                    if k in ("code", "references") or draft.masked[s:e].strip()]
    draft.disabled = _disable_comments(text, draft, draft.warnings)
    return draft


def apply_mask(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with every span's characters (except newlines) replaced by spaces."""
    if not spans:
        return text
    spans = sorted(spans)
    out: list[str] = []
    pos = 0
    for s, e in spans:
        s = max(s, pos)
        if e <= s:
            continue
        out.append(text[pos:s])
        out.append(re.sub(r"[^\n]", " ", text[s:e]))
        pos = e
    out.append(text[pos:])
    return "".join(out)


_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<[A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*>")
_URL_RE = re.compile(r"(?:\bhttps?://|\bwww\.)[^\s<>\"'`]+")
_DOI_RE = re.compile(r"\b(?:doi:\s*)?10\.\d{4,9}/[^\s<>\"'`]+", re.I)
_ARXIV_RE = re.compile(r"\barXiv:\s*\d{4}\.\d{4,5}(?:v\d+)?", re.I)
_CODE_SPAN_RE = re.compile(r"(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.S)
_CONTAINER_PREFIX_RE = re.compile(r"[ \t]*(?:>[ \t]?)*")
_LIST_MARKER_RE = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+\[[ xX]\](?=[ \t]))?(?=[ \t]|$)")


def _trim_url(s: int, e: int, text: str) -> int:
    """End of a bare URL without the sentence's trailing punctuation or an unbalanced ")"."""
    end = e
    while end > s and text[end - 1] in ".,;:!?'\"*_":
        end -= 1
    while end > s and text[end - 1] == ")" and text.count("(", s, end) < text.count(")", s, end):
        end -= 1
    return end


def inline_mask_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans in text[start:end] that never yield figures: code spans, comments, tags, URLs, images,
    link destinations. Works on one block so an unmatched backtick costs only that block."""
    seg = text[start:end]
    spans: list[tuple[int, int]] = []
    code = [(m.start(), m.end()) for m in _CODE_SPAN_RE.finditer(seg)]
    spans += code

    def in_code(i: int) -> bool:
        return any(s <= i < e for s, e in code)

    for rx in (_COMMENT_RE, _TAG_RE):
        spans += [(m.start(), m.end()) for m in rx.finditer(seg) if not in_code(m.start())]
    # images ![alt](src) and link destinations ](dest "title")
    i = seg.find("](")
    while i != -1:
        close = match_paren(seg, i + 1)
        if close is not None and not in_code(i):
            spans.append((i + 1, close + 1))
            open_ = _match_bracket_back(seg, i)
            if open_ is not None and open_ > 0 and seg[open_ - 1] == "!":
                spans.append((open_ - 1, close + 1))
        i = seg.find("](", i + 2)
    for rx in (_URL_RE, _DOI_RE, _ARXIV_RE):
        for m in rx.finditer(seg):
            if not in_code(m.start()):
                spans.append((m.start(), _trim_url(m.start(), m.end(), seg)))
    return [(s + start, e + start) for s, e in spans]


def _match_bracket_back(s: str, i: int) -> int | None:
    """Index of the "[" opening the "]" at s[i], within 2000 characters."""
    depth = 0
    for j in range(i, max(-1, i - 2000), -1):
        c = s[j]
        if c == "]":
            depth += 1
        elif c == "[":
            depth -= 1
            if depth == 0:
                return j
    return None


def _opens_references(name: str, level: int, first: bool) -> bool:
    """Does this heading open a references section? "Notes" as a page's first level-1 heading is
    its title, not its endnotes: the whole draft would otherwise read as reference entries."""
    if first and level == 1 and name.strip("*_` :").lower() == "notes":
        return False
    return is_references_heading(name)


def _line_end(text: str, line_starts: list[int], line: int) -> int:
    """Offset of the end (before "\\n") of 0-based `line`."""
    if line + 1 < len(line_starts):
        return line_starts[line + 1] - 1
    return len(text)


def _split_source_lines(text: str, line_starts: list[int], kind: str, l0: int, l1: int,
                        out: list[tuple[str, int, int]]) -> None:
    """Emit a block for lines l0..l1-1, splitting trailing `Source:` lines into their own blocks."""
    sources: list[int] = []
    last = l1 - 1
    while last >= l0:
        line = text[line_starts[last]:_line_end(text, line_starts, last)]
        if not SOURCE_LINE_RE.match(line):
            break
        sources.append(last)
        last -= 1
    if last >= l0:
        out.append((kind, line_starts[l0], _line_end(text, line_starts, last)))
    for ln in reversed(sources):
        out.append(("source_line", line_starts[ln], _line_end(text, line_starts, ln)))


def _markdown_structure(text: str, line_starts: list[int]) -> tuple[list[tuple[int, int]], list[tuple[str, int, int]]]:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark").use(front_matter_plugin).use(footnote_plugin).enable("table")
    # only block structure is read (inline tokens carry no positions): skip the inline pass, which
    # was most of the parse time on a large draft
    md.disable(["inline", "text_join"], ignoreInvalid=True)
    tokens = md.parse(text, {})
    spans: list[tuple[int, int]] = []
    raw: list[tuple[str, int, int, int, bool, bool]] = []  # kind, l0, l1, level, list_first, quoted
    stack: list[str] = []
    li_first: list[int] = []
    refs_level: int | None = None
    headings_seen = 0
    for tok in tokens:
        t = tok.type
        if t.endswith("_open") and t not in ("paragraph_open", "heading_open", "tr_open"):
            stack.append(t[:-5])
            if t == "list_item_open" and tok.map:
                li_first.append(tok.map[0])
            continue
        if t.endswith("_close") and t not in ("paragraph_close", "heading_close", "tr_close"):
            if stack:
                popped = stack.pop()
                if popped == "list_item" and li_first:
                    li_first.pop()
            continue
        if tok.map is None:
            continue
        l0, l1 = tok.map
        quoted = "blockquote" in stack
        if t == "front_matter":
            spans.append((line_starts[l0], _line_end(text, line_starts, l1 - 1)))
        elif t in ("fence", "code_block"):
            s, e = line_starts[l0], _line_end(text, line_starts, l1 - 1)
            spans.append((s, e))
            raw.append(("code", l0, l1, 0, False, quoted))
        elif t == "heading_open":
            level = int(tok.tag[1:]) if tok.tag[1:].isdigit() else 1
            if refs_level is not None and level <= refs_level:
                refs_level = None
            inline = text[line_starts[l0]:_line_end(text, line_starts, l0)]
            if _opens_references(inline.strip().strip("#").strip(), level, headings_seen == 0):
                refs_level = level
            headings_seen += 1
            raw.append(("heading", l0, l1, level, False, quoted))
        elif t in ("paragraph_open", "tr_open", "html_block"):
            if refs_level is not None or "footnote" in stack:
                kind = "references"
            elif t == "tr_open":
                kind = "table_row"
            elif "list_item" in stack:
                kind = "list_item"
            elif quoted:
                kind = "blockquote"
            else:
                kind = "paragraph"
            first = bool(li_first) and li_first[-1] == l0 and "list_item" in stack
            raw.append((kind, l0, l1, 0, first, quoted))
    blocks: list[tuple[str, int, int]] = []
    for kind, l0, l1, _level, list_first, quoted in raw:
        s, e = line_starts[l0], _line_end(text, line_starts, l1 - 1)
        if kind == "code":
            blocks.append((kind, s, e))
            continue
        spans.extend(inline_mask_spans(text, s, e))
        # container prefixes ("> ", "- ", "1. ") carry no figures
        for ln in range(l0, l1):
            ls = line_starts[ln]
            rx = _LIST_MARKER_RE if (list_first and ln == l0) else _CONTAINER_PREFIX_RE
            m = rx.match(text, ls, _line_end(text, line_starts, ln)) if (quoted or kind in (
                "list_item", "references")) else None
            if m and m.end() > ls:
                spans.append((ls, m.end()))
        if kind == "heading":
            # "## Title ##" and a setext underline are syntax, not part of the title's sentence
            head = text[s:_line_end(text, line_starts, l0)]
            m = re.match(r"[ \t]*(?:>[ \t]?)*[ \t]*#{1,6}(?=[ \t]|$)", head)
            if m:
                spans.append((s, s + m.end()))
                close = re.search(r"[ \t]+#+[ \t]*$", head)
                if close:
                    spans.append((s + close.start(), s + len(head)))
            elif l1 - l0 > 1:
                spans.append((line_starts[l1 - 1], e))
        if kind in ("paragraph", "list_item", "blockquote"):
            _split_source_lines(text, line_starts, kind, l0, l1, blocks)
        else:
            blocks.append((kind, s, e))
    # HTML comments anywhere outside code (they may span blocks)
    code = [(s, e) for k, s, e in blocks if k == "code"]
    spans += [(m.start(), m.end()) for m in _COMMENT_RE.finditer(text)
              if not any(s <= m.start() < e for s, e in code)]
    return spans, blocks


def _looks_like_entry(lines: list[str]) -> bool:
    """A plain-text block that reads as reference entries (so a "Notes" section ends where prose resumes)."""
    first = lines[0].lstrip()
    if re.match(r"(?:\[\^?[\w.-]+\]|\d{1,4}[.)]|[-*+•])\s", first):
        return True
    joined = " ".join(lines)
    return bool(_URL_RE.search(joined) or _DOI_RE.search(joined) or SOURCE_LINE_RE.match(first))


def _text_structure(text: str, line_starts: list[int]) -> tuple[list[tuple[int, int]], list[tuple[str, int, int]]]:
    lines = text.split("\n")
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if lines[i].strip():
            j = i
            while j < len(lines) and lines[j].strip():
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    blocks: list[tuple[str, int, int]] = []
    spans: list[tuple[int, int]] = []
    in_refs = False
    for l0, l1 in runs:
        run_lines = lines[l0:l1]
        s, e = line_starts[l0], _line_end(text, line_starts, l1 - 1)
        spans.extend(inline_mask_spans(text, s, e))
        single = l1 - l0 == 1
        stripped = run_lines[0].strip()
        if is_references_heading(stripped):
            in_refs = True
            blocks.append(("heading", s, _line_end(text, line_starts, l0)))
            if single:
                continue
            l0 += 1
            run_lines = run_lines[1:]
            s = line_starts[l0]
        if in_refs and not _looks_like_entry(run_lines):
            in_refs = False
        if in_refs or all(LINK_DEF_RE.match(ln) or FOOTNOTE_DEF_RE.match(ln) for ln in run_lines):
            blocks.append(("references", s, e))
        elif single and _is_text_heading(stripped):
            blocks.append(("heading", s, e))
        else:
            _split_source_lines(text, line_starts, "paragraph", l0, l1, blocks)
    return spans, blocks


def _is_text_heading(line: str) -> bool:
    """A lone short line without closing punctuation reads as a title in a plain-text draft."""
    return (len(line) <= 120 and not SOURCE_LINE_RE.match(line) and line[-1] not in ".!?,;:…"
            and not re.search(r"\[[^\]]+\]$", line))


_BLOCK_TAGS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "thead",
               "tbody", "tfoot", "blockquote", "section", "article", "header", "footer", "nav", "aside",
               "main", "figure", "figcaption", "dl", "dt", "dd", "pre", "hr", "body", "html", "form",
               "details", "summary", "caption", "address", "center"}
_HIDDEN_TAGS = {"script", "style", "head", "title", "template", "noscript", "svg", "iframe", "object",
                "code", "pre", "math", "textarea", "select", "button"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"}


class _VisibleText(HTMLParser):
    """Visible text of an HTML draft with exact offsets (entities mapped to their position)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.mask = [" " if c != "\n" else "\n" for c in text]
        self.hidden: list[str] = []
        self.block_stack: list[str] = []
        self.blocks: list[tuple[str, int, int]] = []
        self.seg: list[int] = []  # [start, end] of visible text in the current block segment
        self.seg_kind = "paragraph"
        self.links: list[tuple[int, int, str]] = []
        self.open_link: tuple[int, str] | None = None
        self.title_parts: list[str] = []
        self.in_title = False
        self.last_end = 0

    def _off(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _kind(self) -> str:
        for tag in reversed(self.block_stack):
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                return "heading"
            if tag == "li":
                return "list_item"
            if tag == "tr":
                return "table_row"
            if tag == "blockquote":
                return "blockquote"
            if tag in ("p", "div", "dd", "dt", "figcaption", "caption", "summary"):
                return "paragraph"
        return "paragraph"

    def _boundary(self) -> None:
        if self.seg:
            self.blocks.append((self.seg_kind, self.seg[0], self.seg[1]))
        self.seg = []
        self.seg_kind = self._kind()

    def _visible(self, start: int, end: int, shown: str | None = None) -> None:
        if self.hidden:
            if self.in_title:
                self.title_parts.append(shown if shown is not None else self.text[start:end])
            return
        if shown is None:
            self.mask[start:end] = list(self.text[start:end])
        elif shown:
            # currency signs and opening punctuation sit next to what follows them
            import unicodedata
            right = unicodedata.category(shown[0]) in ("Sc", "Ps", "Pi")
            pos = end - 1 if right else start
            self.mask[pos] = shown[0] if shown[0] != "\n" else " "
        if self.text[start:end].strip() or (shown or "").strip():
            if not self.seg:
                self.seg = [start, end]
                self.seg_kind = self._kind()
            else:
                self.seg[1] = end

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_TAGS and tag not in _VOID:
            self.hidden.append(tag)
            self.in_title = self.in_title or tag == "title"
            if tag == "pre":
                self._boundary()
            return
        if tag in _BLOCK_TAGS:
            if tag in ("p", "li") and self.block_stack and self.block_stack[-1] == tag:
                self.block_stack.pop()
            self._boundary()
            if tag not in _VOID:
                self.block_stack.append(tag)
            self.seg_kind = self._kind()
        if tag == "a":
            href = dict(attrs).get("href")
            end = self._off() + len(self.get_starttag_text() or "")
            self.open_link = (end, href) if href else None

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self._boundary()

    def handle_endtag(self, tag: str) -> None:
        if self.hidden:
            if tag in self.hidden:
                while self.hidden and self.hidden.pop() != tag:
                    pass
                if tag == "title":
                    self.in_title = False
            return
        if tag == "a" and self.open_link:
            start, href = self.open_link
            self.links.append((start, self._off(), href))
            self.open_link = None
        if tag in _BLOCK_TAGS:
            self._boundary()
            if tag in self.block_stack:
                while self.block_stack and self.block_stack.pop() != tag:
                    pass
            self.seg_kind = self._kind()

    def handle_data(self, data: str) -> None:
        start = self._off()
        self._visible(start, start + len(data))

    def _entity(self, name: str, decoded: str) -> None:
        start = self._off()
        end = start + len(name) + 1
        if self.text.startswith(";", end):
            end += 1
        self._visible(start, end, decoded)

    def handle_entityref(self, name: str) -> None:
        import html
        decoded = html.unescape(f"&{name};")
        self._entity(name, decoded if decoded != f"&{name};" else "&")

    def handle_charref(self, name: str) -> None:
        import html
        self._entity("#" + name, html.unescape(f"&#{name};"))

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        # `<![foo[` with an unknown keyword makes the stdlib raise AssertionError; it is markup
        # either way, so it stays hidden up to its ">" (Word's `<![if !supportLists]>` is known).
        pos = self.getpos()
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            self.lineno, self.offset = pos  # the stdlib moved the position before raising
            j = self.rawdata.find(">", i)
            return -1 if j < 0 else j + 1

    def close(self) -> None:
        super().close()
        self._boundary()


def _html_structure(text: str) -> tuple[str, list[tuple[str, int, int]], list[tuple[int, int, str]], str | None]:
    """The visible-text mask (entities shown as their character), blocks, links and <title>."""
    parser = _VisibleText(text)
    parser.feed(text)
    parser.close()
    # references sections: from a references heading to the next heading of the same or higher level
    blocks: list[tuple[str, int, int]] = []
    refs_level: int | None = None
    headings_seen = 0
    for kind, s, e in parser.blocks:
        if kind == "heading":
            level = _html_heading_level(text, s)
            if refs_level is not None and level <= refs_level:
                refs_level = None
            if _opens_references("".join(parser.mask[s:e]).strip(), level, headings_seen == 0):
                refs_level = level
            headings_seen += 1
            blocks.append((kind, s, e))
        else:
            blocks.append(("references" if refs_level is not None else kind, s, e))
    title = " ".join("".join(parser.title_parts).split()) or None
    return "".join(parser.mask), blocks, parser.links, title


def _html_heading_level(text: str, offset: int) -> int:
    """Level of the <hN> whose text starts at `offset` (looks back a bounded distance)."""
    window = text[max(0, offset - 500):offset]
    tags = re.findall(r"<h([1-6])\b", window, re.I)
    return int(tags[-1]) if tags else 1


_DISABLE_RE = re.compile(
    r"<!--\s*claimledger-(disable-next-line|disable-line|disable|enable)\b([^>]*?)-->", re.S)


def _disable_comments(text: str, draft: Draft, warnings: list[str]) -> dict[int, tuple[str, ...]]:
    """Lines silenced by markdownlint-style comments, with the verdicts silenced on each."""
    known = {*VERDICTS, *FINDING_KINDS}
    out: dict[int, set[str]] = {}
    n_lines = len(draft.line_starts)
    open_region: tuple[int, tuple[str, ...]] | None = None

    def add(lines: range, names: tuple[str, ...]) -> None:
        for ln in lines:
            out.setdefault(ln, set()).update(names)

    for m in _DISABLE_RE.finditer(text):
        line, _ = draft.position(m.start())
        end_line, _ = draft.position(m.end() - 1)
        names: list[str] = []
        given = [raw for raw in re.split(r"[\s,]+", m.group(2).strip()) if raw]
        for raw in given:
            name = raw.replace("-", "_").lower()
            if name in ("*", "all"):
                name = "*"
            elif name not in known:
                warnings.append(f"{draft.display_path}:{line}: unknown verdict {raw!r} in a claimledger comment")
                continue
            names.append(name)
        if given and not names:
            continue  # only unknown names: silencing everything would hide a typo's consequences
        verdicts = tuple(names) or ("*",)
        kind = m.group(1)
        if kind == "disable-next-line":
            add(range(end_line + 1, end_line + 2), verdicts)
        elif kind == "disable-line":
            add(range(line, end_line + 1), verdicts)
        elif kind == "disable":
            if open_region:
                add(range(open_region[0], line), open_region[1])
            open_region = (line, verdicts)
        elif open_region:
            add(range(open_region[0], end_line + 1), open_region[1])
            open_region = None
    if open_region:
        add(range(open_region[0], n_lines + 1), open_region[1])
    return {ln: ("*",) if "*" in v else tuple(sorted(v)) for ln, v in sorted(out.items())}
