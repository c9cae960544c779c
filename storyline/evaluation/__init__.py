"""Evaluation commands: quality measured on real data, printed as tables.

Third-party evaluation data is never shipped; it is read from ../shared/data beside the
checkout (or from --data) and every evaluation says clearly when it is missing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from storyline.errors import EVAL_DATA_MISSING, StorylineError


def default_data_dir() -> Path:
    """../shared/data beside the checkout, or beside the working directory."""
    checkout = Path(__file__).resolve().parents[2]
    for candidate in (checkout.parent / "shared" / "data", Path.cwd().parent / "shared" / "data"):
        if candidate.is_dir():
            return candidate
    return checkout.parent / "shared" / "data"


def require(path: Path, what: str) -> Path:
    if not path.exists():
        raise StorylineError(EVAL_DATA_MISSING, f"{what} not found at {path}", source=str(path))
    return path


def run_evaluation(task: str, data: str | None, limit: int | None) -> tuple[dict[str, Any], str]:
    if task == "extraction":
        from storyline.evaluation.extraction import evaluate_extraction, format_extraction_report

        archive = Path(data) if data else default_data_dir() / "extraction" / "trafilatura-eval.tar.gz"
        result = evaluate_extraction(require(archive, "the extraction benchmark"), limit=limit)
        return result, format_extraction_report(result)
    if task == "pubdate":
        from storyline.evaluation.pubdate import evaluate_pubdate, format_pubdate_report

        folder = Path(data) if data else default_data_dir() / "temporal" / "timeline17" / "SyrianCrisis_bbc"
        result = evaluate_pubdate(require(folder, "the Timeline17 articles"))
        return result, format_pubdate_report(result)
    if task == "tempeval":
        from storyline.evaluation.tempeval import (
            evaluate_heideltime_agreement,
            evaluate_tempeval,
            format_tempeval_report,
        )

        root = Path(data) if data else default_data_dir()
        tempeval = evaluate_tempeval(require(root / "temporal" / "tempeval3" / "TBAQ-cleaned", "TempEval-3"))
        heideltime = evaluate_heideltime_agreement(
            require(root / "temporal" / "timeline17" / "SyrianCrisis_bbc" / "time_annotated", "HeidelTime output"))
        result = {"tempeval3": tempeval, "heideltime": heideltime}
        return result, format_tempeval_report(result)
    if task == "actors":
        from storyline.evaluation.actors import evaluate_actors, format_actors_report

        path = Path(data) if data else default_data_dir() / "events" / "PLOVER_GSR_CAMEO.json"
        actors = evaluate_actors(require(path, "the PLOVER gold standard"))
        return actors, format_actors_report(actors)
    if task == "cleaning":
        from storyline.evaluation.cleaning import evaluate_cleaning, format_cleaning_report

        cleaning = evaluate_cleaning(Path(data) if data else None)
        return cleaning, format_cleaning_report(cleaning)
    if task == "events":
        from storyline.evaluation.events import (
            PLOVER_FILE,
            QUADCLASS_FILE,
            evaluate_events,
            evaluate_quadclass,
            format_events_report,
        )

        folder = Path(data) if data else default_data_dir() / "events"
        result = {"plover": evaluate_events(require(folder / PLOVER_FILE, "the PLOVER gold standard"), limit),
                  "quadclass": evaluate_quadclass(require(folder / QUADCLASS_FILE, "the CAMEO quad classes"), limit)}
        return result, format_events_report(result)
    if task == "events-check":
        from storyline.evaluation.events_check import DEFAULT_DATA, evaluate_events_check, format_events_check

        articles = Path(data) if data else DEFAULT_DATA
        check = evaluate_events_check(require(articles, "the Timeline17 articles"))
        return check, format_events_check(check)
    if task == "duplicates":
        from storyline.evaluation.duplicates import DEFAULT_DATA as ARTICLES
        from storyline.evaluation.duplicates import evaluate_duplicates, format_duplicates_report

        path = Path(data) if data else ARTICLES
        duplicates = evaluate_duplicates(require(path, "the Timeline17 articles"), limit=limit)
        return duplicates, format_duplicates_report(duplicates)
    if task == "paraphrase":
        from storyline.evaluation.paraphrase import DEFAULT_DATA as MSRP
        from storyline.evaluation.paraphrase import evaluate_paraphrase, format_paraphrase_report

        pairs = require(Path(data) if data else MSRP, "the MSR paraphrase corpus")
        paraphrase = evaluate_paraphrase(pairs, limit)
        return paraphrase, format_paraphrase_report(paraphrase)
    raise ValueError(task)
