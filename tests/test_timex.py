"""Time expressions found in text and normalised against the publication date, and their evaluation."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.errors import EVAL_DATA_MISSING, StorylineError
from storyline.evaluation.tempeval import (
    evaluate_heideltime_agreement,
    evaluate_tempeval,
    format_tempeval_report,
    main,
)
from storyline.nlp.timex import find_time_expressions
from storyline.nlp.types import TimeExpression

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
TBAQ = SHARED_DATA / "temporal" / "tempeval3" / "TBAQ-cleaned"
HEIDELTIME = SHARED_DATA / "temporal" / "timeline17" / "SyrianCrisis_bbc" / "time_annotated"
SATURDAY = date(2019, 6, 15)  # the anchor of most examples: Saturday 15 June 2019


def find(text: str, anchor: date | None = SATURDAY) -> list[TimeExpression]:
    return find_time_expressions(text, anchor=anchor)


def only(text: str, phrase: str, anchor: date | None = SATURDAY) -> TimeExpression:
    """The expression found for `phrase` in `text`."""
    found = [e for e in find(text, anchor) if e.text == phrase]
    assert len(found) == 1, f"{phrase!r} not found alone in {[e.text for e in find(text, anchor)]}"
    return found[0]


def value(text: str, phrase: str, anchor: date | None = SATURDAY) -> str | None:
    return only(text, phrase, anchor).value


# --- explicit dates -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("The ceasefire took hold on 3 February 2016.", "3 February 2016", "2016-02-03"),
        ("Signed on February 3rd, 2016 in Munich.", "February 3rd, 2016", "2016-02-03"),
        ("The deadline, Feb. 3, 2016, passed quietly.", "Feb. 3, 2016", "2016-02-03"),
        ("Filed 2016-02-03 by the clerk.", "2016-02-03", "2016-02-03"),
        ("The memo dated 03/02/2016 was leaked.", "03/02/2016", "2016-03-02"),
        ("The memo dated 23.02.2016 was leaked.", "23.02.2016", "2016-02-23"),
        ("Talks resumed on Wednesday, 3 February 2016.", "Wednesday, 3 February 2016", "2016-02-03"),
        ("At 09:15 14th Apr 2012 a reader wrote.", "14th Apr 2012", "2012-04-14"),
        ("The talks stalled in October 2015.", "October 2015", "2015-10"),
        ("The treaty of 1648 still matters.", "1648", "1648"),
        ("Growth slowed in 2015, the ministry said.", "2015", "2015"),
        ("Unrest grew through the 1990s.", "the 1990s", "199"),
        ("Aid should arrive by mid-2014.", "mid-2014", "2014"),
        ("Prices peaked in the summer of 2012.", "the summer of 2012", "2012-SU"),
        ("Exports fell in the third quarter of 2015.", "the third quarter of 2015", "2015-Q3"),
        ("Results for Q4 2015 were weak.", "Q4 2015", "2015-Q4"),
        ("Profits rose in the first half of 2015.", "the first half of 2015", "2015-H1"),
        ("Borders were redrawn in the 20th century.", "the 20th century", "19"),
        ("It was written in nineteen ninety-six.", "nineteen ninety-six", "1996"),
        ("Shops close on Christmas Day 2018.", "Christmas Day 2018", "2018-12-25"),
    ],
)
def test_explicit_dates_resolve_without_looking_at_the_anchor(text: str, phrase: str, expected: str) -> None:
    assert value(text, phrase) == expected
    assert value(text, phrase, anchor=None) == expected


def test_numbers_that_are_not_years_are_left_alone() -> None:
    assert [e.text for e in find("The army sent 2000 troops and 1500 tanks to the border.")] == []


# --- relative to the anchor -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("The minister spoke today.", "today", "2019-06-15"),
        ("Shelling resumed yesterday.", "yesterday", "2019-06-14"),
        ("The vote is tomorrow.", "tomorrow", "2019-06-16"),
        ("Troops withdrew two days ago.", "two days ago", "2019-06-13"),
        ("The envoy resigned three years ago.", "three years ago", "2016"),
        ("Talks broke down last week.", "last week", "2019-W23"),
        ("Talks continue this week.", "this week", "2019-W24"),
        ("The plan was drafted last month.", "last month", "2019-05"),
        ("Elections are due next year.", "next year", "2020"),
        ("Inflation slowed earlier this month.", "earlier this month", "2019-06"),
        ("The mission ended late last year.", "late last year", "2018"),
        ("Fighting resumed last spring.", "last spring", "2019-SP"),
        ("Exports fell in the third quarter.", "the third quarter", "2019-Q3"),
        ("Trade fell last quarter.", "last quarter", "2019-Q1"),
        ("The fighting ended at the end of March.", "the end of March", "2019-03"),
        ("The embassy reopened last March.", "last March", "2019-03"),
        ("The embassy reopened last June.", "last June", "2018-06"),
        ("Observers arrived this morning.", "this morning", "2019-06-15TMO"),
        ("Protests erupted last night.", "last night", "2019-06-14TNI"),
    ],
)
def test_relative_expressions_count_from_the_anchor(text: str, phrase: str, expected: str) -> None:
    found = only(text, phrase)
    assert found.value == expected
    assert found.resolved and found.anchor == "2019-06-15"


def test_without_an_anchor_relative_expressions_stay_unresolved_with_a_reason() -> None:
    found = only("Shelling resumed yesterday near the airport.", "yesterday", anchor=None)
    assert (found.value, found.resolved) == (None, False)
    assert found.reason and "anchor" in found.reason


def test_an_estimated_anchor_is_marked_on_what_it_resolved() -> None:
    found = find_time_expressions("Talks broke down last week.", anchor=SATURDAY, anchor_is_estimate=True)
    assert found[0].anchor_is_estimate


# --- direction ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase", "expected", "direction"),
    [
        ("The ministers will meet on Thursday in Vienna.", "Thursday", "2019-06-20", "future"),
        ("The ministers met on Thursday in Vienna.", "Thursday", "2019-06-13", "past"),
        ("On Thursday, the ministers agreed a plan.", "Thursday", "2019-06-13", "past"),
        ("Rebels shelled the town last Saturday.", "last Saturday", "2019-06-08", "past"),
        ("Rebels shelled the town on Saturday.", "Saturday", "2019-06-15", "present"),
        ("The summit is scheduled for next Monday.", "next Monday", "2019-06-17", "future"),
    ],
)
def test_weekdays_follow_the_tense_of_their_sentence(text: str, phrase: str, expected: str, direction: str) -> None:
    found = only(text, phrase)
    assert (found.value, found.direction) == (expected, direction)


def test_a_yearless_date_takes_the_year_its_tense_implies() -> None:
    autumn = date(2019, 10, 20)
    assert value("The vote was scheduled for March 10.", "March 10", autumn) == "2020-03-10"
    assert value("The vote will be held on March 10.", "March 10", autumn) == "2020-03-10"
    assert value("The vote took place on March 10.", "March 10", autumn) == "2019-03-10"
    assert value("In December the army withdrew.", "December", date(2019, 2, 1)) == "2018-12"
    assert value("A report is expected in December.", "December", date(2019, 2, 1)) == "2019-12"


def test_counting_from_another_event_uses_its_date_or_says_why_not() -> None:
    counted = only("The siege began on March 10, 2013. Three weeks later the town fell.", "Three weeks later")
    assert counted.value == "2013-03-31"
    unanchored = only("Three weeks later the town fell.", "Three weeks later", anchor=None)
    assert not unanchored.resolved and unanchored.reason
    too_coarse = only("The siege began in 2013 and three weeks later the town fell.", "three weeks later")
    assert not too_coarse.resolved and "another event" in (too_coarse.reason or "")


def test_a_year_ago_beside_a_quarter_is_that_quarter_a_year_before() -> None:
    assert value("Third-quarter profit fell to $3 million from $5 million a year ago.", "a year ago") == "2018-Q3"


def test_the_past_year_is_the_year_before_and_a_count_makes_it_a_duration() -> None:
    assert value("Violence rose over the past year.", "the past year") == "2018"
    assert value("Exports fell in the last decade.", "the last decade") == "200"
    assert value("Exports fell over the past three years.", "the past three years") == "P3Y"


def test_a_time_of_day_takes_the_day_named_after_it() -> None:
    found = only("Polls close at 9 a.m. EDT Thursday in the capital.", "9 a.m. EDT Thursday")
    assert (found.value, found.type) == ("2019-06-13T09:00", "TIME")
    assert value("Bids are due by 5 p.m., Nov. 9, 2019.", "5 p.m., Nov. 9, 2019") == "2019-11-09T17:00"


def test_a_possessive_weekday_leaves_the_s_out_and_names_a_day_gone_by() -> None:
    assert value("The council will appeal Wednesday's ruling.", "Wednesday") == "2019-06-12"
    assert value("Markets steadied ahead of Tuesday's vote.", "Tuesday") == "2019-06-18"


def test_a_yearless_date_without_tense_is_the_nearer_one_and_since_looks_back() -> None:
    november = date(2019, 11, 2)
    assert value("The dividend is payable Jan. 2 to holders.", "Jan. 2", november) == "2020-01-02"
    assert value("The ship has been at sea since March and is scheduled home soon.", "March") == "2019-03"


def test_year_ago_periods_of_an_earnings_report_are_the_same_quarter_a_year_before() -> None:
    text = "Third-quarter profit rose 5%. Year-earlier results included a gain. Sales fell from a year earlier."
    assert [e.value for e in find(text, date(2019, 10, 25))] == ["2019-Q3", "2018-Q3", "2018-Q3"]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Profit in the nine months rose.", "the nine months"),
        ("The talks lasted about five hours.", "five hours"),
        ("Losses grew due to the third-quarter charge.", "third-quarter"),
        ("Profit in the 2018 second quarter fell.", "the 2018 second quarter"),
    ],
)
def test_extents_include_and_leave_out_words_as_timeml_does(text: str, phrase: str) -> None:
    assert only(text, phrase).value


# --- vague, durations, sets, times -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Violence has grown in recent years.", "recent years", "PAST_REF"),
        ("More aid is expected in the coming days.", "the coming days", "FUTURE_REF"),
        ("Such talks failed in the past.", "the past", "PAST_REF"),
        ("The talks were recently moved.", "recently", "PAST_REF"),
        ("Talks are currently stalled.", "currently", "PRESENT_REF"),
        ("The town is now quiet.", "now", "PRESENT_REF"),
        ("The former minister spoke.", "former", "PAST_REF"),
    ],
)
def test_vague_expressions_get_vague_values_never_a_day(text: str, phrase: str, expected: str) -> None:
    found = only(text, phrase)
    assert (found.value, found.granularity) == (expected, "vague")


@pytest.mark.parametrize(
    ("text", "phrase", "expected", "type_"),
    [
        ("The siege lasted for three years.", "three years", "P3Y", "DURATION"),
        ("The truce held six months.", "six months", "P6M", "DURATION"),
        ("The flight took 5 1/2 hours.", "5 1/2 hours", "PT5H30M", "DURATION"),
        ("Refugees arrived over the past two weeks.", "the past two weeks", "P2W", "DURATION"),
        ("He signed a two-year contract.", "two-year", "P2Y", "DURATION"),
        ("The council meets every Monday.", "every Monday", "XXXX-WXX-1", "SET"),
        ("The report is published annually.", "annually", "P1Y", "SET"),
        ("Inspectors visit twice a year.", "twice a year", "P1Y", "SET"),
        ("The market opens at 3 p.m. today.", "3 p.m.", "2019-06-15T15:00", "TIME"),
    ],
)
def test_durations_sets_and_times(text: str, phrase: str, expected: str, type_: str) -> None:
    found = only(text, phrase)
    assert (found.value, found.type) == (expected, type_)


def test_a_time_of_day_belongs_to_the_day_named_before_it() -> None:
    assert value("On 3 May 2018 the convoy left at 6:30 a.m. under fire.", "6:30 a.m.") == "2018-05-03T06:30"


def test_adjectives_that_are_kinds_not_recurrences_are_skipped() -> None:
    assert [e.text for e in find("She writes for a daily newspaper and its quarterly review.")] == []


# --- direction cues, counting from events, reports on quarters -------------------------------------------------

OCTOBER = date(2019, 10, 25)  # a Friday late in October, when third-quarter results come out


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("The paper said in an editorial on Monday, June 17: talks must go on.", "Monday, June 17", "2019-06-17"),
        ("He was shot last Oct. 23 at his home.", "Oct. 23", "2018-10-23"),
        ("Two bombs exploded next to the embassy on Friday.", "Friday", "2019-06-14"),
        ("Officials extended the deadline until 9 a.m. Tuesday.", "9 a.m. Tuesday", "2019-06-18T09:00"),
        ("Until Thursday, police had not named a suspect.", "Thursday", "2019-06-13"),
        ("The envoy may arrive as soon as Tuesday, according to unconfirmed reports.", "Tuesday", "2019-06-18"),
        ("The company completed the sale by Friday.", "Friday", "2019-06-14"),
        ("Analysts said the deal must close by Friday.", "Friday", "2019-06-21"),
        ("Police arrested him on Thursday morning as he was about to board a plane.", "Thursday morning",
         "2019-06-13TMO"),
        ("Protesters planned a march on Saturday and a vigil on Monday.", "Monday", "2019-06-17"),
        ("Farmers met on Friday and were planning to block roads on Tuesday.", "Tuesday", "2019-06-18"),
    ],
)  # fmt: skip
def test_the_words_around_a_day_tell_which_way_it_lies(text: str, phrase: str, expected: str) -> None:
    assert value(text, phrase) == expected


def test_payable_and_effective_dates_lie_ahead() -> None:
    assert value("The board declared a dividend, payable Jan. 2 to holders.", "Jan. 2", OCTOBER) == "2020-01-02"
    assert value("The board named a new chairman, effective Feb. 1.", "Feb. 1", OCTOBER) == "2020-02-01"


def test_a_period_counted_from_an_event_has_the_units_grain() -> None:
    text = "On May 22, 2015, she was promoted, and the following year she moved to Paris."
    assert value(text, "the following year") == "2016"
    paragraph = (
        "In March the firm received an offer. It weighed a restructuring. Investors urged action. "
        "The following month, it put itself up for sale."
    )
    assert value(paragraph, "The following month", OCTOBER) == "2019-04"
    assert value("Shares closed at $5 on Friday, June 14, up from $4 the previous Friday.", "the previous Friday") == (
        "2019-06-07"
    )
    assert value("The court will sit the week of March 6.", "the week of March 6", date(2020, 2, 24)) == "2020-W10"


def test_later_and_earlier_without_a_date_before_are_stretches_of_time() -> None:
    text = "Three days later, the town fell. A few days later, it was retaken. A minute and a half later, calm."
    found = {e.text: (e.value, e.type) for e in find(text)}
    assert found["Three days later"] == ("P3D", "DURATION")
    assert found["A few days later"] == ("PXD", "DURATION")
    assert found["A minute and a half later"] == ("PT1M30S", "DURATION")
    # "N years ago" counts from the publication date even after a month is named
    assert value("Rallies in early December marked the revolution that won power 41 years ago.", "41 years ago") == (
        "1978"
    )


def test_a_year_earlier_keeps_the_day_it_counts_from() -> None:
    text = "For the quarter ended Sept. 30, profit rose to $3 million from $2 million a year earlier."
    assert value(text, "a year earlier", OCTOBER) == "2018-09-30"


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Third-quarter profit rose 8%. In the 2018 quarter, the firm lost money.", "the 2018 quarter", "2018-Q3"),
        ("Third-quarter profit rose 8%. After a weak second quarter, sales recovered. Costs were lower than a "
         "year ago.", "a year ago", "2018-Q3"),
        ("Third-quarter profit rose 8%. For the nine months, profit rose to $5 million from $4 million a year "
         "earlier.", "a year earlier", "2018"),
        ("Third-quarter profit rose 8%, compared with the same period last year.", "the same period last year",
         "2018-Q3"),
        ("Third-quarter sales rose. Sales for last year's quarter were flat.", "last year's quarter", "2018-Q3"),
        ("Earnings will fall in the last half of 2019.", "the last half of 2019", "2019-H2"),
        ("Weakness may last through the first two quarters of 2020.", "the first two quarters of 2020", "2020-H1"),
    ],
)  # fmt: skip
def test_an_earnings_report_compares_with_the_quarter_it_is_about(text: str, phrase: str, expected: str) -> None:
    assert value(text, phrase, OCTOBER) == expected


def test_years_said_in_words_date_a_month_or_a_season() -> None:
    text = "Oil fell to the level of the winter of nineteen ninety-four. January nineteen ninety-seven was worse."
    assert value(text, "the winter of nineteen ninety-four") == "1994-WI"
    assert value(text, "January nineteen ninety-seven") == "1997-01"


# --- tense beyond the clause, plans, sets of days, report periods --------------------------------------------------

AUTUMN_SATURDAY = date(2019, 10, 26)


@pytest.mark.parametrize(
    ("text", "phrase", "anchor", "expected"),
    [
        # no verb in the clause: the sentence's verb tells the tense
        ("In January, a week after the anniversary of the ruling, a bomb at a clinic killed a guard.", "January",
         AUTUMN_SATURDAY, "2019-01"),
        # the date belongs to an event agreed on, not yet done
        ("The firm agreed to buy the rival's paint unit for $40 million in February.", "February", AUTUMN_SATURDAY,
         "2020-02"),
        ("The sale, which had been expected, is part of a plan to pay down the bridge loan by February.", "February",
         AUTUMN_SATURDAY, "2020-02"),
        # a deed done in December is not told in October of the same year
        ("The carmaker changed its accounting year in December.", "December", AUTUMN_SATURDAY, "2018-12"),
        # a plan of the past, for a time now gone
        ("The offer had been due to expire Friday evening.", "Friday evening", date(2019, 10, 28), "2019-10-25TEV"),
        # a scheduled event told in the present tense lies ahead
        ("The two leaders meet separately Monday with the envoy.", "Monday", SATURDAY, "2019-06-17"),
        ("The final vote is Thursday.", "Thursday", SATURDAY, "2019-06-20"),
        # a deadline met, told with a verb far before it
        ("The bank completed its offer for the insurer, with holders tendering nearly all of the common shares "
         "outstanding by the Tuesday deadline.", "Tuesday", date(2019, 6, 13), "2019-06-11"),
        # "Oct. 23" does not end a sentence, so "that day" finds it
        ("The judge was shot on Oct. 23, 2018 by a sniper. Earlier that day, his family had called the police.",
         "Earlier that day", SATURDAY, "2018-10-23"),
    ],
)  # fmt: skip
def test_the_tense_is_sought_in_the_sentence_and_plans_are_told_apart(
    text: str, phrase: str, anchor: date, expected: str
) -> None:
    assert value(text, phrase, anchor) == expected


@pytest.mark.parametrize(
    ("text", "phrase", "anchor", "expected", "type_"),
    [
        ("New flights will leave on Monday and Tuesday nights from March 30.", "Monday", SATURDAY, "XXXX-WXX-1TNI",
         "SET"),
        ("New flights will leave on Monday and Tuesday nights from March 30.", "Tuesday nights", SATURDAY,
         "XXXX-WXX-2TNI", "SET"),
        ("Net income rose in the third quarter. For the quarter a year ago, the bank earned $5 million.",
         "the quarter a year ago", date(2019, 10, 24), "2018-Q3", "DATE"),
        ("Net for the year-earlier nine months included a gain.", "the year-earlier nine months", SATURDAY, "P9M",
         "DURATION"),
        ("Threats had become routine over the past decade.", "the past decade", SATURDAY, "P10Y", "DURATION"),
        ("The party will one day govern alone.", "one day", SATURDAY, "FUTURE_REF", "DATE"),
        ("The strike lasted one day.", "one day", SATURDAY, "P1D", "DURATION"),
        ("Crowds gathered in the square as Easter week began.", "Easter week", date(2019, 4, 15), "2019-W16", "DATE"),
        ("Shares were up at mid-afternoon yesterday.", "mid-afternoon yesterday", SATURDAY, "2019-06-14TAF", "TIME"),
        # the time in another zone between a time of day and its day
        ("The blast struck at 10:35 a.m. (0735 GMT) Friday.", "10:35 a.m.", SATURDAY, "2019-06-14T10:35", "TIME"),
    ],
)  # fmt: skip
def test_sets_of_days_report_periods_and_some_day(
    text: str, phrase: str, anchor: date, expected: str, type_: str
) -> None:
    found = only(text, phrase, anchor)
    assert (found.value, found.type) == (expected, type_)


# --- bad input --------------------------------------------------------------------------------------------------


def test_absurd_years_are_kept_unresolved_with_a_reason() -> None:
    found = only("Nothing will change before the year 30000.", "the year 30000")
    assert not found.resolved and found.value is None and "30000" in (found.reason or "")


def test_impossible_days_are_not_invented() -> None:
    assert all(e.value != "2019-02-30" for e in find("It happened on February 30, 2019."))


def test_other_scripts_empty_and_huge_texts_do_not_break_it() -> None:
    assert find("") == []
    assert {e.text for e in find("В понедельник 5 марта 2018 года. 二〇一八年三月五日。 Ψ" * 3)} == {"2018"}
    big = "The ministers met on Thursday and will meet again next week. " * 5000
    started = time.perf_counter()
    found = find(big)
    assert len(found) == 10000
    assert time.perf_counter() - started < 2.5  # over 2,000 sentences per second


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [*"0123456789 ,.-/:'aAmpMTWFSQ\nЖ二", "May ", "last ", "week", "Monday", "ago ", "the ", "year", "s"]
        ),
        max_size=40,
    ).map("".join),
    st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))),
)
def test_any_text_gives_expressions_inside_it_and_never_raises(text: str, anchor: date | None) -> None:
    for expression in find_time_expressions(text, anchor=anchor):
        assert 0 <= expression.start < expression.end <= len(text)
        assert text[expression.start : expression.end] == expression.text
        assert expression.resolved == (expression.value is not None) or not expression.resolved


def test_given_sentences_are_used_for_the_tense() -> None:
    text = "The ministers met in Vienna. On Thursday they will sign"
    found = find_time_expressions(text, anchor=SATURDAY, sentences=[(0, 28), (29, len(text))])
    assert found[0].value == "2019-06-20"


# --- evaluation -------------------------------------------------------------------------------------------------


def test_missing_evaluation_data_is_reported_with_its_code(tmp_path: Path) -> None:
    with pytest.raises(StorylineError) as raised:
        evaluate_tempeval(tmp_path / "nowhere")
    assert raised.value.spec is EVAL_DATA_MISSING
    with pytest.raises(StorylineError):
        evaluate_heideltime_agreement(tmp_path)
    assert main(["--data", str(tmp_path)]) == 2


def test_a_small_timeml_folder_is_scored(tmp_path: Path) -> None:
    (tmp_path / "a.tml").write_text(
        '<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2019-06-15">2019-06-15</TIMEX3></DCT><TEXT>'
        'Talks failed <TIMEX3 tid="t1" type="DATE" value="2019-06-14">yesterday</TIMEX3> and resume '
        '<TIMEX3 tid="t2" type="DATE" value="2019-W25">next week</TIMEX3> &amp; later, after '
        '<TIMEX3 tid="t3" type="DURATION" value="P2DE">two decades</TIMEX3>.</TEXT></TimeML>',
        encoding="utf-8",
    )
    result = evaluate_tempeval(tmp_path)
    assert result["strict"]["f1"] == 1.0 and result["value_accuracy"] == 1.0
    assert "value accuracy 1.000" in format_tempeval_report(result)


@pytest.mark.slow
def test_tempeval3_tbaq_scores_stay_above_their_floors() -> None:
    if not TBAQ.is_dir():
        pytest.skip(f"../shared/data not found: {TBAQ}")
    result = evaluate_tempeval(TBAQ)
    assert result["relaxed"]["f1"] >= 0.92
    assert result["strict"]["f1"] >= 0.86
    assert result["value_accuracy"] >= 0.88
    assert result["type_accuracy"] >= 0.94


@pytest.mark.slow
def test_agreement_with_heideltime_stays_above_its_floor() -> None:
    if not HEIDELTIME.is_dir():
        pytest.skip(f"../shared/data not found: {HEIDELTIME}")
    result = evaluate_heideltime_agreement(HEIDELTIME)
    assert result["found_share"] >= 0.87
    assert result["same_value_share"] >= 0.945
