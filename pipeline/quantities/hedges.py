"""Hedges: the words that bound or loosen a figure ("about 40%", "over 2,000 people", "up to $10
million", "100+", "65 or over").

Hedges are outside the figure's span. "about"-like words give ``qualifier="about"``, "over"-like
give "min", "up to"-like give "max"; "nearly"/"almost" mean just below the figure, so they give
"max". Every hedge makes the figure approximate (``quantity`` sets ``approx`` from the
qualifier), which is what lets "about 10 billion" be judged against "10.4 billion".
"""

from __future__ import annotations

import re

from pipeline.model import Qualifier

from .tables import HEDGES

_HEDGE_BEFORE = re.compile(
    r"(?:(?<![\w])(?P<about>about|approximately|approx\.|approx|roughly|around|circa|ca\.|c\.|some"
    r"|an\s+estimated|estimated|an\s+approximate|close\s+to|in\s+the\s+region\s+of|on\s+the\s+order\s+of"
    r"|on\s+average|an\s+average\s+of|averaging)"
    r"|(?<![\w])(?P<min>over|more\s+than|above|at\s+least|upwards\s+of|upward\s+of|exceeding|in\s+excess\s+of"
    r"|greater\s+than|just\s+over|well\s+over|as\s+few\s+as|as\s+little\s+as|a\s+minimum\s+of|north\s+of)"
    r"|(?<![\w])(?P<max>up\s+to|less\s+than|under|fewer\s+than|at\s+most|below|no\s+more\s+than|nearly"
    r"|almost|just\s+under|as\s+many\s+as|as\s+much\s+as|a\s+maximum\s+of|not\s+quite|shy\s+of)"
    r"|(?P<sym>[~≈∼]|&gt;|&lt;|[<>≤≥]=?))"
    r"\s*\Z",
    re.I,
)
#: marks that may stand between a hedge and the figure ('"about" "40%"', "*over* 40%")
_HEDGE_STRIP = "(\"'[*_"
#: the last word of every hedge in the table
_HEDGE_LAST = frozenset(h.split(" ")[-1] for h in HEDGES)
_HEDGE_AFTER = re.compile(r"(?P<plus>\+)(?![0-9])|\s+or\s+(?P<more>more|above|higher|greater|over|older)\b|\s+and\s+(?P<older>older|over|above)\b|\s+or\s+(?P<less>less|fewer|below|lower|under|younger)\b", re.I)


def hedge(text: str, start: int) -> tuple[Qualifier | None, int]:
    """Qualifier from a hedge ending right before ``start``; and where the hedge begins.

    Looks the last one to four words up in a table (a regex search over the window was the
    slowest part of reading a long source); the regex is left for symbols ("<5%", "&gt;10").
    """
    window = text[max(0, start - 40):start]
    if not window:
        return None, start
    last = window[-1]
    if last in "~≈∼":
        return "about", start - 1
    if last in "<>≤≥=;":
        m = _HEDGE_BEFORE.search(window)
        if not m:
            return None, start
    elif not last.isspace():
        return None, start
    else:
        toks = window.split()
        if not toks:
            return None, start
        # a hedge ends with one of few words: most figures stop here
        last_tok = toks[-1].lower()
        if last_tok not in _HEDGE_LAST and last_tok.lstrip(_HEDGE_STRIP) not in _HEDGE_LAST:
            return None, start
        for k in (4, 3, 2, 1):
            if len(toks) >= k:
                phrase = " ".join(toks[-k:]).lower().lstrip(_HEDGE_STRIP)
                q = HEDGES.get(phrase)
                if q is not None:
                    return q, start
        return None, start
    # a symbol ends the window: the regex reads which one
    hs = start - len(window) + m.start()
    sym = m.group("sym")
    if sym in (">", ">=", "≥", "&gt;"):
        return "min", hs
    return "max", hs


def hedge_after(text: str, end: int, qual: Qualifier | None, plus: bool = True) -> tuple[Qualifier | None, int]:
    """The qualifier once a hedge after the figure is read, and where the figure ends: "100+" takes
    its "+" ("min"); "or more", "and older" give "min" and "or less" "max" unless a hedge before
    the figure already gave one, and stay outside the span. ``plus=False`` ignores a "+" (after a
    counted noun, a "+" starts something else)."""
    hm = _HEDGE_AFTER.match(text, end)
    if hm is None:
        return qual, end
    if hm.group("plus"):
        return ("min", hm.end()) if plus else (qual, end)
    if hm.group("more") or hm.group("older"):
        return qual or "min", end
    return qual or "max", end


#: words before "over" that make it a bound on a period ("lasted over five years", "for over a
#: decade"); elsewhere "over" before a period is "during" ("$10 million over five years")
_LASTING_BEFORE = re.compile(
    r"\b(?:for|last(?:s|ed|ing)?|took|takes|taking|spann?(?:s|ed|ing)?|running|ran|age[ds]?|aged|old|of)\s+\Z",
    re.I)


_OVER_BEFORE = re.compile(r"\bover\s+\Z", re.I)


_AGE_AFTER = re.compile(r"[\s-]*(?:olds?|of\s+age)\b", re.I)


def over_is_during(text: str, start: int, end: int) -> bool:
    """Whether the hedge before a period of time ``text[start:end]`` is the word "over" meaning
    "during": spending, building or growing over five years is no claim about more than five
    years (but "over 5 years old" is an age bound, "lasted over five years" a bound)."""
    m = _OVER_BEFORE.search(text, max(0, start - 8), start)
    return (m is not None and _LASTING_BEFORE.search(text, max(0, m.start() - 24), m.start()) is None
            and _AGE_AFTER.match(text, end) is None)
