"""The data every stage shares.

The pipeline flows one way (draft -> claims -> sources -> verdicts -> ledger -> report), and each
stage hands the next one of these plain dataclasses. Keeping them free of behaviour (beyond
serialisation) is what lets the pure stages be tested without I/O and every report format be a
formatter over the same :class:`RunResult`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from .errors import ErrorKind

Kind = Literal["percent", "proportion", "currency", "multiplier", "count", "year", "duration", "number"]
Scope = Literal["sentence", "paragraph", "block"]
DraftFormat = Literal["markdown", "text", "html"]
Qualifier = Literal["about", "min", "max"]
VerdictName = Literal["verified", "approximate", "misquote", "not_found", "unavailable", "uncited"]
SourceStatus = Literal["ok", "error", "blocked", "skipped"]
#: Why a claim or finding is left out of the editor's report (the ledger still records it):
#: an inline ``claimledger-disable`` comment, the baseline, or a line ``--changed-lines`` did not touch.
SuppressedBy = Literal["inline", "baseline", "changed_lines"]
SUPPRESSED_BY: tuple[SuppressedBy, ...] = ("inline", "baseline", "changed_lines")

VERDICTS: tuple[str, ...] = ("verified", "approximate", "misquote", "not_found", "unavailable", "uncited")
FINDING_KINDS: tuple[str, ...] = (
    "dangling_citation",
    "unused_reference",
    "bad_reference",
    "source_changed",
    "inconsistent_figures",
)
#: Most severe first: formatters that must truncate (GitHub annotations) emit in this order.
SEVERITY_ORDER: tuple[str, ...] = (
    "misquote",
    "not_found",
    "unavailable",
    "dangling_citation",
    "bad_reference",
    "inconsistent_figures",
    "source_changed",
    "uncited",
    "unused_reference",
    "approximate",
    "verified",
)


@dataclass(slots=True)
class Quantity:
    """One figure as written, with its value normalised.

    ``start``/``end`` are character offsets into the text the figure was found in: for a claim, the
    whole draft (:attr:`Document.text`; extraction rebases them there), for a figure of a source
    index, its passage. They never leave this process: the JSON report carries line and column. ``low``/``high`` are equal for a single value and span a range ("$1-2 million").
    ``qualifier`` keeps the hedge's direction ("over" -> "min", "up to" -> "max", "about" ->
    "about") because "over 10 billion" is supported by 12 billion but "about 10 billion" is not.
    ``per`` is a rate's period where the text gives one ("month" in "10 billion tokens per month").
    """

    text: str
    kind: Kind
    low: float
    high: float
    unit: str | None = None
    approx: bool = False
    start: int = 0
    end: int = 0
    qualifier: Qualifier | None = None
    per: str | None = None
    scale: str | None = None  # the magnitude word as written: "million", "bn", "k"...
    #: what the figure measures (pipeline.dimensions.DIMENSIONS); "" = implied by kind and unit
    dimension: str = ""

    def to_json(self) -> dict[str, Any]:
        from .dimensions import dimension_of

        return {
            "text": self.text,
            "kind": self.kind,
            "dimension": dimension_of(self),
            "low": self.low,
            "high": self.high,
            "unit": self.unit,
            "approx": self.approx,
        }


@dataclass(slots=True)
class Citation:
    key: str
    scope: Scope
    line: int | None = None  # where the marker stands (1-based), None for scopes without a marker
    column: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "scope": self.scope}


@dataclass(slots=True)
class Reference:
    """An entry of the draft's reference list (or a link definition, or a `Source:` line)."""

    key: str
    line: int
    title: str | None = None
    locator: str | None = None  # URL, doi:..., or a path relative to --root; None = bad_reference
    status: SourceStatus | None = None  # the status of its source, set by `run`; None in `extract`

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "line": self.line, "title": self.title, "locator": self.locator,
                "status": self.status}


@dataclass(slots=True)
class Evidence:
    key: str
    locator: str
    excerpt: str
    value_text: str | None
    score: float

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "locator": self.locator, "excerpt": self.excerpt,
                "value_text": self.value_text, "score": round(self.score, 1)}


@dataclass(slots=True)
class Claim:
    id: str
    line: int
    column: int
    end_line: int
    end_column: int
    sentence: str
    quantity: Quantity
    citations: list[Citation] = field(default_factory=list)
    verdict: VerdictName | None = None
    confidence: float | None = None
    evidence: Evidence | None = None
    suggestion: str | None = None
    message: str | None = None
    #: verdicts silenced by an inline `claimledger-disable` comment ("*" = all); set by extraction
    disabled: tuple[str, ...] = ()
    #: every figure of the claim's sentence, offsets into `sentence` (set by extraction; the judge
    #: reads the claim's companions from it), and which of them is the claim's (-1: unknown)
    figures: tuple[Quantity, ...] = ()
    figure: int = -1
    #: how a figure computed from the source was checked (operation, operands with their source
    #: offsets, result, formula), or None for a figure judged as stated
    derivation: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "sentence": self.sentence,
            "quantity": self.quantity.to_json(),
            "citations": [c.to_json() for c in self.citations],
            "verdict": self.verdict,
            "confidence": None if self.confidence is None else round(self.confidence, 2),
            "evidence": self.evidence.to_json() if self.evidence else None,
            "suggestion": self.suggestion,
            "derivation": self.derivation,
            "message": self.message,
        }


@dataclass(slots=True)
class Finding:
    """A finding about the document rather than one claim."""

    kind: str
    key: str | None
    line: int
    column: int
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "key": self.key, "line": self.line, "column": self.column,
                "message": self.message}


@dataclass(slots=True)
class Document:
    path: str  # as given on the command line (or found under a folder argument)
    sha256: str
    text: str  # the decoded draft, "\n" line endings; positions in claims refer to it
    format: DraftFormat = "markdown"
    title: str | None = None
    claims: list[Claim] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: lines silenced by inline ``claimledger-disable`` comments: line -> verdict or finding kinds
    #: silenced there ("*" = all). Claims carry their own (``Claim.disabled``); findings are looked up here.
    disabled: dict[int, tuple[str, ...]] = field(default_factory=dict)

    def reference(self, key: str) -> Reference | None:
        for r in self.references:
            if r.key == key:
                return r
        return None

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "sha256": self.sha256,
            "claims": [c.to_json() for c in self.claims],
            "findings": [f.to_json() for f in self.findings],
            "references": [r.to_json() for r in self.references],
        }


@dataclass(slots=True)
class Source:
    """One distinct locator after the sources stage: readable text, or the reason why not."""

    locator: str
    status: SourceStatus
    final_url: str | None = None
    from_cache: bool = False
    http_status: int | None = None
    content_type: str | None = None
    sha256: str | None = None
    error: str | None = None
    #: what kind of failure ``error`` is (None when status is "ok"); the closed set is errors.ErrorKind
    error_kind: ErrorKind | None = None
    fetched_at: str | None = None  # ISO-8601 UTC of the snapshot's fetch
    size: int | None = None
    title: str | None = None
    #: main text, normalised (reading.normalise_text); None unless status == "ok"
    text: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "locator": self.locator,
            "final_url": self.final_url,
            "status": self.status,
            "from_cache": self.from_cache,
            "http_status": self.http_status,
            "content_type": self.content_type,
            "sha256": self.sha256,
            "error": self.error,
            "error_kind": self.error_kind,
        }

    @property
    def index_key(self) -> str:
        """The key of this source's matching index: its content hash, so every locator serving the
        same bytes shares one index, else (no hash) its locator."""
        return self.sha256 or self.locator


@dataclass(slots=True, frozen=True)
class Verdict:
    """What the judge concluded about one claim (the judge returns these; `run` puts them on the claims)."""

    claim_id: str
    verdict: VerdictName
    confidence: float
    message: str
    evidence: Evidence | None = None
    suggestion: str | None = None
    #: how a figure computed from the source was checked (Claim.derivation)
    derivation: dict[str, Any] | None = None


@dataclass(slots=True)
class Suppressed:
    """A claim or finding the run judged but the editor's report leaves out, and why."""

    document: Document
    item: Claim | Finding
    by: SuppressedBy


@dataclass(slots=True)
class BaselineOutcome:
    """What applying a baseline file did: its bookkeeping, which ``baseline check`` prints."""

    path: str
    #: claims and findings it accepted (suppressed)
    accepted: int = 0
    #: entries that matched but whose waiver ran out (their findings fail again), as "path:line kind text"
    expired: list[str] = field(default_factory=list)
    #: fingerprints of entries that matched nothing in this run (fixed: the file can be pruned)
    stale: list[str] = field(default_factory=list)


@dataclass(slots=True)
class RunResult:
    run_id: str
    started_at: str
    finished_at: str
    tool_version: str
    documents: list[Document] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    #: "check" (full), "extract" (no verdicts, no sources), "sources"
    mode: str = "check"
    #: the options the run was made with (every field of config.Options): stored as the run's options
    options: dict[str, Any] = field(default_factory=dict)
    #: one-line warnings of the run (skipped drafts, extraction, an unwritable cache, expired
    #: waivers), in the order they arose; the CLI prints them, the API only collects them
    warnings: list[str] = field(default_factory=list)
    #: what the run judged but the report leaves out (documents hold only what is shown)
    suppressed: list[Suppressed] = field(default_factory=list)
    #: the baseline's bookkeeping, when a baseline was applied
    baseline: BaselineOutcome | None = None

    def claims(self) -> list[tuple[Document, Claim]]:
        return [(d, c) for d in self.documents for c in d.claims]

    def suppressed_counts(self) -> dict[SuppressedBy, int]:
        """How many claims and findings each reason left out (reasons with none are absent)."""
        out: dict[SuppressedBy, int] = {}
        for s in self.suppressed:
            out[s.by] = out.get(s.by, 0) + 1
        return out

    def summary(self) -> dict[str, int]:
        out = {"documents": len(self.documents), "claims": sum(len(d.claims) for d in self.documents)}
        for v in VERDICTS:
            out[v] = sum(1 for d in self.documents for c in d.claims if c.verdict == v)
        return out

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "schema": "claimledger.report/1",
            "tool": {"name": "claimledger", "version": self.tool_version},
            "run": {"id": self.run_id, "started_at": self.started_at, "finished_at": self.finished_at},
            "documents": [d.to_json() for d in self.documents],
        }
        if self.mode != "extract":
            out["sources"] = [s.to_json() for s in self.sources]
        out["summary"] = self.summary()
        return out
