"""Measures: length, mass, power, energy and temperature ("4.8 m", "16 feet", "5km", "1.2 GW",
"460 terawatt-hours", "1.1°C").

A measure is ``kind="number"`` with the unit's symbol as ``unit``; values stay as written ("16
feet" is 16, unit "ft"): comparison converts between units of one dimension. Power and energy
symbols are case-sensitive ("MW" is not "mW"). A glued "m" is million ("1.5m people") unless the
words around it measure ("300m tall", "the 100m sprint", "at a depth of 30m."), and a glued "C"
is Celsius only where the sentence speaks of warming (a bare "5C" is more often a name).
"""

from __future__ import annotations

import re

from .figure import Num, UnitRead
from .patterns import WS
from .tables import MEASURE_UNITS, POWER_UNITS

_TEMP_AFTER = re.compile(
    rf"(?:{WS}?[°º]{WS}?(?P<a>[CF])|{WS}+degrees?{WS}+(?P<b>Celsius|Fahrenheit|centigrade|C|F)|(?P<g>[CF]))"
    r"(?![\w])")
_TEMP_CONTEXT = re.compile(r"warm|temperat|heat|degree|climat|hotter|cooler|colder|celsius|fahrenheit|pre-?industrial",
                           re.I)

#: words after "m" that make it metres, not million ("300m tall", "the 100m sprint")
_METRE_WORDS = (r"away|apart|long|high|wide|tall|deep|thick|across|above|below|beneath|underground|underwater"
                r"|sprint|race|dash|hurdles|freestyle|backstroke|breaststroke|butterfly|medley|relay|final"
                r"|swim|walk|run|radius|diameter|wall|waves?|drop|descent|climb|rise|stretch|distance"
                r"|distancing|gap|buffer|zone|rule")
#: "m" and "g" alone are also "million" and a network generation: only as a unit before these
_MEASURE_AFTER = re.compile(
    rf"(?:{WS}+|-)(?P<u>kilometers?|kilometres?|km|meters?|metres?|centimeters?|centimetres?|cm"
    r"|millimeters?|millimetres?|mm|feet|foot|ft|inch(?:es)?|yards?|yd|miles?|mi"
    r"|kilograms?|kilos?|kg|grams?|milligrams?|mg|pounds?|lbs?|ounces?|oz"
    rf"|(?:m|g)(?=[ \t]*(?:[().,;:]|$|(?:{_METRE_WORDS}|from|of|in|to|and|or)\b))"
    # "in" is a preposition far more often than inches: only before a word that measures
    r"|in(?=[ \t]+(?:long|wide|tall|high|deep|thick|across)\b))"
    r"(?![\w])",
    re.I,
)
#: a unit symbol written against the number ("5km", "10kg", "300m tall", "25g of sugar"); a bare
#: glued "m" is million unless the words after it measure something
_GLUED_MEASURE = re.compile(
    r"(?P<u>km|cm|mm|kg|mg|ft|lbs?|oz|mi"
    rf"|m(?=[ \t-]*(?:{_METRE_WORDS}|from)\b)|g(?=[ \t]*(?:of|per|a[ \t]+day|daily)\b))(?![A-Za-z0-9])"
)
#: a bare "W" only against the number ("100W"): "5 W 42nd St" is an address
POWER_AFTER = re.compile(
    r"(?:(?:[ \t\u00a0]|-)?(?P<u>(?:kilo|mega|giga|tera)?watt[- ]hours?|(?:kilo|mega|giga|tera)?watts?"
    r"|[kMGT]Wh?|Wh)|(?P<w>W))(?![\w-])")
#: a glued "m" closing a clause is metres after these words ("at a depth of 30m.")
_METRE_BEFORE = re.compile(
    r"\b(?:depth|deep|height|high|tall|length|long|width|wide|distance|elevation|altitude|radius|diameter"
    r"|span|metres?|meters?)\b[^.,;\n]{0,24}\Z", re.I)
_GLUED_M = re.compile(r"(?P<u>m)(?=[ \t]*(?:[.,;:!?)]|\Z))")


def temperature(text: str, start: int, end: int) -> tuple[str, int] | None:
    """A temperature after a number: "1.1°C", "2 degrees Celsius", or a glued "1.5C" where the
    sentence speaks of warming or temperature (a bare "5C" is more often a name). The unit is
    "degC"/"degF"; the two scales are not converted (a rise of 1 C is 1.8 F, a reading is not)."""
    m = _TEMP_AFTER.match(text, end)
    if m is None:
        return None
    if m.group("g") and not _TEMP_CONTEXT.search(text, max(0, start - 80), min(len(text), end + 40)):
        return None
    letter = (m.group("a") or m.group("b") or m.group("g"))[0].upper()
    return ("degF" if letter == "F" else "degC"), m.end()


def measure_at(text: str, start: int, end: int) -> tuple[str, int] | None:
    """A unit of length, mass, power or energy right after a number ending at ``end``: its symbol
    and where it ends ("4.8 m", "16 feet", "5km", "1.2 GW", "460 terawatt-hours")."""
    mm = _MEASURE_AFTER.match(text, end) or glued_measure(text, start, end)
    if mm:
        return MEASURE_UNITS[mm.group("u").lower()], mm.end()
    pm = POWER_AFTER.match(text, end)
    if pm:
        return POWER_UNITS[pm.group("u") or pm.group("w")], pm.end()
    return None


def glued_measure(text: str, start: int, end: int) -> re.Match[str] | None:
    """A unit symbol written against the number that ends at ``end`` (see ``_GLUED_MEASURE``)."""
    m = _GLUED_MEASURE.match(text, end)
    if m is None and text.startswith("m", end) and _METRE_BEFORE.search(text, max(0, start - 48), start):
        m = _GLUED_M.match(text, end)
    return m


def read_temperature(text: str, start: int, pos: int) -> UnitRead | None:
    """Unit reader: a temperature scale at ``pos`` (see ``temperature``)."""
    t = temperature(text, start, pos)
    return None if t is None else UnitRead("temperature", "number", t[0], t[1])


def read_unit(text: str, start: int, pos: int) -> UnitRead | None:
    """Unit reader: a unit of length, mass, power or energy at ``pos`` (see ``measure_at``)."""
    m = measure_at(text, start, pos)
    return None if m is None else UnitRead("measure", "number", m[0], m[1])


def fits(u: UnitRead, n1: Num, n2: Num | None, last: Num) -> bool:
    """A number with a scale word is no measure, nor a temperature: "1.5m" is more often
    million than metres (then "5 million metres" is read as a count of "metres")."""
    return not last.scale
