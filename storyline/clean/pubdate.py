"""Estimate when an article was published from the dates its own text mentions.

Scraped articles often lose their date, but the text still tells when it was written:

- a dateline ("24 July 2012 Last updated at 07:14 GMT", "Published March 10, 2025", "GENEVA, June 30
  (Reuters) -") gives it outright, and time-stamped reader comments follow it within days;
- events reported as past ("on March 10, 2025", "in December 2024") bound it from below: the latest of
  them wins, and how fine it is (a day, a month, a year) says how long after it the text was likely
  written; years far in the past ("in 1946") are background and never move the estimate;
- events announced as upcoming ("is scheduled for March 20") bound it from above;
- writers give the year for other years and leave out the current one ("on 10 May", "in March"). A date
  without a year therefore most likely falls after the latest year the text names ("in July 2017 ... On
  April 14" is April 2018); some writers name the current year too, so the window keeps that year open
  as well. It belongs to the year named just before it in its paragraph when it continues that story
  ("The July 2020 round ... on July 7"); "Saturday, April 7" picks the year whose April 7 was a Saturday,
  and "September 30 last year", "in February this year" count from the writing year;
- the start of something still going on with its month ("since the uprising began in March 2011") is
  mostly written about the year after; when the only year named is background ("a 2019 law", "since
  2014", "Nine years after ... 2015"), later years stay open and the window runs to today rather than
  pretend to know the year;
- "on Tuesday" picks the weekday, "this month" / "this year" the period of an upcoming event, "next year"
  next to an upcoming "2014" says the text was written in 2013, and "until 15 November" is a deadline
  ahead. A text without any year is dated only when its weekday-dated references ("Saturday, 10
  January") all fit the twelve months up to today.

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
    r"(?<![A-Za-z])(?P<cue>(?i:in|last|next|this|since|until|by|from|during|early|late|mid|of|before|after|through))"
    r"[\s-]+$"
)
_WEEKDAY = re.compile(r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![a-z])")
_WEEKDAY_BEFORE = re.compile(
    r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s*,?\s*(?:the\s+)?$"
)
_RELATIVE_YEAR_AFTER = re.compile(r"\s*,?\s*(?:of\s+)?(?P<which>last|this|next)\s+year(?![a-z'’])")
_RELATIVE_YEARS = {"last": -1, "this": 0, "next": 1}
# "until 15 November", "by mid-May": mostly a deadline ahead. Read as upcoming, a past one only loosens the
# upper bound, while a deadline read as past would push the lower bound beyond the writing date.
_DEADLINE_BEFORE = re.compile(
    r"\b(?:[Uu]ntil|[Tt]ill|[Bb]y)\s+(?:the\s+)?(?:(?:early|mid|late|end\s+of|middle\s+of|beginning\s+of)[\s-]+)?$"
)
_RANGE_START = re.compile(r"\b[Ff]rom\s+\S+(?:\s+\S+){0,2}\s+$")
# "Nine years after Russian jets arrived in 2015", "the 30th anniversary of the 1982 massacre": a year of its own.
_YEARS_AFTER = re.compile(r"years?\s+(?:after|since|into)\b|anniversary\s+of\b")
_COUNT_BEFORE = re.compile(r"\b(?P<count>\d\d?|[A-Za-z]+)(?:st|nd|rd|th)?[\s-]+$")
_YEAR_AHEAD = re.compile(r"[^.;\n]{0,80}?(?<![\d$£€#])(?P<year>(?:1[89]|20)\d\d)(?!\d)")
_COUNT_WORDS = {
    word: number
    for number, words in enumerate(
        (
            "", "one first", "two second", "three third", "four fourth", "five fifth", "six sixth",
            "seven seventh", "eight eighth", "nine ninth", "ten tenth", "eleven eleventh", "twelve twelfth",
            "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty twentieth",
        )
    )
    for word in words.split()
} | {"thirty": 30, "thirtieth": 30, "forty": 40, "fortieth": 40, "fifty": 50, "fiftieth": 50}  # fmt: skip
_THIS_OR_NEXT = re.compile(r"(?P<which>this|This|next|Next)\s+(?P<unit>month|year)(?![a-z])")
# Transcripts spell years out: "in nineteen ninety-six", "by the year two thousand".
_SPELLED_YEAR = re.compile(
    r"(?:[Nn]ineteen[ -](?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[ -](?P<unit>one|two|three|four|five|six|seven|eight|nine))?|(?<=year )two thousand)(?![\w-])"
)
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}

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
        "through around circa year years summer winter spring autumn fall end start beginning its his her their a",
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
# Words that are also nouns or causes ("the peace plan", "due to the fighting") and modals of the past
# ("may have been killed") are kept out.
_FUTURE = (
    r"will|won't|wouldn't|shall|'ll|(?:would|could|may|might)(?!\s+(?:not\s+)?have\b)|perhaps|possibly|likely"
    r"|due(?!\s+to\s+(?:the|a|an|its|his|her|their|this|that)\b)|scheduled|planned|plans?\s+to|planning"
    r"|set\s+(?:to|for)|expects?|expected|expecting|upcoming|forthcoming|ahead\s+of|next|later\s+this|going\s+to"
    r"|(?:intends?|hopes?|hoping|aims?|wants?|seeks?)\s+to|deadline|(?:(?:is|are)\s+)?to\s+be\s+[a-z]+|is\s+to|are\s+to"
    r"|expires?|expiring|to\s+be\s+held|to\s+take\s+place"
)
_PAST = (
    r"was|were|had|has|have|did|last|ago|earlier|since|said|says|began|begun|took|came|went|met|held|made|gave"
    r"|saw|fell|rose|won|lost|left|told|broke|struck|sent|led|fled|fought|shot|brought|became|spoke|wrote|drove"
    r"|flew|stood|paid|sold|bought|kept|[a-z]{3,}ed"
)
_TENSE_CUE = re.compile(rf"\b(?:(?P<future>{_FUTURE})|(?P<past>{_PAST}))\b")
_FUTURE_AFTER = re.compile(r"\W*(?:will|is\s+(?:due|set|expected|scheduled)|deadline)\b")
_CLAUSE_START = re.compile(r"[.!?;]\s|\n")
_CLAUSE_END = re.compile(r"(?<![A-Z])[.!?;]\s|\n")
_ABBREVIATION = re.compile(r"(?:\b[A-Z][a-z]{0,3}|[A-Z]|\bSept)$")  # "U.S.", "Mr.", "Jan." do not end a clause
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
# A wire dateline without a year: "GENEVA, June 30 (Reuters) -", "WASHINGTON, August 8 (Xinhua) --".
_WIRE_HEAD_CHARS = 1500  # it opens the story, which may come after a headline, a byline and captions
_AGENCY_AFTER = re.compile(r"[ \t]*\([A-Z][\w.&' -]{1,30}\)[ \t]*(?:[-–—_]{1,2}|:)")
_CITY_BEFORE = re.compile(r"(?:^|\n)[ \t]*[A-Z][A-Z.' -]{2,40}(?:,[ \t]*[A-Z][A-Za-z.]+)?,[ \t]*$")
_DASH_AFTER = re.compile(r"[ \t]*(?:\([A-Z][\w.&' -]{1,30}\)[ \t]*)?(?:[-–—_]{1,2}|:)")
# A bond's maturity ("notes due 1999", "debentures due March 1, 2011") says nothing about when the text
# was written; "the report is due March 20" does.
_MATURITY_BEFORE = re.compile(
    r"(?:\b(?!(?:is|are|was|were|be|been|not)\b)[A-Za-z]+\s+due|\bmatur(?:e|es|ed|ing|ity))\s+(?:(?:in|on)\s+)?$"
)

# After its latest past reference an article is typically written within: (days from the start of the
# reference to the best guess, days the window stays open after its end); keyed by (grain, year not given).
# A reference given with its year may lie in the year before the writing year (writers leave the current
# year out), so its window also stays open to the end of the following year (see _after_latest).
_FOLLOW_UP: dict[tuple[str, bool], tuple[int, int]] = {
    ("day", False): (2, 31),  # a full date in the body is mostly news of the last days or weeks
    ("month", False): (90, 365),
    ("part", False): (90, 365),
    ("day", True): (2, 122),  # a date without a year is recent: the reader is expected to know the year
    ("month", True): (45, 122),  # "in March" is mostly a past month: written weeks after it ended
    ("part", True): (45, 122),
}
_ORIGIN_YEARLESS_FOLLOW_UP = (90, 365)  # "since March": started this year or late last year
_DATELINE_SLACK = 1  # a dateline may show the time of the last update, a day after publication
_WIRE_SLACK = 1  # a wire story is printed the day it is filed or the next
_STAMP_SLACK = 3  # readers' comments come within days of publication
_ANNOUNCED_AHEAD = timedelta(days=365)  # how long before an upcoming event it is typically announced
_ONE_YEAR = timedelta(days=365)
# A date without a year just before an exact date ("began on 20 December ... by 3 February 2025") is
# from the weeks before it, not from the year after.
_BEFORE_EXACT_DATE = timedelta(days=92)
_BEFORE_NEW_YEAR = timedelta(days=122)  # "October 8" in a text written early in a year is last October
# "The July 2020 round ... on July 7": a date without a year within or just after the period named before it
# in its paragraph belongs to that story; months later ("signed in October 2015. On June 18, ...") it does not.
_SAME_STORY = timedelta(days=92)
_WEEKDAY_YEARS = 28  # the calendar repeats its weekdays every 28 years


@dataclass(frozen=True)
class _Mention:
    """A dated reference in the text: the period it names and how the text uses it."""

    first: date
    last: date
    grain: str  # day | month | part | year
    future: bool
    text: str
    role: str = "body"  # body | origin (start of something still going on) | dateline | stamp | comment
    yearless: bool = False  # the text gave no year; it was placed after the other references
    start: int = 0  # offset in the text


@dataclass(frozen=True)
class _Floating:
    """A reference without a year ("March 10", "in June"), placed once the other references are known."""

    month: int
    day: int | None
    future: bool
    text: str
    role: str  # body | origin | dateline
    start: int
    last: bool = False  # "last March": before the news the text reports, never after it
    relative_year: int | None = None  # "last year" -1, "this year" 0, "next year" +1: from the writing year
    weekday: int | None = None  # "Saturday, April 7": Monday 0


@dataclass(frozen=True)
class _Clues:
    """Everything the text says about its own time."""

    dated: list[_Mention]
    floating: list[_Floating]
    weekdays: list[tuple[int, bool]]  # weekday number (Monday 0), upcoming
    this_periods: set[str]  # "month" and "year" when the text says "this month", "earlier this year"...
    says_next_year: bool
    text: str


@dataclass(frozen=True)
class _Window:
    earliest: date
    latest: date
    best: date
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class _Anchor:
    """Where dates without a year go: the first time on or after ``start`` (less ``slack``) they come round;
    after the start of something still going on, the first time in the months before ``pivot`` or after it."""

    start: date
    source: str  # the evidence, for the basis
    strong: bool  # the text fixes the year; otherwise later years stay possible
    slack: timedelta = timedelta(0)
    pivot: date | None = None
    year_known: bool = False  # the text says which year it was written in


@dataclass(frozen=True)
class _Placed:
    """A yearless reference in its most likely year, and the earliest start and latest end it may have."""

    mention: _Mention
    earliest: date
    latest: date


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
        if _MATURITY_BEFORE.search(self.text, max(0, start - 30), start):
            return "maturity"
        if full_date:
            if self._stands_at_head(start, end) or self._labelled_published(start, end):
                return "dateline"
            if _CLOCK_AFTER.match(self.text, end) or _CLOCK_BEFORE.search(self.text, max(0, start - 20), start):
                return "comment" if _COMMENT_CUE.search(self.text, end, end + 60) else "stamp"
        if _ORIGIN_CUE.search(self.text, max(0, start - 70), start):
            return "origin"
        return "body"

    def is_wire_dateline(self, match: re.Match[str]) -> bool:
        """ "GENEVA, June 30 (Reuters) -" near the top: the day the story was filed, its year left out."""
        start, end = match.span()
        if not 0 <= start - self.body_start < _WIRE_HEAD_CHARS:
            return False
        after_city = _CITY_BEFORE.search(self.text, max(0, start - 60), start) is not None
        if after_city:
            return _DASH_AFTER.match(self.text, end) is not None
        return self.text[start - 1 : start] in ("", "\n") and _AGENCY_AFTER.match(self.text, end) is not None

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

    def is_future(self, match: re.Match[str], *, yearless: bool = False) -> bool:
        """Whether the clause around a reference presents it as upcoming: the nearest tense cue decides; a
        deadline ("until 15 November", "by 1992") is upcoming unless the clause is in the past."""
        start, end = match.span()
        future = self._nearest_cue_is_future(start)
        # "By 3 February 2025 the mines were still closed" is past; a yearless date read as upcoming costs
        # little (see _DEADLINE_BEFORE), so only a dated one is checked.
        if self._after_deadline_word(start) and (
            yearless or future is True or (future is None and not self._past_cue_follows(end))
        ):
            return True
        if future is not None:
            return future
        return _FUTURE_AFTER.match(self.text, end, end + 40) is not None

    def _past_cue_follows(self, end: int) -> bool:
        clause_end = _CLAUSE_END.search(self.text, end, end + _TENSE_CONTEXT)
        cue = _TENSE_CUE.search(self.text, end, clause_end.start() if clause_end else end + _TENSE_CONTEXT)
        return cue is not None and cue["past"] is not None

    def _after_deadline_word(self, start: int) -> bool:
        """ "until 2005" but not "from 1976 until 2005"."""
        deadline = _DEADLINE_BEFORE.search(self.text, max(0, start - 30), start)
        return deadline is not None and not _RANGE_START.search(
            self.text, max(0, deadline.start() - 30), deadline.start()
        )

    def _nearest_cue_is_future(self, start: int) -> bool | None:
        context_start = max(0, start - _TENSE_CONTEXT)
        clause_start = context_start
        for boundary in _CLAUSE_START.finditer(self.text, context_start, start):
            if not _ABBREVIATION.search(self.text, max(0, boundary.start() - 5), boundary.start()):
                clause_start = boundary.end()
        cues = list(_TENSE_CUE.finditer(self.text, clause_start, start))
        return cues[-1]["future"] is not None if cues else None


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
    if "years " in scanner.text or "anniversary" in scanner.text:
        dated += _years_after(scanner)
    if "ineteen" in scanner.text or "two thousand" in scanner.text:
        dated += _spelled_years(scanner)
    weekdays = [(_WEEKDAYS.index(m["weekday"]), scanner.is_future(m)) for m in scanner.matches(_WEEKDAY)]
    periods = [(m["which"].lower(), m["unit"]) for m in _THIS_OR_NEXT.finditer(scanner.text)]
    this_periods = {unit for which, unit in periods if which == "this"}
    return _Clues(dated, floating, weekdays, this_periods, ("next", "year") in periods, scanner.text)


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
            dated.append(_Mention(first, last, "month", scanner.is_future(match), match[0], role, start=match.start()))
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
    future = role in ("body", "origin", "maturity") and scanner.is_future(match)
    return [_Mention(found, found, "day", future, match[0], role, start=match.start())]


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
    return [_Mention(earliest, latest, grain, scanner.is_future(match), match[0], role, start=match.start())]


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
        role = scanner.role(match, full_date=False)
        yield _Mention(first, last, grain, future, shown + match[0], role, start=match.start())


def _years_after(scanner: _Scanner) -> Iterator[_Mention]:
    """ "Nine years after ... in 2015" names 2024 without writing it."""
    text = scanner.text
    for match in _YEARS_AFTER.finditer(text):
        count = _COUNT_BEFORE.search(text, max(0, match.start() - 14), match.start())
        year = _YEAR_AHEAD.match(text, match.end())
        if count is None or year is None:
            continue
        word = count["count"].lower()
        number = int(word) if word.isdigit() else _COUNT_WORDS.get(word, 0)
        if number:
            named = int(year["year"]) + number
            shown = text[count.start() : year.end()]
            yield _Mention(
                date(named, 1, 1), date(named, 12, 31), "year", scanner.is_future(match), shown, start=count.start()
            )


def _spelled_years(scanner: _Scanner) -> Iterator[_Mention]:
    for match in scanner.matches(_SPELLED_YEAR):
        year = 1900 + _TENS[match["tens"]] + _UNITS.get(match["unit"] or "", 0) if match["tens"] else 2000
        yield _Mention(
            date(year, 1, 1), date(year, 12, 31), "year", scanner.is_future(match), match[0], start=match.start()
        )


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
    text, start = scanner.text, match.start()
    weekday = _WEEKDAY_BEFORE.search(text, max(0, start - 16), start)
    role = "dateline" if scanner.is_wire_dateline(match) else scanner.role(match, full_date=False)
    return [
        _Floating(
            month,
            day,
            scanner.is_future(match, yearless=True),
            match[0],
            role,
            start,
            relative_year=_relative_year(text, match.end()),
            weekday=_WEEKDAYS.index(weekday["weekday"]) if weekday else None,
        )
    ]


def _yearless_month(scanner: _Scanner, match: re.Match[str], month: int) -> list[_Floating]:
    """ "in June", "since March", "last November": a month name alone is only a date after such a word."""
    if match["month"].rstrip(".") not in _MONTH_NAMES:
        return []
    cue_match = _MONTH_CUE_BEFORE.search(scanner.text, max(0, match.start() - 12), match.start())
    if cue_match is None:
        return []
    scanner.claim(match)
    cue = cue_match["cue"].lower()
    future = cue == "next" or (cue != "last" and scanner.is_future(match, yearless=True))
    role = "origin" if cue == "since" else scanner.role(match, full_date=False)
    text = f"{cue_match[0]}{match[0].rstrip('.')}"
    relative_year = _relative_year(scanner.text, match.end())
    return [_Floating(month, None, future, text, role, match.start(), cue == "last", relative_year)]


def _relative_year(text: str, end: int) -> int | None:
    """ "September 30 last year", "in February this year": the year counted from the writing year."""
    relative = _RELATIVE_YEAR_AFTER.match(text, end)
    return _RELATIVE_YEARS[relative["which"]] if relative else None


# --- placing dates without a year ------------------------------------------------------------------------


def _period(floating: _Floating, year: int) -> tuple[date, date]:
    if floating.day is None:
        return date(year, floating.month, 1), _month_end(year, floating.month)
    day = _safe_date(year, floating.month, floating.day) or date(year, floating.month, 28)  # 29 February
    return day, day


def _first_from(floating: _Floating, start: date) -> tuple[date, date]:
    """The first time the reference comes round on or after ``start``."""
    this_year = _period(floating, start.year)
    return this_year if this_year[0] >= start else _period(floating, start.year + 1)


def _last_before(floating: _Floating, end: date) -> tuple[date, date]:
    """The last time the reference ended before ``end``."""
    this_year = _period(floating, end.year)
    return this_year if this_year[1] < end else _period(floating, end.year - 1)


def _nearest(floating: _Floating, pivot: date, not_before: date) -> tuple[date, date]:
    candidates = [_period(floating, year) for year in (pivot.year - 1, pivot.year, pivot.year + 1)]
    candidates = [p for p in candidates if p[0] >= not_before] or candidates[-1:]
    return min(candidates, key=lambda p: abs((p[0] - pivot).days))


def _on_its_weekday(
    floating: _Floating, period: tuple[date, date], earliest: date, latest_year: int
) -> tuple[date, date]:
    """ "Saturday, April 7": the first year from ``period`` on whose April 7 was a Saturday; the year as
    placed when none fits (the weekday may be a typo)."""
    if floating.weekday is None or floating.day is None or period[0].weekday() == floating.weekday:
        return period
    for year in range(period[0].year - 1, min(latest_year, period[0].year + _WEEKDAY_YEARS) + 1):
        day = _safe_date(year, floating.month, floating.day)
        if day is not None and day >= earliest and day.weekday() == floating.weekday:
            return day, day
    return period


def _anchor(past: list[_Mention], upcoming: list[_Mention], clues: _Clues, today: date) -> _Anchor | None:
    """Where the text's dates without a year belong, from the references that give one."""
    latest = _latest(past) if past else None
    writing_year = _next_year_hint(clues, upcoming, latest)
    if writing_year is not None:
        start = date(writing_year, 1, 1)
        if latest is not None and latest.first > start:
            start = latest.first
        return _Anchor(start, f"'next year' and upcoming {writing_year + 1}", strong=True, year_known=True)
    if latest is not None:
        if latest.role == "origin":  # "since March 2011": most likely written the year after; "since 2014": later
            pivot = date(latest.first.year + 1, 1, 1)
            return _Anchor(latest.first, latest.text, strong=latest.grain in ("day", "month"), pivot=pivot)
        slack = _BEFORE_EXACT_DATE if latest.grain == "day" else timedelta(0)
        return _Anchor(latest.first, latest.text, strong=latest.grain != "year", slack=slack)
    if upcoming:  # only upcoming events: the dates without a year may come in the year before the soonest
        soonest = min(upcoming, key=lambda m: m.first)
        return _Anchor(soonest.first - _ONE_YEAR, soonest.text, strong=False)
    if _weekdays_fit_the_last_year(clues.floating, today):
        past_year = today - _ONE_YEAR + timedelta(days=1)
        return _Anchor(past_year, "weekdays of dates in the past year", strong=True, year_known=True)
    return None


def _next_year_hint(clues: _Clues, upcoming: list[_Mention], latest: _Mention | None) -> int | None:
    """A text that speaks of "next year" and of an upcoming 2014 (and of nothing later in the past) was
    written in 2013."""
    if not clues.says_next_year:
        return None
    floor = latest.first.year if latest else None
    years = [m.first.year for m in upcoming if floor is None or m.first.year > floor]
    return min(years) - 1 if years else None


def _weekdays_fit_the_last_year(floating: list[_Floating], today: date) -> bool:
    """A text without any year can still be dated when every "Saturday, April 7" it has falls on that
    weekday in the twelve months up to today (one chance in seven each by accident)."""
    with_weekday = [f for f in floating if f.weekday is not None and f.day is not None]
    if not with_weekday:
        return False
    return all(_last_before(f, today + timedelta(days=1))[0].weekday() == f.weekday for f in with_weekday)


def _local_mention(floating: _Floating, past: list[_Mention], text: str) -> _Mention | None:
    """The dated reference nearest before a yearless date in its paragraph ("The July 2020 round was worse.
    Russia vetoed a draft on July 7")."""
    paragraph_start = text.rfind("\n", 0, floating.start) + 1
    before = [m for m in past if paragraph_start <= m.start < floating.start and m.role == "body"]
    return max(before, key=lambda m: m.start) if before else None


def _in_its_paragraph(floating: _Floating, anchor: _Anchor, past: list[_Mention], text: str) -> _Placed | None:
    """The year named just before a yearless date in its paragraph, when that date continues its story."""
    local = _local_mention(floating, past, text)
    if local is None or local.first >= anchor.start:
        return None
    slack = _BEFORE_EXACT_DATE if local.grain == "day" else timedelta(0)
    period = _first_from(floating, local.first - slack)
    return _Placed(_as_mention(floating, period), *period) if period[0] <= local.last + _SAME_STORY else None


def _place_past(floating: _Floating, anchor: _Anchor, past: list[_Mention], text: str, today: date) -> _Placed:
    in_paragraph = _in_its_paragraph(floating, anchor, past, text)
    if in_paragraph is not None:
        return in_paragraph
    earliest_start = anchor.start - anchor.slack
    latest_year = today.year if not anchor.strong else earliest_start.year + 2
    after = _on_its_weekday(floating, _first_from(floating, earliest_start), earliest_start, latest_year)
    if anchor.pivot is not None:  # in the year after the start of something ongoing, or in the months before it
        from_pivot = max(anchor.start, anchor.pivot - _BEFORE_NEW_YEAR)
        preferred = _on_its_weekday(floating, _first_from(floating, from_pivot), earliest_start, latest_year)
        return _Placed(_as_mention(floating, preferred), after[0], preferred[1])
    if anchor.year_known:
        return _Placed(_as_mention(floating, after), *after)
    if not anchor.strong:  # after a bare year the date may also be from the last months before it
        earliest = _first_from(floating, earliest_start - _BEFORE_NEW_YEAR)
        return _Placed(_as_mention(floating, after), earliest[0], after[1])
    # Strong: the writer names earlier years and leaves the current one out, so the date most likely
    # comes after the anchor; but it may be the anchor's own year, named throughout (the window keeps both).
    nearest = _on_its_weekday(
        floating, _nearest(floating, anchor.start, anchor.start - _ONE_YEAR), anchor.start - _ONE_YEAR, latest_year
    )
    return _Placed(_as_mention(floating, after), min(after[0], nearest[0]), max(after[1], nearest[1]))


def _as_mention(floating: _Floating, period: tuple[date, date]) -> _Mention:
    grain = "month" if floating.day is None else "day"
    return _Mention(*period, grain, floating.future, floating.text, floating.role, True, floating.start)


def _placements(clues: _Clues, anchor: _Anchor, past: list[_Mention], today: date) -> list[_Placed]:
    """Yearless past dates after the references with a year; then those that hang on the latest news ("last
    March", "since March", "September 30 last year", upcoming ones), from it as placed and at its earliest."""
    plain: list[_Floating] = []
    hanging: list[_Floating] = []
    for floating in clues.floating:
        if floating.role != "maturity":
            on_news = floating.future or floating.last or floating.relative_year is not None
            (hanging if on_news or floating.role == "origin" else plain).append(floating)
    placed = [_place_past(f, anchor, past, clues.text, today) for f in plain]
    news = [p for p in placed if p.mention.first <= today]
    latest_news = max([m.first for m in past] + [p.mention.first for p in news], default=anchor.start)
    earliest_news = max([m.first for m in past] + [p.earliest for p in news], default=anchor.start)
    for floating in hanging:
        as_placed, at_earliest = _from_news(floating, latest_news), _from_news(floating, earliest_news)
        placed.append(_Placed(_as_mention(floating, as_placed), at_earliest[0], as_placed[1]))
    return placed


def _from_news(floating: _Floating, news: date) -> tuple[date, date]:
    if floating.relative_year is not None:
        return _period(floating, news.year + floating.relative_year)
    if floating.future:
        return _first_from(floating, news)
    return _last_before(floating, news)  # "last March", "since March"


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
    upcoming = [m for m in clues.dated if m.future and m.role in ("body", "origin")]
    anchor = _anchor(past, upcoming, clues, today)
    placed = _placements(clues, anchor, past, today) if anchor is not None else []
    wire = [p for p in placed if p.mention.role == "dateline" and p.mention.first <= today]
    if wire and anchor is not None:
        return _clip(_at_wire_dateline(wire[0], anchor, today), today)
    placed_past = [p for p in placed if not p.mention.future and p.mention.first <= today]
    earliest = max([m.first for m in past] + [p.earliest for p in placed_past], default=today)
    latest_possible = max((p.latest for p in placed_past), default=None)
    past += [p.mention for p in placed_past]
    if anchor is not None and anchor.strong:  # else the year of an upcoming "March 18" is a guess too
        upcoming += [p.mention for p in placed if p.mention.future]
    if stamps and all(m.first <= min(s.first for s in stamps) for m in past if not m.yearless):
        window = _before_first_comment(stamps, past)
    elif past:
        latest = _latest(past)
        window = _after_latest(latest, earliest, latest_possible, anchor, today, clues.weekdays)
        window = _bound_by_upcoming(window, upcoming, clues.this_periods)
    elif upcoming:
        window = _before_soonest(upcoming)
    else:
        return None
    return _clip(window, today)


def _at_dateline(dateline: _Mention) -> _Window:
    earliest = dateline.first - timedelta(days=_DATELINE_SLACK)
    return _Window(earliest, dateline.first, dateline.first, (f"dateline '{dateline.text}'",))


def _at_wire_dateline(wire: _Placed, anchor: _Anchor, today: date) -> _Window:
    """A wire dateline gives the day; its year comes from the other references."""
    day = wire.mention.first
    evidence = f"dateline '{wire.mention.text}' (year not given; {day.year} from '{anchor.source}')"
    if not anchor.strong:
        return _Window(wire.earliest, today, day, (evidence + ", later years possible",))
    return _Window(day, day + timedelta(days=_WIRE_SLACK), day, (evidence,))


def _before_first_comment(stamps: list[_Mention], past: list[_Mention]) -> _Window:
    """Readers' comments come after publication, and soon after it."""
    first_comment = min(m.first for m in stamps)
    earliest = first_comment - timedelta(days=_STAMP_SLACK)
    evidence = [f"first reader comment dated '{min(stamps, key=lambda m: m.first).text}'"]
    later_news = [m for m in past if earliest < m.first <= first_comment and m.grain == "day"]
    if later_news:
        latest_news = _latest(later_news)
        earliest = latest_news.first
        evidence.insert(0, _describe(latest_news, None))
    return _Window(earliest, first_comment, first_comment, tuple(evidence))


def _latest(mentions: list[_Mention]) -> _Mention:
    """The reference that starts last; among those starting together, the most precise."""
    return max(mentions, key=lambda m: (m.first, m.first - m.last))


def _after_latest(
    latest: _Mention,
    earliest: date,
    latest_possible: date | None,
    anchor: _Anchor | None,
    today: date,
    weekdays: list[tuple[int, bool]],
) -> _Window:
    evidence = (_describe(latest, anchor),)
    if latest.grain == "year" or (latest.role == "origin" and latest.grain == "part"):
        # A bare year or a vague start ("since mid-1996"): no telling how long after it; a writer names a
        # year other than the current one, so guess about a year after it.
        return _Window(latest.first, today, latest.last + _ONE_YEAR, evidence)
    if latest.role == "origin" and not latest.yearless:  # "since March 2011": written then or the year after
        return _Window(latest.first, date(latest.first.year + 1, 12, 31), latest.first + _ONE_YEAR, evidence)
    if latest.role == "origin":
        to_best, open_days = _ORIGIN_YEARLESS_FOLLOW_UP
    else:
        to_best, open_days = _FOLLOW_UP[(latest.grain, latest.yearless)]
    window_end = latest.last + timedelta(days=open_days)
    if not latest.yearless:  # a writer who gives the year may be writing in the year after
        window_end = max(window_end, date(latest.last.year + 1, 12, 31))
    if latest_possible is not None:  # a date without a year that may fall later than placed
        window_end = max(window_end, latest_possible + timedelta(days=_FOLLOW_UP[("day", True)][1]))
    if latest.yearless and anchor is not None and not anchor.strong:  # the year was a guess: later years stay open
        window_end = today
    best = latest.first + timedelta(days=to_best)
    if latest.grain == "day" and weekdays:
        best = _closest_weekday(latest.first, weekdays)
    return _Window(earliest, window_end, best, evidence)


def _describe(mention: _Mention, anchor: _Anchor | None) -> str:
    if mention.role == "origin":
        kind = "start of something still going on"
    elif mention.grain == "year":
        kind = "latest year mentioned, possibly background"
    else:
        kind = "latest dated reference"
    qualifier = ""
    if mention.yearless:
        qualifier = " (year not given"
        if anchor is not None:
            qualifier += f"; {mention.first.year} from '{anchor.source}'"
            qualifier += "" if anchor.strong else ", later years possible"
        qualifier += ")"
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
