"""Measure publication-date estimation on articles whose true dates are known.

Three sets, each read from where it usually lives:

- the demo corpus in the repository (``storyline/demo/corpus``): its plain-text articles and the records of
  its JSON Lines export, with their true dates in ``storyline/demo/gold`` (HTML pages are left out: their
  text depends on the extractor);
- Timeline17 (``../shared/data/temporal/timeline17/SyrianCrisis_bbc/InputDocs``), laid out as
  ``<folder>/<YYYY-MM-DD>/<name>.txt``, the folder name being the article's publication date;
- TempEval-3 (``../shared/data/temporal/tempeval3/TBAQ-cleaned``): TimeML documents whose creation time is
  the true date; the estimate reads only the words inside ``<TEXT>``, tags stripped.

``python -m storyline.evaluation.pubdate`` measures every set it finds and says which it skipped; ``--data
PATH`` points at another folder laid out as Timeline17 is.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import statistics
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from storyline.clean.pubdate import estimate_published
from storyline.errors import EVAL_DATA_MISSING, StorylineError
from storyline.evaluation import default_data_dir

__all__ = [
    "DEFAULT_DATA",
    "DEMO_GOLD",
    "TEMPEVAL3_DATA",
    "evaluate_all",
    "evaluate_demo",
    "evaluate_pubdate",
    "evaluate_tempeval3",
    "format_pubdate_report",
    "main",
]

DEFAULT_DATA = default_data_dir() / "temporal" / "timeline17" / "SyrianCrisis_bbc" / "InputDocs"
TEMPEVAL3_DATA = default_data_dir() / "temporal" / "tempeval3" / "TBAQ-cleaned"
DEMO_GOLD = Path(__file__).resolve().parents[1] / "demo" / "gold"

_TIMELINE17 = "Timeline17"
_DEMO = "demo corpus"
_TEMPEVAL3 = "TempEval-3"

_CREATION_TIME = re.compile(r"<TIMEX3\b[^>]*\bfunctionInDocument=\"CREATION_TIME\"[^>]*>")
_TIMEX_VALUE = re.compile(r"\bvalue=\"(\d{4}-\d\d-\d\d)")
_TIMEML_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class _Article:
    """An article's text and the day it was really published."""

    true: date
    text: str


@dataclass(frozen=True)
class _Outcome:
    true: date
    best: date
    earliest: date
    latest: date

    @property
    def error_days(self) -> int:
        return abs((self.best - self.true).days)

    @property
    def contains_true(self) -> bool:
        return self.earliest <= self.true <= self.latest

    @property
    def width_days(self) -> int:
        return (self.latest - self.earliest).days + 1


# --- the sets ------------------------------------------------------------------------------------------------


def _timeline17_articles(folder: Path) -> list[_Article]:
    if not folder.is_dir():
        raise StorylineError(EVAL_DATA_MISSING, "no folder of dated articles", source=str(folder))
    if (folder / "InputDocs").is_dir():  # a Timeline17 topic folder: its articles sit in InputDocs
        folder = folder / "InputDocs"
    articles: list[_Article] = []
    for day_folder in sorted(p for p in folder.iterdir() if p.is_dir()):
        try:
            true = date.fromisoformat(day_folder.name)
        except ValueError:
            continue  # not a date folder; Timeline17 keeps nothing else here, other corpora might
        for path in sorted(p for p in day_folder.iterdir() if p.is_file()):
            articles.append(_Article(true, path.read_text(encoding="utf-8", errors="replace")))
    if not articles:
        raise StorylineError(EVAL_DATA_MISSING, "no <YYYY-MM-DD>/<article> files", source=str(folder))
    return articles


def _demo_articles(gold_folder: Path) -> list[_Article]:
    """The demo's plain-text articles and export records, with the publication dates of their gold files."""
    gold_files = sorted(gold_folder.glob("*.json")) if gold_folder.is_dir() else []
    if not gold_files:
        raise StorylineError(EVAL_DATA_MISSING, "no gold files for the demo corpus", source=str(gold_folder))
    corpus = gold_folder.parent / "corpus"
    articles: list[_Article] = []
    for gold_path in gold_files:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        source = corpus / gold["file"]
        if gold.get("format") == "txt" and gold.get("published"):
            articles.append(_Article(date.fromisoformat(gold["published"]), source.read_text(encoding="utf-8")))
        elif gold.get("format") == "jsonl":
            articles += _export_records(source, gold.get("records", []))
    if not articles:
        raise StorylineError(EVAL_DATA_MISSING, "no dated plain-text articles or records", source=str(gold_folder))
    return articles


def _export_records(source: Path, gold_records: list[dict[str, Any]]) -> list[_Article]:
    published = {record["id"]: record["published"] for record in gold_records if record.get("published")}
    articles = []
    for line in source.read_text(encoding="utf-8").splitlines():
        record = json.loads(line) if line.strip() else {}
        if record.get("id") in published and record.get("text"):
            articles.append(_Article(date.fromisoformat(published[record["id"]]), record["text"]))
    return articles


def _tempeval3_articles(folder: Path) -> list[_Article]:
    """Each TimeML document once (the corpus repeats one in ``testpipeline``), dated by its creation time."""
    if not folder.is_dir():
        raise StorylineError(EVAL_DATA_MISSING, "no TempEval-3 folder", source=str(folder))
    documents: dict[str, Path] = {}
    for path in sorted(folder.rglob("*.tml")):
        documents.setdefault(path.name, path)
    articles = [article for path in documents.values() if (article := _timeml_article(path))]
    if not articles:
        raise StorylineError(EVAL_DATA_MISSING, "no TimeML documents with a creation time", source=str(folder))
    return articles


def _timeml_article(path: Path) -> _Article | None:
    markup = path.read_text(encoding="utf-8", errors="replace")
    creation = _CREATION_TIME.search(markup)
    value = _TIMEX_VALUE.search(creation[0]) if creation else None
    body = _TIMEML_TEXT.search(markup)
    if value is None or body is None:
        return None
    return _Article(date.fromisoformat(value[1]), html.unescape(_TAG.sub("", body[1])))


# --- measuring -----------------------------------------------------------------------------------------------


def _measure(articles: list[_Article], today: date | None) -> dict[str, Any]:
    outcomes = []
    for article in articles:
        estimate = estimate_published(article.text, today=today)
        if estimate is not None:
            outcomes.append(
                _Outcome(
                    article.true,
                    date.fromisoformat(estimate.date),
                    date.fromisoformat(estimate.earliest),
                    date.fromisoformat(estimate.latest),
                )
            )
    return _summarise(len(articles), outcomes)


def _summarise(total: int, outcomes: list[_Outcome]) -> dict[str, Any]:
    result: dict[str, Any] = {"articles": total, "estimated": len(outcomes), "coverage": len(outcomes) / total}
    if not outcomes:
        return result
    errors = [o.error_days for o in outcomes]
    result.update(
        {
            "window_contains_true": sum(o.contains_true for o in outcomes) / len(outcomes),
            "median_abs_error_days": statistics.median(errors),
            "mean_abs_error_days": statistics.fmean(errors),
            "within_7_days": sum(e <= 7 for e in errors) / len(outcomes),
            "within_31_days": sum(e <= 31 for e in errors) / len(outcomes),
            "median_window_days": statistics.median(o.width_days for o in outcomes),
        }
    )
    return result


def evaluate_demo(gold_folder: Path = DEMO_GOLD, *, today: date | None = None) -> dict[str, Any]:
    """The demo corpus's plain-text articles and export records against their gold publication dates."""
    return _measure(_demo_articles(gold_folder), today)


def evaluate_tempeval3(folder: Path = TEMPEVAL3_DATA, *, today: date | None = None) -> dict[str, Any]:
    """TempEval-3's TimeML documents against their creation times."""
    return _measure(_tempeval3_articles(folder), today)


def evaluate_all(
    timeline17: Path = DEFAULT_DATA, *, today: date | None = None, sets: tuple[str, ...] | None = None
) -> dict[str, dict[str, Any]]:
    """Every set by name: its measures, or ``{"skipped": why}`` when its data is not there.

    ``today`` (default: the current date) is where windows with nothing to close them end; pass a fixed day
    to make the numbers reproducible.
    """
    evaluations = {
        _TIMELINE17: lambda: _measure(_timeline17_articles(timeline17), today),
        _DEMO: lambda: evaluate_demo(today=today),
        _TEMPEVAL3: lambda: evaluate_tempeval3(today=today),
    }
    results: dict[str, dict[str, Any]] = {}
    for name, evaluate in evaluations.items():
        if sets is not None and name not in sets:
            continue
        try:
            results[name] = evaluate()
        except StorylineError as error:
            results[name] = {"skipped": error.render()}
    return results


def evaluate_pubdate(folder: Path, *, today: date | None = None, other_sets: bool = True) -> dict[str, Any]:
    """Estimate every article's date under ``folder`` and compare it with the folder it sits in.

    The measures for ``folder`` are the top-level keys; with ``other_sets`` the demo corpus and TempEval-3,
    where they are found, are measured too and listed under ``"other_sets"`` by name.
    """
    result = {"data": str(folder), **_measure(_timeline17_articles(folder), today)}
    if other_sets:
        result["other_sets"] = evaluate_all(today=today, sets=(_DEMO, _TEMPEVAL3))
    return result


def _format_measures(result: dict[str, Any]) -> list[str]:
    if "skipped" in result:
        return [f"skipped: {result['skipped']}"]
    lines = [f"articles: {result['articles']}, estimated: {result['estimated']} (coverage {result['coverage']:.1%})"]
    if "window_contains_true" in result:
        lines += [
            f"true date inside [earliest, latest]: {result['window_contains_true']:.1%}",
            f"absolute error of the best guess: median {result['median_abs_error_days']:g} days, "
            f"mean {result['mean_abs_error_days']:.1f} days",
            f"within 7 days: {result['within_7_days']:.1%}, within 31 days: {result['within_31_days']:.1%}",
            f"median window width: {result['median_window_days']:g} days",
        ]
    return lines


def format_pubdate_report(result: dict[str, Any]) -> str:
    """The evaluation as a few readable lines a set; shares are of the articles that got an estimate.

    Takes what ``evaluate_pubdate`` returns (the first set's measures, other sets under ``"other_sets"``) or
    what ``evaluate_all`` returns (sets by name).
    """
    if "articles" in result:
        sets = {f"articles in {result.get('data', 'the folder')}": result, **result.get("other_sets", {})}
    else:
        sets = result
    blocks = [
        "\n".join([f"{name}:", *("  " + line for line in _format_measures(measures))])
        for name, measures in sets.items()
    ]
    return "\n\n".join(blocks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m storyline.evaluation.pubdate",
        description="Measure publication-date estimation on the demo corpus, Timeline17 and TempEval-3.",
    )
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help=f"Timeline17-style folder of dated articles ({DEFAULT_DATA})"
    )
    parser.add_argument(
        "--today", type=date.fromisoformat, default=None, help="YYYY-MM-DD where open windows end (default: today)"
    )
    args = parser.parse_args(argv)
    results = evaluate_all(args.data, today=args.today)
    print(format_pubdate_report(results))
    if all("skipped" in result for result in results.values()):
        print("no evaluation data found", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
