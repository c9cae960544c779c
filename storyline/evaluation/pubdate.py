"""Measure publication-date estimation on articles whose true dates are known.

The data is laid out as Timeline17 lays it out: ``<folder>/<YYYY-MM-DD>/<name>.txt``, the folder name
being the article's publication date (a Timeline17 topic folder, holding ``InputDocs``, works too). Run
``python -m storyline.evaluation.pubdate`` to measure on
``../shared/data/temporal/timeline17/SyrianCrisis_bbc/InputDocs``, or pass ``--data PATH``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from storyline.clean.pubdate import estimate_published
from storyline.errors import EVAL_DATA_MISSING, StorylineError
from storyline.evaluation import default_data_dir

__all__ = ["DEFAULT_DATA", "evaluate_pubdate", "format_pubdate_report", "main"]

DEFAULT_DATA = default_data_dir() / "temporal" / "timeline17" / "SyrianCrisis_bbc" / "InputDocs"


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


def _labelled_articles(folder: Path) -> list[tuple[date, Path]]:
    articles: list[tuple[date, Path]] = []
    for day_folder in sorted(p for p in folder.iterdir() if p.is_dir()):
        try:
            true = date.fromisoformat(day_folder.name)
        except ValueError:
            continue  # not a date folder; Timeline17 keeps nothing else here, other corpora might
        articles.extend((true, path) for path in sorted(day_folder.iterdir()) if path.is_file())
    return articles


def evaluate_pubdate(folder: Path, *, today: date | None = None) -> dict[str, float | int]:
    """Estimate every article's date under ``folder`` and compare it with the folder it sits in.

    ``today`` (default: the current date) is where windows with nothing to close them end; pass a fixed
    day to make the numbers reproducible.
    """
    if not folder.is_dir():
        raise StorylineError(EVAL_DATA_MISSING, "no folder of dated articles", source=str(folder))
    if (folder / "InputDocs").is_dir():  # a Timeline17 topic folder: its articles sit in InputDocs
        folder = folder / "InputDocs"
    articles = _labelled_articles(folder)
    if not articles:
        raise StorylineError(EVAL_DATA_MISSING, "no <YYYY-MM-DD>/<article> files", source=str(folder))
    outcomes = []
    for true, path in articles:
        estimate = estimate_published(path.read_text(encoding="utf-8", errors="replace"), today=today)
        if estimate is not None:
            outcomes.append(
                _Outcome(
                    true,
                    date.fromisoformat(estimate.date),
                    date.fromisoformat(estimate.earliest),
                    date.fromisoformat(estimate.latest),
                )
            )
    return _summarise(len(articles), outcomes)


def _summarise(total: int, outcomes: list[_Outcome]) -> dict[str, float | int]:
    result: dict[str, float | int] = {"articles": total, "estimated": len(outcomes), "coverage": len(outcomes) / total}
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


def format_pubdate_report(result: dict[str, float | int]) -> str:
    """The evaluation as a few readable lines; shares are of the articles that got an estimate."""
    lines = [
        f"articles: {result['articles']}, estimated: {result['estimated']} (coverage {result['coverage']:.1%})",
    ]
    if "window_contains_true" in result:
        lines += [
            f"true date inside [earliest, latest]: {result['window_contains_true']:.1%}",
            f"absolute error of the best guess: median {result['median_abs_error_days']:g} days, "
            f"mean {result['mean_abs_error_days']:.1f} days",
            f"within 7 days: {result['within_7_days']:.1%}, within 31 days: {result['within_31_days']:.1%}",
            f"median window width: {result['median_window_days']:g} days",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m storyline.evaluation.pubdate",
        description="Measure publication-date estimation on <folder>/<YYYY-MM-DD>/<article> files.",
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"folder of dated articles ({DEFAULT_DATA})")
    parser.add_argument(
        "--today", type=date.fromisoformat, default=None, help="YYYY-MM-DD where open windows end (default: today)"
    )
    args = parser.parse_args(argv)
    try:
        result = evaluate_pubdate(args.data, today=args.today)
    except StorylineError as error:
        print(error.render(), file=sys.stderr)
        return 2
    print(format_pubdate_report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
