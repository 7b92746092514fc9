"""ingest.html: trafilatura keeps the article and its metadata, and leaves the page out."""

from __future__ import annotations

from pathlib import Path

import pytest

from saidwhat.errors import InputError
from saidwhat.ingest import NotEnglishError, read_inputs
from saidwhat.ingest.html import from_html
from saidwhat.model import Failure, article_id

PAGES = Path(__file__).parent / "fixtures" / "ingest"


@pytest.fixture(scope="module")
def page() -> bytes:
    return (PAGES / "article.html").read_bytes()


def test_metadata_comes_from_the_page(page):
    article = from_html(page, source="article.html")
    assert article.title == "Harbour ferry fares to rise in spring, operator says"
    assert article.author == "Nadia Okafor"
    assert article.site == "The Coastline Courier"
    assert article.published == "2024-03-14"
    assert article.url == "https://courier.example.com/news/2024/03/harbour-ferry-fares"
    assert article.id == article_id("", article.url)
    assert article.language == "en"


def test_text_is_the_article_body_only(page):
    text = from_html(page).text
    assert "diesel has gone up by a third" in text
    assert "according to the harbour authority" in text
    for debris in (
        "cookie",  # the cookie banner
        "Related stories",
        "bus lane",  # related links
        "Subscribe",
        "Sport",  # navigation
        "SeaDog77",
        "Absolute scandal",
        "afford another rise",  # the comment section
        "Leave a Reply",
        "7 + 5",
        "Post Comment",  # the comment form and its captcha
        "All rights reserved",  # the footer
    ):
        assert debris not in text, debris


def test_body_regions_are_the_paragraphs_of_the_text(page):
    article = from_html(page)
    lines = [article.text[s:e] for s, e in article.body]
    assert lines == [line for line in article.text.split("\n") if line.strip()]
    assert lines[0] == article.title  # kept, so the pipeline can treat it as the headline


def test_what_the_input_knows_wins_over_the_page(page):
    article = from_html(
        page, url="https://mirror.example.org/ferry", title="Ferry fares", published="2024-03-15"
    )
    assert (article.url, article.title, article.published) == (
        "https://mirror.example.org/ferry",
        "Ferry fares",
        "2024-03-15",
    )
    assert article.id == article_id("", "https://mirror.example.org/ferry")


def test_fallback_date_only_when_the_page_has_none(page):
    assert from_html(page, fallback_date="2030-01-01").published == "2024-03-14"
    undated = (
        b"<html><body><article><p>"
        + b"The mayor said the bridge would reopen soon. " * 8
        + b"</p></article></body></html>"
    )
    article = from_html(undated, fallback_date="2024-05-02T10:00:00Z")
    assert article.published == "2024-05-02T10:00:00Z"
    assert article.url is None and article.id == article_id(article.text)


def test_a_page_without_an_article_is_refused():
    with pytest.raises(InputError, match="no article text found"):
        from_html((PAGES / "no-article.html").read_bytes(), source="no-article.html")


@pytest.mark.parametrize("data", [b"", b"\x00\x01\x02\x03 not a page", b"<html></html>"])
def test_unreadable_pages_are_refused(data):
    with pytest.raises(InputError):
        from_html(data)


def test_a_page_in_another_language_is_not_english():
    german = (
        "<html lang='de'><body><article><p>" + "Die Regierung hat am Dienstag beschlossen, die "
        "Steuern für kleine Unternehmen zu senken, sagte der Minister. " * 5 + "</p></article></body></html>"
    )
    with pytest.raises(NotEnglishError):
        from_html(german.encode("utf-8"))


def test_read_inputs_takes_html_files(tmp_path):
    (tmp_path / "story.htm").write_bytes((PAGES / "article.html").read_bytes())
    (tmp_path / "index.html").write_bytes((PAGES / "no-article.html").read_bytes())
    results = list(read_inputs([str(tmp_path / "story.htm"), str(tmp_path / "index.html")]))
    assert results[0].title.startswith("Harbour ferry fares")
    assert isinstance(results[1], Failure) and "no article text found" in results[1].reason
