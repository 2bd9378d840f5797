"""Find the passages of a source that speak about a claim (pure).

A source is indexed once per run (:class:`SourceIndex`): split into sentences, each with its figures
(read by the same grammar as the draft), its number-free words for fuzzy alignment, and an inverted
word index. A claim then costs a few dictionary look-ups and a handful of rapidfuzz calls, however
large the source: candidates are the passages that share the claim's rarer words plus those holding
a figure near the claim's value, and only those are aligned.

Numbers are removed before alignment so "64% of CEOs chose growth" aligns perfectly with "62% of
CEOs chose growth": the context decides *where* the source speaks, the figures decide *what* it says.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from .dimensions import dimension_of, family
from .model import Quantity
from .quantities import find_quantities
from .sentences import split_sentences

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
STOPWORDS = frozenset(
    """a an the of and or but nor to in on at by for from with without as is are was were be been being
    has have had do does did will would shall should can could may might must this that these those
    it its it's their there they them he she his her him we our you your i me my not no than then so
    such which who whom whose what when where while about over under into onto out up down also only
    just more most less least very much many some any all each every per percent cent one two three
    four five six seven eight nine ten half third quarter times time year years month months day days
    week weeks among between through during before after above below since until via same other
    both either neither again further once here how why because if whether new said says say
    approximately roughly around nearly almost estimated least""".split()
)


def words(text: str) -> list[str]:
    """Lower-cased words without digits (numbers are matched as figures, not as context)."""
    return [w.lower() for w in _WORD.findall(text)]


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOPWORDS and len(w) > 1]


_STEMMER = None


@functools.lru_cache(maxsize=200_000)
def stem(w: str) -> str:
    """Snowball (Porter 2) stem, so "died"/"dies" and "susceptible"/"susceptibility" meet; cached
    because a source repeats its vocabulary and the stemmer is pure Python."""
    global _STEMMER
    if _STEMMER is None:
        import snowballstemmer

        _STEMMER = snowballstemmer.stemmer("english")
    return _SYNONYMS.get(w) or _STEMMER.stemWord(w)


#: words that name the same counted thing in claims and sources
_SYNONYMS = {"persons": "peopl", "person": "peopl", "individuals": "peopl", "people": "peopl"}


def masked(text: str, quantities: list[Quantity]) -> str:
    """`text` with every figure removed, lower-cased, punctuation folded: what rapidfuzz aligns."""
    parts = []
    pos = 0
    for q in quantities:
        parts.append(text[pos : q.start])
        parts.append(" ")
        pos = q.end
    parts.append(text[pos:])
    return " ".join(words("".join(parts)))


@dataclass(slots=True)
class Passage:
    idx: int
    text: str
    quantities: list[Quantity]  # offsets relative to `text`
    stems: frozenset[str]
    #: where the passage starts in the source text (a derivation's operands are reported there)
    start: int = 0
    #: per figure: its local words and whether it stands in brackets (computed on first use: most
    #: passages are never a candidate for any claim)
    _figures: list[tuple[Local, bool, bool]] | None = None

    _processed: str | None = None
    #: "reduced by 66%, 86% and 95% after one, two or three weeks, respectively": value figure ->
    #: the figure it is paired with (computed on first use)
    _pairs: dict[int, tuple[int, bool]] | None = None

    _values: frozenset[tuple[str, float]] | None = None

    def values(self) -> frozenset[tuple[str, float]]:
        """(family, value) of every single-valued figure: what a claim's companions are looked up in."""
        if self._values is None:
            self._values = frozenset((family(dimension_of(q)), round(q.low, 6)) for q in self.quantities
                                     if q.low == q.high)
        return self._values

    def pairs(self) -> dict[int, tuple[int, bool]]:
        """Both directions of :func:`respective_pairs`: figure -> (its mate, whether the figure is
        in the value list)."""
        if self._pairs is None:
            one_way = respective_pairs(self.text, self.quantities)
            self._pairs = {v: (i, True) for v, i in one_way.items()} | {i: (v, False) for v, i in one_way.items()}
        return self._pairs

    @property
    def processed(self) -> str:
        """Number-free wording for alignment; computed on first use (most passages are never a
        candidate, and keeping it for every sentence doubled the index's size)."""
        if self._processed is None:
            self._processed = masked(self.text, self.quantities)
        return self._processed

    def figures(self) -> list[tuple[Local, bool, bool]]:
        """Per figure: its local words, whether it stands in brackets, and whether those brackets
        hold an interval ("95% CI 9.8-15.4"): a bound of an interval is never the estimate."""
        if self._figures is None:
            self._figures = [(local_words(self.text, q, self.quantities), in_brackets(self.text, q),
                              in_interval(self.text, q)) for q in self.quantities]
        return self._figures


@dataclass(slots=True)
class SourceIndex:
    """Everything the matcher needs from one source text, built once per run."""

    text: str
    passages: list[Passage] = field(default_factory=list)
    postings: dict[str, list[int]] = field(default_factory=dict)
    idf: dict[str, float] = field(default_factory=dict)
    #: per dimension, figures sorted by value: (value, passage idx, quantity position)
    values: dict[str, list[tuple[float, int, int]]] = field(default_factory=dict)
    #: year -> (passage idx, quantity position) of its first appearance inside a date ("Sep 10, 2018")
    dated: dict[int, tuple[int, int]] = field(default_factory=dict)
    _windows: dict[int, str] = field(default_factory=dict)

    @property
    def date_year(self) -> int | None:
        """The year of the source's first date (a news page's dateline), if it has one."""
        return min(self.dated.items(), key=lambda kv: kv[1])[0] if self.dated else None

    @classmethod
    def build(cls, text: str) -> SourceIndex:
        index = cls(text=text)
        # One pass of the figure grammar over the whole text (per-call set-up dominated when it ran
        # per paragraph), then figures are handed to sentences by offset with a moving pointer.
        qs = find_quantities(text, spelled_counts=True)
        qi = 0
        pos = 0
        for para in text.split("\n"):
            base = pos
            pos += len(para) + 1
            if not para.strip():
                continue
            for start, end in split_sentences(para):
                sent = para[start:end]
                if not sent.strip():
                    continue
                a, b = base + start, base + end
                while qi < len(qs) and qs[qi].start < a:
                    qi += 1
                local: list[Quantity] = []
                j = qi
                while j < len(qs) and qs[j].start < b:
                    if qs[j].end <= b:
                        local.append(_shift(qs[j], -a))
                    j += 1
                stems = frozenset(stem(w) for w in content_words(sent))
                index.passages.append(Passage(len(index.passages), sent, local, stems, a))
        index._finish()
        return index

    # -- persistence: plain data, so a warm run loads an index instead of re-reading every figure

    def to_data(self) -> dict[str, object]:
        return {"passages": [[p.text, [_q_row(q) for q in p.quantities], sorted(p.stems), p.start]
                             for p in self.passages]}

    @classmethod
    def from_data(cls, text: str, data: dict[str, object]) -> SourceIndex:
        index = cls(text=text)
        rows = data["passages"]
        assert isinstance(rows, list)
        for sent, qrows, stems, start in rows:
            index.passages.append(Passage(len(index.passages), sent, [_q_from(r) for r in qrows], frozenset(stems),
                                          start))
        index._finish()
        return index

    def _finish(self) -> None:
        """Postings, IDF, sorted values and datelines, derived from the passages."""
        postings: dict[str, list[int]] = defaultdict(list)
        values: dict[str, list[tuple[float, int, int]]] = defaultdict(list)
        for p in self.passages:
            for st in p.stems:
                postings[st].append(p.idx)
            has_date = None
            for k, q in enumerate(p.quantities):
                values[dimension_of(q)].append((_value(q), p.idx, k))
                if q.kind == "year" and q.low == q.high:
                    if has_date is None:
                        has_date = bool(_DATE.search(p.text))
                    if has_date:
                        self.dated.setdefault(int(q.low), (p.idx, k))
        n = max(1, len(self.passages))
        self.postings = dict(postings)
        self.idf = {s: math.log(1 + n / len(p)) for s, p in postings.items()}
        self.values = {g: sorted(v) for g, v in values.items()}

    def window(self, idx: int) -> str:
        """The processed text of a passage with its two neighbours (cached: claims share them)."""
        w = self._windows.get(idx)
        if w is None:
            lo, hi = max(0, idx - 1), min(len(self.passages), idx + 2)
            w = self._windows[idx] = " ".join(self.passages[i].processed for i in range(lo, hi))
        return w

    def by_words(self, stems: set[str], limit: int) -> list[tuple[float, int]]:
        """Passages ranked by the IDF weight of the claim's words they contain."""
        scores: dict[int, float] = defaultdict(float)
        for s in stems:
            w = self.idf.get(s)
            if w is None:
                continue
            for idx in self.postings[s]:
                scores[idx] += w
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return [(score, idx) for idx, score in ranked]

    def equal_value(self, q: Quantity, groups: tuple[str, ...]) -> set[int]:
        """Passages holding a figure of exactly the claim's value (a bisect per dimension)."""
        v = _value(q)
        eps = 1e-9 * max(1.0, abs(v))
        out: set[int] = set()
        for g in groups:
            vals = self.values.get(g)
            if not vals:
                continue
            i = bisect.bisect_left(vals, (v - eps, -1, -1))
            while i < len(vals) and vals[i][0] <= v + eps:
                out.add(vals[i][1])
                i += 1
        return out

    def near_value(self, q: Quantity, groups: tuple[str, ...]) -> set[int]:
        """Passages with a figure within a factor of the claim's value (or its value at another
        scale: million vs billion), from sorted value lists: no scan of the source."""
        out: set[int] = set()
        v = _value(q)
        targets = [v] if v == 0 else [v * f for f in (1, 1e3, 1e-3, 1e6, 1e-6, 10, 0.1)]
        for g in groups:
            vals = self.values.get(g)
            if not vals:
                continue
            for t in targets:
                lo, hi = sorted((t * 0.7, t * 1.4)) if t else (-0.5, 0.5)
                i = bisect.bisect_left(vals, (lo, -1, -1))
                while i < len(vals) and vals[i][0] <= hi:
                    out.add(vals[i][1])
                    i += 1
                    if len(out) > 200:
                        return out
        return out


_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
#: a calendar date: "Sep 10, 2018", "10 September 2018", "2018-09-10"
_DATE = re.compile(
    rf"\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b|\b\d{{1,2}}\s+{_MONTHS}\s+\d{{4}}\b"
    rf"|\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b{_MONTHS}\s+\d{{4}}\b"
)


def _q_row(q: Quantity) -> list[object]:
    return [q.text, q.kind, q.low, q.high, q.unit, q.approx, q.start, q.end, q.qualifier, q.per, q.scale,
            q.dimension]


def _q_from(r: list[Any]) -> Quantity:
    return Quantity(*r)


#: The saved index's version, bumped by hand (a saved index of another version is simply a miss, and
#: is read again): bump it when the saved form changes (SourceIndex.to_data / from_data, _q_row /
#: _q_from, the fields of Quantity or Passage), or when what an index holds for the same text
#: changes (the figure grammar, the sentence splitter, the normalisation). Editing a comment changes
#: nothing, so it invalidates nobody's cache. tests/test_index_version.py fingerprints the saved
#: form and the index of a reference text, and fails until INDEX_CHECKED records them with a bump.
INDEX_VERSION = "3"
#: (INDEX_VERSION, fingerprint of the saved form, fingerprint of the reference text's index) as last
#: checked; the test prints the values to write here.
INDEX_CHECKED = ("3", "7df75e3480e5bd42", "943478073e20a1ac")


def _shift(q: Quantity, delta: int) -> Quantity:
    return replace(q, start=q.start + delta, end=q.end + delta)


def _value(q: Quantity) -> float:
    return q.low if q.low == q.high else (q.low + q.high) / 2


@dataclass(frozen=True, slots=True)
class Local:
    """The words around one figure, stopping at its neighbouring figures: what it is a figure *of*.
    `next` is the first content word after it (the counted noun, usually the strongest cue)."""

    words: frozenset[str]
    next: str | None
    #: the figure is someone's age ("aged 20", "under-20s", "85 and older", "20 years of age"): an
    #: age is only ever confirmed or corrected by an age, never by a count that happens to be near
    age: bool = False
    #: the figure is a change ("grew 40%", "up 5 points", "a 30% drop"), not a level ("28% of
    #: sales", "rose to 45%"): a share that changed is never borne out or corrected by a level
    change: bool = False


def local_words(text: str, q: Quantity, others: list[Quantity] | None = None, n: int = 5) -> Local:
    lo = max(0, q.start - 120)
    hi = min(len(text), q.end + 120)
    after_from = q.end
    following = sorted((o for o in others or () if o.start >= q.end), key=lambda o: o.start)
    restated: Quantity | None = None
    for o in others or ():
        if o.end <= q.start:
            lo = max(lo, o.end)
            if _OPEN_BRACKET.fullmatch(text, o.end, q.start):
                restated = o
    if restated is not None:
        # "1.2 miles (1.9 km) long": a figure in brackets restates the one before it, and the
        # words around that one are its words too
        outer = local_words(text, restated, [o for o in others or () if o is not q], n)
        return Local(outer.words, outer.next, dimension_of(q) == "age", is_change(text, q))
    # "27 (24.6%) were primary cases", "232,000 (95% CI 161,000-359,000) cases": a bracket right
    # after the figure restates or qualifies it; its words are read past
    m = _BRACKET_AFTER.match(text, q.end)
    if m:
        after_from = m.end()
        hi = min(len(text), after_from + 120)
    for o in following:
        if o.start < after_from:
            continue
        if o.start <= hi:
            hi = o.start
            # "Sales in Asia rose 30%, and sales in America rose 8%": the next clause's words
            # belong to the next figure
            b = _CLAUSE_BREAK.search(text, after_from, hi)
            if b is not None:
                hi = b.start()
        break
    if any(o.end <= q.start and o.end >= lo for o in others or ()):
        breaks = list(_CLAUSE_BREAK.finditer(text, lo, q.start))
        if breaks:
            lo = breaks[-1].end()  # likewise the previous figure's clause before this one
    before = content_words(text[lo : q.start])[-n:]
    after = content_words(text[after_from : max(after_from, hi)])[:n]
    nxt = stem(after[0]) if after else (stem(q.unit) if q.unit and q.unit.isalpha() and len(q.unit) > 2 else None)
    return Local(frozenset(stem(w) for w in before + after), nxt, dimension_of(q) == "age", is_change(text, q))


#: where one clause of a sentence ends and the next begins (", and", "; ", ", while", ", but")
_CLAUSE_BREAK = re.compile(r"[,;]\s+(?:and|but|while|whereas|compared\s+with|versus|vs\.?)\b|;\s")


_CHANGE_VERB = (r"(?:rose|rise[sn]?|rising|grew|grow(?:s|n|ing)?|increas(?:e[sd]?|ing)|decreas(?:e[sd]?|ing)"
                r"|fell|fall(?:s|en|ing)?|dropp?(?:ed|s|ing)?|declin(?:e[sd]?|ing)|jump(?:ed|s|ing)?"
                r"|climb(?:ed|s|ing)?|surg(?:e[sd]?|ing)|soar(?:ed|s|ing)?|plung(?:e[sd]?|ing)|slump(?:ed|s|ing)?"
                r"|gain(?:ed|s|ing)?|shr[aiu]nk(?:s|ing)?|boost(?:ed|s|ing)?|cut(?:s|ting)?|reduc(?:e[sd]?|ing)"
                r"|lower(?:ed|s|ing)?|rais(?:e[sd]?|ing)|(?<!made\s)(?<!make\s)(?<!makes\s)(?<!making\s)up|down)")
_CHANGE_BEFORE = re.compile(
    rf"\b{_CHANGE_VERB}\s+(?:by\s+)?(?:(?:about|around|nearly|almost|some|roughly|approximately|more\s+than|over"
    r"|less\s+than|just|only|a\s+further|another)\s+)*"
    # the earlier items of a list the verb governs: "fallen by 66%, 86%, and 95%"
    r"(?:[0-9][0-9.,]*\s*(?:%|percent|per\s+cent)?\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+))*\Z", re.I)
_CHANGE_AFTER = re.compile(
    r"(?:\s*(?:-|\s)\s*)?(?:increase|decrease|rise|drop|decline|fall|reduction|cut|jump|gain|growth|loss"
    r"|higher|lower|more|less|fewer|greater|smaller|larger|bigger|up|down"
    r"|effective\s+(?:in|at)\s+(?:reducing|preventing|cutting|lowering|lessening))\b", re.I)


def is_change(text: str, q: Quantity) -> bool:
    """Does a share state a change ("grew 40%", "a 30% drop", "up 5 points", "40% more") rather
    than a level ("40% of sales", "rose to 45%", "from 20% to 28%")? Only shares are asked: a
    count after "cut" ("cut 1,200 jobs") is the size of the cut either way. Points are a change
    by their unit."""
    from .dimensions import dimension_of

    dim = dimension_of(q)
    if dim == "points":
        return True
    if dim != "percent":
        return False
    return bool(_CHANGE_BEFORE.search(text, max(0, q.start - 64), q.start) or _CHANGE_AFTER.match(text, q.end))


_OPEN_BRACKET = re.compile(r"\s*[(\[]\s*")

_BRACKET_AFTER = re.compile(r"\s*(?:\([^()]{0,160}\)|\[[^\[\]]{0,160}\])")


def in_brackets(text: str, q: Quantity) -> bool:
    """Inside a parenthesis or square bracket of its sentence: a confidence interval, a
    restatement, a reference; rarely the figure a claim cites."""
    head = text[: q.start]
    return head.count("(") > head.count(")") or head.count("[") > head.count("]")


_INTERVAL_WORDS = re.compile(
    r"\b(?:CI|CrI|CIs|HPDI|IQR|UI|PI|credible|confidence|interval|range|SD|SE|s\.d\.|s\.e\.)\b|±|\b9[059]\s*%",
    re.I,
)


def in_interval(text: str, q: Quantity) -> bool:
    """Inside a bracket that gives an interval: "(95% CI 9.8-15.4)", "(IQR 3-7)", or a bare range
    right after another figure ("76% (68-82%)"). The "95%" of "95% CI" is inside it too."""
    if not in_brackets(text, q):
        return False
    head = text[: q.start]
    opener = max(head.rfind("("), head.rfind("["))
    inside = text[opener + 1 : q.start]
    if _INTERVAL_WORDS.search(inside) or _INTERVAL_WORDS.match(text, q.start):
        return True
    return q.low != q.high and not inside.strip()


_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)
#: between two items of a list: a comma, "and", "or" (a bracket after an item is read past)
_LIST_GAP = re.compile(r"\s*(?:\([^()]{0,160}\)|\[[^\[\]]{0,160}\])?\s*(?:,|,?\s*(?:and|or))\s*\Z", re.I)
_LIST_END = re.compile(r"\s*(?:\([^()]{0,160}\)|\[[^\[\]]{0,160}\])?\s*,?\s*\Z")


def respective_pairs(text: str, qs: list[Quantity]) -> dict[int, int]:
    """Pair the figures of a "respectively" sentence: the list right before the word with the
    list before it ("one, two or three weeks earlier ... 66%, 86%, and 95%, respectively"). Lists
    are aligned from the end, as an unread first item ("one week") leaves the first list short."""
    m = _RESPECTIVELY.search(text)
    if m is None:
        return {}
    top = [k for k, q in enumerate(qs) if q.end <= m.start() and not in_brackets(text, q)]
    if len(top) < 4 or not _LIST_END.match(text[qs[top[-1]].end : m.start()]):
        return {}

    def run_ending_at(j: int) -> list[int]:
        run = [top[j]]
        while j > 0 and _LIST_GAP.match(text[qs[top[j - 1]].end : qs[top[j]].start]):
            j -= 1
            run.insert(0, top[j])
        return run

    values = run_ending_at(len(top) - 1)
    before = len(top) - len(values) - 1
    if len(values) < 2 or before < 1:
        return {}
    items = run_ending_at(before)
    if len(items) < 2 or len(items) > len(values):
        return {}
    return {v: i for v, i in zip(values[len(values) - len(items) :], items, strict=True)}
