"""Counts: a number of things, read from the noun after it ("500 people", "1,000 chief executives",
"3 new models", "10M users").

The counted noun becomes the unit (lower-cased, one or two words), which is what lets a draft's
"1,000 firms" meet a source's "1,000 firms" and not its "1,000 employees". A count must be whole;
a spelled-out number counts only from a hundred, or where it opens its sentence ("Twelve patients
died") or is a lower-case compound ("sixty-six writers"): "three clusters" is no claim.
"""

from __future__ import annotations

import re

from pipeline.model import Qualifier

from .figure import Num
from .hedges import hedge_after
from .names import compound_word, sentence_initial
from .tables import ADJ, DURATION_UNITS, STOP

NOUN = re.compile(r"[ \t\u00a0]+(?P<w>[a-z][a-z'\u2019-]*[a-z]|[A-Z]{2,}s?|[a-z])(?![\w])")
#: no noun, but a count all the same: "10 more people", "5 additional sites"
_MORE_AFTER = re.compile(r"[ \t]+(?:more|additional|other|new|extra)\s+[a-z]")


def noun(text: str, pos: int) -> tuple[str | None, int]:
    """The counted noun right after ``pos`` (lowercased; one or two words), and its end."""
    m = NOUN.match(text, pos)
    if not m:
        return None, pos
    w1 = m.group("w")
    if w1.lower() in ADJ:
        m2 = NOUN.match(text, m.end())
        if m2 and m2.group("w").lower() not in STOP and m2.group("w").lower() not in ADJ:
            return f"{w1.lower()} {m2.group('w').lower()}", m2.end()
        return None, pos
    if w1.lower() in STOP or w1.lower() in DURATION_UNITS or len(w1) < 2:
        return None, pos
    end = m.end()
    unit = w1.lower()
    if not w1.lower().endswith("s") or w1.lower().endswith("ss") or unit in ADJ:
        m2 = NOUN.match(text, end)
        if m2:
            w2 = m2.group("w").lower()
            if (w2.endswith("s") and not w2.endswith(("ss", "us", "is", "as")) and w2 not in STOP
                    and len(w2) > 3):
                return f"{unit} {w2}", m2.end()
    return unit, end


def read_count(text: str, start: int, n1: Num, low: float, high: float, pos: int,
               qual: Qualifier | None, spelled: bool = False) -> tuple[str | None, Qualifier | None, int] | None:
    """A figure without a unit, seen as a count: its noun (None for "10 more people"), its
    qualifier once an "or more" after the noun is read, and where the noun ends; None when it is
    no count. ``pos`` is where the figure's text ends, ``low``/``high`` its values with the
    scale applied."""
    word, nend = noun(text, pos)
    whole = abs(low - round(low)) < 1e-9 and abs(high - round(high)) < 1e-9
    initial = n1.spelled and n1.value >= 10 and (sentence_initial(text, start)
                                                 or compound_word(text, start, n1.end, n1.value))
    if word is not None and whole and (not n1.spelled or n1.value * n1.scale_mult >= 100 or initial
                                       or (spelled and n1.value >= 2)):
        # "12,000 workers or more": the hedge after the noun, unless one came before
        return word, hedge_after(text, nend, qual, plus=False)[0] if qual is None else qual, nend
    if word is None and _MORE_AFTER.match(text[pos:pos + 20]):
        return None, qual, nend
    return None
