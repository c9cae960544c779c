"""Copy detection on a corpus with known copies: Timeline17's BBC articles and the demo corpus, plus copies
injected with a seeded RNG.

A copy is an article republished with other boilerplate (the outlet's header, footer and inline prompts
swapped, some added inside the body), by the same outlet (`duplicate`) or by another one under a new
headline (`syndicated`), sometimes with two paragraphs swapped or a paragraph trimmed, on the same day,
a few days later or undated. The demo corpus brings its own real copies (listed in its gold files) and a
plain-language rewrite that must not be linked as a copy.

The corpus is ingested in three rounds into a fresh SQLite store: a few copies that arrive before their
sources (where nothing else tells them apart, ingest order then names the wrong original), the originals,
and the remaining copies, so later rounds are checked incrementally against stored signatures. A link
is right when it joins a copy to its source (either type) or two copies of the same source; precision,
recall over (copy, source) pairs, how many links join two different articles, and how often the
original was told apart from the copy are reported.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from storyline.evaluation import default_data_dir
from storyline.link.copies import CopyIndex, fingerprint

DEFAULT_DATA = default_data_dir() / "temporal" / "timeline17" / "SyrianCrisis_bbc" / "articles.jsonl"
ORIGINAL_OUTLET = "BBC News"  # what Timeline17's articles are; given as metadata, as a scraper would
# Invented outlets and boilerplate, written for this evaluation.
OUTLETS = ["The Riverside Chronicle", "Northgate Daily", "Eastern Plains Gazette", "The Harbourtown Times",
           "Midland Courier", "Westbrook Observer", "Lakeshore Morning Star", "The Valley Dispatch"]
HEADERS = ["Home > World > Middle East", "World | Middle East", "Sign up for our morning briefing",
           "Breaking news alerts: download our app", "Menu  Search  Sign in"]
FOOTERS = ["Share this article", "Follow us on social media", "Comments (12)", "Most read", "Email this story",
           "Related: more coverage of the region", "We use cookies to improve your experience. Accept all cookies"]
INLINE = ["Advertisement", "Story continues below advertisement", "Read more: our coverage of the region",
          "Sign up for breaking news alerts", "Watch: the scene on the ground"]
TITLE_PREFIXES = ["Update: ", "Analysis: ", "World news: ", "LATEST: "]
COPY_SHARE, SECOND_COPY_SHARE, EARLY_SHARE = 0.4, 0.12, 0.15


@dataclass
class Article:
    name: str  # file name in the corpus folder
    outlet: str
    title: str
    paragraphs: list[str]
    published: str | None
    source: str | None = None  # for a copy: the name of the article it copies
    kind: str = "original"  # original | duplicate | syndicated
    transforms: list[str] = field(default_factory=list)


# -- the corpus -------------------------------------------------------------------------------------------


def timeline17_articles(path: Path, limit: int | None = None) -> list[Article]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = []
    for record in records[:limit]:
        lines = [line.strip() for line in record["text"].splitlines() if line.strip()]
        headline = " ".join(lines[0].split()[:10]) if lines else ""
        articles.append(Article(f"t17-{record['id']}.txt", ORIGINAL_OUTLET, headline, lines, record.get("time")))
    return articles


def demo_articles(gold_dir: Path, corpus_dir: Path) -> list[Article]:
    """The demo corpus's plain-text articles as body paragraphs (its gold separates them from boilerplate)."""
    articles = []
    for gold_file in sorted(gold_dir.glob("*.txt.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        skip = {" ".join(line.split()) for line in [*gold.get("boilerplate", []), gold.get("title") or "",
                                                    gold.get("summary") or ""]}
        raw = (corpus_dir / gold["file"]).read_text(encoding="utf-8")
        body = [line.strip() for line in raw.splitlines() if line.strip() and " ".join(line.split()) not in skip]
        articles.append(Article(gold["file"], gold.get("outlet") or "", gold.get("title") or "", body,
                                gold.get("published")))
    return articles


def demo_pairs(gold_dir: Path, types: tuple[str, ...] = ("duplicate_of", "syndicated_from")
               ) -> list[tuple[str, str, str]]:
    """(copy, source, type) for the relations of these types that the demo corpus's gold lists."""
    pairs = []
    for gold_file in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        for relation in gold.get("relations", []):
            if relation.get("type") in types:
                pairs.append((gold["file"], relation["of"], relation["type"]))
    return pairs


def make_copy(rng: random.Random, original: Article, number: int) -> Article:
    kind = "duplicate" if rng.random() < 0.35 else "syndicated"
    outlet = original.outlet if kind == "duplicate" else rng.choice([o for o in OUTLETS if o != original.outlet])
    title, transforms = original.title, ["boilerplate swapped"]
    if kind == "syndicated":
        title = _new_title(rng, original)
        transforms.append("title changed")
    paragraphs = list(original.paragraphs)
    if rng.random() < 0.5:
        for _ in range(rng.randint(1, 3)):
            paragraphs.insert(rng.randint(1, max(1, len(paragraphs) - 1)), rng.choice(INLINE))
        transforms.append("boilerplate added")
    if rng.random() < 0.3 and len(original.paragraphs) >= 4:
        _swap_two_paragraphs(rng, paragraphs)
        transforms.append("paragraphs reordered")
    if rng.random() < 0.3 and _trim_a_paragraph(rng, paragraphs):
        transforms.append("paragraph trimmed")
    if kind == "syndicated" and rng.random() < 0.4:
        paragraphs.append(f"This story was distributed by {original.outlet}.")
        transforms.append("credit line")
    published = _copy_date(rng, original.published)
    name = f"copy-{number:04d}-{Path(original.name).stem}.txt"
    return Article(name, outlet, title, paragraphs, published, original.name, kind, transforms)


def _new_title(rng: random.Random, original: Article) -> str:
    choice = rng.random()
    words = original.title.split()
    if choice < 0.4:
        return rng.choice(TITLE_PREFIXES) + original.title
    if choice < 0.7 and len(words) > 5:
        return " ".join(words[: len(words) - 3])
    second = original.paragraphs[1] if len(original.paragraphs) > 1 else original.title
    return " ".join(second.split()[:9])


def _swap_two_paragraphs(rng: random.Random, paragraphs: list[str]) -> None:
    i = rng.randint(1, len(paragraphs) - 2)
    paragraphs[i], paragraphs[i + 1] = paragraphs[i + 1], paragraphs[i]


def _trim_a_paragraph(rng: random.Random, paragraphs: list[str]) -> bool:
    """Cut a paragraph's last sentence, or drop the last paragraph when each is one sentence."""
    long = [i for i, p in enumerate(paragraphs) if len(re.findall(r"[.!?](?:\s|$)", p)) >= 2]
    if long:
        i = rng.choice(long)
        sentences = re.split(r"(?<=[.!?])\s+", paragraphs[i])
        paragraphs[i] = " ".join(sentences[:-1])
        return True
    if len(paragraphs) > 3:
        paragraphs.pop()
        return True
    return False


def _copy_date(rng: random.Random, published: str | None) -> str | None:
    roll = rng.random()
    if published is None or roll < 0.2:
        return None
    if roll < 0.6:
        return published
    return (date.fromisoformat(published) + timedelta(days=rng.randint(1, 3))).isoformat()


def write_article(folder: Path, article: Article, rng: random.Random) -> None:
    header = [article.outlet, *rng.sample(HEADERS, 2), article.title]
    footer = [*rng.sample(FOOTERS, 3), f"© {article.outlet}. All rights reserved."]
    (folder / article.name).write_text("\n".join([*header, *article.paragraphs, *footer]) + "\n", encoding="utf-8")
    meta = {"title": article.title, "source": article.outlet, **({"published": article.published}
                                                                 if article.published else {})}
    (folder / f"{article.name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")


def build_corpus(articles_path: Path, seed: int = 5, limit: int | None = None) -> dict[str, Any]:
    """Originals and injected copies (as Article), the demo corpus's own copy pairs, and the gold pairs."""
    from storyline.app import demo_corpus_path
    from storyline.evaluation.cleaning import gold_dir

    rng = random.Random(seed)
    originals = timeline17_articles(articles_path, limit) + demo_articles(gold_dir(), demo_corpus_path())
    copies: list[Article] = []
    for original in originals:
        if rng.random() < COPY_SHARE:
            copies.append(make_copy(rng, original, len(copies)))
            if rng.random() < SECOND_COPY_SHARE / COPY_SHARE:
                copies.append(make_copy(rng, original, len(copies)))
    return {"originals": [a for a in originals if a.name.startswith("t17-")], "copies": copies,
            "demo_pairs": demo_pairs(gold_dir()), "rewrites": demo_pairs(gold_dir(), ("rewrite_of",)), "rng": rng}


# -- running and scoring ----------------------------------------------------------------------------------


def evaluate_duplicates(articles_path: Path, seed: int = 5, limit: int | None = None,
                        threshold: float = 0.8) -> dict[str, Any]:
    from storyline.app import Storyline, demo_corpus_path
    from storyline.config import load_settings

    corpus = build_corpus(articles_path, seed, limit)
    rng: random.Random = corpus["rng"]
    copies: list[Article] = corpus["copies"]
    early = {c.name for c in copies if rng.random() < EARLY_SHARE}  # copies that arrive before their source
    with tempfile.TemporaryDirectory(prefix="storyline-dups-") as tmp:
        rounds = [Path(tmp) / name for name in ("early-copies", "originals", "copies")]
        for folder in rounds:
            folder.mkdir()
        shutil.copytree(demo_corpus_path(), rounds[1] / "demo")
        for article in corpus["originals"]:
            write_article(rounds[1], article, rng)
        for article in copies:
            write_article(rounds[0] if article.name in early else rounds[2], article, rng)
        settings = load_settings(flags={"db": str(Path(tmp) / "store.db"), "process": False,
                                        "near_duplicate_threshold": threshold})
        with Storyline(settings) as app:
            timings = {}
            for number, folder in enumerate(rounds):
                if number:
                    time.sleep(1.1)  # ingest times are to the second: keep the rounds apart
                label = folder.name
                app.ingest([str(folder)])
                started = time.perf_counter()
                report = app.link_copies()
                timings[label] = {"documents": report.checked, "indexed": report.indexed,
                                  "seconds": round(time.perf_counter() - started, 3)}
            names = {stored.doc_id: _name(stored.document.origin, stored.document.locator)
                     for stored in app.store.iter_documents()}
            texts = {names[s.doc_id]: s.document.text for s in app.store.iter_documents()}
            links = app.store.links()
    rewrites = {frozenset((a, b)) for a, b, _ in corpus["rewrites"]}
    result = score(links, names, copies, corpus["demo_pairs"], texts, threshold, rewrites)
    result["timings"] = timings
    result["seed"], result["threshold"] = seed, threshold
    return result


def _name(origin: str, locator: str) -> str:
    return Path(origin).name + (f"#{locator}" if locator else "")


def score(links: list[Any], names: dict[str, str], copies: list[Article], demo_pairs: list[tuple[str, str, str]],
          texts: dict[str, str], threshold: float, rewrites: set[frozenset[str]]) -> dict[str, Any]:
    source_of = {c.name: c.source or "" for c in copies} | {copy: source for copy, source, _ in demo_pairs}
    family = {name: _root(name, source_of) for name in source_of}  # a copy of a copy is in its source's family
    pairs = {frozenset((copy, source)) for copy, source in source_of.items()}
    found: dict[frozenset[str], Any] = {}
    siblings, wrong = 0, []
    for link in links:
        a, b = names[link.doc_id], names[link.other_id]
        pair = frozenset((a, b))
        if pair in pairs:
            found[pair] = (link, a, b)
        elif family.get(a, a) == family.get(b, b):
            siblings += 1
        else:
            wrong.append({"copy": a, "original": b, "score": link.score, "method": link.method})
    right = len(found) + siblings
    injected = {c.name: c for c in copies}
    return {
        "documents": len(names), "copies": len(source_of), "injected_copies": len(copies),
        "demo_copies": len(demo_pairs), "links": len(links), "right": right, "copy_to_source": len(found),
        "between_copies_of_one_source": siblings, "different_articles": len(wrong),
        "precision": round(right / len(links), 4) if links else 1.0,
        "recall": round(len(found) / len(pairs), 4) if pairs else 1.0,
        "by_transform": _by_transform(copies, found),
        "types": _types(found, injected, {copy: kind for copy, _, kind in demo_pairs}),
        "direction": _direction(found, source_of),
        "rewrites_linked_as_copies": sum(frozenset((w["copy"], w["original"])) in rewrites for w in wrong),
        "wrong_links": wrong[:20],
        "missed": _missed(pairs - found.keys(), source_of, injected, texts, threshold),
    }


def _root(name: str, source_of: dict[str, str]) -> str:
    seen = {name}
    while name in source_of and source_of[name] not in seen:
        name = source_of[name]
        seen.add(name)
    return name


def _by_transform(copies: list[Article], found: dict[frozenset[str], Any]) -> dict[str, dict[str, int]]:
    table: dict[str, dict[str, int]] = {}
    for copy in copies:
        hit = frozenset((copy.name, copy.source or "")) in found
        for transform in [copy.kind, *copy.transforms]:
            row = table.setdefault(transform, {"copies": 0, "found": 0})
            row["copies"] += 1
            row["found"] += int(hit)
    return table


def _types(found: dict[frozenset[str], Any], injected: dict[str, Article],
           demo_kinds: dict[str, str]) -> dict[str, dict[str, int]]:
    """Link type against the kind of copy: duplicate -> duplicate_of, syndicated -> syndicated_from."""
    table: dict[str, dict[str, int]] = {}
    for link, a, b in found.values():
        copy = a if a in injected or a in demo_kinds else b
        kind = injected[copy].kind if copy in injected else demo_kinds[copy].split("_")[0]
        expected = "duplicate_of" if kind == "duplicate" else "syndicated_from"
        row = table.setdefault(expected, Counter())
        row[link.type] += 1
    return {kind: dict(counts) for kind, counts in table.items()}


def _direction(found: dict[frozenset[str], Any], source_of: dict[str, str]) -> dict[str, Any]:
    by_basis: dict[str, dict[str, int]] = {}
    for link, a, b in found.values():
        row = by_basis.setdefault(link.basis, {"links": 0, "original_right": 0})
        row["links"] += 1
        row["original_right"] += int(source_of.get(a) == b)  # a is the link's copy, b its original
    right = sum(r["original_right"] for r in by_basis.values())
    return {"original_right": right, "links": len(found), "share": round(right / len(found), 4) if found else 1.0,
            "by_basis": by_basis}


def _missed(missed: set[frozenset[str]], source_of: dict[str, str], injected: dict[str, Article],
            texts: dict[str, str], threshold: float) -> list[dict[str, Any]]:
    rows = []
    for pair in sorted(missed, key=sorted):
        copy = next(name for name in pair if name in source_of)
        index = CopyIndex(threshold=0.01)
        sig, _ = fingerprint("d000000000a0", 1, texts.get(source_of[copy], ""))
        index.add(sig)
        other, _ = fingerprint("d000000000b0", 1, texts.get(copy, ""))
        best = max((m.score for m in index.matches(other)), default=0.0)
        article = injected.get(copy)
        rows.append({"copy": copy, "source": source_of[copy], "estimated_jaccard": best,
                     "transforms": [article.kind, *article.transforms] if article else ["demo"]})
    return rows


def format_duplicates_report(result: dict[str, Any]) -> str:
    lines = [
        f"Copies: {result['documents']} documents, {result['copies']} known copies "
        f"({result['injected_copies']} injected, {result['demo_copies']} in the demo corpus); "
        f"threshold {result['threshold']}, seed {result['seed']}",
        f"  links: {result['links']}; right {result['right']} ({result['copy_to_source']} copy to source, "
        f"{result['between_copies_of_one_source']} between two copies of one source); "
        f"joining two different articles: {result['different_articles']}",
        f"  precision {result['precision']:.4f}   recall {result['recall']:.4f}",
        f"  original told apart from copy: {result['direction']['original_right']} / {result['direction']['links']}"
        f" ({result['direction']['share']:.3f})",
    ]
    for basis, row in sorted(result["direction"]["by_basis"].items()):
        lines.append(f"    by {basis:<13} {row['original_right']:>4} / {row['links']:<4}")
    lines.append("  found, by transform:")
    for transform, row in sorted(result["by_transform"].items()):
        lines.append(f"    {transform:<22} {row['found']:>4} / {row['copies']:<4}")
    lines.append("  link type by kind of copy: " + "; ".join(
        f"{kind}: {counts}" for kind, counts in sorted(result["types"].items())))
    for row in result["missed"][:10]:
        lines.append(f"  missed {row['copy']} (of {row['source']}): estimated Jaccard {row['estimated_jaccard']:.2f}, "
                     f"{', '.join(row['transforms'])}")
    for row in result["wrong_links"][:10]:
        lines.append(f"  wrong {row['copy']} -> {row['original']} ({row['method']}, {row['score']:.2f})")
    lines.append("  linking time: " + ", ".join(f"{k}: {v['documents']} documents in {v['seconds']} s "
                                                f"against {v['indexed']} stored"
                                                for k, v in result["timings"].items()))
    return "\n".join(lines)
