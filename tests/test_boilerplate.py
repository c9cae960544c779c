"""Plain-text boilerplate cleaning: gold fixtures, awkward inputs, and properties on generated articles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from storyline.clean.boilerplate import REASONS, CleanedText, clean_plain_text, normalise

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "cleaning"
GOLD_FILES = sorted(FIXTURES.glob("*.json"))
LINE_ENDINGS = {"unix": "\n", "windows": "\r\n", "old-mac": "\r"}


def load_fixture(gold_path: Path, ending: str) -> tuple[str, dict[str, Any]]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    # Read bytes: read_text would translate line endings, and the endings are what some cases test.
    raw = (FIXTURES / gold["file"]).read_bytes().decode("utf-8")
    return raw.replace("\n", ending), gold


def assert_offsets_valid(raw: str, cleaned: CleanedText) -> None:
    previous_end = 0
    for removal in sorted(cleaned.removed, key=lambda r: r.start):
        assert 0 <= removal.start < removal.end <= len(raw)
        assert raw[removal.start:removal.end] == removal.text
        assert removal.start >= previous_end, "removals overlap"
        assert removal.reason in REASONS
        previous_end = removal.end


def raw_lines(raw: str) -> list[str]:
    return [line.strip() for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()]


def test_there_are_enough_gold_fixtures() -> None:
    assert len(GOLD_FILES) >= 8


@pytest.mark.parametrize("ending", LINE_ENDINGS.values(), ids=LINE_ENDINGS.keys())
@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_fixture(gold_path: Path, ending: str) -> None:
    raw, gold = load_fixture(gold_path, ending)
    cleaned = clean_plain_text(raw)
    assert (cleaned.title, cleaned.summary) == (gold["title"], gold["summary"])
    assert (cleaned.source, cleaned.author) == (gold["source"], gold["author"])
    removed_as: dict[str, list[str]] = {}
    for removal in cleaned.removed:
        removed_as.setdefault(removal.text, []).append(removal.reason)
    lines = raw_lines(raw)
    for line, reason in gold["boilerplate"].items():
        assert removed_as.get(line) == [reason] * lines.count(line), line
    repeated = gold.get("repeated", {})
    for line, copies in repeated.items():
        assert removed_as.get(line) == ["repeated_line"] * copies, line
    unexpected = [r.text for r in cleaned.removed if r.text not in gold["boilerplate"] and r.text not in repeated]
    assert unexpected == []
    paragraphs = cleaned.text.split("\n\n")
    for line in lines:
        if line not in gold["boilerplate"]:
            # Hard-wrapped lines survive inside their re-joined paragraph; other lines are paragraphs.
            assert normalise(line) in (cleaned.text if gold.get("wrapped") else paragraphs), line
    assert_offsets_valid(raw, cleaned)


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.stem)
def test_cleaning_a_cleaned_fixture_changes_nothing(gold_path: Path) -> None:
    cleaned = clean_plain_text(load_fixture(gold_path, "\n")[0])
    again = clean_plain_text(cleaned.text)
    assert again.text == cleaned.text
    assert (again.title, again.summary, again.removed) == (None, None, [])


def test_hard_wrapped_paragraphs_are_rejoined() -> None:
    cleaned = clean_plain_text(load_fixture(FIXTURES / "ceasefire_monitors_wrapped.json", "\n")[0])
    assert "will add forty observers and two mobile teams by the end of June" in cleaned.text
    assert all("\n" not in paragraph for paragraph in cleaned.text.split("\n\n"))


@pytest.mark.parametrize("raw", ["", "   ", "\n\n\r\n\t", "\u00a0\u200b\n\ufeff", "&nbsp;\n<br>"])
def test_empty_or_blank_input_gives_empty_text(raw: str) -> None:
    cleaned = clean_plain_text(raw)
    assert cleaned.text == ""
    assert (cleaned.title, cleaned.summary, cleaned.source, cleaned.author) == (None, None, None, None)
    assert_offsets_valid(raw, cleaned)


def test_entities_invisible_characters_and_non_breaking_spaces_are_normalised() -> None:
    paragraph = ("Officials&nbsp;from the Energy &amp; Climate Directorate said the pipe\u200bline would "
                 "stay\u00a0open through the winter, and that &quot;no volumes&quot; had been booked for January "
                 "or February.")
    cleaned = clean_plain_text(paragraph)
    assert cleaned.text == ('Officials from the Energy & Climate Directorate said the pipeline would stay open through '
                            'the winter, and that "no volumes" had been booked for January or February.')


def test_encoded_angle_brackets_stay_encoded_so_no_tag_appears() -> None:
    cleaned = clean_plain_text("The memo used the placeholder &lt;b&gt;name&lt;/b&gt; in every one of its forty pages, "
                               "which the committee later cited as evidence that it had been drafted in a hurry.")
    assert "&lt;b&gt;" in cleaned.text and "<b>" not in cleaned.text


def test_inline_tags_are_dropped_and_reported() -> None:
    raw = ("The envoy <b>arrived</b> in the capital on Monday and met the foreign minister for three hours, "
           "according to a statement issued after the meeting ended late in the evening.")
    cleaned = clean_plain_text(raw)
    assert "arrived in the capital" in cleaned.text and "<b>" not in cleaned.text
    assert [(r.text, r.reason) for r in cleaned.removed] == [("<b>", "empty_markup"), ("</b>", "empty_markup")]
    assert_offsets_valid(raw, cleaned)


PROSE = ("The ministers met for four hours on Tuesday and agreed to meet again next month, officials said, "
         "although neither side would say what had been agreed about the disputed checkpoints.")


def test_prose_that_mentions_cookies_and_subscriptions_is_kept() -> None:
    cookie_law = ("The new law requires websites to ask for consent before they store cookies in a browser, and gives "
                  "citizens the right to opt out of the sale of their personal data to third parties.")
    subscribers = "State television lost a third of its cable subscribers after the channel was taken off the air."
    raw = "\n\n".join([PROSE, cookie_law, subscribers, PROSE.replace("Tuesday", "Friday")])
    assert clean_plain_text(raw).text == raw


def test_short_consent_and_prompt_lines_are_removed_but_prose_stays() -> None:
    raw = "\n".join([PROSE, "Accept all cookies", "Subscribe to our newsletter", "Share this article",
                     "Follow us on Telegram", "Advertisement", PROSE.replace("Tuesday", "Friday")])
    cleaned = clean_plain_text(raw)
    assert cleaned.text == PROSE + "\n\n" + PROSE.replace("Tuesday", "Friday")
    assert [r.reason for r in cleaned.removed] == [
        "cookie_consent", "subscribe_prompt", "share_prompt", "share_prompt", "navigation"]


@pytest.mark.parametrize("between", ["", "Advertisement\n", "Share this article\n"])
def test_a_short_opening_paragraph_stays_in_the_body(between: str) -> None:
    opening = "Russia vetoed the draft resolution on Tuesday."
    cleaned = clean_plain_text(f"{opening}\n{between}{PROSE}")
    assert cleaned.text == f"{opening}\n\n{PROSE}"
    assert (cleaned.title, cleaned.summary) == (None, None)


def test_a_standfirst_over_a_photo_credit_is_still_the_summary() -> None:
    raw = "\n".join(["Analysis: Talks Resume in Vienna", "Diplomats hope to settle the sequence of steps by summer.",
                     "Photo: Anna Berg / Nordic Images", PROSE])
    cleaned = clean_plain_text(raw)
    assert cleaned.title == "Analysis: Talks Resume in Vienna"
    assert cleaned.summary == "Diplomats hope to settle the sequence of steps by summer."
    assert cleaned.text == PROSE


def test_a_bio_sentence_inside_the_article_is_kept() -> None:
    bio_like = ("Maria Lindgren is a professor of history who has studied the region for decades, and she says "
                "the talks resemble those of the 1990s more than anyone in either capital admits.")
    raw = "\n\n".join([PROSE, bio_like, PROSE.replace("Tuesday", "Friday")])
    assert clean_plain_text(raw).text == raw


def test_headline_and_standfirst_removals_carry_the_metadata() -> None:
    raw = "Talks Resume in Vienna\nDiplomats hope to settle the sequence of steps before summer.\n" + PROSE
    cleaned = clean_plain_text(raw)
    assert cleaned.title == "Talks Resume in Vienna"
    assert cleaned.summary == "Diplomats hope to settle the sequence of steps before summer."
    assert [(r.reason, r.text) for r in cleaned.removed] == [
        ("headline", cleaned.title), ("standfirst", cleaned.summary)]
    assert cleaned.text == PROSE


# -- properties ----------------------------------------------------------------------------------------------------

def word_list(words: str) -> list[str]:
    return words.split()


WORDS = word_list(
    "talks ministers border agreed plan reopen crossing officials said week envoy capital delegation ceasefire "
    "observers statement government council sanctions trade routes winter supplies pipeline region meeting proposal "
    "deadline monday report villages convoy aid corridor negotiators summit security treaty allies troops withdrawal "
    "elections parliament vote referendum")
GLUE = word_list("the a of to and in on for with after before that would could")

# Lines every article may carry anywhere, each removable by its own shape.
BOILERPLATE = [
    "Subscribe to our newsletter", "Sign up for our daily briefing", "Share this article",
    "Facebook Twitter Email", "Advertisement", "Read more: Talks resume in Vienna", "Skip to content",
    "Home | World | Europe", "photo_2231 final.jpg", "Photo: Anna Berg / Nordic Images",
    "E-mail: desk@example.org", "ORCID: 0000-0001-2345-6789",
    "This article originally appeared in The Harbour Review.", "Accept all cookies",
    "We use cookies to personalise content and analyse traffic on our site. You can change your privacy "
    "settings at any time.", "By Jane Doe", "&nbsp;", "<br>", "* * *", "© 2025 Harbour Media. All rights reserved.",
]


def sentences_of(words: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(words), min_size=8, max_size=14).map(lambda ws: " ".join(ws).capitalize() + ".")


sentences = sentences_of(WORDS + GLUE)
# A standfirst is not worded like a news lede (no "said", no weekday), or it stays in the body.
standfirsts = sentences_of([w for w in WORDS if w not in ("said", "monday")] + GLUE)
paragraphs = st.lists(sentences, min_size=3, max_size=4).map(" ".join)
titles = st.lists(st.sampled_from(WORDS), min_size=3, max_size=8).map(lambda ws: " ".join(w.title() for w in ws))
separators = st.sampled_from(["\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\n \n", "\n\u00a0\n"])
noise = st.sampled_from(["", " ", "\u00a0", "\u200b", "\t"])


@st.composite
def scraped_articles(draw: st.DrawFn) -> tuple[str, list[str], list[str], tuple[str, str] | None]:
    body = draw(st.lists(paragraphs, min_size=1, max_size=6))
    junk = draw(st.lists(st.sampled_from(BOILERPLATE), max_size=8))
    header = draw(st.none() | st.tuples(titles, standfirsts))
    # With a headline, the article opens on its headline, standfirst and first paragraph; the rest is shuffled.
    opening, rest = ([*header, body[0]], body[1:]) if header is not None else ([], body)
    lines = opening + draw(st.permutations(rest + junk))
    raw = ""
    for line in lines:
        raw += draw(noise) + line + draw(noise) + draw(separators)
    return raw, body, junk, header


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scraped_articles())
def test_generated_articles_lose_boilerplate_and_keep_every_paragraph(
        case: tuple[str, list[str], list[str], tuple[str, str] | None]) -> None:
    raw, body, junk, header = case
    cleaned = clean_plain_text(raw)
    assert_offsets_valid(raw, cleaned)
    kept = cleaned.text.split("\n\n")
    assert set(body) <= set(kept)
    assert not {normalise(line) for line in junk} & set(kept)
    # A headline and standfirst are found when present, and never made up from body paragraphs.
    assert (cleaned.title, cleaned.summary) == (header or (None, None))
    again = clean_plain_text(cleaned.text)
    assert again.text == cleaned.text and (again.title, again.summary) == (None, None)


# Lines whose fate depends on their neighbours: the properties must hold whatever order they come in.
CONTEXTUAL = [
    "The Harbour Review", "harbour-review.org", "Jane Doe", "Jane Doe is a professor of history at Example University.",
    "Research Director", "Want more stories like this?", "Related Stories", "Ships wait outside the harbour at dawn",
    "Ships wait outside the harbour at dawn (Photo: Anna Berg / Nordic Images)", "Anna Berg / Nordic Images",
    "March 3, 2025", "Why now?", "GENEVA (Wire) - Talks resumed.", "Talks resumed.",
]

chunks = st.one_of(
    st.sampled_from(BOILERPLATE), st.sampled_from(CONTEXTUAL), paragraphs, sentences, titles,
    st.text(alphabet=st.sampled_from(list("ab &;#<>/pbr\u00a0\u200b\t.?!:|()XZ0123456789")), max_size=30),
    st.text(max_size=40),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(chunks, separators), max_size=12))
@example(parts=[(". 0", "\n")])
def test_any_text_gives_valid_offsets_and_a_fixed_point(parts: list[tuple[str, str]]) -> None:
    raw = "".join(chunk + separator for chunk, separator in parts)
    cleaned = clean_plain_text(raw)
    assert_offsets_valid(raw, cleaned)
    again = clean_plain_text(cleaned.text)
    assert again.text == cleaned.text
    assert (again.title, again.summary) == (None, None)


def test_short_dated_lede_is_body_not_standfirst() -> None:
    raw = ("Envoys agree on aid corridor\n\n"
           "The two foreign ministers met in Vienna on Saturday, March 14, 2015, to settle the route.\n\n"
           "Officials said trucks would start moving within days if both sides kept to the truce, and that monitors "
           "from neutral countries would watch the first convoys.\n")
    cleaned = clean_plain_text(raw)
    assert cleaned.summary is None
    assert "The two foreign ministers met in Vienna on Saturday, March 14, 2015" in cleaned.text
