"""Every input format and ingest option, end to end through the Python API."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from storyline.app import Storyline, demo_corpus_path
from storyline.config import load_settings
from storyline.ingest.runner import ingest
from tests.conftest import ARTICLE

BODY = ("The two delegations met in Geneva on Monday and agreed to extend the humanitarian pause by another week, "
        "according to a statement released by the mediators.\n\nAid convoys are expected to reach the northern "
        "districts on Thursday, officials said, the first deliveries since the road was cut in the spring.")
PAGE = (f"<html lang='en'><head><title>Pause extended | Example Wire</title></head><body><nav><a href='/'>Home</a>"
        f"</nav><article><h1>Pause extended</h1>{''.join(f'<p>{p}</p>' for p in BODY.split(chr(10) * 2))}"
        f"</article><footer>Copyright Example Wire</footer></body></html>")


def open_app(tmp_path: Path, **flags: object) -> Storyline:
    return Storyline(load_settings(flags={"db": str(tmp_path / "s.db"), **flags}, env={}))


def test_every_format_and_gzip(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.md").write_text("# Pause extended\n\n" + BODY.replace("Geneva", "**Geneva**"), encoding="utf-8")
    (folder / "c.html").write_text(PAGE, encoding="utf-8")
    (folder / "d.html.gz").write_bytes(gzip.compress(PAGE.replace("Monday", "Tuesday").encode()))
    records = [{"id": "r1", "headline": "Pause extended", "body": BODY, "date": "2016-02-22", "outlet": "Wire"}]
    (folder / "e.jsonl.gz").write_bytes(gzip.compress("\n".join(json.dumps(r) for r in records).encode()))
    (folder / "f.json").write_text(json.dumps({"articles": [{"title": "T", "html": PAGE}]}), encoding="utf-8")
    buffer = io.StringIO()
    buffer.write("title,text,published\n")
    buffer.write(f'"Pause extended","{BODY}",22/02/2016\n')
    (folder / "g.csv").write_text(buffer.getvalue(), encoding="utf-8")
    with open_app(tmp_path) as app:
        report = app.ingest([str(folder)])
        docs = {Path(d["origin"]).name: d for d in app.documents()}
        markdown = app.document(docs["b.md"]["id"])
    assert report.failed == 0, [str(e) for e in report.errors]
    assert set(docs) == {"a.txt", "b.md", "c.html", "d.html.gz", "e.jsonl.gz", "f.json", "g.csv"}
    assert docs["c.html"]["title"] == "Pause extended"
    assert docs["e.jsonl.gz"]["published"] == "2016-02-22" and docs["e.jsonl.gz"]["source"] == "Wire"
    assert docs["g.csv"]["published"] == "2016-02-22"
    assert docs["f.json"]["title"] == "T" and docs["f.json"]["words"] > 40
    assert "**" not in markdown["text"] and "Geneva" in markdown["text"]


def test_include_exclude_and_sidecar(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "drafts").mkdir(parents=True)
    (folder / "keep.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "keep.txt.meta.json").write_text(json.dumps({"published": "2019-05-02", "author": "R. Mendes"}))
    (folder / "drafts" / "skip.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "notes.html").write_text(PAGE, encoding="utf-8")
    with open_app(tmp_path, exclude=["drafts"], include=["*.txt"]) as app:
        app.ingest([str(folder)])
        docs = app.documents()
    assert [Path(d["origin"]).name for d in docs] == ["keep.txt"]
    assert docs[0]["published"] == "2019-05-02" and docs[0]["author"] == "R. Mendes"


def test_field_map_and_size_limit(tmp_path: Path) -> None:
    export = tmp_path / "export.jsonl"
    export.write_text(json.dumps({"story_text": BODY, "when": "2020-07-11", "hed": "Vote"}) + "\n")
    big = tmp_path / "big.txt"
    big.write_text(ARTICLE * 50, encoding="utf-8")
    with open_app(tmp_path, field_map={"text": "story_text", "published": "when", "title": "hed"},
                  max_input_bytes=10_000) as app:
        report = app.ingest([str(export), str(big)])
        [doc] = app.documents()
    assert doc["title"] == "Vote" and doc["published"] == "2020-07-11"
    [error] = report.errors
    assert error.code == "SL105" and str(big) in str(error)


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_only(tmp_path: Path) -> None:
    with open_app(tmp_path) as app:
        terminal, pipe = FakeTerminal(), io.StringIO()
        ingest(app.store, [str(demo_corpus_path())], app.settings, progress_stream=terminal)
        ingest(app.store, [str(demo_corpus_path())], app.settings, progress_stream=pipe)
        ingest(app.store, [str(demo_corpus_path())], app.settings, progress_stream=FakeTerminal(), quiet=True)
    shown = terminal.getvalue()
    assert "ingest" in shown and "input/s" in shown and "docs=" in shown
    assert pipe.getvalue() == ""


@pytest.mark.postgres
def test_demo_on_postgresql_matches_sqlite(tmp_path: Path, pg_schema_url: str) -> None:
    with open_app(tmp_path) as lite, Storyline(load_settings(flags={"db": pg_schema_url}, env={})) as pg:
        lite.ingest([str(demo_corpus_path())])
        pg.ingest([str(demo_corpus_path())])
        assert pg.documents() == lite.documents()
        first = lite.documents()[0]["id"]
        strip = lambda d: {k: v for k, v in d.items() if k != "ingested_at"}  # noqa: E731
        assert strip(pg.document(first)) == strip(lite.document(first))
        assert pg.ingest([str(demo_corpus_path())]).count("unchanged") == len(pg.documents())


def test_dangling_link_and_unreadable_file_are_errors_not_crashes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    with open_app(tmp_path) as app:
        report = app.ingest([str(folder)])
        assert len(app.documents()) == 1
    [error] = report.errors
    assert error.code == "SL113" and "gone.txt" in str(error)
