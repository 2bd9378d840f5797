"""Claims, citations, references and document findings from one read draft.

A claim is one figure in one sentence. Its citations are, in order of preference, the sentence's
own markers; else the markers that close its paragraph; plus a `Source:` line under the paragraph.
Positions are computed on the draft's masked text, which has the file's offsets, so every claim
points at the figure in the file as the user sees it.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, replace

from .citations import (
    FOOTNOTE_DEF_RE,
    LINK_DEF_RE,
    Marker,
    find_locator,
    find_markers,
    normalise_label,
    parse_entry,
    parse_source_line,
    split_entries,
)
from .draft import Block, Draft
from .model import Citation, Claim, Document, Finding, Quantity, Reference
from .quantities import find_quantities
from .sentences import split_sentences

_PROSE = ("paragraph", "heading", "list_item", "table_row", "blockquote")


@dataclass(slots=True)
class _RefEntry:
    ref: Reference
    offset: int  # in draft.text, for the finding's column
    implicit: bool = False  # from a Source: line or an inline link: never "unused"


def claim_id(display_path: str, sentence: str, offset_in_sentence: int, figure: str) -> str:
    """Stable while the sentence is unchanged, wherever it moves in the file."""
    raw = "\x1f".join((display_path, sentence, str(offset_in_sentence), figure))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


_WS_RUN = re.compile(r"\s+")
_WS_BEFORE_CLOSE = re.compile(r"\s+(?=[.,;:!?)])")


def _collapse(text: str) -> str:
    """Whitespace collapsed to single spaces, none at the ends or before closing punctuation
    (``\\s`` and ``str.strip`` agree with ``str.isspace``)."""
    return _WS_RUN.sub(" ", _WS_BEFORE_CLOSE.sub("", text.strip()))


def _kept(n: int, hide: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sorted [start, end) runs of ``range(n)`` outside every hidden span."""
    spans = sorted((max(0, s), min(n, e)) for s, e in hide if min(n, e) > max(0, s))
    kept: list[tuple[int, int]] = []
    pos = 0
    for s, e in spans:
        if s > pos:
            kept.append((pos, s))
        pos = max(pos, e)
    if pos < n:
        kept.append((pos, n))
    return kept


#: the first place where collapsing changes something: a whitespace character other than a space,
#: a leading space, or a space before whitespace, closing punctuation or the end
_FIRST_CHANGE = re.compile(r"[^\S ]|\A | (?=\s|[.,;:!?)]|\Z)")


def _visible(masked: str, hide: list[tuple[int, int]]) -> tuple[str, tuple[list[tuple[int, int]], int]]:
    """`masked` without the hidden spans, whitespace collapsed and no space left before closing
    punctuation (where a marker stood); and what ``_visible_offset`` needs: the kept runs, and
    how many of the kept characters collapsing leaves in place (all those before its first
    change, typically the space left before the final period by a marker)."""
    kept = _kept(len(masked), hide)
    raw = masked if kept == [(0, len(masked))] else "".join(masked[a:b] for a, b in kept)
    change = _FIRST_CHANGE.search(raw)
    return _collapse(raw), (kept, change.start() if change else len(raw))


def _visible_offset(masked: str, layout: tuple[list[tuple[int, int]], int], i: int) -> int:
    """Index in ``_visible``'s text of the character ``masked[i]`` (so a figure's offset in the
    sentence survives reflowing); -1 if it vanished (hidden or whitespace). Only the figures' own
    offsets are asked for, so the sentence's prefix is collapsed again instead of mapping every
    character."""
    kept, in_place = layout
    if masked[i].isspace():
        return -1
    parts: list[str] = []
    before = 0  # kept characters before run (a, b)
    for a, b in kept:
        if a > i:
            return -1
        if i < b:
            if before + i - a < in_place:
                return before + i - a
            parts.append(masked[a:i + 1])
            return len(_collapse("".join(parts))) - 1
        parts.append(masked[a:b])
        before += b - a
    return -1


def _marker_hide(mk: Marker) -> list[tuple[int, int]]:
    """The citation syntax of a marker: all of a bracket marker; a link's brackets and destination."""
    if mk.kind == "htmllink":
        return []  # the tags are masked already; the link text is prose
    if mk.kind in ("link", "reflink") and mk.label_end is not None:
        return [(mk.start, mk.start + 1), (mk.label_end - 1, mk.end)]
    return [(mk.start, mk.end)]


_ENTITY_BEFORE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});$")


def _entity_start(text: str, pos: int) -> int:
    """In an HTML draft a figure may begin with an entity ("&#8364;5 million"); the reader shows its
    character at the entity's last byte. The report's column is the entity's first (the `&`)."""
    if 0 <= pos < len(text) and text[pos] == ";":
        m = _ENTITY_BEFORE.search(text, max(0, pos - 40), pos + 1)
        if m:
            return m.start()
    return pos


def _trailing(markers: list[Marker], masked: str, sent_end: int) -> list[Marker]:
    """The markers that close a sentence: nothing but punctuation and other markers after them.

    Walks back from the sentence's end checking only the gap before the marker accepted last, so
    a sentence closed by thousands of markers costs linear time (the gaps were all checked once).
    """
    out: list[Marker] = []
    limit = sent_end
    for mk in reversed(markers):
        if mk.kind in ("link", "htmllink"):
            break
        if _WORD.search(masked, mk.end, max(mk.end, limit)):
            break
        out.append(mk)
        limit = mk.start
    return list(reversed(out))


_WORD = re.compile(r"\w")


def _keys(markers: list[Marker]) -> list[tuple[str, Marker]]:
    seen: set[str] = set()
    out: list[tuple[str, Marker]] = []
    for mk in markers:
        for k in mk.keys:
            if k not in seen:
                seen.add(k)
                out.append((k, mk))
    return out


def _html_link_markers(draft: Draft, block: Block) -> list[Marker]:
    """HTML drafts: `<a href="https://...">text</a>` in prose cites its URL, like a Markdown link."""
    out = []
    for s, e, href in draft.links:
        if block.start <= s and e <= block.end and re.match(r"https?://", href, re.I):
            out.append(Marker([href], s - block.start, e - block.start, "htmllink", label_end=e - block.start,
                              title=" ".join(draft.masked[s:e].split()) or None))
    return out


def extract_document(draft: Draft) -> Document:
    """Every claim of the draft with its citations, the references, and the findings about them."""
    doc = Document(path=draft.display_path, sha256=draft.sha256, text=draft.text,
                   format=draft.format,
                   warnings=list(draft.warnings))
    entries = _references(draft, doc.warnings)
    defined = {normalise_label(e.ref.key) for e in entries}

    # markers per prose block, and the Source: lines that follow each block
    prose: list[tuple[Block, list[Marker]]] = []
    block_sources: dict[int, list[tuple[str, Block]]] = {}
    last_prose: int | None = None
    for block in draft.blocks:
        if block.kind == "source_line":
            parsed = parse_source_line(draft.text[block.start:block.end])
            if parsed is None:
                continue
            key, locator = parsed
            line, _ = draft.position(block.start)
            if not any(e.ref.key == key for e in entries):
                entries.append(_RefEntry(Reference(key=key, line=line, locator=locator), block.start, True))
            if last_prose is not None:
                # right after the paragraph (one blank line allowed), or right after its last Source line
                attached = block_sources.get(last_prose)
                prev_block = attached[-1][1] if attached else prose[last_prose][0]
                prev_end_line, _ = draft.position(max(prev_block.start, prev_block.end - 1))
                if line - prev_end_line <= 2:
                    block_sources.setdefault(last_prose, []).append((key, block))
            continue
        if block.kind not in _PROSE:
            last_prose = None
            continue
        raw = draft.text[block.start:block.end]
        markers = find_markers(block.text_mask, raw, defined)
        if draft.format == "html":
            markers = sorted(markers + _html_link_markers(draft, block), key=lambda m: m.start)
        prose.append((block, markers))
        last_prose = len(prose) - 1 if block.kind != "heading" else None

    cited: set[str] = set()
    for index, (block, markers) in enumerate(prose):
        for mk in markers:
            abs_start = block.start + mk.start
            line, col = draft.position(abs_start)
            for key in mk.keys:
                cited.add(key)
                if mk.kind in ("link", "htmllink"):
                    if not any(e.ref.key == key for e in entries):
                        entries.append(_RefEntry(Reference(key=key, line=line, title=mk.title, locator=key),
                                                 abs_start, True))
                elif normalise_label(key) not in defined and key not in defined:
                    doc.findings.append(Finding("dangling_citation", key, line, col,
                                                f"[{key}] has no entry in the references"))
        doc.claims.extend(_claims(draft, block, markers, block_sources.get(index, []), doc.findings))

    for e in entries:
        r = e.ref
        line, col = draft.position(e.offset)
        if r.locator is None:
            doc.findings.append(Finding("bad_reference", r.key, line, col,
                                        f"reference [{r.key}] has no usable URL, DOI or path"))
        if not e.implicit and r.key not in cited and normalise_label(r.key) not in {
                normalise_label(k) for k in cited}:
            doc.findings.append(Finding("unused_reference", r.key, line, col,
                                        f"reference [{r.key}] is never cited"))
    doc.references = [e.ref for e in entries]
    doc.findings.sort(key=lambda f: (f.line, f.column, f.kind))
    doc.title = _title(draft)
    return doc


def _claims(draft: Draft, block: Block, markers: list[Marker], sources: list[tuple[str, Block]],
            findings: list[Finding]) -> list[Claim]:
    """The claims of one block; a sentence whose own figures do not add up adds an
    ``inconsistent_figures`` finding to ``findings`` (no source is needed to see it)."""
    masked = block.text_mask
    spans = split_sentences(masked)
    if not spans:
        return []
    by_sentence: list[list[Marker]] = [[] for _ in spans]
    last = len(spans) - 1
    span_starts = [s for s, _e in spans]
    for mk in markers:
        # the sentence holding the marker; after the last one, the last; between two sentences,
        # the one before (spans are sorted and disjoint)
        j = bisect.bisect_right(span_starts, mk.start) - 1
        if j >= 0 and mk.start < spans[j][1]:
            by_sentence[j].append(mk)
        elif mk.start >= spans[last][1]:
            by_sentence[last].append(mk)
        else:
            by_sentence[max(j, 0)].append(mk)
    closing = _trailing(by_sentence[last], masked, max(spans[last][1], max((m.end for m in by_sentence[last]),
                                                                           default=0)))
    # one grammar pass per block (its fixed cost dominates on short sentences), bucketed by sentence
    block_quantities = find_quantities(masked)
    # sorted by start and non-overlapping (so sorted by end too): a sentence's figures are a slice
    q_starts = [q.start for q in block_quantities]
    q_ends = [q.end for q in block_quantities]  # (a claim's quantity is rebased in place)
    used: set[int] = set()  # figures already given to a claim (copied if a sentence shares one)
    out: list[Claim] = []
    for i, (s, e) in enumerate(spans):
        own = by_sentence[i]
        e = max([e, *(m.end for m in own)])
        quantities: list[tuple[int, Quantity]] = []
        for k in range(bisect.bisect_left(q_starts, s), bisect.bisect_right(q_starts, e)):
            if q_ends[k] <= e:
                quantities.append((k, block_quantities[k]))
        if not quantities:
            continue
        hide: list[tuple[int, int]] = []
        for mk in own:
            hide += [(a - s, b - s) for a, b in _marker_hide(mk)]
        sentence_mask = masked[s:e]
        sentence, kept = _visible(sentence_mask, hide)
        syntax = [(a, b) for a, b in hide]
        citations: list[Citation] = []
        if own:
            for key, mk in _keys(own):
                ln, col = draft.position(block.start + mk.start)
                citations.append(Citation(key, "sentence", ln, col))
        else:
            for key, mk in _keys(closing):
                ln, col = draft.position(block.start + mk.start)
                citations.append(Citation(key, "paragraph", ln, col))
        # a Source: line names the source of the whole paragraph, sentences with markers included
        for key, _src in sources:
            if all(c.key != key for c in citations):
                citations.append(Citation(key, "block"))
        # every figure of the sentence, with offsets into the sentence as the reader sees it: the
        # judge reads a claim's companions ("cut 1,200 jobs, about 8%") and the words between them
        # from these instead of parsing the sentence again (and guessing which of two equal
        # figures is the claim's)
        figures: list[Quantity] = []
        where: dict[int, int] = {}
        for k, q in quantities:
            a, b = q_starts[k] - s, q_ends[k] - s
            if not (0 <= a < b <= len(sentence_mask)):
                continue
            va, vb = _visible_offset(sentence_mask, kept, a), _visible_offset(sentence_mask, kept, b - 1)
            if va < 0 or vb < va:
                continue
            where[k] = len(figures)
            figures.append(replace(q, text=sentence[va:vb + 1], start=va, end=vb + 1))
        if len(figures) >= 2:
            findings.extend(_inconsistent(draft, block, figures, where, q_starts, q_ends, sentence))
        for k, q in quantities:
            q_start, q_end = q_starts[k] - s, q_ends[k] - s  # in the sentence
            if q_end <= q_start or any(a < q_end and q_start < b for a, b in syntax):
                continue
            if _straddles_mask(draft.text, masked, q_starts[k], q_ends[k], block.start):
                continue
            abs_start = block.start + q_starts[k]
            abs_end = block.start + q_ends[k]
            # the column of a figure that begins with an entity is the entity's `&`
            line, col = draft.position(_entity_start(draft.text, abs_start) if draft.format == "html" else abs_start)
            end_line, end_col = draft.position(abs_end - 1)
            offset = _visible_offset(sentence_mask, kept, q_start) if 0 <= q_start < len(sentence_mask) else -1
            if offset < 0:
                offset = len(sentence)
            quantity = _rebased(q if k not in used else replace(q), abs_start, abs_end)
            used.add(k)
            claim = Claim(id=claim_id(draft.display_path, sentence, offset, q.text), line=line, column=col,
                          end_line=end_line, end_column=end_col, sentence=sentence, quantity=quantity,
                          citations=list(citations), disabled=_disabled(draft, line, end_line),
                          figures=tuple(figures), figure=where.get(k, -1))
            out.append(claim)
    return out


def _inconsistent(draft: Draft, block: Block, figures: list[Quantity], where: dict[int, int],
                  q_starts: list[int], q_ends: list[int], sentence: str) -> list[Finding]:
    """The draft's own arithmetic in one sentence ("12 ft (3.7 m)", parts and their total), as
    findings that name every figure involved by its place in the draft."""
    from .derive import inconsistencies

    found = inconsistencies(sentence, figures)
    if not found:
        return []
    k_of = {i: k for k, i in where.items()}
    out: list[Finding] = []
    for inc in found:
        places: list[str] = []
        first: tuple[int, int] | None = None
        for a, b in inc.figures:
            i = next((j for j, f in enumerate(figures) if f.start == a and f.end == b), None)
            if i is None or i not in k_of:
                continue
            k = k_of[i]
            pos = draft.position(block.start + q_starts[k])
            first = first or pos
            places.append(f"{sentence[a:b]} at {pos[0]}:{pos[1]}")
        if first is None:
            continue
        out.append(Finding("inconsistent_figures", None, first[0], first[1],
                           f"{inc.message} ({'; '.join(places)})"))
    return out


def _straddles_mask(text: str, masked: str, start: int, end: int, base: int) -> bool:
    """Whether a figure was glued together across hidden text ("$2<a href=...>-5"): its pieces
    were never one figure on the page the reader sees."""
    i = masked.find(" ", start, end)
    while i >= 0:
        if not text[base + i].isspace():
            return True
        i = masked.find(" ", i + 1, end)
    return False


def _rebased(q: Quantity, start: int, end: int) -> Quantity:
    """The quantity with offsets into the draft's text (the one place every stage can look up)."""
    q.start, q.end = start, end
    return q


def _disabled(draft: Draft, line: int, end_line: int) -> tuple[str, ...]:
    if not draft.disabled:
        return ()
    names: set[str] = set()
    for ln in range(line, end_line + 1):
        names.update(draft.disabled.get(ln, ()))
    return ("*",) if "*" in names else tuple(sorted(names))


def _references(draft: Draft, warnings: list[str]) -> list[_RefEntry]:
    """Entries of references sections, link definitions and footnote definitions, in file order."""
    found: list[_RefEntry] = []
    masked_lines = draft.masked.split("\n")
    text_lines = draft.text.split("\n")
    # definitions anywhere (outside code): "[1]: URL" and "[^1]: text"
    for n, (line, mline) in enumerate(zip(text_lines, masked_lines, strict=True), start=1):
        if not mline.lstrip().startswith("["):
            continue
        offset = draft.line_starts[n - 1]
        m = LINK_DEF_RE.match(line)
        if m:
            dest = m.group(2).strip("<>")
            locator, _ = find_locator(dest)
            if locator is None and dest and not dest.startswith("#"):
                locator = dest  # a definition's destination is a locator by construction
            title = m.group(3)[1:-1] if m.group(3) else None
            found.append(_RefEntry(Reference(normalise_label(m.group(1)), n, title or None, locator), offset))
            continue
        m = FOOTNOTE_DEF_RE.match(line)
        if m:
            parts = [m.group(2)]
            k = n  # 0-based index of the next line
            while k < len(text_lines) and re.match(r"(?: {4}|\t)\S", text_lines[k]) and masked_lines[k].strip():
                parts.append(text_lines[k].strip())
                k += 1
            e = parse_entry(" ".join(parts))
            found.append(_RefEntry(Reference(m.group(1), n, e.title, e.locator), offset))
    # entries in references sections
    ordinal = 0
    for block in draft.blocks:
        if block.kind != "references":
            continue
        raw = draft.text[block.start:block.end]
        for off, entry_text in split_entries(raw):
            first_line = entry_text.split("\n", 1)[0]
            if LINK_DEF_RE.match(first_line) or FOOTNOTE_DEF_RE.match(first_line):
                continue
            ordinal += 1
            e = parse_entry(entry_text)
            if e.locator is None and draft.format == "html":
                for link_start, _end, href in draft.links:
                    if (block.start + off <= link_start < block.start + off + len(entry_text)
                            and not href.startswith("#")):
                        e.locator, _ = find_locator(href)
                        e.locator = e.locator or href
                        break
            key = e.key if e.key is not None else str(ordinal)
            entry_line, _ = draft.position(block.start + off)
            found.append(_RefEntry(Reference(key, entry_line, e.title, e.locator), block.start + off))
    found.sort(key=lambda r: r.offset)
    out: list[_RefEntry] = []
    seen: dict[str, int] = {}
    for entry in found:
        ref = entry.ref
        if ref.key in seen:
            warnings.append(f"{draft.display_path}:{ref.line}: reference [{ref.key}] is defined again "
                            f"(first on line {seen[ref.key]}); the first one is used")
            continue
        seen[ref.key] = ref.line
        out.append(entry)
    return out


def _title(draft: Draft) -> str | None:
    """The first heading's text, else the HTML <title>, else the first non-empty line."""
    for b in draft.blocks:
        if b.kind == "heading":
            t = " ".join(b.text_mask.replace("#", " ").split()).strip("=- ")
            if t:
                return t
    if draft.title:
        return draft.title
    for line in draft.masked.split("\n"):
        if line.strip():
            return " ".join(line.split())
    return None
