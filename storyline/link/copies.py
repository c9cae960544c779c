"""Copies: exact duplicates, near duplicates and syndicated versions of the same article, stored as links.

Each document's clean body is normalised (Unicode compatibility forms, case, quotes, punctuation and
whitespace folded) and fingerprinted twice: a sha256 of the normalised words finds exact duplicates, and
a MinHash of its word 5-grams (128 permutations, fixed seed, so runs are reproducible) finds near
duplicates through an LSH index whose threshold is the `near_duplicate_threshold` setting. The
fingerprints are stored, so a new document is checked against the stored ones without re-reading their
texts: the in-memory LSH index is rebuilt from the stored signatures, which takes seconds for 100,000
documents, and only new documents and new versions are fingerprinted.

A pair of copies becomes one link from the copy to the original. Its type is `duplicate_of` when both
come from the same outlet (or one outlet is unknown) and either the bodies are identical or the titles
are; otherwise `syndicated_from` (the same body under another outlet or headline). The original is the
earlier one by publication date (an estimated date is said to be one), else the one the copy credits
("distributed by Global Wire Service"), else the one ingested first; the link states which decided.
"""

from __future__ import annotations

import hashlib
import re
import time
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from storyline.store.base import DUPLICATE_OF, SYNDICATED_FROM, Link, Signature, Store, StoredDocument

SHINGLE_WORDS = 5
NUM_PERM = 128
SEED = 1717
SCHEME = "affine32"
# Stored with every signature: fingerprints made another way are not comparable and are recomputed.
METHOD = f"minhash-{SCHEME}-p{NUM_PERM}-s{SEED}-w{SHINGLE_WORDS}"
BATCH_SIZE = 200
LSH_WEIGHTS = (0.05, 0.95)  # false positives against false negatives when datasketch picks bands and rows

# Typographic quotes and apostrophes fold to ASCII first, so that "Assad’s" and "Assad's" tokenise alike.
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
                         "\u00b4": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                         "\u00ab": '"', "\u00bb": '"'})
# Words are runs of letters and digits: punctuation, apostrophes and spacing around them do not matter,
# so "Assad's", "Assad 's" (tokenised text) and "ASSAD'S" give the same words.
_WORD = re.compile(r"[^\W_]+")


def normalised_words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold())


def body_hash(words: Sequence[str]) -> str:
    return hashlib.sha256(" ".join(words).encode()).hexdigest()


def shingles(words: Sequence[str], size: int = SHINGLE_WORDS) -> list[bytes]:
    """Overlapping word n-grams; a text shorter than n words is one shingle."""
    if len(words) <= size:
        return [" ".join(words).encode()] if words else []
    return [" ".join(words[i:i + size]).encode() for i in range(len(words) - size + 1)]


_template: MinHash | None = None


def _permutations() -> Any:
    # Drawing the 128 permutations costs more than hashing a short text: draw them once per process.
    global _template
    if _template is None:
        _template = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    return _template.permutations


def minhash(words: Sequence[str]) -> LeanMinHash:
    sketch = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_permutations(), scheme=SCHEME)
    sketch.update_batch(shingles(words))
    return LeanMinHash(sketch)


def fingerprint(doc_id: str, version: int, text: str) -> tuple[Signature, LeanMinHash]:
    """The signature to store, and its MinHash ready for the index."""
    words = normalised_words(text)
    sketch = minhash(words)
    sig = Signature(doc_id=doc_id, version=version, method=METHOD, body_hash=body_hash(words), words=len(words),
                    minhash=np.asarray(sketch.hashvalues, dtype="<u4").tobytes())
    return sig, sketch


def sketch_of(sig: Signature) -> LeanMinHash:
    return LeanMinHash(seed=SEED, hashvalues=np.frombuffer(sig.minhash, dtype="<u4"), scheme=SCHEME)


@dataclass(frozen=True)
class Match:
    other_id: str
    score: float
    method: str  # body_hash | minhash


class CopyIndex:
    """Stored bodies by exact hash and by MinHash LSH; add and query one document at a time."""

    def __init__(self, threshold: float):
        self.threshold = threshold
        # Every candidate is checked against the threshold with the Jaccard estimate, so a false candidate costs
        # one comparison while a missed one loses a link: bands are chosen to miss few (at the threshold,
        # 16 bands of 8 rows find 95% of pairs where datasketch's balanced 9 x 13 finds 40%).
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM, weights=LSH_WEIGHTS)
        self._sketches: dict[str, LeanMinHash] = {}
        self._by_hash: dict[str, set[str]] = {}
        self._hash_of: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._hash_of)

    def load(self, signatures: Iterable[Signature]) -> None:
        for sig in signatures:
            self.add(sig)

    def add(self, sig: Signature, sketch: LeanMinHash | None = None) -> None:
        if sig.words == 0:
            return  # an empty body is nobody's copy
        self.discard(sig.doc_id)
        self._hash_of[sig.doc_id] = sig.body_hash
        self._by_hash.setdefault(sig.body_hash, set()).add(sig.doc_id)
        if sig.words >= SHINGLE_WORDS:  # shorter bodies are matched exactly or not at all
            sketch = sketch or sketch_of(sig)
            self._sketches[sig.doc_id] = sketch
            self._lsh.insert(sig.doc_id, sketch)

    def discard(self, doc_id: str) -> None:
        digest = self._hash_of.pop(doc_id, None)
        if digest is None:
            return
        self._by_hash[digest].discard(doc_id)
        if doc_id in self._sketches:
            del self._sketches[doc_id]
            self._lsh.remove(doc_id)

    def matches(self, sig: Signature, sketch: LeanMinHash | None = None) -> list[Match]:
        """Stored documents with the same normalised body, or an estimated Jaccard at the threshold or above."""
        if sig.words == 0:
            return []
        found = {other: Match(other, 1.0, "body_hash") for other in self._by_hash.get(sig.body_hash, ())
                 if other != sig.doc_id}
        if sig.words >= SHINGLE_WORDS:
            sketch = sketch or sketch_of(sig)
            for other in self._lsh.query(sketch):
                if other in found or other == sig.doc_id:
                    continue
                score = float(sketch.jaccard(self._sketches[other]))
                if score >= self.threshold:
                    found[other] = Match(other, round(score, 4), "minhash")
        return sorted(found.values(), key=lambda m: m.other_id)


# -- which is the copy, and of what kind ---------------------------------------------------------------


@dataclass(frozen=True)
class DocFacts:
    """What deciding a link needs to know about one document."""

    doc_id: str
    version: int
    date: str | None  # the publication date, else the estimate's best guess
    earliest: str | None  # the window the document was published in: one day when the date is known
    latest: str | None
    estimated: bool
    ingested_at: str
    source: str | None
    source_key: str
    title_key: str
    raw: str  # case-folded raw text, to see which outlet a copy credits

    @classmethod
    def of(cls, stored: StoredDocument) -> DocFacts:
        doc = stored.document
        estimate = doc.published_estimate if not doc.published else None
        window = (estimate.earliest, estimate.latest) if estimate else (doc.published, doc.published)
        return cls(doc_id=stored.doc_id, version=stored.version, date=estimate.date if estimate else doc.published,
                   earliest=window[0], latest=window[1], estimated=estimate is not None,
                   ingested_at=stored.ingested_at, source=doc.source,
                   source_key=" ".join(normalised_words(doc.source or "")),
                   title_key=" ".join(normalised_words(doc.title or "")), raw=doc.raw_text.casefold())

    def dated(self) -> str:
        if self.estimated:
            return f"estimated from its text between {self.earliest} and {self.latest}"
        return f"published {self.date}"

    def before(self, other: DocFacts) -> bool:
        """Certainly published earlier: its window ends before the other's begins (an estimate is a window)."""
        return bool(self.latest and other.earliest and self.latest < other.earliest)

    def credits(self, other: DocFacts) -> bool:
        """Does this document name the other's outlet (and not the other way round)?"""
        if not other.source or len(other.source) < 3 or other.source_key == self.source_key:
            return False
        mentions_other = other.source.casefold() in self.raw
        mentioned_by_other = bool(self.source) and len(self.source or "") >= 3 and \
            (self.source or "").casefold() in other.raw
        return mentions_other and not mentioned_by_other


def orient(a: DocFacts, b: DocFacts) -> tuple[DocFacts, DocFacts, str, str]:
    """(copy, original, basis, reason): the earlier document is the original."""
    if a.before(b) or b.before(a):
        original, copy = (a, b) if a.before(b) else (b, a)
        basis = "estimated" if a.estimated or b.estimated else "published"
        return copy, original, basis, f"original {original.dated()}, copy {copy.dated()}"
    same_day = ""
    if a.date and b.date:
        same_day = f"both dated {a.date}; " if a.date == b.date and not a.estimated and not b.estimated else \
            f"dates do not tell them apart ({a.dated()}, {b.dated()}); "
    for copy, original in ((a, b), (b, a)):
        if copy.credits(original):
            return copy, original, "credit", f"{same_day}the copy credits {original.source}"
    if a.ingested_at != b.ingested_at:
        original, copy = (a, b) if a.ingested_at < b.ingested_at else (b, a)
        return copy, original, "ingest_order", (f"{same_day}no date or credit tells them apart; the original was "
                                                f"ingested first ({original.ingested_at})")
    original, copy = (a, b) if a.doc_id < b.doc_id else (b, a)
    return copy, original, "unknown", (f"{same_day}no date, credit or ingest order tells them apart; "
                                       "the lower document id is taken as the original")


def copy_type(exact: bool, a: DocFacts, b: DocFacts) -> str:
    other_outlet = bool(a.source_key and b.source_key and a.source_key != b.source_key)
    if other_outlet:
        return SYNDICATED_FROM
    return DUPLICATE_OF if exact or a.title_key == b.title_key else SYNDICATED_FROM


def make_link(a: DocFacts, b: DocFacts, match: Match) -> Link:
    copy, original, basis, reason = orient(a, b)
    return Link(doc_id=copy.doc_id, doc_version=copy.version, other_id=original.doc_id,
                other_version=original.version, type=copy_type(match.method == "body_hash", a, b),
                score=match.score, method=match.method, basis=basis, reason=reason)


# -- the linking step -----------------------------------------------------------------------------------


@dataclass
class LinkReport:
    checked: int = 0  # documents fingerprinted and checked in this run
    indexed: int = 0  # stored signatures the index started from
    links: int = 0  # links made in this run
    index_seconds: float = 0.0  # rebuilding the in-memory LSH index from the stored signatures

    def summary(self) -> str:
        return f"{self.checked} documents checked for copies against {self.indexed} stored, {self.links} links"


class _Facts:
    """DocFacts of stored documents, read once per run."""

    def __init__(self, store: Store):
        self._store = store
        self._cache: dict[str, DocFacts] = {}

    def remember(self, stored: StoredDocument) -> DocFacts:
        self._cache[stored.doc_id] = DocFacts.of(stored)
        return self._cache[stored.doc_id]

    def __getitem__(self, doc_id: str) -> DocFacts:
        if doc_id not in self._cache:
            self.remember(self._store.get_document(doc_id))
        return self._cache[doc_id]


def link_copies(store: Store, threshold: float = 0.8, *, force: bool = False,
                batch_size: int = BATCH_SIZE) -> LinkReport:
    """Fingerprint the documents without a current signature, link each to the stored copies it matches."""
    report = LinkReport()
    pending = store.pending_signatures(METHOD, force=force)
    first = next(pending, None)
    if first is None:
        return report
    index = CopyIndex(threshold)
    started = time.perf_counter()
    if not force:  # with force every document is pending, and is checked against those before it
        index.load(store.signatures(METHOD))
    report.indexed, report.index_seconds = len(index), round(time.perf_counter() - started, 3)
    facts = _Facts(store)
    for batch in _batched(chain([first], pending), batch_size):
        signatures, links = [], []
        for stored in batch:
            sig, found = check(index, facts, stored)
            signatures.append(sig)
            links.extend(found)
        store.save_links(links, replacing=[s.doc_id for s in batch], signatures=signatures)
        report.checked += len(batch)
        report.links += len(links)
    return report


def check(index: CopyIndex, facts: _Facts, stored: StoredDocument) -> tuple[Signature, list[Link]]:
    """One document: its signature, its links to the indexed documents; then index it."""
    index.discard(stored.doc_id)  # its previous version, when the index has it
    sig, sketch = fingerprint(stored.doc_id, stored.version, stored.document.text)
    matches = index.matches(sig, sketch)
    links = []
    if matches:
        mine = facts.remember(stored)
        links = [make_link(mine, facts[m.other_id], m) for m in matches]
    index.add(sig, sketch)
    return sig, links


def _batched(items: Iterator[StoredDocument], size: int) -> Iterator[list[StoredDocument]]:
    while batch := list(islice(items, size)):
        yield batch


# -- views ----------------------------------------------------------------------------------------------


def link_record(link: Link, doc_id: str) -> dict[str, Any]:
    """One link as seen from one of its documents (an item of `links` in `docs --json` and `show --json`)."""
    role = "copy" if link.doc_id == doc_id else "original"
    return {"type": link.type, "role": role, "other": link.other_id if role == "copy" else link.doc_id,
            "score": link.score, "method": link.method, "basis": link.basis, "reason": link.reason}


def links_by_document(links: Iterable[Link]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for link in links:
        for doc_id in (link.doc_id, link.other_id):
            grouped.setdefault(doc_id, []).append(link_record(link, doc_id))
    return grouped
