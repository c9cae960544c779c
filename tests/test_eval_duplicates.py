"""The copy-detection evaluation: injected copies are reproducible, and the real run keeps its floors."""

from __future__ import annotations

import random

import pytest

from storyline.evaluation.duplicates import Article, evaluate_duplicates, format_duplicates_report, make_copy
from tests.conftest import shared_data

ORIGINAL = Article("t-1.txt", "The Estuary Herald", "Provinces extend the Belmarsh ceasefire by a month",
                   ["Negotiators agreed on Thursday to extend the ceasefire. Mediators said so after a night of talks.",
                    "Grain barges will leave the port twice a week under the watch of observers.",
                    "Relief agencies said the deal would let them bring medicine and fuel to the town.",
                    "The next round will address the exchange of prisoners and the railway line."], "2021-04-08")


def test_injected_copies_are_reproducible_and_say_what_changed() -> None:
    first = [make_copy(random.Random(3), ORIGINAL, n) for n in range(5)]
    again = [make_copy(random.Random(3), ORIGINAL, n) for n in range(5)]
    assert first == again
    for copy in first:
        assert copy.source == "t-1.txt" and copy.kind in ("duplicate", "syndicated")
        assert (copy.outlet == ORIGINAL.outlet) == (copy.kind == "duplicate")
        assert ("title changed" in copy.transforms) == (copy.title != ORIGINAL.title)


@pytest.mark.slow
def test_duplicate_links_on_timeline17_and_the_demo_corpus_keep_their_floors() -> None:
    path = shared_data("temporal", "timeline17", "SyrianCrisis_bbc", "articles.jsonl")
    result = evaluate_duplicates(path)
    print(format_duplicates_report(result))
    assert result["copies"] >= 140
    assert result["precision"] >= 0.99 and result["different_articles"] == 0  # measured 1.000
    assert result["recall"] >= 0.97  # measured 0.980
    assert result["rewrites_linked_as_copies"] == 0
    # Measured 0.917: undated copies that arrive before their source and do not credit it are misjudged.
    assert result["direction"]["share"] >= 0.9
