"""The language layer end to end: processing stored documents, incrementally, and what `show` and `actors` give."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from storyline.app import Storyline, demo_corpus_path
from storyline.cli import main
from storyline.config import load_settings
from tests.test_cli import run_json, schema_validator

REPORT = """Envoys agree on aid corridor

Russian Foreign Minister Sergei Lavrov and Secretary of State John Kerry met in Geneva on Saturday, September 14, 2013.
Lavrov told reporters that Moscow would press Damascus to hand over its chemical weapons by the middle of next year.
The Kremlin welcomed the deal on Sunday, while Syrian rebels said they feared it would let the government off.
"""


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("lang") / "s.db")
    assert main(["ingest", str(demo_corpus_path()), "--db", db, "-q"]) == 0
    return db


def test_demo_documents_are_processed_and_shown(demo_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    docs = run_json(capsys, ["docs", "--json", "--db", demo_db])
    validator = schema_validator("document.schema.json")
    for summary in docs:
        doc = run_json(capsys, ["show", summary["id"], "--json", "--db", demo_db])
        validator.validate(doc)
        assert doc["processing"] is not None
        if doc["status"] != "ok":
            assert "English" in doc["processing"]["skipped_reason"] and doc["sentences"] == []
            continue
        assert len(doc["sentences"]) >= 5
        for item in doc["sentences"] + doc["entities"] + doc["actors"] + doc["time_expressions"]:
            assert 0 <= item["start"] < item["end"] <= len(doc["text"])
        for item in doc["entities"] + doc["actors"] + doc["time_expressions"]:
            assert doc["text"][item["start"]:item["end"]] == item["text"]
        assert any(a["country"] in {"USA", "RUS", "SYR"} for a in doc["actors"]), doc["title"]
        assert any(t["resolved"] for t in doc["time_expressions"]), doc["title"]


def test_actors_lists_the_main_actors(demo_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    actors = run_json(capsys, ["actors", "--json", "--db", demo_db])
    by_id = {a["id"]: a for a in actors if a["id"]}
    for actor_id in ("USA", "RUS", "SYR", "UNSC"):
        assert by_id[actor_id]["documents"] >= 5, actor_id
    assert actors[0]["mentions"] >= actors[-1]["mentions"]
    assert main(["actors", "--db", demo_db]) == 0
    out = capsys.readouterr().out
    assert "Russia [RUS]" in out and "RUS GOV" in out


def test_processing_is_incremental(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, db = tmp_path / "in", str(tmp_path / "s.db")
    folder.mkdir()
    (folder / "a.txt").write_text(REPORT, encoding="utf-8")
    (folder / "b.txt").write_text(REPORT.replace("Geneva", "Vienna"), encoding="utf-8")
    assert main(["ingest", str(folder), "--db", db, "--no-process", "-q"]) == 0
    assert run_json(capsys, ["process", "--json", "--db", db])["processed"] == 2
    assert run_json(capsys, ["process", "--json", "--db", db])["processed"] == 0
    (folder / "b.txt").write_text(REPORT.replace("Geneva", "Lausanne"), encoding="utf-8")
    result = run_json(capsys, ["ingest", str(folder), "--json", "--db", db])
    assert result["summary"]["processed"] == 1
    assert run_json(capsys, ["process", "--force", "--json", "--db", db])["processed"] == 2


def resolved(doc: dict[str, Any], text: str) -> dict[str, Any]:
    """The mention whose span is, or ends with, this text ("Russian Foreign Minister Sergei Lavrov")."""
    return next(a for a in doc["actors"] if a["text"] == text or a["text"].endswith(" " + text))


def test_actor_and_time_resolution_in_context(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(REPORT, encoding="utf-8")
    (tmp_path / "a.txt.meta.json").write_text(json.dumps({"published": "2013-09-15"}))
    with Storyline(load_settings(flags={"db": str(tmp_path / "s.db")}, env={})) as app:
        app.ingest([str(article)])
        doc = app.document(str(article))
    lavrov = resolved(doc, "Sergei Lavrov")
    assert (lavrov["actor_id"], lavrov["country"], lavrov["sector"]) == ("sergei-lavrov", "RUS", "GOV")
    assert resolved(doc, "Lavrov")["actor_id"] == "sergei-lavrov"
    assert resolved(doc, "John Kerry")["country"] == "USA"
    assert (resolved(doc, "Kremlin")["country"], resolved(doc, "Kremlin")["sector"]) == ("RUS", "GOV")
    assert not any(a["text"] == "Geneva" for a in doc["actors"])  # a place, not an actor
    values = {t["text"]: t["value"] for t in doc["time_expressions"]}
    assert values.get("Saturday, September 14, 2013") == "2013-09-14" or values.get("September 14, 2013") == \
        "2013-09-14"
    assert values.get("Sunday") == "2013-09-15"


def test_awkward_documents_do_not_break_the_layer(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    long_sentence = "The envoy said " + ", and ".join(f"delegation {n} agreed" for n in range(1500)) + "."
    (folder / "long.txt").write_text(long_sentence, encoding="utf-8")
    (folder / "absurd.txt").write_text("Officials in Damascus said the reconstruction plan would run until the "
                                       "year 30000, which analysts called a misprint, and the minister declined to "
                                       "say when the first phase would begin in earnest.", encoding="utf-8")
    (folder / "scripts.txt").write_text("The statement, issued in Arabic as بيان and in Russian as заявление, was "
                                        "read out by the spokesman in Moscow on Monday after talks with the delegation "
                                        "from Damascus, officials said.", encoding="utf-8")
    with Storyline(load_settings(flags={"db": str(tmp_path / "s.db")}, env={})) as app:
        report = app.ingest([str(folder)])
        assert report.failed == 0 and report.processing.processed == 3
        absurd = app.document(str(folder / "absurd.txt"))
        long_doc = app.document(str(folder / "long.txt"))
    assert len(long_doc["sentences"]) >= 1
    year = next(t for t in absurd["time_expressions"] if "30000" in t["text"])
    assert not year["resolved"] and year["reason"]


USER_DICTIONARY = """
- id: marta-quell
  kind: person
  name: Marta Quell
  names: [Marta Quell]
  short: [Quell]
  roles:
    - {title: Foreign Minister, country: NOR, sector: GOV, start: 2019-01-01, end: null}
  default: {country: NOR, sector: ELI}
"""


def test_user_dictionary_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article, db = tmp_path / "a.txt", str(tmp_path / "s.db")
    article.write_text("Talks in Oslo\n\nMarta Quell told reporters on Monday that the talks would resume next "
                       "month. Quell said both delegations had agreed to a prisoner exchange.\n", encoding="utf-8")
    (tmp_path / "a.txt.meta.json").write_text(json.dumps({"published": "2021-03-02"}))
    mine = tmp_path / "mine.yaml"
    mine.write_text(USER_DICTIONARY, encoding="utf-8")
    assert main(["ingest", str(article), "--db", db, "--actor-dictionary", str(mine), "-q"]) == 0
    actors = run_json(capsys, ["actors", "--json", "--db", db])
    quell = next(a for a in actors if a["id"] == "marta-quell")
    assert quell["mentions"] == 2 and quell["country_sector"][0]["value"] == "NOR GOV"
    mine.write_text("- id: broken\n  kind: person\n  roles: [oops]\n", encoding="utf-8")
    assert main(["process", "--force", "--db", db, "--actor-dictionary", str(mine)]) == 2
    err = capsys.readouterr().err
    assert "SL301" in err and str(mine) in err


def test_processing_in_several_processes_gives_the_same_result(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    shown = []
    for workers in ("1", "2"):
        db = str(tmp_path / f"w{workers}.db")
        assert main(["ingest", str(demo_corpus_path()), "--no-process", "--db", db, "-q"]) == 0
        result = run_json(capsys, ["process", "--workers", workers, "--json", "--db", db])
        assert result["processed"] >= 30
        docs = run_json(capsys, ["docs", "--json", "--db", db])
        shown.append([{k: v for k, v in run_json(capsys, ["show", d["id"], "--json", "--db", db]).items()
                       if k != "ingested_at"} for d in docs])
    assert shown[0] == shown[1]
