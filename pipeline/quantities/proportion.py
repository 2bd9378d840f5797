"""Proportions: spelled fractions ("two-thirds of", "a quarter of", "half of", "fell by a third")
and counts out of a whole ("one in four", "9 out of 10", "1-in-5").

A proportion is ``kind="proportion"`` in percent (unit "%", two decimals: two-thirds is 66.67),
so that it compares with a source's percentage. A fraction word is a figure only where it takes
a share of something ("of") or sizes a change ("by a third"): "the second half", "a third road"
and "Half an hour" are none.
"""

from __future__ import annotations

import re

from pipeline.model import Qualifier, Quantity

from .figure import Num, quantity
from .hedges import hedge
from .numbers import read_number_at
from .patterns import DENOM, FRAC_NUM, NUMWORD_RUN, WS
from .tables import DENOMS, ONES

#: a fraction as a whole, matched where its first word stands
_FRAC_RX = re.compile(
    rf"(?P<frac>(?:(?P<fnum>{FRAC_NUM})[ \t\-]+)?(?P<fden>{DENOM})[ \t]+of\b)", re.I
)
_FRAC_A_BEFORE = re.compile(r"(?<![A-Za-z])(?:an?|An?)[ \t-]+\Z")
#: a fraction as the size of a change, without "of": "fell by a third", "cut by more than half"
_FRAC_BY_RX = re.compile(
    rf"(?P<frac>(?:(?P<fnum>{FRAC_NUM})[ \t\-]+)?(?P<fden>{DENOM}))(?![A-Za-z\-])"
    r"(?=[ \t]*(?:[.,;:!?)\]]|\Z|\n|(?:in|since|from|to|on|over|between|after|compared|versus|vs|year|last|this"
    r"|and|or|while|as|when|during|among|of|within|at|by|for)\b))", re.I)
_BY_BEFORE = re.compile(
    r"\bby[ \t]+(?:(?:about|almost|nearly|roughly|around|some|just|well|more[ \t]+than|over|up[ \t]+to|less[ \t]+than)"
    r"[ \t]+)*\Z", re.I)
#: "the first third", "the second half": a part in order, not a share
_ORDINAL_BEFORE = re.compile(r"(?:first|second|third|fourth|last|latter|former|other|back|front|top|bottom|lower|upper|northern|southern|eastern|western)\s+\Z", re.I)
_IN_ONE_OF = re.compile(
    rf"(?:{WS}+(?:in|out{WS}+of){WS}+|-in-|-out-of-)(?:(?P<a>a|an){WS}+)?(?P<n>{NUMWORD_RUN}|[0-9]+)\b", re.I)
#: after "one in four": a percentage or a time makes it something else ("1 in 5 percent", "2 in 10 years")
_ONE_IN_NOT = re.compile(r"\s*(?:%|percent|per cent|[-\s](?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b)")
#: a string that is only a fraction (for parse_quantity: "two-thirds" with no "of" after it)
FRACTION_ONLY = re.compile(
    rf"(?:(?:about|nearly|almost|over|more than|roughly|around)\s+)?(?:(?:{FRAC_NUM})[ \t\-]+)?(?:{DENOM})",
    re.I,
)


def _fraction_by(text: str, at: int) -> re.Match[str] | None:
    """A fraction right after "by" ("deaths fell by a third"): the size of a change."""
    if not _BY_BEFORE.search(text, max(0, at - 40), at):
        return None
    return _FRAC_BY_RX.match(text, at)


def read_fraction(text: str, start: int, end: int, word: str) -> tuple[Quantity | None, int] | None:
    """The fraction that the word ``text[start:end]`` belongs to: a denominator ("third", with "a"
    or "two-" before it) or a numerator ("two" in "two-thirds of"). The figure and where reading
    goes on; None when a numerator word is no fraction here (then it is read as a number)."""
    if word in DENOMS:
        a = _FRAC_A_BEFORE.search(text, max(0, start - 6), start)
        at = a.start() if a else start
        fm = _FRAC_RX.match(text, at) or _fraction_by(text, at)
        if fm is None:
            return None, end
        return _fraction(text, fm)
    fm = _FRAC_RX.match(text, start) or _fraction_by(text, start)
    if fm is not None and fm.group("fnum"):
        return _fraction(text, fm)
    return None


def _fraction(text: str, m: re.Match[str]) -> tuple[Quantity | None, int]:
    """The proportion a fraction match names, unless it is none: "halves"-like plurals need a
    numerator of two or more, the numerator must be below the denominator ("three thirds"), and
    "the first third" or a hyphen before ("X-one third") make it no share."""
    den_word = m.group("fden").lower()
    num_word = (m.group("fnum") or "").lower()
    den = DENOMS[den_word]
    if num_word in ("a", "an", ""):
        if num_word == "" and den != 2:
            return None, m.end()
        num = 1
    else:
        num = ONES[num_word]
    if den_word.endswith("s") and den_word != "halves" and num < 2:
        return None, m.end()
    if num >= den:
        return None, m.end()
    start = m.start()
    if _ORDINAL_BEFORE.search(text, max(0, start - 12), start):
        return None, m.end()
    if start > 0 and text[start - 1] == "-":
        return None, m.end()
    end = m.start("fden") + len(m.group("fden"))
    qual, _ = hedge(text, start)
    value = num / den * 100
    return quantity(text, "proportion", start, end, value, value, "%", qual), end


def one_in(text: str, n1: Num, start: int, qual: Qualifier | None) -> Quantity | None:
    """ "one in four", "9 out of 10", "1-in-5": the share n1 / n, in percent. The whole must be a
    whole number from 2 to 1,000, larger than the part, and not a year or a percentage."""
    m = _IN_ONE_OF.match(text, n1.end)
    if not m:
        return None
    d = read_number_at(text, m.start("n"))
    if d is None:
        return None
    if not (2 <= d.value <= 1000) or not (0 < n1.value < d.value) or (not d.integer and not d.spelled):
        return None
    if d.four_digit:
        return None
    if _ONE_IN_NOT.match(text[d.end:d.end + 12]):
        return None
    value = n1.value / d.value * 100
    return quantity(text, "proportion", start, d.end, value, value, "%", qual)
