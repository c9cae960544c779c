"""The language layer as a stage over stored documents: sentences, entities, actors, time expressions.

Documents go through spaCy's `nlp.pipe` in batches; actor resolution and time normalisation
then work on each parsed document. Processing is incremental: a document version is done
again only when the pipeline version (code, model, dictionary) changes, or with --force.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from storyline.document import Document
from storyline.nlp.types import Annotations, Entity, Sentence

# Bump when the code of this layer changes what it stores.
LAYER_CODE_VERSION = "1"
BATCH_SIZE = 32


@dataclass
class ProcessReport:
    processed: int = 0
    skipped: int = 0
    pipeline_version: str = ""
    skipped_reasons: dict[str, int] = field(default_factory=dict)
    events: int = 0
    events_joined: int = 0  # asserted events with an actor, which reports of one event are joined among
    event_groups: int | None = None  # the distinct events those report, when regrouped

    def summary(self) -> str:
        text = f"{self.processed} documents processed"
        if self.events:
            text += f", {self.events} events coded"
            if self.event_groups is not None:
                text += (f" ({self.events_joined} asserted with an actor, reporting {self.event_groups} distinct"
                         " events)")
        if self.skipped:
            text += f", {self.skipped} skipped (" + ", ".join(f"{n} {r}" for r, n in self.skipped_reasons.items()) + ")"
        return text


def reference_date(doc: Document) -> tuple[date | None, bool]:
    """The date a document's relative expressions and roles are read against, and whether it is estimated."""
    if doc.published:
        return date.fromisoformat(doc.published), False
    if doc.published_estimate:
        return date.fromisoformat(doc.published_estimate.date), True
    return None, False


@dataclass
class LanguageLayer:
    model: str = "auto"
    dictionary_files: Sequence[str] = ()
    event_lexicons: Sequence[str] = ()
    code_events: bool = True  # False only to measure the layer without the event coder (bench/)

    @cached_property
    def nlp(self) -> Any:
        from storyline.nlp.model import load_model

        return load_model(self.model)

    @cached_property
    def dictionary(self) -> Any:
        from storyline.nlp.actors import load_dictionary

        return load_dictionary(tuple(Path(p) for p in self.dictionary_files))

    @cached_property
    def event_coder(self) -> Any:
        from storyline.events.coder import EventCoder
        from storyline.events.lexicon import load_lexicon

        return EventCoder(load_lexicon(tuple(Path(p) for p in self.event_lexicons)), dictionary=self.dictionary)

    @cached_property
    def version(self) -> str:
        from storyline.nlp.model import model_version

        return (f"lang-{LAYER_CODE_VERSION}/{model_version(self.model)}/actors-{self.dictionary.digest[:12]}"
                f"/{self.event_coder.version}")

    def annotate(self, docs: Sequence[Document]) -> list[Annotations]:
        """Annotations for each document, in order; documents that later stages skip get a reason only."""
        results: list[Annotations | None] = [None] * len(docs)
        todo = [(i, d) for i, d in enumerate(docs) if d.status == "ok" and d.text.strip()]
        for i, doc in enumerate(docs):
            if results[i] is None and (doc.status != "ok" or not doc.text.strip()):
                reason = doc.status_reason or ("no text" if not doc.text.strip() else doc.status)
                results[i] = Annotations(self.version, [], [], [], [], skipped_reason=reason)
        parsed = self.nlp.pipe((d.text for _, d in todo), batch_size=BATCH_SIZE)
        for (i, doc), spacy_doc in zip(todo, parsed, strict=True):
            results[i] = self._annotate_one(doc, spacy_doc)
        return [r for r in results if r is not None]

    def _annotate_one(self, doc: Document, spacy_doc: Any) -> Annotations:
        from storyline.nlp.actors import resolve_actors
        from storyline.nlp.timex import find_time_expressions

        when, estimated = reference_date(doc)
        sentences = [Sentence(s.start_char, s.end_char) for s in spacy_doc.sents]
        entities = [Entity(e.start_char, e.end_char, e.label_, e.text) for e in spacy_doc.ents]
        mentions = resolve_actors(spacy_doc, when, self.dictionary)
        timexes = find_time_expressions(doc.text, anchor=when, anchor_is_estimate=estimated,
                                        sentences=[(s.start, s.end) for s in sentences])
        events = self.event_coder.code(spacy_doc, mentions, timexes, when, estimated) if self.code_events else []
        return Annotations(self.version, sentences, entities, list(mentions), list(timexes), events=events)


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


_WORKER_LAYER: LanguageLayer | None = None


def _start_worker(model: str, dictionary_files: Sequence[str], event_lexicons: Sequence[str]) -> None:
    global _WORKER_LAYER
    _WORKER_LAYER = LanguageLayer(model, tuple(dictionary_files), tuple(event_lexicons))


def _annotate_in_worker(docs: list[Document]) -> list[Annotations]:
    assert _WORKER_LAYER is not None, "worker started without its language layer"
    return _WORKER_LAYER.annotate(docs)


def _annotated_batches(batches: Iterator[list[Any]], layer: LanguageLayer,
                       workers: int) -> Iterator[tuple[list[Any], list[Annotations]]]:
    """(stored documents, their annotations) per batch, in order; with workers, parsed in other processes,
    a bounded number of batches in flight so memory stays flat."""
    if workers <= 1:
        for batch in batches:
            yield batch, layer.annotate([stored.document for stored in batch])
        return
    setup = (layer.model, tuple(layer.dictionary_files), tuple(layer.event_lexicons))
    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=setup) as pool:
        pending: deque[tuple[list[Any], Future[list[Annotations]]]] = deque()
        for batch in batches:
            pending.append((batch, pool.submit(_annotate_in_worker, [stored.document for stored in batch])))
            if len(pending) >= workers * 2:
                done, future = pending.popleft()
                yield done, future.result()
        while pending:
            done, future = pending.popleft()
            yield done, future.result()


def process_store(store: Any, layer: LanguageLayer, *, force: bool = False, workers: int = 1,
                  advance: Callable[[int], None] | None = None) -> ProcessReport:
    """Annotate every pending document version; the same result with one process or many."""
    report = ProcessReport(pipeline_version=layer.version)
    batches = batched(store.pending_annotation(layer.version, force=force), BATCH_SIZE * 2)
    for batch, results in _annotated_batches(batches, layer, workers):
        store.save_annotations([(s.doc_id, s.version, a) for s, a in zip(batch, results, strict=True)])
        for ann in results:
            if ann.skipped_reason:
                report.skipped += 1
                key = "not English" if "English" in ann.skipped_reason else ann.skipped_reason
                report.skipped_reasons[key] = report.skipped_reasons.get(key, 0) + 1
            else:
                report.processed += 1
                report.events += len(ann.events)
        if advance:
            advance(len(batch))
    return report
