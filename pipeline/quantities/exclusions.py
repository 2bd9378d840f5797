"""Exclusion zones: the spans of a text where no figure may start (citation markers, URLs, DOIs,
times, phone numbers, p-values, versions, street numbers, list numbers...).

Each zone is one named record holding its regex *and* the cheap test (its gate) that lets the
regex skip the windows where it cannot match, so a regex and its gate cannot drift apart, and
every record carries examples that the tests run through both (``tests/test_quantity_exclusions.py``).

Speed matters here: the zones are computed over whole source texts of several MB. Three tricks
keep this linear and cheap, and none of them changes what is excluded:

* every zone holds a digit, so the regexes only run in windows around digit runs (widened back
  to the start of the token, so that a long URL is seen whole);
* a record whose gate substrings occur nowhere in the text is dropped for the whole text;
* in each window, a record runs only if one of its substrings occurs there and its prefilter (the
  regex without look-arounds, starting with a literal or a class the engine skips to) matches.

Identifiers after a word ("Phase 2") and days of month are not zones: the parser checks them where
a number stands (``names.identifier_or_day``), which is cheaper than a regex over the text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Exclusion:
    """One kind of text that holds digits but no figure.

    ``group`` is the part of a match that is excluded: 0 the whole match, n > 0 groups n and up
    (an ISO date keeps its year, a street address excludes only the house number).
    The gate is a necessary condition for a match in a window: one of ``substrings`` occurs in it
    (compared with the lower-cased window when ``lower``), and ``prefilter`` matches in it.
    """

    name: str
    #: what the zone keeps from being read as a figure
    protects: str
    #: texts in which the zone must exclude something (run by the tests through regex and gate)
    examples: tuple[str, ...]
    regex: re.Pattern[str]
    group: int = 0
    substrings: tuple[str, ...] | None = None
    lower: bool = False
    prefilter: re.Pattern[str] | None = None


EXCLUSIONS: tuple[Exclusion, ...] = (
    Exclusion(
        "url", "web addresses, whose paths are full of dates and ids",
        ("Read https://example.com/2020/05/18/report-42 today.", "See www.example.org/page3."),
        re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"')\]]+", re.I),
        substrings=("://", "www."), lower=True,
    ),
    Exclusion(
        "email", "e-mail addresses", ("Write to jane.doe2020@example.org now.",),
        re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
        substrings=("@",),
    ),
    Exclusion(
        "doi", "DOIs, with or without their prefix", ("See doi:10.1000/xyz123.", "Cited as 10.1038/s41586-020-2012-7."),
        re.compile(r"\b(?:doi:\s*|DOI:\s*)?10\.[0-9]{3,9}/[^\s<>\"')\]]+"),
        prefilter=re.compile(r"10\.[0-9]{3,9}/"),
    ),
    Exclusion(
        "scheme_id", "identifiers of the scholarly schemes", ("See arXiv:2303.01432.", "PMID: 31978945 and ISBN 978-0-13-110362-7."),
        re.compile(r"\b(?:doi|arxiv|pmid|pmcid|isbn|issn|hdl)\s*:?\s*[\w./-]*[0-9][\w./:-]*", re.I),
        substrings=("doi", "arxiv", "pmid", "pmcid", "isbn", "issn", "hdl"), lower=True,
    ),
    Exclusion(
        "domain", "bare domain names and their paths", ("Visit example.com/2020 today.", "Data at stats4all.gov.uk."),
        re.compile(r"(?<![\w.-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|gov|edu|io|ai|co|uk|de|fr|int|info)"
                   r"(?:/[^\s<>\"')\]]*)?", re.I),
        substrings=(".com", ".org", ".net", ".gov", ".edu", ".io", ".ai", ".co", ".uk", ".de", ".fr", ".int", ".info"),
        lower=True,
    ),
    Exclusion(
        "citation", "citation markers", ("See the report [4].", "Two reports [3, 5] and [3-5] and [^4]."),
        re.compile(r"\[\^?[0-9]+(?:\s*[,;\u2013-]\s*\^?[0-9]+)*\]"),
        substrings=("[",),
    ),
    Exclusion(
        "clock", "times of day written with a colon", ("We met at 10:30 sharp.", "It starts at 3:00 p.m."),
        re.compile(r"(?<![\w.])[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?:\s*(?:[ap]\.?\s?m\b\.?))?", re.I),
        substrings=(":",),
    ),
    Exclusion(
        "am_pm", "times of day written with am/pm", ("We met at 3 pm.", "It opens at 9.30am."),
        re.compile(r"(?<![\w.,])[0-9]{1,2}(?:\.[0-9]{2})?\s?(?:a\.m\.|p\.m\.|am\b|pm\b)", re.I),
        prefilter=re.compile(r"[0-9]\s?(?:a\.m\.|p\.m\.|am|pm)", re.I),
    ),
    Exclusion(
        "phone_intl", "phone numbers with a country code", ("Call +1 415 555 0100 today.", "Ring +44 20 7946 0958."),
        re.compile(r"\+[0-9]{1,3}[ .-]?\(?[0-9]{1,4}\)?(?:[ .-][0-9]{2,4}){2,4}\b"),
        substrings=("+",),
    ),
    Exclusion(
        "phone_area", "phone numbers with the area code in brackets", ("Call (415) 555-0100 today.",),
        re.compile(r"\([0-9]{3}\)\s?[0-9]{3}[ .-][0-9]{4}\b"),
        substrings=("(",),
    ),
    Exclusion(
        "phone_dashed", "phone numbers in three dashed or dotted groups", ("Call 415-555-0100 today.",),
        re.compile(r"(?<![\w.,-])[0-9]{3}[.-][0-9]{3}[.-][0-9]{4}\b"),
        prefilter=re.compile(r"[0-9]{3}[.-][0-9]{3}[.-][0-9]{4}"),
    ),
    Exclusion(
        "p_value", "p-values written with a relation", ("The effect held (p < 0.05).", "It held (p=0.01)."),
        re.compile(r"\bp\s*(?:[<>=≤≥]|&lt;|&gt;)\s*0?\.[0-9]+", re.I),
        substrings=("<", ">", "=", "\u2264", "\u2265", "&"),
        prefilter=re.compile(r"[<>=\u2264\u2265;]\s*0?\.[0-9]"),
    ),
    Exclusion(
        "p_value_words", "p-values written in words", ("The p-value of 0.03 was small.", "Its p value was .04."),
        re.compile(r"\bp[- ]values?\s+(?:of\s+|was\s+|is\s+)?(?:[<>=≤≥]\s*)?0?\.[0-9]+", re.I),
        substrings=("value",), lower=True,
        prefilter=re.compile(r"[pP][- ][vV][aA][lL][uU][eE]"),  # (no folding letter in "p-value")
    ),
    Exclusion(
        "interval_level", "the level of an interval, not a share", ("The 95% CI was wide.", "A 90 percent confidence band."),
        re.compile(r"(?<![0-9.])[0-9]+(?:\.[0-9]+)?\s?(?:%|percent|per cent)\s+(?:CI|CrI|PI|UI|confidence|credible"
                   r"|prediction|uncertainty)\b", re.I),
        substrings=("%", "percent", "per cent"), lower=True,
        prefilter=re.compile(r"[0-9]\s?(?:%|percent|per cent)\s+(?:CI|CrI|PI|UI|confidence|credible|prediction"
                             r"|uncertainty)", re.I),
    ),
    Exclusion(
        "version", "versions and releases", ("It ships as v2 now.", "Version 3 and Release 12 came out."),
        re.compile(r"(?<![\w.])(?:v|V|ver\.?\s?|version\s|Version\s|release\s|Release\s)[0-9]+(?:\.[0-9]+)*"
                   r"(?:[a-z][0-9]*)?\b"),
        prefilter=re.compile(r"[vVrR](?:ersion\s|elease\s|er\.?\s?)?[0-9]"),
    ),
    Exclusion(
        "dotted_version", "three or more dotted numbers (versions, outline numbers)", ("We used 3.11.7 here.",),
        re.compile(r"(?<![\w.])[0-9]+\.[0-9]+\.[0-9]+(?:\.[0-9]+)*\b"),
        prefilter=re.compile(r"[0-9]\.[0-9]+\.[0-9]"),
    ),
    Exclusion(
        "slash", "fractions and slash notation, not academic years (the parser reads \"2019/20\")",
        ("Support runs 24/7 here.", "Use 2 1/2 cups and 1/3 cup."),
        re.compile(r"(?<![\w/.])(?:[0-9]+\s)?(?!(?:1[89]|20)[0-9]{2}/[0-9]{2}(?![0-9/]))[0-9]+(?:/[0-9]+)+"),
        substrings=("/",),
        prefilter=re.compile(r"[0-9]/[0-9]"),
    ),
    Exclusion(
        "iso_date", "the month and day of an ISO date; the year stays a figure", ("It was published on 2021-03-15.",),
        re.compile(r"\b[12][0-9]{3}(-[01][0-9]-[0-3][0-9])\b"),
        group=1,
        prefilter=re.compile(r"[12][0-9]{3}-[01][0-9]-[0-3][0-9]"),
    ),
    Exclusion(
        "street", "house numbers of street addresses", ("He lived at 221B Baker Street.", "They met at 5 W Main Street."),
        re.compile(r"(?<![\w.,])([0-9]+[A-Z]?)\s+(?:[NSEW]\.?\s+)?(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd"
                   r"|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Place|Pl|Court|Ct|Square|Sq|Terrace|Parkway|Pkwy|Quay"
                   r"|Crescent|Row|Gardens|Walk|Close|Mews|Embankment|Wharf|Highway|Hwy|Circle|Alley)\b"),
        group=1,
        prefilter=re.compile(r"[0-9][A-Z]?\s+(?:[NSEW]\.?\s+)?[A-Z][a-z]+\s"),
    ),
    Exclusion(
        "list_number", "the number of a list item at the start of a line", ("Steps:\n1. Mix the flour.\n2) Bake it.",),
        re.compile(r"(?m)^[ \t>*#-]*([0-9]{1,3}[.)])(?=[ \t])"),
        group=1,
    ),
    Exclusion(
        "section_number", "a section number opening a heading line", ("1.2 Methods of the study",),
        re.compile(r"(?m)^[ \t>#]*([0-9]+(?:\.[0-9]+)+\.?)(?=[ \t]+[A-Z])"),
        group=1,
    ),
    Exclusion(
        "ordinal", "ordinals written with digits", ("The 21st century began.", "She came 3rd and he 2nd."),
        re.compile(r"(?<![\w.])[0-9]+(?:st|nd|rd|th)\b", re.I),
        prefilter=re.compile(r"[0-9](?:st|nd|rd|th)", re.I),
    ),
    Exclusion(
        "hash_number", "numbers after a hash sign", ("He wore #7 that year.", "Issue # 12 is out."),
        re.compile(r"(?<![\w&])#\s?([0-9]+)\b"),
        group=1,
        substrings=("#",),
    ),
    Exclusion(
        "page", "page numbers after p. and pp.", ("Read p. 12 first.", "See pp. 40-45."),
        re.compile(r"\b(?:pp?)\.\s?([0-9]+(?:\s?[\u2013-]\s?[0-9]+)?)\b"),
        group=1,
        prefilter=re.compile(r"p\.\s?[0-9]"),
    ),
)

#: non-ASCII letters that re.I matches to ASCII letters (Python's documented four): a text holding
#: one of them may match a lower-cased substring gate without holding the substring, so there the
#: lower-cased gates are not used
_FOLD_SPECIAL = ("\u0130", "\u0131", "\u017f", "\u212a")
#: the records as plain tuples, unpacked in the inner loop (faster than attribute access)
_PLAN = tuple((e.regex, e.group, e.substrings, e.lower, e.prefilter) for e in EXCLUSIONS)
#: the zones that say where a line starts, not what a string is: a string the caller knows to be
#: one figure ("1.2 GW" given alone) is read without them
LINE_START = frozenset({"list_number", "section_number"})
_FIGURE_PLAN = tuple((e.regex, e.group, e.substrings, e.lower, e.prefilter) for e in EXCLUSIONS
                     if e.name not in LINE_START)

_PAD = 48
#: digit runs with at most 2 * _PAD non-digits between them: their windows always merge
_DIGIT_CLUSTER = re.compile(rf"[0-9]+(?:[^0-9]{{0,{2 * _PAD}}}[0-9]+)*")


def _digit_windows(text: str) -> list[tuple[int, int]]:
    """Merged windows of text around every digit run, each starting at a token start.

    Runs whose padded windows overlap are taken together as one cluster (one regex match), so
    the loop is per cluster, not per digit run."""
    windows: list[tuple[int, int]] = []
    n = len(text)
    for m in _DIGIT_CLUSTER.finditer(text):
        lo = max(0, m.start() - _PAD)
        hi = min(n, m.end() + _PAD)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
            continue
        # back to the start of the token (bounded), so URLs and e-mails are matched whole
        back = max(0, lo - 400)
        cut = max(text.rfind(" ", back, lo), text.rfind("\n", back, lo), text.rfind("\t", back, lo))
        lo = cut + 1 if cut >= 0 else back
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def exclusions(text: str, known_figure: bool = False) -> tuple[list[int], list[int]]:
    """Sorted, merged [start, end) intervals where no figure may start, as two lists (starts,
    ends) for ``excluded``'s bisection. ``known_figure``: the text is one figure given alone, so
    the zones about line starts (list and section numbers) do not apply."""
    spans: list[tuple[int, int]] = []
    windows = _digit_windows(text)
    if not windows:
        return [], []
    fold_safe = not any(c in text for c in _FOLD_SPECIAL)
    # the records whose substrings occur somewhere in the text (a window holds none of the others)
    lowered = text.lower() if fold_safe else text
    active: list[tuple[re.Pattern[str], int, tuple[str, ...] | None, bool, re.Pattern[str] | None]] = []
    for rx, grp, subs, lower, pre in (_FIGURE_PLAN if known_figure else _PLAN):
        if subs is not None:
            if lower and not fold_safe:
                subs = None  # a folding letter may stand for one of the substring's
            elif not any(sub in (lowered if lower else text) for sub in subs):
                continue
        active.append((rx, grp, subs, lower, pre))
    for ws, we in windows:
        w = text[ws:we]
        wl: str | None = None
        for rx, grp, subs, lower, pre in active:
            if subs is not None:
                if lower:
                    if wl is None:
                        wl = w.lower()
                    for sub in subs:
                        if sub in wl:
                            break
                    else:
                        continue
                else:
                    for sub in subs:
                        if sub in w:
                            break
                    else:
                        continue
            if pre is not None and pre.search(text, ws, we) is None:
                continue
            for m in rx.finditer(text, ws, we):
                for g in range(grp, (rx.groups if grp else 0) + 1):
                    s, e = m.span(g)
                    if s >= 0 and e > s:
                        spans.append((s, e))
    spans.sort()
    starts: list[int] = []
    ends: list[int] = []
    for s, e in spans:
        if ends and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)
    return starts, ends


def excluded(starts: list[int], ends: list[int], pos: int) -> int:
    """End of the exclusion zone containing ``pos``, or -1."""
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and ends[i] > pos:
        return ends[i]
    return -1
