"""Separate the article body from the site boilerplate left in web-scraped plain text.

``clean_plain_text`` splits the raw text into units (lines, or paragraphs when the text is hard-wrapped),
judges each unit by its *shape* and by its neighbours, and returns the body together with the metadata met on
the way (headline, standfirst, outlet, author) and every span it left out, with offsets into the raw text.

The rules describe kinds of boilerplate, never particular sites: short imperative prompts, credit patterns,
contact labels, lines repeated elsewhere, caption-then-credit pairs, bio blocks at the edges of the article.
They lean towards keeping: a unit is removed only when a rule is confident, because losing an article
sentence costs more than keeping a stray prompt. Rules that look at neighbours are re-run until nothing
changes, so the body of a cleaned text is a fixed point: cleaning it again changes nothing.

Reasons recorded on each ``Removal`` (a fixed vocabulary, see ``REASONS``):

- ``cookie_consent``: cookie banners, consent buttons and privacy-choice text addressed to the reader.
- ``subscribe_prompt``: subscribe / newsletter / sign-up / donate prompts and the teaser question before one.
- ``share_prompt``: share and follow prompts, rows of social network names.
- ``image_filename``: a bare image file name such as ``talks-geneva_03.jpg``.
- ``caption``: a photo caption: one ending in a credit, one followed by a credit line, or one repeated with a credit.
- ``photo_credit``: a credit alone on its line (``Name / Agency``, ``(AP Photo/Name)``, ``Photo: ...``).
- ``author_bio``: "X is professor of ..." and the name and affiliation lines around it.
- ``contact_block``: e-mail, telephone, postal address, researcher identifiers (ORCID, Scopus, SPIN, ResearcherID).
- ``originally_appeared``: "This article originally appeared in ..." and other republication notes.
- ``repeated_line``: a later exact copy of a line already seen.
- ``site_name``: an outlet name alone on the first or last line (kept as ``source``).
- ``headline``: the headline (kept as ``title``).
- ``standfirst``: the standfirst or dek under the headline (kept as ``summary``).
- ``byline``: "By Jane Doe" and similar author lines (names kept as ``author``).
- ``navigation``: menus, breadcrumbs, "Read more", "Related", "Advertisement", copyright lines.
- ``empty_markup``: markup without text: HTML tags, lone entities or symbols, close buttons.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from storyline.document import Removal

COOKIE_CONSENT = "cookie_consent"
SUBSCRIBE_PROMPT = "subscribe_prompt"
SHARE_PROMPT = "share_prompt"
IMAGE_FILENAME = "image_filename"
CAPTION = "caption"
PHOTO_CREDIT = "photo_credit"
AUTHOR_BIO = "author_bio"
CONTACT_BLOCK = "contact_block"
ORIGINALLY_APPEARED = "originally_appeared"
REPEATED_LINE = "repeated_line"
SITE_NAME = "site_name"
HEADLINE = "headline"
STANDFIRST = "standfirst"
BYLINE = "byline"
NAVIGATION = "navigation"
EMPTY_MARKUP = "empty_markup"

REASONS = (
    COOKIE_CONSENT, SUBSCRIBE_PROMPT, SHARE_PROMPT, IMAGE_FILENAME, CAPTION, PHOTO_CREDIT, AUTHOR_BIO,
    CONTACT_BLOCK, ORIGINALLY_APPEARED, REPEATED_LINE, SITE_NAME, HEADLINE, STANDFIRST, BYLINE, NAVIGATION,
    EMPTY_MARKUP,
)


@dataclass(frozen=True)
class CleanedText:
    text: str  # the article body: paragraphs joined by "\n\n", inner whitespace normalised
    title: str | None  # the headline line, if one was found
    summary: str | None  # the standfirst/dek, if one was found
    source: str | None  # a bare site/outlet name found at the top or bottom, if any
    author: str | None  # author name(s) from a byline ("By ...") or bio block, if any
    removed: list[Removal]  # every span left out of the body, with offsets into `raw` and a reason


# ---------------------------------------------------------------------------------------------------------------
# Thresholds. A "body paragraph" is what the header and footer rules measure against: prose long enough that no
# headline, standfirst or bio line looks like it.
BODY_MIN_WORDS = 20
SHORT_LINE_WORDS = 12  # fragments, buttons, labels
TITLE_MAX_WORDS = 20
PROMPT_MAX_WORDS = 25

# ---------------------------------------------------------------------------------------------------------------
# Normalisation

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e]")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_TAG_NAMES = (
    "a|abbr|article|aside|b|blockquote|br|button|caption|center|cite|code|dd|div|dl|dt|em|figcaption|figure|font|"
    "footer|form|h[1-6]|header|hr|i|iframe|img|input|label|li|link|main|meta|nav|noscript|ol|p|picture|pre|q|s|"
    "script|section|small|source|span|strong|style|sub|sup|table|tbody|td|th|thead|tr|u|ul|video"
)
_TAG = re.compile(rf"<!--.{{0,500}}?-->|</?(?:{_TAG_NAMES})(?:\s[^<>]*)?/?>", re.IGNORECASE)
_ESCAPED_ANGLE = frozenset("<>")  # left encoded so decoding can never make a tag that a second pass would strip


def _decode_entity(match: re.Match[str]) -> str:
    decoded = html.unescape(match.group())
    return match.group() if decoded in _ESCAPED_ANGLE else decoded


def _normalise_once(text: str) -> str:
    if "&" in text:
        text = _ENTITY.sub(_decode_entity, text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    return " ".join(text.split())


def normalise(text: str) -> str:
    """Decode entities, drop invisible characters, fold whitespace; repeated until stable, so it is idempotent."""
    for _ in range(len(text) + 1):  # every pass that changes something shortens the text
        folded = _normalise_once(text)
        if folded == text:
            break
        text = folded
    return text


# ---------------------------------------------------------------------------------------------------------------
# Units: the pieces of raw text that are judged and kept or removed as a whole.


@dataclass(frozen=True)
class _Unit:
    """A line, or a paragraph of wrapped lines: raw[start:end] runs from its first to its last visible character."""

    start: int
    end: int
    text: str  # normalised, inline tags replaced by spaces
    markup: tuple[tuple[int, int], ...]  # raw spans of the inline tags
    spaced_menu: bool = False  # short items set apart by runs of spaces or tabs, as menus come out of page layouts


def _strip_markup(raw: str, start: int, end: int) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The normalised text of raw[start:end] with inline tags replaced by spaces, and the tags' raw spans."""
    text = raw[start:end]
    if "<" not in text:
        return normalise(text), ()
    markup = tuple(m.span() for m in _TAG.finditer(raw, start, end))
    text = normalise(_TAG.sub(" ", text))
    while _TAG.search(text):  # a tag hidden by invisible characters shows only once they are gone
        text = normalise(_TAG.sub(" ", text))
    return text, markup


def _read_line(raw: str, begin: int, stop: int) -> _Unit | None:
    segment = raw[begin:stop]
    stripped = segment.strip()
    if not stripped:
        return None
    start = begin + len(segment) - len(segment.lstrip())
    end = start + len(stripped)
    text, markup = _strip_markup(raw, start, end)
    return _Unit(start, end, text, markup, _is_spaced_menu(stripped))


_WIDE_GAP = re.compile(r"\s{3,}|\t")


def _is_spaced_menu(line: str) -> bool:
    items = _WIDE_GAP.split(line)
    return len(items) >= 3 and all(len(item.split()) <= 3 and not _ends_sentence(item) for item in items)


def _read_lines(raw: str) -> list[_Unit | None]:
    """Every line of raw with its span; None stands for a blank line (a paragraph break)."""
    lines: list[_Unit | None] = []
    begin = 0
    for brk in _LINE_BREAK.finditer(raw):
        lines.append(_read_line(raw, begin, brk.start()))
        begin = brk.end()
    lines.append(_read_line(raw, begin, len(raw)))
    return lines


def _blocks(lines: list[_Unit | None]) -> list[list[_Unit]]:
    """Runs of lines between blank lines; a line holding nothing but markup stands alone."""
    blocks: list[list[_Unit]] = []
    current: list[_Unit] = []
    for line in lines:
        if line is not None and line.text:
            current.append(line)
            continue
        if current:
            blocks.append(current)
            current = []
        if line is not None:
            blocks.append([line])
    if current:
        blocks.append(current)
    return blocks


def _wrap_width(blocks: list[list[_Unit]]) -> int | None:
    """The column a hard-wrapped text was wrapped at, or None when lines are paragraphs.

    Wrapped text shows many lines that are not the last of their paragraph and end near one common width.
    """
    inner = [line for block in blocks for line in block[:-1] if line.text]
    if len(inner) < 5:
        return None
    lengths = sorted(len(line.text) for block in blocks for line in block if line.text)
    width = lengths[(len(lengths) - 1) * 9 // 10]
    if not 40 <= width <= 100:
        return None
    near = [line.text for block in blocks for line in block[:-1] if len(line.text) >= 0.75 * width]
    mid_sentence = sum(1 for text in near if _last_char(text) not in ".!?:;")
    return width if len(near) >= max(5, 0.6 * len(inner)) and mid_sentence >= 0.6 * len(near) else None


def _join(raw: str, lines: list[_Unit]) -> _Unit:
    if len(lines) == 1:
        return lines[0]
    # Read the joined span afresh: a tag or an entity may be broken across the wrapped lines.
    text, markup = _strip_markup(raw, lines[0].start, lines[-1].end)
    return _Unit(lines[0].start, lines[-1].end, text, markup)


def _units(raw: str) -> list[_Unit]:
    blocks = _blocks(_read_lines(raw))
    width = _wrap_width(blocks)
    units: list[_Unit] = []
    for block in blocks:
        pending: list[_Unit] = []
        for line in block:
            pending.append(line)
            # In wrapped text a line that reaches the wrap column continues on the next line.
            if width is None or len(line.text) < 0.75 * width:
                units.append(_join(raw, pending))
                pending = []
        if pending:
            units.append(_join(raw, pending))
    return units


# ---------------------------------------------------------------------------------------------------------------
# Shape of a single unit

_CLOSERS = "\"'”’»)]*_"
_SENTENCE_END = frozenset(".!?…")
_WORDISH = re.compile(r"\w")


def _last_char(text: str) -> str:
    stripped = text.rstrip(_CLOSERS)
    return stripped[-1] if stripped else ""


def _ends_sentence(text: str) -> bool:
    return _last_char(text) in _SENTENCE_END


_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’)]*(?:\s+[\"'“‘(]?[A-Z0-9]|$)")


def _sentence_count(text: str) -> int:
    return len(_SENTENCE_BREAK.findall(text))


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_CONNECTORS = _word_set("the of and for in on at & de la le du des der van von y al el bin ibn da di dos del to a an")
# Generic nouns that outlet names end with; a capitalised line without one is not taken for an outlet by its words
# alone. Nouns common in headlines ("report", "policy", "world") are left out on purpose.
_MEDIA_NOUNS = _word_set(
    """news times post journal review affairs magazine daily weekly herald tribune guardian press monitor observer
    gazette telegraph insider reporter wire chronicle courier dispatch examiner inquirer sentinel bulletin digest
    quarterly newswire newsroom post-gazette economist"""
)
_ORG_OR_ROLE_WORDS = _MEDIA_NOUNS | _word_set(
    """institute council center centre foundation network agency service policy interest report university college
    school faculty department club association society academy committee program programme project initiative group
    company ministry office professor director editor fellow researcher lecturer chair dean president manager head
    senior research affairs studies relations international economics science correspondent writer columnist
    contributor staff chief analyst producer photographer journalist author"""
)
_PARTICLES = _word_set("de da di du van von der den al el bin ibn le la dos del ter")
_NOT_IN_NAMES = _ORG_OR_ROLE_WORDS | (_CONNECTORS - _PARTICLES)  # "By the Numbers" is a heading, not a byline
_DOMAIN = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|info|news|ru|uk|de|fr|eu|io|co)$", re.I)


def _token_core(token: str) -> str:
    return token.strip("\"'“”‘’()[],:;")


def _is_capitalised(token: str) -> bool:
    core = _token_core(token)
    return bool(core) and core[0].isupper()


def _is_outlet_shaped(text: str) -> bool:
    """An outlet name alone: a domain, or up to six capitalised words without sentence punctuation or digits."""
    if _DOMAIN.match(text):
        return True
    tokens = text.split()
    if not 1 <= len(tokens) <= 6 or any(ch.isdigit() for ch in text) or _last_char(text) in ".!?,:;":
        return False
    return _is_capitalised(tokens[0]) and all(
        _is_capitalised(t) or t.lower() in _CONNECTORS for t in tokens
    )


def _names_an_outlet(text: str) -> bool:
    if _DOMAIN.match(text):
        return True
    return _is_outlet_shaped(text) and _token_core(text.split()[-1]).lower() in _MEDIA_NOUNS


def _is_name_token(token: str) -> bool:
    if token.lower() in _PARTICLES:
        return True
    core = token.rstrip(".,")
    if len(core) <= 1:  # an initial, or punctuation alone
        return core.isupper()
    return core[0].isupper() and all(ch.isalpha() or ch in "'’-." for ch in core)


def _is_person_name(text: str) -> bool:
    """Two to five capitalised name tokens (initials and particles allowed), none of them an org or role word."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 5 or len(text) > 60:
        return False
    if not (_is_name_token(tokens[0]) and _is_name_token(tokens[-1])) or tokens[-1].lower() in _PARTICLES:
        return False
    return all(_is_name_token(t) and t.lower().rstrip(",") not in _NOT_IN_NAMES for t in tokens)  # "A." stays


_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|" \
         r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DATE_LINE = re.compile(
    rf"^(?:(?:published|updated|posted|(?:page )?last updated|first published|modified)\b.*"
    rf"|(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})"
    rf"(?:,?\s+\d{{4}})?(?:[\s,|·•-]+[\w:.]+(?:\s[\w:.]+){{0,3}})?"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}.*|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}.*|\d+\s+(?:minutes?|hours?|days?)\s+ago)$",
    re.IGNORECASE,
)
# Attribution in the past tense marks the opening sentence of a report; a standfirst says "says", if anything.
# So does an event dated to the day with its year ("met in Geneva on September 14, 2013"), which a dek rarely gives.
_NEWS_LEDE = re.compile(
    r"\b(?:said|told|according to|announced|reported)\b"
    rf"|\b{_MONTH}\s+\d{{1,2}},\s+\d{{4}}\b|\b\d{{1,2}}\s+{_MONTH}\s+\d{{4}}\b",
    re.IGNORECASE,
)
_DATELINE = re.compile(r"^[A-Z][A-Z.'’ -]{2,}(?:,\s+[\w. ]+)?\s*(?:\([^)]{1,40}\))?\s*[—–-]{1,2}\s")


def _is_date_line(text: str) -> bool:
    return len(text) <= 80 and bool(_DATE_LINE.match(text))


# ---------------------------------------------------------------------------------------------------------------
# Rules on a unit alone. Each returns True when the unit is boilerplate of its kind.

_MARKUP_TOKEN = re.compile(
    r"^\[(?:image|photo|picture|video|embed|ad|advertisement|caption|gallery|figure|media)\b[^\]]{0,60}\]$", re.I
)


def _is_empty_markup(text: str, lower: str) -> bool:
    if not _WORDISH.search(text):  # only symbols and punctuation: dividers, bullets, close buttons
        return True
    return len(text) == 1 or bool(_MARKUP_TOKEN.match(lower))


_IMAGE_FILE = re.compile(r"^\S[^\n]{0,150}\.(?:jpe?g|png|gif|webp|svg|tiff?|bmp|avif|heic)(?:\?\S*)?$", re.I)


def _is_image_filename(text: str, words: int) -> bool:
    return words <= 8 and bool(_IMAGE_FILE.match(text))


_COOKIE_STRONG = re.compile(
    r"\bcookies?\b|\bconsent\b|\bdo not sell\b|\bopt[- ]?(?:out|in)\b|\bgdpr\b|\bccpa\b"
    r"|\bprivacy (?:settings|preferences|choices|cent(?:er|re)|policy|controls|request|notice)\b|\byour privacy\b"
    r"|\b(?:sale|selling|sell|share) of (?:my |your )?personal (?:information|data)\b"
)
_COOKIE_VOCAB = re.compile(
    r"\bcookies?\b|\bconsent\b|\bdo not sell\b|\bopt[- ]?(?:out|in)\b|\bgdpr\b|\bccpa\b|\bprivacy\b"
    r"|\bpersonal (?:information|data)\b|\bbrowser\b|\btracking\b|\bthird[- ]part(?:y|ies)\b"
    r"|\btargeted (?:ads|advertising)\b|\badvertising partners\b|\banalytics\b"
)
_SITE_VOICE = re.compile(r"\b(?:we|our|us)\b")
_READER_VOICE = re.compile(r"\b(?:you|your)\b")


def _is_cookie_consent(lower: str, words: int, ends_sentence: bool) -> bool:
    if "cookie" not in lower and "consent" not in lower and "privacy" not in lower and "opt" not in lower \
            and "personal" not in lower and "do not sell" not in lower:
        return False
    if words <= SHORT_LINE_WORDS:
        if not _COOKIE_STRONG.search(lower):
            return False
        return not ends_sentence or bool(_SITE_VOICE.search(lower) or _READER_VOICE.search(lower))
    # Long text is a consent notice only when it speaks as the site to the reader about several consent topics;
    # prose about cookie laws talks about websites and users in the third person.
    topics = {m.group() for m in _COOKIE_VOCAB.finditer(lower)}
    return len(topics) >= 2 and bool(_COOKIE_STRONG.search(lower)) and bool(
        _SITE_VOICE.search(lower) and _READER_VOICE.search(lower)
    )


_CONTACT_LABEL = re.compile(
    r"^(?:e-?mail|tel|telephone|phone|mob|mobile|cell|fax|address|postal address|mailing address|orcid(?: id)?"
    r"|scopus(?: author ?id)?|spin(?:[- ]code)?(?: rsci)?|researcher ?id|web of science researcherid"
    r"|google scholar|website|homepage|skype|contacts?|contact (?:me|us|details|information))\s*\.?\s*:",
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[email\s*protected\]")
_PHONE_ONLY = re.compile(r"^(?:[+(][\d\s()+.-]{6,}|[\d\s().-]{11,})$")  # not a bare year range
_ORCID = re.compile(r"\b\d{4}-\d{4}-\d{4}-\d{3}[\dx]\b")


_STREET = re.compile(
    r"\b\d{1,5}(?:\s\w+){1,3}\s(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|square|place|quay|way|drive|"
    r"plaza|embankment|prospekt|ulitsa|str)\b\.?"
)
_POSTCODE_OR_PHONE = re.compile(r"\b\d{5}\b|\b[a-z]{1,2}\d{1,2}\s?\d[a-z]{2}\b|\(\d{3}\)\s?\d{3}-\d{4}|\+\d[\d\s]{7,}")


def _is_contact(lower: str, words: int, ends_sentence: bool) -> bool:
    if words > PROMPT_MAX_WORDS:
        return False
    if _CONTACT_LABEL.match(lower) or _ORCID.search(lower) or _PHONE_ONLY.match(lower):
        return True
    if _STREET.search(lower) and _POSTCODE_OR_PHONE.search(lower):
        return True
    if not _EMAIL.search(lower):
        return False
    # An address given to the reader ("Tell us at ..."), not a sentence that happens to quote one.
    return words <= 4 or (words <= 15 and (not ends_sentence or bool(_READER_VOICE.search(lower))))


_ORIGINALLY = re.compile(
    r"^[\W_]*(?:this|a version of this|an earlier version of this|a shorter version of this|the original version of"
    r" this)\s+(?:article|story|piece|post|essay|commentary|op-?ed|column|blog post)\b.{0,40}?"
    r"\b(?:originally|first|previously)\s+(?:appeared|published|ran|posted)"
    r"|^[\W_]*(?:a version of this|this)\s+(?:article|story|piece|post|essay|commentary|op-?ed|column)\s+"
    r"(?:appeared|was published|ran|was posted|is republished|is reprinted)\s+(?:in|at|on|by|from|with)\b"
    r"|^[\W_]*(?:originally|first)\s+(?:published|appeared|posted)\s+(?:in|at|on|by)\b"
    r"|^[\W_]*this (?:article|story|piece|report) (?:was|is) (?:distributed|syndicated|provided|supplied|produced) by\b"
    r"|^[\W_]*(?:republished|reprinted|reproduced|cross-?posted)\s+(?:with|by|from|under|courtesy|here)\b"
)


def _is_originally_appeared(lower: str, words: int) -> bool:
    return words <= 40 and bool(_ORIGINALLY.match(lower))


_CAP_WORD = r"[A-Z][\w.'’&-]*"
_CREDIT_LABEL = re.compile(
    r"^(?:photo(?:graph)?s?|pictures?|images?|illustrations?|graphics?|credits?|photo credit|image credit|"
    r"image source|courtesy|video)\b\s*(?::|by\b|/|—|–|\s-\s)",
    re.IGNORECASE,
)
_PAREN_CREDIT = re.compile(r"^\([^()]*\b(?:photo|photograph|image|file|pool|credit)\b[^()]*\)$", re.IGNORECASE)
_NAME_SLASH_AGENCY = re.compile(
    rf"^{_CAP_WORD}(?:\s+{_CAP_WORD}){{0,3}}\s*/\s*{_CAP_WORD}(?:\s+(?:{_CAP_WORD}|via|for|of)){{0,5}}$"
)
_AGENCY_TAIL_WORDS = re.compile(rf"^(?:{_CAP_WORD}\s+){{0,5}}(?:via\s+)?(?:{_CAP_WORD}\s+)?(?:Images|Photos?|Pool)$")
_CREDIT_TAIL = re.compile(
    rf"(?:\s/\s*{_CAP_WORD}(?:\s+(?:{_CAP_WORD}|via|for|of)){{0,6}}"
    r"|\s\([^()]*\b(?:[Pp]hoto|PHOTO|[Pp]hotograph|[Ii]mage)\b[^()]*\)"
    r"|[.!?]\s+(?:[Pp]hoto(?:graph)?|PHOTO|[Pp]icture|[Ii]mage|[Cc]redit|[Ii]llustration)s?\s*:\s*[^.]{2,80}"
    rf"|[.!?]\s+{_CAP_WORD}(?:\s{_CAP_WORD}){{0,3}}\s?/\s?{_CAP_WORD}(?:\s{_CAP_WORD}){{0,3}}"
    r")\s*\.?$"
)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)|\ball rights reserved\b", re.IGNORECASE)


def _credit_reason(text: str, words: int) -> str | None:
    """photo_credit for a credit alone, caption for a caption that ends in one, None otherwise."""
    alone = _CREDIT_LABEL.match(text) or _PAREN_CREDIT.match(text) or _NAME_SLASH_AGENCY.match(text) \
        or _AGENCY_TAIL_WORDS.match(text)
    if alone and words <= SHORT_LINE_WORDS and not _ends_sentence(text.rstrip(".")):
        return PHOTO_CREDIT
    if words <= 80 and ("/" in text or "(" in text or ":" in text):
        tail = _CREDIT_TAIL.search(text)
        if tail:
            return CAPTION if _WORDISH.search(text[: tail.start()]) else PHOTO_CREDIT
    return None


_BYLINE = re.compile(
    r"^(?:(?:written|words|story|reporting|text|posted|published|report|analysis|commentary)\s+)?by[:\s]\s*"
    r"|^authors?\s*:\s*",
    re.IGNORECASE,
)
_BYLINE_STOP = re.compile(r"\s*(?:[|•·;(]|\s[—–-]\s|,\s*(?=\d)|\b(?:updated|published|posted)\b)")
_NAME_LIST_SEPARATOR = re.compile(r",?\s+and\s+|,\s*|\s*&\s*")
_PLACE_AFTER_NAME = re.compile(r"\s+(?:in|at|for|on|from)\s.*$")  # "Jane Doe in Geneva"


def _byline_names(text: str) -> list[str] | None:
    """The author names of a byline, or None when the unit is not one.

    Roles, places and outlets listed with the names ("Diplomatic Correspondent", "in Geneva") are passed over.
    """
    lead = _BYLINE.match(text)
    if not lead:
        return None
    rest = text[lead.end():]
    stop = _BYLINE_STOP.search(rest)
    listing = rest[: stop.start()] if stop else rest
    names = [_leading_name(_PLACE_AFTER_NAME.sub("", part.strip())) for part in _NAME_LIST_SEPARATOR.split(listing)]
    return [name for name in names if name] or None


def _leading_name(text: str) -> str | None:
    """A person name, possibly run together with the outlet's name ("Jane Doe Harbour News")."""
    if _is_person_name(text):
        return text
    tokens = text.split()
    if not all(_is_capitalised(t) for t in tokens):
        return None
    for size in (3, 2):
        outlet = tokens[size:]
        if outlet and _is_person_name(" ".join(tokens[:size])) \
                and any(_token_core(t).lower() in _MEDIA_NOUNS for t in outlet):
            return " ".join(tokens[:size])
    return None


_SUBSCRIBE = re.compile(
    r"\bsubscri\w*|\bnewsletters?\b|\bsign(?:\s|-)?up\b|\binbox\b|\bmailing list\b|\bdistribution list\b"
    r"|\be-?mail (?:updates|alerts|list)\b|\b(?:daily|weekly) (?:e-?mails?|briefing|digest)\b|\bmembership\b"
    r"|\bour (?:\w+ )?(?:briefing|newsletter|digest|bulletin)\b|\bfree articles? left\b"
    r"|\bbecome a (?:member|supporter|patron)\b|\bdonat\w+|\bsupport (?:our|independent|quality) \w+"
    r"|\bfree trial\b|\balready a (?:member|subscriber)\b|\bunlimited access\b|\blog ?in to (?:read|continue)\b"
    r"|\bregister (?:now|for free|to)\b|\b(?:get|download) (?:our|the) app\b"
)
_CALL_TO_ACTION = re.compile(
    r"^(?:subscribe|sign up|sign in|join|get|become|support|donate|register|try|start|unlock|click|download"
    r"|don'?t miss|never miss|stay|receive|enter|give|help|please|want|like|enjoy|love|log in|already|keep)\b"
    r"(?!-)"
)


def _is_subscribe_prompt(lower: str, words: int, ends_sentence: bool) -> bool:
    if words > PROMPT_MAX_WORDS or not _SUBSCRIBE.search(lower):
        return False
    # A prompt addresses the reader or tells them what to do; "Membership talks stall" does neither.
    return (words <= 2 and not ends_sentence) or bool(
        _CALL_TO_ACTION.match(lower) or _READER_VOICE.search(lower) or _SITE_VOICE.search(lower)
    )


_SOCIAL = (
    r"facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|email|e-mail|mail|print|copy link|messenger|"
    r"vk|flipboard|threads|bluesky|instagram|youtube|tiktok|mastodon|sms|link|copy"
)
_SOCIAL_ROW = re.compile(rf"^(?:(?:{_SOCIAL}|share|tweet|pin)\b[\s|,•·/]*)+$")
_SHARE_START = re.compile(r"^(?:share|tweet|pin|email|e-mail|print|follow|like us|join us)\b")
_SHARE_TARGET = re.compile(
    r"\b(?:facebook|twitter|linkedin|whatsapp|telegram|reddit|pinterest|messenger|vk|flipboard|threads|bluesky|"
    r"instagram|youtube|tiktok|mastodon|on x|e-?mail)\b|\bthis (?:article|story|page|post|piece)\b|\bus\b|@\w|"
    r"\bthe author\b|\bon social\b"
)


def _is_share_prompt(lower: str, words: int) -> bool:
    if words > 15:
        return False
    if _SOCIAL_ROW.match(lower):
        return True
    start = _SHARE_START.match(lower)
    return bool(start and _SHARE_TARGET.search(lower, start.end())) or "follow us" in lower


_NAV_LABELS = "|".join([
    # links out of the article
    r"read more|read next|read also|also read|more reading|further reading|see also|click here",
    r"related(?: articles| stories| content| coverage| posts| reading| topics| links| analysis| news| video| podcast"
    r"| story| article)?",
    r"recommended(?: for you| stories| articles)?|more (?:from|on|in|about)(?: [\w'’ -]{1,40})?|more stories",
    r"most (?:popular|read|viewed|shared)|trending(?: now| stories)?|top stories|editor'?s picks",
    r"you m(?:a|igh)t also like",
    r"live(?: updates| blog| coverage)?|watch|listen(?: to this article)?|video|photos?|gallery",
    # page furniture
    r"advertisement|advertising|sponsored(?: content)?|skip to(?: main)? content|back to top|jump to",
    r"(?:continue reading|story continues below|article continues below)(?: below| after the ad| advertisement)?",
    r"cite this(?: article| page)?|download(?: the)? pdf|media (?:inquiries|enquiries|contacts?)",
    r"licensing(?: rights)?|reprints?(?: and permissions)?|permissions|report an error|our standards",
    r"save(?: for later| article)?|gift this article|share|print|more",
    r"(?:show|hide|view|load) (?:more|comments|all)|comments?|leave a comment",
    r"tags?|topics?|filed under|categories|next(?: article| story)?|previous(?: article| story)?",
    r"home|menu|search|close|sign in|log in|log out|sign out|register",
    r"loading(?:\.{0,3}|…)|\d+\s+min(?:ute)?s?\s+read",
    # consent-banner buttons
    r"(?:accept|allow|reject|decline|save|manage|confirm)(?: all)?(?: cookies| settings| preferences| choices"
    r"| selection| and close| and continue)?|i agree|i accept|agree and (?:close|continue)|dismiss|ok|okay|got it",
])
_NAVIGATION = re.compile(rf"^[\W_]*(?:{_NAV_LABELS})\s*(?:\(\d+\))?\s*(?:[:|»›>—–-].{{0,200}})?$")
# Genre kickers over a headline; only alone, since "Analysis: ..." may be the headline itself.
_KICKER = re.compile(
    r"^(?:opinion|analysis|commentary|editorial|exclusive|explainer|interview|breaking(?: news)?|live)$"
)
_RELATED_HEADING = re.compile(
    r"^(?:related|recommended|read more|read next|more from|more on|more in|more stories|most read|most popular|"
    r"you may also like|you might also like|see also|trending|top stories|editor'?s picks)\b[^:|]*$"
)
_BIO_HEADING = re.compile(
    r"^(?:about the authors?|about the contributors?|the authors?|author bios?)\s*:?$"
    r"|^(?:the )?(?:views|opinions) expressed (?:in this \w+ |here )?are (?:those of )?(?:the )?authors?['’]?s?['’]?\b"
)
_MENU_SEPARATORS = re.compile(r"\s*(?:\||›|»|>|•|·)\s*")
_MENU_HINT = re.compile(r"[|›»>•·]")


def _is_navigation(text: str, lower: str, words: int) -> bool:
    if words <= PROMPT_MAX_WORDS and (_NAVIGATION.match(lower) or _KICKER.match(lower)):
        return True
    if words <= 20 and _COPYRIGHT.search(lower):
        return True
    if 2 <= words <= SHORT_LINE_WORDS and not _ends_sentence(text) and _DOMAIN.match(lower.split()[-1]):
        return True  # "More news every day at example.com"
    return _is_menu(text)


def _is_menu(text: str) -> bool:
    """Short items between separators ("World | Middle East"): a menu or a breadcrumb trail."""
    if not _MENU_HINT.search(text):
        return False
    parts = _MENU_SEPARATORS.split(text)
    return len(parts) >= 2 and all(0 < len(p.split()) <= 4 and not _ends_sentence(p) for p in parts)


def _local_reason(text: str, words: int, ends_sentence: bool) -> str | None:
    """The reason to remove a unit judged alone, or None to keep it (for now)."""
    lower = text.lower()
    if not text or _is_empty_markup(text, lower):
        return EMPTY_MARKUP
    if words > PROMPT_MAX_WORDS:  # long units: only consent notices and captions come this long
        return _long_reason(text, lower, words, ends_sentence)
    if _is_image_filename(text, words):
        return IMAGE_FILENAME
    if _is_cookie_consent(lower, words, ends_sentence):
        return COOKIE_CONSENT
    if _is_contact(lower, words, ends_sentence):
        return CONTACT_BLOCK
    if _is_originally_appeared(lower, words):
        return ORIGINALLY_APPEARED
    if _BIO_HEADING.match(lower):
        return AUTHOR_BIO
    credit = _credit_reason(text, words)
    if credit:
        return credit
    # A byline run together with a sentence ("By Jane Doe Harbour News Talks resumed on Monday.") is kept.
    if words <= 20 and (words <= 8 or not ends_sentence) and _byline_names(text):
        return BYLINE
    if _is_subscribe_prompt(lower, words, ends_sentence):
        return SUBSCRIBE_PROMPT
    if _is_share_prompt(lower, words):
        return SHARE_PROMPT
    if _is_navigation(text, lower, words):
        return NAVIGATION
    return None


def _long_reason(text: str, lower: str, words: int, ends_sentence: bool) -> str | None:
    if _is_cookie_consent(lower, words, ends_sentence):
        return COOKIE_CONSENT
    if _is_originally_appeared(lower, words):
        return ORIGINALLY_APPEARED
    if _is_menu(text):
        return NAVIGATION
    return _credit_reason(text, words)


# ---------------------------------------------------------------------------------------------------------------
# Per-unit features the context rules read


_BIO = re.compile(
    r"^(?:about the authors?:?\s*)?(?P<name>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|da|van|von|der|al|bin|ibn|el|"
    r"le|la|du|di)){1,4})(?:\s*\([^)]{1,40}\))?(?:,\s[^,]{1,80},)?\s+(?:is|was|has been|serves as|served as|"
    r"teaches|directs|leads|heads|chairs|edits|writes|covers|reports on|holds)\b"
)
_ROLE = re.compile(
    r"\b(?:professor|fellow|director|editor|correspondent|author|journalist|analyst|researcher|lecturer|scholar|"
    r"contributor|reporter|columnist|writer|dean|founder|ph\.?d\.?|doctoral|postdoctoral|graduate student|"
    r"research|teaches|directs|expert on|specialist in|staff writer|contributing|program|programme|institute|"
    r"initiative)\b",
    re.IGNORECASE,
)
_QUESTION_TEASER = re.compile(
    r"^(?:want|like|enjoy|enjoyed|interested|love|looking|curious|need|do you|would you|did you|found|liked|care)\b"
)


@dataclass(frozen=True)
class _Shape:
    words: int
    ends_sentence: bool
    local: str | None
    bio_subject: str | None  # "X is professor of ..." -> X
    person_name: bool
    fragment: bool  # a short line that is not a sentence: an affiliation, a role, a label
    date_line: bool


def _bio_subject(text: str, words: int) -> str | None:
    if words > 70:
        return None
    match = _BIO.match(text)
    if not match or not _ROLE.search(text):
        return None
    name = match.group("name")
    return name if _is_person_name(name) else None


def _shape(unit: _Unit) -> _Shape:
    text = unit.text
    words = len(text.split())
    ends_sentence = _ends_sentence(text)
    local = _local_reason(text, words, ends_sentence)
    return _Shape(
        words=words,
        ends_sentence=ends_sentence,
        local=NAVIGATION if local is None and unit.spaced_menu else local,
        bio_subject=_bio_subject(text, words) if text[:1].isupper() else None,
        person_name=words <= 5 and _is_person_name(text),
        fragment=words <= SHORT_LINE_WORDS and not ends_sentence,
        date_line=_is_date_line(text),
    )


# ---------------------------------------------------------------------------------------------------------------
# Context rules. They read and write `labels` (None = kept) and are re-run until nothing changes.


_UNDER_HEADLINES = frozenset(
    {BYLINE, SUBSCRIBE_PROMPT, AUTHOR_BIO, CONTACT_BLOCK, IMAGE_FILENAME, CAPTION, PHOTO_CREDIT}
)


_UNDER_STANDFIRSTS = frozenset({BYLINE, AUTHOR_BIO})


@dataclass
class _Found:
    title: str | None = None
    summary: str | None = None
    source: str | None = None
    byline_authors: tuple[str, ...] = ()
    bio_authors: tuple[str, ...] = ()


class _Context:
    def __init__(self, units: list[_Unit]):
        self.units = units
        self.texts = [unit.text for unit in units]
        self.shapes = [_shape(unit) for unit in units]
        self.labels: list[str | None] = [shape.local for shape in self.shapes]
        self.found = _Found()

    # -- helpers ---------------------------------------------------------------------------------------------
    def kept(self) -> list[int]:
        return [i for i, label in enumerate(self.labels) if label is None]

    def label(self, index: int, reason: str) -> None:
        if self.labels[index] is None:
            self.labels[index] = reason

    def neighbour(self, index: int, step: int) -> int | None:
        """The next unit in raw order that is not empty markup (which is invisible to layout rules)."""
        index += step
        while 0 <= index < len(self.units):
            if self.labels[index] != EMPTY_MARKUP:
                return index
            index += step
        return None

    def is_body(self, index: int) -> bool:
        shape = self.shapes[index]
        return (self.labels[index] is None and shape.bio_subject is None and shape.words >= BODY_MIN_WORDS
                and (shape.ends_sentence or shape.words >= 2 * BODY_MIN_WORDS))

    # -- rules -------------------------------------------------------------------------------------------------
    def mark_captions(self) -> None:
        """Caption-then-credit pairs, captions repeated with a credit, captions under an image file name.

        Above the body a line ending in a full stop before a credit is more likely a standfirst over a picture.
        """
        bounds = self.body_bounds()
        for i in reversed(self.kept()):  # backwards, so a chain of ever shorter copies is settled in one pass
            text, shape = self.texts[i], self.shapes[i]
            after = self.neighbour(i, 1)
            before = self.neighbour(i, -1)
            for j in (after, self.neighbour(after, 1) if after is not None else None):
                repeated_with_credit = j is not None and self.labels[j] == CAPTION and self.texts[j].startswith(text)
                if repeated_with_credit and shape.words >= 3:
                    self.label(i, CAPTION)
            single_short = shape.words <= 40 and _sentence_count(text) <= 1 and '"' not in text and "“" not in text
            in_header = bounds is None or i < bounds[0]
            if after is not None and self.labels[after] == PHOTO_CREDIT and single_short \
                    and not (in_header and shape.ends_sentence):
                self.label(i, CAPTION)
            under_image = before is not None and self.labels[before] == IMAGE_FILENAME
            if under_image and single_short and not shape.ends_sentence:
                self.label(i, CAPTION)

    def mark_teasers(self) -> None:
        """A short question right before a subscribe or share prompt belongs to the prompt."""
        for i in self.kept():
            text, shape = self.texts[i], self.shapes[i]
            after = self.neighbour(i, 1)
            if after is None or self.labels[after] not in (SUBSCRIBE_PROMPT, SHARE_PROMPT):
                continue
            lower = text.lower()
            if shape.words <= SHORT_LINE_WORDS and _last_char(text) == "?" and (
                    _QUESTION_TEASER.match(lower) or _READER_VOICE.search(lower)):
                self.label(i, self.labels[after] or SUBSCRIBE_PROMPT)

    def mark_repeats(self) -> None:
        """A later exact copy of a kept line, or of boilerplate, is removed; the first copy of prose stays."""
        seen: dict[str, str | None] = {}
        for i, text in enumerate(self.texts):
            label = self.labels[i]
            if label == EMPTY_MARKUP:
                continue
            key = text.casefold()
            if key not in seen:
                seen[key] = label
            elif label is None and seen[key] not in (HEADLINE, STANDFIRST):
                self.labels[i] = REPEATED_LINE

    def body_bounds(self) -> tuple[int, int] | None:
        body = [i for i in range(len(self.units)) if self.is_body(i)]
        return (body[0], body[-1]) if body else None

    def mark_bio_blocks(self) -> None:
        """Author bios with the name, affiliation and contact lines around them, at the edges of the article.

        Inside the body a bio sentence is only trusted right after a line holding its subject's name.
        """
        bounds = self.body_bounds()
        for i in self.kept():
            subject = self.shapes[i].bio_subject
            if subject is None or self.labels[i] is not None:
                continue
            heading = self.name_heading(i, subject)
            at_edge = bounds is None or i < bounds[0] or i > bounds[1]
            if heading is not None or at_edge:
                self.remove_bio_run(i, heading, at_edge)

    def name_heading(self, anchor: int, subject: str) -> list[int] | None:
        """The subject's name on a line of its own above the bio, with up to three affiliation lines between:
        the kept lines to remove with the bio, or None. Removed lines in between are passed over, so that they
        cannot change the verdict on a second pass; a removed copy of the name still counts as the name.
        """
        between: list[int] = []
        for index in range(anchor - 1, -1, -1):
            label, shape = self.labels[index], self.shapes[index]
            if shape.person_name and self.texts[index].split()[-1] == subject.split()[-1]:
                return ([index] if label is None else []) + between[::-1]
            if label is not None:
                continue
            if not shape.fragment or len(between) == 3:
                return None
            between.append(index)
        return None

    def remove_bio_run(self, anchor: int, heading: list[int] | None, extend: bool) -> None:
        names = [self.texts[heading[0]]] if heading and self.shapes[heading[0]].person_name else []
        for index in heading or []:
            self.label(index, AUTHOR_BIO)
        names.append(self.shapes[anchor].bio_subject or "")
        self.label(anchor, AUTHOR_BIO)
        index, after_person = anchor, True
        while extend:
            nxt = self.neighbour(index, 1)
            if nxt is None:
                break
            shape, label = self.shapes[nxt], self.labels[nxt]
            if label in (CONTACT_BLOCK, AUTHOR_BIO):
                after_person = True
            elif label is None and (shape.fragment or shape.bio_subject):
                if shape.person_name and after_person:
                    names.append(self.texts[nxt])
                if shape.bio_subject:
                    names.append(shape.bio_subject)
                after_person = shape.bio_subject is not None
                self.label(nxt, AUTHOR_BIO)
            else:
                break
            index = nxt
        self.found.bio_authors = _merge_names(self.found.bio_authors, names)

    def mark_footer_site(self) -> None:
        """The outlet name on the last line; a stack of such names is something else (a list, a menu) and stays."""
        kept = self.kept()
        if len(kept) >= 2 and _names_an_outlet(self.texts[kept[-1]]) and not _names_an_outlet(self.texts[kept[-2]]):
            self.labels[kept[-1]] = SITE_NAME
            self.found.source = self.found.source or self.texts[kept[-1]]

    def mark_header(self) -> None:
        """Outlet name, headline and standfirst: the short lines kept before the first body paragraph.

        They are taken only when those lines make one of the expected shapes as a whole, so an article that
        simply opens with short paragraphs keeps them, and a cleaned body never yields a second headline.
        """
        bounds = self.body_bounds()
        header = [i for i in self.kept() if (bounds is None or i < bounds[0]) and not self.shapes[i].date_line]
        if not header:
            return
        if bounds is not None and self.dek_set_apart(bounds[0]):
            # A standfirst as long as a paragraph, told apart by the byline under it; only if it reads as one.
            roles = self.header_roles([*header, bounds[0]], has_body=True)
            if roles.get(bounds[0]) == STANDFIRST:
                self.assign_roles(roles)
                return
        self.assign_roles(self.header_roles(header, has_body=bounds is not None))

    def header_roles(self, header: list[int], has_body: bool) -> dict[int, str]:
        """The roles of the header lines when they make an expected shape; the outlet name is taken on its own."""
        roles: dict[int, str] = {}
        if self.site_over_header(header):
            roles[header[0]] = SITE_NAME
            header = header[1:]
        if not has_body:  # a short article: a headline over short prose paragraphs
            if len(header) >= 2 and self.title_like(header[0]) \
                    and all(self.shapes[i].ends_sentence for i in header[1:]):
                roles[header[0]] = HEADLINE
        elif len(header) == 1 and self.title_like(header[0]):
            roles[header[0]] = HEADLINE
        elif len(header) == 1 and self.standfirst_like(header[0]) and (roles or self.starts_with_site()):
            roles[header[0]] = STANDFIRST  # an outlet name then a dek, with no headline scraped
        elif len(header) == 2 and self.title_like(header[0]) and self.standfirst_like(header[1]):
            roles.update({header[0]: HEADLINE, header[1]: STANDFIRST})
        return roles

    def assign_roles(self, roles: dict[int, str]) -> None:
        for index, role in roles.items():
            self.labels[index] = role
            text = self.texts[index]
            if role == SITE_NAME:
                self.found.source = self.found.source or text
            elif role == HEADLINE:
                self.found.title = self.found.title or text
            else:
                self.found.summary = self.found.summary or text

    def site_over_header(self, header: list[int]) -> bool:
        """An outlet name: by its words, or by its place above a headline and a standfirst."""
        text = self.texts[header[0]]
        if _names_an_outlet(text):
            return True
        return _is_outlet_shaped(text) and len(text.split()) <= 4 and len(header) == 3 \
            and self.title_like(header[1]) and self.standfirst_like(header[2])

    def starts_with_site(self) -> bool:
        first = self.neighbour(-1, 1)
        return first is not None and self.labels[first] == SITE_NAME

    def title_like(self, index: int) -> bool:
        text, shape = self.texts[index], self.shapes[index]
        if not 2 <= shape.words <= TITLE_MAX_WORDS or len(text) > 200 or _DATELINE.match(text):
            return False
        if text == text.lower() or _last_char(text) in ",;:-–—":
            return False
        return _last_char(text) not in ".…" or self.set_apart(index)

    def set_apart(self, index: int) -> bool:
        """The first line of the text, over the kind of boilerplate that sits under headlines: a headline even when
        it ends with a full stop. (An advertisement or a menu after a short first paragraph proves nothing.)"""
        first = self.neighbour(-1, 1)
        after = self.neighbour(index, 1)
        return index == first and after is not None and self.labels[after] in _UNDER_HEADLINES \
            and self.shapes[index].words <= 20

    def standfirst_like(self, index: int) -> bool:
        """A dek: one to three sentences, not worded like the first sentence of a news report."""
        text, shape = self.texts[index], self.shapes[index]
        return 5 <= shape.words <= 45 and len(text) <= 400 and _sentence_count(text) <= 3 \
            and text != text.lower() and not _DATELINE.match(text) and not _NEWS_LEDE.search(text) \
            and not _byline_names(text)

    def dek_set_apart(self, index: int) -> bool:
        """A paragraph-long standfirst shows itself by what comes under it: a byline, an author's bio or a date."""
        if not self.standfirst_like(index):
            return False
        after = self.neighbour(index, 1)
        if after is None:
            return False
        label = self.labels[after]
        return label in _UNDER_STANDFIRSTS or (label is None and self.shapes[after].date_line)

    def mark_related_lists(self) -> None:
        """Headlines listed under a "Related" or "Most read" heading after the article are links, not text."""
        bounds = self.body_bounds()
        for i, label in enumerate(self.labels):
            if label != NAVIGATION or (bounds is not None and i < bounds[1]):
                continue
            if not _RELATED_HEADING.match(self.texts[i].lower()):
                continue
            j = self.neighbour(i, 1)
            while j is not None and self.labels[j] is None and self.is_link_title(j):
                self.labels[j] = NAVIGATION
                j = self.neighbour(j, 1)

    def is_link_title(self, index: int) -> bool:
        return 2 <= self.shapes[index].words <= 20 and _last_char(self.texts[index]) not in ".…"

    def mark_consent_buttons(self) -> None:
        """Buttons and labels inside a cookie banner are part of the banner (a relabel, nothing new removed)."""
        for i, label in enumerate(self.labels):
            if label in (NAVIGATION, EMPTY_MARKUP) and self.shapes[i].words <= 4:
                sides = [self.neighbour(i, -1), self.neighbour(i, 1)]
                if any(j is not None and self.labels[j] == COOKIE_CONSENT for j in sides):
                    self.labels[i] = COOKIE_CONSENT

    def resolve(self) -> None:
        rules: list[Callable[[], None]] = [
            self.mark_captions, self.mark_teasers, self.mark_repeats, self.mark_related_lists, self.mark_footer_site,
            self.mark_bio_blocks, self.mark_header,
        ]
        for _ in range(len(self.units) + 1):
            before = list(self.labels)
            for rule in rules:
                rule()
            if self.labels == before:
                break
        self.collect_bylines()
        self.mark_consent_buttons()

    def collect_bylines(self) -> None:
        names: tuple[str, ...] = ()
        for i, label in enumerate(self.labels):
            if label == BYLINE:
                names = _merge_names(names, _byline_names(self.texts[i]) or [])
        self.found.byline_authors = names


def _merge_names(known: Iterable[str], new: Iterable[str]) -> tuple[str, ...]:
    """Names in order of appearance; "Jane Doe" and "Jane Q. Doe" count as one person."""
    merged = list(known)
    keys = {_name_key(name) for name in merged}
    for name in new:
        if name and _name_key(name) not in keys:
            merged.append(name)
            keys.add(_name_key(name))
    return tuple(merged)


def _list_names(names: tuple[str, ...]) -> str | None:
    """Names joined the English way: "A", "A and B", "A, B and C"."""
    if not names:
        return None
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _name_key(name: str) -> tuple[str, str]:
    tokens = name.lower().split()
    return tokens[0], tokens[-1]


# ---------------------------------------------------------------------------------------------------------------


def clean_plain_text(raw: str) -> CleanedText:
    """Split scraped plain text into the article body, its metadata and the boilerplate that was left out."""
    units = _units(raw)
    context = _Context(units)
    context.resolve()
    body = [unit.text for unit, label in zip(units, context.labels, strict=True) if label is None and unit.text]
    found = context.found
    return CleanedText(
        text="\n\n".join(body),
        title=found.title,
        summary=found.summary,
        source=found.source,
        author=_list_names(found.byline_authors or found.bio_authors),
        removed=_removals(raw, units, context.labels),
    )


def _removals(raw: str, units: list[_Unit], labels: list[str | None]) -> list[Removal]:
    removed: list[Removal] = []
    for unit, label in zip(units, labels, strict=True):
        if label is not None:
            removed.append(Removal(unit.start, unit.end, label, raw[unit.start:unit.end]))
        else:
            removed.extend(Removal(start, end, EMPTY_MARKUP, raw[start:end]) for start, end in unit.markup)
    return removed
