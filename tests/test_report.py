"""The static report: self-contained, escaped, and built from the same API the CLI uses."""

from __future__ import annotations

import json
from pathlib import Path

from storyline.app import Storyline
from storyline.config import load_settings

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
