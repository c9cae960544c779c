"""Views over coded events: the event list and its exports, relations of a dyad over time, the network.

Reports of one real-world event in several documents (one merge group) count once, with all their
evidence. By default only asserted events count: "did not agree", "could strike", "will meet" and claims
attributed to someone else are listed but do not move relations.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from storyline.errors import UNKNOWN_ACTOR, StorylineError
from storyline.events.types import Event, EventActor
from storyline.store.base import EventQuery, Store, StoredEvent

__all__ = ["MergedEvent", "dyad_events", "event_csv", "event_records", "merged_events", "network", "relations",
           "resolve_actor"]

PERIODS = ("year", "quarter", "month")
TOP_EVENTS = 3


@dataclass
class MergedEvent:
    """One real-world event: the first report's coding, and every report as evidence."""

    id: str
    event: Event
    reports: list[StoredEvent] = field(default_factory=list)
    originals: dict[str, str] = field(default_factory=dict)  # document -> the original it copies

    @property
    def documents(self) -> list[str]:
        return sorted({r.doc_id for r in self.reports})

    @property
    def sources(self) -> int:
        """Independent reports: a duplicate or syndicated copy counts with its original, once."""
        return len({self.originals.get(r.doc_id, r.doc_id) for r in self.reports})


def copy_originals(store: Store) -> dict[str, str]:
    """Each document that copies another (duplicate or syndicated) -> the earliest original of its chain."""
    parent: dict[str, str] = {}
    for link in store.links():
        if link.type in ("duplicate_of", "syndicated_from") and link.doc_id != link.other_id:
            parent[link.doc_id] = link.other_id
    originals = {}
    for doc in parent:
        seen, current = {doc}, parent[doc]
        while current in parent and parent[current] not in seen:  # links may form a cycle when undated
            seen.add(current)
            current = parent[current]
        originals[doc] = current
    return originals


def resolve_actor(dictionary: Any, name: str) -> str:
    """The actor key a user's name stands for: "USA", "United States" and "the U.S." all give "USA"."""
    stripped = name.strip()
    if dictionary.get(stripped) or dictionary.get(stripped.upper()):
        return stripped if dictionary.get(stripped) else stripped.upper()
    entries = dictionary.lookup(stripped) or dictionary.lookup(stripped.title())
    if not entries and stripped.lower().startswith("the "):
        entries = dictionary.lookup(stripped[4:])
    ids = [actor_id for actor_id, _ in entries if actor_id]
    if ids:
        return ids[0]
    if stripped:
        return stripped.lower()  # an actor the dictionary does not know is keyed by its lower-cased name
    raise StorylineError(UNKNOWN_ACTOR, "an empty actor name")


def merged_events(stored: Iterable[StoredEvent], originals: dict[str, str] | None = None) -> list[MergedEvent]:
    groups: dict[str, MergedEvent] = {}
    for item in stored:
        key = item.group_id or f"e{item.id}"
        merged = groups.get(key)
        if merged is None:
            merged = groups[key] = MergedEvent(key, item.event, originals=originals or {})
        merged.reports.append(item)
    return list(groups.values())


def _involves(actor: EventActor, key: str) -> bool:
    return actor.key == key or actor.country == key


def _between(event: Event, a: str, b: str, directed: bool) -> bool:
    forward = any(_involves(s, a) for s in event.sources) and any(_involves(t, b) for t in event.targets)
    backward = any(_involves(s, b) for s in event.sources) and any(_involves(t, a) for t in event.targets)
    both_sources = (any(_involves(s, a) for s in event.sources) and any(_involves(s, b) for s in event.sources))
    return forward if directed else (forward or backward or both_sources)


def period_of(value: str | None, by: str) -> str:
    if not value or len(value) < 4:
        return "undated"
    year = value[:4]
    if by == "year":
        return year
    if len(value) < 7 or not value[5:7].isdigit():
        return f"{year} (year only)"
    if by == "month":
        return value[:7]
    return f"{year}-Q{(int(value[5:7]) - 1) // 3 + 1}"


def dyad_events(store: Store, a: str, b: str, *, directed: bool, statuses: Sequence[str]) -> list[MergedEvent]:
    """Events between a and b (a acting on b when directed) with one of the statuses, merged."""
    if not statuses:
        return []
    query = EventQuery(dyad=(a, b), statuses=tuple(statuses))
    return [m for m in merged_events(store.events(query), copy_originals(store))
            if _between(m.event, a, b, directed)]


def relations(store: Store, a: str, b: str, *, by: str = "year", directed: bool = False,
              statuses: Sequence[str] = ("asserted",), texts: Any = None) -> list[dict[str, Any]]:
    """Per period: events between a and b, cooperative and conflictual counts, mean and total intensity,
    and the strongest events with their evidence."""
    events = dyad_events(store, a, b, directed=directed, statuses=statuses)
    periods: dict[str, list[MergedEvent]] = defaultdict(list)
    for merged in events:
        periods[period_of(merged.event.date, by)].append(merged)
    rows = []
    for period in sorted(periods):
        items = periods[period]
        intensities = [m.event.intensity for m in items]
        top = sorted(items, key=lambda m: (-abs(m.event.intensity), -m.sources, m.event.date or ""))
        rows.append({
            "period": period, "events": len(items),
            "cooperative": sum(1 for x in intensities if x > 0),
            "conflictual": sum(1 for x in intensities if x < 0),
            "mean_intensity": round(sum(intensities) / len(intensities), 2),
            "total_intensity": round(sum(intensities), 2),
            "top_events": [event_record(m, texts) for m in top[:TOP_EVENTS]],
        })
    return rows


def network(store: Store, *, date_from: str | None = None, date_to: str | None = None,
            statuses: Sequence[str] = ("asserted",)) -> dict[str, Any]:
    """Who acts on whom: one edge per (source, target) with its event count and mean intensity."""
    query = EventQuery(statuses=tuple(statuses), date_from=date_from, date_to=date_to)
    edges: dict[tuple[str, str], list[float]] = defaultdict(list)
    names: dict[str, str] = {}
    for merged in merged_events(store.events(query), copy_originals(store)):
        for source in merged.event.sources:
            for target in merged.event.targets:
                if source.key == target.key:
                    continue
                edges[(source.key, target.key)].append(merged.event.intensity)
                names.setdefault(source.key, source.name)
                names.setdefault(target.key, target.name)
    edge_rows: list[dict[str, Any]] = [
        {"source": s, "target": t, "events": len(v), "mean_intensity": round(sum(v) / len(v), 2),
         "cooperative": sum(1 for x in v if x > 0), "conflictual": sum(1 for x in v if x < 0)}
        for (s, t), v in edges.items()]
    edge_rows.sort(key=lambda e: (-e["events"], e["source"], e["target"]))
    weight: dict[str, int] = defaultdict(int)
    for edge in edge_rows:
        weight[edge["source"]] += edge["events"]
        weight[edge["target"]] += edge["events"]
    nodes = [{"id": k, "name": names[k], "events": w} for k, w in sorted(weight.items(), key=lambda kv: -kv[1])]
    return {"nodes": nodes, "edges": edge_rows}


def _actor_record(actor: EventActor) -> dict[str, Any]:
    return {"name": actor.name, "id": actor.actor_id, "text": actor.text, "kind": actor.kind,
            "country": actor.country, "sector": actor.sector}


def event_record(merged: MergedEvent, texts: Any = None) -> dict[str, Any]:
    """A PLOVER/POLECAT-like record: the coding, and each report as evidence with its sentence."""
    from storyline.events.coder import plover_type

    event = merged.event
    evidence = []
    for report in merged.reports:
        e = report.event
        item: dict[str, Any] = {"doc_id": report.doc_id, "sentence_start": e.sentence_start,
                                "sentence_end": e.sentence_end, "trigger": e.trigger, "trigger_start": e.trigger_start,
                                "trigger_end": e.trigger_end, "rule": e.rule, "status": e.status}
        if texts is not None:
            item["sentence"] = texts(report.doc_id, report.version)[e.sentence_start:e.sentence_end]
        if report.doc_id in merged.originals:
            item["copy_of"] = merged.originals[report.doc_id]
        evidence.append(item)
    return {
        "id": merged.id, "event_type": event.type, "plover_type": plover_type(event), "mode": event.mode,
        "context": list(event.contexts), "event_date": event.date, "date_precision": event.date_granularity,
        "date_source": event.date_source, "date_text": event.date_text, "status": event.status,
        "actors": [_actor_record(a) for a in event.sources],
        "recipients": [_actor_record(a) for a in event.targets],
        "intensity": event.intensity, "quad_class": event.quad_class, "confidence": event.confidence,
        "location": event.location,
        "reported_by": _actor_record(event.reported_by) if event.reported_by else None,
        "reports": len(merged.reports), "independent_reports": merged.sources, "documents": merged.documents,
        "evidence": evidence,
    }


def event_records(store: Store, query: EventQuery, texts: Any = None) -> list[dict[str, Any]]:
    return [event_record(m, texts) for m in merged_events(store.events(query), copy_originals(store))]


CSV_COLUMNS = ("id", "event_date", "date_precision", "date_source", "event_type", "mode", "context", "status",
               "actors", "actor_countries", "recipients", "recipient_countries", "intensity", "quad_class",
               "confidence", "location", "reports", "independent_reports", "documents", "trigger", "rule",
               "sentence")


def event_csv(records: Sequence[dict[str, Any]]) -> str:
    """One row per event; several actors are joined with "; "."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for r in records:
        first = r["evidence"][0] if r["evidence"] else {}
        writer.writerow([
            r["id"], r["event_date"] or "", r["date_precision"] or "", r["date_source"], r["event_type"],
            r["mode"] or "", "; ".join(r["context"]), r["status"],
            "; ".join(a["name"] for a in r["actors"]), "; ".join(a["country"] or "" for a in r["actors"]),
            "; ".join(a["name"] for a in r["recipients"]), "; ".join(a["country"] or "" for a in r["recipients"]),
            r["intensity"], r["quad_class"], r["confidence"], r["location"] or "", r["reports"],
            r["independent_reports"], "; ".join(r["documents"]), first.get("trigger", ""), first.get("rule", ""),
            first.get("sentence", ""),
        ])
    return out.getvalue()
