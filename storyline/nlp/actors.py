"""Resolve every mention of an actor in a parsed document to a canonical actor.

The actor dictionary (``storyline/nlp/data/actors/*.yaml`` plus user files) names states, international
bodies, groups and people; the title lexicon (``storyline/nlp/data/sectors.yaml``) maps head nouns and titles
to sectors. `resolve_actors` reads a spaCy ``Doc`` (tagger, parser, NER) and finds, in this order:

1. dictionary names, longest first, on normalised tokens ("U.S." = "US", "al-Assad" = "Al Assad", curly
   apostrophes = straight ones);
2. country words (state names, demonyms, capitals, seats) and the title nouns they modify ("Russian forces",
   "Sudan's government", "president of Armenia"): the country comes from the word, the sector from the noun;
3. people, with the title before them trusted over their dated role ("former president ..." -> ELI);
4. titles standing alone ("the Syrian president"), linked to a person named earlier when one fits;
5. capitals and seats of power as the government when they act ("Moscow said"), never when they are a place
   ("a hotel in Geneva");
6. named entities the dictionary does not know, kept as unknown actors.

An actor the text gives no country of its own ("refugees fleeing the war in Liberia", "Tamil refugees", "the town
of Cizre in southeastern Turkey") takes the one country its sentence names, leaving out the other party of the
action ("talks with Russia"), allegiances ("anti-Syria"), sponsors ("Turkish-backed"), neighbours ("the Thai
border") and the countries of armed forces and diplomats, who act abroad ("Israeli troops fired on protesters").
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Doc, Span, Token

from storyline.errors import CONFIG_INVALID, StorylineError
from storyline.nlp.types import ActorMention

__all__ = ["Actor", "ActorDictionary", "Role", "TitleLexicon", "load_dictionary", "load_lexicon", "resolve_actors"]

DATA_DIR = Path(__file__).resolve().parent / "data"
ACTORS_DIR = DATA_DIR / "actors"
SECTORS_FILE = DATA_DIR / "sectors.yaml"
REGIONS_FILE = DATA_DIR / "regions.yaml"

KINDS = ("state", "igo", "ngo", "group", "person")
_CODE = re.compile(r"^[A-Z]{3}$")
_SECTOR = re.compile(r"^[A-Z]{3}$")
_SKIPPED_TOKENS = frozenset({"-", "–", "—", "‐", "."})
_ARABIC_ARTICLES = frozenset({"al", "el"})
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame"})  # compared without their dots
_MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "nn"})
_PLACE_FORMS = frozenset({"capital", "seat", "region"})  # names of places rather than of states
_COUNTERPART = frozenset({"against", "with", "to", "toward", "towards", "from", "on", "by"})
_WITHIN = frozenset({"in", "inside", "throughout", "across"})
# Nouns that only say what kind of place a name is ("Sindh province", "the Tyumen region").
_PLACE_NOUNS = frozenset({"province", "provinces", "region", "regions", "state", "city", "district", "governorate",
                          "oblast", "county", "territory", "territories", "area", "town", "village", "capital"})
_ALLEGIANCES = frozenset({"pro", "anti"})  # "pro-Western", "anti-Syria": a stance, not the actor's own country
_ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "poss", "dobj", "iobj", "appos", "ROOT", "attr", "csubj"})
_DASHES = re.compile(r"[-–—‐]+")
# The entry a region phrase that is not a state ("Latin America", "Korean Peninsula") is indexed under: it wins
# over the state name inside it by being longer, and then resolves to nothing.
_NOT_AN_ACTOR = ("", "not-an-actor")


# --- the dictionary ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Role:
    title: str
    country: str | None
    sector: str | None
    start: date | None
    end: date | None

    def covers(self, when: date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@dataclass(frozen=True)
class Actor:
    id: str
    kind: str
    name: str
    country: str | None
    sector: str | None
    names: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()  # regions, provinces and territories that stand for the state (regions.yaml)
    short: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    default_country: str | None = None
    default_sector: str | None = None
    parent: str | None = None
    independence: date | None = None  # states: the day it became one; before it, its capital was a city of ...
    predecessor: str | None = None  # ... this state ("Juba" before 9 July 2011 is in Sudan)

    def place_owner(self, when: date | None) -> str | None:
        """The state whose city or region this state's capital or region was on `when`, when it was not yet one."""
        if self.independence is not None and when is not None and when < self.independence:
            return self.predecessor
        return None

    def role_at(self, when: date | None) -> Role | None:
        """The role held on `when` (the latest begun when several overlap); the open one when `when` is unknown."""
        if when is None:
            current = [role for role in self.roles if role.end is None]
        else:
            current = [role for role in self.roles if role.covers(when)]
        if not current:
            return None
        return max(current, key=lambda role: role.start or date.min)


_Key = tuple[str, ...]


@dataclass
class ActorDictionary:
    """Actors by id and the lookup tables built from their names."""

    actors: dict[str, Actor]
    sources: dict[str, str] = field(default_factory=dict)  # id -> the file it came from
    digest: str = ""  # sha256 of the files it was built from: a new dictionary means documents are redone
    not_actors: tuple[str, ...] = ()  # phrases that contain a state name and are not that state ("Latin America")
    multinational: frozenset[str] = frozenset()  # lower-case words for peoples of several states ("european")
    # first normalised token -> [(key, [(actor id, form)])], longest key first; exact case and lower case
    _exact: dict[str, list[tuple[_Key, list[tuple[str, str]]]]] = field(default_factory=dict)
    _lower: dict[str, list[tuple[_Key, list[tuple[str, str]]]]] = field(default_factory=dict)
    # every key in lower case, for text written in capitals ("RUSSIA WARNS NATO")
    _folded: dict[str, list[tuple[_Key, list[tuple[str, str]]]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._index()

    def _index(self) -> None:
        exact: dict[_Key, list[tuple[str, str]]] = {}
        lower: dict[_Key, list[tuple[str, str]]] = {}
        for actor in self.actors.values():
            for form, names in _forms(actor):
                for name in names:
                    key = _name_key(name)
                    if not key:
                        continue
                    # Names written with capitals match only with those capitals: "US" is not "us".
                    table = exact if any(ch.isupper() for ch in name) else lower
                    entries = table.setdefault(key, [])
                    if (actor.id, form) not in entries:
                        entries.append((actor.id, form))
        for phrase in self.not_actors:
            key = _name_key(phrase)
            table = exact if any(ch.isupper() for ch in phrase) else lower
            table[key] = [_NOT_AN_ACTOR]
        folded: dict[_Key, list[tuple[str, str]]] = {}
        for key, entries in [*exact.items(), *lower.items()]:
            merged = folded.setdefault(tuple(part.lower() for part in key), [])
            merged.extend(entry for entry in entries if entry not in merged)
        self._exact = _by_first_token(exact)
        self._lower = _by_first_token(lower)
        self._folded = _by_first_token(folded)

    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def lookup(self, name: str) -> list[tuple[str, str]]:
        """The (actor id, form) pairs a name stands for, as the matcher would find it."""
        key = _name_key(name)
        for table, probe in ((self._exact, key), (self._lower, tuple(t.lower() for t in key))):
            for candidate, entries in table.get(probe[0], []) if probe else []:
                if candidate == probe:
                    return entries
        return []

    def find(self, norms: Sequence[str], capitals: Sequence[bool] = ()) -> list[tuple[int, int, list[tuple[str, str]]]]:
        """Longest non-overlapping matches over normalised tokens ('' marks a token to skip).

        Tokens flagged in `capitals` belong to text written in capitals, where case says nothing: there any name
        matches whatever its case, except one-word names that are also English function words ("WHO", "IS", "US").
        """
        found: list[tuple[int, int, list[tuple[str, str]]]] = []
        i, n = 0, len(norms)
        while i < n:
            if not norms[i]:
                best = None
            elif i < len(capitals) and capitals[i]:
                best = self._longest_in_capitals(norms, i)
            else:
                best = self._longest_at(norms, i)
            if best is None:
                i += 1
                continue
            end, entries = best
            found.append((i, end, entries))
            i = end
        return found

    def _longest_at(self, norms: Sequence[str], i: int) -> tuple[int, list[tuple[str, str]]] | None:
        best: tuple[int, list[tuple[str, str]]] | None = None
        first = norms[i]
        for table, fold in ((self._exact, False), (self._lower, True)):
            for key, entries in table.get(first.lower() if fold else first, ()):
                end = _match_key(norms, i, key, fold)
                if end is not None and (best is None or end > best[0]):
                    best = (end, entries)
                    break  # keys are longest first: the first that fits is this table's best
        return best

    def _longest_in_capitals(self, norms: Sequence[str], i: int) -> tuple[int, list[tuple[str, str]]] | None:
        for key, entries in self._folded.get(norms[i].lower(), ()):
            if len(key) == 1 and key[0] in _function_words():
                continue
            end = _match_key(norms, i, key, True)
            if end is not None:
                return end, entries
        return None


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _forms(actor: Actor) -> Iterable[tuple[str, tuple[str, ...]]]:
    yield "name", (actor.name, *actor.names)
    yield "demonym", actor.demonyms
    yield "capital", actor.capitals
    yield "seat", actor.seats
    yield "region", actor.regions
    yield "short", actor.short


def _by_first_token(table: dict[_Key, list[tuple[str, str]]]) -> dict[str, list[tuple[_Key, list[tuple[str, str]]]]]:
    index: dict[str, list[tuple[_Key, list[tuple[str, str]]]]] = {}
    for key, entries in table.items():
        index.setdefault(key[0], []).append((key, entries))
    for keys in index.values():
        keys.sort(key=lambda item: -len(item[0]))
    return index


def _match_key(norms: Sequence[str], i: int, key: _Key, fold: bool) -> int | None:
    """The end (exclusive) of `key` matched from token i, skipping hyphens; None when it does not match."""
    j, n = i, len(norms)
    for part in key:
        while j < n and not norms[j]:
            j += 1
        if j >= n:
            return None
        token = norms[j].lower() if fold else norms[j]
        if token != part:
            return None
        j += 1
    return j


def normalise_token(text: str) -> str:
    """The form tokens are compared in: straight apostrophes, no dots, "al"/"Al"/"el" as "al"; '' to skip."""
    if text in _SKIPPED_TOKENS:
        return ""
    norm = text.replace("’", "'").replace("‘", "'")
    if "." in norm:
        norm = norm.replace(".", "")
    if norm.lower() in _ARABIC_ARTICLES:
        return "al"
    return norm


@lru_cache(maxsize=1)
def _name_tokenizer() -> Any:
    import spacy

    # The same tokenizer rules as the English pipeline, so names split as document text does.
    return spacy.blank("en").tokenizer


def _name_key(name: str) -> _Key:
    tokens = _name_tokenizer()(name.replace("-", " - "))
    return tuple(norm for norm in (normalise_token(token.text) for token in tokens) if norm)


# --- loading and validation ----------------------------------------------------------------------------------

_CACHE: dict[tuple[tuple[str, int], ...], ActorDictionary] = {}


def builtin_files() -> list[Path]:
    return sorted(ACTORS_DIR.glob("*.yaml")) if ACTORS_DIR.is_dir() else []


def load_dictionary(extra: Sequence[Path] = ()) -> ActorDictionary:
    """The built-in actor dictionary plus user files (a user entry with an existing id replaces it); cached."""
    # Keyed by path and modification time, so an edited user file is read again.
    cache_key = tuple((str(Path(path).resolve()), _mtime(Path(path))) for path in extra)
    cached = _CACHE.get(cache_key)
    if cached is not None:
        return cached
    actors: dict[str, Actor] = {}
    sources: dict[str, str] = {}
    for path in builtin_files():
        for actor in _read_file(path):
            if actor.id in actors:
                raise StorylineError(CONFIG_INVALID, f"id {actor.id!r} is already defined in {sources[actor.id]}",
                                     source=str(path), where=f"entry {actor.id}")
            actors[actor.id] = actor
            sources[actor.id] = str(path)
    for path in extra:
        for actor in _read_file(Path(path)):
            actors[actor.id] = actor
            sources[actor.id] = str(path)
    regions = _read_regions_file()
    _add_regions(actors, _regions(regions))
    digest = hashlib.sha256()
    for path in [*builtin_files(), *map(Path, extra), REGIONS_FILE]:
        digest.update(path.read_bytes())
    multinational = frozenset(word.lower() for word in _phrase_list(regions, "multinational"))
    dictionary = ActorDictionary(actors, sources, digest.hexdigest(), _phrase_list(regions, "not_states"),
                                 multinational)
    _CACHE[cache_key] = dictionary
    return dictionary


def _add_regions(actors: dict[str, Actor], regions: dict[str, str]) -> None:
    """Give each state the region names of regions.yaml that belong to it ("Darfur" -> SDN)."""
    by_state: dict[str, list[str]] = {}
    for name, code in regions.items():
        by_state.setdefault(code, []).append(name)
    for code, names in by_state.items():
        actor = actors.get(code)
        if actor is not None and actor.kind == "state":
            actors[code] = replace(actor, regions=tuple(names))


def _read_regions_file() -> dict[str, Any]:
    if not REGIONS_FILE.is_file():
        return {}
    try:
        data = yaml.safe_load(REGIONS_FILE.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise StorylineError(CONFIG_INVALID, f"not valid YAML: {exc}", source=str(REGIONS_FILE)) from exc
    if not isinstance(data, dict):
        raise StorylineError(CONFIG_INVALID, "expected a mapping with `regions`", source=str(REGIONS_FILE))
    return data


def _phrase_list(data: dict[str, Any], key: str) -> tuple[str, ...]:
    phrases = data.get(key) or []
    if not isinstance(phrases, list) or not all(isinstance(phrase, str) and phrase.strip() for phrase in phrases):
        raise StorylineError(CONFIG_INVALID, f"`{key}` must be a list of phrases", source=str(REGIONS_FILE))
    return tuple(phrases)


def _regions(data: dict[str, Any]) -> dict[str, str]:
    if not data:
        return {}
    regions = data.get("regions")
    if not isinstance(regions, dict):
        raise StorylineError(CONFIG_INVALID, "expected a `regions` mapping of name to country code",
                             source=str(REGIONS_FILE))
    for name, code in regions.items():
        if not isinstance(name, str) or not isinstance(code, str) or not _CODE.match(code):
            raise StorylineError(CONFIG_INVALID, f"region {name!r} needs a three-letter country code, not {code!r}",
                                 source=str(REGIONS_FILE), where=str(name))
    return regions


def _mtime(path: Path) -> int:
    return path.stat().st_mtime_ns if path.exists() else 0


def _read_file(path: Path) -> list[Actor]:
    if not path.is_file():
        raise StorylineError(CONFIG_INVALID, "actor dictionary file not found", source=str(path))
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise StorylineError(CONFIG_INVALID, f"not valid YAML: {exc}", source=str(path)) from exc
    if data is None:
        return []
    if not isinstance(data, list):
        raise StorylineError(CONFIG_INVALID, "expected a list of actor entries", source=str(path))
    actors: list[Actor] = []
    seen: set[str] = set()
    for number, entry in enumerate(data, start=1):
        actor = _parse_entry(entry, path, number)
        if actor.id in seen:
            raise StorylineError(CONFIG_INVALID, "duplicate id", source=str(path), where=f"entry {actor.id}")
        seen.add(actor.id)
        actors.append(actor)
    return actors


def _parse_entry(entry: Any, path: Path, number: int) -> Actor:
    if not isinstance(entry, dict):
        raise StorylineError(CONFIG_INVALID, "an entry must be a mapping", source=str(path), where=f"entry #{number}")
    actor_id = entry.get("id")
    if not isinstance(actor_id, str) or not actor_id.strip():
        raise StorylineError(CONFIG_INVALID, "missing `id`", source=str(path), where=f"entry #{number}")

    def fail(detail: str) -> StorylineError:
        return StorylineError(CONFIG_INVALID, detail, source=str(path), where=f"entry {actor_id}")

    kind = entry.get("kind")
    if kind not in KINDS:
        raise fail(f"`kind` must be one of {', '.join(KINDS)}, not {kind!r}")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise fail("missing `name`")
    default = entry.get("default") or {}
    if not isinstance(default, dict):
        raise fail("`default` must be a mapping of country and sector")
    return Actor(
        id=actor_id, kind=kind, name=name,
        country=_code(entry.get("country"), "country", fail), sector=_code(entry.get("sector"), "sector", fail),
        names=_strings(entry, "names", fail), demonyms=_strings(entry, "demonyms", fail),
        capitals=_strings(entry, "capitals", fail), seats=_strings(entry, "seats", fail),
        short=_strings(entry, "short", fail), roles=_roles(entry.get("roles"), fail),
        default_country=_code(default.get("country"), "default country", fail),
        default_sector=_code(default.get("sector"), "default sector", fail),
        parent=entry.get("parent") if isinstance(entry.get("parent"), str) else None,
        **_independence(entry.get("independence"), fail),
    )


def _independence(value: Any, fail: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict) or value.get("date") is None or value.get("from") is None:
        raise fail("`independence` must be a mapping with `date` and `from` (the state it was part of)")
    when = _date(value["date"], "independence date", fail)
    return {"independence": when, "predecessor": _code(value["from"], "independence `from`", fail)}


def _strings(entry: dict[str, Any], key: str, fail: Any) -> tuple[str, ...]:
    value = entry.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise fail(f"`{key}` must be a list of non-empty strings")
    return tuple(value)


def _code(value: Any, what: str, fail: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _CODE.match(value):
        raise fail(f"{what} must be a three-letter upper-case code or null, not {value!r}")
    return value


def _roles(value: Any, fail: Any) -> tuple[Role, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise fail("`roles` must be a list")
    roles: list[Role] = []
    for item in value:
        if not isinstance(item, dict) or not isinstance(item.get("title"), str):
            raise fail("each role needs a `title`")
        start, end = _date(item.get("start"), "role start", fail), _date(item.get("end"), "role end", fail)
        if start and end and end < start:
            raise fail(f"role {item['title']!r} ends ({end}) before it starts ({start})")
        roles.append(Role(item["title"], _code(item.get("country"), "role country", fail),
                          _code(item.get("sector"), "role sector", fail), start, end))
    return tuple(roles)


def _date(value: Any, what: str, fail: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise fail(f"{what} {value!r} is not a date (YYYY-MM-DD)") from None


# --- the title lexicon ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TitleLexicon:
    phrases: dict[str, list[tuple[_Key, str]]]  # first word -> [(words, sector)], longest first
    generic: frozenset[str]
    former: frozenset[str]
    seat_sectors: dict[str, str]
    locative: frozenset[str]
    country_locative: frozenset[str]
    motion_verbs: frozenset[str]
    leading_participles: frozenset[str] = frozenset()  # "U.S.-led forces": the noun is the country's
    sponsor_participles: frozenset[str] = frozenset()  # "Turkish-backed rebels": the country stands behind the noun
    abroad: frozenset[str] = frozenset()  # titles held abroad by trade ("ambassador", "foreign minister")
    relational: frozenset[str] = frozenset()  # nouns after which a country is a neighbour ("border")

    def title_at(self, lowers: Sequence[str], i: int) -> tuple[int, str] | None:
        """The longest title phrase starting at token i: (end exclusive, sector)."""
        for key, sector in self.phrases.get(lowers[i], ()):
            end = _match_key(lowers, i, key, False)  # skips hyphens: "Secretary-General", "vice-president"
            if end is not None:
                return end, sector
        return None


@lru_cache(maxsize=1)
def load_lexicon() -> TitleLexicon:
    data = yaml.safe_load(SECTORS_FILE.read_text(encoding="utf-8"))
    phrases: dict[str, list[tuple[_Key, str]]] = {}
    for sector, words in data["sectors"].items():
        for word in words:
            key = tuple(word.lower().replace("-", " ").split())
            phrases.setdefault(key[0], []).append((key, sector))
    for keys in phrases.values():
        keys.sort(key=lambda item: -len(item[0]))
    return TitleLexicon(
        phrases=phrases, generic=frozenset(data["generic"]), former=frozenset(data["former"]),
        seat_sectors=dict(data["seat_sectors"]), locative=frozenset(data["locative"]),
        country_locative=frozenset(data["country_locative"]),
        motion_verbs=frozenset(data["motion_verbs"]),
        leading_participles=frozenset(data.get("leading_participles") or ()),
        sponsor_participles=frozenset(data.get("sponsor_participles") or ()),
        abroad=frozenset(data.get("abroad") or ()), relational=frozenset(data.get("relational") or ()),
    )


def singular(word: str) -> str:
    """A crude singular for lexicon lookups: "militias" -> "militia", "parties" -> "party", "forces" -> "force"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


# --- resolution ----------------------------------------------------------------------------------------------


@dataclass
class _Word:
    """A dictionary match in the text: a country word (state name, demonym, capital, seat) or a named actor."""

    start: int
    end: int
    actor: Actor | None  # None for a nationality spaCy knows and the dictionary does not ("Kurdish")
    form: str  # name | demonym | capital | seat | short | norp
    candidates: tuple[Actor, ...] = ()
    chars: tuple[int, int] | None = None  # character offsets when it is part of a token ("U.S." in "U.S.-led")

    @property
    def is_country_word(self) -> bool:
        return self.actor is None or self.actor.kind == "state"


@dataclass
class _Title:
    """A title or head noun from the lexicon: "Foreign Minister", "forces", "president of Armenia"."""

    head: int
    start: int
    end: int
    sector: str
    words: tuple[str, ...]
    countries: list[_Word] = field(default_factory=list)
    person: int | None = None  # index into _Resolver.people when the title names a person
    owner: int | None = None  # index into _Resolver.people when a person's name qualifies it ("Obama administration")


@dataclass
class _Person:
    start: int
    end: int
    word: _Word | None  # the dictionary match, None for a PERSON entity the dictionary does not know
    titles: list[_Title] = field(default_factory=list)
    countries: list[_Word] = field(default_factory=list)
    owns: _Title | None = None  # the title this person's name qualifies, emitted in the person's place


@dataclass(frozen=True)
class _Introduced:
    """A person mentioned earlier in the document, for coreference."""

    mention: ActorMention
    last_word: str
    title_words: frozenset[str]


def resolve_actors(
    doc: Doc, when: date | None, dictionary: ActorDictionary, *, places_as_actors: bool = False
) -> list[ActorMention]:
    """Every actor mention in `doc`, resolved against `dictionary` as of `when`, in text order.

    With places_as_actors, a place name used as a place ("talks in Geneva") is kept as a mention of the
    state or government it belongs to: the convention of event-data gold standards that code locations
    as targets, used when scoring against them.
    """
    return _Resolver(doc, when, dictionary, load_lexicon(), places_as_actors).run()


class _Resolver:
    def __init__(self, doc: Doc, when: date | None, dictionary: ActorDictionary, lexicon: TitleLexicon,
                 places_as_actors: bool = False):
        self.doc, self.when, self.dictionary, self.lexicon = doc, when, dictionary, lexicon
        self.places_as_actors = places_as_actors
        self.norms = [normalise_token(token.text) for token in doc]
        self.lowers = [norm.lower() for norm in self.norms]
        self.taken = [False] * len(doc)
        self.mentions: list[ActorMention] = []
        self.introduced: list[_Introduced] = []
        self.words: list[_Word] = []
        self.word_at: dict[int, _Word] = {}
        self.titles: dict[int, _Title] = {}  # head token -> title
        self.title_of_token: dict[int, _Title] = {}
        self.people: list[_Person] = []
        self.person_at: dict[int, int] = {}
        self.places: set[int] = set()  # tokens of place names used as places
        self.split_taken: set[int] = set()  # tokens of which only a part is taken ("U.S." of "U.S.–Russia")
        self.sponsors: set[int] = set()  # "Turkish-backed": tokens no title's noun phrase takes in
        self.capitals = self._capital_tokens()
        self.qualifying: set[int] | None = None  # ids of country words that place no one else, once titles are known

    def run(self) -> list[ActorMention]:
        self._find_words()
        self._find_titles()
        self._find_people()
        self._attach_country_words()
        self._claim_entities_with_country_words()
        for index in range(len(self.people)):
            self._emit_person(index)
        self._emit_titles()
        self._emit_words()
        self._emit_unknown_entities()
        return sorted(self.mentions, key=lambda mention: mention.start)

    # --- finding -----------------------------------------------------------------------------------------

    def _capital_tokens(self) -> list[bool]:
        """Which tokens sit in a sentence written mostly in capitals (a headline), where case says nothing."""
        flags = [False] * len(self.doc)
        for sentence in self.doc.sents:
            lettered = [token for token in sentence if sum(ch.isalpha() for ch in token.text) > 1]
            if len(lettered) >= 3 and sum(token.text.isupper() for token in lettered) >= 0.7 * len(lettered):
                flags[sentence.start:sentence.end] = [True] * len(sentence)
        return flags

    def _pieces(self) -> tuple[list[str], list[int], list[tuple[int, int]]]:
        """Normalised tokens with hyphenated ones cut at their dashes ("U.S.-led" -> "US", "", "led"), each piece
        with its token and character offsets, so that a name inside a token is found."""
        pieces: list[str] = []
        owners: list[int] = []
        offsets: list[tuple[int, int]] = []
        for token, norm in zip(self.doc, self.norms, strict=True):
            parts = list(re.finditer(r"[^-–—‐]+", token.text)) if norm and _DASHES.search(token.text) else []
            if len(parts) < 2:
                pieces.append(norm)
                owners.append(token.i)
                offsets.append((token.idx, token.idx + len(token.text)))
                continue
            for number, part in enumerate(parts):
                if number:
                    pieces.append("")
                    owners.append(token.i)
                    offsets.append((token.idx + part.start(), token.idx + part.start()))
                pieces.append(normalise_token(part.group()))
                owners.append(token.i)
                offsets.append((token.idx + part.start(), token.idx + part.end()))
        return pieces, owners, offsets

    def _find_words(self) -> None:
        pieces, owners, offsets = self._pieces()
        for first, last, entries in self.dictionary.find(pieces, [self.capitals[owner] for owner in owners]):
            start, end = owners[first], owners[last - 1] + 1
            if entries == [_NOT_AN_ACTOR]:  # "Latin America": neither the state inside it nor an unknown actor
                self.places.update(range(start, end))
                continue
            word = self._word(start, end, entries)
            if word is None:
                continue
            chars = (offsets[first][0], offsets[last - 1][1])
            if chars != (self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1].text)):
                word.chars = chars
            self.words.append(word)
            for i in range(start, end):
                self.word_at.setdefault(i, word)
        for ent in self.doc.ents:  # nationalities the dictionary does not know still modify titles
            if ent.label_ == "NORP" and not any(i in self.word_at or i in self.places
                                                for i in range(ent.start, ent.end)):
                word = _Word(ent.start, ent.end, None, "norp")
                self.words.append(word)
                for i in range(ent.start, ent.end):
                    self.word_at[i] = word

    def _word(self, start: int, end: int, entries: list[tuple[str, str]]) -> _Word | None:
        resolved = [self._dated(actor, form) for actor_id, form in entries if (actor := self.dictionary.get(actor_id))]
        if all(form == "short" for _, form in resolved) and not all(
                self.doc[i].tag_ in ("NNP", "NNPS") for i in range(start, end)):
            return None  # a surname that is also a word ("Rice", "Power") only counts as a proper noun
        if all(form == "short" for _, form in resolved) and self._other_first_name(start):
            return None  # "Tom Wallace" is not the Wallace in the dictionary: a different given name comes first
        people = tuple(actor for actor, _ in resolved if actor.kind == "person")
        if people and all(actor.kind == "person" for actor, _ in resolved):
            return _Word(start, end, self._pick_person(people), resolved[0][1], people)
        preferred = sorted(resolved, key=lambda item: (item[1] != "name", item[0].kind == "person"))
        actor, form = preferred[0]
        return _Word(start, end, actor, form)

    def _dated(self, actor: Actor, form: str) -> tuple[Actor, str]:
        """A capital or region of a state that did not exist yet is a region of the state it was part of: "Juba"
        in 2000 is a city of Sudan, not South Sudan's government."""
        owner = actor.place_owner(self.when) if form in ("capital", "region") else None
        previous = self.dictionary.get(owner) if owner else None
        return (previous, "region") if previous is not None else (actor, form)

    def _other_first_name(self, start: int) -> bool:
        """A proper noun right before a surname, inside the same person's name, that is not a title."""
        if start == 0:
            return False
        before = self.doc[start - 1]
        in_person = before.ent_type_ == "PERSON" and self.doc[start].ent_type_ == "PERSON"
        return in_person and before.tag_ == "NNP" and self.lexicon.title_at(self.lowers, start - 1) is None

    def _pick_person(self, people: tuple[Actor, ...]) -> Actor:
        """Of people sharing a name, the one named earlier in the text, else the one in office on the date."""
        for earlier in reversed(self.introduced):
            for person in people:
                if earlier.mention.actor_id == person.id:
                    return person
        in_office = [person for person in people if person.role_at(self.when) is not None]
        return (in_office or list(people))[0]

    def _find_titles(self) -> None:
        doc, lexicon = self.doc, self.lexicon
        singulars = [singular(lower) for lower in self.lowers]
        for i in range(len(doc)):
            if i in self.title_of_token or (i in self.word_at and self.word_at[i].form != "norp"):
                continue
            found = lexicon.title_at(self.lowers, i) or lexicon.title_at(singulars, i)
            if found is None:
                continue
            end, sector = found
            if any(j in self.word_at and self.word_at[j].form != "norp" for j in range(i + 1, end)):
                continue  # a dictionary name wins over a title that runs into it
            raw = singulars[i:end]
            head = i + raw.index("of") - 1 if "of" in raw else end - 1
            words = tuple(word for word in raw if word)
            if doc[head].pos_ not in ("NOUN", "PROPN") and doc[head].tag_ != "JJ":
                continue
            title = _Title(head, i, end, sector, words)
            self.titles[head] = title
            for j in range(i, end):
                self.title_of_token[j] = title
        self._merge_modifier_titles()

    def _merge_modifier_titles(self) -> None:
        """ "rebel leaders": the modifier title gives the generic head its sector and stops being a head."""
        for head in sorted(self.titles):
            title = self.titles[head]
            token = self.doc[head]
            governor = self._title_governing(token)
            if governor is None or governor is title:
                continue
            # "government forces" stay armed forces: a government modifier does not make soldiers officials
            armed = governor.sector == "MIL" and title.sector == "GOV"
            if governor.words[-1] in self.lexicon.generic and governor.sector != title.sector and not armed:
                governor.sector = title.sector
            governor.start = min(governor.start, title.start)
            governor.end = max(governor.end, title.end)
            del self.titles[head]
            for j in range(title.start, title.end):
                self.title_of_token[j] = governor
        for title in self.titles.values():
            if self._is_former(title):
                title.sector = "ELI"

    def _title_governing(self, token: Token) -> _Title | None:
        if token.dep_ in _MODIFIER_DEPS:
            return self.title_of_token.get(token.head.i)
        if token.dep_ == "pobj" and token.head.lower_ == "of":
            governor = self.title_of_token.get(token.head.head.i)
            if governor is not None and governor.words[-1] in self.lexicon.generic:
                return governor
        return None

    def _is_former(self, title: _Title) -> bool:
        head = self.doc[title.head]
        before = {child.lower_ for child in head.lefts}
        if title.start > 0:
            before.add(self.lowers[title.start - 1])
            if title.start > 1 and self.norms[title.start - 1] == "":
                before.add(self.lowers[title.start - 2])
        return bool(before & self.lexicon.former)

    def _find_people(self) -> None:
        for word in self.words:
            if word.actor is not None and word.actor.kind == "person":
                self._add_person(_Person(word.start, word.end, word))
        for ent in self.doc.ents:
            if ent.label_ != "PERSON":
                continue
            start = ent.start
            while start < ent.end and (start in self.word_at or start in self.title_of_token):
                start += 1  # NER sometimes folds a title or nationality into the name
            if start < ent.end and not any(i in self.person_at or i in self.word_at for i in range(start, ent.end)):
                self._add_person(_Person(start, ent.end, None))
        for index, person in enumerate(self.people):
            self._attach_titles(index, person)
        for index, person in enumerate(self.people):
            self._attach_owned_title(index, person)

    def _add_person(self, person: _Person) -> None:
        for i in range(person.start, person.end):
            self.person_at[i] = len(self.people)
        self.people.append(person)

    def _attach_titles(self, index: int, person: _Person) -> None:
        doc = self.doc
        root = doc[person.start:person.end].root
        candidates: list[_Title] = []
        for child in root.children:
            title = self.titles.get(child.i)
            before_name = child.i < person.start and child.dep_ in ("compound", "nmod", "amod", "nn")
            if title and (before_name or child.dep_ == "appos"):
                candidates.append(title)
        before = person.start - 1
        if before >= 0 and self.lowers[before] in _HONORIFICS:
            before -= 1
        adjacent = self.title_of_token.get(before) if before >= 0 else None
        if adjacent is not None and adjacent not in candidates and adjacent.person is None:
            candidates.append(adjacent)
        if root.dep_ == "appos" and root.head.i in self.titles:
            candidates.append(self.titles[root.head.i])
        for title in candidates:
            if title.person is None:
                title.person = index
                person.titles.append(title)

    def _attach_owned_title(self, index: int, person: _Person) -> None:
        """ "the Obama administration", "Putin's government", "Assad forces": a known person's name qualifying a
        title gives it the country the person served at the time; the title keeps its own sector."""
        if person.word is None or person.word.actor is None or person.titles:
            return
        root = self.doc[person.start:person.end].root
        title = self.titles.get(root.head.i) if root.dep_ in ("compound", "poss") else None
        if title is not None and title.person is None and title.owner is None and not title.countries:
            title.owner = index
            person.owns = title

    def _attach_country_words(self) -> None:
        """Give each country word to the title or person it modifies ("Russian forces", "Sudan's president")."""
        for word in self.words:
            if not word.is_country_word:
                if word.actor is not None and word.actor.kind != "person":
                    self._attach_to_title(word)
                continue
            self._attach_to_title(word)

    def _attach_to_title(self, word: _Word) -> None:
        if self._is_allegiance(word):  # "anti-Syria journalists" are not Syria's; Syria is what they oppose
            self.sponsors.update(range(max(word.start - 2, 0) if word.chars is None else word.start, word.end))
            return
        participle = self._participle_after(word)
        if participle in self.lexicon.sponsor_participles:  # "Turkish-backed rebels": Turkey's backing, not its rebels
            self.sponsors.update(range(word.start, word.end if word.chars else word.end + 2))
            return
        token = self._climb_conj(self.doc[word.start:word.end].root)
        target = self._attachment_target(token)
        if participle in self.lexicon.leading_participles and word.chars is None:
            led = self.doc[word.end + 1]  # "Vietnamese - led forces": the noun the participle qualifies
            target = led.head if led.dep_ in _MODIFIER_DEPS else target
        if target is not None and target.i in self.person_at:
            person = self.people[self.person_at[target.i]]
            if word.actor is None or word.actor.kind != "person":  # "Kofi Annan, UN": the body is his too
                person.countries.append(word)
            return
        if target is not None and token.dep_ == "appos":
            return  # an apposition renames a person; next to a title it is a second actor
        title = self._title_of_noun(target) if target is not None else None
        if title is None and target is not None:
            title = self._people_group(target, word, token)
        if title is None and token.dep_ in _MODIFIER_DEPS:
            title = self._title_right_after(word)
        if title is not None and not (word.form == "name" and self._between_title_words(word, title)):
            title.countries.append(word)
            title.end = max(title.end, word.end) if word.start > title.head else title.end

    def _is_allegiance(self, word: _Word) -> bool:
        """A country word in a "pro-" or "anti-" compound: "pro-Iranian militias", "anti - American protests"."""
        if word.chars is not None:
            prefix = self.doc.text[self.doc[word.start].idx:word.chars[0]]
            return _DASHES.sub("", prefix).lower() in _ALLEGIANCES and _DASHES.search(prefix) is not None
        return word.start >= 2 and self.norms[word.start - 1] == "" and self.lowers[word.start - 2] in _ALLEGIANCES

    def _between_title_words(self, word: _Word, title: _Title) -> bool:
        """A name inside the title's own words; one in a phrase the title took in ("leaders of Romania's new
        government") still qualifies it."""
        return (self.title_of_token.get(word.start - 1) is title or word.start == title.start) and (
            self.title_of_token.get(word.end) is title or word.end == title.end)

    def _participle_after(self, word: _Word) -> str | None:
        """The word after the country word and a hyphen: "led" in "U.S.-led" and in "Vietnamese - led"."""
        if word.chars is not None:
            token = self.doc[word.end - 1]
            rest = self.doc.text[word.chars[1]:token.idx + len(token.text)]
            return rest.lstrip("-–—‐").lower() if _DASHES.match(rest) else None
        if word.end + 1 < len(self.doc) and _DASHES.fullmatch(self.doc[word.end].text):
            return self.lowers[word.end + 1]
        return None

    def _title_of_noun(self, noun: Token) -> _Title | None:
        """The title a noun is or ends: "opposition groups" is the opposition title's noun phrase."""
        title = self.title_of_token.get(noun.i)
        if title is not None:
            return title
        modifiers = [self.title_of_token.get(child.i) for child in noun.lefts if child.dep_ in ("compound", "amod")]
        return next((title for title in modifiers if title is not None and title.person is None), None)

    def _attachment_target(self, token: Token) -> Token | None:
        """The noun a country word or body qualifies: "Russian forces", "president of Armenia", "rebels in Darfur".
        A place noun in between passes it on: "the government of Sindh province" is Sindh's government."""
        target = self._direct_attachment(token)
        if target is not None and target.lower_ in _PLACE_NOUNS and target.i != token.i:
            return self._direct_attachment(target) or target
        return target

    def _direct_attachment(self, token: Token) -> Token | None:
        if token.dep_ in _MODIFIER_DEPS or token.dep_ == "appos":
            return token.head
        if token.dep_ != "pobj":
            return None
        preposition, noun = token.head, token.head.head
        if preposition.lower_ == "of":
            return noun
        # "rebels in Darfur", "ethnic Albanians in south Serbia": a group located in a country belongs to it. Plural
        # only: "the ambassador in Moscow" is usually someone else's envoy there.
        if preposition.lower_ in _WITHIN and noun.tag_ in ("NNS", "NNPS") and (
                self._title_of_noun(noun) is not None or self._is_ethnic(noun)):
            return noun
        return None

    def _people_group(self, target: Token, word: _Word, token: Token) -> _Title | None:
        """ "Iraqi Kurds", "Bosnian Serbs", "Albanians of southern Serbia": a people named by their nationality or
        ethnicity, qualified by a country, are civilians of that country rather than of the ethnic word's state."""
        group = self.word_at.get(target.i)
        if (group is None or group is word or group.form not in ("demonym", "norp")
                or target.tag_ not in ("NNS", "NNPS")):
            return None
        if token.dep_ in _MODIFIER_DEPS and word.form not in ("demonym", "norp", "name", "region"):
            return None  # "Moscow Jews" is not a people group of Russia's government
        title = _Title(target.i, group.start, group.end, "CVL", (singular(target.lower_),))
        self.titles[target.i] = title
        for i in range(group.start, group.end):
            self.title_of_token[i] = title
        return title

    def _title_right_after(self, word: _Word) -> _Title | None:
        """ "Israeli army bulldozers", "Israeli police custody": the parser hangs the country word on the last noun;
        the title right after it, in the same noun phrase, is what it qualifies."""
        title = self.title_of_token.get(word.end)
        head = self.doc[word.start:word.end].root.head
        if title is None or title.start != word.end or title.person is not None or head.i < title.head:
            return None
        return title

    def _is_ethnic(self, token: Token) -> bool:
        return any(child.lower_ == "ethnic" for child in token.lefts)

    @staticmethod
    def _climb_conj(token: Token) -> Token:
        while token.dep_ == "conj" and token.head.i < token.i:
            token = token.head
        return token

    # --- emitting ----------------------------------------------------------------------------------------

    def _free(self, start: int, end: int) -> bool:
        return not any(self.taken[start:end])

    def _free_for(self, word: _Word, start: int, end: int) -> bool:
        """Free for this word: a token another part of which was taken is still free for a part of it."""
        shared = [i for i in range(start, end) if self.taken[i]]
        if not shared:
            return True
        if word.chars is None or not all(i in self.split_taken and word.start <= i < word.end for i in shared):
            return False
        begin, finish = self._word_chars(word, start, end) or word.chars
        return not any(mention.start < finish and begin < mention.end for mention in self.mentions)

    def _word_chars(self, word: _Word, start: int, end: int) -> tuple[int, int] | None:
        """The character offsets of tokens start..end when a part-of-token word sits at either edge."""
        if word.chars is None:
            return None
        last = self.doc[end - 1]
        return (word.chars[0] if start == word.start else self.doc[start].idx,
                word.chars[1] if end == word.end else last.idx + len(last.text))

    def _emit(self, start: int, end: int, chars: tuple[int, int] | None = None, **fields: Any) -> ActorMention:
        span = self.doc[start:end]
        begin, finish = chars or (span.start_char, span.end_char)
        mention = ActorMention(start=begin, end=finish, text=self.doc.text[begin:finish], **fields)
        self.mentions.append(mention)
        for i in range(start, end):
            self.taken[i] = True
        if begin != span.start_char:
            self.split_taken.add(start)
        if finish != span.end_char:
            self.split_taken.add(end - 1)
        return mention

    def _emit_word(self, word: _Word, **fields: Any) -> ActorMention:
        return self._emit(word.start, word.end, chars=word.chars, **fields)

    def _claim_entities_with_country_words(self) -> None:
        """ "the Syrian Observatory for Human Rights": an organisation the dictionary does not know, in Syria."""
        for ent in self.doc.ents:
            if ent.label_ not in ("ORG", "FAC"):
                continue
            inside = [self.word_at[i] for i in range(ent.start, ent.end) if i in self.word_at]
            if not inside or not all(word.is_country_word for word in inside):
                continue
            start = ent.start + 1 if self.lowers[ent.start] in ("the", "a", "an") else ent.start
            if inside[0].start == start and inside[-1].end == ent.end and (
                    len({word.actor.id if word.actor else id(word) for word in inside}) == 1):
                continue  # the entity is the country's words themselves ("the White House", "the US State Department")
            if any(i in self.person_at for i in range(ent.start, ent.end)) or self._modifies_title(ent.root):
                continue  # "British Defence" tagged ORG before "Secretary Tom King": part of a title
            country = next((word.actor.country for word in inside if word.actor is not None), None)
            self._emit(ent.start, ent.end, actor_id=None, name=ent.text, kind="unknown", country=country,
                       sector=self._entity_sector(ent), method="unknown", confidence=0.6)

    def _is_town(self, ent: Span) -> bool:
        """A place the text presents as one: "the town of Cizre", "clashes in Kirkuk". An unknown name the text uses
        otherwise ("an offer from X", "X said") may be a country itself."""
        root = self._climb_conj(ent.root)
        if root.dep_ == "pobj" and root.head.lower_ == "of":
            return root.head.head.lower_ in _PLACE_NOUNS
        return root.dep_ == "pobj" and root.head.lower_ in self.lexicon.country_locative

    def _modifies_title(self, token: Token) -> bool:
        head = token.head.i
        return token.dep_ in _MODIFIER_DEPS and (head in self.person_at or head in self.title_of_token)

    def _entity_sector(self, ent: Span) -> str | None:
        title = self.title_of_token.get(ent.root.i)
        if title is not None:
            return title.sector
        found = [self.title_of_token[i] for i in range(ent.start, ent.end) if i in self.title_of_token]
        return found[0].sector if found else None

    def _emit_person(self, index: int) -> None:
        person = self.people[index]
        if person.owns is not None:
            return  # emitted with the title it qualifies
        countries = person.countries + [word for title in person.titles for word in title.countries]
        leading = [title for title in person.titles if title.start < person.start]
        before = [w.start for w in countries if w.start < person.start]
        start = min([person.start] + [t.start for t in leading] + before)
        if start > 0 and self.lowers[start - 1] in _HONORIFICS:
            start -= 1
        end = max([person.end] + [w.end for w in countries if w.start > person.end and w.end - person.end < 6])
        if not self._free(start, end):
            start, end = person.start, person.end
            if not self._free(start, end):
                return
        title = person.titles[0] if person.titles else None
        text_country = next((w.actor.country for w in countries if w.actor is not None and w.actor.kind == "state"),
                            None)
        body = next((w.actor for w in countries if w.actor is not None and w.actor.kind != "state"), None)
        if person.word is not None and person.word.actor is not None:
            mention = self._known_person(start, end, person.word, title, text_country)
        else:
            mention = self._unknown_person(start, end, person, title, text_country)
        if body is not None and mention.sector != "ELI":
            mention = self._serving(mention, body)
        words = set(title.words) if title else set()
        if mention.role:
            words.update(w.lower() for w in mention.role.split())
        self.introduced.append(_Introduced(mention, self.norms[person.end - 1], frozenset(words)))

    def _known_person(self, start: int, end: int, word: _Word, title: _Title | None,
                      text_country: str | None) -> ActorMention:
        actor = self._pick_person(word.candidates) if word.candidates else word.actor
        assert actor is not None
        role = actor.role_at(self.when)
        linked = any(earlier.mention.actor_id == actor.id for earlier in self.introduced)
        country = role.country if role else actor.default_country or actor.country
        sector = role.sector if role else actor.default_sector or actor.sector
        method = "role" if role else "name"
        if title is not None:  # the text's own title wins over the dated role
            country, sector, method = text_country or country, title.sector, "title"
        elif text_country:
            country = text_country
        if linked:
            method = "coreference"
        return self._emit(start, end, actor_id=actor.id, name=actor.name, kind="person", country=country,
                          sector=sector, method=method, role=role.title if role else None,
                          confidence=0.9 if method != "name" else 0.8)

    def _serving(self, mention: ActorMention, body: Actor) -> ActorMention:
        """ "U.N. mediator X", "Arab League Secretary General X", "Hamas leader X": a person named with the body they
        serve acts for it, so the body's country and sector replace those of the title or role."""
        served = replace(mention, country=body.country if body.kind == "group" else None,
                         sector=body.sector or mention.sector)
        self.mentions[self.mentions.index(mention)] = served
        return served

    def _unknown_person(self, start: int, end: int, person: _Person, title: _Title | None,
                        text_country: str | None) -> ActorMention:
        last = self.norms[person.end - 1]
        for earlier in reversed(self.introduced):
            if earlier.last_word == last and title is None and not text_country:
                m = earlier.mention
                return self._emit(start, end, actor_id=m.actor_id, name=m.name, kind=m.kind, country=m.country,
                                  sector=m.sector, method="coreference", role=m.role, confidence=0.8)
        text = self.doc[person.start:person.end].text
        country, confidence = text_country, 0.7 if title else 0.5
        if country is None and title is not None:  # "President X lifted the curfew in Sudan": the one country named
            country, confidence = self._person_sentence_country(person), 0.4
        return self._emit(start, end, actor_id=None, name=text, kind="unknown", country=country,
                          sector=title.sector if title else None, method="title" if title else "unknown",
                          confidence=confidence)

    def _person_sentence_country(self, person: _Person) -> str | None:
        """The sentence's one country for a person; words of a coordinated person's name or title are that person's
        only ("Russian Foreign Minister X and Secretary of State Y": "Russian" is X's only)."""
        first = self._climb_conj(self.doc[person.start:person.end].root)
        others = {id(word) for other in self.people if other is not person
                  and self._climb_conj(self.doc[other.start:other.end].root) == first
                  for word in other.countries + [w for title in other.titles for w in title.countries]}
        if self.qualifying is None:
            self.qualifying = self._qualifying_words()
        return self._sentence_country(person.start, others | self.qualifying)

    def _sentence_country(self, token: int, others: set[int] | None = None) -> str | None:
        """The country of the sentence around a token when its state words name exactly one.

        Words naming the other party ("sanctions against Nigeria", "talks with Russia") are left out: they say
        nothing about this actor's country; so are allegiances and sponsors ("anti-Syria", "Turkish-backed")."""
        sentence = self.doc[token].sent
        countries = {word.actor.country for word in self.words
                     if sentence.start <= word.start < sentence.end and word.actor is not None
                     and word.actor.kind == "state" and id(word) not in (others or ())
                     and word.start not in self.sponsors and not self._names_counterpart(word)}
        return countries.pop() if len(countries) == 1 else None

    def _names_counterpart(self, word: _Word) -> bool:
        token = self._climb_conj(self.doc[word.start:word.end].root)
        return token.dep_ == "pobj" and token.head.lower_ in _COUNTERPART

    def _emit_titles(self) -> None:
        for head in sorted(self.titles):
            title = self.titles[head]
            if title.person is not None or self.taken[head]:
                continue
            token = self.doc[head]
            if token.pos_ not in ("NOUN", "PROPN"):
                continue
            if title.owner is not None and not title.countries:
                self._emit_owned_title(title, self.people[title.owner])
            elif title.countries:
                self._emit_title_with_countries(title)
            else:
                self._emit_bare_title(title, token)

    def _emit_owned_title(self, title: _Title, person: _Person) -> None:
        assert person.word is not None and person.word.actor is not None
        actor = self._pick_person(person.word.candidates) if person.word.candidates else person.word.actor
        role = actor.role_at(self.when)
        country = role.country if role else actor.default_country or actor.country
        start = min(person.start, self._title_start(title))
        if not self._free(start, title.end):
            return
        state = self.dictionary.get(country) if country else None
        name = state.name if state else self.doc[start:title.end].text
        self._emit(start, title.end, actor_id=state.id if state else None, name=name,
                   kind=state.kind if state else "unknown", country=country, sector=title.sector, method="title",
                   role=role.title if role else None, confidence=0.8)

    def _title_start(self, title: _Title) -> int:
        start = min([title.start] + [w.start for w in title.countries if w.start < title.start])
        left = self.doc[title.head].left_edge.i
        while left < start and (self.taken[left] or left in self.sponsors):
            left += 1
        begin = min(start, max(left, start - 3))
        # "a prominent anti-Syria journalist": the phrase starts after the sponsor or allegiance, a second actor
        blocked = [i for i in range(begin, start) if i in self.sponsors]
        return blocked[-1] + 1 if blocked else begin

    def _emit_title_with_countries(self, title: _Title) -> None:
        words = self._actor_words(sorted(title.countries, key=lambda word: word.start))
        for position, word in enumerate(words):
            last = position == len(words) - 1
            start = self._title_start(title) if position == 0 else word.start
            end = max(title.end, word.end) if last else word.end
            if not self._free_for(word, start, end):
                start, end = word.start, word.end
                if not self._free_for(word, start, end):
                    continue
            actor = word.actor
            earlier = self._earlier_holder(title, self.doc[title.head], actor.country if actor else None)
            if earlier is not None and len(words) == 1:
                self._emit_coreference(start, end, earlier)
                continue
            method = {"demonym": "demonym", "capital": "metonymy", "seat": "metonymy"}.get(word.form, "title")
            chars = self._word_chars(word, start, end)
            if actor is None:  # "Tamil refugees": a people without a state of their own, placed by the sentence
                self._emit(start, end, chars, actor_id=None, name=self.doc[start:end].text, kind="unknown",
                           country=self._context_country(start, end, title.head, title.sector), sector=title.sector,
                           method="unknown", confidence=0.5)
            else:
                self._emit(start, end, chars, actor_id=actor.id, name=actor.name, kind=actor.kind,
                           country=self._ethnic_country(word, actor), sector=title.sector, method=method,
                           confidence=0.9)

    def _actor_words(self, words: list[_Word]) -> list[_Word]:
        """The words that each make an actor of the title. A nationality or movement the dictionary does not know,
        stacked with a known country ("Nicaragua's Sandinista government", "Iraqi Kurdish forces"), only
        qualifies that country's actor; coordinated ("Kurdish and Iraqi forces") it is an actor of its own."""
        if all(word.actor is None for word in words):
            return words
        return [word for word in words if word.actor is not None or self._coordinated(word)]

    def _coordinated(self, word: _Word) -> bool:
        root = self.doc[word.start:word.end].root
        return root.dep_ == "conj" or any(child.dep_ == "conj" for child in root.children)

    def _emit_bare_title(self, title: _Title, token: Token) -> None:
        start = self._title_start(title)
        if not self._free(start, title.end):
            start = title.start
            if not self._free(start, title.end):
                return
        earlier = self._earlier_holder(title, token, None)
        if earlier is not None:
            self._emit_coreference(start, title.end, earlier)
            return
        self._emit(start, title.end, actor_id=None, name=self.doc[start:title.end].text, kind="unknown",
                   country=self._context_country(start, title.end, title.head, title.sector), sector=title.sector,
                   method="title", confidence=0.4)

    def _context_country(self, start: int, end: int, token: int, sector: str | None) -> str | None:
        """ "refugees fleeing the war in Liberia", "Tamil refugees held by Sri Lankan police": an actor the text gives
        no country of its own (tokens start..end) is placed in the one country its sentence names. Bodies that work
        across borders (international bodies, NGOs) are not placed by where they work, nor are actors described
        by a word for several states' peoples ("European partners", "foreign fighters")."""
        if sector in ("IGO", "NGO") or any(lower in self.dictionary.multinational for lower in self.lowers[start:end]):
            return None
        if self.qualifying is None:
            self.qualifying = self._qualifying_words()
        return self._sentence_country(token, self.qualifying)

    def _qualifying_words(self) -> set[int]:
        """Country words that say nothing of where the sentence happens: those of armed forces and of diplomats,
        who act abroad ("Israeli troops fired on protesters"), and neighbours ("near the Thai border")."""
        abroad = [title for title in {id(title): title for title in self.title_of_token.values()}.values()
                  if self._held_abroad(title)]
        words = [word for title in abroad for word in title.countries]
        words += [word for person in self.people if any(title in abroad for title in person.titles)
                  for word in person.countries]
        words += [word for word in self.words if self.doc[word.start:word.end].root.head.lower_ in
                  self.lexicon.relational]
        return {id(word) for word in words}

    def _held_abroad(self, title: _Title) -> bool:
        joined = f" {' '.join(title.words)} "
        return title.sector == "MIL" or any(f" {phrase} " in joined for phrase in self.lexicon.abroad)

    def _earlier_holder(self, title: _Title, token: Token, country: str | None) -> _Introduced | None:
        """ "the (Syrian) president" after "President X": the latest person introduced with that title."""
        if token.tag_ in ("NNS", "NNPS") or title.words[-1] in self.lexicon.generic:
            return None
        head_word = singular(token.lower_)
        for earlier in reversed(self.introduced):
            if (earlier.mention.start < token.idx and head_word in earlier.title_words
                    and country in (None, earlier.mention.country)):
                return earlier
        return None

    def _emit_coreference(self, start: int, end: int, earlier: _Introduced) -> None:
        m = earlier.mention
        self._emit(start, end, actor_id=m.actor_id, name=m.name, kind=m.kind, country=m.country,
                   sector=m.sector, method="coreference", role=m.role, confidence=0.7)

    def _emit_words(self) -> None:
        for word in self.words:
            if not self._free_for(word, word.start, word.end) or word.form == "short" or (
                    word.actor is not None and word.actor.kind == "person"):
                continue
            actor = word.actor
            token = self._climb_conj(self.doc[word.start:word.end].root)
            if actor is None:
                self._emit_unknown_nationality(word, token)
            elif actor.kind != "state":
                self._emit_word(word, actor_id=actor.id, name=actor.name, kind=actor.kind,
                           country=actor.country, sector=actor.sector, method="name")
            elif not self._is_place(token, word.form):
                self._emit_state_word(word, actor, token)
            elif self.places_as_actors and word.form in _PLACE_FORMS:
                # A city or region kept as an actor stands for the people there ("shelling hit Aleppo").
                self._emit_word(word, actor_id=actor.id, name=actor.name, kind=actor.kind,
                           country=actor.country, sector="CVL", method="metonymy", confidence=0.5)
            elif self.places_as_actors:
                self._emit_state_word(word, actor, token)
            else:
                self.places.update(range(word.start, word.end))

    def _emit_state_word(self, word: _Word, actor: Actor, token: Token) -> None:
        if word.form == "demonym":
            people = token.tag_ in ("NNS", "NNPS")  # "the Palestinians" rather than "Palestinian lorries"
            sector = "CVL" if people else None
            if self._participle_after(word) in self.lexicon.sponsor_participles:
                sector = actor.sector  # "Russian-brokered": the state is the broker
            self._emit_word(word, actor_id=actor.id, name=actor.name, kind=actor.kind,
                            country=self._ethnic_country(word, actor), sector=sector, method="demonym",
                            confidence=0.8 if people else 0.6)
        elif word.form == "region":  # "Darfur", "Kurdistan": the country, but not its government
            self._emit_word(word, actor_id=actor.id, name=actor.name, kind=actor.kind,
                       country=actor.country, sector=None, method="name", confidence=0.6)
        elif word.form in ("capital", "seat"):
            seat = self.doc[word.start:word.end].text.removeprefix("the ")
            sector = self.lexicon.seat_sectors.get(seat, actor.sector) if word.form == "seat" else actor.sector
            self._emit_word(word, actor_id=actor.id, name=actor.name, kind=actor.kind,
                       country=actor.country, sector=sector, method="metonymy", confidence=0.8)
        else:
            self._emit_word(word, actor_id=actor.id, name=actor.name, kind=actor.kind,
                       country=actor.country, sector=actor.sector, method="name")

    def _ethnic_country(self, word: _Word, actor: Actor) -> str | None:
        """ "ethnic Albanians" are a minority in another state: the one other state the sentence names, if any."""
        if word.form != "demonym" or self.lowers[word.start - 1:word.start] != ["ethnic"]:
            return actor.country
        sentence = self.doc[word.start].sent
        others = {other.actor.country for other in self.words
                  if sentence.start <= other.start < sentence.end and other.actor is not None
                  and other.actor.kind == "state" and other.actor.country != actor.country
                  and other.start not in self.sponsors and not self._names_counterpart(other)}
        return others.pop() if len(others) == 1 else actor.country

    def _emit_unknown_nationality(self, word: _Word, token: Token) -> None:
        text = self.doc[word.start:word.end].text
        self._emit_word(word, actor_id=None, name=text, kind="unknown",
                        country=self._context_country(word.start, word.end, word.start, None), sector=None,
                        method="unknown", confidence=0.5)

    def _is_place(self, token: Token, form: str) -> bool:
        """A place name used as a place: object of "in", "at", "near", ... or of "visit"; capitals unless acting."""
        dep = token.dep_
        if dep == "pobj":  # "aid to Mozambique" names a recipient; "a hotel in Geneva" a place
            prepositions = self.lexicon.locative if form in _PLACE_FORMS else self.lexicon.country_locative
            return token.head.lower_ in prepositions
        if dep == "dobj" and self._motion_verb(token.head):
            return True
        if form == "region":  # a region acts only as a subject or owner ("Kurdistan voted", "Darfur's rebels")
            return dep not in ("nsubj", "nsubjpass", "agent") and dep not in _MODIFIER_DEPS
        if form == "capital":
            return dep not in _ACTING_DEPS and dep not in _MODIFIER_DEPS
        return False

    def _motion_verb(self, verb: Token) -> bool:
        lower = verb.lower_
        stems = {lower, lower.removesuffix("ed"), lower.removesuffix("d"), lower.removesuffix("s"),
                 lower.removesuffix("ing"), lower.removesuffix("ied") + "y"}
        return bool(stems & self.lexicon.motion_verbs)

    def _emit_unknown_entities(self) -> None:
        for ent in self.doc.ents:
            if ent.label_ not in ("PERSON", "ORG", "NORP", "GPE") or not self._free(ent.start, ent.end):
                continue
            if self.capitals[ent.start] and all(lower in _function_words() for lower in self.lowers[ent.start:ent.end]):
                continue  # "US" in "FLED US BASE": a word the tagger took for a name because of the capitals
            if any(i in self.places for i in range(ent.start, ent.end)):
                continue
            if ent.label_ == "GPE" and not self.places_as_actors and self._is_place(self._climb_conj(ent.root), "name"):
                continue
            # A town the dictionary does not know ("the town of Cizre in southeastern Turkey") lies in the sentence's
            # one country; organisations and people are not placed by the countries their sentence names.
            country = self._context_country(ent.start, ent.end, ent.start, None) if (
                ent.label_ == "GPE" and self._is_town(ent)) else None
            self._emit(ent.start, ent.end, actor_id=None, name=ent.text, kind="unknown", country=country,
                       sector=self._entity_sector(ent), method="unknown", confidence=0.5)
