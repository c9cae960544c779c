"""The cleaning gate: the demo corpus's gold boilerplate must go, and no article line may be lost."""

from __future__ import annotations

from storyline.evaluation.cleaning import evaluate_cleaning, format_cleaning_report


def test_demo_corpus_cleaning_floor() -> None:
    result = evaluate_cleaning()
    report = format_cleaning_report(result)
    assert len(result["files"]) >= 20, report
    assert result["article_retention"] == 1.0, report  # never lose an article sentence
    assert result["boilerplate_recall"] >= 0.99, report
    assert result["title_accuracy"] >= 0.95, report
    assert result["summary_accuracy"] >= 0.9, report
