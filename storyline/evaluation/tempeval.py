"""Measure time-expression finding and normalisation (storyline.nlp.timex) as TempEval-3 does.

Two sets, read from ``../shared/data/temporal`` (or ``--data PATH``, a folder laid out the same way):

- TempEval-3's TBAQ-cleaned (``tempeval3/TBAQ-cleaned``): TimeML documents; the creation time (DCT) is the
  anchor, the TIMEX3 tags inside ``<TEXT>`` are the gold and the text is what remains once tags are stripped.
  Scored as TempEval-3's scorer does: detection precision/recall/F1 with strict (same span) and relaxed
  (overlapping) matching, value and type accuracy over the relaxed matches, and value F1 = relaxed F1 x value
  accuracy. The DCT itself is not part of the text and is not counted.
- HeidelTime's annotations of Timeline17's Syrian-crisis articles
  (``timeline17/SyrianCrisis_bbc/time_annotated/<YYYY-MM-DD>/<name>.timeml``, the folder name being the
  publication date used as anchor): the share of HeidelTime's expressions we find (overlap) and the share of
  those we give the same value.

Run ``python -m storyline.evaluation.tempeval [--data PATH]``.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from storyline.errors import EVAL_DATA_MISSING, StorylineError
from storyline.evaluation import default_data_dir
from storyline.nlp.timex import find_time_expressions
from storyline.nlp.types import TimeExpression

__all__ = ["evaluate_heideltime_agreement", "evaluate_tempeval", "format_tempeval_report", "main"]

TBAQ_PART = Path("temporal") / "tempeval3" / "TBAQ-cleaned"
HEIDELTIME_PART = Path("temporal") / "timeline17" / "SyrianCrisis_bbc" / "time_annotated"

_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL)
_TIMEML_BODY = re.compile(r"<TimeML[^>]*>(.*?)</TimeML>", re.DOTALL)
_DCT = re.compile(r"<DCT>\s*<TIMEX3\b[^>]*\bvalue=\"(\d{4}-\d\d-\d\d)")
_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>")
_ATTRIBUTE = re.compile(r"(\w+)=\"([^\"]*)\"")


@dataclass(frozen=True)
class _Gold:
    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True)
class _Doc:
    name: str
    anchor: date
    text: str
    gold: list[_Gold]


def _strip_tags(marked: str) -> tuple[str, list[_Gold]]:
    """The text without tags (entities decoded) and the TIMEX3 spans in it."""
    pieces: list[str] = []
    length = 0
    gold: list[_Gold] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    position = 0
    for tag in _TAG.finditer(marked):
        piece = html.unescape(marked[position : tag.start()])
        pieces.append(piece)
        length += len(piece)
        position = tag.end()
        if tag.group(2) != "TIMEX3":
            continue
        if tag.group(1):
            if open_timex is not None:
                start, attributes = open_timex
                gold.append(_Gold(start, length, attributes.get("type", ""), attributes.get("value", "")))
            open_timex = None
        else:
            open_timex = (length, dict(_ATTRIBUTE.findall(tag.group(3))))
    pieces.append(html.unescape(marked[position:]))
    return "".join(pieces), gold


def _tbaq_documents(folder: Path) -> list[_Doc]:
    paths = sorted(folder.rglob("*.tml")) if folder.is_dir() else []
    if not paths:
        raise StorylineError(EVAL_DATA_MISSING, "no TimeML (.tml) documents", source=str(folder))
    documents = []
    for path in paths:
        content = path.read_text(encoding="utf-8", errors="replace")
        dct, body = _DCT.search(content), _TEXT.search(content)
        if dct is None or body is None:
            continue  # not a TempEval document
        text, gold = _strip_tags(body.group(1))
        documents.append(_Doc(path.name, date.fromisoformat(dct.group(1)), text, gold))
    return documents


def _heideltime_documents(folder: Path) -> list[_Doc]:
    if not folder.is_dir():
        raise StorylineError(EVAL_DATA_MISSING, "no folder of HeidelTime annotations", source=str(folder))
    documents = []
    for day_folder in sorted(p for p in folder.iterdir() if p.is_dir()):
        try:
            anchor = date.fromisoformat(day_folder.name)
        except ValueError:
            continue  # only <YYYY-MM-DD> folders hold articles
        for path in sorted(day_folder.glob("*.timeml")):
            body = _TIMEML_BODY.search(path.read_text(encoding="utf-8", errors="replace"))
            if body is not None:
                text, gold = _strip_tags(body.group(1))
                documents.append(_Doc(path.name, anchor, text, gold))
    if not documents:
        raise StorylineError(EVAL_DATA_MISSING, "no <YYYY-MM-DD>/<name>.timeml files", source=str(folder))
    return documents


_DURATION_IN_OTHER_UNITS = re.compile(r"P(\d+)(DE|E|CE|C|Q)")
_UNIT_AS_YEARS_OR_MONTHS = {"DE": (10, "Y"), "E": (10, "Y"), "CE": (100, "Y"), "C": (100, "Y"), "Q": (3, "M")}


def _in_years_or_months(match: re.Match[str]) -> str:
    factor, unit = _UNIT_AS_YEARS_OR_MONTHS[match.group(2)]
    return f"P{int(match.group(1)) * factor}{unit}"


def _comparable(value: str | None) -> str:
    """TimeML writes decades and centuries as "199X" and "19XX"; we write "199" and "19". Annotators (and
    HeidelTime) also count durations in decades, centuries and quarters ("P2DE", "P1Q"); we count them in
    years and months ("P20Y", "P3M"), which mean the same."""
    value = re.sub(r"-W0(\d)", r"-W\1", value or "")  # "2000-W07" and "2000-W7" are the same week
    value = _DURATION_IN_OTHER_UNITS.sub(_in_years_or_months, value) if re.fullmatch(r"P\d+[A-Z]+", value) else value
    if re.fullmatch(r"\d{3}X", value):
        return value[:3]
    if re.fullmatch(r"\d{2}XX", value):
        return value[:2]
    return value


def _overlaps(a: _Gold | TimeExpression, b: _Gold | TimeExpression) -> bool:
    return a.start < b.end and b.start < a.end


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _find(document: _Doc) -> list[TimeExpression]:
    # TimeML does not mark "former" ("the former minister") as a time expression.
    return find_time_expressions(document.text, anchor=document.anchor, former_is_time=False)


def evaluate_tempeval(folder: Path) -> dict[str, Any]:
    """TempEval-3 scores on a folder of TimeML documents (TBAQ-cleaned)."""
    documents = _tbaq_documents(folder)
    gold_count = system_count = strict = relaxed_gold = relaxed_system = same_value = same_type = 0
    errors: list[dict[str, str]] = []
    started = time.perf_counter()
    for document in documents:
        found = _find(document)
        gold_count += len(document.gold)
        system_count += len(found)
        spans = {(g.start, g.end) for g in document.gold}
        strict += sum((e.start, e.end) in spans for e in found)
        relaxed_system += sum(any(_overlaps(e, g) for g in document.gold) for e in found)
        for gold in document.gold:
            match = next((e for e in found if _overlaps(e, gold)), None)
            if match is None:
                continue
            relaxed_gold += 1
            same_type += match.type == gold.type
            if _comparable(match.value) == _comparable(gold.value):
                same_value += 1
            elif len(errors) < 400:
                gold_text = document.text[gold.start : gold.end]
                errors.append(
                    {"text": match.text, "value": str(match.value), "gold_text": gold_text, "gold": gold.value,
                     "doc": document.name, "anchor": document.anchor.isoformat()}
                )  # fmt: skip
    seconds = time.perf_counter() - started
    strict_p, strict_r = strict / max(system_count, 1), strict / max(gold_count, 1)
    relaxed_p, relaxed_r = relaxed_system / max(system_count, 1), relaxed_gold / max(gold_count, 1)
    value_accuracy = same_value / max(relaxed_gold, 1)
    return {
        "documents": len(documents),
        "gold": gold_count,
        "found": system_count,
        "strict": {"precision": strict_p, "recall": strict_r, "f1": _f1(strict_p, strict_r)},
        "relaxed": {"precision": relaxed_p, "recall": relaxed_r, "f1": _f1(relaxed_p, relaxed_r)},
        "value_accuracy": value_accuracy,
        "value_f1": _f1(relaxed_p, relaxed_r) * value_accuracy,
        "type_accuracy": same_type / max(relaxed_gold, 1),
        "seconds": seconds,
        "value_errors": errors,
    }


def evaluate_heideltime_agreement(folder: Path) -> dict[str, Any]:
    """How many of HeidelTime's expressions we find (overlap), and how many of those get HeidelTime's value."""
    documents = _heideltime_documents(folder)
    theirs = found = same = 0
    for document in documents:
        ours = _find(document)
        for expression in document.gold:
            theirs += 1
            match = next((e for e in ours if _overlaps(e, expression)), None)
            if match is not None:
                found += 1
                same += _comparable(match.value) == _comparable(expression.value)
    return {
        "documents": len(documents),
        "heideltime": theirs,
        "found_share": found / max(theirs, 1),
        "same_value_share": same / max(found, 1),
    }


def format_tempeval_report(result: dict[str, Any]) -> str:
    """A table of the results of `main` ({"tempeval3": ..., "heideltime": ...}) or of either evaluation."""
    if "strict" in result:
        result = {"tempeval3": result}
    elif "found_share" in result:
        result = {"heideltime": result}
    lines: list[str] = []
    tempeval = result.get("tempeval3")
    if tempeval and "skipped" not in tempeval:
        lines += [
            f"TempEval-3 TBAQ-cleaned: {tempeval['documents']} documents, {tempeval['gold']} gold expressions, "
            f"{tempeval['found']} found ({tempeval['seconds']:.2f} s)",
            f"  {'':10} {'P':>6} {'R':>6} {'F1':>6}",
            *(
                f"  {kind:10} "
                + " ".join(f"{tempeval[kind][measure]:6.3f}" for measure in ("precision", "recall", "f1"))
                for kind in ("strict", "relaxed")
            ),
            f"  value accuracy {tempeval['value_accuracy']:.3f}   value F1 {tempeval['value_f1']:.3f}   "
            f"type accuracy {tempeval['type_accuracy']:.3f}",
        ]
    elif tempeval:
        lines.append(f"TempEval-3: skipped ({tempeval['skipped']})")
    heideltime = result.get("heideltime")
    if heideltime and "skipped" not in heideltime:
        lines += [
            f"HeidelTime agreement (Timeline17 Syria): {heideltime['documents']} documents, "
            f"{heideltime['heideltime']} HeidelTime expressions",
            f"  found (overlap) {heideltime['found_share']:.3f}   same value {heideltime['same_value_share']:.3f}",
        ]
    elif heideltime:
        lines.append(f"HeidelTime agreement: skipped ({heideltime['skipped']})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m storyline.evaluation.tempeval",
        description="Score time-expression normalisation on TempEval-3 TBAQ-cleaned and against HeidelTime.",
    )
    parser.add_argument("--data", type=Path, default=default_data_dir(), help="the shared data folder (../shared/data)")
    parser.add_argument("--errors", type=int, default=0, help="also print this many value disagreements")
    args = parser.parse_args(argv)
    results: dict[str, Any] = {}
    for key, part, evaluate in (
        ("tempeval3", TBAQ_PART, evaluate_tempeval),
        ("heideltime", HEIDELTIME_PART, evaluate_heideltime_agreement),
    ):
        try:
            results[key] = evaluate(args.data / part)
        except StorylineError as error:
            results[key] = {"skipped": str(error)}
    print(format_tempeval_report(results))
    for disagreement in results["tempeval3"].get("value_errors", [])[: args.errors]:
        ours = f"{disagreement['text']!r} -> {disagreement['value']}"
        print(f"  {disagreement['anchor']} {ours}   gold {disagreement['gold_text']!r} -> {disagreement['gold']}")
    if all("skipped" in result for result in results.values()):
        print("no evaluation data found", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
