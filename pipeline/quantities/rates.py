"""What a figure is counted per: a period ("10 billion tokens per month", "$120 annually") or a
base ("12.5 per 100,000", "1.4 cases per 1,000 births").

The period goes to ``Quantity.per`` by its canonical name ("month"). A base belongs to its
figure: "12.5 per 100,000" has ``per="100,000"`` and the base is no figure of its own, or a
draft's "12.5 per 100,000" would meet every 100,000 of a source.
"""

from __future__ import annotations

import math
import re

from .patterns import WS
from .tables import PERIODS, RATE_WORDS

_PER_AFTER = re.compile(
    rf"{WS}*(?:(?:per|a|an|each|every|/){WS}*(?P<u>day|week|month|year|annum|yr|mo|wk|quarter)\b"
    rf"(?!{WS}+(?:ago|earlier|later|before|after|old|on|in|of|from|or)\b)"
    rf"|{WS}+(?P<adv>daily|weekly|monthly|annually|yearly|per{WS}+annum)\b)",
    re.I,
)
_RATE_AFTER = re.compile(
    rf"{WS}*(?:(?:per|for{WS}+every|in{WS}+every|every){WS}+|/{WS}*)"
    rf"(?P<n>[0-9]{{1,3}}(?:(?:,|{WS})?000)+|100|(?:a|one|1){WS}+million|million|thousand|hundred)(?![0-9]|[.,][0-9])"
)
_SPACES = re.compile(r"\s+")
_NON_DIGITS = re.compile(r"[^0-9]")


def period(text: str, pos: int) -> str | None:
    """The period written at ``pos`` ("per month", "a year", "annually"), by its canonical name;
    not "a year ago"."""
    m = _PER_AFTER.match(text, pos)
    if not m:
        return None
    u = (m.group("u") or m.group("adv") or "").lower()
    u = _SPACES.sub(" ", u)
    return PERIODS.get(u)


def rate_base(text: str, pos: int) -> tuple[str, int] | None:
    """A rate's denominator after a figure ("per 100,000", "for every 1,000", "/100 000"): a power
    of ten from 100 up, written with thousands separators ("100,000"), and where it ends."""
    m = _RATE_AFTER.match(text, pos)
    if not m:
        return None
    raw = m.group("n").lower()
    word = raw.split()[-1]
    den = RATE_WORDS.get(word) or int(_NON_DIGITS.sub("", raw))
    if den < 100 or 10 ** round(math.log10(den)) != den:
        return None
    return f"{den:,}", m.end()
