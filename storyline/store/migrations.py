"""Versioned schema migrations.

Each migration has a number, a description and an upgrade function run inside one
transaction; the store records which have been applied in `schema_migrations`. A store
written by a newer Storyline (a higher version than any known here) is refused rather
than silently misread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from storyline.errors import STORE_TOO_NEW, StorylineError
from storyline.store import schema


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    upgrade: Callable[[sa.Connection], None]


def _create_core_tables(conn: sa.Connection) -> None:
    tables = [schema.blobs, schema.documents, schema.versions]
    schema.metadata.create_all(conn, tables=tables)


def _create_language_tables(conn: sa.Connection) -> None:
    schema.metadata.create_all(conn, tables=[schema.doc_annotations, schema.mentions])


def _create_event_tables(conn: sa.Connection) -> None:
    schema.metadata.create_all(conn, tables=[schema.events, schema.event_actors])


def _create_link_tables(conn: sa.Connection) -> None:
    schema.metadata.create_all(conn, tables=[schema.links, schema.signatures])


MIGRATIONS: list[Migration] = [
    Migration(1, "documents, versions and content-addressed raw blobs", _create_core_tables),
    Migration(2, "language layer: sentences, entities, time expressions and actor mentions", _create_language_tables),
    Migration(3, "events coded in PLOVER, with their actors and cross-document groups", _create_event_tables),
    Migration(4, "links between documents (duplicates, syndicated copies) and copy-detection signatures",
              _create_link_tables),
]


def current_version(conn: sa.Connection) -> int:
    if not sa.inspect(conn).has_table("schema_migrations"):
        return 0
    value = conn.execute(sa.select(sa.func.max(schema.schema_migrations.c.version))).scalar()
    return int(value or 0)


def migrate(engine: sa.Engine, source: str) -> int:
    """Bring the store up to the latest schema; return the version it is at."""
    with engine.begin() as conn:
        schema.metadata.create_all(conn, tables=[schema.schema_migrations])
        at = current_version(conn)
    latest = MIGRATIONS[-1].version
    if at > latest:
        detail = f"store is at schema {at}, this Storyline knows up to {latest}"
        raise StorylineError(STORE_TOO_NEW, detail, source=source)
    for migration in MIGRATIONS:
        if migration.version <= at:
            continue
        with engine.begin() as conn:
            migration.upgrade(conn)
            conn.execute(
                schema.schema_migrations.insert().values(
                    version=migration.version,
                    description=migration.description,
                    applied_at=datetime.now(UTC).isoformat(timespec="seconds"),
                )
            )
    return latest
