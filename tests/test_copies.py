"""Copies: exact duplicates, syndicated versions and what must not be linked, on our own short articles."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from storyline.app import Storyline
from storyline.config import load_settings
from storyline.link.copies import CopyIndex, fingerprint, normalised_words
from storyline.store.base import document_id

# Two different reports of the same story (a river-port ceasefire), written for these tests.
STORY = [
    "Negotiators for the two coastal provinces agreed on Thursday to extend the ceasefire around the river "
    "port of Belmarsh for another thirty days, mediators said after a night of talks in the old customs house.",
    "The truce, first agreed in early spring, has held along most of the front line, although both sides "
    "accused each other of shelling farms on the northern bank last week.",
    "Under the extension, grain barges will be allowed to leave the port twice a week under the watch of "
    "observers from three neighbouring states, and fishermen may return to the estuary during daylight hours.",
    "Relief agencies said the deal would let them bring medicine and fuel to about forty thousand people who "
    "have been cut off since the bridges were destroyed in the autumn.",
    "A spokesman for the mediators said the next round would address the exchange of prisoners and the "
    "reopening of the railway line, which both provinces want but on different terms.",
]
OTHER_REPORT = [
    "Barges loaded with grain left Belmarsh on Friday for the first time in months, a day after the coastal "
    "provinces prolonged their truce, harbour officials and dock workers said.",
    "Crowds gathered on the quay to watch the first three vessels cast off, escorted by two patrol boats "
    "flying the flags of the observer mission.",
    "Dock workers said they had waited since the autumn for the cranes to move again, and that dozens of "
    "families depended on the port for their only income.",
    "Officials on the northern bank warned that mines laid in the estuary had not all been cleared, and asked "
    "fishermen to keep to the marked channel until engineers finish their survey.",
    "The mediators are due to meet the two delegations again next week to discuss prisoners and the railway.",
]


def write_article(folder: Path, name: str, outlet: str, title: str, paragraphs: list[str],
                  published: str | None, extra: Sequence[str] = ()) -> Path:
    """A scraped page: outlet line, headline, body, and the outlet's own boilerplate; metadata in a sidecar."""
    lines = [outlet, title, *paragraphs[:2], *extra, *paragraphs[2:], "Share this article",
             f"Subscribe to the {outlet} newsletter"]
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    meta = {"title": title, "source": outlet, **({"published": published} if published else {})}
    path.with_name(name + ".meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return path


@pytest.fixture
def app(tmp_path: Path) -> Storyline:
    settings = load_settings(flags={"db": str(tmp_path / "store.db"), "process": False})
    return Storyline(settings)


def by_origin(app: Storyline) -> dict[str, dict[str, object]]:
    return {Path(str(d["origin"])).name: d for d in app.documents()}


def test_normalisation_folds_case_quotes_punctuation_and_tokenised_spacing() -> None:
    assert normalised_words("The envoy’s “final” offer, ACCEPTED.") == \
        normalised_words("the envoy 's \"final\" offer , accepted .")


def test_exact_copy_under_other_boilerplate_is_a_duplicate(app: Storyline, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_article(corpus, "a.txt", "The Estuary Herald", "Belmarsh truce extended by a month", STORY, "2021-04-08")
    write_article(corpus, "b.txt", "The Estuary Herald", "Belmarsh truce extended by a month", STORY, "2021-04-09",
                  extra=["Advertisement", "Read more: how the spring truce was agreed"])
    with app:
        app.ingest([str(corpus)])
        report = app.link_copies()
        docs = by_origin(app)
    assert report.links == 1
    [link] = docs["b.txt"]["links"]  # type: ignore[misc]
    assert link["type"] == "duplicate_of" and link["role"] == "copy" and link["other"] == docs["a.txt"]["id"]
    assert link["score"] == 1.0 and link["method"] == "body_hash"
    assert link["basis"] == "published" and "2021-04-08" in link["reason"]
    [back] = docs["a.txt"]["links"]  # type: ignore[misc]
    assert back["role"] == "original" and back["other"] == docs["b.txt"]["id"]


def test_same_body_under_another_outlet_and_title_is_syndicated_from_the_earlier(app: Storyline,
                                                                                 tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # The copy is ingested first but published a day later, and drops the last paragraph: a near duplicate.
    write_article(corpus, "1-copy.txt", "Valley Evening Post", "Port to reopen as ceasefire holds", STORY[:-1],
                  "2021-04-09", extra=["Story continues below"])
    with app:
        app.ingest([str(corpus)])
        write_article(corpus, "2-wire.txt", "Coastal Wire Agency", "Provinces extend Belmarsh ceasefire", STORY,
                      "2021-04-08")
        app.ingest([str(corpus)])
        report = app.link_copies()
        docs = by_origin(app)
    assert report.links == 1
    [link] = docs["1-copy.txt"]["links"]  # type: ignore[misc]
    assert link["type"] == "syndicated_from" and link["role"] == "copy"
    assert link["other"] == docs["2-wire.txt"]["id"]
    assert link["method"] == "minhash" and 0.8 <= link["score"] < 1.0
    assert link["basis"] == "published"


def test_without_dates_the_copy_that_credits_the_agency_is_the_copy(app: Storyline, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_article(corpus, "agency.txt", "Coastal Wire Agency", "Provinces extend Belmarsh ceasefire", STORY, None)
    write_article(corpus, "paper.txt", "Valley Evening Post", "Port to reopen as ceasefire holds", STORY, None,
                  extra=["This story was distributed by Coastal Wire Agency."])
    with app:
        app.ingest([str(corpus)])
        app.link_copies()
        [link] = app.store.links()
    assert link.doc_id == document_id(str(corpus / "paper.txt")) and link.basis == "credit"
    assert link.reason.endswith("the copy credits Coastal Wire Agency")


def test_two_reports_of_the_same_story_are_not_linked(app: Storyline, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_article(corpus, "talks.txt", "The Estuary Herald", "Belmarsh truce extended", STORY, "2021-04-08")
    write_article(corpus, "barges.txt", "The Estuary Herald", "First grain barges leave Belmarsh", OTHER_REPORT,
                  "2021-04-09")
    with app:
        app.ingest([str(corpus)])
        assert app.link_copies().links == 0
        assert all(d["links"] == [] for d in app.documents())


def test_relinking_and_reingesting_do_not_duplicate_links(app: Storyline, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_article(corpus, "a.txt", "The Estuary Herald", "Belmarsh truce extended", STORY, "2021-04-08")
    write_article(corpus, "b.txt", "Valley Evening Post", "Ceasefire holds", STORY, "2021-04-10")
    with app:
        app.ingest([str(corpus)])
        app.link_copies()
        first = app.store.links()
        app.ingest([str(corpus)])  # unchanged: nothing to check again
        assert app.link_copies().checked == 0
        assert app.link_copies(force=True).links == 1
        assert app.store.links() == first
        # A new version of the copy with another body loses its link; back to the copy, it gets it back.
        write_article(corpus, "b.txt", "Valley Evening Post", "Barges leave", OTHER_REPORT, "2021-04-10")
        app.ingest([str(corpus)])
        assert app.link_copies().checked == 1 and app.store.links() == []
        write_article(corpus, "b.txt", "Valley Evening Post", "Ceasefire holds", STORY, "2021-04-10")
        app.ingest([str(corpus)])
        app.link_copies()
        assert [(link.doc_version, link.type) for link in app.store.links()] == [(3, "syndicated_from")]


def test_processing_links_copies_and_show_prints_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from storyline.cli import main

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_article(corpus, "a.txt", "The Estuary Herald", "Belmarsh truce extended", STORY, "2021-04-08")
    write_article(corpus, "b.txt", "Valley Evening Post", "Ceasefire holds", STORY, "2021-04-10")
    db = str(tmp_path / "store.db")
    assert main(["ingest", str(corpus), "--db", db, "--quiet"]) == 0
    assert main(["process", "--force", "--db", db, "--quiet"]) == 0  # re-processing relinks, no duplicates
    capsys.readouterr()
    assert main(["show", str(corpus / "b.txt"), "--db", db]) == 0
    out = capsys.readouterr().out
    copy_line = [line for line in out.splitlines() if line.strip().startswith("link:")]
    assert copy_line == [f"      link: syndicated_from {document_id(str(corpus / 'a.txt'))} (similarity 1.00; "
                         "original published 2021-04-08, copy published 2021-04-10)"]
    assert main(["docs", "--json", "--db", db]) == 0
    docs = json.loads(capsys.readouterr().out)
    assert sorted(len(d["links"]) for d in docs) == [1, 1]


def test_index_threshold_separates_near_copies_from_other_texts() -> None:
    index = CopyIndex(threshold=0.8)
    original, _ = fingerprint("d000000000a1", 1, " ".join(STORY))
    index.add(original)
    trimmed, _ = fingerprint("d000000000b2", 1, " ".join(STORY[:-1]))
    other, _ = fingerprint("d000000000c3", 1, " ".join(OTHER_REPORT))
    [match] = index.matches(trimmed)
    assert match.other_id == "d000000000a1" and match.method == "minhash"
    assert index.matches(other) == []
