"""Fetching URLs against a real local HTTP server, and reading RSS/Atom feeds."""

from __future__ import annotations

import contextlib
import gzip
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.errors import (
    MALFORMED_FEED,
    TOO_LARGE,
    URL_CONTENT_TYPE,
    URL_HTTP_ERROR,
    URL_TIMEOUT,
    URL_UNREACHABLE,
    StorylineError,
)
from storyline.ingest.feeds import FeedEntry, looks_like_feed, parse_feed
from storyline.ingest.web import fetch_url, is_url, parse_content_type

FEEDS = Path(__file__).parent / "fixtures" / "feeds"
SHORT_TIMEOUT = 0.5
ARTICLE_HTML = (
    "<html><head><title>Talks resume</title></head>"
    "<body><p>Delegations met in Vienna for a second round of talks.</p></body></html>"
).encode("iso-8859-1")
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
STREAM_CAP = 20_000_000  # what the endless endpoints send at most, far above the limits the tests set


class _Handler(BaseHTTPRequestHandler):
    user_agents: list[str] = []  # noqa: RUF012 - shared on purpose: the tests read what the server saw

    def do_GET(self) -> None:
        self.user_agents.append(self.headers.get("User-Agent", ""))
        route = ROUTES.get(self.path)
        if route is None:
            self._send(404, "text/html", b"<h1>Not found</h1>")
        else:
            route(self)

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""

    def _send(self, status: int, content_type: str | None, body: bytes, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _stream(self, chunks: Iterator[bytes], delay: float = 0.0) -> None:
        """Send a body without Content-Length, ended by closing the connection (HTTP/1.0)."""
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        # The client hanging up early is what these endpoints test.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            for chunk in chunks:
                self.wfile.write(chunk)
                self.wfile.flush()
                time.sleep(delay)


def _endless(chunk_size: int = 65_536) -> Iterator[bytes]:
    for _ in range(STREAM_CAP // chunk_size):
        yield b"x" * chunk_size


def _slow(handler: _Handler) -> None:
    time.sleep(SHORT_TIMEOUT * 3)
    handler._send(200, "text/plain", b"too late")


def _declared_huge(handler: _Handler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    handler.send_header("Content-Length", str(STREAM_CAP))
    handler.end_headers()
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        handler.wfile.write(b"x" * 1_000)


def _gzipped(body: bytes) -> Callable[[_Handler], None]:
    compressed = gzip.compress(body)
    return lambda handler: handler._send(200, "text/plain", compressed, {"Content-Encoding": "gzip"})


ROUTES: dict[str, Callable[[_Handler], None]] = {
    "/article.html": lambda h: h._send(200, "text/html; charset=ISO-8859-1", ARTICLE_HTML),
    "/notes.md": lambda h: h._send(200, 'text/markdown; charset="UTF-8"', b"# Notes\n\nTalks resumed."),
    "/untyped": lambda h: h._send(200, None, b"plain words without a declared type"),
    "/feed.xml": lambda h: h._send(200, "application/rss+xml", (FEEDS / "world_rss.xml").read_bytes()),
    "/atom-as-xml": lambda h: h._send(200, "text/xml", (FEEDS / "world_atom.xml").read_bytes()),
    "/broken": lambda h: h._send(500, "text/html", b"<h1>Internal error</h1>"),
    "/image.png": lambda h: h._send(200, "image/png", PNG_BYTES),
    "/moved": lambda h: h._send(302, "text/html", b"", {"Location": "/article.html"}),
    "/moved-to-missing": lambda h: h._send(301, "text/html", b"", {"Location": "/gone"}),
    "/loop": lambda h: h._send(302, "text/html", b"", {"Location": "/loop"}),
    "/slow": _slow,
    "/trickle": lambda h: h._stream(iter([b"word "] * 40), delay=SHORT_TIMEOUT / 4),
    "/huge-declared": _declared_huge,
    "/huge-streamed": lambda h: h._stream(_endless()),
    "/gzip-small": _gzipped(b"compressed words"),
    "/gzip-bomb": _gzipped(b"a" * 5_000_000),  # 5 MB that travels as about 5 kB
}


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.block_on_close = False  # slow handlers must not hold up the teardown
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy configured on the test machine must not intercept requests to the local server."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


def _fetch_error(url: str, *, timeout: float = SHORT_TIMEOUT, max_bytes: int = 10_000_000) -> StorylineError:
    with pytest.raises(StorylineError) as caught:
        fetch_url(url, timeout=timeout, max_bytes=max_bytes)
    assert url in str(caught.value), "the message must name the URL"
    assert caught.value.source == url
    return caught.value


# --- fetch_url against a local server -------------------------------------------------------


@pytest.mark.network
def test_fetch_returns_body_type_charset_and_timestamp(server: str) -> None:
    fetched = fetch_url(f"{server}/article.html", timeout=SHORT_TIMEOUT)
    assert fetched.status == 200
    assert fetched.body == ARTICLE_HTML
    assert fetched.content_type == "text/html"
    assert fetched.charset == "iso-8859-1"
    assert fetched.url == fetched.final_url == f"{server}/article.html"
    assert fetched.fetched_at.endswith("+00:00")


@pytest.mark.network
def test_fetch_sends_the_user_agent(server: str) -> None:
    fetch_url(f"{server}/notes.md", timeout=SHORT_TIMEOUT, user_agent="storyline-test/9")
    assert _Handler.user_agents[-1] == "storyline-test/9"


@pytest.mark.network
def test_quoted_charset_and_markdown_are_accepted(server: str) -> None:
    fetched = fetch_url(f"{server}/notes.md", timeout=SHORT_TIMEOUT)
    assert (fetched.content_type, fetched.charset) == ("text/markdown", "utf-8")


@pytest.mark.network
def test_missing_content_type_is_left_to_the_readers(server: str) -> None:
    fetched = fetch_url(f"{server}/untyped", timeout=SHORT_TIMEOUT)
    assert fetched.content_type == ""
    assert fetched.charset is None
    assert fetched.body == b"plain words without a declared type"


@pytest.mark.network
def test_redirect_is_followed_and_reported(server: str) -> None:
    fetched = fetch_url(f"{server}/moved", timeout=SHORT_TIMEOUT)
    assert fetched.url == f"{server}/moved"
    assert fetched.final_url == f"{server}/article.html"
    assert fetched.body == ARTICLE_HTML


@pytest.mark.network
def test_redirect_loop_is_an_http_error(server: str) -> None:
    error = _fetch_error(f"{server}/loop")
    assert error.spec == URL_HTTP_ERROR
    assert "redirects" in error.detail


@pytest.mark.network
def test_404_is_an_http_error_naming_the_status(server: str) -> None:
    error = _fetch_error(f"{server}/no-such-page")
    assert error.spec == URL_HTTP_ERROR
    assert "404" in str(error)


@pytest.mark.network
def test_404_after_redirect_names_where_it_ended(server: str) -> None:
    error = _fetch_error(f"{server}/moved-to-missing")
    assert error.spec == URL_HTTP_ERROR
    assert "404" in error.detail
    assert f"{server}/gone" in error.detail


@pytest.mark.network
def test_500_is_an_http_error_naming_the_status(server: str) -> None:
    error = _fetch_error(f"{server}/broken")
    assert error.spec == URL_HTTP_ERROR
    assert "500" in str(error)


@pytest.mark.network
def test_slow_server_times_out_quickly(server: str) -> None:
    started = time.monotonic()
    error = _fetch_error(f"{server}/slow")
    assert error.spec == URL_TIMEOUT
    assert time.monotonic() - started < SHORT_TIMEOUT * 2.5


@pytest.mark.network
def test_trickling_body_is_cut_off_at_the_overall_timeout(server: str) -> None:
    # Each chunk arrives within the read timeout, but the whole body would take 10 s.
    started = time.monotonic()
    error = _fetch_error(f"{server}/trickle")
    assert error.spec == URL_TIMEOUT
    assert time.monotonic() - started < SHORT_TIMEOUT * 2.5


@pytest.mark.network
def test_image_is_refused_by_content_type(server: str) -> None:
    error = _fetch_error(f"{server}/image.png")
    assert error.spec == URL_CONTENT_TYPE
    assert "image/png" in error.detail


@pytest.mark.network
def test_declared_oversize_is_refused_before_download(server: str) -> None:
    error = _fetch_error(f"{server}/huge-declared", max_bytes=10_000)
    assert error.spec == TOO_LARGE
    assert "Content-Length" in error.detail


@pytest.mark.network
def test_undeclared_oversize_stops_the_stream(server: str) -> None:
    error = _fetch_error(f"{server}/huge-streamed", timeout=5.0, max_bytes=100_000)
    assert error.spec == TOO_LARGE
    assert "100000" in error.detail


@pytest.mark.network
def test_gzip_body_is_decompressed(server: str) -> None:
    assert fetch_url(f"{server}/gzip-small", timeout=SHORT_TIMEOUT).body == b"compressed words"


@pytest.mark.network
def test_size_limit_counts_decompressed_bytes(server: str) -> None:
    error = _fetch_error(f"{server}/gzip-bomb", timeout=5.0, max_bytes=1_000_000)
    assert error.spec == TOO_LARGE


@pytest.mark.network
def test_closed_port_is_unreachable() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    error = _fetch_error(f"http://127.0.0.1:{port}/article.html")
    assert error.spec == URL_UNREACHABLE


@pytest.mark.network
def test_fetched_feed_parses_with_links_resolved(server: str) -> None:
    fetched = fetch_url(f"{server}/feed.xml", timeout=SHORT_TIMEOUT)
    assert fetched.content_type == "application/rss+xml"
    assert looks_like_feed(fetched.body, fetched.content_type)
    urls = [entry.url for entry in parse_feed(fetched.body, source=fetched.final_url)]
    assert "https://ledger.example.org/world/2019/04/ceasefire-talks-stall.html" in urls


@pytest.mark.network
def test_feed_served_as_generic_xml_is_sniffed(server: str) -> None:
    fetched = fetch_url(f"{server}/atom-as-xml", timeout=SHORT_TIMEOUT)
    assert fetched.content_type == "text/xml"
    assert looks_like_feed(fetched.body, fetched.content_type)


@pytest.mark.parametrize("url", ["ftp://files.example.org/feed.xml", "file:///etc/hostname"])
def test_other_schemes_are_refused_without_network(url: str) -> None:
    error = _fetch_error(url)
    assert error.spec == URL_UNREACHABLE
    assert "scheme" in error.detail


@pytest.mark.parametrize("url", ["http://[::1", "https:///no-host", "news.example.org/world"])
def test_invalid_urls_are_refused_without_network(url: str) -> None:
    error = _fetch_error(url)
    assert error.spec == URL_UNREACHABLE
    assert "not an absolute http(s) URL" in error.detail


# --- URL and header helpers ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "http://example.org",
        "https://news.example.org/world/a.html?id=3#top",
        "HTTPS://EXAMPLE.ORG/x",
        "http://[::1]:8080/",
    ],
)
def test_is_url_accepts_http_urls(text: str) -> None:
    assert is_url(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "example.org/page",
        "/home/me/articles/a.html",
        "ftp://example.org/a",
        "http://",
        "https:///path",
        "file:///tmp/a.html",
        "http://exa mple.org/",
        "http://[::1",
        "C:\\articles\\a.html",
        "mailto:desk@example.org",
    ],
)
def test_is_url_rejects_paths_and_other_schemes(text: str) -> None:
    assert not is_url(text)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("text/HTML; Charset=UTF-8", ("text/html", "utf-8")),
        ('application/json; charset="windows-1252"', ("application/json", "windows-1252")),
        ("text/csv; header=present", ("text/csv", None)),
        (None, ("", None)),
    ],
)
def test_parse_content_type(header: str | None, expected: tuple[str, str | None]) -> None:
    assert parse_content_type(header) == expected


# --- feeds -------------------------------------------------------------------------------------


def _entries(name: str, source: str | None = None) -> dict[str, FeedEntry]:
    path = FEEDS / name
    return {entry.title or "": entry for entry in parse_feed(path.read_bytes(), source=source or str(path))}


def test_rss_entries_are_read_and_relative_links_resolved_against_the_channel_link() -> None:
    entries = _entries("world_rss.xml")
    talks = entries["Foreign ministers agree to resume talks on border monitoring"]
    assert talks.url == "https://ledger.example.org/world/2019/03/ministers-resume-talks.html"
    assert talks.entry_id == "ledger-world-4412"
    assert talks.author == "Mirela Vass"
    assert talks.summary == (
        "After two days in Vienna, the delegations agreed to meet again in May. Observers called it a modest step."
    )
    assert talks.content_html is not None and "monitoring posts" in talks.content_html
    assert "<script" not in talks.content_html
    stall = entries["Ceasefire talks stall over prisoner exchange"]
    assert stall.url == "https://ledger.example.org/world/2019/04/ceasefire-talks-stall.html"
    assert stall.author == "Tomas Oyelaran"
    assert stall.content_html is None
    brief = entries["Brief: grain corridor reopens for a second week"]
    assert brief.url == "https://ledger.example.org/world/briefs/grain-corridor-reopens"
    assert brief.entry_id == brief.url


def test_rss_dates_keep_the_publishers_calendar_day() -> None:
    entries = _entries("world_rss.xml")
    # 22:45 at UTC-5 is already the next day in UTC; the outlet dated it the 10th.
    assert entries["Foreign ministers agree to resume talks on border monitoring"].published == "2019-03-10"
    assert entries["Ceasefire talks stall over prisoner exchange"].published == "2019-04-02"
    assert entries["Brief: grain corridor reopens for a second week"].published is None


def test_rss_items_without_a_link_are_skipped_but_permalink_guids_count() -> None:
    entries = _entries("world_rss.xml")
    assert len(entries) == 4
    assert "Live coverage: emergency session of the security council" not in entries
    analysis = entries["Analysis: what the sanctions package leaves out"]
    assert analysis.url == "https://ledger.example.org/world/2019/05/sanctions-analysis.html"


def test_atom_entries_are_read_with_plain_text_titles_and_bodies() -> None:
    entries = _entries("world_atom.xml")
    assert len(entries) == 3
    envoys = entries["Envoys trade proposals on airspace rules & deconfliction"]
    assert envoys.url == "https://dispatch.example.net/diplomacy/2020/11/envoys-trade-proposals"
    assert envoys.published == "2020-11-18"
    assert envoys.author == "Saoirse Lindqvist"
    assert envoys.summary == "Both sides want a hotline; they disagree on who answers it."
    assert envoys.content_html is not None and "direct line between air commands" in envoys.content_html
    summit = entries["Summit postponed as delegations dispute the agenda"]
    assert summit.url == "https://mirror.example.com/dispatch/summit-postponed"
    assert summit.published == "2020-11-20"  # only <updated> is given
    assert summit.summary is None  # feedparser's copy of the content is not a summary
    assert summit.content_html == (
        "<p>The summit planned for December will not take place before the new year.</p>\n"
        "<p>Diplomats said the agenda, not the venue, was the sticking point.</p>"
    )
    note = entries["Undated note: embassy staffing levels restored"]
    assert note.url == "https://dispatch.example.net/diplomacy/notes/embassy-staffing"
    assert note.published is None
    assert note.summary == "Staffing returns to pre-crisis levels."


def test_relative_feed_link_is_resolved_against_the_source_url() -> None:
    body = (
        b'<rss version="2.0"><channel><title>Desk</title><link>/world/</link>'
        b"<item><title>Envoy recalled</title><link>envoy-recalled.html</link></item></channel></rss>"
    )
    [entry] = parse_feed(body, source="https://wire.example.com/feeds/world.xml")
    assert entry.url == "https://wire.example.com/world/envoy-recalled.html"


def test_relative_links_stay_relative_without_any_base() -> None:
    body = (
        b'<rss version="2.0"><channel><title>Desk</title>'
        b"<item><title>A</title><link>a.html</link></item></channel></rss>"
    )
    [entry] = parse_feed(body, source="/tmp/desk.xml")
    assert entry.url == "a.html"


def test_malformed_feed_raises_naming_the_source() -> None:
    with pytest.raises(StorylineError) as caught:
        parse_feed((FEEDS / "malformed.xml").read_bytes(), source="exports/malformed.xml")
    assert caught.value.spec == MALFORMED_FEED
    assert "exports/malformed.xml" in str(caught.value)


@pytest.mark.parametrize(
    "body",
    [b"", b"just some words", b"<html><body><p>A page, not a feed.</p></body></html>", b'{"title": "json"}'],
)
def test_non_feeds_raise_malformed_feed(body: bytes) -> None:
    with pytest.raises(StorylineError) as caught:
        parse_feed(body, source="input.xml")
    assert caught.value.spec == MALFORMED_FEED


def test_broken_feed_still_yields_the_entries_it_has() -> None:
    body = b'<rss version="2.0"><channel><item><title>Talks end</title><link>https://a.example/t</link></item>'
    assert [entry.url for entry in parse_feed(body, source="cut.xml")] == ["https://a.example/t"]


def test_empty_but_valid_feed_has_no_entries() -> None:
    assert parse_feed(b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>', source="q.xml") == []


def test_a_body_that_is_a_file_path_is_not_opened(tmp_path: Path) -> None:
    feed_file = tmp_path / "secret.xml"
    feed_file.write_bytes((FEEDS / "world_rss.xml").read_bytes())
    with pytest.raises(StorylineError) as caught:
        parse_feed(str(feed_file).encode(), source="upload")
    assert caught.value.spec == MALFORMED_FEED


@given(st.binary(max_size=512))
@settings(max_examples=150, deadline=None)
def test_parse_feed_only_ever_raises_malformed_feed(body: bytes) -> None:
    try:
        entries = parse_feed(body, source="fuzz")
    except StorylineError as error:
        assert error.spec == MALFORMED_FEED
    else:
        assert all(entry.url for entry in entries)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ((FEEDS / "world_rss.xml").read_bytes(), None),
        ((FEEDS / "world_atom.xml").read_bytes(), "text/xml"),
        (b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- note -->\n<rdf:RDF xmlns:rdf='x'></rdf:RDF>", None),
        ('<?xml version="1.0" encoding="utf-16"?><feed/>'.encode("utf-16"), "application/xml"),
        (b"anything at all", "application/atom+xml; charset=utf-8"),
    ],
)
def test_looks_like_feed_recognises_feeds(body: bytes, content_type: str | None) -> None:
    assert looks_like_feed(body, content_type)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"<!DOCTYPE html><html><body><p>About <rss> feeds</p></body></html>", "text/html"),
        (b"<?xml version='1.0'?><note><feed>not a root</feed></note>", "application/xml"),
        (b'{"feed": []}', "application/json"),
        (b"", None),
    ],
)
def test_looks_like_feed_rejects_other_documents(body: bytes, content_type: str | None) -> None:
    assert not looks_like_feed(body, content_type)
