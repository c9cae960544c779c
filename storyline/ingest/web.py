"""Fetching one http(s) URL for ingestion, with every failure mapped to a Storyline error.

The body is streamed so an oversized or endless response is cut off early, and the
content type is checked before any of the body is read, so an image or a video is
refused without being downloaded.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx

from storyline.errors import (
    TOO_LARGE,
    URL_CONTENT_TYPE,
    URL_HTTP_ERROR,
    URL_TIMEOUT,
    URL_UNREACHABLE,
    StorylineError,
)

SUPPORTED_SCHEMES = frozenset({"http", "https"})
MAX_REDIRECTS = 5

# Media types the ingest readers can turn into documents; anything else is refused before download.
INGESTIBLE_CONTENT_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "text/plain",
        "text/markdown",
        "text/x-markdown",
        "application/json",
        "application/x-ndjson",
        "application/ndjson",
        "application/jsonl",
        "application/x-jsonlines",
        "text/csv",
        "application/csv",
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)

ACCEPT_HEADER = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,"
    "text/plain;q=0.8,text/markdown;q=0.8,application/json;q=0.8,text/csv;q=0.8,*/*;q=0.1"
)


@dataclass(frozen=True)
class Fetched:
    """A successfully fetched response body and what the server said about it."""

    url: str  # the URL that was asked for
    final_url: str  # the URL after redirects
    status: int
    content_type: str  # lowercased media type without parameters; "" when the server sent none
    charset: str | None  # from the Content-Type header only; the readers sniff the body themselves
    body: bytes
    fetched_at: str  # ISO 8601 timestamp in UTC


def is_url(s: str) -> bool:
    """True for an absolute http(s) URL with a host; paths and other schemes are not URLs here."""
    if not s or any(ch.isspace() for ch in s):
        return False
    try:
        parts = urlsplit(s)
    except ValueError:
        return False
    return parts.scheme.lower() in SUPPORTED_SCHEMES and bool(parts.hostname)


def parse_content_type(header: str | None) -> tuple[str, str | None]:
    """Split a Content-Type header into (lowercased media type, charset or None)."""
    if not header:
        return "", None
    media_type, *params = header.split(";")
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip("\"'"):
            charset = value.strip().strip("\"'").lower()
    return media_type.strip().lower(), charset


def fetch_url(
    url: str, *, timeout: float = 20.0, max_bytes: int = 10_000_000, user_agent: str = "storyline/0.1"
) -> Fetched:
    """GET ``url`` and return its body, or raise a StorylineError naming the URL.

    ``timeout`` bounds each network operation and also the whole download, so a server
    that trickles bytes cannot hold the batch forever.
    """
    if not is_url(url):
        raise StorylineError(URL_UNREACHABLE, _why_not_fetchable(url), source=url)
    try:
        return _fetch(url, timeout=timeout, max_bytes=max_bytes, user_agent=user_agent)
    except httpx.TimeoutException as exc:
        raise StorylineError(URL_TIMEOUT, f"no answer within {timeout:g} s", source=url) from exc
    except httpx.TooManyRedirects as exc:
        raise StorylineError(URL_HTTP_ERROR, f"more than {MAX_REDIRECTS} redirects", source=url) from exc
    except (httpx.RequestError, httpx.InvalidURL) as exc:
        raise StorylineError(URL_UNREACHABLE, _describe(exc), source=url) from exc


def _why_not_fetchable(url: str) -> str:
    scheme = url.partition("://")[0].lower() if "://" in url else ""
    if scheme and scheme not in SUPPORTED_SCHEMES:
        return f"unsupported scheme {scheme!r}; only http and https URLs are fetched"
    return "not an absolute http(s) URL with a host"


def _fetch(url: str, *, timeout: float, max_bytes: int, user_agent: str) -> Fetched:
    headers = {"User-Agent": user_agent, "Accept": ACCEPT_HEADER}
    deadline = time.monotonic() + timeout
    with (
        httpx.Client(timeout=timeout, follow_redirects=True, max_redirects=MAX_REDIRECTS, headers=headers) as client,
        client.stream("GET", url) as response,
    ):
        final_url = str(response.url)
        _check_status(response, url, final_url)
        content_type, charset = parse_content_type(response.headers.get("content-type"))
        _check_content_type(content_type, url)
        _check_declared_length(response, url, max_bytes)
        body = b"".join(_limited_chunks(response, url, max_bytes, deadline, timeout))
    return Fetched(
        url=url,
        final_url=final_url,
        status=response.status_code,
        content_type=content_type,
        charset=charset,
        body=body,
        fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def _check_status(response: httpx.Response, url: str, final_url: str) -> None:
    if response.status_code < 400:
        return
    detail = f"HTTP {response.status_code} {response.reason_phrase}".rstrip()
    if final_url != url:
        detail += f" (after redirect to {final_url})"
    raise StorylineError(URL_HTTP_ERROR, detail, source=url)


def _check_content_type(content_type: str, url: str) -> None:
    # A missing header is let through: the readers sniff the bytes and refuse binaries themselves.
    if content_type and content_type not in INGESTIBLE_CONTENT_TYPES:
        raise StorylineError(URL_CONTENT_TYPE, f"the server sent {content_type}", source=url)


def _check_declared_length(response: httpx.Response, url: str, max_bytes: int) -> None:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise StorylineError(TOO_LARGE, f"Content-Length {declared} exceeds the limit of {max_bytes} bytes", source=url)


def _limited_chunks(
    response: httpx.Response, url: str, max_bytes: int, deadline: float, timeout: float
) -> Iterator[bytes]:
    """Yield the decoded body, stopping at ``max_bytes`` (counted after decompression) or the deadline."""
    received = 0
    for chunk in response.iter_bytes():
        received += len(chunk)
        if received > max_bytes:
            raise StorylineError(TOO_LARGE, f"body exceeds the limit of {max_bytes} bytes", source=url)
        if time.monotonic() > deadline:
            raise StorylineError(URL_TIMEOUT, f"download took longer than {timeout:g} s", source=url)
        yield chunk


def _describe(exc: Exception) -> str:
    message = str(exc).strip()
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__
