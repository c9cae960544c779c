"""`storyline eval paraphrase`: reading the MSR file, cross-validated thresholds, and the floor on real data."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from storyline.cli import main
from storyline.evaluation.paraphrase import (
    cross_validate,
    evaluate_paraphrase,
    format_paraphrase_report,
    read_pairs,
    threshold_decider,
    word_jaccard,
)
from storyline.link.pairs import best_threshold
from tests.conftest import shared_data

HEADER = "\ufeffQuality\t#1 ID\t#2 ID\t#1 String\t#2 String\n"
ENVOY = "The envoy arrived in the capital on Sunday for talks."
ROWS = [
    ("1", ENVOY, "The envoy reached the capital on Sunday to hold talks."),
    ("0", ENVOY, "Protesters gathered outside the ministry on Sunday."),
    ("1", 'The minister said the border would "reopen soon".', 'The border will "reopen soon", the minister said.'),
    ("0", "Forty trucks reached the town on Thursday.",
     "Forty trucks reached the town on Thursday, the first since the winter, and aid workers began handing out flour."),
]


def write_msr(path: Path, extra: str = "") -> Path:
    lines = [f"{q}\t{i}\t{i + 100}\t{a}\t{b}\n" for i, (q, a, b) in enumerate(ROWS)]
    path.write_text(HEADER + "".join(lines) + extra, encoding="utf-8")
    return path


def test_reads_pairs_with_quotes_and_skips_run_together_lines(tmp_path: Path) -> None:
    # Two records on one line (a lost line break) have nine fields: neither is trusted.
    broken = "1\t7\t8\tOne sentence.\tAnother sentence.0\t9\t10\tA third.\tA fourth.\n"
    pairs = read_pairs(write_msr(tmp_path / "msr.txt", broken))
    assert pairs.labels.tolist() == [1, 0, 1, 0]
    assert pairs.first[2] == 'The minister said the border would "reopen soon".'
    assert read_pairs(tmp_path / "msr.txt", limit=2).labels.tolist() == [1, 0]


def test_word_overlap_baseline() -> None:
    assert word_jaccard("Talks resume in Geneva", "talks RESUME in geneva!") == 1.0
    assert word_jaccard("Talks resume", "Fighting stops") == 0.0


def test_threshold_is_chosen_between_the_classes() -> None:
    assert best_threshold(np.array([0.1, 0.2, 0.3, 0.4]), np.array([0, 0, 1, 1])) == pytest.approx(0.25)
    # Scores that separate the classes perfectly score perfectly on every held-out fold.
    scores = np.concatenate([np.linspace(0.0, 0.4, 50), np.linspace(0.6, 1.0, 50)])[:, None]
    labels = np.array([0] * 50 + [1] * 50)
    result = cross_validate(scores, labels, threshold_decider, folds=5)
    assert result["accuracy"] == 1.0 and result["f1"] == 1.0


def test_evaluation_runs_on_a_small_file(tmp_path: Path) -> None:
    result = evaluate_paraphrase(write_msr(tmp_path / "msr.txt"), folds=2)
    assert result["pairs"] == 4 and set(result) >= {"word_overlap", "cosine", "model"}
    assert "word overlap (Jaccard), baseline" in format_paraphrase_report(result)


def test_missing_data_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "paraphrase", "--data", str(tmp_path / "absent.txt")]) == 2
    assert "MSR paraphrase corpus not found" in capsys.readouterr().err


@pytest.mark.slow
def test_msr_paraphrase_floor() -> None:
    result = evaluate_paraphrase(shared_data("paraphrase", "msr_paraphrase_train.txt"))
    assert result["pairs"] == 3674
    assert result["model"]["accuracy"] >= 0.78
    assert result["model"]["f1"] >= 0.83
    assert result["model"]["accuracy"] > result["cosine"]["accuracy"] > result["word_overlap"]["accuracy"] - 0.01
