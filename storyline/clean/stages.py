"""The stages that turn a read input into a clean, dated, language-tagged document."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any

from storyline.clean.boilerplate import clean_plain_text
from storyline.clean.pubdate import estimate_published
from storyline.document import Document, PublishedEstimate
from storyline.errors import NO_ARTICLE_TEXT, StorylineError
from storyline.ingest.html import extract_html
from storyline.pipeline import Stage, check_pipeline

# A body shorter than this is a menu, a caption or an error page, not an article.
MIN_BODY_WORDS = 5


@dataclass(frozen=True)
class ExtractText:
    """HTML pages go through main-text extraction; plain text through boilerplate cleaning."""

    name: str = "extract"
    needs: tuple[str, ...] = ("raw_text", "format")
    adds: tuple[str, ...] = ("text", "title", "summary", "source", "author", "removed")

    def __call__(self, doc: Document) -> Document:
        if doc.format == "html":
            _extract_html(doc)
        else:
            _clean_text(doc)
        words = len(doc.text.split())
        if words < MIN_BODY_WORDS:
            raise StorylineError(NO_ARTICLE_TEXT, f"{words} words of body text remain after cleaning",
                                 source=doc.origin, where=doc.locator or None)
        return doc


def _fill(doc: Document, **values: Any) -> None:
    """Metadata given with the input (record fields, sidecars, feeds) wins over what is found in the text."""
    for name, value in values.items():
        if value and not getattr(doc, name):
            setattr(doc, name, value)


def _extract_html(doc: Document) -> None:
    page = extract_html(doc.raw_text, url=doc.url, source=doc.origin)
    doc.text = page.text
    _fill(doc, title=page.title, summary=page.description, source=page.sitename, author=page.author)
    if page.published and page.date_from_text:
        # A date found in the visible text may be one the article only mentions: evidence, not metadata.
        doc.meta["date_seen_in_page"] = page.published
    else:
        _fill(doc, published=page.published)
    if page.language:
        doc.meta["declared_language"] = page.language
    doc.meta["extractor"] = page.method


def _clean_text(doc: Document) -> None:
    cleaned = clean_plain_text(doc.raw_text)
    doc.text = cleaned.text
    doc.removed = list(cleaned.removed)
    _fill(doc, title=cleaned.title, summary=cleaned.summary, source=cleaned.source, author=cleaned.author)


@lru_cache(maxsize=1)
def _language_identifier() -> Any:
    # Loaded lazily, once per process: the model takes a moment to unpack.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


def detect_language(text: str) -> tuple[str | None, float]:
    sample = text[:1000]  # plenty for a confident guess; the cost grows with length
    if len(_LETTERS.findall(sample)) < 20:
        return None, 0.0
    code, probability = _language_identifier().classify(sample)
    return str(code), float(probability)


@dataclass(frozen=True)
class DetectLanguage:
    """Tag the language; non-English documents are kept but flagged so later stages skip them."""

    english_only: bool = True
    name: str = "language"
    needs: tuple[str, ...] = ("text",)
    adds: tuple[str, ...] = ("language", "status")

    def __call__(self, doc: Document) -> Document:
        detected, probability = detect_language(doc.text)
        declared = doc.language
        doc.meta["language_detected"] = detected
        doc.meta["language_confidence"] = round(probability, 3)
        # Detection on a real amount of text beats a declared tag, which exports often get wrong.
        if detected and (probability >= 0.8 or not declared):
            doc.language = detected
        if self.english_only and doc.language and not doc.language.lower().startswith("en"):
            doc.status = "skipped"
            doc.status_reason = f"language is {doc.language!r}, not English: stored, but later stages skip it"
        return doc


@dataclass(frozen=True)
class EstimateDate:
    """Documents without a known publication date get an estimate from their text, marked as such."""

    today: date | None = None
    name: str = "dating"
    needs: tuple[str, ...] = ("text",)
    adds: tuple[str, ...] = ("published_estimate",)

    def __call__(self, doc: Document) -> Document:
        if doc.published is None:
            estimate = estimate_published(doc.text, title=doc.title, today=self.today)
            doc.published_estimate = _with_page_date(estimate, doc.meta.get("date_seen_in_page"))
        return doc


def _with_page_date(estimate: PublishedEstimate | None, seen: str | None) -> PublishedEstimate | None:
    """A date an HTML page shows (found by searching its text) is the best single guess when it fits
    the window the article's own references allow; outside it, it is more likely a date the article
    merely mentions."""
    if not seen:
        return estimate
    if estimate is None:
        return PublishedEstimate(seen, seen, seen, f"the only date the page shows: {seen}")
    if estimate.earliest <= seen <= estimate.latest:
        return replace(estimate, date=seen, basis=f"{estimate.basis}; the page shows {seen}")
    return estimate


# What the reader fills in before the first stage runs.
READER_PROVIDES = ("origin", "locator", "format", "raw_text", "title", "source", "author", "url", "published",
                   "language", "meta")


def ingest_stages(english_only: bool = True) -> list[Any]:
    stages: list[Stage] = [ExtractText(), DetectLanguage(english_only=english_only), EstimateDate()]
    check_pipeline(stages, READER_PROVIDES)
    return stages
