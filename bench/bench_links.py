"""Copy linking time and memory on generated corpora of growing size.

For each size N, in a fresh process (so peak memory is that run's own), with one core:
  1. N generated articles (bench/corpus.py's templates; 1 in 20 a copy of an earlier one with a paragraph
     dropped) are stored directly as clean documents in a fresh SQLite store (not timed: that is ingest);
  2. `link_copies` links them all from scratch: per-document time covers reading the document, its
     signature, the LSH query, checking candidates and writing signatures and links;
  3. 200 new articles (1 in 5 a copy of a stored one) arrive and are linked incrementally, against an index
     rebuilt from the N stored signatures: the rebuild is timed on its own, and per-document time is the rest.

    python bench/bench_links.py                      # 1,000, 10,000 and 100,000 documents
    python bench/bench_links.py --sizes 1000,10000   # quicker
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

NEW_DOCUMENTS = 200


def article_body(rng: random.Random) -> list[str]:
    from corpus import paragraph

    return [paragraph(rng) for _ in range(rng.randint(9, 16))]


def make_document(index: int, paragraphs: list[str], prefix: str) -> object:
    from storyline.document import Document

    text = "\n\n".join(paragraphs)
    sha = hashlib.sha256(f"{prefix}{index}\x00{text}".encode()).hexdigest()
    return Document(origin=f"/bench/{prefix}-{index:07d}.txt", raw_sha256=sha, content_sha256=sha, raw_text=text,
                    text=text, title=f"Article {index}", source=f"Outlet {index % 50}", language="en")


def fill(store: object, count: int, rng: random.Random, prefix: str, bodies: list[list[str]],
         copy_share: float) -> int:
    """Store `count` generated documents; a share of them copy a random earlier body. Returns copies made."""
    copies, batch = 0, []
    for index in range(count):
        if bodies and rng.random() < copy_share:
            paragraphs = list(rng.choice(bodies))
            paragraphs.pop(rng.randrange(len(paragraphs)))
            copies += 1
        else:
            paragraphs = article_body(rng)
        bodies.append(paragraphs)
        if len(bodies) > 10_000:  # copies come from recent articles; the bench's own memory stays flat
            del bodies[:5_000]
        doc = make_document(index, paragraphs, prefix)
        batch.append((doc, doc.text.encode(), "text/plain"))  # type: ignore[attr-defined]
        if len(batch) == 1000:
            store.save_batch(batch)  # type: ignore[attr-defined]
            batch = []
    if batch:
        store.save_batch(batch)  # type: ignore[attr-defined]
    return copies


def run_one(count: int) -> dict[str, object]:
    from storyline.link.copies import link_copies
    from storyline.store.sql import SqlStore

    rng = random.Random(17)
    with tempfile.TemporaryDirectory() as tmp, SqlStore(str(Path(tmp) / "bench.db")) as store:
        bodies: list[list[str]] = []
        copies = fill(store, count, rng, "a", bodies, 0.05)
        rss_stored = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        first = link_copies(store)
        bulk = time.perf_counter() - started

        new_copies = fill(store, NEW_DOCUMENTS, rng, "b", bodies, 0.2)
        started = time.perf_counter()
        second = link_copies(store)
        incremental = time.perf_counter() - started
        rebuild = second.index_seconds
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        links = len(store.links())
    return {
        "documents": count, "words_per_document": round(sum(len(" ".join(b).split()) for b in bodies[-500:]) / 500),
        "copies_planted": copies + new_copies, "links": links, "bulk_links": first.links,
        "bulk_ms_per_document": round(bulk / count * 1000, 3),
        "index_rebuild_seconds": round(rebuild, 3),
        "incremental_documents": second.checked, "incremental_links": second.links,
        "incremental_ms_per_document": round((incremental - rebuild) / NEW_DOCUMENTS * 1000, 3),
        "incremental_ms_per_document_with_rebuild": round(incremental / NEW_DOCUMENTS * 1000, 3),
        "peak_rss_mib": round(peak / 1024, 1), "rss_after_storing_mib": round(rss_stored / 1024, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # run one size inside a child process
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent / "results" / "links.json"))
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return 0
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        started = time.perf_counter()
        child = subprocess.run([sys.executable, __file__, "--one", str(size)], capture_output=True, text=True,
                               check=True)
        result = json.loads(child.stdout.strip().splitlines()[-1])
        result["wall_seconds"] = round(time.perf_counter() - started, 1)
        results.append(result)
        print(json.dumps(result))
    Path(args.out).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
