"""HTML main-text and metadata extraction on original fixture pages (tests/fixtures/html)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.errors import MALFORMED_HTML, StorylineError
from storyline.ingest.html import ExtractedPage, extract_html

FIXTURES = Path(__file__).parent / "fixtures" / "html"


def page(name: str) -> ExtractedPage:
    return extract_html((FIXTURES / name).read_bytes(), source=name)


@pytest.fixture(scope="module")
def full() -> ExtractedPage:
    return page("news_full.html")


@pytest.fixture(scope="module")
def bare() -> ExtractedPage:
    return page("news_bare.html")


def test_article_paragraphs_are_kept_in_order_as_blank_line_separated_paragraphs(full: ExtractedPage) -> None:
    paragraphs = full.text.split("\n\n")
    assert paragraphs[1].startswith("The agreement, signed late on Wednesday in the border town")
    assert paragraphs[-1].startswith("Officials said the two governments would meet again in May")
    assert any(p.startswith('"Every week the bridge stayed shut') for p in paragraphs)
    assert len(paragraphs) == 6


def test_standfirst_outside_the_article_body_opens_the_text(full: ExtractedPage, bare: ExtractedPage) -> None:
    # one lead is found through the page's description, the other only by its "intro" class
    assert full.text.startswith("Trucks carrying grain and medicine will cross the Velda bridge again")
    assert bare.text.startswith("Negotiators for the dock workers and the port authority left the mediation office")


@pytest.mark.parametrize(
    "boilerplate",
    [
        "We use cookies",
        "Accept all cookies",
        "Subscribe today",
        "Share on Facebook",
        "Email this story",
        "diplomatic correspondent",
        "Read more",
        "Harvest losses mount in the delta",
        "More on this story",
        "Floodwaters cut off valley towns",
        "Comments (3)",
        "My cousin drives that route",
        "Most read",
        "Port workers vote to strike",
        "All rights reserved",
        "Privacy notice",
        "morning newsletter",
        "Enjoyed this report? Subscribe",
    ],
)
def test_boilerplate_around_a_news_article_is_dropped(full: ExtractedPage, boilerplate: str) -> None:
    assert boilerplate not in full.text


@pytest.mark.parametrize(
    "boilerplate",
    ["Log in to your account", "Share this page", "Also from our newsroom", "Island ferry timetable", "Site map"],
)
def test_menus_and_related_story_links_are_dropped(bare: ExtractedPage, boilerplate: str) -> None:
    assert boilerplate not in bare.text
    assert bare.text.rstrip().endswith("to give the negotiations a chance.")


def test_metadata_is_read_from_the_page(full: ExtractedPage) -> None:
    assert full.title == "Envoys agree to reopen river crossing after winter floods"  # without "| The Harbour Ledger"
    assert full.author == "Marta Okonkwo"
    assert full.sitename == "The Harbour Ledger"
    assert full.published == "2019-03-14"  # the original date, not the 2021 modification
    assert full.language == "en"
    assert full.description is not None and full.description.startswith("Trucks carrying grain")
    assert full.method == "trafilatura"


def test_page_without_metadata_reports_none_rather_than_guesses(bare: ExtractedPage) -> None:
    assert bare.title == "Grain talks stall as harbour strike enters third week"
    assert (bare.author, bare.published, bare.language, bare.description) == (None, None, None, None)


def test_legacy_encoding_visible_date_and_declared_language() -> None:
    blog = page("blog_latin1.html")
    assert "Frau Grünberger erzählte, wie ihr Großvater die Fähre" in blog.text
    assert blog.title == "Ein Abend im Café am Kai"
    assert not blog.text.startswith(blog.title)  # the headline is the title, not a paragraph
    assert blog.published == "2018-05-12"  # from "Veröffentlicht am 12. Mai 2018" in the text
    assert blog.language == "de"
    assert "Impressum" not in blog.text and "Archiv" not in blog.text
    assert blog.method == "trafilatura+fallbacks"  # a short first pass is retried with the fallbacks


BODY = [
    "The finance ministers of the four coastal states met in the old customs house on Thursday to settle how the "
    "cost of dredging the shared shipping channel will be divided over the coming decade.",
    "Under the draft seen by reporters, the two largest ports would pay two thirds of the bill, while the smaller "
    "harbours would contribute in kind by maintaining the buoys and the pilot boats that guide vessels in.",
    "Delegates said a final text could be ready for signature before the autumn storms, when dredging becomes "
    "impossible and the channel starts to silt up again after every heavy tide.",
]


def article_page(last_paragraph: str) -> str:
    paragraphs = "".join(f"<p>{text}</p>" for text in [*BODY, last_paragraph])
    return (
        "<html><head><title>Ministers split dredging bill</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/ports'>Ports</a></nav>"
        f"<article><h1>Ministers split dredging bill</h1><div class='article-body'>{paragraphs}</div></article>"
        "</body></html>"
    )


@pytest.mark.parametrize(
    "closing",
    [
        "© 2024 The Coastal Courier. All rights reserved.",
        "Sign up to get our best reporting on the ports delivered every morning.",
        "Want more stories like this? Subscribe to our weekly shipping newsletter.",
    ],
)
def test_a_closing_notice_or_call_to_subscribe_is_dropped(closing: str) -> None:
    text = extract_html(article_page(closing)).text
    assert text.endswith("after every heavy tide.")


def test_a_closing_paragraph_that_merely_mentions_a_newsletter_is_kept() -> None:
    closing = "The draft was first reported on Wednesday by a trade newsletter for harbour pilots."
    assert extract_html(article_page(closing)).text.endswith(closing)


def test_extraction_opens_no_network_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("extract_html tried to open a connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    found = extract_html((FIXTURES / "news_full.html").read_bytes(), url="https://ledger.example/2019/03/14/crossing")
    assert found.published == "2019-03-14"


def test_text_and_bytes_give_the_same_page() -> None:
    raw = (FIXTURES / "news_full.html").read_bytes()
    assert extract_html(raw.decode("utf-8")) == extract_html(raw)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        "   \n  ",
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
        "<html><head><title>Home</title></head><body><script>window.app = {};</script></body></html>",
        "<html><body><div class='cookie-banner'><button>Accept</button></div></body></html>",
    ],
    ids=["empty", "blank", "binary", "script-only", "banner-only"],
)
def test_unusable_input_raises_malformed_html_naming_the_source(content: str | bytes) -> None:
    with pytest.raises(StorylineError) as raised:
        extract_html(content, source="inbox/page-17.html")
    assert raised.value.spec is MALFORMED_HTML
    assert raised.value.source == "inbox/page-17.html"
    assert str(raised.value).startswith("inbox/page-17.html: SL106")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400) | st.binary(max_size=400))
def test_any_input_gives_a_page_or_the_malformed_html_error(content: str | bytes) -> None:
    try:
        result = extract_html(content, source="fuzz.html")
    except StorylineError as error:
        assert error.spec is MALFORMED_HTML
    else:
        assert result.text.strip()
        assert result.published is None or len(result.published) == 10
