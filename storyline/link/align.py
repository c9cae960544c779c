"""Sentence alignment of a rewrite with its original, and the paraphrase decision on one sentence pair.

A rewrite (a plain-language version, a summary, an agency story retold by a paper) mostly keeps
the original's order, so the alignment is monotonic with some slack:

1. cosine similarity of every rewrite sentence with every original sentence (sentence embeddings);
2. dynamic programming picks the order-preserving one-to-one matching with the largest total
   of (similarity - MATCH) over matched pairs: pairs below MATCH are never matched;
3. a rewrite sentence left out (one original sentence told in two, or a sentence moved) takes its
   best original sentence when that is at least MATCH and lies within SLACK sentences of where
   its neighbours' matches put it, or anywhere when it is at least MOVED;
4. a rewrite sentence that merges two neighbouring original sentences takes the neighbour too when
   the two originals together are closer to it (by MERGE_GAIN) than its match alone, and the
   neighbour on its own is at least MERGE_MIN;
5. the other way round, a rewrite sentence left out that carries on its neighbour's original sentence
   (one long sentence told in two short ones, each too partial to reach MATCH) takes that original
   when the two rewrite sentences together are closer to it (by MERGE_GAIN) than the neighbour alone,
   and it is at least MERGE_MIN on its own;
6. original sentences nobody retells are the dropped ones.

Thresholds are cosines of all-MiniLM-L6-v2 vectors. Sentences retelling the same fact in plainer
words typically score 0.6-0.9; sentences on the same story saying different things 0.3-0.6.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

MATCH = 0.6  # the least similarity at which a rewrite sentence retells an original one
MOVED = 0.75  # a match this strong counts even out of order
SLACK = 2  # how far (in original sentences) an extra match may stray from its neighbours' matches
MERGE_GAIN = 0.015  # how much closer the joined sentences must be than the match alone
MERGE_MIN = 0.35  # the least similarity of the second sentence of a merge or split on its own
REWRITE_MIN = 0.5  # rewrite_score at which one document counts as a rewrite of the other
# A plain-language version adds explanations of its own ("Sanctions are rules that block trade"), which
# lowers its score; it is still a rewrite when it retells most of the original and most of it retells.
RETOLD_MIN = 0.5  # share of the rewrite's sentences that retell the original
KEPT_MIN = 0.6  # share of the original's sentences the rewrite keeps


@dataclass(frozen=True)
class SentenceMatch:
    """One rewrite sentence and the original sentence(s) it retells (none: it retells nothing)."""

    rewrite: int
    originals: tuple[int, ...] = ()
    similarities: tuple[float, ...] = ()  # per original sentence
    similarity: float = 0.0  # to the original sentences taken together


@dataclass(frozen=True)
class Alignment:
    original: list[str]
    rewrite: list[str]
    matches: list[SentenceMatch]  # one per rewrite sentence, in order
    dropped: list[int] = field(default_factory=list)  # original sentences no rewrite sentence retells

    @property
    def unmatched(self) -> list[int]:
        """Rewrite sentences that retell nothing in the original."""
        return [m.rewrite for m in self.matches if not m.originals]


def align(original: Sequence[str], rewrite: Sequence[str]) -> Alignment:
    from storyline.link.embed import encode

    original, rewrite = list(original), list(rewrite)
    if not original or not rewrite:
        return Alignment(original, rewrite, [SentenceMatch(i) for i in range(len(rewrite))],
                         list(range(len(original))))
    original_vectors, rewrite_vectors = encode(original), encode(rewrite)
    similarity = rewrite_vectors @ original_vectors.T
    anchors = _monotonic_matching(similarity)
    _add_loose_matches(similarity, anchors)
    _add_split_halves(similarity, anchors, rewrite, original_vectors)
    groups = _merges(similarity, anchors, original, rewrite_vectors)
    matches = [_match(i, groups.get(i, ()), similarity, rewrite_vectors, original) for i in range(len(rewrite))]
    retold = {j for m in matches for j in m.originals}
    return Alignment(original, rewrite, matches, [j for j in range(len(original)) if j not in retold])


def _monotonic_matching(similarity: np.ndarray) -> dict[int, int]:
    """rewrite index -> original index, strictly increasing in both, maximising the sum of (sim - MATCH)."""
    n, m = similarity.shape
    gain = np.where(similarity >= MATCH, similarity - MATCH + 1e-6, -np.inf)
    best = np.zeros((n + 1, m + 1))
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            best[i, j] = max(best[i - 1, j], best[i, j - 1], best[i - 1, j - 1] + gain[i - 1, j - 1])
    anchors: dict[int, int] = {}
    i, j = n, m
    while i > 0 and j > 0:  # walk back the choices
        if best[i, j] == best[i - 1, j]:
            i -= 1
        elif best[i, j] == best[i, j - 1]:
            j -= 1
        else:
            anchors[i - 1] = j - 1
            i, j = i - 1, j - 1
    return anchors


def _add_loose_matches(similarity: np.ndarray, anchors: dict[int, int]) -> None:
    """Splits and moved sentences: rewrite sentences the strict matching left out take their best original."""
    fixed = dict(anchors)
    for i in range(similarity.shape[0]):
        if i in fixed:
            continue
        j = int(np.argmax(similarity[i]))
        if similarity[i, j] < MATCH:
            continue
        before = [fixed[k] for k in fixed if k < i]
        after = [fixed[k] for k in fixed if k > i]
        low = (max(before) if before else 0) - SLACK
        high = (min(after) if after else similarity.shape[1] - 1) + SLACK
        if low <= j <= high or similarity[i, j] >= MOVED:
            anchors[i] = j


def _add_split_halves(similarity: np.ndarray, anchors: dict[int, int], rewrite: list[str],
                      original_vectors: np.ndarray) -> None:
    """A rewrite sentence left out joins its neighbour's original when the two read as one retelling of it."""
    from storyline.link.embed import encode

    candidates = [(i, k, anchors[k]) for i in range(len(rewrite)) if i not in anchors
                  for k in (i - 1, i + 1) if k in anchors and similarity[i, anchors[k]] >= MERGE_MIN]
    if not candidates:
        return
    joined = encode([f"{rewrite[min(i, k)]} {rewrite[max(i, k)]}" for i, k, _ in candidates])
    for (i, k, j), vector in zip(candidates, joined, strict=True):
        if i not in anchors and float(vector @ original_vectors[j]) >= similarity[k, j] + MERGE_GAIN:
            anchors[i] = j


def _merges(similarity: np.ndarray, anchors: dict[int, int], original: list[str],
            rewrite_vectors: np.ndarray) -> dict[int, tuple[int, ...]]:
    """rewrite index -> its original sentences, two where it merges a matched sentence with a free neighbour."""
    from storyline.link.embed import encode

    taken = set(anchors.values())
    groups: dict[int, tuple[int, ...]] = {i: (j,) for i, j in anchors.items()}
    candidates = [(i, j, k) for i, j in sorted(anchors.items()) for k in (j - 1, j + 1)
                  if 0 <= k < len(original) and k not in taken and similarity[i, k] >= MERGE_MIN]
    if not candidates:
        return groups
    joined = encode([f"{original[min(j, k)]} {original[max(j, k)]}" for _, j, k in candidates])
    for (i, j, k), vector in zip(candidates, joined, strict=True):
        if k in taken or len(groups[i]) > 1:
            continue
        if float(rewrite_vectors[i] @ vector) >= similarity[i, j] + MERGE_GAIN:
            groups[i] = (min(j, k), max(j, k))
            taken.add(k)
    return groups


def _match(i: int, originals: tuple[int, ...], similarity: np.ndarray, rewrite_vectors: np.ndarray,
           original: list[str]) -> SentenceMatch:
    if not originals:
        return SentenceMatch(i)
    each = tuple(round(float(similarity[i, j]), 4) for j in originals)
    together = each[0]
    if len(originals) > 1:
        from storyline.link.embed import encode

        together = round(float(rewrite_vectors[i] @ encode([" ".join(original[j] for j in originals)])[0]), 4)
    return SentenceMatch(i, originals, each, together)


def _words(text: str) -> int:
    return max(1, len(text.split()))


def rewrite_score(alignment: Alignment) -> float:
    """How much of the rewrite retells the original: similarity of each matched sentence, weighted by
    its length in words, over all the rewrite's words (0: nothing retold, about 0.8: all of it, closely)."""
    total = sum(_words(text) for text in alignment.rewrite)
    if not total:
        return 0.0
    retold = sum(_words(alignment.rewrite[m.rewrite]) * m.similarity for m in alignment.matches if m.originals)
    return round(retold / total, 4)


def is_rewrite(alignment: Alignment) -> bool:
    if rewrite_score(alignment) >= REWRITE_MIN:
        return True
    retold = 1 - len(alignment.unmatched) / max(1, len(alignment.rewrite))
    kept = 1 - len(alignment.dropped) / max(1, len(alignment.original))
    return retold >= RETOLD_MIN and kept >= KEPT_MIN


def alignment_record(alignment: Alignment) -> dict[str, Any]:
    """The alignment as JSON-ready data (the `alignment`, `dropped` and score parts of `compare --json`)."""
    return {
        "rewrite_score": rewrite_score(alignment),
        "is_rewrite": is_rewrite(alignment),
        "retold_share": round(1 - len(alignment.unmatched) / max(1, len(alignment.rewrite)), 4),
        "kept_share": round(1 - len(alignment.dropped) / max(1, len(alignment.original)), 4),
        "alignment": [
            {"rewrite_sentence": m.rewrite, "text": alignment.rewrite[m.rewrite], "similarity": m.similarity,
             "originals": [{"sentence": j, "text": alignment.original[j], "similarity": s}
                           for j, s in zip(m.originals, m.similarities, strict=True)]}
            for m in alignment.matches],
        "dropped": [{"sentence": j, "text": alignment.original[j]} for j in alignment.dropped],
        "thresholds": {"match": MATCH, "moved": MOVED, "slack": SLACK, "merge_gain": MERGE_GAIN,
                       "merge_min": MERGE_MIN, "rewrite_min": REWRITE_MIN, "retold_min": RETOLD_MIN,
                       "kept_min": KEPT_MIN},
    }


# -- the paraphrase decision on one pair -----------------------------------------------------------


@lru_cache(maxsize=1)
def _paraphrase_model() -> Any:
    from storyline.link.pairs import PairModel
    from storyline.link.paraphrase_model import MODEL

    return PairModel.from_dict(MODEL)


def paraphrase_probability(a: str, b: str) -> float:
    """The model's probability that b says what a says (cosine, word overlap, numbers, added clauses)."""
    from storyline.link.pairs import encode_sentences, pair_features

    one, two = encode_sentences([a, b])
    return float(_paraphrase_model().probability(pair_features([(a, b)], [(one, two)]))[0])


def is_paraphrase(a: str, b: str) -> bool:
    """Whether two sentences say the same thing. The threshold is the one with the best accuracy on the
    MSR paraphrase corpus (about 0.78 cross-validated: `storyline eval paraphrase`)."""
    return paraphrase_probability(a, b) >= _paraphrase_model().threshold
