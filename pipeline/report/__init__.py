"""Report formatters: one module per format, each `render(result, options) -> str`.

All of them read the same :class:`~pipeline.model.RunResult`, so a verdict can never say one thing
in the terminal and another in SARIF.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..config import Options
    from ..model import RunResult

_MODULES = {"text": "text", "json": "json_report", "markdown": "markdown", "sarif": "sarif",
            "github": "github", "junit": "junit", "html": "html"}


def render(result: RunResult, fmt: str, options: Options) -> str:
    try:
        module = importlib.import_module(f"pipeline.report.{_MODULES[fmt]}")
    except KeyError:
        from ..errors import ConfigError

        raise ConfigError(f"unknown format {fmt!r}") from None
    text: str = module.render(result, options)
    return text
