"""Sentence splitter: spans of the sentences in a text.

A claim is "one figure in one sentence", and the claim's citations are the markers of its sentence,
so a wrong split moves citations between claims. Off-the-shelf splitters tried (pysbd, syntok)
split wrongly on our texts and are slow (see NOTES.md), so this is a small rule set of our own:

* a sentence ends at ``.``, ``!``, ``?`` (or an ellipsis) followed by whitespace and a capital,
  digit, quote or bracket, or by the end of the text;
* closing quotes/brackets and citation markers right after the period stay with the sentence
  before ("growth.[4] Next", "growth. [4] Next", 'said "yes." Then');
* abbreviations ("e.g.", "Dr.", "No. 5", "Feb. 23", "approx.") and initials ("J. K. Rowling") do
  not end a sentence; "U.S.", "etc.", "Inc." and the like end one only before a word that usually
  starts a sentence ("The", "It", ...) since "the U.S. Army" is common;
* a blank line always ends a sentence; a single newline (Markdown soft wrap) does not, unless the
  next line starts a list item or a heading, or the line is a heading.

Linear time: one scan over candidate boundaries, each looked at with bounded look-back/ahead.
"""

from __future__ import annotations

import re

__all__ = ["split_sentences"]

#: never end a sentence after these (lowercased, without the final period)
_ABBREV = frozenset(
    """
    e.g eg i.e ie cf vs v viz approx ca c dr mr mrs ms mx prof rev hon sr jr st mt ft no nos nr
    fig figs vol vols pp p para sec ch art eq ed eds al jan feb mar apr jun jul aug sep sept oct nov
    dec est dept univ gen col lt sgt capt cmdr gov sen rep pres adm op ibid ref refs tab app min max
    avg approx incl excl resp
    """.split()
)
#: end a sentence only before a typical sentence opener
_SOFT_ABBREV = frozenset("u.s u.k u.n e.u etc inc ltd corp co plc llc bros a.m p.m bn mn m k".split())
_OPENERS = frozenset(
    """
    The This That These Those It Its In On At By For From With As But And Or So Yet If When While
    After Before Since During Although Though However Still Also Then There Here A An We They He She
    I You Our Their His Her My One Some Many Most Few All Each Every No Not What Why How Where Who
    Which Such Other Another Both Meanwhile Overall According Despite Because Unlike Like Last Next
    """.split()
)

_CANDIDATE = re.compile(r"[.!?\u2026]+|\n[ \t]*\n|\n")
_CLOSERS = re.compile(r"[\"'”’»)\]]*(?:\[\^?[0-9]+(?:[ \t]*[,;\u2013-][ \t]*\^?[0-9]+)*\])*[\"'”’»)\]]*")
_MARKERS_AFTER_SPACE = re.compile(r"[ \t]+((?:\[\^?[0-9]+(?:[ \t]*[,;\u2013-][ \t]*\^?[0-9]+)*\])+)(?=\s|\Z)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\Z")
_LIST_OR_HEADING = re.compile(r"[ \t]*(?:[-*+][ \t]|[0-9]{1,3}[.)][ \t]|#{1,6}[ \t]|>|\||```)")
_NEXT_WORD = re.compile(r"[A-Za-z]+")


def _line_is_heading(text: str, nl: int) -> bool:
    """Is the line ending at ``nl`` a Markdown heading? (bounded look-back)"""
    start = text.rfind("\n", max(0, nl - 300), nl) + 1
    return bool(re.match(r"[ \t]*#{1,6}[ \t]", text[start:nl]))


def _ends_sentence(text: str, p_start: int, p_end: int) -> int:
    """Where the sentence ends if the punctuation text[p_start:p_end] ends it, else -1."""
    n = len(text)
    punct = text[p_start:p_end]
    # closers: quotes, brackets, citation markers glued to the punctuation
    closers = _CLOSERS.match(text, p_end)  # the pattern can match nothing, so it always matches
    end = closers.end() if closers else p_end
    if end < n and not text[end].isspace():
        return -1  # "3.14", "U.S.-based", "e.g.,": no whitespace after
    mm = _MARKERS_AFTER_SPACE.match(text, end)
    if mm:
        end = mm.end(1)
    j = end
    while j < n and text[j] in " \t":
        j += 1
    if j >= n or text[j] == "\n":
        # end of text or of a line: a sentence end when the punctuation is a real one
        if "." in punct and len(punct) == 1 and j < n:
            w = _WORD_BEFORE.search(text, max(0, p_start - 12), p_start)
            if w and (w.group(1).lower().rstrip(".") in _ABBREV or len(w.group(1)) == 1):
                nxt = j + 1
                while nxt < n and text[nxt] in " \t":
                    nxt += 1
                if nxt < n and text[nxt] != "\n" and not _LIST_OR_HEADING.match(text, nxt):
                    return -1
        return end
    nxt_ch = text[j]
    starts_ok = nxt_ch.isupper() or nxt_ch.isdigit() or nxt_ch in "\"'“‘([*_#>-`"
    if not starts_ok:
        return -1
    if punct == ".":
        w = _WORD_BEFORE.search(text, max(0, p_start - 12), p_start)
        if w:
            word = w.group(1)
            low = word.lower().rstrip(".")
            if low in _ABBREV:
                return -1
            if len(word) == 1 and word.isupper():
                return -1  # an initial: "J. K. Rowling"
            if low in _SOFT_ABBREV or (len(word) <= 4 and "." in word):
                nw = _NEXT_WORD.match(text, j)
                if not nw or nw.group(0) not in _OPENERS:
                    return -1
    elif set(punct) <= {".", "\u2026"} and not nxt_ch.isupper():
        return -1  # an ellipsis continues unless a capital follows
    return end


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the sentences of ``text``, in order, stripped of whitespace."""
    ends: list[int] = []
    n = len(text)
    pos = 0
    while pos < n:
        m = _CANDIDATE.search(text, pos)
        if not m:
            break
        tok = m.group(0)
        if tok.startswith("\n"):
            if tok != "\n":
                ends.append(m.start())  # blank line
            elif _LIST_OR_HEADING.match(text, m.end()) or _line_is_heading(text, m.start()):
                ends.append(m.start())
            pos = m.end()
            continue
        e = _ends_sentence(text, m.start(), m.end())
        if e >= 0:
            ends.append(e)
            pos = max(e, m.end())
        else:
            pos = m.end()
    ends.append(n)
    spans: list[tuple[int, int]] = []
    start = 0
    for e in ends:
        if e <= start:
            continue
        s, t = start, e
        while s < t and text[s].isspace():
            s += 1
        while t > s and text[t - 1].isspace():
            t -= 1
        if t > s:
            spans.append((s, t))
        start = e
    return spans
