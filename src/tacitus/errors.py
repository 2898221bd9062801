"""Every problem tacitus reports to a user, in one table, each with a code.

A user who sees ``E104`` can search for it here. Messages are one line, name the input and say the reason;
the CLI prints them without a traceback. Add new messages here rather than writing them inline.
"""

from __future__ import annotations


class Errors:
    # Setup and configuration
    E001 = "spaCy model {model!r} is not installed (pip install it, or choose another with --model / TACITUS_MODEL)"
    E002 = "spaCy model {model!r} has no dependency parser; tacitus needs one (pipes: {pipes})"
    E003 = "unknown pipeline stage {name!r}; known stages: {known}"
    E004 = "{value!r} is not a date: use YYYY-MM-DD"
    E005 = "unknown store URL {url!r}: use a DuckDB file path, duckdb:///path, or postgresql://..."
    E006 = "the store at {url} cannot be opened: {reason}"
    E007 = "unknown {what} {value!r}; choose from: {known}"
    E008 = "{path}: gold data not found (pass --gold DIR, the folder holding {expected})"

    # Reading input
    E101 = "no such file or directory"
    E102 = "binary data, not text"
    E103 = "not valid {encoding} text (byte 0x{byte:02x} at offset {offset}); pass --encoding if it uses another"
    E104 = "empty text"
    E105 = "text is {size:,} bytes, over the limit of {limit:,} (raise it with --max-bytes / TACITUS_MAX_BYTES)"
    E106 = "no article text found in the HTML"
    E107 = "invalid JSON: {reason}"
    E108 = 'a JSON line must be an object with a "text" string'
    E109 = "field {field!r} must be {expected}"
    E110 = "no input files match"
    E111 = "cannot read: {reason}"
    E112 = "published {value!r} is not a date (YYYY-MM-DD)"
    E113 = "language {language!r} is not the language of the model ({model_language!r})"

    # Reading the web: URLs, feeds, WARC archives
    E120 = "HTTP status {status}"
    E121 = "cannot fetch: {reason}"
    E122 = "disallowed by the site's robots.txt"
    E123 = "response is over the size limit of {limit:,} bytes"
    E124 = "not a WARC archive: {reason}"
    E125 = "not an RSS or Atom feed: {reason}"
    E126 = "content type {content_type!r} is neither HTML nor a feed"
    E127 = "robots.txt cannot be read (HTTP {status}); the site is treated as closed to crawlers"

    # Coding
    E201 = "internal error in stage {stage!r}: {reason}"

    # Actors stage
    E301 = "{path}: cannot read {kind}: {reason}"

    # Events
    E401 = "{path}: cannot read the verb dictionary: {reason}"
    E402 = "{path}: cannot read the event classifier: {reason}"
    E403 = "{path}: cannot read the discard list: {reason}"

    # Quotes stage
    E501 = "{path}: cannot read the quote cue lexicon: {reason}"
    E502 = "{path}: line {line} of the quote cue lexicon needs a word, a tab and a class ({known})"

    # Running at scale (E6xx)
    E601 = "--workers must be at least 1, not {value}"
    E602 = "cannot reach the Dask scheduler at {address}: {reason}"
    E603 = "a worker failed on a batch of {count} articles: {reason}"
    E604 = "--every {value!r} is not an interval: use e.g. 90s, 15m, 1h"
    E605 = "--workers and --scheduler cannot be used together"
    # Queries and the HTTP API (E8xx; the API answers them with 4xx, the Python API raises them)
    E801 = "{name} {value!r} is not valid: expected {expected}"
    E802 = "unknown filter {name!r}; known filters: {known}"
    E803 = "no {what} {value!r} in the store"
    E804 = "request body is {size:,} bytes, over the limit of {limit:,} (the server's --max-bytes)"
    E805 = "storing is switched off: the operator set no token (tacitus serve --token / TACITUS_API_TOKEN)"
    E806 = "a valid bearer token is required to store (Authorization: Bearer <token>)"
    E807 = "the store is read-only: writes need a store opened for writing"


class TacitusError(Exception):
    """A problem to show the user as one line: ``<input>: <reason> [E...]``."""

    def __init__(self, code: str, where: str | None = None, **details: object) -> None:
        self.code = code
        self.where = where
        self.reason = getattr(Errors, code).format(**details)
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    def __reduce__(self):
        # Errors travel between processes (worker results); rebuild them from their parts, not from details.
        return _rebuild_error, (self.code, self.where, self.reason)

    @property
    def message(self) -> str:
        prefix = f"{self.where}: " if self.where else ""
        return f"{prefix}{self.reason} [{self.code}]"


def _rebuild_error(code: str, where: str | None, reason: str) -> TacitusError:
    error = TacitusError.__new__(TacitusError)
    error.code, error.where, error.reason = code, where, reason
    Exception.__init__(error, error.message)
    return error


def one_line(text: str) -> str:
    """Fold an exception's text onto one line, for messages that quote a library's words."""
    return " ".join(str(text).split())
