"""Hybrid search over sentences and background linking (storyline.link.search), through the API and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.app import Storyline
from storyline.cli import main
from storyline.config import Settings

# Two reports on one border clash, an older background piece on the same dispute, and two unrelated articles.
ARTICLES = [
    ("background.json", "2019-03-04", "A frontier that was never agreed",
     "India and China have disputed their Himalayan frontier for more than sixty years. "
     "The two countries fought a brief war over the mountain border in 1962. "
     "Neither government accepts the other's map of the Line of Actual Control. "
     "Diplomats from both capitals have held many rounds of boundary talks without a settlement."),
    ("salmon.json", "2019-05-12", "Fish farms report a record year",
     "Norway sold more farmed salmon abroad last year than ever before. "
     "Exporters said strong demand in Asian restaurants pushed prices up. "
     "Fish farmers plan to open new pens along the northern coast."),
    ("clash.json", "2020-06-17", "Soldiers die in mountain clash",
     "Indian and Chinese troops fought with clubs and stones in a remote Himalayan valley on Monday night. "
     "At least twenty Indian soldiers were killed in the brawl, the army said. "
     "India accused China of trying to change the border by force. "
     "It was the deadliest confrontation on the disputed frontier in decades."),
    ("rates.json", "2020-06-18", "Central bank cuts interest rates",
     "Brazil's central bank lowered its benchmark interest rate to a record low on Wednesday. "
     "The bank said inflation remained well below its target."),
    ("talks.json", "2020-06-22", "Generals meet after border brawl",
     "Indian and Chinese military commanders met on Monday to ease tension on the border. "
     "China said India must withdraw its troops from the valley. "
     "Both sides agreed to pull back from the site of last week's deadly clash."),
]


def _ids(app: Storyline) -> dict[str, str]:
    return {Path(d["origin"]).name: d["id"] for d in app.documents()}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("search")
    folder = root / "corpus"
    folder.mkdir()
    for name, published, title, text in ARTICLES:
        record = {"title": title, "published": published, "text": text, "source": "Test Wire"}
        (folder / name).write_text(json.dumps(record), encoding="utf-8")
    path = str(root / "store.db")
    with Storyline(Settings(db=path)) as app:
        assert app.ingest([str(folder)], quiet=True).failed == 0
    return path


def test_search_puts_the_answering_sentence_first(db: str) -> None:
    with Storyline(Settings(db=db)) as app:
        results = app.search("how many soldiers were killed")
    assert results[0]["sentence"].startswith("At least twenty Indian soldiers were killed")
    assert results[0]["title"] == "Soldiers die in mountain clash" and results[0]["date"] == "2020-06-17"
    first = results[0]
    assert first["bm25"] > 0 and 0 < first["cosine"] <= 1
    assert {"doc_id", "start", "end", "score"} <= set(first)


def test_search_finds_a_paraphrase_without_shared_words(db: str) -> None:
    with Storyline(Settings(db=db)) as app:
        results = app.search("seafood sales overseas", limit=3)
    assert results[0]["title"] == "Fish farms report a record year"


def test_search_from_date_leaves_out_older_documents(db: str) -> None:
    with Storyline(Settings(db=db)) as app:
        everything = app.search("war over the mountain border")
        recent = app.search("war over the mountain border", date_from="2020-01")
    assert everything[0]["title"] == "A frontier that was never agreed"
    assert recent and all(r["date"] >= "2020-01-01" for r in recent)


def test_search_by_actor_keeps_sentences_that_mention_it(db: str) -> None:
    with Storyline(Settings(db=db)) as app:
        results = app.search("troops on the border", actor="China", limit=20)
    assert results
    assert all("Chin" in r["sentence"] for r in results)


def test_related_ranks_the_background_piece_first_and_never_later_documents(db: str) -> None:
    with Storyline(Settings(db=db)) as app:
        ids = _ids(app)
        results = app.related(ids["clash.json"])
    titles = [r["title"] for r in results]
    assert titles[0] == "A frontier that was never agreed"
    assert all(r["date"] < "2020-06-17" for r in results)  # neither the talks nor the rate cut came before
    reasons = results[0]["reasons"]
    assert "India" in reasons["shared_actors"] and "China" in reasons["shared_actors"]
    assert reasons["similar_passages"]["similarity"] > 0.3


def test_related_puts_the_same_story_above_unrelated_earlier_news(db: str) -> None:
    with Storyline(Settings(db=db)) as app:
        ids = _ids(app)
        titles = [r["title"] for r in app.related(ids["talks.json"])]
    assert set(titles[:2]) == {"Soldiers die in mountain clash", "A frontier that was never agreed"}
    assert "Generals meet after border brawl" not in titles


def test_cli_search_and_related_print_json_records(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "deadliest confrontation", "--db", db, "--json", "--limit", "2"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert len(results) == 2 and "deadliest confrontation" in results[0]["sentence"]
    doc = results[0]["doc_id"]
    assert main(["related", doc, "--db", db]) == 0
    table = capsys.readouterr().out
    assert "A frontier that was never agreed" in table and "Central bank" not in table


def test_search_date_window_and_meaning_floor_drop_unrelated_sentences(db: str) -> None:
    with Storyline(Settings(db=db)) as app:
        results = app.search("border", date_from="2020", date_to="2020-06-20")
    # The rate cut falls in the window but says nothing about a border: it is not an answer.
    assert [r["title"] for r in results] == ["Soldiers die in mountain clash"]


def test_search_rejects_a_malformed_date(db: str) -> None:
    from storyline.errors import StorylineError

    with Storyline(Settings(db=db)) as app, pytest.raises(StorylineError, match="--from"):
        app.search("border", date_from="last June")


def test_related_leaves_out_copies_of_the_document(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    chosen = [a for a in ARTICLES if a[0] in ("background.json", "clash.json")]
    # An outlet reran the clash report a day early under its own headline: a copy, not background.
    chosen.append(("copy.json", "2020-06-16", "Deadly brawl on the frontier", chosen[1][3]))
    for name, published, title, text in chosen:
        record = {"title": title, "published": published, "text": text, "source": "Other Wire"}
        (folder / name).write_text(json.dumps(record), encoding="utf-8")
    with Storyline(Settings(db=str(tmp_path / "store.db"))) as app:
        app.ingest([str(folder)], quiet=True)
        results = app.related(_ids(app)["clash.json"])
    assert [r["title"] for r in results] == ["A frontier that was never agreed"]
