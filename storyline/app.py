"""The Python API: every command of the CLI (and later the REST API and web UI) is a thin call into this."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from storyline.config import Settings, load_settings
from storyline.errors import BAD_QUERY, StorylineError
from storyline.ingest.runner import IngestReport, ingest
from storyline.nlp.process import LanguageLayer, ProcessReport, process_store
from storyline.nlp.types import Annotations
from storyline.store.base import EventQuery, Store, StoredDocument
from storyline.store.sql import open_store

if TYPE_CHECKING:
    from storyline.link.copies import LinkReport


def summary_record(stored: StoredDocument, links: list[dict[str, Any]] | None = None) -> dict[str, Any]:
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
        "links": links or [],  # copies of it, or what it copies (storyline.link.copies.link_record)
    }


def annotation_record(annotations: Annotations | None) -> dict[str, Any]:
    """The language layer's part of `show --json`: empty lists until the document is processed."""
    if annotations is None:
        return {"processing": None, "sentences": [], "entities": [], "actors": [], "time_expressions": [],
                "events": []}
    return {
        "processing": {"pipeline_version": annotations.pipeline_version, "skipped_reason": annotations.skipped_reason},
        "sentences": [{"start": s.start, "end": s.end} for s in annotations.sentences],
        "entities": [asdict(e) for e in annotations.entities],
        "actors": [asdict(m) for m in annotations.mentions],
        "time_expressions": [asdict(t) for t in annotations.timexes],
        "events": [e.to_record() for e in annotations.events],
    }


def full_record(stored: StoredDocument, annotations: Annotations | None = None,
                links: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The shape of `storyline show DOC --json` (schemas/document.schema.json)."""
    doc = stored.document
    return {
        **summary_record(stored, links),
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
        from storyline.link.copies import links_by_document

        links = links_by_document(self.store.links())
        return [summary_record(stored, links.get(stored.doc_id)) for stored in self.store.iter_documents()]

    def document(self, ref: str, version: int | None = None) -> dict[str, Any]:
        stored = self.store.get_document(ref, version)
        from storyline.link.copies import links_by_document

        links = links_by_document(self.store.links(stored.doc_id)).get(stored.doc_id)
        return full_record(stored, self.store.get_annotations(stored.doc_id, stored.version), links)

    def process(
        self, *, force: bool = False, quiet: bool = True, progress_stream: TextIO | None = None
    ) -> ProcessReport:
        """Run the language layer on every document version it has not seen yet (all of them with force)."""
        from storyline.ingest.runner import progress_bar, worker_count

        bar = progress_bar(None, quiet, progress_stream, "process", "doc")
        try:
            report = process_store(self.store, self.language_layer, force=force, advance=bar.update,
                                   workers=worker_count(self.settings))
        finally:
            bar.close()
        if report.processed or report.skipped:
            report.events_joined, report.event_groups = self.regroup_events()
        self.link_copies(force=force)
        return report

    def actors(self) -> list[dict[str, Any]]:
        return self.store.actor_summary()

    # -- events --------------------------------------------------------------------------------------

    def regroup_events(self) -> tuple[int, int]:
        """Join reports of the same real-world event across documents; returns how many asserted events
        with an actor there are and how many distinct events they report."""
        from storyline.events.merge import group_events

        groups = group_events(self.store.events())
        self.store.set_event_groups(groups)
        return len(groups), len(set(groups.values()))

    # -- links ---------------------------------------------------------------------------------------------

    def link_copies(self, *, force: bool = False) -> LinkReport:
        """Link new documents (and new versions) to the stored ones they copy or that copy them."""
        from storyline.link.copies import link_copies

        return link_copies(self.store, self.settings.near_duplicate_threshold, force=force)

    def actor_key(self, name: str) -> str:
        from storyline.views.events import resolve_actor

        return resolve_actor(self.language_layer.dictionary, name)

    def events(self, *, actors: Sequence[str] = (), dyad: Sequence[str] = (), types: Sequence[str] = (),
               statuses: Sequence[str] = (), date_from: str | None = None, date_to: str | None = None,
               evidence_text: bool = True) -> list[dict[str, Any]]:
        """Events (merged across documents) as PLOVER/POLECAT-like records, each with its evidence."""
        from storyline.views.events import event_records

        query = self._event_query(actors, dyad, types, statuses, date_from, date_to)
        return event_records(self.store, query, self._sentence_source() if evidence_text else None)

    def relations(self, a: str, b: str, *, by: str = "year", directed: bool = False,
                  statuses: Sequence[str] = ("asserted",)) -> dict[str, Any]:
        from storyline.views.events import PERIODS, relations

        if by not in PERIODS:
            raise StorylineError(BAD_QUERY, f"--by {by!r}: use one of {', '.join(PERIODS)}")
        key_a, key_b = self.actor_key(a), self.actor_key(b)
        chosen = _statuses(statuses)
        rows = relations(self.store, key_a, key_b, by=by, directed=directed, statuses=chosen,
                         texts=self._sentence_source())
        dictionary = self.language_layer.dictionary
        unknown = [name for name, key in ((a, key_a), (b, key_b)) if dictionary.get(key) is None]
        return {"a": key_a, "b": key_b, "by": by, "directed": directed, "statuses": chosen, "periods": rows,
                "not_counted": self._other_statuses(key_a, key_b, directed, chosen), "not_in_dictionary": unknown}

    def _other_statuses(self, a: str, b: str, directed: bool, chosen: Sequence[str]) -> dict[str, int]:
        """How many events between a and b the chosen statuses leave out, by status."""
        from storyline.events.types import STATUSES
        from storyline.views.events import dyad_events

        others = [s for s in STATUSES if s not in chosen]
        counts: dict[str, int] = {}
        for merged in dyad_events(self.store, a, b, directed=directed, statuses=others):
            counts[merged.event.status] = counts.get(merged.event.status, 0) + 1
        return counts

    def network(self, *, date_from: str | None = None, date_to: str | None = None,
                statuses: Sequence[str] = ("asserted",)) -> dict[str, Any]:
        from storyline.views.events import network

        return network(self.store, date_from=_day(date_from, "--from"), date_to=_day(date_to, "--to"),
                       statuses=_statuses(statuses))

    def _event_query(self, actors: Sequence[str], dyad: Sequence[str], types: Sequence[str],
                     statuses: Sequence[str], date_from: str | None, date_to: str | None) -> EventQuery:
        from storyline.events.types import EVENT_TYPES

        unknown = [t for t in types if t.upper() not in EVENT_TYPES]
        if unknown:
            raise StorylineError(BAD_QUERY, f"--type {unknown[0]!r} is not a PLOVER type ({', '.join(EVENT_TYPES)})")
        if dyad and len(dyad) != 2:
            raise StorylineError(BAD_QUERY, "--dyad takes two actors")
        pair = (self.actor_key(dyad[0]), self.actor_key(dyad[1])) if dyad else None
        return EventQuery(actors=tuple(self.actor_key(a) for a in actors), dyad=pair,
                          types=tuple(t.upper() for t in types), statuses=tuple(_statuses(statuses)),
                          date_from=_day(date_from, "--from"), date_to=_day(date_to, "--to"))

    def _sentence_source(self) -> Any:
        """A function (doc id, version) -> clean text, remembering what it read."""
        cache: dict[tuple[str, int], str] = {}

        def text(doc_id: str, version: int) -> str:
            if (doc_id, version) not in cache:
                cache[(doc_id, version)] = self.store.get_document(doc_id, version).document.text
            return cache[(doc_id, version)]

        return text

    def compare(self, a: str, b: str) -> dict[str, Any]:
        """Which of two documents (stored, or files not in the store) is the original, and how the other
        retells it sentence by sentence (schemas/compare.schema.json)."""
        from storyline.link.compare import compare

        return compare(self, a, b)

    def search(self, query: str, *, date_from: str | None = None, date_to: str | None = None,
               actor: str | None = None, limit: int = 10) -> list[dict[str, Any]]:
        """Sentences answering a query: BM25 reranked with sentence embeddings (storyline.link.search)."""
        from storyline.link.search import search

        return search(self, query, date_from, date_to, actor, limit)

    def related(self, ref: str, *, limit: int = 10) -> list[dict[str, Any]]:
        """Earlier documents ranked by the background they give to this one, with reasons."""
        from storyline.link.search import related

        return related(self, ref, limit)

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


def _statuses(statuses: Sequence[str]) -> list[str]:
    from storyline.events.types import STATUSES

    chosen = [s.strip().lower() for value in statuses for s in value.split(",") if s.strip()]
    if "all" in chosen:
        return list(STATUSES)
    unknown = [s for s in chosen if s not in STATUSES]
    if unknown:
        raise StorylineError(BAD_QUERY, f"--status {unknown[0]!r}: use {', '.join(STATUSES)} or all")
    return chosen


def _day(value: str | None, option: str) -> str | None:
    """A date bound as given: YYYY, YYYY-MM or YYYY-MM-DD."""
    if value is None:
        return None
    from storyline.events.merge import date_interval

    if date_interval(value) is None:
        raise StorylineError(BAD_QUERY, f"{option} {value!r}: write YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def demo_corpus_path() -> Path:
    return Path(str(resources.files("storyline") / "demo" / "corpus"))

