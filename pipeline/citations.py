"""Citation markers, reference entries and locators (pure: strings in, values out).

Writers cite in many styles at once (`[4]`, `[6][7][11]`, `[3-5]`, `[^4]`, Markdown links, a
`Source:` line under a paragraph), so markers are read from the *masked* text (code, comments and
URLs already blanked, offsets unchanged) and the raw text is consulted only to read a link's
destination, which the mask hides on purpose so that no figure is ever read out of a URL.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection
from dataclasses import dataclass, field

#: the words that title a reference list (compared case-insensitively, without a trailing colon)
REFERENCE_HEADINGS = frozenset({
    "references", "reference", "sources", "source list", "notes", "endnotes", "footnotes",
    "bibliography", "works cited", "citations", "further reading", "reference list",
})
KNOWN_EXTENSIONS = (".md", ".markdown", ".txt", ".html", ".htm", ".pdf", ".json", ".csv")
MAX_RANGE = 50  # a "[3-5]" range expands to at most this many keys

SOURCE_LINE_RE = re.compile(r"^[ \t]*(?:[*_]{1,2})?Sources?(?:[*_]{1,2})?[ \t]*:(?:[*_]{1,2})?[ \t]*(\S.*?)[ \t]*$",
                            re.I)
LINK_DEF_RE = re.compile(r"^ {0,3}\[(?!\^)([^\]\n]+)\]:[ \t]*(<[^>\n]*>|\S+)(?:[ \t]+(\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$")
FOOTNOTE_DEF_RE = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]*(.*)$")

_NUMERIC_RE = re.compile(r"\[[ \t]*(\d{1,4}(?:[ \t]*[-–—][ \t]*\d{1,4})?(?:[ \t]*[,;][ \t]*\d{1,4}(?:[ \t]*[-–—][ \t]*\d{1,4})?)*)[ \t]*\]")
_FOOTNOTE_RE = re.compile(r"\[\^([^\]\s]+)\]")
_BRACKET_RE = re.compile(r"\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]")
#: a URL ends at whitespace, quotes or a closing bracket, except the bracketed host of an IPv6
#: literal ("http://[2001:db8::1]:8080/x")
_URL_RE = re.compile(r"https?://(?:\[[0-9A-Fa-f:.]+\][^\s<>\"'`\]]*|[^\s<>\"'`\]]+)", re.I)
#: a web address written without its scheme ("www.example.org/r"): https is what a browser tries
_WWW_RE = re.compile(r"(?<![\w.@/])www\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+[^\s<>\"'`\]]*", re.I)
_DOI_URL_RE = re.compile(r"^https?://(?:dx\.)?doi\.org/(10\.\S+)$", re.I)
_DOI_RE = re.compile(r"\b(?:doi:\s*)?(10\.\d{4,9}/[^\s<>\"'`]+)", re.I)
_ARXIV_RE = re.compile(r"\barXiv:\s*(\d{4}\.\d{4,5}(?:v\d+)?)", re.I)


@dataclass(slots=True)
class Marker:
    """One citation marker as written. ``kind``: numeric | footnote | link | reflink.

    ``label_end`` is, for links, the offset just after the link text's "]": the link text itself is
    prose (it may hold a figure), only the rest of the marker is citation syntax.
    """

    keys: list[str]
    start: int
    end: int
    kind: str = "numeric"
    label_end: int | None = None
    title: str | None = None


def normalise_label(label: str) -> str:
    """Reference labels match case-insensitively with whitespace collapsed, as in CommonMark."""
    return " ".join(label.split()).casefold()


def expand_numbers(spec: str) -> list[str]:
    """"3, 5" -> ["3", "5"]; "3-5" -> ["3", "4", "5"] (a range is capped at MAX_RANGE keys)."""
    out: list[str] = []
    for part in re.split(r"[,;]", spec):
        part = part.strip()
        if not part:
            continue
        m = re.fullmatch(r"(\d+)\s*[-–—]\s*(\d+)", part)
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            if b < a:
                a, b = b, a
            keys = [str(k) for k in range(a, min(b, a + MAX_RANGE - 1) + 1)]
        else:
            keys = [str(int(part))]
        for k in keys:
            if k not in out:
                out.append(k)
    return out


def match_paren(s: str, i: int) -> int | None:
    """Index of the ")" closing the "(" at s[i], on balanced parentheses, within 2000 characters
    and not across a blank line (a paragraph break ends any Markdown construct)."""
    depth = 0
    for j in range(i, min(len(s), i + 2000)):
        c = s[j]
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j
        elif c == "\n" and s.startswith("\n", j + 1):
            return None
    return None


def _link_destination(raw: str, paren: int) -> tuple[str, int] | None:
    """(destination, end offset) of an inline link whose "(" is at raw[paren]."""
    j = match_paren(raw, paren)
    if j is None:
        return None
    inner = raw[paren + 1:j].strip()
    if inner.startswith("<"):
        dest = inner[1:inner.find(">")] if ">" in inner else inner[1:]
    else:
        dest = inner.split()[0] if inner.split() else ""
    return dest, j + 1


@functools.lru_cache(maxsize=8)
def _normalised_labels(definitions: frozenset[str]) -> frozenset[str]:
    """The labels normalised; cached, since a draft passes the same ones for every block."""
    return frozenset(normalise_label(d) for d in definitions)


def find_markers(masked_text: str, raw_text: str | None = None,
                 definitions: Collection[str] = ()) -> list[Marker]:
    """Every citation marker in `masked_text`, in order of position, none overlapping.

    `raw_text` (same length, unmasked) lets inline links `[text](https://...)` be read; without it
    only bracket markers are found. `definitions` are the normalised labels defined in the document
    (link definitions, footnotes, reference keys): `[text][ref]`, `[ref][]` and `[ref]` are markers
    only when `ref` is one of them, so task boxes and stray brackets are not.
    """
    raw = raw_text if raw_text is not None and len(raw_text) == len(masked_text) else None
    defined = _normalised_labels(frozenset(definitions))
    found: list[Marker] = []
    for m in _FOOTNOTE_RE.finditer(masked_text):
        if not masked_text.startswith(":", m.end()):
            found.append(Marker([m.group(1)], m.start(), m.end(), "footnote"))
    for m in _BRACKET_RE.finditer(masked_text):
        s, e = m.start(), m.end()
        if s > 0 and masked_text[s - 1] in "!\\":
            continue
        label = m.group(1)
        if label.startswith("^"):
            continue
        if masked_text.startswith(":", e) and (s == 0 or masked_text[s - 1] == "\n"):
            continue  # a definition, not a citation
        # inline link: the mask hides "(dest)", the raw text has it
        if raw is not None and raw.startswith("(", e):
            dest = _link_destination(raw, e)
            if dest is not None:
                url, end = dest
                if re.match(r"https?://", url, re.I):
                    found.append(Marker([url], s, end, "link", label_end=e, title=label.strip() or None))
                    continue
        num = _NUMERIC_RE.fullmatch(masked_text, s, e)
        # reference-style link [text][ref] / [ref][]
        nxt = _BRACKET_RE.match(masked_text, e)
        if nxt and not num:
            ref = nxt.group(1) or label
            if normalise_label(ref) in defined:
                found.append(Marker([normalise_label(ref)], s, nxt.end(), "reflink", label_end=e,
                                    title=label.strip() or None))
                continue
        if num:
            keys = expand_numbers(num.group(1))
            if keys:
                found.append(Marker(keys, s, e, "numeric"))
            continue
        if normalise_label(label) in defined and not (nxt and nxt.group(1) == ""):
            found.append(Marker([normalise_label(label)], s, e, "reflink", label_end=e,
                                title=label.strip() or None))
    found.sort(key=lambda mk: (mk.start, -mk.end))
    out: list[Marker] = []
    for mk in found:
        if out and mk.start < out[-1].end:
            # a marker inside a link's text ("[[4]](#r4)") stays; a duplicate span does not
            prev = out[-1]
            if prev.kind in ("link", "reflink") and prev.label_end is not None and mk.end <= prev.label_end \
                    and mk.start > prev.start:
                out.append(mk)
            continue
        out.append(mk)
    out.sort(key=lambda mk: mk.start)
    return out


def is_references_heading(text: str) -> bool:
    """Whether a heading (or a lone plain-text line) opens a reference list."""
    t = re.sub(r"[*_`#]+", "", text).strip().rstrip(":").strip()
    return normalise_label(t) in REFERENCE_HEADINGS


# --------------------------------------------------------------------------- locators


@dataclass(slots=True)
class Entry:
    """A parsed reference entry; ``key`` None means "number it by position"."""

    key: str | None
    title: str | None
    locator: str | None
    offset: int = 0  # of the entry's first character within the text it was split from
    kinds: list[str] = field(default_factory=list)


def _strip_url(url: str) -> str:
    url = url.rstrip(".,;:!?'\"*_>")
    while url.endswith(")") and url.count("(") < url.count(")"):
        url = url[:-1].rstrip(".,;:")
    return url


def _looks_like_path(token: str) -> bool:
    t = token.lower()
    if t.startswith(("http:", "https:", "mailto:", "doi:")):
        return False
    if t.endswith(KNOWN_EXTENSIONS) and len(t) > 4 and re.match(r"[\w./~-]", t):
        return True
    if "/" in t and (t.startswith(("./", "../", "/", "~/")) or t.count("/") >= 2):
        return bool(re.search(r"[a-z]", t))
    return False


def find_locator(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """The usable locator in an entry and its span: URL (a bare `www.` address gets https), DOI,
    arXiv id, or a file path.

    DOIs are written "doi:10.x/y" whatever the entry used (a doi.org URL included) so one paper
    cited two ways is one source; arXiv ids become their abstract page's URL.
    """
    m = _URL_RE.search(text)
    if m:
        url = _strip_url(m.group(0))
        doi = _DOI_URL_RE.match(url)
        if doi:
            return "doi:" + doi.group(1), (m.start(), m.start() + len(url))
        return url, (m.start(), m.start() + len(url))
    m = _WWW_RE.search(text)
    if m:
        url = _strip_url(m.group(0))
        return "https://" + url, (m.start(), m.start() + len(url))
    m = _DOI_RE.search(text)
    if m:
        bare = _strip_url(m.group(1))
        return "doi:" + bare, (m.start(), m.start(1) + len(bare))
    m = _ARXIV_RE.search(text)
    if m:
        return f"https://arxiv.org/abs/{m.group(1)}", m.span()
    best: tuple[str, tuple[int, int]] | None = None
    for tm in re.finditer(r"\S+", text):
        tok = tm.group(0)
        core = tok.strip("`'\"<>()[]").rstrip(".,;:").strip("`'\"<>()[]")
        if core and _looks_like_path(core):
            off = tm.start() + tok.find(core)
            best = (core, (off, off + len(core)))
    if best:
        return best
    return None, None


_ENTRY_PREFIX_RE = re.compile(
    r"^[ \t]*(?:(?:[-*+•][ \t]+)?\[\^?([\w.-]{1,40})\][:.]?|(\d{1,4})[.)]|[-*+•])[ \t]+")


def parse_entry(text: str) -> Entry:
    """One reference entry -> key (as numbered, or None), title and locator."""
    body = " ".join(text.split())
    key = None
    kinds: list[str] = []
    m = _ENTRY_PREFIX_RE.match(body)
    if m:
        key = m.group(1) or m.group(2)
        body = body[m.end():]
    if key is not None:
        key = str(int(key)) if key.isdigit() else normalise_label(key)  # "[01]" is cited as [1]
    src = SOURCE_LINE_RE.match(body)
    if src:
        body = src.group(1)
    locator, span = find_locator(body)
    if span:
        rest = body[:span[0]] + " " + body[span[1]:]
        kinds.append("locator")
    else:
        rest = body
    # a Markdown link as the entry: "[Title](url)" keeps its text as the title
    rest = re.sub(r"\[([^\]]*)\]\(\s*\)", r"\1", rest)
    rest = re.sub(r"\b(?:available (?:at|from)|retrieved from|accessed|url|doi|arxiv|link|source)\s*:?\s*$",
                  "", rest.strip(), flags=re.I)
    rest = re.sub(r"\(\s*\)|\[\s*\]|<\s*>", " ", rest)
    return Entry(key, _clean_title(rest), locator, 0, kinds)


def _clean_title(text: str) -> str | None:
    """Trim punctuation around a title but keep a balanced "(stand-in)" at its end."""
    t = " ".join(text.split())
    while True:
        before = t
        t = t.strip(" \t.,;:-–—|<>\"'`*_")
        if t.endswith((")", "]")) and t.count(t[-1]) > t.count("(" if t[-1] == ")" else "["):
            t = t[:-1]
        if t.startswith(("(", "[")) and t.count(t[0]) > t.count(")" if t[0] == "(" else "]"):
            t = t[1:]
        if t == before:
            return t or None


def split_entries(text: str) -> list[tuple[int, str]]:
    """Split a references block into (offset, entry text): a new entry starts at each line that
    begins with a marker ("[1]", "1.", "- ", "[^1]:") or, when no line does, at every line."""
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    starts = [bool(_ENTRY_PREFIX_RE.match(ln) or LINK_DEF_RE.match(ln) or FOOTNOTE_DEF_RE.match(ln))
              for _, ln in lines]
    if not any(starts):
        return [(off, ln) for off, ln in lines if ln.strip()]
    out: list[tuple[int, str]] = []
    for (off, ln), is_start in zip(lines, starts, strict=True):
        if not ln.strip():
            continue
        if is_start or not out:
            out.append((off, ln))
        else:
            out[-1] = (out[-1][0], out[-1][1] + "\n" + ln)
    return out


def parse_source_line(line: str) -> tuple[str, str | None] | None:
    """`Source: PATH-OR-URL` -> (key, locator); the key is the locator itself (or the text when
    the line names nothing usable, which then is a bad reference). None if not a Source line."""
    m = SOURCE_LINE_RE.match(line)
    if not m:
        return None
    rest = m.group(1).strip()
    locator, _ = find_locator(rest)
    lone = rest.strip("`'\"<>")
    if locator is None and re.fullmatch(r"[\w./~-]+\.[A-Za-z0-9]{1,5}", lone) and not lone[0].isdigit():
        # a lone file name with an extension we do not list ("data.xlsx") is still a path
        locator = lone
    return (locator or rest), locator
