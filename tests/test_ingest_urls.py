"""Ingesting URLs and feeds end to end, against a real local HTTP server."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from storyline.cli import main

PARAGRAPHS = [
    "The foreign ministers of the two countries met in Vienna on Monday to prepare a new round of talks on the "
    "ceasefire, their first meeting since the spring.",
    "Officials said the discussions focused on humanitarian corridors into the besieged districts and on the "
    "release of detainees held by both sides since last year.",
    "A joint statement issued after the meeting called on all parties to respect the truce and to allow aid convoys "
    "to reach the north of the country without delay.",
    "Diplomats cautioned that earlier agreements had collapsed within weeks, and that much would depend on "
    "commanders on the ground rather than on negotiators abroad.",
]


def page(title: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (f"<!doctype html><html lang='en'><head><title>{title}</title>"
            f"<meta property='og:title' content='{title}'><meta property='article:published_time' "
            f"content='2016-02-22T10:00:00Z'></head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>{title}</h1>{body}</article><footer>Copyright Example News</footer></body></html>").encode()


FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title>
<link>http://HOST/</link><description>World news</description>
<item><title>Ministers meet in Vienna</title><link>http://HOST/story/1</link>
<pubDate>Mon, 22 Feb 2016 10:00:00 GMT</pubDate></item>
<item><title>Second story</title><link>http://HOST/story/2</link></item>
<item><title>Gone story</title><link>http://HOST/story/404</link></item>
</channel></rss>"""


@pytest.fixture
def server() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            host = f"127.0.0.1:{self.server.server_address[1]}"
            routes = {"/feed.xml": ("application/rss+xml", FEED.replace(b"HOST", host.encode())),
                      "/story/1": ("text/html; charset=utf-8", page("Ministers meet in Vienna")),
                      "/story/2": ("text/html; charset=utf-8", page("Aid convoys wait at the border")),
                      "/plain.txt": ("text/plain", "\n\n".join(PARAGRAPHS).encode())}
            if self.path not in routes:
                self.send_response(404)
                self.end_headers()
                return
            media, body = routes[self.path]
            self.send_response(200)
            self.send_header("Content-Type", media)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.network
def test_feed_entries_are_fetched_and_stored(server: str, tmp_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"{tmp_path}/s.db"
    assert main(["ingest", f"{server}/feed.xml", f"{server}/plain.txt", "--db", db, "--url-timeout", "5"]) == 1
    captured = capsys.readouterr()
    assert f"{server}/story/404" in captured.err and "SL121" in captured.err
    assert main(["docs", "--json", "--db", db]) == 0
    docs = {d["origin"]: d for d in json.loads(capsys.readouterr().out)}
    story = docs[f"{server}/story/1"]
    assert story["title"] == "Ministers meet in Vienna"
    assert story["published"] == "2016-02-22"
    assert story["url"] == f"{server}/story/1"
    assert docs[f"{server}/story/2"]["title"] == "Second story"  # the feed's own metadata wins
    assert docs[f"{server}/plain.txt"]["words"] > 60
    assert main(["show", f"{server}/story/1", "--json", "--db", db]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert "Home" not in shown["text"] and PARAGRAPHS[2] in shown["text"]
    assert shown["meta"]["feed"] == f"{server}/feed.xml"


@pytest.mark.network
def test_unreachable_url_is_one_error_line(tmp_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert main(["ingest", f"http://127.0.0.1:{port}/nothing", "--db", f"{tmp_path}/s.db", "--url-timeout", "2"]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and f"127.0.0.1:{port}/nothing" in errors[0] and "SL120" in errors[0]
