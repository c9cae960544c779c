"""What the event coder adds to a document: events in the PLOVER ontology, each with its evidence.

Offsets are character offsets into the document's clean text (`Document.text`), like the language layer's.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# PLOVER 1.0 event types, most cooperative first.
EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
# asserted: the text states it happened; negated: "did not agree"; hypothetical: "could", "should", "if";
# planned: "will meet", "plans to"; reported: a claim the text attributes to someone else.
STATUSES = ("asserted", "negated", "hypothetical", "planned", "reported")
# CAMEO's quad classes, with 0 for statements and appeals, which are neither cooperation nor conflict.
QUAD_CLASSES = {0: "statement or appeal", 1: "verbal cooperation", 2: "material cooperation",
                3: "verbal conflict", 4: "material conflict"}


@dataclass(frozen=True)
class EventActor:
    """One participant: a canonical actor where the dictionary knows it, else the mention's own words."""

    text: str
    start: int
    end: int
    actor_id: str | None
    name: str
    kind: str
    country: str | None
    sector: str | None

    @property
    def key(self) -> str:
        """What identifies the actor across documents: its dictionary id, else its name in lower case.
        (Queries by country take in everyone of that country; see EventQuery.)"""
        return self.actor_id or self.name.lower()


@dataclass(frozen=True)
class Event:
    """One event a sentence reports: who did what to whom, when, where, and the words that say so."""

    type: str
    mode: str | None
    contexts: tuple[str, ...]
    sources: tuple[EventActor, ...]
    targets: tuple[EventActor, ...]
    status: str
    intensity: float  # cooperation (+) or conflict (-) on PLOVER's -10..+10 scale, from type and mode
    quad_class: int
    confidence: float
    sentence_start: int
    sentence_end: int
    trigger: str  # the trigger words as they appear ("imposed ... sanctions")
    trigger_start: int
    trigger_end: int
    date: str | None  # ISO 8601 value (day, month or year) or None when not even the publication date is known
    date_granularity: str | None  # day | week | month | quarter | year | ...
    date_source: str  # "sentence" (a time expression), "publication", "estimated publication" or "none"
    date_text: str | None = None  # the time expression the date came from
    location: str | None = None
    location_start: int | None = None
    location_country: str | None = None  # ISO 3166-1 alpha-3 of the stated place, when the dictionary knows it
    reported_by: EventActor | None = None  # for status "reported": who said so
    rule: str = ""  # the lexicon pattern (or model) that produced it
    attributes: dict[str, str] = field(default_factory=dict)  # e.g. the intended action of an AGREE

    def to_record(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Event:
        values = dict(record)
        values["contexts"] = tuple(values.get("contexts") or ())
        values["sources"] = tuple(EventActor(**a) for a in values.get("sources") or ())
        values["targets"] = tuple(EventActor(**a) for a in values.get("targets") or ())
        reporter = values.get("reported_by")
        values["reported_by"] = EventActor(**reporter) if reporter else None
        values["attributes"] = dict(values.get("attributes") or {})
        return cls(**values)
