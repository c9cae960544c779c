"""The command line end to end: the demo corpus, bad inputs, versions, overrides and JSON shapes."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from storyline.app import demo_corpus_path
from storyline.cli import main
from tests.conftest import ARTICLE, write_bad_corpus

SCHEMAS = Path(__file__).resolve().parents[1] / "storyline" / "schemas"


def schema_validator(name: str) -> jsonschema.protocols.Validator:
    from referencing import Registry, Resource

    resources = [(p.name, Resource.from_contents(json.loads(p.read_text()))) for p in SCHEMAS.glob("*.json")]
    registry: Registry[Any] = Registry().with_resources(
        [(f"https://storyline.example.org/schemas/{n}", r) for n, r in resources])
    schema = json.loads((SCHEMAS / name).read_text())
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, registry=registry, format_checker=cls.FORMAT_CHECKER)


def run_json(capsys: pytest.CaptureFixture[str], argv: list[str], expect: int = 0) -> Any:
    assert main(argv) == expect
    out = capsys.readouterr().out
    return json.loads(out)  # the whole of stdout must be JSON


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    assert main(["demo", "--out", str(out / "report"), "--quiet"]) == 0
    return out / "report"


def test_demo_builds_a_readable_report(demo_run: Path) -> None:
    index = (demo_run / "index.html").read_text(encoding="utf-8")
    data = json.loads((demo_run / "storyline.json").read_text(encoding="utf-8"))
    corpus_files = [p for p in demo_corpus_path().iterdir() if p.is_file()]
    assert len(data["documents"]) >= len(corpus_files)
    assert "<script src=" not in index and "<link rel=\"stylesheet\"" not in index  # self-contained
    for doc in data["documents"]:
        if doc["title"]:
            assert html.escape(doc["title"]) in index
    validator = schema_validator("document.schema.json")
    for doc in data["documents"]:
        validator.validate(doc)


def test_demo_documents_are_dated_and_flagged(demo_run: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = run_json(capsys, ["docs", "--json", "--db", str(demo_run / "storyline.db")])
    validator = schema_validator("document-summary.schema.json")
    for doc in docs:
        validator.validate(doc)
        # A date is either known or estimated, never both, and estimates carry their evidence.
        assert not (doc["published"] and doc["published_estimate"])
    assert sum(1 for d in docs if d["published_estimate"]) >= 5
    assert any(d["status"] == "skipped" and d["language"] != "en" for d in docs)
    assert all(d["words"] > 50 for d in docs if d["status"] == "ok")


def test_demo_rerun_is_unchanged(demo_run: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_json(capsys, ["ingest", str(demo_corpus_path()), "--json", "--db", str(demo_run / "storyline.db")])
    schema_validator("ingest-result.schema.json").validate(result)
    assert result["summary"]["unchanged"] == result["summary"]["documents"] > 20
    assert result["summary"]["new"] == result["summary"]["updated"] == 0


def test_bad_inputs_get_one_line_each_and_the_rest_goes_on(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    files = write_bad_corpus(tmp_path / "bad")
    db = str(tmp_path / "s.db")
    (tmp_path / "first.txt").write_text(ARTICLE.replace("Tuesday", "Wednesday"), encoding="utf-8")
    assert main(["ingest", str(tmp_path / "first.txt"), "--db", db, "-q"]) == 0
    before = run_json(capsys, ["show", str(tmp_path / "first.txt"), "--json", "--db", db])

    assert main(["ingest", str(tmp_path / "bad"), str(tmp_path / "missing.txt"), "--db", db]) == 1
    captured = capsys.readouterr()
    errors = [line for line in captured.err.splitlines() if line.startswith("error: ")]
    expected = {"empty": "SL102", "binary": "SL103", "undecodable": "SL104", "nul": "SL103",
                "bad_jsonl": "SL107", "bad_csv": "SL108", "bad_json": "SL107", "no_text": "SL111",
                "html_empty": "SL112", "gz_broken": "SL104"}
    for key, code in expected.items():
        matching = [line for line in errors if str(files[key]) in line]
        assert len(matching) == 1, (key, errors)
        assert code in matching[0], (key, matching[0])
    assert any("missing.txt" in line and "SL101" in line for line in errors)
    assert "export.jsonl:line 2" in captured.err
    assert "table.csv:line 3" in captured.err
    assert "2 new" not in captured.out and "failed" in captured.out

    docs = run_json(capsys, ["docs", "--json", "--db", db])
    titles = {d["title"] for d in docs}
    assert {"Talks resume", "Convoy arrives", "Envoy visits"} <= titles
    after = run_json(capsys, ["show", str(tmp_path / "first.txt"), "--json", "--db", db])
    # What was stored is unchanged; the only news is that a good file of the batch copies it.
    assert {k: v for k, v in after.items() if k != "links"} == {k: v for k, v in before.items() if k != "links"}
    assert [link["type"] for link in after["links"]] == ["duplicate_of"]


def test_bad_inputs_as_json_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_bad_corpus(tmp_path / "bad")
    result = run_json(capsys, ["ingest", str(tmp_path / "bad"), "--json", "--db", str(tmp_path / "s.db")], expect=1)
    schema_validator("ingest-result.schema.json").validate(result)
    assert result["summary"]["failed"] == len(result["errors"]) >= 10
    jsonl_error = next(e for e in result["errors"] if e["input"].endswith("export.jsonl"))
    assert jsonl_error["where"] == "line 2" and jsonl_error["code"] == "SL107"


def test_new_content_makes_a_new_version_and_keeps_the_old(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    article, db = tmp_path / "story.txt", str(tmp_path / "s.db")
    article.write_text(ARTICLE, encoding="utf-8")
    first = run_json(capsys, ["ingest", str(article), "--json", "--db", db])
    assert first["documents"][0]["outcome"] == "new"
    article.write_text(ARTICLE + "\nThe crossing reopened on schedule, officials confirmed later in the week.\n")
    second = run_json(capsys, ["ingest", str(article), "--json", "--db", db])
    assert second["documents"][0]["outcome"] == "updated" and second["documents"][0]["version"] == 2
    doc_id = second["documents"][0]["id"]
    now = run_json(capsys, ["show", doc_id, "--json", "--db", db])
    old = run_json(capsys, ["show", doc_id, "--version", "1", "--json", "--db", db])
    assert "reopened on schedule" in now["text"] and "reopened on schedule" not in old["text"]
    assert now["versions"] == 2


def test_show_lists_removed_boilerplate_with_reasons(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article, db = tmp_path / "story.txt", str(tmp_path / "s.db")
    article.write_text(ARTICLE, encoding="utf-8")
    assert main(["ingest", str(article), "--db", db, "-q"]) == 0
    capsys.readouterr()
    assert main(["show", str(article), "--removed", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Subscribe to our newsletter" in out and "Share this article" in out
    doc = run_json(capsys, ["show", str(article), "--json", "--db", db])
    assert "Subscribe to our newsletter" not in doc["text"]
    assert "Customs officers on both sides" in doc["text"]
    raw = article.read_text(encoding="utf-8")
    for removal in doc["removed"]:
        assert raw[removal["start"]:removal["end"]] == removal["text"]


def test_set_overrides_the_estimate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article, db = tmp_path / "story.txt", str(tmp_path / "s.db")
    article.write_text(ARTICLE, encoding="utf-8")
    assert main(["ingest", str(article), "--db", db, "-q"]) == 0
    assert main(["set", str(article), "published=2021-06-16", "source=Northshore Gazette", "--db", db]) == 0
    assert "published='2021-06-16'" in capsys.readouterr().out
    [doc] = run_json(capsys, ["docs", "--json", "--db", db])
    assert doc["published"] == "2021-06-16" and doc["published_estimate"] is None
    assert main(["set", str(article), "published=16 June", "--db", db]) == 2
    assert "SL203" in capsys.readouterr().err
    assert main(["show", "no-such-doc", "--db", db]) == 2
    assert "SL201" in capsys.readouterr().err


def test_docs_table_marks_estimates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article, db = tmp_path / "story.txt", str(tmp_path / "s.db")
    article.write_text(ARTICLE.replace("in 2019", "in 2019. The talks opened on March 3, 2024"), encoding="utf-8")
    assert main(["ingest", str(article), "--db", db, "-q"]) == 0
    capsys.readouterr()
    assert main(["docs", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "~2024-" in out and "Ministers agree to reopen the border crossing" in out


def test_interrupted_ingest_completes_on_rerun(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from storyline.store.sql import SqlStore

    folder, db = tmp_path / "corpus", str(tmp_path / "s.db")
    folder.mkdir()
    for n in range(6):
        (folder / f"a{n}.txt").write_text(ARTICLE.replace("Tuesday", f"Tuesday ({n})"), encoding="utf-8")
    original = SqlStore.save_batch
    calls = {"n": 0}

    def crash_on_third_batch(self: SqlStore, items: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return original(self, items)

    monkeypatch.setattr(SqlStore, "save_batch", crash_on_third_batch)
    monkeypatch.setenv("STORYLINE_BATCH_SIZE", "2")
    assert main(["ingest", str(folder), "--db", db, "-q"]) == 130
    monkeypatch.setattr(SqlStore, "save_batch", original)
    assert len(run_json(capsys, ["docs", "--json", "--db", db])) == 4
    result = run_json(capsys, ["ingest", str(folder), "--json", "--db", db])
    assert (result["summary"]["unchanged"], result["summary"]["new"]) == (4, 2)
    assert len(run_json(capsys, ["docs", "--json", "--db", db])) == 6


def test_json_output_is_only_json_even_on_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_json(capsys, ["show", "nothing", "--json", "--db", str(tmp_path / "s.db")], expect=2)
    assert result["error"]["code"] == "SL201"


def test_parallel_ingest_gives_the_same_documents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    serial = run_json(capsys, ["ingest", str(demo_corpus_path()), "--json", "--workers", "1", "--db",
                               str(tmp_path / "one.db")])
    parallel = run_json(capsys, ["ingest", str(demo_corpus_path()), "--json", "--workers", "2", "--db",
                                 str(tmp_path / "two.db")])
    assert serial["documents"] == parallel["documents"]
    one = run_json(capsys, ["docs", "--json", "--db", str(tmp_path / "one.db")])
    two = run_json(capsys, ["docs", "--json", "--db", str(tmp_path / "two.db")])
    assert one == two
