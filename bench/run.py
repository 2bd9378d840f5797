"""Issue 8's benchmark: every performance figure of claimledger, measured end to end, in one run.

Why end to end: users feel the wall time of ``claimledger check`` on their drafts, interpreter start
and report writing included, so each figure runs the real command line as a child process against a
real HTTP server (bench/server.py) serving generated corpora (bench/corpus.py) whose right verdicts
are known. Every run's verdicts are scored against that truth and printed next to the speed, so a
faster pipeline that answers wrongly shows up as such.

The figures, one line each (value, target, PASS/FAIL, or INFO where the issue sets no target):

- start-up: ``--version`` wall, ``extract`` of a small draft, ``extract`` of a 1 MB draft;
- cold run: 200 sources at 200 ms latency with ``--concurrency 32 --host-concurrency 32``, against
  the ideal ceil(200/32) x 0.2 s; interpreter start is excluded by timing from the first request the
  server sees (and, as a cross-check, by subtracting the ``--version`` wall);
- warm run: zero requests reach the server; offline run after it gives identical verdicts;
- throughput of warm runs (cache full, ledger on, JSON report) with 5 KB, 200 KB and 2 MB sources;
- scaling: wall(10x drafts and sources) / wall(1x); cost per claim as sources grow 10x;
- memory: peak RSS of a run over 100 MB of sources (per child, from ``os.wait4``'s rusage);
- the naive script (bench/naive.py) on the same corpora: wall ratio and accuracy side by side.

``--quick`` shrinks every corpus (and says so in the output); corpora are cached in bench/_work/
keyed by their configuration, so a second run skips generation. Results go to bench/results.json.

Run: ``.venv/bin/python bench/run.py [--quick]`` (``make bench``).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import math
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (bench/ is not a package: its modules import each other by path)
from server import BenchServer  # noqa: E402

# --- sizes ------------------------------------------------------------------------------------

FULL: dict[str, Any] = {
    "cold": {"drafts": 20, "claims_per_draft": 20, "sources_per_draft": 10, "source_size": 5_000},
    "t5k": {"drafts": 100, "claims_per_draft": 100, "sources_per_draft": 10, "source_size": 5_000},
    "s20k": {"drafts": 10, "claims_per_draft": 50, "sources_per_draft": 10, "source_size": 20_000},
    "s200k": {"drafts": 10, "claims_per_draft": 50, "sources_per_draft": 10, "source_size": 200_000},
    "m2mb": {
        "drafts": 10,
        "claims_per_draft": 25,
        "sources_per_draft": 5,
        "source_size": 2_000_000,
        "max_pdfs": 3,
    },
    "big_draft_bytes": 1_000_000,
}
QUICK: dict[str, Any] = {
    "cold": {"drafts": 8, "claims_per_draft": 16, "sources_per_draft": 8, "source_size": 5_000},
    "t5k": {"drafts": 20, "claims_per_draft": 50, "sources_per_draft": 10, "source_size": 5_000},
    "s20k": {"drafts": 5, "claims_per_draft": 20, "sources_per_draft": 5, "source_size": 20_000},
    "s200k": {"drafts": 5, "claims_per_draft": 20, "sources_per_draft": 5, "source_size": 200_000},
    "m2mb": {
        "drafts": 5,
        "claims_per_draft": 10,
        "sources_per_draft": 2,
        "source_size": 2_000_000,
        "max_pdfs": 1,
    },
    "big_draft_bytes": 1_000_000,
}
LATENCY = 0.2
CONCURRENCY = 32
BUDGET_S = 280.0  # default: stop starting new steps past this, so the whole run stays under 5 minutes


# --- results ----------------------------------------------------------------------------------


@dataclass
class Figure:
    """One line of the output: what was measured, against what target, and whether it holds."""

    name: str
    value: float | None
    unit: str
    target: str = ""
    ok: bool | None = None  # None: informational, or not measured
    note: str = ""

    def line(self) -> str:
        if self.value is None:
            shown = "n/a"
        elif abs(self.value) >= 100:
            shown = f"{self.value:,.0f}"
        else:
            shown = f"{self.value:.3g}"
        verdict = {True: "PASS", False: "FAIL", None: "INFO"}[self.ok]
        target = f"target {self.target}" if self.target else ""
        note = f"  ({self.note})" if self.note else ""
        return f"{verdict:4}  {self.name:<52} {shown:>10} {self.unit:<9} {target:<16}{note}"


@dataclass
class Child:
    """One child process: how long it took, how much memory it used, what it printed."""

    argv: list[str]
    rc: int | None
    wall: float
    maxrss_mb: float
    started: float
    stdout: str = ""
    stderr_tail: str = ""
    timed_out: bool = False


@dataclass
class Bench:
    """State of one benchmark run: where things go, what has been measured."""

    quick: bool
    cmd: list[str]
    work: Path
    sizes: dict[str, Any]
    started: float = field(default_factory=time.monotonic)
    figures: list[Figure] = field(default_factory=list)
    runs: dict[str, Any] = field(default_factory=dict)
    version_wall: float | None = None
    budget: float = BUDGET_S
    not_run: list[str] = field(default_factory=list)

    @property
    def server_idle(self) -> float:
        """Longer than any child may run, or a slow run would find the server gone."""
        return self.budget + 60

    def step(self, name: str, skip: set[str]) -> bool:
        """Whether to run a step; a step dropped for lack of time is recorded and said."""
        if name in skip:
            return False
        if self.over_budget():
            self.not_run.append(name)
            print(
                f"SKIP  {name}: past the {self.budget:.0f}s time budget (raise it with --budget)", flush=True
            )
            return False
        return True

    def add(self, fig: Figure) -> None:
        self.figures.append(fig)
        print(fig.line(), flush=True)

    def child_timeout(self) -> float:
        """A child may run until shortly after the budget ends: the budget is the only limit."""
        return max(10.0, self.budget + 10 - (time.monotonic() - self.started))

    def over_budget(self) -> bool:
        return time.monotonic() - self.started > self.budget


def run_child(argv: list[str], cwd: Path, timeout: float, stdout_file: Path | None = None) -> Child:
    """Run one process and measure it the way a user experiences it.

    Wall time runs from just before the spawn to the reaping; peak RSS comes from ``os.wait4``, which
    reports this one child (RUSAGE_CHILDREN would mix every child the benchmark ever reaped).
    """
    out = open(stdout_file, "wb") if stdout_file else tempfile.TemporaryFile()  # noqa: SIM115
    err = tempfile.TemporaryFile()  # noqa: SIM115  (both closed below, after the child is reaped)
    timed_out = threading.Event()
    started = time.monotonic()
    proc = subprocess.Popen(
        argv, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, start_new_session=True
    )

    def kill() -> None:
        timed_out.set()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)

    timer = threading.Timer(timeout, kill)
    timer.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - started
    timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    out.seek(0)
    err.seek(0)
    text = out.read().decode("utf-8", "replace") if not stdout_file else ""
    tail = err.read().decode("utf-8", "replace")[-800:]
    out.close()
    err.close()
    return Child(argv, proc.returncode, wall, usage.ru_maxrss / 1024, started, text, tail, timed_out.is_set())


def median_wall(argv: list[str], cwd: Path, n: int, timeout: float) -> tuple[float | None, Child]:
    """Median wall time of ``n`` runs (start-up figures are noisy; one warm-up run is discarded)."""
    walls = []
    last = run_child(argv, cwd, timeout)
    for _ in range(n):
        last = run_child(argv, cwd, timeout)
        if last.rc != 0:
            return None, last
        walls.append(last.wall)
    return statistics.median(walls), last


# --- claimledger runs -------------------------------------------------------------------------


def check_argv(b: Bench, drafts: list[str], cache: Path, db: Path | None, offline: bool = False) -> list[str]:
    argv = [*b.cmd, "check", *drafts, "--root", ".", "--format", "json", "--cache-dir", str(cache)]
    argv += ["--db", str(db)] if db else ["--no-ledger"]
    if offline:
        argv.append("--offline")
    argv += [
        "--allow-private-hosts",
        "--concurrency",
        str(CONCURRENCY),
        "--host-concurrency",
        str(CONCURRENCY),
    ]
    return argv


@dataclass
class CheckRun:
    """A ``claimledger check`` run with its server counters and its scored report."""

    child: Child
    requests: int
    first_request_at: float | None
    last_request_at: float | None
    max_in_flight: int
    report: dict | None
    claims: int
    score: dict

    @property
    def unavailable(self) -> int:
        return int((self.report or {}).get("summary", {}).get("unavailable", 0) or 0)

    @property
    def valid(self) -> bool:
        """A report, and no source unreadable: corpora have none, so any means the run measured an error."""
        return self.report is not None and self.unavailable == 0


def run_check(
    b: Bench,
    name: str,
    srv: BenchServer | None,
    root: Path,
    drafts: list[str],
    manifest: corpus.Manifest,
    cache: Path,
    db: Path | None,
    offline: bool = False,
) -> CheckRun:
    """Run ``check`` over ``drafts`` of a corpus, parse its JSON and score it against the manifest."""
    if srv:
        srv.reset()
    report_path = b.work / f"report-{name}.json"
    child = run_child(check_argv(b, drafts, cache, db, offline), root, b.child_timeout(), report_path)
    report = None
    if child.rc in (0, 1):
        try:
            report = json.loads(report_path.read_text())
        except (OSError, ValueError) as e:
            child.stderr_tail += f"\n[bench] unreadable JSON report: {e}"
    claims = sum(len(d.get("claims", [])) for d in report["documents"]) if report else 0
    score = score_report(report, manifest, set(drafts)) if report else {}
    run = CheckRun(
        child,
        srv.requests if srv else 0,
        srv.first_request_at if srv else None,
        srv.last_request_at if srv else None,
        srv.max_in_flight if srv else 0,
        report,
        claims,
        score,
    )
    b.runs[name] = {
        "argv": child.argv[len(b.cmd) :],
        "rc": child.rc,
        "wall_s": round(child.wall, 4),
        "maxrss_mb": round(child.maxrss_mb, 1),
        "requests": run.requests,
        "claims": claims,
        "summary": report.get("summary") if report else None,
        "score": score,
        "stderr_tail": child.stderr_tail if child.rc not in (0, 1) else "",
        "timed_out": child.timed_out,
    }
    if child.rc not in (0, 1):
        print(f"      [{name}] claimledger exited {child.rc}: {child.stderr_tail.strip()[-300:]}", flush=True)
    return run


def verdict_list(report: dict) -> list[tuple[str, int, int, str]]:
    """The verdicts of a report in document order, for comparing two runs."""
    return [
        (d["path"], c["line"], c["column"], c["verdict"])
        for d in report["documents"]
        for c in d.get("claims", [])
    ]


def score_report(report: dict, manifest: corpus.Manifest, drafts: set[str]) -> dict:
    """How many of the generator's claims got their expected verdict.

    Claims are paired by draft, line and figure text; where the tool writes the figure differently,
    by their order within the line.
    """
    truth: dict[tuple[str, int], list[corpus.ClaimTruth]] = {}
    for c in manifest.claims:
        if c.draft in drafts:
            truth.setdefault((c.draft, c.line), []).append(c)
    got: dict[tuple[str, int], list[dict]] = {}
    for d in report["documents"]:
        path = Path(d["path"]).as_posix().removeprefix("./")
        for c in d.get("claims", []):
            got.setdefault((path, c["line"]), []).append(c)
    correct = missing = 0
    by_expected: dict[str, list[int]] = {}
    confusion: dict[str, int] = {}
    extra = sum(max(0, len(v) - len(truth.get(k, []))) for k, v in got.items())
    for key, expected in truth.items():
        found = sorted(got.get(key, []), key=lambda c: c.get("column", 0))
        same_count = len(found) == len(expected)
        for i, t in enumerate(expected):
            if same_count:  # the same figures in the same order: pair by position (texts may repeat)
                c = found[i]
            else:  # the tool saw more or fewer figures on this line: pair by text, first unused
                c = next((f for f in found if f.get("quantity", {}).get("text") == t.text), None)
                if c is not None:
                    found.remove(c)
            hits = by_expected.setdefault(t.expected, [0, 0])
            hits[1] += 1
            if c is None:
                missing += 1
                continue
            confusion[f"{t.expected}->{c.get('verdict')}"] = (
                confusion.get(f"{t.expected}->{c.get('verdict')}", 0) + 1
            )
            if c.get("verdict") == t.expected:
                correct += 1
                hits[0] += 1
    total = sum(len(v) for v in truth.values())
    return {
        "expected_claims": total,
        "correct": correct,
        "missing": missing,
        "extra": extra,
        "accuracy": round(correct / total, 4) if total else None,
        "by_expected": {k: {"correct": v[0], "of": v[1]} for k, v in sorted(by_expected.items())},
        "confusion": dict(sorted(confusion.items())),
    }


def run_naive(
    b: Bench, name: str, srv: BenchServer, root: Path, manifest: corpus.Manifest
) -> tuple[Child, dict]:
    """Run bench/naive.py over a corpus and score it like claimledger."""
    srv.reset()
    out = b.work / f"naive-{name}.json"
    argv = [sys.executable, str(HERE / "naive.py"), *manifest.drafts, "--root", ".", "-o", str(out)]
    child = run_child(argv, root, b.child_timeout())
    score: dict = {}
    if child.rc == 0:
        data = json.loads(out.read_text())
        for d in data["documents"]:
            for c in d["claims"]:
                c["quantity"] = {"text": c["text"]}
                c["column"] = 0
        score = score_report(data, manifest, set(manifest.drafts))
    b.runs[f"naive-{name}"] = {
        "wall_s": round(child.wall, 4),
        "rc": child.rc,
        "requests": srv.requests,
        "score": score,
    }
    return child, score


# --- corpora ----------------------------------------------------------------------------------


def get_corpus(b: Bench, key: str, base_url: str) -> tuple[Path, corpus.Manifest]:
    """Generate a corpus once per configuration (cached in bench/_work/corpora) and point it at the server."""
    cfg = corpus.CorpusConfig(**b.sizes[key], seed=8, base_url=base_url)
    digest = hashlib.sha256(
        json.dumps({**asdict(cfg), "base_url": None}, sort_keys=True).encode()
    ).hexdigest()[:12]
    root = REPO / "bench" / "_work" / "corpora" / f"{key}-{digest}"
    if (root / "manifest.json").exists():
        return root, corpus.rebase(root, base_url)
    shutil.rmtree(root, ignore_errors=True)
    t = time.monotonic()
    m = corpus.generate(root, cfg)
    print(
        f"      generated {key}: {len(m.drafts)} drafts, {len(m.claims):,} claims, {len(m.sources)} sources, "
        f"{m.source_bytes / 1e6:.1f} MB in {time.monotonic() - t:.1f}s",
        flush=True,
    )
    return root, m


def _acc(score: dict, run: CheckRun | None = None) -> str:
    text = f"accuracy {score['accuracy']:.0%}" if score.get("accuracy") is not None else "unscored"
    if run is not None and run.unavailable:
        text += f"; INVALID: {run.unavailable} claims unavailable"
    return text


# --- the figures ------------------------------------------------------------------------------


def startup_figures(b: Bench) -> None:
    """--version, extract of a small draft, extract of a 1 MB draft."""
    t = b.child_timeout()
    wall, child = median_wall([*b.cmd, "--version"], REPO, 5, t)
    b.version_wall = wall
    b.add(
        Figure(
            "start-up: claimledger --version (median of 5)",
            wall,
            "s",
            "<= 0.25",
            wall is not None and wall <= 0.25,
        )
    )
    small = REPO / "examples" / "newsletter.md"
    wall, child = median_wall([*b.cmd, "extract", str(small), "--format", "json"], REPO, 3, t)
    note = (
        "examples/newsletter.md" if wall is not None else f"rc {child.rc}: {child.stderr_tail.strip()[-120:]}"
    )
    b.add(
        Figure(
            "start-up: extract of a small draft (median of 3)",
            wall,
            "s",
            "<= 0.5",
            wall is not None and wall <= 0.5,
            note,
        )
    )
    big = b.work / "big-draft.md"
    n = corpus.big_draft(big, b.sizes["big_draft_bytes"])
    wall, child = median_wall([*b.cmd, "extract", str(big), "--format", "json"], b.work, 3, t)
    claims = None
    if wall is not None:
        with contextlib.suppress(ValueError, KeyError):
            claims = sum(len(d["claims"]) for d in json.loads(child.stdout)["documents"])
    note = f"{big.stat().st_size / 1e6:.2f} MB, {n:,} figures written, {claims if claims is not None else '?'} extracted"
    if wall is None:
        note += f"; rc {child.rc}: {child.stderr_tail.strip()[-120:]}"
    b.add(
        Figure(
            "start-up: extract of a 1 MB draft (median of 3)",
            wall,
            "s",
            "< 1.0",
            wall is not None and wall < 1.0,
            note,
        )
    )


def cold_figures(b: Bench) -> None:
    """Cold run against the ideal, then warm (zero requests), offline (same verdicts) and the naive script."""
    with BenchServer(b.work, latency=LATENCY, idle_timeout=b.server_idle) as srv:
        root, m = get_corpus(b, "cold", srv.url)
        srv.serve_root(root)
        n_sources = len(m.sources)
        ideal = math.ceil(n_sources / CONCURRENCY) * LATENCY
        cl_wall = None
        cold = None
        cache = b.work / "cache-cold"
        shutil.rmtree(cache, ignore_errors=True)
        cold = run_check(b, "cold", srv, root, m.drafts, m, cache, None)
        if cold.report and cold.first_request_at is not None:
            cl_wall = cold.child.wall
            startup = cold.first_request_at - cold.child.started
            ratio = (cold.child.wall - startup) / ideal
            b.runs["cold"].update({"startup_to_first_request_s": round(startup, 4), "ideal_s": ideal})
            b.add(
                Figure(
                    f"cold run / network ideal ({n_sources} sources, {LATENCY * 1000:.0f} ms, c={CONCURRENCY})",
                    ratio,
                    "x",
                    "<= 1.2",
                    ratio <= 1.2 and cold.valid,
                    f"wall {cold.child.wall:.2f}s - start {startup:.2f}s vs ideal {ideal:.2f}s; "
                    f"{cold.requests} requests; {_acc(cold.score, cold)}",
                )
            )
            if cold.last_request_at is not None:
                span = (cold.last_request_at + LATENCY - cold.first_request_at) / ideal
                b.add(
                    Figure(
                        "cold run: fetch span at the server / ideal",
                        span,
                        "x",
                        "",
                        None,
                        f"first request to last answer: the network phase alone; "
                        f"at most {cold.max_in_flight} requests in flight",
                    )
                )
            if b.version_wall is not None:
                alt = (cold.child.wall - b.version_wall) / ideal
                b.add(
                    Figure("cold run / ideal, minus --version wall instead", alt, "x", "<= 1.2", alt <= 1.2)
                )
            b.add(
                Figure(
                    "cold run: process start to first request",
                    startup,
                    "s",
                    "",
                    None,
                    "interpreter start and set-up",
                )
            )
        else:
            b.add(Figure("cold run / network ideal", None, "x", "<= 1.2", False, _failure(cold)))
        db = b.work / "ledger-cold.db"
        db.unlink(missing_ok=True)
        warm = run_check(b, "cold-warm", srv, root, m.drafts, m, cache, db)
        b.add(
            Figure(
                "warm run: requests reaching the server",
                float(warm.requests) if warm.report else None,
                "req",
                "== 0",
                warm.valid and warm.requests == 0,
                f"wall {warm.child.wall:.2f}s; {_acc(warm.score, warm)}",
            )
        )
        off = run_check(b, "cold-offline", None, root, m.drafts, m, cache, None, offline=True)
        if warm.report and off.report:
            a, o = verdict_list(warm.report), verdict_list(off.report)
            diff = sum(x != y for x, y in zip(a, o, strict=False)) + abs(len(a) - len(o))
            b.add(
                Figure(
                    "offline run after warm: verdicts differing",
                    float(diff),
                    "claims",
                    "== 0",
                    diff == 0,
                    f"of {len(a)}",
                )
            )
        else:
            b.add(
                Figure(
                    "offline run after warm: verdicts differing", None, "claims", "== 0", False, _failure(off)
                )
            )
        if not b.step("naive on the cold corpus", set()):
            return
        srv.reset(latency=LATENCY)
        naive, score = run_naive(b, "cold", srv, root, m)
        note = f"naive {naive.wall:.2f}s, {_acc(score)}"
        if cl_wall:
            b.add(
                Figure(
                    "naive script / claimledger, cold corpus (wall)",
                    naive.wall / cl_wall,
                    "x",
                    "",
                    None,
                    note + f"; claimledger {cl_wall:.2f}s, {_acc(cold.score if cold else {})}",
                )
            )
        else:
            b.add(Figure("naive script, cold corpus (wall)", naive.wall, "s", "", None, note))


def _failure(run: CheckRun) -> str:
    if run.child.timed_out:
        return f"killed at the time limit after {run.child.wall:.0f}s"
    if run.report is not None and run.unavailable:
        return f"{run.unavailable} claims unavailable: the run measured an error"
    return f"rc {run.child.rc}: {run.child.stderr_tail.strip()[-160:]}"


def warm_pair(
    b: Bench, key: str, srv: BenchServer
) -> tuple[Path, corpus.Manifest, CheckRun, CheckRun | None]:
    """Prime the cache with a cold run (no latency), then do the measured warm run (ledger on, JSON)."""
    root, m = get_corpus(b, key, srv.url)
    srv.serve_root(root)
    cache = b.work / f"cache-{key}"
    shutil.rmtree(cache, ignore_errors=True)
    prime = run_check(b, f"{key}-prime", srv, root, m.drafts, m, cache, None)
    if prime.report is None:
        return root, m, prime, None
    db = b.work / f"ledger-{key}.db"
    db.unlink(missing_ok=True)
    warm = run_check(b, f"{key}-warm", srv, root, m.drafts, m, cache, db)
    return root, m, prime, warm


def throughput_figures(b: Bench, srv: BenchServer) -> None:
    """Warm throughput with 5 KB sources, scaling 1x -> 10x, and the naive script on the same corpus."""
    root, m, prime, warm = warm_pair(b, "t5k", srv)
    if not (warm and warm.report):
        b.add(
            Figure(
                "warm throughput, 5 KB sources", None, "claims/s", ">= 5,000", False, _failure(warm or prime)
            )
        )
        return
    rate = warm.claims / warm.child.wall
    b.add(
        Figure(
            f"warm throughput, 5 KB sources ({warm.claims:,} claims)",
            rate,
            "claims/s",
            ">= 5,000",
            rate >= 5000 and warm.valid,
            f"wall {warm.child.wall:.2f}s, {len(m.sources)} sources, {warm.requests} requests; {_acc(warm.score, warm)}",
        )
    )
    one_x = m.drafts[: max(1, len(m.drafts) // 10)]
    # the 1x run is short, so start-up noise weighs on it: take the median of three
    smalls = [run_check(b, "t5k-warm-1x", srv, root, one_x, m, b.work / "cache-t5k", None) for _ in range(3)]
    small = sorted(smalls, key=lambda r: r.child.wall)[1]
    if all(r.report for r in smalls):
        ratio = warm.child.wall / small.child.wall
        note = f"{len(one_x)} vs {len(m.drafts)} drafts: {small.child.wall:.2f}s vs {warm.child.wall:.2f}s"
        if b.version_wall is not None:
            net = (warm.child.wall - b.version_wall) / max(1e-6, small.child.wall - b.version_wall)
            note += f"; minus start-up {net:.2f}x"
        ok = ratio <= 11 and warm.valid and all(r.valid for r in smalls)
        b.add(Figure("scaling: wall(10x drafts+sources) / wall(1x), warm", ratio, "x", "<= 11", ok, note))
    if not b.step("naive on the 5 KB corpus", set()):
        return
    naive, score = run_naive(b, "t5k", srv, root, m)
    b.add(
        Figure(
            "naive script / claimledger warm, 5 KB corpus (wall)",
            naive.wall / warm.child.wall,
            "x",
            "",
            None,
            f"naive {naive.wall:.2f}s (fetches, no cache), {_acc(score)}; claimledger {_acc(warm.score, warm)}",
        )
    )


def memory_figures(b: Bench, srv: BenchServer) -> None:
    """Peak RSS over 100 MB of 2 MB sources (cold and warm run), and warm throughput with them."""
    _, m, prime, warm = warm_pair(b, "m2mb", srv)
    total_mb = m.source_bytes / 1e6
    quick = " (quick: smaller total than the 100 MB of the issue)" if b.quick else ""
    if prime.valid or prime.child.timed_out:
        rss = max(prime.child.maxrss_mb, warm.child.maxrss_mb if warm else 0.0)
        warm_rss = f"{warm.child.maxrss_mb:.0f} MB" if warm else "not run"
        note = f"cold {prime.child.maxrss_mb:.0f} MB ({prime.child.wall:.0f}s), warm {warm_rss}"
        if prime.child.timed_out:
            note += f"; cold run {_failure(prime)}, so this is a lower bound"
        b.add(
            Figure(
                f"peak RSS over {total_mb:.0f} MB of sources{quick}", rss, "MB", "<= 300", rss <= 300, note
            )
        )
    else:
        b.add(
            Figure(
                f"peak RSS over {total_mb:.0f} MB of sources", None, "MB", "<= 300", False, _failure(prime)
            )
        )
    if warm and warm.valid:
        rate = warm.claims / warm.child.wall
        b.add(
            Figure(
                f"warm throughput, 2 MB sources ({warm.claims:,} claims)",
                rate,
                "claims/s",
                "",
                None,
                f"wall {warm.child.wall:.2f}s; {_acc(warm.score, warm)}",
            )
        )


def size_figures(b: Bench, srv: BenchServer) -> None:
    """Sources 10x larger, same draft shape: cost per claim should stay flat; throughput at 200 KB."""
    per_claim: dict[str, float] = {}
    for key in ("s20k", "s200k"):
        if not b.step(f"size: {key}", set()):
            return
        _, m, prime, warm = warm_pair(b, key, srv)
        if not (warm and warm.valid and warm.claims):
            b.add(Figure(f"warm run {key}", None, "", "", False, _failure(warm or prime)))
            return
        per_claim[key] = max(1e-9, warm.child.wall - (b.version_wall or 0.0)) / warm.claims
        if key == "s200k":
            rate = warm.claims / warm.child.wall
            b.add(
                Figure(
                    f"warm throughput, 200 KB sources ({warm.claims:,} claims)",
                    rate,
                    "claims/s",
                    "",
                    None,
                    f"wall {warm.child.wall:.2f}s, {m.source_bytes / 1e6:.0f} MB; {_acc(warm.score, warm)}",
                )
            )
    ratio = per_claim["s200k"] / per_claim["s20k"]
    b.add(
        Figure(
            "cost per claim, 200 KB / 20 KB sources (warm)",
            ratio,
            "x",
            "flat (<= 1.5)",
            ratio <= 1.5,
            f"{per_claim['s20k'] * 1000:.2f} ms vs {per_claim['s200k'] * 1000:.2f} ms per claim, "
            "start-up excluded; includes reading the sources",
        )
    )


def warm_figures(b: Bench, skip: set[str]) -> None:
    """The warm-run figures, most important first (the time budget may cut the tail)."""
    with BenchServer(b.work, latency=0.0, idle_timeout=b.server_idle) as srv:
        for name, step in (
            ("throughput", throughput_figures),
            ("size", size_figures),
            ("memory", memory_figures),
        ):
            if b.step(name, skip):
                step(b, srv)
    warm_requests = [v["requests"] for k, v in b.runs.items() if k.endswith(("-warm", "-warm-1x"))]
    if warm_requests:
        b.add(
            Figure(
                "all warm runs: requests reaching the server",
                float(sum(warm_requests)),
                "req",
                "== 0",
                sum(warm_requests) == 0,
                f"{len(warm_requests)} warm runs",
            )
        )


def harness_only(b: Bench) -> None:
    """Without a working pipeline: exercise the corpus, the server and the naive script alone."""
    with BenchServer(b.work, latency=LATENCY, idle_timeout=b.server_idle) as srv:
        root, m = get_corpus(b, "cold", srv.url)
        srv.serve_root(root)
        naive, score = run_naive(b, "cold", srv, root, m)
        ideal = len(m.sources) * LATENCY
        b.add(
            Figure(
                f"naive script, cold corpus ({len(m.sources)} sources, {LATENCY * 1000:.0f} ms)",
                naive.wall,
                "s",
                "",
                None,
                f"sequential floor {ideal:.1f}s; {srv.requests} requests; {_acc(score)}",
            )
        )


def find_cmd(explicit: str | None) -> list[str]:
    """The claimledger command: --cmd, else the venv's console script, else the package's main()."""
    if explicit:
        return explicit.split()
    script = REPO / ".venv" / "bin" / "claimledger"
    if script.exists():
        return [str(script)]
    found = shutil.which("claimledger")
    if found:
        return [found]
    return [sys.executable, "-c", "import sys; from pipeline.cli import main; sys.exit(main())"]


def pipeline_works(b: Bench) -> tuple[bool, str]:
    """A tiny end-to-end check on a local-path corpus: does ``check --format json`` produce a report?"""
    v = run_child([*b.cmd, "--version"], REPO, 30)
    if v.rc != 0:
        return False, f"--version exited {v.rc}: {v.stderr_tail.strip()[-200:]}"
    root = b.work / "smoke"
    shutil.rmtree(root, ignore_errors=True)
    m = corpus.generate(
        root,
        corpus.CorpusConfig(
            drafts=1, claims_per_draft=5, sources_per_draft=2, base_url=None, formats={"text": 1.0}
        ),
    )
    c = run_child(
        [
            *b.cmd,
            "check",
            *m.drafts,
            "--root",
            ".",
            "--format",
            "json",
            "--no-ledger",
            "--cache-dir",
            str(b.work / "cache-smoke"),
        ],
        root,
        60,
    )
    if c.rc not in (0, 1):
        return False, f"check exited {c.rc}: {c.stderr_tail.strip()[-200:]}"
    try:
        json.loads(c.stdout)["documents"]
    except (ValueError, KeyError) as e:
        return False, f"check printed no JSON report ({e})"
    return True, v.stdout.strip()


def main() -> int:
    """Run every figure, print one line each, write bench/results.json."""
    ap = argparse.ArgumentParser(description="claimledger benchmark (issue 8)")
    ap.add_argument("--quick", action="store_true", help="smaller corpora (minutes -> tens of seconds)")
    ap.add_argument("--cmd", help="claimledger command line to benchmark (default: .venv/bin/claimledger)")
    ap.add_argument("--out", type=Path, default=HERE / "results.json")
    ap.add_argument("--skip", default="", help="comma-separated: startup,cold,throughput,size,memory")
    ap.add_argument(
        "--budget",
        type=float,
        default=BUDGET_S,
        help="seconds after which no new step starts (default %(default)s)",
    )
    a = ap.parse_args()
    sizes = QUICK if a.quick else FULL
    work = HERE / "_work" / ("run-quick" if a.quick else "run")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    b = Bench(quick=a.quick, cmd=find_cmd(a.cmd), work=work, sizes=sizes, budget=a.budget)
    skip = set(filter(None, a.skip.split(",")))
    print(
        f"claimledger benchmark ({'quick' if a.quick else 'full'}), {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f}; command: {' '.join(b.cmd)}",
        flush=True,
    )
    ok, why = pipeline_works(b)
    print(f"      pipeline: {'works' if ok else 'NOT AVAILABLE'} ({why})", flush=True)
    if ok:
        if b.step("startup", skip):
            startup_figures(b)
        if b.step("cold", skip):
            cold_figures(b)
        warm_figures(b, skip)
    else:
        harness_only(b)
    elapsed = time.monotonic() - b.started
    result = {
        "schema": "claimledger.bench/1",
        "mode": "quick" if a.quick else "full",
        "pipeline": {"available": ok, "detail": why, "command": b.cmd},
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average_at_start": os.getloadavg()[0],
        },
        "elapsed_s": round(elapsed, 2),
        "figures": [asdict(f) for f in b.figures],
        "not_run_time_budget": b.not_run,
        "runs": b.runs,
        "sizes": sizes,
    }
    a.out.write_text(json.dumps(result, indent=1))
    failed = sum(f.ok is False for f in b.figures)
    dropped = f", steps dropped for time: {','.join(b.not_run)}" if b.not_run else ""
    print(
        f"      {len(b.figures)} figures, {failed} failing{dropped}, {elapsed:.0f}s; results in {a.out}",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
