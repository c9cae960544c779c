"""The language layer as a stage over stored documents: sentences, entities, actors, time expressions.

Documents go through spaCy's `nlp.pipe` in batches; actor resolution and time normalisation
then work on each parsed document. Processing is incremental: a document version is done
again only when the pipeline version (code, model, dictionary) changes, or with --force.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
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

    def summary(self) -> str:
        text = f"{self.processed} documents processed"
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

    @cached_property
    def nlp(self) -> Any:
        from storyline.nlp.model import load_model

        return load_model(self.model)

    @cached_property
    def dictionary(self) -> Any:
        from pathlib import Path

        from storyline.nlp.actors import load_dictionary

        return load_dictionary(tuple(Path(p) for p in self.dictionary_files))

    @cached_property
    def version(self) -> str:
        from storyline.nlp.model import model_version

        return f"lang-{LAYER_CODE_VERSION}/{model_version(self.model)}/actors-{self.dictionary.digest[:12]}"

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
        return Annotations(self.version, sentences, entities, list(mentions), list(timexes))


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def process_store(store: Any, layer: LanguageLayer, *, force: bool = False,
                  advance: Callable[[int], None] | None = None) -> ProcessReport:
    report = ProcessReport(pipeline_version=layer.version)
    pending = store.pending_annotation(layer.version, force=force)
    for batch in batched(pending, 64):
        annotations = layer.annotate([stored.document for stored in batch])
        store.save_annotations([(s.doc_id, s.version, a) for s, a in zip(batch, annotations, strict=True)])
        for ann in annotations:
            if ann.skipped_reason:
                report.skipped += 1
                key = "not English" if "English" in ann.skipped_reason else ann.skipped_reason
                report.skipped_reasons[key] = report.skipped_reasons.get(key, 0) + 1
            else:
                report.processed += 1
        if advance:
            advance(len(batch))
    return report
