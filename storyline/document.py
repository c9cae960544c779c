"""The one document object that flows through every stage of the pipeline.

A stage takes a Document and returns it with more filled in; it declares what it
needs and what it adds so a pipeline can be checked before it runs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Removal:
    """A span of the raw text that cleaning left out of the body, and why.

    Offsets are character offsets into ``Document.raw_text``.
    """

    start: int
    end: int
    reason: str
    text: str


@dataclass(frozen=True)
class PublishedEstimate:
    """A publication date inferred from the text, never to be shown as a known date."""

    date: str  # ISO YYYY-MM-DD, the best single guess
    earliest: str  # ISO YYYY-MM-DD
    latest: str  # ISO YYYY-MM-DD
    basis: str  # human-readable evidence, e.g. "latest dated reference: 'March 10, 2025'"

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass
class Document:
    origin: str  # absolute path or URL the input came from
    locator: str = ""  # the record inside a multi-record input ("line 3", "row 7", "entry 2")
    format: str = "text"  # text, markdown, html, json, jsonl, csv, feed
    raw_sha256: str = ""  # content address of the input's raw bytes in the store
    content_sha256: str = ""  # hash of this document's own raw content (unchanged detection)
    raw_text: str = ""  # decoded input text; removal offsets point into it
    text: str = ""  # clean body text
    title: str | None = None
    summary: str | None = None
    source: str | None = None  # outlet / site name
    author: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date, only when known from metadata or set by a user
    published_estimate: PublishedEstimate | None = None
    language: str | None = None
    removed: list[Removal] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    status: str = "ok"  # ok | skipped
    status_reason: str | None = None

    @property
    def words(self) -> int:
        return len(self.text.split())
