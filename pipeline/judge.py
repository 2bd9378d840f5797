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

from rapidfuzz import fuzz

from .compare import (
    UNITS,
    Comparison,
    comparable,
    compare,
    group,
    is_decade,
    other_unit,
    rate_base,
    unit_factor,
)
from .match import Local, Passage, SourceIndex, content_words, local_words, masked, stem
from .model import Claim, Document, Evidence, Quantity, Source, Verdict, VerdictName
from .quantities import decimals_written, find_quantities, format_like, parse_quantity

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


def claim_context(claim: Claim, sentences: dict[str, list[Quantity]] | None = None) -> ClaimContext:
    sentence = claim.sentence
    qs = sentences.get(sentence) if sentences is not None else None
    if qs is None:  # a sentence with three figures is read once, not three times
        qs = find_quantities(sentence)
        if sentences is not None:
            sentences[sentence] = qs
    mine = next((q for q in qs if q.text == claim.quantity.text), None)
    if mine is None:
        mine = next((q for q in qs if q.low == claim.quantity.low), None)
    return ClaimContext(
        quantity=claim.quantity,
        processed=masked(sentence, qs),
        stems={stem(w) for w in content_words(sentence)},
        local=local_words(sentence, mine, qs) if mine is not None else Local(frozenset(), None),
        others=tuple(x for x in qs if x is not mine),
        mates=frozenset((group(x), round(x.low, 6)) for x in qs if x is not mine and x.low == x.high
                        and x.kind != "year" and not (x.kind == "number" and x.unit is None and abs(x.low) < 10)),
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


def _shifted_digits(c: Quantity, s: Quantity) -> bool:
    """Same significant digits at another power of ten ("850" for 85, "1.7" for 17)."""
    if c.low != c.high or s.low != s.high or not c.low or not s.low or c.low == s.low:
        return False
    k = math.log10(abs(c.low / s.low))
    return abs(k - round(k)) < 1e-9


def _swapped_digits(c: Quantity, s: Quantity) -> bool:
    """Two adjacent digits transposed ("67" for 76, "4.61" for 4.16): the other classic slip."""
    if c.low != c.high or s.low != s.high or c.low == s.low:
        return False
    a, b = _digits_of(c.low), _digits_of(s.low)
    if len(a) != len(b):
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _digits_of(v: float) -> str:
    return f"{abs(v):.6f}".rstrip("0").rstrip(".").replace(".", "")


def _groups_for(q: Quantity) -> tuple[str, ...]:
    g = group(q)
    return {
        "share": ("share", "number"),
        "ratio": ("ratio", "number"),
        "money": ("money", "number"),
        "duration": ("duration", "number"),
        "number": ("number", "ratio", "share", "money", "duration"),
        "year": ("year", "number"),
    }.get(g, (g,))


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
            cmp = compare(q, fq)
            local, inner, interval = figures[k]
            if (interval or (inner and fq.low != fq.high)) and cmp.relation in ("equal", "bound", "approx", "rounded"):
                cmp = Comparison("different")  # the end of a confidence interval is not the estimate
            loc = _local_sim(cc.local, local)
            rank = ctx + 30 * loc + 8 * _closeness(q, fq) + (12 if group(q) == group(fq) else 0)
            if _shifted_digits(q, fq) or _swapped_digits(q, fq):
                rank += 15  # the same digits, a decimal point or a zero off, or two swapped: classic slips
            if inner:
                rank -= 15
            if pairs:
                rank += _respective(cc, p, k, pairs)
            if cc.partner is not None and cc.partner[:2] == ck:
                if cc.partner[2] == k:
                    continue
                rank += 10  # the other end of the range stands in this sentence
            ages = cc.local.age + local.age
            if ages == 1:
                other = q if local.age else fq
                if group(other) in ("share", "money", "ratio"):
                    continue  # an age is never a percentage, an amount or a multiple
                if other.kind == "number" and other.unit is None and other.qualifier is None:
                    ages = 0  # a bare number whose words say nothing ("dies at 78"): no evidence either way
            if ages == 2:
                rank += 12  # an age against an age, whatever their kinds ("age 20" / "20 years of age")
            elif ages == 1:
                rank -= 10
            hits.append(Hit(q, key, locator, index, idx, k, ctx, own, loc, cmp, rank, ages, interval))
    return hits


def _candidates(cc: ClaimContext, index: SourceIndex) -> set[int]:
    """Passages worth aligning: those sharing the claim's rarer words, and those holding a figure
    near its value."""
    return {idx for _s, idx in index.by_words(cc.stems, CANDIDATES)} | index.near_value(
        cc.quantity, _groups_for(cc.quantity))


def _is_marker(text: str, q: Quantity) -> bool:
    """A bare number alone in brackets, "(4)" or "[12]": a reference or a list marker, not a figure."""
    return (q.kind == "number" and q.start > 0 and q.end < len(text)
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


def _suggest(claim: Quantity, source: Quantity) -> str:
    """The source's figure in the draft's style ("62 percent" -> "62%" for a draft that wrote "64%"),
    or the source's own words where the draft's style cannot carry the value exactly."""
    if is_decade(source):
        return source.text  # "70s": the decade as the source writes it
    if claim.low == claim.high and source.low != source.high:
        # one figure against a source range: the end it stands for ("140 minutes" vs "8 to 14 min")
        end = min((source.low, source.high), key=lambda v: abs(math.log10(abs(v) or 1e-9) - math.log10(abs(claim.low) or 1e-9)))
        source = Quantity(format_like(end, end, source), source.kind, end, end, source.unit, False, 0, 0, None,
                          source.per, source.scale)
    # no more precision than the source states: "5%", not "5.0%", for a draft that wrote "0.5%"
    source_dec = decimals_written(source.text)
    cb, sb = rate_base(claim.per), rate_base(source.per)
    if cb and sb and cb != sb:
        # a rate over another base: the source's figure over the draft's ("4.2" per 10,000 for
        # the source's 42 per 100,000), with the digits the division adds
        k = cb / sb
        source = replace(source, low=source.low * k, high=source.high * k, per=claim.per)
        if source_dec is not None:
            source_dec += max(0, round(-math.log10(k)))
    try:
        text = format_like(source.low, source.high, claim, source_dec)
    except Exception:  # a suggestion is a courtesy: never fail a run for it
        return source.text
    back = parse_quantity(text)
    if back is not None and back.low == back.high and source.low != source.high:
        back = parse_quantity("between " + text)  # "2.49% and 4.16%" reads as a range after "between"
    if back is None or not (_close(back.low, source.low) and _close(back.high, source.high)):
        return source.text
    # The draft writes round figures and the source 19,860: suggest "20,000", as the draft would.
    # The fix is the source's figure at the draft's precision, and only when the matcher itself
    # accepts that rendering as a correct rounding (the message still quotes the exact figure).
    if (source.low == source.high and not _shifted_digits(claim, source)
            and not _swapped_digits(claim, source)):
        alt = _rounded_like(source.low, claim)
        if alt is not None and alt != text:
            aq = parse_quantity(alt)
            if aq is not None and compare(aq, source).relation in ("equal", "rounded"):
                return alt
    return text


def _suggest_in_unit(claim: Quantity, source: Quantity) -> str:
    """The source's figure in the draft's unit ("13 feet" for a draft's "53 feet" against "4 m"),
    at the draft's precision, when that reads back as the source's figure rounded; otherwise the
    source's own words."""
    k = unit_factor(source.unit, claim.unit)
    if k is None or (claim.low == claim.high) != (source.low == source.high):
        return source.text
    dec = decimals_written(claim.text) or 0
    # a conversion adds digits ("4.8 m" is 15.748 feet): the fewest that still read back as the
    # source's figure rounded
    for d in range(dec, dec + 3):
        try:
            text = format_like(round(source.low * k, d), round(source.high * k, d), claim)
        except Exception:  # a suggestion is a courtesy
            return source.text
        back = parse_quantity(text)
        if back is not None and back.low and compare(back, source).relation in ("equal", "rounded"):
            return text
    return source.text


def _rounded_like(value: float, claim: Quantity) -> str | None:
    """`value` at the draft's precision, in the draft's style (see :func:`_round_to_draft`)."""
    r = _round_to_draft(value, claim)
    if r is None:
        return None
    try:
        return format_like(r, r, claim)
    except Exception:  # a suggestion is a courtesy
        return None


def _round_to_draft(value: float, claim: Quantity) -> float | None:
    """`value` rounded as the draft rounds: whole percentages ("5 percent" for 5.9%), or as many
    significant digits as a visibly round count shows ("162,000": three). None where the draft
    writes exact figures (decimals, small numbers)."""
    m = _NUM.search(claim.text)
    if m is None or not value or not math.isfinite(value) or not math.isfinite(claim.low):
        return None
    raw = m.group(0).replace(",", "")
    if "." in raw:
        return None  # the draft writes decimals: it means the exact figure
    if claim.kind in ("percent", "proportion"):
        r = float(round(value))  # whole percentages, as the draft writes them
    else:
        # only a visibly round figure ("162,000", "$20 million" is not: its scale word is the unit)
        mult = abs(claim.low) / float(raw) if float(raw) else 1.0
        if mult != 1.0 or len(raw) < 4 or not raw.endswith("00"):
            return None
        sig = len(raw.rstrip("0"))
        digits = sig - 1 - math.floor(math.log10(abs(value)))
        r = round(value, min(digits, 0))
    return r


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


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
    if d.verdict == "not_found":
        names = ", ".join(f"[{k}]" if not _is_locator_key(k) else k for k, _l, _i in readable)
        d.message = f"no passage of {names} states {q.text} or a figure for the same thing"
    return _set(claim, d.verdict, d.confidence,
                d.message + (unread if d.verdict in ("misquote", "not_found") else ""), d.hit, d.suggestion)


@dataclass(slots=True)
class Decision:
    verdict: VerdictName
    confidence: float
    message: str = ""
    hit: Hit | None = None
    suggestion: str | None = None
    #: the source's value(s) behind a misquote, for correcting one end of a range
    value: tuple[float, float] | None = None


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
            rival = _rival(cc, best, _subject_hits(cc, readable)) if _other_subject(cc, best) else None
            return _misquote(q, rival) if rival is not None else _verified(best)
    hits: list[Hit] = []
    for key, locator, index in readable:
        hits.extend(hits_in(cc, key, locator, index))
    # a figure supports the claim from its own sentence, or from a neighbour's context when the
    # words around the figure agree with the claim's (a table cell, a short line)
    support = [h for h in hits if h.cmp.supports and _anchored(h, T_SUPPORT)]
    if support:
        best = max(support, key=_best)
        rival = _rival(cc, best, hits) if _other_subject(cc, best) else None
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
    relative = _relative_year(q, hits) if q.kind == "year" and q.low == q.high else None
    if relative is not None and relative.resolved is not None:
        return Decision("verified", 0.6, f"source {_label(relative.hit)} says “{relative.phrase}” and is dated "
                        f"{relative.resolved}", relative.hit)
    close = [h for h in hits if h.cmp.close and _anchored(h, T_CLOSE)]
    if close:
        best = max(close, key=_best)
        conf = min(0.95, 0.5 + best.ctx / 250 + 0.1 * best.local)
        if " lies within " in best.cmp.detail:
            msg = f"source {_label(best)} says {best.quantity.text}, within the draft's {q.text}"
        elif best.cmp.detail.startswith("the source says "):
            msg = (f"source {_label(best)} says {best.cmp.detail.removeprefix('the source says ')}; "
                   f"the draft says {q.text} without the bound")
        else:
            detail = "rounds" if best.cmp.relation == "rounded" else "approximates"
            msg = f"source {_label(best)} says {best.quantity.text}; the draft's {q.text} {detail} it"
        return Decision("approximate", conf, msg, best)
    wrong = _wrong(q, hits)
    best = max(wrong, key=_best) if wrong else None
    if best is not None and relative is not None and relative.hit.passage == best.passage \
            and relative.hit.index is best.index:
        best = None  # the passage also speaks of "this year": the draft's year may be that one
    if best is not None and _same_slot(best, hits):
        return _misquote(q, best)
    best_ctx = max((h.ctx for h in hits), default=0.0)
    return Decision("not_found", min(0.95, 0.55 + (100 - best_ctx) / 250))


_RELATIVE_YEAR = re.compile(r"\b(this|last|next|the previous|the following)\s+year\b", re.I)
_RELATIVE_SHIFT = {"this": 0, "last": -1, "the previous": -1, "next": 1, "the following": 1}


@dataclass(slots=True)
class _Relative:
    hit: Hit
    phrase: str
    #: the source's date year when it turns the phrase into the claim's year, else None
    resolved: int | None


def _wrong(q: Quantity, hits: list[Hit]) -> list[Hit]:
    """Source figures that could show the draft's figure wrong. Calling a figure wrong needs the
    passage to speak about the same thing (context), the figure to stand in the same place (local
    words, a near value, the same digits at another scale), and a figure of the same sort: a share
    is never "corrected" by a head count."""
    need = T_MISQUOTE_YEAR if q.kind == "year" else T_MISQUOTE
    return [h for h in hits if (h.cmp.wrong or h.cmp.close) and h.ctx >= need - 10
            and h.rank >= need + 15 and _misquote_kinds(q, h) and _plausible_slip(h) and not h.interval]


def _misquote(q: Quantity, best: Hit) -> Decision:
    conf = min(0.95, 0.3 + best.ctx / 200 + 0.2 * best.local)
    if best.cmp.relation in ("scale", "unit", "per", "currency"):
        suggestion = best.quantity.text
    elif other_unit(q, best.quantity):
        suggestion = _suggest_in_unit(q, best.quantity)
    else:
        suggestion = _suggest(q, best.quantity)
    if best.cmp.relation == "per" and best.quantity.per:
        suggestion = f"{best.quantity.text} per {best.quantity.per}"  # the period is the correction
    return Decision("misquote", conf, _misquote_message(best, q.text), best, suggestion,
                    (best.quantity.low, best.quantity.high))


def _next_word(h: Hit) -> str | None:
    return h.index.passages[h.passage].figures()[h.figure][0].next


def _other_subject(cc: ClaimContext, support: Hit) -> bool:
    """The supporting figure counts something else: the (stemmed) words right after the two
    figures differ ("62% of *CFOs*" in the draft, "62% of *CEOs*" in the source)."""
    mine, theirs = cc.local.next, _next_word(support)
    return bool(mine and theirs and mine != theirs)


def _subject_hits(cc: ClaimContext, readable: list[tuple[str, str, SourceIndex]]) -> list[Hit]:
    """The candidate figures (as the full search finds them) in passages that use the noun the
    claim's figure counts."""
    out: list[Hit] = []
    for key, locator, index in readable:
        posting = index.postings.get(cc.local.next or "")
        if not posting:
            continue
        cands = _candidates(cc, index) & set(posting)
        if cands:
            out.extend(hits_in(cc, key, locator, index, cands))
    return out


#: how far another figure must outrank the supporting one, and how much better the words around
#: it must agree, for it to be the claim's real subject
RIVAL_MARGIN = 15.0
RIVAL_LOCAL = 0.4


def _rival(cc: ClaimContext, support: Hit, hits: list[Hit]) -> Hit | None:
    """A figure of the claim's own subject that says otherwise, where the figure that bears the
    claim out counts something else: "62% of CFOs" against a source with "62% of CEOs ..." and
    "48% of CFOs said cost control came first" is the CFOs' 48%. Only a clear winner counts:
    far better aligned, the same counted noun, and a plausible slip."""
    cands = [h for h in _wrong(cc.quantity, hits) if h.cmp.wrong and h.rank >= support.rank + RIVAL_MARGIN
             and h.local >= support.local + RIVAL_LOCAL and _next_word(h) == cc.local.next]
    best = max(cands, key=_best) if cands else None
    return best if best is not None and _same_slot(best, hits) else None


def _relative_year(q: Quantity, hits: list[Hit]) -> _Relative | None:
    """A passage about the claim that names a year relatively ("took the cup this year"). News
    pages say "this year" and carry their date in a dateline: when the source's first date turns
    the phrase into the claim's year, the claim is borne out."""
    for h in sorted(hits, key=_best, reverse=True):
        if not _anchored(h, T_SUPPORT):
            continue
        m = _RELATIVE_YEAR.search(h.index.passages[h.passage].text)
        if m is None:
            continue
        first = h.index.date_year
        shift = _RELATIVE_SHIFT[re.sub(r"\s+", " ", m.group(1).lower())]
        ok = first is not None and first + shift == int(q.low)
        return _Relative(h, m.group(0), first if ok else None)
    return None


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
            vals = [_value_of(e, i) for i, e in enumerate(pair)]
            if None in vals:
                return (True, math.inf)
            return (vals[0] > vals[1], abs(vals[0] - q.low) + abs(vals[1] - q.high))  # type: ignore[operator]

        ends = min(options, key=cost)
    verdicts = [e.verdict for e in ends]
    span = _covered_by_span(q, ends)
    if span is not None:
        return span
    if all(v in ("verified", "approximate") for v in verdicts):
        v = "verified" if verdicts == ["verified", "verified"] else "approximate"
        hit = ends[1].hit or ends[0].hit
        conf = min(e.confidence for e in ends)
        return Decision(v, conf, f"source {_label(hit)} states both ends: {ends[0].hit.quantity.text} and "
                        f"{ends[1].hit.quantity.text}" if hit and ends[0].hit and ends[1].hit else whole.message, hit)
    paired = (verdicts == ["misquote", "misquote"] and ends[0].hit is not None and ends[1].hit is not None
              and not _same_figure(ends[0].hit, ends[1].hit) and ends[0].hit.index is ends[1].hit.index
              and abs(ends[0].hit.passage - ends[1].hit.passage) <= 1
              and ends[0].value is not None and ends[1].value is not None and ends[0].value[0] < ends[1].value[1])
    if "misquote" in verdicts and all(v in ("verified", "approximate", "misquote") for v in verdicts) and (
        whole.verdict != "misquote" or any(v in ("verified", "approximate") for v in verdicts) or paired
    ):
        lo = ends[0].value[0] if ends[0].verdict == "misquote" and ends[0].value else q.low
        hi = ends[1].value[1] if ends[1].verdict == "misquote" and ends[1].value else q.high
        bad = next(e for e in ends if e.verdict == "misquote")
        if bad.hit is not None:  # name the end in the draft's own words: "3 (in 3 to 4.5 days)"
            bad.message = _misquote_message(bad.hit, f"{bad.hit.claim.text} (in {q.text})")
        if lo > hi:  # corrected ends that cross ("$55.6-20 million") are no range: say what the source says
            return Decision("misquote", bad.confidence, bad.message, bad.hit, bad.suggestion, bad.value)
        corrected = Quantity(format_like(lo, hi, q), q.kind, lo, hi, q.unit)
        return Decision("misquote", bad.confidence, bad.message, bad.hit, _suggest(q, corrected), (lo, hi))
    return whole


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
    if (q.unit in MEASURES) != (h.quantity.unit in MEASURES):
        return False  # a length or a weight is corrected by one, not by a head count ("6 players" / "2-meter")
    gq, gs = group(q), group(h.quantity)
    return gq == gs or h.cmp.relation == "unit" or {gq, gs} in ({"number", "duration"}, {"number", "ratio"})


#: units of length, mass and temperature (durations mix with bare numbers in tables; these do not)
MEASURES = frozenset(u for u, (dim, _f) in UNITS.items() if dim not in ("time", "points"))


def _plausible_slip(h: Hit) -> bool:
    """A misquote is a slip: a figure within a factor of ten of the source's, or the source's
    digits at another scale. "700 students" is no slip for "grades 9 through 12"."""
    if h.cmp.relation in ("scale", "unit", "per", "currency"):
        return True
    s = h.quantity
    ends = [s] if s.low == s.high else [_end(s, 0), _end(s, 1)]
    if any(_closeness(h.claim, e) > 0 or _shifted_digits(h.claim, e) or _swapped_digits(h.claim, e)
           for e in ends):
        return True
    # "250,000" for 24,693: a zero too many on the figure as the draft rounds it (25,000)
    r = _round_to_draft(s.low, h.claim) if s.low == s.high else None
    return r is not None and r != s.low and _shifted_digits(h.claim, replace(s, low=r, high=r))


def _same_slot(h: Hit, hits: list[Hit]) -> bool:
    """Is this source figure the one the claim's figure stands for? Its surrounding words agree, its
    value is close (a slip of a digit or a point), or it is the only comparable figure of its
    passage."""
    if (h.cmp.relation == "scale" or _shifted_digits(h.claim, h.quantity) or _swapped_digits(h.claim, h.quantity)
            or h.local >= 0.2 or _closeness(h.quantity, h.claim) >= 0.85):
        return True
    same_passage = [o for o in hits if o.index is h.index and o.passage == h.passage]
    return len(same_passage) == 1


def _is_locator_key(key: str) -> bool:
    return "/" in key or "." in key


def _label(h: Hit) -> str:
    return h.key if _is_locator_key(h.key) else f"[{h.key}]"


def _set(claim: Claim, verdict: VerdictName, conf: float, message: str, hit: Hit | None = None,
         suggestion: str | None = None) -> Verdict:
    return Verdict(claim_id=claim.id, verdict=verdict, confidence=round(conf, 2), message=message,
                   evidence=_evidence(hit) if hit is not None else None, suggestion=suggestion)


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
