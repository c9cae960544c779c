"""A generated news corpus for benchmarks: plain-text scrapes with boilerplate, and full HTML pages.

Deterministic for a given seed, so runs are comparable. The text is assembled from templates
about invented diplomacy (no real article text), at realistic lengths (about 5 KB of text, 600-1,000 words).
"""

from __future__ import annotations

import random
from html import escape
from pathlib import Path

ACTORS = ["the foreign minister", "the defence ministry", "the UN envoy", "the president", "rebel commanders",
          "the security council", "aid agencies", "the prime minister", "opposition leaders", "the ambassador",
          "the coalition spokesman", "the interior ministry", "border officials", "the regional governor"]
VERBS = ["met", "accused", "warned", "praised", "criticised", "called on", "rejected a proposal from",
         "signed an agreement with", "held talks with", "urged", "condemned", "welcomed a statement by"]
PLACES = ["Geneva", "Vienna", "Astana", "New York", "Brussels", "Ankara", "Cairo", "Amman", "Doha", "Riyadh"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NOISE = ["Share this article", "Subscribe to our newsletter", "Advertisement", "Follow us on social media",
         "Read more: related coverage", "We use cookies to improve your experience. Accept all cookies",
         "Photo: staff photographer / Agency"]


def sentence(rng: random.Random) -> str:
    a, b = rng.sample(ACTORS, 2)
    # Most sentences carry no date, as in real reporting (and in the demo corpus): about one in six has one.
    dated = [
        f"in {rng.choice(PLACES)} on {rng.choice(DAYS)}",
        f"on {rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2011, 2025)}",
    ]
    undated = [
        f"in {rng.choice(PLACES)}",
        "after weeks of stalled negotiations",
        f"according to {rng.randint(2, 9)} officials familiar with the talks",
        f"as {rng.randint(100, 9000):,} people fled the fighting",
        "in a statement read to reporters",
        "despite objections from several member states",
        "over the future of the ceasefire",
        "ahead of a vote in the security council",
        "without offering details",
        "in a telephone call",
    ]
    clause = rng.choice(dated) if rng.random() < 0.17 else rng.choice(undated)
    return f"{a[0].upper()}{a[1:]} {rng.choice(VERBS)} {b} {clause}."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))


def text_article(rng: random.Random) -> str:
    lines = ["The Example Herald", f"Talks in {rng.choice(PLACES)} {rng.choice(['stall', 'resume', 'collapse'])}",
             "A standfirst line that sums up the story in one sentence of moderate length.", ""]
    for index in range(rng.randint(9, 16)):
        lines.append(paragraph(rng))
        lines.append("")
        if index % 4 == 2:
            lines += [rng.choice(NOISE), ""]
    lines += ["Jane Example is a correspondent based in the region.", "Contact: desk@example.org"]
    return "\n".join(lines)


def html_article(rng: random.Random) -> str:
    title = f"Envoys {rng.choice(['meet', 'clash', 'agree'])} in {rng.choice(PLACES)}"
    body = "".join(f"<p>{escape(paragraph(rng))}</p>\n" for _ in range(rng.randint(9, 16)))
    nav = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(12))
    related = "".join(f'<li><a href="/story/{rng.randint(1, 99999)}">{escape(sentence(rng))}</a></li>'
                      for _ in range(6))
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} | Example Herald</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="Example Herald">
<meta property="article:published_time" content="20{rng.randint(12, 25)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}">
</head><body><header><nav><ul>{nav}</ul></nav><div class="cookie">We use cookies. Accept</div></header>
<main><article><h1>{title}</h1><p class="byline">By Sam Example</p>{body}</article>
<aside><h2>Related</h2><ul>{related}</ul></aside></main>
<footer><p>Copyright Example Herald. All rights reserved.</p><a href="/privacy">Privacy</a></footer></body></html>"""


def generate(folder: Path, count: int, kind: str, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        if kind == "text":
            path = folder / f"article-{index:06d}.txt"
            path.write_text(text_article(rng), encoding="utf-8")
        else:
            path = folder / f"page-{index:06d}.html"
            path.write_text(html_article(rng), encoding="utf-8")
        paths.append(path)
    return paths
