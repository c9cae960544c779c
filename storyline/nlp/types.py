"""What the language layer adds to a document: sentences, entities, actor mentions and time expressions.

All offsets are character offsets into the document's clean text (`Document.text`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storyline.events.types import Event


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    label: str  # spaCy's label: PERSON, ORG, GPE, NORP, LOC, FAC, DATE, ...
    text: str


@dataclass(frozen=True)
class ActorMention:
    """A span that refers to an actor, resolved to a canonical actor where the dictionary knows it."""

    start: int
    end: int
    text: str
    actor_id: str | None  # dictionary id ("RUS", "UNSC", "sergei-lavrov"); None for an unknown named actor
    name: str  # canonical name ("Russia", "Sergei Lavrov"), or the mention's own text when unknown
    kind: str  # state | igo | ngo | group | person | unknown
    country: str | None  # ISO 3166-1 alpha-3 of the actor at that date, None when none or unknown
    sector: str | None  # PLOVER/CAMEO sector (GOV, MIL, REB, IGO, ...) at that date
    method: str  # how it was resolved: name, title, metonymy, demonym, coreference, role, unknown
    role: str | None = None  # the dated role that applied ("Foreign Minister"), for people
    confidence: float = 1.0


@dataclass(frozen=True)
class TimeExpression:
    """A time expression normalised TIMEX3-style against the document's (possibly estimated) date."""

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None  # "2013-09-14", "2013-W37", "2013-09", "2013-Q3", "2013", "201" (decade), "P3D", "PRESENT_REF"
    granularity: str  # day | week | month | quarter | year | decade | century | range | duration | set | time | vague
    direction: str  # past | future | present | none: how a relative expression was placed
    resolved: bool  # False when the value could not be determined (see reason)
    reason: str | None = None  # why it is unresolved, or what a vague value stands for
    anchor: str | None = None  # ISO date it was resolved against
    anchor_is_estimate: bool = False  # the anchor was an estimated publication date
    rule: str = ""  # the rule that produced it, for debugging and evidence


@dataclass
class Annotations:
    """Everything the language layer stored for one version of a document."""

    pipeline_version: str
    sentences: list[Sentence]
    entities: list[Entity]
    mentions: list[ActorMention]
    timexes: list[TimeExpression]
    skipped_reason: str | None = None  # why nothing was extracted (not English, no text, ...)
    events: list[Event] = field(default_factory=list)
