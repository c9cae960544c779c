"""Is one sentence a paraphrase of another? Features of a sentence pair and a small logistic model.

Cosine similarity of sentence embeddings alone separates paraphrases from merely related
sentences poorly (about 0.73 accuracy on the MSR paraphrase corpus): two sentences about the
same event embed close together even when one adds a clause or changes a number. The features
here add what the embedding blurs: shared words and word sequences in both directions, names
and numbers that differ, and the longest stretch of words one sentence has and the other lacks
(an added clause). Pairwise products of the standardised features let the model weigh, say,
a high cosine against an added clause; an L2-regularised logistic regression (numpy, Newton's
method) turns them into a probability.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

WORD = re.compile(r"\w+(?:[.,'’]\w+)*")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
FEATURES = ("cosine", "unigram_min", "unigram_max", "bigram_min", "bigram_max", "trigram_min", "trigram_max",
            "names_differ", "length_gap", "length_log_ratio", "char_trigram_jaccard", "sequence_ratio",
            "numbers_differ", "unshared_run_max", "unshared_run_min", "unshared_max", "unshared_min",
            "edit_block_max", "edit_blocks", "pieces_recall", "pieces_precision", "pieces_worst")


def _stem(word: str) -> str:
    """A crude suffix strip so that 'talks' meets 'talk' and 'agreed' meets 'agree'."""
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _ngrams(words: Sequence[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]


def _precision(grams: list[tuple[str, ...]], other: list[tuple[str, ...]]) -> float:
    """Share of one side's n-grams found on the other side (counted with multiplicity, as BLEU does)."""
    return sum((Counter(grams) & Counter(other)).values()) / max(1, len(grams))


def _unshared(words: Sequence[str], other: set[str]) -> tuple[int, int]:
    """(longest run of consecutive words missing from the other sentence, how many are missing)."""
    longest = current = missing = 0
    for word in words:
        current = 0 if word in other else current + 1
        missing += word not in other
        longest = max(longest, current)
    return longest, missing


def _names(raw: Sequence[str]) -> set[str]:
    """Capitalised words after the first: names, mostly."""
    return {w.lower() for w in raw[1:] if w[:1].isupper()}


def lexical_features(a: str, b: str) -> list[float]:
    """Every feature but the cosine, in FEATURES order; symmetric in a and b."""
    raw_a, raw_b = WORD.findall(a), WORD.findall(b)
    words_a, words_b = [_stem(w.lower()) for w in raw_a], [_stem(w.lower()) for w in raw_b]
    values: list[float] = []
    for n in (1, 2, 3):
        one = _precision(_ngrams(words_a, n), _ngrams(words_b, n))
        two = _precision(_ngrams(words_b, n), _ngrams(words_a, n))
        values += [min(one, two), max(one, two)]
    names_a, names_b = _names(raw_a), _names(raw_b)
    values.append(len(names_a ^ names_b) / max(1, len(names_a | names_b)))
    values.append(abs(len(words_a) - len(words_b)))
    values.append(float(np.log((len(words_a) + 1) / (len(words_b) + 1)) ** 2))
    values.append(_jaccard(_char_trigrams(a), _char_trigrams(b)))
    matcher = difflib.SequenceMatcher(None, words_a, words_b, autojunk=False)
    values.append(matcher.ratio())
    values.append(float(set(NUMBER.findall(a)) != set(NUMBER.findall(b))))
    run_a, missing_a = _unshared(words_a, set(words_b))
    run_b, missing_b = _unshared(words_b, set(words_a))
    values += [max(run_a, run_b), min(run_a, run_b), max(missing_a, missing_b), min(missing_a, missing_b)]
    blocks = [max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]
    values += [max(blocks, default=0), len(blocks)]
    return values


def _char_trigrams(text: str) -> set[str]:
    lowered = text.lower()
    return {lowered[i:i + 3] for i in range(len(lowered) - 2)}


def _jaccard(one: set[str], two: set[str]) -> float:
    return len(one & two) / max(1, len(one | two))


def piece_features(first: np.ndarray, second: np.ndarray) -> list[float]:
    """BERTScore-like: how well each word piece of one sentence finds a close piece in the other.

    Returns mean best match from each side and the single worst-matched piece, which is low when
    one sentence says something the other does not.
    """
    if len(first) == 0 or len(second) == 0:
        return [0.0, 0.0, 0.0]
    similarity = first @ second.T
    best_for_first, best_for_second = similarity.max(axis=1), similarity.max(axis=0)
    return [float(best_for_first.mean()), float(best_for_second.mean()),
            float(min(best_for_first.min(), best_for_second.min()))]


def pair_features(pairs: Sequence[tuple[str, str]], encoded: Sequence[tuple[EncodedSentence, EncodedSentence]]
                  ) -> np.ndarray:
    """(n, len(FEATURES)): cosine, lexical and word-piece features of each pair."""
    rows = []
    for (a, b), (one, two) in zip(pairs, encoded, strict=True):
        cosine = float(one.vector @ two.vector)
        rows.append([cosine, *lexical_features(a, b), *piece_features(one.pieces, two.pieces)])
    return np.array(rows, dtype=np.float64).reshape(len(rows), len(FEATURES))


@dataclass(frozen=True)
class EncodedSentence:
    vector: np.ndarray  # the sentence's unit vector
    pieces: np.ndarray  # its word pieces' unit vectors


def encode_sentences(texts: Sequence[str]) -> list[EncodedSentence]:
    from storyline.link.embed import load_embedder

    vectors, pieces = load_embedder().encode_with_tokens(texts)
    return [EncodedSentence(v, p) for v, p in zip(vectors, pieces, strict=True)]


@dataclass(frozen=True)
class PairModel:
    """Standardisation, weights over the features and their pairwise products, and the decision threshold."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray  # last entry: the intercept
    threshold: float

    def probability(self, features: np.ndarray) -> np.ndarray:
        design = _with_intercept(_expand(features, self.mean, self.scale))
        return 1.0 / (1.0 + np.exp(-design @ self.weights))

    def decide(self, features: np.ndarray) -> np.ndarray:
        return self.probability(features) >= self.threshold

    def as_dict(self) -> dict[str, Any]:
        return {"features": list(FEATURES), "mean": self.mean.tolist(), "scale": self.scale.tolist(),
                "weights": self.weights.tolist(), "threshold": self.threshold}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PairModel:
        if list(data["features"]) != list(FEATURES):
            raise ValueError("the paraphrase model was fitted on other features; refit it")
        return cls(np.array(data["mean"]), np.array(data["scale"]), np.array(data["weights"]),
                   float(data["threshold"]))


# Strong enough to keep 190 weights fitted on a few thousand pairs from chasing noise.
L2 = 0.02


def _expand(features: np.ndarray, mean: np.ndarray, scale: np.ndarray) -> np.ndarray:
    z = (features - mean) / scale
    upper = np.triu_indices(z.shape[1])
    products = (z[:, :, None] * z[:, None, :])[:, upper[0], upper[1]]
    return np.concatenate([z, products], axis=1)


def _with_intercept(design: np.ndarray) -> np.ndarray:
    return np.concatenate([design, np.ones((len(design), 1))], axis=1)


def fit_pair_model(features: np.ndarray, labels: np.ndarray, l2: float = L2, steps: int = 30) -> PairModel:
    """Logistic regression by Newton's method; the threshold maximises accuracy on the same data."""
    mean, scale = features.mean(axis=0), features.std(axis=0) + 1e-9
    design = _with_intercept(_expand(features, mean, scale))
    weights = np.zeros(design.shape[1])
    penalty = l2 * np.eye(len(weights))
    penalty[-1, -1] = 0.0  # the intercept is not shrunk
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-design @ weights))
        gradient = design.T @ (p - labels) / len(labels) + penalty @ weights
        hessian = (design * (p * (1 - p))[:, None]).T @ design / len(labels) + penalty
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if np.abs(step).max() < 1e-8:
            break
    model = PairModel(mean, scale, weights, 0.5)
    return PairModel(mean, scale, weights, best_threshold(model.probability(features), labels))


def best_threshold(scores: np.ndarray, labels: np.ndarray) -> float:
    """The cut on scores with the highest accuracy: midway between two neighbouring scores."""
    order = np.argsort(scores)
    ranked, positives = scores[order], labels[order].astype(np.int64)
    # Cutting before position k calls items k.. positive: right = positives at or after k,
    # right negatives below k.
    positives_from = np.concatenate([np.cumsum(positives[::-1])[::-1], [0]])
    negatives_before = np.concatenate([[0], np.cumsum(1 - positives)])
    correct = positives_from + negatives_before
    distinct = np.concatenate([[True], ranked[1:] != ranked[:-1], [True]])  # cut only between different scores
    best = int(np.argmax(np.where(distinct, correct, -1)))
    if best == 0:
        return float(ranked[0] - 1e-9)
    if best == len(ranked):
        return float(ranked[-1] + 1e-9)
    return float((ranked[best - 1] + ranked[best]) / 2)
