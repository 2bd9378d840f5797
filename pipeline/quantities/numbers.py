"""Numbers: digits ("1,200", "12 500", ".5"), spelled-out numbers ("two hundred and five",
"sixty-two"), and the magnitude after them ("1.2 million", "3bn", "$5m", "40k users").

A number keeps how it was written (``Num``: spelled, comma, decimals, scale word), which the
dimension rules and ``format_like`` need. A scale word is kept apart from the value ("1.2
million" is 1.2 with scale "million", multiplier 1e6) so that a range shares it ("$1-2 million").
"""

from __future__ import annotations

import math
import re

from .count import NOUN
from .figure import Num
from .measure import glued_measure
from .names import compound_word, sentence_initial
from .patterns import DIGITS, NUMWORD_RUN, WS
from .tables import MEASURE_SYMBOLS, ONES, SCALES, TENS, WORD_SCALES

_DIG_ONLY = re.compile(rf"(?:{DIGITS}|\.[0-9]+)")
WORD_ONLY = re.compile(rf"{NUMWORD_RUN}(?:\b|(?=fold\b))", re.I)
_WORD = re.compile(r"[A-Za-z]+")
_SCALE_AFTER = re.compile(
    rf"(?:{WS}*(?P<w>thousand|million|billion|trillion|lakhs?|crores?)\b"
    rf"|{WS}?(?P<a>bn|mn|mln|bln|tn|mio)(?![\w])"
    rf"|(?P<g>[kKmMbBT]|tr)(?![\w]))"
)
_CLAUSE_END = re.compile(r"[ \t]*(?:[.,;:!?)]|\Z)")


def read_digits(text: str, start: int, end: int) -> Num | None:
    """The number written in digits at ``text[start:end]``; None if it is no finite float."""
    raw = text[start:end]
    clean = raw.replace(",", "").replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace("\u2009", "")
    try:
        value = float(clean)
    except ValueError:
        return None
    if not math.isfinite(value):
        return None
    decimals = len(clean.split(".", 1)[1]) if "." in clean else 0
    return Num(start, end, value, comma=("," in raw or " " in raw), decimals=decimals,
               integer="." not in clean, four_digit=(len(clean) == 4 and "." not in clean))


def read_words(text: str, start: int, end: int) -> Num | None:
    """Value of a run of number words; truncates the run where it stops being one number
    ("five six" is five: two numbers side by side are not one)."""
    total = 0.0
    cur = 0.0
    last_kind = ""
    scale: str | None = None
    valid_end = start
    for m in _WORD.finditer(text[start:end]):
        w = m.group(0).lower()
        if w == "and":
            if last_kind != "hundred":
                break
            continue
        if w in ONES:
            v = ONES[w]
            if last_kind in ("ones", "teen") or (last_kind == "tens" and v >= 10):
                break
            cur += v
            last_kind = "teen" if v >= 10 else "ones"
        elif w in TENS:
            if last_kind in ("ones", "teen", "tens"):
                break
            cur += TENS[w]
            last_kind = "tens"
        elif w == "hundred":
            if last_kind == "hundred" or (cur % 100) >= 100:
                break
            cur = (cur if cur else 1) * 100
            last_kind = "hundred"
        elif w == "dozen":
            if last_kind in ("hundred", "dozen"):
                break
            cur = (cur if cur else 1) * 12
            last_kind = "dozen"
        elif w in WORD_SCALES:
            if last_kind == "scale" and WORD_SCALES[w] >= (WORD_SCALES.get(scale or "", 0)):
                break
            total += (cur if cur else 1) * WORD_SCALES[w]
            cur = 0
            scale = w
            last_kind = "scale"
        else:
            break
        valid_end = start + m.end()
    if valid_end == start:
        return None
    if scale is not None and last_kind == "scale":
        # "two million": keep the value before its scale, like digits ("2" + "million")
        mult = WORD_SCALES[scale]
        return Num(start, valid_end, (total + cur) / mult, spelled=True, scale=scale, scale_mult=mult)
    return Num(start, valid_end, total + cur, spelled=True)


def read_number_at(text: str, pos: int) -> Num | None:
    """A number (digits or words) starting exactly at ``pos``, not inside a token."""
    m = _DIG_ONLY.match(text, pos)
    if m:
        if pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in "._"):
            return None
        return read_digits(text, pos, m.end())
    if pos > 0 and text[pos - 1].isalnum():
        return None
    m = WORD_ONLY.match(text, pos)
    if m:
        return read_words(text, pos, m.end())
    return None


def attach_scale(text: str, n: Num, currency: bool) -> None:
    """Extend ``n`` over a magnitude word/abbreviation after it ("1.2 million", "3bn", "$5m").

    A single glued letter is a scale only where it cannot be something else: with a currency
    sign, before a counted noun ("40k users", "1.5m people"), "k" anywhere, or "m"/"M" closing a
    clause ("reached 1.5m."); and a glued "m" that measures ("300m tall") stays metres."""
    if n.spelled and n.scale:
        return
    m = _SCALE_AFTER.match(text, n.end)
    if not m:
        return
    word = m.group("w") or m.group("a") or m.group("g")
    if word == "m" and not currency and glued_measure(text, n.start, n.end):
        return  # "300m tall", "the 100m sprint": metres
    if m.group("g") and not currency and not (
        (word in ("k", "m", "M", "B") and NOUN.match(text, m.end())) or word == "k"
        or (word in ("m", "M") and _CLAUSE_END.match(text, m.end()))
    ):
        return
    if n.spelled and not m.group("w"):
        return
    n.scale = word
    n.scale_mult = SCALES[word]
    n.end = m.end()


def spelled_is_figure(text: str, start: int, n1: Num, kind: str, unit: str | None) -> bool:
    """Whether a spelled-out number is a claim: with a unit that makes it one (percent,
    multiplier, duration, money, a measure, a scale word as in "two million"), from a hundred up,
    or as a count that opens its sentence or is a lower-case compound ("Twelve patients died",
    "sixty-six writers"). "three clusters" and "one of the firms" are no figures."""
    return kind in ("percent", "multiplier", "duration", "currency") or n1.scale is not None \
        or n1.value >= 100 or unit in MEASURE_SYMBOLS \
        or (kind == "count" and n1.value >= 10 and (sentence_initial(text, start)
                                                    or compound_word(text, start, n1.end, n1.value)))
