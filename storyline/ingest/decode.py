"""Bytes to text: gzip, binary sniffing, byte-order marks, UTF-8, then charset detection."""

from __future__ import annotations

import zlib

from charset_normalizer import from_bytes

from storyline.errors import BINARY_INPUT, EMPTY_INPUT, TOO_LARGE, UNDECODABLE, StorylineError

# Signatures of common binary formats a user might drop into a folder of articles by mistake.
_BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x7fELF": "an executable",
    b"\xd0\xcf\x11\xe0": "an old Office document",
    b"RIFF": "a RIFF media file",
}
_BOMS = [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")]


def gunzip(data: bytes, source: str, max_bytes: int) -> bytes:
    """Decompress gzip data, refusing archives that expand past max_bytes (zip bombs included)."""
    decompressor = zlib.decompressobj(zlib.MAX_WBITS | 16)
    try:
        out = decompressor.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise StorylineError(UNDECODABLE, f"broken gzip data ({exc})", source=source) from exc
    if len(out) > max_bytes:
        raise StorylineError(TOO_LARGE, f"expands to more than {max_bytes:,} bytes", source=source)
    return out


def is_gzip(data: bytes) -> bool:
    return data[:2] == b"\x1f\x8b"


def decode_bytes(data: bytes, source: str, declared_charset: str | None = None) -> str:
    """Decode input bytes to text, or raise a specific error saying why it cannot be read as text."""
    if not data.strip():
        raise StorylineError(EMPTY_INPUT, "no content" if not data else "only whitespace", source=source)
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise StorylineError(BINARY_INPUT, f"starts like {kind}", source=source)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom):], encoding, source)
    head = data[:8192]
    if b"\x00" in head and not _looks_like_utf16(head):
        raise StorylineError(BINARY_INPUT, "contains NUL bytes", source=source)
    for encoding in filter(None, [declared_charset, "utf-8"]):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return _detect(data, source)


def _looks_like_utf16(head: bytes) -> bool:
    # Mostly-ASCII UTF-16 has a NUL in every other byte.
    return head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise StorylineError(UNDECODABLE, f"invalid {encoding} at byte {exc.start}", source=source) from exc


def _detect(data: bytes, source: str) -> str:
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise StorylineError(UNDECODABLE, "not UTF-8 and no other character set fits", source=source)
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise StorylineError(UNDECODABLE, f"detected {best.encoding} but decoding failed", source=source) from exc
    if _control_ratio(text) > 0.05:
        raise StorylineError(BINARY_INPUT, "mostly control characters", source=source)
    return text


def _control_ratio(text: str) -> float:
    sample = text[:10_000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / max(1, len(sample))

