"""Publication dates estimated from an article's own text, and their evaluation on dated articles."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.clean.pubdate import estimate_published
from storyline.document import PublishedEstimate
from storyline.errors import EVAL_DATA_MISSING, StorylineError
from storyline.evaluation.pubdate import (
    evaluate_all,
    evaluate_demo,
    evaluate_pubdate,
    evaluate_tempeval3,
    format_pubdate_report,
    main,
)

TODAY = date(2026, 1, 15)
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
TIMELINE17_DOCS = SHARED_DATA / "temporal" / "timeline17" / "SyrianCrisis_bbc" / "InputDocs"
TEMPEVAL3_DOCS = SHARED_DATA / "temporal" / "tempeval3" / "TBAQ-cleaned"


def estimate(text: str, *, title: str | None = None, today: date = TODAY) -> PublishedEstimate:
    found = estimate_published(text, title=title, today=today)
    assert found is not None, f"no estimate for {text!r}"
    return found


def window(found: PublishedEstimate) -> tuple[date, date]:
    return date.fromisoformat(found.earliest), date.fromisoformat(found.latest)


def assert_consistent(found: PublishedEstimate, today: date) -> None:
    earliest, latest = window(found)
    assert earliest <= date.fromisoformat(found.date) <= latest <= today
    assert found.basis


# --- kinds of evidence --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The ministers signed the accord on March 10, 2025, after two days of talks in Oslo.",
        "The ministers signed the accord on 10 March 2025 after two days of talks in Oslo.",
        "The ministers signed the accord on 2025-03-10 after two days of talks in Oslo.",
        "The ministers signed the accord on Monday, March 10th, 2025, after two days of talks in Oslo.",
    ],
)
def test_a_full_date_reported_as_past_bounds_the_date_from_below(text: str) -> None:
    found = estimate(text)
    earliest, latest = window(found)
    assert earliest == date(2025, 3, 10)
    assert date(2025, 3, 10) <= date.fromisoformat(found.date) <= date(2025, 3, 17)
    assert latest >= date(2025, 4, 10)  # a reported event may be weeks old when the article is written
    assert "March 10" in found.basis or "10 March" in found.basis or "2025-03-10" in found.basis


def test_the_latest_of_several_references_wins() -> None:
    text = (
        "The port reopened in December 2024 after the flooding. Inspectors returned on 14 January 2025 "
        "and reported that the cranes were working again."
    )
    assert window(estimate(text))[0] == date(2025, 1, 14)


def test_a_month_and_year_gives_a_month_grained_lower_bound() -> None:
    found = estimate("The coalition collapsed in December 2024, and no new cabinet has been formed.")
    earliest, latest = window(found)
    assert earliest == date(2024, 12, 1)
    assert latest >= date(2025, 6, 1)
    assert "December 2024" in found.basis


def test_a_bare_year_is_weak_evidence_and_leaves_the_window_open() -> None:
    found = estimate("The dam was completed in 2013 and has supplied the valley ever since.")
    earliest, latest = window(found)
    assert earliest == date(2013, 1, 1)
    assert latest == TODAY  # nothing says how long after 2013 this was written
    assert "2013" in found.basis


def test_dates_without_a_year_are_placed_in_the_year_of_the_other_references() -> None:
    text = (
        "The government announced the reform in January 2025. On March 3, the first offices closed, "
        "and unions marched through the capital on 5 March."
    )
    found = estimate(text)
    earliest, latest = window(found)
    assert earliest == date(2025, 3, 5)
    assert latest <= date(2025, 7, 31)  # recent news: written within months
    assert "year not given" in found.basis


def test_a_month_name_after_in_is_a_date_but_a_month_name_alone_is_not() -> None:
    found = estimate("Prices rose sharply in January 2025. The central bank cut rates in March.")
    assert window(found)[0] == date(2025, 3, 1)
    assert "'in March'" in found.basis
    assert window(estimate("Prices rose sharply in January 2025. March was calmer."))[0] == date(2025, 1, 1)


def test_a_yearless_date_from_late_last_year_goes_to_the_previous_year() -> None:
    text = "The strike began on 20 December. By 3 February 2025 the mines were still closed."
    assert window(estimate(text))[0] == date(2025, 2, 3)


def test_the_start_of_something_still_going_on_is_mostly_written_about_the_year_after() -> None:
    found = estimate("Thousands have fled since the fighting began in March 2011.")
    earliest, latest = window(found)
    assert earliest == date(2011, 3, 1)
    assert latest == date(2012, 12, 31)
    assert date.fromisoformat(found.date).year == 2012
    assert "still going on" in found.basis


def test_a_long_running_start_given_as_a_bare_year_leaves_the_window_open() -> None:
    found = estimate("The crossing has carried aid since 2014.\nOn February 13 the council renewed it.")
    earliest, latest = window(found)
    assert earliest <= date(2015, 2, 13)
    assert latest == TODAY
    assert "later years possible" in found.basis


def test_a_date_without_a_year_after_the_start_of_something_ongoing_goes_to_the_year_after() -> None:
    found = estimate(
        "Thousands have fled since the fighting began in March 2011.\nOn 12 April the ceasefire collapsed."
    )
    earliest, latest = window(found)
    assert found.date.startswith("2012-04")
    assert earliest == date(2011, 4, 12)  # written in 2011 stays possible
    assert latest < date(2013, 1, 1)


# --- dates without a year -------------------------------------------------------------------------------------


def test_a_date_without_a_year_falls_after_an_earlier_year_the_text_names() -> None:
    # Writers give the year for other years and leave the current one out: this is April 2018.
    found = estimate("The coalition signed its first deal in July 2017.\nOn April 14, the ministers walked out.")
    earliest, latest = window(found)
    assert found.date.startswith("2018-04")
    assert earliest <= date(2018, 4, 14) <= latest
    assert "2018 from 'July 2017'" in found.basis


def test_a_date_without_a_year_takes_the_year_named_just_before_it_in_its_paragraph() -> None:
    text = (
        "Talks collapsed in March 2019, and nobody has tried since.\n"
        "The July 2016 round was worse. Vetoes came on July 7 and again on July 10."
    )
    found = estimate(text)
    assert window(found)[0] == date(2019, 3, 1)  # July 7 and 10 are of 2016, not after March 2019
    assert "March 2019" in found.basis


def test_a_weekday_picks_the_year_of_a_date_without_one() -> None:
    # 7 April was a Saturday in 2018, not in 2017.
    with_weekday = estimate("The raid came on the evening of Saturday, April 7, unlike the strikes of April 2017.")
    without = estimate("The raid came on the evening of April 7, unlike the strikes of April 2017.")
    assert with_weekday.date == "2018-04-07"
    assert without.date.startswith("2017-04")


def test_last_year_and_this_year_place_a_date_relative_to_the_writing_year() -> None:
    dated = "The envoys met on 12 February 2016. "
    last_year = estimate(dated + "Russian jets struck Aleppo on 30 September last year.")
    assert window(last_year)[0] == date(2016, 2, 12)  # 30 September 2015
    assert last_year.date.startswith("2016-02")
    no_year = estimate(dated + "Russian jets struck Aleppo on 30 September.")
    assert no_year.date.startswith("2016-10")  # without it, most likely the September after
    this_year = estimate("Prices fell in February this year, after the 2019 reforms were passed.")
    assert window(this_year)[0] == date(2019, 2, 1)


def test_next_year_with_an_upcoming_year_gives_the_writing_year() -> None:
    text = (
        "The ministers agreed to remove the arsenal by the middle of next year; the deadline is mid-2014.\n"
        "Obama had threatened strikes on August 31."
    )
    found = estimate(text)
    earliest, latest = window(found)
    assert earliest == date(2013, 8, 31)
    assert latest <= date(2013, 12, 31)
    assert "next year" in found.basis


def test_a_background_year_leaves_later_years_open_for_dates_without_one() -> None:
    found = estimate("The 2019 law still applies.\nIn February the European Union eased its sanctions.")
    earliest, latest = window(found)
    assert earliest <= date(2019, 2, 1)
    assert latest == TODAY
    assert "later years possible" in found.basis


def test_years_counted_from_a_named_year_name_a_year_too() -> None:
    text = "Nine years after its jets arrived in 2015, Russia bargains for its bases.\nRebels took Hama on December 5."
    found = estimate(text)
    assert found.date.startswith("2024-12")
    assert window(found)[0] == date(2024, 1, 1)


def test_a_year_spelled_out_in_a_transcript_is_a_year() -> None:
    found = estimate("In nineteen ninety-one the banker was convicted of fraud.")
    assert window(found)[0] == date(1991, 1, 1)


def test_a_wire_dateline_without_a_year_takes_it_from_the_other_references() -> None:
    text = (
        "GENEVA, June 30 (Reuters) - World powers agreed on a transition plan on Saturday.\n"
        "The council vetoed a draft in October 2011."
    )
    found = estimate(text)
    assert found.date == "2012-06-30"
    assert window(found) == (date(2012, 6, 30), date(2012, 7, 1))  # printed that day or the next
    assert "dateline" in found.basis


def test_weekdays_date_a_text_without_any_year_only_when_they_fit_the_past_year() -> None:
    # 10 January 2026 was a Saturday, five days before TODAY.
    fits = estimate("The envoys met on Saturday, 10 January, and will meet again next week.")
    assert fits.date == "2026-01-10"
    assert estimate_published("The envoys met on Friday, 10 January, and will meet again.", today=TODAY) is None
    assert estimate_published("The envoys met on 10 January and will meet again.", today=TODAY) is None


def test_a_date_without_a_year_after_until_is_a_deadline_ahead() -> None:
    text = (
        "Italy won a concession allowing it to fulfil contracts until 15 November.\n"
        "The embargo was imposed on 2 September 2011."
    )
    assert window(estimate(text)) == (date(2011, 9, 2), date(2011, 11, 15))


def test_a_dated_deadline_is_upcoming_but_a_range_is_past() -> None:
    deadline = estimate("It hopes to control 5% of the U.S. market by 1992.")  # "U.S." does not end the clause
    assert window(deadline)[1] == date(1992, 12, 31)
    assert "upcoming" in deadline.basis
    past_range = estimate("Syrian troops stayed in Lebanon from 1976 until 2005.")
    assert window(past_range)[0] == date(2005, 1, 1)


def test_a_plan_is_a_noun_and_does_not_make_a_date_upcoming() -> None:
    found = estimate(
        "The talks were meant to rescue the peace plan. A ceasefire under the plan took hold on April 12, 2012."
    )
    assert window(found)[0] == date(2012, 4, 12)


def test_a_date_without_a_year_after_in_at_the_start_of_a_sentence_is_a_date() -> None:
    found = estimate("Rebels took the city on December 8, 2024. In March, the coast erupted.")
    assert window(found)[0] == date(2025, 3, 1)


def test_a_bond_maturity_is_not_evidence() -> None:
    text = "The company sold $100 million of senior notes due Nov. 1, 2009, priced at par."
    assert estimate_published(text, today=TODAY) is None


def test_a_dateline_gives_the_date_outright() -> None:
    found = estimate("Published 10 March 2025\nFarmers blocked the ring road with tractors for a third day.")
    assert found.date == "2025-03-10"
    assert window(found) == (date(2025, 3, 9), date(2025, 3, 10))
    assert "dateline" in found.basis


def test_a_date_on_a_line_of_its_own_at_the_top_is_a_dateline() -> None:
    text = "By Ana Ruiz | 4 June 2024\nThe committee will publish its findings on 30 June 2024."
    assert estimate(text).date == "2024-06-04"


def test_readers_comments_follow_publication_within_days() -> None:
    text = (
        "The council voted to close the library in 2019. Residents have campaigned against it since, "
        "collecting signatures at the market every Saturday and filling the public gallery at each meeting. "
        "The council says the building needs repairs it cannot pay for; campaigners say a trust could run it "
        "with volunteers, as neighbouring towns have done with their reading rooms and museums.\n"
        "Comments\n"
        "12th March 2025 - 14:05 A terrible decision for the town.\n"
        "13th March 2025 - 09:41 Where will the children study now?\n"
    )
    found = estimate(text)
    assert window(found) == (date(2025, 3, 9), date(2025, 3, 12))
    assert "comment" in found.basis


# --- direction: past and upcoming ------------------------------------------------------------------------


def test_an_upcoming_event_bounds_the_date_from_above() -> None:
    text = (
        "The opposition boycotted the first round on March 10, 2025. "
        "The run-off is scheduled for April 2, 2025, the electoral commission said."
    )
    earliest, latest = window(estimate(text))
    assert (earliest, latest) == (date(2025, 3, 10), date(2025, 4, 2))


def test_only_upcoming_events_still_bound_the_date_from_above() -> None:
    found = estimate("Delegates will meet in Geneva on June 5, 2025 to draft the treaty.")
    earliest, latest = window(found)
    assert latest == date(2025, 6, 5)
    assert earliest < latest
    assert "upcoming" in found.basis


def test_the_same_date_reads_as_past_or_upcoming_by_its_clause() -> None:
    past = estimate("The summit took place on 20 May 2025 in Lisbon.")
    upcoming = estimate("The summit will take place on 20 May 2025 in Lisbon.")
    assert window(past)[0] == date(2025, 5, 20)
    assert window(upcoming)[1] == date(2025, 5, 20)


def test_this_month_with_an_upcoming_event_points_to_that_events_month() -> None:
    text = (
        "Rebels took the capital in December 2024. The new president plans to name a cabinet this month, "
        "and a donors' meeting is set for March 10 in New York."
    )
    found = estimate(text)
    assert window(found) == (date(2025, 3, 1), date(2025, 3, 10))
    assert "this month" in found.basis


def test_a_weekday_picks_the_day_after_the_latest_reference() -> None:
    # 10 March 2025 was a Monday; "on Wednesday" puts the article on Wednesday 12 March.
    text = "Talks opened on 10 March 2025 in Doha. On Wednesday, both delegations walked out."
    assert estimate(text).date == "2025-03-12"


# --- what is not evidence ------------------------------------------------------------------------------------


def test_years_far_in_the_past_are_background() -> None:
    text = (
        "The treaty dates from 1946, and the border was redrawn in 1967. Negotiators met again "
        "in March 2012 and on 4 April 2012 agreed on a ceasefire."
    )
    found = estimate(text)
    assert window(found)[0] == date(2012, 4, 4)
    assert "1946" not in found.basis


@pytest.mark.parametrize(
    "text",
    [
        "Officials met on Tuesday and said the talks would continue next week.",
        "More than 2000 people marched, and 1500 police officers were deployed.",
        "Science fiction writers imagine the year 30000 as a time of peace.",
        "Flight 1947 landed safely under Resolution 2042.",
        "",
    ],
)
def test_no_evidence_gives_no_estimate(text: str) -> None:
    assert estimate_published(text, today=TODAY) is None


def test_absurd_years_are_ignored_next_to_real_ones() -> None:
    found = estimate("The mission launched in 2013; its builders joked it would last until the year 30000.")
    assert window(found)[0] == date(2013, 1, 1)
    assert "30000" not in found.basis


# --- today and the title -------------------------------------------------------------------------------------


def test_never_after_today() -> None:
    today = date(2025, 3, 12)
    found = estimate("The ministers signed the accord on March 10, 2025.", today=today)
    assert_consistent(found, today)
    assert window(found)[1] == today


def test_references_after_today_do_not_place_the_article_in_the_future() -> None:
    today = date(2024, 1, 1)
    found = estimate_published("The bridge opened on 4 May 2023. It was repaired on 2 February 2025.", today=today)
    assert found is not None
    assert window(found)[0] == date(2023, 5, 4)
    assert_consistent(found, today)


def test_default_today_is_the_current_date() -> None:
    found = estimate_published("The dam was completed in 2013.")
    assert found is not None
    assert date.fromisoformat(found.latest) <= date.today()


def test_the_title_is_evidence_too() -> None:
    found = estimate("Negotiators arrived in Vienna on Sunday.", title="Talks set for March 20, 2025")
    assert window(found)[1] == date(2025, 3, 20)


# --- properties ------------------------------------------------------------------------------------------------

_FRAGMENTS = [
    "on March 10, 2025", "in 2013", "since 1999", "10 March", "in June", "last August", "since May",
    "will meet on 4 July 2024", "is scheduled for 2 May", "on Tuesday", "this month", "this year",
    "Published 1 January 2020\n", "12th March 2025 - 14:05", "early 2021", "the end of 2019", "2024-02-29",
    "29 February", "31/12/2023", "05/06/2022", "12 February 12 15:38 GMT", "the year 30000", "in 1800",
    "next March", "December 2024", "yesterday", ".", "\n", "said", "would", "since the war began in 2011",
    "Saturday, April 7", "on 30 September last year", "in February this year", "by the middle of next year",
    "mid-2014", "GENEVA, June 30 (Reuters) -", "notes due 1999", "until 15 November", "from 1976 until 2005",
    "Nine years after the war began in 2015", "the 30th anniversary of the 1982", "nineteen ninety-one",
    "since 2014", "In March", "29 February 2100", "31 December 9999", "Friday, 29 February",
]  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.one_of(st.text(), st.lists(st.sampled_from(_FRAGMENTS), max_size=12).map(" ".join)),
    today=st.dates(min_value=date(1801, 1, 1), max_value=date(2200, 12, 31)),
)
def test_estimates_are_consistent_and_never_raise(text: str, today: date) -> None:
    found = estimate_published(text, today=today)
    if found is not None:
        assert_consistent(found, today)


# --- evaluation ------------------------------------------------------------------------------------------------


def _write(folder: Path, day: str, name: str, text: str) -> None:
    (folder / day).mkdir(parents=True, exist_ok=True)
    (folder / day / name).write_text(text, encoding="utf-8")


def test_evaluation_measures_coverage_containment_and_error(tmp_path: Path) -> None:
    _write(tmp_path, "2025-03-10", "a.txt", "Published 10 March 2025\nFarmers blocked the ring road.")
    _write(tmp_path, "2025-03-12", "b.txt", "Talks opened on 10 March 2025 in Doha. On Wednesday they ended.")
    _write(tmp_path, "2025-03-14", "c.txt", "Officials met on Tuesday and promised more talks.")
    (tmp_path / "notes").mkdir()  # not a date: ignored
    result = evaluate_pubdate(tmp_path, today=TODAY, other_sets=False)
    assert result["articles"] == 3
    assert result["estimated"] == 2
    assert result["coverage"] == pytest.approx(2 / 3)
    assert result["window_contains_true"] == 1.0
    assert result["median_abs_error_days"] == 0
    assert result["within_7_days"] == 1.0
    report = format_pubdate_report(result)
    assert "coverage 66.7%" in report
    assert "inside [earliest, latest]: 100.0%" in report


def test_evaluating_a_folder_also_reports_the_other_sets_it_finds(tmp_path: Path) -> None:
    _write(tmp_path, "2025-03-10", "a.txt", "Published 10 March 2025\nFarmers blocked the ring road.")
    report = format_pubdate_report(evaluate_pubdate(tmp_path, today=TODAY))
    assert f"articles in {tmp_path}:" in report
    assert "demo corpus:" in report  # shipped with the repository, so always there
    assert "TempEval-3:" in report  # measured, or skipped with the reason


def test_evaluation_without_data_raises_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StorylineError) as raised:
        evaluate_pubdate(tmp_path / "absent")
    assert raised.value.code == EVAL_DATA_MISSING.code
    assert "absent" in str(raised.value)


def test_evaluation_command_skips_missing_sets_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data", str(tmp_path / "absent"), "--today", "2026-01-01"]) == 0
    out = capsys.readouterr().out
    assert f"Timeline17:\n  skipped: {tmp_path / 'absent'}: {EVAL_DATA_MISSING.code}" in out
    assert "demo corpus:\n  articles: " in out


def test_the_export_records_and_plain_text_articles_of_a_corpus_are_measured(tmp_path: Path) -> None:
    gold, corpus = tmp_path / "gold", tmp_path / "corpus"
    gold.mkdir()
    corpus.mkdir()
    (corpus / "a.txt").write_text("Published 3 May 2024\nThe dam opened.", encoding="utf-8")
    (gold / "a.txt.json").write_text('{"file": "a.txt", "format": "txt", "published": "2024-05-03"}', encoding="utf-8")
    records = [{"id": "r1", "text": "The vote was held on 9 June 2024."}, {"id": "r2", "text": "No dates here."}]
    (corpus / "b.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    gold_records = [{"id": "r1", "published": "2024-06-10"}, {"id": "r2", "published": "2024-06-11"}]
    (gold / "b.jsonl.json").write_text(
        json.dumps({"file": "b.jsonl", "format": "jsonl", "published": None, "records": gold_records}), encoding="utf-8"
    )
    result = evaluate_demo(gold, today=TODAY)
    assert (result["articles"], result["estimated"]) == (3, 2)
    assert result["window_contains_true"] == 1.0


def test_timeml_documents_are_read_from_their_text_alone(tmp_path: Path) -> None:
    document = (
        '<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-08" functionInDocument="CREATION_TIME">'
        "1998-08-08</TIMEX3></DCT><TITLE>Not read</TITLE><TEXT>\nThe ministers met on "
        '<TIMEX3 tid="t1" type="DATE" value="1998-08-07">Aug. 7, 1998</TIMEX3> &amp; agreed.\n</TEXT></TimeML>'
    )
    for folder in ("a", "b"):  # the same document twice counts once
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "doc1.tml").write_text(document, encoding="utf-8")
    result = evaluate_tempeval3(tmp_path, today=TODAY)
    assert (result["articles"], result["estimated"]) == (1, 1)
    assert result["window_contains_true"] == 1.0
    assert result["median_abs_error_days"] == 1  # from 7 August in the text, not from the creation time


def test_demo_corpus_publication_dates_meet_measured_floors() -> None:
    result = evaluate_demo(today=date(2026, 1, 1))
    # Measured: 28 articles (23 plain-text files, 5 export records), coverage 96.4%, inside 92.6%, median
    # error 30 days, within 7 days 18.5%, within 31 days 51.9%, median window 458 days. Ten articles name
    # no year but a background one ("since 2014", "a 2019 law"): their windows run to today.
    assert result["articles"] == 28
    assert result["coverage"] >= 0.96
    assert result["window_contains_true"] >= 0.92
    assert result["median_abs_error_days"] <= 31
    assert result["within_31_days"] >= 0.5


@pytest.mark.slow
def test_timeline17_publication_dates_meet_measured_floors() -> None:
    if not TIMELINE17_DOCS.is_dir():
        pytest.skip(f"../shared/data not found: {TIMELINE17_DOCS} is absent (evaluation data sits beside the checkout)")
    result = evaluate_pubdate(TIMELINE17_DOCS, today=date(2026, 1, 1), other_sets=False)
    # Measured: coverage 45.8%, inside 96.5%, median error 7 days, within 7 days 51.1%, within 31 days 62.4%,
    # median window 153 days. 165 of the 167 articles without an estimate name no year at all.
    assert result["articles"] == 308
    assert result["coverage"] >= 0.45
    assert result["window_contains_true"] >= 0.96
    assert result["median_abs_error_days"] <= 7
    assert result["within_7_days"] >= 0.5
    assert result["within_31_days"] >= 0.6
    assert result["median_window_days"] <= 160


@pytest.mark.slow
def test_tempeval3_publication_dates_meet_measured_floors() -> None:
    if not TEMPEVAL3_DOCS.is_dir():
        pytest.skip(f"../shared/data not found: {TEMPEVAL3_DOCS} is absent (evaluation data sits beside the checkout)")
    result = evaluate_all(today=date(2026, 1, 1), sets=("TempEval-3",))["TempEval-3"]
    # Measured: 256 documents, coverage 35.9%, inside 66.3%, median error 494 days. Most documents name no
    # year; the rest are business news full of years ahead ("notes due 1999", "profitable by 1994").
    assert result["articles"] == 256
    assert result["coverage"] >= 0.35
    assert result["window_contains_true"] >= 0.64
