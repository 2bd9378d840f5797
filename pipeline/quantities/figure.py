"""What the readers hand each other: a number as read (``Num``), a unit as read (``UnitRead``), and
the one place a ``Quantity`` is built (``quantity``), so that every dimension normalises its values
the same way."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from pipeline.dimensions import infer_dimension
from pipeline.model import Kind, Qualifier, Quantity


@dataclass(slots=True)
class Num:
    """One number as read: its value, where it stands, and how it was written (for format_like).

    Mutable on purpose: the parser extends a number over what it finds after it (a scale word,
    "and a half", the century of "2012-13") before the figure is built."""

    start: int
    end: int
    value: float
    spelled: bool = False
    scale: str | None = None
    scale_mult: float = 1.0
    comma: bool = False
    decimals: int = 0
    integer: bool = True
    four_digit: bool = False


class UnitRead(NamedTuple):
    """A unit written right after a number, as one of the unit readers read it (``units.py``).

    Only what is written is read here; whether the figure can carry the unit (a "%" after "5
    million" cannot) is each dimension's ``fits`` rule. ``form`` names how it was written (the
    regex group that matched: "g" a duration glued to the number as in "24h", "x" a glued
    multiplier sign...), for the rules that depend on it."""

    dimension: str
    kind: Kind
    unit: str
    end: int
    form: str = ""
    #: money in hundredths ("36 cents", "50p"): the word as written, kept as the figure's scale
    scale: str | None = None


def quantity(text: str, kind: Kind, start: int, end: int, low: float, high: float, unit: str | None,
             qualifier: Qualifier | None, scale: str | None = None, per: str | None = None,
             dimension: str | None = None) -> Quantity:
    """The figure ``text[start:end]``; ends given in either order; shares rounded to two decimals
    (a spelled "two-thirds" is 66.67, as a source would print it). Its dimension is what its
    kind and unit say (``dimensions.infer_dimension``) unless the reader knows better (an age)."""
    if low > high:
        low, high = high, low
    if kind in ("percent", "proportion"):
        low, high = round(low, 2), round(high, 2)
    return Quantity(text=text[start:end], kind=kind, low=float(low), high=float(high), unit=unit,
                    approx=qualifier is not None, start=start, end=end,
                    qualifier=qualifier, per=per, scale=scale,
                    dimension=dimension or infer_dimension(kind, unit))
