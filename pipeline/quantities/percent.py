"""Percentages: percent, percentage points and basis points ("62%", "62 per cent", "25 pct",
"62pc", "0.5 percentage points", "0.25pp", "25 basis points", "50bps").

Points are kept apart from percent in the unit ("pp", "bp", "%"): "rose 2 percentage points" is a
change of a share, not a share, so "rose 2 percentage points to 45%" is two figures, never a range.
Values are the percentage as written (basis points stay in basis points).
"""

from __future__ import annotations

import re

from .figure import Num, UnitRead
from .patterns import WS

_PERCENT_AFTER = re.compile(
    rf"(?:{WS}?(?P<pp>percentage{WS}+points?|pct\.?{WS}pts?|ppts?|pp)(?![\w])"
    rf"|{WS}?(?P<bp>basis{WS}+points?|(?-i:bps?))(?![\w])"
    rf"|{WS}?(?P<pc>%|per{WS}?cent(?!age)|pct)(?![\w])|(?<=[0-9])(?P<pcg>(?-i:pc))(?![\w]))",
    re.I,
)


#: a bare "points" is percentage points only after wording that moves a share ("up 5 points",
#: "fell 3 points", "a gap of 4 points"): a team "scored 30 points", a scale has "10 points"
_POINTS_AFTER = re.compile(rf"{WS}+points?(?![\w])", re.I)
_POINTS_BEFORE = re.compile(
    r"\b(?:up|down|rose|risen|rises|fell|fallen|falls|gained|gains|lost|loses|dropped|drops|slipped|slips"
    r"|jumped|jumps|climbed|climbs|slid|increased|decreased|declined|widened|narrowed|shrank|grew"
    r"|gap|lead|margin|difference|swing|increase|decrease|drop|rise|fall|gain|loss)"
    r"(?:\s+(?:of|by))?(?:\s+(?:about|nearly|almost|some|roughly|around|more\s+than|over|just|another))*\s+\Z",
    re.I)


def read_unit(text: str, start: int, pos: int) -> UnitRead | None:
    """Unit reader: a percent sign or word, percentage points or basis points at ``pos``."""
    pm = _PERCENT_AFTER.match(text, pos)
    if pm is None:
        pt = _POINTS_AFTER.match(text, pos)
        if pt is not None and _POINTS_BEFORE.search(text, max(0, start - 48), start):
            return UnitRead("percent", "percent", "pp", pt.end())
        return None
    unit = "pp" if pm.group("pp") else "bp" if pm.group("bp") else "%"
    return UnitRead("percent", "percent", unit, pm.end())


def after(text: str, pos: int) -> bool:
    """Whether a percent unit of any kind is written at ``pos``."""
    return _PERCENT_AFTER.match(text, pos) is not None


def fits(u: UnitRead, n1: Num, n2: Num | None, last: Num) -> bool:
    """A percentage takes no scale word ("5 million %" is no share); a glued "k" is let through
    ("5k%"), as it always was."""
    return not (last.scale and last.scale not in ("k",))
