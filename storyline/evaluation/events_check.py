"""Precision of the event coder on real news, by hand: Timeline17's BBC articles on the Syrian crisis.

One-line examples say little about whole articles, where most sentences are background, quotes and
analysis. So a seeded sample of the events the coder finds in Timeline17's articles was judged by hand;
the judgments live in ``data/timeline17_events_judged.tsv`` beside this module, keyed by article id, the
trigger's offset and the type (no article text is stored). Each event is judged on three things:

- type: is this sentence reporting an event of this PLOVER type (with these trigger words)?
- actors: are the source and recipient right (none where the text names none is right)?
- status: asserted / negated / hypothetical / planned / reported as the sentence says?

``python -m storyline.evaluation.events_check sample [--n 60]`` prints a fresh sample to judge;
``storyline eval events-check`` re-codes the articles and scores the stored judgments that still apply.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from storyline.errors import EVAL_DATA_MISSING, StorylineError
from storyline.evaluation import default_data_dir
from storyline.events.types import Event

DEFAULT_DATA = default_data_dir() / "temporal" / "timeline17" / "SyrianCrisis_bbc" / "articles.jsonl"
JUDGED = Path(__file__).resolve().parent / "data" / "timeline17_events_judged.tsv"
SEED = 17
ASPECTS = ("type", "actors", "status")


@dataclass(frozen=True)
class CodedEvent:
    article: str
    event: Event
    text: str  # the article, to show the sentence while judging

    @property
    def key(self) -> tuple[str, int, str]:
        return self.article, self.event.trigger_start, self.event.type

    @property
    def sentence(self) -> str:
        return " ".join(self.text[self.event.sentence_start:self.event.sentence_end].split())


def read_articles(path: Path) -> list[tuple[str, date, str]]:
    if not path.is_file():
        raise StorylineError(EVAL_DATA_MISSING, "Timeline17 articles not found", source=str(path))
    articles = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            articles.append((str(record["id"]), date.fromisoformat(record["time"]), str(record["text"])))
    return articles


def code_articles(path: Path) -> list[CodedEvent]:
    from storyline.events.coder import code_texts

    articles = read_articles(path)
    coded = code_texts([a[2] for a in articles], [a[1] for a in articles])
    return [CodedEvent(article_id, event, text)
            for (article_id, _, text), events in zip(articles, coded, strict=True) for event in events]


def sample(events: Sequence[CodedEvent], n: int, seed: int = SEED) -> list[CodedEvent]:
    """A seeded sample of events with at least one actor: the ones relations and timelines are built on."""
    with_actors = [e for e in events if e.event.sources or e.event.targets]
    return random.Random(seed).sample(with_actors, min(n, len(with_actors)))


def read_judgments(path: Path = JUDGED) -> dict[tuple[str, int, str], dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")]
    return {(r["article"], int(r["trigger_start"]), r["event_type"]): r for r in rows}


def evaluate_events_check(path: Path = DEFAULT_DATA, judged: Path = JUDGED) -> dict[str, Any]:
    """Precision of type, actors and status over the judged events the coder still produces."""
    judgments = read_judgments(judged)
    coded = {e.key: e for e in code_articles(path)}
    # A judgment applies while the coder still says the same thing about that trigger.
    applying = [(coded[k], j) for k, j in judgments.items()
                if k in coded and coding_summary(coded[k].event) == j["coded"]]
    result: dict[str, Any] = {"judged": len(judgments), "still_coded": len(applying),
                              "events_in_articles": len(coded)}
    for aspect in ASPECTS:
        right = sum(1 for _, j in applying if j[f"{aspect}_ok"] == "ok")
        result[f"{aspect}_precision"] = right / len(applying) if applying else 0.0
    all_right = sum(1 for _, j in applying if all(j[f"{a}_ok"] == "ok" for a in ASPECTS))
    result["fully_right"] = all_right / len(applying) if applying else 0.0
    result["notes"] = [{"article": e.article, "type": e.event.type, "trigger": e.event.trigger,
                        **{a: j[f"{a}_ok"] for a in ASPECTS}, "note": j.get("note", "")}
                       for e, j in applying if any(j[f"{a}_ok"] != "ok" for a in ASPECTS)]
    return result


def format_events_check(result: dict[str, Any]) -> str:
    lines = [f"Hand-checked events in Timeline17 BBC articles: {result['judged']} judged, "
             f"{result['still_coded']} still coded as judged ({result['events_in_articles']} events in the articles)"]
    for aspect in ASPECTS:
        lines.append(f"  {aspect + ' right':<16}{result[f'{aspect}_precision']:.3f}")
    lines.append(f"  {'all three right':<16}{result['fully_right']:.3f}")
    return "\n".join(lines)


def coding_summary(event: Event) -> str:
    """What the coder said, as judged: status, sources and recipients ("asserted: Russia[RUS] -> -")."""
    who = "; ".join(f"{a.name}[{a.country}]" for a in event.sources) or "-"
    whom = "; ".join(f"{a.name}[{a.country}]" for a in event.targets) or "-"
    return f"{event.status}: {who} -> {whom}"


def _print_sample(events: Sequence[CodedEvent]) -> None:
    writer = csv.writer(sys.stdout, delimiter="\t")
    for e in events:
        ev = e.event
        print(f"# {e.sentence}")
        print(f"#   {ev.type}/{ev.mode} {coding_summary(ev)} | trigger {ev.trigger!r} ({ev.rule})")
        writer.writerow([e.article, ev.trigger_start, ev.type, coding_summary(ev), "", "", "", ""])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["sample", "score"])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--n", type=int, default=60)
    args = parser.parse_args(argv)
    if args.command == "sample":
        print("article\ttrigger_start\tevent_type\tcoded\ttype_ok\tactors_ok\tstatus_ok\tnote")
        _print_sample(sample(code_articles(args.data), args.n))
        return 0
    print(format_events_check(evaluate_events_check(args.data)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
