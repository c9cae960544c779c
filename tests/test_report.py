"""The static report: self-contained, escaped, and built from the same API the CLI uses."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from storyline.app import Storyline
from storyline.config import load_settings
from storyline.views.report import render_index

HOSTILE = {
    "id": "h1",
    "title": "<img src=x onerror=alert(1)> Envoys meet & talk",
    "source": "The <b>Bold</b> Times",
    "text": "Delegates from both governments met on Monday in the capital to discuss whether the margin of 3 < 5 "
            "votes would hold, and a prisoner exchange.\n\nThe talks, which lasted six hours, ended with a joint "
            "statement promising a second round next month, officials said.",
}


def test_report_escapes_document_text_and_needs_no_network(tmp_path: Path) -> None:
    article = tmp_path / "hostile.jsonl"
    article.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    with Storyline(load_settings(flags={"db": str(tmp_path / "s.db")}, env={})) as app:
        result = app.build([str(article)], tmp_path / "out")
    page = result.index_html.read_text(encoding="utf-8")
    assert "<img" not in page and "<b>Bold" not in page
    assert "&lt;img src=x onerror=alert(1)&gt; Envoys meet &amp; talk" in page
    assert "3 &lt; 5 votes" in page
    events = _events_table(page)  # the same text, quoted as an event's evidence, with its article's title
    assert "<mark>met</mark> on Monday in the capital to discuss whether the margin of 3 &lt; 5 votes" in events
    assert ">&lt;img src=x onerror=alert(1)&gt; Envoys meet &amp; talk</a>" in events
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page
    assert page.count("<script>") == 1  # only the report's own filter script
    data = json.loads(result.data_json.read_text(encoding="utf-8"))
    assert data["documents"][0]["title"] == HOSTILE["title"]


def test_report_lists_estimated_dates_as_estimates(tmp_path: Path) -> None:
    article = tmp_path / "dated.txt"
    article.write_text("Talks resume in Vienna\n\nNegotiators returned to Vienna on Tuesday, March 3, 2020, after a "
                       "pause of three months, and said they expected to finish their work by the end of the month."
                       "\n\nThe delegations will meet again next week to review a draft text, diplomats said.\n",
                       encoding="utf-8")
    with Storyline(load_settings(flags={"db": str(tmp_path / "s.db")}, env={})) as app:
        result = app.build([str(article)], tmp_path / "out")
    page = result.index_html.read_text(encoding="utf-8")
    assert 'class="est"' in page and "~2020-03" in page
    assert "estimated from the text" in page


# Two neighbouring states over one year: a meeting, an accord, a border attack, an accusation.
ANDEAN = [
    {"id": "a1", "title": "Peru and Ecuador hold border talks", "published": "2023-02-14", "source": "Andean Wire",
     "text": "The foreign ministers of Peru and Ecuador met in Lima on Monday to discuss reopening two border "
             "crossings.\n\nOfficials said the talks would continue next month."},
    {"id": "a2", "title": "Peru and Ecuador sign trade accord", "published": "2023-08-03", "source": "Andean Wire",
     "text": "Peru signed a trade agreement with Ecuador on Wednesday, cutting tariffs on fruit and fish.\n\n"
             "Business groups in both countries welcomed the deal."},
    {"id": "a3", "title": "Soldiers killed at border post", "published": "2023-09-21", "source": "Coastal Herald",
     "text": "Ecuador's army attacked a Peruvian border post on Tuesday, killing two soldiers, Peru said.\n\n"
             "Ecuador denied that its forces had crossed the border."},
    {"id": "a4", "title": "Peru protests customs filing", "published": "2023-11-09", "source": "Coastal Herald",
     "text": "Peru accused Ecuador on Wednesday of hiding &lt;script&gt; tags in a customs filing.\n\n"
             "Ecuador did not respond."},
]


@pytest.fixture(scope="module")
def andean_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Any]]:
    """index.html and storyline.json for the four articles above (built once: every test only reads them)."""
    folder = tmp_path_factory.mktemp("andean")
    corpus = folder / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in ANDEAN), encoding="utf-8")
    with Storyline(load_settings(flags={"db": str(folder / "s.db")}, env={})) as app:
        result = app.build([str(corpus)], folder / "out")
    return result.index_html.read_text(encoding="utf-8"), json.loads(result.data_json.read_text(encoding="utf-8"))


def _events_table(page: str) -> str:
    return page[page.index('<table id="events">'):page.index("</table>", page.index('<table id="events">'))]


def test_report_lists_events_with_their_sentence_and_trigger(andean_report: tuple[str, dict[str, Any]]) -> None:
    page, data = andean_report
    table = _events_table(page)
    accord = next(row for row in table.split("<tr") if "cutting tariffs on fruit" in row)
    assert "<td class=\"date\">2023-08-02</td>" in accord  # "on Wednesday" before a Thursday publication
    assert "SUPPORT" in accord and "<td>Peru</td><td>Ecuador</td>" in accord
    assert "Peru <mark>signed</mark> a trade <mark>agreement</mark> with Ecuador on Wednesday" in accord
    accord_doc = next(d["id"] for d in data["documents"] if d["title"] == "Peru and Ecuador sign trade accord")
    assert f'href="#{accord_doc}" title="Peru and Ecuador sign trade accord">' in accord  # to the article
    assert f'<article class="doc" id="{accord_doc}">' in page
    # "..., Peru said" is a claim: listed, but hidden until the reader asks for it
    claim = next(row for row in table.split("<tr") if "Peruvian border post" in row and '"badge">reported<' in row)
    assert 'class="aside"' in claim and 'id="show-aside"' in page
    assert any(e["event_type"] == "SUPPORT" and e["evidence"][0]["doc_id"] == accord_doc for e in data["events"])
    assert {e["status"] for e in data["events"]} >= {"asserted", "reported"}


def test_report_charts_cooperation_and_conflict_of_the_busiest_dyad(andean_report: tuple[str, dict[str, Any]]) -> None:
    page, data = andean_report
    relation = data["relations"][0]
    assert (relation["a"], relation["b"], relation["by"]) == ("PER", "ECU", "quarter")  # within one year
    start = page.index('<svg class="chart" id="chart-PER-ECU"')
    svg = page[start:page.index("</svg>", start)]
    periods = re.findall(r'<g class="period" data-period="([^"]+)"', svg)
    assert periods == ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"]  # the empty second quarter shows as a gap
    assert "2023-Q2: no events" in svg and ">2023-Q3</text>" in svg
    assert "<h3>Peru – Ecuador</h3>" in page
    tops = page[page.index('<ol class="tops">', start):page.index("</ol>", start)]
    assert tops.count("<li>") == len([p for p in relation["periods"] if p["top_events"]]) == 3
    assert "<b>2023-Q1</b>" in tops and "<mark>met</mark> in Lima" in tops


def test_report_escapes_event_text(andean_report: tuple[str, dict[str, Any]]) -> None:
    page, _ = andean_report
    assert "hiding &amp;lt;script&amp;gt; tags" in _events_table(page)  # the text holds "&lt;", shown as such
    assert page.count("<script>") == 1


def test_rendered_events_and_charts_escape_what_documents_say() -> None:
    sentence = 'Rebels <script>alert("x")</script> stormed the "Red" barracks & fled.'
    evidence = {"doc_id": "d1", "sentence": sentence, "trigger": "stormed", "sentence_start": 100,
                "trigger_start": 100 + sentence.index("stormed"), "trigger_end": 100 + sentence.index(" the")}
    actor = {"name": "<b>Rebels</b>", "id": None, "country": "X<Y", "text": "Rebels", "kind": "group"}
    event = {"id": "e1", "event_type": "ASSAULT", "mode": None, "event_date": "2021-05-01",
             "date_source": "publication", "status": "asserted", "actors": [actor], "recipients": [],
             "intensity": -9.0, "reports": 1, "evidence": [evidence]}
    period = {"period": "2021", "events": 1, "cooperative": 0, "conflictual": 1, "mean_intensity": -9.0,
              "top_events": [event]}
    relation = {"a": "<i>", "b": "Y", "by": "year", "periods": [period]}
    doc: dict[str, Any] = {
        "id": "d1", "title": "<img src=x>", "origin": "x.txt", "published": "2021-05-01", "source": None,
        "language": "en", "words": 9, "status": "ok", "author": None, "version": 1, "locator": None,
        "summary": None, "status_reason": None, "text": sentence, "removed": []}
    page = render_index([doc], "now", [event], [relation], {"<i>": "<i>Rebel side</i>"})
    assert "<script>alert" not in page and "<b>Rebels" not in page and "<i>Rebel" not in page
    assert ("Rebels &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>stormed</mark> the &quot;Red&quot; "
            "barracks &amp; fled.") in page
    assert "&lt;b&gt;Rebels&lt;/b&gt; <span class=\"actor-country\">(X&lt;Y)</span>" in page
    assert '<span class="est" title="not stated in the sentence: the publication date of the report">~2021-05-01' \
        in page
    assert "<h3>&lt;i&gt;Rebel side&lt;/i&gt; – Y</h3>" in page and 'id="chart--i--Y"' in page
    assert page.count("<script>") == 1
