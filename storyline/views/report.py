"""The static report: index.html (self-contained, works offline) and storyline.json (everything as data).

All text that came from documents is escaped before it reaches the page.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from datetime import UTC, date, datetime
from html import escape
from itertools import pairwise
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
input[type=search] { display: block; width: 100%; max-width: 420px; padding: 8px 10px; font-size: 15px; margin: 12px 0;
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
nav.sections { font: 14px system-ui, sans-serif; margin: 0 0 16px; }
nav.sections a + a::before { content: " · "; color: var(--muted); }
p.small { font-size: 14px; color: #38424f; } td.date { white-space: nowrap; }
mark { background: #fff1b8; color: inherit; padding: 0 1px; }
.coop { color: #2e7d4f; } .conf { color: #b23b3b; }
td.evidence { min-width: 320px; width: 45%; } td.evidence .small { color: var(--muted); font-size: 12px; }
.actor-country { color: var(--muted); font-size: 12px; }
table#events tr.aside { display: none; color: var(--muted); }
#show-aside:checked ~ table#events tr.aside { display: table-row; }
label.toggle { font: 14px system-ui, sans-serif; margin-left: 4px; color: var(--muted); }
section.dyad { border-top: 1px solid var(--line); padding: 4px 0 16px; }
section.dyad h3 { font-size: 20px; margin: 14px 0 0; }
svg.chart { width: 100%; max-width: 900px; height: auto; display: block; margin: 8px 0 2px; }
svg.chart text { font: 11px system-ui, sans-serif; fill: var(--muted); }
.legend { font: 12px system-ui, sans-serif; color: var(--muted); margin: 0 0 8px; }
.swatch { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 12px; vertical-align: -1px; }
ol.tops { font: 13px/1.45 system-ui, sans-serif; padding-left: 0; list-style: none; margin: 6px 0 0; }
ol.tops li { margin: 0 0 6px; } ol.tops b { display: inline-block; min-width: 80px; }
"""

_SCRIPT = """
document.querySelectorAll('input[data-filter]').forEach(function (box) {
  box.addEventListener('input', function () {
    var needle = box.value.toLowerCase();
    document.querySelectorAll('#' + box.dataset.filter + ' tbody tr').forEach(function (row) {
      row.style.display = row.textContent.toLowerCase().indexOf(needle) >= 0 ? '' : 'none';
    });
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


# -- events ---------------------------------------------------------------------------------------------

TOP_DYADS = 4
SHORT_SPAN_YEARS = 2  # dyads whose events fall within this many calendar years are charted by quarter
MAX_SLOTS = 60  # beyond this many periods, empty ones are left out of a chart rather than drawn
_TITLE_WIDTH = 70


def _event_date_html(event: dict[str, Any]) -> str:
    """The event's date; "~" when it is not stated in the sentence but taken from the report's date."""
    value = event["event_date"]
    if not value:
        return '<span class="est" title="no date found">undated</span>'
    if event["date_source"] == "sentence":
        return escape(value)
    title = f"not stated in the sentence: the {event['date_source']} date of the report"
    return f'<span class="est" title="{escape(title)}">~{escape(value)}</span>'


def _actors_html(actors: list[dict[str, Any]]) -> str:
    """Names, with the country of an actor the dictionary does not know ("forces (SYR)")."""
    if not actors:
        return '<span class="skipped">—</span>'
    names = []
    for actor in actors:
        hint = actor["country"] if actor["country"] and actor["country"] != actor["id"] and not actor["id"] else ""
        suffix = f' <span class="actor-country">({escape(hint)})</span>' if hint else ""
        names.append(escape(actor["name"]) + suffix)
    return "; ".join(names)


def _intensity_html(value: float) -> str:
    css = "coop" if value > 0 else "conf" if value < 0 else "skipped"
    return f'<span class="{css}">{value:+.1f}</span>'.replace("-", "−")


def _trigger_spans(evidence: dict[str, Any], sentence: str) -> list[tuple[int, int]]:
    """Where the trigger words are in the sentence. A split trigger ("fired ... missiles") covers a span
    with words between its parts; only the parts are marked."""
    trigger = evidence.get("trigger") or ""
    start, end = evidence.get("trigger_start"), evidence.get("trigger_end")
    offset = evidence.get("sentence_start")
    if not trigger or start is None or end is None or offset is None:
        return []
    cursor, stop, spans = start - offset, end - offset, []
    for piece in (p.strip() for p in trigger.split("...")):
        found = sentence.find(piece, max(cursor, 0), max(stop, 0)) if piece else -1
        if found >= 0:
            spans.append((found, found + len(piece)))
            cursor = found + len(piece)
    return spans


def _sentence_html(evidence: dict[str, Any]) -> str:
    sentence = (evidence.get("sentence") or "").rstrip()  # a sentence can end with its paragraph break
    parts, cursor = [], 0
    for start, end in _trigger_spans(evidence, sentence):
        parts.append(escape(sentence[cursor:start]) + f"<mark>{escape(sentence[start:end])}</mark>")
        cursor = end
    return "".join(parts) + escape(sentence[cursor:])


def _doc_link(doc_id: str, titles: dict[str, str]) -> str:
    if doc_id not in titles:
        return escape(doc_id)
    title = titles[doc_id]
    short = title if len(title) <= _TITLE_WIDTH else title[:_TITLE_WIDTH - 1].rstrip() + "…"
    return f'<a href="#{escape(doc_id)}" title="{escape(title)}">{escape(short)}</a>'


def _evidence_html(event: dict[str, Any], titles: dict[str, str]) -> str:
    """The first report's sentence with its trigger marked, where it was read, and how many more reports."""
    if not event["evidence"]:
        return ""
    first = event["evidence"][0]
    source = f'<div class="small">in {_doc_link(first["doc_id"], titles)}'
    others = [d for d in dict.fromkeys(e["doc_id"] for e in event["evidence"][1:]) if d != first["doc_id"]]
    more = event["reports"] - 1
    if more > 0:
        links = ", ".join(_doc_link(d, titles) for d in others)
        source += f" · +{more} more report{'s' if more > 1 else ''}" + (f": {links}" if links else "")
    return f"{_sentence_html(first)}{source}</div>"


def _event_type_html(event: dict[str, Any]) -> str:
    mode = f' <span class="small skipped">{escape(event["mode"])}</span>' if event.get("mode") else ""
    return escape(event["event_type"]) + mode


def _event_row(event: dict[str, Any], titles: dict[str, str]) -> str:
    aside = event["status"] != "asserted"
    status = f'<span class="badge">{escape(event["status"])}</span>' if aside else escape(event["status"])
    css = ' class="aside"' if aside else ""
    return (f'<tr id="ev-{escape(event["id"])}"{css}>'
            f'<td class="date">{_event_date_html(event)}</td><td>{_event_type_html(event)}</td>'
            f"<td>{status}</td>"
            f'<td>{_actors_html(event["actors"])}</td><td>{_actors_html(event["recipients"])}</td>'
            f'<td class="num">{_intensity_html(event["intensity"])}</td>'
            f'<td class="evidence">{_evidence_html(event, titles)}</td></tr>')


def _event_sort_key(event: dict[str, Any]) -> tuple[str, float]:
    return (event["event_date"] or "9999", event["intensity"])


def _events_section(events: list[dict[str, Any]], titles: dict[str, str]) -> str:
    if not events:
        return '<h2 id="events-section">Events</h2>\n<p class="small">No events were coded in these documents.</p>'
    rows = "\n".join(_event_row(e, titles) for e in sorted(events, key=_event_sort_key))
    asserted = sum(1 for e in events if e["status"] == "asserted")
    aside = len(events) - asserted
    toggle = (f'<input type="checkbox" id="show-aside"><label class="toggle" for="show-aside">also show the {aside} '
              f"events that are negated, planned, hypothetical or only claimed by someone</label>") if aside else ""
    return f"""<h2 id="events-section">Events</h2>
<p class="small">{asserted} asserted events, each counted once however many documents report it. Intensity runs
from −10 (most conflictual) to +10 (most cooperative); dates marked <span class="est">~</span> are the report's
date, not one stated in the sentence. The marked words are what the event was coded from.</p>
<input type="search" data-filter="events" placeholder="Filter events by actor, type, date, words…"
 aria-label="Filter events">
{toggle}
<table id="events"><thead><tr><th>Date</th><th>Type</th><th>Status</th><th>Who</th><th>To whom</th>
<th>Intensity</th><th>Evidence</th></tr></thead><tbody>
{rows}
</tbody></table>"""


# -- relations of the most active dyads ---------------------------------------------------------------------


def top_dyads(network: dict[str, Any], limit: int = TOP_DYADS) -> list[tuple[str, str]]:
    """The pairs of actors with the most events between them, either way round; each pair in the order
    of its busiest direction."""
    counts: Counter[tuple[str, str]] = Counter()
    first_seen: dict[frozenset[str], tuple[str, str]] = {}
    for edge in network["edges"]:  # busiest directed edges come first
        pair = first_seen.setdefault(frozenset((edge["source"], edge["target"])), (edge["source"], edge["target"]))
        counts[pair] += edge["events"]
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [pair for pair, _ in ranked[:limit]]


def _dated_years(periods: list[dict[str, Any]]) -> list[int]:
    return sorted({int(p["period"][:4]) for p in periods if p["period"][:4].isdigit()})


def dyad_relations(app: Storyline, a: str, b: str) -> dict[str, Any]:
    """Relations by year, or by quarter when all dated events fall within a short span."""
    by_year = app.relations(a, b, by="year")
    years = _dated_years(by_year["periods"])
    if years and years[-1] - years[0] < SHORT_SPAN_YEARS:
        return app.relations(a, b, by="quarter")
    return by_year


def _period_order(label: str) -> tuple[int, int]:
    """Chronological order of "2020", "2020-Q3" and "2020 (year only)" (after that year's quarters)."""
    quarter = re.fullmatch(r"(\d{4})-Q([1-4])", label)
    if quarter:
        return int(quarter[1]), int(quarter[2])
    return int(label[:4]), 5


def _period_labels(labels: list[str], by: str) -> list[str]:
    """The periods to draw: those with events and the empty ones between them, so that gaps show as gaps."""
    if by == "year":
        years = sorted(int(label) for label in labels)
        filled = [str(y) for y in range(years[0], years[-1] + 1)]
    else:
        quarters = sorted(y * 4 + q - 1 for y, q in map(_period_order, labels) if q <= 4)
        steps = range(quarters[0], quarters[-1] + 1) if quarters else range(0)
        filled = sorted({f"{n // 4}-Q{n % 4 + 1}" for n in steps} | set(labels), key=_period_order)
    return filled if len(filled) <= MAX_SLOTS else sorted(labels, key=_period_order)


def chart_slots(relation: dict[str, Any]) -> list[tuple[str, dict[str, Any] | None]]:
    """(period, its row or None when it had no events), in order; undated events are not charted."""
    rows = {p["period"]: p for p in relation["periods"] if p["period"][:4].isdigit()}
    if not rows:
        return []
    return [(label, rows.get(label)) for label in _period_labels(list(rows), relation["by"])]


_W, _H, _LEFT, _RIGHT, _TOP, _BOTTOM = 760, 220, 46, 46, 12, 30
_COOP, _CONF, _LINE = "#2e7d4f", "#b23b3b", "#1d232b"


def _count_ticks(peak: int) -> list[int]:
    return sorted({peak, peak // 2} - {0}) if peak >= 4 else [peak]


def _chart_frame(peak: int, zero: float, half: float) -> list[str]:
    """Gridlines, the zero line, counts on the left (up cooperative, down conflictual), intensity on the right."""
    right = _W - _RIGHT
    parts = [f'<line x1="{_LEFT}" x2="{right}" y1="{zero}" y2="{zero}" stroke="#8a96a5"/>']
    for count in _count_ticks(peak):
        for sign in (1, -1):
            y = zero - sign * count / peak * half
            parts.append(f'<line x1="{_LEFT}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e6e9ee"/>'
                         f'<text x="{_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{count}</text>')
    parts.append(f'<text x="{_LEFT - 6}" y="{zero + 4:.1f}" text-anchor="end">0</text>')
    for value in (10, 5, 0, -5, -10):
        y = zero - value / 10 * half
        label = f"{value:+d}".replace("-", "−") if value else "0"
        parts.append(f'<text x="{right + 6}" y="{y + 4:.1f}">{label}</text>')
    mid = _TOP + half
    parts.append(f'<text transform="translate(12 {mid:.0f}) rotate(-90)" text-anchor="middle">events '
                 f"(↑ coop. ↓ confl.)</text>")
    parts.append(f'<text transform="translate({_W - 8} {mid:.0f}) rotate(90)" text-anchor="middle">'
                 f"mean intensity</text>")
    return parts


def _period_group(label: str, row: dict[str, Any] | None, x: float, bar: float, scale: float, zero: float) -> str:
    if row is None:
        return f'<g class="period" data-period="{escape(label)}"><title>{escape(label)}: no events</title></g>'
    coop, conf = row["cooperative"] * scale, row["conflictual"] * scale
    tip = (f"{label}: {row['events']} events, {row['cooperative']} cooperative, {row['conflictual']} conflictual, "
           f"mean intensity {row['mean_intensity']:+.2f}")
    return (f'<g class="period" data-period="{escape(label)}"><title>{escape(tip)}</title>'
            f'<rect x="{x - bar / 2:.1f}" y="{zero - coop:.1f}" width="{bar:.1f}" height="{coop:.1f}" fill="{_COOP}"/>'
            f'<rect x="{x - bar / 2:.1f}" y="{zero:.1f}" width="{bar:.1f}" height="{conf:.1f}" fill="{_CONF}"/></g>')


def _intensity_line(points: list[tuple[float, float] | None]) -> list[str]:
    """Dots for each period's mean intensity, joined where neighbouring periods both have events."""
    parts = []
    for before, after in pairwise(points):
        if before and after:
            parts.append(f'<line x1="{before[0]:.1f}" y1="{before[1]:.1f}" x2="{after[0]:.1f}" y2="{after[1]:.1f}" '
                         f'stroke="{_LINE}" stroke-width="1.5"/>')
    parts += [f'<circle cx="{p[0]:.1f}" cy="{p[1]:.1f}" r="3" fill="{_LINE}"/>' for p in points if p]
    return parts


def chart_svg(chart_id: str, caption: str, slots: list[tuple[str, dict[str, Any] | None]]) -> str:
    """Cooperative counts up, conflictual counts down, and the mean intensity (−10..+10) as a line."""
    half = (_H - _TOP - _BOTTOM) / 2
    zero = _TOP + half
    peak = max([max(row["cooperative"], row["conflictual"]) for _, row in slots if row] + [1])
    step = (_W - _LEFT - _RIGHT) / len(slots)
    bar = min(step * 0.6, 36)
    every = math.ceil(len(slots) / 14)  # label at most 14 periods so that the labels do not overlap
    parts = [f'<svg class="chart" id="{escape(chart_id)}" viewBox="0 0 {_W} {_H}" role="img" '
             f'aria-label="{escape(caption)}">', *_chart_frame(peak, zero, half)]
    points: list[tuple[float, float] | None] = []
    for index, (label, row) in enumerate(slots):
        x = _LEFT + step * (index + 0.5)
        parts.append(_period_group(label, row, x, bar, half / peak, zero))
        if index % every == 0:
            parts.append(f'<text x="{x:.1f}" y="{_H - 10}" text-anchor="middle">{escape(label)}</text>')
        points.append((x, zero - row["mean_intensity"] / 10 * half) if row else None)
    parts += _intensity_line(points)
    parts.append("</svg>")
    return "".join(parts)


_LEGEND = (f'<p class="legend"><span class="swatch" style="background:{_COOP}"></span>cooperative events'
           f'<span class="swatch" style="background:{_CONF}"></span>conflictual events'
           f'<span class="swatch" style="background:{_LINE};height:2px;vertical-align:3px"></span>mean intensity '
           f"(right axis, −10 conflict … +10 cooperation)</p>")


def _top_event_html(label: str, event: dict[str, Any], titles: dict[str, str]) -> str:
    who = _actors_html(event["actors"])
    whom = _actors_html(event["recipients"]) if event["recipients"] else ""
    dyad = f"{who} → {whom}" if whom else who
    return (f'<li><b>{escape(label)}</b> <a href="#ev-{escape(event["id"])}">{escape(event["event_type"])}</a> '
            f"{_intensity_html(event['intensity'])} · {dyad} · {_event_date_html(event)}<br>"
            f"{_evidence_html(event, titles)}</li>")


def _dyad_html(relation: dict[str, Any], names: dict[str, str], titles: dict[str, str]) -> str:
    a, b = relation["a"], relation["b"]
    title = f"{names.get(a, a)} – {names.get(b, b)}"
    periods = relation["periods"]
    totals = {key: sum(p[key] for p in periods) for key in ("events", "cooperative", "conflictual")}
    undated = sum(p["events"] for p in periods if not p["period"][:4].isdigit())
    note = f"; {undated} undated, not charted" if undated else ""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", f"{a}-{b}")
    slots = chart_slots(relation)
    summary = (f'{totals["events"]} asserted events, {totals["cooperative"]} cooperative and '
               f'{totals["conflictual"]} conflictual, by {relation["by"]}{note}')
    chart = chart_svg(f"chart-{slug}", f"{title}: {summary}", slots) + _LEGEND if slots else ""
    tops = "".join(_top_event_html(p["period"], p["top_events"][0], titles) for p in periods if p["top_events"])
    return (f'<section class="dyad" id="dyad-{escape(slug)}"><h3>{escape(title)}</h3>'
            f'<p class="meta">{escape(summary)}</p>{chart}'
            f'<p class="small">The strongest event of each period:</p><ol class="tops">{tops}</ol></section>')


def _relations_section(relations: list[dict[str, Any]], names: dict[str, str], titles: dict[str, str]) -> str:
    head = '<h2 id="relations-section">Relations</h2>'
    if not relations:
        return head + '\n<p class="small">No two actors have asserted events between them yet.</p>'
    intro = (f'<p class="small">The {len(relations)} pairs of actors with the most asserted events between them, '
             "either way round; an actor's officials and forces count for it.</p>")
    return "\n".join([head, intro, *(_dyad_html(r, names, titles) for r in relations)])


def render_index(docs: list[dict[str, Any]], generated_at: str, events: list[dict[str, Any]] | None = None,
                 relations: list[dict[str, Any]] | None = None, names: dict[str, str] | None = None) -> str:
    docs = sorted(docs, key=_sort_key)
    events, relations = events or [], relations or []
    titles = {d["id"]: d["title"] or Path(d["origin"]).name for d in docs}
    sources = Counter(d["source"] for d in docs if d["source"])
    languages = Counter(d["language"] for d in docs if d["language"])
    estimated = sum(1 for d in docs if not d["published"] and d.get("published_estimate"))
    dates = sorted(filter(None, (_confident_date(d) for d in docs)))
    span = f"{dates[0][:4]}–{dates[-1][:4]}" if dates else "—"
    stats = [(len(docs), "documents"), (len(sources), "sources"), (sum(d["words"] for d in docs), "words"),
             (span, "years covered"), (estimated, "dates estimated"),
             (sum(1 for d in docs if d["status"] != "ok"), "flagged (not English)"),
             (sum(1 for e in events if e["status"] == "asserted"), "events asserted")]
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
<div class="stats">{stats_html}</div>
<nav class="sections"><a href="#relations-section">Relations</a><a href="#events-section">Events</a><a
 href="#documents-section">Documents</a><a href="#articles-section">Articles</a></nav></header>
<main>
{_relations_section(relations, names or {}, titles)}
{_events_section(events, titles)}
<h2 id="documents-section">Documents</h2>
<p class="small">Dates marked <span class="est">~</span> were estimated from the text (hover for the evidence);
they are not publication dates given by the source.</p>
<input type="search" id="filter" data-filter="documents" placeholder="Filter by title, source, date…"
 aria-label="Filter documents">
<table id="documents"><thead><tr><th>Date</th><th>Title</th><th>Source</th><th>Lang</th><th>Words</th>
<th>Status</th></tr></thead><tbody>
{rows}
</tbody></table>
<h2 id="articles-section">Articles</h2>
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
    events = app.events(statuses=["all"])
    network = app.network()
    relations = [dyad_relations(app, a, b) for a, b in top_dyads(network)]
    names = {node["id"]: node["name"] for node in network["nodes"]}
    data = {"storyline_version": __version__, "generated_at": generated_at, "documents": docs,
            "events": events, "relations": relations}
    data_path = out / "storyline.json"
    data_path.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    index_path = out / "index.html"
    index_path.write_text(render_index(docs, generated_at, events, relations, names), encoding="utf-8")
    return index_path, data_path
