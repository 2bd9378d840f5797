"""Durations: "90 days", "6-8 weeks", "24h", "a 10-year study", "three decades", "two and a half
years", "a year and a half", "a decade", "the past decade".

A duration is ``kind="duration"`` with the unit's canonical singular name ("hour", "year").
A spelled "one"/"a" with a unit is no figure ("one day she left"), but "a year and a half" and
"a decade" are (1.5 years, one decade): nobody writes those except to state a length of time.
"""

from __future__ import annotations

import re

from pipeline.model import Quantity

from .figure import Num, UnitRead, quantity
from .hedges import hedge
from .patterns import WS
from .tables import DURATION_UNITS

_DUR_AFTER = re.compile(
    rf"(?:{WS}+|-)(?P<u>seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|mos?|years?|yrs?|decades?)(?![\w])"
    rf"|(?P<g>hrs?|h|mins?|yrs?|wks?|mos?|d)(?![\w])",
)
_A_DECADE_BEFORE = re.compile(rf"(?<![\w])(?P<a>(?:a|one|the{WS}+(?:past|last|previous)){WS}+)\Z", re.I)
_UNIT_AND_A_HALF = re.compile(
    rf"(?<![\w])(?:an?|one){WS}+(?P<u>second|minute|hour|day|week|month|year)"
    rf"{WS}+and{WS}+a{WS}+\Z", re.I)
_AND_A_HALF = re.compile(rf"{WS}+and{WS}+a{WS}+half(?![\w-])", re.I)
_WORD_OR_HYPHEN = re.compile(r"[\w-]")


def read_unit(text: str, start: int, pos: int) -> UnitRead | None:
    """Unit reader: a unit of time at ``pos``, spaced or hyphenated ("6 hours", "10-year") or
    glued to the number (form "g": "24h", "3d", "2yrs")."""
    dm = _DUR_AFTER.match(text, pos)
    if dm is None:
        return None
    u = dm.group("u") or dm.group("g")
    unit = DURATION_UNITS.get(u.lower()) if u.lower() != "d" else "day"
    if unit is None:
        return None
    return UnitRead("duration", "duration", unit, dm.end(), "g" if dm.group("g") else "u")


def fits(u: UnitRead, n1: Num, n2: Num | None, last: Num) -> bool:
    """Not with a scale of a million or more ("2 million years" stays a plain number: geological
    spans are not durations a draft quotes); a spelled number never with a glued unit; a spelled
    "one" alone never ("one day she left")."""
    if last.scale and last.scale_mult >= 1e6:
        return False
    if u.form == "g" and n1.spelled:
        return False
    return not (n1.spelled and n1.value == 1 and n2 is None)


def extend_and_a_half(text: str, n1: Num, currency: str | None) -> None:
    """Extend a whole number over "and a half" when a unit of time follows ("two and a half
    years" is 2.5 years)."""
    if not n1.integer or n1.scale is not None or currency is not None:
        return
    ah = _AND_A_HALF.match(text, n1.end)
    if ah is not None and _DUR_AFTER.match(text, ah.end()):
        n1.value += 0.5
        n1.integer = False
        n1.end = ah.end()


def unit_and_a_half(text: str, start: int, end: int) -> Quantity | None:
    """ "a year and a half", "an hour and a half": the word "half" at ``text[start:end]`` closing
    one and a half of a unit of time; None when it does not."""
    um = _UNIT_AND_A_HALF.search(text, max(0, start - 32), start)
    if um is None or _WORD_OR_HYPHEN.match(text[end:end + 1]):
        return None
    unit = DURATION_UNITS[um.group("u").lower()]
    qual, _ = hedge(text, um.start())
    return quantity(text, "duration", um.start(), end, 1.5, 1.5, unit, qual)


def read_decade(text: str, start: int, end: int) -> tuple[Quantity | None, int]:
    """ "a decade", "the past decade" (and "a decade and a half"): ten years, as a duration in
    decades; the word "decade" stands at ``text[start:end]``."""
    before = _A_DECADE_BEFORE.search(text, max(0, start - 24), start)
    if before is None:
        return None, end
    value = 1.0
    ah = _AND_A_HALF.match(text, end)
    if ah is not None:
        end, value = ah.end(), 1.5
    first = before.start("a")
    # "over the past decade" is a period, not a bound: no hedge before "the"
    qual = None if text[first:first + 3].lower() == "the" else hedge(text, first)[0]
    return quantity(text, "duration", first, end, value, value, "decade", qual), end
