"""The store interface every backend implements; tests/test_store_conformance.py checks each one."""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from storyline.document import Document
from storyline.events.types import Event
from storyline.nlp.types import Annotations

Outcome = Literal["new", "updated", "unchanged"]

# Fields a user may override with `storyline set`; overrides survive re-ingestion.
SETTABLE_FIELDS = ("title", "source", "author", "published", "language", "url")


def document_id(origin: str, locator: str = "") -> str:
    """A short, stable id for the document at this origin (and record, for exports)."""
    digest = hashlib.sha256(f"{origin}\x00{locator}".encode()).hexdigest()
    return f"d{digest[:11]}"


@dataclass
class StoredDocument:
    doc_id: str
    version: int
    versions: int
    ingested_at: str
    document: Document  # with overrides applied
    overrides: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class StoredEvent:
    id: int
    doc_id: str
    version: int
    group_id: str | None
    event: Event


@dataclass(frozen=True)
class EventQuery:
    """Which events to return; actor filters take actor keys (dictionary id, country code or name)."""

    actors: tuple[str, ...] = ()  # events with any of these on either side
    dyad: tuple[str, str] | None = None  # events between the two, either direction
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None


# Link types between documents; the copy types are replaced together when copies are re-linked.
DUPLICATE_OF, SYNDICATED_FROM = "duplicate_of", "syndicated_from"
COPY_LINK_TYPES = (DUPLICATE_OF, SYNDICATED_FROM)


@dataclass(frozen=True)
class Link:
    """`doc_id` is a `type` of `other_id` (the original), e.g. a syndicated copy of a wire story."""

    doc_id: str
    doc_version: int
    other_id: str
    other_version: int
    type: str  # duplicate_of | syndicated_from
    score: float  # similarity of the two bodies: estimated Jaccard of word 5-grams, 1.0 for the same body
    method: str  # body_hash (same normalised body) | minhash (near duplicate)
    basis: str  # what decided which one is the original: published | estimated | credit | ingest_order | unknown
    reason: str  # the basis in words, e.g. "published 2012-06-30, the copy 2012-07-01"


@dataclass(frozen=True)
class Signature:
    """A document version's fingerprints for copy detection; `method` names how they were computed."""

    doc_id: str
    version: int
    method: str
    body_hash: str  # sha256 of the normalised body
    words: int  # normalised words in the body
    minhash: bytes


@dataclass(frozen=True)
class SaveResult:
    doc_id: str
    version: int
    outcome: Outcome


class Store(ABC):
    """Documents, their versions and raw bytes. Writes of one batch are one transaction."""

    url: str

    @abstractmethod
    def save_batch(self, items: Sequence[tuple[Document, bytes, str | None]]) -> list[SaveResult]:
        """Store each (document, raw bytes, media type) atomically; identical content is `unchanged`."""

    @abstractmethod
    def get_blob(self, sha256: str) -> bytes | None: ...

    @abstractmethod
    def iter_documents(self) -> Iterator[StoredDocument]:
        """Every document at its current version, oldest first."""

    @abstractmethod
    def get_document(self, ref: str, version: int | None = None) -> StoredDocument:
        """Find by id, by origin, by `origin#locator` or by URL; raise SL201/SL206 when not found or ambiguous."""

    @abstractmethod
    def list_versions(self, doc_id: str) -> list[StoredDocument]: ...

    @abstractmethod
    def set_fields(self, doc_id: str, values: dict[str, Any]) -> StoredDocument: ...

    @abstractmethod
    def count_documents(self) -> int: ...

    @abstractmethod
    def save_annotations(self, items: Sequence[tuple[str, int, Annotations]]) -> None:
        """Store (doc_id, version, annotations) atomically, replacing earlier annotations of those versions."""

    @abstractmethod
    def get_annotations(self, doc_id: str, version: int) -> Annotations | None: ...

    @abstractmethod
    def pending_annotation(self, pipeline_version: str, force: bool = False) -> Iterator[StoredDocument]:
        """Current versions not yet processed by this pipeline version (all of them with force)."""

    @abstractmethod
    def actor_summary(self) -> list[dict[str, Any]]:
        """One row per actor: id, name, kind, country, sector, mentions, documents, forms."""

    @abstractmethod
    def events(self, query: EventQuery | None = None) -> Iterator[StoredEvent]:
        """Events of current document versions matching the query, by date then document order."""

    @abstractmethod
    def set_event_groups(self, groups: dict[int, str]) -> None:
        """Record which events report the same real-world event (event id -> group id)."""

    @abstractmethod
    def save_links(self, links: Sequence[Link], *, replacing: Sequence[str] = (),
                   types: Sequence[str] = COPY_LINK_TYPES, signatures: Sequence[Signature] = ()) -> None:
        """In one transaction: drop the links of these types that touch the `replacing` documents (either
        side), store `signatures` (one per document, replacing its earlier one) and add `links`."""

    def save_signatures(self, signatures: Sequence[Signature]) -> None:
        self.save_links([], signatures=signatures)

    @abstractmethod
    def links(self, doc_id: str | None = None) -> list[Link]:
        """Every link, or those with `doc_id` on either side, oldest first."""

    @abstractmethod
    def signatures(self, method: str) -> Iterator[Signature]:
        """Signatures of current document versions computed by `method`."""

    @abstractmethod
    def pending_signatures(self, method: str, force: bool = False) -> Iterator[StoredDocument]:
        """Current versions without a signature by `method` (all of them with force), oldest first."""

    @abstractmethod
    def schema_version(self) -> int: ...

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
