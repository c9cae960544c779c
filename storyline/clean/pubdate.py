"""Estimate when an article was published from the dates its own text mentions.

Scraped articles often lose their date, but the text still tells when it was written: it reports
events as past ("on March 10, 2025", "in December 2024"), announces others as upcoming ("the vote
is scheduled for March 20") and speaks relative to its own day ("last week", "this month", "on
Thursday"). The latest past reference bounds the date from below, upcoming events bound it from
above, and how fine that latest reference is (a day, a month, a year) tells how long after it the
article was probably written. Old years ("in 1946") are background and never move the estimate.

Everything is a handful of regular expressions over the text: thousands of articles per second.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

from storyline.document import PublishedEstimate

__all__ = ["estimate_published"]

EARLIEST_YEAR = 1800  # older numbers are not dates a news article is written near

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)(?!\d)"
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Full dates, most specific first; a span claimed by one pattern is not read again by a later one.
_ISO_DATE = re.compile(r"(?<![\d/.-])(?P<year>(?:1[89]|20)\d\d)(?P<sep>[-/.])(?P<month>[01]?\d)(?P=sep)(?P<day>[0-3]?\d)(?!\d)")
_MONTH_DAY_YEAR = re.compile(rf"\b(?P<month>{_MONTH})\s+{_DAY}\s*,?\s*{_YEAR}")
_DAY_MONTH_YEAR = re.compile(rf"\b{_DAY}\s+(?:of\s+)?(?P<month>{_MONTH})\s*,?\s*{_YEAR}")
# Datelines such as "12 February 12 15:38 GMT": a two-digit year is only trusted next to a clock time.
_DATELINE_SHORT_YEAR = re.compile(rf"\b{_DAY}\s+(?P<month>{_MONTH})\s+(?P<year>\d\d)\s+[0-2]?\d:[0-5]\d\b")
_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(?P<first>[0-3]?\d)(?P<sep>[/.])(?P<second>[0-3]?\d)(?P=sep)" + _YEAR)
_MONTH_YEAR = re.compile(rf"\b(?P<month>{_MONTH})\s*,?\s*(?:of\s+)?{_YEAR}")
_PART_OF_YEAR = re.compile(
    r"\b(?P<part>early|late|mid|spring|summer|autumn|fall|(?:the\s+)?(?:beginning|start|end|middle|first half|second half))"
    rf"(?:\s+of)?[\s-]+{_YEAR}",
    re.IGNORECASE,
)
_BARE_YEAR = re.compile(r"(?<![\w$£€#.,/:])" + _YEAR + r"(?![\w%]|[.,:/]\d)")
# Dates without a year: placed in the year the rest of the text points to.
_MONTH_DAY = re.compile(rf"\b(?P<month>{_MONTH})\s+{_DAY}\b(?!\s*,?\s*\d)(?!:)")
_DAY_MONTH = re.compile(rf"\b{_DAY}\s+(?:of\s+)?(?P<month>{_MONTH})(?![\w.]*\s*,?\s*\d)")
_BARE_MONTH = re.compile(
    rf"\b(?P<cue>in|last|next|this|since|until|by|from|during|early|late|mid|of|before|after|through)[\s-]+"
    rf"(?P<month>{_MONTH_FULL})\b(?!\s*,?\s*\d)"
)
_WEEKDAY = re.compile(r"\b(?P<weekday>" + "|".join(_WEEKDAYS) + r")\b(?!s\b)")
_RELATIVE = re.compile(
    r"\b(?:(?P<day_word>yesterday|today|tonight|tomorrow)"
    r"|(?P<which>this|last|next|earlier\s+this|later\s+this|past)\s+(?P<unit>week|weekend|month|year))\b",
    re.IGNORECASE,
)

_PARTS_OF_YEAR = {  # part of a year -> (first month, last month)
    "early": (1, 4), "mid": (5, 8), "late": (9, 12), "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11),
    "fall": (9, 11), "beginning": (1, 2), "start": (1, 2), "end": (11, 12), "middle": (5, 8),
    "first half": (1, 6), "second half": (7, 12),
}  # fmt: skip
# Words before a four-digit number that make it a year, and words that make it a count or a label.
_YEAR_CUES = frozenset(
    "in since by until till from during of early late mid the this last next before after between and or to "
    "through around circa year years summer winter spring autumn fall end start beginning".split()
)
_NOT_YEAR_CUES = frozenset(
    "resolution no number flight route article chapter section page room code model version than about some "
    "nearly almost least approximately roughly over under estimated only just".split()
)

_FUTURE = (
    r"could|may|might|perhaps|possibly|likely|will|won't|shall|'ll|would|due|scheduled|planned|plans?|planning|set\s+(?:to|for)|expected|upcoming"
    r"|forthcoming|ahead\s+of|next|later\s+this|going\s+to|intends?|deadline|is\s+to|are\s+to|until"
    r"|to\s+(?:be\s+held|take\s+place|hold|meet|vote|begin|start|open|visit|attend)"
)
_PAST = r"was|were|had|has|have|did|last|ago|earlier|since|said|says|began|begun|took\s+place|[a-z]{3,}ed"
_TENSE_CUE = re.compile(rf"\b(?:(?P<future>{_FUTURE})|(?P<past>{_PAST}))\b")
_FUTURE_AFTER = re.compile(r"^\W*(?:will|is\s+(?:due|set|expected|scheduled)|deadline)\b")
_ORIGIN_CUE = re.compile(
    r"\b(?:since|began|begun|started|erupted|broke\s+out|start\s+of|beginning\s+of|outbreak\s+of)\b[^.;\n]{0,60}$"
)
_PUBLISHED_CUE = re.compile(r"\b(?:published|updated|posted|dated|modified)\b", re.IGNORECASE)
_CLOCK_AFTER = re.compile(r"\s*[-–—,|@]?\s*(?:at\s+)?[0-2]?\d:[0-5]\d\b")
_CLOCK_BEFORE = re.compile(r"\b[0-2]?\d:[0-5]\d\s*(?:GMT|UTC|[AaPp]\.?[Mm]\.?)?\s*,?\s*(?:on\s+)?$")
_COMMENT_CUE = re.compile(r"\b(?:wrote|commented|replied)\b")
_HEAD_CHARS = 30  # a full date this close to the start is the article's own dateline
_CLAUSE_START = re.compile(r"[.!?;\n]\s")
_LOOKBEHIND_CHARS = 120


@dataclass(frozen=True)
class _Mention:
    """A dated reference in the text: the period it names and whether the text treats it as past."""

    first: date
    last: date
    grain: str  # day | month | part | year
    future: bool
    text: str
    role: str = "body"  # body | origin (start of something ongoing) | dateline | stamp (comment time)
    yearless: bool = False  # the text gave no year; it was placed near the other references


@dataclass(frozen=True)
class _Floating:
    """A reference without a year ("March 10", "in June"), placed once the year is known."""

    month: int
    day: int | None
    future: bool
    text: str
    role: str  # body | origin


@dataclass(frozen=True)
class _Clues:
    """Everything the text says about its own time."""

    dated: list[_Mention]
    floating: list[_Floating]
    weekdays: list[tuple[int, bool]]  # weekday number, future
    relative: set[str]  # normalised phrases: "this month", "yesterday", ...


def _month_number(name: str) -> int:
    return ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec").index(
        name.lower().rstrip(".")[:3]
    ) + 1


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


class _Scanner:
    """Reads one text, remembering which spans a more specific pattern already claimed."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.claimed: list[tuple[int, int]] = []

    def matches(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        for match in pattern.finditer(self.text):
            start, end = match.span()
            if any(start < claimed_end and claimed_start < end for claimed_start, claimed_end in self.claimed):
                continue
            yield match

    def claim(self, match: re.Match[str]) -> None:
        self.claimed.append(match.span())

    def role(self, match: re.Match[str], *, full_date: bool) -> str:
        """Whether a reference is the article's dateline, a comment's time stamp, the start of something, or body."""
        start, end = match.span()
        if full_date:
            if start < _HEAD_CHARS or _PUBLISHED_CUE.search(self.text, max(0, start - 40), end + 25):
                return "dateline"
            if _CLOCK_AFTER.match(self.text, end) or _CLOCK_BEFORE.search(self.text[max(0, start - 20) : start]):
                return "comment" if _COMMENT_CUE.search(self.text, end, end + 60) else "stamp"
        if _ORIGIN_CUE.search(self.text[max(0, start - 70) : start]):
            return "origin"
        return "body"

    def is_future(self, match: re.Match[str]) -> bool:
        """Whether the clause around a reference presents it as upcoming (the nearest tense cue decides)."""
        start, end = match.span()
        window_start = max(0, start - _LOOKBEHIND_CHARS)
        clause_starts = [m.end() for m in _CLAUSE_START.finditer(self.text, window_start, start)]
        before = self.text[clause_starts[-1] if clause_starts else window_start : start]
        cues = list(_TENSE_CUE.finditer(before))
        if cues:
            return cues[-1].group("future") is not None
        return _FUTURE_AFTER.match(self.text, end, min(len(self.text), end + 40)) is not None


def _dated(scanner: _Scanner) -> Iterator[_Mention]:
    yield from _full_dates(scanner)
    yield from _months_of_years(scanner)
    yield from _years(scanner)


def _day_mention(scanner: _Scanner, match: re.Match[str], year: int, month: int, day: int) -> _Mention | None:
    found = _safe_date(year, month, day)
    if found is None:
        return None
    scanner.claim(match)
    role = scanner.role(match, full_date=True)
    future = role in ("body", "origin") and scanner.is_future(match)
    return _Mention(found, found, "day", future, match.group(0), role)


def _full_dates(scanner: _Scanner) -> Iterator[_Mention]:
    found: list[_Mention | None] = []
    for match in scanner.matches(_ISO_DATE):
        found.append(_day_mention(scanner, match, int(match["year"]), int(match["month"]), int(match["day"])))
    for pattern in (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR):
        for match in scanner.matches(pattern):
            month = _month_number(match["month"])
            found.append(_day_mention(scanner, match, int(match["year"]), month, int(match["day"])))
    for match in scanner.matches(_DATELINE_SHORT_YEAR):
        month = _month_number(match["month"])
        found.append(_day_mention(scanner, match, 2000 + int(match["year"]), month, int(match["day"])))
    for match in scanner.matches(_NUMERIC_DATE):
        found.append(_numeric_date(scanner, match))
    yield from (mention for mention in found if mention is not None)


def _numeric_date(scanner: _Scanner, match: re.Match[str]) -> _Mention | None:
    """10/03/2025 is March or October depending on the writer; if both read as dates keep the span of both."""
    year, first, second = int(match["year"]), int(match["first"]), int(match["second"])
    readings = [d for d in (_safe_date(year, second, first), _safe_date(year, first, second)) if d is not None]
    if not readings:
        return None
    scanner.claim(match)
    earliest, latest = min(readings), max(readings)
    grain = "day" if earliest == latest else "year"
    return _Mention(earliest, latest, grain, scanner.is_future(match), match.group(0))


def _months_of_years(scanner: _Scanner) -> Iterator[_Mention]:
    for match in scanner.matches(_MONTH_YEAR):
        year, month = int(match["year"]), _month_number(match["month"])
        scanner.claim(match)
        first, last = date(year, month, 1), _month_end(year, month)
        yield _Mention(first, last, "month", scanner.is_future(match), match[0], scanner.role(match, full_date=False))
    for match in scanner.matches(_PART_OF_YEAR):
        part = re.sub(r"^the\s+|\s+", " ", match["part"].lower()).strip()
        first_month, last_month = _PARTS_OF_YEAR[part]
        year = int(match["year"])
        scanner.claim(match)
        first, last = date(year, first_month, 1), _month_end(year, last_month)
        yield _Mention(first, last, "part", scanner.is_future(match), match[0], scanner.role(match, full_date=False))


def _years(scanner: _Scanner) -> Iterator[_Mention]:
    for match in scanner.matches(_BARE_YEAR):
        if not _reads_as_year(scanner.text, match):
            continue
        year = int(match["year"])
        scanner.claim(match)
        first, last = date(year, 1, 1), date(year, 12, 31)
        yield _Mention(first, last, "year", scanner.is_future(match), match[0], scanner.role(match, full_date=False))


def _reads_as_year(text: str, match: re.Match[str]) -> bool:
    """A bare four-digit number is a year after a word like "in" or before punctuation, not after "than"."""
    words_before = re.findall(r"[A-Za-z]+", text[max(0, match.start() - 20) : match.start()])
    previous = words_before[-1].lower() if words_before else ""
    if previous in _NOT_YEAR_CUES:
        return False
    if previous in _YEAR_CUES:
        return True
    following = text[match.end() : match.end() + 3]
    return not following.strip() or following.lstrip()[0] in ".,;:)!?'\"’–—-"


def _floating(scanner: _Scanner) -> Iterator[_Floating]:
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        for match in scanner.matches(pattern):
            day = int(match["day"])
            month = _month_number(match["month"])
            if _safe_date(2000, month, day) is None:  # 2000 is a leap year, so 29 February passes
                continue
            scanner.claim(match)
            yield _Floating(month, day, scanner.is_future(match), match[0], scanner.role(match, full_date=False))
    for match in scanner.matches(_BARE_MONTH):
        scanner.claim(match)
        future = match["cue"] == "next" or (match["cue"] != "last" and scanner.is_future(match))
        yield _Floating(_month_number(match["month"]), None, future, match[0], scanner.role(match, full_date=False))


def _scan(text: str) -> _Clues:
    scanner = _Scanner(text)
    dated = list(_dated(scanner))
    floating = list(_floating(scanner))
    weekdays = [(_WEEKDAYS.index(m["weekday"]), scanner.is_future(m)) for m in scanner.matches(_WEEKDAY)]
    relative = {re.sub(r"\s+", " ", m[0].lower()) for m in _RELATIVE.finditer(text)}
    return _Clues(dated, floating, weekdays, relative)


# How long after its latest past reference an article is typically written: (days from the start of the
# reference to the best guess, days the window stays open after its end; None: open until today).
_FOLLOW_UP: dict[tuple[str, bool], tuple[int, int | None]] = {
    # A full date in the body is mostly news of the last days or weeks.
    ("day", False): (2, 31),
    # A month given with its year mostly lies in an earlier year: writers leave out the current one.
    ("month", False): (90, 365),
    ("part", False): (90, 365),
    # A bare year is as often background ("in 1946") as news: no telling how long after it.
    ("year", False): (365, None),
    # A date without a year is recent: the writer counted on the reader's knowing the year.
    ("day", True): (2, 62),
    ("month", True): (15, 62),
}
_ORIGIN_FOLLOW_UP: dict[bool, tuple[int, int | None]] = {
    False: (365, None),  # "since March 2011": something still going on, started in an earlier year
    True: (90, 365),  # "since March": started this year or late last year
}
_DATELINE_SLACK = 1  # a dateline may show the time of the last update, a day after publication
_STAMP_SLACK = 3  # readers' comments come within days of publication


@dataclass(frozen=True)
class _Window:
    earliest: date
    latest: date
    best: date
    evidence: tuple[str, ...]


def estimate_published(
    text: str, *, title: str | None = None, today: date | None = None
) -> PublishedEstimate | None:
    """Estimate when ``text`` was written from the dates it mentions; None when it mentions none.

    The estimate is never later than ``today`` (default: the current date).
    """
    today = today or date.today()
    clues = _scan(f"{title}.\n{text}" if title else text)
    window = _window(clues, today)
    if window is None:
        return None
    return PublishedEstimate(
        date=window.best.isoformat(),
        earliest=window.earliest.isoformat(),
        latest=window.latest.isoformat(),
        basis="; ".join(window.evidence),
    )


def _window(clues: _Clues, today: date) -> _Window | None:
    datelines = [m for m in clues.dated if m.role == "dateline" and m.first <= today]
    if datelines:
        return _clip(_at_dateline(datelines[0]), today)
    stamps = [m for m in clues.dated if m.role in ("stamp", "comment") and m.first <= today]
    if len(stamps) == 1 and stamps[0].role == "stamp":  # one dated clock time is news, a series is comments
        stamps = []
    body_roles = ("body", "origin") if stamps else ("body", "origin", "stamp")
    past = [m for m in clues.dated if m.role in body_roles and not m.future and m.first <= today]
    upcoming = [m for m in clues.dated if m.future]
    pivot = _pivot(past, upcoming)
    if pivot is not None:
        placed = [_placed(f, pivot) for f in clues.floating]
        past += [m for m in placed if not m.future and m.first <= today]
        upcoming += [m for m in placed if m.future]
    if past:
        window = _after_latest(past, today, clues.weekdays)
    elif stamps:
        window = _Window(date.min, date.max, date.max, ())
    elif upcoming:
        window = _before_soonest(upcoming)
    else:
        return None
    window = _bound_by_upcoming(window, upcoming)
    window = _bound_by_stamps(window, stamps)
    return _clip(window, today)


def _at_dateline(dateline: _Mention) -> _Window:
    earliest = dateline.first - timedelta(days=_DATELINE_SLACK)
    return _Window(earliest, dateline.first, dateline.first, (f"dateline '{dateline.text}'",))


def _pivot(past: list[_Mention], upcoming: list[_Mention]) -> date | None:
    """The day yearless dates are placed nearest to: the latest reference, or a year after the start of
    something ongoing (a writer says "since March" in the same year, "since March 2011" a year later)."""
    if past:
        latest = _latest(past)
        if latest.role == "origin":
            return latest.first + timedelta(days=365)
        if latest.grain == "year":
            return None  # a bare year is too often background to say which year "March 10" fell in
        return latest.first + (latest.last - latest.first) / 2
    if upcoming:
        return min(m.first for m in upcoming)
    return None


def _latest(mentions: list[_Mention]) -> _Mention:
    """The reference that starts last; among those starting together, the most precise."""
    return max(mentions, key=lambda m: (m.first, m.first - m.last))


def _placed(floating: _Floating, pivot: date) -> _Mention:
    """A yearless date in the year that puts it nearest the pivot; an upcoming one not before the pivot's year."""

    def period(year: int) -> tuple[date, date]:
        if floating.day is None:
            return date(year, floating.month, 1), _month_end(year, floating.month)
        day = _safe_date(year, floating.month, floating.day) or date(year, floating.month, 28)
        return day, day

    years = [pivot.year - 1, pivot.year, pivot.year + 1]
    if floating.future:
        years = years[1:]
    candidates = [period(year) for year in years]
    if floating.role == "origin":  # what is still going on started before the news the text reports
        candidates = [p for p in candidates if p[0] <= pivot] or candidates[:1]
    first, last = min(candidates, key=lambda p: abs((p[0] - pivot).days))
    grain = "month" if floating.day is None else "day"
    return _Mention(first, last, grain, floating.future, floating.text, floating.role, yearless=True)


def _after_latest(past: list[_Mention], today: date, weekdays: list[tuple[int, bool]]) -> _Window:
    latest = _latest(past)
    if latest.role == "origin":
        to_best, open_days = _ORIGIN_FOLLOW_UP[latest.yearless]
    else:
        to_best, open_days = _FOLLOW_UP[(latest.grain, latest.yearless)]
    if open_days is None:  # nothing says how long after: guess the middle of what is left
        window_end = today
        best = latest.first + (today - latest.first) / 2
    else:
        window_end = latest.last + timedelta(days=open_days)
        best = latest.first + timedelta(days=to_best)
        if latest.grain == "day" and weekdays:
            best = _closest_weekday(latest.first, weekdays)
    return _Window(latest.first, window_end, best, (_describe(latest),))


def _describe(mention: _Mention) -> str:
    if mention.role == "origin":
        kind = "start of something still going on"
    elif mention.grain == "year":
        kind = "latest year mentioned, possibly background"
    else:
        kind = "latest dated reference"
    qualifier = " (year not given)" if mention.yearless else ""
    return f"{kind} '{mention.text}'{qualifier}"


def _before_soonest(upcoming: list[_Mention]) -> _Window:
    soonest = min(upcoming, key=lambda m: m.last)
    earliest = soonest.first - timedelta(days=365)
    return _Window(earliest, soonest.last, soonest.first - timedelta(days=30), (f"upcoming '{soonest.text}'",))


def _bound_by_upcoming(window: _Window, upcoming: list[_Mention]) -> _Window:
    bounds = [m for m in upcoming if window.earliest <= m.last < window.latest]
    if not bounds:
        return window
    soonest = min(bounds, key=lambda m: m.last)
    return replace(window, latest=soonest.last, evidence=(*window.evidence, f"upcoming '{soonest.text}'"))


def _bound_by_stamps(window: _Window, stamps: list[_Mention]) -> _Window:
    """Readers' comments come after publication, and soon after it."""
    if not stamps:
        return window
    first_comment = min(m.first for m in stamps)
    if first_comment < window.earliest:
        return window  # a reference after the first comment: the stamps are not comments after all
    earliest = max(window.earliest, first_comment - timedelta(days=_STAMP_SLACK))
    evidence = f"first reader comment dated {first_comment.isoformat()}"
    return _Window(earliest, first_comment, first_comment, (evidence,))


def _closest_weekday(earliest: date, weekdays: list[tuple[int, bool]]) -> date:
    """The day in the week from ``earliest`` that puts "on Tuesday"-style mentions closest: past ones in
    the days just before it, upcoming ones in the days just after."""

    def spread(day: date) -> int:
        return sum((w - day.weekday()) % 7 if future else (day.weekday() - w) % 7 for w, future in weekdays)

    return min((earliest + timedelta(days=n) for n in range(7)), key=spread)


def _clip(window: _Window, today: date) -> _Window:
    latest = min(window.latest, today)
    earliest = min(window.earliest, latest)
    best = min(max(window.best, earliest), latest)
    return replace(window, earliest=earliest, latest=latest, best=best)
