"""The figure grammar: every numeric claim in a text, with its value normalised.

This is the most accuracy-critical code of the product: a figure missed in a draft is a claim never
checked, a figure misread in a source is a false "misquote". It runs on drafts and on whole source
texts (several MB), so it works in one pass:

1. *Exclusion zones* (citation markers, URLs, e-mails, DOIs, times of day, phone numbers,
   p-values, "95% CI", versions, fractions, days of month, street numbers, list numbers,
   identifiers such as "Phase 2") are found first by a handful of linear regexes.
2. Three regexes find the *atoms* a figure can start with: digits, spelled-out numbers,
   fraction words ("two-thirds of"), multiplier words ("double"), "FY2024".
3. For each atom a small hand-written parser looks a bounded number of characters left (currency
   sign, hedge, minus) and right (range, scale, unit, counted noun, rate period) with anchored
   ``pattern.match(text, pos)`` calls, so there is no per-position backtracking.

Decisions worth knowing (each is tested):

* Hedges are outside the span. "about"-like words give ``qualifier="about"``; "over"-like give
  ``"min"``; "up to"-like give ``"max"``. "nearly"/"almost" mean *just below* the figure, so they
  give ``"max"``. Every hedge sets ``approx=True``; so does a trailing "+" ("100+", ``"min"``).
* "from X to Y" is a change, not a range: two figures. "X to Y", "X-Y", "between X and Y" are one.
* Scores: two integers <= 30 joined by a dash, the first larger ("5-4", "3–1 win"), are no figure.
* A capitalised word (not at a sentence start) right before a bare number makes it a name
  ("Boeing 747", "Fortune 500", "Python 3.11"), unless the number carries a unit or is a year.
* "500 BC"/"500 BCE" is a year with a negative value; "AD 800"/"800 CE" a plain year.
  "1990s" is 1990..1999; "1900s" (a century) is 1900..1999.
* Spelled-out numbers are figures only with a unit that makes them a claim (percent, multiplier,
  duration, currency, a scale word such as "two million", or a value of at least a hundred);
  "three clusters" is not a figure. Spelled "one"/"a" + duration ("one day she...") is not either;
  "a year and a half" and "a decade" / "the past decade" are (1.5 years, ten years).
* A glued "m" is million ("1.5m people", "reached 1.5m.") unless the next word measures ("300m
  tall", "the 100m sprint", "5m away"): then metres. "5km", "10kg", "25g of" are units.
* A rate's base belongs to its figure ("12.5 per 100,000" has ``per="100,000"``): the base is no
  figure of its own. "36 cents", "85p", "99 pence" are money in hundredths; "25 basis points" and
  "50bps" are percent with unit ``"bp"``.
* A unit on both ends ("between 3 hours and 5 hours", "1.5C to 2C") makes one range only when it
  is the same unit. Power and energy ("1.2 GW", "460 terawatt-hours", "100W") carry case-sensitive
  symbols. A decimal mark on a scale ("6.1/10", "3.5/5") is one figure with unit "/10";
  it compares only with marks on the same scale.

Where to find a dimension (each module says what it reads and why; its examples are in
``tests/quantities/examples/<module>.txt``):

==================  ==========================================================================
``percent``         percent, percentage points, basis points ("62%", "0.5pp", "25 bps")
``money``           currency signs, codes and words; cents and pence ("$1-2 million", "85p")
``duration``        units of time, "a decade", "a year and a half" ("6-8 weeks", "24h")
``measure``         length, mass, power, energy, temperature ("5 km", "1.2 GW", "1.1°C")
``proportion``      fractions and "one in four" ("two-thirds of", "9 out of 10")
``multiplier``      "3x", "18.7 times", "3-fold", "doubled", "twice"
``year``            years, eras, decades, fiscal years ("2012-13", "500 BC", "1990s", "FY24")
``age``             age groups and ages in decades ("the under-20s", "in her 40s")
``rating``          marks on a scale ("6.1/10")
``count``           counted nouns ("500 people", "3 new models")
``rates``           what a figure is per ("per month", "per 100,000")
==================  ==========================================================================

and the machinery: ``parser`` (atoms and the order of the readers), ``units`` (the one unit
reader, for single figures and both ends of ranges), ``ranges``, ``numbers`` (digits, words,
scale words), ``hedges``, ``names`` (numbers that name things: "Phase 2", "Boeing 747", "4K"),
``exclusions`` (the zones, as named records), ``tables`` (the vocabularies, data only),
``patterns`` (shared regex pieces), ``figure`` (what the readers hand each other), ``format``
(writing a value back in a draft's style).
"""

from __future__ import annotations

from .format import decimals_written, format_like
from .parser import find_quantities, parse_quantity
from .tables import MEASURE_UNITS, POWER_UNITS

__all__ = ["MEASURE_UNITS", "POWER_UNITS", "decimals_written", "find_quantities", "format_like", "parse_quantity"]
