"""What a figure measures: one table of dimensions, their units, and which of them compare (pure).

Every question the matcher asks about units reads this table: the grammar (which written forms
name which unit), the comparison (how many metres a foot is; is "2 hours" against "2 minutes" the
same digits in another unit?), the judge (may a head count correct a length?) and the suggestion
(the source's figure in the draft's unit). Before it existed, the same facts lived in three
modules and every new unit touched all three.

A figure's *kind* is the contract's coarse JSON field (percent, currency, count...); its
*dimension* says what it measures (length, temperature, age...). Two figures can state the same
fact only when their dimensions compare (:func:`comparable`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from .model import Quantity

#: every dimension a figure can have (the JSON field ``quantity.dimension``)
DIMENSIONS: Final = (
    "percent",  # shares: "62%", "two-thirds", "one in four"
    "points",  # differences of shares: "3 percentage points", "25 basis points"
    "money",  # "$1.2 million", "EUR 3bn", "36 cents"
    "ratio",  # multipliers: "2x", "double", "18.7 times"
    "count",  # a number of things: "1,200 jobs" (the counted noun is the unit where known)
    "number",  # a bare number: no unit, no counted noun the grammar could read
    "year",  # "2024", "the 1990s", "500 BC"
    "duration",  # "three months", "a decade"
    "length",
    "mass",
    "temperature",
    "power",
    "energy",
    "rating",  # a mark on a scale: "6.1/10"
    "age",  # someone's age, or an age group's bound: "aged 20", "the under-20s", "in her 40s"
)


@dataclass(frozen=True, slots=True)
class Unit:
    """One unit: its canonical symbol (what ``Quantity.unit`` holds), its dimension, its size in
    the dimension's base unit (None: never converted into the dimension's other units), the
    plural name used in messages, and the forms the grammar reads after a number."""

    symbol: str
    dimension: str
    factor: float | None
    name: str
    written: tuple[str, ...] = ()


def _units(*rows: Unit) -> dict[str, Unit]:
    return {u.symbol: u for u in rows}


_PREFIXES = (("", "", 1.0), ("k", "kilo", 1e3), ("M", "mega", 1e6), ("G", "giga", 1e9), ("T", "tera", 1e12))

#: symbol -> Unit, for every unit that converts within its dimension (or names a scale)
UNITS: Final[dict[str, Unit]] = _units(
    # time: the base is the second; a month is a twelfth of a Julian year
    Unit("second", "duration", 1.0, "seconds", ("second", "seconds", "sec", "secs")),
    Unit("minute", "duration", 60.0, "minutes", ("minute", "minutes", "min", "mins")),
    Unit("hour", "duration", 3600.0, "hours", ("hour", "hours", "hr", "hrs", "h")),
    Unit("day", "duration", 86400.0, "days", ("day", "days")),
    Unit("week", "duration", 604800.0, "weeks", ("week", "weeks", "wk", "wks")),
    Unit("month", "duration", 2629800.0, "months", ("month", "months", "mo", "mos")),
    Unit("year", "duration", 31557600.0, "years", ("year", "years", "yr", "yrs")),
    Unit("decade", "duration", 315576000.0, "decades", ("decade", "decades")),
    # length: the base is the metre
    Unit("m", "length", 1.0, "metres", ("m", "meter", "meters", "metre", "metres")),
    Unit("km", "length", 1000.0, "kilometres", ("km", "kilometer", "kilometers", "kilometre", "kilometres")),
    Unit("cm", "length", 0.01, "centimetres", ("cm", "centimeter", "centimeters", "centimetre", "centimetres")),
    Unit("mm", "length", 0.001, "millimetres", ("mm", "millimeter", "millimeters", "millimetre", "millimetres")),
    Unit("ft", "length", 0.3048, "feet", ("ft", "foot", "feet")),
    Unit("in", "length", 0.0254, "inches", ("in", "inch", "inches")),  # "in" only before "long", "wide"...
    Unit("yd", "length", 0.9144, "yards", ("yd", "yard", "yards")),
    Unit("mi", "length", 1609.344, "miles", ("mi", "mile", "miles")),
    # mass: the base is the kilogram
    Unit("kg", "mass", 1.0, "kilograms", ("kg", "kilogram", "kilograms", "kilo", "kilos")),
    Unit("g", "mass", 0.001, "grams", ("g", "gram", "grams")),
    Unit("mg", "mass", 1e-6, "milligrams", ("mg", "milligram", "milligrams")),
    Unit("lb", "mass", 0.45359237, "pounds", ("lb", "lbs", "pound", "pounds")),
    Unit("oz", "mass", 0.028349523125, "ounces", ("oz", "ounce", "ounces")),
    # temperature: read, never converted (a rise of 2 °C is 3.6 °F, a reading of 2 °C is 35.6 °F:
    # which one a figure is, the grammar cannot tell)
    Unit("degC", "temperature", None, "degrees Celsius"),
    Unit("degF", "temperature", None, "degrees Fahrenheit"),
    # differences of shares: 25 basis points are 0.25 percentage points
    Unit("pp", "points", 1.0, "percentage points"),
    Unit("bp", "points", 0.01, "basis points"),
    # power and energy, with case-sensitive SI prefixes ("MW", not "mW")
    *(Unit(p + "W", "power", f, f"{name}watts",
           (p + "W", f"{name}watt", f"{name}watts")) for p, name, f in _PREFIXES),
    *(Unit(p + "Wh", "energy", f, f"{name}watt-hours",
           (p + "Wh", *(f"{name}watt{sep}hour{s}" for sep in ("-", " ") for s in ("", "s"))))
      for p, name, f in _PREFIXES),
)

#: dimensions whose figures may state the same fact as a figure of another dimension. A bare
#: number stands for anything counted or measured in a table ("odds ratio 18.7", "4.8" in a column
#: headed "metres"); a share and its difference in points share their digits, so "5%" against
#: "5 percentage points" is a unit slip worth naming.
_COMPARES: Final[frozenset[frozenset[str]]] = frozenset(
    frozenset(p) for p in (
        ("count", "number"), ("ratio", "number"), ("percent", "number"), ("duration", "number"),
        ("money", "number"), ("percent", "points"),
        # a length, a weight, an energy is a bare number in a table too
        ("length", "number"), ("mass", "number"), ("power", "number"), ("energy", "number"),
        ("temperature", "number"),
        # someone's age is written as a bare number ("died at 78"), a count of years, a duration
        ("age", "number"), ("age", "count"), ("age", "duration"),
    )
)

#: dimensions whose figures measure with a unit of their own: only a figure of the same dimension
#: can show one wrong (a head count never corrects a length)
MEASURED: Final = frozenset({"length", "mass", "temperature", "power", "energy"})


def comparable_dimensions(a: str, b: str) -> bool:
    """Could a figure of dimension `a` state the same fact as one of dimension `b`?"""
    return a == b or frozenset((a, b)) in _COMPARES


def unit(symbol: str | None) -> Unit | None:
    return UNITS.get(symbol or "")


def unit_name(symbol: str | None) -> str:
    """The plural name of a unit for messages ("feet", "percentage points", "kilowatt-hours")."""
    u = UNITS.get(symbol or "")
    return u.name if u is not None else f"{symbol}s"


def unit_factor(frm: str | None, to: str | None) -> float | None:
    """How many ``to`` units one ``frm`` unit is ("hour" -> "minute": 60), or None when the two
    are not convertible units of one dimension."""
    a, b = UNITS.get(frm or ""), UNITS.get(to or "")
    if a is None or b is None or a.dimension != b.dimension or a.factor is None or b.factor is None:
        return None
    return a.factor / b.factor


def dimension_of(q: Quantity) -> str:
    """A figure's dimension: the one the grammar recorded, else what its kind and unit say."""
    if q.dimension:
        return q.dimension
    return infer_dimension(q.kind, q.unit)


def infer_dimension(kind: str, unit_symbol: str | None) -> str:
    """The dimension a kind and a unit imply (ages need the words around a figure: the grammar
    sets those itself)."""
    if kind in ("percent", "proportion"):
        return "points" if unit_symbol in ("pp", "bp") else "percent"
    if kind == "currency":
        return "money"
    if kind == "multiplier":
        return "ratio"
    if kind in ("count", "year", "duration"):
        return kind
    if unit_symbol and unit_symbol.startswith("/"):
        return "rating"
    u = UNITS.get(unit_symbol or "")
    if u is not None:
        return u.dimension
    return "number"


#: dimensions that are one family when ranking candidates and pairing a claim's other figures: a
#: count and a bare number are the same figure with or without its noun; a share and its
#: difference in points share their digits
_FAMILY: Final = {"count": "number", "points": "percent"}


def family(dimension: str) -> str:
    return _FAMILY.get(dimension, dimension)


def compares_with(dimension: str) -> tuple[str, ...]:
    """Every dimension whose figures could state the same fact as one of ``dimension`` (itself
    first): where a claim's figure is looked up in a source's sorted values."""
    return (dimension, *(d for d in DIMENSIONS if d != dimension and comparable_dimensions(dimension, d)))
