"""Read one input (a file or a URL) into documents ready for the cleaning stages.

One input can give many documents (an export's records, a feed's entries); each keeps
the raw bytes it came from. Failures are returned, not raised, so a batch goes on.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.config import Settings
from storyline.document import Document
from storyline.errors import (
    MALFORMED_JSON,
    TOO_LARGE,
    UNREADABLE,
    UNSUPPORTED_FORMAT,
    StorylineError,
)
from storyline.ingest.decode import decode_bytes, gunzip, is_gzip
from storyline.ingest.feeds import FeedEntry, looks_like_feed, parse_feed
from storyline.ingest.records import Record, iter_csv, iter_json, iter_jsonl
from storyline.ingest.sources import SIDECAR_SUFFIX, InputItem
from storyline.ingest.web import fetch_url
from storyline.pipeline import run_stages

_EXTENSION_FORMATS = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
    ".xhtml": "html", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "csv",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
}
_MEDIA_FORMATS = {
    "text/html": "html", "application/xhtml+xml": "html", "text/plain": "text", "text/markdown": "markdown",
    "application/json": "json", "application/x-ndjson": "jsonl", "application/jsonl": "jsonl",
    "application/ndjson": "jsonl", "text/csv": "csv", "application/rss+xml": "feed", "application/atom+xml": "feed",
    "application/xml": "feed", "text/xml": "feed",
}
_MEDIA_TYPES = {"text": "text/plain", "markdown": "text/markdown", "html": "text/html", "json": "application/json",
                "jsonl": "application/x-ndjson", "csv": "text/csv", "feed": "application/xml"}


@dataclass
class ReadResult:
    """What one input gave: documents with their raw bytes, and the errors met on the way."""

    origin: str
    items: list[tuple[Document, bytes, str | None]] = field(default_factory=list)
    errors: list[StorylineError] = field(default_factory=list)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_input(item: InputItem, settings: Settings, stages: list[Any]) -> ReadResult:
    result = ReadResult(origin=item.origin)
    try:
        if item.is_url:
            _read_url(item.origin, settings, stages, result)
        else:
            _read_file(Path(item.origin), settings, stages, result)
    except StorylineError as exc:
        result.errors.append(exc)
    except OSError as exc:  # a dangling link, a file without read permission, a file removed meanwhile
        result.errors.append(StorylineError(UNREADABLE, exc.strerror or str(exc), source=item.origin))
    return result


# -- files --------------------------------------------------------------------------------------


def _read_file(path: Path, settings: Settings, stages: list[Any], result: ReadResult) -> None:
    origin = str(path)
    size = path.stat().st_size
    if size > settings.max_input_bytes:
        raise StorylineError(TOO_LARGE, f"{size:,} bytes, limit {settings.max_input_bytes:,}", source=origin)
    raw = path.read_bytes()
    name = path.name.lower()
    body = raw
    if name.endswith(".gz") or is_gzip(raw):
        body = gunzip(raw, origin, settings.max_input_bytes)
        name = name.removesuffix(".gz")
    fmt = _EXTENSION_FORMATS.get(Path(name).suffix)
    if fmt is None:
        raise StorylineError(UNSUPPORTED_FORMAT, f"unknown extension {Path(name).suffix or '(none)'!r}", source=origin)
    given = _read_sidecar(path)
    _read_body(origin, raw, body, fmt, None, given, settings, stages, result)


def _read_sidecar(path: Path) -> dict[str, Any]:
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if not sidecar.is_file():
        return {}
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise StorylineError(MALFORMED_JSON, f"sidecar metadata unreadable ({exc})", source=str(sidecar)) from exc
    if not isinstance(data, dict):
        raise StorylineError(MALFORMED_JSON, "sidecar metadata must be an object", source=str(sidecar))
    return data


def _read_body(
    origin: str, raw: bytes, body: bytes, fmt: str, charset: str | None, given: dict[str, Any],
    settings: Settings, stages: list[Any], result: ReadResult,
) -> None:
    """Dispatch on format; `raw` is what is stored (possibly compressed), `body` what is parsed."""
    if fmt == "feed" or (fmt in ("html", "text") and looks_like_feed(body[:2048], None)):
        _read_feed(origin, body, settings, stages, result)
        return
    text = decode_bytes(body, origin, charset)
    raw_sha = sha256(raw)
    media_type = _MEDIA_TYPES[fmt]
    if fmt in ("json", "jsonl", "csv"):
        parse = {"json": iter_json, "jsonl": iter_jsonl, "csv": iter_csv}[fmt]
        for record in parse(text, origin, settings.field_map):
            if isinstance(record, StorylineError):
                result.errors.append(record)
            else:
                _add(result, _record_document(origin, fmt, raw_sha, record), raw, media_type, stages)
        return
    doc = Document(origin=origin, format=fmt, raw_sha256=raw_sha, content_sha256=raw_sha,
                   raw_text=_plain(text, fmt))
    _apply_given(doc, given)
    _add(result, doc, raw, media_type, stages)


def _add(result: ReadResult, doc: Document, raw: bytes, media_type: str | None, stages: list[Any]) -> None:
    try:
        result.items.append((run_stages(doc, stages), raw, media_type))
    except StorylineError as exc:
        result.errors.append(exc)


def _record_document(origin: str, fmt: str, raw_sha: str, record: Record) -> Document:
    fields = record.fields
    is_html = isinstance(fields.get("html"), str) and not isinstance(fields.get("text"), str)
    doc = Document(origin=origin, locator=record.locator, format="html" if is_html else "text", raw_sha256=raw_sha,
                   content_sha256=record.content_sha256, raw_text=fields["html"] if is_html else fields["text"])
    doc.meta["container"] = fmt
    doc.meta["record"] = record.where
    _apply_given(doc, fields)
    return doc


def _apply_given(doc: Document, given: dict[str, Any]) -> None:
    """Metadata that came with the input: record fields, sidecar files or feed entries."""
    for name in ("title", "source", "author", "url", "language"):
        value = given.get(name)
        if isinstance(value, str) and value.strip():
            setattr(doc, name, value.strip())
    published = given.get("published")
    if published not in (None, ""):
        iso = normalize_date(str(published))
        if iso:
            doc.published = iso
        else:
            doc.meta["published_unparsed"] = str(published)


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def normalize_date(value: str) -> str | None:
    """A metadata date in any common form -> YYYY-MM-DD, or None when it cannot be read."""
    value = value.strip()
    match = _ISO_DATE.match(value)
    if match:
        return match.group(0)
    if value.isdigit() and len(value) >= 9:  # a Unix timestamp
        from datetime import UTC, datetime

        seconds = int(value) / (1000 if len(value) >= 12 else 1)
        return datetime.fromtimestamp(seconds, UTC).date().isoformat()
    import dateparser

    parsed = dateparser.parse(value, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first",
                                                                 "REQUIRE_PARTS": ["year", "month"]})
    return parsed.date().isoformat() if parsed else None


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^#{1,6}\s+", re.MULTILINE)
_MD_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w))")


def _plain(text: str, fmt: str) -> str:
    """Markdown syntax is dropped before cleaning; removal offsets refer to this plain text."""
    if fmt != "markdown":
        return text
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_HEADING.sub("", text)
    return _MD_EMPHASIS.sub("", text)


# -- URLs and feeds -----------------------------------------------------------------------------


def _read_url(url: str, settings: Settings, stages: list[Any], result: ReadResult,
              given: dict[str, Any] | None = None) -> None:
    fetched = fetch_url(url, timeout=settings.url_timeout, max_bytes=settings.url_max_bytes,
                        user_agent=settings.user_agent)
    body = fetched.body
    if is_gzip(body):
        body = gunzip(body, url, settings.max_input_bytes)
    fmt = _MEDIA_FORMATS.get(fetched.content_type) or _EXTENSION_FORMATS.get(Path(url.split("?")[0]).suffix, "html")
    info = {"url": fetched.final_url, **(given or {})}
    _read_body(url, fetched.body, body, fmt, fetched.charset, info, settings, stages, result)
    for doc, _, _ in result.items:
        doc.meta.setdefault("fetched_at", fetched.fetched_at)


def _read_feed(origin: str, body: bytes, settings: Settings, stages: list[Any], result: ReadResult) -> None:
    """Each entry's page is fetched and ingested; the entry's own content is the fallback."""
    for entry in parse_feed(body, source=origin):
        given = _entry_metadata(entry)
        entry_result = ReadResult(origin=entry.url)
        try:
            _read_url(entry.url, settings, stages, entry_result, given)
        except StorylineError as exc:
            if not _read_entry_content(entry, given, stages, entry_result):
                entry_result.errors.append(exc)
        for doc, _, _ in entry_result.items:
            doc.meta["feed"] = origin
        result.items.extend(entry_result.items)
        result.errors.extend(entry_result.errors)


def _entry_metadata(entry: FeedEntry) -> dict[str, Any]:
    return {"title": entry.title, "published": entry.published, "author": entry.author, "url": entry.url}


def _read_entry_content(entry: FeedEntry, given: dict[str, Any], stages: list[Any], result: ReadResult) -> bool:
    content = entry.content_html or ""
    if len(content) < 200:
        return False
    raw = content.encode("utf-8")
    doc = Document(origin=entry.url, format="html", raw_sha256=sha256(raw), content_sha256=sha256(raw),
                   raw_text=content)
    _apply_given(doc, given)
    doc.meta["from_feed_content"] = True
    _add(result, doc, raw, "text/html", stages)
    return True

