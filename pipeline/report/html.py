"""The HTML report: one self-contained page an editor can look at instead of reading a table.

Why it is built the way it is:

* **Self-contained and offline.** Editors open the file from disk or attach it to a ticket, so
  everything (CSS, a little vanilla JS) is inline, nothing is fetched, and a strict
  Content-Security-Policy allows only this module's own script and style (by hash). Draft images
  are shown as their alt text rather than loaded.
* **Nothing from a draft or a source is ever trusted.** Drafts and sources are attacker-shaped
  text (a fetched page may carry ``<script>``); every string is escaped, Markdown is rendered with
  raw HTML shown as text, and HTML drafts are reduced to their visible text. The CSP is the second
  wall should escaping ever fail.
* **Highlights sit at the claims' exact positions.** Each figure's span (line/column from the
  extractor) is swapped for a private-use placeholder *before* Markdown is rendered, so the
  renderer cannot split or mangle it, and the placeholders are swapped for ``<mark>`` elements
  afterwards — only in text, never inside a tag's attributes.
* **Looks first, but never colour alone.** Each verdict has a colour, an icon and its own
  underline style; details open on click or keyboard focus; printing shows every detail.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import quote

from ..errors import ERROR_KINDS
from ..model import VERDICTS, Claim, Document, Reference, RunResult, Source

# --------------------------------------------------------------------------------------------
# Verdict presentation: icon, label, one-line meaning (for the legend and the "why" lines).

VERDICT_META: dict[str, tuple[str, str, str]] = {
    "verified": ("✓", "verified", "a cited source states the same figure"),
    "approximate": ("≈", "approximate", "a cited source states a figure this one rounds or hedges correctly"),
    "misquote": ("✗", "misquote", "a cited source states a different figure"),
    "not_found": ("?", "not found", "the cited sources were read and none states this figure"),
    "unavailable": ("⊘", "unavailable", "no cited source could be read"),
    "uncited": ("∅", "uncited", "the figure has no citation"),
    "unchecked": ("•", "unchecked", "no verdict in this run (extract only)"),
}


def _vkey(verdict: str | None) -> str:
    """CSS/filter key of a verdict; claims without one (an `extract` run) are "unchecked"."""
    return verdict if verdict in VERDICT_META else "unchecked"


def e(value: Any) -> str:
    """Escape for text and double-quoted attributes alike: one function, so none is forgotten."""
    return html.escape("" if value is None else str(value), quote=True)


# --------------------------------------------------------------------------------------------
# Placeholders: private-use characters that survive Markdown rendering untouched.

_PH_OPEN, _PH_CLOSE, _PH_DIGIT0 = "\ue000", "\ue001", 0xE010
_PH_RE = re.compile("\ue000([\ue010-\ue019]+)\ue001")
# markdown-it percent-encodes link destinations, so a placeholder in a URL arrives encoded
_PH_PCT_RE = re.compile(r"%EE%80%80((?:%EE%80%9[0-9])+)%EE%80%81", re.IGNORECASE)
_TAG_SPLIT = re.compile(r"(<[^>]*>)")


@dataclass
class _Placeholders:
    """Replacement table: token -> (markup for text context, raw text for attribute context)."""

    items: list[tuple[str, str]] = field(default_factory=list)
    placed: set[int] = field(default_factory=set)

    def add(self, markup: str, raw: str) -> str:
        n = len(self.items)
        self.items.append((markup, raw))
        return _PH_OPEN + "".join(chr(_PH_DIGIT0 + int(d)) for d in str(n)) + _PH_CLOSE

    @staticmethod
    def _index(digits: str) -> int:
        return int("".join(str(ord(c) - _PH_DIGIT0) for c in digits))

    def finalize(self, rendered: str) -> str:
        """Swap tokens for markup in text, and back to (escaped) raw text inside tags."""

        def text_sub(m: re.Match[str]) -> str:
            i = self._index(m.group(1))
            self.placed.add(i)
            return self.items[i][0]

        def attr_sub(m: re.Match[str]) -> str:
            return e(self.items[self._index(m.group(1))][1])

        def pct_sub(m: re.Match[str]) -> str:
            digits = "".join(chr(_PH_DIGIT0 + int(p[-1])) for p in re.findall(r"%EE%80%9[0-9]", m.group(1), re.I))
            return e(quote(self.items[self._index(digits)][1], safe="/:?#[]@!$&'()*+,;=%~-._"))

        parts = _TAG_SPLIT.split(rendered)
        for i, part in enumerate(parts):
            if i % 2:
                part = _PH_PCT_RE.sub(pct_sub, part)
                parts[i] = _PH_RE.sub(attr_sub, part)
            else:
                parts[i] = _PH_RE.sub(text_sub, part)
        # a token the renderer dropped entirely must not leak as a private-use character
        return "".join(parts).replace(_PH_OPEN, "").replace(_PH_CLOSE, "")


# --------------------------------------------------------------------------------------------
# Positions: the contract's 1-based inclusive line/column -> offsets into Document.text.


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer("\n", text))]


def _claim_span(text: str, starts: list[int], c: Claim) -> tuple[int, int] | None:
    """[start, end) of the figure in `text`, or None when the positions do not fit the text."""

    def line_end(line: int) -> int:
        return starts[line] - 1 if line < len(starts) else len(text)

    if not (1 <= c.line <= len(starts) and 1 <= c.end_line <= len(starts)):
        return None
    start = starts[c.line - 1] + c.column - 1
    end = starts[c.end_line - 1] + c.end_column
    if c.column < 1 or start >= line_end(c.line) or end > line_end(c.end_line) or end <= start:
        return None
    return start, end


# Citation markers: [7], [6][7][11], [3, 5], [3-5], [^4]; not links "[x](...)" nor definitions "[x]:".
_MARKER_RE = re.compile(r"\[(\^?\w+(?:\s*[,;\u2013-]\s*\^?\w+)*)\](?![(:])")
_MARKER_TOKEN = re.compile(r"\^?\w+")


def _slug(key: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", key).strip("-") or "x"


@dataclass
class _DocCtx:
    """Per-document ids and lookups shared by the draft, the figure list and the sources table."""

    doc: Document
    did: str
    sources: dict[str, Source]
    ref_ids: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        used: set[str] = set()
        for ref in self.doc.references:
            base = f"ref-{self.did}-{_slug(ref.key)}"
            rid, n = base, 2
            while rid in used:
                rid, n = f"{base}-{n}", n + 1
            used.add(rid)
            self.ref_ids.setdefault(ref.key, rid)

    def ref_id(self, key: str) -> str | None:
        """Anchor of a citation key; `[^4]` finds a reference keyed "4" and vice versa."""
        for k in (key, key.lstrip("^"), "^" + key):
            if k in self.ref_ids:
                return self.ref_ids[k]
        return None

    def reference(self, key: str) -> Reference | None:
        for k in (key, key.lstrip("^"), "^" + key):
            ref = self.doc.reference(k)
            if ref is not None:
                return ref
        return None

    def source_of(self, ref: Reference | None) -> Source | None:
        return self.sources.get(ref.locator) if ref is not None and ref.locator else None

    def cite_link(self, key: str) -> str:
        rid = self.ref_id(key)
        if rid is None:
            return f'<span class="dangling" title="no reference entry">[{e(key)}]</span>'
        return f'<a class="cite" href="#{rid}">[{e(key)}]</a>'


def _marker_markup(ctx: _DocCtx, inner: str) -> str | None:
    """Markup for one bracketed marker with each known key linked; None if no key is known."""
    pieces: list[str] = []
    pos, known = 0, False
    for m in _MARKER_TOKEN.finditer(inner):
        pieces.append(e(inner[pos : m.start()]))
        rid = ctx.ref_id(m.group())
        if rid:
            known = True
            pieces.append(f'<a class="cite" href="#{rid}">{e(m.group())}</a>')
        else:
            pieces.append(f'<span class="dangling" title="no reference entry">{e(m.group())}</span>')
        pos = m.end()
    pieces.append(e(inner[pos:]))
    return f'<span class="marker">[{"".join(pieces)}]</span>' if known else None


# --------------------------------------------------------------------------------------------
# Figures: the highlight in the draft and its details.


def _mark_markup(ctx: _DocCtx, n: int, c: Claim, shown: str) -> str:
    v = _vkey(c.verdict)
    cid = f"c-{ctx.did}-{n}"
    label = f"{shown.strip()}: {VERDICT_META[v][1]} (figure {n})"
    return (
        f'<mark class="fig v-{v}" id="m-{ctx.did}-{n}" data-verdict="{v}" data-n="{n}" '
        f'data-detail="{cid}" tabindex="0" role="button" aria-expanded="false" '
        f'aria-controls="popover" aria-describedby="{cid}-body" aria-label="{e(label)}">'
        f"{e(shown)}</mark>"
    )


def _emphasise(text: str, needle: str | None, cls: str) -> str:
    """Escape `text` with the first occurrence of `needle` wrapped in <strong> (case-insensitive)."""
    if needle:
        i = text.find(needle)
        if i < 0:
            i = text.lower().find(needle.lower())
        if i >= 0:
            j = i + len(needle)
            return f'{e(text[:i])}<strong class="{cls}">{e(text[i:j])}</strong>{e(text[j:])}'
    return e(text)


def _emphasise_all(text: str, needles: list[str], cls: str) -> str:
    """Escape `text` with the first occurrence of each of `needles` (a computation's operands)
    wrapped in <strong>, left to right; a needle not found is skipped."""
    spans: list[tuple[int, int]] = []
    for needle in needles:
        i = text.find(needle) if needle else -1
        while i >= 0 and any(a < i + len(needle) and i < b for a, b in spans):
            i = text.find(needle, i + 1)
        if i >= 0:
            spans.append((i, i + len(needle)))
    out, pos = [], 0
    for a, b in sorted(spans):
        out.append(f'{e(text[pos:a])}<strong class="{cls}">{e(text[a:b])}</strong>')
        pos = b
    out.append(e(text[pos:]))
    return "".join(out)


def _href(locator: str | None) -> str | None:
    """A link target for a locator: web URLs and DOIs only (a local path means nothing in a browser)."""
    if not locator:
        return None
    loc = locator.strip()
    if re.match(r"(?i)https?://[^\s\"'<>]+$", loc):
        return loc
    doi = loc[4:].strip() if loc.lower().startswith("doi:") else loc
    if re.match(r"10\.\d{4,9}/\S+$", doi):
        return "https://doi.org/" + quote(doi, safe="/:;()._-<>")
    return None


def _locator_markup(locator: str | None) -> str:
    if not locator:
        return '<span class="muted">no locator</span>'
    href = _href(locator)
    if href:
        return f'<a class="loc" href="{e(href)}" rel="noopener noreferrer">{e(locator)}</a>'
    return f'<code class="loc">{e(locator)}</code>'


def _source_failure(src: Source | None) -> str | None:
    """Why a source could not be read, in words, or None when it was read."""
    if src is None:
        return None
    if src.status == "ok":
        return None
    reason = src.error or (f"HTTP {src.http_status}" if src.http_status else None)
    return f"{src.status}: {reason}" if reason else src.status


def _why_lines(ctx: _DocCtx, c: Claim) -> list[str]:
    """The explanations editors asked for: why a figure is uncited, unavailable or not found."""
    v = _vkey(c.verdict)
    out: list[str] = []
    if v == "uncited":
        out.append(
            "No citation marker in this sentence or at the end of its paragraph, and no "
            "<code>Source:</code> line after it, so there is nothing to check the figure against. "
            "Add a marker such as [1] pointing at the source."
        )
    elif v in ("unavailable", "not_found"):
        if v == "not_found":
            out.append("The cited sources were read, but none states this figure or a matching context.")
        for cit in c.citations:
            ref = ctx.reference(cit.key)
            link = ctx.cite_link(cit.key)
            if ref is None:
                out.append(f"{link}: no reference entry with this key.")
            elif not ref.locator:
                out.append(f"{link}: the reference has no usable URL, DOI or path.")
            else:
                src = ctx.source_of(ref)
                failure = _source_failure(src)
                if failure:
                    out.append(f"{link} {_locator_markup(ref.locator)} could not be read — {e(failure)}.")
                elif src is None and ref.status not in (None, "ok"):
                    out.append(f"{link} {_locator_markup(ref.locator)}: {e(ref.status)}.")
                elif src is None:
                    out.append(f"{link} {_locator_markup(ref.locator)} was not fetched in this run.")
                elif v == "unavailable":
                    out.append(f"{link} {_locator_markup(ref.locator)} was read.")
    elif v == "unchecked":
        out.append("This run extracted figures only; no source was checked.")
    return out


def _detail_body(ctx: _DocCtx, n: int, c: Claim, note: str | None) -> str:
    v = _vkey(c.verdict)
    icon, label, _ = VERDICT_META[v]
    parts = [
        f'<p class="dhead"><span class="badge v-{v}"><span class="ico" aria-hidden="true">{icon}</span> '
        f'{e(label)}</span> <span class="fign">{e(c.quantity.text)}</span> '
        f'<span class="where">figure {n} · line {c.line}, column {c.column}</span></p>'
    ]
    if c.message:
        parts.append(f'<p class="msg">{e(c.message)}</p>')
    if v == "misquote" and c.suggestion:
        parts.append(
            f'<p class="suggest"><span class="lbl">Suggested correction:</span> '
            f"<del>{e(c.quantity.text)}</del> → <ins>{e(c.suggestion)}</ins></p>"
        )
    elif c.suggestion:
        parts.append(f'<p class="suggest"><span class="lbl">Suggestion:</span> <ins>{e(c.suggestion)}</ins></p>')
    ev = c.evidence
    operands = [str(o.get("value_text")) for o in (c.derivation or {}).get("operands", [])]
    if c.derivation and c.derivation.get("formula"):
        parts.append(f'<p class="derivation"><span class="lbl">Computed from the source:</span> '
                     f'<code>{e(str(c.derivation["formula"]))}</code></p>')
    if ev is not None:
        quote = (_emphasise_all(ev.excerpt, operands, "operand") if operands
                 else _emphasise(ev.excerpt, ev.value_text, "hit"))
        parts.append(
            f'<blockquote class="excerpt">{quote}</blockquote>'
            f'<p class="src">Source {ctx.cite_link(ev.key)}: {_locator_markup(ev.locator)}'
            f' <span class="muted">(match score {ev.score:.1f})</span></p>'
        )
    parts.extend(f'<p class="why">{line}</p>' for line in _why_lines(ctx, c))
    if c.sentence:
        parts.append(f'<p class="sent"><span class="lbl">Sentence:</span> '
                     f'{_emphasise(c.sentence, c.quantity.text, "fig-in-sent")}</p>')
    meta: list[str] = []
    if c.citations:
        meta.append("cites " + " ".join(ctx.cite_link(x.key) for x in c.citations))
    if c.confidence is not None:
        meta.append(f"confidence {c.confidence:.2f}")
    if c.disabled and (c.verdict in c.disabled or "*" in c.disabled):
        meta.append("silenced by a claimledger-disable comment")
    if note:
        meta.append(e(note))
    if meta:
        parts.append(f'<p class="meta muted">{" · ".join(meta)}</p>')
    return "".join(parts)


# --------------------------------------------------------------------------------------------
# The draft, rendered with highlights.


@dataclass
class _Fig:
    n: int
    claim: Claim
    span: tuple[int, int] | None
    note: str | None = None


def _loose(s: str) -> str:
    from ..textnorm import normalise_text

    return re.sub(r"\s+", " ", normalise_text(s.replace("\\", ""))).strip().casefold()


def _same_figure(raw: str, figure: str, fmt: str) -> bool:
    """Does the draft at the claim's position hold its figure? A wrong highlight misleads an editor
    more than a missing one, so a position that disagrees with the figure is not highlighted."""
    if not figure:
        return True
    if fmt == "html":
        raw = html.unescape(raw)
    return _loose(raw) == _loose(figure)


def _figures(doc: Document) -> list[_Fig]:
    """Claims in reading order with their spans; overlapping or out-of-range ones get no span."""
    starts = _line_starts(doc.text)
    claims = sorted(doc.claims, key=lambda c: (c.line, c.column, c.end_line, c.end_column))
    figs: list[_Fig] = []
    last_end = -1
    for n, c in enumerate(claims, 1):
        span = _claim_span(doc.text, starts, c)
        note = None
        if span is None:
            note = "not highlighted: its position is outside the draft"
        elif not _same_figure(doc.text[span[0] : span[1]], c.quantity.text, doc.format):
            note = (f"not highlighted: the draft at line {c.line}, column {c.column} reads "
                    f"{doc.text[span[0] : span[1]]!r}, not this figure")
            span = None
        elif span[0] < last_end:
            span, note = None, "not highlighted: overlaps another figure"
        else:
            last_end = span[1]
        figs.append(_Fig(n, c, span, note))
    return figs


def _substitute(text: str, spans: Iterable[tuple[int, int, str]]) -> str:
    """Replace non-overlapping [start, end) spans (sorted) of `text` with tokens."""
    out, pos = [], 0
    for start, end, token in spans:
        out.append(text[pos:start])
        out.append(token)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _marker_spans(ctx: _DocCtx, text: str, ph: _Placeholders,
                  taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Tokens for citation markers in `text` that do not overlap a figure."""
    out = []
    for m in _MARKER_RE.finditer(text):
        if any(m.start() < b and a < m.end() for a, b in taken):
            continue
        markup = _marker_markup(ctx, m.group(1))
        if markup is not None:
            out.append((m.start(), m.end(), ph.add(markup, m.group())))
    return out


_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)


def _render_markdown(text: str, line_starts: Iterable[str] = ()) -> str:
    """Markdown to HTML with raw HTML escaped, images as alt text and headings demoted under ours.

    A line beginning with one of `line_starts` (the citation markers' placeholders) keeps its line
    break, so a reference list reads as a list."""
    line_starts = list(line_starts) or ["\0"]
    from markdown_it import MarkdownIt

    # html=True only so raw HTML is *recognised*: the rules below show it as text (comments, such
    # as claimledger-disable ones, vanish as they would in any renderer); it is never passed through.
    md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])

    def raw_html(self: Any, tokens: list[Any], idx: int, options: Any, env: Any) -> str:
        content = _HTML_COMMENT.sub("", tokens[idx].content)
        if not content.strip():
            return ""
        if tokens[idx].type == "html_block":
            return f'<p class="raw-html">{e(content.strip())}</p>\n'
        return e(content)

    md.add_render_rule("html_block", raw_html)
    md.add_render_rule("html_inline", raw_html)

    def softbreak(self: Any, tokens: list[Any], idx: int, options: Any, env: Any) -> str:
        # a reference list ("[3] Title. URL" per line) would otherwise run into one line
        nxt = tokens[idx + 1] if idx + 1 < len(tokens) else None
        if nxt is not None and nxt.type == "text" and nxt.content.startswith(tuple(line_starts)):
            return "<br>\n"
        return "\n"

    md.add_render_rule("softbreak", softbreak)

    def image(self: Any, tokens: list[Any], idx: int, options: Any, env: Any) -> str:
        alt = self.renderInlineAsText(tokens[idx].children or [], options, env)
        return f'<span class="img-alt">[image: {e(alt)}]</span>'

    md.add_render_rule("image", image)
    env: dict[str, Any] = {}
    tokens = md.parse(text, env)
    for t in tokens:
        if t.type in ("heading_open", "heading_close"):
            t.tag = f"h{min(6, int(t.tag[1]) + 2)}"
        for child in t.children or []:
            if child.type == "link_open":
                child.attrSet("rel", "noopener noreferrer")
    page: str = md.renderer.render(tokens, md.options, env)
    return page


_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul", "caption",
}
_INVISIBLE_TAGS = {"script", "style", "head", "template", "noscript", "iframe", "object", "svg", "math", "title"}


def _visible_paragraphs(raw_html: str) -> list[str]:
    """The visible text of an HTML draft as paragraphs: its markup is never shown or executed."""
    from bs4 import BeautifulSoup
    from bs4.element import NavigableString, Tag

    soup = BeautifulSoup(raw_html, "html.parser")
    paras: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        para = re.sub(r"\s+", " ", "".join(buf)).strip()
        if para:
            paras.append(para)
        buf.clear()

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Tag):
                name = (child.name or "").lower()
                if name in _INVISIBLE_TAGS:
                    continue
                if name in _BLOCK_TAGS:
                    flush()
                    walk(child)
                    flush()
                else:
                    walk(child)
            elif type(child) is NavigableString:  # not comments, doctypes, CDATA
                buf.append(str(child))

    walk(soup)
    flush()
    return paras


def _render_draft(ctx: _DocCtx, figs: list[_Fig]) -> str:
    """The draft as HTML with every placed figure highlighted and every known marker linked."""
    doc, ph = ctx.doc, _Placeholders()
    fig_tokens: dict[int, int] = {}  # placeholder index -> figure number
    spans: list[tuple[int, int, str]] = []
    for f in figs:
        if f.span is None:
            continue
        a, b = f.span
        raw = doc.text[a:b]
        shown = html.unescape(raw) if doc.format == "html" else raw
        fig_tokens[len(ph.items)] = f.n
        spans.append((a, b, ph.add(_mark_markup(ctx, f.n, f.claim, shown), shown)))

    if doc.format == "html":
        paras = _visible_paragraphs(_substitute(doc.text, spans))
        body = []
        for para in paras:
            body.append(f"<p>{e(_substitute(para, _marker_spans(ctx, para, ph, [])))}</p>")
        rendered = "\n".join(body)
    else:
        taken = [(a, b) for a, b, _ in spans]
        markers = _marker_spans(ctx, doc.text, ph, taken)
        text = _substitute(doc.text, sorted([*spans, *markers]))
        if doc.format == "markdown":
            rendered = _render_markdown(text, [token for _, _, token in markers])
        else:
            paras = [p for p in re.split(r"\n[ \t]*\n", text) if p.strip()]
            rendered = "\n".join(f'<p class="plain">{e(p.strip(chr(10)))}</p>' for p in paras)
    out = ph.finalize(rendered)
    for idx, n in fig_tokens.items():
        if idx not in ph.placed:
            f = figs[n - 1]
            f.note = f.note or "not highlighted: it is not in the draft's visible text"
    return out


# --------------------------------------------------------------------------------------------
# Tables and page furniture.


def _fmt_time(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        dt = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return e(iso)
    shown = dt.strftime("%Y-%m-%d %H:%M") + (" UTC" if dt.utcoffset() is not None and not dt.utcoffset() else "")
    return f'<time datetime="{e(iso)}">{e(shown)}</time>'


def _references_table(ctx: _DocCtx) -> str:
    refs = ctx.doc.references
    if not refs:
        return '<p class="muted">This draft has no reference list.</p>'
    rows = []
    for ref in refs:
        src = ctx.source_of(ref)
        status = (src.status if src else ref.status) or "not fetched"
        origin = "—" if src is None or src.status == "skipped" else ("from cache" if src.from_cache else "fetched")
        if src and src.fetched_at:
            origin += f" {_fmt_time(src.fetched_at)}" if origin != "—" else ""
        sha = (f'<code title="sha256 {e(src.sha256)}">{e(src.sha256[:12])}</code>'
               if src and src.sha256 else '<span class="muted">—</span>')
        reason = _source_failure(src)
        if ref.locator is None:
            reason = "no usable URL, DOI or path in this entry"
        http_bits = []
        if src and src.http_status:
            http_bits.append(f"HTTP {src.http_status}")
        if src and src.content_type:
            http_bits.append(e(src.content_type))
        # the failure's kind (errors.ERROR_KINDS): what to filter on, with what it covers as a tooltip
        kind = src.error_kind if src is not None else None
        kind_attr = f' data-error-kind="{e(kind)}"' if kind else ""
        kind_markup = (f'<br><span class="error-kind" title="{e(ERROR_KINDS.get(kind, ""))}">{e(kind)}</span>'
                       if kind else "")
        rows.append(
            f'<tr id="{ctx.ref_ids.get(ref.key, "")}" class="st-{e(_slug(status))}"{kind_attr}>'
            f'<th scope="row">[{e(ref.key)}]</th>'
            f'<td>{e(ref.title) + "<br>" if ref.title else ""}{_locator_markup(ref.locator)}</td>'
            f'<td><span class="status st-{e(_slug(status))}">{e(status)}</span>{kind_markup}'
            f'{"<br><span class=muted>" + " · ".join(http_bits) + "</span>" if http_bits else ""}</td>'
            f"<td>{origin}</td><td>{sha}</td>"
            f'<td>{e(reason) if reason else ""}</td></tr>'
        )
    return (
        '<div class="tablewrap"><table class="sources"><thead><tr><th scope="col">Ref</th>'
        '<th scope="col">Reference</th><th scope="col">Status</th><th scope="col">Retrieved</th>'
        '<th scope="col">Content hash</th><th scope="col">Reason for failure</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _counts(claims: Iterable[Claim]) -> dict[str, int]:
    out = dict.fromkeys((*VERDICTS, "unchecked"), 0)
    for c in claims:
        out[_vkey(c.verdict)] += 1
    return out


def _mini_counts(counts: dict[str, int]) -> str:
    bits = [
        f'<span class="mini v-{v}"><span class="ico" aria-hidden="true">{VERDICT_META[v][0]}</span> '
        f"{n} {e(VERDICT_META[v][1])}</span>"
        for v, n in counts.items() if n
    ]
    return " ".join(bits) or '<span class="muted">no figures</span>'


def _document_section(ctx: _DocCtx) -> str:
    doc = ctx.doc
    figs = _figures(doc)
    draft = _render_draft(ctx, figs)
    items = []
    for f in figs:
        v = _vkey(f.claim.verdict)
        cid = f"c-{ctx.did}-{f.n}"
        jump = f' <a class="jump" href="#m-{ctx.did}-{f.n}">show in draft</a>' if f.note is None else ""
        items.append(
            f'<li id="{cid}" class="detail v-{v}" data-verdict="{v}">'
            f'<div class="detail-body" id="{cid}-body">{_detail_body(ctx, f.n, f.claim, f.note)}</div>'
            f"{jump}</li>"
        )
    findings = ""
    if doc.findings:
        findings = (
            f'<h3 id="{ctx.did}-findings">Document findings</h3><ul class="findings">'
            + "".join(
                f'<li><span class="fk">{e(x.kind.replace("_", " "))}</span> line {x.line}, column {x.column}: '
                f"{e(x.message)}</li>"
                for x in doc.findings
            )
            + "</ul>"
        )
    warnings = "".join(f'<p class="warn">{e(w)}</p>' for w in doc.warnings)
    title = f'<p class="doctitle">{e(doc.title)}</p>' if doc.title else ""
    return (
        f'<article class="doc" id="{ctx.did}" aria-labelledby="{ctx.did}-h">'
        f'<h2 id="{ctx.did}-h"><span class="path">{e(doc.path)}</span></h2>{title}'
        f'<p class="docmeta">{_mini_counts(_counts(doc.claims))} · <span class="muted">{e(doc.format)} · '
        f'sha256 <code title="{e(doc.sha256)}">{e(doc.sha256[:12])}</code></span></p>{warnings}'
        f'<section class="draft fmt-{e(doc.format)}" aria-label="Draft {e(doc.path)}">{draft}</section>'
        f'<h3 id="{ctx.did}-figs">Figures</h3>'
        + (f'<ol class="figlist">{"".join(items)}</ol>' if items else '<p class="muted">No figures found.</p>')
        + findings
        + f'<h3 id="{ctx.did}-refs">References and sources</h3>{_references_table(ctx)}'
        + "</article>"
    )


def _chips(counts: dict[str, int]) -> str:
    shown = [v for v in (*VERDICTS, "unchecked") if v != "unchecked" or counts[v]]
    chips = "".join(
        f'<button type="button" class="chip v-{v}" data-verdict="{v}" aria-pressed="false" '
        f'title="{e(VERDICT_META[v][2])}"><span class="ico" aria-hidden="true">{VERDICT_META[v][0]}</span> '
        f'{e(VERDICT_META[v][1])} <span class="n">{counts[v]}</span></button>'
        for v in shown
    )
    return (
        f'<div class="controls" role="group" aria-label="Filter figures by verdict">{chips}'
        '<button type="button" class="chip reset" id="filter-reset">show all</button></div>'
        '<p id="filter-status" class="muted" role="status" aria-live="polite">Showing all figures.</p>'
    )


# --------------------------------------------------------------------------------------------
# Style and behaviour. Both are constants so their CSP hashes are stable; neither takes data.

_CSS = """
:root{--ink:#1b1b1f;--muted:#5a5a66;--paper:#fff;--line:#d8d8e0;
--verified:#1a7f37;--verified-bg:#dcf3e3;--approximate:#0b5cad;--approximate-bg:#dde9fb;
--misquote:#b42318;--misquote-bg:#fde3e0;--not_found:#8a5000;--not_found-bg:#fff0c7;
--unavailable:#4f4f5c;--unavailable-bg:#e8e8ee;--uncited:#6f3aa8;--uncited-bg:#efe4fb;
--unchecked:#4f4f5c;--unchecked-bg:#f1f1f4}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:#f6f6f8;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main,header.top>.inner{max-width:52rem;margin:0 auto;padding:0 1rem}
header.top{background:var(--paper);border-bottom:1px solid var(--line);padding:1rem 0 .5rem}
h1{font-size:1.4rem;margin:.2rem 0}
article.doc>h2{margin:.2rem 0 .3rem}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.3rem .6rem;z-index:9}
.runmeta{color:var(--muted);margin:.2rem 0 .6rem}
.controls{display:flex;flex-wrap:wrap;gap:.4rem;margin:.4rem 0}
.chip{font:inherit;font-size:.9rem;border:2px solid var(--c,#888);background:var(--b,#fff);color:var(--ink);
border-radius:999px;padding:.15rem .7rem;cursor:pointer}
.chip .n{font-weight:700}
.chip[aria-pressed=true]{background:var(--c);color:#fff;box-shadow:0 0 0 2px #fff inset}
.chip.reset{--c:#888;--b:#fff}
.chip:focus-visible,.fig:focus-visible,a:focus-visible,button:focus-visible{outline:3px solid #1b1b1f;outline-offset:2px}
.toc ol{margin:.3rem 0;padding-left:1.4rem}
article.doc{background:var(--paper);border:1px solid var(--line);border-radius:6px;padding:1rem 1.4rem;margin:1.2rem 0}
h2 .path{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:1.1rem;word-break:break-all}
.draft{border-left:4px solid var(--line);padding:.2rem 0 .2rem 1rem;margin:1rem 0}
.draft p.plain{white-space:pre-line}
.draft pre{overflow:auto;background:#f3f3f6;padding:.5rem}
.draft table,table.sources{border-collapse:collapse;margin:.5rem 0}
.draft td,.draft th,table.sources td,table.sources th{border:1px solid var(--line);padding:.25rem .45rem;vertical-align:top;text-align:left}
.tablewrap{overflow-x:auto}
table.sources{font-size:.88rem;width:100%}
.error-kind{font-family:ui-monospace,monospace;font-size:.8rem}
table.sources tr:target{outline:3px solid var(--approximate)}
.img-alt{color:var(--muted);font-style:italic}
.raw-html{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.88rem;color:var(--muted)}
.muted{color:var(--muted)}
a{color:#0b57b0}
a.cite{text-decoration:none}
.dangling{color:var(--misquote);text-decoration:underline dotted}
.fig{color:inherit;background:var(--b);border-radius:3px;padding:0 .12em;cursor:pointer;
text-decoration-line:underline;text-decoration-color:var(--c);text-decoration-thickness:2px;text-underline-offset:.22em}
.fig::before{content:var(--i);color:var(--c);font-weight:700;font-size:.78em;margin-right:.12em}
.v-verified{--c:var(--verified);--b:var(--verified-bg);--i:"\\2713"}
.v-approximate{--c:var(--approximate);--b:var(--approximate-bg);--i:"\\2248"}
.v-misquote{--c:var(--misquote);--b:var(--misquote-bg);--i:"\\2717"}
.v-not_found{--c:var(--not_found);--b:var(--not_found-bg);--i:"?"}
.v-unavailable{--c:var(--unavailable);--b:var(--unavailable-bg);--i:"\\2298"}
.v-uncited{--c:var(--uncited);--b:var(--uncited-bg);--i:"\\2205"}
.v-unchecked{--c:var(--unchecked);--b:var(--unchecked-bg);--i:"\\2022"}
.fig.v-verified{text-decoration-style:solid}
.fig.v-approximate{text-decoration-style:dashed}
.fig.v-misquote{text-decoration-style:wavy;text-decoration-thickness:1.5px}
.fig.v-not_found{text-decoration-style:dotted;text-decoration-thickness:3px}
.fig.v-unavailable{text-decoration-style:double}
.fig.v-uncited{text-decoration-line:underline overline;text-decoration-style:dotted}
.fig.v-unchecked{text-decoration-style:solid;text-decoration-thickness:1px}
.fig[aria-expanded=true]{box-shadow:0 0 0 2px var(--c)}
@media screen{.fig.off{background:none;text-decoration:none;cursor:auto;padding:0}.fig.off::before{content:none}}
.badge,.mini{display:inline-block;border:1.5px solid var(--c);background:var(--b);border-radius:4px;padding:0 .35rem;font-size:.85rem;white-space:nowrap}
.badge .ico,.mini .ico{color:var(--c);font-weight:700}
#popover{position:absolute;z-index:10;width:min(30rem,92vw);background:#fff;color:var(--ink);border:1px solid #999;
border-radius:6px;box-shadow:0 6px 24px rgba(0,0,0,.18);padding:.6rem .9rem;font:15px/1.5 system-ui,sans-serif;
white-space:normal;text-align:left;font-style:normal;font-weight:400;text-decoration:none}
#popover[hidden]{display:none}
#popover-close{float:right;font:inherit;border:1px solid #999;background:#fff;border-radius:4px;cursor:pointer}
.detail-body p{margin:.3rem 0}
.dhead .fign{font-weight:700}
.where{color:var(--muted);font-size:.85rem}
.suggest{background:#fff8e0;border-left:4px solid var(--misquote);padding:.2rem .5rem}
.suggest del{color:var(--misquote)}.suggest ins{color:var(--verified);font-weight:700;text-decoration:none}
.lbl{font-weight:600}
blockquote.excerpt{margin:.4rem 0;padding:.3rem .6rem;border-left:4px solid var(--c,#999);background:#fafafa;font-size:.93rem}
strong.hit{background:#ffe58a;padding:0 .1em}
strong.operand{background:#d7ecff;padding:0 .1em;outline:1px solid #8ab8e6}
p.derivation code{font-size:.95em}
.why{font-size:.93rem}
ol.figlist{padding-left:0;list-style:none}
ol.figlist>li{border:1px solid var(--line);border-left:6px solid var(--c);border-radius:4px;padding:.3rem .7rem;margin:.5rem 0}
.jump{font-size:.85rem}
.warn{background:#fff0c7;padding:.3rem .6rem}
footer{color:var(--muted);font-size:.85rem;text-align:center;padding:1rem}
@media print{
body{background:#fff;font-size:11pt}
.controls,#filter-status,#popover,.skip,.jump{display:none!important}
article.doc{border:none;padding:0;break-before:page}
article.doc:first-of-type{break-before:auto}
.fig,.badge,.mini,ol.figlist>li{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.fig::after{content:attr(data-n);font-size:.7em;vertical-align:super;color:var(--c);font-weight:700}
ol.figlist>li,ol.figlist>li[hidden]{display:block!important;break-inside:avoid}
a.loc::after{content:" <" attr(href) ">";font-size:.8em;color:var(--muted)}
}
"""

_JS = """
(function () {
  "use strict";
  var pop = document.getElementById("popover");
  var popBody = document.getElementById("popover-body");
  var closeBtn = document.getElementById("popover-close");
  var status = document.getElementById("filter-status");
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.fig"));
  var items = Array.prototype.slice.call(document.querySelectorAll("li.detail"));
  var chips = Array.prototype.slice.call(document.querySelectorAll("button.chip[data-verdict]"));
  var current = null;
  var refocusing = false; /* focus returned to a figure on close must not reopen it */
  var active = new Set();

  function place(mark) {
    var r = mark.getBoundingClientRect();
    var width = pop.offsetWidth;
    var left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - width - 8));
    pop.style.left = (left + window.scrollX) + "px";
    pop.style.top = (r.bottom + window.scrollY + 6) + "px";
  }
  function open(mark) {
    if (mark.classList.contains("off")) { return; }
    if (current === mark && !pop.hidden) { return; }
    close(false);
    var src = document.getElementById(mark.getAttribute("data-detail") + "-body");
    if (!src) { return; }
    var copy = src.cloneNode(true);
    copy.removeAttribute("id");
    Array.prototype.forEach.call(copy.querySelectorAll("[id]"), function (n) { n.removeAttribute("id"); });
    popBody.textContent = "";
    popBody.appendChild(copy);
    pop.className = "v-" + mark.getAttribute("data-verdict");
    mark.after(pop); /* right after the figure, so Tab reaches the popover's links next */
    pop.hidden = false;
    mark.setAttribute("aria-expanded", "true");
    current = mark;
    place(mark);
  }
  function close(refocus) {
    if (!current) { pop.hidden = true; return; }
    var was = current;
    current = null;
    pop.hidden = true;
    was.setAttribute("aria-expanded", "false");
    if (refocus) { refocusing = true; was.focus(); refocusing = false; }
  }
  document.addEventListener("click", function (ev) {
    var mark = ev.target.closest ? ev.target.closest("mark.fig") : null;
    if (mark) { open(mark); return; }
    if (!pop.contains(ev.target)) { close(false); }
  });
  document.addEventListener("focusin", function (ev) {
    var t = ev.target;
    if (!refocusing && t.matches && t.matches("mark.fig")) { open(t); }
    else if (current && t !== current && !pop.contains(t)) { close(false); } /* focus moved on */
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && current) { ev.preventDefault(); close(true); return; }
    var t = ev.target;
    if (t.matches && t.matches("mark.fig") && (ev.key === "Enter" || ev.key === " ")) {
      ev.preventDefault();
      open(t);
    }
  });
  closeBtn.addEventListener("click", function () { close(true); });
  window.addEventListener("resize", function () { if (current) { place(current); } });

  function apply() {
    var all = active.size === 0;
    var shown = 0;
    marks.forEach(function (m) {
      var on = all || active.has(m.getAttribute("data-verdict"));
      m.classList.toggle("off", !on);
      if (on) { m.tabIndex = 0; m.setAttribute("role", "button"); }
      else { m.tabIndex = -1; m.removeAttribute("role"); }
    });
    items.forEach(function (li) {
      var on = all || active.has(li.getAttribute("data-verdict"));
      li.hidden = !on;
      if (on) { shown += 1; }
    });
    chips.forEach(function (c) {
      c.setAttribute("aria-pressed", active.has(c.getAttribute("data-verdict")) ? "true" : "false");
    });
    if (current && current.classList.contains("off")) { close(false); }
    status.textContent = all ? "Showing all figures." :
      "Showing " + shown + " of " + items.length + " figures: " +
      Array.from(active).map(function (v) { return v.replace("_", " "); }).join(", ") + ".";
  }
  chips.forEach(function (chip) {
    chip.addEventListener("click", function () {
      var v = chip.getAttribute("data-verdict");
      if (active.has(v)) { active.delete(v); } else { active.add(v); }
      apply();
    });
  });
  document.getElementById("filter-reset").addEventListener("click", function () { active.clear(); apply(); });
})();
"""


def _sha256_b64(s: str) -> str:
    return base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii")


CSP = (
    "default-src 'none'; "
    f"script-src 'sha256-{_sha256_b64(_JS)}'; "
    f"style-src 'sha256-{_sha256_b64(_CSS)}'; "
    "img-src data:; base-uri 'none'; form-action 'none'; object-src 'none'"
)


def render(result: RunResult, options: Any = None) -> str:
    """The whole report as one HTML page (`options` is accepted for the dispatcher and unused)."""
    sources = {s.locator: s for s in result.sources}
    ctxs = [_DocCtx(doc, f"d{i}", sources) for i, doc in enumerate(result.documents, 1)]
    sections = [_document_section(ctx) for ctx in ctxs]
    all_claims = [c for d in result.documents for c in d.claims]
    counts = _counts(all_claims)
    n_docs = len(result.documents)
    drafts = ", ".join(f"<code>{e(d.path)}</code>" for d in result.documents[:3])
    if n_docs > 3:
        drafts += f" and {n_docs - 3} more"
    toc = ""
    if n_docs > 1:
        toc = (
            '<nav class="toc" aria-label="Drafts"><ol>'
            + "".join(
                f'<li><a href="#{c.did}">{e(c.doc.path)}</a> {_mini_counts(_counts(c.doc.claims))}</li>'
                for c in ctxs
            )
            + "</ol></nav>"
        )
    title = f"claimledger: {result.documents[0].path}" if n_docs == 1 else f"claimledger: {n_docs} drafts"
    legend = " · ".join(
        f'<span class="v-{v}"><span class="ico" aria-hidden="true">{VERDICT_META[v][0]}</span> '
        f"<b>{e(VERDICT_META[v][1])}</b>: {e(VERDICT_META[v][2])}</span>"
        for v in VERDICTS
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{e(CSP)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{e(title)}</title><style>{_CSS}</style></head><body>"
        '<a class="skip" href="#main">Skip to the drafts</a>'
        '<header class="top"><div class="inner"><h1>claimledger report</h1>'
        f'<p class="runmeta">{"Draft" if n_docs == 1 else f"{n_docs} drafts"}: {drafts} · checked '
        f"{_fmt_time(result.finished_at or result.started_at)} · "
        f"{len(all_claims)} figure{'s' if len(all_claims) != 1 else ''} · run <code>{e(result.run_id)}</code>"
        f"{'' if result.mode == 'check' else ' · mode ' + e(result.mode)}</p>"
        f"{_chips(counts)}{toc}"
        f'<details class="legend"><summary>What the colours mean</summary><p>{legend}</p>'
        "<p>Select a highlighted figure (click, or Tab then Enter) to see the source's excerpt.</p>"
        "</details></div></header>"
        f'<main id="main">{"".join(sections)}</main>'
        f"<footer>claimledger {e(result.tool_version)} · started {_fmt_time(result.started_at)}</footer>"
        '<div id="popover" role="dialog" aria-label="Figure details" hidden>'
        '<button type="button" id="popover-close" aria-label="Close details">×</button>'
        '<div id="popover-body"></div></div>'
        f"<script>{_JS}</script></body></html>\n"
    )
