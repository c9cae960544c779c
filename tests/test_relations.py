"""Events through the store and the CLI: merged reports, dyad relations over time, the network, exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from storyline.app import Storyline
from storyline.cli import main
from storyline.config import Settings

# Each article: (file name, publication date, text). Two outlets report the same Geneva meeting.
ARTICLES = [
    ("wire-a.json", "2016-02-10", "Foreign ministers meet in Geneva",
     "Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State John Kerry in Geneva on Tuesday. "
     "The two men discussed a ceasefire for Syria."),
    # another outlet's copy of the first wire story: one more report, but not an independent one
    ("copy-a.json", "2016-02-10", "Lavrov and Kerry meet on Syria",
     "Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State John Kerry in Geneva on Tuesday. "
     "The two men discussed a ceasefire for Syria."),
    ("wire-b.json", "2016-02-10", "Kerry and Lavrov hold talks",
     "U.S. Secretary of State John Kerry met Sergei Lavrov, the Russian foreign minister, on Tuesday in Geneva."),
    ("daily.json", "2017-04-08", "Missiles hit air base",
     "The United States fired missiles at a Syrian air base on Friday. Russia condemned the United States "
     "for the strike and suspended its cooperation with Washington."),
    ("weekly.json", "2017-05-02", "Moscow did not agree",
     "Moscow did not agree to the American proposal. Russia could expel U.S. diplomats, officials warned."),
]


def write_corpus(folder: Path) -> Path:
    folder.mkdir()
    for name, published, title, text in ARTICLES:
        source = "Daily Echo" if name.startswith("copy") else "Test Wire"
        record = {"title": title, "published": published, "text": text, "source": source}
        (folder / name).write_text(json.dumps(record), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("events")
    path = str(root / "store.db")
    with Storyline(Settings(db=path)) as app:
        report = app.ingest([str(write_corpus(root / "corpus"))], quiet=True)
        assert report.failed == 0
    return path


def test_two_reports_of_one_meeting_are_one_event_with_two_pieces_of_evidence(db: str) -> None:
    with Storyline(Settings(db=db)) as app:
        meetings = app.events(types=["CONSULT"], dyad=["USA", "Russia"])
    geneva = [m for m in meetings if m["event_date"] == "2016-02-09"]
    assert len(geneva) == 1, meetings
    assert geneva[0]["reports"] == 3 and len(geneva[0]["documents"]) == 3
    assert geneva[0]["independent_reports"] == 2  # the syndicated copy counts with its original
    assert [e for e in geneva[0]["evidence"] if "copy_of" in e]
    assert all("Geneva" in e["sentence"] for e in geneva[0]["evidence"])


def test_relations_by_year_count_cooperation_and_conflict(db: str) -> None:
    with Storyline(Settings(db=db)) as app:
        result = app.relations("United States", "RUS", by="year")
    periods = {p["period"]: p for p in result["periods"]}
    assert result["a"] == "USA" and result["b"] == "RUS"
    assert periods["2016"]["cooperative"] >= 1 and periods["2016"]["conflictual"] == 0
    assert periods["2017"]["conflictual"] >= 2  # the condemnation and the suspended cooperation
    assert periods["2017"]["mean_intensity"] < 0 < periods["2016"]["mean_intensity"]
    # negated ("did not agree") and hypothetical ("could expel") events do not count by default
    with Storyline(Settings(db=db)) as app:
        everything = app.relations("USA", "RUS", statuses=["all"])
    assert sum(p["events"] for p in everything["periods"]) > sum(p["events"] for p in result["periods"])


def test_directed_relations_keep_only_what_a_did_to_b(db: str) -> None:
    with Storyline(Settings(db=db)) as app:
        directed = app.relations("RUS", "USA", by="year", directed=True)
    for period in directed["periods"]:
        for event in period["top_events"]:
            assert "RUS" in {a["country"] for a in event["actors"]}
            assert "USA" in {a["country"] for a in event["recipients"]}


def test_network_edges_have_weights_and_mean_intensity(db: str) -> None:
    with Storyline(Settings(db=db)) as app:
        graph = app.network(date_from="2017", date_to="2017-12")
    edges = {(e["source"], e["target"]): e for e in graph["edges"]}
    assert ("USA", "SYR") in edges and edges[("USA", "SYR")]["mean_intensity"] <= -9
    assert ("RUS", "USA") in edges
    assert all(e["events"] >= 1 for e in graph["edges"])


def test_cli_events_csv_has_one_row_per_event(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["events", "--db", db, "--csv", "--type", "ASSAULT"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 1
    assert rows[0]["actor_countries"] == "USA" and rows[0]["event_date"] == "2017-04-07"
    assert "fired missiles" in rows[0]["sentence"]


def test_cli_relations_table_and_json(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["relations", "USA", "Russia", "--db", db]) == 0
    table = capsys.readouterr().out
    assert "USA <-> RUS" in table and "2016" in table and "2017" in table
    assert main(["relations", "USA", "Russia", "--db", db, "--by", "month", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {p["period"] for p in data["periods"]} >= {"2016-02", "2017-04"}


def test_cli_rejects_unknown_type_with_code(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["events", "--db", db, "--type", "HUG"]) != 0
    err = capsys.readouterr().err
    assert "SL208" in err and "HUG" in err
