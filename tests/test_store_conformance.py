"""The store conformance suite: every backend (SQLite, PostgreSQL) must pass all of it."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.document import Document, PublishedEstimate, Removal
from storyline.errors import StorylineError
from storyline.nlp.types import ActorMention, Annotations, Entity, Sentence, TimeExpression
from storyline.store.base import Link, Signature, Store, document_id
from storyline.store.sql import SqlStore


def make_doc(origin: str = "/corpus/a.txt", text: str = "Envoys met in Geneva on Monday.", **extra: object) -> Document:
    raw = ("Site Name\n" + text).encode()
    sha = hashlib.sha256(raw).hexdigest()
    doc = Document(origin=origin, raw_sha256=sha, content_sha256=sha, raw_text=raw.decode(), text=text,
                   title="Envoys meet", removed=[Removal(0, 9, "site_name", "Site Name")])
    for key, value in extra.items():
        setattr(doc, key, value)
    return doc


def save(store: Store, doc: Document) -> str:
    raw = doc.raw_text.encode()
    return store.save_batch([(doc, raw, "text/plain")])[0].outcome


def test_new_then_unchanged_then_updated_keeps_old_version(store: Store) -> None:
    first = make_doc()
    assert save(store, first) == "new"
    assert save(store, first) == "unchanged"
    second = make_doc(text="Envoys met in Geneva on Tuesday, not Monday.")
    assert save(store, second) == "updated"
    current = store.get_document(first.origin)
    assert current.version == 2 and current.versions == 2
    assert current.document.text == second.text
    old = store.get_document(first.origin, version=1)
    assert old.document.text == first.text
    assert [v.version for v in store.list_versions(current.doc_id)] == [1, 2]
    assert store.count_documents() == 1


def test_raw_bytes_are_content_addressed_and_exact(store: Store) -> None:
    doc = make_doc()
    raw = b"\x00\xffbinary-safe bytes\r\n"
    doc = replace(doc, raw_sha256=hashlib.sha256(raw).hexdigest())
    store.save_batch([(doc, raw, "application/octet-stream")])
    assert store.get_blob(doc.raw_sha256) == raw
    assert store.get_blob("0" * 64) is None


def test_same_blob_shared_by_records_of_one_export(store: Store) -> None:
    raw = b'{"id": 1}\n{"id": 2}\n'
    sha = hashlib.sha256(raw).hexdigest()
    docs = [make_doc(origin="/x/export.jsonl", locator=f"id={i}", raw_sha256=sha, content_sha256=f"{i:064d}")
            for i in (1, 2)]
    results = store.save_batch([(d, raw, "application/x-ndjson") for d in docs])
    assert [r.outcome for r in results] == ["new", "new"]
    assert store.count_documents() == 2
    assert store.get_document("/x/export.jsonl#id=2").doc_id == document_id("/x/export.jsonl", "id=2")
    with pytest.raises(StorylineError) as info:
        store.get_document("/x/export.jsonl")
    assert info.value.code == "SL206"


def test_lookup_by_id_origin_and_url(store: Store) -> None:
    doc = make_doc(url="https://news.example.com/story")
    save(store, doc)
    doc_id = document_id(doc.origin)
    for ref in (doc_id, doc.origin, "https://news.example.com/story"):
        assert store.get_document(ref).doc_id == doc_id
    with pytest.raises(StorylineError) as info:
        store.get_document("nothing-like-this")
    assert info.value.code == "SL201"
    assert "nothing-like-this" in str(info.value)


def test_overrides_apply_and_survive_new_versions(store: Store) -> None:
    save(store, make_doc())
    doc_id = document_id("/corpus/a.txt")
    stored = store.set_fields(doc_id, {"published": "2013-09-14", "source": "Harbour Gazette"})
    assert stored.document.published == "2013-09-14"
    assert stored.document.source == "Harbour Gazette"
    save(store, make_doc(text="A corrected body, published again."))
    again = store.get_document(doc_id)
    assert again.version == 2 and again.document.published == "2013-09-14"


@pytest.mark.parametrize(("values", "code"), [({"published": "14/09/2013"}, "SL203"), ({"words": 3}, "SL202")])
def test_bad_overrides_are_refused_and_change_nothing(store: Store, values: dict[str, object], code: str) -> None:
    save(store, make_doc())
    doc_id = document_id("/corpus/a.txt")
    with pytest.raises(StorylineError) as info:
        store.set_fields(doc_id, values)
    assert info.value.code == code
    assert store.get_document(doc_id).overrides == {}


def test_failed_batch_stores_nothing(store: Store) -> None:
    good = make_doc(origin="/corpus/good.txt")
    bad = make_doc(origin="/corpus/bad.txt", meta={"not json": object()})
    with pytest.raises(Exception):  # noqa: B017 - any database or serialisation error will do
        store.save_batch([(good, good.raw_text.encode(), None), (bad, bad.raw_text.encode(), None)])
    assert store.count_documents() == 0
    assert save(store, good) == "new"


def test_iteration_order_is_insertion_order(store: Store) -> None:
    origins = [f"/corpus/{name}.txt" for name in ("c", "a", "b")]
    for origin in origins:
        save(store, make_doc(origin=origin))
    assert [s.document.origin for s in store.iter_documents()] == origins


def test_reopening_keeps_everything_and_schema_version(store_url: str) -> None:
    with SqlStore(store_url) as first:
        save(first, make_doc())
        version = first.schema_version()
    with SqlStore(store_url) as second:
        assert second.schema_version() == version >= 1
        assert second.count_documents() == 1


_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=300)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_text, title=st.none() | _text, published=st.none() | st.dates().map(lambda d: d.isoformat()),
       meta=st.dictionaries(st.text(min_size=1, max_size=10), st.integers() | st.text(max_size=20), max_size=4))
def test_round_trip_returns_what_went_in(store: Store, text: str, title: str | None, published: str | None,
                                         meta: dict[str, object]) -> None:
    origin = f"/prop/{uuid.uuid4().hex}.txt"
    estimate = PublishedEstimate("2020-01-02", "2020-01-01", "2020-01-31", "a test basis")
    doc = make_doc(origin=origin, text=text, title=title, published=published, meta=meta,
                   published_estimate=estimate, removed=[Removal(0, 1, "site_name", text[:1])])
    save(store, doc)
    back = store.get_document(origin).document
    assert back == doc


def _annotations(version: str, actor_id: str | None = "RUS") -> Annotations:
    return Annotations(
        pipeline_version=version,
        sentences=[Sentence(0, 31)],
        entities=[Entity(0, 6, "PERSON", "Envoys")],
        mentions=[ActorMention(0, 6, "Envoys", actor_id, "Russia" if actor_id else "Envoys",
                               "state" if actor_id else "unknown", "RUS" if actor_id else None, "GOV", "name")],
        timexes=[TimeExpression(23, 30, "Monday", "DATE", "2013-09-16", "day", "past", True, anchor="2013-09-18",
                                rule="weekday")],
    )


def test_annotations_round_trip_and_replace(store: Store) -> None:
    save(store, make_doc())
    doc_id = document_id("/corpus/a.txt")
    assert store.get_annotations(doc_id, 1) is None
    first = _annotations("v1")
    store.save_annotations([(doc_id, 1, first)])
    assert store.get_annotations(doc_id, 1) == first
    second = _annotations("v2", actor_id=None)
    store.save_annotations([(doc_id, 1, second)])
    assert store.get_annotations(doc_id, 1) == second
    [actor] = store.actor_summary()
    assert actor["id"] is None and actor["name"] == "Envoys" and actor["mentions"] == 1


def test_pending_annotation_follows_versions(store: Store) -> None:
    save(store, make_doc(origin="/corpus/a.txt"))
    save(store, make_doc(origin="/corpus/b.txt"))
    a, b = document_id("/corpus/a.txt"), document_id("/corpus/b.txt")
    assert [s.doc_id for s in store.pending_annotation("v1")] == [a, b]
    store.save_annotations([(a, 1, _annotations("v1"))])
    assert [s.doc_id for s in store.pending_annotation("v1")] == [b]
    assert [s.doc_id for s in store.pending_annotation("v2")] == [a, b]
    assert [s.doc_id for s in store.pending_annotation("v1", force=True)] == [a, b]
    save(store, make_doc(origin="/corpus/a.txt", text="New text for a new version of the document."))
    assert [s.doc_id for s in store.pending_annotation("v1")] == [a, b]  # version 2 is not annotated yet
    store.save_annotations([(b, 1, _annotations("v1"))])
    [summary] = store.actor_summary()  # only current versions count
    assert summary["id"] == "RUS" and summary["documents"] == 1
    assert summary["country_sector"] == [{"value": "RUS GOV", "count": 1}]


def _link(copy: str, original: str, type_: str = "syndicated_from", score: float = 0.93) -> Link:
    return Link(doc_id=copy, doc_version=1, other_id=original, other_version=1, type=type_, score=score,
                method="minhash", basis="published", reason="original published 2013-09-14, copy published 2013-09-15")


def _signature(doc_id: str, version: int = 1, method: str = "m1") -> Signature:
    return Signature(doc_id=doc_id, version=version, method=method, body_hash=f"{version:064d}", words=120,
                     minhash=bytes(range(256)) * 2)


def test_links_round_trip_and_replace_only_what_they_touch(store: Store) -> None:
    ids = [document_id(f"/corpus/{name}.txt") for name in "abc"]
    for name in "abc":
        save(store, make_doc(origin=f"/corpus/{name}.txt"))
    a, b, c = ids
    store.save_links([_link(b, a), _link(c, a, "duplicate_of", 1.0)])
    assert store.links() == [_link(b, a), _link(c, a, "duplicate_of", 1.0)]
    assert store.links(b) == [_link(b, a)]
    assert len(store.links(a)) == 2
    store.save_links([_link(c, b)], replacing=[c])  # c's links go, b -> a stays
    assert store.links() == [_link(b, a), _link(c, b)]
    store.save_links([], replacing=[a], types=["rewrite_of"])  # other types are left alone
    assert len(store.links()) == 2


def test_signatures_follow_current_versions_and_method(store: Store) -> None:
    save(store, make_doc(origin="/corpus/a.txt"))
    save(store, make_doc(origin="/corpus/b.txt"))
    a, b = document_id("/corpus/a.txt"), document_id("/corpus/b.txt")
    assert [s.doc_id for s in store.pending_signatures("m1")] == [a, b]
    store.save_signatures([_signature(a)])
    assert list(store.signatures("m1")) == [_signature(a)]
    assert list(store.signatures("m2")) == []
    assert [s.doc_id for s in store.pending_signatures("m1")] == [b]
    assert [s.doc_id for s in store.pending_signatures("m1", force=True)] == [a, b]
    assert [s.doc_id for s in store.pending_signatures("m2")] == [a, b]
    save(store, make_doc(origin="/corpus/a.txt", text="A second version with another body."))
    assert list(store.signatures("m1")) == []  # version 1's signature no longer counts
    assert [s.doc_id for s in store.pending_signatures("m1")] == [a, b]
    store.save_links([_link(b, a)], signatures=[_signature(a, version=2), _signature(b)])
    assert list(store.signatures("m1")) == [_signature(a, version=2), _signature(b)]
    assert store.links() == [_link(b, a)]
