"""The matcher's accuracy on real claims must not slip: `make eval`'s scorer, run with floors.

The evaluation bundle lives beside the project (`../shared/eval/dev`, read-only) and is never copied
into it; where it is absent this test skips and says so. The floors are the issue's targets where
they are met and, where they are not, a little under the last measured figure (README: "Accuracy
on real claims"), so a change that makes the matcher worse fails here before anyone reads a report.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
BUNDLE = EVAL / "dev"
CLI = Path(sys.executable).parent / "claimledger"

FLOORS = [
    "verbatim_pass=0.98",
    "perturbed_detect=0.98",
    "unsupported_detect=0.75",
    "extraction=0.98",
    # not yet at the targets (0.85, 0.12, 0.90): guard the ground gained
    "faithful_pass=0.80",
    "false_alarm=0.20",
    "perturbed_strict=0.55",
]


@pytest.mark.skipif(not (BUNDLE / "truth.jsonl").is_file() or not (EVAL / "score.py").is_file(),
                    reason=f"SKIPPED LOUDLY: no evaluation bundle at {BUNDLE}")
def test_eval_accuracy_does_not_slip(tmp_path: Path) -> None:
    run = f"{CLI} check drafts --root . --format json --offline --no-ledger --cache-dir {tmp_path / 'cache'}"
    args = [sys.executable, str(EVAL / "score.py"), str(BUNDLE), "--run", run]
    for floor in FLOORS:
        args += ["--min", floor]
    cp = subprocess.run(args, capture_output=True, text=True, timeout=600)
    summary = cp.stdout.strip().splitlines()[-1] if cp.stdout.strip() else ""
    assert cp.returncode == 0, f"{summary}\n{cp.stderr}"
