"""The parser: finds where a figure can start (an *atom*) and hands it to the dimension readers.

One pass over the text. Three regexes find the atoms: digits, fiscal years ("FY2024"), and words
(number words, fraction words, multiplier words, "decade"); each starts with a literal or a class,
which lets the regex engine skip ahead fast. For each atom the parser looks a bounded number of
characters left and right with anchored ``pattern.match(text, pos)`` calls, so nothing
backtracks over the text. Atoms inside an exclusion zone (``exclusions.py``) are skipped.

A number is read in this order (``_Parser.parse_number``); the first step that decides wins:

1. before it: a currency sign or code (``money``), a minus sign or a name's hyphen
   ("COVID-19"), an identifier word or a month ("Phase 2", "Feb. 23": ``names``);
2. its scale word ("1.2 million": ``numbers``);
3. shapes that are a figure on their own: an age in decades ("in her 40s": ``age``), a rating
   ("6.1/10": ``rating``); letters glued to it that make it a name ("4K": ``names``);
4. the hedge before it (``hedges``), "one in four" (``proportion``), "two and a half years"
   (``duration``);
5. a range ("10-20", "between 5 and 10": ``ranges``), which may be a span of years or a score;
6. its unit, by the one unit reader (``units``): percent, multiplier, cents, currency,
   duration, temperature, measure, in that order;
7. without a unit: a year (``year``), a name ("Boeing 747": ``names``), a count ("500 people":
   ``count``), else a plain number; a spelled-out number must be a claim (``numbers``);
8. what it is counted per ("per month", "per 100,000": ``rates``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from pipeline.model import Kind, Quantity

from . import age
from .count import noun, read_count
from .duration import extend_and_a_half, read_decade, unit_and_a_half
from .exclusions import excluded, exclusions
from .figure import Num, quantity
from .hedges import hedge, hedge_after, over_is_during
from .money import currency_before
from .multiplier import read_word as read_multiplier_word
from .names import glued_name, hyphen_before, identifier_or_day, is_name, skip_end
from .numbers import WORD_ONLY, attach_scale, read_digits, read_words, spelled_is_figure
from .patterns import DIGITS, cased, trie
from .proportion import FRACTION_ONLY, one_in, read_fraction
from .ranges import read_range
from .rates import period, rate_base
from .rating import read_rating
from .tables import DENOMS, MULT_WORDS, ONES, TENS, WORD_SCALES
from .units import figure_unit
from .year import ATOM_FY, read_fy, read_year

# The atoms a figure starts with, as three regexes: each then starts with a literal or a character
# class, which lets the regex engine skip ahead fast (one alternation with "\b" in front was 10x
# slower). Word boundaries before word atoms are checked in code.
_ATOM_DIG = re.compile(rf"(?P<dig>{DIGITS}|\.[0-9]+)")
_ATOM_WORD = re.compile(
    rf"(?P<w>{trie(cased([*ONES, *TENS, 'hundred', *WORD_SCALES, 'dozen', *DENOMS, *MULT_WORDS, 'decade']).split('|'))})"
    r"(?:(?![A-Za-z])|(?=fold\b))"
)
_DIG_START = re.compile(r"[.0-9]")
_DIGIT_CHARS = frozenset("0123456789")


def _search_dig(text: str, pos: int) -> re.Match[str] | None:
    """``_ATOM_DIG.search(text, pos)``, faster: the atom starts with a digit or "." + digit, and a
    one-class regex finds those positions by a fast scan (the atom's own regex, a group of
    alternatives, is tried at every position)."""
    search = _DIG_START.search
    while True:
        m = search(text, pos)
        if m is None:
            return None
        s = m.start()
        if text[s] != "." or text[s + 1:s + 2] in _DIGIT_CHARS:
            return _ATOM_DIG.match(text, s)
        pos = s + 1


_ATOM_SEARCH: tuple[Callable[[str, int], re.Match[str] | None], ...] = (
    _search_dig, ATOM_FY.search, _ATOM_WORD.search)


class _Parser:
    """Reads figures one atom at a time; holds the text and its exclusion zones.

    ``bare_words`` is for ``parse_quantity``, whose caller says the string is a figure: spelled-out
    numbers without a unit are accepted ("two"), and no line-start zone applies ("1.2 GW" given
    alone is no section number)."""

    def __init__(self, text: str, bare_words: bool = False, spelled_counts: bool = False) -> None:
        self.text = text
        self.bare_words = bare_words
        self.spelled_counts = spelled_counts
        self.ex_starts: list[int] = []
        self.ex_ends: list[int] = []

    def excluded(self, pos: int) -> int:
        """End of the exclusion zone containing ``pos``, or -1."""
        return excluded(self.ex_starts, self.ex_ends, pos)

    # -- entry --------------------------------------------------------------------------------
    def run(self) -> list[Quantity]:
        text = self.text
        out: list[Quantity] = []
        pos = 0
        n = len(text)
        nexts: list[re.Match[str] | None] = [search(text, 0) for search in _ATOM_SEARCH]
        if nexts == [None, None, None]:
            return out  # no atom at all (most headings and many paragraphs): skip the exclusions
        self.ex_starts, self.ex_ends = exclusions(text, known_figure=self.bare_words)
        while pos < n:
            m = None
            for i, search in enumerate(_ATOM_SEARCH):
                c = nexts[i]
                if c is not None and c.start() < pos:
                    c = nexts[i] = search(text, pos)
                if c is not None and (m is None or c.start() < m.start()):
                    m = c
            if m is None:
                break
            s = m.start()
            if m.re is _ATOM_WORD and s > 0 and text[s - 1].isalnum():
                pos = s + 1  # inside a word ("someone", "often")
                continue
            if m.lastgroup == "dig" and s > 0 and (text[s - 1].isalnum() or text[s - 1] in "._,"):
                # inside a token ("H1N1", "3,5", "v2"): no figure starts here
                pos = m.end()
                if text[s - 1] in ".," and s >= 2 and text[s - 2].isdigit():
                    continue
                while pos < n and (text[pos].isalnum() or text[pos] in "._-") and pos - s < 60:
                    pos += 1
                continue
            ex = self.excluded(s)
            if ex >= 0:
                pos = max(ex, s + 1)
                continue
            q, nxt = self.parse_atom(m)
            if q is not None and (not out or q.start >= out[-1].end):
                if q.dimension != "age" and age.states_age(text, q):
                    q = replace(q, dimension="age")
                out.append(q)
                pos = max(q.end, nxt, s + 1)
            else:
                pos = max(nxt, s + 1)
        return out

    def parse_atom(self, m: re.Match[str]) -> tuple[Quantity | None, int]:
        """The figure starting at atom ``m`` (or None), and where reading goes on."""
        if m.re is _ATOM_WORD:
            return self.parse_word_atom(m)
        if m.re is ATOM_FY:
            return read_fy(self.text, m)
        num = read_digits(self.text, m.start(), m.end())
        if num is None:
            return None, m.end()
        return self.parse_number(num)

    def parse_word_atom(self, m: re.Match[str]) -> tuple[Quantity | None, int]:
        """A number word, a fraction word or a multiplier word: dispatch on the word."""
        text = self.text
        w = m.group(0).lower()
        s, e = m.start(), m.end()
        if w in MULT_WORDS:
            return read_multiplier_word(text, s, e, w)
        if w == "decade":
            return read_decade(text, s, e)
        if w == "half":
            q = unit_and_a_half(text, s, e)
            if q is not None:
                return q, e
        frac = read_fraction(text, s, e, w)
        if frac is not None:
            return frac
        wm = WORD_ONLY.match(text, s)
        if wm is None:
            return None, e
        num = read_words(text, s, wm.end())
        if num is None:
            return None, e
        return self.parse_number(num)

    # -- the general case ---------------------------------------------------------------------
    def parse_number(self, n1: Num) -> tuple[Quantity | None, int]:
        """The figure that the number ``n1`` starts (or None), and where reading goes on; the
        steps are listed in the module docstring."""
        text = self.text
        # 1. before the number
        currency, start = currency_before(text, n1.start)
        negative = False
        if not n1.spelled:
            sign = hyphen_before(text, start)
            if sign == "name":
                return None, skip_end(text, n1)
            if sign == "minus":
                negative = True
                start -= 1
            elif sign == "joined":
                return None, n1.end
            skip = identifier_or_day(text, n1)
            if skip >= 0:
                return None, skip
            if start == n1.start and n1.start > 0 and text[n1.start - 1].isalpha():
                return None, skip_end(text, n1)
        # 2. the scale word
        attach_scale(text, n1, currency is not None)
        # 3. shapes that are a figure on their own; glued letters
        age_bound = None
        if not n1.spelled:
            age_bound = age.group_bound(text, start, n1)
            q = age.in_decade(text, start, n1)
            if q is not None:
                return q, q.end
        q = read_rating(text, start, n1, currency)
        if q is not None:
            return q, q.end
        if age_bound is None and glued_name(text, start, n1, currency):
            return None, skip_end(text, n1)
        if negative:
            n1.value = -n1.value
        # 4. the hedge before; shapes read from the first number
        qual, _ = hedge(text, start)
        if age_bound is not None:  # "the under-20s", "over-70s": an age bound, read as its number
            qual = age_bound
        if not negative and currency is None and n1.scale is None and n1.integer:
            prop = one_in(text, n1, start, qual)
            if prop is not None:
                return prop, prop.end
        extend_and_a_half(text, n1, currency)
        # 5. a range
        n2, pair = read_range(text, n1, start, currency, self.excluded)
        if n2 is not None and pair == "year":
            return quantity(text, "year", start, n2.end, n1.value, n2.value, None, qual), n2.end
        if n2 is not None and pair == "score":
            return None, n2.end
        last = n2 if n2 is not None else n1
        end = last.end
        # 6. the unit
        kind: Kind | None = None
        unit: str | None = None
        scale_word = last.scale or n1.scale
        if currency is not None:
            kind, unit = "currency", currency  # a sign before the number: money, whatever follows
        else:
            u = figure_unit(text, start, end, n1, n2, last)
            if u is not None:
                kind, unit, end = u.kind, u.unit, u.end
                if u.dimension == "cents":  # "36 cents", "50p": hundredths, written as such
                    scale_word = u.scale
                    n1.scale_mult = 0.01
                    if n2 is not None:
                        n2.scale_mult = 0.01
        low = n1.value * (n1.scale_mult if kind != "percent" else 1.0)
        high = (n2.value * (n2.scale_mult if kind != "percent" else 1.0)) if n2 else low
        if kind == "duration" and qual == "min" and over_is_during(text, start, end):
            qual = None  # "$10 million over five years": during them, not more than them
        qual, fig_end = hedge_after(text, end, qual)  # "100+", "or more"
        # 7. without a unit
        after = end
        if kind is None:
            if n2 is None:
                year = read_year(text, n1, start, qual)
                if year is not None:
                    return year, year.end
            if is_name(text, start, n1):
                return None, end
            counted = read_count(text, start, n1, low, high, fig_end, qual, self.spelled_counts)
            if counted is not None:
                kind = "count"
                unit, qual, after = counted
            else:
                kind = "number"
        if (n1.spelled and not self.bare_words and not spelled_is_figure(text, start, n1, kind, unit)
                and not (self.spelled_counts and kind == "count" and n1.value >= 2)):
            return None, n1.end
        # 8. per what
        per = period(text, after) if kind != "year" else None
        if kind == "duration" and per == unit:
            per = None
        skip = 0
        if per is None and kind in ("number", "count") and n2 is None:
            rate = rate_base(text, after)
            if rate is None and kind == "number":
                rate = rate_base(text, noun(text, fig_end)[1])  # "12.5 deaths per 100,000"
            if rate is not None:
                per, skip = rate  # "12.5 per 100,000": the denominator is part of the figure
        q = quantity(text, kind, start, fig_end, low, high, unit, qual, scale=scale_word, per=per)
        return q, max(q.end, skip)


def find_quantities(text: str, spelled_counts: bool = False) -> list[Quantity]:
    """Every figure in ``text``, non-overlapping, sorted by start; offsets index ``text``.

    ``spelled_counts`` reads a spelled-out count of things as a figure too ("three players"): in
    a source that is the figure a draft may quote as "3 players", while in a draft it is rarely a
    claim anyone would check ("three clusters", "two of the firms")."""
    if not text:
        return []
    return _Parser(text, spelled_counts=spelled_counts).run()


def parse_quantity(s: str) -> Quantity | None:
    """Parse one figure string as a whole ("$1-2 million", "62%", "about 60 percent", "two").

    Hedges around the figure are read (they set ``approx``/``qualifier``); spelled-out numbers
    without a unit are accepted here, since the caller says the string *is* a figure. Returns the
    figure covering most of ``s``; offsets index ``s``.
    """
    if not s or not s.strip():
        return None
    found = _Parser(s, bare_words=True).run()
    if FRACTION_ONLY.fullmatch(s.strip()):
        # "two-thirds" on its own: read it as the proportion it names
        padded = s + " of it"
        found = [q for q in _Parser(padded, bare_words=True).run() if q.end <= len(s)] or found
    if not found:
        return None
    return max(found, key=lambda q: (q.end - q.start, -q.start))
