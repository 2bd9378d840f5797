"""A claim's sentence as the draft shows it, for the reports that quote it (JUnit, SARIF).

``Claim.sentence`` is what the matcher reads: code spans, URLs, tags and citation markers are
hidden from it, and the claim's id is made from it, so it cannot change. But a report that quotes
"Running takes 45% of the build" for the draft's "Running `make test` takes 45% of the build" has
lost what the sentence is about. :func:`display_sentence` lines the sentence up with the draft
around the claim's figure and puts the code spans back where they stand; everything else hidden
stays hidden. Whenever the two cannot be lined up exactly (the result, without its code spans, must
give ``Claim.sentence`` back), the sentence is returned unchanged: a report never shows less than
before, and never a sentence the draft does not hold.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..draft import _ARXIV_RE, _CODE_SPAN_RE, _COMMENT_RE, _DOI_RE, _TAG_RE, _URL_RE

if TYPE_CHECKING:
    from ..model import Claim, Document

_WS_RUN = re.compile(r"\s+")
_WS_BEFORE_CLOSE = re.compile(r"\s+(?=[.,;:!?)])")
#: a bracket that is citation syntax as a whole: [4], [3, 5], [3-5], [^4]
_MARKER = re.compile(r"\[(?:\^[^\]\s]+|[ \t]*\d[\d \t,;–—-]*)\]")
_FIRST_WORD = re.compile(r"\w+|\S")
_WINDOW = 4000  # how far before the figure a sentence may start, in characters of the draft


def _collapse(text: str) -> str:
    """Whitespace as the sentence has it: single spaces, none at the ends or before closing
    punctuation (the rule extraction applies)."""
    return _WS_RUN.sub(" ", _WS_BEFORE_CLOSE.sub("", text.strip()))


def _match_paren(text: str, i: int) -> int | None:
    """Index just past the ")" closing the "(" at text[i] (balanced, same paragraph)."""
    depth = 0
    for j in range(i, min(len(text), i + 2000)):
        if text[j] == "(":
            depth += 1
        elif text[j] == ")":
            depth -= 1
            if depth == 0:
                return j + 1
        elif text.startswith("\n\n", j):
            return None
    return None


def _hidden(text: str, i: int, next_char: str) -> tuple[int, str, bool] | None:
    """A construct the sentence does not show that starts at text[i]: its end, what stands for it
    in the sentence ("" for citation syntax, which extraction cuts out; " " for what the draft's
    mask blanks), and whether it is a code span. None when nothing hidden starts there.
    ``next_char`` is the sentence's next character: a link's "[" is hidden alone, a marker's
    whole bracket."""
    ch = text[i]
    if ch == "`":
        m = _CODE_SPAN_RE.match(text, i)
        return (m.end(), " ", True) if m else None
    if ch == "<":
        m = _COMMENT_RE.match(text, i) or _TAG_RE.match(text, i)
        return (m.end(), " ", False) if m else None
    if text.startswith("](", i):
        end = _match_paren(text, i + 1)
        return (end, "", False) if end else None
    if ch == "(" and i > 0 and text[i - 1] == "]":  # a destination that is no citation: masked
        end = _match_paren(text, i)
        return (end, " ", False) if end else None
    if text.startswith("![", i):
        open_ = text.find("](", i)
        end = _match_paren(text, open_ + 1) if open_ > 0 else None
        return (end, " ", False) if end else None
    if text.startswith("][", i):
        close = text.find("]", i + 2)
        return (close + 1, "", False) if close > 0 else None
    if ch == "[":
        m = _MARKER.match(text, i)
        if m and next_char != text[i + 1:i + 2]:
            return m.end(), "", False
        return i + 1, "", False
    if ch == "]":
        return i + 1, "", False
    for rx in (_URL_RE, _DOI_RE, _ARXIV_RE):
        m = rx.match(text, i)
        if m:
            end = m.end()
            while end > i and text[end - 1] in ".,;:!?'\"*_)":
                end -= 1
            return end, " ", False
    if ch in ">#" and text[:i].rstrip(" \t").endswith("\n"):  # a container prefix on a later line
        return i + 1, " ", False
    return None


def _walk(sentence: str, text: str, start: int, anchor: int, fig_at: int
          ) -> tuple[int, list[tuple[int, int, str]]] | None:
    """Match ``sentence`` against ``text`` from ``start``, its character ``fig_at`` at ``anchor``.
    Returns the end in ``text`` and the hidden spans that are not code, or None."""
    ti, hidden = start, []
    limit = min(len(text), anchor + 4 * len(sentence) + _WINDOW)
    for si, c in enumerate(sentence):
        if c == " ":
            continue
        while True:
            if ti >= limit:
                return None
            ch = text[ti]
            url_here = ch in "hHwW" and _URL_RE.match(text, ti) is not None \
                and not sentence.startswith(text[ti:ti + 8], si)
            if ch == c and not url_here:
                break
            if ch.isspace():
                ti += 1
                continue
            found = _hidden(text, ti, c)
            if found is None:
                return None
            end, stands_for, is_code = found
            if not is_code:
                hidden.append((ti, end, stands_for))
            ti = end
        if si == fig_at and ti != anchor:
            return None
        ti += 1
    return ti, hidden


_LINE_PREFIX = re.compile(r"\s*(?:(?:[-*+>]|\d{1,9}[.)]|#{1,6})\s+)*\s*")


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Take in code spans that open the sentence before its first word or close it after its last
    one (the masked sentence began after, or ended before, them): a code span right at the
    start of a line (after any list, quote or heading marker) or of a sentence, and one that ends
    a line."""
    while True:
        j = len(text[:start].rstrip(" \t"))
        m = next((m for m in _CODE_SPAN_RE.finditer(text, max(0, j - 500), j) if m.end() == j), None)
        if m is None:
            break
        before = text[:m.start()]
        line = before.rsplit("\n", 1)[-1]
        if not (_LINE_PREFIX.fullmatch(line) or before.rstrip().endswith((".", "!", "?", ":"))):
            break
        start = m.start()
    while True:
        j = end + (len(text[end:]) - len(text[end:].lstrip(" \t")))
        m = _CODE_SPAN_RE.match(text, j)
        if m is None or text[m.end():].lstrip(" \t")[:1] not in ("\n", ""):
            break
        end = m.end()
    return start, end


def display_sentence(doc: Document, claim: Claim) -> str:
    """``claim.sentence`` with the draft's inline code put back (see the module's docstring)."""
    sentence, text = claim.sentence, doc.text
    q = claim.quantity
    if doc.format == "html" or "`" not in text or not sentence or text[q.start:q.end] != q.text:
        return sentence
    lo = max(0, q.start - 4 * len(sentence) - _WINDOW)
    if "`" not in text[lo:min(len(text), q.end + 4 * len(sentence) + _WINDOW)]:
        return sentence
    first = _FIRST_WORD.match(sentence)
    if first is None:
        return sentence
    figures = [m.start() for m in re.finditer(re.escape(q.text), sentence)]
    starts = [m.start() + lo for m in re.finditer(re.escape(first.group(0)), text[lo:q.start + 1])]
    for start in reversed(starts):  # the nearest start before the figure first
        for fig_at in figures:
            walked = _walk(sentence, text, start, q.start, fig_at)
            if walked is None:
                continue
            end, hidden = walked
            start2, end2 = _widen(text, start, end)
            shown, pos = [], start2
            for a, b, stands_for in hidden:
                shown += [text[pos:a], stands_for]
                pos = b
            shown.append(text[pos:end2])
            out = _collapse("".join(shown))
            if _collapse(_CODE_SPAN_RE.sub(" ", out)) == sentence:
                return out
    return sentence
