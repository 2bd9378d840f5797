"""``claimledger cache stats|prune``: look after the source cache without opening it by hand.

A typer sub-app that pipeline/cli/app.py mounts with ``app.add_typer(cache_app, name="cache")``. Imports stay
inside the commands so ``claimledger --version`` does not pay for them.
"""

from __future__ import annotations

import typer

from .help import APP_SETTINGS, READ_EPILOG, Command
from .options import All, AsJson, CacheDir, D, OlderThan

cache_app = typer.Typer(name="cache", help="Inspect or prune the source cache.", **APP_SETTINGS)


@cache_app.command("stats", cls=Command, epilog=READ_EPILOG)
def stats(cache_dir: CacheDir = D.cache_dir, as_json: AsJson = False) -> None:
    """Entries, bodies, extracted texts and their sizes."""
    import json
    from pathlib import Path

    from ..cache import Cache

    if not Path(cache_dir).is_dir():
        typer.echo(f"no cache at {cache_dir}", err=True)
        raise typer.Exit(0)
    s = Cache(cache_dir).stats()
    if as_json:
        typer.echo(json.dumps(s, indent=2))
        return
    typer.echo(f"cache:    {s['directory']}")
    typer.echo(f"entries:  {s['entries']} URL(s)" + (f", {s['corrupt_entries']} corrupt" if s["corrupt_entries"] else ""))
    typer.echo(f"bodies:   {s['objects']} ({_human(s['object_bytes'])})")
    typer.echo(f"texts:    {s['texts']} ({_human(s['text_bytes'])})")
    if s["oldest"]:
        typer.echo(f"fetched:  {s['oldest']} .. {s['newest']}")


@cache_app.command("prune", cls=Command, epilog=READ_EPILOG)
def prune(cache_dir: CacheDir = D.cache_dir, older_than: OlderThan = None, all_: All = False) -> None:
    """Remove old entries (or all) and the bodies and texts nothing refers to any more."""
    from pathlib import Path

    from ..cache import Cache

    if not Path(cache_dir).is_dir():
        typer.echo(f"no cache at {cache_dir}", err=True)
        return
    removed = Cache(cache_dir).prune(older_than_days=older_than, all=all_)
    typer.echo(f"removed {removed['entries']} entr{'y' if removed['entries'] == 1 else 'ies'}, "
               f"{removed['objects']} bod{'y' if removed['objects'] == 1 else 'ies'}, "
               f"{removed['texts']} text(s)")


def _human(n: int) -> str:
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"
