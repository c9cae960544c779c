"""Main text and metadata of one HTML page: trafilatura, then corrections that hold on any site.

The pipeline, cheapest first:

1. parse once with lxml (trafilatura's loader: charset detection, repairs);
2. read metadata: trafilatura's reader with htmldate's original-date search, then the headline as the page
   shows it (its ``<h1>``) rather than the ``<title>`` with the site's name glued on;
3. drop inline cross-promotion lines ("Read more: <link to another story>") before extraction;
4. extract with trafilatura's fast rules, comments excluded; only when that yields little text is the
   page run again with its readability and jusText fallbacks, which cost half as much again;
5. drop "related stories" blocks that survived: a short heading followed by lines that are each the
   whole text of a link on the page;
6. put back the standfirst (lead paragraph) when extraction skipped it: the page's own description
   found in the body before the article, or an element marked as lead/intro/teaser just above it;
7. drop closing calls to action (subscribe, sign up, follow us, copyright) and a first paragraph that
   only repeats the headline.

Nothing here fetches anything: the URL, when given, only resolves relative links and dates in paths.
"""

from __future__ import annotations

import re
import unicodedata
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura import bare_extraction, load_html

# trafilatura's own metadata readers, called one by one so that categories, tags and licence, which
# Storyline does not use, are not searched for (they cost about a fifth of extract_metadata's time)
from trafilatura.metadata import (
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)

from storyline.errors import MALFORMED_HTML, StorylineError

__all__ = ["ExtractedPage", "extract_html"]

# A first pass shorter than this (characters) is retried with trafilatura's fallbacks; on trafilatura's
# benchmark the retry fixes most of what the fallbacks fix overall while running on about 1 page in 9.
SHORT_TEXT = 1000

_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"\w+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LANGUAGE = re.compile(r"[a-z]{2,3}")
# separators between a headline and the site's name in a <title>: "Headline | Site", "Site - Headline"
_TITLE_SEPARATOR = re.compile(r"\s+(?:[|\-–—·›»~]|::|//)\s+")
# the site speaking at the end of the text: a copyright notice, a call to sign up, follow or download, or
# an offer (subscription, newsletter) addressed to the reader, so "...reported by a newsletter." stays
_NOTICE = re.compile(r"©|\ball rights reserved\b|\bcopyright(?:ed)?\b(?: \d{4}| ©| \(c\)| property)", re.IGNORECASE)
_CALL_TO_ACTION = re.compile(r"\b(?:sign(?:ing)? up|follow us|download (?:our|the))\b", re.IGNORECASE)
_OFFER = re.compile(r"\b(?:subscri(?:be|ption|bers?)|newsletter)\b", re.IGNORECASE)  # only with "you"/"our"
_READER = re.compile(r"\b(?:you|your|our|us)\b", re.IGNORECASE)
_URL_LIKE = re.compile(r"^(?:https?://|www\.)", re.IGNORECASE)


@dataclass(frozen=True)
class ExtractedPage:
    """What one HTML page holds: its article text (paragraphs separated by a blank line) and metadata."""

    text: str
    title: str | None
    author: str | None
    sitename: str | None
    published: str | None  # ISO YYYY-MM-DD, the original publication date, None when unknown
    language: str | None  # primary language subtag as the page declares it ("en"), None when undeclared
    description: str | None
    method: str  # "trafilatura" or "trafilatura+fallbacks" (readability/jusText were consulted)
    # True when `published` was found by searching the visible text, not the page's date markup: a guess
    # that may be a date the article merely mentions, so the pipeline treats it as evidence, not as metadata.
    date_from_text: bool = False


def extract_html(html: str | bytes, *, url: str | None = None, source: str | None = None) -> ExtractedPage:
    """Extract the article text and metadata of one page; ``source`` names it in errors.

    Raises ``StorylineError(MALFORMED_HTML)`` when the input cannot be parsed or holds no article text.
    """
    tree = _parse(html, source)
    meta, date_from_text = _read_metadata(tree, url)
    _drop_inline_promos(tree)
    paragraphs, method = _main_text(tree, url)
    if not paragraphs:
        raise StorylineError(MALFORMED_HTML, "no article text found", source=source)
    paragraphs = _drop_related_link_blocks(paragraphs, tree)
    paragraphs = _restore_lead(paragraphs, tree, meta.description)
    paragraphs = _drop_closing_calls_to_action(paragraphs)
    title = _headline(meta.title, tree, meta.sitename)
    if len(paragraphs) > 1 and title and _norm(paragraphs[0]).casefold() == _norm(title).casefold():
        paragraphs = paragraphs[1:]  # the headline is the title, not the first paragraph
    return ExtractedPage(
        text="\n\n".join(unicodedata.normalize("NFC", paragraph) for paragraph in paragraphs),
        title=title,
        author=meta.author or None,
        sitename=meta.sitename or None,
        published=meta.date if meta.date and _DATE.fullmatch(meta.date) else None,
        language=_declared_language(tree),
        description=meta.description or None,
        method=method,
        date_from_text=date_from_text,
    )


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _parse(html: str | bytes, source: str | None) -> HtmlElement:
    if not html.strip():
        raise StorylineError(MALFORMED_HTML, "the page is empty", source=source)
    try:
        tree = load_html(html)
    except (TypeError, ValueError) as exc:
        raise StorylineError(MALFORMED_HTML, f"cannot be parsed as HTML ({exc})", source=source) from exc
    if tree is None:
        raise StorylineError(MALFORMED_HTML, "cannot be parsed as HTML", source=source)
    return tree


# --- metadata -------------------------------------------------------------------------------------


def _read_metadata(tree: HtmlElement, url: str | None) -> tuple[Any, bool]:
    """trafilatura's extract_metadata, in its order, less the fields Storyline does not use."""
    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:  # a bare handle ("admin") is no author name
        meta.author = None
    with suppress(Exception):  # malformed JSON-LD is common; the other sources still count
        meta = extract_meta_json(tree, meta)
    meta.title = meta.title or extract_title(tree)
    meta.author = meta.author or extract_author(tree)
    meta.url = meta.url or extract_url(tree, url)
    meta.date, date_from_text = _original_date(tree, meta.url)
    meta.sitename = (meta.sitename or extract_sitename(tree) or "").lstrip("@") or _host(meta.url)
    meta.clean_and_trim()
    return meta, date_from_text


def _original_date(tree: HtmlElement, url: str | None) -> tuple[str | None, bool]:
    """htmldate's original publication date (not a later "updated" stamp): the markup first, then, only
    when that finds none, the extensive search through the page's text. Calling the extensive search
    straight away costs more on most pages (about 3 ms against 0.2 on a news page with date markup) and
    gave the same dates on all but 6 of trafilatura's 990 benchmark pages. Nothing is fetched."""
    settings: dict[str, Any] = {"url": url, "original_date": True, "max_date": date.today().isoformat()}
    from_markup = find_date(tree, extensive_search=False, **settings)
    if from_markup:
        return from_markup, False
    return find_date(tree, extensive_search=True, **settings), True


def _host(url: str | None) -> str | None:
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def _headline(title: str | None, tree: HtmlElement, sitename: str | None) -> str | None:
    """The headline as shown on the page: the <h1> (or an element styled as the headline) that matches the
    metadata title, else the title without the site's name. A <title> that is only the site's name, as on
    pages without metadata, is no headline."""
    site = _norm(sitename or "").casefold()
    headings = _visible_headings(tree, site)
    if title and _norm(title).casefold() in _home_link_names(tree) | {site}:
        title = None
    if not title:
        return headings[0] if headings else None
    best = max(headings, key=lambda heading: _title_overlap(heading, title), default=None)
    # 0.3 word overlap: the h1 often rewords the <title> ("Syria: talks resume" vs "Talks resume in Syria")
    if best is not None and _title_overlap(best, title) >= 0.3:
        return best
    return _strip_site_name(title, site)


_HEADLINE_TOKENS = {"headline", "title", "heading"}
_CLASS_TOKEN = re.compile(r"[\s_-]+")


def _visible_headings(tree: HtmlElement, site: str) -> list[str]:
    """<h1> texts first, then elements whose class or id names them a headline ("story-title", ...)."""
    found = [_norm(h1.text_content()) for h1 in tree.xpath("//body//h1")[:3]]
    for element in tree.xpath("//body//*[@class or @id][not(ancestor::nav)][not(ancestor::footer)]")[:2000]:
        names = f"{element.get('class', '')} {element.get('id', '')}".casefold()
        if _HEADLINE_TOKENS & set(_CLASS_TOKEN.split(names)):
            found.append(_norm(element.text_content()))
            if len(found) >= 6:
                break
    return [h for h in found if 5 <= len(h) <= 300 and h.casefold() != site]


def _home_link_names(tree: HtmlElement) -> set[str]:
    """Texts of links to the site's home page: the site's own name as the page writes it."""
    names = {_norm(a.text_content()).casefold() for a in tree.xpath("//a[@href='/' or @href='./']")[:5]}
    return {name for name in names if 2 <= len(name) <= 60}


def _title_overlap(heading: str, title: str) -> float:
    if heading.casefold() in title.casefold():
        return 1.0
    heading_words = set(_WORDS.findall(heading.casefold()))
    title_words = set(_WORDS.findall(title.casefold()))
    if not heading_words or not title_words:
        return 0.0
    return len(heading_words & title_words) / len(heading_words | title_words)


def _strip_site_name(title: str, site: str) -> str:
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) < 2 or not site:
        return title
    kept = [part for part in parts if not (site in part.casefold() or part.casefold() in site)]
    return kept[0] if len(kept) == 1 else title


def _declared_language(tree: HtmlElement) -> str | None:
    declared = tree.xpath(
        "/html/@lang | /html/@xml:lang"
        " | //meta[translate(@http-equiv, 'CONTELANGU', 'contelangu')='content-language']/@content"
        " | //meta[@property='og:locale' or @name='language' or @name='dc.language']/@content"
    )
    for value in declared:
        primary = re.split(r"[-_,;\s]", str(value).strip().lower(), maxsplit=1)[0]
        if _LANGUAGE.fullmatch(primary):
            return primary
    return None


# --- main text ------------------------------------------------------------------------------------


def _main_text(tree: HtmlElement, url: str | None) -> tuple[list[str], str]:
    # trafilatura copies a tree it is given, so both passes see the same pruned page
    options: dict[str, Any] = {"url": url, "include_comments": False, "include_tables": True}
    document: Any = bare_extraction(tree, fast=True, **options)  # a trafilatura Document, or None
    method = "trafilatura"
    if document is None or len(document.text or "") < SHORT_TEXT:
        retried = bare_extraction(tree, fast=False, **options)
        if retried is not None:
            document, method = retried, "trafilatura+fallbacks"
    if document is None:
        return [], method
    return [line.strip() for line in (document.text or "").split("\n") if line.strip()], method


# "Read more: <a>Another story</a>" lines inside an article: a short label ending in a colon, then one
# link that makes up the rest of the block
_PROMO_BLOCKS = (
    "//body//*[self::p or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]"
    "[count(.//a) = 1][string-length(normalize-space(.)) <= 300]"
)


def _drop_inline_promos(tree: HtmlElement) -> None:
    for block in tree.xpath(_PROMO_BLOCKS):
        link = block.find(".//a")
        if _is_promo_line(_norm(block.text_content()), _norm(link.text_content())):
            block.drop_tree()


def _is_promo_line(block_text: str, link_text: str) -> bool:
    if len(link_text) < 15:
        return False
    start = block_text.find(link_text)
    if start <= 0:
        return False
    label, after = block_text[:start].strip(), block_text[start + len(link_text) :].strip()
    return 1 < len(label) <= 40 and label.endswith(":") and len(after) <= 2


def _drop_related_link_blocks(paragraphs: list[str], tree: HtmlElement) -> list[str]:
    """Remove, in the second half of the text, a short heading followed by two or more lines that are
    each a whole link on the page (a list of other stories), and such a list ending the text."""
    if len(paragraphs) < 4:
        return paragraphs
    titles = _link_titles(tree)
    is_link = [_unbulleted(paragraph) in titles for paragraph in paragraphs]
    if not any(is_link):
        return paragraphs
    kept, kept_links = _drop_headed_link_lists(paragraphs, is_link)
    end = len(kept)
    while end > 0 and kept_links[end - 1]:
        end -= 1
    if end > 1 and len(kept) - end == 1 and _is_list_heading(kept[end - 1], False):
        end -= 1  # a heading and a single story link ending the text
    if len(kept) - end >= 2 and end > 0:
        kept = kept[:end]
    return kept


def _drop_closing_calls_to_action(paragraphs: list[str]) -> list[str]:
    """Short paragraphs ending the text that ask the reader to subscribe, sign up or follow, or that
    claim copyright: the site speaking, not the article."""
    end = len(paragraphs)
    while end > 1 and len(paragraphs[end - 1]) <= 400 and _is_site_speaking(paragraphs[end - 1]):
        end -= 1
    return paragraphs[:end]


def _is_site_speaking(paragraph: str) -> bool:
    return bool(
        _NOTICE.search(paragraph)
        or _CALL_TO_ACTION.search(paragraph)
        or (_OFFER.search(paragraph) and _READER.search(paragraph))
    )


def _drop_headed_link_lists(paragraphs: list[str], is_link: list[bool]) -> tuple[list[str], list[bool]]:
    total = sum(len(paragraph) + 1 for paragraph in paragraphs)
    kept, kept_links = list(paragraphs), list(is_link)
    seen, index = 0, 0
    while index + 2 < len(kept):
        heading = kept[index]
        heads_a_list = _is_list_heading(heading, kept_links[index]) and all(kept_links[index + 1 : index + 3])
        if seen >= total / 2 and heads_a_list:
            stop = index + 1
            while stop < len(kept) and kept_links[stop]:
                stop += 1
            rest = sum(len(paragraph) + 1 for paragraph in kept[stop:])
            if rest < total / 4:  # what little follows such a list is more promotion, not article
                return kept[:index], kept_links[:index]
            del kept[index:stop], kept_links[index:stop]
            continue
        seen += len(heading) + 1
        index += 1
    return kept, kept_links


def _is_list_heading(paragraph: str, is_link: bool) -> bool:
    return not is_link and len(paragraph) <= 80 and not paragraph.rstrip().endswith(".")


def _unbulleted(paragraph: str) -> str:
    text = _norm(paragraph)
    return text[2:] if text.startswith("- ") else text


def _link_titles(tree: HtmlElement) -> set[str]:
    """Texts of the page's links that read like story titles: three words or more, not an address."""
    titles = set()
    for link in tree.xpath("//body//a[string-length(normalize-space(.)) >= 10]"):
        text = _norm(link.text_content())
        if len(text.split()) >= 3 and not _URL_LIKE.match(text):
            titles.add(text)
    return titles


# --- lead paragraph -------------------------------------------------------------------------------

# matched against lower-cased class and id values (twice as fast as an IGNORECASE pattern)
_LEAD_MARK = re.compile(
    r"lead(?!er)|intro|teaser|abstract|excerpt|preface|standfirst|summary|chapo|perex|bajada|description"
    r"|subtitle|subline|deck"
)
_MAX_LEAD = 1500  # characters; a longer "intro" block is a section of the page, not a standfirst
_SITE_MARK = re.compile(r"site|blog", re.IGNORECASE)  # the site's tagline, not the article's lead
_BOILERPLATE_MARK = re.compile(r"banner|alert|sidebar|cookie|newsletter|related|promo|popup|modal", re.IGNORECASE)
_NOT_LEAD_TAGS = frozenset(
    {"nav", "aside", "footer", "li", "a", "ul", "ol", "form", "button", "script", "style", "figure", "figcaption",
     "h1", "img", "template", "noscript"}
)
_VISIBLE_TEXT = "[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::template)]"


def _restore_lead(paragraphs: list[str], tree: HtmlElement, description: str | None) -> list[str]:
    body = tree.find("body")
    if body is None or not paragraphs:
        return paragraphs
    text = _norm(" ".join(paragraphs))
    start = _element_with_text(body, _norm(paragraphs[0])[:25])
    lead = _lead_from_description(body, _norm(description or ""), text, start)
    if lead is None and start is not None:
        lead = _lead_marked_as_such(body, text, start)
    return [lead, *paragraphs] if lead else paragraphs


def _element_with_text(body: HtmlElement, key: str) -> HtmlElement | None:
    if len(key) < 15:
        return None
    for node in body.xpath(f".//text()[contains(normalize-space(.), $key)]{_VISIBLE_TEXT}", key=key):
        parent = node.getparent()
        # a text after a child element belongs to that child's parent
        return parent.getparent() if node.is_tail and parent.getparent() is not None else parent
    return None


def _lead_from_description(
    body: HtmlElement, description: str, text: str, start: HtmlElement | None
) -> str | None:
    """The page's description, when it is also visible in the body before the extracted text."""
    if len(description) < 40:
        return None
    key = description[:50].rstrip(".…")
    if key in text:
        return None
    element = _element_with_text(body, key)
    if element is None or (start is not None and _precedes(start, element)):
        return None
    lead = _norm(element.text_content())
    # the description may be split over several inline elements: widen to the block that holds it all
    while len(lead) < 0.8 * len(description) and element.getparent() is not None:
        element = element.getparent()
        lead = _norm(element.text_content())
    return lead if len(lead) <= 3 * len(description) + 100 else None


def _lead_marked_as_such(body: HtmlElement, text: str, start: HtmlElement) -> str | None:
    """The last element marked lead/intro/teaser/... between the headline and the extracted text."""
    headline = next(iter(body.xpath(".//h1[1]")), None)
    if headline is not None and not _precedes(headline, start):
        headline = None
    # scanning the attribute strings is several times cheaper than testing every element
    marked = [value.getparent() for value in body.xpath(".//@class | .//@id") if _LEAD_MARK.search(value.lower())]
    for element in reversed(dict.fromkeys(marked)):  # the closest first; marked in class and id counts once
        candidate = _norm(element.text_content())
        if _is_lead(element, candidate, text, start, headline):
            return candidate
    return None


def _is_lead(element: HtmlElement, candidate: str, text: str, start: HtmlElement, headline: Any) -> bool:
    if element.tag in _NOT_LEAD_TAGS or not 40 <= len(candidate) <= _MAX_LEAD or candidate[:50] in text:
        return False
    if _SITE_MARK.search(_marks(element)) or not _precedes(element, start):
        return False
    ancestors = list(element.iterancestors())
    if any(a.tag in _NOT_LEAD_TAGS for a in ancestors) or any(
        _BOILERPLATE_MARK.search(_marks(e)) for e in [element, *ancestors]
    ):
        return False
    linked = sum(len(_norm(link.text_content())) for link in element.iter("a"))
    if linked > 0.3 * len(candidate) or (headline is not None and not _precedes(headline, element)):
        return False
    # near the article: their closest common container is not mostly other text (a teaser list)
    container = _common_ancestor(element, start)
    return container is not None and len(_norm(container.text_content())) <= 2 * (len(text) + len(candidate)) + 2000


def _marks(element: HtmlElement) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}"


def _path_from_root(element: HtmlElement) -> list[HtmlElement]:
    return [*reversed(list(element.iterancestors())), element]


def _precedes(first: HtmlElement, second: HtmlElement) -> bool:
    """True when ``first`` starts before ``second`` in document order and does not contain it."""
    path_a, path_b = _path_from_root(first), _path_from_root(second)
    depth = 0
    while depth < min(len(path_a), len(path_b)) and path_a[depth] is path_b[depth]:
        depth += 1
    if depth in (0, len(path_a), len(path_b)):
        return False  # one contains the other, or they are in different trees
    parent = path_a[depth - 1]
    return bool(parent.index(path_a[depth]) < parent.index(path_b[depth]))


def _common_ancestor(first: HtmlElement, second: HtmlElement) -> HtmlElement | None:
    ancestors_of_second = {id(element) for element in _path_from_root(second)}
    return next((element for element in [first, *first.iterancestors()] if id(element) in ancestors_of_second), None)
