"""Invariants of ingestion, checked on generated inputs."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.app import Storyline
from storyline.config import load_settings

WORDS = ["ministers", "met", "in", "Geneva", "on", "Monday", "talks", "resumed", "after", "the", "ceasefire",
         "collapsed", "envoys", "said", "aid", "convoys", "reached", "Aleppo", "2016", "officials", "warned"]
NOISE = ["Share this article", "Subscribe to our newsletter", "Advertisement", "Follow us on X", "", "   "]

sentences = st.lists(st.sampled_from(WORDS), min_size=6, max_size=25).map(lambda w: " ".join(w).capitalize() + ".")
paragraphs = st.lists(sentences, min_size=1, max_size=4).map(" ".join)
articles = st.lists(st.one_of(paragraphs, paragraphs, st.sampled_from(NOISE)), min_size=3, max_size=12).map(
    "\n".join).filter(lambda text: len(text.split()) > 20)


@settings(max_examples=20, deadline=None)
@given(texts=st.lists(articles, min_size=1, max_size=4), crlf=st.booleans())
def test_reingesting_changes_nothing(texts: list[str], crlf: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        for index, text in enumerate(texts):
            (folder / f"a{index}.txt").write_bytes(text.replace("\n", "\r\n" if crlf else "\n").encode())
        settings_ = load_settings(flags={"db": str(Path(tmp) / "s.db")}, env={})
        with Storyline(settings_) as app:
            first = app.ingest([str(folder)])
            before = [app.document(d["id"]) for d in app.documents()]
            second = app.ingest([str(folder)])
            after = [app.document(d["id"]) for d in app.documents()]
    stored = len(first.documents)
    assert stored + first.failed == len(texts)
    assert second.count("unchanged") == stored and second.count("new") == second.count("updated") == 0
    assert [{k: v for k, v in d.items() if k != "ingested_at"} for d in before] == \
        [{k: v for k, v in d.items() if k != "ingested_at"} for d in after]
    for doc in after:
        for removal in doc["removed"]:
            assert 0 <= removal["start"] < removal["end"]
