"""Ingest a batch: discover inputs, read and clean them (in one process or many), store in batches.

Reading and cleaning are pure per input, so the result is the same whatever the number of
worker processes. Writes happen in the calling process, one transaction per batch: an
interrupted run leaves whole batches stored, and running it again stores the rest and
reports what was already there as unchanged.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TextIO

from tqdm import tqdm

from storyline.clean.stages import ingest_stages
from storyline.config import Settings
from storyline.document import Document
from storyline.errors import StorylineError
from storyline.ingest.reader import ReadResult, read_input
from storyline.ingest.sources import InputItem, discover
from storyline.store.base import SaveResult, Store


@dataclass(frozen=True)
class DocOutcome:
    doc_id: str
    origin: str
    locator: str
    version: int
    outcome: str  # new | updated | unchanged
    status: str
    title: str | None

    def as_record(self) -> dict[str, Any]:
        return {"type": "document", "id": self.doc_id, "origin": self.origin, "locator": self.locator or None,
                "version": self.version, "outcome": self.outcome, "status": self.status, "title": self.title}


@dataclass
class IngestReport:
    inputs: int = 0
    documents: list[DocOutcome] = field(default_factory=list)
    errors: list[StorylineError] = field(default_factory=list)
    processing: Any = None  # the language layer's ProcessReport, when ingest ran it

    def count(self, outcome: str) -> int:
        return sum(1 for d in self.documents if d.outcome == outcome)

    @property
    def failed(self) -> int:
        return len(self.errors)

    def summary(self) -> str:
        skipped = sum(1 for d in self.documents if d.status == "skipped")
        parts = [f"{self.count('new')} new", f"{self.count('updated')} updated", f"{self.count('unchanged')} unchanged",
                 f"{self.failed} failed"]
        text = f"{self.inputs} inputs, {len(self.documents)} documents: " + ", ".join(parts)
        if skipped:
            text += f" ({skipped} flagged as not English)"
        if self.processing is not None:
            text += f"; language layer: {self.processing.summary()}"
        return text

    def as_record(self) -> dict[str, Any]:
        record = {"type": "summary", "inputs": self.inputs, "documents": len(self.documents),
                  "new": self.count("new"), "updated": self.count("updated"), "unchanged": self.count("unchanged"),
                  "failed": self.failed}
        if self.processing is not None:
            record["processed"] = self.processing.processed
            record["process_skipped"] = self.processing.skipped
        return record


def _read_worker(args: tuple[InputItem, Settings]) -> ReadResult:
    item, settings = args
    return read_input(item, settings, ingest_stages(settings.english_only))


def _parallel_reads(items: Iterator[InputItem], settings: Settings, workers: int) -> Iterator[ReadResult]:
    """Results in input order, with a bounded number of inputs in flight so memory stays flat."""
    window = workers * 8
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: list[Future[ReadResult]] = []
        for item in items:
            pending.append(pool.submit(_read_worker, (item, settings)))
            if len(pending) >= window:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()


def _serial_reads(items: Iterator[InputItem], settings: Settings) -> Iterator[ReadResult]:
    stages = ingest_stages(settings.english_only)
    for item in items:
        yield read_input(item, settings, stages)


def worker_count(settings: Settings) -> int:
    return settings.workers or (os.cpu_count() or 1)


def progress_bar(total: int | None, quiet: bool, stream: TextIO | None, desc: str, unit: str) -> Any:
    """A progress bar (counts and rate) on a terminal; silent when output is piped or --quiet is given."""
    stream = stream or sys.stderr
    return tqdm(total=total, unit=unit, file=stream, disable=quiet or not stream.isatty(), dynamic_ncols=True,
                desc=desc)


def ingest(
    store: Store,
    targets: Sequence[str],
    settings: Settings,
    *,
    quiet: bool = False,
    progress_stream: TextIO | None = None,
    on_error: Callable[[StorylineError], None] | None = None,
) -> IngestReport:
    report = IngestReport()
    found = list(discover(targets, settings.include, settings.exclude))
    inputs = [item for item in found if isinstance(item, InputItem)]
    for error in (e for e in found if isinstance(e, StorylineError)):
        _record_error(report, error, on_error)
    report.inputs = len(inputs)
    workers = min(worker_count(settings), max(1, len(inputs)))
    results = _parallel_reads(iter(inputs), settings, workers) if workers > 1 else _serial_reads(iter(inputs), settings)
    progress = progress_bar(len(inputs), quiet, progress_stream, "ingest", "input")
    batch: list[tuple[Document, bytes, str | None]] = []
    try:
        for result in results:
            for error in result.errors:
                _record_error(report, error, on_error)
            batch.extend(result.items)
            if len(batch) >= settings.batch_size:
                _flush(store, batch, report)
            progress.update(1)
            progress.set_postfix(docs=len(report.documents), failed=report.failed, refresh=False)
        _flush(store, batch, report)
    finally:
        progress.close()
    return report


def _record_error(
    report: IngestReport, error: StorylineError, on_error: Callable[[StorylineError], None] | None
) -> None:
    report.errors.append(error)
    if on_error is not None:
        on_error(error)


def _flush(store: Store, batch: list[tuple[Document, bytes, str | None]], report: IngestReport) -> None:
    if not batch:
        return
    saved: list[SaveResult] = store.save_batch(batch)
    for (doc, _, _), result in zip(batch, saved, strict=True):
        report.documents.append(DocOutcome(result.doc_id, doc.origin, doc.locator, result.version, result.outcome,
                                           doc.status, doc.title))
    batch.clear()
