"""Measure the sentence-level paraphrase decision, the core of rewrite detection.

Data: the MSR paraphrase corpus training split (``../shared/data/paraphrase/msr_paraphrase_train.txt``,
TSV: Quality, #1 ID, #2 ID, #1 String, #2 String), 3,674 news sentence pairs labelled 1 (paraphrase) or 0.

Three deciders, each scored by k-fold cross-validation with the same folds (fit and choose the threshold on
k-1 folds, score the held-out fold, report the mean over folds):

- ``word_overlap``: the baseline, a threshold on the Jaccard overlap of lower-cased words;
- ``cosine``: a threshold on the cosine similarity of the two sentence embeddings;
- ``model``: the logistic model of ``storyline.link.pairs`` over the cosine and lexical features, the one
  ``storyline.link.align.is_paraphrase`` uses.

``python -m storyline.evaluation.paraphrase --write-model`` fits the model on the whole file and rewrites
``storyline/link/paraphrase_model.py``; the cross-validated numbers never see the held-out fold.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from storyline.errors import EVAL_DATA_MISSING, StorylineError
from storyline.evaluation import default_data_dir

DEFAULT_DATA = default_data_dir() / "paraphrase" / "msr_paraphrase_train.txt"
MODEL_MODULE = Path(__file__).resolve().parents[1] / "link" / "paraphrase_model.py"
FOLDS = 10
SEED = 13
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Pairs:
    first: list[str]
    second: list[str]
    labels: np.ndarray


def read_pairs(path: Path, limit: int | None = None) -> Pairs:
    if not path.is_file():
        raise StorylineError(EVAL_DATA_MISSING, f"the MSR paraphrase corpus not found at {path}", source=str(path))
    first: list[str] = []
    second: list[str] = []
    labels: list[int] = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        # The strings hold bare quotes; the file is tab-separated with no quoting at all.
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            # A line with extra fields is two records run together (a lost line break): neither can be trusted.
            if None in row or row.get("Quality") not in ("0", "1") or not row.get("#1 String") \
                    or not row.get("#2 String"):
                continue
            first.append(row["#1 String"])
            second.append(row["#2 String"])
            labels.append(int(row["Quality"]))
            if limit and len(labels) >= limit:
                break
    return Pairs(first, second, np.array(labels, dtype=np.int64))


def encoded_pairs(pairs: Pairs) -> list[tuple[Any, Any]]:
    from storyline.link.pairs import encode_sentences

    return list(zip(encode_sentences(pairs.first), encode_sentences(pairs.second), strict=True))


def pair_matrix(pairs: Pairs) -> tuple[np.ndarray, float]:
    """The feature matrix of every pair, and the encoding speed in sentences per second."""
    from storyline.link.pairs import pair_features

    started = time.perf_counter()
    encoded = encoded_pairs(pairs)
    speed = 2 * len(pairs.labels) / max(1e-9, time.perf_counter() - started)
    return pair_features(list(zip(pairs.first, pairs.second, strict=True)), encoded), speed


def word_jaccard(a: str, b: str) -> float:
    one, two = set(_WORD.findall(a.lower())), set(_WORD.findall(b.lower()))
    return len(one & two) / max(1, len(one | two))


def scores(predicted: np.ndarray, labels: np.ndarray) -> dict[str, float]:
    true_positive = int(np.sum(predicted & (labels == 1)))
    precision = true_positive / max(1, int(predicted.sum()))
    recall = true_positive / max(1, int((labels == 1).sum()))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"accuracy": float(np.mean(predicted == labels)), "precision": precision, "recall": recall, "f1": f1}


Decider = Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]


def threshold_decider(train: np.ndarray, train_labels: np.ndarray, test: np.ndarray) -> np.ndarray:
    """One score column: the best-accuracy cut on the training folds, applied to the held-out fold."""
    from storyline.link.pairs import best_threshold

    return test[:, 0] >= best_threshold(train[:, 0], train_labels)


def model_decider(train: np.ndarray, train_labels: np.ndarray, test: np.ndarray) -> np.ndarray:
    from storyline.link.pairs import fit_pair_model

    return fit_pair_model(train, train_labels).decide(test)


def cross_validate(features: np.ndarray, labels: np.ndarray, decide: Decider, folds: int = FOLDS) -> dict[str, Any]:
    """Mean and spread over folds of accuracy, precision, recall and F1."""
    order = np.random.default_rng(SEED).permutation(len(labels))
    per_fold = []
    for held_out in np.array_split(order, folds):
        train = np.setdiff1d(order, held_out)
        predicted = decide(features[train], labels[train], features[held_out])
        per_fold.append(scores(predicted, labels[held_out]))
    result: dict[str, Any] = {name: float(np.mean([s[name] for s in per_fold])) for name in per_fold[0]}
    result["accuracy_std"] = float(np.std([s["accuracy"] for s in per_fold]))
    return result


def evaluate_paraphrase(path: Path = DEFAULT_DATA, limit: int | None = None, folds: int = FOLDS) -> dict[str, Any]:
    pairs = read_pairs(path, limit)
    features, speed = pair_matrix(pairs)
    overlap = np.array([[word_jaccard(a, b)] for a, b in zip(pairs.first, pairs.second, strict=True)])
    return {
        "data": str(path), "pairs": len(pairs.labels), "paraphrase_share": float(pairs.labels.mean()),
        "folds": folds,
        "word_overlap": cross_validate(overlap, pairs.labels, threshold_decider, folds),
        "cosine": cross_validate(features[:, :1], pairs.labels, threshold_decider, folds),
        "model": cross_validate(features, pairs.labels, model_decider, folds),
        "sentences_per_second": speed,
    }


def format_paraphrase_report(result: dict[str, Any]) -> str:
    lines = [f"MSR paraphrase corpus: {result['pairs']} pairs ({result['paraphrase_share']:.1%} paraphrases), "
             f"{result['folds']}-fold cross-validation (threshold and model fitted on the other folds)",
             f"{'decider':<34}{'accuracy':>10}{'± sd':>8}{'precision':>11}{'recall':>8}{'F1':>8}"]
    names = {"word_overlap": "word overlap (Jaccard), baseline", "cosine": "embedding cosine",
             "model": "cosine + lexical features (model)"}
    for key, label in names.items():
        r = result[key]
        lines.append(f"{label:<34}{r['accuracy']:>10.3f}{r['accuracy_std']:>8.3f}{r['precision']:>11.3f}"
                     f"{r['recall']:>8.3f}{r['f1']:>8.3f}")
    lines.append(f"encoding: {result['sentences_per_second']:.0f} sentences/s")
    return "\n".join(lines)


def write_model(path: Path = DEFAULT_DATA, out: Path = MODEL_MODULE) -> Path:
    """Fit the paraphrase model on every pair and write it as a Python module (no package data needed)."""
    from storyline.link.pairs import fit_pair_model

    pairs = read_pairs(path)
    features, _ = pair_matrix(pairs)
    model = fit_pair_model(features, pairs.labels).as_dict()
    body = ",\n".join(f"    {json.dumps(key)}: {_wrapped(value)}" for key, value in model.items())
    out.write_text(
        '"""The paraphrase model: generated by `python -m storyline.evaluation.paraphrase --write-model`.\n\n'
        f"Fitted on all {len(pairs.labels)} pairs of {path.name} (MSR paraphrase corpus, training split).\n"
        '"""\n\nfrom typing import Any\n\nMODEL: dict[str, Any] = {\n' + body + ",\n}\n", encoding="utf-8")
    return out


def _wrapped(value: Any) -> str:
    """A JSON value whose lists are broken into lines that ruff accepts."""
    if not isinstance(value, list) or not value:
        return json.dumps(value)
    items = [json.dumps(v) if isinstance(v, str) else repr(round(float(v), 8)) for v in value]
    lines, line = [], ""
    for item in items:
        if len(line) + len(item) + 2 > 100:
            lines.append(line)
            line = ""
        line += item + ", "
    lines.append(line)
    return "[\n" + "\n".join("        " + text.rstrip() for text in lines) + "\n    ]"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--write-model", action="store_true", help="refit on all pairs and rewrite the model module")
    args = parser.parse_args(argv)
    if args.write_model:
        print(f"wrote {write_model(args.data)}")
        return 0
    result = evaluate_paraphrase(args.data, args.limit)
    print(json.dumps(result, indent=2) if args.json else format_paraphrase_report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
