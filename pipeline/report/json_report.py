"""The contract's JSON report (schema claimledger.report/1)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..config import Options
    from ..model import RunResult


def render(result: RunResult, options: Options | None = None) -> str:
    # No indent: with it json uses its pure-Python encoder, five times slower on a large report
    # (pipe through `jq` or `python -m json.tool` to read it).
    return json.dumps(result.to_json(), ensure_ascii=False) + "\n"
