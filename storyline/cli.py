"""The `storyline` command: a thin shell over storyline.app.Storyline."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from storyline import __version__
from storyline.config import load_settings
from storyline.errors import BAD_FIELD, StorylineError

EXIT_OK, EXIT_SOME_FAILED, EXIT_ERROR = 0, 1, 2


def _common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_argument_group("common options")
    group.add_argument("--db", help="SQLite path or PostgreSQL URL (default: storyline.db; env STORYLINE_DB)")
    group.add_argument("--config", help="settings file (default: ./storyline.toml if present)")
    group.add_argument("--json", action="store_true", help="print only JSON on standard output")
    group.add_argument("--quiet", "-q", action="store_true", help="no progress bar or informational output")
    group.add_argument("--actor-dictionary", dest="actor_dictionaries", action="append", metavar="FILE",
                       help="an extra actor dictionary (YAML, same format as the built-in one; repeatable)")
    group.add_argument("--event-lexicon", dest="event_lexicons", action="append", metavar="FILE",
                       help="extra event patterns (YAML, same format as the built-in lexicon; repeatable)")
    return common


def _ingest_options() -> argparse.ArgumentParser:
    options = argparse.ArgumentParser(add_help=False)
    group = options.add_argument_group("ingest options")
    group.add_argument("--include", action="append", help="glob of files to take from folders (repeatable)")
    group.add_argument("--exclude", action="append", help="glob of files or folders to skip (repeatable)")
    group.add_argument("--field-map", help="record field names, ours=theirs,...  e.g. text=body,published=date")
    group.add_argument("--workers", type=int, help="processes for reading and cleaning (0: one per core)")
    group.add_argument("--max-input-bytes", type=int, help="refuse inputs larger than this")
    group.add_argument("--url-timeout", type=float, help="seconds to wait for each URL")
    group.add_argument("--no-process", dest="process", action="store_false", default=None,
                       help="store and clean only; run `storyline process` later")
    return options


def build_parser() -> argparse.ArgumentParser:
    common, ingest_opts = _common_options(), _ingest_options()
    parser = argparse.ArgumentParser(prog="storyline", description="An explorable, cited account of the story "
                                     "told by a pile of news articles.")
    parser.add_argument("--version", action="version", version=f"storyline {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("ingest", parents=[common, ingest_opts], help="store and clean articles from files, folders, "
                       "URLs and feeds")
    p.add_argument("targets", nargs="+", metavar="PATH_OR_URL")
    sub.add_parser("docs", parents=[common], help="list documents")
    p = sub.add_parser("show", parents=[common], help="one document's clean text and metadata")
    p.add_argument("ref", metavar="DOC", help="document id or origin (path or URL)")
    p.add_argument("--removed", action="store_true", help="list the boilerplate removed from the text, with reasons")
    p.add_argument("--version", dest="doc_version", type=int, help="an earlier version of the document")
    p.add_argument("--versions", action="store_true", help="list the document's versions")
    p = sub.add_parser("set", parents=[common], help="override metadata, e.g. published=2013-09-14")
    p.add_argument("ref", metavar="DOC")
    p.add_argument("assignments", nargs="+", metavar="FIELD=VALUE")
    sub.add_parser("config", parents=[common], help="print the effective settings and where each comes from")
    p = sub.add_parser("process", parents=[common], help="run the language layer on documents not yet processed")
    p.add_argument("--workers", type=int, help="processes for parsing (0: one per core)")
    p.add_argument("--force", action="store_true", help="process every document again")
    sub.add_parser("actors", parents=[common], help="actors found in the documents, with their mentions")
    p = sub.add_parser("events", parents=[common], help="events coded in PLOVER, with their evidence")
    p.add_argument("--actor", action="append", default=[], help="events with this actor on either side (repeatable)")
    p.add_argument("--dyad", nargs=2, metavar=("A", "B"), help="events between two actors, either direction")
    p.add_argument("--type", action="append", default=[], help="a PLOVER type such as ASSAULT (repeatable)")
    p.add_argument("--status", action="append", default=[],
                   help="asserted, negated, hypothetical, planned, reported or all (default: all)")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="from this date (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="up to this date, inclusive")
    p.add_argument("--csv", action="store_true", help="CSV with one row per event on standard output")
    p = sub.add_parser("relations", parents=[common], help="cooperation and conflict between two actors over time")
    p.add_argument("a", metavar="A", help="an actor: name, code (USA) or id")
    p.add_argument("b", metavar="B")
    p.add_argument("--by", choices=["year", "quarter", "month"], default="year")
    p.add_argument("--directed", action="store_true", help="only what A did to B")
    p.add_argument("--status", action="append", default=[],
                   help="which events count (default: asserted; repeatable, or all)")
    p = sub.add_parser("network", parents=[common], help="who acts on whom, with weights and mean intensity")
    p.add_argument("--from", dest="date_from", metavar="DATE")
    p.add_argument("--to", dest="date_to", metavar="DATE")
    p.add_argument("--status", action="append", default=[], help="which events count (default: asserted)")
    p = sub.add_parser("build", parents=[common, ingest_opts], help="ingest, process and write the report")
    p.add_argument("targets", nargs="+", metavar="PATH_OR_URL")
    p.add_argument("--out", required=True, help="folder for the report")
    p = sub.add_parser("demo", parents=[common, ingest_opts], help="build the report for the bundled demo corpus")
    p.add_argument("--out", default="storyline-report", help="folder for the report (default: storyline-report)")
    p = sub.add_parser("report", parents=[common], help="write the report for what is in the store")
    p.add_argument("--out", required=True)
    p = sub.add_parser("compare", parents=[common], help="is one document a rewrite of the other? sentence alignment")
    p.add_argument("a", metavar="A", help="a stored document (id, origin or URL) or a file")
    p.add_argument("b", metavar="B")
    p = sub.add_parser("search", parents=[common], help="sentences that answer a query (words and meaning)")
    p.add_argument("query")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="documents from this date (YYYY[-MM[-DD]])")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="documents up to this date, inclusive")
    p.add_argument("--actor", help="only sentences that mention this actor (name, code or id)")
    p.add_argument("--limit", type=int, default=10)
    p = sub.add_parser("related", parents=[common], help="earlier documents that give a document background")
    p.add_argument("ref", metavar="DOC", help="document id or origin")
    p.add_argument("--limit", type=int, default=10)
    p = sub.add_parser("eval", parents=[common], help="measure quality on evaluation data")
    p.add_argument("task", choices=["extraction", "cleaning", "pubdate", "tempeval", "actors", "events",
                                    "events-check", "duplicates", "paraphrase"])
    p.add_argument("--data", help="the evaluation data (default: ../shared/data beside the checkout)")
    p.add_argument("--limit", type=int, help="evaluate only the first N items")
    return parser


def _settings_flags(args: argparse.Namespace) -> dict[str, Any]:
    flags: dict[str, Any] = {"db": args.db, "actor_dictionaries": args.actor_dictionaries,
                             "event_lexicons": args.event_lexicons}
    for name in ("include", "exclude", "field_map", "workers", "max_input_bytes", "url_timeout", "process"):
        flags[name] = getattr(args, name, None)
    return flags


def _emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def _say(args: argparse.Namespace, text: str) -> None:
    if not args.json and not args.quiet:
        print(text)


def _print_error(error: StorylineError) -> None:
    print(f"error: {error.render()}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except StorylineError as error:
        if getattr(args, "json", False):
            _emit_json({"error": error.as_record()})
        _print_error(error)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("interrupted: stored batches are kept; run the same command again to finish", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`storyline show DOC | head`): not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def _open(args: argparse.Namespace) -> Any:
    from storyline.app import Storyline

    return Storyline(load_settings(args.config, _settings_flags(args)))


# -- commands -----------------------------------------------------------------------------------


def cmd_ingest(args: argparse.Namespace) -> int:
    with _open(args) as app:
        report = app.ingest(args.targets, quiet=args.quiet or args.json, on_error=_print_error)
    return _finish_ingest(args, report)


def _finish_ingest(args: argparse.Namespace, report: Any, extra: dict[str, Any] | None = None) -> int:
    if args.json:
        _emit_json({"summary": report.as_record(), "documents": [d.as_record() for d in report.documents],
                    "errors": [e.as_record() for e in report.errors], **(extra or {})})
    else:
        _say(args, f"ingest: {report.summary()}")
    return EXIT_SOME_FAILED if report.failed else EXIT_OK


def cmd_process(args: argparse.Namespace) -> int:
    with _open(args) as app:
        report = app.process(force=args.force, quiet=args.quiet or args.json)
    if args.json:
        _emit_json({"processed": report.processed, "skipped": report.skipped,
                    "skipped_reasons": report.skipped_reasons, "pipeline_version": report.pipeline_version})
    else:
        _say(args, f"process: {report.summary()} ({report.pipeline_version})")
    return EXIT_OK


def cmd_actors(args: argparse.Namespace) -> int:
    with _open(args) as app:
        actors = app.actors()
    if args.json:
        _emit_json(actors)
        return EXIT_OK
    if not actors:
        print("no actors yet: ingest documents, then `storyline process`")
        return EXIT_OK
    rows = [("MENTIONS", "DOCS", "ACTOR", "COUNTRY/SECTOR", "AS WRITTEN")]
    for actor in actors:
        label = actor["name"] + (f" [{actor['id']}]" if actor["id"] else " (not in the dictionary)")
        roles = ", ".join(f"{r['value']}" for r in actor["country_sector"][:2])
        forms = "; ".join(f["value"] for f in actor["forms"][:4])
        rows.append((str(actor["mentions"]), str(actor["documents"]), _cut(label, 40), roles, _cut(forms, 60)))
    print("\n".join(_aligned(rows)))
    return EXIT_OK


def cmd_events(args: argparse.Namespace) -> int:
    with _open(args) as app:
        records = app.events(actors=args.actor, dyad=args.dyad or (), types=args.type,
                             statuses=args.status or ["all"], date_from=args.date_from, date_to=args.date_to)
    if args.csv:
        from storyline.views.events import event_csv

        sys.stdout.write(event_csv(records))
        return EXIT_OK
    if args.json:
        _emit_json(records)
        return EXIT_OK
    if not records:
        print("no events match: ingest and process documents, or widen the filters")
        return EXIT_OK
    rows = [("DATE", "TYPE", "STATUS", "WHO", "TO WHOM", "INT", "EVIDENCE")]
    for r in records:
        who = "; ".join(a["name"] for a in r["actors"]) or "?"
        whom = "; ".join(a["name"] for a in r["recipients"]) or "-"
        first = r["evidence"][0]
        sources = f" [+{r['reports'] - 1} more]" if r["reports"] > 1 else ""
        rows.append((_date_label(r), r["event_type"], r["status"], _cut(who, 28), _cut(whom, 28),
                     f"{r['intensity']:+.1f}", _cut(" ".join(first.get("sentence", "").split()), 90) + sources))
    print("\n".join(_aligned(rows)))
    _say(args, f"{len(records)} events")
    return EXIT_OK


def _date_label(record: dict[str, Any]) -> str:
    value = record["event_date"] or "undated"
    return value if record["date_source"] == "sentence" else f"~{value}"


def cmd_relations(args: argparse.Namespace) -> int:
    with _open(args) as app:
        result = app.relations(args.a, args.b, by=args.by, directed=args.directed,
                               statuses=args.status or ["asserted"])
    if args.json:
        _emit_json(result)
        return EXIT_OK
    arrow = "->" if args.directed else "<->"
    if not result["periods"]:
        print(f"no {'/'.join(result['statuses'])} events between {result['a']} and {result['b']}")
        if result["not_counted"]:
            print(f"({sum(result['not_counted'].values())} with another status; add --status all to see them)")
        for name in result["not_in_dictionary"]:
            print(f"({name!r} is not in the actor dictionary; `storyline actors` lists the actors found)")
        return EXIT_OK
    print(f"{result['a']} {arrow} {result['b']}, by {args.by} ({', '.join(result['statuses'])} events; "
          "intensity -10 conflict .. +10 cooperation)")
    rows = [("PERIOD", "EVENTS", "COOP", "CONFL", "MEAN", "TOTAL", "STRONGEST")]
    for p in result["periods"]:
        top = p["top_events"][0]
        sentence = " ".join(top["evidence"][0].get("sentence", "").split())
        label = f"{top['event_type']} {top['intensity']:+.0f}: {sentence}"
        rows.append((p["period"], str(p["events"]), str(p["cooperative"]), str(p["conflictual"]),
                     f"{p['mean_intensity']:+.2f}", f"{p['total_intensity']:+.1f}", _cut(label, 80)))
    print("\n".join(_aligned(rows)))
    left_out = result["not_counted"]
    if left_out:
        parts = ", ".join(f"{n} {status}" for status, n in sorted(left_out.items()))
        _say(args, f"not counted: {parts} (add --status all to count them)")
    return EXIT_OK


def cmd_network(args: argparse.Namespace) -> int:
    with _open(args) as app:
        result = app.network(date_from=args.date_from, date_to=args.date_to, statuses=args.status or ["asserted"])
    if args.json:
        _emit_json(result)
        return EXIT_OK
    if not result["edges"]:
        print("no events between actors yet")
        return EXIT_OK
    names = {n["id"]: n["name"] for n in result["nodes"]}
    rows = [("EVENTS", "MEAN", "COOP", "CONFL", "WHO -> TO WHOM")]
    for e in result["edges"]:
        rows.append((str(e["events"]), f"{e['mean_intensity']:+.2f}", str(e["cooperative"]), str(e["conflictual"]),
                     f"{names[e['source']]} -> {names[e['target']]}"))
    print("\n".join(_aligned(rows)))
    return EXIT_OK


def cmd_docs(args: argparse.Namespace) -> int:
    with _open(args) as app:
        docs = app.documents()
    if args.json:
        _emit_json(docs)
        return EXIT_OK
    print(_docs_table(docs))
    return EXIT_OK


def _date_cell(doc: dict[str, Any]) -> str:
    if doc["published"]:
        return str(doc["published"])
    estimate = doc.get("published_estimate")
    return f"~{estimate['date']}" if estimate else "?"


def _docs_table(docs: list[dict[str, Any]]) -> str:
    if not docs:
        return "no documents yet: add some with `storyline ingest PATH`"
    rows = [("ID", "DATE", "WORDS", "LANG", "STATUS", "SOURCE", "TITLE")]
    for doc in docs:
        rows.append((doc["id"], _date_cell(doc), str(doc["words"]), doc["language"] or "?", doc["status"],
                     _cut(doc["source"] or "", 22), _cut(doc["title"] or Path(doc["origin"]).name, 60)))
    lines = _aligned(rows)
    lines.append(f"{len(docs)} documents; '~' marks a date estimated from the text")
    return "\n".join(line.rstrip() for line in lines)


def _aligned(rows: Sequence[Sequence[str]]) -> list[str]:
    """Columns padded to their widest cell; the last column runs free."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[-1]
            for row in rows]


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def cmd_show(args: argparse.Namespace) -> int:
    with _open(args) as app:
        if args.versions:
            versions = app.versions(args.ref)
            if args.json:
                _emit_json(versions)
            else:
                for v in versions:
                    print(f"version {v['version']}: {v['words']} words, {v['title'] or '(no title)'}")
            return EXIT_OK
        doc = app.document(args.ref, args.doc_version)
    if args.json:
        _emit_json(doc)
        return EXIT_OK
    print(_render_document(doc, removed=args.removed))
    return EXIT_OK


def _render_document(doc: dict[str, Any], removed: bool) -> str:
    lines = [doc["title"] or "(no title)", "=" * min(78, len(doc["title"] or "(no title)"))]
    if doc["summary"]:
        lines += [doc["summary"], ""]
    estimate = doc["published_estimate"]
    published = doc["published"] or (f"unknown; estimated {estimate['date']} (between {estimate['earliest']} and "
                                      f"{estimate['latest']}: {estimate['basis']})" if estimate else "unknown")
    for label, value in (("id", doc["id"]), ("origin", doc["origin"] + (f"#{doc['locator']}" if doc["locator"]
                                                                          else "")),
                         ("source", doc["source"]), ("author", doc["author"]), ("published", published),
                         ("language", doc["language"]), ("status", doc["status"] + (f" ({doc['status_reason']})"
                                                                                     if doc["status_reason"] else "")),
                         ("version", f"{doc['version']} of {doc['versions']}"), ("words", doc["words"])):
        if value:
            lines.append(f"{label:>10}: {value}")
    lines += _link_lines(doc.get("links") or [])
    lines.append("")
    if removed:
        lines.append(f"removed ({len(doc['removed'])} spans):")
        for r in doc["removed"]:
            text = " ".join(r["text"].split())
            lines.append(f"  {r['reason']:<20} [{r['start']}:{r['end']}] {_cut(text, 90)}")
    else:
        lines.append(doc["text"])
    return "\n".join(lines)


def _link_lines(links: list[dict[str, Any]]) -> list[str]:
    """`duplicate_of d1a2...` for what this document copies, `copied by` for its copies."""
    lines = []
    for link in links:
        kind = link["type"] if link["role"] == "copy" else f"{link['type'].split('_')[0]} copy"
        relation = f"{kind} {link['other']}" if link["role"] == "copy" else f"has {kind} {link['other']}"
        lines.append(f"{'link':>10}: {relation} (similarity {link['score']:.2f}; {link['reason']})")
    return lines


def cmd_set(args: argparse.Namespace) -> int:
    values: dict[str, Any] = {}
    for assignment in args.assignments:
        if "=" not in assignment:
            raise StorylineError(BAD_FIELD, f"{assignment!r} is not FIELD=VALUE")
        name, value = assignment.split("=", 1)
        values[name.strip()] = value.strip() or None
    with _open(args) as app:
        doc = app.set_fields(args.ref, values)
    if args.json:
        _emit_json(doc)
    else:
        _say(args, f"{doc['id']}: " + ", ".join(f"{k}={doc[k]!r}" for k in values))
    return EXIT_OK


def cmd_config(args: argparse.Namespace) -> int:
    settings = load_settings(args.config, _settings_flags(args))
    items = settings.public_items()
    if args.json:
        _emit_json({name: {"value": value, "from": origin} for name, value, origin in items})
        return EXIT_OK
    width = max(len(name) for name, _, _ in items)
    for name, value, origin in items:
        print(f"{name:<{width}} = {json.dumps(value)}    # {origin}")
    return EXIT_OK


def cmd_build(args: argparse.Namespace, targets: list[str] | None = None) -> int:
    with _open(args) as app:
        result = app.build(targets or args.targets, args.out, quiet=args.quiet or args.json, on_error=_print_error)
    code = _finish_ingest(args, result.ingest, {"report": {"index": str(result.index_html),
                                                           "data": str(result.data_json)}})
    _say(args, f"report: {result.index_html.resolve()}")
    return code


def cmd_demo(args: argparse.Namespace) -> int:
    from storyline.app import demo_corpus_path

    if args.db is None:
        # The demo keeps its own store beside its report, away from the user's corpus.
        Path(args.out).mkdir(parents=True, exist_ok=True)
        args.db = str(Path(args.out) / "storyline.db")
    return cmd_build(args, [str(demo_corpus_path())])


def cmd_report(args: argparse.Namespace) -> int:
    with _open(args) as app:
        index_html, data_json = app.report(args.out)
    if args.json:
        _emit_json({"index": str(index_html), "data": str(data_json)})
    else:
        _say(args, f"report: {index_html.resolve()}")
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from storyline.evaluation import run_evaluation

    result, text = run_evaluation(args.task, args.data, args.limit)
    if args.json:
        _emit_json(result)
    else:
        print(text)
    return EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    with _open(args) as app:
        result = app.compare(args.a, args.b)
    if args.json:
        _emit_json(result)
    else:
        print(_render_comparison(result))
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    with _open(args) as app:
        results = app.search(args.query, date_from=args.date_from, date_to=args.date_to, actor=args.actor,
                             limit=args.limit)
    if args.json:
        _emit_json(results)
        return EXIT_OK
    if not results:
        print("no sentences match: ingest documents, or widen the filters")
        return EXIT_OK
    rows = [("SCORE", "BM25", "COS", "DATE", "DOC", "SENTENCE")]
    for r in results:
        day = f"{'~' if r['date_estimated'] else ''}{r['date']}" if r["date"] else "undated"
        rows.append((f"{r['score']:.2f}", f"{r['bm25']:.2f}", f"{r['cosine']:.2f}", day,
                     _cut(r["title"] or r["doc_id"], 30), _cut(" ".join(r["sentence"].split()), 90)))
    print("\n".join(_aligned(rows)))
    return EXIT_OK


def cmd_related(args: argparse.Namespace) -> int:
    with _open(args) as app:
        results = app.related(args.ref, limit=args.limit)
    if args.json:
        _emit_json(results)
        return EXIT_OK
    if not results:
        print("no earlier documents to give background")
        return EXIT_OK
    rows = [("SCORE", "DATE", "DOC", "TITLE", "WHY")]
    for r in results:
        day = f"{'~' if r['date_estimated'] else ''}{r['date']}"
        rows.append((f"{r['score']:.2f}", day, r["doc_id"], _cut(r["title"] or "", 36), _cut(_reasons(r), 80)))
    print("\n".join(_aligned(rows)))
    return EXIT_OK


def _reasons(record: dict[str, Any]) -> str:
    reasons = record["reasons"]
    parts = []
    if reasons["shared_actors"]:
        parts.append("actors: " + ", ".join(reasons["shared_actors"][:4]))
    if reasons["shared_events"]:
        parts.append("events: " + ", ".join(f"{e['type']} {e['date'] or ''}".strip()
                                            for e in reasons["shared_events"][:3]))
    passage = reasons["similar_passages"]
    if passage:
        parts.append(f"passage ({passage['similarity']:.2f}): {' '.join(passage['related_sentence'].split())}")
    return "; ".join(parts) or "similar wording"


def _render_comparison(result: dict[str, Any]) -> str:
    def name(side: dict[str, Any]) -> str:
        date = f"{'~' if side['published_estimated'] else ''}{side['published']}" if side["published"] else "undated"
        return f"{side['title'] or Path(side['origin']).name} ({side['id'] or side['ref']}, {date})"

    verdict = "a rewrite" if result["is_rewrite"] else "not a rewrite"
    lines = [f"original: {name(result['original'])}", f" rewrite: {name(result['rewrite'])}",
             f"   basis: {result['direction_basis']}",
             f"rewrite score {result['rewrite_score']:.2f}: {verdict} ({result['retold_share']:.0%} of the rewrite's "
             f"sentences retell the original; {result['kept_share']:.0%} of the original's sentences are kept)", ""]
    rows = [("R#", "SIM", "REWRITE SENTENCE", "O#", "ORIGINAL SENTENCE")]
    for item in result["alignment"]:
        originals = item["originals"] or [{"sentence": None, "text": "(retells nothing)", "similarity": None}]
        for n, source in enumerate(originals):
            first = n == 0
            rows.append((str(item["rewrite_sentence"] + 1) if first else "",
                         f"{source['similarity']:.2f}" if source["similarity"] is not None else "",
                         _cut(item["text"], 60) if first else "",
                         str(source["sentence"] + 1) if source["sentence"] is not None else "-",
                         _cut(source["text"], 60)))
    lines += [line.rstrip() for line in _aligned(rows)]
    lines.append("")
    lines.append(f"dropped from the original ({len(result['dropped'])}):")
    lines += [f"  {d['sentence'] + 1:>3}  {_cut(d['text'], 110)}" for d in result["dropped"]] or ["  none"]
    return "\n".join(lines)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "ingest": cmd_ingest, "docs": cmd_docs, "show": cmd_show, "set": cmd_set, "config": cmd_config,
    "build": cmd_build, "demo": cmd_demo, "report": cmd_report, "eval": cmd_eval, "process": cmd_process,
    "events": cmd_events, "relations": cmd_relations, "network": cmd_network,
    "actors": cmd_actors, "compare": cmd_compare, "search": cmd_search, "related": cmd_related,
}


if __name__ == "__main__":
    sys.exit(main())
