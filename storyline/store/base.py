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
    def schema_version(self) -> int: ...

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
