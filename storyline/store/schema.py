"""Tables of the store, described once with SQLAlchemy Core so SQLite and PostgreSQL share them."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

schema_migrations = sa.Table(
    "schema_migrations",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("applied_at", sa.Text, nullable=False),
)

# Raw input bytes, content-addressed: every later stage can be re-run from these alone.
blobs = sa.Table(
    "blobs",
    metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("media_type", sa.Text),
    sa.Column("data", sa.LargeBinary, nullable=False),
    sa.Column("created_at", sa.Text, nullable=False),
)

# One row per logical document: an input path or URL, plus the record inside it for exports.
documents = sa.Table(
    "documents",
    metadata,
    sa.Column("doc_id", sa.String(32), primary_key=True),
    sa.Column("origin", sa.Text, nullable=False),
    sa.Column("locator", sa.Text, nullable=False, server_default=""),
    sa.Column("current_version", sa.Integer, nullable=False),
    sa.Column("overrides", sa.JSON, nullable=False),
    sa.Column("created_at", sa.Text, nullable=False),
    sa.Column("updated_at", sa.Text, nullable=False),
    sa.UniqueConstraint("origin", "locator", name="uq_documents_origin_locator"),
)

# Every version of a document's content is kept; documents.current_version points at the latest.
versions = sa.Table(
    "versions",
    metadata,
    sa.Column("doc_id", sa.String(32), sa.ForeignKey("documents.doc_id"), primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("raw_sha256", sa.String(64), sa.ForeignKey("blobs.sha256"), nullable=False),
    sa.Column("content_sha256", sa.String(64), nullable=False),
    sa.Column("format", sa.Text, nullable=False),
    sa.Column("ingested_at", sa.Text, nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("summary", sa.Text),
    sa.Column("source", sa.Text),
    sa.Column("author", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("published", sa.Text),
    sa.Column("published_estimate", sa.JSON),
    sa.Column("language", sa.Text),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("status_reason", sa.Text),
    sa.Column("words", sa.Integer, nullable=False),
    sa.Column("raw_text", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("removed", sa.JSON, nullable=False),
    sa.Column("meta", sa.JSON, nullable=False),
)

sa.Index("ix_versions_content", versions.c.content_sha256)

# What the language layer found in a document version; re-processing replaces it.
doc_annotations = sa.Table(
    "annotations",
    metadata,
    sa.Column("doc_id", sa.String(32), primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("pipeline_version", sa.Text, nullable=False),
    sa.Column("processed_at", sa.Text, nullable=False),
    sa.Column("skipped_reason", sa.Text),
    sa.Column("sentences", sa.JSON, nullable=False),
    sa.Column("entities", sa.JSON, nullable=False),
    sa.Column("timexes", sa.JSON, nullable=False),
    sa.ForeignKeyConstraint(["doc_id", "version"], ["versions.doc_id", "versions.version"]),
)

# Actor mentions get their own table so that actors can be queried across the corpus.
mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("doc_id", sa.String(32), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("start_offset", sa.Integer, nullable=False),
    sa.Column("end_offset", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("actor_id", sa.Text),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("country", sa.Text),
    sa.Column("sector", sa.Text),
    sa.Column("method", sa.Text, nullable=False),
    sa.Column("role", sa.Text),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.ForeignKeyConstraint(["doc_id", "version"], ["annotations.doc_id", "annotations.version"]),
)

sa.Index("ix_mentions_actor", mentions.c.actor_id)
sa.Index("ix_mentions_doc", mentions.c.doc_id, mentions.c.version)

# Events the coder found, one row per event of a document version; re-processing replaces them.
# `group_id` joins the reports of one real-world event across documents (set by the merge step).
events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("doc_id", sa.String(32), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("position", sa.Integer, nullable=False),  # order within the document
    sa.Column("type", sa.Text, nullable=False),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("date", sa.Text),
    sa.Column("intensity", sa.Float, nullable=False),
    sa.Column("quad_class", sa.Integer, nullable=False),
    sa.Column("group_id", sa.Text),
    sa.Column("record", sa.JSON, nullable=False),  # the whole Event
    sa.ForeignKeyConstraint(["doc_id", "version"], ["annotations.doc_id", "annotations.version"]),
)

sa.Index("ix_events_doc", events.c.doc_id, events.c.version)
sa.Index("ix_events_date", events.c.date)
sa.Index("ix_events_group", events.c.group_id)

# Who took part in each event, for queries by actor and by dyad.
event_actors = sa.Table(
    "event_actors",
    metadata,
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    sa.Column("role", sa.String(8), nullable=False),  # source | target
    sa.Column("actor_key", sa.Text, nullable=False),  # dictionary id, else country, else lower-cased name
    sa.Column("country", sa.Text),
)

sa.Index("ix_event_actors_key", event_actors.c.actor_key, event_actors.c.role)
sa.Index("ix_event_actors_event", event_actors.c.event_id)

# Links between documents (copies now; rewrites later): `doc_id` is a `type` of `other_id`, the original.
links = sa.Table(
    "links",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("doc_id", sa.String(32), sa.ForeignKey("documents.doc_id"), nullable=False),
    sa.Column("doc_version", sa.Integer, nullable=False),
    sa.Column("other_id", sa.String(32), sa.ForeignKey("documents.doc_id"), nullable=False),
    sa.Column("other_version", sa.Integer, nullable=False),
    sa.Column("type", sa.String(32), nullable=False),
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("method", sa.Text, nullable=False),
    sa.Column("basis", sa.Text, nullable=False),  # what decided the direction: published, estimated, credit, ...
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("created_at", sa.Text, nullable=False),
    sa.UniqueConstraint("doc_id", "other_id", "type", name="uq_links_pair_type"),
)

sa.Index("ix_links_other", links.c.other_id)

# Fingerprints of each document's current version for copy detection, kept so that a new document is
# checked against the stored ones without re-reading their texts.
signatures = sa.Table(
    "signatures",
    metadata,
    sa.Column("doc_id", sa.String(32), sa.ForeignKey("documents.doc_id"), primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("method", sa.Text, nullable=False),  # shingles, permutations and seed: another method recomputes
    sa.Column("body_hash", sa.String(64), nullable=False),
    sa.Column("words", sa.Integer, nullable=False),
    sa.Column("minhash", sa.LargeBinary, nullable=False),
    sa.Column("created_at", sa.Text, nullable=False),
)

sa.Index("ix_signatures_body_hash", signatures.c.body_hash)
