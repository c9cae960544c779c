"""Reading RSS and Atom feeds into entries that point at articles.

feedparser is only ever handed an in-memory stream: given a str it would fetch URLs,
and given bytes it would first try them as a file path and read that file.
"""

from __future__ import annotations

import html
import io
import re
import time
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from storyline.errors import MALFORMED_FEED, StorylineError

FEED_CONTENT_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
SNIFF_BYTES = 2048
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})

# Optional BOM-less prologue (XML declaration, processing instructions, comments, doctype), then the root tag.
_FEED_ROOT = re.compile(
    r"\A\s*(?:(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)\s*)*<(?:[\w.-]+:)?(?:rss|feed|RDF)[\s>/]",
    re.DOTALL | re.IGNORECASE,
)


@dataclass(frozen=True)
class FeedEntry:
    url: str  # absolute when the feed or its source gives a base to resolve against
    title: str | None  # plain text
    published: str | None  # ISO YYYY-MM-DD as dated by the publisher, in the publisher's time zone
    author: str | None
    summary: str | None  # plain text
    content_html: str | None  # the full entry body when the feed carries one (sanitized by feedparser)
    entry_id: str  # the feed's guid/id, or the URL when it has none


def looks_like_feed(body: bytes, content_type: str | None) -> bool:
    """Cheap check whether a response is an RSS/Atom feed rather than a page or data file."""
    media_type = (content_type or "").split(";")[0].strip().lower()
    if media_type in FEED_CONTENT_TYPES:
        return True
    return bool(_FEED_ROOT.match(_decode_head(body[:SNIFF_BYTES])))


def parse_feed(body: bytes, *, source: str) -> list[FeedEntry]:
    """Parse an RSS/Atom document; entries without a link are left out.

    Relative links are resolved against the feed's own link, itself resolved against
    ``source`` when that is a URL.
    """
    parsed = feedparser.parse(io.BytesIO(body))
    if not parsed.entries and (parsed.get("bozo") or not parsed.get("version")):
        raise StorylineError(MALFORMED_FEED, _not_a_feed_reason(parsed, body), source=source)
    base = _feed_base(parsed.feed.get("link"), source)
    entries = (_to_entry(raw, base) for raw in parsed.entries)
    return [entry for entry in entries if entry is not None]


def _decode_head(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace").lstrip("\ufeff")
    return head.decode("utf-8", errors="replace").lstrip("\ufeff")


def _not_a_feed_reason(parsed: Any, body: bytes) -> str:
    if not body.strip():
        return "the document is empty"
    problem = parsed.get("bozo_exception")
    if problem is not None:
        return f"not well-formed XML ({problem})"
    return "no RSS or Atom root element"


def _feed_base(feed_link: str | None, source: str) -> str:
    source_base = source if urlsplit(source).scheme in ("http", "https") else ""
    return urljoin(source_base, feed_link or "")


def _to_entry(raw: Any, base: str) -> FeedEntry | None:
    link = (raw.get("link") or "").strip()
    if not link:
        return None
    url = urljoin(base, link)
    return FeedEntry(
        url=url,
        title=_plain_field(raw.get("title_detail")),
        published=_entry_date(raw),
        author=_author(raw),
        summary=_plain_field(raw.get("summary_detail")),
        content_html=_content_html(raw.get("content") or []),
        entry_id=(raw.get("id") or "").strip() or url,
    )


def _plain_field(detail: Any) -> str | None:
    """Text of a title/summary; feedparser leaves markup in html-typed fields, so strip it."""
    if not detail or not detail.get("value"):
        return None
    value = detail["value"]
    text = _html_to_text(value) if detail.get("type") in HTML_TYPES else value
    text = " ".join(text.split())
    return text or None


def _author(raw: Any) -> str | None:
    # author_detail.name drops the e-mail address RSS <author> carries ("jane@x.org (Jane Roe)").
    name = (raw.get("author_detail") or {}).get("name") or raw.get("author") or ""
    return name.strip() or None


def _content_html(contents: list[Any]) -> str | None:
    """The longest body the entry carries, as HTML; a plain-text body is escaped into paragraphs."""
    bodies = [part for part in contents if (part.get("value") or "").strip()]
    if not bodies:
        return None
    best = max(bodies, key=lambda part: len(part["value"]))
    if best.get("type") in HTML_TYPES:
        return str(best["value"])
    paragraphs = re.split(r"\n\s*\n", best["value"].strip())
    return "\n".join(f"<p>{html.escape(paragraph.strip())}</p>" for paragraph in paragraphs)


def _entry_date(raw: Any) -> str | None:
    """Publication date, falling back to the last update (Atom requires only <updated>)."""
    for key in ("published", "updated"):
        found = _date_as_written(raw.get(key)) or _date_from_struct(raw.get(f"{key}_parsed"))
        if found:
            return found
    return None


def _date_as_written(value: str | None) -> str | None:
    """The calendar date in the publisher's own time zone.

    feedparser normalizes to UTC, which moves late-evening American stories to the next day.
    """
    if not value:
        return None
    value = value.strip()
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return None


def _date_from_struct(parsed: time.struct_time | None) -> str | None:
    if not parsed:
        return None
    try:
        return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    except ValueError:
        return None


# Tags after which words must not run together ("<p>a</p><p>b</p>" is "a b", "<b>a</b>b" is "ab").
_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "blockquote", "hr"}
)


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _html_to_text(markup: str) -> str:
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    return "".join(collector.parts)
