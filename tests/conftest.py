"""Shared fixtures: stores on every backend, and small corpora written at test time."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.store.base import Store
from storyline.store.sql import SqlStore

PG_ENV = "STORYLINE_TEST_PG"
PG_HOWTO = (f"PostgreSQL tests skipped: set {PG_ENV}=postgresql://USER@HOST:PORT/DB to run them "
            "(CI sets it and STORYLINE_REQUIRE_PG=1 to make them mandatory)")
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def postgres_url() -> str | None:
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get("STORYLINE_REQUIRE_PG"):
            pytest.fail(f"STORYLINE_REQUIRE_PG is set but {PG_ENV} is not")
        pytest.skip(PG_HOWTO)
    return url


@pytest.fixture
def pg_schema_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards."""
    import sqlalchemy as sa

    from storyline.store.sql import database_url

    base = postgres_url()
    assert base is not None
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(database_url(base))
    try:
        with admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    except sa.exc.OperationalError as exc:
        admin.dispose()
        if os.environ.get("STORYLINE_REQUIRE_PG"):
            pytest.fail(f"PostgreSQL at {base} is required but unreachable: {exc}")
        pytest.skip(f"PostgreSQL at {base} unreachable: {exc}")
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return str(request.getfixturevalue("pg_schema_url"))


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = SqlStore(store_url)
    try:
        yield opened
    finally:
        opened.close()


def shared_data(*parts: str) -> Path:
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared/data not found: {path} is absent (evaluation data lives beside the checkout)")
    return path


ARTICLE = "\n".join([
    'The Northshore Gazette',
    'Ministers agree to reopen the border crossing',
    '',
    'Foreign ministers from the two neighbouring states agreed on Tuesday to reopen the main border '
    'crossing, closed since the floods of last spring.',
    'Share this article',
    '',
    'The agreement, signed in the capital after two days of talks, allows trucks carrying food and '
    'medicine to pass from next Monday, officials said.',
    'Customs officers on both sides will share a single inspection post, a model first tried at a '
    'smaller crossing in 2019.',
    'Subscribe to our newsletter for daily updates.',
    'Aid groups welcomed the move but warned that damaged roads on the southern side would slow '
    'deliveries for weeks.',
    '',
])


@pytest.fixture
def article_text() -> str:
    return ARTICLE


def write_bad_corpus(folder: Path) -> dict[str, Path]:
    """One input of each kind of bad input, plus one good article, all written fresh."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "good": folder / "good.txt",
        "empty": folder / "empty.txt",
        "binary": folder / "image.html",
        "undecodable": folder / "latin.txt",
        "nul": folder / "nul.txt",
        "bad_jsonl": folder / "export.jsonl",
        "bad_csv": folder / "table.csv",
        "bad_json": folder / "broken.json",
        "no_text": folder / "notext.json",
        "html_empty": folder / "empty-page.html",
        "gz_broken": folder / "broken.txt.gz",
    }
    files["good"].write_text(ARTICLE, encoding="utf-8")
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    files["undecodable"].write_bytes(b"\xff\xfe\xfa" + bytes(range(128, 256)) * 3 + b"\x00\x01")
    files["nul"].write_bytes(b"abc\x00\x00\x00def" * 50)
    files["bad_jsonl"].write_text(
        '{"id": "r1", "title": "Talks resume", "text": "Delegations met again in the capital on Monday to discuss '
        'the ceasefire terms and the exchange of prisoners held since last year."}\n'
        '{"id": "r2", "title": "Broken", "text": "unterminated\n'
        '{"id": "r3", "title": "Convoy arrives", "text": "A convoy of forty trucks reached the besieged town on '
        'Thursday, the first since the winter, aid workers said."}\n', encoding="utf-8")
    files["bad_csv"].write_text(
        'id,title,text\n'
        'c1,Envoy visits,"The envoy arrived in the capital on Sunday for talks with the foreign minister, '
        'the ministry said."\n'
        'c2,Too many,columns,here,"and more"\n', encoding="utf-8")
    files["bad_json"].write_text('{"title": "Half a record", "text": ', encoding="utf-8")
    files["no_text"].write_text('[{"title": "Only a title", "summary": "No body here"}]', encoding="utf-8")
    files["html_empty"].write_text("<html><head><title>x</title></head><body><nav>Home</nav></body></html>",
                                   encoding="utf-8")
    files["gz_broken"].write_bytes(b"\x1f\x8b\x08\x00garbage-not-deflate")
    return files
