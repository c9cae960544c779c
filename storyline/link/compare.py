"""`storyline compare A B`: which of two documents is the original, and how the other retells it.

A and B are documents in the store (id, origin or URL) or files that are not in it; a file is read
and cleaned exactly as `ingest` does, without storing anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.document import Document
from storyline.errors import DOC_NOT_FOUND, NOT_FOUND, StorylineError
from storyline.nlp.types import Annotations

_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Side:
    """One of the two documents compared."""

    ref: str
    doc_id: str | None  # None for a file that is not in the store
    document: Document
    sentences: list[str]

    @property
    def date(self) -> tuple[str | None, bool]:
        """(publication date, whether it is an estimate)."""
        if self.document.published:
            return self.document.published, False
        estimate = self.document.published_estimate
        return (estimate.date, True) if estimate else (None, False)

    def record(self) -> dict[str, Any]:
        date, estimated = self.date
        doc = self.document
        return {"ref": self.ref, "id": self.doc_id, "origin": doc.origin, "title": doc.title,
                "published": date, "published_estimated": estimated, "sentences": len(self.sentences)}


def load_side(app: Any, ref: str) -> Side:
    stored = _from_store(app, ref)
    if stored is not None:
        doc_id, document, annotations = stored
        return Side(ref, doc_id, document, split_sentences(document.text, annotations, app.settings.spacy_model))
    document = read_file(app.settings, ref)
    return Side(ref, None, document, split_sentences(document.text, None, app.settings.spacy_model))


def _store_exists(db: str) -> bool:
    """A store to look in: a server URL, or a SQLite file already there (comparing files must not create one)."""
    return "://" in db or Path(db).is_file()


def _from_store(app: Any, ref: str) -> tuple[str, Document, Annotations | None] | None:
    if not _store_exists(app.settings.db):
        return None
    candidates = [ref] + ([str(Path(ref).resolve())] if Path(ref).exists() else [])
    for candidate in candidates:
        try:
            stored = app.store.get_document(candidate)
        except StorylineError as error:
            if error.code != DOC_NOT_FOUND.code:
                raise
            continue
        return stored.doc_id, stored.document, app.store.get_annotations(stored.doc_id, stored.version)
    return None


def read_file(settings: Any, ref: str) -> Document:
    """Read and clean a file the way ingest does, storing nothing."""
    from storyline.clean.stages import ingest_stages
    from storyline.ingest.reader import read_input
    from storyline.ingest.sources import InputItem

    path = Path(ref)
    if not path.is_file():
        raise StorylineError(DOC_NOT_FOUND if not path.exists() else NOT_FOUND,
                             f"{ref!r} is neither a stored document nor a file", source=ref)
    result = read_input(InputItem(str(path.resolve())), settings, ingest_stages(settings.english_only))
    if not result.items:
        raise result.errors[0] if result.errors else StorylineError(NOT_FOUND, "no article in it", source=ref)
    return result.items[0][0]


def split_sentences(text: str, annotations: Annotations | None, spacy_setting: str = "auto") -> list[str]:
    """The language layer's sentences when the document has them, else spaCy's; whitespace folded,
    and pieces without a letter (stray numbers, rules) left out."""
    if annotations is not None and annotations.sentences:
        pieces = [text[s.start:s.end] for s in annotations.sentences]
    else:
        from storyline.nlp.model import load_model

        nlp = load_model(spacy_setting)
        keep = [name for name in ("tok2vec", "parser", "senter") if name in nlp.pipe_names]
        with nlp.select_pipes(enable=keep):
            pieces = [s.text for s in nlp(text).sents]
    folded = (" ".join(piece.split()) for piece in pieces)
    return [sentence for sentence in folded if _LETTER.search(sentence)]


def choose_original(a: Side, b: Side) -> tuple[Side, Side, str]:
    """(original, rewrite, basis): the earlier publication date wins; without one, the order given."""
    (date_a, estimated_a), (date_b, estimated_b) = a.date, b.date
    if date_a and date_b and date_a != date_b:
        original, rewrite = (a, b) if date_a < date_b else (b, a)
        estimated = [side.ref for side, flag in ((a, estimated_a), (b, estimated_b)) if flag]
        note = f" (estimated from the text for {', '.join(estimated)})" if estimated else ""
        return original, rewrite, f"earlier publication date{note}"
    reason = "same publication date" if date_a and date_a == date_b else "no publication dates to compare"
    return a, b, f"order given: the first document is taken as the original ({reason})"


def compare(app: Any, ref_a: str, ref_b: str) -> dict[str, Any]:
    """The record of `storyline compare --json` (schemas/compare.schema.json)."""
    from storyline.link.align import align, alignment_record

    original, rewrite, basis = choose_original(load_side(app, ref_a), load_side(app, ref_b))
    alignment = align(original.sentences, rewrite.sentences)
    return {"original": original.record(), "rewrite": rewrite.record(), "direction_basis": basis,
            **alignment_record(alignment)}
