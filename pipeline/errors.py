"""Errors that are the user's, not ours.

Everything raised as a :class:`UserError` reaches the terminal as one line on stderr and exit
code 2 (the contract's "the run itself failed"); anything else is a bug and still must not print a
traceback to an editor, so the CLI wraps it too, but tests look for these types.
"""


class UserError(Exception):
    """A problem with the input or the options; the message is one line fit for stderr."""

    exit_code = 2


class DraftError(UserError):
    """A draft that cannot be read as text (missing, binary, too large, undecodable)."""


class ConfigError(UserError):
    """A bad option value or configuration file."""


class LedgerError(UserError):
    """The ledger cannot be opened or written (locked, newer schema, not a ledger)."""
