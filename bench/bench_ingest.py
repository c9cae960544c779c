"""Ingest-and-clean throughput and memory on a generated corpus.

Each measurement runs in a fresh process (so peak memory is that run's own) with one worker,
giving documents per second per core. Sizes grow to show whether memory stays flat.

    python bench/bench_ingest.py                 # 2,500 and 10,000 documents of each kind
    python bench/bench_ingest.py --sizes 1000    # a quick run
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def run_one(kind: str, count: int, workers: int) -> dict[str, float]:
    from corpus import generate

    from storyline.app import Storyline
    from storyline.config import load_settings

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        generate(folder, count, kind)
        settings = load_settings(flags={"db": str(Path(tmp) / "bench.db"), "workers": workers}, env={})
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        with Storyline(settings) as app:
            started = time.perf_counter()
            report = app.ingest([str(folder)], quiet=True)
            elapsed = time.perf_counter() - started
        assert report.failed == 0, [str(e) for e in report.errors[:3]]
        assert report.count("new") == count
        peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"kind": kind, "documents": count, "workers": workers, "seconds": round(elapsed, 2),
            "docs_per_second": round(count / elapsed, 1),
            "docs_per_second_per_core": round(count / elapsed / workers, 1),
            "peak_rss_mib": round(max(peak_kib, children) / 1024, 1), "rss_before_mib": round(rss_before / 1024, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="2500,10000")
    parser.add_argument("--kinds", default="text,html")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--one", help=argparse.SUPPRESS)  # kind:count, run inside a child process
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent / "results" / "ingest.json"))
    args = parser.parse_args()
    if args.one:
        kind, count = args.one.split(":")
        print(json.dumps(run_one(kind, int(count), args.workers)))
        return 0
    rows = []
    for kind in args.kinds.split(","):
        for size in (int(s) for s in args.sizes.split(",")):
            output = subprocess.run([sys.executable, __file__, "--one", f"{kind}:{size}", "--workers",
                                     str(args.workers)], check=True, capture_output=True, text=True).stdout
            row = json.loads(output.strip().splitlines()[-1])
            rows.append(row)
            print(f"{kind:>5} {size:>7,} docs: {row['docs_per_second_per_core']:>7.1f} docs/s/core, "
                  f"{row['seconds']:>7.1f} s, peak RSS {row['peak_rss_mib']:.0f} MiB", flush=True)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(rows, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
