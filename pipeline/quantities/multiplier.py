"""Multipliers: "3x", "1.5-2x", "3×", "18.7 times", "3-fold", "tenfold", and the words "double",
"twice", "tripled", "quadrupling".

A multiplier is ``kind="multiplier"``, unit "x", the factor as value. "double"-like words are
figures on their own, except in set phrases ("double-digit", "doubled down", "double-decker").
"""

from __future__ import annotations

import re

from pipeline.model import Quantity

from .figure import Num, UnitRead, quantity
from .hedges import hedge
from .patterns import WS
from .tables import MULT_WORDS

_MULT_AFTER = re.compile(
    rf"(?:(?P<x>[xX×])(?![\w])|{WS}(?P<x2>×)(?!{WS}?[0-9])|{WS}+(?P<t>times)\b|(?P<f>[ -]?fold)\b)"
)
#: set phrases in which a multiplier word states no factor
_MULT_WORD_AFTER_BAD = re.compile(r"[-\s](?:digit|digits|click|clicks|check|checked|edged|standard|standards|down|agent|agents|crown|decker|play|team|jump|A|dip|entry|bed|room|rooms|header)\b")


def read_unit(text: str, start: int, pos: int) -> UnitRead | None:
    """Unit reader: a multiplication sign or word at ``pos``. The form is the way it is written:
    "x" a sign against the number ("3x"), "x2" a spaced sign ("3 ×"), "t" "times", "f" "fold"."""
    mm = _MULT_AFTER.match(text, pos)
    if mm is None:
        return None
    form = "x" if mm.group("x") else "x2" if mm.group("x2") else "t" if mm.group("t") else "f"
    return UnitRead("multiplier", "multiplier", "x", mm.end(), form)


def fits(u: UnitRead, n1: Num, n2: Num | None, last: Num) -> bool:
    """A sign glued to a scale letter is no factor ("10k×" reads as a code); "5 million times"
    is one."""
    return not (u.form == "x" and last.scale)


def read_word(text: str, start: int, end: int, word: str) -> tuple[Quantity | None, int]:
    """A multiplier word at ``text[start:end]`` ("doubled", "twice"): the figure, and where
    reading goes on."""
    if _MULT_WORD_AFTER_BAD.match(text, end):
        return None, end
    if end < len(text) and text[end] == "-":
        return None, end
    qual, _ = hedge(text, start)
    v = MULT_WORDS[word]
    return quantity(text, "multiplier", start, end, v, v, "x", qual), end
