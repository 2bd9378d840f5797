"""The one unit reader: which unit is written after a number, for single figures and for both
ends of a range alike.

Each dimension reads its own units (a ``read`` function: what is written at this position?) and
says which figures can carry them (a ``fits`` rule: a "%" after "5 million" is no share). This
module holds the one order in which they are tried, ``UNIT_READERS``; the first unit that is
read and fits wins, and the readers after it are not tried (so "5 pounds" is a weight, while
"3 million pounds" is money: the currency reader comes first, and fits only with a scale word).

Ranges use the same table: after the first number, a percent or multiplier (which the second
number may omit: "10-20%", "1.5-2x") or a unit that must then be repeated after the second
number ("3 hours to 5 hours", "1.5C to 2C", "5km and 10km"); ``range_start_unit`` and
``range_end_unit`` are the rows of the table a range end may carry. A duration glued to the
number ("5h") is not read on a range's ends.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from . import duration, measure, money, multiplier, percent
from .figure import Num, UnitRead


class UnitReader(NamedTuple):
    """One row of the unit table: the dimension it reads, its reader and its fits rule."""

    dimension: str
    read: Callable[[str, int, int], UnitRead | None]
    fits: Callable[[UnitRead, Num, Num | None, Num], bool]


#: the unit readers, in the order they are tried at the position after a number
UNIT_READERS: tuple[UnitReader, ...] = (
    UnitReader("percent", percent.read_unit, percent.fits),
    UnitReader("multiplier", multiplier.read_unit, multiplier.fits),
    UnitReader("cents", money.read_cents, money.fits_cents),
    UnitReader("currency", money.read_currency, money.fits_currency),
    UnitReader("duration", duration.read_unit, duration.fits),
    UnitReader("temperature", measure.read_temperature, measure.fits),
    UnitReader("measure", measure.read_unit, measure.fits),
)
#: the units a range writes on both ends, the same on each
REPEATED = frozenset({"duration", "temperature", "measure"})
_RANGE_START = tuple(r.read for r in UNIT_READERS if r.dimension in ("percent", "multiplier") or r.dimension in REPEATED)
_RANGE_END = tuple(r.read for r in UNIT_READERS if r.dimension in REPEATED)


def figure_unit(text: str, start: int, pos: int, n1: Num, n2: Num | None, last: Num) -> UnitRead | None:
    """The unit of a figure (``n1``, or the range ``n1``-``n2``; ``last`` is the number that ends
    at ``pos``): the first unit read at ``pos`` that fits the figure, or None."""
    for _, read, fits in UNIT_READERS:
        u = read(text, start, pos)
        if u is not None and fits(u, n1, n2, last):
            return u
    return None


def range_start_unit(text: str, start: int, pos: int) -> UnitRead | None:
    """The unit after a range's first number, ending at ``pos``: a percent, a multiplier, or a
    unit the second number must repeat."""
    for read in _RANGE_START:
        u = read(text, start, pos)
        if u is not None and u.form != "g":
            return u
    return None


def range_end_unit(text: str, start: int, pos: int) -> UnitRead | None:
    """A unit a range repeats on both ends, read after one of its numbers (ending at ``pos``)."""
    for read in _RANGE_END:
        u = read(text, start, pos)
        if u is not None and u.form != "g":
            return u
    return None
