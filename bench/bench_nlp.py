"""The language layer's speed beside bare spaCy, same model, same components, same text, same run.

    python bench/bench_nlp.py              # 400 generated articles
    python bench/bench_nlp.py --docs 100   # a quick run

Reports words per second on one core for `nlp.pipe` alone, for the language layer (nlp.pipe, actor
resolution, time normalisation; target: at least 0.80 of bare spaCy's speed) and for the layer with the
event coder (target: coding adds no more than 25% to the layer's time).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def corpus(count: int, seed: int = 11) -> list[str]:
    from corpus import paragraph

    rng = random.Random(seed)
    return ["\n\n".join(paragraph(rng) for _ in range(rng.randint(9, 16))) for _ in range(count)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent / "results" / "nlp.json"))
    args = parser.parse_args()

    from storyline.document import Document
    from storyline.nlp.model import load_model
    from storyline.nlp.process import LanguageLayer

    texts = corpus(args.docs)
    words = sum(len(t.split()) for t in texts)
    nlp = load_model("auto")
    layer = LanguageLayer(code_events=False)
    with_events = LanguageLayer()
    for warm in (layer, with_events):  # load everything first
        warm.annotate([Document(origin="warm-up", text=texts[0], published="2016-02-22")])

    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    bare = time.perf_counter() - started

    docs = [Document(origin=f"bench/{i}", text=t, published=date(2016, 2, 22).isoformat()) for i, t in enumerate(texts)]
    started = time.perf_counter()
    annotations = layer.annotate(docs)
    full = time.perf_counter() - started
    started = time.perf_counter()
    coded = with_events.annotate(docs)
    full_events = time.perf_counter() - started
    events = sum(len(a.events) for a in coded)

    mentions = sum(len(a.mentions) for a in annotations)
    timexes = sum(len(a.timexes) for a in annotations)
    row = {"documents": len(texts), "words": words, "pipe_words_per_second": round(words / bare),
           "layer_words_per_second": round(words / full), "ratio": round(bare / full, 3),
           "actor_mentions": mentions, "time_expressions": timexes, "model": with_events.version,
           "layer_with_events_words_per_second": round(words / full_events), "events": events,
           "event_coding_overhead": round(full_events / full - 1, 3)}
    print(f"{len(texts)} documents, {words:,} words, one core")
    print(f"  spaCy nlp.pipe alone:  {row['pipe_words_per_second']:>8,} words/s")
    print(f"  whole language layer:  {row['layer_words_per_second']:>8,} words/s  "
          f"(ratio {row['ratio']:.2f}; {mentions:,} actor mentions, {timexes:,} time expressions)")
    print(f"  layer + event coding:  {row['layer_with_events_words_per_second']:>8,} words/s  "
          f"(+{row['event_coding_overhead']:.1%} time; {events:,} events)")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(row, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
