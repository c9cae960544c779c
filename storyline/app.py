"""The Python API: every command of the CLI (and later the REST API and web UI) is a thin call into this."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from storyline.config import Settings, load_settings
from storyline.errors import StorylineError
from storyline.ingest.runner import IngestReport, ingest
from storyline.nlp.process import LanguageLayer, ProcessReport, process_store
from storyline.nlp.types import Annotations
from storyline.store.base import Store, StoredDocument
from storyline.store.sql import open_store


def summary_record(stored: StoredDocument) -> dict[str, Any]:
    """The shape of one item of `storyline docs --json` (schemas/document-summary.schema.json)."""
    doc = stored.document
    return {
        "id": stored.doc_id,
        "origin": doc.origin,
        "locator": doc.locator or None,
        "title": doc.title,
        "source": doc.source,
        "author": doc.author,
        "url": doc.url,
        "published": doc.published,
        "published_estimate": doc.published_estimate.as_dict() if doc.published_estimate and not doc.published
        else None,
        "language": doc.language,
        "words": doc.words,
        "status": doc.status,
        "status_reason": doc.status_reason,
        "version": stored.version,
        "versions": stored.versions,
    }


def annotation_record(annotations: Annotations | None) -> dict[str, Any]:
    """The language layer's part of `show --json`: empty lists until the document is processed."""
    if annotations is None:
        return {"processing": None, "sentences": [], "entities": [], "actors": [], "time_expressions": []}
    return {
        "processing": {"pipeline_version": annotations.pipeline_version, "skipped_reason": annotations.skipped_reason},
        "sentences": [{"start": s.start, "end": s.end} for s in annotations.sentences],
        "entities": [asdict(e) for e in annotations.entities],
        "actors": [asdict(m) for m in annotations.mentions],
        "time_expressions": [asdict(t) for t in annotations.timexes],
    }


def full_record(stored: StoredDocument, annotations: Annotations | None = None) -> dict[str, Any]:
    """The shape of `storyline show DOC --json` (schemas/document.schema.json)."""
    doc = stored.document
    return {
        **summary_record(stored),
        "summary": doc.summary,
        "format": doc.format,
        "ingested_at": stored.ingested_at,
        "raw_sha256": doc.raw_sha256,
        "overrides": stored.overrides,
        "text": doc.text,
        "removed": [{"start": r.start, "end": r.end, "reason": r.reason, "text": r.text} for r in doc.removed],
        "meta": doc.meta,
        **annotation_record(annotations),
    }


@dataclass(frozen=True)
class BuildResult:
    ingest: IngestReport
    out: Path
    index_html: Path
    data_json: Path


class Storyline:
    """One corpus: its settings and its store. Open with settings, or with just a database."""

    def __init__(self, settings: Settings | None = None, *, db: str | None = None):
        self.settings = settings or load_settings(flags={"db": db} if db else None)
        if db:
            self.settings.db = db
        self._store: Store | None = None
        self._layer: LanguageLayer | None = None

    @property
    def language_layer(self) -> LanguageLayer:
        if self._layer is None:
            self._layer = LanguageLayer(self.settings.spacy_model, tuple(self.settings.actor_dictionaries),
                                        tuple(self.settings.event_lexicons))
        return self._layer

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = open_store(self.settings.db)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> Storyline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- commands ------------------------------------------------------------------------------

    def ingest(
        self,
        targets: Sequence[str],
        *,
        quiet: bool = True,
        progress_stream: TextIO | None = None,
        on_error: Callable[[StorylineError], None] | None = None,
    ) -> IngestReport:
        report = ingest(self.store, targets, self.settings, quiet=quiet, progress_stream=progress_stream,
                        on_error=on_error)
        if self.settings.process:
            report.processing = self.process(quiet=quiet, progress_stream=progress_stream)
        return report

    def documents(self) -> list[dict[str, Any]]:
        return [summary_record(stored) for stored in self.store.iter_documents()]

    def document(self, ref: str, version: int | None = None) -> dict[str, Any]:
        stored = self.store.get_document(ref, version)
        return full_record(stored, self.store.get_annotations(stored.doc_id, stored.version))

    def process(
        self, *, force: bool = False, quiet: bool = True, progress_stream: TextIO | None = None
    ) -> ProcessReport:
        """Run the language layer on every document version it has not seen yet (all of them with force)."""
        from storyline.ingest.runner import progress_bar, worker_count

        bar = progress_bar(None, quiet, progress_stream, "process", "doc")
        try:
            return process_store(self.store, self.language_layer, force=force, advance=bar.update,
                                 workers=worker_count(self.settings))
        finally:
            bar.close()

    def actors(self) -> list[dict[str, Any]]:
        return self.store.actor_summary()

    def versions(self, ref: str) -> list[dict[str, Any]]:
        return [summary_record(stored) for stored in self.store.list_versions(ref)]

    def set_fields(self, ref: str, values: dict[str, Any]) -> dict[str, Any]:
        doc_id = self.store.get_document(ref).doc_id
        return full_record(self.store.set_fields(doc_id, values))

    def report(self, out: str | Path) -> tuple[Path, Path]:
        from storyline.views.report import write_report

        return write_report(self, Path(out))

    def build(
        self,
        targets: Sequence[str],
        out: str | Path,
        *,
        quiet: bool = True,
        progress_stream: TextIO | None = None,
        on_error: Callable[[StorylineError], None] | None = None,
    ) -> BuildResult:
        """The main job: ingest, run every processing stage, write the report."""
        report = self.ingest(targets, quiet=quiet, progress_stream=progress_stream, on_error=on_error)
        index_html, data_json = self.report(out)
        return BuildResult(report, Path(out), index_html, data_json)


def demo_corpus_path() -> Path:
    return Path(str(resources.files("storyline") / "demo" / "corpus"))

