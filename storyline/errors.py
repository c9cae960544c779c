"""Every error Storyline reports: a stable code, a short title and what to do about it.

Codes never change meaning once released; scripts may match on them. The message of
an error names the input (file, URL, document) and, where it applies, the line or
record, so a user can find and fix the problem without reading a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ErrorSpec:
    code: str
    title: str
    hint: str


# Input problems (one bad input never stops the batch).
NOT_FOUND = ErrorSpec("SL101", "no such file or folder", "Check the path; globs are expanded by your shell.")
EMPTY_INPUT = ErrorSpec("SL102", "empty input", "The input holds no text; re-export it or leave it out.")
BINARY_INPUT = ErrorSpec(
    "SL103", "binary content", "This looks like a binary file (image, PDF, archive); convert it to text or HTML first."
)
UNDECODABLE = ErrorSpec(
    "SL104", "undecodable text", "The bytes are not valid in any detected character set; re-save the file as UTF-8."
)
TOO_LARGE = ErrorSpec(
    "SL105", "input too large", "Raise `max_input_bytes` in storyline.toml (or --max-input-bytes) if this is intended."
)
MALFORMED_HTML = ErrorSpec("SL106", "malformed HTML", "No article text could be extracted from this page.")
MALFORMED_JSON = ErrorSpec("SL107", "malformed JSON", "Fix the record or remove it; the other records are kept.")
MALFORMED_CSV = ErrorSpec("SL108", "malformed CSV", "Check quoting and the number of columns on that row.")
MALFORMED_FEED = ErrorSpec("SL109", "malformed feed", "The RSS/Atom document could not be parsed.")
UNSUPPORTED_FORMAT = ErrorSpec(
    "SL110", "unsupported format", "Supported: .txt .md .html .htm .json .jsonl .csv, gzip of these, feeds and URLs."
)
NO_TEXT_FIELD = ErrorSpec(
    "SL111", "record has no text", "Give each record a `text` or `html` field, or map yours with --field-map."
)
UNREADABLE = ErrorSpec("SL113", "unreadable file", "Check the file's permissions, or whether a link points nowhere.")
NO_ARTICLE_TEXT = ErrorSpec(
    "SL112", "no article text", "Nothing but boilerplate was found; check that the file holds an article."
)

# Network problems.
URL_UNREACHABLE = ErrorSpec("SL120", "URL unreachable", "Check the address and your network connection.")
URL_HTTP_ERROR = ErrorSpec("SL121", "HTTP error", "The server refused the request; check the URL.")
URL_TIMEOUT = ErrorSpec("SL122", "URL timed out", "Raise `url_timeout` in settings or try again later.")
URL_CONTENT_TYPE = ErrorSpec(
    "SL123", "unsupported content type", "Only HTML, plain text, JSON, CSV and RSS/Atom responses are ingested."
)

# Store and document problems.
DOC_NOT_FOUND = ErrorSpec("SL201", "no such document", "List documents with `storyline docs`; use an id or an origin.")
BAD_FIELD = ErrorSpec(
    "SL202", "unknown or read-only field", "Settable fields: title, source, author, published, language, url."
)
BAD_DATE = ErrorSpec("SL203", "invalid date", "Write dates as YYYY-MM-DD.")
STORE_UNAVAILABLE = ErrorSpec("SL204", "store unavailable", "Check --db / STORYLINE_DB and that the server is running.")
STORE_TOO_NEW = ErrorSpec(
    "SL205", "store schema is newer than this Storyline", "Upgrade Storyline to open this store."
)
AMBIGUOUS_DOC = ErrorSpec("SL206", "ambiguous document reference", "Use the document id shown by `storyline docs`.")
UNKNOWN_ACTOR = ErrorSpec("SL207", "unknown actor", "Name an actor as `storyline actors` lists it, or by code (USA).")
BAD_QUERY = ErrorSpec("SL208", "invalid query", "Check the option named in the message.")

# Configuration.
CONFIG_INVALID = ErrorSpec("SL301", "invalid configuration", "Fix the setting named in the message.")
CONFIG_NOT_FOUND = ErrorSpec("SL302", "configuration file not found", "Check the path given to --config.")

# Evaluation and tooling.
EVAL_DATA_MISSING = ErrorSpec(
    "SL501",
    "evaluation data missing",
    "Evaluation reads ../shared/data beside the checkout; pass --data to point elsewhere.",
)


class StorylineError(Exception):
    """An error a user can act on: code, the input it concerns, where in it, and why."""

    def __init__(self, spec: ErrorSpec, detail: str = "", *, source: str | None = None, where: str | None = None):
        self.spec = spec
        self.detail = detail
        self.source = source
        self.where = where
        super().__init__(self.render())

    @property
    def code(self) -> str:
        return self.spec.code

    def render(self) -> str:
        place = self.source or ""
        if self.where:
            place = f"{place}:{self.where}" if place else self.where
        reason = f"{self.spec.title}: {self.detail}" if self.detail else self.spec.title
        prefix = f"{place}: " if place else ""
        return f"{prefix}{self.spec.code} {reason}. {self.spec.hint}"

    def as_record(self) -> dict[str, str | None]:
        return {
            "code": self.spec.code,
            "error": self.spec.title,
            "input": self.source,
            "where": self.where,
            "detail": self.detail or None,
            "hint": self.spec.hint,
        }


ALL_SPECS = {value.code: value for value in list(globals().values()) if isinstance(value, ErrorSpec)}
