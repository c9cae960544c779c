"""The static report: index.html (self-contained, works offline) and storyline.json (everything as data).

All text that came from documents is escaped before it reaches the page.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, date, datetime
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storyline import __version__

if TYPE_CHECKING:
    from storyline.app import Storyline

_STYLE = """
:root { --ink:#1d232b; --muted:#5f6b7a; --line:#d9dee5; --accent:#1f5fa8; --bg:#fbfbfa; --warn:#9a5b00; }
* { box-sizing: border-box; }
body { margin:0; font:16px/1.55 Georgia, 'Times New Roman', serif; color:var(--ink); background:var(--bg); }
header, main { max-width: 1100px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 32px; border-bottom: 1px solid var(--line); }
h1 { font-size: 30px; margin: 0 0 4px; } h2 { font-size: 22px; margin: 40px 0 8px; }
.sub, .meta, th, .small { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; }
.sub { color: var(--muted); margin: 0 0 20px; }
.stats { display:flex; gap:28px; flex-wrap:wrap; margin: 0 0 24px; font-family: system-ui, sans-serif; }
.stats div b { display:block; font-size:24px; } .stats div span { color:var(--muted); font-size:13px; }
table { width:100%; border-collapse: collapse; font-size: 14px; font-family: system-ui, sans-serif; }
th, td { text-align:left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
td.num { text-align:right; font-variant-numeric: tabular-nums; }
a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
.est { color: var(--warn); } .skipped { color: var(--muted); }
input[type=search] { width: 100%; max-width: 420px; padding: 8px 10px; font-size: 15px; margin: 12px 0;
  border: 1px solid var(--line); border-radius: 6px; }
article.doc { border-top: 1px solid var(--line); padding: 8px 0 24px; }
article.doc h3 { font-size: 21px; margin: 16px 0 2px; }
.standfirst { font-style: italic; color: #38424f; margin: 4px 0 8px; }
.meta { color: var(--muted); font-size: 13px; margin: 0 0 12px; }
.meta span + span::before { content: " · "; }
.body p { margin: 0 0 12px; max-width: 70ch; }
details { font-family: system-ui, sans-serif; font-size: 13px; margin-top: 8px; }
details li { margin: 2px 0; } .reason { display:inline-block; min-width: 140px; color: var(--muted); }
.badge { font-size: 11px; padding: 1px 6px; border-radius: 8px; background: #eef1f5; color: var(--muted); }
footer { max-width:1100px; margin: 40px auto; padding: 0 24px; color: var(--muted); font: 13px system-ui; }
"""

_SCRIPT = """
document.getElementById('filter').addEventListener('input', function (event) {
  var needle = event.target.value.toLowerCase();
  document.querySelectorAll('#documents tbody tr').forEach(function (row) {
    row.style.display = row.textContent.toLowerCase().indexOf(needle) >= 0 ? '' : 'none';
  });
});
"""


def _date_html(doc: dict[str, Any]) -> str:
    if doc["published"]:
        return escape(doc["published"])
    estimate = doc.get("published_estimate")
    if not estimate:
        return '<span class="est" title="no date found">unknown</span>'
    title = f"estimated from the text: {estimate['earliest']} to {estimate['latest']}; {estimate['basis']}"
    return f'<span class="est" title="{escape(title)}">~{escape(estimate["date"])}</span>'


def _sort_key(doc: dict[str, Any]) -> str:
    estimate = doc.get("published_estimate") or {}
    return str(doc["published"] or estimate.get("date") or "9999")


def _confident_date(doc: dict[str, Any]) -> str | None:
    """A known date, or an estimate narrow enough (a year or less) to count towards the corpus's span."""
    if doc["published"]:
        return str(doc["published"])
    estimate = doc.get("published_estimate")
    if not estimate:
        return None
    width = date.fromisoformat(estimate["latest"]) - date.fromisoformat(estimate["earliest"])
    return str(estimate["date"]) if width.days <= 366 else None


def _row(doc: dict[str, Any]) -> str:
    title = doc["title"] or Path(doc["origin"]).name
    css = ' class="skipped"' if doc["status"] != "ok" else ""
    return (f'<tr{css}><td>{_date_html(doc)}</td><td><a href="#{escape(doc["id"])}">{escape(title)}</a></td>'
            f'<td>{escape(doc["source"] or "")}</td><td>{escape(doc["language"] or "?")}</td>'
            f'<td class="num">{doc["words"]}</td><td>{escape(doc["status"])}</td></tr>')


def _article(doc: dict[str, Any]) -> str:
    title = doc["title"] or Path(doc["origin"]).name
    meta = [f"<span>{_date_html(doc)}</span>"]
    for value in (doc["source"], doc["author"], doc["language"], f"{doc['words']} words", f"v{doc['version']}"):
        if value:
            meta.append(f"<span>{escape(str(value))}</span>")
    origin = doc["origin"] + (f"#{doc['locator']}" if doc["locator"] else "")
    meta.append(f'<span title="{escape(origin)}">{escape(Path(doc["origin"]).name or doc["origin"])}</span>')
    parts = [f'<article class="doc" id="{escape(doc["id"])}">', f"<h3>{escape(title)}</h3>"]
    if doc["summary"]:
        parts.append(f'<p class="standfirst">{escape(doc["summary"])}</p>')
    parts.append(f'<p class="meta">{"".join(meta)}</p>')
    if doc["status"] != "ok":
        parts.append(f'<p class="meta"><span class="badge">{escape(doc["status"])}</span> '
                     f'{escape(doc["status_reason"] or "")}</p>')
    paragraphs = [p.strip() for p in doc["text"].split("\n\n") if p.strip()]
    parts.append('<div class="body">' + "".join(f"<p>{escape(p)}</p>" for p in paragraphs) + "</div>")
    if doc["removed"]:
        items = "".join(f'<li><span class="reason">{escape(r["reason"])}</span>{escape(" ".join(r["text"].split()))}'
                        f"</li>" for r in doc["removed"])
        parts.append(f"<details><summary>{len(doc['removed'])} boilerplate spans removed</summary>"
                     f"<ul>{items}</ul></details>")
    parts.append('<p class="small"><a href="#top">back to the list</a></p></article>')
    return "\n".join(parts)


def render_index(docs: list[dict[str, Any]], generated_at: str) -> str:
    docs = sorted(docs, key=_sort_key)
    sources = Counter(d["source"] for d in docs if d["source"])
    languages = Counter(d["language"] for d in docs if d["language"])
    estimated = sum(1 for d in docs if not d["published"] and d.get("published_estimate"))
    dates = sorted(filter(None, (_confident_date(d) for d in docs)))
    span = f"{dates[0][:4]}–{dates[-1][:4]}" if dates else "—"
    stats = [(len(docs), "documents"), (len(sources), "sources"), (sum(d["words"] for d in docs), "words"),
             (span, "years covered"), (estimated, "dates estimated"),
             (sum(1 for d in docs if d["status"] != "ok"), "flagged (not English)")]
    stats_html = "".join(f"<div><b>{escape(str(v))}</b><span>{escape(k)}</span></div>" for v, k in stats)
    rows = "\n".join(_row(d) for d in docs)
    articles = "\n".join(_article(d) for d in docs)
    lang_note = ", ".join(f"{escape(k)} {v}" for k, v in languages.most_common())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Storyline report</title><style>{_STYLE}</style></head>
<body><a id="top"></a>
<header><h1>Storyline report</h1>
<p class="sub">{len(docs)} documents, generated {escape(generated_at)} · languages: {lang_note or "—"}</p>
<div class="stats">{stats_html}</div></header>
<main>
<h2>Documents</h2>
<p class="small">Dates marked <span class="est">~</span> were estimated from the text (hover for the evidence);
they are not publication dates given by the source.</p>
<input type="search" id="filter" placeholder="Filter by title, source, date…" aria-label="Filter documents">
<table id="documents"><thead><tr><th>Date</th><th>Title</th><th>Source</th><th>Lang</th><th>Words</th>
<th>Status</th></tr></thead><tbody>
{rows}
</tbody></table>
<h2>Articles</h2>
{articles}
</main>
<footer>Made by Storyline {escape(__version__)}. Every text shown here comes from the documents listed;
the data behind this page is in storyline.json.</footer>
<script>{_SCRIPT}</script>
</body></html>
"""


def write_report(app: Storyline, out: Path) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    generated_at = datetime.now(UTC).isoformat(timespec="seconds")
    docs = [app.document(summary["id"]) for summary in app.documents()]
    data = {"storyline_version": __version__, "generated_at": generated_at, "documents": docs}
    data_path = out / "storyline.json"
    data_path.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    index_path = out / "index.html"
    index_path.write_text(render_index(docs, generated_at), encoding="utf-8")
    return index_path, data_path
