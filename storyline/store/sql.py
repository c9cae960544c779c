"""The SQL store: SQLite by default, PostgreSQL through the same code (SQLAlchemy 2 Core)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from storyline.document import Document, PublishedEstimate, Removal
from storyline.errors import AMBIGUOUS_DOC, BAD_DATE, BAD_FIELD, DOC_NOT_FOUND, STORE_UNAVAILABLE, StorylineError
from storyline.events.types import Event
from storyline.nlp.types import ActorMention, Annotations, Entity, Sentence, TimeExpression
from storyline.store import schema
from storyline.store.base import (
    COPY_LINK_TYPES,
    SETTABLE_FIELDS,
    EventQuery,
    Link,
    SaveResult,
    Signature,
    Store,
    StoredDocument,
    StoredEvent,
    document_id,
)
from storyline.store.migrations import current_version, migrate


def database_url(db: str) -> str:
    """Turn a --db value (a path or a URL) into a SQLAlchemy URL."""
    if "://" not in db:
        return f"sqlite:///{Path(db).expanduser()}"
    for prefix in ("postgres://", "postgresql://"):
        if db.startswith(prefix):
            return "postgresql+psycopg://" + db[len(prefix):]
    return db


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class SqlStore(Store):
    def __init__(self, db: str):
        self.url = database_url(db)
        self._label = db
        try:
            self.engine = sa.create_engine(self.url, future=True)
            if self.engine.dialect.name == "sqlite":
                sa.event.listen(self.engine, "connect", _sqlite_pragmas)
            migrate(self.engine, db)
        except OperationalError as exc:
            raise StorylineError(STORE_UNAVAILABLE, str(exc.orig).strip().splitlines()[0], source=db) from exc
        except SQLAlchemyError as exc:
            raise StorylineError(STORE_UNAVAILABLE, str(exc).splitlines()[0], source=db) from exc

    # -- writing -----------------------------------------------------------------------------------

    def save_batch(self, items: Sequence[tuple[Document, bytes, str | None]]) -> list[SaveResult]:
        """Decide new/updated/unchanged for the whole batch with three reads, then write in bulk."""
        if not items:
            return []
        prepared = [(document_id(doc.origin, doc.locator), doc.raw_sha256 or hashlib.sha256(raw).hexdigest(), doc,
                     raw, media_type) for doc, raw, media_type in items]
        with self.engine.begin() as conn:
            latest = self._latest_versions(conn, {p[0] for p in prepared})
            known_blobs = self._existing_blobs(conn, {p[1] for p in prepared})
            now = _now()
            blob_rows: dict[str, dict[str, Any]] = {}
            new_docs: list[dict[str, Any]] = []
            version_rows: list[dict[str, Any]] = []
            bumped: dict[str, int] = {}
            results: list[SaveResult] = []
            for doc_id, sha, doc, raw, media_type in prepared:
                previous = latest.get(doc_id)
                if previous is not None and previous[1] == doc.content_sha256:
                    results.append(SaveResult(doc_id, previous[0], "unchanged"))
                    continue
                if sha not in known_blobs and sha not in blob_rows:
                    blob_rows[sha] = {"sha256": sha, "size": len(raw), "media_type": media_type, "data": raw,
                                      "created_at": now}
                version = 1 if previous is None else previous[0] + 1
                if previous is None:
                    new_docs.append({"doc_id": doc_id, "origin": doc.origin, "locator": doc.locator,
                                     "current_version": 1, "overrides": {}, "created_at": now, "updated_at": now})
                else:
                    bumped[doc_id] = version
                version_rows.append(self._version_row(doc_id, version, replace(doc, raw_sha256=sha), now))
                latest[doc_id] = (version, doc.content_sha256)
                results.append(SaveResult(doc_id, version, "new" if previous is None else "updated"))
            if blob_rows:
                conn.execute(schema.blobs.insert(), list(blob_rows.values()))
            if new_docs:
                conn.execute(schema.documents.insert(), new_docs)
            if version_rows:
                conn.execute(schema.versions.insert(), version_rows)
            for doc_id, version in bumped.items():
                conn.execute(schema.documents.update().where(schema.documents.c.doc_id == doc_id).values(
                    current_version=version, updated_at=now))
        return results

    def _latest_versions(self, conn: sa.Connection, doc_ids: set[str]) -> dict[str, tuple[int, str]]:
        """doc_id -> (current version, its content hash), for the ids already stored."""
        d, v = schema.documents, schema.versions
        found: dict[str, tuple[int, str]] = {}
        for chunk in _chunks(sorted(doc_ids)):
            query = (sa.select(d.c.doc_id, d.c.current_version, v.c.content_sha256)
                     .join(v, sa.and_(v.c.doc_id == d.c.doc_id, v.c.version == d.c.current_version))
                     .where(d.c.doc_id.in_(chunk)))
            found.update({row.doc_id: (int(row.current_version), row.content_sha256) for row in conn.execute(query)})
        return found

    def _existing_blobs(self, conn: sa.Connection, shas: set[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(sorted(shas)):
            found.update(conn.execute(sa.select(schema.blobs.c.sha256).where(schema.blobs.c.sha256.in_(chunk)))
                         .scalars())
        return found

    @staticmethod
    def _version_row(doc_id: str, version: int, doc: Document, now: str) -> dict[str, Any]:
        return {
            "doc_id": doc_id, "version": version, "raw_sha256": doc.raw_sha256, "content_sha256": doc.content_sha256,
            "format": doc.format, "ingested_at": now, "title": doc.title, "summary": doc.summary,
            "source": doc.source, "author": doc.author, "url": doc.url, "published": doc.published,
            "published_estimate": doc.published_estimate.as_dict() if doc.published_estimate else None,
            "language": doc.language, "status": doc.status, "status_reason": doc.status_reason, "words": doc.words,
            "raw_text": doc.raw_text, "text": doc.text, "removed": [_removal_row(r) for r in doc.removed],
            "meta": doc.meta,
        }

    def set_fields(self, doc_id: str, values: dict[str, Any]) -> StoredDocument:
        for name, value in values.items():
            if name not in SETTABLE_FIELDS:
                raise StorylineError(BAD_FIELD, repr(name), source=doc_id)
            if name == "published" and value is not None:
                _check_iso_date(str(value), doc_id)
        with self.engine.begin() as conn:
            current = conn.execute(sa.select(schema.documents.c.overrides).where(
                schema.documents.c.doc_id == doc_id)).scalar_one_or_none()
            if current is None:
                raise StorylineError(DOC_NOT_FOUND, repr(doc_id))
            merged = {**current, **values}
            merged = {k: v for k, v in merged.items() if v is not None}
            conn.execute(schema.documents.update().where(schema.documents.c.doc_id == doc_id).values(
                overrides=merged, updated_at=_now()))
        return self.get_document(doc_id)

    # -- reading -----------------------------------------------------------------------------------

    def _select_current(self) -> sa.Select[Any]:
        d, v = schema.documents, schema.versions
        return sa.select(d, v).join(v, sa.and_(v.c.doc_id == d.c.doc_id, v.c.version == d.c.current_version))

    def iter_documents(self) -> Iterator[StoredDocument]:
        query = self._select_current().order_by(schema.documents.c.created_at, schema.documents.c.doc_id)
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                yield self._to_stored(row, versions=int(row.current_version))

    def get_document(self, ref: str, version: int | None = None) -> StoredDocument:
        doc_id = self._resolve(ref)
        d, v = schema.documents, schema.versions
        if version is None:
            query = self._select_current().where(d.c.doc_id == doc_id)
        else:
            query = (sa.select(d, v).join(v, v.c.doc_id == d.c.doc_id)
                     .where(d.c.doc_id == doc_id, v.c.version == version))
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None:
            raise StorylineError(DOC_NOT_FOUND, f"{ref!r} has no version {version}")
        return self._to_stored(row, versions=int(row.current_version))

    def _resolve(self, ref: str) -> str:
        d, v = schema.documents, schema.versions
        with self.engine.connect() as conn:
            if conn.execute(sa.select(d.c.doc_id).where(d.c.doc_id == ref)).first():
                return ref
            candidates = _origin_candidates(ref)
            ids = {r.doc_id for r in conn.execute(sa.select(d.c.doc_id).where(
                sa.or_(*[sa.and_(d.c.origin == o, d.c.locator == loc) if loc is not None else d.c.origin == o
                         for o, loc in candidates])))}
            if not ids:
                ids = {r.doc_id for r in conn.execute(sa.select(d.c.doc_id).join(
                    v, sa.and_(v.c.doc_id == d.c.doc_id, v.c.version == d.c.current_version)).where(v.c.url == ref))}
        if not ids:
            raise StorylineError(DOC_NOT_FOUND, repr(ref))
        if len(ids) > 1:
            raise StorylineError(AMBIGUOUS_DOC, f"{ref!r} matches {len(ids)} documents: {', '.join(sorted(ids)[:5])}")
        return ids.pop()

    def list_versions(self, doc_id: str) -> list[StoredDocument]:
        doc_id = self._resolve(doc_id)
        d, v = schema.documents, schema.versions
        query = sa.select(d, v).join(v, v.c.doc_id == d.c.doc_id).where(d.c.doc_id == doc_id).order_by(v.c.version)
        with self.engine.connect() as conn:
            return [self._to_stored(row, versions=int(row.current_version)) for row in conn.execute(query)]

    # -- language layer --------------------------------------------------------------------------

    def save_annotations(self, items: Sequence[tuple[str, int, Annotations]]) -> None:
        if not items:
            return
        now = _now()
        with self.engine.begin() as conn:
            for doc_id, version, _ in items:
                conn.execute(schema.mentions.delete().where(schema.mentions.c.doc_id == doc_id,
                                                            schema.mentions.c.version == version))
                self._delete_events(conn, doc_id, version)
                conn.execute(schema.doc_annotations.delete().where(schema.doc_annotations.c.doc_id == doc_id,
                                                               schema.doc_annotations.c.version == version))
            conn.execute(schema.doc_annotations.insert(), [
                {"doc_id": doc_id, "version": version, "pipeline_version": ann.pipeline_version, "processed_at": now,
                 "skipped_reason": ann.skipped_reason, "sentences": [[s.start, s.end] for s in ann.sentences],
                 "entities": [asdict(e) for e in ann.entities], "timexes": [asdict(t) for t in ann.timexes]}
                for doc_id, version, ann in items])
            mention_rows = [_mention_row(doc_id, version, m) for doc_id, version, ann in items for m in ann.mentions]
            if mention_rows:
                conn.execute(schema.mentions.insert(), mention_rows)
            for doc_id, version, ann in items:
                self._save_events(conn, doc_id, version, ann.events)

    @staticmethod
    def _delete_events(conn: sa.Connection, doc_id: str, version: int) -> None:
        e, ea = schema.events, schema.event_actors
        ids = sa.select(e.c.id).where(e.c.doc_id == doc_id, e.c.version == version)
        conn.execute(ea.delete().where(ea.c.event_id.in_(ids)))
        conn.execute(e.delete().where(e.c.doc_id == doc_id, e.c.version == version))

    @staticmethod
    def _save_events(conn: sa.Connection, doc_id: str, version: int, events: Sequence[Event]) -> None:
        if not events:
            return
        rows = [{"doc_id": doc_id, "version": version, "position": position, "type": event.type,
                 "status": event.status, "date": event.date, "intensity": event.intensity,
                 "quad_class": event.quad_class, "record": event.to_record()}
                for position, event in enumerate(events)]
        insert = schema.events.insert().returning(schema.events.c.id, sort_by_parameter_order=True)
        ids = list(conn.execute(insert, rows).scalars())
        actor_rows = [{"event_id": event_id, "role": role, "actor_key": actor.key, "country": actor.country}
                      for event_id, event in zip(ids, events, strict=True)
                      for role, actors in (("source", event.sources), ("target", event.targets)) for actor in actors]
        if actor_rows:
            conn.execute(schema.event_actors.insert(), actor_rows)

    def get_annotations(self, doc_id: str, version: int) -> Annotations | None:
        a, m = schema.doc_annotations, schema.mentions
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(a).where(a.c.doc_id == doc_id, a.c.version == version)).first()
            if row is None:
                return None
            mention_rows = conn.execute(sa.select(m).where(m.c.doc_id == doc_id, m.c.version == version)
                                        .order_by(m.c.start_offset, m.c.id)).all()
            event_rows = conn.execute(sa.select(schema.events.c.record)
                                      .where(schema.events.c.doc_id == doc_id, schema.events.c.version == version)
                                      .order_by(schema.events.c.position)).all()
        return Annotations(
            events=[Event.from_record(r.record) for r in event_rows],
            pipeline_version=row.pipeline_version,
            sentences=[Sentence(start, end) for start, end in row.sentences],
            entities=[Entity(**e) for e in row.entities],
            mentions=[_mention_from_row(r) for r in mention_rows],
            timexes=[TimeExpression(**t) for t in row.timexes],
            skipped_reason=row.skipped_reason,
        )

    def pending_annotation(self, pipeline_version: str, force: bool = False) -> Iterator[StoredDocument]:
        a, d = schema.doc_annotations, schema.documents
        done = sa.select(a.c.doc_id).where(a.c.doc_id == d.c.doc_id, a.c.version == d.c.current_version,
                                           a.c.pipeline_version == pipeline_version)
        return self._current_without(None if force else done)

    def _current_without(self, done: Any) -> Iterator[StoredDocument]:
        """Current versions for which `done` (a correlated subquery) finds nothing, all of them when it is
        None: ids first, then the documents a page at a time, so memory stays flat on large stores."""
        d = schema.documents
        ids_query = sa.select(d.c.doc_id).order_by(d.c.created_at, d.c.doc_id)
        if done is not None:
            ids_query = ids_query.where(~sa.exists(done))
        with self.engine.connect() as conn:
            ids = list(conn.execute(ids_query).scalars())
        for chunk in _chunks(ids, 64):
            with self.engine.connect() as conn:
                rows = {row.doc_id: row for row in conn.execute(self._select_current().where(d.c.doc_id.in_(chunk)))}
            for doc_id in chunk:
                row = rows[doc_id]
                yield self._to_stored(row, versions=int(row.current_version))

    def actor_summary(self) -> list[dict[str, Any]]:
        m, d = schema.mentions, schema.documents
        key = sa.func.coalesce(m.c.actor_id, sa.literal("?") + m.c.name)
        current = sa.and_(d.c.doc_id == m.c.doc_id, d.c.current_version == m.c.version)
        query = (sa.select(key.label("key"), sa.func.min(m.c.actor_id).label("actor_id"),
                           sa.func.min(m.c.name).label("name"), sa.func.min(m.c.kind).label("kind"),
                           sa.func.count().label("mentions"),
                           sa.func.count(sa.distinct(m.c.doc_id)).label("documents"))
                 .join(d, current).group_by(key).order_by(sa.desc("mentions"), "key"))
        forms_query = (sa.select(key.label("key"), m.c.text, m.c.country, m.c.sector, sa.func.count().label("n"))
                       .join(d, current).group_by(key, m.c.text, m.c.country, m.c.sector))
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
            forms = conn.execute(forms_query).all()
        details: dict[str, dict[str, Any]] = {}
        for f in forms:
            entry = details.setdefault(f.key, {"forms": {}, "roles": {}})
            entry["forms"][f.text] = entry["forms"].get(f.text, 0) + int(f.n)
            role = f"{f.country or '---'} {f.sector or '---'}"
            entry["roles"][role] = entry["roles"].get(role, 0) + int(f.n)
        return [{"id": r.actor_id, "name": r.name, "kind": r.kind, "mentions": int(r.mentions),
                 "documents": int(r.documents),
                 "forms": _top(details.get(r.key, {}).get("forms", {})),
                 "country_sector": _top(details.get(r.key, {}).get("roles", {}))} for r in rows]

    # -- events ----------------------------------------------------------------------------------

    def events(self, query: EventQuery | None = None) -> Iterator[StoredEvent]:
        query = query or EventQuery()
        e, ea, d = schema.events, schema.event_actors, schema.documents
        select = (sa.select(e.c.id, e.c.doc_id, e.c.version, e.c.group_id, e.c.record)
                  .join(d, sa.and_(d.c.doc_id == e.c.doc_id, d.c.current_version == e.c.version)))
        if query.types:
            select = select.where(e.c.type.in_(query.types))
        if query.statuses:
            select = select.where(e.c.status.in_(query.statuses))
        if query.date_from:
            select = select.where(e.c.date >= query.date_from)
        if query.date_to:
            # "~" sorts after digits, "-" and "W": every value inside the bound's day, month or year is kept
            select = select.where(e.c.date <= query.date_to + "~")
        # A country code also stands for everyone of that country: "USA" takes in the president and the army.
        if query.actors:
            select = select.where(sa.exists(sa.select(ea.c.event_id).where(
                ea.c.event_id == e.c.id, sa.or_(ea.c.actor_key.in_(query.actors), ea.c.country.in_(query.actors)))))
        if query.dyad:
            for key in query.dyad:
                select = select.where(sa.exists(sa.select(ea.c.event_id).where(
                    ea.c.event_id == e.c.id, sa.or_(ea.c.actor_key == key, ea.c.country == key))))
        select = select.order_by(e.c.date.asc().nulls_first(), e.c.doc_id, e.c.position)
        with self.engine.connect() as conn:
            for chunk in conn.execution_options(yield_per=500).execute(select).partitions():
                for row in chunk:
                    yield StoredEvent(int(row.id), row.doc_id, int(row.version), row.group_id,
                                      Event.from_record(row.record))

    def set_event_groups(self, groups: dict[int, str]) -> None:
        e = schema.events
        with self.engine.begin() as conn:
            conn.execute(e.update().values(group_id=None))
            by_group: dict[str, list[int]] = {}
            for event_id, group in groups.items():
                by_group.setdefault(group, []).append(event_id)
            for group, ids in by_group.items():
                for chunk in _chunks(ids, 500):
                    conn.execute(e.update().where(e.c.id.in_(chunk)).values(group_id=group))

    # -- links and signatures ------------------------------------------------------------------------

    def save_links(self, links: Sequence[Link], *, replacing: Sequence[str] = (),
                   types: Sequence[str] = COPY_LINK_TYPES, signatures: Sequence[Signature] = ()) -> None:
        lk, sg = schema.links, schema.signatures
        now = _now()
        with self.engine.begin() as conn:
            for chunk in _chunks(sorted(set(replacing))):
                conn.execute(lk.delete().where(lk.c.type.in_(list(types)),
                                               sa.or_(lk.c.doc_id.in_(chunk), lk.c.other_id.in_(chunk))))
            for chunk in _chunks(sorted({s.doc_id for s in signatures})):
                conn.execute(sg.delete().where(sg.c.doc_id.in_(chunk)))
            if signatures:
                conn.execute(sg.insert(), [{**asdict(s), "created_at": now} for s in signatures])
            if links:
                conn.execute(lk.insert(), [{**asdict(link), "created_at": now} for link in links])

    def links(self, doc_id: str | None = None) -> list[Link]:
        lk = schema.links
        query = sa.select(lk).order_by(lk.c.id)
        if doc_id is not None:
            query = query.where(sa.or_(lk.c.doc_id == doc_id, lk.c.other_id == doc_id))
        with self.engine.connect() as conn:
            return [Link(doc_id=r.doc_id, doc_version=int(r.doc_version), other_id=r.other_id,
                         other_version=int(r.other_version), type=r.type, score=float(r.score), method=r.method,
                         basis=r.basis, reason=r.reason) for r in conn.execute(query)]

    def signatures(self, method: str) -> Iterator[Signature]:
        sg, d = schema.signatures, schema.documents
        query = (sa.select(sg).join(d, sa.and_(d.c.doc_id == sg.c.doc_id, d.c.current_version == sg.c.version))
                 .where(sg.c.method == method).order_by(d.c.created_at, d.c.doc_id))
        with self.engine.connect() as conn:
            for chunk in conn.execution_options(yield_per=2000).execute(query).partitions():
                for r in chunk:
                    yield Signature(doc_id=r.doc_id, version=int(r.version), method=r.method,
                                    body_hash=r.body_hash, words=int(r.words), minhash=bytes(r.minhash))

    def pending_signatures(self, method: str, force: bool = False) -> Iterator[StoredDocument]:
        sg, d = schema.signatures, schema.documents
        done = sa.select(sg.c.doc_id).where(sg.c.doc_id == d.c.doc_id, sg.c.version == d.c.current_version,
                                            sg.c.method == method)
        return self._current_without(None if force else done)

    def get_blob(self, sha256: str) -> bytes | None:
        with self.engine.connect() as conn:
            data = conn.execute(sa.select(schema.blobs.c.data).where(schema.blobs.c.sha256 == sha256)).scalar()
        return bytes(data) if data is not None else None

    def count_documents(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(schema.documents)).scalar_one())

    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            return current_version(conn)

    def close(self) -> None:
        self.engine.dispose()

    @staticmethod
    def _to_stored(row: Any, versions: int) -> StoredDocument:
        estimate = row.published_estimate
        doc = Document(
            origin=row.origin, locator=row.locator, format=row.format, raw_sha256=row.raw_sha256,
            content_sha256=row.content_sha256, raw_text=row.raw_text, text=row.text, title=row.title,
            summary=row.summary, source=row.source, author=row.author, url=row.url, published=row.published,
            published_estimate=PublishedEstimate(**estimate) if estimate else None, language=row.language,
            removed=[Removal(**r) for r in row.removed], meta=dict(row.meta), status=row.status,
            status_reason=row.status_reason)
        overrides = dict(row.overrides or {})
        for name, value in overrides.items():
            setattr(doc, name, value)
        return StoredDocument(doc_id=row.doc_id, version=int(row.version), versions=versions,
                              ingested_at=row.ingested_at, document=doc, overrides=overrides)


def _origin_candidates(ref: str) -> list[tuple[str, str | None]]:
    """A reference may be an origin, `origin#locator`, or a relative path to a stored absolute one."""
    candidates: list[tuple[str, str | None]] = [(ref, None)]
    if "#" in ref:
        origin, locator = ref.rsplit("#", 1)
        candidates.append((origin, locator))
    if "://" not in ref:
        absolute = str(Path(ref).expanduser().resolve())
        candidates.append((absolute, None))
        if "#" in ref:
            origin, locator = ref.rsplit("#", 1)
            candidates.append((str(Path(origin).expanduser().resolve()), locator))
    return candidates


def _mention_row(doc_id: str, version: int, mention: ActorMention) -> dict[str, Any]:
    return {"doc_id": doc_id, "version": version, "start_offset": mention.start, "end_offset": mention.end,
            "text": mention.text, "actor_id": mention.actor_id, "name": mention.name, "kind": mention.kind,
            "country": mention.country, "sector": mention.sector, "method": mention.method, "role": mention.role,
            "confidence": mention.confidence}


def _mention_from_row(row: Any) -> ActorMention:
    return ActorMention(start=row.start_offset, end=row.end_offset, text=row.text, actor_id=row.actor_id,
                        name=row.name, kind=row.kind, country=row.country, sector=row.sector, method=row.method,
                        role=row.role, confidence=row.confidence)


def _top(counts: dict[str, int], limit: int = 8) -> list[dict[str, Any]]:
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return [{"value": value, "count": count} for value, count in ranked]


def _removal_row(removal: Removal) -> dict[str, Any]:
    # Written out rather than dataclasses.asdict, whose deep copy is a hot spot when ingesting.
    return {"start": removal.start, "end": removal.end, "reason": removal.reason, "text": removal.text}


def _chunks(values: list[Any], size: int = 500) -> Iterator[list[Any]]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


def _check_iso_date(value: str, doc_id: str) -> None:
    try:
        datetime.strptime(value, "%Y-%m-%d")
    except ValueError as exc:
        raise StorylineError(BAD_DATE, repr(value), source=doc_id) from exc


def open_store(db: str) -> Store:
    return SqlStore(db)
