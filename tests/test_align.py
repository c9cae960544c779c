"""Rewrites: sentence embeddings, the paraphrase decision, sentence alignment and `storyline compare`."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from storyline.cli import main
from storyline.link.align import align, is_paraphrase, is_rewrite, rewrite_score
from storyline.link.embed import encode
from tests.test_cli import schema_validator

ORIGINAL = [
    "The foreign ministers of Norland and Estria signed an agreement on Tuesday to reopen the Kessel river "
    "crossing, which has been closed since floods damaged it two years ago.",
    "Under the deal, trucks carrying food, fuel and medicine will be allowed to cross from the first of next month.",
    "Customs officers from both countries will work side by side at a single inspection post on the bridge.",
    "The agreement followed three days of talks in the Estrian capital, mediated by envoys from the regional "
    "trade bloc.",
    "Officials said engineers had already repaired the bridge's central span at a cost of about 40 million euros.",
    "Farmers on the Norland side, who lost access to their main market when the crossing closed, welcomed the news.",
    "Opposition politicians in Estria criticised the deal, arguing that it gives too much control over "
    "inspections to Norland.",
    "A second crossing further north is expected to reopen next year if the arrangement works.",
]
# A plain-language version: short sentences, the first original sentence told in two, three left out,
# and a line of its own at the end.
REWRITE = [
    "Norland and Estria have agreed to open the Kessel river crossing again.",
    "The crossing has been shut for two years because floods damaged it.",
    "From next month, trucks with food, fuel and medicine can go across.",
    "Customs staff from the two countries will check goods together at one post on the bridge.",
    "Engineers have already fixed the middle of the bridge, which cost around 40 million euros.",
    "Farmers in Norland are happy because they can reach their main market again.",
    "This story is part of our easy-read news service.",
]
# The same story (the river, the border, the bridge), but another article saying other things.
UNRELATED = [
    "Heavy rain caused the Kessel river to burst its banks on Sunday, flooding villages on both sides of the "
    "Norland-Estria border.",
    "Rescue teams used boats to reach families trapped on rooftops, and at least four people were reported missing.",
    "The bridge at the main crossing was closed after inspectors found cracks in its supports.",
    "Estria's prime minister flew over the flooded area by helicopter and promised emergency aid.",
    "Forecasters warned that more rain was expected later in the week.",
    "Aid groups said clean drinking water was the most urgent need.",
]


def test_embeddings_are_unit_vectors_closer_for_paraphrases() -> None:
    vectors = encode([ORIGINAL[1], REWRITE[2], UNRELATED[4]])
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    similarity = vectors @ vectors.T
    assert similarity[0, 1] > 0.75 > 0.3 > similarity[0, 2]
    assert encode([]).shape == (0, 384)


def test_encoding_does_not_depend_on_the_batch() -> None:
    alone = encode([REWRITE[0]])
    batched = encode([UNRELATED[0], REWRITE[0], "Short."], batch_size=2)
    assert np.allclose(alone[0], batched[1], atol=1e-4)


def test_rewrite_aligns_to_the_sentences_it_retells() -> None:
    alignment = align(ORIGINAL, REWRITE)
    retold = {m.rewrite: m.originals for m in alignment.matches}
    assert retold == {0: (0,), 1: (0,), 2: (1,), 3: (2,), 4: (4,), 5: (5,), 6: ()}
    assert alignment.unmatched == [6]
    assert alignment.dropped == [3, 6, 7]  # the talks, the opposition, the second crossing
    assert all(m.similarity > 0.6 for m in alignment.matches if m.rewrite in (0, 2, 3, 4, 5))
    assert is_rewrite(alignment) and rewrite_score(alignment) > 0.6


def test_same_story_by_another_article_is_not_a_rewrite() -> None:
    alignment = align(ORIGINAL, UNRELATED)
    assert not is_rewrite(alignment)
    assert rewrite_score(alignment) < 0.2
    assert len(alignment.dropped) >= 7


def test_a_sentence_merging_two_originals_retells_both() -> None:
    merged = ("Norland and Estria agreed to reopen the Kessel crossing, shut since floods two years ago, and trucks "
              "with food, fuel and medicine can cross from next month.")
    (match,) = align(ORIGINAL, [merged]).matches
    assert match.originals == (0, 1)
    assert match.similarity > max(match.similarities)


def test_empty_sides() -> None:
    assert align([], REWRITE).unmatched == list(range(len(REWRITE)))
    assert align(ORIGINAL, []).dropped == list(range(len(ORIGINAL)))
    assert rewrite_score(align(ORIGINAL, [])) == 0.0


def test_paraphrase_decision_on_one_pair() -> None:
    assert is_paraphrase("The talks will resume in Geneva on Monday, a UN spokesman said.",
                         "A UN spokesman said talks would restart in Geneva on Monday.")
    assert is_paraphrase("Customs officers from both countries will work side by side at one inspection post.",
                         "Customs officers of the two countries will work together at a single inspection post.")
    assert not is_paraphrase(UNRELATED[2], ORIGINAL[4])  # same bridge, another fact
    # One sentence adds a claim the other does not make.
    assert not is_paraphrase("The army said 12 soldiers were killed in the attack on Monday.",
                             "The army said 12 soldiers were killed in the attack on Monday, and blamed rebels "
                             "based across the border for planning it.")


def _write(folder: Path, name: str, title: str, sentences: list[str], published: str | None = None) -> Path:
    path = folder / name
    path.write_text(f"{title}\n\n" + " ".join(sentences) + "\n", encoding="utf-8")
    if published:
        (folder / f"{name}.meta.json").write_text(json.dumps({"published": published}), encoding="utf-8")
    return path


def test_compare_two_files_not_in_the_store(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    original = _write(tmp_path, "deal.txt", "Ministers agree to reopen Kessel crossing", ORIGINAL, "2024-03-05")
    rewrite = _write(tmp_path, "easy.txt", "Kessel crossing to open again", REWRITE, "2024-03-07")
    # The rewrite given first: the earlier publication date still makes deal.txt the original.
    assert main(["compare", str(rewrite), str(original), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    schema_validator("compare.schema.json").validate(result)
    assert result["original"]["ref"] == str(original) and result["original"]["id"] is None
    assert result["direction_basis"] == "earlier publication date"
    assert result["is_rewrite"] and result["original"]["sentences"] == 8
    assert [d["sentence"] for d in result["dropped"]] == [3, 6, 7]
    assert result["alignment"][2]["originals"][0]["text"] == ORIGINAL[1]
    assert not (tmp_path / "storyline.db").exists()  # comparing files creates no store

    assert main(["compare", str(original), str(rewrite)]) == 0
    text = capsys.readouterr().out
    assert "a rewrite (86% of the rewrite's sentences retell the original" in text
    assert "(retells nothing)" in text and "dropped from the original (3):" in text


def test_compare_a_stored_document_with_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "store.db")
    original = _write(tmp_path, "deal.txt", "Ministers agree to reopen Kessel crossing", ORIGINAL)
    (tmp_path / "other").mkdir()
    flood = _write(tmp_path / "other", "flood.txt", "Floods hit the border", UNRELATED)
    assert main(["ingest", str(original), "--db", db, "--quiet"]) == 0
    doc_id = json.loads(_run(capsys, ["docs", "--db", db, "--json"]))[0]["id"]
    result = json.loads(_run(capsys, ["compare", doc_id, str(flood), "--db", db, "--json"]))
    schema_validator("compare.schema.json").validate(result)
    assert result["original"]["id"] == doc_id and result["rewrite"]["id"] is None
    assert result["direction_basis"].startswith("order given")
    assert not result["is_rewrite"]


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    assert main(argv) == 0
    return capsys.readouterr().out


def test_demo_plain_language_version_is_a_rewrite_and_same_story_articles_are_not(
        capsys: pytest.CaptureFixture[str]) -> None:
    # The demo corpus (written by the team) has a plain-language retelling (210) of one article (209) that
    # adds explanations of its own, and another outlet's report of the same meeting (211).
    from storyline.app import demo_corpus_path

    corpus = demo_corpus_path()
    original, plain, other = (str(corpus / name) for name in
                              ("northern-courier-209.txt", "plain-news-daily-210.txt", "levant-monitor-211.txt"))
    verdicts = {}
    for name, (a, b) in {"plain": (original, plain), "other": (original, other), "both": (plain, other)}.items():
        assert main(["compare", a, b, "--json"]) == 0
        verdicts[name] = json.loads(capsys.readouterr().out)["is_rewrite"]
    assert verdicts == {"plain": True, "other": False, "both": False}
