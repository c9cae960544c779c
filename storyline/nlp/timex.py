"""Time expressions found in plain text and normalised TIMEX3-style against the document's date.

`find_time_expressions` finds dates ("14 September 2013", "Sept. 14", "mid-2014", "the 1990s"), relative
references ("last week", "two days ago", "on Thursday"), durations ("for three years"), sets ("every
Monday") and times of day ("at 3 p.m.") and gives each a TIMEX3 value ("2013-09-14", "2013-W37", "P3Y",
"XXXX-WXX-1", "PRESENT_REF") computed against an anchor, the document's publication date.

Extents follow TimeML: a leading "the" and modifiers ("last", "early", "more than") belong to the expression,
prepositions ("on", "in", "at", "for") do not.

A reference without its own year or week ("March 10", "on Thursday", "in the summer") is placed by the tense
of its clause: "was scheduled for March 10" and "will meet on Thursday" point forward from the anchor,
"met on Thursday" back; a weekday equal to the anchor's is the anchor day itself, and without any cue a date
is the occurrence nearest the anchor ("Jan. 2" written in November is next January's) while a weekday counts
back (news mostly reports what happened). "payable Jan. 2" and "effective Feb. 1" look ahead; "by Friday" looks
ahead unless a deed before it is done ("completed the sale by Friday").

"The following year", "the previous Friday" and "three weeks later" count from the date named just before;
"three days later" with no date before is, as in TimeML, a stretch of time (P3D). In an earnings report
"a year ago", "the year-earlier period" and "the 1988 quarter" are the quarter the report is about (the latest
ended quarter it names), unless the sentence compares a longer period ("for the nine months").

It is a set of regular expressions, one pass each over the text, and a little date arithmetic.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.nlp.types import TimeExpression

__all__ = ["find_time_expressions"]

# --- vocabulary ------------------------------------------------------------------------------------------------

_MONTH_NUMBERS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
# Month names are matched with their capital, so "may" and "march" the verbs stay out.
_MONTH = (
    r"(?-i:Jan(?:uary|\.)|January|Feb(?:ruary|\.)|Mar(?:ch|\.)|Apr(?:il|\.)|May|June?\.?|July?\.?|Aug(?:ust|\.)"
    r"|Sep(?:tember|t\.?|\.)|Oct(?:ober|\.)|Nov(?:ember|\.)|Dec(?:ember|\.)"
    r"|JAN(?:UARY)?|FEB(?:RUARY)?|MARCH|APRIL|MAY|JUNE|JULY|AUG(?:UST)?|SEPT?(?:EMBER)?|OCT(?:OBER)?"
    r"|NOV(?:EMBER)?|DEC(?:EMBER)?)(?![a-z])"
)
_MONTH_BARE = (  # a month written out in full, which can stand alone ("in March")
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December)(?![a-z])"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = (
    r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)"
)
_WEEKDAY_ABBR = r"(?-i:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|:\d)"  # "10:30" is a time; "Oct. 26:" ends a phrase
_YEAR = r"(?P<year>1\d{3}|20\d\d)(?![\d,]\d|\d)"
# A year said in words, as broadcast transcripts write it ("nineteen ninety-four", "two thousand and one")
_SPELLED_YEAR = (
    r"(?:nineteen[\s-](?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five"
    r"|six|seven|eight|nine))?|two\s+thousand(?:\s+and)?(?:\s+(?:one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))?)(?![\w-])"
)
_SMALL_NUMBERS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS_NUMBERS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                 "ninety": 90}  # fmt: skip
_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
_VAGUE_COUNTS = r"several|a\s+few|few|many|some|a\s+couple\s+of|couple\s+of|dozens\s+of|hundreds\s+of|a\s+number\s+of"
_NUMBER = (
    r"(?:\d+(?:\.\d+)?(?:\s+1/2)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three"
    r"|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a\s+dozen|a\s+hundred|an?(?:\s+single)?"
    rf"|{_VAGUE_COUNTS})"
)
_ORDINAL = (
    r"(?:\d+(?:st|nd|rd|th)|(?:twenty|thirty)[-\s](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth"
    r"|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)"
)
_UNIT = r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|century|centurie)s?"
_UNIT_CODES = {  # unit -> (ISO duration letter(s), how many of it, whether it is a time unit)
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True), "day": ("D", 1, False),
    "week": ("W", 1, False), "fortnight": ("W", 2, False), "month": ("M", 1, False), "quarter": ("M", 3, False),
    "year": ("Y", 1, False), "decade": ("Y", 10, False), "century": ("Y", 100, False),
}  # fmt: skip
_DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # winter runs into the next year
_MODIFIER = (
    r"(?:more\s+than|less\s+than|nearly|almost|about|around|roughly|approximately|some|up\s+to|at\s+least"
    r"|over(?!\s+the\b))"
)
# TimeML leaves "about" outside a duration ("spent about [five hours]") but keeps "nearly" and "more than" in.
_DURATION_MODIFIER = _MODIFIER.replace("|about", "")
_PLURAL_UNIT = r"(?:seconds|minutes|hours|days|weeks|fortnights|months|quarters|years|decades|centuries)\b"
_PART = r"(?:early|late|mid|earlier|later|(?:the\s+)?(?:end|beginning|start|middle|close|turn)\s+of)"
_YEAR_RANGE = (1, 2999)  # years outside are not resolved
_TENSE_SLACK = 45  # days a yearless date may lie against its tense and still keep the anchor's year
_DEED_SLACK = 14  # the same for a month told of with a verb of a deed done ("began in March")
_FAR_IN_YEAR = 213  # days (seven months) beyond which a yearless date without tense goes to the nearer year

# --- tense -----------------------------------------------------------------------------------------------------

_FUTURE_CUES = (
    r"will|won't|shall|'ll|would|(?:is|are|was|were)\s+(?:due|set|scheduled|expected|slated|planned|planning)"
    r"|(?:is|are)\s+(?:going|about)\s+to"  # "was about to" is a past narrative's own future
    r"|scheduled|slated|plans?\s+to|planned\s+(?:to|an?)\b|planning|expects?\s+to|expected\s+to|set\s+to|upcoming|forthcoming"
    r"|next(?!\s+(?:to|door)\b)|payable|effective|(?:holders|stock|shareholders)\s+of\s+record"
    r"|(?:is|are|was|were)\s+to|until|till|ahead\s+of|coming|intends?\s+to|aims?\s+to|hopes?\s+to|due\s+to\s+(?!the\b|a\b)"
)
_PAST_CUES = (
    # "had been due to expire Friday": a plan of the past, for a time now gone
    r"had\s+been\s+(?:due|set|scheduled|expected|slated|planned)(?:\s+to)?"
    r"|was|were|had|did|said|told|last|ago|earlier|ended|began|came|went|met|held|made|gave|took|saw|fell|rose"
    r"|won|lost|left|broke|struck|sent|led|fled|fought|shot|became|spoke|wrote|paid|sold|bought|kept|withdrew|grew"
    r"|drew|threw|knew|ran|chose|froze|rode|shook|forgot|got|sat|stood|understood|hung|sought|thought|caught|brought"
    r"|meant|felt|dealt|built|spent|hit|quit"
    r"|has\s+been|have\s+been|(?-i:(?!(?:succe|proce|exce|inde|ne|spe|bre|fe|se|he)ed\b)[a-z]{3,}ed)"
)
_BE_BEFORE = re.compile(r"\bbe\s+(?:[a-z]+ly\s+)?$", re.IGNORECASE)
_DEADLINE_BEFORE = re.compile(
    r"\b(?:(?P<by>by|before)|until|till|(?P<soon>as\s+(?:soon|early)\s+as))\s+(?:the\s+)?$", re.IGNORECASE
)
_REPORTING_VERB = re.compile(
    r"said|told|announced|reported|added|noted|stated|warned|wrote|insisted|argued|claimed|explained|indicated"
    r"|was|were|had|did|has\s+been|have\s+been",
    re.IGNORECASE,
)
_PAST_PERFECT = re.compile(r"\bhad\b", re.IGNORECASE)
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?$", re.IGNORECASE)
# A word that takes an infinitive for an event not yet done ("agreed to buy", "a program to pay down"); "to be"
# is left out, as it mostly describes a state ("was found to be").
_INFINITIVE_COMPLEMENT = re.compile(
    r"\b(?:agree(?:d|s|ment)?|plans?|planned|program(?:me)?|intend(?:s|ed)?|decided?|decision|deal|offer(?:ed|s)?"
    r"|propos(?:ed|al)|bid|move|effort|aim(?:ed|s)?|seeks?|sought|want(?:s|ed)?|promise[ds]?|vow(?:ed|s)?"
    r"|pledge[ds]?|hope[ds]?|voted|order(?:ed)?|approved|authori[sz](?:ed|ation)|commitment|committed|prepared"
    r"|ready|likely)\s+to\s+(?!be\b)[a-z]+",
    re.IGNORECASE,
)
_TENSE_CUE = re.compile(rf"\b(?:(?P<future>{_FUTURE_CUES})|(?P<past>{_PAST_CUES}))\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:]\s|\s[-–—]+\s|\n")
_TENSE_WINDOW = 100  # characters of the clause searched around an expression for its tense
# A period before a number ends no sentence: "Oct. 23", "No. 2".
_SENTENCE_END = re.compile(
    r"(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\b(?:Mr|Ms|Dr|St|No|Jr|Sr|vs))[.!?]['\"’”]?\s+(?!\d)|\n\s*\n|\n"
)


@dataclass(frozen=True)
class _Norm:
    """What a rule makes of a match: everything of a TimeExpression but its place in the text."""

    type: str
    value: str | None
    granularity: str
    direction: str = "none"
    resolved: bool = True
    reason: str | None = None
    needs_anchor: bool = False


class _Context:
    """The text, its anchor and its sentences; tells the tense around a position."""

    def __init__(self, text: str, anchor: date | None, sentences: Sequence[tuple[int, int]] | None) -> None:
        self.text = text
        self.anchor = anchor
        spans = list(sentences) if sentences else _split_sentences(text)
        self.sentences = sorted(spans)
        self.sentence_starts = [start for start, _ in self.sentences]
        self.found: list[tuple[int, int, _Norm]] = []  # expressions normalised so far, in text order
        # Where the whole expression starts when a rule reads a part of it ("until [9 a.m. Tuesday]"): the
        # words before the whole tell the tense of the part.
        self.expression_start: int | None = None
        self.reported_quarters: list[str] = []
        # Whether the last tense found was that of a deed ("changed", "killed"), not of a report ("said"):
        # a deed in the past cannot lie after the anchor, a report may tell of what lies a little ahead.
        self.deed_cue = False  # quarters named by ordinal alone, placed by the anchor

    def sentence_of(self, position: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.sentence_starts, position) - 1
        if index >= 0 and self.sentences[index][0] <= position < self.sentences[index][1]:
            return self.sentences[index]
        return max(0, position - _TENSE_WINDOW), min(len(self.text), position + _TENSE_WINDOW)

    def clause(self, start: int, end: int) -> tuple[int, int]:
        sentence_start, sentence_end = self.sentence_of(start)
        left = max(sentence_start, start - _TENSE_WINDOW)
        right = min(sentence_end, end + _TENSE_WINDOW)
        for brk in _CLAUSE_BREAK.finditer(self.text, left, start):
            left = brk.end()
        brk_after = _CLAUSE_BREAK.search(self.text, end, right)
        return left, brk_after.start() if brk_after else right

    def tense(self, start: int, end: int) -> str:
        """past, future or none: the tense cue nearest to the expression in its clause (words before count more)."""
        self.deed_cue = False
        if self.expression_start is not None:
            start = min(start, self.expression_start)
        if _SINCE_BEFORE.search(self.text, max(0, start - 20), start):
            return "past"  # "since March": a time that has begun
        deadline = _DEADLINE_BEFORE.search(self.text, max(0, start - 20), start)
        if deadline is None:
            cue = self._nearest_cue(start, end) or self._sentence_cue(start, end)
            if self._inside_unrealised_event(cue, start):
                return "none"
            self.deed_cue = cue is not None and bool(cue.group("past")) and not _REPORTING_VERB.fullmatch(cue.group(0))
            return _tense_of(cue)
        if deadline.group("soon"):
            return "future"  # "as soon as Tuesday"
        return self._deadline_tense(deadline, start, end)

    def _deadline_tense(self, deadline: re.Match[str], start: int, end: int) -> str:
        """ "will end by Friday" and "by Friday" alone look ahead; "had filed them by Friday", "completed the
        sale by Friday" and "until Friday they had not" look back. A reporting verb ("said the sale must close
        by Friday") tells when it was said, not which way the deadline lies, and "until" after a past verb goes
        either way ("lasted until", "extended the deadline until")."""
        # "until" itself is no cue here
        cue = self._nearest_cue(deadline.start(), end) or self._sentence_cue(deadline.start(), end)
        if cue is None or _tense_of(cue) != "past":
            return "future"
        if _INFINITIVE_COMPLEMENT.search(self.text, cue.start(), deadline.start()):
            return "future"  # "had been expected ... a program to pay down the loan by February"
        if _PAST_PERFECT.search(self.text, *self.clause(start, end)):
            return "past"
        done = deadline.group("by") is not None and not _REPORTING_VERB.fullmatch(cue.group(0))
        return "past" if done else "future"

    def _sentence_cue(self, start: int, end: int) -> re.Match[str] | None:
        """The tense of the sentence when the clause has none ("In March, a week after the vote, a bomb
        killed ..."): the cue nearest to the expression anywhere in its sentence."""
        sentence_start, sentence_end = self.sentence_of(start)
        before = [c for c in _TENSE_CUE.finditer(self.text, sentence_start, start) if not self._participle_of_be(c)]
        after = [c for c in _TENSE_CUE.finditer(self.text, end, sentence_end) if not self._participle_of_be(c)]
        nearest_before = (start - before[-1].end(), before[-1]) if before else None
        nearest_after = (after[0].start() - end, after[0]) if after else None
        choices = [choice for choice in (nearest_before, nearest_after) if choice is not None]
        return min(choices, key=lambda choice: choice[0])[1] if choices else None

    def _inside_unrealised_event(self, cue: re.Match[str] | None, start: int) -> bool:
        """ "agreed to buy the line in February": the date belongs to the infinitive's event, which the past
        verb before it does not place (it may lie ahead), so the past tense tells nothing."""
        if cue is None or not cue.group("past") or cue.end() > start:
            return False
        return bool(_INFINITIVE_COMPLEMENT.search(self.text, cue.start(), start))

    def _nearest_cue(self, start: int, end: int) -> re.Match[str] | None:
        left, right = self.clause(start, end)
        before = [cue for cue in _TENSE_CUE.finditer(self.text, left, start) if not self._participle_of_be(cue)]
        after = [cue for cue in _TENSE_CUE.finditer(self.text, end, right) if not self._participle_of_be(cue)]
        nearest_before = (start - before[-1].end(), before[-1]) if before else None
        nearest_after = (2 * (after[0].start() - end), after[0]) if after else None
        choices = [choice for choice in (nearest_before, nearest_after) if choice is not None]
        return min(choices, key=lambda choice: choice[0])[1] if choices else None

    def _participle_of_be(self, cue: re.Match[str]) -> bool:
        """ "will be held", "to be named": the participle follows its auxiliary, which tells the tense."""
        return bool(cue.group("past")) and bool(_BE_BEFORE.search(self.text, max(0, cue.start() - 20), cue.start()))

    def reference_before(
        self, start: int, *, same_sentence_only: bool, sentences_back: int = 1
    ) -> tuple[str, str] | None:
        """The value and granularity of the last dated expression before `start` in its sentence (or the
        `sentences_back` before), which "a year earlier", "three weeks later" count from."""
        sentence_start, _ = self.sentence_of(start)
        first = sentence_start
        for _ in range(0 if same_sentence_only else sentences_back):
            first = self.sentence_of(max(0, first - 2))[0]
        for s, _, norm in reversed(self.found):
            if s < min(first, sentence_start):
                break
            if norm.value and norm.granularity in _GRAIN_ORDER and norm.type in ("DATE", "TIME"):
                return norm.value[:10], norm.granularity
        return None

    def compares_longer_period(self, start: int) -> bool:
        """ "For the nine months ... a year earlier": the sentence compares more than a quarter."""
        return bool(_LONGER_PERIOD.search(self.text, self.sentence_of(start)[0], start + 30))

    def quarter_before(self, start: int) -> str | None:
        """The last quarter named in the few sentences before `start`: earnings reports compare "a year ago"
        with the same quarter, named once at the top ("third-quarter profit ...")."""
        index = bisect.bisect_right(self.sentence_starts, start) - 1
        first = self.sentences[max(0, index - _QUARTER_CONTEXT_SENTENCES)][0] if index >= 0 else start
        if self.compares_longer_period(start):
            return None
        near = [norm.value for s, _, norm in self.found if s >= first and _names_a_quarter(norm)]
        if not near:
            return max(self.reported_quarters, default=None)
        # The quarter a report is about is the latest one it names by its ordinal ("third-quarter profit rose");
        # the others are compared with it ("after a flat second quarter"), or dated ("the third quarter of 1984").
        return max(self.reported_quarters, default=near[-1])


_QUARTER_CONTEXT_SENTENCES = 4
_LONGER_PERIOD = re.compile(
    r"\b(?:nine|six|9|6)\s+months\b|\b(?:first|second)\s+half\b|\bfull\s+year\b|\byear\s+to\s+date\b", re.IGNORECASE
)


def _names_a_quarter(norm: _Norm) -> bool:
    """A quarter named, not one counted from another ("the year-ago quarter")."""
    return bool(norm.value) and norm.granularity == "quarter" and norm.type == "DATE" and norm.reason is None


def _tense_of(cue: re.Match[str] | None) -> str:
    return "none" if cue is None else "future" if cue.group("future") else "past"


def _split_sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for end_match in _SENTENCE_END.finditer(text):
        spans.append((start, end_match.end()))
        start = end_match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


# --- arithmetic ------------------------------------------------------------------------------------------------


def _add_months(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    year = min(max(year, 1), 9999)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))  # Jan. 31 + 1 month: Feb. 28


def _shift(anchor: date, unit: str, amount: int) -> date:
    try:
        if unit == "day":
            return anchor + timedelta(days=amount)
        if unit in ("week", "fortnight"):
            return anchor + timedelta(weeks=amount * (2 if unit == "fortnight" else 1))
        if unit == "month":
            return _add_months(anchor, amount)
        if unit == "quarter":
            return _add_months(anchor, 3 * amount)
        factor = {"year": 1, "decade": 10, "century": 100}[unit]
        return _add_months(anchor, 12 * factor * amount)
    except OverflowError:
        return anchor


_GRAIN_ORDER = ("day", "week", "month", "quarter", "year", "decade", "century")
_UNIT_GRAIN = {"day": "day", "week": "week", "fortnight": "week", "month": "month", "quarter": "quarter",
               "year": "year", "decade": "decade", "century": "century"}  # fmt: skip


def _value_start(value: str, granularity: str) -> date | None:
    """The first day of a TIMEX3 period value."""
    try:
        if granularity == "day":
            return date.fromisoformat(value[:10])
        if granularity == "week":
            return date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
        if granularity == "month":
            return date(int(value[:4]), int(value[5:7]), 1)
        if granularity == "quarter":
            return date(int(value[:4]), 3 * int(value[6]) - 2, 1)
        if granularity in ("year", "decade", "century"):
            return date(int(value.ljust(4, "0")), 1, 1)
    except ValueError:
        return None
    return None


def _shift_value(value: str, granularity: str, unit: str, amount: int) -> tuple[str, str] | None:
    """A period `amount` units after the period `value`, as fine as the finer of the two; None when the
    period is coarser than the unit ("2011" and "three weeks later")."""
    if unit not in _UNIT_GRAIN:
        return None
    if _GRAIN_ORDER.index(granularity) > _GRAIN_ORDER.index(_UNIT_GRAIN[unit]):
        return None
    start = _value_start(value, granularity)
    if start is None:
        return None
    return _point_value(_shift(start, unit, amount), granularity)


def _week_value(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _quarter_value(day: date) -> str:
    return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"


def _point_value(day: date, unit: str) -> tuple[str, str]:
    """The TIMEX3 value of the `unit`-long period around `day`, and its granularity."""
    if unit in ("day", "second", "minute", "hour"):
        return day.isoformat(), "day"
    if unit in ("week", "fortnight"):
        return _week_value(day), "week"
    if unit == "month":
        return f"{day.year:04d}-{day.month:02d}", "month"
    if unit == "quarter":
        return _quarter_value(day), "quarter"
    if unit == "decade":
        return f"{day.year // 10:03d}", "decade"
    if unit == "century":
        return f"{day.year // 100:02d}", "century"
    return f"{day.year:04d}", "year"


def _place_in_year(
    anchor: date, direction: str, first: tuple[int, int], last: tuple[int, int], slack: int = _TENSE_SLACK
) -> int:
    """The year of a yearless period (month, day) .. (month, day) that the direction implies from the anchor.

    Tense cues are often those of a reporting verb ("said he would testify on Feb. 10"), so a period of the
    anchor's own year stays in it when it lies within _TENSE_SLACK days on the wrong side of the anchor.
    """
    start = _safe_date(anchor.year, first[0], min(first[1], 28)) or anchor
    end = _safe_date(anchor.year, last[0], min(last[1], 28)) or anchor
    middle = start + (end - start) / 2
    if direction == "none" and abs((middle - anchor).days) > _FAR_IN_YEAR:
        # no tense and far from the anchor: the nearer occurrence ("payable Jan. 2" written in November)
        return anchor.year + (1 if middle < anchor else -1)
    if direction == "past" and (start - anchor).days > slack:
        return anchor.year - 1
    if direction == "future" and (anchor - end).days > _TENSE_SLACK:
        return anchor.year + 1
    return anchor.year


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# --- numbers ---------------------------------------------------------------------------------------------------


def _number(words: str) -> float | None:
    """The count a number phrase stands for; None for a vague one ("several")."""
    words = re.sub(r"\s+", " ", words.strip().lower())
    if re.fullmatch(r"\d+(?:\.\d+)?", words):
        return float(words)
    if words.endswith(" 1/2") and words[:-4].isdigit():
        return int(words[:-4]) + 0.5
    if words in ("a", "an", "a single", "an single"):
        return 1
    if words in ("a dozen", "a hundred"):
        return 12 if words == "a dozen" else 100
    if words in ("a couple of", "couple of"):
        return 2
    if words in _SMALL_NUMBERS:
        return _SMALL_NUMBERS.index(words)
    parts = re.split(r"[- ]", words)
    if parts[0] in _TENS_NUMBERS:
        unit = _SMALL_NUMBERS.index(parts[1]) if len(parts) > 1 and parts[1] in _SMALL_NUMBERS else 0
        return _TENS_NUMBERS[parts[0]] + unit
    return None


def _spelled_year_number(words: str) -> int:
    """The year of a phrase matched by _SPELLED_YEAR."""
    parts = [w for w in re.split(r"[\s-]+", words.lower()) if w != "and"]
    if parts[0] == "nineteen":
        return 1900 + _TENS_NUMBERS[parts[1]] + (_SMALL_NUMBERS.index(parts[2]) if len(parts) > 2 else 0)
    return 2000 + (_SMALL_NUMBERS.index(parts[2]) if len(parts) > 2 else 0)


def _ordinal(word: str) -> int | None:
    word = word.lower().replace(" ", "-")
    digits = re.match(r"(\d+)(?:st|nd|rd|th)$", word)
    if digits:
        return int(digits.group(1))
    if word in _ORDINALS:
        return _ORDINALS.index(word) + 1
    if word == "thirtieth":
        return 30
    tens, _, unit = word.partition("-")
    if tens in ("twenty", "thirty") and unit in _ORDINALS[:9]:
        return _TENS_NUMBERS[tens] + _ORDINALS.index(unit) + 1
    return None


def _format_count(count: float) -> str:
    return str(int(count)) if count == int(count) else f"{count:g}"


def _unit_of(word: str) -> str:
    word = word.lower()
    if word.startswith("centur"):
        return "century"
    return word[:-1] if word.endswith("s") else word


_SMALLER_UNIT = {"Y": (12, "M", False), "H": (60, "M", True), "M": (60, "S", True), "D": (24, "H", True)}


def _duration_value(count: float | None, unit: str) -> str:
    letter, factor, is_time = _UNIT_CODES[unit]
    if count is None:
        return f"PTX{letter}" if is_time else f"PX{letter}"
    amount = count * factor
    whole, fraction = int(amount), amount - int(amount)
    text = f"{whole}{letter}"
    smaller = _SMALLER_UNIT.get(letter) if letter != "M" or is_time else (30, "D", False)
    if fraction and smaller:  # "2 1/2 years" is P2Y6M, "5 1/2 hours" PT5H30M
        per, small_letter, small_is_time = smaller
        extra = f"{_format_count(fraction * per)}{small_letter}"
        text = f"{text}T{extra}" if small_is_time and not is_time else f"{text}{extra}"
    elif fraction:
        text = f"{_format_count(amount)}{letter}"
    return f"PT{text}" if is_time else f"P{text}"


def _month_number(word: str) -> int:
    return _MONTH_NUMBERS[word.lower()[:3]]


def _year_ok(year: int) -> bool:
    return _YEAR_RANGE[0] <= year <= _YEAR_RANGE[1]


# --- rules -----------------------------------------------------------------------------------------------------

_Handler = Callable[[re.Match[str], _Context], "_Norm | None"]
_RULES: list[tuple[str, re.Pattern[str], _Handler]] = []


def _rule(name: str, pattern: str) -> Callable[[_Handler], _Handler]:
    # Every expression starts a word: the lookbehind lets the engine drop positions inside words at once.
    compiled = re.compile(rf"(?<!\w)(?:{pattern})", re.IGNORECASE)

    def register(handler: _Handler) -> _Handler:
        _RULES.append((name, compiled, handler))
        return handler

    return register


def _unresolved(type_: str, granularity: str, reason: str, direction: str = "none") -> _Norm:
    return _Norm(type_, None, granularity, direction, False, reason)


_NO_ANCHOR = "relative expression and no anchor date"


def _day_norm(day: date | None, direction: str, reason: str = "no such day in the calendar") -> _Norm:
    if day is None:
        return _unresolved("DATE", "day", reason, direction)
    return _Norm("DATE", day.isoformat(), "day", direction)


@_rule("iso-date", r"\b(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)(?:T(?P<hour>\d\d):(?P<minute>\d\d))?(?![\d-])")
def _iso_date(match: re.Match[str], ctx: _Context) -> _Norm | None:
    day = _safe_date(int(match["year"]), int(match["month"]), int(match["day"]))
    if day is None:
        return None
    if match["hour"] and int(match["hour"]) < 24 and int(match["minute"]) < 60:
        return _Norm("TIME", f"{day.isoformat()}T{match['hour']}:{match['minute']}", "time")
    return _Norm("DATE", day.isoformat(), "day")


@_rule(
    "numeric-date",
    r"(?<![\d/.])(?P<first>\d\d?)(?P<sep>[/.])(?P<second>\d\d?)(?P=sep)(?P<year>\d{4}|\d\d)(?![\d/]|\.\d)",
)
def _numeric_date(match: re.Match[str], ctx: _Context) -> _Norm | None:
    first, second, year = int(match["first"]), int(match["second"]), int(match["year"])
    if len(match["year"]) == 2:
        year += 1900 if year > 30 else 2000
    # Slashes are mostly American (month first), dots European (day first); a number over 12 settles it.
    month_first = match["sep"] == "/" if first <= 12 and second <= 12 else first <= 12
    month, day_number = (first, second) if month_first else (second, first)
    day = _safe_date(year, month, day_number)
    return None if day is None else _Norm("DATE", day.isoformat(), "day")


_WEEKDAY_PREFIX = rf"(?:(?:{_WEEKDAY}|{_WEEKDAY_ABBR}),?\s+(?:the\s+)?)?"
# Next to a day number, a month abbreviation needs no period ("20 Jan 2012", "Sept 14").
_MONTH_BY_DAY = rf"(?:{_MONTH}|(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?![a-z]))"


@_rule("month-day", rf"{_WEEKDAY_PREFIX}(?P<month>{_MONTH_BY_DAY})\s+{_DAY}(?:\s*,?\s*{_YEAR}(?!\s*(?:%|percent)))?")
def _month_day(match: re.Match[str], ctx: _Context) -> _Norm | None:
    return _calendar_day(match, ctx)


@_rule("week-of", rf"the\s+week\s+of\s+(?P<month>{_MONTH_BY_DAY})\s+{_DAY}(?:\s*,?\s*{_YEAR})?")
def _week_of(match: re.Match[str], ctx: _Context) -> _Norm | None:
    """ "the week of March 6": the ISO week of that day."""
    day = _calendar_day(match, ctx)
    if day is None or day.value is None:
        return day
    return _Norm("DATE", _week_value(date.fromisoformat(day.value)), "week", day.direction)


@_rule("day-month", rf"{_WEEKDAY_PREFIX}(?:the\s+)?{_DAY}\s+(?:of\s+)?(?P<month>{_MONTH_BY_DAY})(?:\s*,?\s*{_YEAR})?")
def _day_month(match: re.Match[str], ctx: _Context) -> _Norm | None:
    return _calendar_day(match, ctx)


def _calendar_day(match: re.Match[str], ctx: _Context) -> _Norm | None:
    month, day_number = _month_number(match["month"]), int(match["day"])
    if not 1 <= day_number <= 31:
        return None
    if match["year"]:
        return _day_norm(_safe_date(int(match["year"]), month, day_number), "none")
    if ctx.anchor is None:
        return _Norm("DATE", None, "day", "none", False, _NO_ANCHOR, needs_anchor=True)
    direction = ctx.tense(match.start(), match.end())
    year = _place_in_year(ctx.anchor, direction, (month, day_number), (month, day_number))
    return _day_norm(_safe_date(year, month, day_number), direction if year != ctx.anchor.year else "present")


@_rule(
    "month",
    rf"(?:(?P<which>last|this|next|past|coming)\s+|(?P<part>{_PART})[\s-]+)?"
    rf"(?:(?P<full>{_MONTH_BARE})|(?P<abbr>{_MONTH})(?=\s*,?\s*(?:of\s+)?\d))"
    rf"(?:\s*,?\s*(?:of\s+)?(?:{_YEAR}|(?P<spelled>{_SPELLED_YEAR}))|(?P<rel>\s+(?:of\s+)?(?:last|this|next)\s+year))?",
)
def _month(match: re.Match[str], ctx: _Context) -> _Norm | None:
    month = _month_number(match["full"] or match["abbr"])
    if match["year"] or match["spelled"]:
        year = int(match["year"]) if match["year"] else _spelled_year_number(match["spelled"])
        return _Norm("DATE", f"{year:04d}-{month:02d}", "month")
    if not match["rel"] and _DAY_NUMBER_AFTER.match(ctx.text, match.end()):
        return None  # "last Oct. 23": a day, which the day rules read
    if (
        (match["full"] or "") in ("May", "March")
        and not (match["which"] or match["part"])
        and not _month_cue(ctx.text, match.start())
    ):
        return None  # "May" and "March" alone are too often a verb or a name
    if ctx.anchor is None:
        return _Norm("DATE", None, "month", "none", False, _NO_ANCHOR, needs_anchor=True)
    if match["rel"]:
        shift = {"last": -1, "this": 0, "next": 1}[match["rel"].split()[-2].lower()]
        return _Norm("DATE", f"{ctx.anchor.year + shift:04d}-{month:02d}", "month", _sign(shift))
    which = (match["which"] or "").lower()
    direction = {"last": "past", "past": "past", "next": "future", "coming": "future"}.get(which) or ctx.tense(
        match.start(), match.end()
    )
    if which == "this":
        year = ctx.anchor.year
    elif which in ("last", "past"):  # "last March": the latest March before this month
        year = ctx.anchor.year - (month >= ctx.anchor.month)
    elif which in ("next", "coming"):
        year = ctx.anchor.year + (month <= ctx.anchor.month)
    else:
        year = _place_in_year(ctx.anchor, direction, (month, 1), (month, 31), _month_slack(ctx))
    return _Norm("DATE", f"{year:04d}-{month:02d}", "month", direction if year != ctx.anchor.year else "present")


def _month_slack(ctx: _Context) -> int:
    """Days a yearless month may begin after the anchor and still be told in the past tense: a deed done in
    December cannot be told in October of the same year, but a report may be of what lies ahead."""
    return _DEED_SLACK if ctx.deed_cue else _TENSE_SLACK


_DAY_NUMBER_AFTER = re.compile(r"\s+[0-3]?\d(?:st|nd|rd|th)?(?!\d)")
_MONTH_CUE_BEFORE = re.compile(
    r"\b(?:in|since|by|until|till|from|during|of|before|after|through|to|and|or|late|early|mid)\s+$", re.I
)


def _month_cue(text: str, start: int) -> bool:
    return bool(_MONTH_CUE_BEFORE.search(text, max(0, start - 12), start))


def _sign(shift: int) -> str:
    return "past" if shift < 0 else "future" if shift > 0 else "present"


@_rule(
    "year-part",
    rf"(?:the\s+)?(?P<part>{_PART}|(?:first|second|last|latter|final)\s+half\s+of"
    rf"|(?:first|last|final)\s+(?:two|2)\s+quarters\s+of|fiscal|calendar)[\s-]+{_YEAR}",
)
def _year_part(match: re.Match[str], ctx: _Context) -> _Norm | None:
    part = match["part"].lower()
    year = int(match["year"])
    if "half" in part or "quarters" in part:  # "the first two quarters of 1990" is its first half
        return _Norm("DATE", f"{year:04d}-H{1 if part.startswith('first') else 2}", "range")
    return _Norm("DATE", f"{year:04d}", "year")


@_rule("year-period", r"the\s+(?P<year>(?:1\d|20)\d\d)\s+(?P<kind>quarter|period)(?![\w-])")
def _year_period(match: re.Match[str], ctx: _Context) -> _Norm | None:
    """ "the 1988 quarter", "the 1989 period" in an earnings report: the quarter the report is about, in that
    year; without a quarter named before, the year."""
    year = int(match["year"])
    named = ctx.quarter_before(match.start())
    if named is not None:
        return _Norm("DATE", f"{year:04d}{named[4:]}", "quarter", reason=f"the quarter of {named}")
    return _Norm("DATE", f"{year:04d}", "year")


_STRONG_YEAR_CUES = frozenset(
    [
        "in",
        "since",
        "by",
        "until",
        "till",
        "from",
        "during",
        "of",
        "early",
        "late",
        "mid",
        "year",
        "fiscal",
        "before",
        "after",
    ]
)
_YEAR_CUE_WORDS = _STRONG_YEAR_CUES | frozenset(
    {
        "and", "around", "autumn", "beginning", "between", "circa", "end", "fall", "her", "his", "its", "last",
        "next", "or", "spring", "start", "summer", "the", "their", "this", "through", "to", "winter", "years"
    }
)
_NOT_YEAR_WORDS = frozenset(
    [
        "resolution",
        "no",
        "number",
        "flight",
        "route",
        "article",
        "chapter",
        "section",
        "page",
        "room",
        "code",
        "model",
        "version",
        "than",
        "about",
        "nearly",
        "almost",
        "least",
        "approximately",
        "roughly",
        "over",
        "under",
        "estimated",
        "only",
        "just",
        "some",
        "killed",
        "more",
    ]
)
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W*$")
_UNIT_AFTER = re.compile(r"\s*(?:[a-z]+s\b|%|percent|people|troops|\$|km|miles|metres|meters|tons)", re.IGNORECASE)
_YEARISH_PLURALS = re.compile(r"\s*(?:elections|polls|protests|talks|games|olympics|levels|figures|results)\b")


@_rule("year", r"(?<![\d$£€.,#/-])(?P<the>the\s+year\s+)?(?P<year>\d{4,6})(?P<s>'s)?(?![\d%]|[.,:/-]\d)")
def _year(match: re.Match[str], ctx: _Context) -> _Norm | None:
    year = int(match["year"])
    if match["the"]:
        if not _year_ok(year):
            return _unresolved("DATE", "year", f"year {year} is outside the years this normaliser resolves")
        return _Norm("DATE", f"{year:04d}", "year")
    if len(match["year"]) != 4 or not 1000 <= year <= 2099:
        return None
    word = _WORD_BEFORE.search(ctx.text, max(0, match.start() - 25), match.start())
    before = word.group(1).lower() if word else ""
    if before in _NOT_YEAR_WORDS:
        return None
    after = ctx.text[match.end() : match.end() + 20]
    if before not in _STRONG_YEAR_CUES and _UNIT_AFTER.match(after) and not _YEARISH_PLURALS.match(after):
        return None  # "2000 troops", "1500 people"
    if before not in _YEAR_CUE_WORDS and not 1900 <= year <= (ctx.anchor.year + 20 if ctx.anchor else 2099):
        return None  # an uncued number far from the present is more likely a count
    return _Norm("DATE", f"{year:04d}", "year")


@_rule(
    "spelled-year",
    r"(?:the\s+year\s+)?(?:nineteen[\s-](?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[\s-](?P<unit>one|two|three|four|five|six|seven|eight|nine))?"
    r"|(?<=year\s)two\s+thousand(?:\s+and)?(?:\s+(?P<small>one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))?|the\s+year\s+two\s+thousand"
    r"(?:\s+and)?(?:\s+(?P<small2>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen))?)(?![\w-])",
)
def _spelled_year(match: re.Match[str], ctx: _Context) -> _Norm | None:
    if match["tens"]:
        year = (
            1900
            + _TENS_NUMBERS[match["tens"].lower()]
            + (_SMALL_NUMBERS.index(match["unit"].lower()) if match["unit"] else 0)
        )
    else:
        small = match["small"] or match["small2"]
        year = 2000 + (_SMALL_NUMBERS.index(small.lower()) if small else 0)
    return _Norm("DATE", f"{year}", "year")


@_rule(
    "decade",
    r"(?:the\s+)?(?:(?P<part>early|mid|late)[\s-]+)?(?:(?P<century>1\d|20)(?P<digit>\d)0'?s"
    r"|['’](?P<short>\d)0s|(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))(?![\w])",
)
def _decade(match: re.Match[str], ctx: _Context) -> _Norm | None:
    if match["century"]:
        return _Norm("DATE", f"{match['century']}{match['digit']}", "decade")
    digit = int(match["short"]) if match["short"] else _TENS_NUMBERS[match["word"].lower()[:-3] + "y"] // 10
    if match["word"] and not match.group(0).lower().startswith("the"):
        return None  # "in his twenties" is an age
    reference_year = ctx.anchor.year if ctx.anchor else 2000
    century = reference_year // 100 if digit * 10 <= reference_year % 100 else reference_year // 100 - 1
    return _Norm("DATE", f"{century}{digit}", "decade")


@_rule(
    "century", rf"(?:the\s+)?(?:(?P<part>early|mid|late)[\s-]+)?(?P<ord>{_ORDINAL}|this|last|next|past)[\s-]+century"
)
def _century(match: re.Match[str], ctx: _Context) -> _Norm | None:
    word = match["ord"].lower()
    if word in ("this", "last", "next", "past"):
        if ctx.anchor is None:
            return _Norm("DATE", None, "century", "none", False, _NO_ANCHOR, needs_anchor=True)
        if word == "past" and match.group(0).lower().startswith("the"):
            return _Norm("DURATION", "P100Y", "duration", "past")
        shift = {"this": 0, "last": -1, "past": -1, "next": 1}[word]
        return _Norm("DATE", f"{ctx.anchor.year // 100 + shift:02d}", "century", _sign(shift))
    number = _ordinal(word)
    if number is None or not 1 <= number <= 30:
        return None
    return _Norm("DATE", f"{number - 1:02d}", "century")


@_rule(
    "season",
    r"(?:(?P<which>last|this|next|past|coming|early|late|mid)[\s-]+|(?P<the>the\s+))?(?P<season>spring|summer|autumn"
    r"|fall|winter)(?:\s+(?:of\s+)?(?:(?P<rel>last|this|next)\s+year|(?P<year>1\d{3}|20\d\d)(?!\d)"
    rf"|(?P<spelled>{_SPELLED_YEAR})))?(?![\w-])",
)
def _season(match: re.Match[str], ctx: _Context) -> _Norm | None:
    code = _SEASONS[match["season"].lower()]
    which = (match["which"] or "").lower()
    if match["year"] or match["spelled"]:
        year = int(match["year"]) if match["year"] else _spelled_year_number(match["spelled"])
        return _Norm("DATE", f"{year:04d}-{code}", "range")
    if not (which or match["rel"] or match["the"]) or (match["season"].lower() == "fall" and not which):
        return None  # a bare "spring" or "the fall" is too often no time at all
    if ctx.anchor is None:
        return _Norm("DATE", None, "range", "none", False, _NO_ANCHOR, needs_anchor=True)
    if match["rel"]:
        shift = {"last": -1, "this": 0, "next": 1}[match["rel"].lower()]
        return _Norm("DATE", f"{ctx.anchor.year + shift:04d}-{code}", "range", _sign(shift))
    first, last = _SEASON_MONTHS[code]
    direction = {"last": "past", "past": "past", "next": "future", "coming": "future", "this": "present"}.get(
        which
    ) or ctx.tense(match.start(), match.end())
    year = ctx.anchor.year
    month = ctx.anchor.month if ctx.anchor.month >= 3 or code != "WI" else ctx.anchor.month + 12
    if direction == "past" and (first > month or (which == "last" and first <= month <= last)):
        year -= 1
    elif direction == "future" and (last < month or (which == "next" and first <= month <= last)):
        year += 1
    if code == "WI" and ctx.anchor.month < 3 and direction not in ("future",):
        year -= 1  # January's winter began the year before
    return _Norm("DATE", f"{year:04d}-{code}", "range", direction)


def _year_ago_quarter(ctx: _Context, start: int) -> _Norm:
    """The quarter a year before the one the report is about (named shortly before), else before the last one."""
    assert ctx.anchor is not None
    named = ctx.quarter_before(start)
    if named is not None:
        return _Norm("DATE", f"{int(named[:4]) - 1:04d}{named[4:]}", "quarter", "past", reason=f"counted from {named}")
    return _Norm("DATE", _quarter_value(_add_months(ctx.anchor, -15)), "quarter", "past",
                 reason="the last quarter, a year before")  # fmt: skip


@_rule(
    "year-ago",
    # TimeML leaves "the" out before an adjective ("the [year-ago] results") and keeps it before a period.
    r"(?:the\s+(?=year-(?:ago|earlier)\s+period))?year-(?:ago|earlier)(?:\s+period)?(?![\w-])"
    # "the year-earlier nine months" is, like "the nine months", a stretch of months
    r"|the\s+year-(?:ago|earlier)\s+(?P<months>three|six|nine|twelve|3|6|9|12)\s+months(?![\w-])"
    r"|(?:the\s+)?(?:corresponding|comparable|same)\s+(?:period|quarter)\s+(?:of\s+)?(?:a\s+year\s+(?:ago|earlier)"
    r"|last\s+year|the\s+previous\s+year)(?![\w-])|last\s+year['’]s\s+(?:period|quarter)(?![\w-])",
)
def _year_ago(match: re.Match[str], ctx: _Context) -> _Norm | None:
    """ "year-ago results", "the year-earlier period", "the same period last year": the period a year before
    the one reported on."""
    if match["months"]:
        count = _number(match["months"])
        return _Norm("DURATION", _duration_value(count, "month"), "duration", "past")
    if ctx.anchor is None:
        return _Norm("DATE", None, "year", "past", False, _NO_ANCHOR, needs_anchor=True)
    if ctx.quarter_before(match.start()) is not None:
        return _year_ago_quarter(ctx, match.start())
    return _Norm("DATE", f"{ctx.anchor.year - 1:04d}", "year", "past")


_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "final": 4}


@_rule(
    "quarter",
    # TimeML leaves "the" out before a quarter used as an adjective ("the [third-quarter] loss").
    r"(?:(?P<the>the\s+(?!(?:fiscal\s+)?[\w-]+-quarter))|(?P<owner>(?:this|last|next)\s+year's\s+))?"
    r"(?:(?P<pyear>(?:1\d|20)\d\d)\s+|(?P<ago>year-ago|year-earlier)\s+)?(?:(?:fiscal|calendar)\s+)?(?P<which>first"
    r"|second|third|fourth|1st|2nd|3rd|4th|final|last|latest|current|past|previous|year-ago|year-earlier|this|next)"
    rf"[\s-]+(?:fiscal\s+)?quarter(?![\w])(?:\s+of\s+(?:fiscal\s+)?(?:{_YEAR}|(?P<rel>this|last|next)\s+year))?"
    r"|the\s+(?P<bare>quarter)(?P<bare_ago>\s+a\s+year\s+(?:ago|earlier))?(?![\w-])|\bQ(?P<q>[1-4])\s*(?P<qyear>(?:1\d|20)\d\d)(?!\d)",
)
def _quarter(match: re.Match[str], ctx: _Context) -> _Norm | None:
    if match["q"]:
        return _Norm("DATE", f"{match['qyear']}-Q{match['q']}", "quarter")
    if match["bare_ago"]:  # "for the quarter a year ago": the reported quarter, a year before
        if ctx.anchor is None:
            return _Norm("DATE", None, "quarter", "past", False, _NO_ANCHOR, needs_anchor=True)
        return _year_ago_quarter(ctx, match.start())
    if match["bare"]:  # "the quarter" of a report: the one that has just ended when told in the past
        if ctx.anchor is None:
            return _Norm("DATE", None, "quarter", "none", False, _NO_ANCHOR, needs_anchor=True)
        direction = ctx.tense(match.start(), match.end())
        return _Norm("DATE", _quarter_value(_add_months(ctx.anchor, -3 if direction == "past" else 0)), "quarter",
                     direction)  # fmt: skip
    which = match["which"].lower()
    year_named = match["year"] or match["pyear"]
    if year_named and which in _QUARTER_WORDS:
        return _Norm("DATE", f"{year_named}-Q{_QUARTER_WORDS[which]}", "quarter")
    norm = _quarter_of_anchor(match, ctx, which)
    if match["ago"] and norm.value:  # "the year-ago third quarter"
        return _Norm("DATE", f"{int(norm.value[:4]) - 1:04d}{norm.value[4:]}", "quarter", "past")
    return norm


def _quarter_of_anchor(match: re.Match[str], ctx: _Context, which: str) -> _Norm:
    if ctx.anchor is None:
        return _Norm("DATE", None, "quarter", "none", False, _NO_ANCHOR, needs_anchor=True)
    if which in _QUARTER_WORDS:
        number = _QUARTER_WORDS[which]
        rel = match["rel"] or (match["owner"] or "").split(" ")[0]
        if rel:
            shift = {"last": -1, "this": 0, "next": 1}[rel.lower()]
            return _Norm("DATE", f"{ctx.anchor.year + shift}-Q{number}", "quarter", _sign(shift))
        direction = ctx.tense(match.start(), match.end())
        year = _place_in_year(ctx.anchor, direction, (3 * number - 2, 1), (3 * number, 30))
        if _add_months(date(year, 3 * number, 1), 1) <= ctx.anchor:  # a report is about a quarter that has ended
            ctx.reported_quarters.append(f"{year}-Q{number}")
        return _Norm("DATE", f"{year}-Q{number}", "quarter", direction)
    if which in ("year-ago", "year-earlier"):
        return _year_ago_quarter(ctx, match.start())
    if which == "past" and match["the"]:
        return _Norm("DURATION", "P3M", "duration", "past")
    shift = {"last": -1, "latest": -1, "previous": -1, "past": -1, "next": 1}.get(which, 0)
    return _Norm("DATE", _quarter_value(_add_months(ctx.anchor, 3 * shift)), "quarter", _sign(shift))


@_rule(
    "relative-day",
    r"(?:(?P<dayoff>the\s+day\s+(?:before|after))\s+|(?P<part>early|late)\s+"
    r"|(?P<mid>mid[\s-]?(?:morning|afternoon|evening))\s+)?(?P<word>today|yesterday|tomorrow|tonight)"
    r"(?:(?=['’]s\b)|(?:\s+(?P<daypart>morning|afternoon|evening|night))?(?![\w-]))",
)
def _relative_day(match: re.Match[str], ctx: _Context) -> _Norm | None:
    word = match["word"].lower()
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
    if match["dayoff"]:
        offset += -1 if match["dayoff"].lower().endswith("before") else 1
    # "mid-afternoon yesterday" is yesterday afternoon
    said_part = match["daypart"] or (match["mid"][3:].strip(" -") if match["mid"] else None)
    daypart = _DAY_PARTS.get((said_part or ("tonight" if word == "tonight" else "")).lower())
    if ctx.anchor is None:
        grain = "time" if daypart else "day"
        return _Norm("TIME" if daypart else "DATE", None, grain, _sign(offset), False, _NO_ANCHOR, needs_anchor=True)
    day = ctx.anchor + timedelta(days=offset)
    if daypart:
        return _Norm("TIME", f"{day.isoformat()}T{daypart}", "time", _sign(offset))
    return _Norm("DATE", day.isoformat(), "day", _sign(offset))


@_rule("day-part", r"(?P<which>this|last|tomorrow|yesterday)\s+(?P<daypart>morning|afternoon|evening|night)(?![\w-])")
def _day_part(match: re.Match[str], ctx: _Context) -> _Norm | None:
    which = match["which"].lower()
    offset = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[which]
    if which == "last" and match["daypart"].lower() != "night":
        return None  # "last morning" is not said
    if ctx.anchor is None:
        return _Norm("TIME", None, "time", _sign(offset), False, _NO_ANCHOR, needs_anchor=True)
    day = ctx.anchor + timedelta(days=offset)
    return _Norm("TIME", f"{day.isoformat()}T{_DAY_PARTS[match['daypart'].lower()]}", "time", _sign(offset))


@_rule(
    "relative-period",
    rf"(?:(?P<part>{_PART})[\s-]+)?(?P<the>the\s+)?(?P<which>last|this|next|past|previous|coming|current|following"
    r"|preceding|upcoming)\s+(?P<unit>week(?:end)?|month|year|decade|fortnight)(?![\w-])",
)
def _relative_period(match: re.Match[str], ctx: _Context) -> _Norm | None:
    which, unit = match["which"].lower(), match["unit"].lower()
    if which in ("following", "preceding") or (which == "previous" and not match["part"]):
        return _from_reference(match, ctx, unit, 1 if which == "following" else -1)
    # "the past year" is, as in TimeML and HeidelTime, the year before, like "last year"; only a count
    # ("the past three years") makes it a duration.
    shift = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "upcoming": 1}.get(which, 0)
    if which == "past" and unit == "decade" and match["the"] and not match["part"]:
        # "over the past decade" is the ten years up to now, as "the past century" is a hundred
        return _Norm("DURATION", "P10Y", "duration", "past")
    if ctx.anchor is None:
        return _Norm("DATE", None, unit, _sign(shift), False, _NO_ANCHOR, needs_anchor=True)
    if unit == "weekend":
        day = ctx.anchor + timedelta(weeks=shift)
        return _Norm("DATE", _week_value(day) + "-WE", "week", _sign(shift))
    value, granularity = _point_value(_shift(ctx.anchor, unit, shift), unit)
    return _Norm("DATE", value, granularity, _sign(shift))


_EVENT_SENTENCES_BACK = 3


def _from_reference(match: re.Match[str], ctx: _Context, unit: str, amount: int) -> _Norm:
    """ "the following year", "the next day", "that day": counted from the date named just before."""
    direction = _sign(amount)
    # "The following month" may open a paragraph about events dated a few sentences before; "the next day"
    # follows its event closely.
    back = _EVENT_SENTENCES_BACK if unit in ("month", "quarter", "year", "decade", "century") else 1
    reference = ctx.reference_before(match.start(), same_sentence_only=False, sentences_back=back)
    shifted = _shift_value(reference[0], reference[1], unit, amount) if reference else None
    if reference is None or shifted is None:
        return _unresolved("DATE", unit, "relative to another event, not to the document date", direction)
    # "the following year" after "May 22, 1995" is 1996, not a day: the unit says how fine the period is.
    first_day = _value_start(*shifted)
    value, granularity = _point_value(first_day, unit) if first_day else shifted
    return _Norm("DATE", value, granularity, direction, reason=f"counted from {reference[0]}")


@_rule(
    "relative-to-event",
    r"(?:the\s+(?P<which>next|following|previous|same)|(?P<that>that|earlier\s+that|later\s+that))\s+"
    r"(?P<unit>day|morning|afternoon|evening|night|week|month|year)(?![\w-])",
)
def _relative_to_event(match: re.Match[str], ctx: _Context) -> _Norm | None:
    which = (match["which"] or "same").lower()
    unit = match["unit"].lower()
    if which == "next" and unit in ("week", "month", "year"):
        return None  # "the next year" is mostly a duration ahead
    amount = {"next": 1, "following": 1, "previous": -1}.get(which, 0)
    return _from_reference(match, ctx, "day" if unit in _DAY_PARTS else unit, amount)


@_rule("the-weekend", r"the\s+weekend(?![\w-])")
def _the_weekend(match: re.Match[str], ctx: _Context) -> _Norm | None:
    if ctx.anchor is None:
        return _Norm("DATE", None, "week", "none", False, _NO_ANCHOR, needs_anchor=True)
    direction = ctx.tense(match.start(), match.end())
    day = ctx.anchor
    # Without a tense, early in the week "the weekend" is the one just gone, late in the week the one ahead.
    if day.weekday() < 5 and (direction == "past" or (direction == "none" and day.weekday() < 3)):
        day -= timedelta(weeks=1)
    return _Norm("DATE", _week_value(day) + "-WE", "week", direction)


@_rule(
    "weekday",
    rf"(?:(?:the\s+)?(?P<which>last|next|this|coming|past|previous|preceding)\s+)?(?P<weekday>{_WEEKDAY})(?P<plural>s)?"
    r"(?:(?=['’]s\b)|(?:\s+(?P<daypart>morning|afternoon|evening|night)(?P<dayparts>s)?)?(?![\w-]))",
)
def _weekday(match: re.Match[str], ctx: _Context) -> _Norm | None:
    weekday = _WEEKDAYS.index(match["weekday"].lower())
    daypart = _DAY_PARTS.get((match["daypart"] or "").lower())
    shared = _SHARED_PLURAL_AFTER.match(ctx.text, match.end())
    if shared and not (match["plural"] or match["daypart"]):
        # "on Monday and Tuesday nights": the plural after the second day is the first one's too
        daypart = _DAY_PARTS.get(shared["daypart"].lower()) if shared["daypart"] else None
        return _Norm("SET", f"XXXX-WXX-{weekday + 1}" + (f"T{daypart}" if daypart else ""), "set")
    if match["plural"] or match["dayparts"]:  # "Tuesday nights", "on Mondays": every one
        return _Norm("SET", f"XXXX-WXX-{weekday + 1}" + (f"T{daypart}" if daypart else ""), "set")
    which = (match["which"] or "").lower()
    if ctx.anchor is None:
        return _Norm("TIME" if daypart else "DATE", None, "day", "none", False, _NO_ANCHOR, needs_anchor=True)
    if which in ("previous", "preceding"):
        before = _weekday_before_reference(ctx, match.start(), weekday)
        if before is not None:
            return before
    direction = {"last": "past", "past": "past", "previous": "past", "next": "future", "coming": "future"}.get(which)
    if direction is None and _is_possessive(ctx.text, match.end()):
        # "Wednesday's ruling" names an event already known, whatever the verb around it says, unless it is
        # announced as ahead ("before Wednesday's vote").
        ahead = _AHEAD_BEFORE.search(ctx.text, max(0, match.start() - 20), match.start())
        direction = "future" if ahead else "past"
    if direction is None and _SCHEDULED_BEFORE.search(ctx.text, max(0, match.start() - 30), match.start()):
        direction = "future"  # "the ministers meet Monday", "the vote is Thursday": a plan, told in the present
    if direction is None:
        direction = ctx.tense(match.start(), match.end())
        if direction == "none":
            direction = "past"  # news mostly reports what happened
    difference = weekday - ctx.anchor.weekday()
    if direction == "past":
        days = -((-difference) % 7) or (-7 if which else 0)
    else:
        days = difference % 7 or (7 if which in ("next",) else 0)
    day = ctx.anchor + timedelta(days=days)
    if days == 0:
        direction = "present"
    if daypart:
        return _Norm("TIME", f"{day.isoformat()}T{daypart}", "time", direction)
    return _Norm("DATE", day.isoformat(), "day", direction)


def _weekday_before_reference(ctx: _Context, start: int, weekday: int) -> _Norm | None:
    """ "the previous Friday" after a day named just before: that weekday in the week before that day."""
    reference = ctx.reference_before(start, same_sentence_only=False)
    if reference is None or reference[1] != "day":
        return None
    day = date.fromisoformat(reference[0])
    day -= timedelta(days=(day.weekday() - weekday) % 7 or 7)
    return _Norm("DATE", day.isoformat(), "day", "past", reason=f"counted from {reference[0]}")


# A verb of a scheduled event in the present tense right before a weekday ("they meet separately Monday");
# the "-s" forms only where a plural noun is unlikely. After "to" the verb is an infinitive, whose time the
# clause tells ("had been due to expire Friday", "were able to return on Friday").
_SCHEDULED_BEFORE = re.compile(
    r"(?<!\bto\s)\b(?:meets?|begins?|starts?|opens?|arrives?|leaves?|returns?|resumes?|convenes?|expires?|takes\s+effect"
    r"|take\s+effect|travels?|flies|fly|testif(?:y|ies)|kicks?\s+off|is|are)(?:\s+[a-z]+ly)?(?:\s+(?:on|at))?\s+$"
)
_SHARED_PLURAL_AFTER = re.compile(
    rf"\s+(?:and|or)\s+{_WEEKDAY}(?:s|\s+(?P<daypart>morning|afternoon|evening|night)s)(?![\w-])"
)
_AHEAD_BEFORE = re.compile(r"\b(?:before|ahead\s+of|until|till|by|for|upcoming)\s+$", re.IGNORECASE)


def _is_possessive(text: str, end: int) -> bool:
    return bool(re.match(r"['’]s\b", text[end : end + 3]))


_NUMBER_UNIT = rf"(?P<number>{_NUMBER})[\s-]+(?P<unit>{_UNIT})"


@_rule(
    "ago",
    rf"(?:{_MODIFIER}\s+)?(?:{_NUMBER_UNIT}|(?P<bare>{_UNIT}))(?P<half>\s+and\s+a\s+half)?\s+"
    r"(?P<rel>ago|earlier|later|before|after|from\s+now|hence)(?![\w-])",
)
def _ago(match: re.Match[str], ctx: _Context) -> _Norm | None:
    rel = match["rel"].lower()
    unit = _unit_of(match["unit"] or match["bare"])
    count = _number(match["number"]) if match["number"] else None
    if count is not None and match["half"]:
        count += 0.5
    direction = "past" if rel in ("ago", "earlier", "before") else "future"
    if rel in ("before", "after"):
        return None  # "two days after the vote": the duration alone is the expression
    if match["bare"] and not match["bare"].lower().endswith("s"):
        return None  # "year earlier" without a count
    side = "before" if direction == "past" else "after"
    if count is None and rel in ("earlier", "later"):
        # "a few days later": TimeML values the stretch of time, counted from an event of the story
        return _Norm("DURATION", _duration_value(None, unit), "duration", direction,
                     reason=f"an unspecified number of {unit}s {side} another event")  # fmt: skip
    if count is None:
        vague_value = "PAST_REF" if direction == "past" else "FUTURE_REF"
        return _Norm("DATE", vague_value, "vague", direction, reason=f"an unspecified number of {unit}s {side}")
    amount = round(count) * (-1 if direction == "past" else 1)
    reference = ctx.reference_before(match.start(), same_sentence_only=rel == "ago")
    quarter = ctx.quarter_before(match.start()) if unit == "year" and rel in ("ago", "earlier") else None
    if quarter is not None and (reference is None or reference[1] == "quarter"):
        reference = (quarter, "quarter")
    if reference is not None and reference[1] == "quarter" and ctx.compares_longer_period(match.start()):
        reference = None
    # "a year ago" in a report on a quarter or a month is that period a year before; "41 years ago" is not.
    same_period = unit == "year" and amount == -1 and reference is not None and reference[1] in ("quarter", "month")
    if reference is not None and (rel != "ago" or same_period):
        # "profit fell from $3 a year ago" next to "third-quarter": the same quarter a year before;
        # "three weeks later" after "on March 10": counted from that day.
        shifted = _shift_value(reference[0], reference[1], unit, amount)
        if shifted is None:
            return _unresolved("DATE", unit, f"relative to another event ({reference[0]}), too coarse to count from",
                               direction)  # fmt: skip
        return _Norm("DATE", shifted[0], shifted[1], direction, reason=f"counted from {reference[0]}")
    if ctx.anchor is None:
        return _Norm("DATE", None, unit, direction, False, _NO_ANCHOR, needs_anchor=True)
    if rel in ("earlier", "later") and not (unit == "year" and amount == -1):
        # "three days later" with no date before it counts from an event of the story, not from the
        # publication date: TimeML values the stretch of time. ("A year earlier" in a report is last year.)
        return _Norm("DURATION", _duration_value(count, unit), "duration", direction,
                     reason=f"{_format_count(count)} {unit}(s) {side} another event")  # fmt: skip
    if _UNIT_CODES[unit][2]:
        return _Norm("DATE", ctx.anchor.isoformat(), "day", direction)
    value, granularity = _point_value(_shift(ctx.anchor, unit, amount), unit)
    return _Norm("DATE", value, granularity, direction)


@_rule(
    "duration",
    rf"(?:(?P<mod>{_DURATION_MODIFIER})\s+)?(?:(?P<the>the\s+)?(?P<which>past|last|next|coming|first|final|previous"
    rf"|following|ensuing|full|entire|whole)\s+|the\s+(?={_NUMBER}\s+{_PLURAL_UNIT}))?{_NUMBER_UNIT}(?P<half>\s+and\s+a\s+half)?(?P<adj>-(?:long|old))?(?![\w-])",
)
def _duration(match: re.Match[str], ctx: _Context) -> _Norm | None:
    if _is_some_day(match, ctx):
        return _Norm("DATE", "FUTURE_REF", "vague", "future", reason="some time after the time of writing")
    if match["adj"] and match["adj"].lower() == "-old":
        return None  # an age
    unit = _unit_of(match["unit"])
    count = _number(match["number"])
    following = ctx.text[match.end() : match.end() + 12]
    if unit == "quarter" and (re.match(r"\s+of\b", following) or "-" in match.group(0)):
        return None  # "three-quarters of the vote"
    if unit in ("second", "minute") and match["number"].lower() in ("a", "an") and re.match(r"\s+[a-z]", following):
        return None  # "a second term"
    if count is not None and count >= 1000 and not match["unit"].lower().endswith("s"):
        return None  # "the 1988 second quarter": a year before a singular unit
    if count is not None and match["half"]:
        count += 0.5
    which = (match["which"] or "").lower()
    direction = "past" if which in ("past", "last", "previous") else "future" if which in ("next", "coming") else "none"
    if count is None and not match["number"].lower().startswith(("sev", "a", "f", "m", "s", "d", "h", "c")):
        return None
    return _Norm("DURATION", _duration_value(count, unit), "duration", direction)


def _is_some_day(match: re.Match[str], ctx: _Context) -> bool:
    """ "Islam will one day be ...", "hopes to one day lead": not a day long but some day ahead."""
    if match.group(0).lower().replace(" ", "") != "oneday":
        return False
    return bool(_MODAL_BEFORE.search(ctx.text, max(0, match.start() - 12), match.start()))


_MODAL_BEFORE = re.compile(r"\b(?:will|would|could|might|may|can|shall|to)\s+$|['’]ll\s+$", re.IGNORECASE)
_DURATION_CUE_BEFORE = re.compile(r"\b(?:for|in|over|within|after|took|takes|lasted)\s+$", re.IGNORECASE)


@_rule(
    "vague-duration",
    r"(?P<unit>years|months|weeks|decades|days|hours|centuries)(?![\w-])",
)
def _vague_duration(match: re.Match[str], ctx: _Context) -> _Norm | None:
    if not _DURATION_CUE_BEFORE.search(ctx.text, max(0, match.start() - 8), match.start()):
        return None
    if re.match(r"\s+(?:of|to\s+come|ago|earlier|later)\b", ctx.text[match.end() : match.end() + 12]):
        return None
    return _Norm("DURATION", _duration_value(None, _unit_of(match["unit"])), "duration")


@_rule(
    "set",
    rf"(?:every|each)\s+(?:other\s+)?(?:(?P<number>{_NUMBER})\s+)?(?P<unit>{_UNIT})(?![\w-])"
    rf"|(?:every|each)\s+(?P<weekday>{_WEEKDAY})|(?:every|each)\s+(?P<month>{_MONTH_BARE})"
    r"|(?:every|each)\s+(?P<daypart>morning|afternoon|evening|night)"
    r"|(?P<adverb>daily|weekly|monthly|yearly|annually|quarterly|hourly|nightly|biweekly|fortnightly|biannually)(?![\w-])"
    r"|(?P<freq>once|twice|(?:one|two|three|four|five|six|\d+)\s+times)\s+(?:a|an|per|each|every)\s+(?P<per>day|week"
    r"|month|year|quarter|hour)(?![\w-])",
)
def _set(match: re.Match[str], ctx: _Context) -> _Norm | None:
    if match["weekday"]:
        return _Norm("SET", f"XXXX-WXX-{_WEEKDAYS.index(match['weekday'].lower()) + 1}", "set")
    if match["month"]:
        return _Norm("SET", f"XXXX-{_month_number(match['month']):02d}", "set")
    if match["daypart"]:
        return _Norm("SET", f"XXXX-XX-XXT{_DAY_PARTS[match['daypart'].lower()]}", "set")
    if match["adverb"]:
        if _DETERMINER_BEFORE.search(ctx.text, max(0, match.start() - 8), match.start()):
            return None  # "a daily newspaper", "its quarterly dividend": a kind of thing, not a recurrence
        adverb = match["adverb"].lower()
        value = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
                 "quarterly": "P3M", "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W", "fortnightly": "P2W",
                 "biannually": "P6M"}[adverb]  # fmt: skip
        return _Norm("SET", value, "set")
    if match["per"]:
        return _Norm("SET", _duration_value(1, match["per"].lower()), "set", reason=f"{match['freq'].lower()}")
    count = _number(match["number"]) if match["number"] else 1
    count = 2 if match.group(0).lower().split()[1] == "other" else count
    return _Norm("SET", _duration_value(count, _unit_of(match["unit"])), "set")


_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|its|their|his|her|our|your|this|that)\s+$", re.IGNORECASE)


@_rule(
    "clock",
    r"(?:(?<![\d:.$])(?P<hour>[012]?\d)(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.?\s?m\b\.?)"
    r"|(?<![\d:.$])(?P<hour24>[01]?\d|2[0-3])[:.](?P<minute24>[0-5]\d)\s*(?P<zone>GMT|UTC|BST|CET|EST|EDT|PST|PDT|h|hrs)\b"
    r"|(?<=\bat\s)(?P<hour_at>[01]?\d|2[0-3]):(?P<minute_at>[0-5]\d)(?![\d:])"
    r"|(?P<word>noon|midday|midnight)(?![\w-])"
    r"|(?P<oclock>[01]?\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+o['’]clock)"
    # "9 a.m. EDT Tuesday", "noon Thursday", "5 p.m. Nov. 9": the day that follows is part of the expression
    rf"(?:(?:\s*(?-i:[A-Z]{{2,4}}T))?,?\s+(?P<dayafter>{_WEEKDAY}(?![\w'’-])"
    rf"|{_MONTH_BY_DAY}\s+[0-3]?\d(?:st|nd|rd|th)?(?!\d)(?:,?\s*(?:1\d|20)\d\d(?!\d))?))?",
)
def _clock(match: re.Match[str], ctx: _Context) -> _Norm | None:
    hour, minute = _clock_time(match)
    if hour is None or not (0 <= hour < 24):
        return None
    # "10:35 a.m. (0735 GMT) Friday": the day after the same time in another zone is the time's day, though
    # TimeML marks the two apart
    aside = None if match["dayafter"] else _DAY_AFTER_ASIDE.match(ctx.text, match.end())
    if match["dayafter"]:
        day = _day_after(ctx, match, match.start("dayafter"))
    elif aside is not None:
        day = _day_after(ctx, match, aside.start("day"))
    else:
        day = _day_before(ctx, match.start())
    if day is None:
        return _Norm("TIME", None, "time", "none", False, "time of day on a day that is not known", needs_anchor=True)
    return _Norm("TIME", f"{day}T{hour:02d}:{minute:02d}", "time")


def _clock_time(match: re.Match[str]) -> tuple[int | None, int]:
    if match["ampm"]:
        hour = int(match["hour"])
        if not 1 <= hour <= 12:
            return None, 0
        pm = match["ampm"].lower().startswith("p")
        return hour % 12 + (12 if pm else 0), int(match["minute"] or 0)
    if match["hour24"]:
        return int(match["hour24"]), int(match["minute24"])
    if match["hour_at"]:
        return int(match["hour_at"]), int(match["minute_at"])
    if match["word"]:
        return (0 if match["word"].lower() == "midnight" else 12), 0
    word = match["oclock"].lower()
    return (int(word) if word.isdigit() else _SMALL_NUMBERS.index(word)), 0


_DAY_AFTER_ASIDE = re.compile(rf"\s*\([^()\n]{{1,24}}\)\s*,?\s*(?P<day>{_WEEKDAY})(?![\w'’-])")


def _day_after(ctx: _Context, match: re.Match[str], position: int) -> str | None:
    """The day named at `position`, right after a time of day, as the weekday and date rules read it."""
    for name, pattern, handler in _RULES:
        if name in ("weekday", "month-day"):
            day_match = pattern.match(ctx.text, position)
            ctx.expression_start = match.start()
            try:
                norm = handler(day_match, ctx) if day_match else None
            finally:
                ctx.expression_start = None
            if norm is not None and norm.value:
                return norm.value[:10]
    return _day_before(ctx, match.start())


def _day_before(ctx: _Context, start: int) -> str | None:
    """The day a time of day belongs to: the last day named in its sentence, else the anchor."""
    sentence_start, _ = ctx.sentence_of(start)
    for s, _, norm in reversed(ctx.found):
        if s < sentence_start:
            break
        if norm.value and re.fullmatch(r"\d{4}-\d\d-\d\d(?:T[A-Z]{2})?", norm.value):
            return norm.value[:10]
    return ctx.anchor.isoformat() if ctx.anchor else None


_VAGUE_WORDS = {
    "now": ("PRESENT_REF", "present", "the time of writing"),
    "right now": ("PRESENT_REF", "present", "the time of writing"),
    "currently": ("PRESENT_REF", "present", "the time of writing"),
    "at present": ("PRESENT_REF", "present", "the time of writing"),
    "nowadays": ("PRESENT_REF", "present", "the time of writing"),
    "these days": ("PRESENT_REF", "present", "the time of writing"),
    "at the moment": ("PRESENT_REF", "present", "the time of writing"),
    "recently": ("PAST_REF", "past", "shortly before the time of writing"),
    "lately": ("PAST_REF", "past", "shortly before the time of writing"),
    "former": ("PAST_REF", "past", "a role held before the time of writing"),
    "formerly": ("PAST_REF", "past", "before the time of writing"),
    "the past": ("PAST_REF", "past", "some time before the time of writing"),
    "the future": ("FUTURE_REF", "future", "some time after the time of writing"),
    "the near future": ("FUTURE_REF", "future", "shortly after the time of writing"),
}


@_rule(
    "vague",
    r"(?<![\w-])(?:right\s+now|now|currently|at\s+present|nowadays|these\s+days|at\s+the\s+moment|recently|lately"
    r"|former|formerly|the\s+past|the\s+(?:near\s+)?future"
    r"|(?:the\s+)?(?P<recent>recent|coming|past|next|last)\s+(?P<unit>days|weeks|months|years|decades))(?![\w-])",
)
def _vague(match: re.Match[str], ctx: _Context) -> _Norm | None:
    if match["recent"]:
        word = match["recent"].lower()
        if word in ("next", "last", "past") and not match.group(0).lower().startswith("the"):
            return None
        past = word in ("recent", "past", "last")
        value, direction = ("PAST_REF", "past") if past else ("FUTURE_REF", "future")
        reason = f"the {match['unit'].lower()} {'before' if past else 'after'} the time of writing"
        return _Norm("DATE", value, "vague", direction, reason=reason)
    phrase = re.sub(r"\s+", " ", match.group(0).lower())
    if phrase == "now" and re.match(r"\s*(?:that|on|is\s+the\s+time)\b", ctx.text[match.end() : match.end() + 20]):
        return None  # "now that ...", "from now on" are conjunctions, not references
    value, direction, reason = _VAGUE_WORDS[phrase]
    return _Norm("DATE", value, "vague", direction, reason=reason)


_HOLIDAYS = {
    "christmas day": (12, 25), "christmas eve": (12, 24), "christmas": (12, 25), "new year's day": (1, 1),
    "new year's eve": (12, 31), "halloween": (10, 31), "valentine's day": (2, 14), "boxing day": (12, 26),
}  # fmt: skip


@_rule(
    "holiday",
    r"(?-i:(?P<name>Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s\s+(?:Day|Eve)|Halloween|Valentine['’]s\s+Day"
    r"|Boxing\s+Day|Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday)?)(?P<week>\s+week)?)"
    rf"(?:\s*,?\s*{_YEAR})?(?![\w-])",
)
def _holiday(match: re.Match[str], ctx: _Context) -> _Norm | None:
    name = re.sub(r"\s+", " ", match["name"]).replace("’", "'").lower()
    year = int(match["year"]) if match["year"] else None
    if year is None and ctx.anchor is None:
        return _Norm("DATE", None, "day", "none", False, _NO_ANCHOR, needs_anchor=True)
    direction = "none" if year else ctx.tense(match.start(), match.end())
    if year is None and ctx.anchor is not None:
        year = ctx.anchor.year
        # "as Easter week began": a week is placed by its first day, which may be gone while the holiday is not
        first = _holiday_date(name, year)
        if match["week"]:
            first -= timedelta(days=first.weekday())
        if direction == "past" and first > ctx.anchor:
            year -= 1
        elif direction == "future" and first < ctx.anchor:
            year += 1
    assert year is not None
    day = _holiday_date(name, year)
    if match["week"]:  # "Easter week", "Christmas week": the (ISO) week of the holiday
        return _Norm("DATE", _week_value(day), "week", direction)
    return _Norm("DATE", day.isoformat(), "day", direction)


def _holiday_date(name: str, year: int) -> date:
    if name.startswith("thanksgiving"):
        first = date(year, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    if name.startswith("easter"):
        return _easter(year)
    month, day = _HOLIDAYS[name]
    return date(year, month, day)


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return date(year, month, day + 1)


# --- the pass over the text ------------------------------------------------------------------------------------


def _candidates(text: str) -> list[tuple[int, int, int, re.Match[str]]]:
    """Every rule's matches: (start, end, rule index, match)."""
    found = []
    for index, (_, pattern, _) in enumerate(_RULES):
        for match in pattern.finditer(text):
            if match.end() > match.start() and _word_edge(text, match.start(), match.end()):
                found.append((match.start(), match.end(), index, match))
    return found


def _word_edge(text: str, start: int, end: int) -> bool:
    """A match must start and end at word boundaries (not inside "Monday2" or "s2013")."""
    before_ok = start == 0 or not (text[start - 1].isalnum() and text[start].isalnum())
    after_ok = end == len(text) or not (text[end - 1].isalnum() and text[end].isalnum())
    return before_ok and after_ok


def find_time_expressions(
    text: str,
    *,
    anchor: date | None,
    anchor_is_estimate: bool = False,
    sentences: Sequence[tuple[int, int]] | None = None,
    former_is_time: bool = True,
) -> list[TimeExpression]:
    """Every time expression in `text`, normalised against `anchor` (the publication date), in text order.

    `sentences` are (start, end) character spans (from spaCy); without them a simple splitter is used.
    `former_is_time=False` leaves "former" out, as TimeML annotations do.
    """
    ctx = _Context(text, anchor, sentences)
    # Longest match first; among equally long ones the earlier rule wins. Rules that reject their match
    # (return None) leave room for shorter ones.
    candidates = sorted(_candidates(text), key=lambda c: (c[0], -(c[1] - c[0]), c[2]))
    taken: list[tuple[int, int]] = []
    expressions: list[TimeExpression] = []
    covered_until = 0
    for start, end, index, match in candidates:
        if start < covered_until:
            continue
        name, _, handler = _RULES[index]
        if name == "vague" and not former_is_time and match.group(0).lower() == "former":
            continue
        norm = handler(match, ctx)
        if norm is None:
            continue
        covered_until = end
        taken.append((start, end))
        ctx.found.append((start, end, norm))
        expressions.append(_expression(text, start, end, name, norm, anchor, anchor_is_estimate))
    return expressions


def _expression(
    text: str, start: int, end: int, rule: str, norm: _Norm, anchor: date | None, anchor_is_estimate: bool
) -> TimeExpression:
    uses_anchor = norm.needs_anchor or norm.direction != "none" or norm.granularity == "vague"
    return TimeExpression(
        start=start,
        end=end,
        text=text[start:end],
        type=norm.type,
        value=norm.value,
        granularity=norm.granularity,
        direction=norm.direction,
        resolved=norm.resolved and norm.value is not None,
        reason=norm.reason,
        anchor=anchor.isoformat() if anchor and uses_anchor else None,
        anchor_is_estimate=anchor_is_estimate and uses_anchor,
        rule=rule,
    )
