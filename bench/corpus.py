"""Seeded generator of benchmark corpora: drafts with cited figures, and the sources they cite.

Why a generator and not a fixed corpus: the benchmark has to scale drafts, claims and source sizes
by factors of ten (issue 8), which no hand-made corpus can do, and it has to know the right verdict
of every claim so that speed is never bought with wrong answers. Every claim the generator writes is
recorded in ``manifest.json`` with its expected verdict:

- ``verified``: the draft restates a fact of the cited source with the same figure, in other words;
- ``misquote``: the draft restates the fact with a perturbed figure (62% -> 64%);
- ``not_found``: the cited source does not state the fact at all.

The prose is realistic on purpose. Sources are padded to their target size with sentences built
from the same vocabulary and templates as the claimed facts, carrying other figures, so a matcher
cannot win by finding "a sentence with 62%": it must find the one about the same subject and the
same predicate. Padding never restates a fact claimed anywhere in the same draft, so the expected
verdicts stay exact. Sources come as HTML pages (with figures in the navigation, footer and scripts
that must not count), plain text and Markdown, and PDFs (via reportlab). For PDFs the target size is
the size of the text: the file itself is compressed.

The same seed gives the same bytes, so a corpus can be cached between benchmark runs; only the base
URL of the references changes with the server's port, which :func:`rebase` rewrites.
"""

from __future__ import annotations

import argparse
import json
import random
import textwrap
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

# --- vocabulary -------------------------------------------------------------------------------

SUBJECTS: tuple[str, ...] = (
    "retailers", "regional banks", "insurers", "hospital systems", "mid-sized manufacturers",
    "logistics firms", "telecom operators", "utilities", "law firms", "media companies",
    "grocery chains", "airlines", "automakers", "pharmaceutical companies", "data centre operators",
    "software vendors", "public agencies", "university IT departments", "fintech startups",
    "chief financial officers", "chief information officers", "procurement teams", "HR departments",
    "marketing teams", "call centres", "construction firms", "energy traders", "shipping lines",
    "hotel groups", "food producers", "chemical companies", "semiconductor makers", "game studios",
    "e-commerce marketplaces", "credit unions", "asset managers", "clinical laboratories",
    "railway operators", "property managers", "engineering consultancies",
)  # fmt: skip

PERCENT_PREDICATES: tuple[str, ...] = (
    "plan to increase spending on cloud security", "have moved an AI model into production",
    "report a shortage of data engineers", "expect their IT budgets to shrink next year",
    "have appointed a head of artificial intelligence", "run their core systems on mainframes",
    "use generative AI in customer service", "have no formal data governance policy",
    "outsource most of their software development", "measure the return on their automation projects",
    "consider cyber insurance too expensive", "have replaced a legacy system",
    "track the energy use of their data workloads", "train staff on prompt writing",
    "have paused an AI project over privacy concerns", "rely on a single cloud provider",
    "publish an annual sustainability report", "use chatbots for internal help desks",
    "let employees work remotely most of the time", "audit their suppliers for security every year",
    "have a budget line for model monitoring", "buy rather than build their analytics tools",
    "plan to hire more data scientists", "report rising costs for software licences",
    "share customer data with partners", "test disaster recovery every quarter",
    "have adopted usage-based pricing", "expect automation to reduce headcount",
    "store sensitive data outside their home country", "struggle to hire security analysts",
    "use open-source models in production", "have a chief data officer",
    "run pilots for more than a year before deciding", "see regulation as the main obstacle to AI",
    "expect agents to handle routine purchasing", "benchmark vendors on tokens per watt",
    "have cut their number of software vendors", "forecast demand with machine learning",
    "require human review of every AI decision", "report measurable savings from AI",
)  # fmt: skip

MONEY_OBJECTS: tuple[str, ...] = (
    "fraud prevention", "customer data platforms", "model monitoring", "cloud storage",
    "security audits", "data labelling", "software licences", "staff training", "GPU capacity",
    "consulting fees", "network upgrades", "compliance reporting", "backup services",
    "API usage", "observability tools", "contract review", "translation services", "call recording",
    "identity management", "data migration",
)  # fmt: skip

COUNT_ITEMS: tuple[tuple[str, str], ...] = (
    ("employ", "data analysts"), ("operate", "delivery vehicles"), ("run", "retail locations"),
    ("employ", "support agents"), ("maintain", "software applications"), ("operate", "warehouses"),
    ("employ", "software engineers"), ("run", "machine learning models in production"),
    ("process", "invoices a day"), ("handle", "customer calls a day"), ("manage", "supplier contracts"),
    ("serve", "business customers"), ("operate", "servers"), ("employ", "security analysts"),
    ("maintain", "data pipelines"), ("run", "training courses a year"),
)  # fmt: skip

MULTIPLIER_ITEMS: tuple[tuple[str, str], ...] = (
    ("automated invoice matching", "faster month-end closing"),
    ("demand forecasting models", "fewer stock-outs"),
    ("AI-assisted code review", "faster release cycles"),
    ("predictive maintenance", "longer equipment life"),
    ("self-service analytics", "more reports built by business users"),
    ("document extraction tools", "faster claims handling"),
    ("route optimisation", "higher delivery density"),
    ("AI triage in support", "faster first responses"),
    ("dynamic pricing", "higher margin on clearance stock"),
    ("automated testing", "fewer production incidents"),
    ("retrieval-augmented search", "faster answers for analysts"),
    ("energy-aware scheduling", "lower compute bills"),
)  # fmt: skip

SOURCE_FILLER: tuple[str, ...] = (
    "The results were weighted to reflect the size of each industry in the economy.",
    "Respondents could choose more than one answer, so some totals exceed what a single choice would give.",
    "Interviews were conducted online and by telephone, in the local language of each respondent.",
    "The questionnaire was reviewed by an advisory panel of practitioners before fieldwork began.",
    "Where a company had several divisions, we asked the division closest to the decision.",
    "Smaller organisations answered faster, but their answers varied more from one to the next.",
    "We excluded answers that were incomplete or that contradicted themselves.",
    "Several respondents stressed that their plans depend on the economic outlook.",
    "The gap between leaders and laggards has widened since the previous edition of this study.",
    "Case studies in the appendix describe how individual organisations made these choices.",
    "Budgets are reported in nominal terms and have not been adjusted for inflation.",
    "Most respondents described their progress as slower than they had hoped.",
    "Regulated industries moved more cautiously, and said so openly.",
    "The findings are consistent with what vendors report about their own customers.",
    "We thank the organisations that took part for their time and candour.",
    "Throughout this report, a respondent means one organisation, not one person.",
    "Leaders were more likely to have a single owner for data across the business.",
    "Few organisations could say precisely what their projects had cost.",
    "Open-ended answers were coded by two analysts working independently.",
    "Results for the public sector are shown separately where the sample allows it.",
)

DRAFT_FILLER: tuple[str, ...] = (
    "The pattern is familiar to anyone who has run a transformation programme.",
    "None of this is surprising, but the scale of it is.",
    "That is the gap this issue is about.",
    "The numbers only tell part of the story.",
    "It is worth pausing on what that means for budgets.",
    "Practitioners we spoke to were blunter than the surveys.",
    "The lesson is not that the technology fails, but that organisations underestimate the work around it.",
    "Vendors have noticed, and their pitches are changing accordingly.",
    "Boards are starting to ask harder questions.",
    "The next year will show whether these plans survive contact with reality.",
    "Here is what the research says.",
    "This is where most programmes stall.",
)

TOPICS: tuple[str, ...] = (
    "The automation gap",
    "Budgets under pressure",
    "What leaders do differently",
    "The data problem",
    "Skills and hiring",
    "Security and trust",
    "The cost of scale",
    "Measuring value",
)
SECTIONS: tuple[str, ...] = ("Summary", "Research", "Analysis", "Field notes", "What the data says", "Outlook")  # fmt: skip
QUALIFIERS: tuple[str, ...] = ("", "", "", "In Europe, ", "In North America, ", "Last year, ", "Among larger firms, ")  # fmt: skip


# --- facts and figures ------------------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    """A statement a source makes: a kind, a subject, an item and a value.

    ``pair`` identifies the context (kind, subject, item) independently of the value: two facts
    with the same pair and different values would make a claim ambiguous, so the generator never
    lets padding repeat a claimed pair.
    """

    kind: str  # percent | money | count | multiplier
    subject: int
    item: int
    value: float

    @property
    def pair(self) -> tuple[str, int, int]:
        return (self.kind, self.subject, self.item)


def _fmt_money(value: float) -> str:
    """Format a dollar amount the way articles do: $350,000, $4.2 million, $1.3 billion."""
    if value >= 1e9:
        return f"${value / 1e9:.1f} billion".replace(".0 ", " ")
    if value >= 1e6:
        return f"${value / 1e6:.1f} million".replace(".0 ", " ")
    return f"${value:,.0f}"


def figure_text(fact: Fact, style: int = 0) -> str:
    """The figure as written; ``style`` 1 writes percentages as "62 percent" (the grammar must read both)."""
    if fact.kind == "percent":
        return f"{fact.value:g} percent" if style == 1 else f"{fact.value:g}%"
    if fact.kind == "money":
        return _fmt_money(fact.value)
    if fact.kind == "count":
        return f"{fact.value:,.0f}"
    return f"{fact.value:g}x"


def _random_value(rng: random.Random, kind: str) -> float:
    if kind == "percent":
        return float(rng.randint(3, 97))
    if kind == "money":
        magnitude = rng.choice((1e3, 1e6, 1e6, 1e9))
        if magnitude == 1e3:
            return float(rng.randint(50, 950) * 1000)
        return round(rng.uniform(1.1, 9.9), 1) * magnitude
    if kind == "count":
        return float(rng.randint(12, 950) * 100)
    return rng.choice((1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0, 6.0))


def perturb(rng: random.Random, fact: Fact) -> Fact:
    """Return the fact with a plausibly wrong figure: the kind of slip a misquote is."""
    text = figure_text(fact)
    for _ in range(50):
        if fact.kind == "percent":
            value = fact.value + rng.choice((-5, -3, -2, 2, 3, 5))
            value = min(max(value, 1.0), 99.0)
        elif fact.kind == "money":
            value = fact.value * rng.choice((0.7, 0.8, 1.2, 1.3, 1.5))
            value = round(value, -3) if value < 1e6 else round(value / 1e5) * 1e5
        elif fact.kind == "count":
            value = round(fact.value * rng.choice((0.8, 0.9, 1.1, 1.25)), -2)
        else:
            value = fact.value + rng.choice((-1.0, -0.5, 0.5, 1.0))
            value = max(value, 1.5)
        wrong = Fact(fact.kind, fact.subject, fact.item, value)
        if figure_text(wrong) != text:
            return wrong
    raise RuntimeError(f"cannot perturb {fact}")


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def source_sentence(rng: random.Random, fact: Fact, style: int = 0, qualifier: str = "") -> str:
    """One sentence of a source stating ``fact``, in one of several wordings."""
    subj = SUBJECTS[fact.subject]
    fig = figure_text(fact, style)
    t = rng.randrange(3)
    if fact.kind == "percent":
        pred = PERCENT_PREDICATES[fact.item]
        s = (
            f"{fig} of {subj} {pred}.",
            f"in our survey, {fig} of {subj} said they {pred}.",
            f"among {subj}, {fig} {pred}.",
        )[t]
    elif fact.kind == "money":
        obj = MONEY_OBJECTS[fact.item]
        s = (
            f"{subj} spent an average of {fig} on {obj} last year.",
            f"average annual spending on {obj} among {subj} came to {fig}.",
            f"for {subj}, {obj} cost an average of {fig} a year.",
        )[t]
    elif fact.kind == "count":
        verb, unit = COUNT_ITEMS[fact.item]
        s = (
            f"together, the {subj} in the sample {verb} {fig} {unit}.",
            f"the {subj} we surveyed {verb} a combined {fig} {unit}.",
            f"between them, the participating {subj} {verb} {fig} {unit}.",
        )[t]
    else:
        practice, outcome = MULTIPLIER_ITEMS[fact.item]
        s = (
            f"{subj} that adopted {practice} saw {fig} {outcome}.",
            f"for {subj}, adopting {practice} brought {fig} {outcome}.",
            f"{subj} using {practice} reported {fig} {outcome}.",
        )[t]
    return qualifier + s if qualifier else _cap(s)


def draft_sentence(rng: random.Random, fact: Fact, markers: str, style: int = 0) -> str:
    """One sentence of a draft restating ``fact`` in other words, ending with its markers."""
    subj = SUBJECTS[fact.subject]
    fig = figure_text(fact, style)
    t = rng.randrange(2)
    if fact.kind == "percent":
        pred = PERCENT_PREDICATES[fact.item]
        s = (f"{fig} of {subj} {pred}", f"according to the study, {fig} of {subj} {pred}")[t]
    elif fact.kind == "money":
        obj = MONEY_OBJECTS[fact.item]
        s = (
            f"{subj} spend an average of {fig} a year on {obj}",
            f"average spending on {obj} by {subj} has reached {fig} a year",
        )[t]
    elif fact.kind == "count":
        verb, unit = COUNT_ITEMS[fact.item]
        s = (
            f"the surveyed {subj} {verb} {fig} {unit} between them",
            f"taken together, the {subj} {verb} {fig} {unit}",
        )[t]
    else:
        practice, outcome = MULTIPLIER_ITEMS[fact.item]
        s = (
            f"{subj} adopting {practice} report {fig} {outcome}",
            f"where {subj} adopt {practice}, they see {fig} {outcome}",
        )[t]
    return f"{_cap(s)} {markers}."


_KIND_SIZES = {
    "percent": len(PERCENT_PREDICATES),
    "money": len(MONEY_OBJECTS),
    "count": len(COUNT_ITEMS),
    "multiplier": len(MULTIPLIER_ITEMS),
}
_KIND_WEIGHTS = (("percent", 0.55), ("money", 0.2), ("count", 0.15), ("multiplier", 0.1))


def _random_pair(rng: random.Random) -> tuple[str, int, int]:
    kind = rng.choices([k for k, _ in _KIND_WEIGHTS], weights=[w for _, w in _KIND_WEIGHTS])[0]
    return (kind, rng.randrange(len(SUBJECTS)), rng.randrange(_KIND_SIZES[kind]))


# --- writers ----------------------------------------------------------------------------------


def _html_page(title: str, paragraphs: list[str], table: list[str], rng: random.Random) -> str:
    """A web page as sites serve them: scripts, navigation, cookie banner and footer around the article.

    The boilerplate carries figures of its own (promotions, reader counts) which a reader of the
    main text must drop; the article carries a small table, whose figures it must keep.
    """
    promo = rng.randint(10, 60)
    readers = rng.randint(10, 90) * 1000
    rows = "\n".join(
        f"<tr><td>{_cap(SUBJECTS[rng.randrange(len(SUBJECTS))])}</td><td>{cell}</td></tr>" for cell in table
    )
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<script>window.dataLayer=window.dataLayer||[];dataLayer.push({{"event":"pageview","promo":"{promo}% off the full report","depth":90}});</script>
<style>body{{font-family:sans-serif;max-width:42rem;margin:auto}}</style>
</head>
<body>
<header><a href="/">Research Insights</a>
<nav><ul><li><a href="/topics">Topics</a></li><li><a href="/top">Top 10 reports of the year</a></li><li><a href="/radar">Radar: {promo + 20}% of leaders plan new budgets</a></li></ul></nav>
</header>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
<main><article>
<h1>{title}</h1>
{body}
<table><caption>Selected results</caption><thead><tr><th>Group</th><th>Result</th></tr></thead>
<tbody>
{rows}
</tbody></table>
</article></main>
<footer><p>Read by {readers:,} subscribers every week. Only {promo}% of readers share this page.</p>
<a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>
<script src="/static/app.js"></script>
</body>
</html>
"""


def _write_pdf(path: Path, title: str, paragraphs: list[str]) -> None:
    """A text PDF with wrapped lines and pages, the way reports are laid out (needs reportlab)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    lines: list[str] = []
    for p in paragraphs:
        lines.extend(textwrap.wrap(p, 95, break_long_words=False, break_on_hyphens=False))
        lines.append("")
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pdf.setTitle(title)
    per_page = 58
    for start in range(0, max(len(lines), 1), per_page):
        text = pdf.beginText(50, 790)
        text.setFont("Helvetica", 9)
        text.setLeading(12.5)
        if start == 0:
            text.setFont("Helvetica-Bold", 13)
            text.textLine(title)
            text.setFont("Helvetica", 9)
            text.textLine("")
        for line in lines[start : start + per_page]:
            text.textLine(line)
        pdf.drawText(text)
        pdf.showPage()
    pdf.save()


# --- the corpus -------------------------------------------------------------------------------


@dataclass
class CorpusConfig:
    """Shape of a corpus; every field is a knob of the benchmark."""

    drafts: int = 10
    claims_per_draft: int = 20
    sources_per_draft: int = 5
    source_size: int = 5_000  # bytes of text per source (PDF: of its text)
    seed: int = 1
    perturbed: float = 0.15  # share of claims whose figure is wrong (expected: misquote)
    absent: float = 0.05  # share of claims whose fact the source does not state (expected: not_found)
    two_markers: float = 0.1  # share of claims citing a second source of the draft as well
    formats: dict[str, float] = field(default_factory=lambda: {"html": 0.45, "text": 0.4, "pdf": 0.15})
    max_pdfs: int = 1_000_000  # reportlab is slow for huge sources: cap their number
    base_url: str | None = "http://127.0.0.1:8000"  # None: references are local paths under the corpus dir


@dataclass
class ClaimTruth:
    """What the generator knows about one claim it wrote."""

    draft: str
    line: int
    text: str
    kind: str
    expected: str
    source: str
    source_format: str


@dataclass
class Manifest:
    """Everything a benchmark needs to know about a generated corpus."""

    config: dict
    root: str
    drafts: list[str]
    sources: list[dict]
    claims: list[ClaimTruth]
    base_url: str | None
    source_bytes: int

    def save(self, path: Path) -> None:
        data = asdict(self)
        path.write_text(json.dumps(data, indent=1))

    @classmethod
    def load(cls, path: Path) -> Manifest:
        data = json.loads(path.read_text())
        data["claims"] = [ClaimTruth(**c) for c in data["claims"]]
        return cls(**data)


def _padding_pool(rng: random.Random, n: int) -> list[tuple[tuple[str, int, int], str]]:
    """Sentences with other facts and other figures, tagged with their pair so claims can be excluded."""
    pool = []
    for _ in range(n):
        pair = _random_pair(rng)
        fact = Fact(pair[0], pair[1], pair[2], _random_value(rng, pair[0]))
        qualifier = rng.choice(QUALIFIERS)
        pool.append((pair, source_sentence(rng, fact, style=int(rng.random() < 0.2), qualifier=qualifier)))
    return pool


def _pad(
    rng: random.Random,
    core: list[str],
    pool: list[tuple[tuple[str, int, int], str]],
    banned: set[tuple[str, int, int]],
    size: int,
) -> list[str]:
    """Mix the source's own sentences into padding until the text reaches ``size`` bytes.

    Returns paragraphs of four to seven sentences; the core sentences land at random places.
    """
    sentences: list[str] = []
    total = sum(len(s) + 1 for s in core)
    while total < size:
        if rng.random() < 0.3:
            s = rng.choice(SOURCE_FILLER)
        else:
            pair, s = pool[rng.randrange(len(pool))]
            if pair in banned:
                continue
        sentences.append(s)
        total += len(s) + 1
    for s in core:
        sentences.insert(rng.randrange(len(sentences) + 1), s)
    paragraphs = []
    i = 0
    while i < len(sentences):
        n = rng.randint(4, 7)
        paragraphs.append(" ".join(sentences[i : i + n]))
        i += n
    return paragraphs


def _iter_draft_facts(rng: random.Random, n: int) -> Iterator[Fact]:
    """Distinct claimed facts for one draft (distinct pairs, so no claim is ambiguous)."""
    seen: set[tuple[str, int, int]] = set()
    while len(seen) < n:
        pair = _random_pair(rng)
        if pair in seen:
            continue
        seen.add(pair)
        yield Fact(pair[0], pair[1], pair[2], _random_value(rng, pair[0]))


def generate(out: Path, cfg: CorpusConfig) -> Manifest:
    """Write ``cfg.drafts`` drafts and their sources under ``out`` and return the manifest.

    Layout: ``out/drafts/draft-NNNN.md``, ``out/s/NNNNNN.{html,txt,md,pdf}``, ``out/manifest.json``.
    Sources are never shared between drafts, so a subset of the drafts is a smaller corpus of the
    same shape (the scaling figure relies on that).
    """
    rng = random.Random(cfg.seed)
    (out / "drafts").mkdir(parents=True, exist_ok=True)
    (out / "s").mkdir(parents=True, exist_ok=True)
    pool = _padding_pool(rng, max(2_000, min(40_000, cfg.source_size // 60)))
    formats = list(cfg.formats)
    weights = [cfg.formats[f] for f in formats]
    claims: list[ClaimTruth] = []
    sources: list[dict] = []
    drafts: list[str] = []
    pdfs = 0
    source_bytes = 0
    for d in range(cfg.drafts):
        facts = list(_iter_draft_facts(rng, cfg.claims_per_draft))
        banned = {f.pair for f in facts}
        # which source each claim cites, and its fate
        assign = [i % cfg.sources_per_draft for i in range(len(facts))]
        rng.shuffle(assign)
        fates = []
        for _ in facts:
            r = rng.random()
            fates.append(
                "misquote"
                if r < cfg.perturbed
                else "not_found"
                if r < cfg.perturbed + cfg.absent
                else "verified"
            )
        names = []
        for k in range(cfg.sources_per_draft):
            fmt = rng.choices(formats, weights=weights)[0]
            if fmt == "pdf" and pdfs >= cfg.max_pdfs:
                fmt = "html"
            pdfs += fmt == "pdf"
            ext = {"html": "html", "pdf": "pdf"}.get(fmt, rng.choice(("txt", "md")))
            name = f"s/{d:04d}-{k:02d}.{ext}"
            names.append((name, fmt))
            core = [
                source_sentence(rng, f, style=int(rng.random() < 0.2))
                for f, a, fate in zip(facts, assign, fates, strict=True)
                if a == k and fate != "not_found"
            ]
            title = f"{rng.choice(TOPICS)}: a survey of {SUBJECTS[rng.randrange(len(SUBJECTS))]}"
            paragraphs = _pad(rng, core, pool, banned, cfg.source_size)
            path = out / name
            if fmt == "html":
                table = [f"{rng.randint(5, 95)}%" for _ in range(3)]
                path.write_text(_html_page(title, paragraphs, table, rng))
            elif fmt == "pdf":
                _write_pdf(path, title, paragraphs)
            elif ext == "md":
                path.write_text(f"# {title}\n\n" + "\n\n".join(paragraphs) + "\n")
            else:
                path.write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n")
            size = path.stat().st_size
            source_bytes += size
            sources.append({"name": name, "format": fmt, "bytes": size})
        # the draft
        lines = [f"# {rng.choice(TOPICS)}", ""]
        rel = f"drafts/draft-{d:04d}.md"
        i = 0
        section = 0
        while i < len(facts):
            if i % 12 == 0:
                lines += [f"## {SECTIONS[section % len(SECTIONS)]}", ""]
                section += 1
            n = rng.randint(1, 3)
            sentences = []
            line_no = len(lines) + 1
            for f, a, fate in zip(facts[i : i + n], assign[i : i + n], fates[i : i + n], strict=True):
                said = perturb(rng, f) if fate == "misquote" else f
                markers = f"[{a + 1}]"
                if cfg.sources_per_draft > 1 and rng.random() < cfg.two_markers:
                    other = rng.choice([x for x in range(cfg.sources_per_draft) if x != a])
                    markers = f"[{min(a, other) + 1}][{max(a, other) + 1}]"
                style = int(rng.random() < 0.1)
                sentences.append(draft_sentence(rng, said, markers, style))
                name, fmt = names[a]
                claims.append(ClaimTruth(rel, line_no, figure_text(said, style), f.kind, fate, name, fmt))
                if rng.random() < 0.5:
                    sentences.append(rng.choice(DRAFT_FILLER))
            lines += [" ".join(sentences), ""]
            i += n
        lines += ["## References", ""]
        for k, (name, _fmt) in enumerate(names):
            title = f"{rng.choice(TOPICS)}, survey report"
            locator = f"{cfg.base_url}/{name}" if cfg.base_url else name
            lines += [f"[{k + 1}] {title}. {locator}", ""]
        (out / rel).write_text("\n".join(lines))
        drafts.append(rel)
    manifest = Manifest(asdict(cfg), str(out), drafts, sources, claims, cfg.base_url, source_bytes)
    manifest.save(out / "manifest.json")
    return manifest


def rebase(out: Path, base_url: str) -> Manifest:
    """Point the drafts' references at a server on another port (corpora are cached between runs)."""
    manifest = Manifest.load(out / "manifest.json")
    if manifest.base_url is None or manifest.base_url == base_url:
        return manifest
    for rel in manifest.drafts:
        p = out / rel
        p.write_text(p.read_text().replace(f"{manifest.base_url}/", f"{base_url}/"))
    manifest.base_url = base_url
    manifest.save(out / "manifest.json")
    return manifest


def big_draft(path: Path, target_bytes: int, seed: int = 7) -> int:
    """Write one long draft (for the extract start-up figure) and return the number of claims in it.

    Its references point at local paths that need not exist: `extract` never reads sources.
    """
    rng = random.Random(seed)
    lines = ["# A very long issue", ""]
    size = 0
    claims = 0
    sources = 20
    while size < target_bytes:
        pair = _random_pair(rng)
        fact = Fact(pair[0], pair[1], pair[2], _random_value(rng, pair[0]))
        para = draft_sentence(rng, fact, f"[{rng.randint(1, sources)}]") + " " + rng.choice(DRAFT_FILLER)
        lines += [para, ""]
        size += len(para) + 2
        claims += 1
    lines += ["## References", ""]
    for k in range(sources):
        lines += [f"[{k + 1}] Survey report. s/{k:04d}.md", ""]
    path.write_text("\n".join(lines))
    return claims


def main() -> None:
    """Command line: generate one corpus (handy to look at what the benchmark feeds the tool)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--drafts", type=int, default=3)
    ap.add_argument("--claims", type=int, default=20)
    ap.add_argument("--sources-per-draft", type=int, default=5)
    ap.add_argument("--source-size", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--base-url", default="http://127.0.0.1:8000")
    ap.add_argument("--local", action="store_true", help="reference local paths instead of URLs")
    a = ap.parse_args()
    cfg = CorpusConfig(
        drafts=a.drafts,
        claims_per_draft=a.claims,
        sources_per_draft=a.sources_per_draft,
        source_size=a.source_size,
        seed=a.seed,
        base_url=None if a.local else a.base_url,
    )
    m = generate(a.out, cfg)
    print(
        f"{len(m.drafts)} drafts, {len(m.claims)} claims, {len(m.sources)} sources, {m.source_bytes:,} bytes"
    )


if __name__ == "__main__":
    main()
