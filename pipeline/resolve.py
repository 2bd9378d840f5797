"""Reference locator -> something fetchable: a URL, a path under ``--root``, or a refusal.

Drafts cite sources in many spellings (``doi:10.1/x``, ``https://dx.doi.org/...``, a bare DOI,
``arXiv:2303.01432``, ``../data/report.pdf``, ``file:///...``). Resolving them to one canonical
target first is what lets the sources stage fetch each target once however it is spelled, and it
is the single place where the ``--root`` sandbox is enforced: a draft from an untrusted
contributor must not be able to make the checker read ``~/.ssh/id_rsa`` and quote it in a report.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit, urlunsplit

__all__ = ["Resolved", "canonical_url", "near_draft", "resolve_locator"]

_DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
_DOI_PREFIX = re.compile(r"^doi:\s*", re.I)
_DOI_HOSTS = {"doi.org", "dx.doi.org", "www.doi.org"}
_ARXIV_RE = re.compile(
    r"^arxiv:\s*((?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?)$", re.I
)
_SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


@dataclass(frozen=True, slots=True)
class Resolved:
    """Where a locator points: ``kind`` url (``url`` set), path (``path`` set) or blocked (``reason``).

    ``invalid``: a blocked locator that is not refused by policy but is no usable locator at all (a
    malformed URL or DOI), which the sources stage reports with its own kind (errors.InvalidLocator).
    """

    kind: Literal["url", "path", "blocked"]
    url: str | None = None
    path: Path | None = None
    reason: str | None = None
    invalid: bool = False

    @property
    def target(self) -> str:
        """A key equal for every locator that names the same thing (the fetch-once key)."""
        if self.kind == "url":
            return f"url:{self.url}"
        if self.kind == "path":
            return f"path:{self.path}"
        return f"blocked:{self.reason}"


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, drop the fragment and default ports.

    The fragment never reaches the server, so ``page#a`` and ``page#b`` are one fetch.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host
    if port is not None and not (scheme == "http" and port == 80) and not (scheme == "https" and port == 443):
        netloc = f"{host}:{port}"
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, parts.query, ""))


def _doi_url(doi: str) -> str:
    return "https://doi.org/" + doi.strip()


def _clean(locator: str) -> str:
    s = locator.strip()
    if s.startswith("<") and s.endswith(">"):
        s = s[1:-1].strip()
    # Trailing sentence punctuation that was never part of a URL or DOI.
    while s and s[-1] in ".,;" and len(s) > 1:
        s = s[:-1]
    return s


def resolve_locator(locator: str, root: Path) -> Resolved:
    """Resolve one locator as written in a draft; never touches the network.

    Paths are resolved (symlinks followed) and must stay inside ``root``; file:// URLs are paths.
    A path that does not exist still resolves (kind ``path``): reading it reports "file not found".
    """
    s = _clean(locator)
    if not s:
        return Resolved("blocked", reason="empty locator", invalid=True)
    if _DOI_PREFIX.match(s):
        doi = _DOI_PREFIX.sub("", s)
        if not _DOI_RE.match(doi):
            return Resolved("blocked", reason=f"not a valid DOI: {doi!r}", invalid=True)
        return Resolved("url", url=canonical_url(_doi_url(doi)))
    if _DOI_RE.match(s):
        return Resolved("url", url=canonical_url(_doi_url(s)))
    m = _ARXIV_RE.match(s)
    if m:
        return Resolved("url", url=f"https://arxiv.org/abs/{m.group(1)}")
    sm = _SCHEME_RE.match(s)
    # "C:\\x" is a Windows drive, not a scheme; everything else with a scheme is a URL.
    if sm and not (len(sm.group(1)) == 1 and s[2:3] in ("\\", "/")):
        scheme = sm.group(1).lower()
        try:
            parts = urlsplit(s)
        except ValueError as e:  # "http://[", "https://[x]/": not a URL any server has
            return Resolved("blocked", reason=f"not a valid URL: {s} ({e})", invalid=True)
        if scheme in ("http", "https"):
            if not parts.hostname:
                return Resolved("blocked", reason=f"URL without a host: {s}", invalid=True)
            try:
                _ = parts.port
            except ValueError:
                return Resolved("blocked", reason=f"URL with an invalid port: {s}", invalid=True)
            host = parts.hostname.lower()
            if host in _DOI_HOSTS and parts.path.strip("/"):
                return Resolved("url", url=canonical_url(_doi_url(unquote(parts.path.lstrip("/")))))
            return Resolved("url", url=canonical_url(s))
        if scheme == "file":
            if parts.netloc not in ("", "localhost"):
                return Resolved("blocked", reason=f"file URL on another host: {s}")
            return resolve_path(unquote(parts.path), root, shown=locator.strip())
        return Resolved("blocked", reason=f"blocked: unsupported scheme {scheme!r} (use http, https, a DOI or a path)")
    return resolve_path(s, root, shown=locator.strip())


def near_draft(locator: str, draft_dir: Path, root: Path) -> str | None:
    """The locator to use for a relative path that names a file next to its draft, or None.

    Markdown resolves a relative link against the document, so `sources/x.md` cited by
    `sub/draft.md` means `sub/sources/x.md`; that file, when it exists inside ``root`` (symlinks
    followed), wins over `sources/x.md` under ``root``. It is returned as a path from ``root``, so
    every draft citing the same file names it alike (one fetch, one ledger source). None: not a
    relative path, no such file next to the draft, or the draft's folder is ``root`` itself.
    """
    s = _clean(locator)
    if not s or s.startswith("~") or Path(s).is_absolute() or _DOI_PREFIX.match(s) or _DOI_RE.match(s) \
            or _ARXIV_RE.match(s):
        return None
    sm = _SCHEME_RE.match(s)
    if sm and not (len(sm.group(1)) == 1 and s[2:3] in ("\\", "/")):
        return None  # a URL (file:// URLs name absolute paths)
    try:
        root_real, here = root.resolve(), draft_dir.resolve()
    except (OSError, RuntimeError):
        return None
    if here == root_real:
        return None
    r = resolve_path(str(here / s), root_real, shown=s)
    if r.kind != "path" or r.path is None or not r.path.is_file():
        return None
    return Path(os.path.relpath(r.path, root_real)).as_posix()


def resolve_path(raw: str, root: Path, shown: str | None = None) -> Resolved:
    """A path relative to ``root`` (or absolute) that must stay inside ``root`` once resolved."""
    shown = shown or raw
    try:
        root_real = root.resolve(strict=False)
        p = Path(raw).expanduser() if raw.startswith("~") else Path(raw)
        candidate = p if p.is_absolute() else root_real / p
        real = candidate.resolve(strict=False)
        # "notes.md#section": the fragment is not part of the file name.
        if not real.exists() and "#" in raw:
            alt = raw.split("#", 1)[0]
            if alt:
                return resolve_path(alt, root, shown)
    except (OSError, RuntimeError, ValueError) as e:  # symlink loops, NUL bytes
        return Resolved("blocked", reason=f"blocked: cannot resolve path {shown!r}: {e}", invalid=True)
    if not real.is_relative_to(root_real):
        why = "a symlink that points" if _through_symlink(candidate, root_real) else "a path"
        return Resolved(
            "blocked",
            reason=f"blocked: {shown!r} is {why} outside --root ({root_real})",
        )
    return Resolved("path", path=real)


def _through_symlink(candidate: Path, root_real: Path) -> bool:
    """Whether leaving the root happened through a symlink (for a clearer reason)."""
    try:
        lexical = Path(*(candidate.parts))
        if ".." in lexical.parts or not lexical.is_relative_to(root_real):
            return False
        cur = Path(lexical.anchor)
        for part in lexical.parts[1:]:
            cur = cur / part
            if cur.is_symlink():
                return True
    except OSError:
        return False
    return False
