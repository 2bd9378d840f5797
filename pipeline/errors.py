"""Every exception claimledger raises on purpose, in one hierarchy, and every source failure's kind.

Two families under :class:`ClaimledgerError`:

* :class:`UserError`: a problem with the input or the options. It reaches the terminal as one line
  on stderr and exit code 2 (the contract's "the run itself failed"). Anything else that escapes a
  run is a bug, which the CLI also keeps to one line, but tests look for these types.
* :class:`SourceFailure`: why one cited source could not be read. It never stops a run: the sources
  stage turns it into the source's ``status``, ``error`` (the message) and ``error_kind``.

Why kinds: "timed out" and "HTTP 404" differ for a researcher asking the ledger which sources time
out, and a free-text message cannot be grouped. So this file is the one place where a failure gets
its kind: each kind is the ``kind`` of exactly one class below (its docstring says what it covers),
and the code that detects a failure only chooses the class. ``ERROR_KINDS`` is the closed set, in
the order the documentation lists it; a test checks it against :data:`ErrorKind` and the classes.
"""

from __future__ import annotations

from typing import ClassVar, Literal

#: The closed set of ``Source.error_kind`` values (see the classes below for what each covers).
ErrorKind = Literal[
    "timeout", "dns", "connection", "tls", "http_status", "redirect", "blocked", "invalid_locator",
    "too_large", "unsupported_type", "unreadable", "login_wall", "not_found_file", "unreadable_file",
    "not_cached", "cache_corrupt", "internal",
]
FailureStatus = Literal["error", "blocked", "skipped"]


class ClaimledgerError(Exception):
    """The root of every exception claimledger raises on purpose."""


# -- the user's errors: one line on stderr, exit 2 ---------------------------------------------------


class UserError(ClaimledgerError):
    """A problem with the input or the options; the message is one line fit for stderr."""

    exit_code = 2


class DraftError(UserError):
    """A draft that cannot be read as text (missing, binary, too large, undecodable)."""


class ConfigError(UserError):
    """A bad option value or configuration file."""


class LedgerError(UserError):
    """The ledger cannot be opened or written (locked, newer schema, not a ledger)."""


class GitError(UserError):
    """``--changed-lines``: git is missing, the directory is not a repository, or the revision is unknown."""


# -- why a source could not be read: status, message and kind of one Source ---------------------------


class SourceFailure(ClaimledgerError):
    """Why one source could not be read. ``status`` is the contract's source status it gives.

    ``retry``: another attempt may succeed (the fetcher retries within the time limit);
    ``transient``: the failure says nothing about the page (a cached copy stays usable);
    ``http_status``: the status code the server answered with, when it answered.
    """

    kind: ClassVar[ErrorKind]
    status: ClassVar[FailureStatus] = "error"

    def __init__(self, message: str, *, retry: bool = False, transient: bool | None = None,
                 retry_after: float | None = None, http_status: int | None = None) -> None:
        super().__init__(message)
        self.retry = retry
        self.transient = retry if transient is None else transient
        self.retry_after = retry_after
        self.http_status = http_status


class SourceTimeout(SourceFailure):
    """The source did not answer within ``--timeout`` (connecting, reading, or all retries together)."""

    kind = "timeout"

    def __init__(self, message: str, *, retry: bool = False) -> None:
        super().__init__(message, retry=retry, transient=True)


class DnsFailure(SourceFailure):
    """The host name could not be resolved, or is not a valid host name."""

    kind = "dns"


class ConnectFailure(SourceFailure):
    """No connection, or it broke: refused, reset, closed mid-body, or the server does not speak HTTP."""

    kind = "connection"


class TlsFailure(SourceFailure):
    """The TLS handshake failed: an untrusted or expired certificate, a name mismatch, no TLS there."""

    kind = "tls"


class HttpStatusFailure(SourceFailure):
    """The server answered with an error status (4xx, 5xx), including a Retry-After beyond the limit."""

    kind = "http_status"


class RedirectFailure(SourceFailure):
    """A redirect could not be followed: a loop, too many hops, no or an invalid Location."""

    kind = "redirect"


class SourceBlocked(SourceFailure):
    """Refused by policy: a private or loopback address (the SSRF guard), a path outside ``--root``,
    an unsupported scheme (also as a redirect target)."""

    kind = "blocked"
    status = "blocked"


class BlockedAddress(SourceBlocked):
    """The SSRF guard refused a host or address; the message is the user-facing reason."""


class InvalidLocator(SourceFailure):
    """The locator is not a usable URL, DOI or path (no host, a bad port, a malformed DOI or URL)."""

    kind = "invalid_locator"
    status = "blocked"


class TooLarge(SourceFailure):
    """The body or file is larger than ``max_source_bytes`` (decompressed bytes are what count)."""

    kind = "too_large"


class UnsupportedType(SourceFailure):
    """Content that is not read: an image, audio, an archive, a compression claimledger does not decode."""

    kind = "unsupported_type"


class Unreadable(SourceFailure):
    """Fetched, but no text could be read from it: a damaged, encrypted or image-only PDF, a corrupt
    compressed body, an empty page (one that needs JavaScript)."""

    kind = "unreadable"


class LoginWall(SourceFailure):
    """A login, cookie or paywall page stands where the source should be (it answers 200 too)."""

    kind = "login_wall"


class FileMissing(SourceFailure):
    """A local source path names no file."""

    kind = "not_found_file"


class FileUnreadable(SourceFailure):
    """A local source path names a folder, or a file the operating system will not let us read."""

    kind = "unreadable_file"


class NotCached(SourceFailure):
    """``--offline`` and the URL is not in the cache."""

    kind = "not_cached"
    status = "skipped"


class CacheCorrupt(SourceFailure):
    """A cache record or body failed its integrity check (online, the URL is simply fetched again)."""

    kind = "cache_corrupt"


class InternalFailure(SourceFailure):
    """A bug while reading one source: the run goes on, the message names the exception."""

    kind = "internal"


def _kind_classes() -> list[type[SourceFailure]]:
    """Every class that defines a kind (its own ``kind``, not an inherited one), in definition order."""
    out: list[type[SourceFailure]] = []
    stack: list[type[SourceFailure]] = [SourceFailure]
    while stack:
        cls = stack.pop(0)
        if "kind" in vars(cls):
            out.append(cls)
        stack.extend(cls.__subclasses__())
    return out


#: kind -> what it covers (the class docstring's text), for documentation and the HTML report.
ERROR_KINDS: dict[str, str] = {cls.kind: " ".join((cls.__doc__ or "").split()) for cls in _kind_classes()}
