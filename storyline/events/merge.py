"""One real-world event reported by several articles becomes one event with several pieces of evidence.

Two coded events are the same when they have the same type, share a source actor (by id or country; for
meetings and other symmetric types, any participant), do not contradict each other on the recipient (they
share one, or one of them names none), and have compatible dates (the same
day give or take one, or one date inside the other's month or year when one is coarse). Groups are the
connected components of that relation, so a chain of compatible reports ends up in one group.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from storyline.events.types import EventActor
from storyline.store.base import StoredEvent

__all__ = ["date_interval", "group_events"]

_DAY_SLACK = timedelta(days=1)


def date_interval(value: str | None) -> tuple[date, date] | None:
    """The days an ISO 8601 value covers: "2015-10-07", "2015-10", "2015", "2015-W41", "2015-Q4"."""
    if not value:
        return None
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            return day, day
        if len(value) == 7 and value[4] == "-" and value[5:].isdigit():
            first = date(int(value[:4]), int(value[5:]), 1)
            return first, (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        if len(value) == 8 and value[5] == "W":
            monday = date.fromisocalendar(int(value[:4]), int(value[6:]), 1)
            return monday, monday + timedelta(days=6)
        if len(value) == 7 and value[5] == "Q":
            quarter = int(value[6])
            first = date(int(value[:4]), 3 * quarter - 2, 1)
            last = date(int(value[:4]) + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
            return first, last - timedelta(days=1)
        if len(value) == 4 and value.isdigit():
            return date(int(value), 1, 1), date(int(value), 12, 31)
    except ValueError:
        return None
    return None


def _compatible(first: str | None, second: str | None) -> bool:
    a, b = date_interval(first), date_interval(second)
    if a is None or b is None:
        return False
    return a[0] - _DAY_SLACK <= b[1] and b[0] - _DAY_SLACK <= a[1]


# Types where who is source and who is recipient depends on the writer: "A met B" and "B met A" are one meeting.
_SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE"})


def _identities(actors: Iterable[EventActor]) -> set[str]:
    """An actor matches by id and by country, so "Lavrov" in one report meets "Russia" in another."""
    return {a.key for a in actors} | {a.country for a in actors if a.country}


def _sides(stored: StoredEvent) -> tuple[set[str], set[str]]:
    event = stored.event
    if event.type in _SYMMETRIC:
        everyone = _identities((*event.sources, *event.targets))
        return everyone, everyone
    return _identities(event.sources), _identities(event.targets)


def _same_event(a: StoredEvent, b: StoredEvent) -> bool:
    if a.event.type != b.event.type or not _compatible(a.event.date, b.event.date):
        return False
    sources_a, targets_a = _sides(a)
    sources_b, targets_b = _sides(b)
    if not sources_a & sources_b:
        return False
    return not targets_a or not targets_b or bool(targets_a & targets_b)


def group_events(events: Iterable[StoredEvent]) -> dict[int, str]:
    """Event id -> group id ("e" + the group's first event id) for every event that has a source."""
    candidates: dict[tuple[str, str], list[StoredEvent]] = defaultdict(list)
    parent: dict[int, int] = {}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for stored in events:
        if not stored.event.sources or stored.event.status != "asserted":
            continue
        parent[stored.id] = stored.id
        for key in _sides(stored)[0]:
            bucket = candidates[(stored.event.type, key)]
            for earlier in bucket[-200:]:  # the bucket is in date order; older reports are too far apart
                if _same_event(earlier, stored):
                    parent[find(stored.id)] = find(earlier.id)
            bucket.append(stored)
    return {event_id: f"e{find(event_id)}" for event_id in parent}
