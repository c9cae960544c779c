from __future__ import annotations

import gzip

import pytest

from storyline.errors import StorylineError
from storyline.ingest.decode import decode_bytes, gunzip
from storyline.ingest.records import Record, iter_csv, iter_json, iter_jsonl


def codes(items: list[Record | StorylineError]) -> list[str]:
    return [item.code if isinstance(item, StorylineError) else "ok" for item in items]


@pytest.mark.parametrize(
    ("data", "expected"),
    [("Café talks in Genève".encode(), "Café talks in Genève"),
     ("\ufeffBOM first".encode(), "BOM first"),
     ("Les négociations à Genève ont repris lundi, selon le ministère.".encode("cp1252"),
      "Les négociations à Genève ont repris lundi, selon le ministère."),
     ("UTF-16 text here".encode("utf-16"), "UTF-16 text here")],
)
def test_decodes_common_encodings(data: bytes, expected: str) -> None:
    assert decode_bytes(data, "f.txt") == expected


@pytest.mark.parametrize(
    ("data", "code"),
    [(b"", "SL102"), (b"  \n\t ", "SL102"), (b"%PDF-1.7 ...", "SL103"), (b"ab\x00cd" * 100, "SL103")],
)
def test_refuses_what_is_not_text(data: bytes, code: str) -> None:
    with pytest.raises(StorylineError) as info:
        decode_bytes(data, "in/file.txt")
    assert info.value.code == code
    assert str(info.value).startswith("in/file.txt: ")


def test_gzip_bombs_are_refused() -> None:
    bomb = gzip.compress(b"a" * 2_000_000)
    assert len(gunzip(bomb, "x.gz", 3_000_000)) == 2_000_000
    with pytest.raises(StorylineError) as info:
        gunzip(bomb, "x.gz", 1_000_000)
    assert info.value.code == "SL105"


def test_jsonl_bad_line_is_reported_and_others_kept() -> None:
    text = ('{"id": "a", "text": "one"}\n{"id": "b", "text": \n\n'
            '{"headline": "H", "body": "two", "date": "2020-01-02"}\n')
    items = list(iter_jsonl(text, "export.jsonl", {}))
    assert codes(items) == ["ok", "SL107", "ok"]
    error = items[1]
    assert isinstance(error, StorylineError) and error.where == "line 2"
    assert "export.jsonl:line 2: SL107" in str(error)
    third = items[2]
    assert isinstance(third, Record)
    assert third.fields == {"title": "H", "text": "two", "published": "2020-01-02"}
    assert third.locator == "line 4"


def test_field_map_wins_over_aliases() -> None:
    text = '[{"story": "the body", "content": "other", "when": "2011-10-04", "outlet": "Wire"}]'
    [record] = list(iter_json(text, "x.json", {"text": "story", "published": "when"}))
    assert isinstance(record, Record)
    assert record.fields == {"text": "the body", "published": "2011-10-04", "source": "Wire"}


def test_json_object_list_single_record_and_missing_text() -> None:
    wrapped = '{"articles": [{"id": 1, "text": "a"}, {"id": 2, "title": "no body"}]}'
    items = list(iter_json(wrapped, "x.json", {}))
    assert codes(items) == ["ok", "SL111"]
    assert "fields present: id, title" in str(items[1])
    assert codes(list(iter_json('{"text": "alone"}', "one.json", {}))) == ["ok"]


def test_csv_rows_with_wrong_width_are_reported() -> None:
    text = 'id;headline;body\n1;First;"Text, with comma"\n2;Second\n3;Third;More text\n'
    items = list(iter_csv(text, "t.csv", {}))
    assert codes(items) == ["ok", "SL108", "ok"]
    assert isinstance(items[1], StorylineError) and items[1].where == "line 3"


def test_record_hash_tracks_content() -> None:
    [a] = list(iter_jsonl('{"id": 1, "text": "x"}', "e.jsonl", {}))
    [b] = list(iter_jsonl('{"text": "x", "id": 1}', "e.jsonl", {}))
    [c] = list(iter_jsonl('{"id": 1, "text": "y"}', "e.jsonl", {}))
    assert isinstance(a, Record) and isinstance(b, Record) and isinstance(c, Record)
    assert a.content_sha256 == b.content_sha256 != c.content_sha256
    assert a.locator == "id=1"
