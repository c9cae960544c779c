"""Measure event coding (storyline.events) on two public gold standards, beside a keyword baseline.

- The PLOVER gold standard (``events/PLOVER_GSR_CAMEO.json``): sentences from the CAMEO manual, each with
  its PLOVER v0.5 event type (mapped to PLOVER 1.0: DEMAND->REQUEST, DISAPPROVE and INVESTIGATE->ACCUSE,
  FIGHT->ASSAULT) and the country codes of its source and target actors. Per record we take our main event
  (`main_event`) and score: type accuracy (its PLOVER type equals the gold, over the records we coded),
  type recall (any of our events has the gold type, over all records), coverage (records with an event),
  and micro-F1 of the source and target country sets. Every number is also given on two halves, "dev"
  (records at even positions) and "held-out" (odd positions), to show whether tuning generalised.
- The CAMEO manual quad classes (``events/cameo_manual_quadclass.tsv``): sentences labelled 0 statement or
  appeal, 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. Our class
  is the main event's, 0 when we code none; scored by macro-F1 over the five classes.

The baseline takes the first word of the sentence found in a short keyword list per PLOVER type, the first
actor mention before that word as source and the first after it as target.

``python -m storyline.evaluation.events [--data FOLDER] [--errors N]`` (FOLDER holds both files).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from storyline.errors import EVAL_DATA_MISSING, StorylineError
from storyline.evaluation import default_data_dir
from storyline.evaluation.actors import _CAMEO_TO_ISO, _our_country, read_plover_file
from storyline.events.types import EVENT_TYPES, QUAD_CLASSES, Event, EventActor
from storyline.nlp.types import ActorMention

__all__ = [
    "BASELINE_KEYWORDS", "DEFAULT_FOLDER", "evaluate_events", "evaluate_quadclass", "format_events_report",
    "main", "plover_label", "score_plover", "score_quadclass", "set_f1",
]

DEFAULT_FOLDER = default_data_dir() / "events"
PLOVER_FILE = "PLOVER_GSR_CAMEO.json"
QUADCLASS_FILE = "cameo_manual_quadclass.tsv"

# PLOVER v0.5 labels that PLOVER 1.0 merged into others.
OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}

# The baseline's vocabulary: the PLOVER/CAMEO category names and their most obvious verbs and nouns, base
# forms only (inflections are matched through the coder's lemmatizer). No word is in two lists.
BASELINE_KEYWORDS: dict[str, tuple[str, ...]] = {
    "AGREE": ("agree", "agreement", "pledge", "promise", "offer", "commit", "accord"),
    "CONSULT": ("meet", "meeting", "talk", "visit", "consult", "discuss", "negotiate", "host", "summit"),
    "SUPPORT": ("support", "praise", "endorse", "welcome", "recognize", "sign", "apologize", "back"),
    "CONCEDE": ("concede", "yield", "comply", "ease", "lift", "relax", "accept", "allow"),
    "COOPERATE": ("cooperate", "cooperation", "collaborate", "share", "partner", "extradite"),
    "AID": ("aid", "assist", "assistance", "donate", "relief", "fund", "loan", "grant"),
    "RETREAT": ("withdraw", "retreat", "release", "free", "evacuate", "ceasefire", "truce", "demobilize"),
    "REQUEST": ("ask", "urge", "call", "appeal", "request", "demand", "seek", "plead"),
    "ACCUSE": ("accuse", "criticize", "condemn", "blame", "charge", "denounce", "allege", "investigate",
               "probe"),
    "REJECT": ("reject", "refuse", "deny", "veto", "oppose", "decline", "dismiss"),
    "THREATEN": ("threaten", "threat", "warn", "ultimatum"),
    "PROTEST": ("protest", "demonstrate", "demonstration", "rally", "march", "boycott", "demonstrator"),
    "SANCTION": ("sanction", "embargo", "expel", "suspend", "cut", "freeze", "ban"),
    "MOBILIZE": ("mobilize", "deploy", "deployment", "reinforce", "alert", "buildup"),
    "COERCE": ("arrest", "detain", "seize", "deport", "confiscate", "curfew", "imprison", "jail", "blockade"),
    "ASSAULT": ("attack", "kill", "bomb", "shell", "shoot", "strike", "clash", "fight", "wound", "ambush",
                "assassinate", "kidnap", "raid"),
}

_HALVES: dict[str, Callable[[Sequence[Any]], Sequence[Any]]] = {
    "all": lambda items: items, "dev": lambda items: items[0::2], "held_out": lambda items: items[1::2]}


@dataclass(frozen=True)
class GoldRecord:
    """One gold sentence: its PLOVER 1.0 type and the country codes of its source and target actors."""

    id: str
    text: str
    date: date | None
    type: str
    sources: frozenset[str]
    targets: frozenset[str]


@dataclass(frozen=True)
class Coding:
    """What one system made of one sentence: the main event's type and actors, and all the types it saw."""

    main_type: str | None
    types: frozenset[str]
    sources: frozenset[str]
    targets: frozenset[str]
    quad_class: int  # the main event's, 0 (statement) when there is none
    trigger: str | None = None


NO_CODING = Coding(None, frozenset(), frozenset(), frozenset(), 0)


# ------------------------------------------------------------------ gold
def plover_label(label: str) -> str:
    """The PLOVER 1.0 name of a gold label."""
    return OLD_LABELS.get(label, label)


def gold_record(record: dict[str, Any]) -> GoldRecord | None:
    """A gold record from the JSON, or None for the file's DOCUMENT entries and records without text."""
    if not isinstance(record, dict) or not record.get("text") or record.get("event") in (None, "DOCUMENT"):
        return None
    return GoldRecord(str(record.get("id", "")), record["text"], _record_date(record),
                      plover_label(str(record["event"])), _gold_countries(record.get("source")),
                      _gold_countries(record.get("target")))


def _gold_countries(actors: Any) -> frozenset[str]:
    # The gold writes "" or a stray string where a sentence has no target: both mean none.
    if not isinstance(actors, list):
        return frozenset()
    codes = [str(a["code"]) for a in actors if isinstance(a, dict) and a.get("code")]
    return frozenset(_CAMEO_TO_ISO.get(code, code) for code in codes)


def _record_date(record: dict[str, Any]) -> date | None:
    try:
        return date.fromisoformat(str(record.get("date")))
    except ValueError:
        return None


def read_plover(path: Path) -> list[GoldRecord]:
    return [gold for gold in map(gold_record, read_plover_file(path)) if gold is not None]


def read_quadclass(path: Path) -> list[tuple[str, int]]:
    """(sentence, quad class) pairs of the tab-separated file."""
    if not path.is_file():
        raise StorylineError(EVAL_DATA_MISSING, "CAMEO quad-class file not found", source=str(path))
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        text, _, label = line.rpartition("\t")
        if text.strip() and label.strip().isdigit():
            rows.append((text.strip(), int(label)))
    return rows


# ------------------------------------------------------------------ the two systems
def coding_from_events(events: Sequence[Event]) -> Coding:
    """Our reading of a sentence: its main event, scored as PLOVER codes it."""
    from storyline.events.coder import main_event, plover_type

    main = main_event(list(events))
    if main is None:
        return NO_CODING
    return Coding(plover_type(main), frozenset(plover_type(e) for e in events),
                  _countries(map(_as_mention, main.sources)), _countries(map(_as_mention, main.targets)),
                  main.quad_class, main.trigger)


def _as_mention(actor: EventActor) -> ActorMention:
    # The actors evaluation's country rule (IGO/NGO codes) is written for mentions; an event actor carries
    # the same fields.
    return ActorMention(actor.start, actor.end, actor.text, actor.actor_id, actor.name, actor.kind,
                        actor.country, actor.sector, method="event")


def _countries(mentions: Iterable[ActorMention]) -> frozenset[str]:
    return frozenset(code for code in map(_our_country, mentions) if code)


class KeywordBaseline:
    """The first keyword of a sentence gives its type; the actors just before and after it, its roles."""

    def __init__(self, keywords: dict[str, tuple[str, ...]] = BASELINE_KEYWORDS):
        from storyline.events.lemmas import Lemmatizer
        from storyline.events.lexicon import load_scale

        self.type_of = {word: event_type for event_type, words in keywords.items() for word in words}
        self.lemmatize = Lemmatizer(self.type_of)
        self.scale = load_scale()

    def code(self, words: Sequence[tuple[str, int, int]], mentions: Sequence[ActorMention]) -> Coding:
        """`words`: (text, start, end) in text order; `mentions`: the sentence's resolved actor mentions."""
        for text, start, end in words:
            event_type = self.type_of.get(self.lemmatize(text.lower()))
            if event_type is None:
                continue
            source = next((m for m in mentions if m.end <= start), None)
            target = next((m for m in mentions if m.start >= end), None)
            return Coding(event_type, frozenset({event_type}), _countries([source] if source else []),
                          _countries([target] if target else []), self.quad_class(event_type), text)
        return NO_CODING

    def quad_class(self, event_type: str) -> int:
        """The type's quad class from the coder's own table, so both systems map types the same way."""
        return self.scale.score(event_type, None)[1]


def run_systems(texts: Sequence[str], dates: Sequence[date | None]) -> tuple[list[Coding], list[Coding], float]:
    """(our codings, the baseline's codings, seconds): one spaCy pass for the coder, one for the baseline."""
    from storyline.events.coder import code_texts
    from storyline.nlp.actors import load_dictionary, resolve_actors
    from storyline.nlp.model import load_model

    nlp = load_model("auto")
    started = time.perf_counter()
    ours = [coding_from_events(events) for events in code_texts(texts, dates, nlp=nlp)]
    seconds = time.perf_counter() - started
    baseline, dictionary = KeywordBaseline(), load_dictionary(())
    theirs = []
    for doc, when in zip(nlp.pipe(texts, batch_size=64), dates, strict=True):
        mentions = resolve_actors(doc, when, dictionary)
        theirs.append(baseline.code([(t.text, t.idx, t.idx + len(t)) for t in doc], mentions))
    return ours, theirs, seconds


# ------------------------------------------------------------------ scoring
def set_f1(pairs: Iterable[tuple[frozenset[str], frozenset[str]]]) -> dict[str, float]:
    """Micro precision, recall and F1 over (gold set, our set) pairs."""
    found = gold = ours = 0
    for gold_set, our_set in pairs:
        found += len(gold_set & our_set)
        gold += len(gold_set)
        ours += len(our_set)
    precision = found / ours if ours else 0.0
    recall = found / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "gold": gold, "ours": ours, "found": found}


def score_plover(golds: Sequence[GoldRecord], codings: Sequence[Coding]) -> dict[str, Any]:
    """Type accuracy, type recall, coverage and actor country F1 of one system on gold records."""
    pairs = list(zip(golds, codings, strict=True))
    coded = [(g, c) for g, c in pairs if c.main_type is not None]
    correct = sum(g.type == c.main_type for g, c in coded)
    n = len(pairs)
    return {
        "records": n,
        "coded": len(coded),
        "coverage": len(coded) / n if n else 0.0,
        "type_accuracy": correct / len(coded) if coded else 0.0,
        "type_recall": sum(g.type in c.types for g, c in pairs) / n if n else 0.0,
        "main_type_recall": correct / n if n else 0.0,
        "source_f1": set_f1((g.sources, c.sources) for g, c in pairs),
        "target_f1": set_f1((g.targets, c.targets) for g, c in pairs),
    }


def per_type(golds: Sequence[GoldRecord], codings: Sequence[Coding]) -> dict[str, dict[str, float]]:
    """Per PLOVER type: gold count, recall and precision of the main event's type."""
    table = {}
    for event_type in EVENT_TYPES:
        gold = sum(g.type == event_type for g in golds)
        ours = sum(c.main_type == event_type for c in codings)
        both = sum(g.type == event_type == c.main_type for g, c in zip(golds, codings, strict=True))
        if gold or ours:
            table[event_type] = {"gold": gold, "ours": ours, "recall": both / gold if gold else 0.0,
                                 "precision": both / ours if ours else 0.0}
    return table


def confusions(golds: Sequence[GoldRecord], codings: Sequence[Coding], top: int = 12) -> list[tuple[str, str, int]]:
    """The most frequent (gold type, our main type or "none") disagreements."""
    counts = Counter((g.type, c.main_type or "none") for g, c in zip(golds, codings, strict=True)
                     if g.type != c.main_type)
    return [(gold, ours, n) for (gold, ours), n in counts.most_common(top)]


def score_quadclass(gold: Sequence[int], ours: Sequence[int]) -> dict[str, Any]:
    """Per-class precision/recall/F1, macro-F1 over the five classes, accuracy and the confusion matrix."""
    classes = sorted(QUAD_CLASSES)
    matrix = [[0] * len(classes) for _ in classes]
    for g, o in zip(gold, ours, strict=True):
        matrix[g][o] += 1
    per_class = {}
    for c in classes:
        hits, gold_n, ours_n = matrix[c][c], sum(matrix[c]), sum(row[c] for row in matrix)
        precision = hits / ours_n if ours_n else 0.0
        recall = hits / gold_n if gold_n else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[c] = {"gold": gold_n, "precision": precision, "recall": recall, "f1": f1}
    n = len(gold)
    return {"sentences": n, "macro_f1": sum(p["f1"] for p in per_class.values()) / len(classes),
            "accuracy": sum(matrix[c][c] for c in classes) / n if n else 0.0,
            "per_class": per_class, "confusion": matrix}


# ------------------------------------------------------------------ evaluations
def evaluate_events(path: Path, limit: int | None = None) -> dict[str, Any]:
    """Our coder and the keyword baseline on the PLOVER gold standard, on all records and on both halves."""
    golds = read_plover(path)[:limit]
    ours, baseline, seconds = run_systems([g.text for g in golds], [g.date for g in golds])
    result: dict[str, Any] = {"records": len(golds), "seconds": seconds}
    for name, codings in (("ours", ours), ("baseline", baseline)):
        result[name] = {half: score_plover(pick(golds), pick(codings)) for half, pick in _HALVES.items()}
        result[name]["per_type"] = per_type(golds, codings)
        result[name]["confusions"] = confusions(golds, codings)
    result["errors"] = [{"id": g.id, "gold": g.type, "ours": c.main_type, "trigger": c.trigger, "text": g.text}
                        for g, c in zip(golds, ours, strict=True) if g.type != c.main_type]
    return result


def evaluate_quadclass(path: Path, limit: int | None = None) -> dict[str, Any]:
    """Our coder's and the baseline's quad classes on the CAMEO manual examples, all and by halves."""
    rows = read_quadclass(path)[:limit]
    gold = [label for _, label in rows]
    ours, baseline, seconds = run_systems([text for text, _ in rows], [None] * len(rows))
    result: dict[str, Any] = {"sentences": len(rows), "seconds": seconds}
    for name, codings in (("ours", ours), ("baseline", baseline)):
        labels = [c.quad_class for c in codings]
        result[name] = score_quadclass(gold, labels)
        result[name]["halves"] = {half: score_quadclass(pick(gold), pick(labels))["macro_f1"]
                                  for half, pick in _HALVES.items() if half != "all"}
    return result


# ------------------------------------------------------------------ report
_PLOVER_ROWS = (("coverage", "coverage"), ("type accuracy", "type_accuracy"),
                ("type recall (any)", "type_recall"), ("type recall (main)", "main_type_recall"))


def format_events_report(result: dict[str, Any]) -> str:
    """A table of `run_evaluation("events", ...)`'s result ({"plover": ..., "quadclass": ...}) or of either."""
    if "records" in result:
        result = {"plover": result}
    elif "sentences" in result:
        result = {"quadclass": result}
    lines: list[str] = []
    if "plover" in result:
        lines += _plover_lines(result["plover"])
    if "quadclass" in result:
        lines += ([""] if lines else []) + _quadclass_lines(result["quadclass"])
    return "\n".join(lines)


def _plover_lines(result: dict[str, Any]) -> list[str]:
    ours, base = result["ours"], result["baseline"]
    halves = list(_HALVES)
    header = " ".join(f"{h.replace('_', '-'):>8}" for h in halves)
    lines = [
        f"Event coding on the PLOVER gold standard: {result['records']} records "
        f"(dev = even positions {ours['dev']['records']}, held-out = odd {ours['held_out']['records']}), "
        f"coded in {result['seconds']:.1f} s",
        f"  {'':20} {'ours':^26}   {'keyword baseline':^26}",
        f"  {'':20} {header}   {header}",
    ]
    for label, key in _PLOVER_ROWS:
        lines.append(f"  {label:20} " + " ".join(f"{ours[h][key]:8.3f}" for h in halves) + "   "
                     + " ".join(f"{base[h][key]:8.3f}" for h in halves))
    for label, key in (("source country F1", "source_f1"), ("target country F1", "target_f1")):
        lines.append(f"  {label:20} " + " ".join(f"{ours[h][key]['f1']:8.3f}" for h in halves) + "   "
                     + " ".join(f"{base[h][key]['f1']:8.3f}" for h in halves))
    lines += ["", f"  {'per type (main event)':22} {'gold':>5} {'R':>6} {'P':>6}   {'base R':>6} {'base P':>6}"]
    for event_type, row in ours["per_type"].items():
        other = base["per_type"].get(event_type, {"recall": 0.0, "precision": 0.0})
        lines.append(f"  {event_type:22} {row['gold']:5d} {row['recall']:6.3f} {row['precision']:6.3f}   "
                     f"{other['recall']:6.3f} {other['precision']:6.3f}")
    lines.append("  top confusions (gold -> ours): "
                 + (", ".join(f"{gold}->{theirs} {n}" for gold, theirs, n in ours["confusions"]) or "none"))
    return lines


def _quadclass_lines(result: dict[str, Any]) -> list[str]:
    ours, base = result["ours"], result["baseline"]
    lines = [
        f"Quad classes on the CAMEO manual examples: {result['sentences']} sentences, coded in "
        f"{result['seconds']:.1f} s",
        f"  {'':14} {'ours':>8} {'baseline':>9}",
        f"  {'macro-F1':14} {ours['macro_f1']:8.3f} {base['macro_f1']:9.3f}",
        f"  {'  dev':14} {ours['halves']['dev']:8.3f} {base['halves']['dev']:9.3f}",
        f"  {'  held-out':14} {ours['halves']['held_out']:8.3f} {base['halves']['held_out']:9.3f}",
        f"  {'accuracy':14} {ours['accuracy']:8.3f} {base['accuracy']:9.3f}",
        "",
        f"  {'class':24} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6}   {'base P':>6} {'base R':>6} {'base F1':>7}",
    ]
    for c, name in QUAD_CLASSES.items():
        row, other = ours["per_class"][c], base["per_class"][c]
        lines.append(f"  {c} {name:22} {row['gold']:5d} {row['precision']:6.3f} {row['recall']:6.3f} "
                     f"{row['f1']:6.3f}   {other['precision']:6.3f} {other['recall']:6.3f} {other['f1']:7.3f}")
    lines += ["", "  confusion, ours (rows gold, columns ours)   " + " ".join(f"{c:>4}" for c in QUAD_CLASSES)]
    for c, row in enumerate(ours["confusion"]):
        lines.append(f"  {'':42} {c} " + " ".join(f"{n:4d}" for n in row))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storyline.evaluation.events", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_FOLDER,
                        help=f"the folder holding {PLOVER_FILE} and {QUADCLASS_FILE}")
    parser.add_argument("--limit", type=int, help="evaluate only the first N items of each file")
    parser.add_argument("--errors", type=int, default=0, help="also list this many PLOVER type errors")
    args = parser.parse_args(argv)
    try:
        result = {"plover": evaluate_events(args.data / PLOVER_FILE, args.limit),
                  "quadclass": evaluate_quadclass(args.data / QUADCLASS_FILE, args.limit)}
    except StorylineError as exc:
        print(exc.render(), file=sys.stderr)
        return 2
    print(format_events_report(result))
    for error in result["plover"]["errors"][: args.errors]:
        print(f"  {error['gold']:>9} ours {error['ours'] or '-':>9} {error['trigger'] or '':20} {error['text']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
