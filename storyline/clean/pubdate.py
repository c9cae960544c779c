"""Estimate when an article was published from the dates its own text mentions.

Scraped articles often lose their date, but the text still tells when it was written:

- a dateline ("24 July 2012 Last updated at 07:14 GMT", "Published March 10, 2025") gives it outright, and
  time-stamped reader comments follow it within days;
- events reported as past ("on March 10, 2025", "in December 2024") bound it from below: the latest of
  them wins, and how fine it is (a day, a month, a year) says how long after it the text was likely
  written; years far in the past ("in 1946") are background and never move the estimate;
- events announced as upcoming ("is scheduled for March 20") bound it from above;
- writers leave out the current year ("on 10 May", "since March") but give it for earlier ones, so dates
  without a year are placed in the year the other references point to and mark the text as recent;
- "on Tuesday" picks the weekday, "this month" / "this year" the period of an upcoming event.

It is a handful of regular expressions, written so that Python's regex engine can skip ahead to a digit or
a capital letter, and a little date arithmetic: thousands of articles per second.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

from storyline.document import PublishedEstimate

__all__ = ["estimate_published"]

# Patterns start with a digit or a capital letter, not with \b or a lookbehind, so the regex engine can
# skip ahead quickly; the character before a match is checked in Python instead (_Scanner.matches).
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(?![a-z])\.?"
)
_DAY = r"(?P<day>\d\d?+)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)(?!\d)"
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Each pattern is one pass over the text; its optional parts tell which kind of reference it found.
# Possessive quantifiers (\d\d?+) spare the engine from backtracking over every number in the text.
_ISO_DATE = re.compile(r"(?P<year>(?:1[89]|20)\d\d)(?P<sep>[-/.])(?P<month>[01]?\d)(?P=sep)(?P<day>[0-3]?\d)(?!\d)")
_NUMERIC_DATE = re.compile(rf"(?P<first>\d\d?+)(?P<sep>[/.])(?P<second>\d\d?+)(?P=sep){_YEAR}")
# "10 March 2012", "10th of March", and datelines such as "12 February 12 15:38 GMT" where a two-digit
# year is trusted only next to a clock time.
_DAY_FIRST = re.compile(
    rf"{_DAY}\s+(?:of\s+)?(?P<month>{_MONTH})"
    rf"(?:\s*,?\s*{_YEAR}|\s+(?P<short_year>\d\d)\s+[0-2]?\d:[0-5]\d\b)?"
)
# "March 10, 2012", "March 2012", "March 10", and a bare "March" (a date only after "in", "since"...).
_MONTH_FIRST = re.compile(
    rf"(?P<month>{_MONTH})(?:\s+{_DAY}(?![\d:])(?:\s*,?\s*{_YEAR})?"
    r"|\s*,?\s*(?:of\s+)?(?P<year_of_month>(?:1[89]|20)\d\d)(?!\d))?"
)
_FOLLOWED_BY_NUMBER = re.compile(r"\s*,?\s*\d")
_MONTH_NAMES = frozenset(
    (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    )
)  # fmt: skip
_YEAR_NUMBER = re.compile(_YEAR + r"(?![\w%]|[.,:/]\d)")
_PART_BEFORE_YEAR = re.compile(
    r"(?<![A-Za-z])(?P<part>early|late|mid|spring|summer|autumn|fall|beginning|start|end|middle|first half"
    r"|second half)(?:\s+of)?[\s-]+$",
    re.IGNORECASE,
)
_MONTH_CUE_BEFORE = re.compile(
    r"(?<![A-Za-z])(?P<cue>in|last|next|this|since|until|by|from|during|early|late|mid|of|before|after|through)"
    r"[\s-]+$"
)
_WEEKDAY = re.compile(r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![a-z])")
_THIS_PERIOD = re.compile(r"[Tt]his\s+(?P<unit>month|year)(?![a-z])")

_PARTS_OF_YEAR = {  # part of a year -> (first month, last month)
    "early": (1, 4), "mid": (5, 8), "late": (9, 12), "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11),
    "fall": (9, 11), "beginning": (1, 2), "start": (1, 2), "end": (11, 12), "middle": (5, 8),
    "first half": (1, 6), "second half": (7, 12),
}  # fmt: skip
# Words before a four-digit number that make it a year, and words that make it a count or a label.
_YEAR_CUES = frozenset(
    re.findall(
        r"\w+",
        "in since by until till from during of early late mid the this last next before after between and or to "
        "through around circa year years summer winter spring autumn fall end start beginning",
    )
)
_NOT_YEAR_CUES = frozenset(
    re.findall(
        r"\w+",
        "resolution no number flight route article chapter section page room code model version than about some "
        "nearly almost least approximately roughly over under estimated only just",
    )
)
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[^A-Za-z]*$")

# Tense: the cue nearest before a reference in its clause decides whether the text presents it as upcoming.
_FUTURE = (
    r"will|won't|shall|'ll|would|could|may|might|perhaps|possibly|likely|due|scheduled|planned|plans?|planning"
    r"|set\s+(?:to|for)|expected|upcoming|forthcoming|ahead\s+of|next|later\s+this|going\s+to|intends?|deadline"
    r"|is\s+to|are\s+to|expires?|expiring|matures?|maturing|to\s+be\s+held|to\s+take\s+place"
)
_PAST = r"was|were|had|has|have|did|last|ago|earlier|since|said|says|began|begun|took\s+place|[a-z]{3,}ed"
_TENSE_CUE = re.compile(rf"\b(?:(?P<future>{_FUTURE})|(?P<past>{_PAST}))\b")
_FUTURE_AFTER = re.compile(r"\W*(?:will|is\s+(?:due|set|expected|scheduled)|deadline)\b")
_CLAUSE_START = re.compile(r"[.!?;\n]\s")
_TENSE_CONTEXT = 120  # characters before a reference searched for its tense

# Roles: the start of something still going on, the article's own dateline, readers' comment stamps.
_ORIGIN_CUE = re.compile(
    r"\b(?:since|began|begun|started|erupted|broke\s+out|start\s+of|beginning\s+of|outbreak\s+of)\b[^.;\n]{0,60}$"
)
_PUBLISHED_BEFORE = re.compile(
    r"\b(?:(?:last\s+)?(?:published|updated|modified)|posted|dated)"
    r"(?:\s+at\s+[0-2]?\d:[0-5]\d(?:\s*[A-Za-z]{2,4})?)?(?:\s+on)?\s*[:,]?\s*(?:[A-Z][a-z]+day\s*,?\s*)?$",
    re.IGNORECASE,
)
_PUBLISHED_AFTER = re.compile(r"\s*[|,·-]?\s*(?:last\s+)?(?:updated|published|posted)\b", re.IGNORECASE)
_CLOCK = re.compile(r"\b[0-2]?\d:[0-5]\d\b")
_CLOCK_AFTER = re.compile(r"\s*[-–—,|@]?\s*(?:at\s+)?[0-2]?\d:[0-5]\d\b")
_CLOCK_BEFORE = re.compile(r"\b[0-2]?\d:[0-5]\d\b[^.!?\n\d]{0,30}$")  # "10:05 UK time, Friday, 20 January 2012"
_COMMENT_CUE = re.compile(r"\b(?:wrote|commented|replied)\b")
_HEAD_CHARS = 300  # a date standing on its own line this close to the top is the article's own dateline
_BYLINE = re.compile(r"(?:By\s[^\n]{0,60}?)?[\s|:,·•—–-]*")

# After its latest past reference an article is typically written within: (days from the start of the
# reference to the best guess, days the window stays open after its end); keyed by (grain, year not given).
# A reference given with its year may lie in the year before the writing year (writers leave the current
# year out), so its window also stays open to the end of the following year (see _after_latest).
_FOLLOW_UP: dict[tuple[str, bool], tuple[int, int]] = {
    ("day", False): (2, 31),  # a full date in the body is mostly news of the last days or weeks
    ("month", False): (90, 365),
    ("part", False): (90, 365),
    ("day", True): (2, 62),  # a date without a year is recent: the reader is expected to know the year
    ("month", True): (15, 62),
}
_ORIGIN_YEARLESS_FOLLOW_UP = (90, 365)  # "since March": started this year or late last year
_RECENT = timedelta(days=62)  # how long after a yearless date a text still reports it as news
_DATELINE_SLACK = 1  # a dateline may show the time of the last update, a day after publication
_STAMP_SLACK = 3  # readers' comments come within days of publication
_ANNOUNCED_AHEAD = timedelta(days=365)  # how long before an upcoming event it is typically announced


@dataclass(frozen=True)
class _Mention:
    """A dated reference in the text: the period it names and how the text uses it."""

    first: date
    last: date
    grain: str  # day | month | part | year
    future: bool
    text: str
    role: str = "body"  # body | origin (start of something still going on) | dateline | stamp | comment
    yearless: bool = False  # the text gave no year; it was placed near the other references


@dataclass(frozen=True)
class _Floating:
    """A reference without a year ("March 10", "in June"), placed once the other references are known."""

    month: int
    day: int | None
    future: bool
    text: str
    role: str  # body | origin
    last: bool = False  # "last March": before the news the text reports, never after it


@dataclass(frozen=True)
class _Clues:
    """Everything the text says about its own time."""

    dated: list[_Mention]
    floating: list[_Floating]
    weekdays: list[tuple[int, bool]]  # weekday number (Monday 0), upcoming
    this_periods: set[str]  # "month" and "year" when the text says "this month", "earlier this year"...


@dataclass(frozen=True)
class _Window:
    earliest: date
    latest: date
    best: date
    evidence: tuple[str, ...]


def estimate_published(text: str, *, title: str | None = None, today: date | None = None) -> PublishedEstimate | None:
    """Estimate when ``text`` was written from the dates it mentions; None when it mentions none.

    The estimate is never later than ``today`` (default: the current date); ``basis`` names the evidence.
    """
    today = today or date.today()
    clues = _scan(text, title)
    window = _window(clues, today)
    if window is None:
        return None
    return PublishedEstimate(
        date=window.best.isoformat(),
        earliest=window.earliest.isoformat(),
        latest=window.latest.isoformat(),
        basis="; ".join(window.evidence),
    )


# --- reading the text -------------------------------------------------------------------------------------


def _month_number(name: str) -> int:
    months = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    return months.index(name[:3].lower()) + 1


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


class _Scanner:
    """Reads one text, remembering which spans a more specific pattern already claimed."""

    def __init__(self, text: str, body_start: int) -> None:
        self.text = text
        self.body_start = body_start
        self.claimed: list[tuple[int, int]] = []

    def matches(self, pattern: re.Pattern[str], not_after: str = "") -> Iterator[re.Match[str]]:
        """Matches that start a word (and do not follow a character of ``not_after``) and are not claimed."""
        text = self.text
        for match in pattern.finditer(text):
            start, end = match.span()
            if start and (text[start - 1].isalnum() or text[start - 1] in not_after):
                continue
            if any(start < claimed_end and claimed_start < end for claimed_start, claimed_end in self.claimed):
                continue
            yield match

    def claim(self, match: re.Match[str]) -> None:
        self.claimed.append(match.span())

    def role(self, match: re.Match[str], *, full_date: bool) -> str:
        """The article's dateline, a comment's time stamp, the start of something ongoing, or body text."""
        start, end = match.span()
        if full_date:
            if self._stands_at_head(start, end) or self._labelled_published(start, end):
                return "dateline"
            if _CLOCK_AFTER.match(self.text, end) or _CLOCK_BEFORE.search(self.text, max(0, start - 20), start):
                return "comment" if _COMMENT_CUE.search(self.text, end, end + 60) else "stamp"
        if _ORIGIN_CUE.search(self.text, max(0, start - 70), start):
            return "origin"
        return "body"

    def _labelled_published(self, start: int, end: int) -> bool:
        """ "Published: 10 March 2025", "24 July 2012 Last updated at 07:14"; in running text ("a report
        published on 5 March") only near the top."""
        if _PUBLISHED_AFTER.match(self.text, end):
            return True
        label = _PUBLISHED_BEFORE.search(self.text, max(0, start - 40), start)
        return label is not None and (label[0][0].isupper() or start - self.body_start < _HEAD_CHARS)

    def _stands_at_head(self, start: int, end: int) -> bool:
        """A date near the top on a line of its own, after a byline or before a clock time: the dateline."""
        if not 0 <= start - self.body_start < _HEAD_CHARS:
            return False
        line_start = max(self.text.rfind("\n", 0, start) + 1, self.body_start)
        line_end = self.text.find("\n", end)
        rest_of_line = self.text[end : line_end if line_end >= 0 else len(self.text)]
        stands_alone = len(rest_of_line.strip()) <= 60 or _CLOCK.search(self.text, start, end + 12) is not None
        return stands_alone and _BYLINE.fullmatch(self.text, line_start, start) is not None

    def is_future(self, match: re.Match[str]) -> bool:
        """Whether the clause around a reference presents it as upcoming (the nearest tense cue decides)."""
        start, end = match.span()
        context_start = max(0, start - _TENSE_CONTEXT)
        clause_starts = [m.end() for m in _CLAUSE_START.finditer(self.text, context_start, start)]
        cues = list(_TENSE_CUE.finditer(self.text, clause_starts[-1] if clause_starts else context_start, start))
        if cues:
            return cues[-1]["future"] is not None
        return _FUTURE_AFTER.match(self.text, end, end + 40) is not None


def _scan(text: str, title: str | None) -> _Clues:
    heading = f"{title}.\n" if title else ""
    scanner = _Scanner(heading + text, len(heading))
    dated: list[_Mention] = []
    floating: list[_Floating] = []
    for match in scanner.matches(_ISO_DATE, not_after="/.-"):
        dated += _day_mention(scanner, match, int(match["year"]), int(match["month"]), int(match["day"]))
    for match in scanner.matches(_DAY_FIRST):
        _read_date(scanner, match, dated, floating)
    for match in scanner.matches(_MONTH_FIRST):
        _read_date(scanner, match, dated, floating)
    for match in scanner.matches(_NUMERIC_DATE, not_after="/.-"):
        dated += _numeric_date(scanner, match)
    dated += _years(scanner)
    weekdays = [(_WEEKDAYS.index(m["weekday"]), scanner.is_future(m)) for m in scanner.matches(_WEEKDAY)]
    this_periods = {m["unit"] for m in scanner.matches(_THIS_PERIOD)}
    return _Clues(dated, floating, weekdays, this_periods)


def _read_date(scanner: _Scanner, match: re.Match[str], dated: list[_Mention], floating: list[_Floating]) -> None:
    """Sort a day-first or month-first match by the parts it has: day and year, month and year, a day
    without a year, or a month name alone."""
    month = _month_number(match["month"])
    day = int(match["day"]) if match["day"] else None
    parts = match.groupdict()
    if match["year"] or parts.get("year_of_month"):
        year = int(match["year"] or parts["year_of_month"])
        if day is not None:
            dated += _day_mention(scanner, match, year, month, day)
        else:
            scanner.claim(match)
            first, last = date(year, month, 1), _month_end(year, month)
            role = scanner.role(match, full_date=False)
            dated.append(_Mention(first, last, "month", scanner.is_future(match), match[0], role))
    elif parts.get("short_year") and day is not None:
        dated += _day_mention(scanner, match, 2000 + int(parts["short_year"]), month, day)
    elif _FOLLOWED_BY_NUMBER.match(scanner.text, match.end()):
        return  # "March 10, 20" or "10 March 12:00": not a date this can read
    elif day is not None:
        floating += _yearless_day(scanner, match, month, day)
    else:
        floating += _yearless_month(scanner, match, month)


def _day_mention(scanner: _Scanner, match: re.Match[str], year: int, month: int, day: int) -> list[_Mention]:
    found = _safe_date(year, month, day)
    if found is None:
        return []
    scanner.claim(match)
    role = scanner.role(match, full_date=True)
    future = role in ("body", "origin") and scanner.is_future(match)
    return [_Mention(found, found, "day", future, match[0], role)]


def _numeric_date(scanner: _Scanner, match: re.Match[str]) -> list[_Mention]:
    """10/03/2025 is March or October depending on the writer; if both read as dates keep the span of both."""
    year, first, second = int(match["year"]), int(match["first"]), int(match["second"])
    readings = [d for d in (_safe_date(year, second, first), _safe_date(year, first, second)) if d is not None]
    if not readings:
        return []
    scanner.claim(match)
    earliest, latest = min(readings), max(readings)
    grain = "day" if earliest == latest else "year"
    role = scanner.role(match, full_date=False)
    return [_Mention(earliest, latest, grain, scanner.is_future(match), match[0], role)]


def _years(scanner: _Scanner) -> Iterator[_Mention]:
    text = scanner.text
    for match in scanner.matches(_YEAR_NUMBER, not_after="$£€#.,/:"):
        if not _reads_as_year(text, match):
            continue
        year = int(match["year"])
        scanner.claim(match)
        part = _PART_BEFORE_YEAR.search(text, max(0, match.start() - 20), match.start())
        if part:  # "early 2013", "the end of 2011"
            first_month, last_month = _PARTS_OF_YEAR[re.sub(r"\s+", " ", part["part"].lower())]
            first, last, grain, shown = date(year, first_month, 1), _month_end(year, last_month), "part", part[0]
        else:
            first, last, grain, shown = date(year, 1, 1), date(year, 12, 31), "year", ""
        future = scanner.is_future(match)
        yield _Mention(first, last, grain, future, shown + match[0], scanner.role(match, full_date=False))


def _reads_as_year(text: str, match: re.Match[str]) -> bool:
    """A bare four-digit number is a year after a word like "in" or before punctuation, not after "than"."""
    word = _WORD_BEFORE.search(text, max(0, match.start() - 20), match.start())
    previous = word[1].lower() if word else ""
    if previous in _NOT_YEAR_CUES:
        return False
    if previous in _YEAR_CUES:
        return True
    following = text[match.end() : match.end() + 3].lstrip()
    return not following or following[0] in ".,;:)!?'\"’–—-"


def _yearless_day(scanner: _Scanner, match: re.Match[str], month: int, day: int) -> list[_Floating]:
    if _safe_date(2000, month, day) is None:  # 2000 is a leap year, so 29 February passes
        return []
    scanner.claim(match)
    return [_Floating(month, day, scanner.is_future(match), match[0], scanner.role(match, full_date=False))]


def _yearless_month(scanner: _Scanner, match: re.Match[str], month: int) -> list[_Floating]:
    """ "in June", "since March", "last November": a month name alone is only a date after such a word."""
    if match["month"].rstrip(".") not in _MONTH_NAMES:
        return []
    cue_match = _MONTH_CUE_BEFORE.search(scanner.text, max(0, match.start() - 12), match.start())
    if cue_match is None:
        return []
    scanner.claim(match)
    cue = cue_match["cue"]
    future = cue == "next" or (cue != "last" and scanner.is_future(match))
    role = "origin" if cue == "since" else scanner.role(match, full_date=False)
    text = f"{cue_match[0]}{match[0].rstrip('.')}"
    return [_Floating(month, None, future, text, role, last=cue == "last")]


# --- from clues to a window -------------------------------------------------------------------------------


def _window(clues: _Clues, today: date) -> _Window | None:
    datelines = [m for m in clues.dated if m.role == "dateline" and m.first <= today]
    if datelines:  # when both a publication and an update date are given, the earlier one
        return _clip(_at_dateline(min(datelines, key=lambda m: m.first)), today)
    stamps = [m for m in clues.dated if m.role in ("stamp", "comment") and m.first <= today]
    if len(stamps) == 1 and stamps[0].role == "stamp":  # one date with a clock time is news, a series is comments
        stamps = []
    body_roles = ("body", "origin") if stamps else ("body", "origin", "stamp")
    past = [m for m in clues.dated if m.role in body_roles and not m.future and m.first <= today]
    upcoming = [m for m in clues.dated if m.future]
    pivot = _pivot(past, upcoming)
    if pivot is not None:
        placed = [_placed(f, pivot) for f in clues.floating]
        past += [m for m in placed if not m.future and m.first <= today]
        upcoming += [m for m in placed if m.future]
    if stamps and all(m.first <= min(s.first for s in stamps) for m in past if not m.yearless):
        window = _before_first_comment(stamps, past)
    elif past:
        window = _bound_by_upcoming(_after_latest(past, today, clues.weekdays), upcoming, clues.this_periods)
    elif upcoming:
        window = _before_soonest(upcoming)
    else:
        return None
    return _clip(window, today)


def _at_dateline(dateline: _Mention) -> _Window:
    earliest = dateline.first - timedelta(days=_DATELINE_SLACK)
    return _Window(earliest, dateline.first, dateline.first, (f"dateline '{dateline.text}'",))


def _before_first_comment(stamps: list[_Mention], past: list[_Mention]) -> _Window:
    """Readers' comments come after publication, and soon after it."""
    first_comment = min(m.first for m in stamps)
    earliest = first_comment - timedelta(days=_STAMP_SLACK)
    evidence = [f"first reader comment dated '{min(stamps, key=lambda m: m.first).text}'"]
    later_news = [m for m in past if earliest < m.first <= first_comment and m.grain == "day"]
    if later_news:
        latest_news = _latest(later_news)
        earliest = latest_news.first
        evidence.insert(0, _describe(latest_news))
    return _Window(earliest, first_comment, first_comment, tuple(evidence))


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
    """A yearless date in the year that puts it nearest the pivot: an upcoming one not before the pivot,
    the start of something ongoing not long after it, "last March" before it."""

    def period(year: int) -> tuple[date, date]:
        if floating.day is None:
            return date(year, floating.month, 1), _month_end(year, floating.month)
        day = _safe_date(year, floating.month, floating.day) or date(year, floating.month, 28)
        return day, day

    candidates = [period(year) for year in (pivot.year - 1, pivot.year, pivot.year + 1)]
    if floating.future:
        candidates = [p for p in candidates if p[1] >= pivot] or candidates[-1:]
    elif floating.last:
        candidates = [p for p in candidates if p[1] < pivot] or candidates[:1]
    elif floating.role == "origin":
        candidates = [p for p in candidates if p[0] <= pivot + _RECENT] or candidates[:1]
    first, last = min(candidates, key=lambda p: abs((p[0] - pivot).days))
    grain = "month" if floating.day is None else "day"
    return _Mention(first, last, grain, floating.future, floating.text, floating.role, yearless=True)


def _after_latest(past: list[_Mention], today: date, weekdays: list[tuple[int, bool]]) -> _Window:
    latest = _latest(past)
    evidence = (_describe(latest),)
    if latest.grain == "year" or (latest.role == "origin" and not latest.yearless):
        # A bare year, or the start of something still going on: no telling how long after it; guess the
        # middle of what is left.
        return _Window(latest.first, today, latest.first + (today - latest.first) / 2, evidence)
    if latest.role == "origin":
        to_best, open_days = _ORIGIN_YEARLESS_FOLLOW_UP
    else:
        to_best, open_days = _FOLLOW_UP[(latest.grain, latest.yearless)]
    window_end = latest.last + timedelta(days=open_days)
    if not latest.yearless:  # a writer who gives the year may be writing in the year after
        window_end = max(window_end, date(latest.last.year + 1, 12, 31))
    best = latest.first + timedelta(days=to_best)
    if latest.grain == "day" and weekdays:
        best = _closest_weekday(latest.first, weekdays)
    return _Window(latest.first, window_end, best, evidence)


def _describe(mention: _Mention) -> str:
    if mention.role == "origin":
        kind = "start of something still going on"
    elif mention.grain == "year":
        kind = "latest year mentioned, possibly background"
    else:
        kind = "latest dated reference"
    qualifier = " (year not given)" if mention.yearless else ""
    return f"{kind} '{mention.text}'{qualifier}"


def _closest_weekday(earliest: date, weekdays: list[tuple[int, bool]]) -> date:
    """The day in the week from ``earliest`` that puts "on Tuesday"-style mentions closest: past ones in
    the days just before it, upcoming ones in the days just after."""

    def spread(day: date) -> int:
        return sum((w - day.weekday()) % 7 if future else (day.weekday() - w) % 7 for w, future in weekdays)

    return min((earliest + timedelta(days=n) for n in range(7)), key=spread)


def _before_soonest(upcoming: list[_Mention]) -> _Window:
    soonest = min(upcoming, key=lambda m: m.last)
    earliest = soonest.first - _ANNOUNCED_AHEAD
    return _Window(earliest, soonest.last, earliest + _ANNOUNCED_AHEAD / 2, (f"upcoming '{soonest.text}'",))


def _bound_by_upcoming(window: _Window, upcoming: list[_Mention], this_periods: set[str]) -> _Window:
    """The soonest upcoming event bounds the date from above; a text that also speaks of "this month"
    ("this year") most likely shares that event's month (year)."""
    bounds = [m for m in upcoming if window.earliest <= m.last < window.latest]
    if not bounds:
        return window
    soonest = min(bounds, key=lambda m: m.last)
    earliest, evidence = window.earliest, f"upcoming '{soonest.text}'"
    if "month" in this_periods and soonest.grain == "day":
        earliest = max(earliest, soonest.first.replace(day=1))
        evidence += f"; 'this month' and the upcoming event suggest {soonest.first:%B %Y}"
    elif "year" in this_periods and soonest.grain in ("day", "month", "part"):
        earliest = max(earliest, soonest.first.replace(month=1, day=1))
        evidence += f"; 'this year' and the upcoming event suggest {soonest.first.year}"
    return replace(window, earliest=earliest, latest=soonest.last, evidence=(*window.evidence, evidence))


def _clip(window: _Window, today: date) -> _Window:
    """Never after today, and the best guess inside the window."""
    latest = min(window.latest, today)
    earliest = min(window.earliest, latest)
    best = min(max(window.best, earliest), latest)
    return replace(window, earliest=earliest, latest=latest, best=best)
