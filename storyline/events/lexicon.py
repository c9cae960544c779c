"""The event lexicon: patterns over dependency parses, and the intensity table, loaded once and validated.

The built-in lexicon is ``storyline/events/data/lexicon.yaml``; users add their own files in the same format
(setting ``event_lexicons``), whose patterns are tried before the built-in ones. See data/README.md.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from storyline.errors import CONFIG_INVALID, StorylineError
from storyline.events.lemmas import Lemmatizer
from storyline.events.types import EVENT_TYPES

__all__ = ["Lexicon", "Pattern", "Phrase", "Scale", "load_lexicon", "load_scale"]

DATA_DIR = Path(__file__).resolve().parent / "data"
LEXICON_FILE = DATA_DIR / "lexicon.yaml"
SCALE_FILE = DATA_DIR / "scale.yaml"

_PATTERN_KEYS = {"id", "type", "mode", "context", "verbs", "nouns", "objects"}
_WORD_LISTS = ("reporting_verbs", "claim_verbs", "planning_verbs", "wishing_verbs", "negating_verbs",
               "planned_modifiers", "hypothetical_modifiers", "support_verbs", "undergo_verbs")


@dataclass(frozen=True)
class Phrase:
    """A trigger: the head lemma and the other words that must come with it ("call" + "for")."""

    head: str
    extras: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pattern:
    id: str
    type: str
    mode: str | None
    contexts: tuple[str, ...]
    objects: frozenset[str]  # empty: any object, or none
    verbs: tuple[Phrase, ...]
    nouns: tuple[Phrase, ...]
    origin: str  # the file it came from


@dataclass
class Lexicon:
    patterns: list[Pattern]
    verbs: dict[str, list[tuple[Pattern, Phrase]]]  # head lemma -> candidates, most specific first
    nouns: dict[str, list[tuple[Pattern, Phrase]]]
    words: dict[str, frozenset[str]]  # the word lists (reporting_verbs, ...)
    context_words: dict[str, str]  # lemma -> context tag
    digest: str
    files: tuple[str, ...] = field(default=())
    lemmatize: Lemmatizer = field(default_factory=lambda: Lemmatizer(()))  # set from the words above

    def __post_init__(self) -> None:
        known = set(self.verbs) | set(self.nouns) | set(self.context_words)
        for pattern in self.patterns:
            known |= pattern.objects
            known |= {w for phrase in (*pattern.verbs, *pattern.nouns) for w in phrase.extras}
        for words in self.words.values():
            known |= words
        verbs = set(self.verbs) | {"go", "be", "have", "do"}
        for name in ("reporting_verbs", "claim_verbs", "planning_verbs", "wishing_verbs", "negating_verbs",
                     "support_verbs", "undergo_verbs"):
            verbs |= self.words.get(name, frozenset())
        self.lemmatize = Lemmatizer(known | verbs | {"according"}, verbs)


@dataclass(frozen=True)
class Scale:
    types: dict[str, tuple[float, int]]
    modes: dict[str, tuple[float, int]]

    def score(self, event_type: str, mode: str | None) -> tuple[float, int]:
        """(intensity, quad class) of an event type in a mode."""
        return self.modes.get(f"{event_type}/{mode}") or self.types[event_type]


def load_lexicon(extra: Sequence[Path] = ()) -> Lexicon:
    return _load_lexicon(tuple(Path(p).resolve() for p in extra))


@lru_cache(maxsize=8)
def _load_lexicon(extra: tuple[Path, ...]) -> Lexicon:
    digest = hashlib.sha256()
    patterns: list[Pattern] = []
    words: dict[str, set[str]] = {name: set() for name in _WORD_LISTS}
    context_words: dict[str, str] = {}
    # User files first: their patterns are tried before the built-in ones for the same word.
    for path in (*extra, LEXICON_FILE):
        data = _read_yaml(path)
        digest.update(path.read_bytes())
        patterns.extend(_parse_patterns(data, path))
        for name in _WORD_LISTS:
            words[name].update(_string_list(data.get(name, []), f"{name}", path))
        for tag, lemmas in (data.get("context_words") or {}).items():
            for lemma in _string_list(lemmas, f"context_words.{tag}", path):
                context_words.setdefault(lemma, str(tag))
    _check_unique_ids(patterns)
    verbs, nouns = _index(patterns, extra)
    return Lexicon(patterns, verbs, nouns, {k: frozenset(v) for k, v in words.items()}, context_words,
                   digest.hexdigest(), tuple(str(p) for p in (*extra, LEXICON_FILE)))


@lru_cache(maxsize=1)
def load_scale() -> Scale:
    data = _read_yaml(SCALE_FILE)

    def entries(section: str) -> dict[str, tuple[float, int]]:
        return {str(k): (float(v["intensity"]), int(v["quad"])) for k, v in (data.get(section) or {}).items()}

    scale = Scale(entries("types"), entries("modes"))
    missing = [t for t in EVENT_TYPES if t not in scale.types]
    if missing:
        raise StorylineError(CONFIG_INVALID, f"the intensity table has no entry for {missing}", source=str(SCALE_FILE))
    return scale


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        detail = f"cannot read the event lexicon: {exc.strerror}"
        raise StorylineError(CONFIG_INVALID, detail, source=str(path)) from exc
    except yaml.YAMLError as exc:
        raise StorylineError(CONFIG_INVALID, f"the event lexicon is not valid YAML: {exc}", source=str(path)) from exc
    if not isinstance(data, dict):
        raise StorylineError(CONFIG_INVALID, "an event lexicon is a mapping with a `patterns` list",
                             source=str(path))
    return data


def _parse_patterns(data: dict[str, Any], path: Path) -> list[Pattern]:
    entries = data.get("patterns") or []
    if not isinstance(entries, list):
        raise StorylineError(CONFIG_INVALID, "`patterns` must be a list", source=str(path))
    return [_parse_pattern(entry, path, number) for number, entry in enumerate(entries, 1)]


def _parse_pattern(entry: Any, path: Path, number: int) -> Pattern:
    def fail(detail: str) -> StorylineError:
        return StorylineError(CONFIG_INVALID, f"pattern {number}: {detail}", source=str(path))

    if not isinstance(entry, dict):
        raise fail("each pattern is a mapping with at least `id`, `type` and `verbs` or `nouns`")
    unknown = sorted(set(entry) - _PATTERN_KEYS)
    if unknown:
        raise fail(f"unknown keys {unknown}; allowed: {sorted(_PATTERN_KEYS)}")
    if not entry.get("id"):
        raise fail("`id` is missing")
    if entry.get("type") not in EVENT_TYPES:
        raise fail(f"`type` {entry.get('type')!r} is not a PLOVER type ({', '.join(EVENT_TYPES)})")
    if not entry.get("verbs") and not entry.get("nouns"):
        raise fail(f"{entry['id']}: give `verbs` or `nouns`")
    return Pattern(
        id=str(entry["id"]), type=str(entry["type"]), mode=str(entry["mode"]) if entry.get("mode") else None,
        contexts=tuple(_string_list(entry.get("context", []), "context", path)),
        objects=frozenset(w.lower() for w in _string_list(entry.get("objects", []), "objects", path)),
        verbs=tuple(_phrase(w) for w in _string_list(entry.get("verbs", []), "verbs", path)),
        nouns=tuple(_noun_phrase(w) for w in _string_list(entry.get("nouns", []), "nouns", path)),
        origin=str(path))


def _phrase(words: str) -> Phrase:
    head, *extras = words.lower().split()
    return Phrase(head, tuple(extras))


def _noun_phrase(words: str) -> Phrase:
    """Nouns are written as they read, so the head is the last word ("hunger strike")."""
    *modifiers, head = words.lower().split()
    return Phrase(head, tuple(modifiers))


def _string_list(value: Any, what: str, path: Path) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise StorylineError(CONFIG_INVALID, f"`{what}` must be a list of words", source=str(path))
    return [v.strip() for v in value]


def _check_unique_ids(patterns: list[Pattern]) -> None:
    seen: dict[str, str] = {}
    for pattern in patterns:
        if pattern.id in seen:
            raise StorylineError(CONFIG_INVALID, f"pattern id {pattern.id!r} is defined twice",
                                 source=f"{seen[pattern.id]} and {pattern.origin}")
        seen[pattern.id] = pattern.origin


def _index(patterns: list[Pattern], extra: tuple[Path, ...]) -> tuple[dict[str, list[tuple[Pattern, Phrase]]],
                                                                      dict[str, list[tuple[Pattern, Phrase]]]]:
    verbs: dict[str, list[tuple[int, Pattern, Phrase]]] = {}
    nouns: dict[str, list[tuple[int, Pattern, Phrase]]] = {}
    users = {str(p) for p in extra}
    for order, pattern in enumerate(patterns):
        for table, phrases in ((verbs, pattern.verbs), (nouns, pattern.nouns)):
            for phrase in phrases:
                table.setdefault(phrase.head, []).append((order, pattern, phrase))

    def specificity(item: tuple[int, Pattern, Phrase]) -> tuple[int, int, int, int]:
        order, pattern, phrase = item
        # a user's pattern first, then patterns that need an object, then longer phrases, then file order
        return (pattern.origin not in users, not pattern.objects, -len(phrase.extras), order)

    def ordered(table: dict[str, list[tuple[int, Pattern, Phrase]]]) -> dict[str, list[tuple[Pattern, Phrase]]]:
        return {head: [(p, ph) for _, p, ph in sorted(items, key=specificity)] for head, items in table.items()}

    return ordered(verbs), ordered(nouns)
