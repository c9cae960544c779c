"""Plain-text cleaning on the demo corpus against the team's gold labels.

Gold files (storyline/demo/gold/<file>.json) list, for each scraped plain-text article,
its exact boilerplate lines, its headline and its standfirst; every other non-empty line is
article text. The bar: every boilerplate line removed, no article line lost.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from storyline.clean.boilerplate import clean_plain_text
from storyline.ingest.decode import decode_bytes


def _norm(text: str) -> str:
    return " ".join(text.split())


def gold_dir() -> Path:
    return Path(__file__).resolve().parents[1] / "demo" / "gold"


def _score_file(corpus_file: Path, gold: dict[str, Any]) -> dict[str, Any]:
    raw = decode_bytes(corpus_file.read_bytes(), str(corpus_file))
    cleaned = clean_plain_text(raw)
    kept = {_norm(line) for line in cleaned.text.splitlines() if line.strip()}
    boilerplate = {_norm(line) for line in gold.get("boilerplate", []) if line.strip()}
    title, summary = _norm(gold.get("title") or ""), _norm(gold.get("summary") or "")
    article = [_norm(line) for line in raw.splitlines()
               if line.strip() and _norm(line) not in boilerplate and _norm(line) not in (title, summary)]
    leaked = sorted(line for line in boilerplate if line in kept)
    lost = [line for line in article if line not in kept]
    return {
        "file": corpus_file.name,
        "boilerplate_lines": len(boilerplate),
        "boilerplate_removed": len(boilerplate) - len(leaked),
        "article_lines": len(article),
        "article_kept": len(article) - len(lost),
        "title_ok": _norm(cleaned.title or "") == title,
        "summary_ok": _norm(cleaned.summary or "") == summary,
        "leaked": leaked,
        "lost": lost,
    }


def evaluate_cleaning(gold_folder: Path | None = None) -> dict[str, Any]:
    folder = gold_folder or gold_dir()
    corpus = folder.parent / "corpus"
    files = []
    for gold_path in sorted(folder.glob("*.txt.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        corpus_file = corpus / gold["file"]
        if corpus_file.is_file():
            files.append(_score_file(corpus_file, gold))
    totals = {key: sum(f[key] for f in files) for key in
              ("boilerplate_lines", "boilerplate_removed", "article_lines", "article_kept")}
    return {
        "files": files,
        **totals,
        "boilerplate_recall": totals["boilerplate_removed"] / max(1, totals["boilerplate_lines"]),
        "article_retention": totals["article_kept"] / max(1, totals["article_lines"]),
        "title_accuracy": sum(f["title_ok"] for f in files) / max(1, len(files)),
        "summary_accuracy": sum(f["summary_ok"] for f in files) / max(1, len(files)),
    }


def format_cleaning_report(result: dict[str, Any]) -> str:
    lines = [
        f"Plain-text cleaning on the demo corpus ({len(result['files'])} gold-labelled articles)",
        f"  boilerplate lines removed: {result['boilerplate_removed']}/{result['boilerplate_lines']} "
        f"({result['boilerplate_recall']:.3f})",
        f"  article lines kept:        {result['article_kept']}/{result['article_lines']} "
        f"({result['article_retention']:.3f})",
        f"  headline found:            {result['title_accuracy']:.3f}",
        f"  standfirst found:          {result['summary_accuracy']:.3f}",
    ]
    for f in result["files"]:
        for line in f["leaked"]:
            lines.append(f"  leaked  {f['file']}: {line[:100]}")
        for line in f["lost"]:
            lines.append(f"  LOST    {f['file']}: {line[:100]}")
    return "\n".join(lines)
