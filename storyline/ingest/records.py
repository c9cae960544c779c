"""JSON, JSON Lines and CSV exports: each record becomes one document.

Records name their fields `id, url, title, source, author, published, language, text`
or `html`. Common alternative names are recognised, and a field map (our name -> theirs)
handles any other export.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from storyline.errors import MALFORMED_CSV, MALFORMED_JSON, NO_TEXT_FIELD, StorylineError

RECORD_FIELDS = ("id", "url", "title", "source", "author", "published", "language", "text", "html")

# Names other exports commonly use for our fields, tried after the user's field map.
_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("guid", "uuid", "doc_id", "article_id", "stories_id", "_id"),
    "url": ("link", "href", "permalink", "canonical_url", "source_url"),
    "title": ("headline", "name"),
    "source": ("outlet", "publisher", "site", "site_name", "sitename", "media_name", "domain"),
    "author": ("authors", "byline", "creator"),
    "published": ("date", "publish_date", "published_at", "pubdate", "date_published", "publication_date",
                  "datetime", "timestamp"),
    "language": ("lang", "locale"),
    "text": ("body", "content", "maintext", "article", "full_text", "story"),
    "html": ("raw_html", "content_html", "body_html"),
}


@dataclass(frozen=True)
class Record:
    locator: str  # "line 3", "record 2", "row 7" or the record's own id
    fields: dict[str, Any]  # our field names -> values
    content_sha256: str  # hash of the record as given, for unchanged detection
    where: str  # human description of the position for error messages


def _pick(raw: dict[str, Any], name: str, field_map: dict[str, str]) -> Any:
    if name in field_map:
        return raw.get(field_map[name])
    for key in (name, *_ALIASES.get(name, ())):
        if key in raw and raw[key] not in (None, ""):
            return raw[key]
    return None


def map_record(raw: dict[str, Any], field_map: dict[str, str]) -> dict[str, Any]:
    fields = {name: _pick(raw, name, field_map) for name in RECORD_FIELDS}
    if isinstance(fields["author"], list):
        fields["author"] = ", ".join(str(a) for a in fields["author"] if a)
    return {k: v for k, v in fields.items() if v not in (None, "")}


def _make_record(raw: Any, position: str, source: str, field_map: dict[str, str]) -> Record:
    if not isinstance(raw, dict):
        raise StorylineError(MALFORMED_JSON, f"expected an object, got {type(raw).__name__}", source=source,
                             where=position)
    fields = map_record(raw, field_map)
    if not isinstance(fields.get("text"), str) and not isinstance(fields.get("html"), str):
        keys = ", ".join(sorted(raw)[:12]) or "none"
        raise StorylineError(NO_TEXT_FIELD, f"fields present: {keys}", source=source, where=position)
    canonical = json.dumps(raw, sort_keys=True, ensure_ascii=False, default=str)
    record_id = fields.get("id")
    locator = f"id={record_id}" if record_id not in (None, "") else position
    return Record(locator=locator, fields=fields, where=position,
                  content_sha256=hashlib.sha256(canonical.encode()).hexdigest())


def iter_jsonl(text: str, source: str, field_map: dict[str, str]) -> Iterator[Record | StorylineError]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        position = f"line {number}"
        try:
            yield _make_record(json.loads(line), position, source, field_map)
        except json.JSONDecodeError as exc:
            yield StorylineError(MALFORMED_JSON, f"{exc.msg} at column {exc.colno}", source=source, where=position)
        except StorylineError as exc:
            yield exc


def iter_json(text: str, source: str, field_map: dict[str, str]) -> Iterator[Record | StorylineError]:
    """A JSON file holds one record, a list of records, or an object with a list under a common key."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        # Many ".json" exports are really JSON Lines.
        if exc.msg == "Extra data" and text.lstrip().startswith("{"):
            yield from iter_jsonl(text, source, field_map)
            return
        yield StorylineError(MALFORMED_JSON, f"{exc.msg}", source=source, where=f"line {exc.lineno}")
        return
    items = _record_list(data)
    if items is None:
        items = [data]
    for index, item in enumerate(items, start=1):
        try:
            yield _make_record(item, f"record {index}", source, field_map)
        except StorylineError as exc:
            yield exc


def _record_list(data: Any) -> list[Any] | None:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in ("records", "articles", "documents", "items", "data", "results", "stories"):
            if isinstance(data.get(key), list):
                return list(data[key])
    return None


def iter_csv(text: str, source: str, field_map: dict[str, str]) -> Iterator[Record | StorylineError]:
    csv.field_size_limit(50_000_000)
    sample = text[:20_000]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        yield StorylineError(MALFORMED_CSV, f"no header row ({exc})", source=source, where="line 1")
        return
    header = [h.strip().lstrip("\ufeff") for h in header]
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield StorylineError(MALFORMED_CSV, str(exc), source=source, where=f"line {reader.line_num}")
            return
        if not any(cell.strip() for cell in row):
            continue
        position = f"line {reader.line_num}"
        if len(row) != len(header):
            yield StorylineError(MALFORMED_CSV, f"{len(row)} columns where the header has {len(header)}",
                                 source=source, where=position)
            continue
        try:
            yield _make_record(dict(zip(header, row, strict=True)), position, source, field_map)
        except StorylineError as exc:
            yield exc
