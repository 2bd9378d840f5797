"""Verdict rules: one verdict per claim from the passages the matcher found (pure).

The order of the rules is the order of an editor's questions: is there a citation at all
(uncited)? could any cited source be read (unavailable)? does a passage that speaks about the same
thing state this figure (verified), a figure the draft rounds or hedges correctly (approximate), or
another figure (misquote, with the source's figure as the suggestion)? Otherwise the sources were
read and none speaks to it (not_found).

Context thresholds are on a 0..100 scale (rapidfuzz). Supporting evidence needs little context
(the figure itself is strong evidence, but a number alone in a footer is not); calling a figure
wrong needs a lot, because a false alarm costs an editor's trust.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from typing import Any

from rapidfuzz import fuzz

from . import derive
from .compare import (
    Comparison,
    comparable,
    compare,
    digit_slip,
    is_slip,
    other_unit,
    precision,
    shifted_digits,
    swapped_digits,
)
from .derive import Derivation, Signal
from .dimensions import MEASURED, compares_with, dimension_of, family, unit, unit_factor
from .match import Local, Passage, SourceIndex, content_words, local_words, masked, stem
from .model import Claim, Document, Evidence, Quantity, Source, Verdict, VerdictName
from .quantities import find_quantities, format_like
from .suggest import suggestion

#: context needed for each conclusion
T_SUPPORT = 30.0
T_CLOSE = 40.0
T_MISQUOTE = 45.0
T_MISQUOTE_YEAR = 70.0
CANDIDATES = 12
EXCERPT = 300


@dataclass(slots=True)
class Hit:
    claim: Quantity
    key: str
    locator: str
    index: SourceIndex
    passage: int
    figure: int
    ctx: float
    own: float
    local: float
    cmp: Comparison
    rank: float
    #: how many of the two figures are ages (0, 1 or 2)
    ages: int = 0
    #: the source figure bounds an interval ("95% CI 9.8-15.4"): never the source's estimate
    interval: bool = False
    #: the claim's share is a change ("grew 40%") and the source's a level ("28% of sales"): a
    #: change is never corrected by a level (the derived-figures stage computes changes)
    change_mismatch: bool = False
    #: both figures count things, and not the same things ("450 workers" / "45 robots"): a count of
    #: one noun never corrects a count of another
    noun_clash: bool = False
    #: the words around the claim's figure (what a restatement of it may use)
    claim_words: frozenset[str] = frozenset()

    @property
    def quantity(self) -> Quantity:
        return self.index.passages[self.passage].quantities[self.figure]


@dataclass(slots=True)
class ClaimContext:
    quantity: Quantity
    processed: str
    stems: set[str]
    local: Local
    #: (index id, passage) -> (own, window) context scores, shared by the ends of a range
    contexts: dict[tuple[int, int], tuple[float, float]] = field(default_factory=dict)
    #: one end of a range: the source figure that stands for the other end, (index id, passage,
    #: figure); it cannot be this end too, and its neighbours are the likeliest partners
    partner: tuple[int, int, int] | None = None
    #: the other figures of the claim's sentence ("95 percent ... three weeks earlier"): they pick
    #: a value out of a "respectively" list
    others: tuple[Quantity, ...] = ()
    #: (kind group, value) of the others that say something when a passage states them too
    mates: frozenset[tuple[str, float]] = frozenset()
    sentence: str = ""
    #: the claim's own figure among its sentence's figures (None: not found there)
    mine: Quantity | None = None
    figures: tuple[Quantity, ...] = ()
    _signal: Signal | bool | None = False  # False: not read yet

    @property
    def signal(self) -> Signal | None:
        """What the draft's wording says the figure computes ("doubled", "the remaining 45%"), if
        it says so: only then is a computation from the source tried (derive.py). Read on first use:
        most claims are borne out before anyone asks."""
        if self._signal is False:
            self._signal = derive.signal(self.sentence, self.mine, self.figures) if self.mine is not None else None
        assert self._signal is not True
        return self._signal


def claim_context(claim: Claim, sentences: dict[str, list[Quantity]] | None = None) -> ClaimContext:
    sentence = claim.sentence
    mine: Quantity | None
    if claim.figures and 0 <= claim.figure < len(claim.figures):
        qs = list(claim.figures)  # extraction read them: no second parse, no guessing
        mine = qs[claim.figure]
    else:  # a claim built by hand (tests, the API): read its sentence
        cached = sentences.get(sentence) if sentences is not None else None
        if cached is None:  # a sentence with three figures is read once, not three times
            cached = find_quantities(sentence)
            if sentences is not None:
                sentences[sentence] = cached
        qs = cached
        mine = next((q for q in qs if q.text == claim.quantity.text), None)
        if mine is None:
            mine = next((q for q in qs if q.low == claim.quantity.low), None)
    return ClaimContext(
        quantity=claim.quantity,
        processed=masked(sentence, qs),
        stems={stem(w) for w in content_words(sentence)},
        local=local_words(sentence, mine, qs) if mine is not None else Local(frozenset(), None),
        others=tuple(x for x in qs if x is not mine),
        mates=frozenset((family(dimension_of(x)), round(x.low, 6)) for x in qs if x is not mine and x.low == x.high
                        and x.kind != "year" and not (x.kind == "number" and x.unit is None and abs(x.low) < 10)),
        sentence=sentence,
        mine=mine,
        figures=tuple(qs),
    )


def _ctx_score(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    return (fuzz.token_sort_ratio(a, b) + fuzz.token_set_ratio(a, b)) / 2


def _context(cc: ClaimContext, index: SourceIndex, idx: int) -> tuple[float, float]:
    """Alignment of the claim with the passage alone and with its neighbours (a claim often joins
    two source sentences). No shared content word means no context at all: token_set_ratio would
    otherwise reward tiny passages."""
    passages = index.passages
    p = passages[idx]
    lo, hi = max(0, idx - 1), min(len(passages), idx + 2)
    window_stems = set().union(*(passages[i].stems for i in range(lo, hi)))
    if not (cc.stems & window_stems):
        return 0.0, 0.0
    own = _ctx_score(cc.processed, p.processed) if cc.stems & p.stems else 0.0
    window = index.window(idx)
    # the window is a weaker witness than the sentence itself
    return own, max(own, 0.92 * _ctx_score(cc.processed, window))


def _local_sim(a: Local, b: Local) -> float:
    """0..1: how far the words around the two figures agree; the counted noun right after the
    figure ("3,000 *atlases*" vs "300 *atlases*") counts most."""
    if not a.words or not b.words:
        return 0.0
    # geometric mean of the two sizes: one shared word is strong evidence between two short
    # contexts, weak when one side has ten words (dividing by the smaller size rewarded a source
    # figure with a single word around it that the claim happens to use)
    sim = len(a.words & b.words) / math.sqrt(len(a.words) * len(b.words))
    if a.next and b.next:
        sim = 0.5 * sim + (0.5 if a.next == b.next else 0.0)
    return sim


def _closeness(c: Quantity, s: Quantity) -> float:
    vc, vs = abs(c.low + c.high) / 2, abs(s.low + s.high) / 2
    k = unit_factor(s.unit, c.unit) if other_unit(c, s) else None
    if k is not None:
        vs *= k  # "20 months" is close to "a year and a half"
    if vc == 0 or vs == 0:
        return 1.0 if vc == vs else 0.0
    return max(0.0, 1.0 - abs(math.log10(vc / vs)))


def _groups_for(q: Quantity) -> tuple[str, ...]:
    return compares_with(dimension_of(q))


def hits_in(cc: ClaimContext, key: str, locator: str, index: SourceIndex, cands: set[int] | None = None) -> list[Hit]:
    q = cc.quantity
    if cands is None:
        cands = _candidates(cc, index)
    hits: list[Hit] = []
    for idx in sorted(cands):
        p = index.passages[idx]
        if not any(comparable(q, fq) for fq in p.quantities):
            continue  # nothing here could confirm or contradict the figure: skip the alignment
        ck = (id(index), idx)
        ctxs = cc.contexts.get(ck)
        if ctxs is None:  # the ends of a range ask again for the same passages
            ctxs = cc.contexts[ck] = _context(cc, index, idx)
        own, ctx = ctxs
        mates = len(cc.mates & p.values()) if cc.mates else 0
        if mates:
            # the claim's other figures stand in this sentence too ("cut 1,200 jobs, about 8%" /
            # "eliminated 1,200 positions, or 8 percent"): it speaks of the same thing, whatever
            # words it uses
            own, ctx = max(own, T_CLOSE + 5 * mates), max(ctx, T_CLOSE + 5 * mates)
        if ctx <= 0:
            continue
        figures = p.figures()
        pairs = p.pairs() if cc.others else {}
        for k, fq in enumerate(p.quantities):
            if not comparable(q, fq) or _is_marker(p.text, fq):
                continue
            local, inner, interval = figures[k]
            cmp = compare(q, fq)
            if (interval or (inner and fq.low != fq.high)) and cmp.relation in ("equal", "bound", "approx", "rounded"):
                cmp = Comparison("different")  # the end of a confidence interval is not the estimate
            loc = _local_sim(cc.local, local)
            same_family = family(dimension_of(q)) == family(dimension_of(fq))
            rank = ctx + 30 * loc + 8 * _closeness(q, fq) + (12 if same_family else 0)
            if shifted_digits(q, fq) or swapped_digits(q, fq):
                rank += 15  # the same digits, a decimal point or a zero off, or two swapped: classic slips
            if inner:
                rank -= 15
            if q.qualifier in ("min", "max") and fq.qualifier == q.qualifier:
                rank += 10  # a bound against a bound in the same direction ("under 50" / "under 20")
            if pairs:
                rank += _respective(cc, p, k, pairs)
            if cc.partner is not None and cc.partner[:2] == ck:
                if cc.partner[2] == k:
                    continue
                rank += 10  # the other end of the range stands in this sentence
            ages = cc.local.age + local.age
            if ages == 1:
                other = q if local.age else fq
                if dimension_of(other) in ("percent", "points", "money", "ratio"):
                    continue  # an age is never a percentage, an amount or a multiple
                if other.kind == "number" and other.unit is None and other.qualifier is None:
                    ages = 0  # a bare number whose words say nothing ("dies at 78"): no evidence either way
            if ages == 2:
                rank += 12  # an age against an age, whatever their kinds ("age 20" / "20 years of age")
            elif ages == 1:
                rank -= 10
            hits.append(Hit(q, key, locator, index, idx, k, ctx, own, loc, cmp, rank, ages, interval,
                            cc.local.change and not local.change, not mates and _nouns_differ(q, fq),
                            cc.local.words))
    return hits


def _candidates(cc: ClaimContext, index: SourceIndex) -> set[int]:
    """Passages worth aligning: those sharing the claim's rarer words, and those holding a figure
    near its value."""
    return {idx for _s, idx in index.by_words(cc.stems, CANDIDATES)} | index.near_value(
        cc.quantity, _groups_for(cc.quantity))


def _is_marker(text: str, q: Quantity) -> bool:
    """A bare number alone in brackets, "(4)" or "[12]": a reference or a list marker, not a figure."""
    return (q.kind == "number" and q.unit is None and q.start > 0 and q.end < len(text)
            and text[q.start - 1] in "([" and text[q.end] in ")]")


def _respective(cc: ClaimContext, p: Passage, k: int, pairs: dict[int, tuple[int, bool]]) -> float:
    """Rank adjustment for a figure of a "respectively" list: up when its paired item is one of
    the claim's other figures ("three weeks" picks 95% out of "66%, 86% and 95%"), down when the
    claim names another item of that list."""
    if k not in pairs:
        return 0.0
    mate, side = pairs[k]

    def named(j: int) -> bool:
        return any(compare(o, p.quantities[j]).relation == "equal" for o in cc.others)

    if named(mate):
        return 20.0
    if any(named(j) for j, (_m, s) in pairs.items() if s != side and j != mate):
        return -10.0
    return 0.0


def _excerpt(index: SourceIndex, hit: Hit) -> str:
    p = index.passages[hit.passage]
    text = p.text
    if len(text) < 80 and hit.passage + 1 < len(index.passages):
        text = text + " " + index.passages[hit.passage + 1].text
    q = hit.quantity
    if len(text) <= EXCERPT:
        return text
    start = max(0, min(q.start - EXCERPT // 2, len(text) - EXCERPT))
    out = text[start : start + EXCERPT]
    return ("…" if start else "") + out + ("…" if start + EXCERPT < len(text) else "")


def _evidence(hit: Hit) -> Evidence:
    return Evidence(hit.key, hit.locator, _excerpt(hit.index, hit), hit.quantity.text, round(hit.ctx, 1))


def judge_claim(claim: Claim, doc: Document, sources: dict[str, Source], indexes: dict[str, SourceIndex],
                sentences: dict[str, list[Quantity]] | None = None) -> Verdict:
    """The claim's verdict, confidence, evidence, suggestion and message; the claim is only read.
    An index missing from `indexes` is built and added (in memory: the caller saves it)."""
    if not claim.citations:
        return _set(claim, "uncited", 1.0, "the figure has no citation")
    readable: list[tuple[str, str, SourceIndex]] = []
    reasons: list[str] = []
    for cit in claim.citations:
        ref = doc.reference(cit.key)
        label = f"[{cit.key}]" if cit.scope != "block" else cit.key
        if ref is None:
            reasons.append(f"citation {label} has no reference entry")
            continue
        if not ref.locator:
            reasons.append(f"reference {label} has no usable locator")
            continue
        src = sources.get(ref.locator)
        if src is None or src.status != "ok" or src.text is None:
            why = (src.error if src else None) or (src.status if src else "not fetched")
            reasons.append(f"source {label} could not be read: {why}")
            continue
        idx = indexes.get(src.index_key)
        if idx is None:
            idx = indexes[src.index_key] = SourceIndex.build(src.text)
        readable.append((cit.key, ref.locator, idx))
    if not readable:
        return _set(claim, "unavailable", 1.0, "; ".join(dict.fromkeys(reasons)) or "no cited source could be read")

    cc = claim_context(claim, sentences)
    q = claim.quantity
    unread = f" ({len(reasons)} other cited source(s) could not be read)" if reasons else ""
    d = decide(cc, readable)
    if d.verdict not in ("verified", "approximate") and q.low != q.high:
        d = _decide_range(cc, readable, d)
    if d.verdict == "not_found" and cc.signal is not None:
        # the draft says its figure is computed ("doubled", "up 5 points") and the source states no
        # figure for it: what the source's figures give bears it out, or corrects it
        computed = _derived(cc, readable)
        if computed is not None:
            d = computed
    if d.verdict == "not_found":
        names = ", ".join(f"[{k}]" if not _is_locator_key(k) else k for k, _l, _i in readable)
        d.message = f"no passage of {names} states {q.text} or a figure for the same thing"
    return _set(claim, d.verdict, d.confidence,
                d.message + (unread if d.verdict in ("misquote", "not_found") else ""), d.hit, d.suggestion,
                d.derivation)


@dataclass(slots=True)
class Decision:
    verdict: VerdictName
    confidence: float
    message: str = ""
    hit: Hit | None = None
    suggestion: str | None = None
    #: the source's value(s) behind a misquote, for correcting one end of a range
    value: tuple[float, float] | None = None
    #: the computation behind a verdict on a derived figure (the JSON report's `derivation`)
    derivation: dict[str, Any] | None = None


def decide(cc: ClaimContext, readable: list[tuple[str, str, SourceIndex]]) -> Decision:
    """The verdict for one figure against the readable cited sources."""
    q = cc.quantity
    if q.low == q.high:
        # Fast path: most figures are stated as written. Passages holding exactly this value are
        # few (a bisect finds them); when one of them supports the claim the verdict is
        # `verified` whatever the other passages say, so the full alignment is skipped.
        quick: list[Hit] = []
        for key, locator, index in readable:
            same = index.equal_value(q, _groups_for(q))
            if same:
                quick.extend(hits_in(cc, key, locator, index, same))
        support = [h for h in quick if h.cmp.supports and _anchored(h, T_SUPPORT)]
        if support:
            best = max(support, key=_best)
            # a figure that counts another noun may yield to one of the claim's own noun: only
            # passages that use that noun can hold it, so only those are aligned
            # only passages that use the words setting the claim apart can hold its own figure
            contrast = _contrast(cc, best)
            rival = _contrast_rival(cc, best, _word_hits(cc, readable, contrast)) if contrast else None
            return _misquote(q, rival) if rival is not None else _verified(best)
    hits: list[Hit] = []
    for key, locator, index in readable:
        hits.extend(hits_in(cc, key, locator, index))
    # a figure supports the claim from its own sentence, or from a neighbour's context when the
    # words around the figure agree with the claim's (a table cell, a short line)
    support = [h for h in hits if h.cmp.supports and _anchored(h, T_SUPPORT)]
    if support:
        best = max(support, key=_best)
        rival = _contrast_rival(cc, best, hits) if _contrast(cc, best) else None
        if rival is not None:
            return _misquote(q, rival)
        return _verified(best)
    if q.kind == "year" and q.low == q.high:
        # a year the source carries as its own date ("Sep 10, 2018"): news reports what happened
        # when it is dated, and a dateline shares no words with the claim
        for key, locator, index in readable:
            where = index.dated.get(int(q.low))
            if where is not None:
                hit = Hit(q, key, locator, index, where[0], where[1], 0.0, 0.0, 0.0, Comparison("equal"), 0.0)
                return Decision("verified", 0.6, f"source {_label(hit)} is dated {hit.quantity.text}: "
                                f"“{index.passages[where[0]].text[:80]}”", hit)
    close = [h for h in hits if h.cmp.close and _anchored(h, T_CLOSE)]
    if close:
        best = max(close, key=_best)
        conf = min(0.95, 0.5 + best.ctx / 250 + 0.1 * best.local)
        if best.cmp.basis == "within":
            msg = f"source {_label(best)} says {best.quantity.text}, within the draft's {q.text}"
        elif best.cmp.basis == "source_bound":
            bound = "more than" if best.cmp.bound == "min" else "at most"
            msg = (f"source {_label(best)} says {bound} {best.cmp.source_text}; "
                   f"the draft says {q.text} without the bound")
        else:
            detail = "rounds" if best.cmp.relation == "rounded" else "approximates"
            msg = f"source {_label(best)} says {best.quantity.text}; the draft's {q.text} {detail} it"
        return Decision("approximate", conf, msg, best)
    wrong = _wrong(q, hits)
    slot = max(wrong, key=_best) if wrong else None
    # the best-placed figure is the claim's slot: when it is no slip, the source speaks of another
    # figure there, and a lower-ranked figure that happens to look like a slip is no correction.
    # Where the draft says it computed its figure ("the remaining 45%", "doubled"), the source's
    # figures are the computation's operands, not its slot: only the computation corrects it
    if slot is not None and _same_slot(slot, hits) and _plausible_slip(slot) and not _computed(cc, slot):
        return _misquote(q, slot)
    best_ctx = max((h.ctx for h in hits), default=0.0)
    return Decision("not_found", min(0.95, 0.55 + (100 - best_ctx) / 250))


#: how well the words around a computation's operands must agree with the claim's, on average, for
#: the computation to correct the claim (bearing it out needs only that they share something)
T_DERIVED_LOCAL = 0.05


def _computed(cc: ClaimContext, h: Hit) -> bool:
    """The claim says it computed its figure, and the source's figure is one of the computation's
    operands rather than its result stated outright: a level against a change, the part against
    a remainder, a count against a share, the parts against a total, an amount against a rate.
    Only the computation can correct such a claim (a stated result still can: "18.7 times
    greater" corrects "17.8 times higher")."""
    sig = cc.signal
    if sig is None:
        return False
    s = h.quantity
    dim = dimension_of(s)
    op = sig.operation
    if op in ("percent_change", "point_difference"):
        return not _figure_local(h).change
    if op == "ratio":
        return dim != "ratio"
    if op == "share":
        return dim not in ("percent", "points")
    if op == "per_unit":
        # a rate over a period ("$1.6 million a year") is a level as often as not: a source's
        # "annual spending ... $1.3 million" states it without the period, so it is its slot
        return not s.per and not _is_period(sig.per)
    if op == "total":
        p = h.index.passages[h.passage]
        return sum(1 for x in p.quantities if family(dimension_of(x)) == family(dim)) > 1
    return op == "complement"


def _is_period(per: str | None) -> bool:
    u = unit(per)
    return u is not None and u.dimension == "duration"


#: how far a computation may land from the draft's figure and still be what the writer computed:
#: a writer who computed wrongly is off by a slip, a wrong base or the wrong way, not by an order of
#: magnitude ("$1.3 million a year" is no misreading of "$4.6 billion / 76,100 = $60,000")
MAX_COMPUTED_FACTOR = 3.0


def _plausible_computation(q: Quantity, dv: Derivation, cmp: Comparison) -> bool:
    """A computation that comes out different corrects the draft only where it is plausibly the
    one the writer did: the same figure in another unit or scale, or a result of the claim's size
    (within :data:`MAX_COMPUTED_FACTOR`), of either sign for a change or a difference ("grew 10%"
    where the figures fell 9%). Anything further off means the operands are the wrong ones."""
    if cmp.relation in ("unit", "scale"):
        return True
    a, b = abs(q.low), abs(dv.result)
    if a == 0 or b == 0:
        return False
    if (q.low < 0) != (dv.result < 0) and dv.operation not in ("percent_change", "point_difference"):
        return False
    return max(a, b) / min(a, b) <= MAX_COMPUTED_FACTOR


def _derived(cc: ClaimContext, readable: list[tuple[str, str, SourceIndex]]) -> Decision | None:
    """The verdict on a figure the draft says it computed, from the computations its signal allows
    in passages about the claim (:func:`pipeline.derive.derive`: one passage, or it and a
    neighbouring sentence). As for a stated figure, the best-placed computation decides: the one
    whose passage speaks most of the claim and whose operands stand among the claim's words,
    and on a tie the one the passage's own wording marks ("from ... to", "up from", "of the
    N"), which derive lists first. A decoy (other figures that happen to give the draft's number)
    stands among fewer of the claim's words than the figures the draft computed from."""
    sig = cc.signal
    if sig is None:
        return None
    q = cc.quantity
    scored: list[tuple[float, int, Decision]] = []
    for key, locator, index in readable:
        for idx in sorted({i for _s, i in index.by_words(cc.stems, CANDIDATES)}):
            ck = (id(index), idx)
            ctxs = cc.contexts.get(ck)
            if ctxs is None:
                ctxs = cc.contexts[ck] = _context(cc, index, idx)
            own, ctx = ctxs
            if not (own >= T_SUPPORT or ctx >= T_CLOSE):
                continue
            p = index.passages[idx]
            seen: set[tuple[object, ...]] = set()
            for nb in (None, idx + 1, idx - 1):
                neighbour = index.passages[nb] if nb is not None and 0 <= nb < len(index.passages) else None
                if nb is not None and neighbour is None:
                    continue
                near = (neighbour.text, neighbour.quantities) if neighbour is not None else None
                for dv in derive.derive(sig, q, p.text, p.quantities, near, neighbour_before=nb == idx - 1):
                    ident = (dv.operation, dv.result, tuple((o.text, o.start, o.neighbour) for o in dv.operands))
                    if ident in seen:
                        continue
                    seen.add(ident)
                    made = _derived_decision(cc, key, locator, index, idx, neighbour, dv, own, ctx)
                    if made is not None:
                        scored.append((round(made[0], 1), -len(scored), made[1]))
    if not scored:
        return None
    _rank, _order, best = max(scored, key=lambda s: (s[0], s[1]))
    if best.verdict in ("verified", "approximate"):
        return best
    if best.verdict == "misquote" and best.hit is not None and best.hit.ctx >= T_MISQUOTE \
            and best.hit.local >= T_DERIVED_LOCAL:
        return best
    return None  # the best-placed computation corrects nothing: a lower one bears nothing out


def _derived_decision(cc: ClaimContext, key: str, locator: str, index: SourceIndex, idx: int,
                      neighbour: Passage | None, dv: Derivation, own: float, ctx: float
                      ) -> tuple[float, Decision] | None:
    """One computation as a scored decision: its operands' agreement with the claim's words, and
    the verdict its result gives by the rounding rules of a stated figure. A computation that
    comes out different is a misquote (its suggestion the computed figure in the draft's form)
    where its operands stand among the claim's words; one over periods of time never corrects a
    claim that speaks of no time ("200 times more CO2" is no ratio of two horizons in years)."""
    p = index.passages[idx]
    sims: list[float] = []
    first: int | None = None
    q = cc.quantity
    bonus = 0.0
    for op in dv.operands:
        where = neighbour if op.neighbour else p
        if where is None:
            return None
        k = next((i for i, fq in enumerate(where.quantities) if fq.start == op.start), None)
        if k is None:
            return None
        if first is None and not op.neighbour:
            first = k
        theirs = where.figures()[k][0]
        if any(abs(c.low - op.value) < 1e-9 * max(1.0, abs(op.value)) and c.low == c.high
               for c in (cc.signal.companions if cc.signal else ())):
            sims.append(1.0)  # the whole the draft names itself ("of the 1,500 members")
        elif cc.local.words:
            sims.append(_local_sim(cc.local, theirs))
        elif theirs.words:  # the claim's figure has no words of its own ("(1 °C)"): its sentence's
            sims.append(len(cc.stems & theirs.words) / len(theirs.words))
        if _dated_as_claimed(cc, where, k):
            bonus += 10.0  # beside a year the claim's sentence names ("between 2018 and 2022")
    if first is None:
        return None
    loc = sum(sims) / len(sims) if sims else 0.0
    cmp = compare(q, dv.quantity)
    if cmp.relation == "different" and q.low == q.high and _rounds_within(q, derive.spread(dv)):
        # the source's figures are rounded themselves, more finely than the draft's: 22.3% + 45.2%
        # may be 67.4%, which "67%" rounds (where they are as coarse as the draft's, "22%" to
        # "28%" is six points, not a five the roundings would allow)
        cmp = Comparison("rounded", source_text=dv.text, claim_text=q.text)
    parts = _parts_named(cc)
    if dv.operation == "total" and parts:
        bonus += 10.0 if len(dv.operands) == parts else -10.0  # "the two hospitals": two parts
    if cmp.relation == "unit":
        bonus += 10.0  # the computation is the draft's number in another unit: the likeliest slip
    if dv.operation == "share" and len(dv.operands) == 2 and _subset_of_whole(dv, p, neighbour):
        bonus += 10.0  # "1,200 trees, 1,080 of them oaks": the passage says which is the whole
    hit = Hit(q, key, locator, index, idx, first, ctx, own, loc, cmp, ctx + 30 * loc + bonus)
    formula = dv.formula
    label = _label(hit)
    record = dv.to_json(p.start, neighbour.start if neighbour is not None else 0) | {"formula": formula}
    other_things = [_counts_other_things(q, neighbour if op.neighbour and neighbour is not None else p, op.start)
                    for op in dv.operands]
    if any(other_things) and not all(other_things):
        return None  # "41,400 software engineers" + "2,500 warehouses": the claim's noun and another
    if cmp.relation in ("equal", "bound", "rounded", "approx"):
        if loc <= 0 and own < T_CLOSE:
            return None  # no operand among the claim's words, in a passage barely about it
        verdict: VerdictName = "verified" if cmp.relation in ("equal", "bound") and not dv.hedged else "approximate"
        conf = min(0.9, 0.5 + ctx / 250 + 0.1 * loc)
        how = "" if verdict == "verified" else f", which the draft's {q.text} rounds"
        return hit.rank, Decision(verdict, conf, f"computed from source {label}: {dv.text}{how}", hit,
                                  derivation=record)
    if cmp.relation in ("different", "unit", "scale") and loc > 0 and _plausible_computation(q, dv, cmp) \
            and not any(other_things):
        timed = any(dimension_of(x) == "duration" for x in p.quantities)
        if dv.dimension == "ratio" and timed and not _speaks_of_time(cc):
            return None
        sig = cc.signal
        if sig is not None and sig.operation == "share" and not _whole_named(cc, dv, p, neighbour):
            # "57% of the residents" names no whole: which figure of the source is that whole is a
            # guess, good enough to bear a share out, not to correct it (but it still outranks a
            # decoy that bears the share out from figures further from the claim's words)
            return hit.rank, Decision("not_found", 0.5, "", hit)
        conf = min(0.9, 0.3 + ctx / 200 + 0.2 * loc)
        return hit.rank, Decision("misquote", conf,
                                  f"computed from source {label}: {dv.text}; the draft says {q.text}",
                                  hit,
                                  _derived_suggestion(q, dv), derivation=record)
    return None


_YEAR_AFTER_GAP = re.compile(r"\s+(?:[a-z]+\s+){0,3}(?:in|during|by|for|as\s+of)\s+\Z", re.I)
_YEAR_BEFORE_GAP = re.compile(r"\s*,?\s*\Z")


def _rounds_within(q: Quantity, bounds: tuple[float, float]) -> bool:
    """Some value between ``bounds`` rounds, at the draft's last written digit, to the draft's
    figure, where the bounds are narrower than that digit: the operands' own rounding is finer
    than the draft's (22.3% + 45.2% may be 67.4%, which "67%" rounds; "22%" to "28%" is six
    points, not the five their roundings would allow)."""
    lo, hi = bounds
    half = precision(q, coarse=False) / 2
    if lo == hi or (hi - lo) / 2 >= half:
        return False
    return lo - 1e-9 <= q.low + half and q.low - half <= hi + 1e-9


def _dated_as_claimed(cc: ClaimContext, p: Passage, k: int) -> bool:
    """The year the passage gives for its figure ``k`` ("620 in 2020"; "In 2019, 41,000") is one
    the claim's sentence names too ("between 2018 and 2022")."""
    years = {v for o in cc.others if o.kind == "year" for v in (o.low, o.high)}
    if not years:
        return False
    qs, text = p.quantities, p.text
    year: float | None = None
    if k + 1 < len(qs) and qs[k + 1].kind == "year" and _YEAR_AFTER_GAP.match(text[qs[k].end:qs[k + 1].start]):
        year = qs[k + 1].low
    elif k > 0 and qs[k - 1].kind == "year" and _YEAR_BEFORE_GAP.match(text[qs[k - 1].end:qs[k].start]):
        year = qs[k - 1].low
    return year is not None and year in years


_PARTS = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_PARTS_RX = re.compile(r"\b(both|two|three|four|five|six)\s+(?:of\s+the\s+)?[a-z]+s\b", re.I)


def _parts_named(cc: ClaimContext) -> int:
    """How many parts the claim's sentence says a total has ("the two hospitals", "both posts",
    "three festivals"), or 0."""
    m = _PARTS_RX.search(cc.sentence)
    return _PARTS[m.group(1).lower()] if m else 0


_WHOLE_BEFORE = re.compile(r"\b(?:of|out\s+of)\s+(?:the\s+|all\s+)?\Z", re.I)
_COUNTS_FORM = re.compile(r"\b(?:in|out\s+of)\b", re.I)


def _whole_named(cc: ClaimContext, dv: Derivation, p: Passage, neighbour: Passage | None) -> bool:
    """A share's whole is named, not guessed: the draft gives it ("of the 1,500 members"), writes
    its share as counts ("one in three"), or the source marks its figure as a whole ("Of 2,000
    applicants", "out of 80")."""
    sig = cc.signal
    if sig is not None and sig.companions:
        return True
    if cc.quantity.kind == "proportion" and _COUNTS_FORM.search(cc.quantity.text):
        return True
    if len(dv.operands) < 2:
        return False
    whole = dv.operands[-1]
    where = neighbour if whole.neighbour and neighbour is not None else p
    return _WHOLE_BEFORE.search(where.text, max(0, whole.start - 16), whole.start) is not None


_OF_THEM_AFTER = re.compile(r"\s+(?:of\s+(?:them|those|these|which|whom)|out\s+of\s+(?:them|those))\b", re.I)


def _subset_of_whole(dv: Derivation, p: Passage, neighbour: Passage | None) -> bool:
    """The share's part is marked as a part of its whole ("1,080 of them"), or its whole as a
    whole ("of 2,000 applicants")."""
    part, whole = dv.operands[0], dv.operands[-1]
    where_part = neighbour if part.neighbour and neighbour is not None else p
    where_whole = neighbour if whole.neighbour and neighbour is not None else p
    return (_OF_THEM_AFTER.match(where_part.text, part.end) is not None
            or _WHOLE_BEFORE.search(where_whole.text, max(0, whole.start - 16), whole.start) is not None)


def _speaks_of_time(cc: ClaimContext) -> bool:
    """The claim's sentence has a period of time of its own, or says "longer", "faster"..."""
    return any(dimension_of(o) == "duration" for o in cc.others) or bool(
        {"longer", "faster", "slower", "sooner", "later", "time", "hour", "day", "year"} & cc.stems)


def _derived_suggestion(q: Quantity, dv: Derivation) -> str:
    """The computed figure in the draft's form; where the slip is a shifted decimal point ("36 °F"
    for 3.6), with the digits that show it rather than the draft's coarser precision ("4")."""
    fix = derive.suggestion(q, dv)
    if digit_slip(q, dv.quantity):
        for dec in range(0, 4):
            r = round(dv.result, dec)
            if abs(r - dv.result) <= 0.005 * abs(dv.result):
                fix = format_like(r, r, q, dec) if q.kind != "proportion" else fix
                break
    return fix


def _wrong(q: Quantity, hits: list[Hit]) -> list[Hit]:
    """Source figures that could show the draft's figure wrong. Calling a figure wrong needs the
    passage to speak about the same thing (context), the figure to stand in the same place (local
    words, a near value, the same digits at another scale), and a figure of the same sort: a share
    is never "corrected" by a head count."""
    need = T_MISQUOTE_YEAR if q.kind == "year" else T_MISQUOTE
    return [h for h in hits if (h.cmp.wrong or h.cmp.close or (h.cmp.relation == "consistent" and h.local >= T_BEYOND))
            and h.ctx >= need - 10 and h.rank >= need + 15
            and _misquote_kinds(q, h) and not h.interval and not h.change_mismatch and not _since_changed(h)
            and not (h.noun_clash and h.local < T_NOUN_LOCAL)]


#: how well the words around two counts of different nouns must agree for one to correct the
#: other anyway (a paraphrase: "sixty-six writers" for "65 playwrights")
T_NOUN_LOCAL = 0.5


_SINCE_CHANGED = re.compile(
    r"\b(?:has|have|had)\s+since\s+(?:risen|fallen|grown|increased|decreased|dropped|declined|climbed|doubled"
    r"|halved|changed|shrunk|slipped|soared|surged)\b|\bsince\s+then\b", re.I)


def _since_changed(h: Hit) -> bool:
    """The source says its figure has changed since ("55% backed it in January; support has since
    risen"): a level of another time, no correction for the draft's level now."""
    return _SINCE_CHANGED.search(h.index.passages[h.passage].text) is not None


def _nouns_differ(c: Quantity, s: Quantity) -> bool:
    """Both figures are counts whose counted nouns the grammar read, and the nouns' stems differ
    ("workers" / "robots"; "people" and "persons" are one)."""
    if dimension_of(c) != "count" or dimension_of(s) != "count" or not _plural_noun(c.unit) \
            or not _plural_noun(s.unit):
        return False
    a, b = _head(c.unit or ""), _head(s.unit or "")
    return not (a.startswith(b) or b.startswith(a))  # "pigs" and "piglets" count one kind of thing


def _counts_other_things(c: Quantity, p: Passage, start: int) -> bool:
    """The operand at ``start`` of passage ``p`` counts another noun than the claim's figure
    ("41,400 software engineers" + "2,500 warehouses" is no total of engineers). A sum of other
    nouns can bear a total out ("45 men and 65 women": 110 patients), never correct it."""
    s = next((x for x in p.quantities if x.start == start), None)
    if s is None or dimension_of(c) != "count" or dimension_of(s) != "count":
        return False
    nouns = [u.split()[-1] if u else "" for u in (c.unit, s.unit)]
    if not all(n.endswith("s") and not n.endswith("ss") for n in nouns):
        return False
    a, b = (_head(n) for n in nouns)
    return not (a.startswith(b) or b.startswith(a))


def _plural_noun(unit: str | None) -> bool:
    """A counted noun the grammar read as one plural word ("workers"), not an adjective of the
    noun that follows ("probable", "existing")."""
    return unit is not None and " " not in unit and unit.endswith("s") and not unit.endswith("ss")


def _head(noun: str) -> str:
    """The stem of a counted noun's last word ("new accounts" -> "account")."""
    return stem(noun.split()[-1].lower())


#: how well the words around the figures must agree before a draft figure beyond the source's
#: bound ("28 months" against ">18 months") is read as a slip of that bound: where they agree less,
#: the source's bound is about something else ("over 70% of reefs are damaged" is no correction
#: for "90% will disappear")
T_BEYOND = 0.75


def _misquote(q: Quantity, best: Hit) -> Decision:
    conf = min(0.95, 0.3 + best.ctx / 200 + 0.2 * best.local)
    return Decision("misquote", conf, _misquote_message(best, q.text), best,
                    suggestion(q, best.quantity, best.cmp.relation), (best.quantity.low, best.quantity.high))


def _next_word(h: Hit) -> str | None:
    return h.index.passages[h.passage].figures()[h.figure][0].next


def _figure_local(h: Hit) -> Local:
    return h.index.passages[h.passage].figures()[h.figure][0]


def _contrast(cc: ClaimContext, support: Hit) -> frozenset[str]:
    """The words around the claim's figure that the supporting figure's lack, where the supporting
    figure has words of its own that the claim lacks: "south" against "north" in "the south grew
    3%" / "the north grew 3%". Empty when nothing sets the two apart."""
    mine, theirs = cc.local.words, _figure_local(support).words
    missing, extra = mine - theirs, theirs - mine
    return frozenset(missing) if missing and extra else frozenset()


def _word_hits(cc: ClaimContext, readable: list[tuple[str, str, SourceIndex]], words: frozenset[str]) -> list[Hit]:
    """The candidate figures in passages that use any of ``words``."""
    out: list[Hit] = []
    for key, locator, index in readable:
        cands: set[int] = set()
        for w in words:
            cands.update(index.postings.get(w, ()))
        if cands:
            out.extend(hits_in(cc, key, locator, index, cands))
    return out


def _contrast_rival(cc: ClaimContext, support: Hit, hits: list[Hit]) -> Hit | None:
    """A figure for the claim's own subject where the source states the claim's figure for
    another: the draft's "the south grew 3%" against "the north grew 3%. The south grew 8%." is
    the south's 8%. The rival's words must share more with the claim's than the supporting figure's
    do, among them a word that sets the claim apart and that the supporting sentence never uses
    ("CFOs" against a sentence about CEOs); it must count the claim's noun and be a slip in the
    claim's slot (or stand in a sentence that restates the claim)."""
    mine = cc.local.words
    shared = mine & _figure_local(support).words
    # the words that set the claim apart, where the supporting sentence never uses them
    apart = _contrast(cc, support) - support.index.passages[support.passage].stems
    cands = [h for h in _wrong(cc.quantity, hits) if h.cmp.wrong and _plausible_slip(h)
             and len(mine & _figure_local(h).words) > len(shared) and mine & _figure_local(h).words & apart
             and _anchored(h, T_MISQUOTE) and (not cc.local.next or _next_word(h) == cc.local.next)]
    best = max(cands, key=_best) if cands else None
    return best if best is not None and _same_slot(best, hits) else None


def _misquote_message(best: Hit, shown: str) -> str:
    """'source [7] says 62%, the draft says 64%', with the unit or scale at issue when there is one."""
    msg = f"source {_label(best)} says {best.quantity.text}, the draft says {shown}"
    if best.cmp.relation in ("scale", "unit", "per", "currency") and best.cmp.detail:
        msg += f" ({best.cmp.detail})"
    return msg


def _verified(best: Hit) -> Decision:
    conf = min(0.99, 0.6 + best.ctx / 250 + 0.1 * best.local)
    how = "states" if best.cmp.relation == "equal" else "supports"
    return Decision("verified", conf, f"source {_label(best)} {how} {best.quantity.text}", best)


def _end(q: Quantity, which: int) -> Quantity:
    """One end of a range as a figure of its own ("$1-2 million" -> "$1 million" / "$2 million")."""
    nums = _NUM.findall(q.text)
    value = q.low if which == 0 else q.high
    text = (nums[0] if which == 0 else nums[-1]) if len(nums) >= 2 else format_like(value, value, q)
    return replace(q, text=text, low=value, high=value)


_NUM = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _decide_range(cc: ClaimContext, readable: list[tuple[str, str, SourceIndex]], whole: Decision) -> Decision:
    """A range the source does not state as a range: the source may state its two ends apart
    ("between 2.49% and 4.16%" for "2.49% ... 4.16%"). Judge each end; a wrong end is a misquote
    whose suggestion corrects that end only."""
    q = cc.quantity

    def end(i: int, partner: Hit | None = None) -> Decision:
        where = (id(partner.index), partner.passage, partner.figure) if partner is not None else None
        return decide(ClaimContext(_end(q, i), cc.processed, cc.stems, cc.local, cc.contexts, where, cc.others,
                                   cc.mates), readable)

    ends = [end(0), end(1)]
    # each end is judged knowing where the other stands: one source figure is not both ends
    good = [e.verdict in ("verified", "approximate") and e.hit is not None for e in ends]
    if good[0] and not good[1]:
        ends[1] = end(1, ends[0].hit)
    elif good[1] and not good[0]:
        ends[0] = end(0, ends[1].hit)
    elif ends[0].hit is not None and ends[1].hit is not None and _same_figure(ends[0].hit, ends[1].hit):
        # both ends pinned on one source figure: it stays with one end and the other looks again;
        # keep the pairing that stays in order (low end, lower figure) and misses least
        h = ends[0].hit
        options = [[ends[0], end(1, h)], [end(0, h), ends[1]]]

        def cost(pair: list[Decision]) -> tuple[bool, float]:
            lo, hi = _value_of(pair[0], 0), _value_of(pair[1], 1)
            if lo is None or hi is None:
                return (True, math.inf)
            return (lo > hi, abs(lo - q.low) + abs(hi - q.high))

        ends = min(options, key=cost)
    verdicts = [e.verdict for e in ends]
    span = _covered_by_span(q, ends)
    if span is not None:
        return span
    if all(v in ("verified", "approximate") for v in verdicts):
        v: VerdictName = "verified" if verdicts == ["verified", "verified"] else "approximate"
        hit = ends[1].hit or ends[0].hit
        conf = min(e.confidence for e in ends)
        return Decision(v, conf, f"source {_label(hit)} states both ends: {ends[0].hit.quantity.text} and "
                        f"{ends[1].hit.quantity.text}" if hit and ends[0].hit and ends[1].hit else whole.message, hit)
    if "misquote" not in verdicts or not all(v in ("verified", "approximate", "misquote") for v in verdicts):
        return whole
    if any(e.hit is None for e in ends):
        return whole
    a, b = ends[0].hit, ends[1].hit
    assert a is not None and b is not None
    bad = next(e for e in ends if e.verdict == "misquote")
    assert bad.hit is not None
    whole_range = _one_source_range(a, b)
    if whole_range is not None or _two_estimates(a, b):
        lo_s = _value_of(ends[0], 0) if ends[0].verdict == "misquote" else a.quantity.low
        hi_s = _value_of(ends[1], 1) if ends[1].verdict == "misquote" else b.quantity.high
        if lo_s is not None and hi_s is not None and _loosely(q, lo_s, hi_s):
            return Decision("approximate", min(e.confidence for e in ends) * 0.9,
                            f"source {_label(b)} gives {_fmt_pair(a, b)}; the draft's {q.text} rounds it loosely", b)
    if whole_range is not None:
        # both ends point into one range of the source: that range, whole, is the correction
        # (never the draft's end beside the source's: "4 and 5.6" for "4.3 to 5.6")
        if whole_range.low > whole_range.high:
            return whole
        bad.message = _misquote_message(bad.hit, f"{bad.hit.claim.text} (in {q.text})")
        corrected = replace(whole_range, start=0, end=0)
        return Decision("misquote", bad.confidence, f"source {_label(bad.hit)} says {whole_range.text}, the draft "
                        f"says {q.text}", bad.hit, suggestion(q, corrected, "different"), (whole_range.low, whole_range.high))
    if not _two_estimates(a, b):
        # the ends stand in ranges of their own, or far apart: figures of other subjects, which
        # a correction must not splice into one range
        return whole
    lo = ends[0].value[0] if ends[0].verdict == "misquote" and ends[0].value else q.low
    hi = ends[1].value[1] if ends[1].verdict == "misquote" and ends[1].value else q.high
    # a draft end inside the span the two estimates give is no slip: only the other end is
    # corrected ("3 to 4.5 days" against estimates of 4.0 and 4.6 days: "4.0 to 4.5 days")
    if lo - 1e-9 <= q.high <= hi + 1e-9 and ends[0].verdict == "misquote":
        hi = q.high
        bad = ends[0]
    elif lo - 1e-9 <= q.low <= hi + 1e-9 and ends[1].verdict == "misquote":
        lo = q.low
        bad = ends[1]
    assert bad.hit is not None
    bad.message = _misquote_message(bad.hit, f"{bad.hit.claim.text} (in {q.text})")
    if lo > hi:  # corrected ends that cross ("$55.6-20 million") are no range: say what the source says
        return Decision("misquote", bad.confidence, bad.message, bad.hit, bad.suggestion, bad.value)
    corrected = Quantity(format_like(lo, hi, q), q.kind, lo, hi, q.unit)
    return Decision("misquote", bad.confidence, bad.message, bad.hit, suggestion(q, corrected, "different"), (lo, hi))


def _loosely(q: Quantity, lo: float, hi: float) -> bool:
    """Each end of the draft's range lies within one step of its last written digit from the
    source's end: "between 4 and 5 hours" for "4.3 to 5.6 hours", a range rounded loosely (each
    end truncated or rounded), not a slip of either end."""
    step_lo, step_hi = precision(q, coarse=False), precision(q, coarse=False, high=True)
    return abs(q.low - lo) < step_lo - 1e-9 and abs(q.high - hi) < step_hi - 1e-9 and lo < hi


def _fmt_pair(a: Hit, b: Hit) -> str:
    return a.quantity.text if _same_figure(a, b) else f"{a.quantity.text} and {b.quantity.text}"


def _one_source_range(a: Hit, b: Hit) -> Quantity | None:
    """The source range both ends were judged against, when they were judged against one."""
    if _same_figure(a, b) and a.quantity.low != a.quantity.high:
        return a.quantity
    return None


def _two_estimates(a: Hit, b: Hit) -> bool:
    """Two single figures of one source in one sentence or two neighbouring ones ("4.0 days" ...
    "4.6 days"): separate estimates of one quantity, whose span a draft's range may give."""
    return (a.index is b.index and abs(a.passage - b.passage) <= 1 and not _same_figure(a, b)
            and a.quantity.low == a.quantity.high and b.quantity.low == b.quantity.high
            and a.quantity.low <= b.quantity.high)


def _covered_by_span(q: Quantity, ends: list[Decision]) -> Decision | None:
    """One end of the draft's range is a source estimate and the other falls short of a second
    estimate stated beside it ("4 to 4.5 days" for estimates of 4.0 and 4.6 days in consecutive
    sentences): the draft's range lies within the span the source gives, which is approximate
    (a range covered by the source's is supported; here the source's range is implied)."""
    good = [e.verdict in ("verified", "approximate") and e.hit is not None for e in ends]
    if good[0] == good[1]:
        return None
    ok, bad = (ends[0], ends[1]) if good[0] else (ends[1], ends[0])
    if bad.verdict != "misquote" or bad.hit is None or bad.value is None or ok.hit is None:
        return None
    a, b = ok.hit, bad.hit
    # separate estimates in consecutive sentences; a range the source states in one sentence
    # ("ranged from 2.49% to 4.16%") is quoted by its ends, not by a point inside it
    if a.index is not b.index or abs(a.passage - b.passage) != 1 or b.quantity.low != b.quantity.high:
        return None
    if a.cmp.relation not in ("equal", "rounded") or _figure_inner(a) or _figure_inner(b):
        return None
    lo, hi = sorted((a.quantity.low, b.quantity.low))
    if not (lo - 1e-9 <= q.low and q.high <= hi + 1e-9):
        return None
    return Decision("approximate", min(ok.confidence, 0.7),
                    f"source {_label(b)} gives {a.quantity.text} and {b.quantity.text}; the draft's {q.text} "
                    "lies within them", b)


def _value_of(d: Decision, which: int) -> float | None:
    """The source value an end was judged against (its correction, or the figure that bears it out)."""
    if d.value is not None:
        return d.value[which]
    if d.hit is not None and d.verdict in ("verified", "approximate"):
        return d.hit.quantity.low if which == 0 else d.hit.quantity.high
    return None


def _same_figure(a: Hit, b: Hit) -> bool:
    return a.index is b.index and a.passage == b.passage and a.figure == b.figure


def _figure_inner(h: Hit) -> bool:
    return h.index.passages[h.passage].figures()[h.figure][1]


def _best(h: Hit) -> tuple[float, bool, int]:
    """Highest rank; on a tie the numbered reference ([7]) over a `Source:` path, then the earlier passage."""
    return (round(h.rank, 1), not _is_locator_key(h.key), -h.passage)


def _anchored(h: Hit, threshold: float) -> bool:
    """Does the passage speak about the claim's subject? Its own sentence aligns with the claim;
    or a neighbour does and some words around the figure agree; or the words around the figure
    agree strongly ("secondary attack rate ... 12.4%") in a long sentence that dilutes the
    alignment."""
    return (h.own >= threshold or (h.ctx >= threshold + 10 and h.local > 0)
            or (h.own >= threshold - 10 and h.local >= 0.4))


def _misquote_kinds(q: Quantity, h: Hit) -> bool:
    if h.ages:
        return h.ages == 2  # an age is corrected by an age only
    dq, ds = dimension_of(q), dimension_of(h.quantity)
    if (dq in MEASURED) != (ds in MEASURED):
        return False  # a length or a weight is corrected by one, not by a head count ("6 players" / "2-meter")
    gq, gs = family(dq), family(ds)
    return gq == gs or h.cmp.relation == "unit" or {gq, gs} in (
        {"number", "duration"}, {"number", "ratio"}, {"number", "age"})  # "died at 78": a bare age


#: a source sentence that restates the claim this closely speaks of the same slot whatever its
#: figure: a difference that is no slip is still a misquote there ("Nine in ten voters backed
#: the measure" against "The measure was backed by 71% of voters")
T_RESTATED = 80.0
T_RESTATED_LOCAL = 0.8


def _plausible_slip(h: Hit) -> bool:
    """A misquote claims that the draft meant the source's figure and got it wrong. So the
    difference must look like a slip (:func:`pipeline.compare.is_slip`), or the source's sentence
    must restate the claim's own (its wording, or the words around the figure, agree almost
    entirely). Otherwise the source's figure is most likely another figure, and the honest
    verdict is not_found."""
    # a restatement: the source's sentence says what the claim's does, with one figure of the
    # claim's kind; a sentence listing several ("58 points in the semi-final and 27 in the
    # quarter-final") gives other slots, none of them the claim's ("31 points in the final")
    restated = (h.own >= T_RESTATED or (h.own >= T_RESTATED - 20 and h.local >= T_RESTATED_LOCAL
                                         and len(h.claim_words) >= 3)) and _only_of_its_kind(h)
    if h.claim.kind == "year":
        # consecutive years differ in one digit, and a source names many events' years: only a
        # sentence that restates the claim can say its year is wrong
        return restated
    if is_slip(h.claim, h.quantity):
        return True
    if h.claim.low != h.claim.high and h.quantity.low == h.quantity.high:
        return False  # a range is corrected end by end, never as a whole by one figure
    return restated


def _only_of_its_kind(h: Hit) -> bool:
    """The source figure is the only figure of its dimension in its sentence (the bounds of an
    interval in brackets are no figures of their own)."""
    dim = dimension_of(h.quantity)
    p = h.index.passages[h.passage]
    figures = p.figures()
    return sum(1 for k, x in enumerate(p.quantities) if dimension_of(x) == dim and not figures[k][2]) == 1


def _same_slot(h: Hit, hits: list[Hit]) -> bool:
    """Is this source figure the one the claim's figure stands for? Its surrounding words agree, its
    value is close (a slip of a digit or a point), or it is the only comparable figure of its
    passage."""
    if (h.cmp.relation == "scale" or digit_slip(h.claim, h.quantity)
            or h.local >= 0.2 or _closeness(h.quantity, h.claim) >= 0.85
            or (h.claim.qualifier in ("min", "max") and h.quantity.qualifier == h.claim.qualifier)):
        return True
    same_passage = [o for o in hits if o.index is h.index and o.passage == h.passage]
    return len(same_passage) == 1


def _is_locator_key(key: str) -> bool:
    return "/" in key or "." in key


def _label(h: Hit) -> str:
    return h.key if _is_locator_key(h.key) else f"[{h.key}]"


def _set(claim: Claim, verdict: VerdictName, conf: float, message: str, hit: Hit | None = None,
         suggestion: str | None = None, derivation: dict[str, Any] | None = None) -> Verdict:
    return Verdict(claim_id=claim.id, verdict=verdict, confidence=round(conf, 2), message=message,
                   evidence=_evidence(hit) if hit is not None else None, suggestion=suggestion,
                   derivation=derivation)


def judge_document(doc: Document, sources: dict[str, Source],
                   indexes: dict[str, SourceIndex] | None = None) -> list[Verdict]:
    """A verdict for every claim of `doc`, in the order of ``doc.claims`` (each names its claim id);
    nothing is edited and nothing read from or written to disk. `indexes` (keyed by
    ``Source.index_key``) is shared across documents so that each source is indexed once per run
    however many claims and drafts cite it."""
    if indexes is None:
        indexes = {}
    sentences: dict[str, list[Quantity]] = {}
    return [judge_claim(claim, doc, sources, indexes, sentences) for claim in doc.claims]
