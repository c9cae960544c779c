"""Measure main-text and metadata extraction on trafilatura's own benchmark, beside plain trafilatura.

The benchmark (990 real pages) is trafilatura's ``tests/`` folder: ``evaldata.json`` lists, per page,
snippets that must appear in the extracted text (``with``) and boilerplate that must not (``without``),
and, for many pages, the gold title, author and date. Scoring is the one of trafilatura's own benchmark
scripts (``tests/eval_common.py``): each ``with`` snippet found in the output, whitespace collapsed on
both sides, is a true positive, else a false negative; each ``without`` snippet found is a false
positive, else a true negative; the counts are summed over the corpus, and a page with no output (or
an error) counts its ``with`` snippets as false negatives. Both extractors run on the same pages, in the
same process, on the page bytes as read from disk, with no URL.

Run ``python -m storyline.evaluation.extraction`` (``--data PATH``, ``--limit N``).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import tarfile
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import version
from itertools import islice
from pathlib import Path
from typing import Any

import trafilatura

from storyline.errors import EVAL_DATA_MISSING, StorylineError
from storyline.ingest.html import extract_html

__all__ = ["DEFAULT_ARCHIVE", "evaluate_extraction", "format_extraction_report", "main"]

ARCHIVE_NAME = "trafilatura-eval.tar.gz"
DEFAULT_ARCHIVE = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "extraction" / ARCHIVE_NAME
# Pages run untimed first, so lazy imports and caches (dateparser's locales, lxml's XPath compilation)
# are not charged to whichever extractor happens to meet them first.
WARMUP_PAGES = 20
FIELDS = ("title", "author", "date")
NORMALISATION = (
    "title/author/date: exact match after HTML entities are decoded, Unicode NFC, whitespace collapsed "
    "and case folded; gold author lists joined with '; ' as trafilatura joins authors; "
    "over the pages that have a non-empty gold value"
)

_SPACES = re.compile(r"\s+")

# One extractor as the benchmark sees it: page bytes in; text (None when nothing) and metadata out.
Runner = Callable[[bytes], tuple[str | None, dict[str, str | None]]]


@dataclass
class _Tally:
    name: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    empty: int = 0
    errors: int = 0
    seconds: float = 0.0
    fields: dict[str, list[int]] = field(default_factory=lambda: {name: [0, 0] for name in FIELDS})

    def add_text(self, page: dict[str, Any], text: str | None) -> None:
        found = _collapse(text) if text else ""
        hits = sum(_collapse(snippet) in found for snippet in page["with"]) if found else 0
        false_hits = sum(_collapse(snippet) in found for snippet in page["without"]) if found else 0
        self.tp += hits
        self.fn += len(page["with"]) - hits
        self.fp += false_hits
        self.tn += len(page["without"]) - false_hits
        self.empty += not found

    def add_fields(self, page: dict[str, Any], found: dict[str, str | None]) -> None:
        for name in FIELDS:
            gold = _gold(page, name)
            if gold:
                self.fields[name][1] += 1
                self.fields[name][0] += _canonical(found.get(name)) == _canonical(gold)

    def summary(self, pages: int) -> dict[str, Any]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        total = self.tp + self.fp + self.fn + self.tn
        return {
            "name": self.name,
            "precision": precision,
            "recall": recall,
            "f1": 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp + self.fp + self.fn else 0.0,
            "accuracy": (self.tp + self.tn) / total if total else 0.0,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "empty_pages": self.empty,
            "errors": self.errors,
            "seconds": self.seconds,
            "pages_per_second": pages / self.seconds if self.seconds else 0.0,
            **{
                name: {"correct": correct, "total": total, "accuracy": correct / total if total else 0.0}
                for name, (correct, total) in self.fields.items()
            },
        }


def evaluate_extraction(archive: Path, *, limit: int | None = None) -> dict[str, Any]:
    """Run Storyline's ``extract_html`` and plain ``trafilatura.extract`` on the benchmark's pages.

    ``limit`` keeps the first N pages of the index. Returns one summary per extractor under ``rows``.
    """
    if not archive.is_file():
        raise StorylineError(EVAL_DATA_MISSING, "trafilatura's benchmark archive not found", source=str(archive))
    with tempfile.TemporaryDirectory(prefix="storyline-extraction-") as folder:
        tests = _unpack(archive, Path(folder))
        pages = _index(tests, limit)
        trafilatura_text_seconds = [0.0]
        runners: dict[str, Runner] = {
            "storyline extract_html": _storyline_runner,
            "trafilatura.extract (defaults)": _trafilatura_runner(trafilatura_text_seconds),
        }
        tallies = {name: _Tally(name) for name in runners}
        for _, content in islice(_read(tests, pages), WARMUP_PAGES):
            for runner in runners.values():
                _run(runner, content)
        trafilatura_text_seconds[0] = 0.0
        for page, content in _read(tests, pages):
            for name, runner in runners.items():
                _score(tallies[name], runner, page, content)
    rows = [tally.summary(len(pages)) for tally in tallies.values()]
    text_seconds = trafilatura_text_seconds[0]
    rows[1]["text_pages_per_second"] = len(pages) / text_seconds if text_seconds else 0.0
    return {
        "archive": str(archive),
        "pages": len(pages),
        "warmup_pages": min(WARMUP_PAGES, len(pages)),
        "trafilatura_version": version("trafilatura"),
        "normalisation": NORMALISATION,
        "rows": rows,
    }


def _unpack(archive: Path, folder: Path) -> Path:
    try:
        with tarfile.open(archive) as bundle:
            # "data": no links or paths leaving the folder (the filter exists from Python 3.11.4)
            safety: dict[str, Any] = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
            bundle.extractall(folder, **safety)
    except (tarfile.TarError, OSError) as exc:
        raise StorylineError(EVAL_DATA_MISSING, f"unreadable archive ({exc})", source=str(archive)) from exc
    index = next(folder.rglob("evaldata.json"), None)
    if index is None:
        raise StorylineError(EVAL_DATA_MISSING, "no evaldata.json inside the archive", source=str(archive))
    return index.parent


def _index(tests: Path, limit: int | None) -> list[dict[str, Any]]:
    entries = json.loads((tests / "evaldata.json").read_text(encoding="utf-8"))
    pages = [{"url": url, **entry} for url, entry in entries.items()]
    return pages[:limit] if limit is not None else pages


def _read(tests: Path, pages: list[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], bytes]]:
    for page in pages:
        # trafilatura's benchmark resolves each file in cache/ first, then eval/
        path = next((tests / sub / page["file"] for sub in ("cache", "eval") if (tests / sub / page["file"]).is_file()),
                    None)
        if path is None:
            raise StorylineError(EVAL_DATA_MISSING, f"page file {page['file']!r} is missing", source=str(tests))
        yield page, path.read_bytes()


def _score(tally: _Tally, runner: Runner, page: dict[str, Any], content: bytes) -> None:
    started = time.perf_counter()
    text, found, failed = _run(runner, content)
    tally.seconds += time.perf_counter() - started
    tally.errors += failed
    tally.add_text(page, text)
    tally.add_fields(page, found)


def _run(runner: Runner, content: bytes) -> tuple[str | None, dict[str, str | None], bool]:
    try:
        text, found = runner(content)
    except Exception:  # a crash on one page counts as a full miss, as in trafilatura's benchmark
        return None, {}, True
    return text, found, False


def _storyline_runner(content: bytes) -> tuple[str | None, dict[str, str | None]]:
    try:
        page = extract_html(content)
    except StorylineError:
        return None, {}
    return page.text, {"title": page.title, "author": page.author, "date": page.published}


def _trafilatura_runner(text_seconds: list[float]) -> Runner:
    def run(content: bytes) -> tuple[str | None, dict[str, str | None]]:
        started = time.perf_counter()
        text = trafilatura.extract(content)
        text_seconds[0] += time.perf_counter() - started
        metadata = trafilatura.extract_metadata(content)
        return text, {"title": metadata.title, "author": metadata.author, "date": metadata.date}

    return run


def _collapse(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _canonical(value: str | None) -> str:
    return _collapse(unicodedata.normalize("NFC", html.unescape(value or ""))).casefold()


def _gold(page: dict[str, Any], name: str) -> str:
    gold = page.get(name) or ""
    return "; ".join(gold) if isinstance(gold, list) else str(gold)


def format_extraction_report(result: dict[str, Any]) -> str:
    """The evaluation as a table, one row per extractor, and the notes needed to read it."""
    header = "| extractor | precision | recall | F1 | accuracy | title | author | date | pages/s |"
    lines = [
        f"Main-text extraction on trafilatura's benchmark: {result['pages']} pages "
        f"(trafilatura {result['trafilatura_version']})",
        "",
        header,
        "|" + "---|" * (header.count("|") - 1),
    ]
    for row in result["rows"]:
        fields = " | ".join(f"{row[name]['accuracy']:.3f} ({row[name]['total']})" for name in FIELDS)
        lines.append(
            f"| {row['name']} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} | "
            f"{row['accuracy']:.3f} | {fields} | {row['pages_per_second']:.1f} |"
        )
    ours, plain = result["rows"]
    lines += [
        "",
        "Snippet scoring as in trafilatura's benchmark (summed over pages, whitespace collapsed); empty outputs: "
        f"{ours['empty_pages']} vs {plain['empty_pages']}, errors: {ours['errors']} vs {plain['errors']}.",
        f"Field accuracy, pages with gold in brackets: {result['normalisation']}.",
        "pages/s on one core, after an untimed warm-up on the first "
        f"{result['warmup_pages']} pages; storyline: text and metadata in one call; trafilatura: "
        f"extract() plus extract_metadata(), extract() alone {plain.get('text_pages_per_second', 0.0):.1f} pages/s.",
    ]
    return "\n".join(lines)


def _archive_path(data: Path) -> Path:
    """--data may name the archive itself, the extraction folder, or the shared data folder."""
    if data.is_dir():
        return next((c for c in (data / ARCHIVE_NAME, data / "extraction" / ARCHIVE_NAME) if c.is_file()),
                    data / "extraction" / ARCHIVE_NAME)
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m storyline.evaluation.extraction",
        description="Compare Storyline's HTML extraction with plain trafilatura on trafilatura's benchmark.",
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_ARCHIVE, help=f"the benchmark archive ({DEFAULT_ARCHIVE})")
    parser.add_argument("--limit", type=int, default=None, help="evaluate the first N pages only")
    args = parser.parse_args(argv)
    try:
        result = evaluate_extraction(_archive_path(args.data), limit=args.limit)
    except StorylineError as error:
        print(error.render(), file=sys.stderr)
        return 2
    print(format_extraction_report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
