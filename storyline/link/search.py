"""Hybrid search over sentences and background linking between documents.

Both rank first by BM25 (`bm25s`) and then mix in sentence-embedding cosine
(`storyline.link.embed`): BM25 finds the exact words a reader typed, the embeddings reward a
sentence or article that says the same thing in other words.

The indexes are built on each call from the store. That is fine for a few thousand documents;
a persisted index (updated on ingest) is the way to scale it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np

from storyline.errors import BAD_QUERY, StorylineError

if TYPE_CHECKING:
    from storyline.app import Storyline
    from storyline.nlp.types import ActorMention
    from storyline.store.base import StoredDocument

# BM25 keeps this many candidates for the embedding rerank: enough to let a paraphrase rise.
RERANK_POOL = 100
# Share of the final sentence score that comes from BM25 (the rest from the embedding cosine).
SEARCH_BM25_WEIGHT = 0.5
# A sentence with none of the query's words must be this close in meaning to count as an answer;
# unrelated sentences sit around 0.0-0.2 with this model, paraphrases well above.
MIN_COSINE_WITHOUT_WORDS = 0.3
# Weights of the background score: words, meaning, shared actors, shared events.
RELATED_WEIGHTS = {"bm25": 0.4, "embedding": 0.3, "actors": 0.15, "events": 0.15}
# A document's vector is the mean of its first sentences: the lead says what the article is about.
LEAD_SENTENCES = 10
COPY_LINKS = ("duplicate_of", "syndicated_from")

_WORD = re.compile(r"\w+", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass
class Sentence:
    doc_id: str
    start: int
    end: int
    text: str


@dataclass
class Doc:
    """What search and related need of one stored document."""

    stored: StoredDocument
    day: date | None
    estimated: bool
    sentences: list[Sentence]
    mentions: list[ActorMention] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        return self.stored.doc_id

    def record(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "title": self.stored.document.title,
                "date": self.day.isoformat() if self.day else None, "date_estimated": self.estimated}


# -- building blocks ----------------------------------------------------------------------------------


def tokenize(text: str) -> list[str]:
    """Lower-case words without English stop words: what BM25 matches on."""
    from bm25s.stopwords import STOPWORDS_EN

    stop = set(STOPWORDS_EN)
    return [w for w in _WORD.findall(text.lower()) if w not in stop and len(w) > 1]


def bm25_scores(corpus: Sequence[str], query: str) -> np.ndarray:
    """BM25 score of each text of the corpus for the query (zero where no query word occurs)."""
    import bm25s

    if not corpus:
        return np.zeros(0, dtype=np.float32)
    retriever = bm25s.BM25()
    retriever.index([tokenize(text) for text in corpus], show_progress=False)
    words = [w for w in tokenize(query) if w in retriever.vocab_dict]
    if not words:
        return np.zeros(len(corpus), dtype=np.float32)
    return np.asarray(retriever.get_scores(words), dtype=np.float32)


def _normalised(scores: np.ndarray) -> np.ndarray:
    top = float(scores.max()) if len(scores) else 0.0
    return scores / top if top > 0 else np.zeros_like(scores)


def _encode(texts: Sequence[str]) -> np.ndarray:
    from storyline.link.embed import encode

    return encode(list(texts))


def _document_day(stored: StoredDocument) -> tuple[date | None, bool]:
    """The publication day, else the estimate (flagged), else None."""
    doc = stored.document
    value, estimated = doc.published, False
    if not value and doc.published_estimate:
        value, estimated = doc.published_estimate.date, True
    try:
        return (date.fromisoformat(str(value)[:10]), estimated) if value else (None, False)
    except ValueError:
        return None, False


def _sentences(stored: StoredDocument, annotations: Any) -> list[Sentence]:
    """The language layer's sentences; a punctuation split for documents not processed yet."""
    text = stored.document.text
    if annotations is not None and annotations.sentences:
        spans = [(s.start, s.end) for s in annotations.sentences]
    else:
        spans, start = [], 0
        for piece in _SENTENCE_END.split(text):
            begin = text.find(piece, start)
            spans.append((begin, begin + len(piece)))
            start = begin + len(piece)
    return [Sentence(stored.doc_id, a, b, text[a:b].strip()) for a, b in spans if text[a:b].strip()]


def load_documents(app: Storyline) -> list[Doc]:
    """Every current document that holds text, with its sentences and actor mentions."""
    docs = []
    for stored in app.store.iter_documents():
        if stored.document.status != "ok" or not stored.document.text.strip():
            continue
        annotations = app.store.get_annotations(stored.doc_id, stored.version)
        day, estimated = _document_day(stored)
        mentions = list(annotations.mentions) if annotations is not None else []
        docs.append(Doc(stored, day, estimated, _sentences(stored, annotations), mentions))
    return docs


def _bound(value: str | None, option: str, last: bool) -> date | None:
    """The first (or last) day of a YYYY, YYYY-MM or YYYY-MM-DD bound."""
    if value is None:
        return None
    from storyline.events.merge import date_interval

    interval = date_interval(value)
    if interval is None:
        raise StorylineError(BAD_QUERY, f"{option} {value!r}: write YYYY, YYYY-MM or YYYY-MM-DD")
    return interval[1] if last else interval[0]


def _mentions_actor(mention: ActorMention, key: str) -> bool:
    return key in (mention.actor_id, mention.country) or (mention.actor_id is None and mention.name.lower() == key)


# -- search -------------------------------------------------------------------------------------------


def search(app: Storyline, query: str, date_from: str | None = None, date_to: str | None = None,
           actor: str | None = None, limit: int = 10) -> list[dict[str, Any]]:
    """The sentences that best answer the query, best first.

    Candidates are the sentences of documents dated within [date_from, date_to] (publication date or
    its estimate; undated documents drop out when a bound is given) that mention the actor, if one is
    given. BM25 picks the top RERANK_POOL, then a mix of max-normalised BM25 and embedding cosine orders
    them. The BM25 index is built per call (see the module docstring).
    """
    if not query.strip():
        raise StorylineError(BAD_QUERY, "an empty search query")
    first, last = _bound(date_from, "--from", False), _bound(date_to, "--to", True)
    key = app.actor_key(actor) if actor else None
    candidates: list[tuple[Doc, Sentence]] = []
    for doc in load_documents(app):
        if (first or last) and (doc.day is None or (first and doc.day < first) or (last and doc.day > last)):
            continue
        for sentence in doc.sentences:
            if key is None or _sentence_has_actor(doc, sentence, key):
                candidates.append((doc, sentence))
    if not candidates:
        return []
    lexical = bm25_scores([s.text for _, s in candidates], query)
    pool = np.argsort(-lexical, kind="stable")[:RERANK_POOL]
    vectors = _encode([query] + [candidates[i][1].text for i in pool])
    cosines = vectors[1:] @ vectors[0]
    lexical_norm = _normalised(lexical[pool])
    mixed = SEARCH_BM25_WEIGHT * lexical_norm + (1 - SEARCH_BM25_WEIGHT) * np.clip(cosines, 0, None)
    results: list[dict[str, Any]] = []
    for rank in np.argsort(-mixed, kind="stable"):
        if lexical[pool[rank]] <= 0 and cosines[rank] < MIN_COSINE_WITHOUT_WORDS:
            continue  # neither the words nor the meaning of the query
        if len(results) == limit:
            break
        doc, sentence = candidates[pool[rank]]
        results.append({**doc.record(), "start": sentence.start, "end": sentence.end, "sentence": sentence.text,
                        "score": round(float(mixed[rank]), 4), "bm25": round(float(lexical[pool[rank]]), 4),
                        "cosine": round(float(cosines[rank]), 4)})
    return results


def _sentence_has_actor(doc: Doc, sentence: Sentence, key: str) -> bool:
    return any(sentence.start <= m.start < sentence.end and _mentions_actor(m, key) for m in doc.mentions)


# -- related ------------------------------------------------------------------------------------------


def related(app: Storyline, doc_ref: str, limit: int = 10) -> list[dict[str, Any]]:
    """Earlier documents ranked by the background they give to `doc_ref`, each with its reasons.

    Earlier means dated strictly before the document (estimates count; undated documents are left
    out, since nothing says they came first). The document's own copies are left out too. The
    score mixes BM25 with the whole text as query, the cosine of lead-sentence vectors, and the
    Jaccard overlap of actors and of merged event groups (weights in RELATED_WEIGHTS).
    """
    target_id = app.store.get_document(doc_ref).doc_id
    docs = load_documents(app)
    target = next((d for d in docs if d.doc_id == target_id), None)
    if target is None:
        raise StorylineError(BAD_QUERY, f"{doc_ref!r} holds no text to find background for")
    copies = _copies(app, target_id)
    earlier = [d for d in docs if d.doc_id != target_id and d.doc_id not in copies and d.day is not None
               and (target.day is None or d.day < target.day)]
    if not earlier:
        return []
    events = _event_groups(app)
    lexical = bm25_scores([d.stored.document.text for d in earlier], target.stored.document.text)
    cosines = _lead_vectors(earlier) @ _lead_vectors([target])[0]
    scored = []
    for doc, bm25, cosine, lexical_norm in zip(earlier, lexical, cosines, _normalised(lexical), strict=True):
        shared_actors = _jaccard(_actor_ids(target), _actor_ids(doc))
        shared_events = _jaccard(set(events.get(target_id, {})), set(events.get(doc.doc_id, {})))
        score = (RELATED_WEIGHTS["bm25"] * lexical_norm + RELATED_WEIGHTS["embedding"] * max(float(cosine), 0.0)
                 + RELATED_WEIGHTS["actors"] * shared_actors + RELATED_WEIGHTS["events"] * shared_events)
        scored.append((score, doc, float(bm25), float(cosine), shared_actors, shared_events))
    scored.sort(key=lambda item: -item[0])
    return [_related_record(target, events, *item) for item in scored[:limit]]


def _related_record(target: Doc, events: dict[str, dict[str, tuple[str, str | None]]], score: float, doc: Doc,
                    bm25: float, cosine: float, actors: float, shared_events: float) -> dict[str, Any]:
    names = _actor_names(target)
    common_actors = sorted(names[a] for a in _actor_ids(target) & _actor_ids(doc))
    mine, theirs = events.get(target.doc_id, {}), events.get(doc.doc_id, {})
    common_events = [{"type": mine[g][0], "date": mine[g][1]} for g in sorted(set(mine) & set(theirs))]
    return {**doc.record(), "score": round(score, 4), "bm25": round(bm25, 4), "cosine": round(cosine, 4),
            "actor_overlap": round(actors, 4), "event_overlap": round(shared_events, 4),
            "reasons": {"shared_actors": common_actors, "shared_events": common_events,
                        "similar_passages": _best_passage_pair(target, doc)}}


def _copies(app: Storyline, doc_id: str) -> set[str]:
    """Documents that are copies of this one, or that it copies: not background, the same article."""
    linked: set[str] = set()
    for link in app.store.links(doc_id):
        if link.type in COPY_LINKS:
            linked.update((link.doc_id, link.other_id))
    linked.discard(doc_id)
    return linked


def _event_groups(app: Storyline) -> dict[str, dict[str, tuple[str, str | None]]]:
    """Per document, the merged event groups it reports: group id -> (type, date)."""
    groups: dict[str, dict[str, tuple[str, str | None]]] = {}
    for item in app.store.events():
        if item.group_id:
            groups.setdefault(item.doc_id, {})[item.group_id] = (item.event.type, item.event.date)
    return groups


def _actor_ids(doc: Doc) -> set[str]:
    return {m.actor_id for m in doc.mentions if m.actor_id}


def _actor_names(doc: Doc) -> dict[str, str]:
    return {m.actor_id: m.name for m in doc.mentions if m.actor_id}


def _jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    left, right = set(a), set(b)
    return len(left & right) / len(left | right) if left | right else 0.0


def _lead_vectors(docs: Sequence[Doc]) -> np.ndarray:
    """One unit vector per document: the normalised mean of its first sentences' embeddings."""
    leads = [[s.text for s in d.sentences[:LEAD_SENTENCES]] or [d.stored.document.text[:1000]] for d in docs]
    vectors = _encode([text for lead in leads for text in lead])
    means, start = [], 0
    for lead in leads:
        means.append(vectors[start:start + len(lead)].mean(axis=0))
        start += len(lead)
    stacked = np.vstack(means)
    return stacked / np.clip(np.linalg.norm(stacked, axis=1, keepdims=True), 1e-12, None)


def _best_passage_pair(target: Doc, doc: Doc) -> dict[str, Any] | None:
    """The sentence of each document closest in meaning to one of the other's."""
    if not target.sentences or not doc.sentences:
        return None
    mine, theirs = _encode([s.text for s in target.sentences]), _encode([s.text for s in doc.sentences])
    similarity = mine @ theirs.T
    i, j = np.unravel_index(int(np.argmax(similarity)), similarity.shape)
    return {"similarity": round(float(similarity[i, j]), 4),
            "document_sentence": target.sentences[i].text, "document_start": target.sentences[i].start,
            "related_sentence": doc.sentences[j].text, "related_start": doc.sentences[j].start}
